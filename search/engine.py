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
"""

from __future__ import annotations

import logging

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
            return results
        return self._from_fallback(query)

    def _from_fallback(self, query: SearchQuery) -> SearchResults:
        if query.after:
            # The cursor belongs to the other engine: start again from the first page.
            query = SearchQuery(
                text=query.text, language=query.language, filters=query.filters, sort=query.sort, page=1
            )
        results = self.fallback.search(query)
        results.degraded = True
        return results

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


def get_engine():
    if settings.ELASTICSEARCH_URL:
        primary = ElasticsearchEngine(
            client=get_client(timeout=settings.HERITAGE_SEARCH_TIMEOUT), alias=settings.HERITAGE_SEARCH_INDEX
        )
        return FallbackEngine(primary, DatabaseEngine())
    return DatabaseEngine()
