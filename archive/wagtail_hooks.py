"""Archive sections on the home and partner-city pages (see heritage.listings); the bulk
import and export of artifacts in the admin and its page-history label.

The sections list what visitors can reach (``heritage.visibility.reachable_pages``):
live, under no view restriction and no unpublished ancestor."""

from django.db.models import Prefetch
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem
from wagtail.images import get_image_model
from wagtail.log_actions import LogFormatter

from heritage.listings import Section
from heritage.visibility import reachable_pages

from .forms import can_import
from .listing import THUMBNAIL_SPECS, attach_thumbnails, thumbnail_prefetch
from .models import ArtifactPage, CollectionPage
from .transfer.write import IMPORT_ACTION


def _collections(queryset):
    return list(
        reachable_pages(queryset)
        .select_related("institution", "institution__city")
        .prefetch_related(
            Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(*THUMBNAIL_SPECS))
        )
        .order_by("path")
    )


@hooks.register("heritage_home_sections")
def recent_artifacts(*, home, today):
    artifacts = list(
        reachable_pages(ArtifactPage.objects.descendant_of(home))
        .select_related("institution", "institution__city")
        .prefetch_related(thumbnail_prefetch())
        .order_by("-first_published_at", "-path")[:8]
    )
    attach_thumbnails(artifacts)
    return [Section(template="archive/includes/recent_artifacts.html", order=30, context={"items": artifacts})]


@hooks.register("heritage_city_sections")
def city_collections(*, city, today):
    collections = _collections(CollectionPage.objects.filter(institution__city=city))
    return [Section(template="archive/includes/collection_cards.html", order=20, context={"items": collections})]


# -- Bulk import and export in the admin (archive.views) ---------------------------------


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def import_urls():
    from .views import ConfirmImportView, ExportView, ImportJobView, ImportView

    return [
        path("artifacts/import/", ImportView.as_view(), name="archive_import"),
        path("artifacts/import/confirm/", ConfirmImportView.as_view(), name="archive_import_confirm"),
        path("artifacts/import/jobs/<uuid:job_id>/", ImportJobView.as_view(), name="archive_import_job"),
        path("artifacts/export/", ExportView.as_view(), name="archive_export"),
    ]


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import artifacts"), reverse("archive_import"), name="import-artifacts", icon_name="upload", order=260
    )


@hooks.register("register_log_actions")
def import_log_actions(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportFormatter(LogFormatter):
        label = _("Import")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            source = data.get("source") or gettext("a file")
            if data.get("created"):
                return gettext("Imported from %(source)s (created)") % {"source": source}
            return gettext("Imported from %(source)s (updated)") % {"source": source}


# -- Background tasks (heritage.task_admin; heritage's own hooks module is not ours) ------


@hooks.register("register_admin_urls")
def background_task_urls():
    from heritage.task_admin import BackgroundTasksView

    return [path("background-tasks/", BackgroundTasksView.as_view(), name="heritage_background_tasks")]


@hooks.register("register_reports_menu_item")
def background_tasks_menu_item():
    return AdminOnlyMenuItem(
        _("Background tasks"),
        reverse("heritage_background_tasks"),
        name="background-tasks",
        icon_name="cogs",
        order=900,
    )
