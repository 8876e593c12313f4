"""Recurring programmes: a series ("every spring, in turn in Marseille, Hamburg and
Tunis") whose occurrences are event pages naming it (``EventPage.series``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from archive.models import RICH_TEXT_FEATURES
from heritage.models import HeritagePage
from heritage.panels import TranslationStatusPanel

from .. import clock
from .events import EventPage, Kind


class SeriesPage(HeritagePage):
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.FESTIVAL)
    recurrence = models.CharField(
        _("when it recurs"),
        max_length=255,
        blank=True,
        help_text=_("In words, e.g. Every spring, alternating between Marseille and Hamburg."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)

    translated_fields = ("recurrence", "summary", "body")
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("recurrence"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def open_occurrences(self) -> list[EventPage]:
        """Its occurrences visitors can reach, in date order (``heritage.visibility``)."""
        from heritage.listings import hero_images
        from heritage.visibility import reachable_pages

        return list(
            reachable_pages(EventPage.objects.filter(series=self))
            .prefetch_related("venues__city", "venues__place", hero_images("fill-320x200"))
            .order_by("starts_at", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = clock.now()
        occurrences = self.open_occurrences()
        context["now"] = now
        context["upcoming"] = [event for event in occurrences if event.ends_at >= now]
        context["past"] = [event for event in reversed(occurrences) if event.ends_at < now]
        return context
