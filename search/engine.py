"""The one way views reach a search engine: ``get_engine()``.

``ELASTICSEARCH_URL`` set selects Elasticsearch, unset the database. With
Elasticsearch configured the engine is wrapped in ``FallbackEngine``: when the node is
down, slow (``HERITAGE_SEARCH_TIMEOUT``) or answers with an error, the database
engine answers instead and the results say so (``degraded``), so the page can show a
notice. No view ever asks which engine it has.

A failure is paid once, not by every visitor: ``search.breaker`` counts the node's
failures (in the cache, shared by every process) and, once it is open, searches and
suggestions go straight to the database, still ``degraded``, until a probe finds the
node answering again.

An answer from Elasticsearch is never trusted about a page Elasticsearch still owes a
change to (the outbox, ``heritage.outbox``: rows written in the same transaction as
the change, passed by the Elasticsearch writer's cursor once the node has them). After an outage the node answers again with the pages as
they were before it: a page unpublished meanwhile, a recording withdrawn. So when a hit
is owed, the database (whose index changed with the page) answers instead, and
:func:`catch_up` queues the drain that pays what is owed (the drain task's own retries
may have been spent during the outage), with no command run by anyone.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings

from elasticsearch import ApiError, BadRequestError, TransportError

from search import breaker
from search.backends.database import DatabaseEngine
from search.backends.elasticsearch import ElasticsearchEngine, get_client
from search.query import SearchInputError, SearchQuery, SearchResults, expired_cursor_message

logger = logging.getLogger(__name__)


class FallbackEngine:
    """``primary`` (Elasticsearch) behind the breaker, ``fallback`` (the database) when
    it fails or the breaker is open. ``scope`` names the breaker (default: one per
    ``ELASTICSEARCH_URL``); engines with the same scope share it through the cache."""

    def __init__(self, primary, fallback, *, scope: str | None = None):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.scope = scope

    def search(self, query: SearchQuery) -> SearchResults:
        ticket = breaker.admit(scope=self.scope)
        if ticket is None:
            logger.debug("Search breaker open: answering from the database")
            return self._from_fallback(query)
        try:
            results = self.primary.search(query)
        except BadRequestError as error:
            breaker.record_success(ticket)  # the node answered, and quickly
            if query.after:  # a forged cursor that still decoded
                raise SearchInputError("after", expired_cursor_message()) from error
            logger.exception("Elasticsearch refused a search; answering from the database")
        except (TransportError, ApiError) as error:
            breaker.record_failure(ticket, error=error)
            logger.warning("Elasticsearch unavailable (%s); answering from the database", error)
        except BaseException:
            breaker.release(ticket)
            raise
        else:
            breaker.record_success(ticket)
            owed = owed_pages([hit.id for hit in results.hits])  # before a catch-up pays them
            catch_up()
            if not owed:
                return results
            logger.info("Elasticsearch is behind on pages in this answer; answering from the database")
            return self.fallback.search(self._first_page(query))
        return self._from_fallback(query)

    def _from_fallback(self, query: SearchQuery) -> SearchResults:
        results = self.fallback.search(self._first_page(query))
        results.degraded = True
        return results

    @staticmethod
    def _first_page(query: SearchQuery) -> SearchQuery:
        """A cursor (``after``) belongs to the other engine: start again from the first page."""
        if not query.after:
            return query
        return SearchQuery(text=query.text, language=query.language, filters=query.filters, sort=query.sort, page=1)

    def suggest(self, typed: str, language: str, *, limit: int = 8) -> list[dict[str, str]]:
        ticket = breaker.admit(scope=self.scope)
        if ticket is None:
            return self.fallback.suggest(typed, language, limit=limit)
        try:
            suggestions = self.primary.suggest(typed, language, limit=limit)
        except (TransportError, ApiError) as error:
            breaker.record_failure(ticket, error=error)
            logger.warning("Elasticsearch unavailable for suggestions (%s)", error)
            return self.fallback.suggest(typed, language, limit=limit)
        except BaseException:
            breaker.release(ticket)
            raise
        breaker.record_success(ticket)
        return suggestions


#: Seconds between two catch-up syncs queued from searches (any process).
CATCH_UP_SECONDS = 30
CATCH_UP_KEY = "heritage:search:catch-up"


def owed_pages(page_ids: list[int]) -> set[int]:
    """Which of ``page_ids`` Elasticsearch has not caught up with (one indexed query)."""
    from heritage import outbox

    return outbox.owed(ELASTICSEARCH_WRITER, page_ids)


ELASTICSEARCH_WRITER = "elasticsearch"


def catch_up() -> bool:
    """Elasticsearch answers: if it still owes pages changed more than
    :data:`CATCH_UP_SECONDS` ago (an outage outlasted the drain's retries), queue a
    drain, unless one already waits. At most once per :data:`CATCH_UP_SECONDS` across
    processes (``cache.add``). Returns whether a drain was queued."""
    from django.core.cache import cache
    from django.utils import timezone

    from heritage import outbox

    if not cache.add(CATCH_UP_KEY, 1, CATCH_UP_SECONDS):
        return False
    overdue = timezone.now() - timedelta(seconds=CATCH_UP_SECONDS)
    if not outbox.backlog(ELASTICSEARCH_WRITER, before=overdue):
        return False
    if not outbox.request_drain([ELASTICSEARCH_WRITER]):
        return False
    logger.info("Elasticsearch answers again and still owes pages: queued a drain of the outbox")
    return True


def get_engine():
    if settings.ELASTICSEARCH_URL:
        primary = ElasticsearchEngine(
            client=get_client(timeout=settings.HERITAGE_SEARCH_TIMEOUT), alias=settings.HERITAGE_SEARCH_INDEX
        )
        return FallbackEngine(primary, DatabaseEngine())
    return DatabaseEngine()
