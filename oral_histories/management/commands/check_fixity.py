"""Re-hash every stored master recording and report missing or changed files.

    manage.py check_fixity            # every recording
    manage.py check_fixity --since 30 # those not checked in the last 30 days

Exit status 1 when any file is missing or its SHA-256 differs from the one taken at
upload, or when the storage cannot be read (a CommandError, so cron and CI notice);
each problem is named on stderr. Files are read through the Storage API as streams
(``heritage.storage.open_stream``), so the same check runs on a local folder and on a
private S3 bucket without holding a recording in memory.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from oral_histories.tasks import audit_fixity


class Command(BaseCommand):
    help = "Re-hash every stored master recording; exit 1 if any is missing or changed."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=int, metavar="DAYS", help="only recordings not checked for DAYS days")

    def handle(self, *args, since=None, **options):
        checked, problems = audit_fixity(since_days=since)
        for problem in problems:
            self.stderr.write(problem)
        summary = f"{checked} recording(s) checked, {len(problems)} problem(s)."
        if problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
