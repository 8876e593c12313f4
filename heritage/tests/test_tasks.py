"""heritage.tasks.retrying_task: a task that touches another system is retried later,
with back-off, a bounded number of times, each attempt visible in the task list."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heritage.tests.sample_tasks import always_fails, always_fails_coalescing, fails_the_first_time
from heritage.tests.workers import DATABASE_TASKS, waiting
from heritage.tests.workers import run_now as run


@pytest.fixture
def database_tasks(settings, db):
    """Tasks queue in the database, as in production (the test settings run them inline)."""
    settings.TASKS = DATABASE_TASKS


def test_a_failing_task_is_queued_again_later_then_given_up(database_tasks, caplog):
    first = DBTaskResult.objects.get(pk=always_fails.enqueue("sync").id)
    before = timezone.now()

    failed = run(first)
    assert failed.status == TaskResultStatus.FAILED and "connection refused" in failed.traceback
    [second] = waiting()
    assert second.args_kwargs == {"args": ["sync"], "kwargs": {"attempt": 2}}
    assert second.run_after >= before + timedelta(seconds=10)
    # Not before its time: the worker does not take it yet.
    assert not DBTaskResult.objects.ready().exists()

    run(second)
    [third] = waiting()
    assert third.args_kwargs["kwargs"] == {"attempt": 3}
    assert third.run_after >= before + timedelta(seconds=20)  # the wait doubles

    with caplog.at_level(logging.ERROR, logger="heritage.tasks"):
        assert run(third).status == TaskResultStatus.FAILED
    assert waiting() == []  # given up after three attempts
    assert "always_fails gave up after 3 attempts: ConnectionError: sync: connection refused" in caplog.text
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3


def test_a_retry_that_succeeds_ends_the_chain(database_tasks, tmp_path):
    marker = str(tmp_path / "tried")
    run(DBTaskResult.objects.get(pk=fails_the_first_time.enqueue(marker).id))
    [retry] = waiting()
    done = run(retry)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.return_value == "written"
    assert waiting() == []


def test_coalescing_retries_wait_once_for_the_same_arguments(database_tasks):
    rows = [DBTaskResult.objects.get(pk=always_fails_coalescing.enqueue("sync").id) for _ in range(2)]
    other = DBTaskResult.objects.get(pk=always_fails_coalescing.enqueue("other").id)
    for row in [*rows, other]:
        run(row)
    assert sorted(row.args_kwargs["args"][0] for row in waiting()) == ["other", "sync"]


def test_the_immediate_backend_runs_a_task_once_and_logs_why_it_is_not_retried(db, caplog):
    with caplog.at_level(logging.ERROR, logger="heritage.tasks"):
        result = always_fails.enqueue("inline")
    assert result.status == TaskResultStatus.FAILED
    assert "always_fails failed (attempt 1 of 3) and is not retried: ConnectionError" in caplog.text
    assert not DBTaskResult.objects.exists()
