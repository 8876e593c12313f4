"""The project's worker: django-tasks-db's own, plus a heartbeat, recovery and schedules.

``manage.py worker`` runs ``HeritageWorker``, a subclass of django-tasks-db's
``Worker`` (the queue, the claiming with ``SELECT … FOR UPDATE SKIP LOCKED`` and the
running of tasks are that library's). What it adds:

- **Heartbeat.** A thread writes the worker's ``WorkerHeartbeat`` row (id, host, pid,
  queues, last seen, current task) every ``heartbeat`` seconds, in the database, so the
  health endpoint (``worker_status()``) needs nothing else.
- **Recovery.** A task stays RUNNING if its worker dies (SIGKILL, out of memory, a lost
  machine). At start and then on every heartbeat, any RUNNING task whose worker has not
  been heard from for ``stale_after`` seconds is put back to READY (the next free
  worker retries it; its row's ``worker_ids`` keeps every worker that tried). A task
  that has already killed ``HERITAGE_TASK_MAX_RECOVERIES`` workers (default 3) is
  marked FAILED instead, so one poisonous job cannot take down worker after worker.
  Run only ``manage.py worker`` against the queue, not django-tasks-db's plain
  ``db_worker``: a task of a worker that writes no heartbeat is taken for orphaned once
  it has run longer than ``stale_after``.
- **Schedules.** Embargo release (daily) and the fixity audit (every
  ``HERITAGE_FIXITY_INTERVAL_DAYS``, default 7) plus the pruning of old task results
  are enqueued by the workers' own loop, so no cron is needed: at start and on every
  heartbeat each worker tries to insert the ``ScheduledRun`` row for the job's current
  period; the unique constraint on (job, period) lets exactly one insert win, and only
  the winner enqueues, in the same transaction. Cron may still call
  ``manage.py release_embargoes`` / ``check_fixity`` as before.
- **Stopping.** On SIGTERM (or Ctrl+C) the worker finishes the task in hand and exits
  (django-tasks-db's behaviour); a second signal stops at once and puts the task back
  to READY for the next worker instead of marking it failed.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import FrameType

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from heritage.models import ScheduledRun, WorkerHeartbeat
from heritage.tasks import uses_worker

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
STALE_AFTER_SECONDS = 60.0


def default_worker_id() -> str:
    """Readable and unique across machines: host, process id and a random suffix."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{secrets.token_hex(3)}"


# -- Health ----------------------------------------------------------------------------


def stale_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "HERITAGE_WORKER_STALE_SECONDS", STALE_AFTER_SECONDS))


def worker_status(*, now: datetime | None = None) -> dict:
    """What the health endpoint reports about the workers.

    ``ok`` is False when tasks wait for a worker (the database backend) and no worker
    has been heard from within the stale limit; with the immediate backend tasks run in
    the request and no worker is needed.
    """
    now = now or timezone.now()
    required = uses_worker()
    alive = WorkerHeartbeat.objects.filter(stopped_at__isnull=True, last_seen__gte=now - stale_after())
    latest = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    count = alive.count()
    waiting = DBTaskResult.objects.ready().count() if required else 0
    return {
        "required": required,
        "workers": count,
        "last_seen": latest.isoformat() if latest else None,
        "queued": waiting,
        "ok": count > 0 or not required,
    }


# -- Recovery --------------------------------------------------------------------------


def max_recoveries() -> int:
    return getattr(settings, "HERITAGE_TASK_MAX_RECOVERIES", 3)


def recover_stale_tasks(*, now: datetime | None = None, stale: timedelta | None = None) -> list[str]:
    """Put RUNNING tasks of workers gone quiet back to READY; the ids of the tasks moved.

    Each row is updated only if it is still the same run (status RUNNING and the
    ``started_at`` seen here): two workers recovering at once, or a worker claiming the
    task meanwhile, can never have it run twice.
    """
    now = now or timezone.now()
    cutoff = now - (stale or stale_after())
    running = list(DBTaskResult.objects.running().only("id", "worker_ids", "started_at", "task_path"))
    if not running:
        return []
    heard = dict(
        WorkerHeartbeat.objects.filter(worker_id__in={row.worker_ids[-1] for row in running if row.worker_ids})
        .filter(stopped_at__isnull=True)
        .values_list("worker_id", "last_seen")
    )
    moved = []
    for row in running:
        worker = row.worker_ids[-1] if row.worker_ids else ""
        seen = heard.get(worker)
        quiet = seen < cutoff if seen is not None else (row.started_at is None or row.started_at < cutoff)
        if not quiet:
            continue
        same_run = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at)
        if len(row.worker_ids) >= max_recoveries():
            reason = (
                f"Gave up: the task was running on {len(row.worker_ids)} workers that each stopped "
                f"without finishing it ({', '.join(row.worker_ids)})."
            )
            if same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path="heritage.worker.WorkerLost",
                traceback=reason,
            ):
                logger.error("Task %s (%s): %s", row.pk, row.task_path, reason)
            continue
        if same_run.update(status=TaskResultStatus.READY, started_at=None):
            logger.warning(
                "Task %s (%s) was left running by worker %s, silent since %s: queued again",
                row.pk,
                row.task_path,
                worker or "?",
                seen.isoformat() if seen else "its start",
            )
            moved.append(str(row.pk))
    return moved


def requeue_task(task_id, *, reason: str) -> None:
    """Back to READY a task this worker holds but will not finish (forced stop)."""
    DBTaskResult.objects.filter(pk=task_id).update(
        status=TaskResultStatus.READY, started_at=None, finished_at=None, exception_class_path="", traceback=""
    )
    logger.warning("Task %s queued again: %s", task_id, reason)


class WorkerLost(Exception):
    """The exception path recorded on a task given up after killing too many workers."""


# -- Schedules -------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """A task enqueued once per period of ``every_days`` days (periods start on days
    counted from 2000-01-01, so every worker computes the same period)."""

    task: str  # the task's import path
    every_days: int = 1
    kwargs: dict = field(default_factory=dict)

    def period(self, today: date) -> str:
        start = EPOCH + timedelta(days=(today - EPOCH).days // self.every_days * self.every_days)
        return start.isoformat()


EPOCH = date(2000, 1, 1)


def schedules() -> dict[str, Schedule]:
    """The scheduled jobs, by name (``HERITAGE_SCHEDULES`` replaces them: a dict of
    name → {"task": path, "every_days": n, "kwargs": {…}})."""
    configured = getattr(settings, "HERITAGE_SCHEDULES", None)
    if configured is not None:
        return {name: Schedule(**spec) for name, spec in configured.items()}
    return {
        "release_embargoes": Schedule("oral_histories.tasks.release_embargoes_task", every_days=1),
        "fixity_audit": Schedule(
            "oral_histories.tasks.fixity_audit_task", every_days=getattr(settings, "HERITAGE_FIXITY_INTERVAL_DAYS", 7)
        ),
        "prune_task_results": Schedule("heritage.worker.prune_task_results_task", every_days=1),
    }


def run_schedules(*, now: datetime | None = None, worker_id: str = "") -> list[str]:
    """Enqueue every scheduled job not yet enqueued for its current period; their names."""
    today = timezone.localdate(now or timezone.now())
    enqueued = []
    for name, schedule in schedules().items():
        period = schedule.period(today)
        if ScheduledRun.objects.filter(job=name, period=period).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=name, period=period, worker_id=worker_id)
                result = import_string(schedule.task).enqueue(**schedule.kwargs)
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker won this period
        logger.info("Scheduled job %s enqueued for the period from %s", name, period)
        enqueued.append(name)
    return enqueued


def prune_task_results(*, keep_days: int | None = None, now: datetime | None = None) -> int:
    """Delete finished task rows (and old heartbeats) past ``HERITAGE_TASK_RESULTS_KEEP_DAYS`` (30)."""
    keep = keep_days if keep_days is not None else getattr(settings, "HERITAGE_TASK_RESULTS_KEEP_DAYS", 30)
    cutoff = (now or timezone.now()) - timedelta(days=keep)
    deleted, _kinds = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
    return deleted


@task(queue_name="maintenance")
def prune_task_results_task() -> dict:
    """The scheduled pruning, on the maintenance queue."""
    return {"deleted": prune_task_results()}


# -- The worker ------------------------------------------------------------------------


class HeritageWorker(Worker):
    """django-tasks-db's worker with a heartbeat, recovery, schedules (module docstring)."""

    def __init__(
        self,
        *,
        heartbeat: float | None = HEARTBEAT_SECONDS,
        stale_after_seconds: float | None = None,
        run_schedules: bool = True,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.heartbeat_seconds = heartbeat
        self.stale = timedelta(seconds=stale_after_seconds) if stale_after_seconds else stale_after()
        self.schedules_on = run_schedules
        self.current_task: str = ""
        self.forced = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.host = socket.gethostname()[:255]

    # The heartbeat row ------------------------------------------------------------

    def beat(self, *, stopped: bool = False) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": self.host,
                "pid": os.getpid(),
                "queues": self.queue_names,
                "last_seen": now,
                "current_task": self.current_task,
                "stopped_at": now if stopped else None,
            },
            create_defaults={
                "host": self.host,
                "pid": os.getpid(),
                "queues": self.queue_names,
                "started_at": now,
                "last_seen": now,
                "current_task": self.current_task,
            },
        )

    def tick(self) -> None:
        """One heartbeat: the row, then recovery and schedules (each failure logged, not fatal)."""
        for step in (self.beat, self.recover, self.schedule, self.nudge_outbox):
            try:
                step()
            except Exception:
                logger.exception("Worker %s: %s failed", self.worker_id, step.__name__)

    def recover(self) -> None:
        recover_stale_tasks(stale=self.stale)

    def schedule(self) -> None:
        if self.schedules_on:
            run_schedules(worker_id=self.worker_id)

    def nudge_outbox(self) -> None:
        """Every ``outbox.NUDGE_SECONDS``: a drain for each index writer that owes old
        changes and has none due (``heritage.outbox.nudge``): after an outage the indexes
        heal by themselves, without waiting out the drain's longest back-off."""
        from heritage import outbox

        now = time.monotonic()
        if not self.schedules_on or now < getattr(self, "_next_nudge", 0.0):
            return
        self._next_nudge = now + outbox.NUDGE_SECONDS
        outbox.nudge()

    def _beating(self) -> None:
        try:
            while not self._stop.wait(self.heartbeat_seconds):
                self.tick()
                close_old_connections()
        finally:
            connections.close_all()

    # The loop -----------------------------------------------------------------------

    def run(self) -> None:
        self.tick()
        if self.heartbeat_seconds:
            self._thread = threading.Thread(target=self._beating, name="heartbeat", daemon=True)
            self._thread.start()
        try:
            super().run()
        finally:
            self._stop.set()
            if self._thread is not None:
                self._thread.join(timeout=max(self.heartbeat_seconds or 0, 1) * 4)
            try:
                self.beat(stopped=True)
            except Exception:
                logger.exception("Worker %s: could not record its stop", self.worker_id)
            logger.info("Worker %s stopped", self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task = str(db_task_result.pk)
        self.running_task = True  # from here on, a SIGTERM lets the task finish
        try:
            self.beat()
        except Exception:
            logger.exception("Worker %s: heartbeat failed", self.worker_id)
        try:
            super().run_task(db_task_result)
        finally:
            task_id, self.current_task = self.current_task, ""
        if self.forced:
            # A second signal interrupted the task (django-tasks-db then marks it failed):
            # it did not fail, it was stopped, so the next worker runs it again.
            requeue_task(task_id, reason=f"worker {self.worker_id} was stopped while running it")
            raise SystemExit(1)

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        if self.running or not self.running_task:
            super().shutdown(signum, frame)
            return
        logger.warning("Received %s again: stopping now, the task goes back to the queue.", signal.strsignal(signum))
        self.forced = True
        self.reset_signals()
        sys.exit(1)  # raised inside the task; run_task puts it back to READY
