"""Absolute URLs of the API on the site's public address (``heritage.site_url``).

Wagtail's API builds ``detail_url`` and documents' ``download_url`` on
``WAGTAILAPI_BASE_URL`` or else the Wagtail Site record, and ``html_url`` from
``page.full_url`` without the request; a partner reading the API through an internal
host got a mix of both. Here every one of them is made on ``heritage.site_url.base_url``
(``HERITAGE_BASE_URL``, else the answering request's host):

* ``detail_url`` everywhere (listings, nested pages, images, the ``find`` redirect):
  the request's router is wrapped so that the paths it gives are already absolute
  (``wagtail.api.utils.get_full_url`` leaves an absolute URL as it is);
* ``html_url`` (also of a nested ``parent`` or ``alias_of``) and ``download_url``:
  fields asking the page or file for its URL with the request.
"""

from __future__ import annotations

from django.urls import NoReverseMatch

from wagtail.api.v2.serializers import PageAliasOfField, PageParentField, PageSerializer, get_serializer_class
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtailmedia.api.serializers import MediaItemSerializer

from rest_framework.fields import Field

from heritage.site_url import absolute_url


class PublicRouter:
    """The API router of one request, giving detail URLs on the public address."""

    def __init__(self, router, request):
        self._router = router
        self._request = request

    def get_object_detail_urlpath(self, model, pk):
        path = self._router.get_object_detail_urlpath(model, pk)
        return absolute_url(path, self._request) if path else path

    def __getattr__(self, name):
        return getattr(self._router, name)


def bind_router(request) -> None:
    """Wrap ``request.wagtailapi_router`` (set by ``WagtailAPIRouter.wrap_view``) once."""
    router = getattr(request, "wagtailapi_router", None)
    if router is not None and not isinstance(router, PublicRouter):
        request.wagtailapi_router = PublicRouter(router, request)


class PublicHtmlUrlField(Field):
    """``html_url``: the page's full URL in the active language, on the public address."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context.get("request")
        try:
            return absolute_url(page.get_url(request=request) or "", request) or None
        except NoReverseMatch:
            return None


class NestedPageMixin:
    """``parent`` and ``alias_of`` serialized with :class:`PublicPageSerializer`
    (Wagtail's fields hard-code its own ``PageSerializer``)."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=PublicPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class PublicParentField(NestedPageMixin, PageParentField):
    pass


class PublicAliasOfField(NestedPageMixin, PageAliasOfField):
    pass


class PublicPageSerializer(PageSerializer):
    html_url = PublicHtmlUrlField(read_only=True)
    parent = PublicParentField(read_only=True)
    alias_of = PublicAliasOfField(read_only=True)


class PublicDownloadUrlField(Field):
    """``download_url`` of a document or media item, on the public address (a file on
    object storage keeps its own absolute URL)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        return absolute_url(instance.url, self.context.get("request"))


class PublicDocumentSerializer(DocumentSerializer):
    download_url = PublicDownloadUrlField(read_only=True)


class PublicMediaItemSerializer(MediaItemSerializer):
    download_url = PublicDownloadUrlField(read_only=True)
