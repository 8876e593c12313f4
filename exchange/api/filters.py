"""What the API may list, in SQL: facet filters on pages, and the images, documents
and media that open pages use.

``city``, ``institution`` and ``theme`` mean what each page type's ``search_facets()``
says they mean (an artifact's city is its institution's city; an exhibition is in the
cities of its co-curators and of its venues; a partner city is in itself). A page type
without the facet is left out when the filter is given. An unknown value answers 400
(``{"message": …}``), as Wagtail does for an unknown ``child_of`` page.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, ReferenceIndex

from rest_framework.filters import BaseFilterBackend

from heritage.visibility import open_pages


def facet_lookups() -> dict[str, dict[type[Page], tuple[str, ...]]]:
    """``{facet: {page model: (lookups matching the facet's value, any of them)}}``."""
    from archive.models import ArtifactPage, CollectionPage
    from exhibitions.models import ExhibitionPage
    from heritage.models import PartnerCityPage
    from oral_histories.models import OralHistoryPage

    return {
        "city": {
            ArtifactPage: ("institution__city__slug_en",),
            CollectionPage: ("institution__city__slug_en",),
            OralHistoryPage: ("institution__city__slug_en",),
            ExhibitionPage: ("co_curators__city__slug_en", "venues__city__slug_en"),
            PartnerCityPage: ("slug_en",),
        },
        "institution": {
            ArtifactPage: ("institution__code",),
            CollectionPage: ("institution__code",),
            OralHistoryPage: ("institution__code",),
            ExhibitionPage: ("co_curators__code",),
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


def used_by_open_pages(model) -> Exists:
    """A filter on ``model`` (images, documents, media) keeping the objects that at
    least one open page refers to, as Wagtail's reference index records it: foreign
    keys on the page (hero and cover images), on its inline children (an artifact's
    gallery images), chooser blocks in its StreamFields (every language's) and links
    or embeds in its rich text. The index is kept by Wagtail on each save of the page
    row, which holds the live content, never a draft's."""
    page_type = ContentType.objects.get_for_model(Page)
    target_type = ReferenceIndex._get_base_content_type(model)
    open_ids = open_pages().annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
    return Exists(
        ReferenceIndex.objects.filter(
            base_content_type=page_type,
            object_id__in=open_ids,
            to_content_type=target_type,
            to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )
