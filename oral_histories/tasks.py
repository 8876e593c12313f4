"""Background work of the oral-histories app (django-tasks; inline unless a worker is configured).

- ``make_access_copy_task`` (queue "media"): ffmpeg silences the redacted passages; it
  reads the master from and writes the copy to private storage (maybe S3), so it is
  retried with back-off (``heritage.tasks.retrying_task``).
- ``release_embargoes_task`` and ``fixity_audit_task`` (queue "maintenance"; the audit
  re-hashes the masters, reports every file of the recordings' folders that no recording
  names, and queues lost access copies again, see :func:`audit`): enqueued by
  the workers' schedules (daily; every ``HERITAGE_FIXITY_INTERVAL_DAYS``), see
  ``heritage.worker``; ``manage.py release_embargoes`` runs the same function.
"""

from __future__ import annotations

import logging
from contextlib import closing
from dataclasses import dataclass, field
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
from .models import PendingChange, Recording

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
    """Some stored files are missing, changed or orphaned: the task fails, naming each."""


#: The folders of the private storage that hold recordings' files (``recording_path``,
#: ``consent_form_path``): every file in them must be named by a recording.
STORED_FOLDERS = ("recordings", "consent-forms")


@dataclass
class FixityReport:
    checked: int = 0  # masters re-hashed
    listed: int = 0  # files found in STORED_FOLDERS
    requeued: list[int] = field(default_factory=list)  # recordings whose access copy was queued again
    problems: list[str] = field(default_factory=list)


def audit_fixity(*, since_days: int | None = None) -> tuple[int, list[str]]:
    """:func:`audit` as (masters checked, problems)."""
    report = audit(since_days=since_days)
    return report.checked, report.problems


def audit(*, since_days: int | None = None) -> FixityReport:
    """The fixity audit. ``manage.py check_fixity`` and the scheduled audit both call this.

    - Re-hash the masters (those not checked for ``since_days`` days, or all), streamed
      from whichever storage holds them: a line for each one missing, unreadable or
      changed (MISSING, UNREADABLE, CHANGED); intact ones are stamped.
    - List every stored file of the recordings' folders (:data:`STORED_FOLDERS`): a line
      for each file no recording names (ORPHAN: a replaced master whose deletion failed,
      a file left by a failed save...) once older than ``HERITAGE_FIXITY_ORPHAN_GRACE_HOURS``
      (default 24: a file being uploaded or moved right now is not yet named), and for
      each access copy or consent form a recording names that is not there (MISSING).
    - Queue the access copy again for every recording whose copy is missing, stale or
      left over (``make_access_copy_task``): the copies of recordings edited before
      copies recorded their master, or whose remaking was lost, heal by themselves.
    """
    report = FixityReport()
    recordings = Recording.objects.select_related("page").order_by("pk")
    if since_days is not None:
        cutoff = timezone.now() - timedelta(days=since_days)
        recordings = recordings.filter(Q(fixity_checked_at__isnull=True) | Q(fixity_checked_at__lt=cutoff))
    for recording in recordings.iterator():
        report.checked += 1
        label = f"recording {recording.pk} ({recording.page.title}, {recording.file.name})"
        try:
            with closing(open_stream(recording.file.storage, recording.file.name)) as stream:
                actual = sha256_stream(stream)
        except FileNotFoundError:
            report.problems.append(f"MISSING  {label}")
            continue
        except storage_errors() as error:
            report.problems.append(f"UNREADABLE  {label}: {error}")
            continue
        if actual != recording.sha256:
            report.problems.append(f"CHANGED  {label}: expected {recording.sha256}, found {actual}")
            continue
        Recording.objects.filter(pk=recording.pk).update(fixity_checked_at=timezone.now())
    _audit_stored_files(report)
    _requeue_access_copies(report)
    return report


def _audit_stored_files(report: FixityReport) -> None:
    storage = Recording._meta.get_field("file").storage
    # Listed before the rows are read: a file saved and named in between is not an orphan.
    try:
        stored = {name for folder in STORED_FOLDERS for name in _walk(storage, folder)}
    except storage_errors() as error:
        report.problems.append(f"UNREADABLE  the private storage's listing: {error}")
        return
    report.listed = len(stored)
    named: set[str] = set()
    for pk, master, copy, form in Recording.objects.values_list("pk", "file", "access_copy", "consent_form"):
        named.add(master)
        for kind, name in (("access copy", copy), ("consent form", form)):
            if not name:
                continue
            named.add(name)
            if name not in stored and not _exists(storage, name):
                report.problems.append(f"MISSING  {kind} of recording {pk} ({name})")
    # A replacement master awaiting review (``PendingChange``) is named too.
    for pk, name in PendingChange.objects.exclude(file="").values_list("recording_id", "file"):
        named.add(name)
        if name not in stored and not _exists(storage, name):
            report.problems.append(f"MISSING  new recording file awaiting review of recording {pk} ({name})")
    grace = timedelta(hours=getattr(settings, "HERITAGE_FIXITY_ORPHAN_GRACE_HOURS", 24))
    now = timezone.now()
    for name in sorted(stored - named):
        try:
            modified = storage.get_modified_time(name)
        except (NotImplementedError, FileNotFoundError):
            modified = None
        except storage_errors():
            modified = None
        if modified is not None and now - modified < grace:
            continue
        report.problems.append(f"ORPHAN  {name}: in the private storage, named by no recording")


def _walk(storage, folder: str):
    """Every file name under ``folder`` of ``storage`` (its sub-folders too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def _exists(storage, name: str) -> bool:
    try:
        return storage.exists(name)
    except storage_errors():
        return True  # unknown: the listing already said what it could


def _requeue_access_copies(report: FixityReport) -> None:
    candidates = Recording.objects.filter(Q(redactions__isnull=False) | ~Q(access_copy="")).distinct()
    for recording in candidates.prefetch_related("redactions").order_by("pk"):
        if needs_access_copy_work(recording):
            make_access_copy_task.enqueue(recording.pk)
            report.requeued.append(recording.pk)


@task(queue_name="maintenance")
def fixity_audit_task() -> dict:
    """The scheduled audit: masters not checked within the interval (so a run that was
    missed, or stopped half-way, catches up). Problems fail the task, so the task list
    shows the audit FAILED with every missing, changed or orphaned file named."""
    interval = getattr(settings, "HERITAGE_FIXITY_INTERVAL_DAYS", 7)
    report = audit(since_days=max(interval - 1, 0))
    checked, problems = report.checked, report.problems
    if problems:
        for problem in problems:
            logger.error("Fixity: %s", problem)
        raise FixityProblem(f"{checked} recording(s) checked, {len(problems)} problem(s):\n" + "\n".join(problems))
    logger.info("Fixity: %s recording(s) checked, all intact", checked)
    return {"checked": checked, "problems": 0}
