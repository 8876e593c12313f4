"""The project's worker in the test process: no heartbeat thread, no schedules, batch mode
(every task due, then stop), as ``manage.py worker --batch`` runs it."""

from heritage.worker import HeritageWorker


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
