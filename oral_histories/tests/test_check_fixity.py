"""manage.py check_fixity: every master re-hashed; a missing or changed file fails the run."""

import os

from django.core.management import CommandError, call_command

import pytest

from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Recording


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
