"""The search page and the JSON API: shape, stable URLs, bad input as a 400 naming it."""

import pytest

from archive.factories import ArtifactPageFactory
from heritage.factories import ThemeFactory
from search.sync import rebuild_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(tree):
    music = ThemeFactory(slug="music", name_en="Music", name_fr="Musique")
    for number in range(25):
        page = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title=f"Letter {number:02d} from Sfax",
            title_fr=f"Lettre {number:02d} de Sfax",
            description_en="<p>Written by a public letter-writer for a mother.</p>",
        )
        if number % 2:
            page.themes.add(music)
            page.save()
    rebuild_database()
    return tree


def test_api_answers_in_the_documented_shape(client, archive):
    response = client.get("/api/search/", {"q": "letter", "lang": "fr", "theme": "music"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["total"] == 12
    first = payload["results"][0]
    assert set(first) == {"title", "url", "type", "city", "institution", "language", "snippet", "moment"}
    assert first["title"].startswith("Lettre") and first["url"].startswith("/fr/")
    assert first["city"] == ["marseille"] and first["institution"] == ["mmp"]
    assert {"value": "music", "label": "Musique", "count": 12} in payload["facets"]["theme"]
    assert payload["degraded"] is False


def test_api_pages_with_a_cursor_to_the_end(client, archive):
    seen, url, params = [], "/api/search/", {"q": "sfax", "sort": "title"}
    while url:
        payload = client.get(url, params).json()
        seen += [result["title"] for result in payload["results"]]
        url, params = payload["next"], None
    assert len(seen) == 25 and seen == sorted(seen)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"q": "x" * 201}, "q"),
        ({"page": "0"}, "page"),
        ({"page": "9999999999999"}, "page"),
        ({"page": "two"}, "page"),
        ({"sort": "random"}, "sort"),
        ({"lang": "xx"}, "lang"),
        ({"after": "not a cursor!"}, "after"),
        ({"after": "WyJvdGhlciIsIDFd"}, "after"),
        ({"theme": "x" * 101}, "theme"),
    ],
)
def test_bad_input_is_a_400_that_names_the_parameter(client, archive, params, param):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]["param"] == param
    if param == "lang":
        return  # the page takes its language from its URL, not from ?lang=
    page = client.get("/en/search/", params)
    assert page.status_code == 400
    assert "Start a new search" in page.content.decode()


@pytest.mark.parametrize("text", ['"unbalanced', "title:(x OR", "*:*", "AND", "\\", "ب\u064e\u0651", "<script>"])
def test_odd_text_gets_a_normal_page(client, archive, text):
    assert client.get("/en/search/", {"q": text}).status_code == 200
    assert client.get("/api/search/", {"q": text}).status_code == 200


def test_unknown_facet_values_find_nothing_and_stay_removable(client, archive):
    response = client.get("/en/search/", {"q": "letter", "theme": "no-such-theme"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "0 results" in html
    assert "no-such-theme" in html  # shown as a selected value that can be removed


def test_the_page_keeps_language_and_filters_in_its_links(client, archive):
    html = client.get("/fr/search/", {"q": "sfax", "sort": "title"}).content.decode()
    assert 'lang="fr"' in html
    assert "?q=sfax&amp;sort=title&amp;page=2" in html
    # A facet link adds its value and keeps the rest.
    assert "?q=sfax&amp;sort=title&amp;theme=music" in html
    # The language switcher keeps the search.
    assert "/de/search/?q=sfax&amp;sort=title" in html


def test_a_page_past_the_end_says_so(client, archive):
    html = client.get("/en/search/", {"q": "letter", "page": "9"}).content.decode()
    assert "There is no page 9" in html


def test_suggestions(client, archive):
    payload = client.get("/api/search/suggest/", {"q": "lett", "lang": "fr"}).json()
    titles = [suggestion["title"] for suggestion in payload["suggestions"]]
    assert len(titles) == 8 and sum(title.startswith("Lettre") for title in titles) >= 7
    assert client.get("/api/search/suggest/", {"q": "l"}).json() == {"suggestions": []}
    assert client.get("/api/search/suggest/", {"q": "lett", "lang": "zz"}).status_code == 400
