"""The exhibition map in a real browser: Leaflet draws the bundled land outlines, one
marker per place and one line per route; nothing is fetched from anywhere but our own
server; Arabic mirrors the controls and the arrows; a keyboard can reach and zoom the
map; and without JavaScript the same places and routes are there as a list.
Screenshots: tests/screenshots/map-en.png and map-ar.png."""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from exhibitions.models import ExhibitionPage
from heritage.factories import InstitutionFactory, PartnerCityPageFactory, PlaceFactory

from .conftest import wait_for

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

LOCAL_HOSTS = {"localhost", "127.0.0.1"}
MAP = ".map-block__map.leaflet-container"


def map_value(heading, places=(), routes=(), caption=""):
    return {
        "type": "map",
        "value": {
            "heading": heading,
            "places": [place.pk for place in places],
            "routes": [{"origin": a.pk, "destination": b.pk, "label": label} for a, b, label in routes],
            "caption": caption,
        },
    }


@pytest.fixture
def geography(tree):
    marseille = tree.city
    marseille.latitude, marseille.longitude = Decimal("43.2965"), Decimal("5.3698")
    marseille.title_ar = "مرسيليا"
    marseille.save_revision().publish()
    tunis = PartnerCityPageFactory(
        parent=tree.partners,
        title="Tunis",
        title_fr="Tunis",
        title_ar="تونس",
        slug="tunis",
        latitude=Decimal("36.8065"),
        longitude=Decimal("10.1815"),
        country_code="TN",
    )
    hamburg = PartnerCityPageFactory(
        parent=tree.partners,
        title="Hamburg",
        title_ar="هامبورغ",
        slug="hamburg",
        latitude=Decimal("53.5511"),
        longitude=Decimal("9.9937"),
        country_code="DE",
    )
    places = [
        PlaceFactory(
            name_en="Old Port", name_ar="الميناء القديم", latitude=Decimal("43.2951"), longitude=Decimal("5.3739")
        ),
        PlaceFactory(
            name_en="La Goulette", name_ar="حلق الوادي", latitude=Decimal("36.8183"), longitude=Decimal("10.3050")
        ),
        PlaceFactory(
            name_en="Speicherstadt", name_ar="شبايشرشتات", latitude=Decimal("53.5437"), longitude=Decimal("9.9890")
        ),
    ]
    routes = [(marseille, tunis, "Ferry line, 1960s to today"), (hamburg, marseille, "Rail freight")]
    return {"marseille": marseille, "tunis": tunis, "hamburg": hamburg, "places": places, "routes": routes}


def publish_exhibition(tree, geography, body, slug="crossings", body_ar=None):
    exhibition = ExhibitionPage(
        title="Crossings",
        title_ar="عبور",
        slug=slug,
        introduction_en="Ports and the lines between them.",
        introduction_ar="الموانئ والخطوط بينها.",
    )
    exhibition.body = [{"type": "paragraph", "value": "<p>Three ports, two lines across land and sea.</p>"}, *body]
    if body_ar:
        exhibition.body_ar = [{"type": "paragraph", "value": "<p>ثلاثة موانئ وخطان عبر البر والبحر.</p>"}, *body_ar]
    tree.exhibitions.add_child(instance=exhibition)
    exhibition.co_curators.set(
        [InstitutionFactory(city=geography["marseille"]), InstitutionFactory(city=geography["tunis"])]
    )
    exhibition.save_revision().publish()
    return exhibition


@pytest.fixture
def exhibition(tree, geography):
    places, (ferry, rail) = geography["places"], geography["routes"]
    block = map_value(
        "Ports and lines", places, [ferry, rail], caption="The crossings the exhibition follows, by sea and by rail."
    )
    # The Arabic story is translated: it reads right to left.
    block_ar = map_value(
        "الموانئ والخطوط",
        places,
        [(*ferry[:2], "خط العبّارة، من الستينيات إلى اليوم"), (*rail[:2], "شحن بالسكك الحديدية")],
        caption="العبور الذي يتتبعه المعرض، بحراً وبراً.",
    )
    return publish_exhibition(tree, geography, [block], body_ar=[block_ar])


def watch_requests(page) -> list[str]:
    """Every URL the page asks for; any leaving this machine is refused (and recorded)."""
    requested = []

    def handle(route):
        url = route.request.url
        requested.append(url)
        if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).hostname not in LOCAL_HOSTS:
            route.abort()
        else:
            route.continue_()

    page.route("**/*", handle)
    return requested


def route_texts(page) -> list[str]:
    """The routes as they look: the arrow drawn by map.css in place of the words read aloud."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.map-block__route')].map(item => {
            const copy = item.cloneNode(true);
            const arrow = getComputedStyle(item.querySelector('.map-block__arrow'), '::before').content;
            copy.querySelector('.map-block__arrow').textContent = JSON.parse(arrow);
            copy.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim();
        })"""
    )


def wait_for_map(page, count=1):
    wait_for(page, "n => document.querySelectorAll('.map-block__map.map-block__map--land').length === n", count)


def test_the_map_draws_land_places_and_routes_from_our_server_only(live_server, page, exhibition, screenshot):
    requested = watch_requests(page)
    page.goto(f"{live_server.url}/en/exhibitions/crossings/")
    wait_for_map(page)

    assert page.locator(MAP).count() == 1
    region = page.get_by_role("region", name="Map: Ports and lines")
    assert region.is_visible()
    # One marker per place, one line per route, and the cities the routes join.
    assert page.locator(f"{MAP} path.map-block__place-marker").count() == 3
    assert page.locator(f"{MAP} path.map-block__route-line").count() == 2
    assert page.locator(f"{MAP} path.map-block__city-marker").count() == 3
    # The land outlines, in their own pane under the markers.
    land = page.locator(f"{MAP} .leaflet-heritage-land-pane path")
    assert land.count() >= 1
    assert len(land.first.get_attribute("d")) > 1000  # clipped to the view, but coastlines
    assert "Natural Earth" in page.locator(f"{MAP} .leaflet-control-attribution").inner_text()
    # No tiles: nothing but the land.
    assert page.locator(f"{MAP} .leaflet-tile").count() == 0

    # A tooltip names a place on hover, right above it.
    marker = page.locator(f"{MAP} path.map-block__place-marker").nth(1)
    marker.hover()
    tooltip = page.locator(f"{MAP} .leaflet-tooltip")
    assert tooltip.inner_text() == "La Goulette"
    marker_box, tooltip_box = marker.bounding_box(), tooltip.bounding_box()
    assert abs((marker_box["x"] + marker_box["width"] / 2) - (tooltip_box["x"] + tooltip_box["width"] / 2)) < 5
    assert tooltip_box["y"] + tooltip_box["height"] <= marker_box["y"]

    # The zoom control sits on the inline-start side: the left in English.
    zoom = page.locator(f"{MAP} .leaflet-control-zoom").bounding_box()
    box = region.bounding_box()
    assert zoom["x"] < box["x"] + box["width"] / 2

    # Every place and route is within the map's view.
    inside = page.evaluate(
        """() => {
            const container = document.querySelector('.map-block__map');
            const map = container.heritageMap;
            const view = map.getBounds();
            const data = JSON.parse(document.getElementById(container.dataset.map).textContent);
            const points = data.places.map(p => [p.lat, p.lng]).concat(...data.routes.map(r => r.points));
            return points.every(p => view.contains(p));
        }"""
    )
    assert inside

    # The text list is there for everyone, with arrows along the reading direction.
    assert page.locator(".map-block__place").all_inner_texts()[0].startswith("Old Port")
    assert route_texts(page) == ["Marseille → Tunis: Ferry line, 1960s to today", "Hamburg → Marseille: Rail freight"]

    screenshot(page, "map-en")
    hosts = {urlsplit(url).hostname for url in requested if urlsplit(url).scheme in {"http", "https"}}
    assert hosts <= LOCAL_HOSTS, f"requests left the machine: {sorted(hosts - LOCAL_HOSTS)}"
    assert any(url.endswith("/static/exhibitions/land-110m.geojson") for url in requested)
    assert any(url.endswith("/static/leaflet/leaflet.js") for url in requested)


def test_the_map_mirrors_in_arabic(live_server, page, exhibition, screenshot):
    requested = watch_requests(page)
    page.goto(f"{live_server.url}/ar/exhibitions/crossings/")
    wait_for_map(page)
    assert page.locator("html").get_attribute("dir") == "rtl"

    region = page.locator(MAP)
    zoom = page.locator(f"{MAP} .leaflet-control-zoom").bounding_box()
    box = region.bounding_box()
    assert zoom["x"] > box["x"] + box["width"] / 2, "the zoom control sits on the right in Arabic"
    attribution = page.locator(f"{MAP} .leaflet-control-attribution").bounding_box()
    assert attribution["x"] < box["x"] + box["width"] / 2

    # The route arrows point leftwards, along the reading direction.
    assert route_texts(page) == [
        "مرسيليا ← تونس: خط العبّارة، من الستينيات إلى اليوم",
        "هامبورغ ← مرسيليا: شحن بالسكك الحديدية",
    ]
    assert "الميناء القديم" in page.locator(".map-block__place").first.inner_text()
    # A place's tooltip sits right above it, as in English.
    marker = page.locator(f"{MAP} path.map-block__place-marker").nth(1)
    marker.hover()
    tooltip = page.locator(f"{MAP} .leaflet-tooltip")
    assert tooltip.inner_text() == "حلق الوادي"
    marker_box, tooltip_box = marker.bounding_box(), tooltip.bounding_box()
    assert abs((marker_box["x"] + marker_box["width"] / 2) - (tooltip_box["x"] + tooltip_box["width"] / 2)) < 5
    assert tooltip_box["y"] + tooltip_box["height"] <= marker_box["y"]
    # The tooltip of a route reads the same way.
    page.mouse.move(0, 0)
    page.locator(f"{MAP} path.map-block__route-line").first.hover()
    assert page.locator(f"{MAP} .leaflet-tooltip", has_text="مرسيليا ← تونس: خط العبّارة").is_visible()

    screenshot(page, "map-ar")
    hosts = {urlsplit(url).hostname for url in requested if urlsplit(url).scheme in {"http", "https"}}
    assert hosts <= LOCAL_HOSTS


def test_a_keyboard_reaches_the_map_and_zooms_it(live_server, page, exhibition, axe_violations):
    page.emulate_media(reduced_motion="reduce")  # map.js then zooms without animation
    page.goto(f"{live_server.url}/en/exhibitions/crossings/")
    wait_for_map(page)
    page.locator(".map-block__heading").click()  # start tabbing from just before the map
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const element = document.activeElement, style = getComputedStyle(element);
            return {
                map: element.classList.contains('map-block__map'),
                outline: style.outlineStyle,
                width: style.outlineWidth,
                label: element.getAttribute('aria-label'),
            };
        }"""
    )
    assert focused == {"map": True, "outline": "solid", "width": "3px", "label": "Map: Ports and lines"}
    before = page.evaluate("document.querySelector('.map-block__map').heritageMap.getZoom()")
    page.keyboard.press("+")
    wait_for(page, f"document.querySelector('.map-block__map').heritageMap.getZoom() > {before}")
    page.keyboard.press("-")
    wait_for(page, f"document.querySelector('.map-block__map').heritageMap.getZoom() === {before}")

    # Tab goes through the routes and places, each naming itself in its tooltip, then the
    # zoom buttons, and out of the map: nothing traps the keyboard.
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
                const element = document.activeElement;
                if (!document.querySelector('.map-block__map').contains(element)) return null;
                const tooltip = document.querySelector('.map-block__map .leaflet-tooltip');
                return [element.getAttribute('aria-label'), tooltip ? tooltip.textContent : ''];
            }"""
        )
        if stop is None:
            break
        stops.append(stop)
    else:
        pytest.fail(f"the keyboard is stuck in the map: {stops}")
    labels = [label for label, _tooltip in stops]
    assert labels[:5] == [
        "Marseille → Tunis: Ferry line, 1960s to today",
        "Hamburg → Marseille: Rail freight",
        "Old Port",
        "La Goulette",
        "Speicherstadt",
    ]
    assert all(tooltip == label for label, tooltip in stops[:5])
    assert labels[5:7] == ["Zoom in", "Zoom out"]
    # A focused place shows a ring.
    page.locator(f"{MAP} path.map-block__place-marker").first.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    violations = axe_violations(page, context=".map-block")
    assert not violations, axe_violations.describe(violations)


def test_several_maps_on_one_page(live_server, page, tree, geography):
    places, routes = geography["places"], geography["routes"]
    publish_exhibition(
        tree,
        geography,
        [map_value("Ports", places[:2]), map_value("Lines", routes=routes), map_value("", places[2:], routes[:1])],
        slug="three-maps",
    )
    requested = watch_requests(page)
    page.goto(f"{live_server.url}/en/exhibitions/three-maps/")
    wait_for_map(page, 3)
    maps = page.locator(MAP)
    assert maps.count() == 3
    assert [maps.nth(n).locator("path.map-block__place-marker").count() for n in range(3)] == [2, 0, 1]
    assert [maps.nth(n).locator("path.map-block__route-line").count() for n in range(3)] == [0, 2, 1]
    assert maps.nth(2).get_attribute("aria-label") == "Map"
    # Leaflet, map.js and the land outlines are each fetched once for the page.
    for name in ("leaflet/leaflet.js", "exhibitions/map.js", "exhibitions/land-110m.geojson"):
        assert sum(url.endswith(name) for url in requested) == 1, name


def test_without_javascript_the_places_and_routes_are_a_list(live_server, browser, exhibition):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/exhibitions/crossings/")
    figure = page.locator("figure.map-block")
    assert figure.get_by_role("heading", name="Ports and lines").is_visible()
    # No empty map box, just the lists and the caption.
    assert not page.locator(".map-block__map").is_visible()
    assert figure.get_by_role("list", name="Places").locator("li").all_inner_texts() == [
        "Old Port 43.30° N, 5.37° E",
        "La Goulette 36.82° N, 10.31° E",
        "Speicherstadt 53.54° N, 9.99° E",
    ]
    assert route_texts(page) == ["Marseille → Tunis: Ferry line, 1960s to today", "Hamburg → Marseille: Rail freight"]
    # Read aloud, a route says "to" rather than an arrow.
    routes = figure.get_by_role("list", name="Routes").locator("li")
    assert " ".join(routes.first.text_content().split()) == "Marseille to Tunis: Ferry line, 1960s to today"
    assert "by sea and by rail" in figure.locator("figcaption").inner_text()
    context.close()
