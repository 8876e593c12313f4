"""A long transcript in a real browser (issue 16): the page holds one part of it, and
the player adds the parts before and after as the reader scrolls, uses the part links,
or the recording plays or seeks past what is there; the highlight follows; without
JavaScript the part links read it all. Screenshots land in tests/screenshots/."""

import hashlib
import struct

from django.core.files.base import ContentFile

import pytest

from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import IndexPoint, Segment, Transcript
from oral_histories.transcript_parts import lead_lines, part_lines

from .conftest import wait_for

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SECONDS = 1200.0
LINES = 2000
STEP = SECONDS / LINES  # 0.6 s a line
FIRST_END = part_lines() * STEP  # where the page's first part ends


def silent_wav(seconds: float, rate: int = 4000) -> bytes:
    """A valid 16-bit mono WAV of silence (made at once: no samples to compute)."""
    data = int(seconds * rate) * 2
    header = b"RIFF" + struct.pack("<I", 36 + data) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
    return header + b"data" + struct.pack("<I", data) + bytes(data)


@pytest.fixture
def long_history(tree):
    page = OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="The harbour, year by year",
        title_fr="Le port, année après année",
        title_ar="الميناء، سنة بعد سنة",
        slug="harbour-years",
        summary_en="<p>Twenty minutes of memories of La Joliette, in 2,000 transcript lines.</p>",
        summary_ar="<p>عشرون دقيقة من ذكريات لاجولييت، في ألفي سطر.</p>",
    )
    audio = silent_wav(SECONDS)
    recording = RecordingFactory(
        page=page,
        file=ContentFile(audio, name="harbour.wav"),
        duration=SECONDS,
        size=len(audio),
        sha256=hashlib.sha256(audio).hexdigest(),
    )
    words = {
        "fr": ("Fatma", "Nous descendions au port chaque matin, ligne {n}."),
        "ar": ("فاطمة", "كنا ننزل إلى الميناء كل صباح، السطر {n}."),
    }
    for language, (speaker, text) in words.items():
        transcript = Transcript.objects.create(
            recording=recording, language=language, is_original=language == "fr", source_format="webvtt"
        )
        Segment.objects.bulk_create(
            Segment(
                transcript=transcript,
                position=n,
                start=round(n * STEP, 3),
                end=round((n + 1) * STEP, 3),
                speaker=speaker,
                text=text.format(n=n),
            )
            for n in range(LINES)
        )
    for start, title, title_ar in ((0.0, "Childhood", "الطفولة"), (1100.0, "La Joliette", "لاجولييت")):
        IndexPoint.objects.create(recording=recording, start=start, title_en=title, title_ar=title_ar)
    return page


def _open(page, url):
    page.goto(url)
    page.wait_for_selector("[data-oh-player].is-enhanced")
    wait_for(page, "document.querySelector('audio').readyState >= 1")


def _starts(page, language="fr"):
    return page.evaluate(
        "l => Array.from(document.querySelectorAll(`[data-oh-transcript=${l}] .oh-line`), e => parseFloat(e.dataset.start))",
        language,
    )


def _current(page, language="fr"):
    return page.evaluate(
        "l => { const e = document.querySelector(`[data-oh-transcript=${l}] .oh-line[aria-current=true]`);"
        " return e ? parseFloat(e.dataset.start) : null; }",
        language,
    )


def _seek(page, seconds):
    page.evaluate("s => { document.querySelector('audio').currentTime = s; }", seconds)


def _contiguous(starts):
    expected = [round(n * STEP, 3) for n in range(LINES)]
    first = expected.index(starts[0])
    return starts == expected[first : first + len(starts)]


def test_scrolling_near_the_end_adds_the_next_part(live_server, page, long_history):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/en/oral-histories/harbour-years/")
    assert len(_starts(page)) == part_lines()
    assert page.locator("[data-oh-parts-label]").is_hidden(), "each line keeps its time; the range grows"
    focused = page.evaluate("document.activeElement.tagName")
    page.locator("[data-oh-box]").evaluate("b => { b.scrollTop = b.scrollHeight; }")
    wait_for(page, f"document.querySelectorAll('[data-oh-transcript=fr] .oh-line').length >= {2 * part_lines()}")
    starts = _starts(page)
    assert _contiguous(starts), "the next part, after the first, nothing twice"
    assert len(_starts(page, "ar")) == len(starts), "the translation too, cut at the same times"
    assert "added" in page.locator("[data-oh-announce]").inner_text()
    assert page.evaluate("document.activeElement.tagName") == focused, "focus stays where it was"
    href = page.locator("[data-oh-next]").get_attribute("href")
    assert href.startswith("?from=") and float(href[6:].split("#")[0]) > starts[-1]


def test_the_next_part_link_by_keyboard(live_server, page, long_history):
    _open(page, f"{live_server.url}/en/oral-histories/harbour-years/")
    page.locator("[data-oh-next]").focus()
    page.keyboard.press("Enter")
    wait_for(page, f"document.querySelectorAll('[data-oh-transcript=fr] .oh-line').length > {part_lines()}")
    # The keyboard goes on to the first line added (a link that plays from it).
    assert page.evaluate("parseFloat(document.activeElement.closest('.oh-line').dataset.start)") == pytest.approx(
        FIRST_END
    )
    assert _contiguous(_starts(page))


def test_playing_on_and_seeking_far_keep_the_line_highlighted(live_server, page, long_history, screenshot):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/en/oral-histories/harbour-years/")
    page.get_by_label("Alongside").select_option("ar")
    # Just past the part that is there: the next one comes after it.
    _seek(page, FIRST_END + 5.1)
    wait_for(
        page,
        f"document.querySelector('[data-oh-transcript=fr] .oh-line[aria-current=true]')?.dataset.start > {FIRST_END}",
    )
    assert _current(page) == pytest.approx(FIRST_END + 4.8)
    assert _current(page, "ar") == pytest.approx(FIRST_END + 4.8)
    assert _starts(page)[0] == 0.0 and _contiguous(_starts(page))
    # Far away: the part that holds the moment, instead of what was there.
    _seek(page, 1000.1)
    wait_for(page, "document.querySelector('[data-oh-transcript=fr] .oh-line[aria-current=true]')?.dataset.start > 999")
    assert _current(page) == pytest.approx(1000.2 - STEP)
    starts = _starts(page)
    assert _contiguous(starts) and starts[0] > FIRST_END and len(starts) <= 3 * part_lines()
    line = page.locator("[data-oh-transcript=fr] .oh-line[aria-current=true]").bounding_box()
    box = page.locator("[data-oh-box]").bounding_box()
    assert box["y"] <= line["y"] <= box["y"] + box["height"], "brought into view"
    # Two columns still aligned, row by row.
    fr, ar = (
        page.locator(f"[data-oh-transcript={lang}] .oh-line[aria-current=true]").bounding_box() for lang in ("fr", "ar")
    )
    assert abs(fr["y"] - ar["y"]) < 2
    screenshot(page, "oral-history-long-en")


def test_a_chapter_far_away(live_server, page, long_history):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/en/oral-histories/harbour-years/")
    page.locator(".oh-chapter__link", has_text="La Joliette").click()
    wait_for(
        page, "document.querySelector('[data-oh-transcript=fr] .oh-line[aria-current=true]')?.dataset.start >= 1099"
    )
    page.evaluate("document.querySelector('audio').pause()")
    assert _contiguous(_starts(page))


def test_a_start_time_far_into_the_recording(live_server, page, long_history, screenshot):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/ar/oral-histories/harbour-years/?t=10:00")
    starts = _starts(page, "ar")
    assert starts[0] == pytest.approx(600 - lead_lines(part_lines()) * STEP)
    wait_for(page, "Math.abs(document.querySelector('audio').currentTime - 600) < 0.5")
    page.evaluate("document.querySelector('audio').dispatchEvent(new Event('timeupdate'))")
    assert _current(page, "ar") == pytest.approx(600.0)
    assert page.locator("[data-oh-previous]").is_visible()
    # Scrolling up to the top brings the part before, the lines shown stay in place.
    line = page.locator("[data-oh-transcript=ar] .oh-line[aria-current=true]")
    before = page.locator("[data-oh-box]").evaluate(
        "b => { b.scrollTop = 0; b.dispatchEvent(new Event('scroll'));"
        " return b.querySelector('[data-oh-transcript=ar] .oh-line[aria-current=true]').getBoundingClientRect().y; }"
    )
    wait_for(page, f"document.querySelector('[data-oh-transcript=ar] .oh-line').dataset.start < {starts[0]}")
    assert _contiguous(_starts(page, "ar"))
    assert abs(line.bounding_box()["y"] - before) < 40, "the reader's place is kept"
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "oral-history-long-ar")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone(live_server, page, long_history, screenshot, language):
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{live_server.url}/{language}/oral-histories/harbour-years/?t=2:00")
    wait_for(page, "Math.abs(document.querySelector('audio').currentTime - 120) < 0.5")
    page.evaluate("document.querySelector('audio').dispatchEvent(new Event('timeupdate'))")
    shown = "ar" if language == "ar" else "fr"
    assert _current(page, shown) == pytest.approx(120.0)
    line = page.locator(f"[data-oh-transcript={shown}] .oh-line[aria-current=true]").bounding_box()
    box = page.locator("[data-oh-box]").bounding_box()
    assert box["y"] <= line["y"] and line["y"] + line["height"] <= box["y"] + box["height"], "in view"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing overflows sideways"
    assert page.locator("[data-oh-next]").is_visible() and page.locator("[data-oh-previous]").is_visible()
    screenshot(page, f"oral-history-long-narrow-{language}")


def test_without_javascript_the_part_links_read_it_all(live_server, browser, long_history):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/oral-histories/harbour-years/")
    assert page.locator("[data-oh-parts-label]").is_visible()
    assert page.locator("[data-oh-previous]").is_hidden()
    page.locator("[data-oh-next]").click()
    page.wait_for_url("**/harbour-years/?from=*")
    assert _starts(page)[0] == pytest.approx(FIRST_END)
    assert page.locator("[data-oh-previous]").is_visible()
    page.locator("[data-oh-previous]").click()
    page.wait_for_url("**/harbour-years/?until=*")
    assert _starts(page)[0] == 0.0 and len(_starts(page)) == part_lines()
    context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_wcag_violations_with_parts_added(live_server, page, long_history, axe_violations, language):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/{language}/oral-histories/harbour-years/?t=5:00")
    page.locator("[data-oh-second]").select_option("fr" if language == "ar" else "ar")
    page.locator("[data-oh-box]").evaluate("b => { b.scrollTop = b.scrollHeight; }")
    wait_for(page, f"document.querySelectorAll('[data-oh-transcript=fr] .oh-line').length >= {2 * part_lines()}")
    violations = axe_violations(page, best_practice=True)
    assert not violations, axe_violations.describe(violations)
