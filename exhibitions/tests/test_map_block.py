"""The exhibition map block: what it keeps out, what it lists as text, the data its map
draws, and what editors are told when a map cannot be drawn."""

import json
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from exhibitions.blocks import ExhibitionStreamBlock
from exhibitions.models import ExhibitionPage
from exhibitions.templatetags.map_tags import coordinates
from heritage.factories import InstitutionFactory, PartnerCityPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db

MAP = ExhibitionStreamBlock().child_blocks["map"]


@pytest.fixture
def geography(tree):
    """Marseille (the tree's city) and Tunis, both public with coordinates; places on the coast;
    a draft city and a private one; and a place whose coordinates are not known yet."""
    tree.city.latitude, tree.city.longitude = Decimal("43.2965"), Decimal("5.3698")
    tree.city.save()
    tunis = PartnerCityPageFactory(
        parent=tree.partners,
        title="Tunis",
        title_ar="تونس",
        slug="tunis",
        latitude=Decimal("36.8065"),
        longitude=Decimal("10.1815"),
        country_code="TN",
    )
    draft = PartnerCityPageFactory(
        parent=tree.partners, title="Draft city", slug="draft", live=False, latitude=1, longitude=2
    )
    private = PartnerCityPageFactory(parent=tree.partners, title="Secret city", slug="secret", latitude=3, longitude=4)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    port = PlaceFactory(
        name_en="Old Port", name_ar="الميناء القديم", latitude=Decimal("43.2951"), longitude=Decimal("5.3739")
    )
    goulette = PlaceFactory(name_en="La Goulette", latitude=Decimal("36.8183"), longitude=Decimal("10.3050"))
    unknown = PlaceFactory(name_en="Somewhere unmapped")
    return {
        "marseille": tree.city,
        "tunis": tunis,
        "draft": draft,
        "private": private,
        "port": port,
        "goulette": goulette,
        "unknown": unknown,
    }


def map_value(heading="Crossings", places=(), routes=(), caption="Two ports, one sea."):
    return MAP.to_python(
        {
            "heading": heading,
            "places": [place.pk for place in places],
            "routes": [
                {"origin": origin.pk, "destination": destination.pk, "label": label}
                for origin, destination, label in routes
            ],
            "caption": caption,
        }
    )


def map_data(html: str) -> dict:
    match = re.search(r'<script id="(map-[^"]+)-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(2))


def test_the_text_list_and_the_map_data_show_every_place_and_route(geography):
    g = geography
    value = map_value(
        places=[g["port"], g["goulette"]],
        routes=[(g["marseille"], g["tunis"], "Ferry line"), (g["tunis"], g["marseille"], "")],
    )
    html = MAP.render(value)

    assert "<h3" in html and "Crossings" in html
    assert 'role="region"' in html and 'aria-label="Map: Crossings"' in html
    assert "<figcaption" in html and "Two ports, one sea." in html
    # The text list, for everyone: each place with its coordinates, each route with its label.
    places = re.findall(r'<li class="map-block__place">(.*?)</li>', html, re.S)
    assert len(places) == 2
    assert "Old Port" in places[0] and "43.30° N, 5.37° E" in places[0]
    assert "La Goulette" in places[1] and "36.82° N, 10.31° E" in places[1]
    routes = [re.sub(r"<[^>]+>", "", item) for item in re.findall(r'<li class="map-block__route">(.*?)</li>', html)]
    assert routes == ["Marseille to Tunis: Ferry line", "Tunis to Marseille"]
    # The map's data: the same places and routes with their coordinates.
    data = map_data(html)
    assert data["places"] == [
        {"name": "Old Port", "lat": 43.2951, "lng": 5.3739},
        {"name": "La Goulette", "lat": 36.8183, "lng": 10.305},
    ]
    assert data["routes"][0] == {
        "from": "Marseille",
        "to": "Tunis",
        "label": "Ferry line",
        "points": [[43.2965, 5.3698], [36.8065, 10.1815]],
    }
    assert len(data["routes"]) == 2
    # Leaflet and the map script come with the block; no tile server is named.
    assert "leaflet/leaflet.js" in html and "leaflet/leaflet.css" in html and "exhibitions/map.js" in html
    assert "data-tiles-url" not in html
    assert "tile.openstreetmap" not in html


def test_places_without_coordinates_and_routes_to_closed_cities_are_left_out(geography):
    g = geography
    value = map_value(
        places=[g["port"], g["unknown"]],
        routes=[
            (g["marseille"], g["tunis"], "Ferry line"),
            (g["marseille"], g["draft"], "To a draft"),
            (g["private"], g["tunis"], "From a secret"),
        ],
    )
    MAP.prepare([value], None)
    assert [place["name"] for place in value.prepared["places"]] == ["Old Port"]
    assert [route["label"] for route in value.prepared["routes"]] == ["Ferry line"]
    assert [route["label"] for route in value.prepared["data"]["routes"]] == ["Ferry line"]
    assert json.loads(value.prepared["json"]) == value.prepared["data"]

    html = MAP.render(value)
    assert "Somewhere unmapped" not in html
    assert "Draft city" not in html and "To a draft" not in html
    assert "Secret city" not in html and "From a secret" not in html
    assert "[1.0, 2.0]" not in json.dumps(map_data(html))


def test_a_map_with_nothing_left_to_show_keeps_its_heading_and_caption_only(geography):
    g = geography
    html = MAP.render(map_value(places=[g["unknown"]], routes=[(g["marseille"], g["draft"], "")]))
    assert "Crossings" in html and "Two ports, one sea." in html
    assert "map-block__map" not in html and "<ul" not in html


def test_arabic_lists_translated_names_and_routes_read_right_to_left(geography):
    g = geography
    value = map_value(places=[g["port"]], routes=[(g["marseille"], g["tunis"], "")])
    with translation.override("ar"):
        html = MAP.render(value)
    assert "الميناء القديم" in html
    assert "تونس" in html
    # The arrow is drawn by map.css from the text direction; the words say "to".
    assert '<span class="map-block__arrow" aria-hidden="true"></span>' in html
    assert "→" not in html and "←" not in html


def test_coordinates_read_as_degrees_north_south_east_west():
    assert coordinates(Decimal("43.2965"), Decimal("5.3698")) == "43.30° N, 5.37° E"
    assert coordinates(-33.9249, -18.4241) == "33.92° S, 18.42° W"
    assert coordinates(None, 1) == ""
    with translation.override("fr"):
        assert "43,30" in coordinates(Decimal("43.2965"), Decimal("5.3698"))


def test_a_tile_server_is_used_only_when_configured(geography):
    value = map_value(places=[geography["port"]])
    assert "data-tiles-url" not in MAP.render(value)
    tiles = {"url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "© Example"}
    with override_settings(HERITAGE_MAP_TILES=tiles):
        html = MAP.render(map_value(places=[geography["port"]]))
    assert 'data-tiles-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tiles-attribution="© Example"' in html


def test_several_maps_on_a_page_have_their_own_ids_and_load_leaflet_once(client, tree, geography):
    g = geography
    one = {"heading": "Ports", "places": [g["port"].pk], "routes": [], "caption": ""}
    two = {
        "heading": "Lines",
        "places": [g["goulette"].pk],
        "routes": [{"origin": g["marseille"].pk, "destination": g["tunis"].pk, "label": "Ferry"}],
        "caption": "",
    }
    exhibition = ExhibitionPage(title="Two maps", slug="two-maps", introduction_en="Two cities.")
    exhibition.body = [{"type": "map", "value": one}, {"type": "map", "value": two}]
    tree.exhibitions.add_child(instance=exhibition)
    exhibition.co_curators.set([InstitutionFactory(city=g["marseille"]), InstitutionFactory(city=g["tunis"])])
    exhibition.save_revision().publish()

    response = client.get(exhibition.url)
    assert response.status_code == 200
    html = response.content.decode()
    ids = re.findall(r'<script id="([^"]+)" type="application/json">', html)
    assert len(ids) == 2 and len(set(ids)) == 2
    containers = re.findall(r'data-map="([^"]+)"', html)
    assert containers == ids
    assert html.count('class="map-block"') == 2
    assert html.count("leaflet/leaflet.js") == 1
    assert html.count("exhibitions/map.js") == 1
    assert html.count("exhibitions/map.css") == 1
    assert len(set(re.findall(r' id="([^"]+)"', html))) == len(re.findall(r' id="([^"]+)"', html))


def block_errors(value) -> dict:
    with pytest.raises(ValidationError) as raised:
        MAP.clean(value)
    return raised.value.block_errors


def test_a_map_needs_a_place_or_a_route():
    errors = block_errors(map_value(places=[], routes=[]))
    assert "Add at least one place or one route." in str(errors["places"])


def test_every_place_needs_coordinates(geography):
    errors = block_errors(map_value(places=[geography["port"], geography["unknown"]]))
    assert "These places have no coordinates yet: Somewhere unmapped." in str(errors["places"])


def test_a_route_joins_two_different_cities(geography):
    marseille = geography["marseille"]
    errors = block_errors(map_value(routes=[(marseille, marseille, "Round trip")]))
    route_errors = errors["routes"].block_errors[0].block_errors
    assert "A route joins two different cities." in str(route_errors["destination"])


def test_a_valid_map_is_clean(geography):
    g = geography
    value = MAP.clean(map_value(places=[g["port"]], routes=[(g["marseille"], g["tunis"], "Ferry")]))
    assert [place.pk for place in value["places"]] == [g["port"].pk]
