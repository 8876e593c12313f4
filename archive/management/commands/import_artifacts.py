"""``manage.py import_artifacts FILE --institution CODE``: artifacts from CSV or JSON Lines.

The columns are documented in docs/artifact-import.md. Rows are matched to existing
artifacts by the institution and accession number (upsert); unchanged rows are left
alone. Bad rows are listed with their row number, column and reason, and the good rows
are imported, unless ``--strict``. ``--dry-run`` writes nothing. A progress bar with
rate and ETA is drawn on a terminal. Exit status: 0 all rows good, 1 some rows bad
(``--report`` writes the whole report as JSON), 2 nothing could be imported.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.transfer.importer import BATCH_SIZE, import_artifacts
from archive.transfer.read import FORMATS, FileProblem, guess_format, open_source
from archive.transfer.scope import ScopeProblem, find_scope
from heritage.progress import ProgressBar

SHOWN_ERRORS = 100


class Command(BaseCommand):
    help = "Import artifacts from a CSV or JSON Lines file into an institution's collections."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv or .jsonl file (see docs/artifact-import.md)")
        parser.add_argument("--institution", required=True, help="the holding institution's code, e.g. mmp-marseille")
        parser.add_argument("--collection", help="slug of the collection for rows without a collection column")
        parser.add_argument("--format", choices=FORMATS, help="csv or jsonl (default: from the file name)")
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
        parser.add_argument("--strict", action="store_true", help="import nothing unless every row is good")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="create themes, places and people named in the file that do not exist yet",
        )
        parser.add_argument("--images", help="folder that image paths are relative to (default: the file's folder)")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="rows per transaction")
        parser.add_argument("--report", help="write the whole report (every error) to this JSON file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            institution, collection = find_scope(options["institution"], options["collection"])
        except ScopeProblem as problem:
            raise CommandError(str(problem)) from problem
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        try:
            file_format = options["format"] or guess_format(path.name)
            source = open_source(path)
        except FileProblem as problem:
            raise CommandError(str(problem)) from problem
        bar = ProgressBar(self.stderr, _("Checking") if options["dry_run"] else _("Importing"), unit=_("rows"))
        with source:
            report = import_artifacts(
                source,
                file_format=file_format,
                institution=institution,
                collection=collection,
                dry_run=options["dry_run"],
                strict=options["strict"],
                create_missing=options["create_missing"],
                images_root=options["images"] or path.resolve().parent,
                allow_absolute=True,
                batch_size=options["batch_size"],
                source_name=path.name,
                progress=bar if self.stderr.isatty() else None,
            )
        if self.stderr.isatty():
            bar.close()
        if options["report"]:
            Path(options["report"]).write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        self.summarise(report)
        if report.problem and not report.written:
            raise CommandError(report.problem, returncode=2)
        if report.errors or report.problem:
            raise CommandError(
                _("%(count)s rows were not imported (listed above).") % {"count": report.failed}, returncode=1
            )

    def summarise(self, report) -> None:
        if report.unknown_columns:
            self.stderr.write(
                self.style.WARNING(_("Columns ignored (not in the format): %(columns)s") % {
                    "columns": ", ".join(report.unknown_columns)
                })
            )  # fmt: skip
        for error in report.errors[:SHOWN_ERRORS]:
            self.stderr.write(self.style.ERROR(str(error)))
        if len(report.errors) > SHOWN_ERRORS:
            self.stderr.write(_("… and %(count)s more errors (use --report FILE for all).") % {
                "count": len(report.errors) - SHOWN_ERRORS
            })  # fmt: skip
        if report.problem:
            self.stderr.write(self.style.ERROR(report.problem))
        counts = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "failed": report.failed,
        }
        if report.dry_run:
            summary = _(
                "Dry run, nothing written. %(rows)s rows: %(created)s artifacts would be created, "
                "%(updated)s updated, %(unchanged)s unchanged; %(failed)s rows have errors."
            )
        else:
            summary = _(
                "%(rows)s rows: %(created)s artifacts created, %(updated)s updated, "
                "%(unchanged)s unchanged; %(failed)s rows have errors."
            )
        self.stdout.write(summary % counts)
        labels = {
            "themes": _("New themes: %(names)s"),
            "places": _("New places: %(names)s"),
            "makers": _("New people: %(names)s"),
        }
        for kind, names in report.vocabulary_created.items():
            self.stdout.write(labels[kind] % {"names": ", ".join(names)})
