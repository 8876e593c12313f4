"""The "Exhibition partner approval" workflow, assigned to every exhibitions index.

An edit during review starts the approval over (``restart_partner_approval``): the
partners approve exactly the version that goes live, and each is asked again at once
rather than after the round about the earlier version has run its course.
"""

from __future__ import annotations

from django.db.models.signals import post_save

WORKFLOW = "Exhibition partner approval"
TASK = "Partner approval"


def ensure_partner_approval(*, index) -> None:
    """Give ``index`` (an exhibitions index) the partner-approval workflow (idempotent).

    Exhibitions beneath it inherit it, so every exhibition is published through it.
    """
    from wagtail.models import WorkflowPage

    if not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(workflow=partner_approval_workflow(), page=index)


def partner_approval_workflow():
    from wagtail.models import Workflow, WorkflowTask

    from .models import PartnerApprovalTask

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    if not workflow.workflow_tasks.exists():
        task = PartnerApprovalTask.objects.filter(name=TASK).first() or PartnerApprovalTask.objects.create(name=TASK)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def restart_partner_approval(page, user=None) -> bool:
    """Start the partner approval in progress on ``page`` over, on its latest revision.

    Called when the exhibition was edited during review (a new revision, or the latest
    one overwritten): the current round is cancelled, its answers kept as history, and
    a new round asks every co-curating institution of the latest revision. Wagtail's
    ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` alone would only notice when the
    round about the earlier version is approved, so earlier approvals would still
    count in the meantime and a partner added by the edit could not answer yet.
    Returns whether a new round began.
    """
    from .models import PartnerApprovalTaskState

    task_state = page.current_workflow_task_state
    if not isinstance(task_state, PartnerApprovalTaskState):
        return False
    edited = page.latest_revision_id != task_state.revision_id or (
        page.latest_revision_created_at is not None and page.latest_revision_created_at > task_state.started_at
    )
    if not edited:
        return False
    task_state.cancel(user=user, resume=True)
    return True


def on_revision_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """``save_revision`` saves the page's ``latest_revision`` once the revision exists."""
    if raw or not update_fields or "latest_revision" not in update_fields:
        return
    restart_partner_approval(instance, user=instance.latest_revision.user if instance.latest_revision_id else None)


# Connected when the app's signals module imports this one (``exhibitions.signals``).
post_save.connect(on_revision_saved, sender="exhibitions.ExhibitionPage", dispatch_uid="exhibitions.restart_on_edit")
