"""The search app's writers of the page-change outbox (``heritage.outbox``).

- ``search-database``: the database index (``search_searchdocument``), written inside
  the transaction of the change (eager): what the database answers, and what is
  answered while Elasticsearch is away, is exact at commit. Rows recorded without it
  (a renamed theme under thousands of artifacts) reach it through the drain.
- ``elasticsearch``: the project's Elasticsearch index, from the database index's
  documents, after the commit (only with ``ELASTICSEARCH_URL``). While it owes a page,
  no answer from Elasticsearch about that page is trusted (``search.engine``).
- ``wagtail-search``: Wagtail's own index for the admin's page search. Wagtail's
  automatic signals are off for the site's pages (``HeritagePage.search_auto_update``);
  this writer keeps it instead, drafts included: inside the transaction on the
  database backend, after the commit on Elasticsearch, so a hung node never holds up
  an editor's publish and an outage is replayed like the others.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from heritage.outbox import Batch, Writer


class DatabaseIndexWriter(Writer):
    name = "search-database"
    eager = True
    writes_database = True

    def write(self, batch: Batch) -> dict[str, int]:
        from search.sync import write_database

        pages, gone = batch.pages(batch.public)
        written, removed = write_database(pages, gone)
        return {"written": len(written), "removed": len(removed)}


class ElasticsearchWriter(Writer):
    name = "elasticsearch"

    def __init__(self, *, use_breaker: bool = True):
        self.use_breaker = use_breaker

    def enabled(self) -> bool:
        return bool(settings.ELASTICSEARCH_URL)

    def write(self, batch: Batch) -> dict[str, int]:
        from search.sync import write_elasticsearch

        return write_elasticsearch(batch.public, use_breaker=self.use_breaker)

    def after_drain(self, report) -> None:
        # A search answered from the old index meanwhile may sit in the front cache.
        from heritage.cache_purge import purge_briefly_shared

        if report.counts.get("written") or report.counts.get("removed"):
            purge_briefly_shared()


class WagtailIndexMissing(Exception):
    """Wagtail's index on Elasticsearch has not been built (``search_index rebuild``)."""


class WagtailIndexWriter(Writer):
    name = "wagtail-search"
    editors = True

    def is_eager(self) -> bool:
        from search.admin_index import elasticsearch_backend

        return elasticsearch_backend() is None

    @property
    def writes_database(self) -> bool:  # type: ignore[override]
        return self.is_eager()

    @staticmethod
    def index_exists(backend) -> bool:
        # (modelsearch 1.3.2's Index.exists() passes positional arguments, which the
        # Elasticsearch 9 client refuses: ask the client.)
        return bool(backend.es.indices.exists(index=backend.get_index_for_model(Page).name))

    def write(self, batch: Batch) -> dict[str, int]:
        from search.admin_index import elasticsearch_backend

        backend = get_search_backend("default")
        if elasticsearch_backend() is not None and not self.index_exists(backend):
            # Written now, Elasticsearch would make the index with a mapping it guesses,
            # which the admin search cannot read: the changes wait for the rebuild.
            raise WagtailIndexMissing(
                "Wagtail's admin search index does not exist yet: run `manage.py search_index rebuild`"
            )
        pages, gone = batch.pages(batch.every)
        by_model = defaultdict(list)
        for page in pages:
            by_model[type(page)].append(page)

        def write():
            for model, objects in by_model.items():
                backend.add_bulk(model, objects)
            for page_id in sorted(gone):
                backend.delete(Page(pk=page_id))

        if elasticsearch_backend() is not None:
            # The same node as the site's index: while the breaker is open the writer
            # fails at once instead of waiting out a timeout (on the worker, or inside
            # the request with the demo's immediate task backend).
            from search.sync import behind_breaker

            behind_breaker(write)
        else:
            write()
        return {"indexed": len(pages), "removed": len(gone)}


def register_writers() -> None:
    from heritage import outbox

    outbox.register(DatabaseIndexWriter())
    outbox.register(ElasticsearchWriter())
    outbox.register(WagtailIndexWriter())
