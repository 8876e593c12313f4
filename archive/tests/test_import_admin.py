"""The bulk import and export of artifacts in the admin: check, confirm, download."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from archive.models import ArtifactPage
from archive.transfer.columns import header
from heritage.factories import InstitutionFactory

IMPORT = "/admin/artifacts/import/"
CONFIRM = "/admin/artifacts/import/confirm/"
EXPORT = "/admin/artifacts/export/"


# --- Fixtures and helpers -------------------------------------------------------------


def make_curator(username: str, institution, *, may_add: bool = True):
    """A curator as the project sets them up: the "Curators" editor group (admin access,
    page permissions to add and publish) and the institution's curators group. Without
    ``may_add``: the institution's group and admin access only, no page permissions."""
    user = get_user_model().objects.create_user(username=username, password="pw")
    user.groups.add(institution.curators)
    if may_add:
        user.groups.add(Group.objects.get(name="Curators"))
    else:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test its own private storage, so that what an upload leaves behind can be seen."""
    settings.HERITAGE_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }


@pytest.fixture
def curator(tree):
    return make_curator("amina", tree.institution)


@pytest.fixture
def other(tree):
    """A curator of another institution (Hamburg, with a collection of its own), not of "mmp"."""
    hamburg = InstitutionFactory(code="nhh", name_en="Hamburg Harbour Museum")
    CollectionPageFactory(parent=tree.collections, institution=hamburg, title="Ships", slug="ships")
    return make_curator("bernd", hamburg)


def row(number: int, **values) -> dict:
    return {
        "accession_number": f"MHM.{number:04d}",
        "collection": "letters",
        "title_en": f"Letter {number}",
        "title_fr": f"Lettre {number}",
        "description_en": "A letter home.",
        "object_type_en": "Letter",
        "earliest_year": "1962",
        "latest_year": "1963",
        **values,
    }


def csv_file(rows: list[dict], name: str = "letters.csv", columns: list[str] | None = None) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns or header())
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


GOOD_AND_BAD = [row(1), row(2, earliest_year="19th c."), row(3), row(4, title_en="")]


def upload(client, institution, file, **options):
    data = {"file": file, "institution": institution.pk, **options}
    return client.post(IMPORT, data)


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "the report has no Import button"
    return html.unescape(match.group(1))


def text(response) -> str:
    """The page's text as a reader sees it (tags dropped, spaces collapsed)."""
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(content).split())


def error_rows(response) -> list[tuple[str, str, str]]:
    """(row, column, accession number) of each line of the report's error table."""
    table = re.search(r'<table class="listing import-errors">(.*?)</table>', response.content.decode(), re.S)
    assert table, "no error table"
    cells = [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", line, re.S)]
        for line in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    ]
    return [tuple(line[:3]) for line in cells if line]


def assert_refused(response) -> None:
    """Wagtail sends a user who may not see an admin page back to the dashboard, saying so."""
    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    assert "Sorry, you do not have permission to access this area." in text(response)


def stored_uploads() -> list[Path]:
    folder = Path(settings.HERITAGE_PRIVATE_MEDIA_ROOT) / "imports"
    return sorted(folder.glob("*")) if folder.exists() else []


# --- Who sees the page ------------------------------------------------------------------


@pytest.mark.django_db
class TestAccess:
    def test_a_curator_who_may_add_artifacts_finds_the_page_in_the_menu(self, client, curator):
        client.force_login(curator)
        assert "Import artifacts" in client.get("/admin/").content.decode()
        response = client.get(IMPORT)
        assert response.status_code == 200
        page = text(response)
        assert "Import a file" in page and "Export" in page
        # Only their own institution to choose from.
        assert "Museum of Harbour Memories" in page

    def test_an_editor_who_curates_no_institution_neither_sees_nor_opens_it(self, client, tree):
        editor = get_user_model().objects.create_user(username="ed", password="pw")
        editor.groups.add(Group.objects.get(name="Curators"))
        client.force_login(editor)
        assert "Import artifacts" not in client.get("/admin/").content.decode()
        assert_refused(client.get(IMPORT, follow=True))

    def test_a_curator_who_may_not_publish_artifacts_is_refused(self, client, tree):
        client.force_login(make_curator("carla", tree.institution, may_add=False))
        assert_refused(client.get(IMPORT, follow=True))
        assert_refused(client.get(EXPORT, {"export-institution": tree.institution.pk}, follow=True))

    def test_the_superuser_chooses_among_all_institutions(self, admin_client, tree, other):
        page = text(admin_client.get(IMPORT))
        assert "Museum of Harbour Memories" in page and "Hamburg Harbour Museum" in page


# --- Check, then import -----------------------------------------------------------------


@pytest.mark.django_db
class TestImport:
    def test_the_check_lists_every_bad_row_and_writes_nothing(self, client, tree, curator):
        client.force_login(curator)
        response = upload(client, tree.institution, csv_file(GOOD_AND_BAD, columns=[*header(), "colour"]))
        assert response.status_code == 200
        page = text(response)
        assert "Dry run: nothing has been written yet." in page
        assert "Would be created 2" in page
        assert "Rows with errors (not imported) 2" in page
        # The spreadsheet rows (header is row 1), with the column at fault.
        assert error_rows(response) == [("3", "earliest_year", "MHM.0002"), ("5", "title_en", "MHM.0004")]
        assert "“19th c.” is not a year" in page
        assert "Columns ignored (not in the format): colour" in page
        assert ArtifactPage.objects.count() == 0
        assert not PageLogEntry.objects.filter(action="archive.import").exists()
        # The file waits in private storage, not under the public media folder.
        assert len(stored_uploads()) == 1
        assert not list(Path(settings.MEDIA_ROOT).rglob("letters*.csv"))

    def test_confirming_imports_the_good_rows_and_discards_the_file(self, client, tree, curator):
        client.force_login(curator)
        checked = upload(client, tree.institution, csv_file(GOOD_AND_BAD))
        response = client.post(CONFIRM, {"token": token_of(checked), "import": ""}, follow=True)
        # The import is a job with its own page (here it ran inline: the immediate task backend).
        assert re.fullmatch(r"/admin/artifacts/import/jobs/[0-9a-f-]{36}/", response.redirect_chain[-1][0])
        assert response.status_code == 200
        page = text(response)
        assert "Import of “letters.csv” into Museum of Harbour Memories" in page
        assert "Created 2" in page and "Rows with errors (not imported) 2" in page
        assert sorted(ArtifactPage.objects.values_list("accession_number", flat=True)) == ["MHM.0001", "MHM.0003"]
        letter = ArtifactPage.objects.get(accession_number="MHM.0001")
        assert letter.live and letter.get_parent().pk == tree.collection.pk
        assert reverse("wagtailadmin_explore", args=[tree.collection.pk]) in response.content.decode()
        entry = PageLogEntry.objects.get(page=letter, action="archive.import")
        assert entry.user == curator and entry.data["source"] == "letters.csv"
        assert stored_uploads() == []

    def test_the_same_confirmation_twice_imports_nothing_more(self, client, tree, curator):
        client.force_login(curator)
        token = token_of(upload(client, tree.institution, csv_file([row(1)])))
        first = client.post(CONFIRM, {"token": token, "import": ""})
        again = client.post(CONFIRM, {"token": token, "import": ""}, follow=True)
        # The second confirmation is sent to the first one's job, which says what it did.
        assert again.redirect_chain[-1][0] == first["Location"]
        assert "This upload was already confirmed" in text(again) and "Created 1" in text(again)
        assert ArtifactPage.objects.count() == 1
        assert PageLogEntry.objects.filter(action="archive.import").count() == 1

    def test_a_tampered_token_is_refused_and_nothing_is_written(self, client, tree, curator):
        client.force_login(curator)
        token = token_of(upload(client, tree.institution, csv_file([row(1)])))
        tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
        response = client.post(CONFIRM, {"token": tampered, "import": ""})
        assert response.status_code == 400
        assert "its token is damaged or was altered" in text(response)
        assert ArtifactPage.objects.count() == 0

    def test_another_user_cannot_confirm_someone_elses_upload(self, client, tree, curator):
        client.force_login(curator)
        token = token_of(upload(client, tree.institution, csv_file([row(1)])))
        client.force_login(make_curator("colleague", tree.institution))
        response = client.post(CONFIRM, {"token": token, "import": ""})
        assert response.status_code == 400
        assert "checked by someone else" in text(response)
        assert ArtifactPage.objects.count() == 0

    def test_cancel_discards_the_upload(self, client, tree, curator):
        client.force_login(curator)
        token = token_of(upload(client, tree.institution, csv_file([row(1)])))
        response = client.post(CONFIRM, {"token": token, "cancel": ""})
        assert "The import was cancelled" in text(response)
        assert stored_uploads() == [] and ArtifactPage.objects.count() == 0

    def test_json_lines_are_checked_and_imported_too(self, client, tree, curator):
        client.force_login(curator)
        lines = [json.dumps(row(1)), "{not json", json.dumps(row(2, themes=["migration"]))]
        file = SimpleUploadedFile("letters.jsonl", "\n".join(lines).encode())
        checked = upload(client, tree.institution, file, create_missing="on")
        assert [line[:2] for line in error_rows(checked)] == [("2", "—")]
        assert "Would be created 2" in text(checked)
        client.post(CONFIRM, {"token": token_of(checked), "import": ""})
        assert ArtifactPage.objects.count() == 2

    def test_a_collection_of_the_institution_takes_rows_without_one(self, client, tree, curator):
        second = CollectionPageFactory(
            parent=tree.collections, institution=tree.institution, title="Photographs", slug="photographs"
        )
        client.force_login(curator)
        checked = upload(client, tree.institution, csv_file([row(1, collection="")]), collection=second.pk)
        client.post(CONFIRM, {"token": token_of(checked), "import": ""})
        assert ArtifactPage.objects.get().get_parent().pk == second.pk

    def test_strict_offers_no_import_while_a_row_is_bad(self, client, tree, curator):
        client.force_login(curator)
        response = upload(client, tree.institution, csv_file(GOOD_AND_BAD), strict="on")
        assert 'name="token"' not in response.content.decode()
        assert "Strict: nothing will be imported unless every row is good." in text(response)
        assert stored_uploads() == []

    def test_missing_vocabulary_is_listed_and_created_only_when_asked(self, client, tree, curator):
        client.force_login(curator)
        refused = upload(client, tree.institution, csv_file([row(1, places="Hafen")]))
        assert error_rows(refused) == [("2", "places", "MHM.0001")]
        checked = upload(client, tree.institution, csv_file([row(1, places="Hafen")]), create_missing="on")
        page = text(checked)
        assert "Would be added to the vocabularies Places Hafen" in page
        client.post(CONFIRM, {"token": token_of(checked), "import": ""})
        assert list(ArtifactPage.objects.get().places.values_list("name_en", flat=True)) == ["Hafen"]


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.django_db
class TestBadInput:
    def test_no_file(self, client, tree, curator):
        client.force_login(curator)
        response = client.post(IMPORT, {"institution": tree.institution.pk})
        assert response.status_code == 400
        assert "Choose a file to import" in text(response)

    def test_a_file_that_is_not_utf8(self, client, tree, curator):
        client.force_login(curator)
        latin1 = "accession_number,title_en\nMHM.0001,Lettre de Sète\n".encode("latin-1")
        response = upload(client, tree.institution, SimpleUploadedFile("letters.csv", latin1))
        assert response.status_code == 400
        assert "The file is not UTF-8 text" in text(response)
        assert 'name="token"' not in response.content.decode()
        assert stored_uploads() == [] and ArtifactPage.objects.count() == 0

    def test_a_file_that_is_neither_csv_nor_json_lines(self, client, tree, curator):
        client.force_login(curator)
        response = upload(client, tree.institution, SimpleUploadedFile("letters.xlsx", b"PK\x03\x04"))
        assert response.status_code == 400
        assert "Cannot tell the format of “letters.xlsx”" in text(response)

    def test_a_csv_without_accession_numbers(self, client, tree, curator):
        client.force_login(curator)
        response = upload(client, tree.institution, SimpleUploadedFile("letters.csv", b"title_en\nLetter\n"))
        assert "no “accession_number” column" in text(response)

    @override_settings(HERITAGE_IMPORT_MAX_BYTES=1000)
    def test_a_file_over_the_size_limit(self, client, tree, curator):
        client.force_login(curator)
        response = upload(client, tree.institution, csv_file([row(n) for n in range(1, 30)]))
        assert response.status_code == 400
        assert "files of at most 1000" in text(response)
        assert ArtifactPage.objects.count() == 0

    def test_a_curator_of_another_institution_cannot_import_into_it(self, client, tree, other):
        client.force_login(other)
        response = upload(client, tree.institution, csv_file([row(1)]))
        assert response.status_code == 400
        assert "You are not a curator of that institution" in text(response)
        assert ArtifactPage.objects.count() == 0 and stored_uploads() == []


# --- Export -----------------------------------------------------------------------------


@pytest.mark.django_db
class TestExport:
    def test_the_published_artifacts_download_as_csv(self, client, tree, curator):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="MHM.0100")
        ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, accession_number="MHM.0101", live=False
        )
        client.force_login(curator)
        response = client.get(EXPORT, {"export-institution": tree.institution.pk, "export-file_format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert re.match(r'attachment; filename="mmp-artifacts-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert "accession_number" in rows[0]
        assert [(r["accession_number"], r["collection"]) for r in rows] == [("MHM.0100", "letters")]

    def test_json_lines(self, client, tree, curator):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="MHM.0100")
        client.force_login(curator)
        response = client.get(EXPORT, {"export-institution": tree.institution.pk, "export-file_format": "jsonl"})
        assert response["Content-Disposition"].endswith('.jsonl"')
        assert '"accession_number": "MHM.0100"' in response.content.decode()

    def test_an_exported_file_imports_back_unchanged(self, client, tree, curator):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="MHM.0100")
        client.force_login(curator)
        exported = client.get(EXPORT, {"export-institution": tree.institution.pk, "export-file_format": "csv"})
        checked = upload(client, tree.institution, SimpleUploadedFile("mmp.csv", exported.content))
        assert "Unchanged 1" in text(checked)
        assert "Nothing to import" in text(checked)

    def test_a_curator_of_another_institution_cannot_download_it(self, client, tree, other):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="MHM.0100")
        client.force_login(other)
        response = client.get(EXPORT, {"export-institution": tree.institution.pk, "export-file_format": "csv"})
        assert response.status_code == 400
        assert "Content-Disposition" not in response
        assert "You are not a curator of that institution" in text(response)


# --- Page history -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_history_says_the_artifact_was_imported_from_the_file(client, tree, curator):
    client.force_login(curator)
    checked = upload(client, tree.institution, csv_file([row(1)], name="harbour-letters.csv"))
    client.post(CONFIRM, {"token": token_of(checked), "import": ""})
    letter = ArtifactPage.objects.get()
    history = text(client.get(reverse("wagtailadmin_pages:history", args=[letter.pk])))
    assert "Imported from harbour-letters.csv (created)" in history
