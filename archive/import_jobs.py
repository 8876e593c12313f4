"""The admin's artifact import as a background job the curator can leave and come back to.

Confirming a checked upload (``archive.views.ConfirmImportView``) calls
``start_import``: it creates the upload's one ``TrackedJob`` (its ``key`` names the
stored file and is unique, so a second confirmation — from another web process, even
without a shared cache — finds that job instead of importing twice) and enqueues
``import_job`` on the worker. The task reads the upload through the Storage API
(a local folder or a private S3 bucket), writes its progress on the job row as rows
go by, and keeps the report on it; ``/admin/artifacts/import/jobs/<id>/`` shows either.

With the immediate task backend (the demo, the tests) the job runs inside the
confirming request and the page shows the report at once. If the worker dies during
the import, the task is queued again (``heritage.worker``) and the new run completes
it: the importer is an upsert, so rows already written come back unchanged.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from django_tasks import task

from heritage.models import Institution, TrackedJob
from heritage.storage import private_storage
from heritage.tasks import uses_worker

from .models import CollectionPage
from .transfer.importer import import_artifacts

logger = logging.getLogger(__name__)

KIND = "archive.import"


def job_key(stored_name: str) -> str:
    return f"archive-import:{stored_name}"


def job_for(stored_name: str) -> TrackedJob | None:
    return TrackedJob.objects.filter(key=job_key(stored_name)).first()


def start_import(*, data: dict, user) -> tuple[TrackedJob, bool]:
    """The import job of a confirmed upload (``data``: the signed token's content), and
    whether this call created it. Only the creating call enqueues the task."""
    defaults = {
        "kind": KIND,
        "label": data["name"][:255],
        "user": user,
        "params": {
            "file": data["file"],
            "name": data["name"],
            "format": data["format"],
            "institution": data["institution"],
            "collection": data.get("collection"),
            "strict": bool(data.get("strict")),
            "create_missing": bool(data.get("create_missing")),
        },
    }
    if not uses_worker():
        job, created = TrackedJob.objects.get_or_create(key=job_key(data["file"]), defaults=defaults)
        if created:
            result = import_job.enqueue(str(job.pk))  # runs here and now
            TrackedJob.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
            job.refresh_from_db()
        return job, created
    # The job row and the queued task are written together, or neither is.
    with transaction.atomic():
        job, created = TrackedJob.objects.get_or_create(key=job_key(data["file"]), defaults=defaults)
        if created:
            result = import_job.enqueue(str(job.pk))
            job.task_result_id = str(result.id)
            job.save(update_fields=["task_result_id"])
    return job, created


class JobProgress:
    """The importer's ``progress(done, total)`` callback, written to the job row every
    1 % (at least every 50 rows), so the page can show it from any process."""

    def __init__(self, job: TrackedJob, *, header_line: bool):
        self.job_id, self.header_line, self.written = job.pk, header_line, 0

    def __call__(self, done: int, total: int | None) -> None:
        if total is not None and self.header_line:
            total -= 1  # count_rows counts lines; a CSV's first is its header
        if total is not None:
            total = max(total, done)
        step = max(50, (total or 0) // 100)
        if done - self.written >= step or (total is not None and done >= total):
            self.written = done
            TrackedJob.objects.filter(pk=self.job_id).update(done=done, total=total, updated_at=timezone.now())


def fail(job: TrackedJob, message: str) -> dict:
    TrackedJob.objects.filter(pk=job.pk).update(
        status=TrackedJob.Status.FAILED, error=message, updated_at=timezone.now()
    )
    return {"error": message}


@task()
def import_job(job_id: str) -> dict:
    """Run a confirmed import (see the module docstring); the report, also kept on the job."""
    job = TrackedJob.objects.filter(pk=job_id, kind=KIND).first()
    if job is None:
        return {"error": "no such job"}
    if job.status == TrackedJob.Status.DONE:
        return job.result or {}  # ran to the end already (a duplicate run does nothing)
    params = job.params
    storage = private_storage()
    institution = Institution.objects.filter(pk=params["institution"]).first()
    if institution is None:
        return fail(job, _("The institution this upload was for no longer exists: nothing was imported."))
    collection = None
    if params.get("collection"):
        collection = CollectionPage.objects.filter(pk=params["collection"], institution=institution).first()
        if collection is None:
            return fail(job, _("The collection chosen for this upload no longer exists: nothing was imported."))
    if not storage.exists(params["file"]):
        return fail(
            job, _("The uploaded file is no longer stored (uploads are kept for a day): upload the file again.")
        )
    user = get_user_model().objects.filter(pk=job.user_id).first() if job.user_id else None
    TrackedJob.objects.filter(pk=job.pk).update(
        status=TrackedJob.Status.RUNNING, done=0, total=None, error="", updated_at=timezone.now()
    )
    try:
        with storage.open(params["file"], "rb") as source:
            report = import_artifacts(
                source,
                file_format=params["format"],
                institution=institution,
                collection=collection,
                dry_run=False,
                strict=params["strict"],
                create_missing=params["create_missing"],
                images_root=None,
                allow_absolute=False,
                user=user,
                source_name=params["name"],
                progress=JobProgress(job, header_line=params["format"] == "csv"),
            )
    except Exception as error:
        logger.exception("Import job %s (%s) stopped", job.pk, params["name"])
        fail(
            job,
            _(
                "The import stopped (%(error)s). Rows imported before it stay imported; "
                "upload the file again to complete it."
            )
            % {"error": f"{type(error).__name__}: {error}"},
        )
        storage.delete(params["file"])
        raise
    result = {**report.as_dict(), "written": report.written}
    TrackedJob.objects.filter(pk=job.pk).update(
        status=TrackedJob.Status.DONE, result=result, done=report.rows, total=report.rows, updated_at=timezone.now()
    )
    storage.delete(params["file"])
    return result
