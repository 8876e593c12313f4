"""A quote left open in a CSV cell is refused, naming its row and column, before any row
is written; cells of several lines inside their quotes still import (issue 15)."""

from __future__ import annotations

import io
import json

from django.core.management import CommandError, call_command

import pytest

from archive.models import ArtifactPage
from archive.transfer.importer import import_artifacts

from .test_import import csv_bytes, row, run

HEADER = "accession_number,title_en,description_en,dimensions_en"


def plain_csv(*lines: str, header: str = HEADER) -> bytes:
    """A file written by hand, line by line (no cell quoted unless the line says so)."""
    return "\n".join((header, *lines, "")).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("dry_run", [False, True])
def test_an_unclosed_title_before_quoted_descriptions_stops_the_import_naming_row_and_column(tree, dry_run):
    """The issue's case: ``"Letter from Sfax`` with no closing quote, the rows after it
    with descriptions of two paragraphs (quoted, as any CSV writer quotes them). Python's
    reader used to take the rows below into the title, and report success."""
    rows = [row(number) for number in range(1, 7)]
    rows[2]["description_en"] = "A letter home"  # on one line: not quoted
    data = csv_bytes(rows).decode().replace("MHM.0003,,Letter 3,", 'MHM.0003,,"Letter from Sfax,', 1)
    report = run(tree, data.encode(), batch_size=2, dry_run=dry_run)
    assert ArtifactPage.objects.count() == 0 and not report.written
    assert report.created == report.updated == report.unchanged == 0
    # Each description but row 4's holds a blank line: row 4 of the spreadsheet is on
    # line 8, and the quote opening row 5's description (line 9) closes the title.
    assert data.splitlines()[7].startswith('MHM.0003,,"Letter from Sfax')
    assert report.problem == (
        "Row 4, column “title_en”: text follows the quote that closes this cell on line 9 (it opens on line 8). "
        'A quote is missing where the cell ends, or a quote inside the cell is not written twice (""). '
        "Nothing was imported."
    )


@pytest.mark.django_db
def test_a_quote_never_closed_runs_to_the_end_of_the_file_and_is_refused(tree):
    data = plain_csv(
        "MHM.1,Letter 1,A letter home,10 cm",
        'MHM.2,"Letter from Sfax,A letter home,10 cm',
        "MHM.3,Letter 3,A letter home,12 cm",
        "MHM.4,Letter 4,A letter home,12 cm",
    )
    report = run(tree, data, batch_size=1)
    assert ArtifactPage.objects.count() == 0
    assert report.problem == (
        "Row 3, column “title_en”: the quote that opens this cell on line 3 is never closed, so the rest of the "
        "file would be read into it. Close the cell with a quote, or remove that quote. Nothing was imported."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "closing, end",
    [
        ('MHM.3,Poster 3,A poster,30"', 4),  # thirty inches, the row below: one row taken in
        ('MHM.3,Poster 3,A poster,12 cm\nMHM.4,Poster 4,A poster,30"', 5),  # two rows taken in
        ('MHM.3,Poster 3,30",12 cm', 4),  # a quote in another column, before its delimiter
    ],
)
def test_a_quote_closed_by_one_that_ends_a_cell_further_down_is_refused(tree, closing, end):
    """The quote ending ``30"`` (thirty inches) closes the open cell and is followed by
    the delimiter or the line's end, as a real closing quote is: the strict reader sees
    nothing wrong, but the lines inside the cell read as rows of their own."""
    data = plain_csv(
        "MHM.1,Letter 1,A letter home,10 cm",
        'MHM.2,"Letter from Sfax,A letter home,10 cm',
        *closing.split("\n"),
        "MHM.9,Letter 9,A letter home,12 cm",
    )
    report = run(tree, data)
    assert ArtifactPage.objects.count() == 0
    assert report.problem.startswith(
        f"Row 3, column “title_en”: the quote that opens this cell on line 3 is not closed on its line, so the "
        f"rows below it, up to line {end}, would be read into this cell."
    )


@pytest.mark.django_db
def test_cells_of_several_lines_inside_their_quotes_import(tree):
    """Paragraphs, a line with as many commas as the header has delimiters, a line that
    starts like an accession number, inches (``30"``) in a quoted cell, Windows line ends."""
    descriptions = [
        "A letter home.\n\nWritten on the boat.",
        "Contents:\nMHM.0009, the envelope, is kept apart\n\nwith the stamps",
        "Bought in Tunis, 1962, by her father.\nGiven in 2004.",
        "MHM.0001\nthe first of the series",
    ]
    columns = ["accession_number", "title_en", "description_en", "dimensions_en"]
    rows = [
        {"accession_number": f"MHM.{number:04d}", "title_en": f"Letter {number}", "description_en": text}
        for number, text in enumerate(descriptions, start=1)
    ]
    rows.append({"accession_number": "MHM.0005", "title_en": "Poster", "dimensions_en": '30" × 20"'})
    data = csv_bytes(rows, columns)
    report = run(tree, data.replace(b"\n", b"\r\n"))
    assert (report.created, [e.message for e in report.errors], report.problem) == (5, [], "")
    assert ArtifactPage.objects.get(accession_number="MHM.0005").dimensions_en == '30" × 20"'
    assert "MHM.0009, the envelope" in ArtifactPage.objects.get(accession_number="MHM.0002").description_en


@pytest.mark.django_db
def test_a_description_line_that_reads_like_a_row_of_a_narrow_file_imports(tree):
    """Three columns, the description last: its second line has two commas (three
    cells, as the header), but what stands in the accession-number column is prose."""
    data = plain_csv(
        'MHM.1,Letter,"Letter home.\nFrom: Tunis, 1962, by boat."',
        "MHM.2,Letter 2,A letter home",
        header="accession_number,title_en,description_en",
    )
    report = run(tree, data)
    assert (report.created, report.problem) == (2, "")


@pytest.mark.django_db
def test_a_doubled_quote_far_into_the_file_is_one_quote(tree):
    """The sniffer reads the first 4 KB only: a ``""`` after them is still a quote."""
    rows = [row(number) for number in range(1, 60)]
    rows.append(row(60, title_en='The "Ville de Tunis"'))
    data = csv_bytes(rows)
    assert data.index(b'""') > 4096
    report = run(tree, data)
    assert (report.created, report.problem) == (60, "")
    assert ArtifactPage.objects.get(accession_number="MHM.0060").title == 'The "Ville de Tunis"'


@pytest.mark.django_db
def test_a_semicolon_file_with_a_cell_of_several_lines_at_its_start(tree):
    """The sniffer guesses the wrong delimiter here; the header's accession_number tells."""
    data = 'accession_number;title_en;description_en\r\nMHM.1;Letter;"x\r\ny"\r\nMHM.2;L2;x\r\nMHM.3;L3;x\r\n'
    report = run(tree, data.encode())
    assert (report.created, report.problem) == (3, "")


class OneWay(io.RawIOBase):
    """A stream that cannot go back (standard input)."""

    def __init__(self, data: bytes):
        self.source = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.source.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.django_db
def test_a_stream_that_cannot_go_back_is_checked_as_it_is_read(tree):
    data = plain_csv(
        "MHM.1,Letter 1,A letter home,10 cm",
        "MHM.2,Letter 2,A letter home,10 cm",
        'MHM.3,"Letter from Sfax,A letter home,10 cm',
        "MHM.4,Letter 4,A letter home,12 cm",
    )
    report = import_artifacts(
        io.BufferedReader(OneWay(data)), file_format="csv", institution=tree.institution, batch_size=2
    )
    assert report.problem.startswith("Row 4, column “title_en”: the quote that opens this cell on line 4 is never")
    assert "Nothing was imported" not in report.problem
    # The batch before the bad row was written, as with a byte that is not UTF-8.
    assert sorted(ArtifactPage.objects.values_list("accession_number", flat=True)) == ["MHM.1", "MHM.2"]


@pytest.mark.django_db
def test_in_json_lines_a_missing_quote_spoils_its_own_line_only(tree):
    """Each line is one object: an unclosed string is an error on that line, and the
    lines after it are still read."""
    lines = [json.dumps(row(1)), '{"accession_number": "MHM.0002", "title_en": "Letter from Sfax}', json.dumps(row(3))]
    report = run(tree, "\n".join(lines).encode(), "jsonl")
    assert report.created == 2
    [error] = report.errors
    assert error.row == 2 and "not valid JSON" in error.message


@pytest.mark.django_db
def test_the_command_refuses_the_file_in_a_dry_run(tree, tmp_path):
    path = tmp_path / "letters.csv"
    path.write_bytes(plain_csv('MHM.1,"Letter from Sfax,A letter home,10 cm', "MHM.2,Letter 2,A letter home,12 cm"))
    with pytest.raises(CommandError, match="Row 2, column “title_en”: the quote that opens") as failure:
        call_command("import_artifacts", str(path), institution="mmp", dry_run=True)
    assert failure.value.returncode == 2


@pytest.mark.django_db
def test_apostrophes_at_the_start_of_cells_are_not_quotes(tree):
    """The sniffer takes ``'`` for the quote when cells start and end with it."""
    data = plain_csv(
        "MHM.1,'Aïcha' and 'Nour',A letter home,10 cm",
        "MHM.2,'Tis the season',A card,12 cm",
    )
    report = run(tree, data)
    assert (report.created, report.problem) == (2, "")
    assert ArtifactPage.objects.get(accession_number="MHM.1").title == "'Aïcha' and 'Nour'"
