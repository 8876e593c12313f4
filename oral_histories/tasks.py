"""Background work of the oral-histories app (django-tasks; inline unless a worker is configured)."""

import logging

from django_tasks import task

from .access_copies import make_access_copy
from .models import Recording

logger = logging.getLogger(__name__)


@task()
def make_access_copy_task(recording_id: int) -> None:
    """Remake the recording's access copy for its current redactions (removed when there are none).

    Nothing to do when the copy already matches the redactions (or there are neither).
    """
    recording = Recording.objects.filter(pk=recording_id).first()
    if recording is None:
        return
    ranges = [list(passage) for passage in recording.redacted_ranges()]
    if ranges == [list(passage) for passage in recording.access_copy_ranges] and bool(ranges) == bool(
        recording.access_copy
    ):
        return
    try:
        make_access_copy(recording)
    except Exception:
        logger.exception("Could not make the access copy of recording %s", recording_id)
        raise
