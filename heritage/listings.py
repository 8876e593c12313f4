"""Listings on the home and partner-city pages.

``heritage`` sits at the bottom of the app stack and imports none of the apps above
it. Those apps contribute their own sections (recent artifacts, current exhibitions,
a city's collections…) through two Wagtail hooks, so each section's query and
template live with the models they show:

* ``heritage_home_sections(home, today)`` → iterable of :class:`Section`
* ``heritage_city_sections(city, today)`` → iterable of :class:`Section`

See https://docs.wagtail.org/en/stable/reference/hooks.html for the hook registry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from wagtail import hooks
from wagtail.images import get_image_model


@dataclass
class Section:
    template: str
    order: int = 100
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        items = self.context.get("items")
        return items is not None and len(items) == 0


CITY_CARD_SPECS = ("fill-600x300",)  # keep in sync with the city cards' {% image %} tags


def hero_images(*specs: str) -> Prefetch:
    """Prefetch ``hero_image`` with its renditions, so cards cost no query each."""
    return Prefetch("hero_image", queryset=get_image_model().objects.prefetch_renditions(*specs))


def _collect(hook_name: str, **kwargs: Any) -> list[Section]:
    sections: list[Section] = []
    for fn in hooks.get_hooks(hook_name):
        sections.extend(fn(**kwargs))
    return sorted((s for s in sections if not s.is_empty), key=lambda s: s.order)


def home_listings(*, home, today: datetime.date) -> dict[str, Any]:
    from .models import PartnerCityPage
    from .visibility import reachable_pages

    cities = list(
        reachable_pages(PartnerCityPage.objects.descendant_of(home))
        .prefetch_related(hero_images(*CITY_CARD_SPECS))
        .order_by("path")
    )
    return {"partner_cities": cities, "sections": _collect("heritage_home_sections", home=home, today=today)}


def city_listings(*, city, today: datetime.date) -> dict[str, Any]:
    institutions = list(city.institutions.select_related("logo").order_by("name"))
    return {
        "institutions": institutions,
        "sections": _collect("heritage_city_sections", city=city, today=today),
    }
