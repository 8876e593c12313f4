"""Template helpers for exhibition pages, cards and story blocks.

Everything here works on data the views and ``blocks.prepare_story`` already loaded
(prefetched venues, prepared block values), so no tag asks the database.
"""

from __future__ import annotations

import datetime
import itertools

from django import template
from django.utils import timezone
from django.utils.text import slugify

from ..models import Status, status_between

register = template.Library()


# --- Status --------------------------------------------------------------------------------


@register.filter
def status_label(value: str) -> str:
    """ "current" → "Now showing", in the visitor's language; "" for anything else."""
    try:
        return str(Status(value).label)
    except ValueError:
        return ""


@register.simple_tag(takes_context=True)
def exhibition_status(context, exhibition) -> str:
    """The exhibition's status on the context's ``today`` (a listing section's, or the
    view's), else today, from its stored date span."""
    section = context.get("section")
    today = context.get("today") or (section.context.get("today") if section is not None else None)
    if not isinstance(today, datetime.date):
        today = timezone.localdate()
    return status_between(exhibition.opens_on, exhibition.closes_on, today)


@register.simple_tag
def venue_cities(exhibition) -> list:
    """The partner cities an exhibition travels to, each once, in the order of its venues.

    Reads ``exhibition.venues.all()``: prefetch ``venues__city`` for listings.
    """
    cities, seen = [], set()
    for venue in exhibition.venues.all():
        if venue.city_id not in seen:
            seen.add(venue.city_id)
            cities.append(venue.city)
    return cities


# --- Story blocks -----------------------------------------------------------------------------


@register.simple_tag
def chapter_anchor(value) -> str:
    """The id of a chapter heading: the unique anchor ``chapter_anchors`` gave it on the
    page, else (a block previewed on its own) its anchor or its text, slugified."""
    anchor = getattr(value, "anchor_id", None)
    if anchor:
        return anchor
    return slugify(value.get("anchor") or "") or slugify(value.get("text") or "", allow_unicode=True)


@register.simple_tag(takes_context=True)
def unique_id(context, prefix: str) -> str:
    """``prefix-1``, ``prefix-2``… unique within one response, whichever block asks.

    Blocks render in separate template contexts, so the counter lives on the request.
    """
    request = context.get("request")
    if request is None:
        counter = context.render_context.setdefault("exhibition_ids", itertools.count(1))
    else:
        if not hasattr(request, "_exhibition_ids"):
            request._exhibition_ids = itertools.count(1)
        counter = request._exhibition_ids
    return f"{prefix}-{next(counter)}"


@register.filter
def year_datetime(year) -> str:
    """A year as a valid ``<time datetime>``: four digits or more; "" before year 1."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return ""
    return f"{year:04d}" if year > 0 else ""


# --- Oral-history clips -------------------------------------------------------------------------


def _seconds(value: float) -> str:
    """Seconds for a URL or a data attribute, never localised: 5.0 → "5", 12.5 → "12.5"."""
    return f"{float(value):.3f}".rstrip("0").rstrip(".")


@register.filter
def plain_seconds(value) -> str:
    try:
        return _seconds(value)
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def media_fragment(start, end) -> str:
    """A temporal media fragment, ``t=start,end`` (https://www.w3.org/TR/media-frags/)."""
    return f"t={_seconds(start)},{_seconds(end)}"
