"""The programmes' sections on the home page and on partner city pages: upcoming events.

Each lists the events visitors can reach (``heritage.visibility``: live, public, under
no unpublished page) that have not ended, soonest first, with their venues' cities
prefetched: a constant number of queries whatever the number of events.
"""

from __future__ import annotations

import datetime

from wagtail import hooks

from heritage.listings import Section, hero_images
from heritage.visibility import reachable_pages

from . import clock
from .models import EventPage, EventVenue, ProgrammeIndexPage

SECTION_SIZE = 6
EVENT_CARD_SPECS = ("fill-800x400",)  # keep in sync with includes/event_cards.html


def upcoming(queryset, *, today: datetime.date) -> list[EventPage]:
    """Events not over before ``today`` began (UTC), soonest first."""
    start_of_day = datetime.datetime.combine(today, datetime.time.min, datetime.UTC)
    return list(
        reachable_pages(queryset)
        .filter(ends_at__gte=start_of_day)
        .prefetch_related("venues__city", hero_images(*EVENT_CARD_SPECS))
        .order_by("starts_at", "path")[:SECTION_SIZE]
    )


def calendar_page(queryset):
    """The programme section visitors can reach, for the sections' "whole calendar" link."""
    return reachable_pages(queryset).order_by("path").first()


@hooks.register("heritage_home_sections")
def home_events(*, home, today):
    items = upcoming(EventPage.objects.descendant_of(home), today=today)
    return [
        Section(
            template="programmes/includes/event_cards.html",
            order=20,
            context={
                "items": items,
                "now": clock.now(),
                "calendar": calendar_page(ProgrammeIndexPage.objects.descendant_of(home)) if items else None,
            },
        )
    ]


@hooks.register("heritage_city_sections")
def city_events(*, city, today):
    """Events with a venue in the city."""
    held_here = EventVenue.objects.filter(city=city).values("event_id")
    items = upcoming(EventPage.objects.filter(pk__in=held_here), today=today)
    return [
        Section(
            template="programmes/includes/event_cards.html",
            order=25,
            context={
                "items": items,
                "now": clock.now(),
                "city": city,
                "calendar": calendar_page(ProgrammeIndexPage.objects.all()) if items else None,
            },
        )
    ]
