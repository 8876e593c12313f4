"""Signals any app may send without knowing who listens (apps depend downward only),
and the one set of receivers that follows page changes.

``pages_changed``: something outside a page's revisions changed what the public may
see of these pages (consent on a recording, a withdrawn item). Send with
``pages=[page, …]``. A sender whose pages are current and carry every relation they
show (the bulk importer builds them so) adds ``loaded=True``: writers may then use the
objects instead of loading them again.

Every change of what visitors see — publish, unpublish, a slug change, a move, a
deletion, a view restriction added, changed or removed, ``pages_changed``, a renamed
institution, theme, place, person or rights statement — goes to two places from here:

- ``heritage.outbox.record``: rows in the same transaction, which every index writer
  (the search indexes, Wagtail's own, the OAI-PMH records) carries on from there;
- ``heritage.cache_purge.queue``: the front caches, purged once the transaction
  commits (with the URLs as they were before a move or a deletion).

Senders are named lazily ("wagtailcore.…"): this module is imported while apps load.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
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


# --- the outbox: every index writer reads what these record ----------------------------


def _outbox():
    from . import outbox

    return outbox


def _is_page(instance) -> bool:
    from wagtail.models import Page

    return isinstance(instance, Page)


@receiver(pre_save, dispatch_uid="heritage.outbox.remember_liveness")
def remember_liveness(sender, instance, raw=False, **kwargs):
    """Whether a page with children was live before this save: publishing a page that
    was not reopens its subtree (one query, only for pages with children)."""
    if raw or not _is_page(instance) or not instance.pk or not instance.numchild:
        return
    from wagtail.models import Page

    instance._outbox_was_live = Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()


@receiver(post_save, dispatch_uid="heritage.outbox.saved")
def record_save(sender, instance, raw=False, created=False, **kwargs):
    """Any save of a page (a draft too): the editors' search follows it."""
    from .models import HeritagePage

    if not raw and isinstance(instance, HeritagePage):
        _outbox().record([instance.pk], editors_only=True)


@receiver(m2m_changed, dispatch_uid="heritage.outbox.relations_saved")
def record_relations_saved(sender, instance, action, reverse=False, **kwargs):
    """A page's many-to-many relations are written after its ``post_save`` (modelcluster
    commits them after the row): the eager writers that read them write it again."""
    from .models import HeritagePage

    if not reverse and action in ("post_add", "post_remove", "post_clear") and isinstance(instance, HeritagePage):
        _outbox().relations_saved([instance.pk])


@receiver(page_published, dispatch_uid="heritage.outbox.published")
def record_publish(sender, instance, **kwargs):
    """The page's content; published again after being unpublished, the live pages
    under it open too (heritage.visibility)."""
    from .models import PartnerCityPage

    reopened = bool(instance.numchild) and getattr(instance, "_outbox_was_live", True) is False
    _outbox().record([instance.pk], subtrees=[instance.pk] if reopened else ())
    if isinstance(instance, PartnerCityPage):
        # Its name and slug are on every record held in the city (a harvesting set).
        _outbox().record(pages_of_city(instance), defer=True)


@receiver(page_unpublished, dispatch_uid="heritage.outbox.unpublished")
def record_unpublish(sender, instance, **kwargs):
    """Unpublishing closes everything under the page."""
    _outbox().record([instance.pk], subtrees=[instance.pk], content=False)


@receiver(page_slug_changed, dispatch_uid="heritage.outbox.slug_changed")
def record_slug_change(sender, instance, instance_before, **kwargs):
    """Every URL under the page changed."""
    _outbox().record(subtrees=[instance.pk], subtree_content=True)


@receiver(post_page_move, dispatch_uid="heritage.outbox.moved")
def record_move(sender, instance, **kwargs):
    """Its URLs changed, and it may now sit under a draft or a restriction."""
    _outbox().record([instance.pk], subtrees=[instance.pk], subtree_content=True)


def record_delete(sender, instance, **kwargs):
    """Sent for every page the cascade removes."""
    if _is_page(instance):
        _outbox().record([instance.pk])


@receiver(post_save, sender=RESTRICTION, dispatch_uid="heritage.outbox.restriction_saved")
@receiver(post_delete, sender=RESTRICTION, dispatch_uid="heritage.outbox.restriction_deleted")
def record_privacy_change(sender, instance, raw=False, **kwargs):
    if not raw:
        _outbox().record(subtrees=[instance.page_id], content=False)


@receiver(pages_changed, dispatch_uid="heritage.outbox.pages_changed")
def record_pages_changed(sender, pages, loaded=False, **kwargs):
    if loaded:
        _outbox().record(loaded=pages)
    else:
        _outbox().record(pages)


def connect_for_pages(signal, receiver, dispatch_uid: str) -> None:
    """Connect ``receiver`` to ``signal`` for every page model (``AppConfig.ready``).

    Not to every model (no sender): a delete receiver without a sender makes Django
    load every row of every delete in the project before removing it (its collector
    cannot delete in one statement while anyone listens), the outbox's own trimming
    and the search index's included."""
    from django.apps import apps

    from wagtail.models import Page

    for model in apps.get_models():
        if issubclass(model, Page):
            signal.connect(receiver, sender=model, dispatch_uid=f"{dispatch_uid}.{model._meta.label_lower}")


def connect_page_deletes() -> None:
    """The receivers of page deletion, each connected per page model."""
    from . import image_files

    connect_for_pages(pre_delete, purge_on_delete, "heritage.purge.deleted")
    connect_for_pages(post_delete, record_delete, "heritage.outbox.deleted")
    connect_for_pages(pre_delete, image_files.on_page_deleted, "heritage.image_files.page_deleted")


def pages_of_city(city) -> list[int]:
    """Every page held by an institution of ``city`` (its records name the city)."""
    from django.apps import apps

    from .models import HeritagePage

    ids: list[int] = []
    for model in apps.get_models():
        if issubclass(model, HeritagePage) and any(f.name == "institution" for f in model._meta.fields):
            ids += model.objects.filter(institution__city=city).values_list("pk", flat=True)
    return ids


def pages_naming(instance) -> set[int]:
    """The pages whose content names the vocabulary entry ``instance`` (an institution,
    theme, place, person, rights statement): a foreign key or many-to-many to it."""
    from django.apps import apps

    from .models import HeritagePage

    ids: set[int] = set()
    for model in apps.get_models():
        if not issubclass(model, HeritagePage):
            continue
        for field in model._meta.get_fields():
            if (field.many_to_one or field.many_to_many) and field.concrete and field.related_model is type(instance):
                ids.update(model.objects.filter(**{field.name: instance}).values_list("pk", flat=True))
    return ids


VOCABULARIES = (
    "heritage.Institution",
    "heritage.Theme",
    "heritage.Place",
    "heritage.Person",
    "heritage.RightsStatement",
)


def record_vocabulary_saved(sender, instance, raw=False, created=False, **kwargs):
    """A renamed institution, theme, place, person or rights statement: the pages naming
    it show the new name (a new one names nothing yet). Deferred: a theme on 50,000
    artifacts is the worker's job, not the editor's request."""
    if raw or created:
        return
    ids = pages_naming(instance)
    if ids:
        _outbox().record(ids, defer=True)


for _label in VOCABULARIES:
    post_save.connect(record_vocabulary_saved, sender=_label, dispatch_uid=f"heritage.outbox.vocabulary-{_label}")
