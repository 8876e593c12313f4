"""A draft, a view-restricted event or one under an unpublished section appears nowhere:
not in the calendar, the feed, search, the API, nor the home and city pages."""

from wagtail.models import PageViewRestriction

import icalendar
import pytest

from programmes.factories import at
from search.sync import rebuild_database

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world):
    """Three events in Marseille in the week after "now": one public, one draft, one
    behind a login."""
    public = make_event(world, title="Open workshop", starts_at=at(2031, 5, 20, 18))
    draft = make_event(world, title="Draft workshop", starts_at=at(2031, 5, 21, 18), live=False)
    private = make_event(world, title="Members workshop", starts_at=at(2031, 5, 22, 18))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    rebuild_database()
    return {"public": public, "draft": draft, "private": private}


CLOSED = ("Draft workshop", "Members workshop")


def assert_only_public(text: str, where: str) -> None:
    assert "Open workshop" in text, where
    for title in CLOSED:
        assert title not in text, where


def test_closed_events_are_not_in_the_calendar(client, events):
    for params in ({"month": "2031-05"}, {"month": "2031-05", "view": "list"}):
        assert_only_public(client.get("/en/programmes/", params).content.decode(), str(params))


def test_closed_events_are_not_in_the_feed(client, events):
    calendar = icalendar.Calendar.from_ical(client.get("/en/programmes/ical/").content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Open workshop"]


def test_closed_events_are_not_on_the_home_or_city_pages(client, events, world):
    assert_only_public(client.get("/en/").content.decode(), "home")
    assert_only_public(client.get(world.marseille.url).content.decode(), "city")


def test_closed_events_are_not_found_by_search(client, events):
    results = client.get("/api/search/", {"q": "workshop"}).json()["results"]
    assert [hit["title"] for hit in results] == ["Open workshop"]
    assert results[0]["type"] == "event" and results[0]["city"] == ["marseille"]
    assert_only_public(client.get("/en/search/", {"q": "workshop"}).content.decode(), "search page")


def test_closed_events_are_not_in_the_api(client, events):
    listing = client.get("/api/v2/pages/", {"type": "programmes.EventPage"}).json()
    assert [item["title"] for item in listing["items"]] == ["Open workshop"]
    for name in ("draft", "private"):
        assert client.get(f"/api/v2/pages/{events[name].pk}/").status_code == 404


def test_closed_events_answer_404_or_ask_for_a_login(client, events):
    assert client.get(events["public"].url).status_code == 200
    assert client.get("/en/programmes/" + events["draft"].slug + "/").status_code == 404
    assert client.get(events["private"].url).status_code == 302


def test_an_unpublished_section_closes_its_events_everywhere(client, events, world):
    world.index.unpublish()
    rebuild_database()
    assert "Open workshop" not in client.get("/en/").content.decode()
    assert "Open workshop" not in client.get(world.marseille.url).content.decode()
    assert client.get("/api/search/", {"q": "workshop"}).json()["results"] == []
    assert client.get("/api/v2/pages/", {"type": "programmes.EventPage"}).json()["items"] == []
