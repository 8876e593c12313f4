"""The bulk import and export of artifacts in the admin.

Uploading a file runs a dry run (nothing written) and shows its report; the file waits
in private storage (``imports/<uuid>.<ext>``) and the report's "Import" button carries a
signed token naming it, the user, the institution and the options, so a user confirms
only their own check, as it was checked. Confirming starts the real import as a
background job (``archive.import_jobs``: on the worker, or inline with the immediate
task backend) and sends the curator to the job's page, which shows its progress and
then its report, and can be left and come back to. An upload has one job: a second
confirmation, from any web process, is sent to the same page; the file is deleted when
the job ends. The export downloads an institution's published artifacts in the import's
own columns.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from heritage.models import Institution, TrackedJob
from heritage.storage import private_storage
from heritage.worker import worker_status

from .forms import TOKEN_MAX_AGE, ConfirmForm, ExportForm, ImportForm, can_import
from .import_jobs import KIND, job_for, start_import
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
        job = job_for(data["file"])
        if job is None and not (claim(data["file"]) and storage.exists(data["file"])):
            # Claimed by a confirmation still on its way, or cancelled: a job may exist by now.
            job = job_for(data["file"])
            if job is None:
                refusal = _(
                    "This upload was already imported or cancelled: nothing more was done. Upload the file again."
                )
                return self.render_to_response(self.get_context_data(refusal=refusal), status=409)
        if job is not None:
            messages.info(request, _("This upload was already confirmed: this is its import."))
            return redirect(job_url(job))
        if "cancel" in request.POST:
            storage.delete(data["file"])
            return self.render_to_response(
                self.get_context_data(notice=_("The import was cancelled and the uploaded file discarded."))
            )
        job, created = start_import(data=data, user=request.user)
        if not created:
            messages.info(request, _("This upload was already confirmed: this is its import."))
        return redirect(job_url(job))


class ImportJobView(ImportView):
    """An import job's page: its progress while it runs (the page refreshes itself), then
    its report. Only the curator who started it (or a superuser) sees it."""

    http_method_names = ["get"]

    def get(self, request, *args, job_id=None, **kwargs):
        job = TrackedJob.objects.filter(pk=job_id, kind=KIND).select_related("user").first()
        if job is None or (job.user_id != request.user.pk and not request.user.is_superuser):
            raise Http404
        response = self.render_to_response(self.get_context_data(**job_context(job)))
        if not job.finished:
            response["Refresh"] = str(REFRESH_SECONDS)
        return response


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


REFRESH_SECONDS = 3


def job_url(job: TrackedJob) -> str:
    return reverse("archive_import_job", args=[job.pk])


def job_context(job: TrackedJob) -> dict:
    """What the job's page shows: progress, or the same report as an inline import."""
    params = job.params
    institution = Institution.objects.filter(pk=params.get("institution")).first()
    collection = CollectionPage.objects.filter(pk=params["collection"]).first() if params.get("collection") else None
    context = {
        "job": job,
        "job_percent": min(100, job.done * 100 // job.total) if job.total else None,
        "institution": institution,
        "collection": collection,
        "file_name": params.get("name", job.label),
        "options": {"create_missing": params.get("create_missing"), "strict": params.get("strict")},
    }
    if job.status == TrackedJob.Status.QUEUED:
        context["no_worker"] = not worker_status()["ok"]
    if job.status == TrackedJob.Status.DONE and job.result is not None:
        report = job.result
        context["report"] = report
        context["vocabulary"] = [
            (VOCABULARY_LABELS.get(kind, kind), names) for kind, names in report["vocabulary_created"].items() if names
        ]
        if institution is not None:
            context["collections"] = (
                [collection]
                if collection
                else list(CollectionPage.objects.filter(institution=institution).order_by("title"))
            )
    return context


def store(upload, file_format: str) -> str:
    """Keep the upload in private storage until it is confirmed; its name there."""
    upload.seek(0)
    return private_storage().save(f"{FOLDER}/{uuid.uuid4()}.{file_format}", upload)


def claim(name: str) -> bool:
    """True once per stored upload: the first confirmation wins, any other is refused."""
    return cache.add(f"archive-import-claimed:{name}", True, timeout=TOKEN_MAX_AGE * 2)


def discard_stale_uploads() -> None:
    """Delete uploads older than a token lives: they can never be confirmed.

    Works on a local folder and on S3 alike: S3 has no folders (``exists`` on a prefix
    is always false there), so the listing itself is asked, and a storage error only
    postpones the clean-up to the next upload."""
    from botocore.exceptions import BotoCoreError, ClientError

    storage = private_storage()
    try:
        names = storage.listdir(FOLDER)[1]
    except (FileNotFoundError, BotoCoreError, ClientError):
        return
    limit = timezone.now() - timedelta(seconds=TOKEN_MAX_AGE)
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < limit:
                storage.delete(path)
        except (OSError, BotoCoreError, ClientError):
            continue
