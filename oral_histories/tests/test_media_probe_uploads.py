"""The recording upload handler runs for recording uploads only.

``settings.FILE_UPLOAD_HANDLERS`` starts with ``RecordingUploadHandler``: a file sent in
the recording form's field to the admin's recording views is streamed to a temporary
file and hashed as it arrives; every other upload (an image, a CSV import, the consent
form and transcripts beside a recording) goes to Django's own handlers untouched.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from django.urls import reverse

import pytest
from PIL import Image

from oral_histories.factories import OralHistoryPageFactory
from oral_histories.media_files import HashingUploadHandler, RecordingUploadHandler, is_recording_upload
from oral_histories.models import Recording, Scope

MEDIA = Path(__file__).parent / "data" / "media"
ADD = "/admin/snippets/oral_histories/recording/add/"
EDIT = "/admin/snippets/oral_histories/recording/edit/7/"
IMAGE_ADD = "/admin/images/add/"


def png(size: int = 16) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), (20, 120, 200)).save(out, "PNG")
    return out.getvalue()


def parsed(path: str, **files: tuple[str, bytes]):
    """The files of a multipart POST to ``path``, parsed with the site's upload handlers."""
    request = RequestFactory().post(
        path, {"title": "x", **{field: SimpleUploadedFile(name, data) for field, (name, data) in files.items()}}
    )
    return request.FILES, request.upload_handlers


def test_the_site_installs_the_recording_handler_before_djangos():
    assert settings.FILE_UPLOAD_HANDLERS == [
        "oral_histories.media_files.RecordingUploadHandler",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]


@pytest.mark.parametrize("path", [ADD, EDIT])
def test_a_recording_upload_is_hashed_and_the_files_beside_it_are_not(path):
    recording = (MEDIA / "speech.mp3").read_bytes()
    files, handlers = parsed(
        path,
        file=("fatma.mp3", recording),
        consent_form=("consent.png", png()),
        transcript_file=("fatma.vtt", b"WEBVTT\n"),
    )
    assert isinstance(handlers[0], RecordingUploadHandler) and handlers[0].for_recordings
    upload = files["file"]
    assert isinstance(upload, TemporaryUploadedFile)  # on disk, however small
    assert upload.sha256 == hashlib.sha256(recording).hexdigest()
    assert (upload.received, upload.oversized) == (len(recording), False)
    for field in ("consent_form", "transcript_file"):
        assert isinstance(files[field], InMemoryUploadedFile), "Django's own memory handler"
        assert not hasattr(files[field], "sha256")


@pytest.mark.parametrize(
    ("path", "field", "name", "data"),
    [
        (IMAGE_ADD, "file", "harbour.png", png()),  # the same field name as the recording form's
        ("/admin/images/multiple/add/", "files[]", "harbour.png", png()),
        ("/admin/artifacts/import/", "file", "artifacts.csv", b"title,date\nNet,1950\n"),
        ("/no/such/page/", "file", "fatma.mp3", b"ID3"),
    ],
)
def test_other_uploads_do_not_go_through_the_hashing_handler(path, field, name, data):
    files, handlers = parsed(path, **{field: (name, data)})
    assert not handlers[0].for_recordings
    upload = files[field]
    assert isinstance(upload, InMemoryUploadedFile)
    assert not hasattr(upload, "sha256") and not hasattr(upload, "oversized")
    assert upload.read() == data


def test_a_large_upload_elsewhere_goes_to_djangos_temporary_file(settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    data = bytes(range(256)) * 40  # 10 KB: over the memory limit
    files, _handlers = parsed("/admin/artifacts/import/", file=("artifacts.csv", data))
    upload = files["file"]
    assert isinstance(upload, TemporaryUploadedFile)
    assert not hasattr(upload, "sha256")
    assert upload.read() == data


def test_the_import_url_is_where_the_parametrised_path_says():
    assert reverse("archive_import") == "/admin/artifacts/import/"


def test_is_recording_upload():
    factory = RequestFactory()
    assert is_recording_upload(factory.post(ADD))
    assert is_recording_upload(factory.post(EDIT))
    assert not is_recording_upload(factory.post(IMAGE_ADD))
    assert not is_recording_upload(factory.post("/admin/snippets/oral_histories/community/add/"))
    assert not is_recording_upload(factory.post("/nowhere/"))
    assert not is_recording_upload(None)


# --- through the admin, with Django's test client -------------------------------------------------


@pytest.fixture
def hashed(monkeypatch):
    """The names of the files the hashing handler received bytes for."""
    names: list[str] = []
    original = HashingUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        names.append(self.file_name)
        return original(self, raw_data, start)

    monkeypatch.setattr(HashingUploadHandler, "receive_data_chunk", spy)
    return names


def test_an_image_uploaded_in_the_admin_is_not_hashed(client, db, hashed):
    from wagtail.images import get_image_model

    admin = get_user_model().objects.create_superuser(username="admin", password="pw")  # noqa: S106
    client.force_login(admin)
    response = client.post(IMAGE_ADD, {"title": "Harbour", "file": SimpleUploadedFile("harbour.png", png(32))})
    assert response.status_code == 302, response.content.decode()[:1000]
    assert get_image_model().objects.filter(title="Harbour").exists()
    assert hashed == []


def test_a_recording_uploaded_in_the_admin_is_hashed(client, tree, hashed):
    curator = get_user_model().objects.create_user(username="cura", password="pw")  # noqa: S106
    curator.groups.add(Group.objects.get(name="Curators"))
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="From Sfax")
    client.force_login(curator)
    data = {
        f"{prefix}-{key}": "0" for prefix in ("index_points", "redactions") for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    audio = (MEDIA / "speech.mp3").read_bytes()
    data.update(page=page.pk, scope=Scope.PUBLIC, file=SimpleUploadedFile("fatma.mp3", audio))
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(hashed) == {"fatma.mp3"}
    assert Recording.objects.get(page=page).sha256 == hashlib.sha256(audio).hexdigest()


def test_a_recording_kept_in_memory_by_another_handler_is_probed_all_the_same():
    """Should a deployment's handlers keep a small upload in memory, the form probes the
    file object instead of letting it through unchecked."""
    from django import forms

    from oral_histories.forms import RecordingForm

    form = RecordingForm.__new__(RecordingForm)  # clean_file alone: no request, no page
    form.cleaned_data = {"file": SimpleUploadedFile("fatma.mp3", png())}
    with pytest.raises(forms.ValidationError, match="fatma.mp3"):
        form.clean_file()
    good = SimpleUploadedFile("speech.mp3", (MEDIA / "speech.mp3").read_bytes())
    form.cleaned_data = {"file": good}
    assert form.clean_file() is good and form._probe.duration > 0
    assert good.tell() == 0  # rewound for storage
