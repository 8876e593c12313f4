"""Historians now draft in their own community's section only.

The general "Community historians" group used to get the "add" page permission on every
oral-history section; that permission now goes to each community's historians group
(oral_histories.permissions). The general group keeps admin access and uploads. Curators
may hear every recording (to review drafts) and manage recordings and communities.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Curators"
HISTORIANS = "Community historians"


def forward(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    OralHistoryIndexPage = apps.get_model("oral_histories", "OralHistoryIndexPage")
    GroupPagePermission.objects.filter(
        group__name=HISTORIANS, page_id__in=OralHistoryIndexPage.objects.values("pk")
    ).delete()
    perms = Permission.objects.filter(content_type__app_label="oral_histories")
    curators = Group.objects.filter(name=CURATORS).first()
    if curators:
        for codename in (
            "listen_restricted",
            *(f"{action}_{model}" for action in ("add", "change", "delete", "view") for model in ("recording", "community")),
            "view_consentevent",
        ):
            curators.permissions.add(*perms.filter(codename=codename))
    historians = Group.objects.filter(name=HISTORIANS).first()
    if historians:
        historians.permissions.add(*perms.filter(codename__in=["add_recording", "view_community"]))


class Migration(migrations.Migration):
    dependencies = [
        ("oral_histories", "0002_recordings_consent_transcripts"),
        ("heritage", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
