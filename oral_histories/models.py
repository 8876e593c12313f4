"""Oral histories. This is the catalogue record; recordings, transcripts, index points
and consent arrive with the oral-history issue and build on these fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from archive.listing import centuries
from archive.models import RICH_TEXT_FEATURES, language_code_validator
from heritage.i18n import language_direction, language_name
from heritage.models import HeritagePage, RightsMixin, SectionIndexPage
from heritage.panels import TranslationStatusPanel


def parse_language_codes(value: str) -> list[str]:
    return [code.strip() for code in value.replace(";", ",").split(",") if code.strip()]


def validate_language_codes(value: str) -> None:
    for code in parse_language_codes(value):
        try:
            language_code_validator(code)
        except ValidationError:
            raise ValidationError(
                _("“%(code)s” is not a language code. Use codes such as ar, fr, de, tr, separated by commas."),
                params={"code": code},
            ) from None


class OralHistoryIndexPage(SectionIndexPage):
    subpage_types = ["oral_histories.OralHistoryPage"]
    max_count = None  # one section per community may follow

    class Meta:
        verbose_name = _("oral histories index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["oral_histories"] = (
            OralHistoryPage.objects.live()
            .public()
            .child_of(self)
            .select_related("place", "institution")
            .prefetch_related("narrators")
            .order_by("-recorded_on", "path")
        )
        return context


class OralHistoryPage(RightsMixin, HeritagePage):
    summary = RichTextField(_("summary"), blank=True, features=RICH_TEXT_FEATURES)
    narrators = ParentalManyToManyField("heritage.Person", verbose_name=_("narrators"), blank=True, related_name="+")
    interviewer = models.ForeignKey(
        "heritage.Person",
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("contributing institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oral_histories",
    )
    recorded_on = models.DateField(_("date recorded"), null=True, blank=True)
    place = models.ForeignKey(
        "heritage.Place",
        verbose_name=_("place recorded"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=120,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. aeb, fr."),
    )

    translated_fields = ("summary", "rights_holder")
    search_type = "oral_history"
    search_text_fields = ("summary",)
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("narrators"),
                FieldPanel("interviewer"),
                FieldPanel("institution"),
                FieldRowPanel([FieldPanel("recorded_on"), FieldPanel("place")]),
                FieldPanel("languages_spoken"),
            ],
            heading=_("Recording"),
        ),
        *RightsMixin.rights_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["oral_histories.OralHistoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("oral history")
        verbose_name_plural = _("oral histories")

    def search_facets(self) -> dict[str, list[str]]:
        year = self.recorded_on.year if self.recorded_on else None
        return {
            "city": [self.institution.city.slug_en] if self.institution_id else [],
            "institution": [self.institution.code] if self.institution_id else [],
            "language": parse_language_codes(self.languages_spoken),
            "period": centuries(year, year),
            "rights": [self.rights.code] if self.rights_id else [],
        }

    def language_names(self) -> list[dict[str, str]]:
        """Each spoken language with its name in the visitor's language."""
        return [
            {"code": code, "name": language_name(code), "dir": language_direction(code)}
            for code in parse_language_codes(self.languages_spoken)
        ]
