"""Moderated edits (issue 16): what a community historian changes in the recording of a
published oral history reaches visitors only once a curator approves it, through the
page's own review workflow ("Oral history review").

Who. Anyone who may not publish the page (no ``oral_histories.change_recording``, no
publish permission on it): a community historian. Curators' edits take effect when
saved, as before; so does everything before the page is first published (nothing is
public then), and consent always (it only ever closes or reopens what was approved).

How. The recording form (``forms.RecordingForm``) stages such a historian's
transcripts, removed transcripts, index points and replacement master in the
recording's ``PendingChange`` instead of writing them, then :func:`submit_for_review`
saves a new revision of the page and starts its workflow (or resumes it after a
curator asked for changes, or leaves it running): the curators find the page under
"Awaiting your review" on their dashboard and approve it with Wagtail's own buttons.
A recording a historian adds to a published oral history is saved closed instead
(``Recording.awaiting_review``: ``consent.decide`` lets nobody but curators hear it).

When the page is published (Wagtail's ``page_published``: an approval, or a curator
publishing it), :func:`apply_reviewed_changes` applies what waits, in the publishing
transaction: the staged transcripts replace those in their language, the index is
replaced, a new master goes through the path of any replacement (the old master and
its access copy retired, the copy remade: ``delivery.retire_replaced``), and the search
index learns of it. A curator's "Request changes" leaves everything staged: the
historian edits it further or withdraws it (:func:`withdraw`).
"""

from __future__ import annotations

import logging

from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

from .models import OralHistoryPage, PendingChange, Recording

logger = logging.getLogger(__name__)

SUBMITTED = "oral_histories.changes_submitted"
APPLIED = "oral_histories.changes_applied"
WITHDRAWN = "oral_histories.changes_withdrawn"


def may_publish(user, page) -> bool:
    """Curators: whose edits to a recording take effect at once."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_perm("oral_histories.change_recording"):
        return True
    return page is not None and page.permissions_for_user(user).can_publish()


def needs_review(user, recording: Recording) -> bool:
    """Do ``user``'s changes to ``recording``'s transcripts, index points and master wait
    for review? Yes for someone who may not publish its page when the page is live (and
    the recording itself not still awaiting its first approval), or changes already
    wait: later ones join them rather than overtake them."""
    if recording.pk is None or not recording.page_id:
        return False
    page = recording.page
    if may_publish(user, page):
        return False
    if recording.pending() is not None:
        return True
    return page.live and not recording.awaiting_review


def submit_for_review(page, user, *, change: PendingChange | None = None) -> WorkflowState | None:
    """A new revision of ``page`` (its latest draft: nothing of the page changes) and its
    review: the workflow started, resumed after "Request changes", or left running."""
    page = OralHistoryPage.objects.get(pk=page.pk)
    had_draft = page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    revision = draft.save_revision(user=user, log_action=True, clean=False)
    state = draft.current_workflow_state
    started = False
    if state is None:
        workflow = draft.get_workflow()
        if workflow is not None:
            state = workflow.start(draft, user)
            started = True
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    if change is not None:
        change.page_revision = revision
        fields = ["page_revision"]
        if started:
            change.workflow_state, change.page_had_draft = state, had_draft
            fields += ["workflow_state", "page_had_draft"]
        change.save(update_fields=fields)
        log(
            instance=change.recording, action=SUBMITTED, user=user, data={"changes": [str(i) for i in change.summary()]}
        )
    return state


def review_state(page) -> dict:
    """Where the page's review stands, for the editors: the workflow state (or None),
    and the comment of the last "Request changes" while changes are requested."""
    state = page.current_workflow_state
    comment = ""
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = state.current_task_state
        comment = rejected.comment if rejected is not None else ""
    return {"state": state, "comment": comment}


def apply_reviewed_changes(page) -> bool:
    """``page`` was published: apply its recording's changes awaiting review and open a
    recording that awaited its first approval. True when anything was applied."""
    from heritage.signals import pages_changed

    with transaction.atomic():
        recording = Recording.objects.select_for_update().filter(page_id=page.pk).first()
        if recording is None:
            return False
        change = PendingChange.objects.filter(recording=recording).first()
        if change is None and not recording.awaiting_review:
            return False
        summary = [str(item) for item in change.summary()] if change is not None else []
        if change is not None:
            change.apply(recording)
        recording.awaiting_review = False
        # A full save: a new master retires the old one and its access copy (signals).
        recording.save()
        if change is not None:
            change.file.name = ""  # now the recording's master: not deleted with the change
            change.delete()
        pages_changed.send(sender=Recording, pages=[OralHistoryPage.objects.get(pk=page.pk)])
        log(instance=recording, action=APPLIED, user=_approver(page), data={"changes": summary})
    return True


def _approver(page):
    """Who approved the page's review last (None when it was published without one)."""
    task_state = (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=page.get_base_content_type().pk,
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return task_state.finished_by if task_state is not None else None


def withdraw(recording: Recording, user) -> bool:
    """Withdraw ``recording``'s changes awaiting review: the staged transcripts and index
    are forgotten, the staged master deleted once committed. The page's review is
    cancelled too when it was started for these changes alone and nothing of the page
    was edited since. True when there was something to withdraw."""
    with transaction.atomic():
        change = PendingChange.objects.select_for_update().filter(recording=recording).first()
        if change is None:
            return False
        summary = [str(item) for item in change.summary()]
        page = OralHistoryPage.objects.get(pk=recording.page_id)
        state = page.current_workflow_state
        if (
            state is not None
            and change.workflow_state_id == state.pk
            and not change.page_had_draft
            and change.page_revision_id is not None
            and page.latest_revision_id == change.page_revision_id
        ):
            state.cancel(user=user)
            # The revision made for the review holds the page as published: no draft waits.
            Page.objects.filter(pk=page.pk).update(has_unpublished_changes=False)
        change.delete()  # its staged transcripts with it; its file once committed (signals)
        log(instance=recording, action=WITHDRAWN, user=user, data={"changes": summary})
    return True
