"""The import: a file of artifacts into one institution's collections.

Rows are read as a stream and checked one by one; good rows are written in batches
(``batch_size``, default 500), each batch in its own transaction. A killed import
leaves only whole batches, and a second run completes it: rows already imported come
back ``unchanged`` (upsert by institution and accession number).

- ``dry_run``: check and plan everything, write nothing; the report says what would
  be created, updated or left alone and lists every bad row.
- ``strict``: nothing is written unless every row is good (a checking pass first).
- otherwise bad rows are reported and the good ones imported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from heritage.bulk import long_lived_frozen

from .read import FileProblem, rows, unknown_columns
from .records import Lookups, RowChecker, RowError
from .write import BatchWriter

BATCH_SIZE = 500


@dataclass
class ImportReport:
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    vocabulary_created: dict[str, list[str]] = field(default_factory=dict)
    problem: str = ""  # the file could not be read, or the import stopped
    written: bool = False

    @property
    def failed(self) -> int:
        return len({error.row for error in self.errors})

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "errors": [
                {"row": e.row, "column": e.column, "accession_number": e.accession_number, "message": e.message}
                for e in self.errors
            ],
            "unknown_columns": self.unknown_columns,
            "vocabulary_created": self.vocabulary_created,
            "problem": self.problem,
        }


def count_rows(source: IO[bytes]) -> int | None:
    """Roughly how many rows (lines) the file has, for the progress bar's ETA."""
    if not source.seekable():
        return None
    start = source.tell()
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: source.read(1 << 20), b""))
    source.seek(start)
    return lines


def import_artifacts(
    source: IO[bytes],
    *,
    file_format: str,
    institution,
    collection=None,
    dry_run: bool = False,
    strict: bool = False,
    create_missing: bool = False,
    images_root=None,
    allow_absolute: bool = False,
    batch_size: int = BATCH_SIZE,
    user=None,
    source_name: str = "",
    progress: Callable[[int, int | None], None] | None = None,
) -> ImportReport:
    """Import (or with ``dry_run`` check) every row of ``source``; see the module docstring."""
    options = {
        "file_format": file_format,
        "institution": institution,
        "collection": collection,
        "create_missing": create_missing,
        "images_root": images_root,
        "allow_absolute": allow_absolute,
        "batch_size": batch_size,
        "user": user,
        "source_name": source_name,
    }
    if strict and not dry_run:
        checked = run(source, dry_run=True, progress=None, **options)
        if checked.problem or checked.errors:
            checked.dry_run = False
            checked.created = checked.updated = checked.unchanged = 0
            checked.problem = checked.problem or _(
                "Nothing was imported: %(count)s rows have errors and --strict asks for a clean file."
            ) % {"count": checked.failed}
            return checked
        source.seek(0)
    return run(source, dry_run=dry_run, progress=progress, **options)


@long_lived_frozen()
def run(source, *, dry_run: bool, progress, **options) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    total = count_rows(source) if progress else None
    lookups = Lookups(
        options["institution"],
        create_missing=options["create_missing"],
        default_collection=options["collection"],
        images_root=options["images_root"],
        allow_absolute=options["allow_absolute"],
    )
    checker = RowChecker(lookups)
    writer = BatchWriter(lookups, user=options["user"], source=options["source_name"])
    batch_size, file_format = options["batch_size"], options["file_format"]
    batch = []
    columns_seen = False

    def flush():
        if not batch:
            return
        if dry_run:
            plan, errors = writer.plan(batch)
            actions = Counter(action for _record, _page, action in plan)
            report.created += actions["create"]
            report.updated += actions["update"]
            report.unchanged += actions["unchanged"]
            report.errors += errors
            return
        try:
            with transaction.atomic():
                result = writer.write(batch)
        except (DatabaseError, OSError) as error:
            first, last = batch[0].row, batch[-1].row
            report.problem = _(
                "Stopped at rows %(first)s–%(last)s, which were not imported (%(error)s). "
                "The rows before them were; run the import again to complete it."
            ) % {"first": first, "last": last, "error": error}
            raise StopImport from error
        report.written = True
        report.created += len(result.created)
        report.updated += len(result.updated)
        report.unchanged += result.unchanged
        report.errors += result.errors
        for kind, names in result.vocabulary_created.items():
            report.vocabulary_created.setdefault(kind, []).extend(names)

    try:
        for raw in rows(source, file_format):
            if not columns_seen:
                report.unknown_columns = unknown_columns(raw.values.keys())
                columns_seen = bool(raw.values)
            report.rows += 1
            if raw.problem:
                report.errors.append(RowError(raw.number, "", raw.problem))
            else:
                record, errors = checker.check(raw.number, raw.values)
                if errors:
                    report.errors += errors
                else:
                    batch.append(record)
            if len(batch) >= batch_size:
                flush()
                batch = []
            if progress:
                progress(report.rows, total)
        flush()
    except FileProblem as problem:
        report.problem = str(problem)
    except StopImport:
        pass
    if dry_run:
        for kind, names in lookups.to_create.items():
            if names:
                report.vocabulary_created[kind] = sorted(names.values())
    report.errors.sort(key=lambda error: error.row)
    return report


class StopImport(Exception):
    pass
