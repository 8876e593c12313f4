from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .sitemaps import sitemap_urls


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /documents/"]
    lines += [f"Sitemap: {url}" for url in sitemap_urls(request)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
