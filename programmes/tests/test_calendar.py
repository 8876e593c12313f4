"""The calendar: a month grid and a list that work without JavaScript, filtered by
city, kind and language, with plain links between months; bad values explained."""

import re

import pytest

from programmes.factories import EventPageFactory, at
from programmes.models import Kind

from .conftest import make_event

pytestmark = pytest.mark.django_db

URL = "/en/programmes/"


def days_with(html: str, title: str) -> list[str]:
    """The dates (``YYYY-MM-DD``) of the grid's cells that list ``title``."""
    cells = re.findall(r'<td class="calendar-day[^"]*"[^>]*>(.*?)</td>', html, re.S)
    found = []
    for cell in cells:
        if title in cell:
            found.append(re.search(r'datetime="(\d{4}-\d{2}-\d{2})"', cell)[1])
    return found


@pytest.fixture
def programme(world):
    """May 2031: a story circle in Marseille (fr, ar), a festival over three days in Hamburg
    (de, en), a two-month residency in Tunis and Marseille, and June's workshop."""
    circle = make_event(
        world, title="Tales by the sea", kind=Kind.STORY_CIRCLE, languages="fr, ar", starts_at=at(2031, 5, 20, 18)
    )
    festival = make_event(
        world,
        title="Harbour festival",
        kind=Kind.FESTIVAL,
        languages="de, en",
        city=world.hamburg,
        venue="Fischauktionshalle",
        time_zone="Europe/Berlin",
        starts_at=at(2031, 5, 9, 10, zone="Europe/Berlin"),
        hours=2 * 24 + 8,
    )
    residency = make_event(
        world,
        title="Textile residency",
        kind=Kind.RESIDENCY,
        languages="ar, fr",
        city=world.tunis,
        time_zone="Africa/Tunis",
        starts_at=at(2031, 4, 15, 9, zone="Africa/Tunis"),
        hours=24 * 60,
    )
    workshop = make_event(world, title="June workshop", starts_at=at(2031, 6, 12, 14))
    return {"circle": circle, "festival": festival, "residency": residency, "workshop": workshop}


def test_the_month_grid_puts_each_event_on_its_days(client, programme):
    response = client.get(URL, {"month": "2031-05"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "May 2031" in html
    assert days_with(html, "Tales by the sea") == ["2031-05-20"]
    assert days_with(html, "Harbour festival") == ["2031-05-09", "2031-05-10", "2031-05-11"]
    # June's first days close the grid's last week: June's workshop is not among them.
    assert days_with(html, "June workshop") == []
    # A two-month residency runs through the month above the grid, not in every cell.
    assert days_with(html, "Textile residency") == []
    running = html.split('class="calendar-running"')[1].split("</section>")[0]
    assert "Textile residency" in running
    assert "3 events this month" in html


def test_today_is_marked_in_the_grid(client, programme):
    html = client.get(URL, {"month": "2031-05"}).content.decode()
    assert re.search(
        r'<td class="[^"]*calendar-day--today[^"]*" aria-current="date">\s*<time [^>]*datetime="2031-05-14"', html
    )


def test_the_default_month_is_this_month(client, programme):
    html = client.get(URL).content.decode()
    assert "May 2031" in html and days_with(html, "Tales by the sea") == ["2031-05-20"]


def test_the_list_view_gives_each_event_once_by_its_first_day(client, programme):
    html = client.get(URL, {"month": "2031-05", "view": "list"}).content.decode()
    assert "<table" not in html
    assert html.count(">Tales by the sea<") == 1 and html.count(">Harbour festival<") == 1
    continuing = html.split('id="continuing-heading"')[1].split("</section>")[0]
    assert "Textile residency" in continuing  # began in April
    assert html.index('datetime="2031-05-09"') < html.index(">Harbour festival<") < html.index(">Tales by the sea<")


def test_months_are_plain_links_that_keep_the_filters(client, programme):
    html = client.get(URL, {"month": "2031-05", "view": "list", "city": "marseille"}).content.decode()
    assert 'href="/en/programmes/?view=list&amp;month=2031-04&amp;city=marseille" rel="prev"' in html
    assert 'href="/en/programmes/?view=list&amp;month=2031-06&amp;city=marseille" rel="next"' in html
    following = client.get(URL, {"month": "2031-06", "view": "list", "city": "marseille"}).content.decode()
    assert "June workshop" in following and "June 2031" in following


def test_no_javascript_is_needed_or_sent(client, programme):
    html = client.get(URL, {"month": "2031-05"}).content.decode()
    assert "<script" not in html.replace('<script type="application/ld+json">', "")
    form = re.search(r'<form class="filters calendar-filters" method="get" action="/en/programmes/"', html)
    assert form, "the filters are a plain GET form"


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"city": "hamburg"}, ["Harbour festival"], ["Tales by the sea", "Textile residency"]),
        ({"city": "tunis"}, ["Textile residency"], ["Tales by the sea", "Harbour festival"]),
        ({"kind": "story_circle"}, ["Tales by the sea"], ["Harbour festival", "Textile residency"]),
        ({"language": "ar"}, ["Tales by the sea", "Textile residency"], ["Harbour festival"]),
        ({"language": "de", "city": "hamburg"}, ["Harbour festival"], ["Tales by the sea"]),
        ({"language": "de", "city": "marseille"}, [], ["Tales by the sea", "Harbour festival"]),
    ],
)
def test_filters(client, programme, params, shown, hidden):
    response = client.get(URL, {"month": "2031-05", **params})
    assert response.status_code == 200
    html = response.content.decode()
    for title in shown:
        assert f">{title}<" in html
    for title in hidden:
        assert f">{title}<" not in html
    if not shown:
        assert "No event matches these filters this month." in html


def test_the_filter_choices_are_those_of_the_archive(client, programme):
    html = client.get(URL, {"month": "2031-05"}).content.decode()
    languages = re.search(r'<select id="filter-language" name="language">(.*?)</select>', html, re.S)[1]
    assert re.findall(r'value="(\w+)"', languages) == [
        "ar",
        "en",
        "fr",
        "de",
    ]  # by name: Arabic, English, French, German
    cities = re.search(r'<select id="filter-city" name="city">(.*?)</select>', html, re.S)[1]
    assert re.findall(r'value="([\w-]+)"', cities) == ["hamburg", "marseille", "tunis"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"city": "atlantis"}, "“atlantis” is not one of the partner cities."),
        ({"kind": "rave"}, "“rave” is not a kind of event."),
        ({"language": "klingon"}, "“klingon” is not a language code such as fr, ar or aeb."),
        ({"language": "xx"}, "“xx” is not a language code such as fr, ar or aeb."),
        ({"month": "2031-13"}, "“2031-13” is not a month: write it as year and month, e.g. 2031-05."),
        ({"month": "May"}, "“May” is not a month"),
        ({"month": "99999-01"}, "“99999-01” is not a month"),
        ({"view": "week"}, "“week” is not a view of the calendar: use month or list."),
    ],
)
def test_a_bad_value_is_explained_and_left_out(client, programme, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    # The rest of the calendar still answers: this month, every event.
    assert "May 2031" in html and ">Tales by the sea<" in html


def test_hostile_values_never_break_the_page(client, programme):
    for value in ["<script>", "\x00", "a" * 5000, "../../", "2031-05-01"]:
        response = client.get(URL, {"city": value, "kind": value, "language": value, "month": value, "view": value})
        assert response.status_code == 400
        assert "<script>" not in response.content.decode().split("<main")[1]


def test_the_calendar_speaks_arabic_right_to_left(client, programme):
    response = client.get("/ar/programmes/", {"month": "2031-05"})
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مايو 2031" in html
    assert days_with(html, "Tales by the sea") == ["2031-05-20"]


def test_the_language_switcher_keeps_the_month_and_filters(client, programme):
    html = client.get(URL, {"month": "2031-05", "city": "hamburg"}).content.decode()
    assert 'href="/fr/programmes/?month=2031-05&amp;city=hamburg" hreflang="fr"' in html


def test_an_event_after_midnight_at_its_venue_is_on_the_venues_day(client, world):
    # 00:30 on 1 June in Tunis is 23:30 UTC on 31 May: it belongs to June 1st.
    make_event(
        world,
        title="Night of tales",
        city=world.tunis,
        time_zone="Africa/Tunis",
        starts_at=at(2031, 6, 1, 0, 30, zone="Africa/Tunis"),
    )
    html = client.get(URL, {"month": "2031-06"}).content.decode()
    assert days_with(html, "Night of tales") == ["2031-06-01"]


def test_events_of_another_section_are_not_listed(client, world):
    from programmes.factories import ProgrammeIndexPageFactory

    make_event(world, title="Ours", starts_at=at(2031, 5, 20))
    # A second programme section elsewhere (e.g. a partner's site) keeps its own events.
    other = ProgrammeIndexPageFactory(parent=world.tree.collections, title="Elsewhere", slug="elsewhere")
    EventPageFactory(parent=other, title="Theirs", starts_at=at(2031, 5, 21))
    html = client.get(URL, {"month": "2031-05"}).content.decode()
    assert ">Ours<" in html and ">Theirs<" not in html
