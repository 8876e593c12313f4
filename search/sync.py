"""Keeping both indexes true to the pages.

Page changes reach this module through the outbox (``heritage.outbox``; the writers
are in ``search.outbox``): the database index is rewritten inside the transaction of
the change (:func:`write_database`: exact at once), Elasticsearch from the outbox
after the commit (:func:`write_elasticsearch`, drained by the worker, retried with
back-off while the node is away). While the search breaker (``search.breaker``) is
open the Elasticsearch writer does not call the node at all: it fails at once, so the
drain is retried later instead of waiting out a timeout.

``sync_elasticsearch()`` drains the Elasticsearch writer now (``manage.py search_index
update``). ``verify()`` compares pages → database index → Elasticsearch and reports
every difference; with ``fix=True`` it repairs both.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from heritage.bulk import insert_rows
from heritage.i18n import page_urls
from heritage.models import HeritagePage
from search import breaker, text
from search.documents import build_document, digest, iter_documents, restricted_paths
from search.documents import is_public as page_is_public
from search.models import SearchDocument, SearchFacet

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


def write_database(pages: list[Page], gone: Iterable[int] = ()) -> tuple[list[int], list[int]]:
    """Rewrite the database index for ``pages`` (specific, as they are now) and drop
    ``gone`` (deleted pages): a page public by ``heritage.visibility`` gets its document,
    any other leaves the index. Returns (written ids, removed ids)."""
    restricted = restricted_paths()
    public, closed = [], list(gone)
    for page in pages:
        if isinstance(page, HeritagePage) and page.search_type and page_is_public(page, restricted):
            public.append(page)
        else:
            closed.append(page.pk)
    urls = page_urls(public)
    documents = [build_document(page, urls[page.pk]) for page in public]
    store(documents)
    remove(closed)
    return [document["id"] for document in documents], closed


def queue(page_ids: Iterable[int]) -> None:
    """Owe Elasticsearch these pages (the database index is already right): outbox rows,
    drained after the commit."""
    from heritage import outbox

    page_ids = list(page_ids)
    if page_ids and settings.ELASTICSEARCH_URL:
        outbox.record(page_ids, defer=True)


class ElasticsearchAway(Exception):
    """The breaker is open: Elasticsearch was not called."""


def behind_breaker(call: Callable[[], Any], *, use_breaker: bool = True) -> Any:
    """``call()`` (a write to the node) behind the search breaker: with it open, nothing
    is called (``ElasticsearchAway``); a probe's success closes it and a probe's
    failure opens it again; other failures are not counted (the breaker stands for the
    visitors' searches; writers have their own retries). ``use_breaker=False``: call
    whatever the breaker says, as a probe (an operator's explicit command)."""
    ticket = breaker.admit() if use_breaker else breaker.Ticket(scope=breaker.default_scope(), probe=True, clean=False)
    if ticket is None:
        state = breaker.status()
        raise ElasticsearchAway(
            f"Elasticsearch not called: the search breaker is {state['state']} "
            f"(next probe at {state.get('probe_at', 'once the probe returns')})"
        )
    try:
        result = call()
    except Exception as exc:  # connection refused, timeouts, a missing index…
        if ticket.probe and breaker.counts_as_failure(exc):
            breaker.record_failure(ticket, error=exc)
        elif ticket.probe:  # the node answered (a refused document, a missing alias)
            breaker.record_success(ticket)
        else:
            breaker.release(ticket)
        raise
    if not ticket.clean:
        breaker.record_success(ticket)  # a probe's success closes the breaker
    else:
        breaker.release(ticket)
    return result


def write_elasticsearch(page_ids: Iterable[int], *, use_breaker: bool = True) -> dict[str, int]:
    """Write the database index's documents of ``page_ids`` to Elasticsearch, and remove
    those it has none for; raises when the node does not take them.

    Behind the breaker: with it open nothing is sent (``ElasticsearchAway``). When the
    cool-down is over the write may be the breaker's probe; a write the node takes
    closes the breaker. Failures count only as a probe's: the breaker stands for the
    visitors' searches, and the outbox has its own retries. ``use_breaker=False`` (an
    operator's explicit ``search_index update``) calls the node whatever the breaker says.
    """
    from search.backends.elasticsearch import ElasticsearchIndex, get_client

    ids = sorted(page_ids)
    documents = {row.page_id: row.document for row in SearchDocument.objects.filter(page_id__in=ids)}
    index = ElasticsearchIndex(
        client=get_client(timeout=settings.HERITAGE_SEARCH_TIMEOUT), alias=settings.HERITAGE_SEARCH_INDEX
    )
    written, removed = behind_breaker(
        lambda: index.apply(
            [documents[page_id] for page_id in ids if page_id in documents],
            [page_id for page_id in ids if page_id not in documents],
        ),
        use_breaker=use_breaker,
    )
    return {"written": written, "removed": removed}


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
    """Drain the outbox into Elasticsearch now, retrying a failing chunk with back-off
    (``attempts``); what still fails stays owed, with its error, for the next drain.
    ``failed``: the pages still owed when it gave up."""
    from heritage import outbox
    from search.outbox import ElasticsearchWriter

    report = SyncReport()
    if not settings.ELASTICSEARCH_URL:
        return report
    writer = ElasticsearchWriter(use_breaker=use_breaker)
    total = outbox.backlog(writer.name)
    for attempt in range(attempts):
        result = outbox.drain_writer(writer, chunk_size=chunk_size)
        report.written += result.counts.get("written", 0)
        report.removed += result.counts.get("removed", 0)
        if progress:
            progress(total - outbox.backlog(writer.name), total)
        if not result.failed:
            report.error = ""
            break
        report.error = result.error
        if isinstance(result.exception, ElasticsearchAway) or attempt + 1 == attempts:
            break
        time.sleep(backoff * 2**attempt)
    if report.error:
        report.failed = len(outbox.owed_pages(writer.name))
        logger.warning("Elasticsearch sync failed for %s pages: %s", report.failed, report.error)
    outbox.trim()
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
            queue([d.page_id for d in es_differences])
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
