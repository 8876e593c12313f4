"""``/health/``: what a load balancer, a monitor and an operator ask of each process.

One JSON object with a check per dependency — database, cache, public and private
storage, search engine, index upkeep (the outbox), background worker — each ``{"ok": bool, "ms": float, ...}``.
The status code answers the load balancer's question, "can this web process serve?":
``503`` when a dependency no page can do without is failing (database, cache, storage),
``200`` otherwise. The search engine, the index upkeep and the worker are *degraded*
rather than failing:
public search answers from the database while Elasticsearch is away, and queued work
waits for a worker, so taking every web process out of rotation would only make
things worse. ``"status"`` says ``ok``, ``degraded`` or ``failing``.

Errors are reported by exception class only: the endpoint is public and must not tell
an outsider the addresses of internal services.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

CRITICAL = ("database", "cache", "storage", "private_storage")


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _cache() -> dict[str, Any]:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    found = cache.get(key) == "1"
    cache.delete(key)
    if not found:
        raise RuntimeError("a value written to the cache could not be read back")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _storage(alias: str) -> Callable[[], dict[str, Any]]:
    def check() -> dict[str, Any]:
        storage = storages[alias]
        # A name that never exists: one round trip (a HEAD on S3, a stat on disk).
        storage.exists(f"health-check-{uuid.uuid4().hex}")
        if isinstance(storage, FileSystemStorage):
            import os

            location = storage.location
            if not os.path.isdir(location):
                os.makedirs(location, exist_ok=True)
            if not os.access(location, os.W_OK):
                raise PermissionError("the storage folder is not writable")
            return {"backend": "filesystem"}
        return {"backend": type(storage).__name__}

    return check


def _search() -> dict[str, Any]:
    """The engine's health, and its breaker's (``search.breaker``): while the breaker is
    open searches answer from the database, so the check says ``degraded`` and when the
    next probe goes, without asking the node itself (a hung node would hold every
    health check for its timeout)."""
    if not settings.ELASTICSEARCH_URL:
        return {"engine": "database"}
    from search import breaker
    from search.backends.elasticsearch import get_client

    try:
        state = breaker.status()
    except Exception:  # noqa: BLE001 (the cache check reports that; the breaker steps aside)
        state = {"state": "unknown"}
    if state["state"] not in (breaker.CLOSED, "unknown"):
        return {"ok": False, "engine": "elasticsearch", "error": "BreakerOpen", "breaker": state}
    health = get_client(timeout=2).options(request_timeout=2).cluster.health()
    if health["status"] == "red":
        raise RuntimeError("the cluster is red")
    return {
        "engine": "elasticsearch",
        "cluster": health["status"],
        "nodes": health["number_of_nodes"],
        "breaker": state,
    }


#: A change waiting longer than this in the outbox makes the ``indexes`` check degraded.
OUTBOX_LAG_SECONDS = 300


def _indexes() -> dict[str, Any]:
    """The outbox (``heritage.outbox``): how many page changes each index writer (search
    database, Elasticsearch, Wagtail's admin search, OAI-PMH) still owes, and how old
    the oldest is. Degraded when one has waited over :data:`OUTBOX_LAG_SECONDS`
    (an engine away longer than that, or no worker); errors stay out (public endpoint)."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    from heritage import outbox

    writers, late = {}, []
    for entry in outbox.status():
        oldest = parse_datetime(entry["oldest_pending"]) if entry["oldest_pending"] else None
        lag = round((timezone.now() - oldest).total_seconds()) if oldest else 0
        writers[entry["writer"]] = {"pending": entry["pending"], "lag_seconds": lag, "failing": bool(entry["attempts"])}
        if lag > OUTBOX_LAG_SECONDS:
            late.append(entry["writer"])
    return {"ok": not late, "writers": writers, **({"late": late} if late else {})}


def _worker() -> dict[str, Any]:
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        return {"backend": "immediate"}  # work runs inside the request: there is no worker to ask
    from heritage.worker import worker_status

    status = worker_status()
    if not status.get("ok"):
        raise RuntimeError("no worker has reported in recently")
    return status


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _database,
    "cache": _cache,
    "storage": _storage("default"),
    "private_storage": _storage("private"),
    "search": _search,
    "indexes": _indexes,
    "worker": _worker,
}


def run_checks() -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 (every failure is an answer here)
            result = {"ok": False, "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    failing = [name for name in CRITICAL if not results[name]["ok"]]
    degraded = [name for name, result in results.items() if not result["ok"] and name not in CRITICAL]
    status = "failing" if failing else "degraded" if degraded else "ok"
    return {"status": status, "checks": results}


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    report = run_checks()
    response = JsonResponse(report, status=503 if report["status"] == "failing" else 200)
    add_never_cache_headers(response)
    return response
