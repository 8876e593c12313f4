from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import ArtifactImage, ArtifactPage, CollectionIndexPage, CollectionPage, CommunityPerspective


@register(CollectionIndexPage)
class CollectionIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(CollectionPage)
class CollectionPageTR(TranslationOptions):
    fields = ("summary", "introduction")


@register(ArtifactPage)
class ArtifactPageTR(TranslationOptions):
    fields = ("description", "object_type", "materials", "dimensions", "date_text", "rights_holder")


@register(ArtifactImage)
class ArtifactImageTR(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = ("en",)


@register(CommunityPerspective)
class CommunityPerspectiveTR(TranslationOptions):
    fields = ("community", "translation")
    required_languages = ("en",)
