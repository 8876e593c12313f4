"""Listening to an oral history in a real browser: the transcript follows the recording,
lines and chapters seek, a second transcript sits alongside, the keyboard reaches every
line, Arabic reads right to left, and a restricted recording shows only its notice.
Screenshots land in tests/screenshots/."""

import datetime

import pytest

from heritage.factories import RightsStatementFactory
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope

from .conftest import wait_for
from .interview import tell

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SECONDS = 40.0
FRENCH = [
    (0.0, 4.0, "Fatma", "Je suis née à Sfax, en 1948, dans une maison près du port."),
    (4.0, 8.0, "Karim", "Et quand êtes-vous partie pour Marseille ?"),
    (8.0, 13.0, "Fatma", "En 1962, sur le Ville d'Alger, avec ma mère et mes deux frères."),
    (13.0, 17.0, "Fatma", "La traversée a duré deux jours. Tout le monde chantait sur le pont."),
    (17.0, 21.0, "Karim", "Vous vous souvenez des chansons ?"),
    (21.0, 26.0, "Fatma", "Oui, des chansons de Saliha. Ma mère les chantait en faisant le pain."),
    (26.0, 31.0, "Fatma", "À Marseille, nous avons habité rue des Dominicaines, au Panier."),
    (31.0, 36.0, "Karim", "Et le travail ?"),
    (36.0, 40.0, "Fatma", "Mon père déchargeait les bateaux au port de la Joliette."),
]
ARABIC = [
    (0.0, 4.0, "فاطمة", "ولدت في صفاقس سنة 1948، في دار قريبة من الميناء."),
    (4.0, 8.0, "كريم", "ومتى سافرت إلى مرسيليا؟"),
    (8.0, 13.0, "فاطمة", "سنة 1962، على باخرة فيل دالجي، مع أمي وأخويّ."),
    (13.0, 17.0, "فاطمة", "دامت الرحلة يومين. كان الجميع يغني على سطح الباخرة."),
    (17.0, 21.0, "كريم", "هل تتذكرين الأغاني؟"),
    (21.0, 26.0, "فاطمة", "نعم، أغاني صليحة. كانت أمي تغنيها وهي تعجن الخبز."),
    (26.0, 31.0, "فاطمة", "في مرسيليا سكنا في شارع الدومينيكان، في حي البانيي."),
    (31.0, 36.0, "كريم", "والعمل؟"),
    (36.0, 40.0, "فاطمة", "كان أبي يفرغ البواخر في ميناء لاجولييت."),
]


def _page(tree, **kwargs):
    return OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="Arriving in Marseille",
        title_fr="Arriver à Marseille",
        title_ar="الوصول إلى مرسيليا",
        summary_en="<p>Fatma remembers the crossing from Sfax in 1962 and her first years in Le Panier.</p>",
        summary_fr="<p>Fatma se souvient de la traversée depuis Sfax en 1962 et de ses premières années au Panier.</p>",
        summary_ar="<p>تتذكر فاطمة رحلتها من صفاقس سنة 1962 وسنواتها الأولى في حي البانيي.</p>",
        recorded_on=datetime.date(1998, 3, 12),
        institution=tree.institution,
        rights=RightsStatementFactory(),
        **kwargs,
    )


@pytest.fixture
def oral_history(tree):
    page = _page(tree, slug="arriving")
    tell(
        page,
        seconds=SECONDS,
        transcripts={"fr": FRENCH, "ar": ARABIC},
        chapters=[
            (0.0, "Childhood in Sfax", "الطفولة في صفاقس", "Her family's house near the port.", "Sfax; family"),
            (8.0, "The crossing", "الرحلة", "Two days at sea on the Ville d'Alger, singing.", "boat; songs"),
            (26.0, "Le Panier", "حي البانيي", "A first home, and work at the docks.", "housing; docks"),
        ],
    )
    return page


def _open(page, url):
    page.goto(url)
    page.wait_for_selector("[data-oh-player].is-enhanced")
    wait_for(page, "document.querySelector('audio').readyState >= 1")


def _at(page, seconds):
    """Play up to a moment: the position is set by script and the player told."""
    page.evaluate(
        "s => { const a = document.querySelector('audio'); a.pause(); a.currentTime = s;"
        " a.dispatchEvent(new Event('timeupdate')); }",
        seconds,
    )


def _current_time(page):
    return page.evaluate("document.querySelector('audio').currentTime")


def _lines(page, language):
    return page.locator(f"[data-oh-transcript={language}] .oh-line")


def test_clicking_a_line_seeks_and_playing_highlights(live_server, page, oral_history):
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 1280, "height": 450})  # the transcript overflows its box
    _open(page, f"{live_server.url}/en/oral-histories/arriving/")
    assert page.locator("[data-oh-transcript=ar]").is_hidden(), "one transcript until a second is chosen"

    _lines(page, "fr").nth(2).locator(".oh-line__text").click()
    assert 8.0 <= _current_time(page) < 9.5
    page.evaluate("document.querySelector('audio').pause()")

    _at(page, 22.5)
    current = page.locator("[data-oh-transcript=fr] .oh-line[aria-current=true]")
    assert current.count() == 1
    assert current.get_attribute("data-start") == "21.0"
    assert "is-current" in current.get_attribute("class")
    chapter = page.locator(".oh-chapter[aria-current=true]")
    assert chapter.count() == 1
    assert "The crossing" in chapter.inner_text()

    # The transcript box follows the recording; the page itself stays put.
    box = page.locator("[data-oh-box]")
    page_scroll = page.evaluate("window.scrollY")
    _at(page, 38)
    assert box.evaluate("b => b.scrollTop") > 0
    assert page.evaluate("window.scrollY") == page_scroll
    last = _lines(page, "fr").last
    assert last.get_attribute("aria-current") == "true"
    last_box, frame = last.bounding_box(), box.bounding_box()
    assert frame["y"] <= last_box["y"] and last_box["y"] + last_box["height"] <= frame["y"] + frame["height"]

    # Chapters seek too.
    page.locator(".oh-chapter__link", has_text="Le Panier").click()
    assert 26.0 <= _current_time(page) < 27.5


def test_visitor_scrolling_the_transcript_is_not_interrupted(live_server, page, oral_history):
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 1280, "height": 560})
    _open(page, f"{live_server.url}/en/oral-histories/arriving/")
    box = page.locator("[data-oh-box]")
    box.hover()
    page.mouse.wheel(0, 120)
    wait_for(page, "document.querySelector('[data-oh-follow]').hidden === false")
    scrolled = box.evaluate("b => b.scrollTop")
    _at(page, 38)
    assert box.evaluate("b => b.scrollTop") == scrolled, "no jump while the visitor reads elsewhere"
    page.locator("[data-oh-follow]").click()
    assert page.locator("[data-oh-follow]").is_hidden()
    assert page.evaluate("document.activeElement.closest('.oh-line').dataset.start") == "36.0"


def test_a_second_transcript_sits_alongside(live_server, page, oral_history, screenshot):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/en/oral-histories/arriving/")
    page.get_by_label("Alongside").select_option("ar")
    arabic = page.locator("[data-oh-transcript=ar]")
    assert arabic.is_visible()
    french_box = page.locator("[data-oh-transcript=fr]").bounding_box()
    arabic_box = arabic.bounding_box()
    assert arabic_box["x"] > french_box["x"] + french_box["width"] / 2, "two columns"
    assert abs(arabic_box["y"] - french_box["y"]) < 2
    # Rows aligned by time: the third lines start level.
    third_fr, third_ar = _lines(page, "fr").nth(2).bounding_box(), _lines(page, "ar").nth(2).bounding_box()
    assert abs(third_fr["y"] - third_ar["y"]) < 2
    assert page.locator("[data-oh-transcript=ar] .oh-lines").get_attribute("dir") == "rtl"
    _at(page, 9)
    assert _lines(page, "ar").nth(2).get_attribute("aria-current") == "true"
    assert _lines(page, "fr").nth(2).get_attribute("aria-current") == "true"
    screenshot(page, "oral-history-player-en")

    # The translation can lead instead; the original then cannot also sit alongside.
    page.get_by_label("Transcript in").select_option("ar")
    assert page.locator("[data-oh-transcript=fr]").is_hidden()
    assert page.get_by_label("Alongside").input_value() == ""


def test_keyboard_reaches_and_plays_the_lines(live_server, page, oral_history):
    _open(page, f"{live_server.url}/en/oral-histories/arriving/")
    page.get_by_label("Alongside").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip the transcript"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.oh-line').dataset.start") == "0.0"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert 4.0 <= _current_time(page) < 5.5
    # Tab moves on through every line and out of the transcript: no trap.
    for _ in range(len(FRENCH)):
        page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('[data-oh-box]')")


def test_a_start_time_in_the_address(live_server, page, oral_history):
    _open(page, f"{live_server.url}/en/oral-histories/arriving/?t=14")
    wait_for(page, "Math.abs(document.querySelector('audio').currentTime - 14) < 0.5")
    page.evaluate("document.querySelector('audio').dispatchEvent(new Event('timeupdate'))")
    assert _lines(page, "fr").nth(3).get_attribute("aria-current") == "true"


def test_without_javascript_the_page_reads_and_links_seek(live_server, browser, oral_history):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/oral-histories/arriving/")
    assert page.locator("[data-oh-transcript=ar]").is_visible(), "every transcript shows"
    assert page.locator("[data-oh-languages]").is_hidden(), "no controls that need a script"
    page.locator("[data-oh-transcript=fr] .oh-line__time").nth(2).click()
    page.wait_for_url("**/arriving/?t=8#player")
    assert page.locator("audio").get_attribute("src").endswith("#t=8")
    context.close()


def test_arabic_player_reads_right_to_left(live_server, page, oral_history, screenshot):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/ar/oral-histories/arriving/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # It opens on the visitor's language, the French original beside it (issue 16).
    assert page.locator("[data-oh-primary]").input_value() == "ar"
    assert page.locator("[data-oh-second]").input_value() == "fr"
    french_box = page.locator("[data-oh-transcript=fr]").bounding_box()
    arabic_box = page.locator("[data-oh-transcript=ar]").bounding_box()
    assert arabic_box["x"] > french_box["x"], "the leading transcript sits on the right"
    media_box = page.locator(".oh-player__media").bounding_box()
    transcript_box = page.locator(".oh-transcripts").bounding_box()
    assert media_box["x"] > transcript_box["x"], "the player column sits on the right"
    line = _lines(page, "ar").nth(1)
    time_box = line.locator(".oh-line__time").bounding_box()
    text_box = line.locator(".oh-line__text").bounding_box()
    assert time_box["x"] > text_box["x"], "the time leads the Arabic line, on its right"
    _at(page, 18)
    screenshot(page, "oral-history-player-ar")


def test_on_a_phone_the_transcripts_stack(live_server, page, oral_history, screenshot):
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{live_server.url}/en/oral-histories/arriving/")
    page.get_by_label("Alongside").select_option("ar")
    french_box = page.locator("[data-oh-transcript=fr]").bounding_box()
    arabic_box = page.locator("[data-oh-transcript=ar]").bounding_box()
    assert arabic_box["y"] >= french_box["y"] + french_box["height"], "one below the other"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing overflows sideways"
    screenshot(page, "oral-history-player-narrow-en")


def test_restricted_recording_shows_only_the_notice(live_server, page, tree, screenshot):
    restricted = _page(tree, slug="kept")
    RecordingFactory(page=restricted, scope=Scope.RESTRICTED)
    page.goto(f"{live_server.url}/fr/oral-histories/kept/")
    assert page.locator("audio").count() == 0
    assert page.locator(".oh-transcripts").count() == 0
    assert page.locator(".oh-access").is_visible()
    screenshot(page, "oral-history-restricted-fr")
