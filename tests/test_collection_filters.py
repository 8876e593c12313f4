"""The collection page's theme and period filters, and what bad input gets."""

import pytest

from archive.factories import ArtifactPageFactory
from heritage.factories import ThemeFactory
from heritage.i18n import language_direction, language_name


@pytest.fixture
def collection(tree):
    music = ThemeFactory(slug="music", name_en="Music")
    work = ThemeFactory(slug="work", name_en="Work")
    oud = ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title="Oud", earliest_year=1885, latest_year=1900
    )
    oud.themes.add(music)
    oud.save()
    poster = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Strike poster",
        earliest_year=1896,
        latest_year=1896,
    )
    poster.themes.add(work)
    poster.save()
    cassette = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Wedding cassette",
        earliest_year=1988,
        latest_year=1988,
    )
    cassette.themes.add(music)
    cassette.save()
    return tree.collection


def titles(response) -> list[str]:
    return [a.title for a in response.context["artifacts"]]


@pytest.mark.django_db
class TestCollectionFilters:
    def test_theme_filter(self, client, collection):
        response = client.get(collection.url, {"theme": "music"})
        assert sorted(titles(response)) == ["Oud", "Wedding cassette"]

    def test_period_filter_matches_overlapping_dates(self, client, collection):
        response = client.get(collection.url, {"period": "1800"})
        assert sorted(titles(response)) == ["Oud", "Strike poster"]
        response = client.get(collection.url, {"period": "1900"})
        assert sorted(titles(response)) == ["Oud", "Wedding cassette"]

    def test_filters_combine(self, client, collection):
        response = client.get(collection.url, {"theme": "music", "period": "1900"})
        assert sorted(titles(response)) == ["Oud", "Wedding cassette"]
        response = client.get(collection.url, {"theme": "work", "period": "1900"})
        assert titles(response) == []
        assert "No objects match these filters." in response.content.decode()

    def test_filter_options_show_counts(self, client, collection):
        content = client.get(collection.url).content.decode()
        assert '<option value="music">Music (2)</option>' in content
        assert '<option value="1800">1800–1899 (2)</option>' in content

    @pytest.mark.parametrize(
        ("params", "notice"),
        [
            ({"theme": "<script>alert(1)</script>"}, "There is no theme"),
            ({"period": "abc"}, "is not a period of this collection"),
            ({"period": "99999999999999999999"}, "is not a period of this collection"),
        ],
    )
    def test_unknown_values_show_everything_with_a_notice(self, client, collection, params, notice):
        response = client.get(collection.url, params)
        assert response.status_code == 200
        content = response.content.decode()
        assert notice in content
        assert "<script>alert(1)</script>" not in content
        assert len(titles(response)) == 3

    def test_a_page_out_of_range_shows_the_last_page(self, client, collection):
        response = client.get(collection.url, {"page": "9999"})
        assert response.status_code == 200
        assert len(titles(response)) == 3

    def test_language_switch_keeps_the_filters(self, client, collection):
        content = client.get(collection.url, {"theme": "music"}).content.decode()
        assert 'href="/fr/collections/letters/?theme=music"' in content


def test_community_languages_have_names_and_directions():
    assert language_direction("aeb") == "rtl"
    assert language_direction("ar") == "rtl"
    assert language_direction("tr") == "ltr"
    assert language_direction("xx-unknown") == "auto"
    assert language_name("aeb") == "Tunisian Arabic"


@pytest.mark.django_db
def test_periods_and_theme_counts_are_counted_in_the_database(client, tree):
    """Counted once when the artifacts change, read in one query whatever the
    collection's size; the same answer as counting artifact by artifact, BCE years
    included."""
    from collections import Counter

    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from archive.listing import artifact_listing, centuries

    music = ThemeFactory(slug="music", name_en="Music")
    years = [(-550, -420), (-550, None), (1885, 1900), (1896, 1896), (1988, None), (None, None)] * 4
    for number, (earliest, latest) in enumerate(years):
        page = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title=f"Object {number}",
            earliest_year=earliest,
            latest_year=latest,
        )
        if number % 2:
            page.themes.add(music)
            page.save()
    expected: Counter[str] = Counter()
    for earliest, latest in years:
        expected.update(centuries(earliest, latest))
    with CaptureQueriesContext(connection) as queries:
        periods = artifact_listing(collection=tree.collection, params=QueryDict(""))["periods"]
    assert [(period.start, count) for period, count in periods] == sorted(
        (int(start), count) for start, count in expected.items()
    )
    # Every count (in all, per theme, per century) from one query of the counts the
    # outbox keeps (archive.listing_index), not from the artifacts.
    counted = [q["sql"] for q in queries.captured_queries if "archive_collectioncount" in q["sql"]]
    assert len(counted) == 1
    assert not any("archive_artifactpage" in q["sql"] and "COUNT(" in q["sql"] for q in queries.captured_queries)

    content = client.get(tree.collection.url).content.decode()
    assert '<option value="music">Music (12)</option>' in content
    assert '<option value="-600">-600–-501 (8)</option>' in content
