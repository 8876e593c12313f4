"""The search interface shared by every engine: what a visitor asks, what comes back.

``SearchQuery.from_params`` turns a query string into a validated query, refusing bad
input with a message that names the parameter (a ``SearchInputError`` the views turn
into a 400), and never passing raw syntax to an engine. Engines return a
``SearchResults`` of the same shape, so views and the API never ask which engine ran.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

FACETS = ("city", "institution", "type", "language", "theme", "period", "rights")
SORTS = ("relevance", "date", "title")
PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
MAX_FILTER_LENGTH = 100
#: Elasticsearch answers at most 10,000 hits by from/size; deeper pages use ``after``.
MAX_PAGED_RESULTS = 10_000

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CURSOR = re.compile(r"^[A-Za-z0-9_-]{1,1000}$")


class SearchInputError(ValueError):
    """Bad search input; ``param`` names the query-string parameter at fault."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    language: str = "en"
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    #: An opaque cursor from a previous answer's ``next``: the page after its last hit.
    after: str = ""

    @classmethod
    def from_params(cls, params: QueryDict, *, default_language: str) -> SearchQuery:
        languages = [code for code, _name in settings.LANGUAGES]
        text = CONTROL_CHARACTERS.sub(" ", params.get("q", "")).strip()
        if len(text) > MAX_QUERY_LENGTH:
            raise SearchInputError(
                "q", _("The search is too long: use at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
            )
        language = params.get("lang") or default_language
        if language not in languages:
            raise SearchInputError(
                "lang",
                _("Unknown language “%(value)s”; use one of %(choices)s.")
                % {
                    "value": language[:20],
                    "choices": ", ".join(languages),
                },
            )
        filters: dict[str, tuple[str, ...]] = {}
        for facet in FACETS:
            values = [value.strip() for value in params.getlist(facet) if value.strip()]
            if len(values) > MAX_FILTER_VALUES:
                raise SearchInputError(facet, _("Too many values for “%(param)s”.") % {"param": facet})
            if any(len(value) > MAX_FILTER_LENGTH or CONTROL_CHARACTERS.search(value) for value in values):
                raise SearchInputError(facet, _("A value for “%(param)s” is not valid.") % {"param": facet})
            if values:
                filters[facet] = tuple(dict.fromkeys(values))
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            raise SearchInputError(
                "sort", _("Unknown sort order “%(value)s”; use relevance, date or title.") % {"value": sort[:20]}
            )
        raw_page = params.get("page") or "1"
        try:
            page = int(raw_page)
        except ValueError:
            raise SearchInputError("page", _("“%(value)s” is not a page number.") % {"value": raw_page[:20]}) from None
        if page < 1 or page * PAGE_SIZE > MAX_PAGED_RESULTS:
            raise SearchInputError(
                "page", _("Page %(page)s is out of range.") % {"page": page if abs(page) < 10**9 else "…"}
            )
        after = params.get("after", "")
        if after and not CURSOR.match(after):
            raise SearchInputError("after", expired_cursor_message())
        return cls(text=text, language=language, filters=filters, sort=sort, page=1 if after else page, after=after)


def expired_cursor_message() -> str:
    return _("This link to more results is no longer valid; please start the search again.")


def encode_cursor(engine: str, values: Any) -> str:
    raw = json.dumps([engine, values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, engine: str) -> Any:
    """The sort values inside ``cursor``; a cursor of another engine or a forged one is a 400."""
    try:
        name, values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError):
        raise SearchInputError("after", expired_cursor_message()) from None
    if name != engine:
        raise SearchInputError("after", expired_cursor_message())
    return values


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchHit:
    id: int
    title: str
    title_language: str
    url: str
    type: str
    city: list[str]
    institution: list[str]
    language: list[str]
    snippet: str  # HTML-safe: the engine escapes text and marks matches with <mark>
    snippet_language: str = ""  # for the snippet's lang attribute when it is another language
    #: Seconds into the recording where the snippet is heard (a transcript line), else None;
    #: ``url`` then starts the player there (``?t=``).
    moment: float | None = None


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    took_ms: int | None = None
    #: The cursor for the next page (``after=…``), empty on the last page.
    next_after: str = ""
    #: Which engine answered, and why not the configured one (``fallback``).
    engine: str = ""
    degraded: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "next": self.next_after or None,
            "engine": self.engine,
            "degraded": self.degraded,
            "took_ms": self.took_ms,
            "results": [
                {
                    "title": hit.title,
                    "url": hit.url,
                    "type": hit.type,
                    "city": hit.city,
                    "institution": hit.institution,
                    "language": hit.language,
                    "snippet": hit.snippet,
                    "moment": hit.moment,
                }
                for hit in self.hits
            ],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
        }


def in_language(values: dict[str, str], language: str) -> tuple[str, str]:
    """``values[language]`` and its language, else the first value the document has."""
    code = language if language in values else next(iter(values), language)
    return values.get(code, ""), code


def hit_from_document(
    document: dict[str, Any], language: str, snippet: str, snippet_language: str, moment: float | None = None
) -> SearchHit:
    """A result from an engine-neutral document (both engines store the same shape).

    ``moment``: the snippet is a transcript line heard at that second; the link starts
    the player there.
    """
    title, title_language = in_language(document["title"], language)
    url = in_language(document["url"], language)[0]
    if moment is not None:
        url = f"{url}?t={int(moment)}#player"
    return SearchHit(
        id=document["id"],
        title=title,
        title_language=title_language,
        url=url,
        type=document["type"],
        city=document.get("city", []),
        institution=document.get("institution", []),
        language=document.get("language", []),
        snippet=snippet,
        snippet_language=snippet_language,
        moment=moment,
    )


def suggestion(document: dict[str, Any], language: str) -> dict[str, str]:
    """A suggestion's title and URL in the visitor's language (or the first it has)."""
    title, title_language = in_language(document.get("title", {}), language)
    return {
        "title": title,
        "lang": title_language,
        "url": in_language(document.get("url", {}), language)[0],
        "type": document.get("type", ""),
    }


def facet_values(facet: str, counts: list[tuple[str, int]], query: SearchQuery) -> list[FacetValue]:
    """An engine's ``(value, count)`` pairs as labelled, marked facet values."""
    from search.labels import facet_labels

    labels = facet_labels(facet, [value for value, _count in counts], language=query.language)
    selected = set(query.filters.get(facet, ()))
    return [
        FacetValue(value=value, label=labels[value], count=count, selected=value in selected) for value, count in counts
    ]
