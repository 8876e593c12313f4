"""The sitemap (``/sitemap.xml``): every open page in every language, with its alternates.

Each page is one ``<url>`` per site language, at its real translated URL (the same
URLs as the pages' own ``hreflang`` links, :func:`heritage.i18n.page_urls`), with an
``<xhtml:link rel="alternate">`` for every language and ``x-default`` (English), and
its last publication as ``<lastmod>``
(https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).

Which pages: those of the request's Wagtail site that are live, with no view
restriction on them or an ancestor (``PageQuerySet.public()``), under no unpublished
page, and whose ``is_open()`` says yes (``HeritagePage``: publicly searchable; an
oral history also needs a public recording, see ``OralHistoryPage.is_open``).

It costs the same handful of queries whatever the number of pages: the candidates
come from one ``.specific()`` queryset (a query per page type), each page type loads
what ``is_open`` reads for all its pages at once (``prefetch_openness``), and
URLs are computed from the loaded ``url_path_<code>`` columns. Django's sitemap view
renders it and serves later pages as ``?p=2`` …; a page holds up to
:attr:`PageSitemap.limit` Wagtail pages, that is four times as many ``<url>``
(the sitemap protocol allows 50,000). ``robots.txt`` lists every page. Every address
starts with the site's public one (``heritage.site_url``), whatever host answered.
https://docs.djangoproject.com/en/5.2/ref/contrib/sitemaps/
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from .i18n import language_codes, page_urls
from .site_url import absolute_url
from .visibility import keep_open, open_pages

#: Wagtail pages per sitemap page: 4 languages × 12,500 = 50,000 ``<url>``, the protocol's limit.
PAGES_PER_SITEMAP = 50_000 // 4


class PageSitemap(Sitemap):
    """Open pages of the request's site, one entry per language (see the module's docstring)."""

    limit = PAGES_PER_SITEMAP

    def __init__(self, request: HttpRequest):
        self.request = request

    def candidates(self):
        """Live, public pages of this site under no unpublished page, in tree order
        (``is_open`` is asked later, page by page, on the loaded objects)."""
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        pages = open_pages(root=site.root_page)
        return pages.order_by("path").defer_streamfields().specific()

    def items(self):
        return self.candidates()

    @property
    def paginator(self) -> Paginator:
        return Paginator(self.items(), self.limit)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at or page.first_published_at

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        """``<url>`` entries for one sitemap page: every open page in every language."""
        pages = keep_open(self.paginator.page(page).object_list)
        urls = page_urls(pages, request=self.request)
        entries = []
        lastmods = []
        for item in pages:
            by_language = {code: absolute_url(url, self.request) for code, url in urls[item.pk].items()}
            if not by_language:
                continue  # not routable on this site
            alternates = [
                {"lang_code": code, "location": by_language[code]} for code in language_codes() if code in by_language
            ]
            default = by_language.get(settings.LANGUAGE_CODE)
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            lastmod = self.lastmod(item)
            lastmods.append(lastmod)
            for location in by_language.values():
                entries.append({"item": item, "location": location, "lastmod": lastmod, "alternates": alternates})
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return entries

    def num_pages(self) -> int:
        """How many sitemap pages there are (for robots.txt), from one count query."""
        return max(1, math.ceil(self.items().count() / self.limit))


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml`` (``?p=2`` … for later pages), rendered by Django's sitemap view."""
    return django_sitemap(request, {"pages": PageSitemap(request)})


def sitemap_urls(request: HttpRequest) -> list[str]:
    """The absolute URL of every sitemap page, as robots.txt lists them."""
    base = absolute_url(reverse("sitemap"), request)
    count = PageSitemap(request).num_pages()
    return [base] + [f"{base}?p={number}" for number in range(2, count + 1)]
