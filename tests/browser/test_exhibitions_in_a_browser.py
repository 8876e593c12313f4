"""A joint exhibition in a real browser: every story block on one page, in English and
in Arabic; a keyboard-only walk from the skip link through the table of contents to a
chapter, the clip's controls and transcript, and the neighbouring exhibitions; axe-core
finds no WCAG 2.x A/AA violation; Arabic mirrors the contents and the arrows; a phone
screen has no sideways scrolling. Screenshots land in tests/screenshots/."""

import datetime

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exhibitions.factories import (
    CuratorCreditFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    chapter,
    clip,
    gallery,
    image,
    map_of,
    paragraph,
    quote,
    showcase,
    story,
    timeline,
    voices,
)
from heritage.factories import ImageFactory, InstitutionFactory, PartnerCityPageFactory, PersonFactory, PlaceFactory
from oral_histories.factories import OralHistoryPageFactory, recording_with_transcripts

from .conftest import wait_for
from .interview import ARABIC, ENGLISH, SECONDS

# The live server runs in another thread, so the data must be committed.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CLIP_LINES = 3  # 5–22 s: the lines starting at 5, 10 and 16 s


def _has_map_template() -> bool:
    try:
        get_template("exhibitions/blocks/map.html")
    except TemplateDoesNotExist:
        return False
    return True


@pytest.fixture
def exhibition(tree):
    """Crossings: co-curated in Marseille and Sfax, shown in Marseille, now in Sfax, next
    in Hamburg, with a story in English and Arabic that uses every block type; and two
    more exhibitions, one newer and one older, for the previous / next links."""
    today = timezone.localdate()
    marseille = tree.city
    marseille.title_ar = "مرسيليا"
    marseille.latitude, marseille.longitude = "43.296500", "5.369800"
    marseille.save_revision().publish()
    sfax = PartnerCityPageFactory(
        parent=tree.partners,
        title="Sfax",
        title_ar="صفاقس",
        slug="sfax",
        country_en="Tunisia",
        country_ar="تونس",
        country_code="TN",
        latitude="34.740600",
        longitude="10.760300",
    )
    hamburg = PartnerCityPageFactory(
        parent=tree.partners, title="Hamburg", title_ar="هامبورغ", slug="hamburg", country_en="Germany"
    )
    museum = tree.institution
    museum.name_ar = "متحف ذاكرة الميناء"
    museum.save()
    library = InstitutionFactory(
        city=sfax, code="sfax-library", name_en="Sfax Municipal Library", name_ar="مكتبة صفاقس"
    )

    oud = ArtifactPageFactory(
        parent=tree.collection, institution=museum, title="Oud from Tunis", title_ar="عود من تونس", slug="oud"
    )
    ArtifactImageFactory(page=oud, alt_text_en="An oud with a carved rose", alt_text_ar="عود بوردة منحوتة")
    letter = ArtifactPageFactory(
        parent=tree.collection, institution=museum, title="A letter from Sfax", title_ar="رسالة من صفاقس"
    )
    ArtifactImageFactory(page=letter, alt_text_en="A folded letter in Arabic script", alt_text_ar="رسالة مطوية")

    oral = OralHistoryPageFactory(
        parent=tree.oral_histories, title="Arriving in Marseille", title_ar="الوصول إلى مرسيليا", slug="arriving"
    )
    oral.narrators.add(PersonFactory(name_en="Fatma Ben Salah", name_ar="فاطمة بن صالح"))
    oral.save()
    recording_with_transcripts(oral, seconds=SECONDS, transcripts={"en": ENGLISH, "ar": ARABIC})

    pictures = [ImageFactory(title=f"Quay {n}") for n in range(3)]
    joliette = PlaceFactory(name_en="La Joliette", name_ar="لاجولييت", latitude="43.310000", longitude="5.366000")
    medina = PlaceFactory(name_en="Medina of Sfax", name_ar="مدينة صفاقس", latitude="34.738000", longitude="10.761000")

    def body(lang):
        ar = lang == "ar"
        blocks = [
            chapter("الوصول عن طريق البحر" if ar else "Arrivals by sea", anchor="arrivals", institution=museum),
            paragraph(
                "<p>كانت السفن القادمة من تونس تصل إلى الميناء القديم كل أسبوع.</p>"
                if ar
                else "<p>Ships from Tunis reached the old port every week, carrying families and letters.</p>"
            ),
            showcase(
                oud,
                letter,
                heading="أشياء العبور" if ar else "Objects of the crossing",
                captions=("عزف عليه خلال العبور." if ar else "Played on the deck during the crossing.", ""),
            ),
            image(
                pictures[0],
                alt_text="رصيف الميناء عند الفجر" if ar else "The quay at dawn",
                caption="رصيف لاجولييت" if ar else "The quay of La Joliette",
            ),
            chapter("أصوات من الرصيف" if ar else "Voices from the quay", institution=library),
            clip(
                oral,
                start="0:05",
                end="0:22",
                introduction="تتذكر فاطمة العبور." if ar else "Fatma remembers the crossing.",
            ),
            voices(
                {
                    "speaker": "Amina C.",
                    "city": sfax,
                    "institution": library,
                    "language": "aeb",
                    "text": "كنّا نستنّاو البابور كيما نستنّاو العيد.",
                    "translation": "كنا ننتظر الباخرة كما ننتظر العيد." if ar else "We waited for the ship like Eid.",
                },
                {
                    "speaker": "Karl V.",
                    "city": marseille,
                    "language": "de",
                    "text": "Am Kai wartete immer jemand.",
                    "translation": "كان هناك دائمًا من ينتظر على الرصيف."
                    if ar
                    else "Someone always waited on the quay.",
                },
                heading="على الرصيفين" if ar else "On both quays",
            ),
            quote("جلبنا البحر معنا." if ar else "We brought the sea with us.", attribution="Fatma B."),
            chapter("طرق وسنوات" if ar else "Routes and years"),
        ]
        if _has_map_template():
            blocks.append(
                map_of(
                    places=[joliette, medina],
                    routes=[(marseille, sfax, "خط العبارة" if ar else "Ferry line")],
                    heading="من ميناء إلى ميناء" if ar else "Port to port",
                )
            )
        blocks += [
            timeline(
                {"year": 1881, "title": "الحماية على تونس" if ar else "Protectorate over Tunisia"},
                {
                    "year": 1962,
                    "date_label": "صيف 1962" if ar else "summer 1962",
                    "title": "عبّارات ممتلئة كل أسبوع" if ar else "Ferries full every week",
                    "city": marseille,
                },
                {"year": 1998, "title": "ميثاق التوأمة" if ar else "Twinning charter signed", "city": sfax},
                heading="تسلسل زمني" if ar else "A timeline",
            ),
            gallery(
                *[
                    {
                        "image": picture,
                        "alt_text": f"الرصيف، صورة {n + 1}" if ar else f"The quay, photograph {n + 1}",
                        "caption": f"الرصيف {n + 1}" if ar else f"Quay {n + 1}",
                        "credit": "أرشيف" if ar else "Archive",
                    }
                    for n, picture in enumerate(pictures)
                ],
                heading="صور الرصيف" if ar else "Photographs of the quay",
            ),
        ]
        return story(*blocks)

    crossings = ExhibitionPageFactory(
        parent=tree.exhibitions,
        title="Crossings",
        title_ar="عبور",
        slug="crossings",
        introduction_en="Two harbours, one sea: Marseille and Sfax tell the story of the ferry years together.",
        introduction_ar="ميناءان وبحر واحد: مرسيليا وصفاقس تحكيان معًا قصة سنوات العبّارات.",
        hero_image=ImageFactory(title="Hero"),
        hero_image_alt_en="Ferries in the old port",
        hero_image_alt_ar="عبّارات في الميناء القديم",
        co_curators=[museum, library],
        body_en=body("en"),
        body_ar=body("ar"),
    )
    ExhibitionVenueFactory(
        exhibition=crossings, city=marseille, venue_en="Fort Saint-Jean", venue_ar="حصن سان جان", past=True
    )
    ExhibitionVenueFactory(
        exhibition=crossings, city=sfax, venue_en="Dar Jellouli", venue_ar="دار الجلولي", institution=library
    )
    ExhibitionVenueFactory(
        exhibition=crossings, city=hamburg, venue_en="Harbour Museum", venue_ar="متحف الميناء", upcoming=True
    )
    CuratorCreditFactory(
        exhibition=crossings,
        person=PersonFactory(name_en="Claire Martin", name_ar="كلير مارتان"),
        institution=museum,
        role_en="Lead curator",
        role_ar="أمينة رئيسية",
    )
    CuratorCreditFactory(
        exhibition=crossings,
        person=PersonFactory(name_en="Sami Trabelsi", name_ar="سامي الطرابلسي"),
        institution=library,
        role_en="Oral histories",
        role_ar="التاريخ الشفوي",
    )

    newer = ExhibitionPageFactory(
        parent=tree.exhibitions, title="Songs of the Quay", title_ar="أغاني الرصيف", slug="songs", co_curators=[museum]
    )
    ExhibitionVenueFactory(exhibition=newer, city=marseille, upcoming=True, venue_en="La Criée")
    older = ExhibitionPageFactory(
        parent=tree.exhibitions, title="Harbour Lights", title_ar="أضواء الميناء", slug="lights", co_curators=[library]
    )
    ExhibitionVenueFactory(
        exhibition=older,
        city=sfax,
        venue_en="Kasbah",
        opens_on=today - datetime.timedelta(days=900),
        closes_on=today - datetime.timedelta(days=800),
    )
    return crossings


def _open(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    if page.locator("[data-clip]").count():
        page.wait_for_selector("[data-clip].is-enhanced")


def _load_lazy_images(page):
    """Scroll through the page so lazy images load, for a full-page screenshot."""
    page.evaluate(
        """async () => { for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
            window.scrollTo(0, y); await new Promise(r => setTimeout(r, 30)); }
          window.scrollTo(0, 0); }"""
    )
    wait_for(page, "[...document.images].every(i => i.complete)")


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), cls: e.className || '', id: e.id || '',
                href: e.getAttribute('href') || '', text: (e.textContent || '').trim().slice(0, 60),
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                inView: (() => { const r = e.getBoundingClientRect();
                                 return r.bottom > 0 && r.top < window.innerHeight; })()}; }"""
    )


def _visible_focus(focused) -> bool:
    return (focused["outline"] != "none" and focused["width"] >= 2) or focused["shadow"] != "none"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_exhibition_page_shows_every_block(live_server, page, exhibition, screenshot, lang):
    _open(page, f"{live_server.url}/{lang}/exhibitions/crossings/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == ("عبور" if lang == "ar" else "Crossings")
    assert page.locator(".chapter-heading__title").count() == 3
    assert page.locator(".toc__link").count() == 3
    assert page.locator(".showcase__item").count() == 2
    assert page.locator(".block-image img").count() == 1
    assert page.locator("[data-clip] audio").count() == 1
    assert page.locator(".clip__line").count() == CLIP_LINES
    assert page.locator(".clip__seek").count() == CLIP_LINES, "clip.js made each line a button"
    assert page.locator(".voice").count() == 2
    assert page.locator(".block-quote").count() == 1
    assert page.locator(".timeline__event").count() == 3
    assert page.locator(".gallery-block__item").count() == 3
    if _has_map_template():
        assert page.locator(".map-block").count() == 1
    assert page.locator(".venue").count() == 3
    assert page.locator(".exhibition-pager a").count() == 2
    # Every image arrived (none broken).
    _load_lazy_images(page)
    broken = page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)")
    assert broken == []
    screenshot(page, f"exhibition-{lang}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_exhibitions_index(live_server, page, exhibition, screenshot, lang):
    _open(page, f"{live_server.url}/{lang}/exhibitions/")
    assert page.locator(".exhibition-card").count() == 3
    assert page.locator(".exhibition-card .status-badge").count() == 3
    _load_lazy_images(page)
    screenshot(page, f"exhibitions-index-{lang}")
    # The filter form, by keyboard and without any script: choose Sfax, apply.
    page.locator("#filter-city").select_option("sfax")
    page.locator("#filter-status").select_option("past")
    page.locator(".exhibition-filters button[type=submit]").press("Enter")
    page.wait_for_url("**/exhibitions/?city=sfax&status=past")
    assert page.locator(".exhibition-card").count() == 1
    assert page.locator(".card__title").inner_text() == ("أضواء الميناء" if lang == "ar" else "Harbour Lights")
    page.locator("#filter-city").select_option("hamburg")
    page.locator(".exhibition-filters button[type=submit]").click()
    page.wait_for_url("**/exhibitions/?city=hamburg&status=past")
    assert page.locator(".exhibition-card").count() == 0
    assert page.locator(".exhibition-empty").is_visible()
    screenshot(page, f"exhibitions-index-empty-{lang}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_phone_screen_shows_everything_without_sideways_scrolling(live_server, page, exhibition, screenshot, lang):
    page.set_viewport_size({"width": 360, "height": 740})
    for path, name in [("exhibitions/crossings/", "exhibition-phone"), ("exhibitions/", "exhibitions-index-phone")]:
        _open(page, f"{live_server.url}/{lang}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
        _load_lazy_images(page)
        screenshot(page, f"{name}-{lang}")
    # The contents sit above the story, full width.
    _open(page, f"{live_server.url}/{lang}/exhibitions/crossings/")
    toc, story_box = _box(page, ".toc"), _box(page, ".exhibition-story")
    assert toc["y"] + toc["height"] <= story_box["y"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_wcag_violations(live_server, page, exhibition, axe_violations, lang):
    for path in ["exhibitions/crossings/", "exhibitions/", "exhibitions/?city=hamburg&status=past"]:
        _open(page, f"{live_server.url}/{lang}/{path}")
        violations = axe_violations(page)
        assert not violations, f"/{lang}/{path}\n" + axe_violations.describe(violations)


def test_arabic_mirrors_the_contents_and_the_arrows(live_server, page, exhibition, screenshot):
    _open(page, f"{live_server.url}/en/exhibitions/crossings/")
    toc, story_box = _box(page, ".toc"), _box(page, ".exhibition-story")
    assert toc["x"] < story_box["x"], "English: the contents sit on the left of the story"
    previous, following = _box(page, "a[rel=prev]"), _box(page, "a[rel=next]")
    assert following["x"] > previous["x"], "English: next on the right"
    assert page.locator(".exhibition-pager__arrow").first.evaluate("e => getComputedStyle(e).transform") == "none"

    _open(page, f"{live_server.url}/ar/exhibitions/crossings/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    toc, story_box = _box(page, ".toc"), _box(page, ".exhibition-story")
    assert toc["x"] > story_box["x"] + story_box["width"] - 1, "Arabic: the contents sit on the right"
    assert page.locator(".toc__list").evaluate("e => getComputedStyle(e).borderRightWidth") == "2px"
    assert page.locator(".toc__list").evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    link, heading = _box(page, ".toc__link"), _box(page, ".toc__heading")
    assert heading["x"] + heading["width"] - (link["x"] + link["width"]) < 20, "contents are right-aligned"
    previous, following = _box(page, "a[rel=prev]"), _box(page, "a[rel=next]")
    assert following["x"] < previous["x"], "Arabic: next sits on the left"
    for arrow in page.locator(".exhibition-pager__arrow").all():
        assert arrow.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    # The arrow of "next" points left, towards the edge it sits on: its glyph → is mirrored.
    next_arrow, next_text = (
        _box(page, "a[rel=next] .exhibition-pager__arrow"),
        _box(page, "a[rel=next] .exhibition-pager__text"),
    )
    assert next_arrow["x"] < next_text["x"], "Arabic: the next arrow is at the left end of its link"
    # The clip's transcript reads right to left, its current-line bar on the right.
    line = page.locator(".clip__line").first
    assert line.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert line.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
    page.locator("a[rel=next]").scroll_into_view_if_needed()
    screenshot(page, "exhibition-mirrored-ar")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_keyboard_walk_through_the_exhibition(live_server, page, exhibition, screenshot, lang):
    page.emulate_media(reduced_motion="reduce")
    _open(page, f"{live_server.url}/{lang}/exhibitions/crossings/")
    reached = []

    def tab():
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["tag"] not in {"audio", "video"}:  # the browser draws the media controls' own ring
            assert _visible_focus(focused), f"no visible focus on {focused}"
        assert focused["inView"], f"focus went off screen: {focused}"
        reached.append(focused)
        return focused

    # From the top: the skip link first, then the header, on to the table of contents.
    assert tab()["cls"] == "skip-link"
    for _ in range(40):
        if "toc__link" in tab()["cls"]:
            break
    toc_links = [reached[-1]]
    for _ in range(2):
        toc_links.append(tab())
    assert [f["href"] for f in toc_links] == [
        "#" + anchor for anchor in page.locator(".chapter-heading__title").evaluate_all("hs => hs.map(h => h.id)")
    ]
    assert toc_links[0]["href"] == "#arrivals"

    # Enter on the second chapter's link: focus and the view move to that chapter.
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["href"] == toc_links[1]["href"]
    page.keyboard.press("Enter")
    wait_for(page, "document.activeElement.classList.contains('chapter-heading__title')")
    heading = _focused(page)
    assert "#" + heading["id"] == toc_links[1]["href"]
    assert heading["inView"]
    assert page.evaluate("decodeURIComponent(location.hash)") == toc_links[1]["href"]

    # Onwards from the chapter: the clip's play button plays the excerpt from its start.
    for _ in range(10):
        if tab()["cls"].startswith("button clip__play"):
            break
    else:
        pytest.fail(f"the clip's play button was not reached: {reached[-10:]}")
    page.keyboard.press("Enter")
    wait_for(page, "!document.querySelector('[data-clip] audio').paused")
    assert 4.5 <= page.evaluate("document.querySelector('[data-clip] audio').currentTime") < 22
    page.keyboard.press("Enter")  # the same button pauses
    wait_for(page, "document.querySelector('[data-clip] audio').paused")
    # The button's state follows the media's "pause" event, which may come a moment later.
    wait_for(page, "!document.querySelector('[data-clip-play]').classList.contains('is-playing')")

    # Each transcript line is a button: Enter on the third plays from its start and marks it.
    seeks = []
    for _ in range(10):
        focused = tab()
        if "clip__seek" in focused["cls"]:
            seeks.append(focused)
            if len(seeks) == CLIP_LINES:
                break
    assert len(seeks) == CLIP_LINES
    page.keyboard.press("Enter")
    wait_for(page, "document.querySelector('[data-clip] audio').currentTime >= 16")
    page.evaluate("document.querySelector('[data-clip] audio').pause()")
    page.wait_for_selector(".clip__line[aria-current=true][data-start='16']")
    current = page.locator(".clip__line[aria-current=true]")
    assert current.count() == 1
    assert current.get_attribute("data-start") == "16"
    screenshot(page, f"exhibition-keyboard-clip-{lang}")

    # The excerpt stops at its end.
    page.evaluate(
        "() => { const a = document.querySelector('[data-clip] audio'); a.currentTime = 21.6; return a.play(); }"
    )
    wait_for(page, "document.querySelector('[data-clip] audio').paused", timeout=5000)
    assert page.evaluate("document.querySelector('[data-clip] audio').currentTime") <= 22.3

    # And on to the previous and next exhibitions at the bottom.
    rels = []
    for _ in range(60):
        focused = tab()
        if focused["href"] in {f"/{lang}/exhibitions/songs/", f"/{lang}/exhibitions/lights/"}:
            rels.append(focused["href"])
            if len(rels) == 2:
                break
    assert rels == [f"/{lang}/exhibitions/songs/", f"/{lang}/exhibitions/lights/"]
    screenshot(page, f"exhibition-keyboard-pager-{lang}")
