from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import OralHistoryIndexPage, OralHistoryPage


@register(OralHistoryIndexPage)
class OralHistoryIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(OralHistoryPage)
class OralHistoryPageTR(TranslationOptions):
    fields = ("summary", "rights_holder")
