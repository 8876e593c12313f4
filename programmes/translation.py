from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import EventPage, EventVenue, ProgrammeIndexPage, SeriesPage


@register(ProgrammeIndexPage)
class ProgrammeIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(SeriesPage)
class SeriesPageTR(TranslationOptions):
    fields = ("recurrence", "summary", "body")


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("summary", "body", "accessibility", "hero_image_alt", "what_happened")


@register(EventVenue)
class EventVenueTR(TranslationOptions):
    fields = ("venue",)
