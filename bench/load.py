"""Load on the running stack: 50 concurrent clients over a mix of page types, against a
static file served by the same stack in the same run.

    scripts/stack.sh start --demo
    .venv/bin/python bench/load.py [--clients 50] [--seconds 60] [--rounds 2] [--save]

The load comes from wrk (Debian's package; installed by this script when absent) in a
second process on loopback, through the front server (nginx) when the stack has one.
Six targets, in rounds that alternate so all see the same machine:

- ``static``: a hashed static file (the floor);
- ``pages``: every public page of the stack's own sitemap (home, partner cities,
  collections, artifacts, oral histories, exhibitions, in all four languages: what the
  front server caches);
- ``search``: twelve searches through ``/en/search/`` and ``/api/search/``, asked over
  and over, as a popular search is; the front server holds each answer for
  ``HERITAGE_SEARCH_SHARED_CACHE_SECONDS`` (heritage.caching.share_briefly);
- ``search_unique``: searches never asked twice (a number added to each), so every one
  reaches the web processes: their own ceiling on this machine;
- ``mix``: the pages and the popular searches together (the issue's goal: p95 within
  5× the static file's);
- ``mix_unique``: the pages and the never-repeated searches together.

Reported per target: requests/s, p50/p95/p99 latency in milliseconds and errors (socket
errors, timeouts and any status of 400 or more), each the median over the rounds, and
each p95 over the static file's. ``--save`` writes ``bench/results-load.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads_made = 0
setup = function(thread)
  threads_made = threads_made + 1
  thread:set("tid", threads_made)
end
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  -- "{n}": a number no other request of this run has (searches never asked twice)
  path = path:gsub("{n}", tostring((tid or 0) * 100000000 + counter))
  return wrk.format("GET", path)
end
local failures = 0
response = function(status, headers, body)
  if status >= 400 then failures = failures + 1 end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '@@{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"socket_errors": %d, "timeouts": %d, "bad_status": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write, errors.timeout, errors.status))
end
"""


def stack_env() -> dict[str, str]:
    path = os.environ.get("HERITAGE_STACK_ENV") or str(ROOT / ".cache/stack/env")
    if not Path(path).exists():
        sys.exit("The stack is not running: scripts/stack.sh start")
    return dict(line.split("=", 1) for line in Path(path).read_text().splitlines() if "=" in line)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own loopback stack)
        return response.read().decode()


def page_paths(base: str) -> list[str]:
    """Every public page in the sitemap, in each language."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [
        loc.text for loc in ElementTree.fromstring(fetch(f"{base}/sitemap.xml")).iterfind(".//s:loc", namespace)
    ]
    return [re.sub(r"^https?://[^/]+", "", url) for url in locations]


SEARCH_WORDS = ["harbour", "letter", "Marseille", "musique", "Hafen", "مرسيليا"]


def search_paths(*, unique: bool = False) -> list[str]:
    """Searches, through the page and the API; with ``unique``, each with a number that
    makes it a query never asked before (``{n}``, filled in by the wrk script)."""
    extra = "+{n}" if unique else ""
    paths = [f"/en/search/?q={urllib.parse.quote(word)}{extra}" for word in SEARCH_WORDS]
    return paths + [f"/api/search/?q={urllib.parse.quote(word)}{extra}&lang=fr" for word in SEARCH_WORDS]


def static_path(base: str) -> str:
    match = re.search(r'(/static/[^"]+\.[0-9a-f]{12}\.css)', fetch(f"{base}/en/"))
    if not match:
        sys.exit("No hashed stylesheet on the home page: was collectstatic run?")
    return match[1]


def wrk(base: str, paths: list[str], *, clients: int, seconds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script, listing = Path(folder, "mix.lua"), Path(folder, "paths.txt")
        script.write_text(LUA)
        listing.write_text("\n".join(paths) + "\n")
        output = subprocess.run(  # noqa: S603
            ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script), base],
            env={**os.environ, "BENCH_PATHS": str(listing)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    line = next(line for line in output.splitlines() if line.startswith("@@"))
    result = json.loads(line[2:])
    result["errors"] = result["socket_errors"] + result["timeouts"] + result["bad_status"]
    return result


def warm_up(base: str, paths: list[str], tries: int = 20) -> str:
    """Ask each page until the front server answers it from a fresh copy (``HIT``: an
    expired one is refreshed in the background meanwhile); "cached/all"."""
    cached = 0
    for path in paths:
        for attempt in range(tries):
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 (our own loopback stack)
                response.read()
                if response.headers.get("X-Cache-Status") == "HIT":
                    cached += 1
                    break
            time.sleep(0.05 * attempt)
    return f"{cached}/{len(paths)}"


def median_of(rounds: list[dict]) -> dict:
    return {key: round(statistics.median(r[key] for r in rounds), 2) for key in rounds[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)  # noqa: S607
    env = stack_env()
    base = env.get("STACK_FRONT") or env["STACK_WEB1"]
    targets = {
        "static": [static_path(base)],
        "pages": page_paths(base),
        "search": search_paths(),
        "search_unique": search_paths(unique=True),
    }
    targets["mix"] = targets["pages"] + targets["search"]
    targets["mix_unique"] = targets["pages"] + targets["search_unique"]
    # Every page into the front server's cache, as a CDN's would be: asked until it
    # answers from the cache (a page just rendered is stored as it is answered).
    warm = warm_up(base, targets["pages"])
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, paths in targets.items():
            runs[name].append(wrk(base, paths, clients=args.clients, seconds=args.seconds))
    results = {name: median_of(rounds) for name, rounds in runs.items()}
    floor = max(results["static"]["p95_ms"], 0.01)
    report = {
        "benchmark": "load",
        "target": base,
        "clients": args.clients,
        "seconds": args.seconds,
        "rounds": args.rounds,
        "paths": {name: len(paths) for name, paths in targets.items()},
        "pages_cached_before_the_rounds": warm,
        **results,
        "p95_over_static_p95": {
            name: round(results[name]["p95_ms"] / floor, 2) for name in targets if name != "static"
        },
        "runs": runs,
    }
    print(json.dumps(report, indent=2))
    if args.save:
        (ROOT / "bench/results-load.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
