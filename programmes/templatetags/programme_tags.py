"""Template helpers for events: status, kind, dates at the venue, cities, languages.

They work on what the views and sections loaded (prefetched venues), so no tag asks
the database.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils.text import capfirst

from .. import clock
from ..models import Kind, Status, status_at

register = template.Library()


@register.filter
def event_status_label(value: str) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return ""


@register.filter
def event_kind_label(value: str) -> str:
    try:
        return str(Kind(value).label)
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def event_status(context, event) -> str:
    """The event's status at the context's ``now`` (the view's or the section's), else now."""
    section = context.get("section")
    now = context.get("now") or (section.context.get("now") if section is not None else None)
    if not isinstance(now, datetime.datetime):
        now = clock.now()
    return status_at(event.starts_at, event.ends_at, now)


@register.simple_tag
def event_when(event) -> dict:
    """The event's dates and times as read at its venue: naive local date-times for the
    ``date``/``time`` filters (so the visitor's time zone does not shift them), the ISO
    values with their offset for ``<time datetime>``, and the zone's name."""
    start, end = event.local_start, event.local_end
    return {
        "start": start.replace(tzinfo=None),
        "end": end.replace(tzinfo=None),
        "start_iso": start.isoformat(),
        "end_iso": end.isoformat(),
        "same_day": start.date() == end.date(),
        "zone": event.time_zone,
        "abbreviation": start.tzname() or "",
    }


@register.simple_tag
def event_cities(event) -> list:
    """The partner cities of an event's venues, each once, in the venues' order
    (reads ``event.venues.all()``: prefetch ``venues__city``)."""
    cities, seen = [], set()
    for venue in event.venues.all():
        if venue.city_id not in seen:
            seen.add(venue.city_id)
            cities.append(venue.city)
    return cities


@register.filter
def presented_type(page) -> str:
    """ "Exhibition", "Oral history", "Object"…: what kind of page an event presents."""
    return capfirst(type(page)._meta.verbose_name)
