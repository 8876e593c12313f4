"""Bad search input gets a message naming the parameter, never an engine error."""

from django.http import QueryDict

import pytest

from search.query import SearchInputError, SearchQuery


def parse(querystring: str) -> SearchQuery:
    return SearchQuery.from_params(QueryDict(querystring), default_language="fr")


def test_a_plain_query():
    query = parse("q=mus%C3%A9es&theme=music&theme=work&sort=date&page=2")
    assert query.text == "musées"
    assert query.language == "fr"
    assert query.filters == {"theme": ("music", "work")}
    assert (query.sort, query.page) == ("date", 2)


def test_control_characters_are_dropped_and_lucene_syntax_is_kept_as_text():
    assert parse("q=%00oud%07").text == "oud"
    assert parse('q=title:(oud AND "lute').text == 'title:(oud AND "lute'


@pytest.mark.parametrize(
    ("querystring", "param"),
    [
        ("q=" + "x" * 201, "q"),
        ("lang=tlh", "lang"),
        ("sort=random", "sort"),
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=99999999999999999999", "page"),
        ("page=501", "page"),
        ("&".join(f"city=c{n}" for n in range(21)), "city"),
        ("theme=" + "y" * 101, "theme"),
        ("institution=a%01b", "institution"),
    ],
)
def test_bad_input_names_the_parameter(querystring, param):
    with pytest.raises(SearchInputError) as excinfo:
        parse(querystring)
    assert excinfo.value.param == param
    assert excinfo.value.message
