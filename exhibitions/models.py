"""Joint exhibitions co-curated by institutions from two or more partner cities."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from heritage.listings import hero_images
from heritage.models import HeritagePage, SectionIndexPage
from heritage.panels import TranslationStatusPanel

from .blocks import ExhibitionStreamBlock

EXHIBITION_CARD_SPECS = ("fill-800x400",)  # keep in sync with includes/exhibition_cards.html


class ExhibitionIndexPage(SectionIndexPage):
    subpage_types = ["exhibitions.ExhibitionPage"]

    class Meta:
        verbose_name = _("exhibitions index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = (
            ExhibitionPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(hero_images(*EXHIBITION_CARD_SPECS))
            .prefetch_related("co_curators__city")
            .order_by("-opens_on", "path")
        )
        return context


class ExhibitionPage(HeritagePage):
    introduction = models.TextField(_("introduction"), blank=True)
    co_curators = ParentalManyToManyField(
        "heritage.Institution",
        verbose_name=_("co-curating institutions"),
        blank=True,
        related_name="exhibitions",
        help_text=_("Institutions from at least two partner cities."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("image description (alt text)"), max_length=255, blank=True)
    body = StreamField(ExhibitionStreamBlock(), verbose_name=_("story"), blank=True)

    translated_fields = ("introduction", "hero_image_alt", "body")
    search_type = "exhibition"
    search_text_fields = ("introduction", "body")
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("co_curators"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_alt"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("An exhibition cannot close before it opens.")})

    def search_facets(self) -> dict[str, list[str]]:
        curators = list(self.co_curators.select_related("city"))
        return {
            "city": sorted({institution.city.slug_en for institution in curators}),
            "institution": sorted(institution.code for institution in curators),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["curators"] = list(self.co_curators.select_related("city").order_by("code"))
        return context

    def status(self, today: datetime.date | None = None) -> str:
        today = today or datetime.date.today()
        if self.opens_on and self.opens_on > today:
            return "upcoming"
        if self.closes_on and self.closes_on < today:
            return "past"
        return "current"
