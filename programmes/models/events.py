"""Event pages: what a programme offers, where and when, by whom, and what it presents.

An event is held at one or more venues (each in a partner city, optionally at a
vocabulary place and hosted by an institution), run by institutions and communities,
from ``starts_at`` to ``ends_at``. Both are stored in UTC; ``time_zone`` is the
venue's, in which editors type the times (``EventPageForm``) and visitors read them.
Its status (planned, happening, past) is computed from those dates, never stored.
An occurrence of a recurring series names its ``series`` (``SeriesPage``).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from archive.models import RICH_TEXT_FEATURES
from heritage.models import HeritagePage
from heritage.panels import TranslationStatusPanel
from oral_histories.models import parse_language_codes, validate_language_codes

from .. import clock

DEFAULT_TIME_ZONE = "Europe/Paris"
#: Events lasting longer than this many days (residencies, long festivals) are shown as
#: running through the month rather than in every day of the calendar grid.
LONG_EVENT_DAYS = 7
#: The page types an event may present (its "features").
PRESENTABLE_TYPES = ("exhibitions.ExhibitionPage", "oral_histories.OralHistoryPage", "archive.ArtifactPage")


class Kind(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    RESIDENCY = "residency", _("Residency")
    EXCHANGE = "exchange", _("Exchange")
    WORKSHOP = "workshop", _("Workshop")
    LISTENING_SESSION = "listening_session", _("Listening session")
    STORY_CIRCLE = "story_circle", _("Story circle")
    EXHIBITION_OPENING = "exhibition_opening", _("Exhibition opening")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HAPPENING = "happening", _("Happening now")
    PAST = "past", pgettext_lazy("event status", "Past")


def status_at(starts_at: datetime.datetime, ends_at: datetime.datetime, now: datetime.datetime) -> str:
    """Planned before the start, happening until the end (inclusive), past after."""
    if now < starts_at:
        return Status.PLANNED
    if now <= ends_at:
        return Status.HAPPENING
    return Status.PAST


def status_filter(status: str, now: datetime.datetime) -> models.Q:
    """A queryset filter for events with ``status`` at ``now`` (the same rule as :func:`status_at`)."""
    if status == Status.PLANNED:
        return models.Q(starts_at__gt=now)
    if status == Status.PAST:
        return models.Q(ends_at__lt=now)
    return models.Q(starts_at__lte=now, ends_at__gte=now)


def language_filter(code: str) -> models.Q:
    """Events whose ``languages`` (stored as ``"fr, ar, aeb"``) include ``code``."""
    return (
        models.Q(languages=code)
        | models.Q(languages__startswith=f"{code},")
        | models.Q(languages__endswith=f", {code}")
        | models.Q(languages__contains=f", {code},")
    )


def normalise_languages(value: str) -> str:
    """``"FR;ar ,aeb, fr"`` → ``"fr, ar, aeb"``: lower case, each once, as :func:`language_filter` expects."""
    codes: list[str] = []
    for code in parse_language_codes(value or ""):
        code = code.lower()
        if code not in codes:
            codes.append(code)
    return ", ".join(codes)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone. Use a name from the tz database, e.g. Europe/Paris or Africa/Tunis."),
            params={"value": value},
        )


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def on_venue_clock(value: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """``value`` as Django's form made it (the typed wall-clock time, aware in the
    editor's time zone) read again as that same wall-clock time at the venue."""
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None).replace(tzinfo=zone)


class EventPageForm(WagtailAdminPageForm):
    """Start and end are typed as the clock reads at the venue (the event's time zone),
    whatever the editor's own time zone: the form shows them so and stores them as
    that moment (in UTC)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_of(self.instance.time_zone or DEFAULT_TIME_ZONE)
        for name in ("starts_at", "ends_at"):
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("time_zone")
        if name and name in zoneinfo.available_timezones():
            zone = zoneinfo.ZoneInfo(name)
            for field in ("starts_at", "ends_at"):
                value = cleaned_data.get(field)
                if value is not None:
                    cleaned_data[field] = on_venue_clock(value, zone)
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("An event cannot end before it starts."))
        return cleaned_data


class EventPage(HeritagePage):
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for the calendar."))
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loops, interpretation, quiet spaces, what to ask for."),
    )
    languages = models.CharField(
        _("languages of the event"),
        max_length=120,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. fr, ar, aeb."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("The venue's time zone, e.g. Europe/Paris, Europe/Berlin, Africa/Tunis. Times are typed in it."),
    )
    series = models.ForeignKey(
        "programmes.SeriesPage",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
        help_text=_("For one occurrence of a recurring programme, e.g. this year's festival."),
    )
    organisers = ParentalManyToManyField(
        "heritage.Institution", verbose_name=_("run by institutions"), blank=True, related_name="events"
    )
    communities = ParentalManyToManyField(
        "oral_histories.Community", verbose_name=_("run by communities"), blank=True, related_name="events"
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("image description (alt text)"), max_length=255, blank=True)
    what_happened = RichTextField(
        _("what happened"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Once the event is over: its record, shown on the page of a past event."),
    )
    participants = models.PositiveIntegerField(
        _("number who took part"), null=True, blank=True, help_text=_("Once the event is over.")
    )

    translated_fields = ("summary", "body", "accessibility", "hero_image_alt", "what_happened")
    search_type = "event"
    search_text_fields = ("summary", "body", "what_happened")
    base_form_class = EventPageForm
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), PageChooserPanel("series", "programmes.SeriesPage")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("languages"),
        FieldPanel("accessibility"),
    ]
    when_panels = [
        FieldPanel("time_zone"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Dates (the venue's local time)")),
        InlinePanel(
            "venues", heading=pgettext_lazy("event", "Venues"), label=pgettext_lazy("event", "Venue"), min_num=1
        ),
        FieldPanel("organisers"),
        FieldPanel("communities"),
        InlinePanel("features", heading=_("Presents"), label=_("Exhibition, oral history or object")),
    ]
    record_panels = [FieldPanel("what_happened"), FieldPanel("participants")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(when_panels, heading=_("When, where, who")),
            ObjectList(record_panels, heading=_("Record")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self) -> None:
        super().clean()
        self.languages = normalise_languages(self.languages)
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})

    def save(self, *args, **kwargs):
        self.languages = normalise_languages(self.languages)
        super().save(*args, **kwargs)

    # --- Time --------------------------------------------------------------------------

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_of(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.ends_at.astimezone(self.zone)

    def local_days(self) -> tuple[datetime.date, datetime.date]:
        """The first and last day of the event at its venue."""
        return self.local_start.date(), self.local_end.date()

    @property
    def is_long(self) -> bool:
        first, last = self.local_days()
        return (last - first).days >= LONG_EVENT_DAYS

    def status(self, now: datetime.datetime | None = None) -> str:
        return status_at(self.starts_at, self.ends_at, now or clock.now())

    def language_codes(self) -> list[str]:
        return parse_language_codes(self.languages)

    # --- Related records, read once per page view ---------------------------------------
    # (the page's context and its JSON-LD, programmes/linked_data.py, both show them)

    @cached_property
    def venue_list(self) -> list:
        return list(self.venues.select_related("city", "place", "institution").order_by("sort_order", "pk"))

    @cached_property
    def organiser_list(self) -> list:
        return sorted(self.organisers.select_related("city"), key=lambda i: (i.city.title, i.name))

    @cached_property
    def community_list(self) -> list:
        return list(self.communities.order_by("name"))

    @cached_property
    def presented(self) -> list[Page]:
        """The exhibitions, oral histories and objects it presents that are open to
        everyone (``heritage.visibility``: live, in no closed subtree, not closed by
        consent), in the editor's order. Closed ones are left out entirely."""
        from heritage.visibility import keep_open, open_pages

        ids = [feature.page_id for feature in self.features.order_by("sort_order", "pk")]
        if not ids:
            return []
        pages = {page.pk: page for page in keep_open(open_pages(Page.objects.filter(pk__in=ids)).specific())}
        return [pages[pk] for pk in ids if pk in pages]

    @cached_property
    def open_series(self):
        """The series, when visitors can reach its page (else it is not named)."""
        from heritage.visibility import reachable_pages

        from .series import SeriesPage

        if not self.series_id:
            return None
        return reachable_pages(SeriesPage.objects.filter(pk=self.series_id)).first()

    def search_facets(self) -> dict[str, list[str]]:
        venues = self.venues.select_related("city")
        return {
            "city": sorted({venue.city.slug_en for venue in venues}),
            "institution": sorted(institution.code for institution in self.organisers.all()),
            "language": self.language_codes(),
        }

    def social_image(self):
        if self.hero_image is None:
            return None
        from heritage.i18n import resolve

        return self.hero_image, str(resolve(self, "hero_image_alt"))

    def get_context(self, request, *args, **kwargs):
        from heritage.visibility import reachable_pages

        context = super().get_context(request, *args, **kwargs)
        now = clock.now()
        context["now"] = now
        context["status"] = self.status(now)
        context["venues"] = self.venue_list
        context["organisers"] = self.organiser_list
        context["communities"] = self.community_list
        context["presented"] = self.presented
        series = self.open_series
        context["series"] = series
        if series is not None:
            context["other_occurrences"] = list(
                reachable_pages(EventPage.objects.filter(series=series).exclude(pk=self.pk))
                .prefetch_related("venues__city")
                .order_by("starts_at", "path")
            )
        return context


class EventVenue(Orderable):
    """Where the event is held: a partner city, the venue's name, and optionally the
    vocabulary place (for coordinates) and the host institution."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="venues")
    city = models.ForeignKey(
        "heritage.PartnerCityPage", verbose_name=_("partner city"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(_("venue"), max_length=200, help_text=_("e.g. Fort Saint-Jean, courtyard."))
    place = models.ForeignKey(
        "heritage.Place", verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("city"), FieldPanel("institution")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("place")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def clean(self) -> None:
        super().clean()
        if self.institution_id and self.city_id and self.institution.city_id != self.city_id:
            raise ValidationError(
                {"institution": _("%(institution)s is not in this city.") % {"institution": self.institution}}
            )
        if self.place_id and self.city_id and self.place.city_id and self.place.city_id != self.city_id:
            raise ValidationError({"place": _("%(place)s is not in this city.") % {"place": self.place}})


class EventFeature(Orderable):
    """An exhibition, oral history or object the event presents (shown only while it is
    open to everyone)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="features")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("presents"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page", list(PRESENTABLE_TYPES))]

    class Meta(Orderable.Meta):
        verbose_name = _("presented item")
        verbose_name_plural = _("presented items")

    def clean(self) -> None:
        super().clean()
        if self.page_id:
            model = self.page.specific_class
            label = f"{model._meta.app_label}.{model.__name__}" if model else ""
            if label not in PRESENTABLE_TYPES:
                raise ValidationError({"page": _("Choose an exhibition, an oral history or an object.")})
