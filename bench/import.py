"""Bulk import benchmark: ``manage.py import_artifacts`` against naive Wagtail.

    .venv/bin/python bench/import.py [--rows 20000] [--naive 200] [--repeat 3]

Writes a synthetic CSV of ``--rows`` artifacts (titles in four languages, descriptions
in two, object type, materials, years, two themes and a place each) and imports it
into a scratch SQLite database, counting everything an import does: checking, the
pages and their revisions, history entries, the search indexes (the site's database
index and Wagtail's own), the reference index, and the harvesting records. In the
same run the baseline imports ``--naive`` rows the way a script on Wagtail's API
would: ``collection.add_child(instance=page)`` then ``page.save_revision().publish()``
per row. Each measurement runs in a fresh process on a fresh database, ``--repeat``
times; peak memory (max RSS) is measured per process, at ``--rows`` and at a quarter
of it, to show whether it grows with the number of rows.

Prints one JSON object (and writes it to bench/results-import.json with ``--save``).
Quote medians and ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THEMES = ["migration", "work", "family", "harbour", "religion", "music", "food", "school", "sport", "letters"]


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "heritage.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ.pop("ELASTICSEARCH_URL", None)
    import contextlib
    import io

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    settings.MEDIA_ROOT = str(workdir / "media")
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "--noinput", verbosity=0)


def synthetic_row(number: int) -> dict:
    return {
        "accession_number": f"BENCH.{number:06d}",
        "title_en": f"Travel trunk number {number}",
        "title_fr": f"Malle de voyage numéro {number}",
        "title_de": f"Reisekoffer Nummer {number}",
        "title_ar": f"صندوق سفر رقم {number}",
        "description_en": f"A wooden trunk carried from Tunis to Marseille in {1950 + number % 40}, "
        "its lid painted with the family's name.",
        "description_fr": "Une malle en bois portée de Tunis à Marseille, le couvercle peint au nom de la famille.",
        "object_type_en": "Trunk",
        "object_type_fr": "Malle",
        "materials_en": "Wood, iron",
        "earliest_year": str(1950 + number % 40),
        "latest_year": str(1955 + number % 40),
        "themes": f"{THEMES[number % 10]}|{THEMES[(number + 3) % 10]}",
        "places": "tunis",
    }


def write_csv(path: Path, rows: int) -> None:
    columns = list(synthetic_row(0))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for number in range(rows):
            writer.writerow(synthetic_row(number))


def prepare():
    from django.test.utils import setup_test_environment
    from django.utils import translation

    from conftest import build_tree
    from heritage.models import Place, Theme

    setup_test_environment()
    translation.activate("en")
    tree = build_tree()
    Theme.objects.bulk_create([Theme(slug=slug, name_en=slug.title()) for slug in THEMES])
    Place.objects.create(slug="tunis", name_en="Tunis")
    return tree


#: The apps whose signal receivers keep the project's indexes (search, harvesting
#: records, recordings) in step with a page; "naive_plain" runs without them.
PROJECT_APPS = ("heritage", "archive", "exhibitions", "oral_histories", "search", "exchange")


def disconnect_project_receivers() -> int:
    """Disconnect every receiver defined in the project's apps (Wagtail's own stay):
    what the naive path costs in Wagtail alone, without this project's indexes."""
    from django.db.models import signals as model_signals

    from wagtail import signals as wagtail_signals

    from heritage.signals import pages_changed

    removed = 0
    every = [getattr(model_signals, name) for name in ("pre_save", "post_save", "pre_delete", "post_delete")]
    every += [wagtail_signals.page_published, wagtail_signals.page_unpublished, wagtail_signals.post_page_move]
    every.append(pages_changed)
    for signal in every:
        kept = []
        for entry in signal.receivers:
            receiver = entry[1]
            if isinstance(receiver, weakref.ReferenceType):  # weak receivers (WeakMethod too)
                receiver = receiver()
            module = getattr(receiver, "__module__", "") or ""
            if module.split(".")[0] in PROJECT_APPS:
                removed += 1
            else:
                kept.append(entry)
        signal.receivers = kept
        signal.sender_receivers_cache.clear()
    return removed


def worker(kind: str, rows: int) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-import-"))
    atexit.register(shutil.rmtree, workdir, True)  # a 20,000-row database each run
    setup_django(workdir)
    tree = prepare()
    if kind == "naive_plain":
        disconnect_project_receivers()
    from django.db import connection

    from archive.models import ArtifactPage

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if kind == "bulk":
        from archive.transfer.importer import import_artifacts

        path = workdir / "artifacts.csv"
        write_csv(path, rows)
        executed = [0]

        def count(execute, sql, params, many, context):
            executed[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with path.open("rb") as source, connection.execute_wrapper(count):
            report = import_artifacts(source, file_format="csv", institution=tree.institution)
        elapsed = time.perf_counter() - started
        assert report.created == rows and not report.errors, report.as_dict()
        queries = executed[0]
    else:
        from heritage.models import Place, Theme

        themes = {theme.slug: theme for theme in Theme.objects.all()}
        tunis = Place.objects.get(slug="tunis")
        started = time.perf_counter()
        for number in range(rows):
            data = synthetic_row(number)
            page = ArtifactPage(
                title_en=data["title_en"],
                title_fr=data["title_fr"],
                title_de=data["title_de"],
                title_ar=data["title_ar"],
                slug=f"trunk-{number}",
                institution=tree.institution,
                accession_number=data["accession_number"],
                description_en=f"<p>{data['description_en']}</p>",
                description_fr=f"<p>{data['description_fr']}</p>",
                object_type_en=data["object_type_en"],
                object_type_fr=data["object_type_fr"],
                materials_en=data["materials_en"],
                earliest_year=int(data["earliest_year"]),
                latest_year=int(data["latest_year"]),
            )
            page.themes = [themes[slug] for slug in data["themes"].split("|")]
            page.places = [tunis]
            tree.collection.add_child(instance=page)
            page.save_revision().publish()
        elapsed = time.perf_counter() - started
        queries = None
    assert ArtifactPage.objects.live().count() == rows
    from search.models import SearchDocument

    if kind != "naive_plain":
        assert SearchDocument.objects.filter(type="artifact").count() == rows
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": rows,
        "seconds": elapsed,
        "rows_per_second": rows / elapsed,
        "queries_per_row": round(queries / rows, 3) if queries else None,
        "peak_rss_mb": round(rss_after / 1024, 1),
        "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
    }


def run_worker(kind: str, rows: int, tree: Path = ROOT) -> dict:
    """One measurement in a fresh process, of this checkout or of ``tree`` (another
    commit's checkout, run with this virtualenv)."""
    output = subprocess.run(
        [sys.executable, str(tree / "bench" / "import.py"), "--worker", kind, "--rows", str(rows)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@contextlib.contextmanager
def checkout(revision: str):
    """A temporary worktree of ``revision`` (``git worktree``), removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="heritage-bench-against-")) / "tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(path), revision], cwd=ROOT, check=True, capture_output=True
    )
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False, capture_output=True)


def summarise(runs: list[dict]) -> dict:
    return {
        "rows": runs[0]["rows"],
        "runs": len(runs),
        "median_rows_per_second": round(statistics.median(run["rows_per_second"] for run in runs), 1),
        "median_seconds": round(statistics.median(run["seconds"] for run in runs), 2),
        "queries_per_row": runs[0]["queries_per_row"],
        "median_peak_rss_mb": round(statistics.median(run["peak_rss_mb"] for run in runs), 1),
        "median_rss_growth_mb": round(statistics.median(run["rss_growth_mb"] for run in runs), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--naive", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", choices=["bulk", "naive", "naive_plain"])
    parser.add_argument("--save", action="store_true", help="also write bench/results-import.json")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also import --rows with the code of commit REV (a temporary git worktree), interleaved",
    )
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.rows)))
        return
    report = {"database": "sqlite", "cpus": os.cpu_count(), "repeat": args.repeat}
    # Interleaved: each round measures every variant once, so a busy spell of the
    # machine falls on all of them alike.
    variants = {
        "naive_add_child_publish": ("naive", args.naive, ROOT),
        # The same without this project's receivers (search, harvesting): Wagtail's own cost.
        "naive_without_project_indexes": ("naive_plain", args.naive, ROOT),
        "bulk_import": ("bulk", args.rows, ROOT),
        "bulk_import_quarter": ("bulk", max(args.rows // 4, 1), ROOT),
    }
    with contextlib.ExitStack() as stack:
        if args.against:
            tree = stack.enter_context(checkout(args.against))
            variants["bulk_import_against"] = ("bulk", args.rows, tree)
        runs = {name: [] for name in variants}
        for _round in range(args.repeat):
            for name, (kind, rows, tree) in variants.items():
                runs[name].append(run_worker(kind, rows, tree))
    for name, measured in runs.items():
        report[name] = summarise(measured)
    if args.against:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", args.against], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        report["bulk_import_against"]["revision"] = revision
        report["against"] = {
            "revision": revision,
            # Round by round (the same moment of the machine), then the median.
            "rate_ratio_per_round": [
                round(ours["rows_per_second"] / theirs["rows_per_second"], 2)
                for ours, theirs in zip(runs["bulk_import"], runs["bulk_import_against"], strict=True)
            ],
        }
        report["against"]["median_rate_ratio"] = round(statistics.median(report["against"]["rate_ratio_per_round"]), 2)
    report["ratios"] = {
        "bulk_vs_naive_rate": round(
            report["bulk_import"]["median_rows_per_second"]
            / report["naive_add_child_publish"]["median_rows_per_second"],
            1,
        ),
        "bulk_vs_naive_without_project_indexes_rate": round(
            report["bulk_import"]["median_rows_per_second"]
            / report["naive_without_project_indexes"]["median_rows_per_second"],
            1,
        ),
        "memory_growth_full_vs_quarter_mb": round(
            report["bulk_import"]["median_rss_growth_mb"] - report["bulk_import_quarter"]["median_rss_growth_mb"], 1
        ),
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.save:
        (ROOT / "bench" / "results-import.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
