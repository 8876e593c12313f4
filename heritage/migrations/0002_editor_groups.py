"""Create the "Curators" and "Community historians" groups with their permissions.

Curators catalogue, translate and publish everywhere. Community historians may enter
the admin, upload images, documents and media, pick people and places, and create
oral-history drafts; they cannot publish. Their page permission ("add", which in
Wagtail also lets them edit the pages they own) is granted on each oral-history
section when it is created (oral_histories.permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Curators"
HISTORIANS = "Community historians"

VOCABULARY = ["institution", "theme", "place", "person", "rightsstatement"]


def _perm(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); make sure
    # the ones we grant exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    curators, _ = Group.objects.get_or_create(name=CURATORS)
    historians, _ = Group.objects.get_or_create(name=HISTORIANS)

    admin_access = _perm(apps, "wagtailadmin", "access_admin")
    curators.permissions.add(admin_access)
    historians.permissions.add(admin_access)

    for model in VOCABULARY:
        for action in ("add", "change", "delete", "view"):
            perm = _perm(apps, "heritage", f"{action}_{model}")
            if perm:
                curators.permissions.add(perm)
        view = _perm(apps, "heritage", f"view_{model}")
        if view:
            historians.permissions.add(view)
    for codename in ("add_person", "add_place"):
        historians.permissions.add(_perm(apps, "heritage", codename))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=curators, page=root_page, permission=_perm(apps, "wagtailcore", codename)
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        curator_media = {
            "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
            "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
            "wagtailmedia": ["add_media", "change_media", "delete_media"],
        }
        historian_media = {
            "wagtailimages": ["add_image", "choose_image"],
            "wagtaildocs": ["add_document", "choose_document"],
            "wagtailmedia": ["add_media"],
        }
        for group, grants in ((curators, curator_media), (historians, historian_media)):
            for app_label, codenames in grants.items():
                for codename in codenames:
                    perm = _perm(apps, app_label, codename)
                    if perm is None:
                        continue
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=perm
                    )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[CURATORS, HISTORIANS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailmedia", "0005_alter_media_options"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
