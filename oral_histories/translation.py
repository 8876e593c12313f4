from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import Community, IndexPoint, OralHistoryIndexPage, OralHistoryPage


@register(OralHistoryIndexPage)
class OralHistoryIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(OralHistoryPage)
class OralHistoryPageTR(TranslationOptions):
    fields = (
        "summary",
        "rights_holder",
        "collection_name",
        "series_name",
        "keywords",
        "subjects",
        "rights_statement",
        "usage",
        "funding",
    )


@register(Community)
class CommunityTR(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


@register(IndexPoint)
class IndexPointTR(TranslationOptions):
    fields = ("title", "synopsis", "keywords", "partial_transcript")
    required_languages = ("en",)
