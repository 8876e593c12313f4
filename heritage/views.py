from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from .sitemaps import sitemap_urls


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    lines += [f"Sitemap: {url}" for url in sitemap_urls(request)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


#: Where Wagtail keeps document files under MEDIA_ROOT.
DOCUMENTS_FOLDER = "documents/"


@require_GET
def public_media(request: HttpRequest, path: str) -> HttpResponse:
    """A public media file (an image, a rendition, a document's thumbnail) from MEDIA_ROOT,
    for deployments with neither a front server nor object storage in front of the web
    processes. Renditions are never rewritten under the same name, so browsers and
    proxies may keep them a day."""
    if path.startswith(DOCUMENTS_FOLDER):
        # Documents go out through Wagtail's /documents/<id>/<name>, which asks the
        # visibility rule first (heritage.wagtail_hooks); never straight from the folder.
        raise Http404
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation:  # ../ out of MEDIA_ROOT
        raise Http404 from None
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=86400)
    return response
