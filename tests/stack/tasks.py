"""A task for the stack tests only: it holds the worker until a file appears, so a test
can kill the worker in the middle of a job and see the next worker finish it."""

import os
import time

from django_tasks import task


@task(queue_name="default")
def wait_for_file(path: str) -> str:
    for _ in range(6000):  # at most ten minutes
        if os.path.exists(path):
            return f"done by pid {os.getpid()}"
        time.sleep(0.1)
    raise TimeoutError(f"{path} never appeared")
