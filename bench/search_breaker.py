"""Public search and publishing against a hung Elasticsearch node, with the circuit
breaker on and off, in the same run.

    .venv/bin/python bench/search_breaker.py [--clients 20] [--searches 5] [--rounds 3] [--timeout 1] [--save]

A TCP server on 127.0.0.1 accepts connections and never answers (a node that hangs);
``ELASTICSEARCH_URL`` points at it and ``HERITAGE_SEARCH_TIMEOUT`` is ``--timeout``.
On a scratch SQLite database with a small archive (the test tree and 60 artifacts,
indexed in the database), each run starts ``--clients`` threads that each send
``--searches`` searches through Django's test client (``/api/search/``: the whole
middleware stack, no network), then publishes ``--publishes`` pages (the sync task runs
inside the request, as in the demo's immediate task backend). Runs alternate, breaker
on (``HERITAGE_SEARCH_BREAKER_FAILURES=3``) and off (a threshold never reached), the
breaker's state reset before each, ``--rounds`` times, so both see the same machine.

Reported per mode: search latency p50/p95 (ms, every request of every run), the
median run's throughput (searches/s), the connections the hung node accepted per
run, the answers marked degraded, the publish time (ms); and the ratios off/on.
With the breaker on, the first wave of a run (every client's first search, all in
flight before the first timeout) still reaches the node: that is the p95. The client
keeps 10 connections per node, so with 20 clients half of the searches that reach
the node wait for a connection first (two timeouts).
``--save`` writes ``bench/results-search-breaker.json``. Quote medians and ratios: the
machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import select
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import setup_django  # noqa: E402 (after the path is set)

WORDS = ["oud", "letter", "harbour", "ticket", "photograph", "wedding", "lute", "salt", "bread", "ship"]
OFF = 10**9


class HungNode:
    """Accepts every connection (so the listen queue never fills) and never answers."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(512)
        self.held: list[socket.socket] = []
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def serve(self) -> None:
        while self.running:
            ready, _, _ = select.select([self.listener], [], [], 0.1)
            if ready:
                connection, _address = self.listener.accept()
                self.held.append(connection)
                self.accepted += 1

    def close(self) -> None:
        self.running = False
        self.thread.join()
        for connection in self.held:
            connection.close()
        self.listener.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def search_run(*, clients: int, searches: int) -> dict:
    """``clients`` threads, ``searches`` each; every answer's time and degraded flag."""
    from django.db import connection
    from django.test import Client

    times: list[float] = []
    degraded: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client_thread(number: int) -> None:
        client = Client()
        start.wait()
        try:
            for n in range(searches):
                word = WORDS[(number + n) % len(WORDS)]
                began = time.perf_counter()
                response = client.get("/api/search/", {"q": word})
                elapsed = (time.perf_counter() - began) * 1000
                payload = response.json()
                with lock:
                    times.append(elapsed)
                    degraded.append(bool(payload["degraded"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=client_thread, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {"times": times, "degraded": sum(degraded), "wall_s": wall, "per_s": len(times) / wall}


def publish_run(pages: list, *, count: int) -> list[float]:
    """Publish ``count`` drafts (autocommit: the sync task runs right after, in the request)."""
    times = []
    for page in pages[:count]:
        began = time.perf_counter()
        page.save_revision().publish()
        times.append((time.perf_counter() - began) * 1000)
    del pages[:count]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--searches", type=int, default=5, help="searches per client per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each mode, alternating")
    parser.add_argument("--publishes", type=int, default=2, help="pages published per run")
    parser.add_argument("--timeout", type=float, default=1.0, help="HERITAGE_SEARCH_TIMEOUT (seconds)")
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-breaker-"))
    setup_django(f"sqlite:///{workdir}/bench.sqlite3")

    from django.conf import settings
    from django.test.utils import override_settings

    from archive.factories import ArtifactPageFactory
    from conftest import build_tree
    from heritage import outbox
    from search import breaker
    from search.sync import rebuild_database

    settings.ALLOWED_HOSTS = ["*"]
    logging.getLogger("search").setLevel(logging.ERROR)  # one line when the breaker opens
    for expected in ("heritage.tasks", "django_tasks", "elastic_transport"):  # the failures the bench causes
        logging.getLogger(expected).setLevel(logging.CRITICAL)
    tree = build_tree()
    for number in range(60):
        ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title=f"{WORDS[number % len(WORDS)].title()} {number} from {['Sfax', 'Tunis', 'Hamburg'][number % 3]}",
        )
    drafts = [
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title=f"Draft {n}", live=False)
        for n in range(2 * args.rounds * args.publishes)
    ]
    rebuild_database()

    node = HungNode()
    modes = {"breaker_on": 3, "breaker_off": OFF}
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    publishes: dict[str, list[float]] = {mode: [] for mode in modes}
    try:
        for _round in range(args.rounds):
            for mode, failures in modes.items():
                with override_settings(
                    ELASTICSEARCH_URL=node.url,
                    HERITAGE_SEARCH_TIMEOUT=args.timeout,
                    HERITAGE_SEARCH_BREAKER_FAILURES=failures,
                ):
                    breaker.reset()
                    before = node.accepted
                    run = search_run(clients=args.clients, searches=args.searches)
                    run["connections"] = node.accepted - before
                    publishes[mode] += publish_run(drafts, count=args.publishes)
                    run["state_after"] = breaker.status()["state"]
                runs[mode].append(run)
    finally:
        node.close()

    def summary(mode: str) -> dict:
        times = [t for run in runs[mode] for t in run["times"]]
        return {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "searches_per_s": round(statistics.median(run["per_s"] for run in runs[mode]), 1),
            "run_s": [round(run["wall_s"], 2) for run in runs[mode]],
            "connections_per_run": [run["connections"] for run in runs[mode]],
            "degraded_answers": f"{sum(run['degraded'] for run in runs[mode])}/{len(times)}",
            "breaker_after_run": [run["state_after"] for run in runs[mode]],
            "publish_ms": {
                "median": round(statistics.median(publishes[mode]), 1),
                "runs": [round(t, 1) for t in publishes[mode]],
            },
        }

    on, off = summary("breaker_on"), summary("breaker_off")
    report = {
        "benchmark": "search_breaker",
        "node": "TCP server on 127.0.0.1 that accepts and never answers",
        "database": settings.DATABASES["default"]["ENGINE"],
        "cpus": os.cpu_count(),
        "clients": args.clients,
        "searches_per_client": args.searches,
        "rounds": args.rounds,
        "search_timeout_s": args.timeout,
        "breaker": {"failures": 3, "seconds": breaker.cool_down()},
        "breaker_on": on,
        "breaker_off": off,
        "ratios": {
            "p50_off_over_on": round(off["p50_ms"] / on["p50_ms"], 1),
            "p95_off_over_on": round(off["p95_ms"] / on["p95_ms"], 1),
            "throughput_on_over_off": round(on["searches_per_s"] / off["searches_per_s"], 1),
            "publish_off_over_on": round(off["publish_ms"]["median"] / on["publish_ms"]["median"], 1),
        },
        "pages_left_pending": len(outbox.owed_pages("elasticsearch")),
    }
    print(json.dumps(report, indent=2))
    if args.save:
        (ROOT / "bench/results-search-breaker.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
