"""The worker (``manage.py worker``, heritage.worker): heartbeats and health, recovery of
tasks whose worker died, schedules enqueued once per period, the staff's task list, and
one real run of worker processes killed and replaced."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connections
from django.db.models import QuerySet
from django.db.utils import load_backend
from django.utils import timezone

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heritage.models import ScheduledRun, WorkerHeartbeat
from heritage.tests.sample_tasks import always_fails, wait_for_file
from heritage.tests.workers import DATABASE_TASKS
from heritage.worker import recover_stale_tasks, run_schedules, worker_status

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def database_tasks(settings, db):
    settings.TASKS = DATABASE_TASKS


def heartbeat(worker_id: str, *, seen: datetime, stopped: bool = False) -> WorkerHeartbeat:
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host="archive-1",
        pid=4242,
        queues=["default"],
        started_at=seen - timedelta(hours=1),
        last_seen=seen,
        stopped_at=seen if stopped else None,
    )


def running_on(*workers: str, started: datetime = NOW) -> DBTaskResult:
    """A task that ``workers`` took in turn, the last one still holding it."""
    row = DBTaskResult.objects.get(pk=wait_for_file.enqueue("/nonexistent").id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.RUNNING, worker_ids=list(workers), started_at=started
    )
    return row


def status_of(row: DBTaskResult) -> str:
    row.refresh_from_db()
    return row.status


# --- Recovery ---------------------------------------------------------------------------


def test_a_task_of_a_worker_gone_quiet_is_queued_again_and_a_live_ones_is_not(database_tasks):
    heartbeat("gone", seen=NOW - timedelta(minutes=5))
    heartbeat("alive", seen=NOW - timedelta(seconds=10))
    orphan, busy = running_on("gone"), running_on("alive")

    moved = recover_stale_tasks(now=NOW, stale=timedelta(seconds=60))

    assert moved == [str(orphan.pk)]
    assert status_of(orphan) == TaskResultStatus.READY and orphan.started_at is None
    assert orphan.worker_ids == ["gone"]  # the task list still says who tried
    assert status_of(busy) == TaskResultStatus.RUNNING
    # The next worker's claim takes it: it is among the tasks ready to run.
    assert DBTaskResult.objects.ready().filter(pk=orphan.pk).exists()


def test_a_worker_that_stopped_or_never_beat_leaves_its_task_to_be_recovered(database_tasks):
    heartbeat("stopped", seen=NOW - timedelta(seconds=5), stopped=True)
    stopped = running_on("stopped", started=NOW - timedelta(minutes=2))
    unknown = running_on("db-worker-without-heartbeat", started=NOW - timedelta(minutes=2))
    fresh = running_on("db-worker-without-heartbeat", started=NOW - timedelta(seconds=5))

    recover_stale_tasks(now=NOW, stale=timedelta(seconds=60))

    assert [status_of(stopped), status_of(unknown), status_of(fresh)] == ["READY", "READY", "RUNNING"]


def test_a_task_that_killed_three_workers_is_failed_not_retried_forever(database_tasks):
    for worker in ("one", "two", "three"):
        heartbeat(worker, seen=NOW - timedelta(minutes=5))
    poisonous = running_on("one", "two", "three")

    assert recover_stale_tasks(now=NOW, stale=timedelta(seconds=60)) == []

    assert status_of(poisonous) == TaskResultStatus.FAILED
    assert "running on 3 workers that each stopped without finishing it" in poisonous.traceback


def test_recovery_does_not_requeue_a_task_another_worker_took_meanwhile(database_tasks, monkeypatch):
    heartbeat("gone", seen=NOW - timedelta(minutes=5))
    row = running_on("gone")
    original = QuerySet.update

    def claimed_first(queryset, **values):
        # Between this worker's read and its update, another one recovered and claimed it.
        if queryset.model is DBTaskResult and values.get("status") == TaskResultStatus.READY:
            original(
                DBTaskResult.objects.filter(pk=row.pk),
                worker_ids=["gone", "other"],
                started_at=NOW + timedelta(seconds=1),
            )
        return original(queryset, **values)

    monkeypatch.setattr(QuerySet, "update", claimed_first)
    assert recover_stale_tasks(now=NOW, stale=timedelta(seconds=60)) == []
    assert status_of(row) == TaskResultStatus.RUNNING and row.worker_ids == ["gone", "other"]


# --- Health -----------------------------------------------------------------------------


def test_worker_status_counts_live_workers_only(database_tasks):
    assert worker_status(now=NOW) == {
        "required": True,
        "workers": 0,
        "last_seen": None,
        "queued": 0,
        "ok": False,
    }
    heartbeat("old", seen=NOW - timedelta(minutes=10))
    heartbeat("done", seen=NOW - timedelta(seconds=2), stopped=True)
    assert worker_status(now=NOW)["ok"] is False
    heartbeat("live", seen=NOW - timedelta(seconds=2))
    status = worker_status(now=NOW)
    assert status["ok"] is True and status["workers"] == 1
    assert status["last_seen"] == (NOW - timedelta(seconds=2)).isoformat()


def test_with_the_immediate_backend_no_worker_is_needed(db):
    assert worker_status(now=NOW)["ok"] is True


# --- Schedules --------------------------------------------------------------------------


def scheduled_tasks() -> list[str]:
    return sorted(row.task_path.rsplit(".", 1)[1] for row in DBTaskResult.objects.all())


def test_each_job_is_enqueued_once_per_period_however_often_asked(database_tasks, settings):
    settings.HERITAGE_FIXITY_INTERVAL_DAYS = 7
    monday = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)

    assert sorted(run_schedules(now=monday, worker_id="a")) == [
        "fixity_audit",
        "prune_task_results",
        "release_embargoes",
    ]
    assert run_schedules(now=monday + timedelta(hours=5), worker_id="b") == []  # another worker, same day
    assert scheduled_tasks() == ["fixity_audit_task", "prune_task_results_task", "release_embargoes_task"]
    assert {row.queue_name for row in DBTaskResult.objects.all()} == {"maintenance"}

    # The next day: the daily jobs again, the weekly audit not (its week began on Saturday the 5th).
    assert sorted(run_schedules(now=monday + timedelta(days=1))) == ["prune_task_results", "release_embargoes"]
    # The next week's Saturday: the audit too.
    assert "fixity_audit" in run_schedules(now=datetime(2026, 12, 12, 0, 30, tzinfo=UTC))
    assert ScheduledRun.objects.filter(job="fixity_audit").count() == 2


def test_a_period_another_worker_claimed_first_is_not_enqueued_again(database_tasks, monkeypatch):
    run_schedules(now=NOW, worker_id="a")
    queued = DBTaskResult.objects.count()
    # A worker whose "already done?" check ran before the other's insert committed: the
    # unique (job, period) row still lets only one enqueue.
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    assert run_schedules(now=NOW, worker_id="b") == []
    assert DBTaskResult.objects.count() == queued


def test_the_scheduled_jobs_run_inline_with_the_immediate_backend(db):
    enqueued = run_schedules(now=timezone.now())
    assert "release_embargoes" in enqueued
    assert ScheduledRun.objects.count() == len(enqueued)


# --- What staff see ---------------------------------------------------------------------


def test_superusers_see_recent_tasks_with_state_attempt_and_error(database_tasks, client, admin_client):
    heartbeat("archive-1-4242", seen=timezone.now())
    row = DBTaskResult.objects.get(pk=always_fails.enqueue("elasticsearch").id)
    DBTaskResult.objects.filter(pk=row.pk).update(
        status=TaskResultStatus.FAILED,
        traceback="Traceback (most recent call last):\n  ...\nConnectionError: elasticsearch: connection refused\n",
        args_kwargs={"args": ["elasticsearch"], "kwargs": {"attempt": 2}},
    )
    response = admin_client.get("/admin/background-tasks/?status=FAILED")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-task-id="{row.pk}" data-status="FAILED"' in page
    assert "always_fails" in page and "ConnectionError: elasticsearch: connection refused" in page
    assert "archive-1-4242" in page


def test_editors_who_are_not_superusers_are_refused_the_task_list(database_tasks, client):
    always_fails.enqueue("elasticsearch")
    editor = get_user_model().objects.create_user(username="ed", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/background-tasks/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "always_fails" not in response.content.decode()


# --- Real processes ---------------------------------------------------------------------


SHARED = "worker_shared"


@contextmanager
def shared_database(tmp_path: Path):
    """A database both this test and worker subprocesses reach: on SQLite a file copy of
    the (migrated, in-memory) test database, on PostgreSQL the test database itself."""
    default = connections["default"]
    if default.vendor != "sqlite":
        yield "default", dict(default.settings_dict)
        return
    path = tmp_path / "shared.sqlite3"
    default.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        default.connection.backup(target)
    settings_dict = {**default.settings_dict, "NAME": str(path)}
    # A connection made here, not a configured alias: Django's test case allows those.
    shared = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, SHARED)
    setattr(connections._connections, SHARED, shared)
    try:
        yield SHARED, settings_dict
    finally:
        shared.close()
        delattr(connections._connections, SHARED)


def poll(check, *, what: str, logs: Path, attempts: int = 600):
    """``check()`` until it is true, at most ``attempts`` times, 0.1 s apart."""
    for _ in range(attempts):
        if value := check():
            return value
        time.sleep(0.1)
    pytest.fail(f"Gave up waiting for {what}.\n" + "\n".join(p.read_text() for p in sorted(logs.glob("*.log"))))


@pytest.mark.processes
@pytest.mark.django_db(transaction=True)
def test_a_killed_workers_task_is_finished_by_the_next_worker(settings, tmp_path):
    settings.TASKS = DATABASE_TASKS
    flag = tmp_path / "go"
    task_id = str(wait_for_file.enqueue(str(flag)).id)
    with shared_database(tmp_path) as (alias, database):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "heritage.tests.worker_settings",
            "HERITAGE_TEST_DATABASE": json.dumps(database, default=str),
        }

        def start(worker_id: str) -> subprocess.Popen:
            log = (tmp_path / f"{worker_id}.log").open("wb")
            return subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--queue", "default", "--worker-id", worker_id]
                + ["--interval", "0.1", "--heartbeat", "0.2", "--stale-after", "1"]
                + ["--no-startup-delay", "--no-schedules", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def task() -> DBTaskResult:
            return DBTaskResult.objects.using(alias).get(pk=task_id)

        def holding(worker_id: str) -> bool:
            beat = WorkerHeartbeat.objects.using(alias).filter(pk=worker_id).first()
            return beat is not None and beat.current_task == task_id

        first = start("first")
        second = None
        try:
            poll(lambda: holding("first") and task().status == "RUNNING", what="the first worker", logs=tmp_path)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
            assert task().status == TaskResultStatus.RUNNING  # its worker is gone, nobody finished it

            second = start("second")
            poll(lambda: holding("second"), what="the second worker to take the task over", logs=tmp_path)
            # Stopped gracefully while it runs the task: it finishes it, then exits.
            second.send_signal(signal.SIGTERM)
            flag.write_text("go")
            assert second.wait(timeout=60) == 0
        finally:
            for process in (first, second):
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()

        done = task()
        assert done.status == TaskResultStatus.SUCCESSFUL
        assert done.return_value == f"done by pid {second.pid}"
        assert done.worker_ids == ["first", "second"]
        assert WorkerHeartbeat.objects.using(alias).get(pk="second").stopped_at is not None
