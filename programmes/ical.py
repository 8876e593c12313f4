"""The programme calendar as an iCalendar feed (RFC 5545), built with ``icalendar``.

One ``VEVENT`` per event visitors can reach, with the calendar's filters, from a year
ago on. Its ``UID`` is the page's ``translation_key`` (stable across languages, hosts
and renames); ``DTSTART``/``DTEND`` carry the venue's ``TZID`` with a ``VTIMEZONE`` for
each zone used; ``SUMMARY``, ``DESCRIPTION`` and ``LOCATION`` are in the visitor's
language (the URL's), with ``LANGUAGE`` naming the language a fallback is really in.
https://www.rfc-editor.org/rfc/rfc5545 · https://icalendar.readthedocs.io/
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils.translation import get_language

import icalendar

from heritage.i18n import language_name, page_urls, resolve
from heritage.linked_data import plain_text
from heritage.site_url import absolute_url

from .calendar import Filters, filtered_events
from .models import EventPage, EventVenue, Kind

#: How far back the feed reaches: a subscriber keeps last year's events, not a decade's.
FEED_HISTORY = datetime.timedelta(days=365)
PRODID = "-//Heritage Commons//Programmes//EN"


def feed_events(*, index, filters: Filters, now: datetime.datetime) -> list[EventPage]:
    return list(
        filtered_events(index=index, filters=filters)
        .filter(ends_at__gte=now - FEED_HISTORY)
        .prefetch_related(
            Prefetch("venues", queryset=EventVenue.objects.select_related("city", "place").order_by("sort_order", "pk"))
        )
        .order_by("starts_at", "path")
    )


def uid(event: EventPage) -> str:
    return f"{event.translation_key}@heritage-commons"


def calendar_name(*, index, filters: Filters) -> str:
    parts = [str(resolve(index, "title"))]
    if filters.city is not None:
        parts.append(str(resolve(filters.city, "title")))
    if filters.kind:
        parts.append(str(Kind(filters.kind).label))
    if filters.language:
        parts.append(str(language_name(filters.language)))
    return " · ".join(parts)


def location(event: EventPage) -> str:
    return "; ".join(
        ", ".join(filter(None, (str(resolve(venue, "venue")), str(resolve(venue.city, "title")))))
        for venue in event.venues.all()
    )


def geo(event: EventPage) -> tuple[float, float] | None:
    """The first venue's coordinates (its place's, else its city's)."""
    for venue in event.venues.all():
        for source in (venue.place, venue.city):
            if source is not None and source.latitude is not None and source.longitude is not None:
                return float(source.latitude), float(source.longitude)
    return None


def render_feed(*, index, events: list[EventPage], filters: Filters, request) -> bytes:
    language = (get_language() or "en").split("-")[0]
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name(index=index, filters=filters))
    urls = page_urls(events, request=request)
    for event in events:
        url = absolute_url(urls[event.pk].get(language, ""), request) if urls[event.pk].get(language) else ""
        entry = icalendar.Event()
        entry.add("uid", uid(event))
        stamp = event.last_published_at or event.first_published_at or event.starts_at
        entry.add("dtstamp", stamp.astimezone(datetime.UTC))
        entry.add("dtstart", event.local_start)
        if event.ends_at > event.starts_at:  # RFC 5545: DTEND is later than DTSTART
            entry.add("dtend", event.local_end)
        title = resolve(event, "title")
        entry.add("summary", str(title), parameters={"LANGUAGE": title.language})
        summary = resolve(event, "summary")
        description = "\n\n".join(filter(None, (plain_text(summary.value), url)))
        if description:
            entry.add("description", description, parameters={"LANGUAGE": summary.language} if summary.value else {})
        where = location(event)
        if where:
            entry.add("location", where, parameters={"LANGUAGE": language})
        point = geo(event)
        if point is not None:
            entry.add("geo", point)
        if url:
            entry.add("url", url)
        entry.add("categories", [str(Kind(event.kind).label)], parameters={"LANGUAGE": language})
        entry.add("status", "CONFIRMED")
        if event.last_published_at:
            entry.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
        cal.add_component(entry)
    cal.add_missing_timezones()
    return cal.to_ical()
