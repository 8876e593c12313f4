"""The exhibitions' sections on the home page and on partner city pages.

Each section lists the exhibitions visitors can reach (``heritage.visibility``: live,
public, under no unpublished page) as cards (status, dates, co-curators and the cities
they travel to), with everything the cards show prefetched: a constant number of
queries whatever the number of exhibitions.
"""

from django.db.models import Q

from wagtail import hooks

from heritage.listings import Section, hero_images
from heritage.visibility import reachable_pages

from .models import EXHIBITION_CARD_SPECS, ExhibitionPage, Status, status_filter


def _exhibitions(queryset):
    return list(
        reachable_pages(queryset)  # heritage.visibility: nor under an unpublished page
        .prefetch_related(hero_images(*EXHIBITION_CARD_SPECS))
        .prefetch_related("co_curators__city", "venues__city")
        .distinct()
        .order_by("-opens_on", "path")
    )


@hooks.register("heritage_home_sections")
def current_exhibitions(*, home, today):
    items = _exhibitions(ExhibitionPage.objects.descendant_of(home).filter(status_filter(Status.CURRENT, today)))
    return [
        Section(
            template="exhibitions/includes/exhibition_cards.html",
            order=10,
            context={"items": items, "current": True, "today": today},
        )
    ]


@hooks.register("heritage_city_sections")
def city_exhibitions(*, city, today):
    """Exhibitions co-curated by the city's institutions or travelling to a venue in it."""
    items = _exhibitions(ExhibitionPage.objects.filter(Q(co_curators__city=city) | Q(venues__city=city)))
    return [
        Section(
            template="exhibitions/includes/exhibition_cards.html", order=30, context={"items": items, "today": today}
        )
    ]
