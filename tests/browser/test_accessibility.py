"""WCAG 2.2 AA in a real browser: axe-core finds nothing to report on every page type in
English and in Arabic; Arabic pages mirror (breadcrumbs, text alignment, arrows, the
player's columns); and a keyboard reaches the header's controls in order, with a visible
focus indicator on each. Screenshots land in tests/screenshots/ as ``a11y-<page>-<lang>``.
"""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CommunityPerspectiveFactory
from heritage.factories import PartnerCityPageFactory, PersonFactory, PlaceFactory, RightsStatementFactory, ThemeFactory
from heritage.models import SisterCityLink
from oral_histories.factories import OralHistoryPageFactory
from search.sync import rebuild_database

from .conftest import wait_for
from .interview import ARABIC, ENGLISH, tell

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def site(tree):
    """A small but realistic site: two twinned cities, a collection with themed, illustrated
    objects and community voices, a public oral history with two transcripts and chapters,
    and a search index built from all of it."""
    home = tree.home
    home.title_ar = "مشاع التراث"
    home.introduction_en = "The shared memory of partner cities, their museums, libraries and communities."
    home.introduction_ar = "الذاكرة المشتركة للمدن الشريكة ومتاحفها ومكتباتها ومجتمعاتها."
    home.save()
    for index, title_ar in [
        (tree.partners, "المدن الشريكة"),
        (tree.collections, "المجموعات"),
        (tree.oral_histories, "التواريخ الشفوية"),
    ]:
        index.title_ar = title_ar
        index.show_in_menus = True
        index.save()

    city = tree.city
    city.title_ar = "مرسيليا"
    city.country_ar = "فرنسا"
    city.summary_en = "A port city where families from both shores of the Mediterranean settled."
    city.summary_ar = "مدينة ساحلية استقرت فيها عائلات من ضفتي المتوسط."
    city.story_en = "<p>Marseille's harbour has welcomed ships from Tunis and Algiers for centuries.</p>"
    city.story_ar = "<p>استقبل ميناء مرسيليا سفن تونس والجزائر منذ قرون.</p>"
    city.latitude, city.longitude = "43.296500", "5.369800"
    city.save()
    sfax = PartnerCityPageFactory(
        parent=tree.partners,
        title="Sfax",
        title_ar="صفاقس",
        slug="sfax",
        country_en="Tunisia",
        country_ar="تونس",
        country_code="TN",
        summary_en="The olive port of southern Tunisia.",
        summary_ar="ميناء الزيتون في جنوب تونس.",
    )
    SisterCityLink.objects.create(page=city, partner=sfax, since=1998, note_en="Harbour archives exchange")
    institution = tree.institution
    institution.name_ar = "متحف ذاكرة الميناء"
    institution.description_en = "Letters, photographs and objects from the harbour districts."
    institution.website = "https://example.org/harbour-memories"
    institution.save()

    collection = tree.collection
    collection.title_ar = "رسائل"
    collection.summary_en = "Letters between families in Sfax and Marseille."
    collection.summary_ar = "رسائل بين عائلات في صفاقس ومرسيليا."
    collection.introduction_en = "<p>Letters kept by the families who wrote them.</p>"
    collection.save()

    music = ThemeFactory(slug="music", name_en="Music", name_ar="موسيقى")
    harbour = ThemeFactory(slug="harbour", name_en="Harbour", name_ar="الميناء")
    maker = PersonFactory(name_en="Hédi Jouini", name_ar="الهادي الجويني")
    tunis = PlaceFactory(name_en="Tunis", name_ar="تونس")
    oud = ArtifactPageFactory(
        parent=collection,
        institution=institution,
        title="Oud from Tunis",
        title_ar="عود من تونس",
        slug="oud",
        description_en="<p>An oud played on the harbour crossing, kept by the family ever since.</p>",
        description_ar="<p>عود عزف عليه خلال عبور البحر، واحتفظت به العائلة منذ ذلك الحين.</p>",
        object_type_en="Musical instrument",
        object_type_ar="آلة موسيقية",
        materials_en="Walnut, spruce, gut strings",
        date_text_en="about 1955",
        date_text_ar="حوالي 1955",
        rights=RightsStatementFactory(),
    )
    oud.themes.add(music)
    oud.makers.add(maker)
    oud.places.add(tunis)
    oud.save()
    for view in ("front", "back", "rose"):
        ArtifactImageFactory(
            page=oud,
            alt_text_en=f"The oud seen from the {view}",
            alt_text_ar=f"العود ({view})",
            caption_en=f"The oud, {view}",
        )
    CommunityPerspectiveFactory(page=oud)
    for title, title_ar in [
        ("Harbour work song", "أغنية عمل الميناء"),
        ("Harbour strike poster", "ملصق إضراب الميناء"),
    ]:
        page = ArtifactPageFactory(
            parent=collection,
            institution=institution,
            title=title,
            title_ar=title_ar,
            description_en=f"<p>{title}, kept in Marseille.</p>",
            description_ar=f"<p>{title_ar}، محفوظ في مرسيليا.</p>",
        )
        page.themes.add(harbour)
        page.save()

    oral = OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="Arriving in Marseille",
        title_ar="الوصول إلى مرسيليا",
        slug="arriving",
        summary_en="<p>Fatma remembers the crossing from Sfax in 1962 and her first years at the harbour.</p>",
        summary_ar="<p>تتذكر فاطمة رحلتها من صفاقس سنة 1962 وسنواتها الأولى قرب الميناء.</p>",
        recorded_on=datetime.date(1998, 3, 12),
        institution=institution,
        rights=RightsStatementFactory(),
    )
    tell(
        oral,
        transcripts={"en": ENGLISH, "ar": ARABIC},
        chapters=[
            (0.0, "Childhood in Sfax", "الطفولة في صفاقس", "Her family's house near the port.", "Sfax; family"),
            (10.0, "The crossing", "الرحلة", "Two days at sea on the Ville d'Alger.", "boat; songs"),
            (22.0, "The docks", "الأرصفة", "Her father's work at La Joliette.", "docks; work"),
        ],
    )

    rebuild_database()
    return tree


PAGES = {
    "home": "/{lang}/",
    "city": "/{lang}/partners/marseille/",
    "collection": "/{lang}/collections/letters/",
    "artifact": "/{lang}/collections/letters/oud/",
    "oral-history": "/{lang}/oral-histories/arriving/",
    "search": "/{lang}/search/?q={query}",
    "not-found": "/{lang}/no-such-page/",
}
QUERIES = {"en": "harbour", "ar": "الميناء"}


def _open(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    if page.locator("[data-oh-player]").count():
        # The oral-history player is checked as a visitor meets it: enhanced by its script.
        page.wait_for_selector("[data-oh-player].is-enhanced")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_wcag_violations(live_server, page, site, axe_violations, screenshot, kind, lang):
    _open(page, live_server.url + PAGES[kind].format(lang=lang, query=QUERIES[lang]))
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    if kind == "search":
        assert page.locator(".result").count() >= 2, "the search page is checked with results and facets"
    if kind == "oral-history":
        assert page.locator("audio").count() == 1
        assert page.locator(".oh-line").count() == len(ENGLISH) * 2
    screenshot(page, f"a11y-{kind}-{lang}")
    violations = axe_violations(page, best_practice=True)
    assert not violations, axe_violations.describe(violations)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_server_error_page_has_no_violations(page, axe_violations, lang):
    """The bare 500 page (no stylesheet, no site chrome) is still a well-formed document."""
    with translation.override(lang):
        page.set_content(render_to_string("500.html"))
    assert page.locator("html").get_attribute("lang") == lang
    violations = axe_violations(page, best_practice=True)
    assert not violations, axe_violations.describe(violations)


def test_arabic_oral_history_with_two_transcripts_has_no_violations(live_server, page, site, axe_violations):
    """The paired-transcript layout (only reachable by script) is checked too."""
    _open(page, f"{live_server.url}/ar/oral-histories/arriving/")
    # It opens paired: the visitor's Arabic, the English original beside it (issue 16).
    assert page.locator("[data-oh-second]").input_value() == "en"
    assert page.locator("[data-oh-transcript=ar]").is_visible()
    assert page.locator("[data-oh-transcript=en]").is_visible()
    violations = axe_violations(page, best_practice=True)
    assert not violations, axe_violations.describe(violations)


@pytest.mark.parametrize(("lang", "typed"), [("en", "harb"), ("ar", "أغن")])
def test_search_suggestions_have_no_violations(live_server, page, site, axe_violations, screenshot, lang, typed):
    """The combobox and its open list of suggestions, as a visitor typing meets them."""
    page.goto(f"{live_server.url}/{lang}/search/")
    box = page.locator("#search-q")
    box.press_sequentially(typed, delay=40)
    page.locator("#search-suggestions [role=option]").first.wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-activedescendant") == "suggestion-0"
    screenshot(page, f"a11y-search-suggestions-{lang}")
    violations = axe_violations(page, best_practice=True)
    assert not violations, axe_violations.describe(violations)
    # Options are plain text, not nested links: a click on one still goes to its page.
    page.locator("#search-suggestions [role=option]").first.click()
    page.wait_for_url(f"**/{lang}/collections/letters/**")


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _right_edge(box):
    return box["x"] + box["width"]


def test_arabic_pages_mirror(live_server, page, site, screenshot):
    page.goto(f"{live_server.url}/ar/collections/letters/oud/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Breadcrumbs run right to left: home first, on the right; the separators point left.
    crumbs = page.locator(".breadcrumbs li")
    assert crumbs.first.bounding_box()["x"] > crumbs.last.bounding_box()["x"], "the first breadcrumb sits on the right"
    assert crumbs.nth(1).evaluate("li => getComputedStyle(li, '::before').content") == '"‹"'
    page.goto(f"{live_server.url}/en/collections/letters/oud/")
    assert crumbs.nth(1).evaluate("li => getComputedStyle(li, '::before').content") == '"›"'

    # Text starts on the right: a card title's alignment is `start`, which resolves to its right edge.
    page.goto(f"{live_server.url}/ar/collections/letters/")
    title = page.locator(".card__title").first
    assert title.evaluate("e => getComputedStyle(e).textAlign") == "start"
    link, body = title.locator("a").bounding_box(), _box(page, ".card__body")
    assert _right_edge(body) - _right_edge(link) < 20, "the title hugs the card's right edge"
    assert link["x"] - body["x"] > 20

    # The search facets sit on the right, and each value's count at its left end.
    page.goto(f"{live_server.url}/ar/search/?q=الميناء")
    assert _box(page, ".search-facets")["x"] > _box(page, ".search-results")["x"]
    assert _box(page, ".facet__count")["x"] < _box(page, ".facet__label")["x"]

    # The skip link appears at the top right when focused.
    page.keyboard.press("Tab")
    assert _box(page, ".skip-link")["x"] > page.viewport_size["width"] / 2

    # The player: media and chapters on the right, transcripts on the left; the chapter and
    # line markers on the start side of each (right in Arabic, left in an English transcript);
    # "back to the current line" at the end (left) of the transcript box.
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/ar/oral-histories/arriving/")
    assert page.locator("[data-oh-second]").input_value() == "en"  # paired from the start
    media, transcripts = _box(page, ".oh-player__media"), _box(page, ".oh-transcripts")
    assert media["x"] >= _right_edge(transcripts), "the media column sits to the right of the transcripts"
    assert _box(page, ".oh-chapters")["x"] >= _right_edge(transcripts)

    def border(selector, side):
        return page.locator(selector).first.evaluate(f"e => getComputedStyle(e).border{side}Width")

    assert (border(".oh-chapter", "Right"), border(".oh-chapter", "Left")) == ("4px", "0px")
    assert (
        border("[data-oh-transcript=ar] .oh-line", "Right"),
        border("[data-oh-transcript=ar] .oh-line", "Left"),
    ) == (
        "4px",
        "0px",
    )
    english_line = "[data-oh-transcript=en] .oh-line"
    assert (border(english_line, "Left"), border(english_line, "Right")) == ("4px", "0px"), "English lines stay LTR"
    english, arabic = _box(page, "[data-oh-transcript=en]"), _box(page, "[data-oh-transcript=ar]")
    assert arabic["x"] > english["x"], "the leading transcript (the visitor's Arabic) is on the right"

    follow = page.locator("[data-oh-follow]")
    follow.evaluate("b => { b.hidden = false; }")
    button, frame = follow.bounding_box(), _box(page, ".oh-transcripts__frame")
    assert button["x"] - frame["x"] < _right_edge(frame) - _right_edge(button), "the button sits at the left end"
    follow.evaluate("b => { b.hidden = true; }")
    _at(page, 12)
    screenshot(page, "a11y-mirroring-oral-history-ar")

    # A "forward" icon is mirrored so it points left, the way Arabic reads.
    page.evaluate("document.querySelector('h1').insertAdjacentHTML('beforeend', '<span class=icon-forward>→</span>')")
    assert page.locator(".icon-forward").evaluate("e => getComputedStyle(e).transform").startswith("matrix(-1, 0, 0, 1")


def test_the_gallery_scrolls_from_the_keyboard(live_server, page, site):
    """The sideways-scrolling gallery takes focus, shows it, and arrow keys move it along:
    leftwards in Arabic, where the first image sits on the right."""
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{live_server.url}/ar/collections/letters/oud/")
    slides = page.locator(".gallery__slides")
    for _ in range(20):
        page.keyboard.press("Tab")
        if slides.evaluate("s => document.activeElement === s"):
            break
    else:
        pytest.fail("Tab never reached the gallery")
    assert slides.evaluate("s => getComputedStyle(s).outlineStyle") != "none"
    first = page.locator(".gallery__slide").first.bounding_box()
    assert first["x"] > page.locator(".gallery__slide").nth(1).bounding_box()["x"], "image 2 waits on the left"
    page.keyboard.press("ArrowLeft")
    wait_for(page, "document.querySelector('.gallery__slides').scrollLeft < 0")


def _at(page, seconds):
    page.evaluate(
        "s => { const a = document.querySelector('audio'); a.pause(); a.currentTime = s;"
        " a.dispatchEvent(new Event('timeupdate')); }",
        seconds,
    )


HEADER_PARTS = ["skip-link", "site-title", "site-nav", "site-search", "language-switcher"]
WHERE = """parts => {
    const e = document.activeElement;
    const part = parts.find(p => e.closest('.' + p)) || (e.closest('.breadcrumbs, main') ? 'content' : e.tagName);
    const s = getComputedStyle(e);
    return {part, tag: e.tagName, text: (e.textContent || e.placeholder || '').trim(),
            outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), shadow: s.boxShadow};
}"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_keyboard_reaches_the_header_in_order_with_visible_focus(live_server, page, site, screenshot, lang):
    """Tab from the top: the skip link, the site title, the main navigation, the search box
    and its button, then every language; each with a focus indicator that can be seen."""
    page.goto(f"{live_server.url}/{lang}/collections/letters/")
    stops = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stop = page.evaluate(WHERE, HEADER_PARTS)
        if stop["part"] == "content":
            break
        stops.append(stop)
        visible = (stop["outline"] != "none" and stop["outlineWidth"] >= 2) or stop["shadow"] != "none"
        assert visible, f"no visible focus indicator on {stop}"
        if stop["part"] == "site-search" and stop["tag"] == "INPUT":
            screenshot(page, f"a11y-keyboard-search-{lang}")

    order = [part for i, part in enumerate(s["part"] for s in stops) if i == 0 or stops[i - 1]["part"] != part]
    assert order == HEADER_PARTS, [(s["part"], s["text"]) for s in stops]
    nav = [s["text"] for s in stops if s["part"] == "site-nav"]
    assert len(nav) == 3
    assert [s["tag"] for s in stops if s["part"] == "site-search"] == ["INPUT", "BUTTON"]
    languages = [s["text"] for s in stops if s["part"] == "language-switcher"]
    assert languages == ["English", "français", "Deutsch", "العربيّة"]


def test_the_skip_link_moves_focus_to_the_content(live_server, page, site):
    page.goto(f"{live_server.url}/ar/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
