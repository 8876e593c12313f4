"""OAI-PMH benchmark: a full harvest of 20,000 records, with Django's sitemap over the
same rows as the baseline.

    .venv/bin/python bench/oai.py [--records 20000] [--repeat 3] [--sync-pages 300]

On a scratch SQLite database it builds the test tree and a few real artifacts (all
four languages, themes, places, makers, rights, a perspective), renders their records
through ``exchange.oai.records.sync``, then bulk-creates ``--records`` records in
``HarvestRecord`` from those rendered ones (titles changed, one in ten in another city
and institution, one in twenty deleted), the fastest way to a big repository. Then, through Django's test
client (the whole middleware stack, no network):

- ``list_records``: ListRecords ``oai_dc`` through every resumption token (100 a
  response, the default), ``--repeat`` times: records/s (median), ms per response,
  SQL queries of the first and of every later response, bytes;
- ``list_identifiers``: the same with ListIdentifiers;
- ``list_records_in_a_set_of_…``: ListRecords with ``set=institution:mmp`` (90 % of the
  records) and ``set=institution:hmb`` (the other 10 %);
- ``sitemap_baseline``: Django's sitemap view over the same rows (100 a page, one
  ``<url>`` per record, offset pagination): records/s;
- ``trivial_view``: a Django view returning a constant, ms per response (the floor);
- ``peak_memory``: tracemalloc's peak during one full ListRecords harvest;
- ``sync``: ``--sync-pages`` real artifacts synced in one call (what ``pages_changed``
  from the importer, or ``oai_records rebuild``, costs): pages/s.

Prints one JSON object and writes it to ``bench/results-oai.json``. Quote medians and
ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

urlpatterns: list = []


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def record_sitemap(request):
    """Django's sitemap over the harvest table: the baseline for the same rows."""
    from django.contrib.sitemaps import Sitemap
    from django.contrib.sitemaps.views import sitemap

    from exchange.models import HarvestRecord

    class Records(Sitemap):
        limit = 100

        def items(self):
            return HarvestRecord.objects.order_by("page_id").only("page_id", "datestamp")

        def location(self, record):
            return f"/records/{record.page_id}/"

        def lastmod(self, record):
            return record.datestamp

    return sitemap(request, {"records": Records()})


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
    from django.urls import path

    from heritage.urls import urlpatterns as site_urls

    settings.DEBUG = False
    settings.MEDIA_ROOT = str(workdir / "media")
    settings.ALLOWED_HOSTS = ["*"]
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = "heritage.example.org"
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "--noinput", verbosity=0)
    urlpatterns[:] = [
        path("bench-trivial/", trivial),
        path("bench-sitemap.xml", record_sitemap),
        *site_urls,
    ]
    settings.ROOT_URLCONF = __name__


def build(records: int):
    """The tree, a few real artifacts, and ``records`` records cloned from theirs."""
    import datetime

    from conftest import build_tree
    from exchange.models import HarvestRecord, HarvestSetMembership
    from exchange.oai.records import sync, with_parents
    from exchange.tests.test_oai import full_artifact

    tree = build_tree()
    real = [full_artifact(tree, slug=f"ticket-{n}", accession_number=f"MMP.{n}") for n in range(5)]
    sync([page.pk for page in real])
    templates = list(HarvestRecord.objects.filter(page_id__in=[page.pk for page in real]))
    start = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    base = 1_000_000
    rows = []
    # One record in ten is held in Hamburg (a small set), the rest in Marseille.
    ours = templates[0].set_specs
    theirs = "type:artifact city:hamburg institution:hmb"
    for n in range(records):
        template = templates[n % len(templates)]
        deleted = n % 20 == 19
        rows.append(
            HarvestRecord(
                page_id=base + n,
                datestamp=start + datetime.timedelta(seconds=n // 3),  # several records share a second
                deleted=deleted,
                kind="artifact",
                set_specs=theirs if n % 10 == 0 else ours,
                oai_dc="" if deleted else template.oai_dc.replace("Ferry ticket", f"Ferry ticket {n}"),
            )
        )
    HarvestRecord.objects.bulk_create(rows, batch_size=2000)
    HarvestSetMembership.objects.bulk_create(
        (
            HarvestSetMembership(record_id=pk, spec=spec)
            for pk, specs in HarvestRecord.objects.filter(page_id__gte=base).values_list("pk", "set_specs")
            for spec in sorted(with_parents(specs.split()))
        ),
        batch_size=5000,
    )
    return tree


def harvest(client, params: dict) -> dict:
    """One full harvest through every token: records, responses, queries, bytes, seconds."""
    from django.db import connection

    executed: list[int] = []
    records = responses = size = 0
    started = time.perf_counter()
    while True:
        count = [0]

        def counting(execute, sql, sql_params, many, context, count=count):
            count[0] += 1
            return execute(sql, sql_params, many, context)

        with connection.execute_wrapper(counting):
            response = client.get("/oai/", params)
        assert response.status_code == 200
        body = response.content
        executed.append(count[0])
        responses += 1
        size += len(body)
        records += body.count(b"<header")
        token_at = body.find(b"<resumptionToken")
        token = None
        if token_at >= 0:
            end_tag = body.find(b"</resumptionToken>", token_at)
            if end_tag >= 0:
                token = body[body.find(b">", token_at) + 1 : end_tag].decode()
        if not token:
            break
        params = {"verb": params["verb"], "resumptionToken": token}
    elapsed = time.perf_counter() - started
    return {
        "records": records,
        "responses": responses,
        "seconds": elapsed,
        "queries_first_response": executed[0],
        "queries_later_responses": sorted(set(executed[1:])),
        "bytes": size,
    }


def repeated(client, params: dict, repeat: int) -> dict:
    runs = [harvest(client, params) for _ in range(repeat)]
    last = runs[-1]
    rates = [run["records"] / run["seconds"] for run in runs]
    return {
        "records": last["records"],
        "responses": last["responses"],
        "records_per_s_median": round(statistics.median(rates)),
        "ms_per_response_median": round(statistics.median(run["seconds"] / run["responses"] * 1000 for run in runs), 3),
        "queries_first_response": last["queries_first_response"],
        "queries_later_responses": last["queries_later_responses"],
        "mb_transferred": round(last["bytes"] / 1e6, 2),
    }


def sitemap_baseline(client, repeat: int, records: int) -> dict:
    rates, per_page = [], []
    pages = -(-records // 100) + 1  # + the real artifacts, rounded up
    for _ in range(repeat):
        started = time.perf_counter()
        count = 0
        for number in range(1, pages + 1):
            response = client.get("/bench-sitemap.xml", {"p": number})
            if response.status_code == 404:
                break
            count += response.content.count(b"<url>")
        elapsed = time.perf_counter() - started
        rates.append(count / elapsed)
        per_page.append(elapsed / number * 1000)
    return {
        "records": count,
        "records_per_s_median": round(statistics.median(rates)),
        "ms_per_response_median": round(statistics.median(per_page), 3),
    }


def trivial_floor(client, repeat: int = 200) -> dict:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get("/bench-trivial/")
        times.append((time.perf_counter() - started) * 1000)
    return {"ms_per_response_median": round(statistics.median(times), 3)}


def sync_rate(tree, pages: int) -> dict:
    from archive.factories import ArtifactPageFactory
    from exchange.oai.records import sync

    made = [
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, description_fr="<p>Un objet.</p>")
        for _ in range(pages)
    ]
    started = time.perf_counter()
    counts = sync([page.pk for page in made])
    elapsed = time.perf_counter() - started
    return {"pages": pages, "created": counts["created"], "pages_per_s": round(pages / elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sync-pages", type=int, default=300)
    parser.add_argument("--output", default=str(ROOT / "bench" / "results-oai.json"))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-oai-"))
    setup_django(f"sqlite:///{workdir}/bench.sqlite3", workdir)

    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import translation

    setup_test_environment()
    translation.activate("en")
    started = time.perf_counter()
    tree = build(args.records)
    built = time.perf_counter() - started
    client = Client()
    client.get("/oai/", {"verb": "Identify"})  # warm up

    report = {
        "database": "sqlite",
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "records_in_table": args.records + 5,
        "page_size": getattr(settings, "HERITAGE_OAI_PAGE_SIZE", 100),
        "build_seconds": round(built, 1),
    }
    report["list_records"] = repeated(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}, args.repeat)
    report["list_identifiers"] = repeated(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, args.repeat)
    report["list_records_in_a_set_of_90_percent"] = repeated(
        client, {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "institution:mmp"}, args.repeat
    )
    report["list_records_in_a_set_of_10_percent"] = repeated(
        client, {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "institution:hmb"}, args.repeat
    )
    report["sitemap_baseline"] = sitemap_baseline(client, args.repeat, args.records)
    report["trivial_view"] = trivial_floor(client)
    tracemalloc.start()
    harvest(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report["peak_memory"] = {
        "tracemalloc_peak_mb_during_harvest": round(peak / 1e6, 2),
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    report["sync"] = sync_rate(tree, args.sync_pages)
    report["ratios"] = {
        "list_records_vs_sitemap_records_per_s": round(
            report["list_records"]["records_per_s_median"] / report["sitemap_baseline"]["records_per_s_median"], 2
        ),
        "list_records_ms_per_response_vs_trivial_view": round(
            report["list_records"]["ms_per_response_median"] / report["trivial_view"]["ms_per_response_median"], 1
        ),
    }
    output = json.dumps(report, indent=2)
    print(output)
    Path(args.output).write_text(output + "\n")


if __name__ == "__main__":
    main()
