"""The project's own Elasticsearch index: one alias over versioned indexes.

A rebuild fills a new index (``<alias>-<timestamp>``) with the client's
``streaming_bulk`` and then moves the alias to it in one ``update_aliases`` call, so
searches keep answering from the old index until the new one is complete
(https://www.elastic.co/docs/reference/elasticsearch/rest-apis/api-reference —
"Aliases"). Each language's text sits in its own sub-field, analysed by that
language's analyzer, so "musées" finds "musée".
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

logger = logging.getLogger(__name__)

FACETS = ("type", "city", "institution", "theme", "language", "period", "rights")


def analyzers() -> dict[str, str]:
    return settings.HERITAGE_SEARCH_ANALYZERS


def index_body() -> dict[str, Any]:
    languages = {
        code: {"type": "text", "analyzer": analyzer, "fields": {"raw": {"type": "keyword", "ignore_above": 256}}}
        for code, analyzer in analyzers().items()
    }
    text_languages = {code: {"type": "text", "analyzer": analyzer} for code, analyzer in analyzers().items()}
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"},
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "title": {"properties": languages},
                "text": {"properties": text_languages},
                "url": {"type": "object", "enabled": False},
                "published": {"type": "date"},
                **{facet: {"type": "keyword"} for facet in FACETS},
            },
        },
    }


@dataclass
class IndexStatus:
    alias: str
    index: str | None
    documents: int


class ElasticsearchIndex:
    def __init__(self, *, client: Elasticsearch, alias: str):
        self.client = client
        self.alias = alias

    def current_index(self) -> str | None:
        try:
            found = self.client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return None
        names = sorted(found.body)
        return names[-1] if names else None

    def status(self) -> IndexStatus:
        index = self.current_index()
        documents = self.client.count(index=self.alias)["count"] if index else 0
        return IndexStatus(alias=self.alias, index=index, documents=documents)

    def rebuild(
        self,
        documents: Iterable[dict[str, Any]],
        *,
        chunk_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> IndexStatus:
        """Index ``documents`` into a fresh index, then point the alias at it atomically."""
        new_index = f"{self.alias}-{datetime.datetime.now(tz=datetime.UTC):%Y%m%d%H%M%S%f}"
        self.client.indices.create(index=new_index, **index_body())
        try:
            count = 0
            actions = ({"_index": new_index, "_id": doc["id"], "_source": doc} for doc in documents)
            for ok, item in streaming_bulk(self.client, actions, chunk_size=chunk_size, raise_on_error=False):
                if not ok:
                    raise IndexingError(f"Elasticsearch refused document {item}")
                count += 1
                if progress and count % chunk_size == 0:
                    progress(count)
            self.client.indices.refresh(index=new_index)
        except Exception:
            self.client.indices.delete(index=new_index, ignore_unavailable=True)
            raise
        old_index = self.current_index()
        actions = [{"add": {"index": new_index, "alias": self.alias}}]
        if old_index:
            actions.insert(0, {"remove": {"index": old_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        if old_index:
            self.client.indices.delete(index=old_index, ignore_unavailable=True)
        logger.info("Rebuilt %s: %s documents in %s", self.alias, count, new_index)
        return self.status()

    def delete_all(self) -> None:
        """Remove the alias and every index behind it (tests and resets)."""
        self.client.indices.delete(index=f"{self.alias}-*", ignore_unavailable=True, allow_no_indices=True)


class IndexingError(RuntimeError):
    pass


def get_client(url: str | None = None) -> Elasticsearch:
    return Elasticsearch(url or settings.ELASTICSEARCH_URL, request_timeout=30)
