"""Rows from an artifact file, streamed: CSV (UTF-8, header row) or JSON Lines.

Each row comes with the number a person would look for: in CSV the spreadsheet row
(the header is row 1), in JSON Lines the line. A row that cannot be read at all (bad
JSON, too many cells) still comes, with ``problem`` saying why, so the report can list
it and the good rows can go on.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .columns import unescape_formula, unknown_column

FORMATS = ("csv", "jsonl")


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong format, not UTF-8, no header)."""


@dataclass
class RawRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


def guess_format(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise FileProblem(
        _("Cannot tell the format of “%(name)s”: name it .csv or .jsonl, or give the format.") % {"name": name}
    )


def check_encoding(binary: IO[bytes], file_format: str, *, chunk_size: int = 1 << 20) -> None:
    """Read the whole file once as UTF-8 before any row is imported, and go back to the
    start: a byte that is not UTF-8 (a Latin-1 "é" at row 1,500) is reported with its
    row, line and offset in the file, and nothing is written. Found while importing, it
    would stop the import after the batches already committed. A stream that cannot go
    back (standard input) is checked as it is read instead."""
    if not binary.seekable():
        return
    start = binary.tell()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    offset = 0
    try:
        while chunk := binary.read(chunk_size):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                # The decoder counts from the start of what it was given, which includes
                # up to three bytes carried over from the chunk before.
                position = offset + error.start - (len(error.object) - len(chunk))
                binary.seek(start)
                before = binary.read(position).decode("utf-8", errors="replace")
                byte = binary.read(1).hex().upper()
                raise FileProblem(
                    _(
                        "The file is not UTF-8 text: byte 0x%(byte)s in row %(row)s (line %(line)s, byte "
                        "%(position)s of the file) cannot be read. Nothing was imported. Save it as CSV UTF-8 "
                        "and try again."
                    )
                    % {
                        "byte": byte,
                        "row": row_at(before, file_format),
                        "line": before.count("\n") + 1,
                        "position": position + 1,
                    }
                ) from error
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise FileProblem(
                _(
                    "The file is not UTF-8 text: it ends in the middle of a character. Save it as CSV UTF-8 and try again."
                )
            ) from error
    finally:
        binary.seek(start)


def row_at(before: str, file_format: str) -> int:
    """The row (as :func:`rows` numbers them) of the character after ``before``: the
    line in JSON Lines; in CSV the record, counting line breaks inside quoted cells."""
    if file_format != "csv":
        return before.count("\n") + 1
    records = sum(1 for _record in csv.reader(io.StringIO(before)))
    return records + 1 if not before or before.endswith("\n") else max(records, 1)


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    # utf-8-sig drops the byte-order mark spreadsheet programs write.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict", newline="")


def rows(binary: IO[bytes], file_format: str) -> Iterator[RawRow]:
    """Every row of the file, in order (see the module docstring)."""
    if file_format not in FORMATS:
        raise FileProblem(_("Unknown format “%(format)s”: use csv or jsonl.") % {"format": file_format})
    reader = csv_rows if file_format == "csv" else jsonl_rows
    check_encoding(binary, file_format)
    stream = text_stream(binary)
    try:
        yield from reader(stream)
    except UnicodeDecodeError as error:
        raise FileProblem(
            _("The file is not UTF-8 text (byte %(position)s cannot be read). Save it as CSV UTF-8 and try again.")
            % {"position": error.start}
        ) from error
    finally:
        stream.detach()


def unknown_columns(columns) -> list[str]:
    return [name for name in columns if name and unknown_column(name)]


def csv_rows(stream) -> Iterator[RawRow]:
    sample = stream.read(4096)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
    except csv.Error:
        dialect = csv.excel
    stream = io.StringIO(sample + stream.read()) if len(sample) < 4096 else _Chain(sample, stream)
    reader = csv.reader(stream, dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(_("The file is empty: it needs a header row naming the columns.")) from None
    header = [name.strip() for name in header]
    if "accession_number" not in header:
        raise FileProblem(
            _("The header row has no “accession_number” column (it has: %(columns)s).")
            % {"columns": ", ".join(header[:12]) or _("nothing")}
        )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise FileProblem(_("The header names these columns twice: %(columns)s.") % {"columns": ", ".join(duplicates)})
    number = 1
    for cells in reader:
        number += 1
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) > len(header):
            yield RawRow(
                number,
                problem=_("%(cells)s cells, but the header has %(columns)s columns (a missing quote?)")
                % {"cells": len(cells), "columns": len(header)},
            )
            continue
        values = {name: unescape_formula(cell) for name, cell in zip(header, cells, strict=False) if name}
        yield RawRow(number, values)


class _Chain:
    """The sniffed sample followed by the rest of the stream, line by line."""

    def __init__(self, sample: str, stream):
        self.lines = iter(io.StringIO(sample).readlines())
        self.pending = ""
        self.stream = stream

    def __iter__(self):
        return self

    def __next__(self) -> str:
        for line in self.lines:
            if line.endswith("\n"):
                return line
            self.pending = line  # the sample ended mid-line
            break
        line = self.pending + self.stream.readline()
        self.pending = ""
        if not line:
            raise StopIteration
        return line


def jsonl_rows(stream) -> Iterator[RawRow]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
        except json.JSONDecodeError as error:
            yield RawRow(number, problem=_("not valid JSON (%(error)s)") % {"error": error.msg})
            continue
        if not isinstance(values, dict):
            yield RawRow(number, problem=_("each line must be one JSON object"))
            continue
        yield RawRow(number, values)


def open_source(path: str | Path) -> IO[bytes]:
    try:
        return open(path, "rb")  # noqa: SIM115 (the caller closes it)
    except OSError as error:
        raise FileProblem(_("Cannot open %(path)s: %(error)s") % {"path": path, "error": error.strerror}) from error
