"""The programme calendar: its filters (read and checked from the query string), the
events of a month, and their month grid and day-by-day list.

Plain functions the section page (``models.index.ProgrammeIndexPage``) and the feed
(``ical.py``) call. Whatever the number of events, a month costs the same queries: the
closed paths (``heritage.visibility.reachable_pages``), the events with their venues
and cities and hero images prefetched, the cities and the languages offered as filters.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from heritage.i18n import language_name
from heritage.listings import hero_images
from heritage.models import PartnerCityPage
from heritage.visibility import reachable_pages
from oral_histories.models import parse_language_codes

from .models import EventPage, EventVenue, Kind, language_filter

VIEWS = ("month", "list")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
FIRST_YEAR, LAST_YEAR = 1900, 2999
LIST_IMAGE_SPEC = "fill-320x200"  # keep in sync with programme_index_page.html


@dataclass
class Filters:
    """What the visitor asked for, checked: unusable values are dropped and explained."""

    month: datetime.date  # its first day
    view: str = "month"
    city: PartnerCityPage | None = None
    kind: str = ""
    language: str = ""
    errors: list[str] = field(default_factory=list)
    cities: list[PartnerCityPage] = field(default_factory=list)  # the options offered

    @property
    def filtered(self) -> bool:
        return bool(self.city or self.kind or self.language)

    def params(self, **changes) -> dict[str, str]:
        values = {
            "view": self.view,
            "month": f"{self.month:%Y-%m}",
            "city": self.city.slug_en if self.city else "",
            "kind": self.kind,
            "language": self.language,
        }
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    def query(self, **changes) -> str:
        """``?view=…&month=…&city=…`` for a link that keeps the other choices."""
        return "?" + urlencode(self.params(**changes))

    @property
    def clear_query(self) -> str:
        """The same month and view, without city, kind or language."""
        return self.query(city="", kind="", language="")

    def feed_query(self) -> str:
        params = self.params(view="", month="")
        return "?" + urlencode(params) if params else ""

    def feed_filename(self) -> str:
        parts = ["programmes", *self.params(view="", month="").values()]
        return "-".join(re.sub(r"[^a-z0-9-]", "", part.lower()) for part in parts) + ".ics"


def month_of(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def read_filters(params, *, index, now: datetime.datetime, feed: bool = False) -> Filters:
    """Read ``view``, ``month``, ``city``, ``kind`` and ``language`` from the query string.

    Each bad value is left out and explained in ``errors`` (the calendar answers 400
    with the message and shows the rest); nothing here raises.
    """
    filters = Filters(month=month_of(now.date()))

    view = params.get("view", "").strip()
    if view and not feed:
        if view in VIEWS:
            filters.view = view
        else:
            filters.errors.append(
                _("“%(value)s” is not a view of the calendar: use month or list.") % {"value": view[:40]}
            )

    month = params.get("month", "").strip()
    if month and not feed:
        match = MONTH_PATTERN.match(month)
        year, number = (int(match[1]), int(match[2])) if match else (0, 0)
        if match and FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12:
            filters.month = datetime.date(year, number, 1)
        else:
            filters.errors.append(
                _("“%(value)s” is not a month: write it as year and month, e.g. %(example)s.")
                % {"value": month[:40], "example": f"{filters.month:%Y-%m}"}
            )

    cities = reachable_pages(PartnerCityPage.objects.all()).order_by("title")
    city = params.get("city", "").strip()
    if feed:
        filters.city = cities.filter(slug_en=city).first() if city else None
    else:
        filters.cities = list(cities)
        filters.city = next((c for c in filters.cities if c.slug_en == city), None) if city else None
    if city and filters.city is None:
        filters.errors.append(_("“%(value)s” is not one of the partner cities.") % {"value": city[:60]})

    kind = params.get("kind", "").strip()
    if kind:
        if kind in Kind.values:
            filters.kind = kind
        else:
            filters.errors.append(_("“%(value)s” is not a kind of event.") % {"value": kind[:40]})

    language = params.get("language", "").strip()
    if language:
        code = language.lower()
        if LANGUAGE_PATTERN.match(code) and language_name(code) != code:
            filters.language = code
        else:
            filters.errors.append(
                _("“%(value)s” is not a language code such as fr, ar or aeb.") % {"value": language[:40]}
            )
    return filters


def filtered_events(*, index, filters: Filters):
    """The events of ``index`` visitors can reach (``heritage.visibility``), narrowed by
    city, kind and language."""
    events = reachable_pages(EventPage.objects.child_of(index))
    if filters.city is not None:
        events = events.filter(pk__in=EventVenue.objects.filter(city=filters.city).values("event_id"))
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.language:
        events = events.filter(language_filter(filters.language))
    return events


def with_venues(events):
    """Prefetch what a calendar entry shows: its venues with their cities."""
    return events.prefetch_related(
        Prefetch("venues", queryset=EventVenue.objects.select_related("city").order_by("sort_order", "pk"))
    )


def event_languages(*, index) -> list[str]:
    """Every language some reachable event of ``index`` is held in (one query)."""
    codes: set[str] = set()
    values = reachable_pages(EventPage.objects.child_of(index)).exclude(languages="")
    for value in values.values_list("languages", flat=True).distinct():
        codes.update(parse_language_codes(value))
    return sorted(codes, key=lambda code: str(language_name(code)).casefold())


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[EventPage] = field(default_factory=list)


@dataclass
class Calendar:
    filters: Filters
    today: datetime.date
    weeks: list[list[Day]]
    running: list[EventPage]  # long events overlapping the month (the grid shows them apart)
    continuing: list[EventPage]  # events that began before the month (the list shows them first)
    days: list[Day]  # the month's days that have events starting on them (the list view)
    events: list[EventPage]  # every event overlapping the month
    languages: list[str]
    kinds: list[tuple[str, str]]

    @property
    def month(self) -> datetime.date:
        return self.filters.month

    @property
    def previous_query(self) -> str:
        return self.filters.query(month=f"{add_months(self.month, -1):%Y-%m}")

    @property
    def next_query(self) -> str:
        return self.filters.query(month=f"{add_months(self.month, 1):%Y-%m}")

    @property
    def this_month_query(self) -> str:
        return self.filters.query(month=f"{month_of(self.today):%Y-%m}")

    def view_query(self, view: str) -> str:
        return self.filters.query(view=view)

    @property
    def month_query(self) -> str:
        return self.view_query("month")

    @property
    def list_query(self) -> str:
        return self.view_query("list")

    @property
    def weekdays(self) -> list[datetime.date]:
        return [day.date for day in self.weeks[0]]


def month_span(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    last = pycalendar.monthrange(month.year, month.month)[1]
    return month, month.replace(day=last)


def build_calendar(*, index, params, now: datetime.datetime) -> Calendar:
    filters = read_filters(params, index=index, now=now)
    first, last = month_span(filters.month)
    weeks_dates = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks_dates[0][0], weeks_dates[-1][-1]
    # A day of margin either side: an event's days are its venue's, in its own time zone.
    window_start = datetime.datetime.combine(grid_first - datetime.timedelta(days=1), datetime.time.min, datetime.UTC)
    window_end = datetime.datetime.combine(grid_last + datetime.timedelta(days=2), datetime.time.min, datetime.UTC)
    events = list(
        with_venues(filtered_events(index=index, filters=filters))
        .filter(starts_at__lt=window_end, ends_at__gte=window_start)
        .prefetch_related(hero_images(LIST_IMAGE_SPEC))
        .order_by("starts_at", "path")
    )
    today = now.date()
    cells = {
        date: Day(date=date, in_month=date.month == first.month, is_today=date == today)
        for week in weeks_dates
        for date in week
    }
    running, continuing, in_month, by_start = [], [], [], {}
    for event in events:
        start, end = event.local_days()
        if end < first or start > last:
            if not event.is_long:  # shown in the neighbouring months' days of the grid
                for offset in range((end - start).days + 1):
                    day = cells.get(start + datetime.timedelta(days=offset))
                    if day is not None:
                        day.events.append(event)
            continue
        in_month.append(event)
        if event.is_long:
            running.append(event)
        else:
            for offset in range((end - start).days + 1):
                day = cells.get(start + datetime.timedelta(days=offset))
                if day is not None:
                    day.events.append(event)
        if start < first:
            continuing.append(event)
        else:
            by_start.setdefault(start, []).append(event)
    days = [Day(date=date, in_month=True, is_today=date == today, events=by_start[date]) for date in sorted(by_start)]
    return Calendar(
        filters=filters,
        today=today,
        weeks=[[cells[date] for date in week] for week in weeks_dates],
        running=running,
        continuing=continuing,
        days=days,
        events=in_month,
        languages=sorted(
            {*event_languages(index=index), *([filters.language] if filters.language else [])},
            key=lambda code: str(language_name(code)).casefold(),
        ),
        kinds=list(Kind.choices),
    )
