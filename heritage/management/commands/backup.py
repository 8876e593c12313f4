"""``manage.py backup DEST [--label TEXT] [--sha512]``: one consistent, checksummed package.

DEST is a new folder (a BagIt bag), or a tar file of that folder when it ends in
``.tar``. The database dump, every public media file and every private file
(recordings, access copies, consent forms) go in, with SHA-256 checksums; see
``heritage.backup`` for what it holds and why it is consistent, and docs/backup.md
for running it from cron. Exits non-zero, leaving nothing named DEST, on any failure.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heritage.backup import BackupError, human_size, write_backup
from heritage.progress import ProgressBar

logger = logging.getLogger("heritage.backup")


class Command(BaseCommand):
    help = "Write the database, public media and private files into one BagIt package (a folder, or DEST.tar)."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="a new folder, or a file ending in .tar")
        parser.add_argument("--label", default="", help="a note kept in the package's bag-info.txt")
        parser.add_argument("--sha512", action="store_true", help="a SHA-512 manifest beside the SHA-256 one")

    def progress(self, label: str) -> ProgressBar | None:
        return ProgressBar(self.stdout, label, unit="files") if self.stdout.isatty() else None

    def handle(self, *args, dest: str, label: str, sha512: bool, **options):
        checksums = ("sha256", "sha512") if sha512 else ("sha256",)
        try:
            summary = write_backup(Path(dest), label=label.strip(), checksums=checksums, progress=self.progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if self.stdout.isatty():
            self.stdout.write("")
        for name in summary.missing:
            self.stderr.write(f"deleted while the backup ran, not in the package: {name}")
        if options["verbosity"]:
            self.stdout.write(
                f"Backup written to {summary.path}: {summary.vendor} database ({human_size(summary.database_bytes)}), "
                f"{summary.files['media']} media files ({human_size(summary.bytes['media'])}), "
                f"{summary.files['private']} private files ({human_size(summary.bytes['private'])}); "
                f"checksums: {', '.join(checksums)}."
            )
