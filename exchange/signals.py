"""Every change that opens or closes a page, or changes what its record says, syncs
its ``HarvestRecord`` (``exchange.oai.records.sync``) once the transaction commits.

- ``page_published``: the page (its content changed) and, structurally, its subtree
  (a draft parent published again reopens the live pages under it);
- ``page_unpublished``, a ``PageViewRestriction`` saved or deleted: the subtree,
  structurally (records open or close; content is untouched);
- ``post_page_move``: the subtree (its URLs changed; it may now sit under a draft);
- a page deleted (``post_delete``, for every page the cascade removes): its record
  is marked deleted;
- ``heritage.signals.pages_changed`` (consent, embargo ended, the bulk importer with
  thousands of pages): those pages;
- an institution, theme, place, person or rights statement saved, a partner city
  published: the records that name it (their metadata or sets carry its name or slug).

Page ids are gathered per transaction and, once it commits, handed in bulk to one
background task (``exchange.tasks.sync_harvest_records``, on the worker): a publish
that fires several signals is one task, and the editor never waits for metadata to be
rendered. Pages a sender hands over loaded (``pages_changed(loaded=True)``: the bulk
importer, itself background work) are synced right there with those objects, which
saves loading thousands of pages again. A failing sync is logged (``robust``), never
undoing the editor's publish; the ``oai_records rebuild`` command heals.

After ``migrate`` (every deployment), a changed ``HERITAGE_BASE_URL`` queues
``exchange.tasks.announce_base_url``.
"""

from __future__ import annotations

from django.db import DatabaseError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from heritage.models import Institution, PartnerCityPage, Person, Place, RightsStatement, Theme
from heritage.signals import pages_changed
from heritage.transactions import waiting_callback


class PendingSync:
    """The page ids to sync when the current transaction commits (full and structural)."""

    def __init__(self):
        self.full: set[int] = set()
        self.structural: set[int] = set()
        self.subtree_roots: set[int] = set()  # their subtrees are resolved at commit
        self.loaded: dict[int, Page] = {}  # current pages with their relations (pages_changed, loaded=True)

    def __call__(self):
        from .oai import records
        from .tasks import sync_harvest_records

        full = set(self.full)
        if self.loaded:
            given = {pk: page for pk, page in self.loaded.items() if pk in full}
            records.sync(list(given), loaded=given)
            full -= set(given)
        structural = self.structural - full
        if full or structural or self.subtree_roots:
            sync_harvest_records.enqueue(
                full=sorted(full), structural=sorted(structural), subtrees=sorted(self.subtree_roots)
            )


def _queue(*, full=(), structural=(), subtrees=(), loaded=()) -> None:
    """Add to this transaction's ``PendingSync`` (registered with ``on_commit`` once);
    outside a transaction (autocommit), sync at once."""
    work = waiting_callback(lambda callback: isinstance(callback, PendingSync))
    fresh = work is None
    if fresh:
        work = PendingSync()
    work.full.update(full)
    work.structural.update(structural)
    work.subtree_roots.update(subtrees)
    work.loaded.update((page.pk, page) for page in loaded)
    if fresh:
        transaction.on_commit(work, robust=True)


@receiver(page_published, dispatch_uid="exchange.oai.published")
def on_publish(sender, instance, **kwargs):
    _queue(full=[instance.pk], subtrees=[instance.pk] if instance.numchild else [])
    if isinstance(instance, PartnerCityPage):
        # Its slug names the set of every record held in the city.
        _queue(full=pages_of_city(instance))


def pages_of_city(city) -> list[int]:
    from archive.models import ArtifactPage, CollectionPage
    from oral_histories.models import OralHistoryPage

    ids = []
    for model in (ArtifactPage, CollectionPage, OralHistoryPage):
        ids += model.objects.filter(institution__city=city).values_list("pk", flat=True)
    return ids


@receiver(page_unpublished, dispatch_uid="exchange.oai.unpublished")
def on_unpublish(sender, instance, **kwargs):
    _queue(structural=[instance.pk], subtrees=[instance.pk])


@receiver(post_page_move, dispatch_uid="exchange.oai.moved")
def on_move(sender, instance, **kwargs):
    ids = list(Page.objects.filter(path__startswith=instance.path).values_list("pk", flat=True))
    _queue(full=ids)


@receiver(post_delete, dispatch_uid="exchange.oai.deleted")
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _queue(full=[instance.pk])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="exchange.oai.restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="exchange.oai.restriction_deleted")
def on_privacy_change(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue(structural=[instance.page_id], subtrees=[instance.page_id])


@receiver(pages_changed, dispatch_uid="exchange.oai.pages_changed")
def on_pages_changed(sender, pages, loaded=False, **kwargs):
    _queue(full=[page.pk for page in pages], loaded=pages if loaded else ())


def on_vocabulary_saved(sender, instance, raw=False, created=False, **kwargs):
    """A renamed institution, theme, place, person or rights statement: the records
    naming it are re-rendered (a new one names nothing yet)."""
    if raw or created:
        return
    from archive.models import ArtifactPage, CollectionPage
    from oral_histories.models import OralHistoryPage

    lookups = {
        Institution: [(ArtifactPage, "institution"), (OralHistoryPage, "institution"), (CollectionPage, "institution")],
        Theme: [(ArtifactPage, "themes")],
        Place: [(ArtifactPage, "places"), (OralHistoryPage, "place")],
        Person: [(ArtifactPage, "makers"), (OralHistoryPage, "narrators"), (OralHistoryPage, "interviewer")],
        RightsStatement: [(ArtifactPage, "rights"), (OralHistoryPage, "rights")],
    }[sender]
    ids = set()
    for model, field in lookups:
        ids.update(model.objects.filter(**{field: instance}).values_list("pk", flat=True))
    if ids:
        _queue(full=ids)


for _model in (Institution, Theme, Place, Person, RightsStatement):
    post_save.connect(on_vocabulary_saved, sender=_model, dispatch_uid=f"exchange.oai.vocabulary-{_model.__name__}")


def announce_base_url_after_migrate(sender, using="default", **kwargs):
    """``HERITAGE_BASE_URL`` changed since the records were last announced: queue the
    task that gives them new datestamps (``exchange.tasks.announce_base_url``)."""
    from .oai.records import base_url_changed
    from .tasks import announce_base_url

    try:
        changed = base_url_changed()
    except DatabaseError:  # e.g. migrating backwards, the table gone
        return
    if changed:
        announce_base_url.enqueue()
