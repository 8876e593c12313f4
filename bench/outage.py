"""An Elasticsearch outage and the outbox: how long until the node equals the database
again with no command run, and whether a stale answer is ever served once it is back.

    .venv/bin/python bench/outage.py [--changes 100] [--save]

Needs the project's test node (``scripts/elasticsearch.sh``, ``ELASTICSEARCH_TEST_URL``
or http://127.0.0.1:9250): the bench **stops and starts it**, so run it alone.

On a scratch SQLite database with the test tree, 150 artifacts and 10 oral histories
(public recordings with a transcript), indexed in the database and in a fresh
Elasticsearch index, a worker runs in this process (``heritage.worker.HeritageWorker``
on the database task backend, heartbeat and nudges on, as ``manage.py worker`` runs)
and a visitor thread searches ``/api/search/`` without pause.

1. **Baseline**, node up: ``--changes`` changes (publish a draft, unpublish, move to
   another collection, a view restriction added, a recording's consent closed), each
   its own transaction; the time until Elasticsearch equals the database index (the
   worker's normal lag).
2. **Outage**: the node is stopped, the same number of changes of the same kinds are
   made, the node is started again. From the moment it answers: the time until
   Elasticsearch equals the database index, with no command run (``heal_s``), and
   every answer the visitor got meanwhile compared with the database engine's answer
   to the same query: a hit the database does not have (a page closed during the
   outage) or with another title is a **stale answer**.

Reported: the node-up lag (the baseline) and the heal time, the answers after the restart, how many came from
Elasticsearch and how many were stale (the goal: 0). ``--save`` writes
``bench/results-outage.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import setup_django  # noqa: E402 (after the path is set)

WORDS = ["oud", "letter", "harbour", "ticket", "photograph", "wedding", "lute", "salt", "bread", "ship"]


def node(action: str, url: str) -> None:
    port = urlparse(url).port
    subprocess.run(
        ["bash", str(ROOT / "scripts/elasticsearch.sh"), action],
        check=True,
        env={**os.environ, "ES_PORT": str(port)},
        capture_output=True,
    )


def converged(index) -> bool:
    """Elasticsearch holds exactly the database index's documents (by digest)."""
    from search.models import SearchDocument

    try:
        return index.digests() == dict(SearchDocument.objects.values_list("page_id", "digest"))
    except Exception:  # noqa: BLE001 (the node is still starting)
        return False


def wait_converged(index, *, limit: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < limit:
        if converged(index):
            return time.monotonic() - began
        time.sleep(0.5)
    raise SystemExit(f"Elasticsearch did not converge within {limit} s")


class Visitor(threading.Thread):
    """Searches without pause; keeps every answer (query, engine, hits)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.answers: list[dict] = []
        self.running = True

    def run(self):
        from django.db import connection
        from django.test import Client

        client = Client()
        number = 0
        try:
            while self.running:
                word = WORDS[number % len(WORDS)]
                number += 1
                response = client.get("/api/search/", {"q": word, "lang": "en"})
                at = time.monotonic()
                if response.status_code != 200:
                    self.answers.append({"q": word, "at": at, "status": response.status_code})
                    continue
                payload = response.json()
                self.answers.append(
                    {
                        "q": word,
                        "at": at,
                        "status": 200,
                        "engine": payload["engine"],
                        "degraded": payload["degraded"],
                        "hits": {hit["url"]: hit["title"] for hit in payload["results"]},
                    }
                )
                time.sleep(0.05)
        finally:
            connection.close()


def truth(word: str) -> dict[str, str]:
    from django.http import QueryDict

    from search.backends.database import DatabaseEngine
    from search.query import SearchQuery

    query = SearchQuery.from_params(QueryDict(f"q={word}&lang=en"), default_language="en")
    results = DatabaseEngine().search(query)
    return {hit.url: hit.title for hit in results.hits}


def make_changes(count: int, pool: dict, rng: random.Random) -> dict[str, int]:
    """``count`` changes, in turn of each kind, each its own transaction."""
    from wagtail.models import PageViewRestriction

    kinds = ["publish", "unpublish", "move", "privacy", "consent"]
    made = dict.fromkeys(kinds, 0)
    for n in range(count):
        kind = kinds[n % len(kinds)]
        if kind == "consent" and not pool["recordings"]:
            kind = "publish"
        if kind == "publish":
            page = pool["drafts"].pop()
            page.title = f"{rng.choice(WORDS).title()} published {n}"
            page.save_revision().publish()
        elif kind == "unpublish":
            pool["live"].pop().unpublish()
        elif kind == "move":
            page = pool["live"].pop()
            page.move(pool["other_collection"], pos="last-child")
        elif kind == "privacy":
            PageViewRestriction.objects.create(page=pool["live"].pop(), restriction_type="login")
        else:
            recording = pool["recordings"].pop()
            recording.scope = "restricted"
            recording.save()
        made[kind] += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--limit", type=float, default=600, help="seconds to wait for convergence")
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("ELASTICSEARCH_TEST_URL", "http://127.0.0.1:9250")
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-outage-"))
    os.environ["ELASTICSEARCH_URL"] = url
    setup_django(f"sqlite:///{workdir}/bench.sqlite3")

    from django.conf import settings
    from django.core.management import call_command

    from archive.factories import ArtifactPageFactory, CollectionPageFactory
    from conftest import build_tree
    from heritage import outbox
    from heritage.worker import HeritageWorker
    from oral_histories.factories import OralHistoryPageFactory, recording_with_transcripts
    from search import breaker
    from search.backends.elasticsearch import ElasticsearchIndex, get_client

    alias = f"heritage-bench-outage-{uuid.uuid4().hex[:6]}"
    settings.ALLOWED_HOSTS = ["*"]
    settings.ELASTICSEARCH_URL = url
    settings.HERITAGE_SEARCH_INDEX = alias
    settings.HERITAGE_SEARCH_TIMEOUT = 1
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media", "maintenance"]}
    }
    for noisy in (
        "search",
        "heritage",
        "django_tasks",
        "django_tasks_db",
        "elastic_transport",
        "oral_histories",
        "modelsearch",
    ):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)

    rng = random.Random(15)
    tree = build_tree()
    other = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Ships", slug="ships")
    needed = args.changes * 2  # two phases
    live = [
        ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, title=f"{rng.choice(WORDS).title()} {n}"
        )
        for n in range(needed + 20)
    ]
    drafts = [
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title=f"Draft {n}", live=False)
        for n in range(needed // 5 + 10)
    ]
    recordings = []
    for n in range(needed // 5 + 2):
        page = OralHistoryPageFactory(
            parent=tree.oral_histories, institution=tree.institution, title=f"{WORDS[n % len(WORDS)].title()} told {n}"
        )
        recordings.append(
            recording_with_transcripts(
                page,
                seconds=2,
                transcripts={"en": [(0, 1.5, "Narrator", f"the {WORDS[n % len(WORDS)]} we kept")]},
                scope="public",
            )
        )
    call_command("search_index", "rebuild", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    index = ElasticsearchIndex(client=get_client(url), alias=alias)
    pool = {"live": live, "drafts": drafts, "recordings": recordings, "other_collection": other}

    worker = HeritageWorker(
        queue_names=["default", "media", "maintenance"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"bench-{uuid.uuid4().hex[:6]}",
    )
    worker_thread = threading.Thread(target=worker.run, daemon=True)
    worker_thread.start()
    visitor = Visitor()
    visitor.start()
    try:
        # 1. The baseline: the same number of changes with the node up.
        began = time.monotonic()
        made_up = make_changes(args.changes, pool, rng)
        baseline_s = wait_converged(index, limit=args.limit)  # after the last change
        baseline_total_s = time.monotonic() - began

        # 2. The outage.
        node("stop", url)
        outage_began = time.monotonic()
        made_down = make_changes(args.changes, pool, rng)
        owed_at_restart = len(outbox.owed_pages("elasticsearch"))
        node("start", url)
        back = time.monotonic()
        outage_s = back - outage_began
        heal_s = wait_converged(index, limit=args.limit)
        time.sleep(5)  # a few more answers once healed
    finally:
        visitor.running = False
        visitor.join(timeout=30)
        worker.running = False
        worker_thread.join(timeout=30)
        with contextlib.suppress(Exception):
            index.delete_all()

    after = [answer for answer in visitor.answers if answer["at"] >= back]
    expected = {word: truth(word) for word in WORDS}  # the database after every change
    stale = []
    errors = [answer for answer in visitor.answers if answer["status"] != 200]
    for answer in after:
        if answer["status"] != 200:
            continue
        wrong = {
            page_id: title for page_id, title in answer["hits"].items() if expected[answer["q"]].get(page_id) != title
        }
        if wrong:
            stale.append({"q": answer["q"], "engine": answer["engine"], "wrong": wrong})
    report = {
        "benchmark": "outage",
        "database": settings.DATABASES["default"]["ENGINE"],
        "cpus": os.cpu_count(),
        "changes_per_phase": args.changes,
        "kinds": {"node_up": made_up, "node_down": made_down},
        "nudge_seconds": outbox.NUDGE_SECONDS,
        "breaker_cool_down_s": breaker.cool_down(),
        "node_up_lag_after_last_change_s": round(baseline_s, 1),
        "node_up_from_first_change_s": round(baseline_total_s, 1),
        "outage_s": round(outage_s, 1),
        "owed_when_node_restarted": owed_at_restart,
        "heal_s": round(heal_s, 1),
        "answers_after_restart": len(after),
        "answered_by_elasticsearch_after_restart": sum(1 for a in after if a.get("engine") == "elasticsearch"),
        "degraded_after_restart": sum(1 for a in after if a.get("degraded")),
        "answers_not_200": len(errors),
        "stale_answers_after_restart": len(stale),
        "stale_examples": stale[:5],
        "commands_run": 0,
    }
    print(json.dumps(report, indent=2))
    if args.save:
        (ROOT / "bench/results-outage.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
