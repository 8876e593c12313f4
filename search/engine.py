"""The one way views reach a search engine: ``get_engine()``.

``ELASTICSEARCH_URL`` set selects Elasticsearch, unset the database. With
Elasticsearch configured the engine is wrapped in ``FallbackEngine``: when the node is
down, slow (``HERITAGE_SEARCH_TIMEOUT``) or answers with an error, the database
engine answers instead and the results say so (``degraded``), so the page can show a
notice. No view ever asks which engine it has.
"""

from __future__ import annotations

import logging

from django.conf import settings

from elasticsearch import ApiError, BadRequestError, TransportError

from search.backends.database import DatabaseEngine
from search.backends.elasticsearch import ElasticsearchEngine, get_client
from search.query import SearchInputError, SearchQuery, SearchResults, expired_cursor_message

logger = logging.getLogger(__name__)


class FallbackEngine:
    def __init__(self, primary, fallback):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name

    def search(self, query: SearchQuery) -> SearchResults:
        try:
            return self.primary.search(query)
        except BadRequestError as error:
            if query.after:  # a forged cursor that still decoded
                raise SearchInputError("after", expired_cursor_message()) from error
            logger.exception("Elasticsearch refused a search; answering from the database")
        except (TransportError, ApiError) as error:
            logger.warning("Elasticsearch unavailable (%s); answering from the database", error)
        if query.after:
            # The cursor belongs to the other engine: start again from the first page.
            query = SearchQuery(
                text=query.text, language=query.language, filters=query.filters, sort=query.sort, page=1
            )
        results = self.fallback.search(query)
        results.degraded = True
        return results

    def suggest(self, typed: str, language: str, *, limit: int = 8) -> list[dict[str, str]]:
        try:
            return self.primary.suggest(typed, language, limit=limit)
        except (TransportError, ApiError) as error:
            logger.warning("Elasticsearch unavailable for suggestions (%s)", error)
            return self.fallback.suggest(typed, language, limit=limit)


def get_engine():
    if settings.ELASTICSEARCH_URL:
        primary = ElasticsearchEngine(
            client=get_client(timeout=settings.HERITAGE_SEARCH_TIMEOUT), alias=settings.HERITAGE_SEARCH_INDEX
        )
        return FallbackEngine(primary, DatabaseEngine())
    return DatabaseEngine()
