"""The iCalendar feed, parsed back with ``icalendar``: valid per RFC 5545, one stable
UID per event, start and end with their time zone, titles in the visitor's language."""

import datetime
import zoneinfo

from django.utils import translation

import icalendar
import pytest

from programmes.factories import at
from programmes.models import Kind

from .conftest import make_event

pytestmark = pytest.mark.django_db


def feed(client, url="/en/programmes/ical/", **params) -> icalendar.Calendar:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def programme(world):
    circle = make_event(
        world,
        title="Tales by the sea",
        title_fr="Contes au bord de la mer",
        title_ar="حكايات على شاطئ البحر",
        kind=Kind.STORY_CIRCLE,
        languages="fr, ar",
        city=world.tunis,
        venue="Dar Lasram",
        time_zone="Africa/Tunis",
        starts_at=at(2031, 5, 20, 18, zone="Africa/Tunis"),
    )
    festival = make_event(
        world,
        title="Harbour festival",
        kind=Kind.FESTIVAL,
        languages="de",
        city=world.hamburg,
        time_zone="Europe/Berlin",
        starts_at=at(2031, 5, 9, 10, zone="Europe/Berlin"),
        hours=56,
    )
    old = make_event(world, title="Long ago", starts_at=at(2029, 5, 1, 18))
    return {"circle": circle, "festival": festival, "old": old}


def test_the_feed_is_valid_icalendar(client, programme):
    calendar = feed(client)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    # Every VEVENT has what RFC 5545 requires: UID and DTSTAMP (UTC), DTSTART before DTEND.
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
        assert event["DTEND"].dt > event["DTSTART"].dt
    # Each TZID used has its VTIMEZONE.
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Africa/Tunis", "Europe/Berlin"}
    # What we wrote reads back and writes out the same.
    assert icalendar.Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()


def test_start_and_end_carry_the_venues_time_zone(client, programme):
    circle = events(feed(client))["Tales by the sea"]
    assert circle["DTSTART"].params["TZID"] == "Africa/Tunis"
    assert circle["DTSTART"].dt == datetime.datetime(2031, 5, 20, 18, tzinfo=zoneinfo.ZoneInfo("Africa/Tunis"))
    assert circle["DTEND"].dt - circle["DTSTART"].dt == datetime.timedelta(hours=2)
    assert "Dar Lasram, Tunis" in str(circle["LOCATION"])
    assert str(circle["URL"]).endswith("/en/programmes/" + programme["circle"].slug + "/")


def test_the_uid_is_stable_across_languages_requests_and_renames(client, programme):
    first = {str(e["UID"]) for e in feed(client).walk("VEVENT")}
    again = {str(e["UID"]) for e in feed(client, "/fr/programmes/ical/").walk("VEVENT")}
    circle = programme["circle"]
    circle.title = circle.title_en = "Renamed"
    circle.save()
    renamed = {str(e["UID"]) for e in feed(client).walk("VEVENT")}
    assert first == again == renamed
    assert len(first) == 2


def test_the_summary_is_in_the_visitors_language(client, programme):
    french = events(feed(client, "/fr/programmes/ical/"))
    assert "Contes au bord de la mer" in french
    assert french["Contes au bord de la mer"]["SUMMARY"].params["LANGUAGE"] == "fr"
    arabic = events(feed(client, "/ar/programmes/ical/"))
    assert "حكايات على شاطئ البحر" in arabic
    # No German title: the English one, and the feed says which language it is in.
    german = events(feed(client, "/de/programmes/ical/"))
    assert german["Harbour festival"]["SUMMARY"].params["LANGUAGE"] == "en"
    with translation.override("de"):
        assert "Festival" in [str(c) for c in german["Harbour festival"]["CATEGORIES"].cats]


def test_the_feed_follows_the_filters(client, programme):
    assert set(events(feed(client, city="hamburg"))) == {"Harbour festival"}
    assert set(events(feed(client, kind="story_circle"))) == {"Tales by the sea"}
    assert set(events(feed(client, language="ar"))) == {"Tales by the sea"}
    assert set(events(feed(client, language="ar", city="hamburg"))) == set()


def test_the_feed_leaves_out_events_over_a_year_ago(client, programme):
    assert "Long ago" not in events(feed(client))


def test_a_bad_filter_value_is_a_400_with_its_reason(client, programme):
    response = client.get("/en/programmes/ical/", {"city": "atlantis", "kind": "rave"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "“atlantis” is not one of the partner cities." in body
    assert "“rave” is not a kind of event." in body


def test_the_calendar_page_links_the_feed_of_its_filters(client, programme):
    html = client.get("/en/programmes/", {"month": "2031-05", "city": "tunis", "view": "list"}).content.decode()
    assert 'href="/en/programmes/ical/?city=tunis" type="text/calendar"' in html
    assert '<link rel="alternate" type="text/calendar" href="/en/programmes/ical/?city=tunis"' in html
