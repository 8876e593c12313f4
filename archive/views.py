"""The bulk import and export of artifacts in the admin.

Uploading a file runs a dry run (nothing written) and shows its report; the file waits
in private storage (``imports/<uuid>.<ext>``) and the report's "Import" button carries a
signed token naming it, the user, the institution and the options, so a user confirms
only their own check, as it was checked. Confirming runs the real import and deletes the
file; a token is good once. The export downloads an institution's published artifacts
in the import's own columns.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from heritage.storage import private_storage

from .forms import TOKEN_MAX_AGE, ConfirmForm, ExportForm, ImportForm, can_import
from .models import CollectionPage
from .transfer.export import write_csv, write_jsonl
from .transfer.importer import import_artifacts

FOLDER = "imports"
VOCABULARY_LABELS = {
    "themes": gettext_lazy("Themes"),
    "places": gettext_lazy("Places"),
    "makers": gettext_lazy("People"),
}
EXPORTS = {
    "csv": (write_csv, "text/csv; charset=utf-8", "csv"),
    "jsonl": (write_jsonl, "application/x-ndjson; charset=utf-8", "jsonl"),
}


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """The page: the upload form, the export form, and the report of a check or import."""

    template_name = "archive/admin/import.html"
    page_title = gettext_lazy("Import artifacts")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.setdefault("form", ImportForm(user=user))
        context.setdefault("export_form", ExportForm(user=user, prefix="export"))
        context["import_url"] = reverse("archive_import")
        context["confirm_url"] = reverse("archive_import_confirm")
        context["export_url"] = reverse("archive_export")
        return context

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        institution, collection = form.cleaned_data["institution"], form.cleaned_data["collection"]
        options = {"create_missing": form.cleaned_data["create_missing"], "strict": form.cleaned_data["strict"]}
        upload.seek(0)
        report = import_artifacts(
            upload,
            file_format=form.file_format,
            institution=institution,
            collection=collection,
            dry_run=True,
            images_root=None,
            allow_absolute=False,
            user=request.user,
            source_name=upload.name,
            **options,
        )
        context = {"report": report, "institution": institution, "collection": collection, "file_name": upload.name}
        context.update(report_context(report))
        if report.problem:
            # The file cannot be read at all: nothing to keep, the form again.
            form.add_error("file", report.problem)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        context["can_confirm"] = (report.created or report.updated) and not (options["strict"] and report.errors)
        if context["can_confirm"]:
            discard_stale_uploads()
            stored = store(upload, form.file_format)
            token = ConfirmForm.sign(
                {
                    "file": stored,
                    "user": request.user.pk,
                    "institution": institution.pk,
                    "collection": collection.pk if collection else None,
                    "format": form.file_format,
                    "name": upload.name,
                    **options,
                }
            )
            context["confirm_form"] = ConfirmForm(initial={"token": token}, user=request.user)
        context["options"] = options
        return self.render_to_response(self.get_context_data(form=ImportForm(user=request.user), **context))


class ConfirmImportView(ImportView):
    """The "Import" (or "Cancel") button under a checked upload."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        confirm = ConfirmForm(request.POST, user=request.user)
        if not confirm.is_valid():
            return self.render_to_response(self.get_context_data(refusal=confirm.errors["token"][0]), status=400)
        data = confirm.signed
        storage = private_storage()
        if not claim(data["file"]) or not storage.exists(data["file"]):
            refusal = _("This upload was already imported or cancelled: nothing more was done. Upload the file again.")
            return self.render_to_response(self.get_context_data(refusal=refusal), status=409)
        if "cancel" in request.POST:
            storage.delete(data["file"])
            return self.render_to_response(
                self.get_context_data(notice=_("The import was cancelled and the uploaded file discarded."))
            )
        try:
            with storage.open(data["file"], "rb") as source:
                report = import_artifacts(
                    source,
                    file_format=data["format"],
                    institution=confirm.institution,
                    collection=confirm.collection,
                    dry_run=False,
                    strict=data["strict"],
                    create_missing=data["create_missing"],
                    images_root=None,
                    allow_absolute=False,
                    user=request.user,
                    source_name=data["name"],
                )
        finally:
            storage.delete(data["file"])
        collections = (
            [confirm.collection]
            if confirm.collection
            else list(CollectionPage.objects.filter(institution=confirm.institution).order_by("title"))
        )
        context = {
            "report": report,
            "institution": confirm.institution,
            "collection": confirm.collection,
            "collections": collections,
            "file_name": data["name"],
            "options": {"create_missing": data["create_missing"], "strict": data["strict"]},
        }
        context.update(report_context(report))
        return self.render_to_response(self.get_context_data(**context))


class ExportView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """A download of an institution's published artifacts (CSV or JSON Lines)."""

    template_name = "archive/admin/import.html"
    page_title = gettext_lazy("Import artifacts")
    header_icon = "upload"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET, user=request.user, prefix="export")
        if not form.is_valid():
            view = ImportView(request=request, args=args, kwargs=kwargs)
            return view.render_to_response(view.get_context_data(export_form=form), status=400)
        institution, collection = form.cleaned_data["institution"], form.cleaned_data["collection"]
        write, content_type, extension = EXPORTS[form.cleaned_data["file_format"]]
        response = HttpResponse(content_type=content_type)
        name = f"{institution.code}-artifacts-{timezone.localdate():%Y-%m-%d}.{extension}"
        if collection is not None:
            name = f"{institution.code}-{collection.slug}-artifacts-{timezone.localdate():%Y-%m-%d}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        write(response, institution, collection=collection)
        return response


# -- Helpers ---------------------------------------------------------------------------


def report_context(report) -> dict:
    return {
        "vocabulary": [
            (VOCABULARY_LABELS.get(kind, kind), names) for kind, names in report.vocabulary_created.items() if names
        ],
    }


def store(upload, file_format: str) -> str:
    """Keep the upload in private storage until it is confirmed; its name there."""
    upload.seek(0)
    return private_storage().save(f"{FOLDER}/{uuid.uuid4()}.{file_format}", upload)


def claim(name: str) -> bool:
    """True once per stored upload: the first confirmation wins, any other is refused."""
    return cache.add(f"archive-import-claimed:{name}", True, timeout=TOKEN_MAX_AGE * 2)


def discard_stale_uploads() -> None:
    """Delete uploads older than a token lives: they can never be confirmed."""
    storage = private_storage()
    if not storage.exists(FOLDER):
        return
    limit = timezone.now() - timedelta(seconds=TOKEN_MAX_AGE)
    for name in storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < limit:
                storage.delete(path)
        except OSError:
            continue
