"""The collection page's listing and counts, kept by the outbox (archive.listing_index):
every change that alters what a collection lists moves them, and they always agree
with a count from the page table."""

from __future__ import annotations

from collections import Counter

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive import listing_index
from archive.factories import ArtifactPageFactory
from archive.models import CollectionCount, ListedArtifact
from heritage.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def counts(collection) -> dict:
    return {
        (facet, value): n
        for facet, value, n in CollectionCount.objects.filter(collection_id=collection.pk).values_list(
            "facet", "value", "count"
        )
    }


def artifact(tree, **kwargs):
    kwargs.setdefault("latest_year", None)
    return ArtifactPageFactory(parent=tree.collection, institution=tree.institution, **kwargs)


def test_every_change_moves_the_counts_and_they_match_the_page_table(tree):
    from wagtail.models import PageViewRestriction

    music = ThemeFactory(slug="music")
    oud = artifact(tree, title="Oud", earliest_year=1885, latest_year=1910)
    oud.themes.add(music)
    oud.save()
    poster = artifact(tree, title="Poster", earliest_year=1896, latest_year=None)
    assert counts(tree.collection) == {
        ("all", 0): 2,
        ("period", 1800): 2,
        ("period", 1900): 1,
        ("theme", music.pk): 1,
    }
    assert listing_index.check() == []

    poster.unpublish()
    assert counts(tree.collection) == {("all", 0): 1, ("period", 1800): 1, ("period", 1900): 1, ("theme", music.pk): 1}

    before = counts(tree.collection)
    oud.earliest_year, oud.latest_year = 1950, 1950
    oud.themes.clear()
    revision = oud.save_revision()  # a draft: the live row, and so the listing, stay
    assert counts(tree.collection) == before
    revision.publish()
    assert counts(tree.collection) == {("all", 0): 1, ("period", 1900): 1}
    assert listing_index.check() == []

    PageViewRestriction.objects.create(page=oud, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert counts(tree.collection) == {}
    assert listing_index.check() == []

    PageViewRestriction.objects.all().delete()
    poster.save_revision().publish()
    assert counts(tree.collection)[("all", 0)] == 2
    oud.delete()
    assert counts(tree.collection) == {("all", 0): 1, ("period", 1800): 1}
    assert not ListedArtifact.objects.filter(artifact_id=oud.pk).exists()
    assert listing_index.check() == []


def test_a_moved_artifact_leaves_one_collection_for_the_other(tree):
    from archive.factories import CollectionPageFactory

    other = CollectionPageFactory(parent=tree.collection.get_parent(), institution=tree.institution)
    page = artifact(tree, earliest_year=2001)
    page.move(other, pos="last-child")
    assert counts(tree.collection) == {}
    assert counts(other) == {("all", 0): 1, ("period", 2000): 1}
    assert ListedArtifact.objects.get(artifact_id=page.pk).collection_id == other.pk


def test_writing_a_page_twice_changes_nothing(tree):
    page = artifact(tree, earliest_year=1990)
    before = counts(tree.collection)
    assert listing_index.write([page.pk, page.pk]) == {"listed": 0, "unlisted": 0}
    assert listing_index.write([page.pk]) == {"listed": 0, "unlisted": 0}
    assert counts(tree.collection) == before


def test_concurrent_writers_add_up_because_counts_move_in_sql(tree):
    """``count = count + n``: two transactions adding to one collection each add."""
    key = (tree.collection.pk, CollectionCount.ALL, 0)
    base = counts(tree.collection).get(("all", 0), 0)
    listing_index.add_counts(Counter({key: 2}))
    listing_index.add_counts(Counter({key: 3}))
    assert counts(tree.collection)[("all", 0)] == base + 5
    listing_index.add_counts(Counter({key: -(base + 5)}))
    assert ("all", 0) not in counts(tree.collection)  # a count at zero goes


def test_the_listing_runs_the_same_queries_whatever_the_collections_size(tree, client):
    from django.http import QueryDict

    from archive.listing import artifact_listing

    for number in range(3):
        artifact(tree, earliest_year=1900 + number)

    def queries_run() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as queries:
            context = artifact_listing(collection=tree.collection, params=QueryDict(""))
            list(context["artifacts"])
        return len(queries), [q["sql"] for q in queries]

    small, _ = queries_run()
    for number in range(70):
        artifact(tree, earliest_year=1800 + number)
    big, statements = queries_run()
    assert big == small
    assert not any("COUNT(" in sql.upper() and "archive_artifactpage" in sql for sql in statements)


def test_check_and_rebuild_from_the_command(tree, capsys):
    page = artifact(tree, earliest_year=1990)
    call_command("collection_listing", "check")
    CollectionCount.objects.filter(collection_id=tree.collection.pk).update(count=7)
    with pytest.raises(CommandError, match="differ"):
        call_command("collection_listing", "check")
    call_command("collection_listing", "rebuild")
    assert counts(tree.collection)[("all", 0)] == 1
    assert ListedArtifact.objects.filter(artifact_id=page.pk).exists()
    call_command("collection_listing", "check")


def test_a_database_with_artifacts_and_no_listing_gets_it_after_migrate(tree):
    artifact(tree, earliest_year=1990)
    ListedArtifact.objects.all().delete()
    CollectionCount.objects.all().delete()
    listing_index.build_if_missing()
    assert counts(tree.collection)[("all", 0)] == 1
