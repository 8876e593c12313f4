"""Purge what a change changes from the front caches (wagtail.contrib.frontend_cache).

Why not Wagtail's own handlers alone: they purge a published or unpublished page's URL
in the editor's language, at its Site record's host, before the transaction commits.
Here pages have a URL per language (``/en/…``, ``/fr/…``, translated slugs), listings
show other pages, and moves, deletions, consent and privacy change what the public
sees too. So ``heritage.signals`` hands every such change to :func:`queue`, which
gathers the transaction's changes and, once it commits (never before: a visitor
between purge and commit would put the old page back into the cache):

1. moves :func:`heritage.caching.content_changed_at` forward (``Last-Modified``);
2. when ``WAGTAILFRONTENDCACHE`` names a backend, enqueues :func:`purge_pages_task`
   (django-tasks: on the worker with the database backend, inline with the immediate
   one), which purges, in every site language and at ``HERITAGE_BASE_URL``'s host:

   - the changed pages (for an unpublish or a privacy change, their whole subtree);
   - their ancestors (the section index, the home page list them), every partner city
     page and every site's home page (their sections list recent items), and the
     pages that refer to them (Wagtail's reference index: an exhibition's oral-history
     clip, an artifact showcase);
   - the sitemap;
   - every search answer the front cache may hold (``heritage.caching.share_briefly``);
   - URLs that no longer lead there (a move's or a slug change's old URLs, a deleted
     page's): worked out before the change, since afterwards they are gone.

A purge that fails never fails the editor's save. The task is retried with back-off
(:func:`heritage.tasks.retrying_task`: six attempts over about half an hour on the
worker), sending only the URLs that could not be purged; each failure is logged with
its URL. Should every attempt fail, the copy still expires after
``HERITAGE_PAGE_SHARED_CACHE_SECONDS``.

Backends: any of Wagtail's (https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html);
:class:`HTTPPurgeBackend` is Wagtail's ``HTTPBackend`` (a ``PURGE`` request, for nginx's
cache_purge module or Varnish) with a timeout, so a hung cache never holds a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, ReferenceIndex, Site

from .caching import briefly_shared_paths, mark_content_changed
from .i18n import page_urls
from .tasks import requeue, retrying_task
from .transactions import waiting_callback

logger = logging.getLogger(__name__)

#: URLs outside the page tree that list pages.
LISTING_PATHS = ("/sitemap.xml",)


class PurgeIncomplete(Exception):
    """Some URLs could not be purged (``urls``): the task is retried with those."""

    def __init__(self, urls: list[str]):
        self.urls = urls
        shown = ", ".join(urls[:3]) + (f" and {len(urls) - 3} more" if len(urls) > 3 else "")
        super().__init__(f"{len(urls)} URLs could not be purged from the front caches: {shown}")


class HTTPPurgeBackend(HTTPBackend):
    """Wagtail's ``HTTPBackend`` with a ``TIMEOUT`` (seconds, default 5), which tells
    which URLs it could not purge.

    Wagtail's opens the connection without one: a front server that accepts the
    connection and never answers would hold the worker (or, with the immediate task
    backend, the editor's request) for ever. And Wagtail's logs a failure and goes on,
    so nothing could retry it; :meth:`purge_batch` raises :class:`PurgeIncomplete`
    with the URLs that failed once it has tried them all."""

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge_batch(self, urls):
        failed = [url for url in urls if not self.purge(url)]
        if failed:
            raise PurgeIncomplete(failed)

    def purge(self, url) -> bool:
        """Purge one URL; False (and logged) when the front server could not be told."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, parts.fragment]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - the scheme is the configured LOCATION's
                return True
        except HTTPError as error:
            if error.code == 404:  # nothing was cached under that URL
                return True
            logger.error("Could not purge %s from the front cache: HTTP %s %s", url, error.code, error.reason)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the front cache: %s", url, getattr(error, "reason", error))
        return False


# --- Gathering a transaction's changes ------------------------------------------------


class PendingPurge:
    """What to purge when the current transaction commits (see the module docstring)."""

    def __init__(self):
        self.pages: set[int] = set()  # the page and what lists it
        self.subtrees: set[int] = set()  # the page, what lists it, and every page under it
        self.paths: set[str] = set()  # pages by tree path (ancestors of deleted pages)
        self.urls: set[str] = set()  # old URLs, already worked out
        self.deleted: dict[int, Page] = {}  # deleted pages: their URLs are worked out at commit

    def __call__(self):
        mark_content_changed()
        if not purging_enabled():
            return
        if self.deleted:
            self.urls |= absolute_urls(list(self.deleted.values()))
        purge_pages_task.enqueue(
            pages=sorted(self.pages), subtrees=sorted(self.subtrees), paths=sorted(self.paths), urls=sorted(self.urls)
        )


def purging_enabled() -> bool:
    return bool(get_backends())


def queue(
    *,
    pages: Iterable[int] = (),
    subtrees: Iterable[int] = (),
    paths: Iterable[str] = (),
    urls: Iterable[str] = (),
    deleted: Iterable[Page] = (),
) -> None:
    """Add to this transaction's :class:`PendingPurge` (registered with ``on_commit``
    once); outside a transaction, purge at once."""
    work = waiting_callback(lambda callback: isinstance(callback, PendingPurge))
    fresh = work is None
    if fresh:
        work = PendingPurge()
    work.pages.update(pages)
    work.subtrees.update(subtrees)
    work.paths.update(paths)
    work.urls.update(urls)
    for page in deleted:
        work.deleted.setdefault(page.pk, page)
    if fresh:
        transaction.on_commit(work, robust=True)


def subtree_urls(page: Page) -> set[str]:
    """Every URL of ``page`` and the pages under it, now (before a move or a deletion)."""
    pages = [page, *Page.objects.descendant_of(page)] if page.numchild else [page]
    return absolute_urls(pages)


def renamed_urls(page: Page, before: Page) -> set[str]:
    """The URLs a slug change took away from ``page`` and the pages under it: each
    descendant's current URL with the page's new URL prefix put back to the old one."""
    new, old = page_urls([page])[page.pk], page_urls([before])[before.pk]
    urls: set[str] = set()
    descendants = list(Page.objects.descendant_of(page)) if page.numchild else []
    by_page = page_urls(descendants)
    for code, old_url in old.items():
        new_url = new.get(code)
        if not new_url or new_url == old_url:
            continue
        urls.add(old_url)
        for language_urls in by_page.values():
            url = language_urls.get(code, "")
            if url.startswith(new_url):
                urls.add(old_url + url[len(new_url) :])
    return {absolute(url) for url in urls}


# --- Working out the URLs and purging (on the worker) ---------------------------------


def base_url() -> str:
    """Where visitors reach the site: ``HERITAGE_BASE_URL``, else the default site's root."""
    configured = (getattr(settings, "HERITAGE_BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else "http://localhost"


def absolute(url: str, base: str | None = None) -> str:
    """The URL at the public base: a page URL's path and query on ``base``."""
    parts = urlsplit(url)
    return (base or base_url()) + urlunsplit(("", "", parts.path, parts.query, ""))


def absolute_urls(pages: list[Page]) -> set[str]:
    base = base_url()
    return {absolute(url, base) for by_language in page_urls(pages).values() for url in by_language.values()}


def pages_to_purge(*, pages: Iterable[int], subtrees: Iterable[int], paths: Iterable[str]) -> list[Page]:
    """The changed pages (with their subtrees), what lists them and what refers to them."""
    changed = set(pages) | set(subtrees)
    roots = list(Page.objects.filter(pk__in=subtrees).values_list("path", flat=True))
    for path in roots:
        changed.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    page_type = ContentType.objects.get_for_model(Page)
    referrers = ReferenceIndex.objects.filter(
        to_content_type=page_type, to_object_id__in=[str(pk) for pk in changed], base_content_type=page_type
    ).values_list("object_id", flat=True)
    changed.update(int(pk) for pk in referrers)
    # Ancestors (depth > 1: not the tree's root, which has no URL), by path.
    wanted_paths = set(paths)
    for path in Page.objects.filter(pk__in=changed).values_list("path", flat=True):
        wanted_paths.update(path[:end] for end in range(Page.steplen * 2, len(path), Page.steplen))
    from .models import PartnerCityPage

    listing = Page.objects.filter(path__in=wanted_paths) | Page.objects.filter(pk__in=Site.objects.values("root_page"))
    found = {page.pk: page for page in Page.objects.filter(pk__in=changed)}
    found.update((page.pk, page) for page in listing)
    found.update((page.pk, page) for page in Page.objects.type(PartnerCityPage))
    return sorted(found.values(), key=lambda page: page.path)


#: Seconds before the first retry of a failed purge (then doubled each time).
PURGE_BACKOFF = 30


@retrying_task(attempts=6, backoff=PURGE_BACKOFF)
def purge_pages_task(*, pages: list[int], subtrees: list[int], paths: list[str], urls: list[str]) -> int:
    """Purge the pages a change touched, in every language, and ``urls``; returns how
    many URLs were sent to the front caches.

    What could not be purged is handed to :func:`purge_urls_task`, retried on its own:
    the retry sends those URLs again, worked out now (a page deleted or moved meanwhile
    must still leave the cache under the URL it had)."""
    everything = set(urls) | absolute_urls(pages_to_purge(pages=pages, subtrees=subtrees, paths=paths))
    base = base_url()
    everything.update(base + path for path in LISTING_PATHS)
    shared, unknown = briefly_shared_urls()
    purge_and_retry(sorted(everything | shared))
    if unknown:
        raise unknown  # retried whole: the search answers it could not list may be stale
    return len(everything | shared)


def briefly_shared_urls() -> tuple[set[str], Exception | None]:
    """The search answers a front cache may hold now (``heritage.caching.share_briefly``),
    and the error when Redis could not tell."""
    import redis

    try:
        paths = briefly_shared_paths()
    except redis.RedisError as error:
        logger.error("Could not list the search answers shared with the front cache: %s", error)
        return set(), error
    base = base_url()
    return {base + path for path in paths}, None


def purge_briefly_shared() -> int:
    """Purge every search answer a front cache may hold: once a search engine has taken
    a change (``search.tasks``), an answer cached in between must go too."""
    if not purging_enabled():
        return 0
    shared, unknown = briefly_shared_urls()
    if unknown:
        raise unknown
    purge_and_retry(sorted(shared))
    return len(shared)


def purge_and_retry(urls: list[str]) -> None:
    """Purge ``urls``; what fails is sent again later by :func:`purge_urls_task`."""
    failed = purge_urls(urls)
    if failed and not requeue(purge_urls_task, (), {"urls": failed}, attempt=2, backoff=PURGE_BACKOFF, coalesce=False):
        logger.error("%d URLs could not be purged and are not retried (no task worker): %s", len(failed), failed)


@retrying_task(attempts=6, backoff=PURGE_BACKOFF)
def purge_urls_task(*, urls: list[str]) -> int:
    """Purge ``urls`` again; raises :class:`PurgeIncomplete` (and so is retried) while
    any still fail."""
    failed = purge_urls(urls)
    if failed:
        raise PurgeIncomplete(failed)
    return len(urls)


def purge_urls(urls: list[str]) -> list[str]:
    """Send ``urls`` to every configured backend that serves their host; returns the URLs
    some backend could not purge. A backend that fails is logged and the others still
    purge."""
    failed: set[str] = set()
    for name, backend in get_backends().items():
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).netloc)]
        if not mine:
            continue
        try:
            backend.purge_batch(mine)
        except PurgeIncomplete as error:
            failed.update(error.urls)
        except Exception:
            logger.exception("The front cache %r could not purge %d URLs", name, len(mine))
            failed.update(mine)
    if urls:
        logger.info("Purged %d of %d URLs from the front caches", len(urls) - len(failed), len(urls))
    return sorted(failed)
