from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ExhibitionIndexPage, ExhibitionPage


@register(ExhibitionIndexPage)
class ExhibitionIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(ExhibitionPage)
class ExhibitionPageTR(TranslationOptions):
    fields = ("introduction", "hero_image_alt", "body")
