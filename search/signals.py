"""Page changes that change what search may show: each refreshes the pages concerned.

Publish and unpublish (an unpublished page closes its subtree), move (URLs of the whole
subtree change), delete, and privacy (a view restriction added, changed or removed
hides or reveals a subtree). Snippets a
document shows (a city's or theme's name) reach the index on the page's next publish
or through ``search_index verify --fix``; their labels on facets change at once
(``forget_labels``).
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from heritage.models import Institution, PartnerCityPage, RightsStatement, Theme
from heritage.signals import pages_changed
from search import sync
from search.labels import forget_labels


@receiver(pre_save)
def remember_liveness(sender, instance, raw=False, **kwargs):
    """Whether a page with children was live before this save: publishing a page that
    was not reopens its subtree (one query, only for pages with children)."""
    if raw or not isinstance(instance, Page) or not instance.pk or not instance.numchild:
        return
    instance._search_was_live = Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    # Published again after being unpublished: the live pages under it open too
    # (heritage.visibility); an edit of a live page changes only itself.
    reopened = bool(instance.numchild) and getattr(instance, "_search_was_live", True) is False
    sync.refresh([instance], descendants=reopened)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    # Unpublishing closes everything under the page: its children leave search with it.
    sync.refresh([instance], descendants=bool(instance.numchild))


@receiver(pages_changed)
def on_pages_changed(sender, pages, **kwargs):
    sync.refresh(pages)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    sync.refresh([instance], descendants=True)


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sync.remove([instance.pk])
        sync.queue([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        sync.refresh([page], descendants=True)


LABELLED = {PartnerCityPage: "city", Institution: "institution", Theme: "theme", RightsStatement: "rights"}


def on_label_change(sender, **kwargs):
    forget_labels(LABELLED[sender])


for model in LABELLED:
    post_save.connect(on_label_change, sender=model, dispatch_uid=f"search-labels-save-{model.__name__}")
    post_delete.connect(on_label_change, sender=model, dispatch_uid=f"search-labels-delete-{model.__name__}")
