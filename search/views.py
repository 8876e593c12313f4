"""The public search page and the JSON API: both ask ``get_engine()``, never a backend.

Bad input is a 400 naming the parameter (``SearchInputError``); an engine failure
falls back to the database inside the engine (``degraded`` results, a notice on the
page); nothing an engine says is shown to a visitor.
"""

from __future__ import annotations

import math
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Site

from heritage.caching import share_briefly
from heritage.models import site_navigation
from heritage.site_url import absolute_url
from search.engine import get_engine
from search.labels import FACET_NAMES, TYPE_LABELS, facet_labels
from search.query import FACETS, MAX_PAGED_RESULTS, PAGE_SIZE, FacetValue, SearchInputError, SearchQuery

SUGGESTION_MIN_LENGTH = 2
SUGGESTION_MAX_LENGTH = 100


def query_string(params: QueryDict, **changes) -> str:
    """``params`` with some keys replaced (a list), removed (None), as ``?…``."""
    data = params.copy()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, value if isinstance(value, list) else [value])
    return "?" + data.urlencode() if data else "?"


@require_GET
def api_search(request: HttpRequest) -> JsonResponse:
    try:
        query = SearchQuery.from_params(request.GET, default_language=settings.LANGUAGE_CODE)
        results = get_engine().search(query)
    except SearchInputError as error:
        return JsonResponse({"error": {"param": error.param, "message": error.message}}, status=400)
    payload = results.as_json()
    if results.next_after:
        payload["next"] = absolute_url(
            request.path + query_string(request.GET, after=results.next_after, page=None), request
        )
    return shared_unless_degraded(request, JsonResponse(payload, json_dumps_params={"ensure_ascii": False}), results)


@require_GET
def api_suggest(request: HttpRequest) -> JsonResponse:
    typed = request.GET.get("q", "").strip()[:SUGGESTION_MAX_LENGTH]
    language = request.GET.get("lang") or settings.LANGUAGE_CODE
    try:
        SearchQuery.from_params(QueryDict(f"lang={quote(language)}"), default_language=language)
    except SearchInputError as error:
        return JsonResponse({"error": {"param": error.param, "message": error.message}}, status=400)
    suggestions = get_engine().suggest(typed, language) if len(typed) >= SUGGESTION_MIN_LENGTH else []
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    language = get_language()
    params = request.GET.copy()
    params.pop("lang", None)  # the page's language is its URL's
    context = {"q": params.get("q", ""), "sort": params.get("sort") or "relevance", "error": None, "results": None}
    site = Site.find_for_request(request)
    if site is not None:
        context["site_navigation"] = site_navigation(page=site.root_page)
    try:
        query = SearchQuery.from_params(params, default_language=language)
        results = get_engine().search(query)
    except SearchInputError as error:
        context["error"] = error
        return render(request, "search/search_page.html", context, status=400)
    context.update(query=query, results=results, **navigation(params, query, results))
    context["facet_groups"] = facet_groups(params, query, results)
    context["hits"] = decorated_hits(results, language)
    return shared_unless_degraded(request, render(request, "search/search_page.html", context), results)


def shared_unless_degraded(request: HttpRequest, response: HttpResponse, results) -> HttpResponse:
    """A front cache may hold an answer for a few seconds (``heritage.caching.share_briefly``),
    but never one the database gave while the search engine was away: the next visitor
    should get the engine's answer as soon as it is back."""
    return response if results.degraded else share_briefly(request, response)


def navigation(params: QueryDict, query: SearchQuery, results) -> dict:
    """Previous/next links and numbered pages; cursors beyond the last numbered page."""
    last_page = max(1, math.ceil(min(results.total, MAX_PAGED_RESULTS) / PAGE_SIZE))
    pages = []
    if not query.after:
        window = range(max(1, query.page - 3), min(last_page, query.page + 3) + 1)
        pages = [
            {"number": n, "url": query_string(params, page=None if n == 1 else str(n), after=None)} for n in window
        ]
    previous_url = None
    if not query.after and query.page > 1:
        previous_url = query_string(params, page=None if query.page == 2 else str(query.page - 1))
    next_url = None
    if results.next_after:
        if not query.after and query.page < last_page:
            next_url = query_string(params, page=str(query.page + 1))
        else:
            next_url = query_string(params, page=None, after=results.next_after)
    beyond = not query.after and query.page > last_page and results.total > 0
    return {
        "pages": pages,
        "previous_url": previous_url,
        "next_url": next_url,
        "beyond_last_page": beyond,
        "last_page": last_page,
        "first_page_url": query_string(params, page=None, after=None),
    }


def facet_groups(params: QueryDict, query: SearchQuery, results) -> list[dict]:
    """Each facet with its values as links that add or remove the value."""
    groups = []
    base = params.copy()
    base.pop("page", None)
    base.pop("after", None)
    for facet in FACETS:
        values = []
        for value in results.facets.get(facet, []):
            chosen = list(query.filters.get(facet, ()))
            toggled = [v for v in chosen if v != value.value] if value.selected else [*chosen, value.value]
            values.append({"value": value, "url": query_string(base, **{facet: toggled or None})})
        # A selected value with no match left still shows, so it can be removed.
        shown = {v["value"].value for v in values}
        missing = [v for v in query.filters.get(facet, ()) if v not in shown]
        labels = facet_labels(facet, missing, language=query.language) if missing else {}
        for value in missing:
            rest = [v for v in query.filters[facet] if v != value]
            values.append(
                {
                    "value": FacetValue(value=value, label=labels[value], count=0, selected=True),
                    "url": query_string(base, **{facet: rest or None}),
                }
            )
        if values:
            groups.append({"name": facet, "label": FACET_NAMES[facet], "values": values})
    return groups


def decorated_hits(results, language: str) -> list[dict]:
    """Each hit with the labels of its type, institutions and cities in ``language``."""
    labels: dict[str, dict[str, str]] = {}
    for facet in ("city", "institution"):
        known = {value.value: value.label for value in results.facets.get(facet, [])}
        wanted = {v for hit in results.hits for v in getattr(hit, facet)} - set(known)
        if wanted:
            known.update(facet_labels(facet, sorted(wanted), language=language))
        labels[facet] = known
    return [
        {
            "hit": hit,
            "type": str(TYPE_LABELS.get(hit.type, hit.type)),
            "institutions": [labels["institution"].get(v, v) for v in hit.institution],
            "cities": [labels["city"].get(v, v) for v in hit.city],
        }
        for hit in results.hits
    ]
