"""The database engine: Wagtail's database search plus ORM facet counts.

Full text runs through Wagtail's database backend (SQLite FTS5 or PostgreSQL full
text) over ``SearchDocument`` rows whose text ``search.text`` has already analysed
per language, so stemming and Arabic normalisation match Elasticsearch's analyzers
closely. Facets are counted with one aggregate query per facet over ``SearchFacet``,
each filtered by every *other* facet's selection, exactly as the Elasticsearch engine
counts them. What this engine cannot do is listed in the README ("Search engines").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTextTransform, KeyTransform

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from search import text
from search.models import SearchDocument, SearchFacet
from search.query import (
    FACETS,
    FacetValue,
    SearchHit,
    SearchInputError,
    SearchQuery,
    SearchResults,
    decode_cursor,
    encode_cursor,
    expired_cursor_message,
    facet_values,
    hit_from_document,
    suggestion,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
MAX_FACET_VALUES = 100


def text_query(query_text: str):
    """The visitor's words as a Wagtail search query over the analysed index, or None."""
    nodes = []
    for group in text.query_groups(query_text, LANGUAGES):
        kind = Phrase if " " in group[0] else PlainText
        alternatives = [kind(form) for form in group]
        nodes.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else And(nodes)


def fts5_query(query_text: str) -> str:
    """The visitor's words as an FTS5 expression over the title and body columns.

    Every word and phrase is double-quoted (they hold letters and digits only), so no
    FTS5 syntax can come from a visitor.
    """
    groups = [" OR ".join(f'"{form}"' for form in group) for group in text.query_groups(query_text, LANGUAGES)]
    return "{title body} : (" + " AND ".join(f"({group})" for group in groups) + ")"


def sqlite_matches(query_text: str) -> RawSQL:
    """Ids of matching documents, driven from Wagtail's FTS5 table.

    Wagtail's own query joins the other way round (every index entry of the model,
    probing FTS5 once each), which is slow for big indexes; this asks FTS5 once.
    """
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

    entries, fts = IndexEntry._meta.db_table, SQLiteFTSIndexEntry._meta.db_table
    content_type = ContentType.objects.get_for_model(SearchDocument)
    # Table names come from the models; the content type and the FTS5 expression are parameters.
    sql = (
        f'SELECT CAST(entry.object_id AS INTEGER) FROM "{entries}" entry WHERE entry.content_type_id = %s '  # noqa: S608
        f'AND entry.id IN (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s)'
    )
    return RawSQL(sql, [content_type.pk, fts5_query(query_text)])  # noqa: S611


def with_facet(queryset: QuerySet, facet: str, values: tuple[str, ...]) -> QuerySet:
    return queryset.filter(pk__in=SearchFacet.objects.filter(facet=facet, value__in=values).values("document_id"))


class DatabaseEngine:
    name = "database"

    def __init__(self, backend: str = "heritage_db"):
        self.backend = get_search_backend(backend)

    def _matches(self, query: SearchQuery, *, scored: bool) -> QuerySet | None:
        """Documents matching the text (all of them without text); None if nothing can."""
        documents = SearchDocument.objects.all()
        if not query.text:
            return documents
        search_query = text_query(query.text)
        if search_query is None:
            return None
        if connection.vendor == "sqlite" and not scored:
            return documents.filter(pk__in=sqlite_matches(query.text))
        results = self.backend.search(search_query, documents, order_by_relevance=False)
        if scored:
            results = results.annotate_score("_score")
        return results.get_queryset().order_by()

    def search(self, query: SearchQuery) -> SearchResults:
        # Wagtail's SQLite backend scores through a correlated subquery that re-runs the
        # FTS match for every row (quadratic on big result sets), so on SQLite the
        # ranking uses language and title matches only; PostgreSQL's ts_rank is cheap.
        matched = self._matches(query, scored=connection.vendor != "sqlite")
        if matched is None:
            return SearchResults(total=0, hits=[], facets={facet: [] for facet in FACETS}, engine=self.name)
        selected = matched
        for facet, values in query.filters.items():
            selected = with_facet(selected, facet, values)
        total = selected.count()
        offset = decode_cursor(query.after, self.name) if query.after else (query.page - 1) * query.page_size
        if not isinstance(offset, int) or offset < 0:
            raise SearchInputError("after", expired_cursor_message())
        rows = list(self._ordered(selected, query).only("page_id", "document")[offset : offset + query.page_size])
        more = offset + len(rows) < total
        matches = text.query_words(query.text, LANGUAGES)
        return SearchResults(
            total=total,
            hits=[self._hit(row.document, query, matches) for row in rows],
            facets=self._facets(query, matched),
            next_after=encode_cursor(self.name, offset + len(rows)) if more and rows else "",
            engine=self.name,
        )

    def _ordered(self, queryset: QuerySet, query: SearchQuery) -> QuerySet:
        lang = query.language
        if query.sort == "date":
            return queryset.order_by(F("published").desc(nulls_last=True), "page_id")
        if query.sort == "title":
            key = KeyTextTransform(lang, KeyTransform("sort_title", "document"))
            return queryset.annotate(sort_key=key).order_by(F("sort_key").asc(nulls_last=True), "page_id")
        if not query.text:
            return queryset.order_by("page_id")
        # The visitor's language first: documents written in it before the others.
        in_language = Case(
            When(Q(document__title__has_key=lang) | Q(document__text__has_key=lang), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        # Then documents whose title matches, then (PostgreSQL) ts_rank.
        title_match = Q()
        for form in text.query_words(query.text, LANGUAGES):
            title_match |= Q(title__contains=form)
        in_title = Case(When(title_match, then=Value(1)), default=Value(0), output_field=IntegerField())
        order = [F("in_language").desc(), F("in_title").desc()]
        if connection.vendor == "postgresql":
            order.append(F("_score").desc())
        return queryset.annotate(in_language=in_language, in_title=in_title).order_by(*order, "page_id")

    def _hit(self, document: dict[str, Any], query: SearchQuery, matches: set[str]) -> SearchHit:
        """A result, with a snippet cut around the first match, the visitor's language first."""
        lang = query.language
        texts = document.get("text", {})
        for code in sorted(texts, key=lambda code: code != lang):
            snippet = text.snippet(texts[code], matches, code)
            if snippet:
                return hit_from_document(document, lang, snippet, code)
        segments = document.get("segments", ())
        for segment in sorted(segments, key=lambda s: (lang not in s["text"], s["start"])):
            for code, line in segment["text"].items():
                snippet = text.snippet(line, matches, code)
                if snippet:
                    return hit_from_document(document, lang, snippet, code, moment=segment["start"])
        return hit_from_document(document, lang, "", lang)

    def _facets(self, query: SearchQuery, matched: QuerySet) -> dict[str, list[FacetValue]]:
        facets = {}
        for facet in FACETS:
            within = matched
            for other, values in query.filters.items():
                if other != facet:
                    within = with_facet(within, other, values)
            counts = (
                SearchFacet.objects.filter(facet=facet, document__in=within.values("pk"))
                .values("value")
                .annotate(count=Count("document_id"))
                .order_by("-count", "value")
                .values_list("value", "count")[:MAX_FACET_VALUES]
            )
            facets[facet] = facet_values(facet, list(counts), query)
        return facets

    def suggest(self, typed: str, language: str, *, limit: int = 8) -> list[dict[str, str]]:
        words = text.words(text.fold(typed.casefold()))
        if not words:
            return []
        results = self.backend.autocomplete(" ".join(words), SearchDocument.objects.only("document"))
        return [suggestion(row.document, language) for row in results[:limit]]
