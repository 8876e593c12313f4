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
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from wagtail.models import Page, PageViewRestriction, ReferenceIndex


def closed_paths(root: Page | None = None) -> list[str]:
    """The tree paths that close everything under them: unpublished pages that have
    children, and pages with a view restriction. A page is in a closed subtree when
    its path starts with one of these (itself included).

    A live page under a draft is reachable by URL but not published as part of the
    site; its unpublished ancestors are the few non-live pages that have children.
    They are read from the partial index of unpublished pages (``heritage`` migration
    0006), unordered (sorted here): ordered by ``path``, the engine walked the whole
    page table's path index instead, on every page.
    """
    drafts = Page.objects.filter(live=False, numchild__gt=0).order_by()
    if root is not None:
        drafts = drafts.descendant_of(root, inclusive=True)
    paths = sorted(drafts.values_list("path", flat=True))
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


def reachable_pages(queryset):
    """``queryset`` narrowed to the pages visitors can reach: live and in no closed
    subtree (no view restriction on them or above them, no unpublished ancestor),
    whatever their own type says (consent is asked per visitor elsewhere).

    The closed paths are read in one query (drafts with children and view restrictions
    together), as Wagtail's ``.live().public()`` reads the view restrictions: a listing
    that asks this instead costs no more."""
    drafts = Page.objects.filter(live=False, numchild__gt=0).order_by().values_list("path", flat=True)
    restricted = PageViewRestriction.objects.order_by().values_list("page__path", flat=True)
    closed = Q()
    for path in drafts.union(restricted):
        closed |= Q(path__startswith=path)
    pages = queryset.live()
    return pages.exclude(closed) if closed else pages


def closed_above(page: Page) -> tuple[bool, list[PageViewRestriction]]:
    """For a page reached through another door than its URL (an oral history's
    recording): whether an ancestor of it is unpublished, which closes it whatever its
    own ``live`` says, and the view restrictions on it or an ancestor, as Wagtail's
    ``get_view_restrictions`` finds them (an alias's from its source page).

    Two queries, what ``get_view_restrictions`` costs alone: the ancestors by their
    paths (the unique, indexed ``path``), then the restrictions."""
    steplen = Page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    ancestors = list(Page.objects.filter(path__in=paths).only("live", "alias_of_id"))
    unpublished = any(not ancestor.live for ancestor in ancestors)
    ids = {other.alias_of_id or other.pk for other in (page, *ancestors)}
    return unpublished, list(PageViewRestriction.objects.filter(page_id__in=ids))


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


def file_is_open(obj) -> bool:
    """Whether a file (an image, a document, a media item) may go to anyone: an open page
    uses it (:func:`used_by_open_pages`). A file only a draft, a restricted page or no
    page uses is for editors."""
    model = type(obj)
    return model.objects.filter(pk=obj.pk).filter(used_by_open_pages(model)).exists()
