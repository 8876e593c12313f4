"""What the public may see of the page tree: the one test every outward surface uses.

The sitemap, the API, IIIF manifests and OAI-PMH all publish the same pages: those
that are live, under no view restriction (password, login or group) on them or an
ancestor, under no unpublished page, and whose own ``is_open()`` says yes
(``HeritagePage.is_open``: publicly searchable; an oral history also needs a recording
anyone may hear, see ``oral_histories.consent``).

``open_pages()`` does it all in the database (each page type says which of its pages
are closed, ``HeritagePage.closed_pages``), so a paginated API or a harvest can filter
and count in SQL. ``keep_open()`` asks the loaded pages themselves (``is_open``), each
page type loading what it reads for all its pages at once (``prefetch_openness``);
the two agree, and neither costs a query per page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction


def closed_paths(root: Page | None = None) -> list[str]:
    """The tree paths that close everything under them: unpublished pages that have
    children, and pages with a view restriction. A page is in a closed subtree when
    its path starts with one of these (itself included).

    A live page under a draft is reachable by URL but not published as part of the
    site; its unpublished ancestors are the few non-live pages that have children.
    """
    drafts = Page.objects.filter(live=False, numchild__gt=0)
    if root is not None:
        drafts = drafts.descendant_of(root, inclusive=True)
    paths = list(drafts.values_list("path", flat=True))
    paths += list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return paths


def in_closed_subtree(page: Page, paths: list[str]) -> bool:
    """Whether ``page`` is under (or is) one of :func:`closed_paths`."""
    return any(page.path.startswith(path) for path in paths)


def closed_subtrees(root: Page | None = None) -> Q:
    """A filter matching every page under an unpublished page or a view restriction."""
    paths = closed_paths(root)
    closed = Q()
    for path in paths:
        closed |= Q(path__startswith=path)
    return closed


def closed_by_type() -> Q:
    """A filter matching the pages their own type closes (``HeritagePage.closed_pages``)."""
    from .models import HeritagePage

    closed = Q()
    for model in apps.get_models():
        if issubclass(model, HeritagePage) and not model._meta.abstract:
            own = model.closed_pages()
            if own is not None:
                closed |= own
    return closed


def open_pages(queryset=None, *, root: Page | None = None):
    """``queryset`` (default: every page; or those under ``root``) narrowed to the open
    pages: live, in no closed subtree, and not closed by their own type."""
    pages = Page.objects.all() if queryset is None else queryset
    if root is not None:
        pages = pages.descendant_of(root, inclusive=True)
    pages = pages.live()
    closed = closed_subtrees(root) | closed_by_type()
    return pages.exclude(closed) if closed else pages


def keep_open(pages: Iterable[Page]) -> list[Page]:
    """The (specific) pages whose ``is_open()`` says yes, each type's data loaded in bulk."""
    pages = list(pages)
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for cls, group in by_type.items():
        if hasattr(cls, "prefetch_openness"):
            cls.prefetch_openness(group)
    return [page for page in pages if getattr(page, "is_open", lambda: True)()]


def is_open(page: Page) -> bool:
    """One page, with its ancestors: the same answer ``open_pages``/``keep_open`` give."""
    page = page.specific
    return open_pages(Page.objects.filter(pk=page.pk)).exists() and keep_open([page]) == [page]
