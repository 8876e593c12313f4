"""The collection page's listing, kept by a writer of the page-change outbox.

A collection's page shows its artifacts sorted by date, a page of 60 at a time, with
how many there are in all, per theme and per century. Counted and sorted from the
page table, that costs every artifact of the collection on every view (a collection
of 50,000 took four times a small one's time). Instead:

- ``ListedArtifact``: one narrow row per artifact the page lists (live, under no view
  restriction: Wagtail's ``live().public()``, what the page listed before), with its
  collection, years and tree path, indexed in the listing's order;
- ``ListedArtifactTheme``: its themes (the theme filter);
- ``CollectionCount``: the counts, per collection, theme and century.

The ``collection-listing`` writer keeps them, from every save of a page (a draft's
changes nothing: the listing reads the live row). It is eager (``heritage.outbox``): it
writes inside the transaction of the change, so a publish shows on the collection's
page at commit, like the database search index. For each changed page it compares the
row it wants (read from the page as it is now) with the row it has, and moves the
counts by the difference, in SQL increments (``count = count + n``), so two editors
publishing in one collection at once add up. Writing the same page twice changes
nothing.

``manage.py collection_listing check`` compares every collection with a count from
the page table; ``rebuild`` writes it all anew (also what the migration that made the
tables ran).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from heritage.bulk import insert_rows
from heritage.models.base import children_of
from heritage.outbox import Batch, Writer

from .listing import centuries

CHUNK = 2000


@dataclass(frozen=True)
class Entry:
    artifact_id: int
    collection_id: int
    earliest_year: int | None
    latest_year: int | None
    path: str
    themes: tuple[int, ...]

    def counts(self) -> Counter:
        from .models import CollectionCount

        counted = Counter({(self.collection_id, CollectionCount.ALL, 0): 1})
        for start in centuries(self.earliest_year, self.latest_year):
            counted[(self.collection_id, CollectionCount.PERIOD, int(start))] += 1
        for theme in self.themes:
            counted[(self.collection_id, CollectionCount.THEME, theme)] += 1
        return counted


def restricted_paths() -> list[str]:
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def wanted_entries(ids: Iterable[int], restricted: list[str] | None = None) -> dict[int, Entry]:
    """The rows the listing should have for the artifacts among ``ids``, as they are
    now: live ones under no view restriction (three queries)."""
    from wagtail.models import Page

    from .models import ArtifactPage

    ids = list(ids)
    if not ids:
        return {}
    restricted = restricted_paths() if restricted is None else restricted
    rows = [
        row
        for row in ArtifactPage.objects.filter(pk__in=ids, live=True)
        .order_by()
        .values_list("pk", "path", "earliest_year", "latest_year")
        if not any(row[1].startswith(path) for path in restricted)
    ]
    if not rows:
        return {}
    steplen = Page.steplen
    parents = dict(
        Page.objects.filter(path__in={path[:-steplen] for _pk, path, _e, _l in rows}).values_list("path", "pk")
    )
    themes: dict[int, list[int]] = {}
    through = ArtifactPage.themes.through
    for artifact_id, theme_id in through.objects.filter(artifactpage_id__in=[row[0] for row in rows]).values_list(
        "artifactpage_id", "theme_id"
    ):
        themes.setdefault(artifact_id, []).append(theme_id)
    return {
        pk: Entry(pk, parents[path[:-steplen]], earliest, latest, path, tuple(sorted(themes.get(pk, ()))))
        for pk, path, earliest, latest in rows
        if path[:-steplen] in parents
    }


def stored_entries(ids: Iterable[int]) -> dict[int, Entry]:
    from .models import ListedArtifact, ListedArtifactTheme

    ids = list(ids)
    themes: dict[int, list[int]] = {}
    for artifact_id, theme_id in ListedArtifactTheme.objects.filter(artifact_id__in=ids).values_list(
        "artifact_id", "theme_id"
    ):
        themes.setdefault(artifact_id, []).append(theme_id)
    return {
        pk: Entry(pk, collection, earliest, latest, path, tuple(sorted(themes.get(pk, ()))))
        for pk, collection, earliest, latest, path in ListedArtifact.objects.filter(artifact_id__in=ids).values_list(
            "artifact_id", "collection_id", "earliest_year", "latest_year", "path"
        )
    }


def write(ids: Iterable[int]) -> dict[str, int]:
    """Bring the listing of the pages ``ids`` (any type; deleted ones too) in line with
    the pages as they are now. Returns how many rows were listed and unlisted."""
    ids = sorted(set(ids))
    listed = unlisted = 0
    restricted = restricted_paths()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        wanted = wanted_entries(chunk, restricted)
        stored = stored_entries(chunk)
        changed = [pk for pk in chunk if wanted.get(pk) != stored.get(pk)]
        if not changed:
            continue
        delta: Counter = Counter()
        for pk in changed:
            if pk in stored:
                delta.subtract(stored[pk].counts())
            if pk in wanted:
                delta.update(wanted[pk].counts())
        _replace([stored[pk] for pk in changed if pk in stored], [wanted[pk] for pk in changed if pk in wanted])
        add_counts(delta)
        listed += sum(1 for pk in changed if pk in wanted)
        unlisted += sum(1 for pk in changed if pk in stored and pk not in wanted)
    return {"listed": listed, "unlisted": unlisted}


def _replace(old: list[Entry], new: list[Entry]) -> None:
    from .models import ListedArtifact, ListedArtifactTheme

    gone = [entry.artifact_id for entry in old]
    if gone:
        ListedArtifact.objects.filter(artifact_id__in=gone).delete()
        ListedArtifactTheme.objects.filter(artifact_id__in=gone).delete()
    insert_rows(
        ListedArtifact,
        [
            {
                "artifact_id": entry.artifact_id,
                "collection_id": entry.collection_id,
                "earliest_year": entry.earliest_year,
                "latest_year": entry.latest_year,
                "path": entry.path,
            }
            for entry in new
        ],
    )
    insert_rows(
        ListedArtifactTheme,
        [
            {"artifact_id": entry.artifact_id, "collection_id": entry.collection_id, "theme_id": theme}
            for entry in new
            for theme in entry.themes
        ],
    )


def add_counts(delta: Counter) -> None:
    """Move each count by its difference in ``delta`` in SQL (``count = count + n``:
    concurrent writers add up), creating the counts not there yet; counts left at
    zero go."""
    from .models import CollectionCount

    delta = {key: n for key, n in delta.items() if n}
    if not delta:
        return
    table = connection.ops.quote_name(CollectionCount._meta.db_table)
    # The table name is the model's, quoted; every value is a parameter.
    insert = f"INSERT INTO {table} (collection_id, facet, value, count) VALUES (%s, %s, %s, %s)"  # noqa: S608
    sql = f"{insert} ON CONFLICT (collection_id, facet, value) DO UPDATE SET count = {table}.count + excluded.count"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*key, n) for key, n in sorted(delta.items())])
    collections = {key[0] for key in delta}
    CollectionCount.objects.filter(collection_id__in=collections, count__lte=0).delete()


class ListingWriter(Writer):
    name = "collection-listing"
    eager = True
    #: Every save too: code that saves a live page (a script, a factory) changes what
    #: is live without publishing; a draft's save leaves the live row, so nothing moves.
    editors = True
    writes_database = True
    reads_relations = True  # the themes

    def write(self, batch: Batch) -> dict[str, int]:
        return write(batch.every)


def register_writers() -> None:
    from heritage import outbox

    outbox.register(ListingWriter())


# -- Checking and rebuilding ------------------------------------------------------------


def expected_counts(collection_ids: Iterable[int] | None = None) -> Counter:
    """Every count as the page table gives it now (the slow way, for checking)."""
    from .models import ArtifactPage, CollectionPage

    collections = CollectionPage.objects.all()
    if collection_ids is not None:
        collections = collections.filter(pk__in=list(collection_ids))
    ids = []
    for collection in collections.only("path", "depth"):
        ids += children_of(ArtifactPage.objects.all(), collection).values_list("pk", flat=True)
    counts: Counter = Counter()
    restricted = restricted_paths()
    for start in range(0, len(ids), CHUNK):
        for entry in wanted_entries(ids[start : start + CHUNK], restricted).values():
            counts.update(entry.counts())
    return counts


def stored_counts(collection_ids: Iterable[int] | None = None) -> Counter:
    from .models import CollectionCount

    rows = CollectionCount.objects.all()
    if collection_ids is not None:
        rows = rows.filter(collection_id__in=list(collection_ids))
    return Counter(
        {(c, facet, value): n for c, facet, value, n in rows.values_list("collection_id", "facet", "value", "count")}
    )


def check() -> list[str]:
    """The counts that differ from the page table's, as lines for a person to read."""
    expected, stored = expected_counts(), stored_counts()
    return [
        f"collection {key[0]}, {key[1]} {key[2]}: listed {stored.get(key, 0)}, expected {expected.get(key, 0)}"
        for key in sorted(set(expected) | set(stored))
        if expected.get(key, 0) != stored.get(key, 0)
    ]


def rebuild() -> int:
    """Write the whole listing anew from the page table; returns the artifacts listed."""
    from .models import ArtifactPage, CollectionCount, ListedArtifact, ListedArtifactTheme

    with transaction.atomic():
        ListedArtifact.objects.all().delete()
        ListedArtifactTheme.objects.all().delete()
        CollectionCount.objects.all().delete()
        ids = list(ArtifactPage.objects.order_by("pk").values_list("pk", flat=True))
        return write(ids)["listed"]


def build_if_missing(**kwargs) -> None:
    """After ``migrate``: a database that has artifacts and no listing yet (the tables
    were just made, or emptied) gets it built, so no collection page shows empty."""
    from .models import ArtifactPage, ListedArtifact

    if ArtifactPage.objects.filter(live=True).exists() and not ListedArtifact.objects.exists():
        rebuild()
