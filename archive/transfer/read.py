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
import re
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
    if file_format == "csv":
        check_quotes(binary)
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
    header, records = csv_records(stream)
    for number, cells in records:
        if len(cells) > len(header):
            yield RawRow(
                number,
                problem=_("%(cells)s cells, but the header has %(columns)s columns (a missing quote?)")
                % {"cells": len(cells), "columns": len(header)},
            )
            continue
        values = {name: unescape_formula(cell) for name, cell in zip(header, cells, strict=False) if name}
        yield RawRow(number, values)


def csv_records(stream) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (checked) and every record that is not blank, with its row number.
    Each record is checked for a quote left open (:func:`open_quote`): a
    :class:`QuoteProblem` stops the reading there."""
    sample = stream.read(4096)
    dialect = sniff(sample)
    lines = _Lines(io.StringIO(sample + stream.read()) if len(sample) < 4096 else _Chain(sample, stream))
    # Strict: Python's reader then refuses text after a closing quote and a quote still
    # open at the end of the file, where it would otherwise read on silently.
    reader = csv.reader(lines, dialect, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FileProblem(_("The file is empty: it needs a header row naming the columns.")) from None
    except csv.Error as error:
        raise QuoteProblem(unreadable(lines, dialect, ["accession_number"], row=1, line=1, error=error)) from error
    header = [name.strip() for name in header]
    if "accession_number" not in header:
        raise FileProblem(
            _("The header row has no “accession_number” column (it has: %(columns)s).")
            % {"columns": ", ".join(header[:12]) or _("nothing")}
        )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise FileProblem(_("The header names these columns twice: %(columns)s.") % {"columns": ", ".join(duplicates)})

    def records() -> Iterator[tuple[int, list[str]]]:
        number = 1
        first_line = lines.count + 1  # the physical line the next record starts on
        lines.taken.clear()
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise QuoteProblem(
                    unreadable(lines, dialect, header, row=number + 1, line=first_line, error=error)
                ) from error
            number += 1
            if len(lines.taken) > 1:
                open_quote(cells, "".join(lines.taken), dialect, header, row=number, line=first_line)
            first_line = lines.count + 1
            lines.taken.clear()
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            yield number, cells

    return header, records()


def sniff(sample: str):
    """The sample's CSV dialect. Cells are quoted with ``"`` and a quote inside a quoted
    cell is written twice (``""``), as every spreadsheet program writes them: the sniffer
    says otherwise when the sample happens to hold no ``""`` (a ``""`` further down would
    then end the cell) or many apostrophes after a delimiter. The
    delimiter is the one that finds the ``accession_number`` column in the header,
    where the sniffer guesses another (a stray quote or a cell of several lines in the
    sample can mislead it)."""
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
    except csv.Error:
        sniffed = csv.excel
    dialect = type("Sniffed", (sniffed,), {"quotechar": '"', "doublequote": True, "escapechar": None})
    first = sample.splitlines()[0] if sample else ""
    if "accession_number" not in (name.strip() for name in _cells(first, dialect)):
        for delimiter in ",;\t":
            if "accession_number" in (name.strip() for name in first.split(delimiter)):
                return type("Delimited", (csv.excel,), {"delimiter": delimiter})
    return dialect


class QuoteProblem(FileProblem):
    """A quoted cell that swallows the rows after it (see :func:`open_quote`)."""


def check_quotes(binary: IO[bytes]) -> None:
    """Read the whole CSV file once before any row is imported, and go back to the
    start: a quote left open (see :func:`open_quote`) is reported with its row, column
    and line, and nothing is written. A stream that cannot go back is checked as it is
    read instead (the batches before the bad row are then written)."""
    if not binary.seekable():
        return
    start = binary.tell()
    stream = text_stream(binary)
    try:
        _header, records = csv_records(stream)
        for _record in records:
            pass
    except QuoteProblem as problem:
        raise FileProblem(_("%(problem)s Nothing was imported.") % {"problem": problem}) from problem
    finally:
        stream.detach()
        binary.seek(start)


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _column(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else _("cell %(number)s") % {"number": index + 1}


def _line_of(text: str, offset: int, first_line: int) -> int:
    return first_line + len(LINE_BREAK.findall(text, 0, offset))


def unreadable(lines: _Lines, dialect, header: list[str], *, row: int, line: int, error: csv.Error) -> str:
    """What to say of a record Python's (strict) reader refused: the quoted cell that is
    never closed, or whose closing quote is followed by text."""
    text = "".join(lines.taken)
    for cell in quoted_cells(text, dialect):
        where = {"row": row, "column": _column(header, cell.column), "line": _line_of(text, cell.start, line)}
        if not cell.closed:
            return (
                _(
                    "Row %(row)s, column “%(column)s”: the quote that opens this cell on line %(line)s is never "
                    "closed, so the rest of the file would be read into it. Close the cell with a quote, or remove "
                    "that quote."
                )
                % where
            )
        if text[cell.end + 1 : cell.end + 2] not in ("", dialect.delimiter, "\r", "\n"):
            return _(
                "Row %(row)s, column “%(column)s”: text follows the quote that closes this cell on line %(end)s "
                "(it opens on line %(line)s). A quote is missing where the cell ends, or a quote inside the cell "
                'is not written twice ("").'
            ) % {**where, "end": _line_of(text, cell.end, line)}
    return _("Row %(row)s (line %(line)s) cannot be read as CSV: %(error)s.") % {
        "row": row,
        "line": line,
        "error": error,
    }


def open_quote(cells: list[str], text: str, dialect, header: list[str], *, row: int, line: int) -> None:
    """Raise :class:`QuoteProblem` if a quoted cell of this record (``cells``, read from
    the physical lines ``text``, the first of them line ``line``) is a quote left open
    rather than a cell of several lines. Python's CSV reader reads on, past the end of
    the line, until it meets another quote, taking the rows below into the cell. The
    (strict) reader itself refuses a cell that is never closed and one whose closing
    quote is followed by text (:func:`unreadable`): the quote that "closed" it was the
    opening quote of a cell further down. What it cannot see is a cell closed by a
    quote that happens to end a cell further down (``30"`` for thirty inches, just
    before the delimiter). Such a cell is refused when a line inside it, after a line
    break, reads as a row of its own: the cell in the ``accession_number`` column has
    the same shape (letters, digits and the signs between them: ``MHM.0002`` is
    ``A.9``) as this row's accession number, and either the line has as many cells as
    the header, or it is the cell's last line and the record as read has not (the cell
    joined the start of one row to the end of another). A description of several
    paragraphs inside its closing quotes is none of these."""
    for cell in quoted_cells(text, dialect):
        content = text[cell.start + 1 : cell.end]
        if LINE_BREAK.search(content) and swallows_rows(cells, cell.column, content, dialect, header):
            raise QuoteProblem(
                _(
                    "Row %(row)s, column “%(column)s”: the quote that opens this cell on line %(line)s is not closed "
                    "on its line, so the rows below it, up to line %(end)s, would be read into this cell. Close the "
                    "cell with a quote where it ends, or remove that quote."
                )
                % {
                    "row": row,
                    "column": _column(header, cell.column),
                    "line": _line_of(text, cell.start, line),
                    "end": _line_of(text, cell.end, line),
                }
            )


def swallows_rows(cells: list[str], column: int, content: str, dialect, header: list[str]) -> bool:
    """Rule 3 of :func:`open_quote`: whether a line inside this quoted cell (``content``
    as written, the cell's ``column``th) reads as a row of its own."""
    key = header.index("accession_number")
    segments = LINE_BREAK.split(content.replace(dialect.quotechar * 2, dialect.quotechar))
    # This row as its first line reads when the quote is taken for a plain character.
    first = cells[:column] + _cells(segments[0], dialect)
    if key >= len(first) or not (shape := _shape(first[key])):
        return False
    for position, segment in enumerate(segments[1:], start=2):
        parts = _cells(segment, dialect)
        if key >= len(parts) or _shape(parts[key]) != shape:
            continue
        if len(parts) == len(header) or (position == len(segments) and len(cells) != len(header)):
            return True
    return False


def _cells(line: str, dialect) -> list[str]:
    return next(csv.reader([line], dialect), [])


def _shape(value: str) -> str:
    """``MHM.1962.4`` and ``MHM.1963.12`` are ``A.9.9``; spaces count as one."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "A", value.strip())))


@dataclass
class QuotedCell:
    column: int  # counted from 0
    start: int  # the offset of the opening quote
    end: int  # the offset of the closing quote (or of the end of the text)
    closed: bool


def quoted_cells(text: str, dialect) -> Iterator[QuotedCell]:
    """The quoted cells of one record's physical lines, as Python's CSV reader reads
    them (``doublequote``, ``skipinitialspace``; text after a closing quote continues
    the cell, a quote inside an unquoted cell is a plain character)."""
    delimiter, quote = dialect.delimiter, dialect.quotechar or '"'
    boundary = re.compile(f"[{re.escape(delimiter)}\r\n]")
    column, position, length = 0, 0, len(text)
    while position < length:
        if dialect.skipinitialspace:
            while position < length and text[position] == " ":
                position += 1
        if position < length and text[position] == quote:
            search = position + 1
            while True:
                closing = text.find(quote, search)
                if closing == -1:
                    yield QuotedCell(column, position, length, closed=False)
                    return
                if dialect.doublequote and text.startswith(quote, closing + 1):
                    search = closing + 2
                    continue
                break
            yield QuotedCell(column, position, closing, closed=True)
            position = closing + 1
        found = boundary.search(text, position)
        if found is None or found.group() != delimiter:
            return
        column += 1
        position = found.end()


class _Lines:
    """Lines of a stream, counted, those of the record being read kept (``taken``)."""

    def __init__(self, lines):
        self.lines = iter(lines)
        self.taken: list[str] = []
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.count += 1
        self.taken.append(line)
        return line


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
