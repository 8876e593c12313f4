"""The Content-Security-Policy holds in a real browser: every kind of public page, in
English and in Arabic, and the admin an editor works in, are visited with the policy
the settings send, and the browser refuses nothing (no ``securitypolicyviolation``
event, no console error about the policy); the JavaScript each page depends on still
works under it: the player follows the transcript, the map draws, search suggests while
typing, the StreamField block chooser opens with its previews.

The content is the demo archive (``manage.py load_demo``): every page type, recordings
with transcripts, exhibitions with maps and clips, and the demo logins."""

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Page

import pytest
from playwright.sync_api import expect

from archive.models import ArtifactPage, CollectionPage
from exhibitions.models import ExhibitionPage
from heritage.models import PartnerCityPage
from oral_histories.models import OralHistoryPage

from .conftest import wait_for

# The live server runs in another thread, so the data must be committed; the demo needs
# the rows migrations create (groups, the root collection), which an earlier
# transactional test's flush removed: serialized_rollback has Django keep a copy, and
# restore_migrated_rows (tests/browser/conftest.py) puts it back.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.slow,
]

LANGUAGES = ["en", "ar"]


@pytest.fixture
def demo(restore_migrated_rows):
    call_command("load_demo", verbosity=0)


def _url(page: Page, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return page.specific.get_url()


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    page.wait_for_load_state("load")


def _open_oral_history() -> OralHistoryPage:
    """The first oral history whose player (and so its script) the public gets."""
    for candidate in OralHistoryPage.objects.live().order_by("path"):
        if candidate.get_recording() is not None and candidate.is_open():
            return candidate
    raise AssertionError("the demo has an oral history open to everyone")


def check_player_follows_the_transcript(page) -> None:
    page.wait_for_selector("[data-oh-player].is-enhanced")
    wait_for(page, "document.querySelector('audio').readyState >= 1")  # media-src allows it
    line = page.locator("[data-oh-transcript]:not([hidden]) .oh-line").nth(2)
    start = float(line.get_attribute("data-start"))
    line.locator(".oh-line__text").click()
    page.evaluate("document.querySelector('audio').pause()")
    assert page.evaluate("document.querySelector('audio').currentTime") >= start
    page.evaluate(
        "s => { const a = document.querySelector('audio'); a.currentTime = s;"
        " a.dispatchEvent(new Event('timeupdate')); }",
        start + 0.2,
    )
    # One current line in each transcript shown (two when a translation sits beside it).
    for transcript in page.locator("[data-oh-transcript]:not([hidden])").all():
        current = transcript.locator(".oh-line[aria-current=true]")
        assert current.count() == 1
        assert float(current.get_attribute("data-start")) == start


def check_map_draws(page) -> None:
    # The land outline is fetched (connect-src) and drawn; Leaflet styles its panes.
    page.wait_for_selector(".map-block__map.map-block__map--land")
    assert page.locator(".map-block__map .leaflet-heritage-land-pane path").count() > 0
    assert page.locator(".map-block__map path.map-block__place-marker").count() > 0


def check_suggestions(page, typed: str) -> None:
    box = page.locator("#search-q")
    box.press_sequentially(typed, delay=40)
    page.locator("#search-suggestions").get_by_role("option").first.wait_for()


def test_public_pages_keep_to_the_policy(live_server, page, csp_violations, demo):
    artifact = ArtifactPage.objects.live().order_by("path").first()
    collection = CollectionPage.objects.live().order_by("path").first()
    city = PartnerCityPage.objects.live().order_by("path").first()
    oral_history = _open_oral_history()
    with_map = next(
        exhibition
        for exhibition in ExhibitionPage.objects.live().order_by("path")
        if any(block.block_type == "map" for block in exhibition.body)
    )
    home = city.get_parent().get_parent()
    for language in LANGUAGES:
        indexes = (city.get_parent(), collection.get_parent(), oral_history.get_parent(), with_map.get_parent())
        for kind in (home, *indexes, city, collection, artifact):
            _visit(page, f"{live_server.url}{_url(kind, language)}")
            assert page.locator("html").get_attribute("lang") == language
        assert page.goto(f"{live_server.url}/{language}/no-such-page/").status == 404

        _visit(page, f"{live_server.url}{_url(oral_history, language)}")
        check_player_follows_the_transcript(page)

        _visit(page, f"{live_server.url}{_url(with_map, language)}")
        check_map_draws(page)
        page.wait_for_selector("[data-clip].is-enhanced")

        _visit(page, f"{live_server.url}/{language}/search/")
        title = getattr(artifact, f"title_{language}") or artifact.title_en
        check_suggestions(page, title.split()[0][:4])

        _visit(page, f"{live_server.url}/{language}/_util/login/")
    page.evaluate("1")  # the last page's reports are in
    assert not csp_violations, csp_violations.describe()


def _log_in(page, base: str) -> None:
    _visit(page, f"{base}/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "heritage-demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def test_admin_keeps_to_the_policy(live_server, page, csp_violations, demo):
    base = live_server.url
    artifact = ArtifactPage.objects.order_by("path").first()
    exhibition = ExhibitionPage.objects.live().order_by("path").first()
    errors = []  # a script the policy stopped leaves the others failing (wagtail-modeltranslation)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))

    _log_in(page, base)  # the login page, then the dashboard
    for path in (
        "/admin/pages/",
        f"/admin/pages/{artifact.get_parent().pk}/",
        f"/admin/pages/{artifact.pk}/edit/",
        "/admin/snippets/",
        reverse("wagtailsnippets_oral_histories_recording:add"),
        reverse("archive_import"),
    ):
        _visit(page, f"{base}{path}")

    # The exhibition's story: the block chooser opens, lists every story block, and a
    # block's preview (a frame of the admin) runs the clip's script.
    _visit(page, f"{base}/admin/pages/{exhibition.pk}/edit/")
    page.locator("button[title='Insert a block']").first.click()
    options = page.locator(".w-combobox__option")
    options.first.wait_for()
    assert "Map" in options.all_inner_texts()
    page.locator(".w-combobox__option-row", has_text="Oral-history clip").locator(".w-combobox__option-preview").click()
    page.frame_locator(".w-combobox-preview__iframe").locator("[data-clip].is-enhanced").wait_for()
    page.keyboard.press("Escape")

    # Partners and venues: an inline panel adds a curator (Wagtail's inline set-up
    # script ran), and the new row's person chooser opens its modal.
    page.get_by_role("tab", name="Partners and venues").click()
    curators = page.locator("#id_curator_credits-FORMS > [data-inline-panel-child]:visible")
    before = curators.count()
    page.get_by_role("button", name="Add Curator").click()
    expect(curators).to_have_count(before + 1)
    curators.last.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator(".modal-content").get_by_role("heading", name="Choose person").wait_for()
    page.evaluate("1")
    assert not csp_violations, csp_violations.describe()
    assert not errors, errors


def test_the_watch_sees_what_the_policy_refuses(live_server, page, csp_violations, tree):
    """The checks above can fail: an inline script is refused, and seen."""
    _visit(page, f"{live_server.url}/en/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
        " document.body.appendChild(s); }"
    )
    page.evaluate("1")
    assert page.evaluate("window.ran === undefined"), "the inline script did not run"
    assert [event["directive"] for event in csp_violations.events] == ["script-src-elem"]
    assert any("Content Security Policy" in text for text in csp_violations.console)
