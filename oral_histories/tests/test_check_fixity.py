"""manage.py check_fixity: every master re-hashed; a missing or changed file fails the run."""

import hashlib
import os
import time

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, wav_bytes
from oral_histories.models import Recording, RedactedRange


@pytest.fixture
def recordings(tree):
    return [RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories)) for _ in range(2)]


def test_intact_masters_pass_and_are_stamped(recordings, capsys):
    call_command("check_fixity")
    assert "2 recording(s) checked, 0 problem(s)." in capsys.readouterr().out
    assert all(r.fixity_checked_at for r in Recording.objects.all())


def test_a_changed_master_fails_naming_it(recordings, capsys):
    with open(recordings[0].file.path, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_fixity")
    err = capsys.readouterr().err
    assert f"CHANGED  recording {recordings[0].pk}" in err and recordings[0].sha256 in err


def test_a_missing_master_fails_naming_it(recordings, capsys):
    os.remove(recordings[1].file.path)
    with pytest.raises(CommandError):
        call_command("check_fixity")
    assert f"MISSING  recording {recordings[1].pk}" in capsys.readouterr().err


def test_since_skips_recently_checked_masters(recordings, capsys):
    call_command("check_fixity")
    call_command("check_fixity", since=30)
    assert "0 recording(s) checked" in capsys.readouterr().out.splitlines()[-1]


# -- Every stored file (issue 16) -------------------------------------------------------


@pytest.fixture
def private_root(tmp_path, settings):
    """A private storage of the test's own, so files other tests left behind are not
    counted (the database rolls back after each test, the files stay)."""
    root = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    return root


def stored(root) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def backdate(root, name: str, hours: float = 48) -> None:
    old = time.time() - hours * 3600
    os.utime(root / name, (old, old))


def replace_master(recording: Recording, data: bytes, name: str) -> None:
    recording.file = ContentFile(data, name=name)
    recording.size, recording.sha256 = len(data), hashlib.sha256(data).hexdigest()
    recording.save()


def test_replaced_masters_are_deleted_once_committed_and_leave_no_orphans(private_root, tree, commit, capsys):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    commit()
    for number in range(4):
        replace_master(recording, wav_bytes() + bytes([number]) * 8, f"take-{number}.wav")
        commit()
    recording.refresh_from_db()
    assert stored(private_root) == {recording.file.name}

    call_command("check_fixity")
    assert "1 recording(s) checked, 0 problem(s). 1 stored file(s) listed." in capsys.readouterr().out


def test_a_file_no_recording_names_is_an_orphan_once_past_the_grace_period(private_root, tree, capsys):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    storage = recording.file.storage
    young = storage.save("recordings/2026/01/being-uploaded.wav", ContentFile(b"RIFF"))
    old = storage.save("recordings/2025/03/AbCdEfGhIjKlMnOpQrStUv/replaced.wav", ContentFile(b"RIFF"))
    form = storage.save("consent-forms/2025/03/old-form.pdf", ContentFile(b"%PDF"))
    backdate(private_root, old)
    backdate(private_root, form)
    backdate(private_root, recording.file.name)  # a master is never an orphan, however old

    with pytest.raises(CommandError, match="2 problem"):
        call_command("check_fixity")
    err = capsys.readouterr().err
    assert f"ORPHAN  {old}: in the private storage, named by no recording" in err
    assert f"ORPHAN  {form}" in err
    assert young not in err and recording.file.name not in err


def test_a_missing_access_copy_or_consent_form_is_named(private_root, tree, capsys):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    Recording.objects.filter(pk=recording.pk).update(
        access_copy="recordings/2026/01/gone-access.wav", consent_form="consent-forms/2026/01/gone.pdf"
    )
    with pytest.raises(CommandError, match="2 problem"):
        call_command("check_fixity")
    err = capsys.readouterr().err
    assert f"MISSING  access copy of recording {recording.pk} (recordings/2026/01/gone-access.wav)" in err
    assert f"MISSING  consent form of recording {recording.pk} (consent-forms/2026/01/gone.pdf)" in err


def test_an_access_copy_missing_or_made_from_another_master_is_queued_again(private_root, tree, capsys):
    """Copies made before they recorded their master (or whose remaking was lost) heal."""
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0)  # not committed: no copy made
    assert recording.playable_file() == (None, "")

    call_command("check_fixity")

    assert f"Access copies queued to be made again: recording(s) {recording.pk}." in capsys.readouterr().out
    recording.refresh_from_db()
    assert recording.playable_file() == (recording.access_copy, "audio/wav")
    assert stored(private_root) == {recording.file.name, recording.access_copy.name}


def test_withdrawal_leaves_only_the_sealed_master_and_nothing_servable(private_root, tree, client, commit):
    recording = RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories))
    RedactedRange.objects.create(recording=recording, start=0.5, end=1.0)
    commit()
    recording.refresh_from_db()
    before = stored(private_root)
    assert before == {recording.file.name, recording.access_copy.name}

    recording.withdrawn_at, recording.withdrawal_reason = timezone.now(), "Asked by the narrator."
    recording.save()
    commit()

    recording.refresh_from_db()
    assert stored(private_root) == {recording.file.name}  # the master, at a new key; no copy
    assert not stored(private_root) & before
    assert client.get(reverse("oral_histories:media", args=[recording.pk])).status_code == 404
    assert not recording.access_copy
    call_command("check_fixity")  # nothing missing, nothing orphaned
