"""``manage.py restore SOURCE [--yes] [--force]``: rebuild the archive from a backup.

In order, stopping at the first problem with a message that says what and where:

1. validate the package (every file, every checksum: a changed or missing file is
   named and nothing is restored);
2. check it fits: the same kind of database, no migration newer than the code;
3. check the target is empty (a new database, empty storages); with ``--force`` say
   what is replaced and go on;
4. ask for confirmation (``--yes`` skips it; without a terminal it is required);
5. copy every file back under its own name, re-hashing each where it landed;
6. restore the database (one transaction), migrate it if the package is older;
7. rebuild the search indexes and OAI-PMH records (on the worker when one is
   configured, here with the immediate backend).

Stop the web and worker processes first: a restore replaces the data under them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heritage.backup import BackupError, open_backup, plan_restore, restore_backup
from heritage.progress import ProgressBar


class Command(BaseCommand):
    help = "Validate a backup package and restore it into the configured (empty) database and storages."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a backup folder, or its .tar")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--force", action="store_true", help="restore even over a database or storages that hold content"
        )
        parser.add_argument("--workdir", help="where a .tar is unpacked (default: the system's temporary folder)")

    def progress(self, label: str) -> ProgressBar | None:
        return ProgressBar(self.stdout, label, unit="files") if self.stdout.isatty() else None

    def handle(self, *args, source: str, yes: bool, force: bool, workdir: str | None, **options):
        try:
            with open_backup(Path(source), workdir=Path(workdir) if workdir else None) as backup:
                info = backup.bag.info
                self.stdout.write(
                    f"{source}: valid ({len(backup.bag.entries)} files checked). Made "
                    f"{info.get('Heritage-Backup-Started', info.get('Bagging-Date', '?'))} by "
                    f"{info.get('Heritage-Software', '?')}" + (f"; label: {backup.label}" if backup.label else "")
                )
                plan = plan_restore(backup, force=force)
                self.stdout.write(f"Target: the {plan.target.database}.")
                for line in plan.target.replaced():
                    self.stdout.write(f"  --force: {line}")
                if plan.migrations.missing:
                    self.stdout.write(
                        f"The package predates {len(plan.migrations.missing)} migrations of this code: "
                        "they run after the database is restored."
                    )
                if not yes:
                    self.confirm()
                report = restore_backup(backup, plan, progress=self.progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if self.stdout.isatty():
            self.stdout.write("")
        for folder, count in report.files.items():
            self.stdout.write(
                f"{folder}: {count} files restored and verified, {report.unchanged[folder]} already in place"
            )
        self.stdout.write(
            f"database: restored{f', then {len(report.migrated)} migrations applied' if report.migrated else ''}"
        )
        self.stdout.write(f"search indexes and OAI-PMH records: {report.derived}")

    def confirm(self) -> None:
        if not sys.stdin.isatty():
            raise CommandError("Pass --yes to restore without a terminal to confirm on.")
        answer = input("Restore it? Type 'yes' to go on: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing restored.")
