"""A collection's listing and IIIF collection cost the same whatever the size of the
rest of the catalogue, and a listing page loads only its own artifacts.

Work is counted, never timed: statements, the rows they return, the columns a sorted
statement carries, and (SQLite) the virtual-machine instructions the engine runs for a
statement (``set_progress_handler``: a count of the engine's work, which grows with the
rows it reads even when it returns one). Collections of a few hundred artifacts are
made by the bulk importer.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re

from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory

import pytest

from archive.factories import CollectionPageFactory
from archive.listing import ARTIFACTS_PER_PAGE, artifact_listing
from archive.models import ArtifactPage
from archive.transfer.importer import import_artifacts
from conftest import count_queries
from heritage.factories import InstitutionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

#: The engine's instructions are counted in steps of this many.
STEP = 100


def fill(collection, count: int, *, first: int = 0) -> None:
    """``count`` artifacts in ``collection``, by the bulk importer (dated across two
    centuries, one theme each)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["accession_number", "title_en", "earliest_year", "latest_year", "themes"])
    writer.writeheader()
    for number in range(first, first + count):
        writer.writerow(
            {
                "accession_number": f"SCALE.{number:05d}",
                "title_en": f"Trunk {number}",
                "earliest_year": str(1890 + number % 20),
                "latest_year": str(1895 + number % 20),
                "themes": "music" if number % 2 else "work",
            }
        )
    report = import_artifacts(
        io.BytesIO(out.getvalue().encode()),
        file_format="csv",
        institution=collection.institution,
        collection=collection,
    )
    assert report.created == count and not report.errors, report.as_dict()


@pytest.fixture
def catalogue(tree):
    """Two collections side by side: ``small`` (3 artifacts), ``other`` (empty until a test fills it)."""
    ThemeFactory(slug="music", name_en="Music")
    ThemeFactory(slug="work", name_en="Work")
    small = tree.collection
    fill(small, 3, first=90000)
    other_home = InstitutionFactory(city=tree.city, code="other")
    other = CollectionPageFactory(parent=tree.collections, institution=other_home, title="Other", slug="other")
    empty = CollectionPageFactory(parent=tree.collections, institution=other_home, title="Empty", slug="empty")
    return tree, small, other, empty


@contextlib.contextmanager
def engine_work():
    """Per statement run inside: ``[{"sql", "steps"}]`` (SQLite instructions / STEP)."""
    statements: list[dict] = []

    def step() -> int:
        if statements:
            statements[-1]["steps"] += 1
        return 0

    def record(execute, sql, params, many, context):
        statements.append({"sql": sql, "steps": 0})
        return execute(sql, params, many, context)

    connection.ensure_connection()
    connection.connection.set_progress_handler(step, STEP)
    try:
        with connection.execute_wrapper(record):
            yield statements
    finally:
        connection.connection.set_progress_handler(None, STEP)


def listing(collection, query: str = "") -> dict:
    return artifact_listing(collection=collection, params=QueryDict(query))


def listing_work(collection, query: str = "") -> int:
    with engine_work() as statements:
        context = listing(collection, query)
        list(context["artifacts"])
    return sum(statement["steps"] for statement in statements)


sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="counts SQLite's virtual-machine instructions (set_progress_handler)"
)


@sqlite_only
def test_a_small_collections_listing_reads_nothing_of_a_big_neighbour(catalogue):
    """Wagtail's ``child_of`` is ``path LIKE 'prefix%'``, which SQLite answers by reading
    every page of the site: the 3-artifact listing read the 300 artifacts next door."""
    _tree, small, other, _empty = catalogue
    listing_work(small)  # warm: content types, the locale
    alone = listing_work(small)
    fill(other, 300)
    beside_300 = listing_work(small)
    assert beside_300 <= alone * 1.1 + 5, (alone, beside_300)


@sqlite_only
def test_an_empty_iiif_collection_reads_no_artifact_of_the_catalogue(catalogue, rf):
    """The statement that finds the collection's artifacts reads none of another
    collection's (the rules of ``heritage.visibility`` it also asks are not counted here)."""
    from exchange.iiif.manifests import collection_manifest

    _tree, _small, other, empty = catalogue
    request = rf.get("/")

    def artifact_work() -> int:
        with engine_work() as statements:
            collection_manifest(request, empty)
        return sum(s["steps"] for s in statements if '"archive_artifactpage"' in s["sql"])

    artifact_work()
    alone = artifact_work()
    fill(other, 300)
    beside_300 = artifact_work()
    assert beside_300 <= alone * 1.1 + 5, (alone, beside_300)


def test_a_listing_page_sorts_ids_only_and_loads_just_its_artifacts(catalogue):
    """The page's place in the order is found by sorting ids (one column); the full
    rows, with their relations, are loaded for the page's artifacts only: at most 60
    rows from the artifact table for page 1 and for the last page of 300."""
    _tree, _small, other, _empty = catalogue
    fill(other, 300)
    last = -(-300 // ARTIFACTS_PER_PAGE)
    for query, shown in (("", ARTIFACTS_PER_PAGE), (f"page={last}", 300 - (last - 1) * ARTIFACTS_PER_PAGE)):
        with count_queries() as queries:
            context = listing(other, query)
            artifacts = list(context["artifacts"])
        assert len(artifacts) == shown
        sorted_statements = [sql for sql in queries if "ORDER BY" in sql and "LIMIT" in sql]
        assert len(sorted_statements) == 1, sorted_statements
        # Sorted from the listing's narrow table (archive.listing_index), ids only.
        columns = re.match(r"SELECT (.*?) FROM", sorted_statements[0]).group(1).split(", ")
        assert columns == ['"archive_listedartifact"."artifact_id" AS "artifact_id"'], columns
        full_rows = [sql for sql in queries if sql.startswith('SELECT "wagtailcore_page"."id"') and "IN (" in sql]
        assert len(full_rows) == 1 and "ORDER BY" not in full_rows[0] and "OFFSET" not in full_rows[0]


def test_the_order_and_the_pages_are_those_of_the_whole_sorted_listing(catalogue):
    """Page after page, the artifacts of the listing are the whole collection sorted by
    earliest year then tree path, each once; a page out of range shows the last."""
    _tree, _small, other, _empty = catalogue
    fill(other, 130)
    expected = list(
        ArtifactPage.objects.live().child_of(other).order_by("earliest_year", "path").values_list("pk", flat=True)
    )
    seen = []
    for number in (1, 2, 3):
        seen += [artifact.pk for artifact in listing(other, f"page={number}")["artifacts"]]
    assert seen == expected
    assert [a.pk for a in listing(other, "page=99")["artifacts"]] == expected[120:]
    assert listing(other, "page=3")["paginator"].count == 130


def test_the_unfiltered_listing_counts_its_artifacts_in_the_periods_query(catalogue):
    """Without filters the periods' query gives the total too: no ``COUNT(*)`` of its
    own. Undated artifacts are counted, in no period; filtered listings count theirs."""
    _tree, _small, other, _empty = catalogue
    fill(other, 10)
    ArtifactPage.objects.child_of(other).filter(pk__in=ArtifactPage.objects.child_of(other).values("pk")[:2]).update(
        earliest_year=None, latest_year=None
    )
    with count_queries() as queries:
        context = listing(other)
    assert not [sql for sql in queries if "COUNT(*)" in sql]
    assert context["paginator"].count == 10
    assert sum(count for _period, count in context["periods"]) >= 8
    filtered = listing(other, "theme=music")
    assert filtered["paginator"].count == 5
    assert len(list(filtered["artifacts"])) == 5


def test_the_collection_page_costs_the_same_queries_for_3_or_300_artifacts(catalogue, client):
    _tree, small, other, _empty = catalogue
    fill(other, 3, first=80000)
    client.get(other.url)
    with count_queries() as with_3:
        client.get(other.url)
    fill(other, 297)
    client.get(other.url)
    with count_queries() as with_300:
        response = client.get(other.url)
    assert response.status_code == 200
    assert len(with_300) == len(with_3)
    assert response.content.decode().count('<li class="card">') == ARTIFACTS_PER_PAGE


@pytest.fixture
def rf():
    return RequestFactory()
