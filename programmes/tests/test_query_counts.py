"""The calendar, its feed and the home and city sections cost the same queries for 30
events as for 3: everything an entry shows is prefetched."""

from django.utils import translation

import pytest

from conftest import count_queries
from heritage.factories import ImageFactory
from programmes.factories import EventVenueFactory, at
from programmes.models import Kind

from .conftest import make_event

pytestmark = pytest.mark.django_db


def add_events(world, count: int, *, start: int = 0) -> None:
    with translation.override("en"):
        _add_events(world, count, start=start)


def _add_events(world, count: int, *, start: int = 0) -> None:
    image = ImageFactory()
    for number in range(start, start + count):
        event = make_event(
            world,
            title=f"Event {number}",
            kind=Kind.values[number % len(Kind.values)],
            languages=["fr, ar", "de", "en, aeb"][number % 3],
            starts_at=at(2031, 5, 15 + number % 14, 9 + number % 10),  # after "now": all coming
            hours=1 + (number % 4) * 30,  # some last over a day, some over a week
            hero_image=image if number % 2 else None,
        )
        EventVenueFactory(event=event, city=world.hamburg if number % 2 else world.tunis)


def queries_for(client, url: str, params: dict | None = None) -> int:
    client.get(url, params)  # warm: site root paths, content types, renditions
    with count_queries() as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


URLS = [
    ("/en/programmes/", {"month": "2031-05"}),
    ("/en/programmes/", {"month": "2031-05", "view": "list"}),
    ("/ar/programmes/", {"month": "2031-05", "city": "hamburg", "language": "de"}),
    ("/en/programmes/ical/", None),
    ("/en/programmes/ical/", {"kind": "festival"}),
    ("/en/", None),
]


@pytest.mark.parametrize(("url", "params"), URLS)
def test_queries_do_not_grow_with_the_number_of_events(client, world, url, params):
    add_events(world, 3)
    few = queries_for(client, url, params)
    add_events(world, 27, start=3)
    many = queries_for(client, url, params)
    assert many == few, f"{url} {params}: {few} queries for 3 events, {many} for 30"


def test_the_city_page_section_does_not_grow(client, world):
    add_events(world, 3)
    few = queries_for(client, world.hamburg.url)
    add_events(world, 27, start=3)
    assert queries_for(client, world.hamburg.url) == few
