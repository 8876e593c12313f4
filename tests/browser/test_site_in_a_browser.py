"""The public site as a person uses it: keyboard, language switcher, right-to-left,
and filters that work without JavaScript. Screenshots land in tests/screenshots/."""

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from heritage.factories import ThemeFactory

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def artifact(tree):
    theme = ThemeFactory(slug="music", name_en="Music", name_fr="Musique")
    oud = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Oud",
        title_fr="Oud (luth)",
        title_ar="عود",
        slug="oud",
        slug_fr="oud-luth",
    )
    oud.themes.add(theme)
    oud.save()
    for _ in range(3):
        ArtifactImageFactory(page=oud)
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Strike poster")
    return oud


def test_keyboard_user_can_skip_to_the_content(live_server, page, artifact):
    page.goto(f"{live_server.url}/en/collections/letters/oud/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Focus is visible: the focused element gets an outline.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_language_switcher_keeps_the_page(live_server, page, artifact, screenshot):
    page.goto(f"{live_server.url}/en/collections/letters/oud/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="français").click()
    page.wait_for_url("**/fr/collections/letters/oud-luth/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Oud (luth)"
    screenshot(page, "artifact-fr")


def test_arabic_pages_read_right_to_left(live_server, page, artifact, screenshot):
    page.goto(f"{live_server.url}/ar/collections/letters/oud/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    title_box = page.locator(".site-title").bounding_box()
    switcher_box = page.locator(".language-switcher").bounding_box()
    assert title_box["x"] > switcher_box["x"], "the site title sits on the right in Arabic"
    assert page.locator("h1").inner_text() == "عود"
    screenshot(page, "artifact-ar")


def test_collection_filters_work_without_javascript(live_server, browser, artifact, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/collections/letters/")
    page.select_option("#filter-theme", "music")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/collections/letters/?theme=music*")
    titles = page.locator(".card__title").all_inner_texts()
    assert titles == ["Oud"]
    screenshot(page, "collection-filtered-en")
    context.close()
