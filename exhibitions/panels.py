"""The exhibition editor's view of the partner approval (``PartnerApprovalPanel``).

While an exhibition is in review it lists each co-curating institution of the latest
revision with its answer in the current round (approved by whom, when, with what
comment; changes requested and why; or still waiting), and keeps the earlier rounds
folded away below. Otherwise it says, in one line, that publishing needs each
partner's approval.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel
from wagtail.admin.utils import get_user_display_name
from wagtail.models import TaskState, WorkflowState

APPROVED = "approved"
CHANGES_REQUESTED = "changes_requested"
WAITING = "waiting"


def _answer(approval) -> dict:
    return {
        "institution": approval.institution,
        "status": APPROVED if approval.approved else CHANGES_REQUESTED,
        "by": get_user_display_name(approval.user) if approval.user else "",
        "at": approval.created_at,
        "comment": approval.comment,
    }


def _round(task_state) -> dict:
    status_labels = {
        TaskState.STATUS_IN_PROGRESS: _("In progress"),
        TaskState.STATUS_APPROVED: _("Approved by every partner"),
        TaskState.STATUS_REJECTED: _("Changes requested"),
        TaskState.STATUS_CANCELLED: _("Cancelled"),
        TaskState.STATUS_SKIPPED: _("Skipped"),
    }
    return {
        "task_state": task_state,
        "started_at": task_state.started_at,
        "finished_at": task_state.finished_at,
        "status": task_state.status,
        "status_label": status_labels.get(task_state.status, task_state.status),
        "answers": [_answer(approval) for approval in task_state.approvals.all()],
    }


def partner_approval_context(page) -> dict:
    """What the panel shows for ``page`` (an exhibition, maybe not saved yet).

    ``in_review``: a partner-approval round is in progress or has asked for changes.
    ``rows``: each co-curating institution of the latest revision, with its ``status``
    (approved / changes_requested / waiting) in the current round and its answer.
    ``earlier_rounds``: the rounds before the current one, newest first.
    ``edited_since``: the exhibition was edited after the current round began.
    """
    from .models import PartnerApprovalTask, PartnerApprovalTaskState

    context = {
        "in_review": False,
        "needs_changes": False,
        "rows": [],
        "earlier_rounds": [],
        "edited_since": False,
    }
    if page is None or page.pk is None:
        return context
    workflow_state = page.current_workflow_state
    current = workflow_state.current_task_state if workflow_state else None
    if current is None or not isinstance(current.specific, PartnerApprovalTaskState):
        return context
    current = current.specific
    rounds = list(
        PartnerApprovalTaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
        )
        .exclude(pk=current.pk)
        .select_related("revision")
        .prefetch_related("approvals__institution", "approvals__user")
        .order_by("-started_at", "-pk")
    )
    answers = {
        approval.institution_id: approval for approval in current.approvals.select_related("institution", "user")
    }
    latest = page.get_latest_revision() or current.revision
    rows = []
    for institution in PartnerApprovalTask.partners(latest):
        approval = answers.pop(institution.pk, None)
        if approval is None:
            rows.append({"institution": institution, "status": WAITING})
        else:
            rows.append(_answer(approval))
    # Partners removed by a later edit who had already answered in this round.
    rows.extend(_answer(approval) for approval in answers.values())
    context.update(
        in_review=True,
        needs_changes=workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        rows=rows,
        earlier_rounds=[_round(task_state) for task_state in rounds],
        edited_since=latest.pk != current.revision_id,
    )
    return context


class PartnerApprovalPanel(Panel):
    """The co-curating institutions' answers while the exhibition is in review.

    Add it to ``ExhibitionPage.partner_panels``; it has no form fields.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Partner approval"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "exhibitions/admin/partner_approval_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(partner_approval_context(self.instance))
            return context
