"""The jobs the workers schedule by themselves: the fixity audit (through the Storage
API, so it works on S3 too) and the queues each kind of task goes to."""

from __future__ import annotations

import pytest
from django_tasks.base import TaskResultStatus

from heritage.outbox import drain_outbox_task
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Recording
from oral_histories.tasks import fixity_audit_task, make_access_copy_task, release_embargoes_task


@pytest.fixture
def recordings(tree):
    return [RecordingFactory(page=OralHistoryPageFactory(parent=tree.oral_histories)) for _ in range(2)]


def test_the_fixity_audit_stamps_intact_masters(recordings):
    result = fixity_audit_task.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == {"checked": 2, "problems": 0}
    assert all(recording.fixity_checked_at for recording in Recording.objects.all())
    # Checked within the interval: the next run leaves them be.
    assert fixity_audit_task.enqueue().return_value == {"checked": 0, "problems": 0}


def test_the_fixity_audit_fails_naming_a_changed_or_missing_master(recordings):
    changed, missing = recordings
    with changed.file.storage.open(changed.file.name, "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01")
    missing.file.storage.delete(missing.file.name)

    result = fixity_audit_task.enqueue()

    assert result.status == TaskResultStatus.FAILED
    [error] = result.errors
    assert error.exception_class_path == "oral_histories.tasks.FixityProblem"
    assert f"CHANGED  recording {changed.pk}" in error.traceback
    assert f"MISSING  recording {missing.pk}" in error.traceback
    assert not Recording.objects.filter(fixity_checked_at__isnull=False).exists()


def test_each_kind_of_work_goes_to_its_queue():
    assert make_access_copy_task.queue_name == "media"
    assert fixity_audit_task.queue_name == release_embargoes_task.queue_name == "maintenance"
    assert drain_outbox_task.queue_name == "default"
