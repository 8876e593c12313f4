"""Recordings, access copies and consent forms in a private S3 bucket, against a real
S3 server over HTTP (moto's server mode: ``S3_TEST_URL`` when ``scripts/s3.sh`` runs
one, else a threaded one started for this module), and recording delivery by
X-Accel-Redirect and by presigned redirect, including the revocation of old links."""

import hashlib
import io
import os
import uuid
import wave
from pathlib import Path
from types import SimpleNamespace
from urllib.error import HTTPError
from urllib.parse import parse_qs, unquote, urlsplit
from urllib.request import ProxyHandler, Request, build_opener

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

import boto3
import pytest
from botocore.config import Config
from storages.backends.s3 import S3Storage

from heritage.storage import check_recording_delivery, private_storage
from oral_histories import delivery
from oral_histories.access_copies import make_access_copy
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory, wav_bytes
from oral_histories.models import Recording, RedactedRange, Scope
from oral_histories.tests.test_admin_recording import formsets as form

MEDIA = Path(__file__).parent / "data" / "media"
ADD = "/admin/snippets/oral_histories/recording/add/"
KEYS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}
#: Straight to 127.0.0.1, whatever proxy the environment names.
http = build_opener(ProxyHandler({}))


# -- The S3 server and its buckets ------------------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint():
    url = os.environ.get("S3_TEST_URL")
    if url:
        yield url.rstrip("/")
        return
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def buckets(s3_endpoint):
    """Two buckets of this module's own (the server may be shared): public and private."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}),
    )
    suffix = uuid.uuid4().hex[:12]
    names = SimpleNamespace(public=f"hc-public-{suffix}", private=f"hc-private-{suffix}")
    for bucket in (names.public, names.private):
        client.create_bucket(Bucket=bucket)
    buckets = SimpleNamespace(client=client, endpoint=s3_endpoint, **vars(names))
    yield buckets
    empty(buckets)
    for bucket in (names.public, names.private):
        client.delete_bucket(Bucket=bucket)


def s3_storages(buckets, *, endpoint=None, **private_options):
    common = {
        **KEYS,
        "endpoint_url": endpoint or buckets.endpoint,
        "addressing_style": "path",
        "signature_version": "s3v4",
        "file_overwrite": False,
        "default_acl": None,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "bucket_name": buckets.public, "querystring_auth": False},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": buckets.private,
                "querystring_auth": True,
                "querystring_expire": 60,
                **private_options,
            },
        },
        "staticfiles": settings.STORAGES["staticfiles"],
    }


@pytest.fixture
def on_s3(buckets):
    """Public media and private files in the buckets; recordings delivered by redirect."""
    with override_settings(STORAGES=s3_storages(buckets), HERITAGE_RECORDING_DELIVERY="redirect"):
        yield buckets
    empty(buckets)


def empty(buckets) -> None:
    """The database rolls back after each test; the buckets are emptied to match."""
    for bucket in (buckets.public, buckets.private):
        for entry in buckets.client.list_objects_v2(Bucket=bucket).get("Contents", []):
            buckets.client.delete_object(Bucket=bucket, Key=entry["Key"])


def keys(buckets, bucket: str) -> set[str]:
    return {entry["Key"] for entry in buckets.client.list_objects_v2(Bucket=bucket).get("Contents", [])}


def fetch(url: str, **headers):
    """(status, body, headers) of a GET straight to the S3 server, as a browser would."""
    try:
        with http.open(Request(url, headers=headers), timeout=10) as response:
            return response.status, response.read(), response.headers
    except HTTPError as error:
        return error.code, error.read(), error.headers


def local_private_files() -> set[str]:
    root = settings.HERITAGE_PRIVATE_MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


# -- Users and forms -----------------------------------------------------------------


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(username="cura", password="pw")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def page(tree):
    return OralHistoryPageFactory(parent=tree.oral_histories, title="From Sfax", languages_spoken="aeb, fr")


def edit(client, recording, **fields):
    response = client.post(
        f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/", form(page=recording.page_id, **fields)
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    recording.refresh_from_db()
    return response


def media_url(recording) -> str:
    return f"/en/recordings/{recording.pk}/media"


@pytest.fixture
def uploaded(on_s3, client, curator, page, commit):
    """An MP3 uploaded through the admin's recording form, public, into the private bucket."""
    data = (MEDIA / "speech.mp3").read_bytes()
    client.force_login(curator)
    before = local_private_files()
    response = client.post(ADD, form(page=page.pk, file=SimpleUploadedFile("fatma.mp3", data), scope=Scope.PUBLIC))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    commit()
    client.logout()
    recording = Recording.objects.get(page=page)
    assert local_private_files() == before  # nothing written to the local folder
    return SimpleNamespace(recording=recording, data=data)


# -- The private storage follows the settings -------------------------------------------


def test_recording_fields_follow_the_configured_private_storage(buckets):
    field_storage = Recording._meta.get_field("file").storage
    assert not isinstance(field_storage, S3Storage)
    with override_settings(STORAGES=s3_storages(buckets)):
        assert isinstance(field_storage, S3Storage) and field_storage.bucket_name == buckets.private
        assert isinstance(Recording._meta.get_field("consent_form").storage, S3Storage)
        assert private_storage().bucket_name == buckets.private
    assert not isinstance(field_storage, S3Storage)


# -- Upload and delivery by redirect --------------------------------------------------


def test_an_uploaded_recording_lands_in_the_private_bucket_only(uploaded, buckets):
    recording = uploaded.recording
    assert keys(buckets, buckets.private) == {recording.file.name} and not keys(buckets, buckets.public)
    body = buckets.client.get_object(Bucket=buckets.private, Key=recording.file.name)["Body"].read()
    assert body == uploaded.data and hashlib.sha256(body).hexdigest() == recording.sha256


def test_the_media_view_redirects_to_a_short_lived_signed_url_that_serves_ranges(uploaded, client, buckets):
    recording, data = uploaded.recording, uploaded.data
    response = client.get(media_url(recording), HTTP_RANGE="bytes=4-11")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == buckets.endpoint
    assert unquote(location.path) == f"/{buckets.private}/{recording.file.name}"
    assert parse_qs(location.query)["X-Amz-Expires"] == ["60"]  # the storage's querystring_expire

    status, body, _headers = fetch(response["Location"], Range="bytes=4-11")
    assert status == 206 and body == data[4:12]
    status, body, headers = fetch(response["Location"])
    assert status == 200 and body == data and headers["Content-Type"] == "audio/mpeg"


def test_stream_delivery_reads_ranges_from_the_bucket(uploaded, client):
    with override_settings(HERITAGE_RECORDING_DELIVERY="stream"):
        ranged = client.get(media_url(uploaded.recording), HTTP_RANGE="bytes=4-11")
        assert ranged.status_code == 206 and b"".join(ranged.streaming_content) == uploaded.data[4:12]
        assert ranged["Content-Range"] == f"bytes 4-11/{len(uploaded.data)}"
        whole = client.get(media_url(uploaded.recording))
        assert whole.status_code == 200 and b"".join(whole.streaming_content) == uploaded.data
        assert whole["Content-Length"] == str(len(uploaded.data))


def test_an_unreachable_bucket_answers_503_naming_the_storage(buckets, tree, client):
    with override_settings(STORAGES=s3_storages(buckets), HERITAGE_RECORDING_DELIVERY="stream"):
        recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    closed_port = "http://127.0.0.1:9"  # discard: nothing listens there
    down = s3_storages(
        buckets, endpoint=closed_port, client_config=Config(retries={"max_attempts": 1}, connect_timeout=2)
    )
    with override_settings(STORAGES=down, HERITAGE_RECORDING_DELIVERY="stream"):
        response = client.get(media_url(recording))
    assert response.status_code == 503
    assert b"storage" in response.content and "no-store" in response["Cache-Control"]


# -- Revocation -------------------------------------------------------------------------


def test_withdrawal_stops_the_old_signed_url_at_once_and_the_view_answers_404(uploaded, client, curator, commit):
    recording, data = uploaded.recording, uploaded.data
    old_url = client.get(media_url(recording))["Location"]
    assert fetch(old_url)[0] == 200
    old_name = recording.file.name

    client.force_login(curator)
    edit(client, recording, scope=Scope.PUBLIC, withdrawn_at="2026-03-01 10:00", withdrawal_reason="She asked us to.")
    commit()
    client.logout()

    # S3 answers 404 NoSuchKey, or 403 when the signer may not list the bucket (moto
    # answers 403 for a missing key when the URL names a response content type).
    status, body, _headers = fetch(old_url)
    assert status in (403, 404) and data not in body
    assert client.get(media_url(recording)).status_code == 404
    # Nothing lost: the row names an object that exists and still has the master's bytes.
    assert recording.file.name != old_name
    stored = private_storage()
    assert not stored.exists(old_name)
    with stored.open(recording.file.name, "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == recording.sha256


def test_narrowing_to_restricted_moves_master_and_copy_and_curators_still_listen(on_s3, tree, client, curator, commit):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0)
    commit()  # the access copy is made (immediate tasks here) and the files sealed
    recording.refresh_from_db()
    old_url = client.get(media_url(recording))["Location"]  # the access copy's
    old_names = {recording.file.name, recording.access_copy.name}
    assert fetch(old_url)[0] == 200

    client.force_login(curator)
    edit(
        client,
        recording,
        scope=Scope.RESTRICTED,
        **{
            "redactions-TOTAL_FORMS": "1",
            "redactions-INITIAL_FORMS": "1",
            "redactions-0-id": str(recording.redactions.get().pk),
            "redactions-0-start": "0.5",
            "redactions-0-end": "1.0",
            "redactions-0-ORDER": "1",
        },
    )
    commit()
    recording.refresh_from_db()

    assert fetch(old_url)[0] in (403, 404)
    assert not old_names & keys(on_s3, on_s3.private)
    assert {recording.file.name, recording.access_copy.name} <= keys(on_s3, on_s3.private)
    new_url = client.get(media_url(recording))["Location"]  # a curator still hears it
    assert new_url != old_url and fetch(new_url)[0] == 200
    client.logout()
    assert client.get(media_url(recording)).status_code == 404


def test_a_new_redaction_stops_the_old_signed_url_of_the_whole_master(on_s3, tree, client, commit):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    old_url = client.get(media_url(recording))["Location"]
    assert fetch(old_url)[0] == 200
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0, reason="A neighbour's name")
    commit()  # the access copy is made (immediate tasks here) and the files move
    assert fetch(old_url)[0] in (403, 404)
    recording.refresh_from_db()
    new_url = client.get(media_url(recording))["Location"]
    assert unquote(urlsplit(new_url).path) == f"/{on_s3.private}/{recording.access_copy.name}"
    assert fetch(new_url)[0] == 200


@pytest.mark.parametrize("closing", ["unpublish the page", "unpublish the section", "restrict the section", "move"])
def test_the_page_closing_stops_the_old_signed_url(on_s3, tree, client, commit, closing):
    """Unpublished, behind a view restriction (on it or above it), moved under a draft:
    links handed out before stop answering, not only the view."""
    from wagtail.models import PageViewRestriction

    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    page = recording.page
    old_url = client.get(media_url(recording))["Location"]
    assert fetch(old_url)[0] == 200
    name = recording.file.name

    if closing == "unpublish the page":
        page.unpublish()
    elif closing == "unpublish the section":
        tree.oral_histories.unpublish()
    elif closing == "restrict the section":
        PageViewRestriction.objects.create(page=tree.oral_histories, restriction_type=PageViewRestriction.LOGIN)
    else:
        draft = OralHistoryPageFactory(parent=tree.oral_histories, live=False)
        page.refresh_from_db()
        page.move(draft, pos="last-child")
    commit()

    assert fetch(old_url)[0] in (403, 404)
    recording.refresh_from_db()
    assert recording.file.name != name and name not in keys(on_s3, on_s3.private)
    assert recording.file.name in keys(on_s3, on_s3.private)  # nothing lost


def test_closing_a_page_leaves_open_recordings_elsewhere_and_other_deliveries_alone(on_s3, tree, commit):
    closing = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    elsewhere = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    names = {closing.pk: closing.file.name, elsewhere.pk: elsewhere.file.name}
    closing.page.unpublish()
    commit()
    assert Recording.objects.get(pk=elsewhere.pk).file.name == names[elsewhere.pk]
    assert Recording.objects.get(pk=closing.pk).file.name != names[closing.pk]

    # Delivered through Django (stream, X-Accel): every request asks again; nothing moves.
    with override_settings(HERITAGE_RECORDING_DELIVERY="stream"):
        elsewhere.page.unpublish()
        commit()
    assert Recording.objects.get(pk=elsewhere.pk).file.name == names[elsewhere.pk]


def test_saves_that_do_not_close_a_recording_leave_its_keys_alone(on_s3, tree, commit):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.RESTRICTED)
    name = recording.file.name
    recording.scope = Scope.PUBLIC  # wider
    recording.save()
    recording.consent_notes = "Checked again."
    recording.save()
    commit()
    assert recording.file.name == name and name in keys(on_s3, on_s3.private)
    recording.withdrawn_at, recording.withdrawal_reason = "2026-03-01T10:00Z", "Asked."
    recording.save()
    commit()
    sealed = recording.file.name
    assert sealed != name and keys(on_s3, on_s3.private) >= {sealed} and name not in keys(on_s3, on_s3.private)
    recording.save()  # withdrawn already: saved again, nothing moves
    commit()
    assert recording.file.name == sealed


def test_a_failed_copy_keeps_the_row_on_existing_objects_and_is_retried(on_s3, tree, commit, monkeypatch, caplog):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0)
    commit()  # the access copy is made (immediate tasks here) and the files sealed
    recording.refresh_from_db()
    names = {recording.file.name, recording.access_copy.name}
    real_copy = delivery.stored.copy
    calls = []

    def flaky_copy(storage, old, new, **kwargs):
        calls.append(old)
        if len(calls) == 2:  # the master copied, then the access copy fails
            raise OSError("the bucket refused the copy")
        return real_copy(storage, old, new, **kwargs)

    monkeypatch.setattr(delivery.stored, "copy", flaky_copy)
    recording.scope = Scope.RESTRICTED
    recording.save()
    assert "could not be moved" in caplog.text
    recording.refresh_from_db()
    assert {recording.file.name, recording.access_copy.name} == names  # the consent change is saved …
    assert recording.scope == Scope.RESTRICTED
    assert keys(on_s3, on_s3.private) >= names  # … on objects that exist, the half-made copy removed
    assert len(keys(on_s3, on_s3.private)) == 2

    commit()  # the retry (immediate task backend here) moves them
    recording.refresh_from_db()
    assert len(calls) == 4
    assert not names & keys(on_s3, on_s3.private)
    assert {recording.file.name, recording.access_copy.name} == keys(on_s3, on_s3.private)


# -- Access copies, fixity, consent forms on S3 ----------------------------------------


def wav_samples(data: bytes, start: float, end: float) -> list[int]:
    import array

    with wave.open(io.BytesIO(data)) as sound:
        rate = sound.getframerate()
        pcm = array.array("h", sound.readframes(sound.getnframes()))
    return list(pcm[round(start * rate) : round(end * rate)])


def test_an_access_copy_is_made_from_a_master_in_the_bucket(on_s3, tree):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0)
    before = local_private_files()
    make_access_copy(recording)
    recording.refresh_from_db()
    assert recording.access_copy.name in keys(on_s3, on_s3.private)
    assert recording.playable_file() == (recording.access_copy, "audio/wav")
    assert local_private_files() == before
    copy = on_s3.client.get_object(Bucket=on_s3.private, Key=recording.access_copy.name)["Body"].read()
    assert not any(wav_samples(copy, 0.5, 1.0))  # silenced
    assert any(wav_samples(copy, 0.0, 0.45)) and any(wav_samples(copy, 1.05, 2.0))
    assert any(wav_samples(wav_bytes(), 0.5, 1.0))  # the master was not


def test_check_fixity_reads_the_bucket_and_names_a_changed_or_missing_object(on_s3, tree, capsys):
    first, second = (RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories)) for _ in range(2))
    call_command("check_fixity")
    assert "2 recording(s) checked, 0 problem(s)." in capsys.readouterr().out
    assert all(r.fixity_checked_at for r in Recording.objects.all())

    on_s3.client.put_object(Bucket=on_s3.private, Key=first.file.name, Body=b"RIFF" + b"\0" * 100)
    on_s3.client.delete_object(Bucket=on_s3.private, Key=second.file.name)
    with pytest.raises(CommandError, match="2 problem"):
        call_command("check_fixity")
    err = capsys.readouterr().err
    assert f"CHANGED  recording {first.pk}" in err and first.sha256 in err
    assert f"MISSING  recording {second.pk}" in err


def test_the_consent_form_is_kept_in_the_bucket_and_downloaded_by_editors(on_s3, client, curator, page):
    recording = RecordingFactory(page=page, scope=Scope.PUBLIC)
    pdf = b"%PDF-1.4 signed consent " + os.urandom(64)
    client.force_login(curator)
    edit(client, recording, scope=Scope.PUBLIC, consent_form=SimpleUploadedFile("consent.pdf", pdf))
    assert recording.consent_form.name in keys(on_s3, on_s3.private)
    download = client.get(f"/admin/recordings/{recording.pk}/consent-form/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf
    assert "no-store" in download["Cache-Control"] and "consent.pdf" in download["Content-Disposition"]
    client.logout()
    assert client.get(f"/admin/recordings/{recording.pk}/consent-form/").status_code == 302


# -- X-Accel-Redirect (a local private folder, nginx in front) ---------------------------


@override_settings(HERITAGE_RECORDING_DELIVERY="x-accel", HERITAGE_X_ACCEL_PREFIX="/_private/")
def test_x_accel_hands_the_file_to_nginx_and_sends_no_bytes(tree, client):
    recording = RecordingFactory(
        page=OralHistoryPageFactory(parent=tree.oral_histories),
        file=ContentFile(wav_bytes(), name="récit de Fatma.wav"),
    )
    for headers in ({}, {"HTTP_RANGE": "bytes=4-11"}):
        response = client.get(media_url(recording), **headers)
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"].startswith("/_private/recordings/")
        assert unquote(response["X-Accel-Redirect"]) == f"/_private/{recording.file.name}"
        assert " " not in response["X-Accel-Redirect"] and "é" not in response["X-Accel-Redirect"]
        assert response["Content-Type"] == "audio/wav"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    recording.withdrawn_at, recording.withdrawal_reason = "2026-03-01T10:00Z", "Asked."
    recording.save()
    response = client.get(media_url(recording))
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_a_delivery_the_private_storage_cannot_do_fails_the_system_check(buckets):
    with override_settings(HERITAGE_RECORDING_DELIVERY="x-accel", STORAGES=s3_storages(buckets)):
        [error] = check_recording_delivery()
        assert error.id == "heritage.E101" and "x-accel" in error.msg
    with override_settings(HERITAGE_RECORDING_DELIVERY="redirect"):  # a local folder
        [error] = check_recording_delivery()
        assert "HERITAGE_S3_PRIVATE_BUCKET" in error.msg
    with override_settings(HERITAGE_RECORDING_DELIVERY="sendfile"):
        [error] = check_recording_delivery()
        assert "'sendfile'" in error.msg
    with override_settings(HERITAGE_RECORDING_DELIVERY="redirect", STORAGES=s3_storages(buckets)):
        assert check_recording_delivery() == []
    assert check_recording_delivery() == []  # the test settings: stream from a local folder


CLOSING = {
    "withdrawn": {"withdrawn_at": "2026-03-01T10:00Z", "withdrawal_reason": "Asked."},
    "embargoed": {"embargo_until": "2999-01-01"},
    "restricted": {"scope": Scope.RESTRICTED},
    "community only": {"scope": Scope.COMMUNITY, "community": "new"},
}


@pytest.mark.parametrize("change", CLOSING.values(), ids=CLOSING.keys())
def test_closing_a_recording_in_a_local_folder_moves_it_too(tree, commit, change):
    """The same revocation on the file system: the X-Accel path nginx was handed goes away."""
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories), scope=Scope.PUBLIC)
    old_path = Path(recording.file.path)
    for name, value in change.items():
        setattr(recording, name, CommunityFactory() if value == "new" else value)
    recording.save()
    assert old_path.exists()  # until the save commits
    commit()
    recording.refresh_from_db()
    new_path = Path(recording.file.path)
    assert not old_path.exists() and new_path != old_path
    assert hashlib.sha256(new_path.read_bytes()).hexdigest() == recording.sha256
    assert new_path.parent.parent == old_path.parent  # recordings/<year>/<month>/<token>/<name>


def test_moving_a_community_recording_to_another_community_moves_it(tree, commit):
    first, second = CommunityFactory(), CommunityFactory()
    page = OralHistoryPageFactory(parent=tree.oral_histories)
    recording = RecordingFactory(page=page, scope=Scope.COMMUNITY, community=first)
    name = recording.file.name
    recording.community = second  # the first community's members may no longer listen
    recording.save()
    commit()
    assert recording.file.name != name and recording.file.storage.exists(recording.file.name)


# -- Replaced masters and orphans in the bucket (issue 16) -----------------------------


REDACTION_FIELDS = {
    "redactions-TOTAL_FORMS": "1",
    "redactions-INITIAL_FORMS": "0",
    "redactions-0-start": "0.8",
    "redactions-0-end": "1.6",
    "redactions-0-ORDER": "1",
}


def test_replacing_a_redacted_master_in_the_bucket_leaves_only_the_new_master_and_its_copy(
    on_s3, uploaded, client, curator, commit, capsys
):
    recording = uploaded.recording
    client.force_login(curator)
    edit(client, recording, scope=Scope.PUBLIC, **REDACTION_FIELDS)
    commit()
    recording.refresh_from_db()
    first = {recording.file.name, recording.access_copy.name}
    assert recording.playable_file()[0] == recording.access_copy

    redaction = recording.redactions.get()
    new = (MEDIA / "speech.ogg").read_bytes()
    edit(
        client,
        recording,
        scope=Scope.PUBLIC,
        file=SimpleUploadedFile("fatma-remastered.ogg", new),
        **{**REDACTION_FIELDS, "redactions-INITIAL_FORMS": "1", "redactions-0-id": str(redaction.pk)},
    )
    assert recording.playable_file() == (None, "")  # before the worker: nothing, not the old copy
    assert first <= keys(on_s3, on_s3.private)  # deleted only once committed
    commit()

    recording.refresh_from_db()
    assert recording.sha256 == hashlib.sha256(new).hexdigest() == recording.access_copy_master
    assert keys(on_s3, on_s3.private) == {recording.file.name, recording.access_copy.name}
    assert recording.playable_file() == (recording.access_copy, "audio/ogg")
    with override_settings(HERITAGE_FIXITY_ORPHAN_GRACE_HOURS=0):
        call_command("check_fixity")
    assert "1 recording(s) checked, 0 problem(s). 2 stored file(s) listed." in capsys.readouterr().out


def test_check_fixity_names_an_orphan_in_the_bucket(on_s3, tree, capsys):
    RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    on_s3.client.put_object(Bucket=on_s3.private, Key="recordings/2025/01/left-behind.wav", Body=b"RIFF")
    call_command("check_fixity")  # within the grace period: perhaps an upload in progress
    with override_settings(HERITAGE_FIXITY_ORPHAN_GRACE_HOURS=0), pytest.raises(CommandError, match="1 problem"):
        call_command("check_fixity")
    assert "ORPHAN  recordings/2025/01/left-behind.wav" in capsys.readouterr().err
