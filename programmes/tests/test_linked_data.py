"""schema.org JSON-LD on the event page."""

import json
import re

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory
from heritage.factories import PlaceFactory
from programmes.factories import EventFeatureFactory, EventVenueFactory, SeriesPageFactory, at
from programmes.models import Kind

from .conftest import make_event

pytestmark = pytest.mark.django_db


def json_ld(client, url: str) -> dict | None:
    html = client.get(url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match[1]) if match else None


def test_an_event_is_a_schema_org_event(client, world):
    series = SeriesPageFactory(parent=world.index, title="Festival of Two Shores")
    event = make_event(
        world,
        title="Harbour night",
        kind=Kind.FESTIVAL,
        languages="fr, ar",
        series=series,
        starts_at=at(2031, 5, 20, 18),
        hours=3,
        organisers=[world.museum],
        communities=[world.community],
    )
    fort = PlaceFactory(name_en="Fort Saint-Jean", latitude="43.295600", longitude="5.362000")
    EventVenueFactory(event=event, city=world.hamburg, venue_en="Fischauktionshalle", place=fort)
    shown = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Shown jug")
    secret = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Secret jug")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    EventFeatureFactory(event=event, page=shown)
    EventFeatureFactory(event=event, page=secret)

    data = json_ld(client, event.url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Festival"
    assert data["name"] == "Harbour night"
    assert data["startDate"] == "2031-05-20T18:00:00+02:00"
    assert data["endDate"] == "2031-05-20T21:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["inLanguage"] == ["fr", "ar"]
    assert [place["address"]["addressLocality"] for place in data["location"]] == ["Marseille", "Hamburg"]
    assert data["location"][1]["geo"] == {"@type": "GeoCoordinates", "latitude": 43.2956, "longitude": 5.362}
    assert [o["name"] for o in data["organizer"]] == ["Museum of Harbour Memories", "Tunisians of Marseille"]
    assert data["superEvent"]["@type"] == "EventSeries" and data["superEvent"]["name"] == "Festival of Two Shores"
    assert [work["name"] for work in data["workFeatured"]] == ["Shown jug"]
    assert "Secret jug" not in json.dumps(data)


def test_a_series_is_an_event_series_of_its_editions(client, world):
    series = SeriesPageFactory(parent=world.index, title="Festival of Two Shores")
    make_event(world, title="Edition 2031", series=series, starts_at=at(2031, 5, 20, 18))
    make_event(world, title="Draft edition", series=series, starts_at=at(2032, 5, 20, 18), live=False)
    data = json_ld(client, series.url)
    assert data["@type"] == "EventSeries"
    assert [sub["name"] for sub in data["subEvent"]] == ["Edition 2031"]


def test_the_event_name_is_in_the_visitors_language(client, world):
    event = make_event(world, title="Harbour night", title_ar="ليلة الميناء", starts_at=at(2031, 5, 20, 18))
    data = json_ld(client, event.url.replace("/en/", "/ar/"))
    assert data["name"] == "ليلة الميناء"
