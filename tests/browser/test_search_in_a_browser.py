"""Searching as a visitor: suggestions while typing (JavaScript), facets and paging
without JavaScript, and Arabic right to left. Screenshots land in tests/screenshots/."""

import pytest

from archive.factories import ArtifactPageFactory
from heritage.factories import ThemeFactory
from search.sync import rebuild_database

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def archive(tree):
    music = ThemeFactory(slug="music", name_en="Music", name_fr="Musique", name_ar="موسيقى")
    for title, title_ar, themed in [
        ("Oud from Tunis", "عود من تونس", True),
        ("Harbour work song", "أغنية عمل الميناء", True),
        ("Letter from Sfax to Marseille", "رسالة من صفاقس إلى مرسيليا", False),
        ("Harbour strike poster", "ملصق إضراب الميناء", False),
    ]:
        page = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title=title,
            title_ar=title_ar,
            description_en=f"<p>{title}, kept in Marseille.</p>",
            description_ar=f"<p>{title_ar}، محفوظ في مرسيليا.</p>",
        )
        if themed:
            page.themes.add(music)
            page.save()
    rebuild_database()
    return tree


def test_suggestions_appear_while_typing(live_server, page, archive, screenshot):
    page.goto(f"{live_server.url}/en/search/")
    box = page.get_by_role("combobox", name="Search for")
    box.press_sequentially("harb", delay=40)
    options = page.locator("#search-suggestions").get_by_role("option")
    options.first.wait_for()
    assert {text.strip() for text in options.all_inner_texts()} == {"Harbour work song", "Harbour strike poster"}
    screenshot(page, "search-suggestions-en")
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/en/collections/letters/**")
    assert page.locator("h1").inner_text().startswith("Harbour")


def test_facets_and_results_without_javascript(live_server, browser, archive, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/search/?q=harbour")
    assert page.locator("#results-heading").inner_text() == "2 results"
    page.locator(".facet a", has_text="Music").click()
    page.wait_for_url("**theme=music**")
    assert page.locator("#results-heading").inner_text() == "1 result"
    assert page.locator(".result__snippet mark").first.inner_text().lower() == "harbour"
    screenshot(page, "search-facets-en")
    context.close()


def test_arabic_search_reads_right_to_left(live_server, page, archive, screenshot):
    page.goto(f"{live_server.url}/ar/search/?q=الميناء")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".result__title").count() == 2
    facets_box = page.locator(".search-facets").bounding_box()
    results_box = page.locator(".search-results").bounding_box()
    assert facets_box["x"] > results_box["x"], "the facets sit on the right in Arabic"
    screenshot(page, "search-ar")
