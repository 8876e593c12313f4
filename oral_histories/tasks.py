"""Background work of the oral-histories app (django-tasks; inline unless a worker is configured).

- ``make_access_copy_task`` (queue "media"): ffmpeg silences the redacted passages; it
  reads the master from and writes the copy to private storage (maybe S3), so it is
  retried with back-off (``heritage.tasks.retrying_task``).
- ``release_embargoes_task`` and ``fixity_audit_task`` (queue "maintenance"): enqueued by
  the workers' schedules (daily; every ``HERITAGE_FIXITY_INTERVAL_DAYS``), see
  ``heritage.worker``; ``manage.py release_embargoes`` runs the same function.
"""

from __future__ import annotations

import logging
from contextlib import closing
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from django_tasks import task

from heritage.signals import pages_changed
from heritage.storage import open_stream
from heritage.tasks import retrying_task

from .access_copies import make_access_copy
from .delivery import storage_errors
from .media_files import sha256_stream
from .models import Recording

logger = logging.getLogger(__name__)


@retrying_task(queue_name="media", attempts=5, backoff=30, coalesce=True)
def make_access_copy_task(recording_id: int) -> None:
    """Remake the recording's access copy for its current master and redactions (removed
    when there are none, or consent is withdrawn).

    Nothing to do when the copy is already current (or none is needed and none is left).
    """
    recording = Recording.objects.filter(pk=recording_id).first()
    if recording is None or not needs_access_copy_work(recording):
        return
    try:
        make_access_copy(recording)
    except Exception:
        logger.exception("Could not make the access copy of recording %s", recording_id)
        raise


def needs_access_copy_work(recording: Recording) -> bool:
    """Is the copy missing, stale (another master, other redactions) or left over (nothing
    redacted any more, consent withdrawn)?"""
    ranges = recording.redacted_ranges()
    if not ranges or recording.is_withdrawn:
        return bool(recording.access_copy)
    return not recording.access_copy_is_current(ranges=ranges)


# -- Embargoes -------------------------------------------------------------------------


def release_embargoes(*, days: int = 7) -> int:
    """Re-index the oral histories whose embargo ended in the last ``days`` days (default
    7, so a missed run or two heals); how many.

    Pages, media, captions and transcripts open by themselves on the embargo's date
    (each request asks ``consent.decide`` with today's date); the search index holds
    transcript lines only of recordings open to everyone, so it learns of it here.
    """
    today = timezone.localdate()
    recordings = Recording.objects.filter(
        embargo_until__lte=today, embargo_until__gt=today - timedelta(days=days)
    ).select_related("page")
    pages = [recording.page for recording in recordings]
    if pages:
        pages_changed.send(sender=Recording, pages=pages)
    return len(pages)


@task(queue_name="maintenance")
def release_embargoes_task(days: int = 7) -> dict:
    return {"reindexed": release_embargoes(days=days)}


# -- Fixity ----------------------------------------------------------------------------


class FixityProblem(Exception):
    """Some masters are missing or changed: the task fails, naming each of them."""


def audit_fixity(*, since_days: int | None = None) -> tuple[int, list[str]]:
    """Re-hash the masters (those not checked for ``since_days`` days, or all), streamed
    from whichever storage holds them; the number checked and a line for each one
    missing, unreadable or changed. Intact ones are stamped. ``manage.py check_fixity``
    and the scheduled audit both call this."""
    recordings = Recording.objects.select_related("page").order_by("pk")
    if since_days is not None:
        cutoff = timezone.now() - timedelta(days=since_days)
        recordings = recordings.filter(Q(fixity_checked_at__isnull=True) | Q(fixity_checked_at__lt=cutoff))
    checked, problems = 0, []
    for recording in recordings.iterator():
        checked += 1
        label = f"recording {recording.pk} ({recording.page.title}, {recording.file.name})"
        try:
            with closing(open_stream(recording.file.storage, recording.file.name)) as stream:
                actual = sha256_stream(stream)
        except FileNotFoundError:
            problems.append(f"MISSING  {label}")
            continue
        except storage_errors() as error:
            problems.append(f"UNREADABLE  {label}: {error}")
            continue
        if actual != recording.sha256:
            problems.append(f"CHANGED  {label}: expected {recording.sha256}, found {actual}")
            continue
        Recording.objects.filter(pk=recording.pk).update(fixity_checked_at=timezone.now())
    return checked, problems


@task(queue_name="maintenance")
def fixity_audit_task() -> dict:
    """The scheduled audit: masters not checked within the interval (so a run that was
    missed, or stopped half-way, catches up). Problems fail the task, so the task list
    shows the audit FAILED with every missing or changed file named."""
    interval = getattr(settings, "HERITAGE_FIXITY_INTERVAL_DAYS", 7)
    checked, problems = audit_fixity(since_days=max(interval - 1, 0))
    if problems:
        for problem in problems:
            logger.error("Fixity: %s", problem)
        raise FixityProblem(f"{checked} recording(s) checked, {len(problems)} problem(s):\n" + "\n".join(problems))
    logger.info("Fixity: %s recording(s) checked, all intact", checked)
    return {"checked": checked, "problems": 0}
