"""Run the background worker: django-tasks-db's ``db_worker`` plus a heartbeat, the
recovery of tasks whose worker died, and the scheduled jobs (see ``heritage.worker``).

    manage.py worker                                   # every queue
    manage.py worker --queue default,maintenance       # some queues
    manage.py worker --queue media                     # e.g. a machine with ffmpeg and disk for access copies
    manage.py worker --batch                           # what is due now, then exit

Every option of ``db_worker`` works here (``--interval``, ``--max-tasks``,
``--worker-id``, ``--backend``…). SIGTERM finishes the task in hand, then exits.
"""

from __future__ import annotations

import os
from argparse import ArgumentTypeError

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_backend_name, valid_interval

from heritage.worker import HEARTBEAT_SECONDS, HeritageWorker, default_worker_id


def database_backend(name: str) -> str:
    """django-tasks-db's check, with what to do about it."""
    try:
        return valid_backend_name(name)
    except ArgumentTypeError as error:
        raise ArgumentTypeError(
            f"{error}. Tasks run inside the request with this configuration; set HERITAGE_TASKS=database "
            "(the production default) so they queue in the database for this worker."
        ) from error


class Command(DatabaseWorkerCommand):
    help = "Run the background worker (queues of django-tasks-db), with heartbeat, recovery and schedules."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser._option_string_actions["--backend"].type = database_backend
        parser.add_argument(
            "--queue",
            dest="queue_name",
            help="The queues to process, separated by commas ('*': all, the default). Same as --queue-name.",
        )
        parser.add_argument(
            "--heartbeat",
            type=valid_interval,
            default=HEARTBEAT_SECONDS,
            help="Seconds between heartbeats, recovery checks and schedule checks (default: %(default)s).",
        )
        parser.add_argument(
            "--stale-after",
            type=valid_interval,
            default=None,
            help="Seconds of silence after which a worker is taken for dead and its task queued again "
            "(default: HERITAGE_WORKER_STALE_SECONDS or 60).",
        )
        parser.add_argument(
            "--no-schedules", action="store_false", dest="run_schedules", help="Do not enqueue the scheduled jobs."
        )
        # Unlike db_worker, every queue by default (access copies are on "media", the
        # scheduled jobs on "maintenance"), and an id that names the host and process.
        parser.set_defaults(queue_name="*", worker_id=None)

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, **options):
        self.configure_logging(verbosity)
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise CommandError(
                f"The database lacks {len(pending)} migration(s) (the task queue's tables among them?): "
                "run manage.py migrate first."
            )
        if reload and batch:
            reload = False
        worker = HeritageWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or default_worker_id(),
            heartbeat=None if batch else options["heartbeat"],
            stale_after_seconds=options["stale_after"],
            run_schedules=options["run_schedules"],
        )
        if reload and settings.DEBUG:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
