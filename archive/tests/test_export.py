"""Exporting artifacts, and the round trip: importing an export changes nothing."""

from __future__ import annotations

import csv
import io
import json

from django.core.management import call_command
from django.db import DatabaseError

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CommunityPerspectiveFactory
from archive.models import ArtifactPage
from archive.transfer import write as write_module
from archive.transfer.importer import import_artifacts
from heritage.factories import PersonFactory, PlaceFactory, RightsStatementFactory, ThemeFactory

from .test_import import csv_bytes, row


def catalogue(tree):
    """Artifacts made in the editor's way, with everything an artifact can hold."""
    rights = RightsStatementFactory()
    themes = [ThemeFactory(slug="migration"), ThemeFactory(slug="work")]
    for number in range(3):
        artifact = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title_en=f"Suitcase {number}",
            title_ar=f"حقيبة {number}",
            slug=f"suitcase-{number}",
            description_en="<p>Carried from <b>Tunis</b>, 1962.</p>",
            description_de="<p>Aus Tunis.</p>",
            materials_fr="Cuir",
            rights=rights,
            rights_holder_en="The family",
        )
        artifact.themes.set(themes[: number + 1])
        artifact.places.set([PlaceFactory()])
        artifact.makers.set([PersonFactory()])
        artifact.save_revision().publish()
    first = ArtifactPage.objects.get(slug="suitcase-0")
    ArtifactImageFactory(page=first, caption_fr="Vue de face", credit_en="Photo: MHM")
    ArtifactImageFactory(page=first)
    CommunityPerspectiveFactory(page=first)
    return first


def snapshot():
    return [
        (page.pk, page.live_revision_id, page.last_published_at, page.title_ar, page.description_en, page.url_path_fr)
        for page in ArtifactPage.objects.order_by("pk")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "jsonl"])
def test_importing_an_export_changes_nothing(tree, file_format, tmp_path):
    catalogue(tree)
    before = snapshot()
    path = tmp_path / f"export.{file_format}"
    call_command("export_artifacts", institution="mmp", output=str(path), format=file_format)
    with path.open("rb") as source:
        report = import_artifacts(source, file_format=file_format, institution=tree.institution)
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert snapshot() == before
    # And the export of the re-import is the same file.
    again = tmp_path / f"again.{file_format}"
    call_command("export_artifacts", institution="mmp", output=str(again), format=file_format)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.django_db
def test_an_export_imports_into_an_empty_archive_as_the_same_catalogue(tree, tmp_path):
    first = catalogue(tree)
    out = io.StringIO()
    call_command("export_artifacts", institution="mmp", format="jsonl", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 3
    by_number = {line["accession_number"]: line for line in lines}
    exported = by_number[first.accession_number]
    assert exported["title_ar"] == "حقيبة 0"
    assert exported["image_1_caption_fr"] == "Vue de face"
    assert exported["perspective_1_language"] == "aeb"
    assert exported["themes"] == ["migration"]
    # Change one value in the file: only that artifact is updated.
    exported["materials_fr"] = "Cuir et bois"
    data = "\n".join(json.dumps(line) for line in lines).encode()
    report = import_artifacts(io.BytesIO(data), file_format="jsonl", institution=tree.institution)
    assert (report.updated, report.unchanged) == (1, 2)
    first.refresh_from_db()
    assert first.materials_fr == "Cuir et bois"
    assert first.gallery_images.count() == 2 and first.perspectives.count() == 1


# Transactional: each batch commits for real.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_root")
def test_a_killed_import_leaves_whole_batches_and_a_rerun_completes_it(tree, monkeypatch):
    data = csv_bytes([row(number) for number in range(1, 8)])
    original = write_module.BatchWriter.revise
    calls = {"n": 0}

    def dies_in_the_second_batch(self, created, updated, now):
        calls["n"] += 1
        if calls["n"] == 2:
            raise DatabaseError("connection lost")
        return original(self, created, updated, now)

    monkeypatch.setattr(write_module.BatchWriter, "revise", dies_in_the_second_batch)
    report = import_artifacts(io.BytesIO(data), file_format="csv", institution=tree.institution, batch_size=3)
    assert "Stopped at rows 5–7" in report.problem and "connection lost" in report.problem
    assert sorted(ArtifactPage.objects.values_list("accession_number", flat=True)) == [
        "MHM.0001",
        "MHM.0002",
        "MHM.0003",
    ]
    monkeypatch.setattr(write_module.BatchWriter, "revise", original)
    report = import_artifacts(io.BytesIO(data), file_format="csv", institution=tree.institution, batch_size=3)
    assert (report.created, report.unchanged, report.problem) == (4, 3, "")
    assert ArtifactPage.objects.count() == 7
    from wagtail.models import Page

    assert Page.find_problems() == ([], [], [], [], [])


FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd",
    "-2+3",
    "'quoted",
    "'=already",
]


@pytest.mark.django_db
def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_come_back_as_they_were(tree, tmp_path):
    """CSV injection: no exported cell starts a formula; the round trip still holds."""
    for number, title in enumerate(FORMULAS):
        ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title_en=title,
            slug=f"formula-{number}",
            earliest_year=-500 if number == 0 else None,
        )
    path = tmp_path / "export.csv"
    call_command("export_artifacts", institution="mmp", output=str(path), format="csv")
    with path.open(newline="") as handle:
        exported = list(csv.DictReader(handle))
    titles = [line["title_en"] for line in exported]
    assert not [title for title in titles if title[:1] in "=+-@"], titles
    assert "'=HYPERLINK" in " ".join(titles) and "''quoted" in titles
    assert "-500" in [line["earliest_year"] for line in exported]  # a number stays a number

    before = snapshot()
    with path.open("rb") as source:
        report = import_artifacts(source, file_format="csv", institution=tree.institution)
    assert (report.errors, report.updated, report.unchanged) == ([], 0, len(FORMULAS))
    assert snapshot() == before
    assert sorted(ArtifactPage.objects.values_list("title_en", flat=True)) == sorted(FORMULAS)
