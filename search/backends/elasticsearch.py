"""The project's own Elasticsearch index: one alias over versioned indexes.

A rebuild fills a new index (``<alias>-<timestamp>``) with the client's
``streaming_bulk``, two chunks in flight at once, and then moves the alias to it in
one ``update_aliases`` call, so
searches keep answering from the old index until the new one is complete
(https://www.elastic.co/docs/reference/elasticsearch/rest-apis/api-reference —
"Aliases"). Each language's text sits in its own sub-field, analysed by that
language's analyzer, so "musées" finds "musée".
"""

from __future__ import annotations

import datetime
import functools
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk
from elasticsearch.serializer import OrjsonSerializer

logger = logging.getLogger(__name__)

FACETS = ("type", "city", "institution", "theme", "language", "period", "rights")
RESPONSE_FIELDS = [
    "took",
    "hits.total.value",
    "hits.hits._source",
    "hits.hits.highlight",
    "hits.hits.sort",
    "hits.hits.inner_hits.segments.hits.hits._source.start",
    "hits.hits.inner_hits.segments.hits.hits.highlight",
    "aggregations.*.values.buckets.key",
    "aggregations.*.values.buckets.doc_count",
]


def analyzers() -> dict[str, str]:
    return settings.HERITAGE_SEARCH_ANALYZERS


def index_body() -> dict[str, Any]:
    languages = {code: {"type": "text", "analyzer": analyzer} for code, analyzer in analyzers().items()}
    return {
        "settings": {
            # One shard is right for an archive of this size (a few GB); a replica needs a
            # second node and lets searches go on while one node is down.
            "number_of_shards": getattr(settings, "HERITAGE_SEARCH_SHARDS", 1),
            "number_of_replicas": getattr(settings, "HERITAGE_SEARCH_REPLICAS", 0),
            "refresh_interval": "1s",
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": {"type": "long"},
                "title": {"properties": languages},
                "text": {"properties": languages},
                "url": {"type": "object", "enabled": False},
                "published": {"type": "date"},
                "digest": {"type": "keyword"},
                "sort_title": {"properties": {code: {"type": "keyword"} for code in analyzers()}},
                # Folded titles, matched but never scored: the last, unfinished word is a
                # prefix query (``match_bool_prefix``). An ``index_prefixes`` sub-field would
                # make that cheaper still but cost a fifth of the bulk-indexing speed.
                "suggest": {"type": "text", "analyzer": "standard", "index_options": "docs", "norms": False},
                "segments": {
                    "type": "nested",
                    "properties": {"start": {"type": "float"}, "text": {"properties": languages}},
                },
                # Every search aggregates all seven: build their global ordinals at refresh
                # time, not on the first search after it.
                **{facet: {"type": "keyword", "eager_global_ordinals": True} for facet in FACETS},
            },
        },
    }


@dataclass
class IndexStatus:
    alias: str
    index: str | None
    documents: int
    shards: int = 0
    replicas: int = 0


@dataclass
class ClusterHealth:
    name: str
    status: str  # green, yellow (a replica unassigned) or red (a primary unassigned)
    nodes: int
    unassigned_shards: int


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
        if not index:
            return IndexStatus(alias=self.alias, index=None, documents=0)
        found = self.client.indices.get_settings(index=index, name="index.number_of_*", flat_settings=True)
        layout = found[index]["settings"]
        return IndexStatus(
            alias=self.alias,
            index=index,
            documents=self.client.count(index=self.alias)["count"],
            shards=int(layout["index.number_of_shards"]),
            replicas=int(layout["index.number_of_replicas"]),
        )

    def health(self) -> ClusterHealth:
        """The whole cluster's health, as ``_cluster/health`` reports it."""
        found = self.client.cluster.health()
        return ClusterHealth(
            name=found["cluster_name"],
            status=found["status"],
            nodes=found["number_of_nodes"],
            unassigned_shards=found["unassigned_shards"],
        )

    def rebuild(
        self,
        documents: Iterable[dict[str, Any]],
        *,
        chunk_size: int = 500,
        threads: int = 2,
        progress: Callable[[int], None] | None = None,
    ) -> IndexStatus:
        """Index ``documents`` into a fresh index, then point the alias at it atomically.

        While loading, the new index neither refreshes nor syncs its translog on every
        request, and ``threads`` bulk requests are in flight at once (a bulk request
        to one shard is indexed by one thread on the node: one stream leaves the other
        cores idle). Afterwards the index gets its normal settings back and a refresh.
        """
        new_index = f"{self.alias}-{datetime.datetime.now(tz=datetime.UTC):%Y%m%d%H%M%S%f}"
        body = index_body()
        normal = dict(body["settings"])
        body["settings"].update({"refresh_interval": "-1", "translog": {"durability": "async"}})
        self.client.indices.create(index=new_index, **body)
        try:
            actions = ({"_index": new_index, "_id": doc["id"], "_source": with_digest(doc)} for doc in documents)
            count = self._load(actions, chunk_size=chunk_size, threads=threads, progress=progress)
            self.client.indices.put_settings(
                index=new_index,
                settings={"index": {"refresh_interval": normal["refresh_interval"], "translog.durability": "request"}},
            )
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

    def _load(
        self,
        actions: Iterator[dict[str, Any]],
        *,
        chunk_size: int,
        threads: int,
        progress: Callable[[int], None] | None,
    ) -> int:
        """Send ``actions`` in chunks through ``streaming_bulk``, ``threads`` chunks at a time.

        The documents are read here, in the calling thread (they come from the
        database, whose connection belongs to this thread); only the sending happens
        in the pool. At most ``threads`` chunks wait in memory.
        """

        def send(chunk: list[dict[str, Any]]) -> list[tuple[bool, Any]]:
            return list(streaming_bulk(self.client, chunk, chunk_size=len(chunk), raise_on_error=False))

        count = 0

        def collect(future: Future) -> None:
            nonlocal count
            for ok, item in future.result():
                if not ok:
                    raise IndexingError(f"Elasticsearch refused document {item}")
                count += 1
            if progress:
                progress(count)

        in_flight: deque[Future] = deque()
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="es-bulk") as pool:
            while chunk := list(itertools.islice(actions, chunk_size)):
                if len(in_flight) >= threads:
                    collect(in_flight.popleft())
                in_flight.append(pool.submit(send, chunk))
            while in_flight:
                collect(in_flight.popleft())
        return count

    def apply(self, documents: list[dict[str, Any]], removals: list[int]) -> tuple[int, int]:
        """Write ``documents`` and remove ``removals`` through the alias, in one bulk call.

        ``require_alias`` stops Elasticsearch from creating a stray index when no
        rebuild has made the alias yet; a removal of a document the index never had
        counts as done.
        """
        actions = [{"_op_type": "index", "_id": doc["id"], "_source": with_digest(doc)} for doc in documents]
        actions += [{"_op_type": "delete", "_id": page_id} for page_id in removals]
        if not actions:
            return 0, 0
        written = removed = 0
        for ok, item in streaming_bulk(
            self.client,
            actions,
            index=self.alias,
            chunk_size=500,
            raise_on_error=False,
            raise_on_exception=True,
            require_alias=True,
            refresh="wait_for",
        ):
            operation, result = next(iter(item.items()))
            if operation == "delete" and (ok or result.get("status") == 404):
                removed += 1
            elif ok:
                written += 1
            else:
                raise IndexingError(f"Elasticsearch refused {operation} of page {result.get('_id')}: {result}")
        return written, removed

    def digests(self) -> dict[int, str]:
        """Every document's id and digest, for ``verify`` (a point-in-time scan)."""
        from elasticsearch.helpers import scan

        if not self.current_index():
            return {}
        return {
            int(hit["_id"]): hit["_source"].get("digest", "")
            for hit in scan(self.client, index=self.alias, query={"query": {"match_all": {}}}, _source=["digest"])
        }

    def delete_all(self) -> None:
        """Remove the alias and every index behind it (tests and resets)."""
        self.client.indices.delete(index=f"{self.alias}-*", ignore_unavailable=True, allow_no_indices=True)


class IndexingError(RuntimeError):
    pass


def node_urls(urls: str | Iterable[str]) -> tuple[str, ...]:
    """``"http://a:9200, http://b:9200"`` or a list of URLs as a tuple of node URLs."""
    if isinstance(urls, str):
        urls = urls.split(",")
    return tuple(url.strip() for url in urls if url.strip())


def get_client(urls: str | Iterable[str] | None = None, *, timeout: float = 30) -> Elasticsearch:
    """A client for the nodes ``urls`` (default: ``ELASTICSEARCH_URL``), shared so
    connections are reused.

    The default reads ``ELASTICSEARCH_URL`` (one URL or several, comma-separated), not
    ``ELASTICSEARCH_URLS``: the former is the switch every caller tests, so a test or an
    override that changes it cannot leave the client pointing elsewhere.
    """
    return _client(node_urls(settings.ELASTICSEARCH_URL if urls is None else urls), timeout)


@functools.lru_cache(maxsize=8)
def _client(urls: tuple[str, ...], timeout: float) -> Elasticsearch:
    """The client over every node in ``urls``, with the transport's own failover.

    elastic-transport keeps the nodes in a pool, sends requests round-robin, and on a
    connection error marks the node dead (back-off 1 s, doubling to 30 s) and retries
    on the next one (https://elasticsearch-py.readthedocs.io/en/stable/api/elasticsearch.html).
    The options chosen:

    - ``max_retries`` is one fewer than the nodes: a request tries each node at most
      once, so a node that is down costs one refused connection (milliseconds), and
      one node keeps the old behaviour (no retry: the public search falls back to the
      database at once).
    - ``retry_on_timeout`` stays off: a timeout means the cluster is slow, not a node
      gone (any coordinating node fans the search out to the same shard copies), and
      trying again would double the wait before the database answers
      (``HERITAGE_SEARCH_TIMEOUT``) and the load on a cluster already behind.
    - No sniffing (the default): the configured URLs are the ones this site can reach;
      the addresses nodes publish (``_nodes/http``) may be internal or, on a loopback
      test cluster, the same for every node.
    """
    return Elasticsearch(
        list(urls),
        request_timeout=timeout,
        max_retries=max(len(urls) - 1, 0),
        retry_on_timeout=False,
        serializer=OrjsonSerializer(),
    )


def with_digest(document: dict[str, Any]) -> dict[str, Any]:
    from search.documents import digest

    return {**document, "digest": document.get("digest") or digest(document)}


class ElasticsearchEngine:
    """Answers a :class:`~search.query.SearchQuery` from the project's index.

    Relevance: the visitor's language first (its title and text fields are boosted),
    every other language after; titles over text. ``simple_query_string`` gives
    phrases ("…"), prefixes and exclusions but never fails on odd syntax. Facet counts
    come from aggregations, each filtered by every *other* facet's selection, so the
    options of a facet stay visible after choosing one; the hits are filtered by all
    selections through ``post_filter``.
    """

    def __init__(self, *, client: Elasticsearch, alias: str):
        self.client = client
        self.alias = alias

    def _text_query(self, query) -> dict[str, Any]:
        if not query.text:
            return {"match_all": {}}
        lang = query.language
        fields = [f"title.{lang}^6", f"text.{lang}^2"]
        for other in analyzers():
            if other != lang:
                fields += [f"title.{other}^1.5", f"text.{other}^0.5"]
        segment_fields = [f"segments.text.{lang}"] + [f"segments.text.{o}^0.5" for o in analyzers() if o != lang]

        def words(fields: list[str]) -> dict[str, Any]:
            return {
                "simple_query_string": {
                    "query": query.text,
                    "fields": fields,
                    "default_operator": "and",
                    "flags": "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
                }
            }

        # A page matches by its own text or by one transcript line; the line that
        # matched comes back (inner hit) with its start time for the snippet's link.
        return {
            "bool": {
                "should": [
                    words(fields),
                    {
                        "nested": {
                            "path": "segments",
                            "score_mode": "max",
                            "query": words(segment_fields),
                            "inner_hits": {
                                "size": 1,
                                "_source": ["segments.start"],
                                "highlight": {
                                    "encoder": "html",
                                    "pre_tags": ["<mark>"],
                                    "post_tags": ["</mark>"],
                                    "fields": {"segments.text.*": {"number_of_fragments": 0}},
                                },
                            },
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        }

    def _sort(self, query) -> list[Any]:
        if query.sort == "date":
            return [{"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        if query.sort == "title":
            return [{f"sort_title.{query.language}": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
        return ["_score", {"id": "asc"}]

    name = "elasticsearch"

    def suggest(self, text: str, language: str, *, limit: int = 8) -> list[dict[str, str]]:
        """Titles that start with what the visitor has typed so far (any language)."""
        from search.text import fold

        prefix = fold(text.casefold()).strip()
        if not prefix:
            return []
        response = self.client.search(
            index=self.alias,
            query={"match_bool_prefix": {"suggest": prefix}},
            size=limit,
            source_includes=["title", "url", "type"],
        )
        from search.query import suggestion

        return [suggestion(hit["_source"], language) for hit in response["hits"]["hits"]]

    def search(self, query) -> Any:
        from search.query import FACETS, SearchResults, decode_cursor, encode_cursor, facet_values, hit_from_document

        filters = {facet: {"terms": {facet: list(values)}} for facet, values in query.filters.items()}
        aggregations = {
            facet: {
                "filter": {"bool": {"filter": [f for name, f in filters.items() if name != facet]}},
                "aggs": {"values": {"terms": {"field": facet, "size": 100}}},
            }
            for facet in FACETS
        }
        lang = query.language
        response = self.client.search(
            index=self.alias,
            query=self._text_query(query),
            post_filter={"bool": {"filter": list(filters.values())}},
            aggs=aggregations,
            sort=self._sort(query),
            **(
                {"search_after": decode_cursor(query.after, self.name)}
                if query.after
                else {"from_": (query.page - 1) * query.page_size}
            ),
            size=query.page_size,
            track_total_hits=True,
            highlight={
                "encoder": "html",
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "fields": {f"text.{lang}": {"fragment_size": 180, "number_of_fragments": 1}, "text.*": {}},
                "require_field_match": False,
            },
            source_excludes=["text", "segments"],
            # Only what the answer uses: a smaller response to write, send and parse.
            filter_path=RESPONSE_FIELDS,
        )
        raw_hits = response["hits"].get("hits", [])
        hits = []
        for hit in raw_hits:
            highlight = hit.get("highlight", {})
            snippet, snippet_language = "", lang
            for key in sorted(highlight, key=lambda name: name != f"text.{lang}"):
                if highlight[key]:
                    snippet, snippet_language = highlight[key][0], key.split(".", 1)[1]
                    break
            moment = None
            lines = hit.get("inner_hits", {}).get("segments", {}).get("hits", {}).get("hits", [])
            if not snippet and lines and lines[0].get("highlight"):
                key, fragments = next(iter(lines[0]["highlight"].items()))
                snippet, snippet_language = fragments[0], key.rsplit(".", 1)[1]
                moment = lines[0]["_source"]["start"]
            hits.append(hit_from_document(hit["_source"], lang, snippet, snippet_language, moment))
        facets = {
            facet: facet_values(
                facet,
                [
                    (bucket["key"], bucket["doc_count"])
                    for bucket in response.get("aggregations", {}).get(facet, {}).get("values", {}).get("buckets", [])
                ],
                query,
            )
            for facet in FACETS
        }
        total = response["hits"]["total"]["value"]
        more = len(raw_hits) == query.page_size and (query.after or query.page * query.page_size < total)
        return SearchResults(
            total=total,
            hits=hits,
            facets=facets,
            took_ms=response.get("took"),
            next_after=encode_cursor(self.name, raw_hits[-1]["sort"]) if more else "",
            engine=self.name,
        )
