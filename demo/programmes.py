"""The demo's programmes (``demo.content.programmes``): the section, the festival series
and its editions, a residency and a story circle, loaded as ``demo.loader`` loads the
rest (found by English slug under their parent, created and published when missing)."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from archive.models import ArtifactPage
from exhibitions.models import ExhibitionPage
from oral_histories.models import Community, OralHistoryPage
from programmes.models import EventFeature, EventPage, EventVenue, ProgrammeIndexPage, SeriesPage

from .content import programmes as content

if TYPE_CHECKING:
    from heritage.models import HomePage

    from .loader import DemoLoader

PRESENTABLE = {"exhibition": ExhibitionPage, "oral_history": OralHistoryPage, "artifact": ArtifactPage}


def load_programmes(loader: DemoLoader, home: HomePage) -> None:
    from .loader import localized

    loader.progress("Programmes")
    spec = content.INDEX
    index = loader.page(
        home,
        ProgrammeIndexPage,
        slug=spec["slug"],
        title=spec["title"],
        slugs=spec.get("slugs"),
        show_in_menus=True,
        **localized("introduction", spec["introduction"]),
    )
    series = {
        item["slug"]: loader.page(
            index,
            SeriesPage,
            slug=item["slug"],
            title=item["title"],
            slugs=item.get("slugs"),
            kind=item["kind"],
            **localized("recurrence", item["recurrence"]),
            **localized("summary", item["summary"]),
            **localized("body", item["body"]),
        )
        for item in content.SERIES
    }
    for item in content.EVENTS:
        if EventPage.objects.child_of(index).filter(slug_en=item["slug"]).exists():
            loader.report.count("eventpage", False)
            continue
        loader.publish(
            index, event_page(loader, item, series), slug=item["slug"], title=item["title"], slugs=item["slugs"]
        )


def event_page(loader: DemoLoader, item: dict, series: dict[str, SeriesPage]) -> EventPage:
    """An unsaved event with its venues, organisers, communities and presented pages,
    its dates on the venue's clock from the day the demo is loaded."""
    from .loader import localized

    where = f"event {item['slug']}"
    zone = zoneinfo.ZoneInfo(item["time_zone"])
    first = loader.today + datetime.timedelta(days=item["starts_in_days"])
    last = first + datetime.timedelta(days=item["days"])
    page = EventPage(
        kind=item["kind"],
        series=series.get(item.get("series", "")),
        languages=item["languages"],
        time_zone=item["time_zone"],
        starts_at=datetime.datetime.combine(first, datetime.time(item["start_hour"]), zone),
        ends_at=datetime.datetime.combine(last, datetime.time(item["end_hour"]), zone),
        participants=item.get("participants"),
        **localized("summary", item["summary"]),
        **localized("accessibility", item.get("accessibility")),
        **localized("what_happened", item.get("what_happened")),
    )
    venues = []
    for n, spec in enumerate(item["venues"]):
        venue = EventVenue(
            city=loader.city_pages[spec["city"]],
            place=loader.places.get(spec.get("place")),
            institution=loader.institutions.get(spec.get("institution")),
            sort_order=n,
            **localized("venue", loader.texts(spec["venue"], f"{where}, venue {n}")),
        )
        venue.full_clean(exclude=["event"])
        venues.append(venue)
    page.venues = venues
    page.features = [
        EventFeature(page=PRESENTABLE[spec["type"]].objects.get(slug_en=spec["slug"]), sort_order=n)
        for n, spec in enumerate(item["presents"])
    ]
    page.organisers = [loader.institutions[code] for code in item["organisers"]]
    page.communities = list(Community.objects.filter(slug__in=item["communities"]))
    return page
