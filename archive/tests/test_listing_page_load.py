"""A listing page loads its artifacts by their ids alone (issue 15).

The page's ids are found first (``archive.listing.page_of_ids``); loading them
again through the listing's own filters (the collection's range of paths) let SQLite
answer from the (depth, path) index, reading every artifact of the collection to keep
the page's 60. Counted in SQLite's virtual-machine instructions, never timed.
"""

from __future__ import annotations

from django.db import connection  # noqa: F401 (the skipif condition)

import pytest

from archive.tests.test_listing_scale import (
    catalogue,  # noqa: F401 (the fixture, asked for by name below)
    engine_work,
    fill,
    listing,
)

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="counts SQLite's virtual-machine instructions (set_progress_handler)"
)


def load_work(collection) -> int:
    """The engine's work for the statement(s) loading the page's whole artifact rows."""
    with engine_work() as statements:
        context = listing(collection)
        list(context["artifacts"])
    loads = [s for s in statements if s["sql"].startswith('SELECT "wagtailcore_page"."id"') and " IN (" in s["sql"]]
    assert loads, [s["sql"][:120] for s in statements]
    return sum(s["steps"] for s in loads)


@sqlite_only
def test_loading_a_page_of_60_reads_no_other_artifact_of_the_collection(request):
    _tree, _small, other, _empty = request.getfixturevalue("catalogue")
    fill(other, 60)
    load_work(other)  # warm
    of_60 = load_work(other)
    fill(other, 300, first=60)
    of_360 = load_work(other)
    assert of_360 <= of_60 * 1.1 + 5, (of_60, of_360)


def test_a_page_shows_the_same_artifacts_in_the_same_order(request):
    from archive.models import ArtifactPage

    _tree, _small, other, _empty = request.getfixturevalue("catalogue")
    fill(other, 130)
    expected = list(
        ArtifactPage.objects.live()
        .public()
        .child_of(other)
        .order_by("earliest_year", "path")
        .values_list("pk", flat=True)
    )
    for number, (start, end) in enumerate(((0, 60), (60, 120), (120, 130)), start=1):
        context = listing(other, f"page={number}")
        assert [artifact.pk for artifact in context["artifacts"]] == expected[start:end]
        assert all(artifact.institution_id for artifact in context["artifacts"])
