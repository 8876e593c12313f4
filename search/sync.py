"""Keeping both indexes true to the pages.

``refresh()`` runs inside the transaction of a page change (publish, unpublish, move,
delete, privacy): it rewrites the database index for the pages concerned (exact at
once) and queues them in ``PendingSync``; after the commit a background task
(django-tasks) writes the queue to Elasticsearch, retrying with back-off. If
Elasticsearch is down the queue simply waits: the next sync or
``manage.py search_index update`` writes everything still owed. While the search
breaker (``search.breaker``) is open the sync does not call Elasticsearch at all: it
reports the queue as failed at once, so the task is retried later instead of waiting
out a timeout (inside the editor's request, with the immediate task backend).

``verify()`` compares pages → database index → Elasticsearch and reports every
difference; with ``fix=True`` it repairs both.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from heritage.bulk import insert_rows
from heritage.i18n import page_urls
from heritage.models import HeritagePage
from search import breaker, text
from search.documents import build_document, digest, iter_documents, restricted_paths
from search.documents import is_public as page_is_public
from search.models import PendingSync, SearchDocument, SearchFacet

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "heritage_db"
FACET_FIELDS = ("type", "city", "institution", "theme", "language", "period", "rights")


def database_row(document: dict[str, Any]) -> SearchDocument:
    """A ``SearchDocument`` (unsaved) with the analysed text of ``document``."""
    titles = document["title"]
    return SearchDocument(
        page_id=document["id"],
        type=document["type"],
        published=document.get("published"),
        document=document,
        digest=digest(document),
        title=" ".join(text.analyse(value, code) for code, value in titles.items()),
        # Transcript lines are found like the rest of the text, each in its own language.
        text=" ".join(
            [text.analyse(value, code) for code, value in document["text"].items()]
            + [
                text.analyse(value, code)
                for segment in document.get("segments", ())
                for code, value in segment["text"].items()
            ]
        ),
        suggest=" ".join(document.get("suggest", ())),
        indexed_at=timezone.now(),
    )


def store(documents: Iterable[dict[str, Any]], *, batch_size: int = 500) -> int:
    """Write documents to the database index (rows, facets, full-text entries)."""
    backend = get_search_backend(DATABASE_BACKEND)
    count = 0
    batch: list[dict[str, Any]] = []

    def flush():
        rows = [database_row(document) for document in batch]
        ids = [row.page_id for row in rows]
        with transaction.atomic():
            insert_rows(
                SearchDocument,
                rows,
                unique_fields=["page_id"],
                update_fields=["type", "published", "document", "digest", "title", "text", "suggest", "indexed_at"],
            )
            SearchFacet.objects.filter(document_id__in=ids).delete()
            insert_rows(
                SearchFacet,
                [
                    {"document_id": document["id"], "facet": facet, "value": str(value)[:100]}
                    for document in batch
                    for facet in FACET_FIELDS
                    for value in ([document[facet]] if facet == "type" else document.get(facet, ()))
                ],
            )
            backend.add_bulk(SearchDocument, rows)

    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            flush()
            count += len(batch)
            batch = []
    if batch:
        flush()
        count += len(batch)
    return count


def remove(page_ids: Iterable[int]) -> int:
    backend = get_search_backend(DATABASE_BACKEND)
    rows = list(SearchDocument.objects.filter(page_id__in=list(page_ids)))
    for row in rows:
        backend.delete(row)
    SearchDocument.objects.filter(page_id__in=[row.page_id for row in rows]).delete()
    return len(rows)


def refresh(pages: Iterable[Page], *, descendants: bool = False) -> None:
    """Bring both indexes in line with ``pages`` (and their subtrees) as they are now."""
    pages = list(pages)
    if descendants:
        tree = Page.objects.none()
        for page in pages:
            tree |= Page.objects.descendant_of(page, inclusive=True)
        pages = list(tree.specific())
    else:
        pages = [page.specific for page in pages]
    restricted = restricted_paths()
    public, gone = [], []
    for page in pages:
        if isinstance(page, HeritagePage) and page.search_type and page_is_public(page, restricted):
            public.append(page)
        else:
            gone.append(page.pk)
    urls = page_urls(public)
    public = [build_document(page, urls[page.pk]) for page in public]
    store(public)
    remove(gone)
    queue([document["id"] for document in public] + gone)


def queue(page_ids: list[int], *, enqueue: bool = True) -> None:
    """Owe Elasticsearch these pages; the sync task runs once the transaction commits
    (unless the caller syncs itself, ``enqueue=False``)."""
    if not page_ids or not settings.ELASTICSEARCH_URL:
        return
    now = timezone.now()
    PendingSync.objects.bulk_create(
        [PendingSync(page_id=page_id, queued_at=now) for page_id in set(page_ids)],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["queued_at"],
    )
    if enqueue:
        from search.tasks import sync_elasticsearch_task

        transaction.on_commit(lambda: sync_elasticsearch_task.enqueue())


@dataclass
class SyncReport:
    written: int = 0
    removed: int = 0
    failed: int = 0
    error: str = ""


def sync_elasticsearch(
    *,
    attempts: int = 3,
    backoff: float = 0.5,
    chunk_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
    use_breaker: bool = True,
) -> SyncReport:
    """Write every pending page to Elasticsearch (or remove it), retrying with back-off.

    Rows are deleted only once Elasticsearch has taken them, and only if nobody
    queued the page again meanwhile; on failure they stay, with the error, for the
    next sync or ``search_index update``.

    With the breaker open nothing is sent: every pending page is reported failed (and
    left as it is: no attempt was made), so the background task is retried after its
    back-off rather than blocking on a node known to be away. When the cool-down is
    over the sync may be the breaker's probe; a write Elasticsearch takes closes the
    breaker. Its failures are counted only as a probe's: the breaker stands for the
    visitors' searches, and the sync has its own retries. ``use_breaker=False`` (an
    operator's explicit ``search_index update``) calls the node whatever the breaker says.
    """
    from search.backends.elasticsearch import ElasticsearchIndex, get_client

    report = SyncReport()
    if not settings.ELASTICSEARCH_URL:
        return report
    # An operator's explicit run is a probe of its own: its success closes the breaker.
    ticket = breaker.admit() if use_breaker else breaker.Ticket(scope=breaker.default_scope(), probe=True, clean=False)
    if ticket is None:
        return skipped(report)
    index = ElasticsearchIndex(
        client=get_client(timeout=settings.HERITAGE_SEARCH_TIMEOUT), alias=settings.HERITAGE_SEARCH_INDEX
    )
    total = PendingSync.objects.count()
    done = 0
    last_id = -1
    while True:
        read_at = timezone.now()
        chunk = list(PendingSync.objects.filter(page_id__gt=last_id).order_by("page_id")[:chunk_size])
        if not chunk:
            break
        if ticket is None:  # a failed probe opened the breaker again: the rest stays queued
            return skipped(report, after=last_id)
        last_id = chunk[-1].page_id
        ids = [row.page_id for row in chunk]
        documents = {row.page_id: row.document for row in SearchDocument.objects.filter(page_id__in=ids)}
        error = ""
        taken = False
        for attempt in range(attempts):
            try:
                written, removed = index.apply(
                    [documents[page_id] for page_id in ids if page_id in documents],
                    [page_id for page_id in ids if page_id not in documents],
                )
                taken = True
                break
            except Exception as exc:  # connection refused, timeouts, a missing index…
                error = f"{type(exc).__name__}: {exc}"
                if ticket.probe and breaker.counts_as_failure(exc):
                    breaker.record_failure(ticket, error=exc)  # no second try while it is open
                    ticket = None
                    break
                if ticket.probe:  # the node answered (a refused document, a missing alias)
                    breaker.record_success(ticket)
                    ticket = breaker.Ticket(scope=ticket.scope)
                if attempt + 1 < attempts:
                    time.sleep(backoff * 2**attempt)
        if not taken:
            logger.warning("Elasticsearch sync failed for %s pages: %s", len(ids), error)
            PendingSync.objects.filter(page_id__in=ids).update(attempts=F("attempts") + 1, last_error=error[:2000])
            report.failed += len(ids)
            report.error = error
            done += len(ids)
            if progress:
                progress(done, total)
            continue
        if not ticket.clean:
            breaker.record_success(ticket)  # a probe's success closes the breaker
            ticket = breaker.Ticket(scope=ticket.scope)
        # A page queued again after the chunk was read keeps its row (its queued_at is later).
        PendingSync.objects.filter(page_id__in=ids, queued_at__lte=read_at).delete()
        report.written += written
        report.removed += removed
        done += len(ids)
        if progress:
            progress(done, total)
    return report


def skipped(report: SyncReport, *, after: int = -1) -> SyncReport:
    """``report`` with every page still pending (after page ``after``) counted as failed,
    none of them sent: the breaker is open. Their rows are left as they are (no attempt
    was made), and the failure makes the background task try again later."""
    owed = PendingSync.objects.filter(page_id__gt=after).count()
    state = breaker.status()
    report.failed += owed
    report.error = (
        f"Elasticsearch not called: the search breaker is {state['state']} "
        f"(next probe at {state.get('probe_at', 'once the probe returns')})"
    )
    if owed:
        logger.info("Elasticsearch sync skipped for %s pages: %s", owed, report.error)
    return report


@dataclass
class Difference:
    where: str  # "database" or "elasticsearch"
    kind: str  # "missing", "stale" or "extra"
    page_id: int


@dataclass
class VerifyReport:
    checked: int = 0
    differences: list[Difference] = field(default_factory=list)
    fixed: bool = False

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for difference in self.differences:
            key = f"{difference.where} {difference.kind}"
            counts[key] = counts.get(key, 0) + 1
        return counts


def verify(*, fix: bool = False, progress: Callable[[int, int], None] | None = None) -> VerifyReport:
    """Compare the pages with the database index, and that with Elasticsearch."""
    report = VerifyReport()
    expected = {document["id"]: document for document in iter_documents()}
    stored = dict(SearchDocument.objects.values_list("page_id", "digest"))
    report.checked = len(expected)
    for page_id, document in expected.items():
        if page_id not in stored:
            report.differences.append(Difference("database", "missing", page_id))
        elif stored[page_id] != digest(document):
            report.differences.append(Difference("database", "stale", page_id))
    report.differences += [Difference("database", "extra", page_id) for page_id in stored if page_id not in expected]
    if fix:
        wrong = [d.page_id for d in report.differences if d.where == "database"]
        store(expected[page_id] for page_id in wrong if page_id in expected)
        remove(page_id for page_id in wrong if page_id not in expected)
        queue(wrong)
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchIndex, get_client

        index = ElasticsearchIndex(client=get_client(), alias=settings.HERITAGE_SEARCH_INDEX)
        in_elasticsearch = index.digests()
        truth = dict(SearchDocument.objects.values_list("page_id", "digest"))
        es_differences = [
            Difference("elasticsearch", "missing" if page_id not in in_elasticsearch else "stale", page_id)
            for page_id, value in truth.items()
            if in_elasticsearch.get(page_id) != value
        ] + [Difference("elasticsearch", "extra", page_id) for page_id in in_elasticsearch if page_id not in truth]
        report.differences += es_differences
        if fix and es_differences:
            queue([d.page_id for d in es_differences], enqueue=False)
            # The node has just answered ``digests()``: an operator's repair goes through.
            sync_elasticsearch(progress=progress, use_breaker=False)
    report.fixed = fix
    return report


def rebuild_database() -> int:
    """Rewrite the database index from the pages, dropping what is no longer public."""
    started = timezone.now()
    count = store(iter_documents())
    remove(SearchDocument.objects.filter(indexed_at__lt=started).values_list("page_id", flat=True))
    return count


def stored_documents(*, batch_size: int = 1000):
    """The database index's documents in page order: what an Elasticsearch rebuild writes."""
    last_id = -1
    while True:
        rows = list(
            SearchDocument.objects.filter(page_id__gt=last_id)
            .order_by("page_id")
            .values_list("page_id", "document")[:batch_size]
        )
        if not rows:
            return
        for _page_id, document in rows:
            yield document
        last_id = rows[-1][0]
