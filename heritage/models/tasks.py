"""The state of background work that django-tasks itself does not keep.

django-tasks-db keeps each task's row (``DBTaskResult``: READY, RUNNING, SUCCESSFUL,
FAILED). Three things a real deployment also needs live here, in the database, so
every web process and worker sees the same truth without Redis:

- ``WorkerHeartbeat``: each ``manage.py worker`` writes one every few seconds. The
  health endpoint counts the live ones, and a worker finding a RUNNING task whose
  worker has gone quiet puts it back in the queue (``heritage.worker``).
- ``ScheduledRun``: one row per scheduled job and period (``embargo release`` on
  2026-12-07…); its unique constraint is what makes a job enqueued at most once per
  period however many workers race for it.
- ``TrackedJob``: a long job a person started and follows on a page (the admin's
  artifact import): progress, outcome, and a unique ``key`` so that confirming the same
  thing twice, from two web processes, finds one job instead of starting two.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("worker id"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process id"))
    queues = models.JSONField(_("queues"), default=list)
    started_at = models.DateTimeField(_("started at"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    stopped_at = models.DateTimeField(_("stopped at"), null=True, blank=True)
    current_task = models.CharField(_("current task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class ScheduledRun(models.Model):
    job = models.CharField(_("job"), max_length=64)
    period = models.CharField(_("period"), max_length=32)
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)
    worker_id = models.CharField(_("worker id"), max_length=64, blank=True)
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-enqueued_at"]
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.job} {self.period}"


class TrackedJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(_("key"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=64)
    label = models.CharField(_("label"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("tracked job")
        verbose_name_plural = _("tracked jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.label or self.key}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
