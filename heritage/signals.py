"""Signals any app may send without knowing who listens (apps depend downward only),
and the heritage app's own receivers.

``pages_changed``: something outside a page's revisions changed what the public may
see of these pages (consent on a recording, a withdrawn item). Send with
``pages=[page, …]``; the search app re-indexes them at once. A sender whose pages
are current and carry every relation they show (the bulk importer builds them so)
adds ``loaded=True``: listeners may then use the objects instead of loading them again.

The receivers below hand every change of what visitors see — publish, unpublish, a
slug change, a move, a deletion, a view restriction added, changed or removed,
``pages_changed`` — to ``heritage.cache_purge.queue``, which purges the front caches
once the transaction commits. Senders are named lazily ("wagtailcore.…"): this module
is imported while apps load.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

pages_changed = Signal()

RESTRICTION = "wagtailcore.PageViewRestriction"


def _ancestor_paths(path: str) -> list[str]:
    from wagtail.models import Page

    return [path[:end] for end in range(Page.steplen * 2, len(path), Page.steplen)]


@receiver(page_published, dispatch_uid="heritage.purge.published")
def purge_on_publish(sender, instance, **kwargs):
    from .cache_purge import queue

    queue(pages=[instance.pk])


@receiver(page_unpublished, dispatch_uid="heritage.purge.unpublished")
def purge_on_unpublish(sender, instance, **kwargs):
    """The pages under an unpublished page stay live but sit under a draft: closed."""
    from .cache_purge import queue

    queue(subtrees=[instance.pk])


@receiver(page_slug_changed, dispatch_uid="heritage.purge.slug_changed")
def purge_on_slug_change(sender, instance, instance_before, **kwargs):
    from .cache_purge import queue, renamed_urls

    queue(urls=renamed_urls(instance, instance_before), subtrees=[instance.pk])


@receiver(pre_page_move, dispatch_uid="heritage.purge.before_move")
def purge_before_move(sender, instance, parent_page_before, **kwargs):
    """The subtree's old URLs, in every language, while they still lead there."""
    from .cache_purge import queue, subtree_urls

    queue(urls=subtree_urls(instance), pages=[parent_page_before.pk])


@receiver(post_page_move, dispatch_uid="heritage.purge.moved")
def purge_after_move(sender, instance, **kwargs):
    from .cache_purge import queue

    queue(pages=[instance.pk])


@receiver(pre_delete, dispatch_uid="heritage.purge.deleted")
def purge_on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.pk:
        from .cache_purge import queue

        queue(deleted=[instance], paths=_ancestor_paths(instance.path))


@receiver(post_save, sender=RESTRICTION, dispatch_uid="heritage.purge.restriction_saved")
@receiver(post_delete, sender=RESTRICTION, dispatch_uid="heritage.purge.restriction_deleted")
def purge_on_privacy_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .cache_purge import queue

    queue(subtrees=[instance.page_id])


@receiver(pages_changed, dispatch_uid="heritage.purge.pages_changed")
def purge_on_pages_changed(sender, pages, **kwargs):
    from .cache_purge import queue

    queue(pages=[page.pk for page in pages])
