"""Audit every stored file of the recordings: re-hash the masters, report orphans.

    manage.py check_fixity            # every recording
    manage.py check_fixity --since 30 # masters not checked in the last 30 days

Exit status 1 when any master is missing or its SHA-256 differs from the one taken at
upload, when an access copy or consent form a recording names is missing, when a file
in the recordings' folders of the private storage is named by no recording (ORPHAN:
older than ``HERITAGE_FIXITY_ORPHAN_GRACE_HOURS``, default 24), or when the storage
cannot be read (a CommandError, so cron and CI notice); each problem is named on
stderr. The folders are listed whatever ``--since`` says. Access copies that are
missing or stale are queued to be made again. Files are read through the Storage API
as streams (``heritage.storage.open_stream``), so the same check runs on a local folder
and on a private S3 bucket without holding a recording in memory.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from oral_histories.tasks import audit


class Command(BaseCommand):
    help = (
        "Re-hash every stored master recording and list the recordings' folders; exit 1 if any file is "
        "missing, changed or named by no recording."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=int, metavar="DAYS", help="only masters not checked for DAYS days")

    def handle(self, *args, since=None, **options):
        report = audit(since_days=since)
        for problem in report.problems:
            self.stderr.write(problem)
        if report.requeued:
            ids = ", ".join(str(pk) for pk in report.requeued)
            self.stdout.write(f"Access copies queued to be made again: recording(s) {ids}.")
        summary = (
            f"{report.checked} recording(s) checked, {len(report.problems)} problem(s). "
            f"{report.listed} stored file(s) listed."
        )
        if report.problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
