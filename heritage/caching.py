"""HTTP caching of public pages: who may keep a copy, for how long, and how to check it.

Why: a page that anyone may read, asked for by anyone, is the same bytes for every
visitor until an editor changes something, so a reverse proxy (nginx, see
``deploy/nginx/``) or a CDN may hold it and answer without Python. Everything else —
a page for a logged-in user, a page behind a view restriction or under a draft, an oral
history whose recording is not open to everyone, a response that sets a cookie or
carries a CSRF token — must never sit in a shared cache.

The design, in two halves, because Wagtail has no hook that sees a page's *finished*
response:

* an ``on_serve_page`` hook (``heritage.wagtail_hooks``) remembers on the request which
  page Wagtail is serving (https://docs.wagtail.org/en/stable/reference/hooks.html#on-serve-page);
* :class:`PageCacheMiddleware`, placed outside the session, CSRF and message
  middleware, sees the final response (its cookies, its ``Vary``) and decides:

  - open page, anonymous GET/HEAD, status 200, no cookie set, no query string:
    ``Cache-Control: public, max-age=…, s-maxage=…``, ``Last-Modified`` and
    ``Vary: Cookie``;
  - open page with a query string (a filtered or paginated listing, ``?t=`` on a
    player): ``Cache-Control: no-cache`` — public, but a shared cache must ask again
    each time, because a purge reaches the bare URL only (the query strings a visitor
    may type are endless), and a listing that still showed a withdrawn recording's
    title for minutes would leak;
  - anything personal or closed: Django's ``add_never_cache_headers`` (``private,
    no-store``) and ``Vary: Cookie``.

  Django's own ``ConditionalGetMiddleware``, placed just outside it, adds the ETag (a
  hash of the body) and answers ``304 Not Modified`` to ``If-None-Match`` /
  ``If-Modified-Since`` (https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.http).

Search answers (the page and the JSON API) are shared *briefly*
(:func:`share_briefly`): a front cache may hold an anonymous answer for
``HERITAGE_SEARCH_SHARED_CACHE_SECONDS`` (10), so a search that many visitors run at
once (a festival's link, a suggestion) costs the web processes one answer, not one each.
Their URLs are endless, so a purge cannot name them from the change: each one shared is
written down instead, in Redis, until its copy has expired (:func:`briefly_shared_paths`),
and every purge sends all of those too (``heritage.cache_purge``), once the database
changes and again once Elasticsearch has them. So a withdrawn recording's transcript
lines leave the front cache with its page. Without Redis (one process, or no way for
the worker to know) or without a front cache to purge, they are not shared at all.

``Last-Modified`` is the later of the page's ``last_published_at`` and the site's last
content change (:func:`content_changed_at`, moved forward by every purge): a home or
city page lists other pages, so its own publication date alone would let a client that
only sends ``If-Modified-Since`` keep a stale listing. The ETag is exact either way.
"""

from __future__ import annotations

import datetime
import functools
import logging
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from wagtail.models import Page

logger = logging.getLogger(__name__)

#: The request attribute the ``on_serve_page`` hook sets: the page being served.
SERVED_PAGE = "_heritage_served_page"
#: The cache key of the site's last content change (shared across processes with Redis).
CHANGED_AT_KEY = "heritage:content-changed-at"


def page_cache_seconds() -> int:
    """How long a browser may reuse a public page (``HERITAGE_PAGE_CACHE_SECONDS``)."""
    return int(getattr(settings, "HERITAGE_PAGE_CACHE_SECONDS", 300))


def shared_cache_seconds() -> int:
    """How long a shared cache (nginx, a CDN) may hold it: purges reach those, so it
    may be longer than the browser's (``HERITAGE_PAGE_SHARED_CACHE_SECONDS``)."""
    return int(getattr(settings, "HERITAGE_PAGE_SHARED_CACHE_SECONDS", page_cache_seconds()))


#: The share of ``shared_cache_seconds`` taken off at random from each page's ``s-maxage``.
SHARED_JITTER = 0.2


def jittered(seconds: int) -> int:
    """``seconds`` less a random part of up to :data:`SHARED_JITTER` of it.

    Pages cached together (a front cache warmed, a purge of every city page) would
    otherwise expire together, and each expired page costs the visitor who asks first
    one render in the web processes (nginx refreshes it behind that visitor's
    connection): hundreds at once under load made the whole front wait on the web
    processes (bench/load.py: 34 requests/s instead of 40,000 for seconds). Spread out,
    they cost one render each, here and there."""
    return seconds - random.randint(0, int(seconds * SHARED_JITTER))  # noqa: S311 (not for security)


def remember_served_page(request: HttpRequest, page: Page, args, kwargs) -> None:
    """Called by the ``on_serve_page`` hook before the page is served."""
    setattr(request, SERVED_PAGE, (page, bool(args or kwargs)))


def content_changed_at() -> datetime.datetime:
    """The site's last content change, whole seconds (HTTP dates have no fraction).

    Unknown (a cache flushed or restarted): now, remembered from then on, so a validator
    never goes back in time and no client keeps a copy older than the flush."""
    stamp = cache.get(CHANGED_AT_KEY)
    if stamp is None:
        now = int(timezone.now().timestamp())
        cache.add(CHANGED_AT_KEY, now, timeout=None)
        stamp = cache.get(CHANGED_AT_KEY, now)
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)


def mark_content_changed() -> None:
    """Move :func:`content_changed_at` forward, by at least one second: two changes in
    the same second still give two different ``Last-Modified`` values."""
    previous = cache.get(CHANGED_AT_KEY)
    now = int(timezone.now().timestamp())
    cache.set(CHANGED_AT_KEY, max(now, previous + 1) if previous is not None else now, timeout=None)


def last_modified(page: Page) -> datetime.datetime:
    changed = content_changed_at()
    published = page.last_published_at
    return max(changed, published.replace(microsecond=0)) if published else changed


def page_is_open(page: Page) -> bool:
    """The one rule of ``heritage.visibility`` (live, no draft above it, no view
    restriction on it or an ancestor, and its own ``is_open()``: an oral history only
    when anyone may hear its recording), asked of one served page in one query.

    ``heritage.visibility.is_open`` gives the same answer (a test holds them together)
    but reads every restriction and draft of the site; this runs on every anonymous
    page view.
    """
    if not page.live:
        return False
    steplen = Page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    closed_above = Page.objects.filter(path__in=paths).filter(Q(live=False) | Q(view_restrictions__isnull=False))
    if closed_above.exists():
        return False
    return getattr(page.specific_deferred, "is_open", lambda: True)()


def why_not_shared(request: HttpRequest, response: HttpResponse, page: Page) -> str:
    """Why this page's response must never be kept by a shared cache ("" if it may)."""
    reason = why_personal(request, response)
    if reason:
        return reason
    if not page_is_open(page):
        return "closed"
    return ""


def why_personal(request: HttpRequest, response: HttpResponse) -> str:
    """Why this response is not the same for every visitor ("" when it is)."""
    if getattr(request, "is_preview", False):
        return "preview"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "logged in"
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "sets a cookie"
    if response.streaming:
        return "streaming"
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & {"private", "no-store", "no-cache"}:
        return "the view said so"
    return ""


# --- Answers shared briefly (search) ---------------------------------------------------

#: The Redis sorted set of briefly shared paths, each scored with when its last copy expires.
BRIEFLY_SHARED_KEY = "hc:heritage:briefly-shared"
#: Seconds a path stays written down after its copy's ``s-maxage``: longer than the front
#: server may go on serving an expired copy while it refreshes it (the nginx template's
#: search location gives that refresh 15 s), with room to spare.
BRIEFLY_SHARED_MARGIN = 30


def briefly_shared_seconds() -> int:
    """How long a front cache may hold a search answer (``HERITAGE_SEARCH_SHARED_CACHE_SECONDS``; 0: never)."""
    return int(getattr(settings, "HERITAGE_SEARCH_SHARED_CACHE_SECONDS", 10))


@functools.cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def briefly_shared_registry():
    """The Redis client keeping the briefly shared paths (``REDIS_URL``), or None."""
    url = getattr(settings, "REDIS_URL", "")
    return _redis(url) if url else None


def share_briefly(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Let a front cache hold ``response`` for :func:`briefly_shared_seconds`, when it is
    the same for every visitor and every copy of it can be purged (module docstring);
    otherwise leave it as it is (not shared: no ``Cache-Control: public``)."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    seconds = briefly_shared_seconds()
    registry = briefly_shared_registry()
    if seconds <= 0 or registry is None or request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if why_personal(request, response) or not get_backends():
        return response
    path = request.get_full_path()
    if path != request.path + ("?" + request.META["QUERY_STRING"] if request.META.get("QUERY_STRING") else ""):
        # The front cache keys on the request line as sent; a purge must name it exactly.
        return response
    import redis

    try:
        # Written down before the answer leaves: a purge running meanwhile already sees it.
        registry.zadd(BRIEFLY_SHARED_KEY, {path: time.time() + seconds + BRIEFLY_SHARED_MARGIN})
    except redis.RedisError:
        logger.warning("Search answers are not shared: Redis did not answer", exc_info=True)
        return response
    patch_vary_headers(response, ("Cookie",))
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    return response


def briefly_shared_paths() -> list[str]:
    """The paths of every briefly shared answer a front cache may still hold (and the
    expired ones forgotten). Raises ``redis.RedisError`` when Redis does not answer."""
    registry = briefly_shared_registry()
    if registry is None:
        return []
    registry.zremrangebyscore(BRIEFLY_SHARED_KEY, "-inf", time.time())
    return [path.decode() for path in registry.zrange(BRIEFLY_SHARED_KEY, 0, -1)]


class PageCacheMiddleware:
    """Cache headers on the pages Wagtail serves (see the module docstring).

    Place it after ``django.middleware.http.ConditionalGetMiddleware`` and before
    ``SessionMiddleware``, ``CsrfViewMiddleware`` and ``MessageMiddleware``, so that it
    sees the cookies they set and ConditionalGetMiddleware sees its headers.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        served = getattr(request, SERVED_PAGE, None)
        if served is None or request.method not in ("GET", "HEAD"):
            return response
        page, subroute = served
        reason = why_not_shared(request, response, page)
        patch_vary_headers(response, ("Cookie",))
        if reason:
            add_never_cache_headers(response)
            return response
        if response.status_code != 200 or subroute:
            # Redirects, errors and routable sub-pages: a purge would not reach them.
            return response
        response["Last-Modified"] = http_date(last_modified(page).timestamp())
        if request.META.get("QUERY_STRING"):
            patch_cache_control(response, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=page_cache_seconds(), s_maxage=jittered(shared_cache_seconds())
            )
        return response
