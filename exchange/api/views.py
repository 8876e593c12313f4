"""The public API (Wagtail API v2): pages, images, documents and media, open content only.

* Pages are ``heritage.visibility.open_pages``: live, under no view restriction or
  unpublished page, and not closed by their own type (an oral history whose recording
  is withdrawn, restricted, community only or embargoed). Anything else is absent from
  listings and answers 404 on detail, whoever asks (a session that passed a page's
  password sees no more than anyone else).
* Images, documents and media are only those an open page uses (Wagtail's reference
  index, see ``heritage.visibility.used_by_open_pages``).
* ``?lang=en|fr|de|ar`` (default English) selects the language of translated fields,
  with fallback; ``translations`` carries every language.
* ``?city=``, ``?institution=``, ``?theme=`` filter pages in SQL, with Wagtail's own
  ``type``, ``search``, ``order``, ``limit`` and ``offset``.
* ``?search=`` on images, documents and media finds only what their listing shows
  (``filters.SearchUsedByOpenPages``); on every endpoint a search too long or an
  unknown ``search_operator`` answers 400.
* Any origin may read it (CORS), see ``exchange.cors``.
* Every absolute URL (``detail_url``, ``html_url``, ``download_url``, media and
  captions) starts with the site's public address (``exchange.api.serializers``).
"""

from __future__ import annotations

from contextlib import nullcontext

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError, get_restricted_collection_ids
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtailmedia.api.views import MediaAPIViewSet

from heritage.i18n import language_codes
from heritage.visibility import open_pages, used_by_open_pages

from .fields import DETAIL_ONLY_FIELDS, api_fields_for
from .filters import CheckedSearchFilter, FacetFilter, FieldsFilterBesideFacets, SearchUsedByOpenPages
from .serializers import PublicDocumentSerializer, PublicMediaItemSerializer, PublicPageSerializer, bind_router

LANGUAGE_PARAMETER = "lang"


class LanguageMixin:
    """``?lang=``: the language every translated value is read in (default English).

    The language is active for the whole request, so the serializers (and the page
    URLs they build) need nothing else. An unknown code answers 400.
    """

    def dispatch(self, request, *args, **kwargs):
        bind_router(request)  # detail URLs on the site's public address (exchange.api.serializers)
        code = request.GET.get(LANGUAGE_PARAMETER, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        self.language = code if code in language_codes() else None
        with translation.override(self.language) if self.language else nullcontext():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.language is None:
            raise BadRequestError(
                _("Unknown language “%(value)s” for the %(parameter)s parameter: use one of %(allowed)s.")
                % {
                    "value": request.GET.get(LANGUAGE_PARAMETER),
                    "parameter": LANGUAGE_PARAMETER,
                    "allowed": ", ".join(language_codes()),
                }
            )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.language and response.status_code < 400:
            response["Content-Language"] = self.language
        return response


class OpenPagesAPIViewSet(LanguageMixin, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [
        FieldsFilterBesideFacets,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        FacetFilter,
        CheckedSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER, *FacetFilter.facets])
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, *DETAIL_ONLY_FIELDS]

    def get_base_queryset(self):
        """Wagtail's public pages of the requested site, narrowed to the open ones
        (built once per request: the listing, its filters and the serializer share it)."""
        if not hasattr(self, "_open_pages"):
            self._open_pages = open_pages(super().get_base_queryset())
        return self._open_pages.all()

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields([*cls.body_fields, *getattr(model, "api_fields", ()), *api_fields_for(model)])


class UsedByOpenPagesMixin(LanguageMixin):
    """Only the objects at least one open page uses, searched among themselves."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchUsedByOpenPages]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union([LANGUAGE_PARAMETER])

    def get_queryset(self):
        return super().get_queryset().filter(used_by_open_pages(self.model))


class OpenImagesAPIViewSet(UsedByOpenPagesMixin, ImagesAPIViewSet):
    pass


class OpenDocumentsAPIViewSet(UsedByOpenPagesMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer


class OpenMediaAPIViewSet(UsedByOpenPagesMixin, MediaAPIViewSet):
    base_serializer_class = PublicMediaItemSerializer

    def get_queryset(self):
        # Like Wagtail's images and documents: nothing from a view-restricted collection.
        return super().get_queryset().exclude(collection__in=get_restricted_collection_ids(self.request))
