"""Access copies: redacted passages silenced (and blacked out), the master untouched."""

import hashlib
import os
import subprocess
from array import array
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

import pytest

from oral_histories import access_copies
from oral_histories.access_copies import AccessCopyError, ffmpeg, make_access_copy
from oral_histories.delivery import deliver_recording
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.media_files import probe
from oral_histories.models import Recording, RedactedRange
from oral_histories.tasks import make_access_copy_task

MEDIA = Path(__file__).parent / "data" / "media"
RATE = 8000
REDACTED = (0.8, 1.6)  # inside the spoken sentence of every fixture
#: Lossy codecs smear a few milliseconds of the (unredacted) sound next to a silenced
#: range into its edges; the sound they are given inside it is exactly zero.
CODEC_SMEAR = 0.02


def make_recording(tree, name: str) -> Recording:
    path = MEDIA / name
    probed = probe(path, filename=name)
    data = path.read_bytes()
    return RecordingFactory(
        page=OralHistoryPageFactory(parent=tree.oral_histories),
        file=ContentFile(data, name=name),
        original_filename=name,
        format=probed.format.name,
        mime_type=probed.format.mime_type,
        kind="video" if probed.has_video else probed.format.kind,
        duration=probed.duration,
        bitrate=probed.bitrate,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def redact(recording: Recording, start: float, end: float) -> RedactedRange:
    return RedactedRange.objects.create(recording=recording, start=start, end=end)


def samples(path: str, start: float = 0, end: float | None = None) -> array:
    """The file's sound from ``start`` to ``end`` seconds, as 16-bit mono samples at 8 kHz."""
    out = subprocess.run(
        [ffmpeg(), "-hide_banner", "-loglevel", "error", "-i", path, "-f", "s16le", "-ac", "1", "-ar", str(RATE), "-"],
        check=True,
        timeout=60,
        capture_output=True,
    ).stdout
    pcm = array("h", out)
    return pcm[round(start * RATE) : None if end is None else round(end * RATE)]


def is_silent_between(path: str, start: float, end: float, *, threshold: int = 100) -> bool:
    return max(map(abs, samples(path, start, end))) <= threshold


def brightest(path: str, at: float) -> int:
    """The brightest pixel (0–255 grey) of the video frame shown at ``at`` seconds."""
    command = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-i", path, "-ss", str(at), "-frames:v", "1"]
    out = subprocess.run(
        [*command, "-f", "rawvideo", "-pix_fmt", "gray", "-"], check=True, timeout=60, capture_output=True
    )
    return max(out.stdout)


FORMATS = [
    ("speech.mp3", "audio/mpeg"),
    ("speech.wav", "audio/wav"),
    ("speech.ogg", "audio/ogg"),
    ("speech.opus", "audio/ogg"),
    ("speech.m4a", "audio/mp4"),
    ("speech.flac", "audio/flac"),
    ("clip.mp4", "video/mp4"),
    ("clip.webm", "video/webm"),
    ("audio-only.webm", "video/webm"),  # kind "video" without a picture to black out
]


@pytest.mark.parametrize(("name", "mime_type"), FORMATS)
def test_access_copy_silences_the_redacted_range(tree, name, mime_type):
    recording = make_recording(tree, name)
    redact(recording, *REDACTED)
    assert recording.playable_file() == (None, "")  # no copy yet: nothing is played

    make_access_copy(recording)

    recording.refresh_from_db()
    master, copy = recording.file.path, recording.access_copy.path
    assert copy != master and copy.endswith(Path(name).suffix)
    assert recording.access_copy_ranges == [list(REDACTED)]
    assert recording.access_copy_mime_type == mime_type
    assert recording.playable_file() == (recording.access_copy, mime_type)
    assert hashlib.sha256(Path(master).read_bytes()).hexdigest() == recording.sha256

    assert not is_silent_between(master, *REDACTED)  # the test means something
    margin = 0 if recording.format in ("wav", "flac") else CODEC_SMEAR
    assert is_silent_between(copy, REDACTED[0] + margin, REDACTED[1] - margin)
    assert not is_silent_between(copy, 0, REDACTED[0]) and not is_silent_between(copy, REDACTED[1], None)
    probed = probe(copy, filename=os.path.basename(copy))
    assert probed.format.name == recording.format
    assert abs(probed.duration - recording.duration) <= 0.15
    if probe(master, filename=name).has_video:
        assert brightest(master, 1.2) > 100 and brightest(copy, 0.4) > 100
        assert brightest(copy, 1.2) < 30


def test_changed_redactions_make_the_copy_stale_until_remade_and_none_remove_it(tree):
    recording = make_recording(tree, "speech.wav")
    first = redact(recording, 0.2, 0.5)
    make_access_copy(recording)
    old_copy = recording.access_copy.path

    second = redact(recording, *REDACTED)
    assert recording.playable_file() == (None, "")

    make_access_copy(recording)
    assert recording.playable_file() == (recording.access_copy, "audio/wav")
    assert recording.access_copy_ranges == [[0.2, 0.5], list(REDACTED)]
    assert not os.path.exists(old_copy)
    assert is_silent_between(recording.access_copy.path, 0.2, 0.5)
    assert is_silent_between(recording.access_copy.path, *REDACTED)

    copy = recording.access_copy.path
    first.delete()
    second.delete()
    make_access_copy(recording)
    recording.refresh_from_db()
    assert not os.path.exists(copy)
    assert not recording.access_copy and recording.access_copy_ranges == [] and recording.access_copy_mime_type == ""
    assert recording.playable_file() == (recording.file, "audio/wav")


def test_a_failure_leaves_the_previous_copy_alone(tree):
    recording = make_recording(tree, "speech.mp3")
    redact(recording, *REDACTED)
    make_access_copy(recording)
    copy = recording.access_copy.path
    redact(recording, 0.1, 0.3)
    Path(recording.file.path).write_bytes(b"not a recording at all" * 100)  # a damaged master
    private = sorted(Path(settings.HERITAGE_PRIVATE_MEDIA_ROOT).rglob("*"))

    with pytest.raises(AccessCopyError, match=rf"recording {recording.pk} \(.+\) failed: .+"):
        make_access_copy(recording)

    recording.refresh_from_db()
    assert recording.access_copy.path == copy and os.path.exists(copy)
    assert recording.access_copy_ranges == [list(REDACTED)]
    assert sorted(Path(settings.HERITAGE_PRIVATE_MEDIA_ROOT).rglob("*")) == private  # no half-written file
    assert recording.playable_file() == (None, "")


def test_a_missing_encoder_falls_back_to_aac_in_m4a(tree, monkeypatch):
    monkeypatch.setattr(access_copies, "encoders", lambda: frozenset({"aac", "libx264"}))
    recording = make_recording(tree, "speech.ogg")
    redact(recording, *REDACTED)

    make_access_copy(recording)

    assert recording.access_copy.name.endswith(".m4a") and recording.access_copy_mime_type == "audio/mp4"
    assert is_silent_between(recording.access_copy.path, REDACTED[0] + CODEC_SMEAR, REDACTED[1] - CODEC_SMEAR)


def test_the_task_makes_the_copy(tree):
    recording = make_recording(tree, "speech.ogg")
    redact(recording, *REDACTED)

    make_access_copy_task.enqueue(recording.pk)

    recording.refresh_from_db()
    assert recording.playable_file() == (recording.access_copy, "audio/ogg")


# -- The copy follows the master (issue 16) ---------------------------------------------


def replace_master(recording: Recording, name: str) -> Recording:
    """What the recording form does with a new upload: a new file, its facts, one save."""
    path = MEDIA / name
    probed = probe(path, filename=name)
    data = path.read_bytes()
    recording.file = ContentFile(data, name=name)
    recording.original_filename = name
    recording.format, recording.mime_type = probed.format.name, probed.format.mime_type
    recording.kind = "video" if probed.has_video else probed.format.kind
    recording.duration, recording.bitrate, recording.size = probed.duration, probed.bitrate, len(data)
    recording.sha256 = hashlib.sha256(data).hexdigest()
    recording.save()
    return recording


@pytest.fixture
def redacted_a(tree, commit):
    """Master A (WAV) with a redaction and its access copy, all committed."""
    recording = make_recording(tree, "speech.wav")
    redact(recording, *REDACTED)
    commit()  # the worker (inline in tests) makes A's copy
    recording.refresh_from_db()
    assert recording.playable_file() == (recording.access_copy, "audio/wav")
    return recording


def test_replacing_a_redacted_master_stops_the_old_copy_at_once_and_remakes_it_from_the_new(redacted_a, commit):
    recording = redacted_a
    old_master, old_copy = recording.file.path, recording.access_copy.path

    replace_master(recording, "speech.flac")  # B, same redaction kept

    fresh = Recording.objects.get(pk=recording.pk)
    assert fresh.playable_file() == (None, "")  # at once: nothing served, never A's silenced copy
    assert not fresh.access_copy and fresh.access_copy_ranges == []
    assert os.path.exists(old_master) and os.path.exists(old_copy)  # nothing deleted before the commit

    commit()

    fresh.refresh_from_db()
    assert not os.path.exists(old_master) and not os.path.exists(old_copy)
    assert fresh.access_copy_master == fresh.sha256 == hashlib.sha256((MEDIA / "speech.flac").read_bytes()).hexdigest()
    assert fresh.playable_file() == (fresh.access_copy, "audio/flac")
    assert fresh.access_copy.name.endswith(".flac")
    assert is_silent_between(fresh.access_copy.path, *REDACTED)
    assert not is_silent_between(fresh.access_copy.path, 0, REDACTED[0])


def test_a_copy_recorded_for_another_master_is_never_served(redacted_a):
    """Even if a row names a copy for the current redactions, a copy made from another
    master (another SHA-256) is stale."""
    recording = redacted_a
    Recording.objects.filter(pk=recording.pk).update(sha256="0" * 64)
    recording.refresh_from_db()
    assert recording.playable_file() == (None, "")


def test_a_copy_of_a_master_replaced_while_ffmpeg_ran_is_discarded(redacted_a, commit):
    recording = redacted_a
    stale = Recording.objects.get(pk=recording.pk)  # the task's view of the row: master A
    RedactedRange.objects.create(recording=recording, start=0.1, end=0.3)
    replace_master(Recording.objects.get(pk=recording.pk), "speech.flac")  # B arrives meanwhile
    files = sorted(Path(settings.HERITAGE_PRIVATE_MEDIA_ROOT).rglob("*"))

    make_access_copy(stale)  # finishes A's copy after B replaced it

    fresh = Recording.objects.get(pk=recording.pk)
    assert not fresh.access_copy and fresh.playable_file() == (None, "")
    assert sorted(Path(settings.HERITAGE_PRIVATE_MEDIA_ROOT).rglob("*")) == files  # A's new copy deleted
    commit()
    fresh.refresh_from_db()
    assert fresh.access_copy_master == fresh.sha256 and fresh.playable_file()[0] == fresh.access_copy


def test_a_rolled_back_replacement_keeps_the_old_master_and_copy(redacted_a, commit):
    recording = redacted_a
    old_master, old_copy = recording.file.path, recording.access_copy.path
    with pytest.raises(RuntimeError), transaction.atomic():
        replace_master(Recording.objects.get(pk=recording.pk), "speech.flac")
        raise RuntimeError("the form's later step failed")
    commit()
    recording.refresh_from_db()
    assert os.path.exists(old_master) and os.path.exists(old_copy)
    assert recording.file.path == old_master and recording.playable_file() == (recording.access_copy, "audio/wav")


def test_withdrawal_removes_the_copy_and_keeps_the_master_and_giving_consent_back_remakes_it(redacted_a, commit):
    recording = redacted_a
    old_copy = recording.access_copy.path
    recording.withdrawn_at = timezone.now()
    recording.withdrawal_reason = "The narrator asked."
    recording.save()
    commit()

    recording.refresh_from_db()
    assert not recording.access_copy and not os.path.exists(old_copy)
    assert os.path.exists(recording.file.path)  # the archive keeps the master, at a new key
    assert hashlib.sha256(Path(recording.file.path).read_bytes()).hexdigest() == recording.sha256
    assert make_access_copy_task.enqueue(recording.pk).return_value is None
    recording.refresh_from_db()
    assert not recording.access_copy  # the worker makes none while withdrawn

    recording.withdrawn_at = None
    recording.save()
    commit()
    recording.refresh_from_db()
    assert recording.playable_file() == (recording.access_copy, "audio/wav")
    assert is_silent_between(recording.access_copy.path, *REDACTED)


def test_the_media_view_says_being_prepared_not_the_old_audio(redacted_a, rf):
    recording = redacted_a
    replace_master(recording, "speech.flac")
    response = deliver_recording(rf.get("/"), Recording.objects.get(pk=recording.pk))
    assert response.status_code == 503 and response["Retry-After"]
    assert "being prepared" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_page_says_the_recording_is_being_prepared_after_a_replacement(redacted_a, client):
    recording = redacted_a
    recording.page.save_revision().publish()
    replace_master(recording, "speech.flac")
    html = client.get(recording.page.url).content.decode()
    assert "once a version without the redacted passages is ready" in html
    assert "<audio" not in html
