"""Catalogue-size benchmark: does a page cost the same in a collection of 50,000
artifacts as in one of 50?

    .venv/bin/python bench/catalogue.py [--artifacts 50000] [--small 50] [--rounds 25] [--save]
    .venv/bin/python bench/catalogue.py --artifacts 5000 --rounds 10      # a quick run

On a scratch SQLite database (or ``--database`` URL) it builds the test tree, then two
collections, each in an institution of its own, filled by the project's bulk importer
(``archive.transfer.importer.import_artifacts``, the rows of ``bench/import.py``):
the *big* one with ``--artifacts`` rows, the *small* one with ``--small``. Every
artifact is given one gallery image (one shared image, ``ArtifactImage`` rows
bulk-created: the importer would copy 50,000 files), so the listings show thumbnails and
the IIIF collections list manifests. Before the big import, the small collection is
measured once on its own (the same catalogue without the 50,000), to show what the
catalogue's size costs a small collection.

Then, through Django's test client (the whole middleware stack and Wagtail's routing,
no network), for each collection:

- ``artifact_page``: the middle artifact's page;
- ``collection_first_page`` / ``collection_last_page``: the collection page, its
  listing's first page and its last (``?page=<last>``);
- ``search``: ``/api/search/?q=trunk&type=artifact&institution=<code>`` — the API has no
  collection parameter; each collection is its institution's only one, so the
  institution facet restricts the search to it (the database engine: no
  ``ELASTICSEARCH_URL``);
- ``iiif_collection``: ``/iiif/collection/<id>/collection.json`` (and the same for an
  empty third collection): past 1,000 manifests, a collection of parts;
  ``iiif_collection_part``: the big one's last part (``…/part/<n>/collection.json``)
  beside the small one's whole. Timed in rounds of their own (``--iiif-rounds``).

Timing is interleaved: each round requests every target of both collections once, in a
shuffled order, ``--rounds`` times after a warm-up; a target's figure is its median.
Its ratio is median(big) / median(small), so both sides saw the same machine (it is
shared: single runs are noisy, the ratios of interleaved medians much less so).

Counted on one extra request of each target (never timed):

- ``queries``: SQL statements run (``connection.execute_wrapper``);
- ``rows_read``: rows the database *returned* to Django: every row fetched through
  Django's cursor wrapper (``fetchone``/``fetchmany``/``fetchall`` and iteration are
  wrapped and their rows counted) — what Django had to read, whatever it then kept;
- ``cards`` and ``rows_read_beyond_cards`` (the listings): a listing page shows up to
  60 cards, and the small collection has 50: each card costs 3 rows (its id, the
  artifact, its gallery image), so listings are compared on the rows they read besides their cards;
- ``engine_steps`` (SQLite only): virtual-machine instructions the SQLite engine ran for
  the request, in thousands (``sqlite3.Connection.set_progress_handler`` called every
  1,000 instructions). A ``COUNT(*)``, an aggregate or an ``OFFSET`` returns one row or
  a page of rows but scans everything before it: ``rows_read`` cannot see that work,
  this can. It is the engine-side "rows read".

Goals (issue 15): artifact page ≤ 1.2×, collection page (first and last) ≤ 1.5×, and the
same queries and rows read for both collections. ``--profile`` adds each big target's
five most expensive statements (engine steps) to the report.

Prints one JSON object (and writes it to bench/results-catalogue.json with ``--save``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # before bench/ (on the path as the script's folder): its oral_histories.py is no app

GOALS = {"artifact_page": 1.2, "collection_first_page": 1.5, "collection_last_page": 1.5}
SEARCH_WORD = "trunk"
#: Rows a listing reads for each card it shows: its id (the page's ids are picked first),
#: the artifact and its gallery image (every artifact here has one; the image and its
#: renditions are shared, read once).
ROWS_PER_CARD = 3


def setup_django(database: str, workdir: Path) -> None:
    os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ.pop("ELASTICSEARCH_URL", None)  # the database search engine
    from benchkit import setup_django as migrated

    migrated(database)
    from django.conf import settings

    settings.DEBUG = False  # as in production: no SQL log, no debug templates
    settings.MEDIA_ROOT = str(workdir / "media")
    settings.ALLOWED_HOSTS = ["*"]


# --- Building the catalogue ----------------------------------------------------------


def import_rows(path: Path, count: int, *, institution, collection) -> None:
    from archive.transfer.importer import import_artifacts

    rows = importlib.import_module("import")  # bench/import.py: its synthetic rows
    rows.write_csv(path, count)
    with path.open("rb") as source:
        report = import_artifacts(source, file_format="csv", institution=institution, collection=collection)
    assert report.created == count and not report.errors, report.as_dict()


def give_images(collection, image) -> int:
    """One gallery image per artifact of ``collection`` (the same image), in bulk."""
    from archive.models import ArtifactImage, ArtifactPage

    ids = ArtifactPage.objects.child_of(collection).values_list("pk", flat=True)
    made = ArtifactImage.objects.bulk_create(
        [ArtifactImage(page_id=pk, image=image, alt_text_en="A travel trunk", sort_order=0) for pk in ids],
        batch_size=2000,
    )
    return len(made)


def build(args, workdir: Path, measure_before) -> dict:
    from django.test.utils import setup_test_environment
    from django.utils import translation

    from archive.factories import CollectionPageFactory
    from conftest import build_tree
    from heritage.factories import ImageFactory, InstitutionFactory
    from heritage.models import Place, Theme

    rows = importlib.import_module("import")
    setup_test_environment()
    translation.activate("en")
    tree = build_tree()
    Theme.objects.bulk_create([Theme(slug=slug, name_en=slug.title()) for slug in rows.THEMES])
    Place.objects.create(slug="tunis", name_en="Tunis")
    big_home = InstitutionFactory(city=tree.city, code="big", name_en="Museum of the Big Catalogue")
    small_home = InstitutionFactory(city=tree.city, code="small", name_en="Small Museum")
    empty_home = InstitutionFactory(city=tree.city, code="empty", name_en="Empty Museum")
    big = CollectionPageFactory(parent=tree.collections, institution=big_home, title="Trunks", slug="trunks")
    small = CollectionPageFactory(parent=tree.collections, institution=small_home, title="Cases", slug="cases")
    empty = CollectionPageFactory(parent=tree.collections, institution=empty_home, title="Empty", slug="empty")
    image = ImageFactory(title="A trunk")

    import_rows(workdir / "small.csv", args.small, institution=small_home, collection=small)
    give_images(small, image)
    before = measure_before(small, empty)
    started = time.perf_counter()
    import_rows(workdir / "big.csv", args.artifacts, institution=big_home, collection=big)
    give_images(big, image)
    return {
        "before": before,
        "import_seconds": round(time.perf_counter() - started, 1),
        "big": big.pk,
        "small": small.pk,
        "empty": empty.pk,
    }


# --- Counting --------------------------------------------------------------------------


class Counter:
    """Queries, rows fetched and (SQLite) engine steps of the requests run inside it."""

    STEP = 1000

    def __init__(self, profile: bool = False):
        self.queries: list[dict] = []
        self.rows = 0
        self.steps = 0
        self.profile = profile

    def _execute(self, execute, sql, params, many, context):
        entry = {"sql": sql, "rows": 0, "steps": 0, "ms": 0.0}
        self.queries.append(entry)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            entry["ms"] += (time.perf_counter() - started) * 1000

    def _step(self) -> int:
        # SQLite runs a statement as its rows are fetched: the steps go to the last one.
        self.steps += 1
        if self.queries:
            self.queries[-1]["steps"] += 1
        return 0  # 0: go on

    def _fetched(self, count: int) -> None:
        self.rows += count
        if self.queries:
            self.queries[-1]["rows"] += count

    @contextlib.contextmanager
    def __call__(self):
        from django.db import connection
        from django.db.backends import utils

        counter = self
        wrapper = utils.CursorWrapper
        originals = {name: wrapper.__dict__.get(name) for name in ("fetchone", "fetchmany", "fetchall", "__iter__")}

        def fetchone(self):
            row = self.cursor.fetchone()
            counter._fetched(row is not None)
            return row

        def fetchmany(self, size=None):
            rows = self.cursor.fetchmany(size) if size is not None else self.cursor.fetchmany()
            counter._fetched(len(rows))
            return rows

        def fetchall(self):
            rows = self.cursor.fetchall()
            counter._fetched(len(rows))
            return rows

        def iterate(self):
            with self.db.wrap_database_errors:
                for row in self.cursor:
                    counter._fetched(1)
                    yield row

        connection.ensure_connection()
        sqlite = connection.vendor == "sqlite"
        if sqlite:
            connection.connection.set_progress_handler(self._step, self.STEP)
        wrapper.fetchone, wrapper.fetchmany, wrapper.fetchall, wrapper.__iter__ = fetchone, fetchmany, fetchall, iterate
        try:
            with connection.execute_wrapper(self._execute):
                yield self
        finally:
            for name, original in originals.items():
                if original is None:
                    delattr(wrapper, name)
                else:
                    setattr(wrapper, name, original)
            if sqlite:
                connection.connection.set_progress_handler(None, self.STEP)

    def figures(self) -> dict:
        from django.db import connection

        figures = {"queries": len(self.queries), "rows_read": self.rows}
        if connection.vendor == "sqlite":
            figures["engine_steps_k"] = self.steps
        if self.profile:
            worst = sorted(self.queries, key=lambda q: (q["steps"], q["ms"]), reverse=True)[:6]
            figures["costliest"] = [
                {
                    "steps_k": q["steps"],
                    "execute_ms": round(q["ms"], 2),
                    "rows": q["rows"],
                    "sql": " ".join(q["sql"].split())[:400],
                }
                for q in worst
            ]
        return figures


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response


def count(client, url: str, profile: bool = False) -> dict:
    counter = Counter(profile)
    with counter():
        response = get(client, url)
    figures = {**counter.figures(), "bytes": len(response.content)}
    cards = response.content.count(b'<li class="card">')
    if cards:
        figures["cards"] = cards
        figures["rows_read_beyond_cards"] = figures["rows_read"] - ROWS_PER_CARD * cards
    return figures


# --- Targets ---------------------------------------------------------------------------


def iiif_url(collection) -> str:
    from django.urls import reverse

    return reverse("iiif:collection", args=[collection.pk])


def iiif_part_url(collection) -> str:
    """The last part of a collection of more than ``COLLECTION_PART`` manifests (its
    IIIF collection lists parts); a smaller one's whole collection is its one part."""
    from django.urls import reverse

    from archive.models import ArtifactPage
    from exchange.iiif.manifests import COLLECTION_PART

    total = ArtifactPage.objects.live().child_of(collection).count()
    if total <= COLLECTION_PART:
        return iiif_url(collection)
    return reverse("iiif:collection_part", args=[collection.pk, -(-total // COLLECTION_PART)])


def targets_for(collection) -> dict[str, str]:
    from archive.listing import ARTIFACTS_PER_PAGE
    from archive.models import ArtifactPage

    artifacts = ArtifactPage.objects.live().child_of(collection).order_by("path")
    total = artifacts.count()
    middle = artifacts[total // 2]
    last = max(1, -(-total // ARTIFACTS_PER_PAGE))
    return {
        "artifact_page": middle.url,
        "collection_first_page": collection.url,
        "collection_last_page": f"{collection.url}?page={last}",
        "search": f"/api/search/?q={SEARCH_WORD}&type=artifact&institution={collection.institution.code}",
        "iiif_collection": iiif_url(collection),
        "iiif_collection_part": iiif_part_url(collection),
    }


def time_rounds(client, urls: dict[str, str], rounds: int, warm_up: int = 2) -> dict[str, list[float]]:
    """``rounds`` interleaved rounds: every url once a round, in a new random order."""
    order = list(urls)
    times: dict[str, list[float]] = {key: [] for key in order}
    for key in order:  # warm-up: templates compiled, renditions made, caches filled
        for _ in range(warm_up):
            get(client, urls[key])
    for _ in range(rounds):
        random.shuffle(order)
        for key in order:
            started = time.perf_counter()
            get(client, urls[key])
            times[key].append((time.perf_counter() - started) * 1000)
    return times


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p90_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--artifacts", type=int, default=50_000, help="artifacts in the big collection")
    parser.add_argument("--small", type=int, default=50, help="artifacts in the small collection")
    parser.add_argument("--rounds", type=int, default=25, help="interleaved timing rounds")
    parser.add_argument("--iiif-rounds", type=int, default=3, help="timing rounds of the two IIIF collections")
    parser.add_argument("--database", default="", help="DATABASE_URL (default: a fresh SQLite file)")
    parser.add_argument(
        "--workdir",
        default="",
        help="keep the SQLite database here; when it already holds a built catalogue, reuse it (no import, no "
        "before-import figures): for trying a change quickly",
    )
    parser.add_argument("--profile", action="store_true", help="list each big target's costliest statements")
    parser.add_argument("--save", action="store_true", help="also write bench/results-catalogue.json")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="heritage-bench-catalogue-"))
    workdir.mkdir(parents=True, exist_ok=True)
    reuse = bool(args.workdir) and not args.database and (workdir / "bench.sqlite3").exists()
    setup_django(args.database or f"sqlite:///{workdir}/bench.sqlite3", workdir)

    from django.db import connection
    from django.test import Client

    from archive.models import ArtifactPage, CollectionPage

    client = Client()

    def measure_before(small, empty) -> dict:
        urls = targets_for(small)
        urls["iiif_collection_empty"] = iiif_url(empty)
        times = time_rounds(client, urls, args.rounds)
        return {key: {**summary(times[key]), **count(client, url)} for key, url in urls.items()}

    if reuse:
        from django.test.utils import setup_test_environment
        from django.utils import translation

        setup_test_environment()
        translation.activate("en")
        slugs = {"big": "trunks", "small": "cases", "empty": "empty"}
        built = {name: CollectionPage.objects.get(slug=slug).pk for name, slug in slugs.items()}
        built.update(before=None, import_seconds=None)
    else:
        built = build(args, workdir, measure_before)
    big, small, empty = (CollectionPage.objects.get(pk=built[name]) for name in ("big", "small", "empty"))
    sizes = {name: ArtifactPage.objects.child_of(page).count() for name, page in (("big", big), ("small", small))}
    sides = {"big": targets_for(big), "small": targets_for(small)}
    urls = {f"{side}:{key}": url for side, targets in sides.items() for key, url in targets.items()}
    urls["empty:iiif_collection"] = iiif_url(empty)
    # The IIIF collections have rounds of their own, fewer, interleaved with each other
    # (the big one listed every manifest in one document before it had parts).
    iiif = {
        key: urls.pop(key)
        for key in (
            "big:iiif_collection",
            "small:iiif_collection",
            "big:iiif_collection_part",
            "small:iiif_collection_part",
        )
    }
    times = time_rounds(client, urls, args.rounds)
    times.update(time_rounds(client, iiif, args.iiif_rounds, warm_up=1))

    report = {
        "database": connection.vendor,
        "cpus": os.cpu_count(),
        "artifacts": {**sizes, "empty": 0},
        "rounds": args.rounds,
        "iiif_rounds": args.iiif_rounds,
        "timing": "interleaved: every round requests each target of both collections once, in a shuffled "
        "order; medians per target; ratio = median(big) / median(small) from the same rounds",
        "rows_read": "rows the database returned to Django (every fetch through Django's cursor counted)",
        "engine_steps_k": "SQLite virtual-machine instructions, thousands (progress handler every 1,000)",
        "import_seconds": built["import_seconds"],
        "targets": {},
    }
    for key in sides["big"]:
        big_figures = {**summary(times[f"big:{key}"]), **count(client, sides["big"][key], args.profile)}
        small_figures = {**summary(times[f"small:{key}"]), **count(client, sides["small"][key])}
        entry = {
            "ratio": round(big_figures["median_ms"] / small_figures["median_ms"], 2),
            "goal": GOALS.get(key),
            "same_queries": big_figures["queries"] == small_figures["queries"],
            "same_rows_read": (
                big_figures.get("rows_read_beyond_cards", big_figures["rows_read"])
                == small_figures.get("rows_read_beyond_cards", small_figures["rows_read"])
            ),
            "big": big_figures,
            "small": small_figures,
        }
        if key in GOALS:
            entry["met"] = entry["ratio"] <= GOALS[key] and entry["same_queries"] and entry["same_rows_read"]
        report["targets"][key] = entry
    report["targets"]["iiif_collection"]["note"] = (
        "past 1,000 manifests a IIIF collection is a collection of parts (exchange.iiif.manifests."
        "COLLECTION_PART): the big one lists its 50 parts, the small one its manifests"
    )
    report["targets"]["iiif_collection_part"]["note"] = (
        "the big collection's last part (up to 1,000 manifests) against the small collection's whole"
    )
    report["empty_iiif_collection"] = {
        **summary(times["empty:iiif_collection"]),
        **count(client, urls["empty:iiif_collection"]),
    }
    before = built["before"]
    report["small_collection_before_the_big_import"] = before and {
        "what": "the small collection's targets measured before the big collection was imported (other rounds "
        "of the same process): after/before shows what the catalogue's size costs a small collection",
        "after_vs_before": {
            key: round(report["targets"][key]["small"]["median_ms"] / before[key]["median_ms"], 2)
            for key in sides["small"]
        }
        | {
            "iiif_collection_empty": round(
                report["empty_iiif_collection"]["median_ms"] / before["iiif_collection_empty"]["median_ms"], 2
            )
        },
        "before": before,
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.save:
        (BENCH / "results-catalogue.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
