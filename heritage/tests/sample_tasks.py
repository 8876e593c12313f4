"""Tasks for the worker tests only (module-level, as django-tasks requires, and importable
by a worker subprocess)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task

from heritage.tasks import retrying_task


@retrying_task(attempts=3, backoff=10)
def always_fails(label: str) -> None:
    raise ConnectionError(f"{label}: connection refused")


@retrying_task(attempts=3, backoff=10, coalesce=True)
def always_fails_coalescing(label: str) -> None:
    raise ConnectionError(f"{label}: connection refused")


@retrying_task(attempts=3, backoff=10)
def fails_the_first_time(marker: str) -> str:
    path = Path(marker)
    if not path.exists():
        path.write_text("tried")
        raise ConnectionError("the node is restarting")
    return "written"


@task()
def wait_for_file(path: str, checks: int = 1200) -> str:
    """Hold the worker until ``path`` exists (checked every 50 ms, at most ``checks`` times)."""
    for _ in range(checks):
        if Path(path).exists():
            return f"done by pid {os.getpid()}"
        time.sleep(0.05)
    raise TimeoutError(f"{path} never appeared")
