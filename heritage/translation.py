"""Fields a visitor reads, registered with django-modeltranslation (one column per language)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    HomePage,
    Institution,
    PartnerCityPage,
    PartnersIndexPage,
    Person,
    Place,
    RightsStatement,
    SisterCityLink,
    Theme,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("introduction",)


@register(PartnersIndexPage)
class PartnersIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(PartnerCityPage)
class PartnerCityPageTR(TranslationOptions):
    fields = ("country", "summary", "story", "hero_image_alt")


@register(SisterCityLink)
class SisterCityLinkTR(TranslationOptions):
    fields = ("note",)


@register(Institution)
class InstitutionTR(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Place)
class PlaceTR(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Person)
class PersonTR(TranslationOptions):
    fields = ("name", "biography")
    required_languages = ("en",)


@register(RightsStatement)
class RightsStatementTR(TranslationOptions):
    fields = ("label", "description")
    required_languages = ("en",)
