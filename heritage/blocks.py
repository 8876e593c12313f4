"""The shared StreamField vocabulary. Apps extend :class:`BaseStreamBlock` with their
own blocks (exhibitions add showcases, clips, maps…) rather than repeating this list.

Every block declares an icon, a template, a preview value and a description so the
editor's block picker explains itself:
https://docs.wagtail.org/en/stable/topics/streamfield.html#block-previews
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=60,
        help_text=_("Optional short id for links to this heading, e.g. the-harbour."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; headings build the page's table of contents.")
        preview_value = {"text": "Arrivals by sea", "anchor": "arrivals"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        description = _("Paragraphs with links, lists and emphasis.")
        preview_value = "<p>Ships from Tunis reached the old port every week, carrying families and letters.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("One image with its description, caption and credit.")
        preview_value = {"alt_text": "", "caption": "Harbour workers, 1950s", "credit": ""}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=255)
    language = blocks.CharBlock(
        label=_("Language of the quotation"),
        required=False,
        max_length=12,
        help_text=_("A language code such as ar, fr or tr, if it differs from the page's language."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A spoken or written quotation, credited to its speaker.")
        preview_value = {"text": "We brought the sea with us.", "attribution": "Fatma B., Marseille"}


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
