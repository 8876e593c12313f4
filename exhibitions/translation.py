from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import CuratorCredit, ExhibitionIndexPage, ExhibitionPage, ExhibitionVenue


@register(ExhibitionIndexPage)
class ExhibitionIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(ExhibitionPage)
class ExhibitionPageTR(TranslationOptions):
    fields = ("introduction", "hero_image_alt", "body")


@register(CuratorCredit)
class CuratorCreditTR(TranslationOptions):
    fields = ("role",)


@register(ExhibitionVenue)
class ExhibitionVenueTR(TranslationOptions):
    fields = ("venue",)
