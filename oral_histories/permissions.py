"""Page permissions for community historians, each community in its own section.

A community's historians group gets Wagtail's "add" page permission on its section
(and so on the community sections inside it). In Wagtail "add" also lets them edit
the pages they own beneath it (https://docs.wagtail.org/en/stable/topics/permissions.html#page-permissions),
and it does not allow publishing: every contribution goes to moderation (the "Oral
history review" workflow). With no permission elsewhere, the admin's explorer starts
at their section: other communities' work is neither visible nor editable.
"""

from django.contrib.auth.models import Permission

from wagtail.models import GroupPagePermission


def grant_historians_access(*, section) -> None:
    """Let the section's community historians draft in ``section`` (idempotent)."""
    if section.community_id is None:
        return
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=section.community.historians, page=section, permission=permission)


def can_edit_recording(user, recording) -> bool:
    """Curators everywhere; a historian for the oral histories they may edit."""
    if user.has_perm("oral_histories.change_recording"):
        return True
    return recording.page.permissions_for_user(user).can_edit()


REVIEW_WORKFLOW = "Oral history review"
CURATORS = "Curators"


def ensure_review_workflow(*, section):
    """Contributions under an oral-history section go to the curators for review.

    The workflow ("Oral history review": one "Curator review" task for the Curators
    group, who approve or request changes with a comment) is made once and assigned to
    each top-level section; community sections inside inherit it.
    """
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    curators = Group.objects.filter(name=CURATORS).first()
    if curators is None or WorkflowPage.objects.filter(page=section).exists():
        return
    if section.get_parent().specific_class is type(section):
        return
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name="Curator review")
        task.groups.set([curators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=section)
