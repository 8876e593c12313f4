"""Exhibition story blocks: the shared base vocabulary for now; the exhibitions issue
adds showcases, clips, maps, timelines and parallel perspectives here."""

from heritage.blocks import BaseStreamBlock


class ExhibitionStreamBlock(BaseStreamBlock):
    pass
