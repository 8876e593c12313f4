"""What the API may list, in SQL: facet filters on pages, the images, documents and
media that open pages use, and ``?search=`` within those.

``city``, ``institution`` and ``theme`` mean what each page type's ``search_facets()``
says they mean (an artifact's city is its institution's city; an exhibition is in the
cities of its co-curators and of its venues; a partner city is in itself). A page type
without the facet is left out when the filter is given. An unknown value answers 400
(``{"message": …}``), as Wagtail does for an unknown ``child_of`` page.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import OrderByFieldError

from rest_framework.filters import BaseFilterBackend

from search.query import CONTROL_CHARACTERS, MAX_QUERY_LENGTH


def facet_lookups() -> dict[str, dict[type[Page], tuple[str, ...]]]:
    """``{facet: {page model: (lookups matching the facet's value, any of them)}}``."""
    from archive.models import ArtifactPage, CollectionPage
    from exhibitions.models import ExhibitionPage
    from heritage.models import PartnerCityPage
    from oral_histories.models import OralHistoryPage
    from programmes.models import EventPage

    return {
        "city": {
            ArtifactPage: ("institution__city__slug_en",),
            CollectionPage: ("institution__city__slug_en",),
            OralHistoryPage: ("institution__city__slug_en",),
            ExhibitionPage: ("co_curators__city__slug_en", "venues__city__slug_en"),
            EventPage: ("venues__city__slug_en",),
            PartnerCityPage: ("slug_en",),
        },
        "institution": {
            ArtifactPage: ("institution__code",),
            CollectionPage: ("institution__code",),
            OralHistoryPage: ("institution__code",),
            ExhibitionPage: ("co_curators__code",),
            EventPage: ("organisers__code",),
        },
        "theme": {
            ArtifactPage: ("themes__slug",),
        },
    }


def facet_exists(facet: str, value: str) -> bool:
    from heritage.models import Institution, PartnerCityPage, Theme

    if facet == "city":
        return PartnerCityPage.objects.filter(slug_en=value).exists()
    if facet == "institution":
        return Institution.objects.filter(code=value).exists()
    return Theme.objects.filter(slug=value).exists()


def facet_filter(facet: str, value: str) -> Q:
    """Pages (of any type) whose ``facet`` has ``value``: one subquery per page type."""
    match = Q(pk__in=[])
    for model, lookups in facet_lookups()[facet].items():
        condition = Q()
        for lookup in lookups:
            condition |= Q(**{lookup: value})
        match |= Q(pk__in=model.objects.filter(condition).values("pk"))
    return match


class FacetFilter(BaseFilterBackend):
    """``?city=<partner city slug_en>``, ``?institution=<code>``, ``?theme=<slug>``."""

    facets = ("city", "institution", "theme")

    def filter_queryset(self, request, queryset, view):
        for facet in self.facets:
            if facet not in request.GET:
                continue
            value = request.GET[facet].strip()
            if not value or "\x00" in value or not facet_exists(facet, value):
                raise BadRequestError(
                    _("Unknown value “%(value)s” for the %(parameter)s parameter.")
                    % {"value": value, "parameter": facet}
                )
            queryset = queryset.filter(facet_filter(facet, value))
        return queryset


class FieldsFilterBesideFacets(FieldsFilter):
    """Wagtail's ``?<field>=<value>`` filters, but ``institution`` (a foreign key on
    some page types) is the facet by code, never an id lookup."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET.copy()
        for facet in FacetFilter.facets:
            params.pop(facet, None)
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


# --- ?search= --------------------------------------------------------------------------

SEARCH_PARAMETER = "search"
OPERATOR_PARAMETER = "search_operator"
OPERATORS = ("and", "or")
#: As the site's own search.
MAX_SEARCH_LENGTH = MAX_QUERY_LENGTH
#: The best matches a search of images, documents or media considers (Elasticsearch's
#: own from/size window): enough for any listing a partner pages through.
MAX_SEARCH_MATCHES = 10_000
#: Matches checked against the listing per SQL query (below every database's limit on
#: query parameters).
MATCHES_PER_QUERY = 500


def search_input(request) -> tuple[str, str | None]:
    """``?search=`` and ``?search_operator=``, checked before any engine sees them.

    Control characters are dropped (as the site's search does); a search too long or
    an operator other than ``and``/``or`` answers 400 naming the parameter, where
    modelsearch would raise a ``ValueError`` (a 500).
    """
    text = CONTROL_CHARACTERS.sub(" ", request.GET[SEARCH_PARAMETER]).strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadRequestError(
            _("The %(parameter)s parameter is too long: use at most %(max)s characters.")
            % {"parameter": SEARCH_PARAMETER, "max": MAX_SEARCH_LENGTH}
        )
    operator = request.GET.get(OPERATOR_PARAMETER, "").strip().lower() or None
    if operator is not None and operator not in OPERATORS:
        raise BadRequestError(
            _("Unknown value “%(value)s” for the %(parameter)s parameter.")
            % {"value": request.GET[OPERATOR_PARAMETER][:20], "parameter": OPERATOR_PARAMETER}
        )
    return text, operator


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` (pages), given checked input (``search_input``)."""

    def filter_queryset(self, request, queryset, view):
        if SEARCH_PARAMETER not in request.GET:
            return queryset
        text, operator = search_input(request)
        params = request.GET.copy()
        params[SEARCH_PARAMETER] = text
        params.pop(OPERATOR_PARAMETER, None)
        if operator:
            params[OPERATOR_PARAMETER] = operator
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class SearchMatches:
    """The listing's objects a search matched, in the search's order, as the paginator
    reads them (``count()`` and ``[offset:offset + limit]``): each page is loaded from
    the listing's queryset in one query, so it is what the listing itself would give."""

    def __init__(self, queryset, pks: list):
        self.queryset = queryset
        self.pks = pks

    def count(self) -> int:
        return len(self.pks)

    def __len__(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self.queryset.get(pk=self.pks[index])
        pks = self.pks[index]
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]

    def __iter__(self):
        return iter(self[:])


class SearchUsedByOpenPages(BaseFilterBackend):
    """``?search=`` on images, documents and media, within what their listing shows.

    Wagtail's ``SearchFilter`` hands the listing's queryset to the search backend, and
    modelsearch only understands filters on indexed fields (``index.FilterField``): the
    rule "used by an open page" (``heritage.visibility.used_by_open_pages``, a subquery on the reference
    index) made every search fail (``'Exists' object has no attribute 'target'``).
    So the backend only matches the text, over the whole model (ordered as asked when
    ``order`` is given, which Wagtail also requires to be indexed), and the listing's
    own queryset (that rule, the collections the visitor may see, field filters) keeps
    the matches it would list, in SQL, in the search's order. The same rule decides
    the listing, the detail view and a search, whichever engine searches.
    """

    def filter_queryset(self, request, queryset, view):
        if SEARCH_PARAMETER not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        text, operator = search_input(request)
        order_by_relevance = "order" not in request.GET
        searched = queryset.model._default_manager.only("pk")
        if not order_by_relevance:
            searched = searched.order_by(*queryset.query.order_by)
        try:
            matches = get_search_backend().search(
                text, searched, operator=operator, order_by_relevance=order_by_relevance
            )
            ranked = [match.pk for match in matches[:MAX_SEARCH_MATCHES]]
        except OrderByFieldError as error:
            raise BadRequestError(
                f"cannot order by '{error.field_name}' while searching (field is not indexed)"
            ) from error
        listed = queryset.order_by()
        kept = set()
        for start in range(0, len(ranked), MATCHES_PER_QUERY):
            kept.update(listed.filter(pk__in=ranked[start : start + MATCHES_PER_QUERY]).values_list("pk", flat=True))
        return SearchMatches(queryset, [pk for pk in ranked if pk in kept])
