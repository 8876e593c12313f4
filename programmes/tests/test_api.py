"""Events in the API v2: their facts in the requested language, filters by city."""

import pytest

from archive.factories import ArtifactPageFactory
from programmes.factories import EventFeatureFactory, SeriesPageFactory, at
from programmes.models import Kind

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_an_event_in_the_api(client, world):
    series = SeriesPageFactory(parent=world.index, title="Festival of Two Shores")
    event = make_event(
        world,
        title="Harbour night",
        title_fr="Nuit du port",
        kind=Kind.FESTIVAL,
        languages="fr, ar",
        series=series,
        starts_at=at(2031, 5, 20, 18),
        organisers=[world.museum],
        communities=[world.community],
    )
    shown = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Shown jug")
    hidden = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Hidden", live=False)
    EventFeatureFactory(event=event, page=shown)
    EventFeatureFactory(event=event, page=hidden)
    data = client.get(f"/api/v2/pages/{event.pk}/", {"lang": "fr"}).json()
    assert data["title"] == "Nuit du port"
    assert data["kind"] == "festival"
    assert data["languages"] == ["fr", "ar"]
    assert data["starts_at"].startswith("2031-05-20T16:00:00")  # 18:00 in Paris, in UTC
    assert data["time_zone"] == "Europe/Paris"
    assert data["status"] == "planned"
    assert data["series"]["title"] == "Festival of Two Shores"
    assert data["venues"][0]["city"]["slug"] == "marseille"
    assert [i["code"] for i in data["organisers"]] == ["mmp"]
    assert [c["slug"] for c in data["communities"]] == ["tunisians-of-marseille"]
    assert [p["title"] for p in data["presents"]] == ["Shown jug"]
    assert data["facets"]["city"] == ["marseille"]


def test_events_are_filtered_by_city(client, world):
    make_event(world, title="In Marseille")
    make_event(world, title="In Hamburg", city=world.hamburg)
    listing = client.get("/api/v2/pages/", {"type": "programmes.EventPage", "city": "hamburg"}).json()
    assert [item["title"] for item in listing["items"]] == ["In Hamburg"]
