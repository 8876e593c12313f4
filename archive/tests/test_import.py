"""Importing artifacts from CSV and JSON Lines (manage.py import_artifacts)."""

from __future__ import annotations

import csv
import io
import json

from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, PageLogEntry

import pytest

from archive.models import ArtifactPage
from archive.transfer.columns import header
from archive.transfer.importer import import_artifacts
from heritage.factories import ImageFactory, RightsStatementFactory, ThemeFactory
from search.models import SearchDocument


def csv_bytes(rows: list[dict], columns: list[str] | None = None) -> bytes:
    columns = columns or header(images=1, perspectives=1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


def run(tree, data: bytes, file_format: str = "csv", **options):
    return import_artifacts(io.BytesIO(data), file_format=file_format, institution=tree.institution, **options)


def row(number: int, **values) -> dict:
    return {
        "accession_number": f"MHM.{number:04d}",
        "title_en": f"Letter {number}",
        "title_fr": f"Lettre {number}",
        "description_en": "A letter home.\n\nWritten on the boat.",
        "object_type_en": "Letter",
        "earliest_year": "1962",
        "latest_year": "1963",
        **values,
    }


@pytest.mark.django_db
def test_rows_become_published_artifacts_with_every_language(tree):
    report = run(tree, csv_bytes([row(1), row(2, title_ar="رسالة", date_text_de="um 1962")]))
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    letter = ArtifactPage.objects.get(accession_number="MHM.0002")
    assert letter.live and not letter.has_unpublished_changes
    assert letter.get_parent().pk == tree.collection.pk
    assert (letter.title_en, letter.title_ar, letter.date_text_de) == ("Letter 2", "رسالة", "um 1962")
    assert letter.description_en == "<p>A letter home.</p><p>Written on the boat.</p>"
    assert letter.live_revision_id == letter.latest_revision_id is not None
    assert letter.live_revision.as_object().title_en == "Letter 2"
    with translation.override("fr"):
        assert letter.title == "Lettre 2"
    # The tree stays valid: paths, depth and the parent's child count.
    assert Page.find_problems() == ([], [], [], [], [])
    tree.collection.refresh_from_db()
    assert tree.collection.get_children().count() == 2
    assert PageLogEntry.objects.filter(page=letter, action="archive.import").exists()
    # Search finds them at once.
    assert SearchDocument.objects.filter(page_id=letter.pk).exists()


@pytest.mark.django_db
def test_the_site_serves_imported_artifacts(tree, client):
    run(tree, csv_bytes([row(7)]))
    letter = ArtifactPage.objects.get(accession_number="MHM.0007")
    response = client.get(letter.url)
    assert response.status_code == 200
    assert "Letter 7" in response.content.decode()
    with translation.override("fr"):
        assert client.get(letter.get_url()).status_code == 200


@pytest.mark.django_db
def test_a_second_run_updates_instead_of_duplicating(tree):
    run(tree, csv_bytes([row(1), row(2)]))
    report = run(tree, csv_bytes([row(1), row(2, title_en="Letter two")]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert ArtifactPage.objects.count() == 2
    assert ArtifactPage.objects.get(accession_number="MHM.0002").title_en == "Letter two"
    assert ArtifactPage.objects.get(accession_number="MHM.0002").revisions.count() == 2
    assert ArtifactPage.objects.get(accession_number="MHM.0001").revisions.count() == 1


@pytest.mark.django_db
def test_bad_rows_are_listed_with_row_column_and_reason_and_good_rows_still_import(tree):
    rows = [
        row(1),
        row(2, earliest_year="19th c."),
        row(3, title_en=""),
        row(4, themes="no-such-theme"),
        row(5, latest_year="1900"),
        row(1),
        row(6, rights="XX"),
    ]
    report = run(tree, csv_bytes(rows, [*header(), "colour"]))
    assert report.created == 1
    found = {(error.row, error.column) for error in report.errors}
    assert found == {
        (3, "earliest_year"),
        (4, "title_en"),
        (5, "themes"),
        (6, "latest_year"),
        (7, "accession_number"),
        (8, "rights"),
    }
    messages = {error.row: error.message for error in report.errors}
    assert "“19th c.” is not a year" in messages[3]
    assert "already appears in row 2" in messages[7]
    assert report.unknown_columns == ["colour"]


@pytest.mark.django_db
def test_strict_imports_nothing_when_a_row_is_bad(tree):
    report = run(tree, csv_bytes([row(1), row(2, earliest_year="soon")]), strict=True)
    assert ArtifactPage.objects.count() == 0
    assert report.created == 0 and "Nothing was imported" in report.problem


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_says_what_would_happen(tree):
    picture = ImageFactory()
    with_image = {"image_1_file": picture.file.name, "image_1_alt_text_en": "Front"}
    run(tree, csv_bytes([row(1, **with_image)]))
    # A library image from before Wagtail kept hashes: recognised, but its hash not saved.
    type(picture).objects.filter(pk=picture.pk).update(file_hash="")
    with CaptureQueriesContext(connection) as queries:
        report = run(tree, csv_bytes([row(1, **with_image), row(2, **with_image), row(3, title_en="")]), dry_run=True)
    assert not [q for q in queries.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert (report.created, report.unchanged, report.failed) == (1, 1, 1)
    assert ArtifactPage.objects.count() == 1
    picture.refresh_from_db()
    assert picture.file_hash == ""


@pytest.mark.django_db
def test_json_lines_with_lists_and_a_broken_line(tree):
    theme = ThemeFactory(slug="migration", name_en="Migration", name_fr="Migration")
    lines = [
        json.dumps(row(1, themes=["migration"], earliest_year=1962)),
        "{not json",
        json.dumps(["a list"]),
        json.dumps(row(2, themes="Migration|new idea")),
    ]
    report = run(tree, "\n".join(lines).encode(), "jsonl", create_missing=True)
    assert report.created == 2
    assert [(e.row, e.message) for e in report.errors][0][0] == 2
    assert report.errors[1].row == 3
    two = ArtifactPage.objects.get(accession_number="MHM.0002")
    assert sorted(two.themes.values_list("slug", flat=True)) == ["migration", "new-idea"]
    assert ArtifactPage.objects.get(accession_number="MHM.0001").themes.get() == theme


@pytest.mark.django_db
def test_unknown_names_are_errors_unless_creation_is_allowed(tree):
    report = run(tree, csv_bytes([row(1, places="Hafen")]))
    assert report.errors and report.errors[0].column == "places"
    assert "create missing names" in report.errors[0].message


@pytest.mark.django_db
def test_images_by_path_are_added_once_and_reused(tree, tmp_path):
    picture = ImageFactory()
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "letter.jpg").write_bytes(picture.file.read())
    (folder / "broken.jpg").write_bytes(b"not an image")
    rows = [
        row(1, image_1_file="letter.jpg", image_1_alt_text_en="The first page", image_1_caption_fr="Première page"),
        row(2, image_1_file="broken.jpg", image_1_alt_text_en="Broken"),
        row(3, image_1_file="missing.jpg", image_1_alt_text_en="Missing"),
        row(4, image_1_file="letter.jpg"),
        row(5, image_1_file="../../etc/passwd", image_1_alt_text_en="Out"),
    ]
    report = run(tree, csv_bytes(rows), images_root=folder)
    assert report.created == 1
    errors = {error.row: (error.column, error.message) for error in report.errors}
    assert errors[3][0] == "image_1_file" and "not an image we can read" in errors[3][1]
    assert errors[4][0] == "image_1_file" and "no file “missing.jpg”" in errors[4][1]
    assert errors[5][0] == "image_1_alt_text_en"
    assert errors[6][0] == "image_1_file"
    gallery = ArtifactPage.objects.get(accession_number="MHM.0001").gallery_images.get()
    # The same picture as one already in the library: reused, not copied.
    assert gallery.image_id == picture.pk
    assert gallery.caption_fr == "Première page"


@pytest.mark.django_db
def test_rights_by_code_or_uri(tree):
    statement = RightsStatementFactory(
        code="CC-BY-4.0", family="cc", uri="https://creativecommons.org/licenses/by/4.0/"
    )
    run(
        tree,
        csv_bytes(
            [
                row(1, rights="cc-by-4.0"),
                row(2, rights="https://creativecommons.org/licenses/by/4.0"),
                row(3, rights="http://creativecommons.org/licenses/by/4.0/"),  # the scheme does not matter
                row(4, rights=" HTTPS://CreativeCommons.org/licenses/by/4.0/ "),
            ]
        ),
    )
    assert ArtifactPage.objects.count() == 4
    assert set(ArtifactPage.objects.values_list("rights_id", flat=True)) == {statement.pk}


@pytest.mark.django_db
def test_hostile_markup_is_cleaned(tree):
    run(tree, csv_bytes([row(1, description_en='<p onclick="x()">Hi<script>alert(1)</script></p>')]))
    description = ArtifactPage.objects.get().description_en
    assert "script" not in description and "onclick" not in description


@pytest.mark.django_db
def test_the_command_reports_and_sets_its_exit_status(tree, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([row(1)]))
    call_command("import_artifacts", str(good), institution="mmp")
    assert "1 artifacts created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([row(2, earliest_year="x")]))
    with pytest.raises(CommandError) as failure:
        call_command("import_artifacts", str(bad), institution="mmp", report=str(tmp_path / "report.json"))
    assert failure.value.returncode == 1
    assert "row 2, earliest_year" in capsys.readouterr().err
    assert json.loads((tmp_path / "report.json").read_text())["errors"][0]["column"] == "earliest_year"
    with pytest.raises(CommandError, match="No institution with the code “nope”"):
        call_command("import_artifacts", str(good), institution="nope")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("accession_number,title_en\nA1,Café\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_artifacts", str(latin1), institution="mmp")


def illustrated_row(number: int, picture, **values) -> dict:
    """A row with an image and a community perspective."""
    return row(
        number,
        image_1_file=picture.file.name,
        image_1_alt_text_en="Front",
        perspective_1_author="Sami",
        perspective_1_language="aeb",
        perspective_1_original="حكاية",
        perspective_1_community_en="Tunisians of Hamburg",
        **values,
    )


@pytest.mark.django_db
def test_the_revision_holds_what_wagtail_itself_would_save(tree):
    """Editors open imported pages from their revision: it must be the page's whole content."""
    from django.core.serializers.json import DjangoJSONEncoder

    ThemeFactory(slug="migration")
    picture = ImageFactory()
    run(tree, csv_bytes([illustrated_row(1, picture, themes="migration")]))
    page = ArtifactPage.objects.get()
    stored = page.live_revision.content
    expected = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
    for key in ("pk", "latest_revision", "live_revision"):
        stored.pop(key, None), expected.pop(key, None)
    for child in ("gallery_images", "perspectives"):
        for item in stored[child] + expected[child]:
            item.pop("pk")
    assert stored == expected
    # And the editor opens it with everything in place.
    edited = page.get_latest_revision_as_object()
    assert [item.alt_text_en for item in edited.gallery_images.all()] == ["Front"]
    assert [theme.slug for theme in edited.themes.all()] == ["migration"]


@pytest.mark.django_db
def test_imported_images_count_as_used_and_editors_find_the_pages(tree, commit):
    """The reference index ("used by") and Wagtail's own page search hold imported
    artifacts as if they had been published one by one."""
    from wagtail.models import ReferenceIndex

    picture = ImageFactory()
    ThemeFactory(slug="harbour")
    run(tree, csv_bytes([row(1, themes="harbour", image_1_file=picture.file.name, image_1_alt_text_en="Front")]))
    commit()  # the background task runs once the batch commits
    page = ArtifactPage.objects.get()
    bulk = set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type_id", "to_object_id", "model_path", "content_path"
        )
    )
    assert ReferenceIndex.get_references_to(picture).exists()
    ReferenceIndex.objects.all().delete()
    ReferenceIndex.create_or_update_for_object(page)
    one_by_one = set(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "to_content_type_id", "to_object_id", "model_path", "content_path"
        )
    )
    assert bulk == one_by_one
    assert list(ArtifactPage.objects.search("Letter 1")) == [page.page_ptr.specific]


@pytest.mark.django_db
def test_the_indexes_built_from_the_imported_objects_equal_those_built_from_the_database(tree, commit):
    """The importer hands its own page objects to the search index, the harvesting
    records and the revision; loading the pages afresh must give the same."""
    from django.core.serializers.json import DjangoJSONEncoder

    from exchange.oai.records import rebuild
    from heritage.factories import PersonFactory, PlaceFactory
    from search import sync

    # Created in the reverse of their slugs' order: a query returns them by slug.
    for slug in ("work", "migration", "harbour"):
        ThemeFactory(slug=slug)
    PlaceFactory(slug="tunis"), PlaceFactory(slug="marseille")
    PersonFactory(slug="sami"), PersonFactory(slug="amal")
    picture = ImageFactory()
    rebuild()  # the collection's own record
    rows = [
        illustrated_row(number, picture, themes="work|harbour|migration", places="tunis|marseille", makers="sami|amal")
        for number in range(1, 4)
    ]
    report = run(tree, csv_bytes(rows))
    assert report.created == 3 and not report.errors, report.as_dict()
    commit()
    assert rebuild() == {"created": 0, "updated": 0, "deleted": 0}
    imported = set(ArtifactPage.objects.values_list("pk", flat=True))
    assert [d for d in sync.verify().differences if d.page_id in imported] == []
    for page in ArtifactPage.objects.all():
        stored = page.live_revision.content
        expected = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        assert [stored[name] for name in ("themes", "places", "makers")] == [
            expected[name] for name in ("themes", "places", "makers")
        ]
        assert [theme.slug for theme in page.themes.all()] == ["harbour", "migration", "work"]


@pytest.mark.django_db
def test_names_created_in_a_later_batch_are_found_when_the_batch_is_written(tree):
    """--create-missing on a file of several batches: a maker first named after the
    first batch is created, then written with its artifacts (it was a KeyError)."""
    rows = [row(number, makers="Atelier Sfax" if number > 2 else "") for number in range(1, 6)]
    report = run(tree, csv_bytes(rows), create_missing=True, batch_size=2)
    assert (report.created, report.errors) == (5, [])
    made = {
        page.accession_number: list(page.makers.values_list("slug", flat=True)) for page in ArtifactPage.objects.all()
    }
    assert made["MHM.0005"] == ["atelier-sfax"] and made["MHM.0001"] == []


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing_whatever_the_order_of_ids(tree):
    """Vocabulary ids compared in one order on both sides: [9, 10] is not [10, 9]."""
    themes = [ThemeFactory(slug=f"theme-{number}", name_en=f"Theme {number}") for number in range(1, 12)]
    listed_themes = "|".join(theme.slug for theme in (themes[9], themes[8], themes[10]))
    data = csv_bytes([row(1, themes=listed_themes)])
    run(tree, data)
    again = run(tree, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert ArtifactPage.objects.get(accession_number="MHM.0001").revisions.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value", "named"),
    [
        ("title_en", "Letter\x00 home", "U+0000"),
        ("title_en", "Letter\r\nhome", "U+000D (a line break)"),
        ("title_ar", "رسالة \u202emoc.evil", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("description_en", "Written on\x1bthe boat", "U+001B"),
        ("accession_number", "MHM.\x850001", "U+0085"),
    ],
)
def test_control_characters_are_refused_naming_row_column_and_character(tree, column, value, named):
    report = run(tree, csv_bytes([row(1), row(2, **{column: value})]))
    assert report.created == 1
    [problem] = report.errors
    assert (problem.row, problem.column) == (3, column)
    assert named in problem.message
    assert not ArtifactPage.objects.filter(accession_number="MHM.0002").exists()


@pytest.mark.django_db
def test_line_breaks_in_a_description_and_isolates_in_a_title_are_kept(tree):
    report = run(tree, csv_bytes([row(1, description_en="One.\n\nTwo.", title_ar="رسالة \u2068MHM\u2069")]))
    assert (report.created, report.errors) == (1, [])


@pytest.mark.django_db
def test_a_byte_that_is_not_utf8_deep_in_the_file_stops_everything_before_a_row_is_written(tree):
    """A Latin-1 byte at row 1,500 of 2,000: named with its line and its offset in the
    whole file, and not one batch committed."""
    rows = [row(number) for number in range(1, 2001)]
    rows[1499]["title_fr"] = "Lettre de Sète"
    text = csv_bytes(rows).decode()
    data = text.encode("utf-8").replace("Sète".encode(), "Sète".encode("latin-1"))
    offset = data.index("Sète".encode("latin-1")) + 2  # the "è", counting from 1
    report = run(tree, data, batch_size=500)
    assert ArtifactPage.objects.count() == 0 and report.created == 0 and not report.written
    # Row 1,501 of the spreadsheet (the header is row 1), further down in lines: each
    # description holds a blank line.
    assert (
        f"byte 0xE8 in row 1501 (line {text[: text.index('Sète')].count(chr(10)) + 1}, byte {offset} of the file)"
        in (report.problem)
    )
    assert "Nothing was imported" in report.problem
