import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from heritage.signals import pages_changed
from heritage.transactions import waiting_callback

from .models import OralHistoryIndexPage, OralHistoryPage, PendingChange, Recording, RedactedRange, Transcript
from .permissions import ensure_review_workflow, grant_historians_access

logger = logging.getLogger(__name__)


@receiver(post_save, sender=OralHistoryIndexPage, dispatch_uid="oral_histories.grant_historians")
def on_section_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        grant_historians_access(section=instance)
        ensure_review_workflow(section=instance)


@receiver(post_save, sender=Recording, dispatch_uid="oral_histories.recording_saved")
@receiver(post_delete, sender=Recording, dispatch_uid="oral_histories.recording_deleted")
@receiver(post_save, sender=RedactedRange, dispatch_uid="oral_histories.redaction_saved")
@receiver(post_delete, sender=RedactedRange, dispatch_uid="oral_histories.redaction_deleted")
@receiver(post_save, sender=Transcript, dispatch_uid="oral_histories.transcript_saved")
@receiver(post_delete, sender=Transcript, dispatch_uid="oral_histories.transcript_deleted")
def on_consent_or_transcript_change(sender, instance, raw=False, **kwargs):
    """Consent, redactions and transcripts change what the public may find: once the
    transaction commits, everyone listening to ``pages_changed`` (search) hears of it."""
    if raw or getattr(instance, "staged_in_id", None) is not None:
        return  # a transcript staged for review: nothing public changed
    page_id = instance.page_id if isinstance(instance, Recording) else instance.recording.page_id
    on_commit_once(_Reindex(page_id))


@receiver(page_published, dispatch_uid="oral_histories.apply_reviewed_changes")
def on_page_published(sender, instance, **kwargs):
    """An oral history published (approved in its review, or by a curator): the changes
    to its recording that waited for review take effect (``review``)."""
    if isinstance(instance, OralHistoryPage):
        from .review import apply_reviewed_changes

        apply_reviewed_changes(instance)


@receiver(post_delete, sender=PendingChange, dispatch_uid="oral_histories.pending_change_deleted")
def on_pending_change_deleted(sender, instance, **kwargs):
    """Changes withdrawn (or their recording deleted): the master staged with them goes
    once the transaction commits. Applied changes hand theirs to the recording first."""
    name = instance.file.name if instance.file else ""
    if name:
        from .delivery import _delete

        storage, recording_id = instance.file.storage, instance.recording_id
        transaction.on_commit(lambda: _delete(storage, [name], recording_id=recording_id))


@receiver(pre_save, sender=Recording, dispatch_uid="oral_histories.seal_on_closing")
def on_recording_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    """A save that replaces the master (or consent form) retires the old file and the
    access copy made from it, deleted once committed; a withdrawal retires the access
    copy (``delivery.retire_replaced``). A save that closes a recording moves its stored
    files to new keys, so links handed out before stop working
    (``delivery.seal_if_closing``). Either way the copy is remade (or removed) on the
    worker once the save commits."""
    if not raw:
        from .delivery import retire_replaced, seal_if_closing

        instance._remake_access_copy = retire_replaced(instance, update_fields=update_fields)
        seal_if_closing(instance, update_fields=update_fields)


@receiver(post_save, sender=Recording, dispatch_uid="oral_histories.sealed")
def on_recording_saved(sender, instance, raw=False, **kwargs):
    """The row names the new keys (or files): the old ones go once the transaction
    commits, and the access copy is remade then if the master or withdrawal changed."""
    if not raw:
        from .delivery import after_save

        after_save(instance)
        if getattr(instance, "_remake_access_copy", False):
            instance._remake_access_copy = False
            on_commit_once(_RemakeAccessCopy(instance.pk))


@receiver(post_save, sender=RedactedRange, dispatch_uid="oral_histories.access_copy_on_save")
@receiver(post_delete, sender=RedactedRange, dispatch_uid="oral_histories.access_copy_on_delete")
def on_redaction_change(sender, instance, raw=False, **kwargs):
    """A redaction added, moved or removed: remake the copy visitors hear, after commit.
    Until it is made, ``Recording.playable_file()`` serves nothing (never the master)."""
    if raw:
        return
    on_commit_once(_RemakeAccessCopy(instance.recording_id))


@receiver(post_save, sender=RedactedRange, dispatch_uid="oral_histories.seal_on_redaction")
def on_redaction_saved(sender, instance, raw=False, **kwargs):
    """A passage newly redacted may have been heard through a link handed out before:
    once committed, the recording's files move to new keys (``delivery.seal_now``)."""
    if not raw:
        on_commit_once(_Seal(instance.recording_id))


class _AfterCommit:
    """Work to do once the transaction commits, the same work at most once per
    transaction: saving a recording with its transcripts and redactions fires several
    signals, and re-indexing a page with two hours of transcript is not cheap."""

    def __init__(self, key: int):
        self.key = key

    def __eq__(self, other):
        return type(other) is type(self) and other.key == self.key

    def __hash__(self):
        return hash((type(self), self.key))


class _Reindex(_AfterCommit):
    def __call__(self):
        page = OralHistoryPage.objects.filter(pk=self.key).first()
        if page is not None:
            pages_changed.send(sender=Recording, pages=[page])


class _RemakeAccessCopy(_AfterCommit):
    def __call__(self):
        from .tasks import make_access_copy_task

        make_access_copy_task.enqueue(self.key)


class _Seal(_AfterCommit):
    def __call__(self):
        from .delivery import seal_now

        seal_now(self.key)


class _SealClosedUnder(_AfterCommit):
    def __call__(self):
        from .delivery import seal_closed_under

        try:
            seal_closed_under(self.key)
        except Exception:
            # After the commit: the editor's change is saved; never a 500 for it. The
            # view refuses the closed recordings whatever happens here.
            logger.exception("Could not queue the sealing of recordings under page %s", self.key)


@receiver(page_unpublished, dispatch_uid="oral_histories.seal_on_unpublish")
@receiver(post_page_move, dispatch_uid="oral_histories.seal_on_move")
def on_page_closing(sender, instance, **kwargs):
    """A page unpublished or moved (perhaps under a draft or a restriction): the
    recordings under it that visitors can no longer reach stop answering on links
    handed out before (``delivery.seal_closed_under``, once committed)."""
    on_commit_once(_SealClosedUnder(instance.pk))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="oral_histories.seal_on_restriction")
def on_restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        on_commit_once(_SealClosedUnder(instance.page_id))


def on_commit_once(work: _AfterCommit) -> None:
    """``transaction.on_commit(work)`` unless the same work already waits for this
    transaction. The waiting callbacks are read from the connection, which drops them
    on rollback, so nothing is remembered past the transaction."""
    if waiting_callback(lambda callback: callback == work) is not None:
        return
    transaction.on_commit(work)
