"""Page rendering benchmark: a 30-block joint exhibition against a trivial Django view.

    .venv/bin/python bench/pages.py [--repeat 50]

Builds (on a scratch SQLite database) the exhibition of ``exhibitions/tests/stories.py``:
30 story blocks with 10 artifacts in 5 showcases, 3 oral-history clips, a map, a gallery
of 12 images, a timeline and parallel perspectives. Each page is requested through
Django's test client (the whole middleware stack and Wagtail's routing, no network)
``--repeat`` times after a warm-up; reported: median and p90 milliseconds and the SQL
query count. In the same run:

- ``trivial_view``: a Django view returning a constant response (the floor);
- ``short_exhibition``: a 10-block story with one block of each kind;
- ``unbatched``: the same 30-block page with ``prepare_story`` switched off, so that
  each block loads its own data (what a naive block ``get_context`` does).

Prints one JSON object. Quote medians and ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def urlpatterns_with_trivial_view():
    from django.urls import path

    from heritage.urls import urlpatterns

    return [path("bench-trivial/", trivial), *urlpatterns]


urlpatterns: list = []


def setup_django(database: str, workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "heritage.settings.test"
    os.environ["DATABASE_URL"] = database
    os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    import contextlib
    import io

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False  # as in production: no SQL log, no debug templates
    settings.MEDIA_ROOT = str(workdir / "media")
    settings.ALLOWED_HOSTS = ["*"]
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "--noinput", verbosity=0)
    urlpatterns[:] = urlpatterns_with_trivial_view()
    settings.ROOT_URLCONF = __name__


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection

    for _ in range(5):  # warm up: renditions are made on the first view, templates compiled
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 3),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 3),
        "queries": len(executed),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-pages-"))
    setup_django(f"sqlite:///{workdir}/bench.sqlite3", workdir)

    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import translation

    from conftest import build_tree
    from exhibitions import blocks
    from exhibitions.tests.stories import build_story

    setup_test_environment()
    translation.activate("en")
    tree = build_tree()
    short = build_story(tree, artifacts=1, per_showcase=1, clips=1, gallery=2, blocks=10)
    long = build_story(tree)
    client = Client()

    report = {"database": "sqlite", "cpus": os.cpu_count(), "repeat": args.repeat}
    report["trivial_view"] = measure(client, "/bench-trivial/", args.repeat)
    report["short_exhibition"] = measure(client, short.url, args.repeat)
    report["exhibition_30_blocks"] = measure(client, long.url, args.repeat)
    with mock.patch.object(blocks, "prepare_story", lambda stream, request: blocks.chapter_anchors(stream)):
        report["unbatched_30_blocks"] = measure(client, long.url, args.repeat)
    floor = report["trivial_view"]["median_ms"]
    report["ratios"] = {
        "exhibition_30_blocks_vs_trivial_view": round(report["exhibition_30_blocks"]["median_ms"] / floor, 1),
        "short_vs_trivial_view": round(report["short_exhibition"]["median_ms"] / floor, 1),
        "unbatched_vs_batched": round(
            report["unbatched_30_blocks"]["median_ms"] / report["exhibition_30_blocks"]["median_ms"], 2
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
