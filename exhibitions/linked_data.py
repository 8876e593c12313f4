"""schema.org JSON-LD for exhibitions (registered with ``heritage_linked_data``).

An exhibition is an ``ExhibitionEvent`` from its first opening to its last closing
(``opens_on`` / ``closes_on``, kept from the venues). It is always online too, so its
attendance mode is mixed and its locations are the page (a ``VirtualLocation``) and
one ``Place`` per venue (the venue's name, its city as the address, the city's
coordinates); an exhibition with no venue is online only. Each venue is also a
``subEvent`` with its own dates. The co-curating institutions are its ``organizer``;
curator credits are ``contributor`` ``Role``s (the role as ``roleName``) wrapping the
person, who is ``affiliation`` of the credited institution.

Link previews need nothing here: ``HeritagePage.social_image()`` and
``social_description()`` read the exhibition's hero image and introduction.
"""

from __future__ import annotations

from wagtail import hooks

from heritage.linked_data import Context, address, compact, geo, organization, person, text

from .models import ExhibitionPage

SCHEDULED = "https://schema.org/EventScheduled"
MIXED = "https://schema.org/MixedEventAttendanceMode"
ONLINE = "https://schema.org/OnlineEventAttendanceMode"


def venue_place(venue) -> dict:
    return compact(
        {"@type": "Place", "name": text(venue, "venue"), "address": address(venue.city), "geo": geo(venue.city)}
    )


def exhibition(page: ExhibitionPage, context: Context) -> dict:
    venues, credits, curators = page.venue_list, page.credit_list, page.curator_list
    online = {"@type": "VirtualLocation", "url": context.url}
    social = page.social_image()
    name = text(page, "title")
    start = page.opens_on or (page.first_published_at.date() if page.first_published_at else None)
    return compact(
        {
            **context.base(page, "ExhibitionEvent"),
            "image": context.image(social[0], caption=social[1]) if social else None,
            "startDate": start.isoformat() if start else "",
            "endDate": page.closes_on.isoformat() if page.closes_on else "",
            "eventStatus": SCHEDULED,
            "eventAttendanceMode": MIXED if venues else ONLINE,
            "location": [online, *(venue_place(venue) for venue in venues)],
            "organizer": [organization(institution) for institution in curators],
            "contributor": [
                {
                    "@type": "Role",
                    "roleName": text(credit, "role"),
                    "contributor": person(credit.person, affiliation=organization(credit.institution)),
                }
                for credit in credits
            ],
            "subEvent": [
                compact(
                    {
                        "@type": "ExhibitionEvent",
                        "name": f"{name} ({text(venue, 'venue')}, {text(venue.city, 'title')})",
                        "startDate": venue.opens_on.isoformat(),
                        "endDate": venue.closes_on.isoformat() if venue.closes_on else "",
                        "eventStatus": SCHEDULED,
                        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                        "location": venue_place(venue),
                        "organizer": organization(venue.institution) if venue.institution_id else None,
                    }
                )
                for venue in venues
            ],
        }
    )


@hooks.register("heritage_linked_data")
def register_exhibition_linked_data():
    return {ExhibitionPage: exhibition}
