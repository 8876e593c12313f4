"""Shared machinery for background tasks (django-tasks): retries with back-off.

Tasks that talk to other systems (Elasticsearch, ffmpeg writing to object storage)
fail for reasons that pass: a node restarting, a bucket briefly unreachable. django-tasks
has no retry of its own (https://github.com/RealOrangeOne/django-tasks: "retries are
left to the task"), so ``retrying_task`` adds one the way its database backend allows:

    @retrying_task(queue_name="media", attempts=5, backoff=30)
    def make_access_copy_task(recording_id: int) -> None: ...

When the function raises, a new task is enqueued with ``run_after`` = now + ``backoff``
× 2^(attempt − 1) seconds and ``attempt`` + 1 in its kwargs (so every row in the task
list says which attempt it is), and the failed row keeps its error (FAILED). After
``attempts`` tries the failure is logged at ERROR with its reason and nothing more is
queued. With ``coalesce`` a retry is not queued while an identical task (same
arguments) already waits: one Elasticsearch sync writes everything owed, however
many publishes queued one during an outage.

Retries need a backend that can defer (``supports_defer``: the database backend the
worker drains). The immediate backend of the demo and the tests runs a task once,
inside the request: a failure is logged, never slept on and retried in front of the
editor.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from django_tasks import DEFAULT_TASK_QUEUE_NAME, task, task_backends
from django_tasks.base import Task, TaskResultStatus

logger = logging.getLogger(__name__)

ATTEMPT = "attempt"  # the kwarg each retry carries


def retry_delay(attempt: int, backoff: float) -> timedelta:
    """How long to wait before ``attempt`` + 1: ``backoff`` × 2^(attempt − 1) seconds."""
    return timedelta(seconds=backoff * 2 ** (attempt - 1))


def retrying_task(
    *,
    attempts: int = 5,
    backoff: float = 30,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    priority: int = 0,
    coalesce: bool = False,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> Callable[[Callable], Task]:
    """A django-tasks ``@task`` that re-enqueues itself with back-off on failure (see the module docstring)."""

    def decorate(func: Callable) -> Task:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return func(*args, **kwargs)
            except retry_on as error:
                reason = f"{type(error).__name__}: {error}"
                if attempt >= attempts:
                    logger.error("%s gave up after %s attempts: %s", name, attempt, reason)
                    raise
                if not requeue(registered, args, kwargs, attempt=attempt + 1, backoff=backoff, coalesce=coalesce):
                    logger.error("%s failed (attempt %s of %s) and is not retried: %s", name, attempt, attempts, reason)
                    raise
                logger.warning("%s failed (attempt %s of %s), retried later: %s", name, attempt, attempts, reason)
                raise

        registered = task(queue_name=queue_name, priority=priority)(run)
        return registered

    return decorate


def requeue(registered: Task, args: tuple, kwargs: dict, *, attempt: int, backoff: float, coalesce: bool) -> bool:
    """Enqueue attempt number ``attempt``, later; False when the backend cannot defer."""
    backend = registered.get_backend()
    if not backend.supports_defer:
        return False
    if coalesce and waiting(registered, args, kwargs):
        return True
    run_after = timezone.now() + retry_delay(attempt - 1, backoff)
    registered.using(run_after=run_after).enqueue(*args, **kwargs, **{ATTEMPT: attempt})
    return True


def waiting(registered: Task, args: tuple, kwargs: dict) -> bool:
    """Whether the same task with the same arguments is already queued (database backend)."""
    from django_tasks.utils import normalize_json
    from django_tasks_db.models import DBTaskResult

    wanted_args, wanted_kwargs = normalize_json(list(args)), normalize_json(kwargs)
    for queued in DBTaskResult.objects.filter(
        task_path=registered.module_path, status=TaskResultStatus.READY, backend_name=registered.backend
    ).only("args_kwargs"):
        other = dict(queued.args_kwargs.get("kwargs") or {})
        other.pop(ATTEMPT, None)
        if (queued.args_kwargs.get("args") or []) == wanted_args and other == wanted_kwargs:
            return True
    return False


def attempt_of(args_kwargs: dict | None) -> int:
    """The attempt a queued task's row stands for (1 unless a retry)."""
    return int(((args_kwargs or {}).get("kwargs") or {}).get(ATTEMPT, 1))


def uses_worker(alias: str = "default") -> bool:
    """Whether tasks wait for a worker (a backend that keeps them), rather than running inline."""
    return task_backends[alias].supports_get_result
