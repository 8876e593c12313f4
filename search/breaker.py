"""A circuit breaker in front of Elasticsearch, shared by every thread and web process.

Why: ``FallbackEngine`` already answers from the database when Elasticsearch fails,
but only after the failure, so with a node that accepts connections and never answers
every search waits the whole ``HERITAGE_SEARCH_TIMEOUT`` (20 clients: p50 6 s,
3.3 requests/s). The breaker remembers: after ``HERITAGE_SEARCH_BREAKER_FAILURES``
failures in a row (timeouts, connection errors, 5xx and 429 answers) within
``HERITAGE_SEARCH_BREAKER_WINDOW`` seconds it *opens*, and for
``HERITAGE_SEARCH_BREAKER_SECONDS`` nobody calls the node: searches and suggestions
answer from the database at once, the background sync leaves its pages queued. Then it
is *half-open*: exactly one caller (whichever asks first, in any process) is let through
as a probe; its success closes the breaker, its failure opens it for another cool-down.
Failures are counted per window of ``HERITAGE_SEARCH_BREAKER_WINDOW`` seconds, this one
and the last added up, so a run that crosses a window's edge still counts and
failures two windows old are forgotten. The background sync (``search.sync``) obeys the
breaker and may be its probe, but its failures in the closed state are not counted:
the breaker stands for what visitors wait for, and the sync task has its own retries.

The state lives in Django's cache (Redis in production, so every gunicorn worker and
the task worker see the same breaker; LocMem in the demo and the tests) and is changed
only with atomic operations: ``cache.incr`` counts failures, ``cache.add`` opens the
breaker once and hands out the single probe. A search on a healthy node costs one
``get_many`` and no write. If the cache itself fails the breaker steps aside (the
search calls Elasticsearch as it did before): a Redis blip must not break search.

Time comes from ``clock()`` (the wall clock, the same in every process), so tests move
it by monkeypatching this module's ``clock``; the cache's own expiry is only a bound
for garbage collection.

Settings (defaults in code): ``HERITAGE_SEARCH_BREAKER_FAILURES`` (3; a huge number
turns the breaker off), ``HERITAGE_SEARCH_BREAKER_SECONDS`` (30),
``HERITAGE_SEARCH_BREAKER_WINDOW`` (60).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from elasticsearch import ApiError, TransportError

logger = logging.getLogger(__name__)

PREFIX = "search-breaker"
#: How long an open breaker is remembered with no caller at all to probe it (seconds).
OPEN_MEMORY = 24 * 3600

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


def clock() -> float:
    """Seconds since the epoch: comparable between processes and machines (a monotonic
    clock is not); tests monkeypatch it to move time without sleeping."""
    return time.time()


def failures_allowed() -> int:
    return int(getattr(settings, "HERITAGE_SEARCH_BREAKER_FAILURES", 3))


def cool_down() -> float:
    return float(getattr(settings, "HERITAGE_SEARCH_BREAKER_SECONDS", 30))


def window() -> float:
    return max(float(getattr(settings, "HERITAGE_SEARCH_BREAKER_WINDOW", 60)), 1.0)


def probe_lease() -> int:
    """How long a probe may stay out before another caller may probe instead (its
    process may have died mid-request): a little more than the search timeout."""
    return int(max(2 * float(getattr(settings, "HERITAGE_SEARCH_TIMEOUT", 3)), 5)) + 1


def default_scope() -> str:
    """One breaker per set of nodes (``ELASTICSEARCH_URL``): the state says something
    about those nodes, not about an index or a caller."""
    return hashlib.sha256(str(settings.ELASTICSEARCH_URL).encode()).hexdigest()[:12]


def counts_as_failure(error: BaseException) -> bool:
    """Whether ``error`` says the node cannot answer (rather than that the request was wrong).

    Transport errors (connection refused or reset, timeouts, TLS, a garbled answer) and
    5xx or 429 answers count; any other answer (400 for a forged cursor, 404 for a
    missing index) came back quickly from a node that works.
    """
    if isinstance(error, TransportError):
        return True
    if isinstance(error, ApiError):
        status = getattr(error, "status_code", 0) or 0
        return status >= 500 or status == 429
    return False


@dataclass(frozen=True)
class Ticket:
    """Leave to call the node, from ``admit()``; hand it back to ``record_success``,
    ``record_failure`` or ``release``."""

    scope: str
    probe: bool = False
    #: No failure was counted when admitted: a success has nothing to reset (no write).
    clean: bool = True
    #: The end of the cool-down this probe was let through after.
    until: float = 0.0


def _key(scope: str, *parts: Any) -> str:
    return ":".join([PREFIX, scope, *(str(part) for part in parts)])


def _bucket(now: float) -> int:
    return int(now // window())


def _failure_keys(scope: str, now: float) -> list[str]:
    """The counters of the current and the previous window: failures older than two
    windows are forgotten, and a run of failures across a window's edge still adds up."""
    bucket = _bucket(now)
    return [_key(scope, "failures", bucket), _key(scope, "failures", bucket - 1)]


def _read(scope: str, now: float) -> tuple[dict[str, Any] | None, int]:
    """The open record (or None) and the failures counted lately, in one round trip."""
    open_key = _key(scope, "open")
    keys = _failure_keys(scope, now)
    found = cache.get_many([open_key, *keys])
    return found.get(open_key), sum(int(found.get(key) or 0) for key in keys)


def admit(*, scope: str | None = None) -> Ticket | None:
    """A ticket to call Elasticsearch, or None: the breaker is open, answer without it.

    Closed: everyone passes. Open: nobody, until the cool-down ends. Then the first
    caller to claim the probe (``cache.add``, atomic across processes) passes alone.
    """
    scope = scope or default_scope()
    now = clock()
    try:
        opened, failures = _read(scope, now)
        if opened is None:
            return Ticket(scope=scope, clean=not failures)
        if now < opened["until"]:
            return None
        if cache.add(_key(scope, "probe", opened["until"]), now, timeout=probe_lease()):
            logger.info("Search breaker half-open: one probe goes to Elasticsearch")
            return Ticket(scope=scope, probe=True, clean=False, until=opened["until"])
        return None
    except Exception:  # noqa: BLE001 (the cache is down: step aside rather than break search)
        logger.warning("Search breaker cannot read the cache; calling Elasticsearch", exc_info=True)
        return Ticket(scope=scope)


def record_success(ticket: Ticket) -> None:
    """The node answered: a probe closes the breaker; otherwise the run of failures ends."""
    if ticket.clean:
        return
    now = clock()
    keys = _failure_keys(ticket.scope, now)
    if ticket.probe:
        keys += [_key(ticket.scope, "open"), _key(ticket.scope, "probe", ticket.until)]
    try:
        cache.delete_many(keys)
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker cannot write to the cache", exc_info=True)
        return
    if ticket.probe:
        logger.warning("Search breaker closed: the probe reached Elasticsearch")


def record_failure(ticket: Ticket, *, error: BaseException) -> None:
    """Count a failure of the node; open the breaker at the threshold, or again after a
    failed probe. An ``error`` that is not the node's fault counts as a success."""
    if not counts_as_failure(error):
        record_success(ticket)
        return
    now = clock()
    scope = ticket.scope
    reason = type(error).__name__
    try:
        if ticket.probe:
            cache.set(_key(scope, "open"), _open_record(now, failures=0, reason=reason), timeout=OPEN_MEMORY)
            cache.delete(_key(scope, "probe", ticket.until))
            logger.warning("Search breaker open again: the probe failed (%s); next probe in %s s", reason, cool_down())
            return
        current, previous = _failure_keys(scope, now)
        counter_memory = int(2 * window()) + 1
        cache.add(current, 0, timeout=counter_memory)
        try:
            count = cache.incr(current)
        except ValueError:  # expired between add and incr
            cache.add(current, 1, timeout=counter_memory)
            count = 1
        count += int(cache.get(previous) or 0)
        if count >= failures_allowed() and cache.add(
            _key(scope, "open"), _open_record(now, failures=count, reason=reason), timeout=OPEN_MEMORY
        ):
            logger.error(
                "Search breaker open after %s failures (last: %s): searches answer from the database "
                "for %s s without calling Elasticsearch",
                count,
                reason,
                cool_down(),
            )
    except Exception:  # noqa: BLE001
        logger.warning("Search breaker cannot write to the cache", exc_info=True)


def release(ticket: Ticket) -> None:
    """The call ended neither way (a bug, not the node): let another caller probe now."""
    if ticket.probe:
        try:
            cache.delete(_key(ticket.scope, "probe", ticket.until))
        except Exception:  # noqa: BLE001
            logger.warning("Search breaker cannot write to the cache", exc_info=True)


def _open_record(now: float, *, failures: int, reason: str) -> dict[str, Any]:
    return {"opened_at": now, "until": now + cool_down(), "failures": failures, "reason": reason}


def _iso(moment: float) -> str:
    return datetime.datetime.fromtimestamp(moment, tz=datetime.UTC).isoformat(timespec="seconds")


def status(*, scope: str | None = None) -> dict[str, Any]:
    """The breaker as an operator reads it (``/health/``): its state, the failures
    counted, and when an open breaker lets its next probe through."""
    scope = scope or default_scope()
    now = clock()
    opened, failures = _read(scope, now)
    if opened is None:
        return {"state": CLOSED, "failures": failures, "threshold": failures_allowed()}
    report = {
        "state": OPEN if now < opened["until"] else HALF_OPEN,
        "opened_at": _iso(opened["opened_at"]),
        "probe_at": _iso(opened["until"]),
        "probe_in_s": round(max(opened["until"] - now, 0.0), 1),
        "reason": opened.get("reason", ""),
    }
    if report["state"] == HALF_OPEN:
        report["probing"] = cache.get(_key(scope, "probe", opened["until"])) is not None
    return report


def reset(*, scope: str | None = None) -> None:
    """Forget everything (tests, benchmarks, an operator who knows the node is back)."""
    scope = scope or default_scope()
    now = clock()
    opened, _failures = _read(scope, now)
    keys = [_key(scope, "open"), *_failure_keys(scope, now)]
    if opened is not None:
        keys.append(_key(scope, "probe", opened["until"]))
    cache.delete_many(keys)
