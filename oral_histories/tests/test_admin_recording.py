"""The recording form in the admin: file, transcript and consent in one go, all or nothing."""

import hashlib
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
from oral_histories.models import ConsentEvent, Recording, Scope

MEDIA = Path(__file__).parent / "data" / "media"
ADD = "/admin/snippets/oral_histories/recording/add/"

VTT = """WEBVTT

00:00:00.000 --> 00:00:01.000
<v Fatma>Je suis arrivée au port.

00:00:01.000 --> 00:00:02.000
<v Fatma>C'était l'automne.
"""


def formsets(**extra):
    data = {}
    for prefix in ("index_points", "redactions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(extra)
    return data


def upload(name, content=None, source="speech.mp3"):
    return SimpleUploadedFile(name, content if content is not None else (MEDIA / source).read_bytes())


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(username="cura", password="pw")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def page(tree):
    return OralHistoryPageFactory(parent=tree.oral_histories, title="From Sfax", languages_spoken="aeb, fr")


def private_files() -> set[str]:
    from django.conf import settings

    root = settings.HERITAGE_PRIVATE_MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


class TestUpload:
    def test_a_recording_with_its_transcript_and_consent_in_one_save(self, client, curator, page):
        client.force_login(curator)
        response = client.post(
            ADD,
            formsets(
                page=page.pk,
                file=upload("fatma.mp3"),
                transcript_file=SimpleUploadedFile("fatma.vtt", VTT.encode()),
                transcript_language="fr",
                transcript_is_original="on",
                scope=Scope.PUBLIC,
            ),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        recording = Recording.objects.get(page=page)
        assert recording.format == "mp3" and recording.mime_type == "audio/mpeg" and recording.kind == "audio"
        assert recording.sha256 == hashlib.sha256((MEDIA / "speech.mp3").read_bytes()).hexdigest()
        assert 1 < recording.duration < 5 and recording.size == (MEDIA / "speech.mp3").stat().st_size
        assert recording.uploaded_by == curator
        [transcript] = recording.transcripts.all()
        assert transcript.language == "fr" and transcript.is_original
        assert [(s.start, s.speaker, s.text) for s in transcript.segments.all()] == [
            (0.0, "Fatma", "Je suis arrivée au port."),
            (1.0, "Fatma", "C'était l'automne."),
        ]
        [event] = ConsentEvent.objects.filter(recording=recording)
        assert event.user == curator and event.changes["scope"] == [None, "public"]

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("fatma.mp3", (MEDIA / "speech.flac").read_bytes(), "FLAC"),
            ("fatma.mp3", b"", "empty"),
            ("fatma.flac", (MEDIA / "speech.flac").read_bytes()[:-100], "incomplete"),
            ("fatma.docx", b"PK\x03\x04 not audio", ".mp3"),
        ],
    )
    def test_a_bad_file_is_refused_with_the_reason_and_nothing_is_kept(
        self, client, curator, page, name, content, message
    ):
        client.force_login(curator)
        before = private_files()
        response = client.post(ADD, formsets(page=page.pk, file=upload(name, content), scope=Scope.PUBLIC))
        assert response.status_code == 200
        errors = response.context["form"].errors["file"]
        assert any(message.lower() in error.lower() for error in errors), errors
        assert not Recording.objects.exists()
        assert private_files() == before

    def test_an_oversized_file_is_refused_naming_the_limit(self, client, curator, page):
        client.force_login(curator)
        with override_settings(HERITAGE_RECORDING_MAX_BYTES=2000):
            response = client.post(ADD, formsets(page=page.pk, file=upload("fatma.mp3"), scope=Scope.PUBLIC))
        assert response.status_code == 200
        [error] = response.context["form"].errors["file"]
        assert "limit" in error and "KB" in error
        assert not Recording.objects.exists()

    def test_a_malformed_transcript_names_its_line_and_nothing_is_saved(self, client, curator, page):
        client.force_login(curator)
        broken = VTT.replace("00:00:01.000 --> 00:00:02.000", "00:00:01.000 --> 00:00:00.500")
        response = client.post(
            ADD,
            formsets(
                page=page.pk,
                file=upload("fatma.mp3"),
                transcript_file=SimpleUploadedFile("fatma.vtt", broken.encode()),
                transcript_language="fr",
                scope=Scope.PUBLIC,
            ),
        )
        assert response.status_code == 200
        [error] = response.context["form"].errors["transcript_file"]
        assert "fatma.vtt" in error and "Line 6" in error
        assert not Recording.objects.exists()

    def test_community_scope_needs_its_community_and_withdrawal_its_reason(self, client, curator, page):
        client.force_login(curator)
        response = client.post(
            ADD,
            formsets(page=page.pk, file=upload("fatma.mp3"), scope=Scope.COMMUNITY, withdrawn_at="2026-11-01 10:00"),
        )
        errors = response.context["form"].errors
        assert "community" in errors and "withdrawal_reason" in errors
        assert not Recording.objects.exists()


class TestConsentLog:
    def test_every_consent_change_is_logged_with_who_and_what(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
        community = CommunityFactory(slug="tunisians")
        client.force_login(curator)
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
            formsets(
                page=page.pk,
                scope=Scope.COMMUNITY,
                community=community.pk,
                **{
                    "redactions-TOTAL_FORMS": "1",
                    "redactions-0-start": "1.5",
                    "redactions-0-end": "2.0",
                    "redactions-0-reason": "A neighbour's name",
                    "redactions-0-ORDER": "1",
                },
            ),
        )
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        [event] = ConsentEvent.objects.filter(recording=recording)
        assert event.user == curator
        assert event.changes["scope"] == ["public", "community"]
        assert event.changes["community"] == [None, community.pk]
        assert event.changes["redactions"] == [[], [[1.5, 2.0]]]

    def test_saving_without_a_consent_change_logs_nothing(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
        client.force_login(curator)
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
            formsets(page=page.pk, scope=Scope.PUBLIC),
        )
        assert response.status_code == 302
        assert not ConsentEvent.objects.filter(recording=recording).exists()


class TestOhmsImport:
    def test_ohms_brings_its_index_points_once_however_often_it_is_imported(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=3600)
        ohms = (Path(__file__).parent / "data" / "transcripts" / "ohms_haddad_marseille.xml").read_bytes()
        client.force_login(curator)
        for _attempt in range(2):
            response = client.post(
                f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
                formsets(
                    page=page.pk,
                    scope=Scope.PUBLIC,
                    transcript_file=SimpleUploadedFile("haddad.xml", ohms),
                    transcript_language="fr",
                    transcript_is_original="on",
                ),
            )
            assert response.status_code == 302, response.context["form"].errors
        points = list(recording.index_points.all())
        assert len(points) == 3
        assert all(point.title_fr and point.title_en for point in points)
        assert any(point.places.exists() for point in points)
        assert recording.transcripts.get(language="fr").segments.count() > 0

    def test_an_index_only_ohms_file_adds_its_chapters_and_leaves_the_transcript_alone(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=3600)
        client.force_login(curator)
        edit = f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/"
        response = client.post(
            edit,
            formsets(
                page=page.pk,
                scope=Scope.PUBLIC,
                transcript_file=SimpleUploadedFile("fatma.vtt", VTT.encode()),
                transcript_language="fr",
                transcript_is_original="on",
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        index_only = (Path(__file__).parent / "data" / "transcripts" / "ohms_index_only_haddad.xml").read_bytes()
        response = client.post(
            edit,
            formsets(
                page=page.pk,
                scope=Scope.PUBLIC,
                transcript_file=SimpleUploadedFile("index.xml", index_only),
                transcript_language="fr",
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        transcript = recording.transcripts.get(language="fr")
        assert transcript.is_original and transcript.source_format == "webvtt"
        assert [s.text for s in transcript.segments.all()] == ["Je suis arrivée au port.", "C'était l'automne."]
        assert [point.title_fr for point in recording.index_points.all()] == ["Présentation", "Le travail au port"]


class TestPageEditor:
    def test_the_page_editor_links_to_its_recording_form(self, client, curator, page):
        client.force_login(curator)
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert f"/admin/snippets/oral_histories/recording/add/?page={page.pk}" in html
        form = client.get(f"{ADD}?page={page.pk}").context["form"]
        assert form.initial["page"] == page.pk
        recording = RecordingFactory(page=page, scope=Scope.RESTRICTED)
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/" in html


class TestConsentForm:
    def test_the_signed_form_is_private_and_reached_only_through_the_admin(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
        client.force_login(curator)
        pdf = b"%PDF-1.4 signed consent"
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
            formsets(page=page.pk, scope=Scope.PUBLIC, consent_form=SimpleUploadedFile("consent.pdf", pdf)),
        )
        assert response.status_code == 302
        recording.refresh_from_db()
        html = client.get(f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/").content.decode()
        url = f"/admin/recordings/{recording.pk}/consent-form/"
        assert url in html and "/media/consent-forms" not in html
        download = client.get(url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == pdf
        assert "no-store" in download["Cache-Control"]
        client.logout()
        assert client.get(url).status_code == 302  # to the admin login
        outsider = get_user_model().objects.create_user(username="outsider", password="pw")
        outsider.groups.add(Group.objects.get(name="Community historians"))
        client.force_login(outsider)
        assert client.get(url).status_code in (302, 403)

    def test_a_consent_form_that_is_not_a_scan_is_refused(self, client, curator, page):
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
        client.force_login(curator)
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
            formsets(page=page.pk, scope=Scope.PUBLIC, consent_form=SimpleUploadedFile("consent.pdf", b"MZ\x90 exe")),
        )
        assert response.status_code == 200
        assert "PDF, PNG or JPEG" in response.context["form"].errors["consent_form"][0]


def test_one_save_reindexes_its_page_once_however_many_rows_change(
    client, curator, page, django_capture_on_commit_callbacks
):
    from oral_histories.signals import _Reindex, _RemakeAccessCopy

    client.force_login(curator)
    with django_capture_on_commit_callbacks() as callbacks:
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
            formsets(
                page=page.pk,
                scope=Scope.RESTRICTED,
                transcript_file=SimpleUploadedFile("fatma.vtt", VTT.encode()),
                transcript_language="fr",
                **{
                    "redactions-TOTAL_FORMS": "2",
                    "redactions-0-start": "0.2",
                    "redactions-0-end": "0.4",
                    "redactions-1-start": "1.2",
                    "redactions-1-end": "1.4",
                },
            ),
        )
    assert response.status_code == 302
    # created, then saved with a transcript and two redactions: one re-index, one copy
    assert [work for work in callbacks if isinstance(work, _Reindex)] == [_Reindex(page.pk)]
    assert [work for work in callbacks if isinstance(work, _RemakeAccessCopy)] == [_RemakeAccessCopy(recording.pk)]
