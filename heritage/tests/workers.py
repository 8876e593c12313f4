"""The project's worker in the test process: no heartbeat thread, no schedules, batch mode
(every task due, then stop), as ``manage.py worker --batch`` runs it; and the task
settings and helpers the worker tests share."""

from __future__ import annotations

from heritage.worker import HeritageWorker

#: Tasks kept in the database for a worker, as in production (the test settings run them inline).
DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media", "maintenance"]}
}


def in_process_worker(worker_id: str = "test-worker", **options) -> HeritageWorker:
    return HeritageWorker(
        **{
            "queue_names": ["*"],
            "interval": 0,
            "batch": True,
            "backend_name": "default",
            "startup_delay": False,
            "max_tasks": None,
            "worker_id": worker_id,
            "heartbeat": None,
            **options,
        }
    )


def run_now(row, worker_id: str = "test-worker"):
    """One queued task (a ``DBTaskResult``) run as the worker runs it (claimed, then
    run), whatever its ``run_after``; returns the row as it ended."""
    row.claim(worker_id)
    in_process_worker(worker_id).run_task(row)
    row.refresh_from_db()
    return row


def waiting() -> list:
    """The tasks queued and not yet run, oldest first."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by("enqueued_at"))
