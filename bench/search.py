"""Search benchmark: bulk indexing and end-to-end query latency, with baselines in the same run.

    ELASTICSEARCH_URL=$(scripts/elasticsearch.sh start) .venv/bin/python bench/search.py [--sizes 10000 100000]

For each corpus size it builds a synthetic multilingual corpus (en/fr/de/ar titles and
texts, all seven facets, seeded so every run is the same), then:

- bulk-indexes it into a fresh Elasticsearch index through ``streaming_bulk``
  (docs/s) and into the database engine (docs/s);
- runs a fixed mix of queries (plain, phrase, two facets, a deep page by cursor)
  through the JSON endpoint ``/api/search/`` with Elasticsearch, and again with the
  database engine, reporting p50/p95 end-to-end latency and, for Elasticsearch, the
  ratio of end-to-end time to Elasticsearch's own ``took``;
- runs the same texts through Wagtail's stock database search (relevance only, no
  facets or highlights) and a trivial Django view, as baselines.

Prints one JSON object. Quote medians and ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import setup_django  # noqa: E402 (after the path is set)

WORDS = {
    "en": [
        "harbour",
        "work",
        "song",
        "letter",
        "mother",
        "museum",
        "weaving",
        "cloth",
        "market",
        "ship",
        "dockers",
        "memory",
        "quay",
        "family",
        "strike",
        "festival",
        "bread",
        "salt",
        "journey",
        "sister",
        "city",
        "photograph",
        "oud",
        "lute",
        "wedding",
        "migrant",
        "school",
        "street",
    ],
    "fr": [
        "port",
        "travail",
        "chanson",
        "lettre",
        "mère",
        "musée",
        "tissage",
        "tissu",
        "marché",
        "navire",
        "dockers",
        "mémoire",
        "quai",
        "famille",
        "grève",
        "fête",
        "pain",
        "sel",
        "voyage",
        "sœur",
        "ville",
        "photographie",
        "oud",
        "luth",
        "mariage",
        "migrant",
        "école",
        "rue",
    ],
    "de": [
        "Hafen",
        "Arbeit",
        "Lied",
        "Brief",
        "Mutter",
        "Museum",
        "Weberei",
        "Stoff",
        "Markt",
        "Schiff",
        "Hafenarbeiter",
        "Erinnerung",
        "Kai",
        "Familie",
        "Streik",
        "Fest",
        "Brot",
        "Salz",
        "Reise",
        "Schwester",
        "Stadt",
        "Fotografie",
        "Oud",
        "Laute",
        "Hochzeit",
        "Schule",
        "Straße",
    ],
    "ar": [
        "ميناء",
        "عمل",
        "أغنية",
        "رسالة",
        "أم",
        "متحف",
        "نسيج",
        "قماش",
        "سوق",
        "سفينة",
        "عمال",
        "ذاكرة",
        "رصيف",
        "عائلة",
        "إضراب",
        "مهرجان",
        "خبز",
        "ملح",
        "رحلة",
        "أخت",
        "مدينة",
        "صورة",
        "عود",
        "زفاف",
        "مهاجر",
        "مدرسة",
        "شارع",
    ],
}
CITIES = ["marseille", "hamburg", "tunis", "genoa", "izmir"]
TYPES = ["artifact", "artifact", "artifact", "collection", "oral_history", "exhibition", "city"]
THEMES = ["music", "work", "family", "trade", "writing", "textiles", "faith", "food", "sport", "sea"]
RIGHTS = ["inc", "cc-by", "cc-by-sa", "noc-us", "inc-edu"]
LANGS = ["en", "fr", "de", "ar", "aeb", "tr"]


def vocabulary(rng: random.Random, code: str, size: int = 3000) -> list[str]:
    """The real words first, then made-up ones: drawn with a Zipf-like skew, as in prose."""
    letters = "abcdefghilmnoprstuvwyzéèàü" if code != "ar" else "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    made_up = {"".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(size)}
    made_up = sorted(made_up - set(WORDS[code]))
    rng.shuffle(made_up)
    return made_up[:100] + WORDS[code] + made_up[100:]  # the real words: common, not the commonest


def corpus(size: int, seed: int = 7):
    rng = random.Random(seed)
    institutions = [f"{city}-{n}" for city in CITIES for n in range(3)]
    vocabularies = {code: vocabulary(rng, code) for code in WORDS}
    weights = {code: [1 / (rank + 8) for rank in range(len(words))] for code, words in vocabularies.items()}
    for number in range(1, size + 1):
        words = {code: rng.choices(vocabularies[code], weights[code], k=12) for code in WORDS}
        document = {
            "id": number,
            "type": rng.choice(TYPES),
            "title": {code: " ".join(ws[:4]).capitalize() + f" {number}" for code, ws in words.items()},
            "text": {code: " ".join(rng.choices(vocabularies[code], weights[code], k=60)) for code in WORDS},
            "url": {code: f"/{code}/bench/{number}/" for code in WORDS},
            "city": [rng.choice(CITIES)],
            "institution": [rng.choice(institutions)],
            "theme": sorted(set(rng.sample(THEMES, rng.randint(1, 3)))),
            "language": sorted(set(rng.sample(LANGS, rng.randint(1, 2)))),
            "period": [str(rng.choice(range(1700, 2001, 100)))],
            "rights": [rng.choice(RIGHTS)],
            "published": f"20{rng.randint(10, 26):02d}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00+00:00",
            "segments": [],
        }
        if rng.random() < 0.15:  # some documents lack a translation
            del document["title"]["de"], document["text"]["de"]
        yield document


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values), 2), "p95_ms": round(percentile(values, 0.95), 2)}


class QueryTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Stop the database query running on this connection after ``seconds``.

    SQLite: ``interrupt()`` from a timer thread; PostgreSQL: ``statement_timeout``.
    """
    from django.db import OperationalError, connection

    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
        try:
            yield
        except OperationalError as error:
            raise QueryTimeout from error
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return
    timer = threading.Timer(seconds, connection.connection.interrupt)
    timer.start()
    try:
        yield
    except OperationalError as error:
        if "interrupt" not in str(error):
            raise
        raise QueryTimeout from error
    finally:
        timer.cancel()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=40, help="runs of each query (after two warm-ups)")
    parser.add_argument("--db-repeat", type=int, default=10, help="runs of each query on the database engine")
    parser.add_argument(
        "--stock-budget", type=float, default=60, help="seconds one stock-search query may take before it is stopped"
    )
    parser.add_argument("--database", default="", help="DATABASE_URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    es_url = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("ELASTICSEARCH_TEST_URL")
    if not es_url:
        sys.exit("Set ELASTICSEARCH_URL (e.g. ELASTICSEARCH_URL=$(scripts/elasticsearch.sh start)).")
    database = args.database or f"sqlite:///{tempfile.mkdtemp(prefix='heritage-bench-')}/bench.sqlite3"
    setup_django(database)

    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from wagtail.search.backends import get_search_backend

    from search.backends.elasticsearch import ElasticsearchIndex, get_client
    from search.documents import finish_document
    from search.models import SearchDocument, SearchFacet
    from search.query import encode_cursor
    from search.sync import store

    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    node = next(iter(get_client(es_url).nodes.info(metric="jvm")["nodes"].values()))
    report = {
        "elasticsearch": {
            "url": es_url,
            "version": node["version"],
            "heap_max_bytes": node["jvm"]["mem"]["heap_max_in_bytes"],
        },
        "database": settings.DATABASES["default"]["ENGINE"],
        "cpus": os.cpu_count(),
        "sizes": {},
    }
    for size in args.sizes:
        alias = f"heritage-bench-{size}"
        index = ElasticsearchIndex(client=get_client(es_url, timeout=120), alias=alias)
        index.delete_all()
        documents = [finish_document(document) for document in corpus(size)]

        started = time.perf_counter()
        index.rebuild(iter(documents))  # the command's own settings
        es_seconds = time.perf_counter() - started

        SearchFacet.objects.all().delete()
        SearchDocument.objects.all().delete()
        get_search_backend("heritage_db").reset_indexes()
        started = time.perf_counter()
        store(iter(documents), batch_size=1000)
        db_seconds = time.perf_counter() - started

        deep = sorted(documents, key=lambda d: (d["published"], -d["id"]), reverse=True)[size // 5]
        from datetime import datetime

        deep_ms = int(datetime.fromisoformat(deep["published"]).timestamp() * 1000)
        queries = {
            "plain": {"q": "harbour", "lang": "en"},
            "plain_fr": {"q": "musées", "lang": "fr"},
            "phrase": {"q": '"work song"', "lang": "en"},
            "two_facets": {"q": "letter", "lang": "en", "city": "hamburg", "theme": "music"},
            "deep_page": {"lang": "en", "sort": "date", "after": encode_cursor("elasticsearch", [deep_ms, deep["id"]])},
        }
        results = {"documents": size, "indexing": {}, "queries": {}}
        results["indexing"]["elasticsearch_docs_per_s"] = round(size / es_seconds)
        results["indexing"]["database_docs_per_s"] = round(size / db_seconds)

        def run(params, engine_url, alias=alias):
            timings, took = [], []
            repeat = args.repeat if engine_url else args.db_repeat
            with override_settings(ELASTICSEARCH_URL=engine_url, HERITAGE_SEARCH_INDEX=alias):
                for attempt in range(repeat + 2):
                    started = time.perf_counter()
                    response = client.get("/api/search/", params)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert response.status_code == 200, response.content[:300]
                    payload = response.json()
                    assert not payload["degraded"]
                    if attempt >= 2:
                        timings.append(elapsed)
                        if payload["took_ms"] is not None:
                            took.append(payload["took_ms"])
            return timings, took, payload["total"]

        all_e2e, all_took = [], []
        for name, params in queries.items():
            e2e, took, total = run(params, es_url)
            all_e2e += e2e
            all_took += took
            db_params = dict(params)
            if "after" in db_params:
                db_params["after"] = encode_cursor("database", size // 5)
            db_e2e, _took, db_total = run(db_params, "")
            stock, stock_timed_out = [], False
            if params.get("q"):
                backend = get_search_backend("heritage_db")
                for attempt in range(min(args.repeat, 10) + 1):
                    started = time.perf_counter()
                    try:
                        with time_limit(args.stock_budget):
                            list(backend.search(params["q"].strip('"'), SearchDocument.objects.only("page_id"))[:20])
                    except QueryTimeout:
                        stock_timed_out = True  # Wagtail's SQLite scoring is quadratic: it may not finish
                        break
                    if attempt >= 1:
                        stock.append((time.perf_counter() - started) * 1000)
            results["queries"][name] = {
                "elasticsearch": {
                    **summary(e2e),
                    "took_p50_ms": statistics.median(took) if took else None,
                    "ratio_to_took": round(statistics.median(e2e) / max(statistics.median(took), 1), 2),
                    "total": total,
                },
                "database_engine": {**summary(db_e2e), "total": db_total},
                "stock_wagtail_database_search": (
                    {**summary(stock), "runs": len(stock)}
                    if stock
                    else {"timed_out_after_s": args.stock_budget}
                    if stock_timed_out
                    else None
                ),
            }
        trivial = []
        for attempt in range(args.repeat + 2):
            started = time.perf_counter()
            client.get("/robots.txt")
            if attempt >= 2:
                trivial.append((time.perf_counter() - started) * 1000)
        results["elasticsearch_overall"] = {
            **summary(all_e2e),
            "ratio_to_took_p50": round(statistics.median(all_e2e) / max(statistics.median(all_took), 1), 2),
        }
        results["trivial_django_view"] = summary(trivial)
        report["sizes"][str(size)] = results
        index.delete_all()
        print(json.dumps({str(size): results}), file=sys.stderr)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
