from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from heritage.signals import pages_changed

from .models import OralHistoryIndexPage, OralHistoryPage, Recording, RedactedRange, Transcript
from .permissions import ensure_review_workflow, grant_historians_access


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
    if raw:
        return
    page_id = instance.page_id if isinstance(instance, Recording) else instance.recording.page_id

    def send():
        page = OralHistoryPage.objects.filter(pk=page_id).first()
        if page is not None:
            pages_changed.send(sender=sender, pages=[page])

    transaction.on_commit(send)


@receiver(post_save, sender=RedactedRange, dispatch_uid="oral_histories.access_copy_on_save")
@receiver(post_delete, sender=RedactedRange, dispatch_uid="oral_histories.access_copy_on_delete")
def on_redaction_change(sender, instance, raw=False, **kwargs):
    """A redaction added, moved or removed: remake the copy visitors hear, after commit.
    Until it is made, ``Recording.playable_file()`` serves nothing (never the master)."""
    if raw:
        return
    from .tasks import make_access_copy_task

    recording_id = instance.recording_id
    transaction.on_commit(lambda: make_access_copy_task.enqueue(recording_id))
