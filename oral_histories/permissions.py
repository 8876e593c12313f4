"""Page permissions for community historians on oral-history sections."""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission

HISTORIANS = "Community historians"


def grant_historians_access(*, section) -> None:
    """Let community historians create drafts in ``section`` and edit their own.

    Wagtail's "add" page permission covers both: a user may edit pages they own
    beneath a page where they can add (https://docs.wagtail.org/en/stable/topics/permissions.html#page-permissions).
    It does not allow publishing, so every contribution goes to moderation.
    """
    group = Group.objects.filter(name=HISTORIANS).first()
    if group is None:
        return
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)
