"""schema.org JSON-LD for events and series (registered with ``heritage_linked_data``).

An event is an ``Event`` (``Festival``, ``ExhibitionEvent``, ``EducationEvent`` or
``SocialEvent`` where its kind says so) with its start and end as ISO 8601 date-times
with the venue's offset, its status and attendance mode (offline, at its venues), each
venue a ``Place`` (its name, its city as the address, coordinates of its place or
city), the institutions and communities running it as ``organizer``, the languages it
is held in as ``inLanguage``, its series as ``superEvent`` (an ``EventSeries``), and
the exhibitions, oral histories and objects it presents, only those open to everyone
(``EventPage.presented``), as ``workFeatured``. A series is an ``EventSeries`` whose
``subEvent`` are its reachable occurrences.
https://schema.org/Event · https://schema.org/EventSeries
"""

from __future__ import annotations

from wagtail import hooks

from heritage.i18n import page_language_urls
from heritage.linked_data import Context, address, compact, geo, organization, text

from .models import EventPage, Kind, SeriesPage

SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"

SCHEMA_TYPES = {
    Kind.FESTIVAL: "Festival",
    Kind.EXHIBITION_OPENING: "ExhibitionEvent",
    Kind.WORKSHOP: "EducationEvent",
    Kind.EXCHANGE: "EducationEvent",
    Kind.STORY_CIRCLE: "SocialEvent",
    Kind.LISTENING_SESSION: "SocialEvent",
}

#: The schema.org type of each presentable page type.
WORK_TYPES = {"ExhibitionPage": "ExhibitionEvent", "OralHistoryPage": "CreativeWork", "ArtifactPage": "CreativeWork"}


def venue_place(venue) -> dict:
    return compact(
        {
            "@type": "Place",
            "name": text(venue, "venue"),
            "address": address(venue.city),
            "geo": geo(venue.place) or geo(venue.city),
        }
    )


def community(item) -> dict:
    return compact({"@type": "Organization", "name": text(item, "name")})


def page_ref(page, context: Context) -> dict:
    url = page_language_urls(page, request=context.request).get(context.language, "")
    return compact(
        {
            "@type": WORK_TYPES.get(type(page).__name__, "CreativeWork"),
            "name": text(page, "title"),
            "url": context.absolute(url) if url else "",
        }
    )


def event(page: EventPage, context: Context) -> dict:
    social = page.social_image()
    series = page.open_series
    return compact(
        {
            **context.base(page, SCHEMA_TYPES.get(page.kind, "Event")),
            "image": context.image(social[0], caption=social[1]) if social else None,
            "startDate": page.local_start.isoformat(),
            "endDate": page.local_end.isoformat(),
            "eventStatus": SCHEDULED,
            "eventAttendanceMode": OFFLINE,
            "inLanguage": page.language_codes() or context.language,
            "location": [venue_place(venue) for venue in page.venue_list],
            "organizer": [organization(i) for i in page.organiser_list] + [community(c) for c in page.community_list],
            "superEvent": page_ref_series(series, context) if series is not None else None,
            "workFeatured": [page_ref(item, context) for item in page.presented],
        }
    )


def page_ref_series(series: SeriesPage, context: Context) -> dict:
    url = page_language_urls(series, request=context.request).get(context.language, "")
    return compact({"@type": "EventSeries", "name": text(series, "title"), "url": context.absolute(url) if url else ""})


def series(page: SeriesPage, context: Context) -> dict:
    occurrences = page.open_occurrences()
    return compact(
        {
            **context.base(page, "EventSeries"),
            "subEvent": [
                compact(
                    {
                        "@type": SCHEMA_TYPES.get(item.kind, "Event"),
                        "name": text(item, "title"),
                        "startDate": item.local_start.isoformat(),
                        "endDate": item.local_end.isoformat(),
                        "eventAttendanceMode": OFFLINE,
                        "eventStatus": SCHEDULED,
                        "location": [venue_place(venue) for venue in item.venues.all()],
                    }
                )
                for item in occurrences
            ],
        }
    )


@hooks.register("heritage_linked_data")
def register_programme_linked_data():
    return {EventPage: event, SeriesPage: series}
