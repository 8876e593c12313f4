"""``manage.py export_artifacts --institution CODE [-o FILE]``: the published artifacts of
an institution as CSV or JSON Lines, in the columns ``import_artifacts`` reads."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.transfer.export import write_csv, write_jsonl
from archive.transfer.read import FORMATS
from archive.transfer.scope import ScopeProblem, find_scope


class Command(BaseCommand):
    help = "Export an institution's published artifacts as CSV or JSON Lines (the import's columns)."

    def add_arguments(self, parser):
        parser.add_argument("--institution", required=True, help="the holding institution's code")
        parser.add_argument("--collection", help="only this collection (its slug)")
        parser.add_argument("--format", choices=FORMATS, help="csv or jsonl (default: from the file name, else csv)")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        try:
            institution, collection = find_scope(options["institution"], options["collection"])
        except ScopeProblem as problem:
            raise CommandError(str(problem)) from problem
        output = options["output"]
        file_format = options["format"] or (
            "jsonl" if output and Path(output).suffix.lower() in (".jsonl", ".ndjson") else "csv"
        )
        write = write_csv if file_format == "csv" else write_jsonl
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = write(stream, institution, collection=collection)
            self.stderr.write(_("%(count)s artifacts written to %(path)s.") % {"count": count, "path": output})
        else:
            write(self.stdout._out, institution, collection=collection)
