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

from contextlib import closing
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from heritage.storage import open_stream
from oral_histories.delivery import storage_errors
from oral_histories.media_files import sha256_stream
from oral_histories.models import Recording


class Command(BaseCommand):
    help = "Re-hash every stored master recording; exit 1 if any is missing or changed."

    def add_arguments(self, parser):
        parser.add_argument("--since", type=int, metavar="DAYS", help="only recordings not checked for DAYS days")

    def handle(self, *args, since=None, **options):
        recordings = Recording.objects.select_related("page").order_by("pk")
        if since is not None:
            cutoff = timezone.now() - timedelta(days=since)
            recordings = recordings.filter(Q(fixity_checked_at__isnull=True) | Q(fixity_checked_at__lt=cutoff))
        checked, problems = 0, []
        for recording in recordings.iterator():
            checked += 1
            label = f"recording {recording.pk} ({recording.page.title}, {recording.file.name})"
            try:
                with closing(open_stream(recording.file.storage, recording.file.name)) as stream:
                    actual = sha256_stream(stream)
            except FileNotFoundError:
                problems.append(f"MISSING  {label}")
                continue
            except storage_errors() as error:
                problems.append(f"UNREADABLE  {label}: {error}")
                continue
            if actual != recording.sha256:
                problems.append(f"CHANGED  {label}: expected {recording.sha256}, found {actual}")
                continue
            Recording.objects.filter(pk=recording.pk).update(fixity_checked_at=timezone.now())
        for problem in problems:
            self.stderr.write(problem)
        summary = f"{checked} recording(s) checked, {len(problems)} problem(s)."
        if problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
