"""The outbox of page changes: one record of what changed, carried to every index.

Every change that may alter what the public sees of a page — published, unpublished
(its subtree closes), moved or renamed (its subtree's URLs change), deleted, a view
restriction added or removed (its subtree), consent or an embargo (``pages_changed``),
a bulk import, a renamed vocabulary the page names — is recorded by the receivers in
``heritage.signals`` (one set, for every writer) as ``PageChange`` rows, **in the same
transaction as the change**: a rolled-back change leaves no row, a committed one
always has its rows. Saves seen only by editors (a draft) are recorded too, for the
writers that keep the editors' search (``Writer.editors``).

Writers carry the rows somewhere else; each app registers its own from its
``AppConfig.ready`` (apps depend downward: this module knows none of them):

- the database search index (``search``), Elasticsearch (``search``), Wagtail's own
  search index for the admin (``search``), the OAI-PMH records (``exchange``).

Each writer has a cursor (``OutboxCursor``): the rows up to its position are written.
:func:`drain` hands each writer the rows after its cursor, in ``id`` order, a chunk at
a time, and moves the cursor only once the writer has taken the chunk. Writers read
the pages as they are *now* and ask ``heritage.visibility`` what is public, so a
write is idempotent (writing a chunk twice changes nothing) and a page's changes are
applied in order (a later row never lands before an earlier one). A writer whose
engine is away raises; its cursor stays, the others go on, and the drain task is
retried with back-off: the outbox replays by itself once the engine answers. Rows
every cursor has passed are deleted.

A writer may be ``eager``: it also writes inside the transaction of the change (the
database search index, which *is* the database: exact at commit, so no answer is
ever served from a page's old state). The rows then carry ``eager=True`` and its
drain skips them; rows recorded without eager writing (a vocabulary renamed under
50,000 artifacts: ``record(..., defer=True)``) reach it through the drain.

After the commit (``transaction.on_commit``: Django's public API) a drain task is
enqueued per writer that is not already waiting; a sender that hands over its pages
loaded (the bulk importer, itself background work) drains right there with them.
``owed()`` tells a reader which pages a writer has not caught up with (the search
engine then answers from the database instead); ``status()`` is what the health
endpoint and ``manage.py search_index status`` show.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import Max, Min, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from wagtail.models import Page

from .bulk import insert_rows
from .models import OutboxCursor, PageChange
from .tasks import retrying_task

logger = logging.getLogger(__name__)


class Change(NamedTuple):
    """One ``PageChange`` row as the drain reads it: a plain tuple, not a model
    instance (a bulk import writes and reads tens of thousands)."""

    id: int
    page_id: int
    content: bool
    editors_only: bool
    eager: bool


CHANGE_COLUMNS = Change._fields


@dataclass
class Batch:
    """A chunk of the outbox as a writer sees it: page ids, deduplicated."""

    content: set[int] = field(default_factory=set)  # the page itself changed
    structural: set[int] = field(default_factory=set)  # only opened, closed or moved with an ancestor
    editors: set[int] = field(default_factory=set)  # saved, seen by editors only (a draft)
    loaded: dict[int, Page] = field(default_factory=dict)  # current specific pages, when the sender had them

    @property
    def public(self) -> set[int]:
        """Every page whose public face may have changed."""
        return self.content | self.structural

    @property
    def every(self) -> set[int]:
        return self.content | self.structural | self.editors

    @classmethod
    def of(cls, rows: Iterable[Change], loaded: dict[int, Page] | None = None) -> Batch:
        batch = cls(loaded=dict(loaded or {}))
        for row in rows:
            if row.editors_only:
                batch.editors.add(row.page_id)
            elif row.content:
                batch.content.add(row.page_id)
            else:
                batch.structural.add(row.page_id)
        batch.structural -= batch.content
        batch.editors -= batch.content | batch.structural
        return batch

    def pages(self, ids: Iterable[int]) -> tuple[list[Page], set[int]]:
        """The specific pages of ``ids`` (the loaded ones as given) and the ids of those
        that no longer exist."""
        ids = set(ids)
        found = {pk: page for pk, page in self.loaded.items() if pk in ids}
        rest = ids - set(found)
        if rest:
            found.update((page.pk, page) for page in Page.objects.filter(pk__in=rest).specific())
        return [found[pk] for pk in sorted(found)], ids - set(found)


class Writer:
    """Carries page changes to one place. Subclasses set ``name`` and ``write``."""

    name = ""
    #: Also written inside the transaction of the change (see the module docstring).
    eager = False
    #: Also reads the saves only editors see (drafts): Wagtail's admin search.
    editors = False
    #: ``write`` writes to the database: it runs in a transaction of its own, so a
    #: failing chunk leaves nothing half-written.
    writes_database = False
    #: An eager writer that reads a page's many-to-many relations: written again when
    #: they are saved, after the page's own row (:func:`relations_saved`).
    reads_relations = False

    def enabled(self) -> bool:
        """False when the place does not exist in this deployment (no Elasticsearch)."""
        return True

    def is_eager(self) -> bool:
        return self.eager

    def write(self, batch: Batch) -> dict[str, int]:
        """Write the pages of ``batch`` as they are now; raise if the place did not take them."""
        raise NotImplementedError

    def after_drain(self, report: DrainReport) -> None:
        """Once a drain has carried rows (``report``): e.g. purge what was answered from
        the old state."""


_writers: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    """Add ``writer`` (an app's ``ready``); registering a name again replaces it."""
    _writers[writer.name] = writer
    return writer


def writers() -> list[Writer]:
    """The registered writers this deployment has (no Elasticsearch: no such writer)."""
    return [writer for writer in _writers.values() if writer.enabled()]


# --- recording ---------------------------------------------------------------------


def subtree_ids(roots: Iterable[int]) -> set[int]:
    """The pages under each of ``roots``, the roots included (the tree as it is now)."""
    ids: set[int] = set()
    for path in Page.objects.filter(pk__in=list(roots)).values_list("path", flat=True):
        ids.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return ids


def record(
    pages: Iterable[int | Page] = (),
    *,
    subtrees: Iterable[int] = (),
    content: bool = True,
    subtree_content: bool = False,
    loaded: Iterable[Page] = (),
    editors_only: bool = False,
    defer: bool = False,
) -> None:
    """Record that ``pages`` changed (``content``: their own content; False: only
    whether they are open), and every page under ``subtrees`` (structurally, or with
    ``subtree_content`` when their URLs changed). Eager writers write at once (unless
    ``defer``); a drain follows the commit. ``editors_only``: a save only editors see."""
    own = {page if isinstance(page, int) else page.pk for page in pages}
    loaded = {page.pk: page for page in loaded}
    own |= set(loaded)
    below = subtree_ids(subtrees) - own if subtrees else set()
    if not own and not below:
        return
    rows = [Change(0, pk, content, editors_only, False) for pk in sorted(own)]
    rows += [Change(0, pk, subtree_content, editors_only, False) for pk in sorted(below)]
    batch = Batch.of(rows, loaded)
    eager = [] if defer else [writer for writer in writers() if writer.is_eager() and reads(writer, batch)]
    for writer in eager:
        writer.write(batch)
    now = timezone.now()
    # Plain rows (``heritage.bulk``): a bulk import records thousands at a time.
    insert_rows(
        PageChange,
        (
            {
                "page_id": row.page_id,
                "content": row.content,
                "editors_only": row.editors_only,
                "eager": bool(eager),
                "changed_at": now,
            }
            for row in rows
        ),
    )
    # The newest row now (ours, or a later one of another transaction's: then the
    # drain after the commit merely finds more to do).
    transaction.on_commit(DrainAfterCommit(newest(), loaded), robust=True)


def relations_saved(pages: Iterable[int]) -> None:
    """A page's many-to-many relations were written after its row was saved and
    recorded (modelcluster commits them after ``post_save``): the eager writers that
    read them (``Writer.reads_relations``) write the pages again, in the same
    transaction. No new row: the one recorded by the save covers the writers that
    drain after the commit, which read the page as it is then."""
    ids = sorted(set(pages))
    batch = Batch.of([Change(0, pk, True, True, False) for pk in ids])
    for writer in writers():
        if writer.is_eager() and writer.reads_relations and reads(writer, batch):
            writer.write(batch)


def reads(writer: Writer, batch: Batch) -> bool:
    return bool(batch.public or (writer.editors and batch.editors))


class DrainAfterCommit:
    """Run once the transaction commits: drain at once with the pages the sender handed
    over loaded, or enqueue a drain for each writer that has not passed row
    ``through`` yet. Each ``record()`` registers one (Django's public ``on_commit``);
    in a transaction of many changes the first drains them all and the others find
    the cursors past their rows (one query)."""

    def __init__(self, through: int, loaded: dict[int, Page]):
        self.through = through
        self.loaded = loaded

    def __call__(self):
        behind = [name for name in self.behind() if not fast_forward(name, self.through)]
        if not behind:
            return
        if self.loaded:
            drain(behind, loaded=self.loaded)
        else:
            request_drain(behind)

    def behind(self) -> list[str]:
        names = [writer.name for writer in writers()]
        past = set(
            OutboxCursor.objects.filter(writer__in=names, position__gte=self.through).values_list("writer", flat=True)
        )
        return [name for name in names if name not in past]


def needs(writer: Writer) -> models.Q:
    """The rows ``writer`` has to write: not those an eager writer wrote in the
    transaction of the change, nor the editors' saves for a writer that reads none."""
    needed = models.Q()
    if writer.is_eager():
        needed &= models.Q(eager=False)
    if not writer.editors:
        needed &= models.Q(editors_only=False)
    return needed


def fast_forward(name: str, through: int) -> bool:
    """Move writer ``name``'s cursor to ``through`` when none of the rows up to there
    is one it has to write (one statement): an editor's save, written by the eager
    writers in its own transaction, costs no drain of theirs afterwards. Returns
    whether the cursor is there now."""
    writer = _writers.get(name)
    if writer is None:
        return False
    owed_rows = PageChange.objects.filter(needs(writer), id__gt=models.OuterRef("position"), id__lte=through)
    moved = (
        OutboxCursor.objects.filter(writer=name, position__lt=through)
        .exclude(models.Exists(owed_rows))
        .update(position=through, attempts=0, last_error="", updated_at=timezone.now())
    )
    return bool(moved)


def request_drain(names: Iterable[str] | None = None) -> list[str]:
    """Enqueue the drain of each enabled writer (or those named) unless one already
    waits for it (on the worker's queue); returns the names enqueued. With the
    immediate backend of the demo and the tests the drain runs here and now."""
    from .tasks import uses_worker, waiting

    enqueued = []
    for writer in writers():
        if names is not None and writer.name not in names:
            continue
        if uses_worker() and waiting(drain_outbox_task, (), {"writer": writer.name}):
            continue
        drain_outbox_task.enqueue(writer=writer.name)
        enqueued.append(writer.name)
    return enqueued


# --- draining ----------------------------------------------------------------------


@dataclass
class DrainReport:
    writer: str
    rows: int = 0
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    error: str = ""
    busy: bool = False  # another process holds this writer's cursor
    exception: BaseException | None = field(default=None, repr=False)

    @property
    def failed(self) -> bool:
        return bool(self.error)


class DrainIncomplete(Exception):
    """A writer did not take its rows: the drain is retried later."""


def drain(
    names: Iterable[str] | None = None, *, loaded: dict[int, Page] | None = None, chunk_size: int = 500
) -> dict[str, DrainReport]:
    """Hand every enabled writer (or those named) the rows after its cursor; returns a
    report per writer. A failing writer stops at its chunk; the others go on."""
    reports = {}
    for writer in writers():
        if names is not None and writer.name not in names:
            continue
        reports[writer.name] = drain_writer(writer, loaded=loaded, chunk_size=chunk_size)
    trim()
    return reports


def drain_writer(writer: Writer, *, loaded: dict[int, Page] | None = None, chunk_size: int = 500) -> DrainReport:
    """Hand ``writer`` the rows after its cursor, a chunk at a time, until none is left
    or it fails."""
    report = _drain_chunks(writer, loaded=loaded, chunk_size=chunk_size)
    if report.rows:
        try:
            writer.after_drain(report)
        except Exception:
            logger.exception("Outbox writer %s: after_drain failed", writer.name)
    return report


def _drain_chunks(writer: Writer, *, loaded: dict[int, Page] | None, chunk_size: int) -> DrainReport:
    report = DrainReport(writer=writer.name)
    OutboxCursor.objects.get_or_create(writer=writer.name)
    locking = connection.features.has_select_for_update_skip_locked
    while True:
        with transaction.atomic() if locking else _nothing():
            query = OutboxCursor.objects.filter(writer=writer.name)
            if locking:
                # One drain per writer at a time across processes: another holds it.
                query = query.select_for_update(skip_locked=True)
            cursor = query.first()
            if cursor is None:
                report.busy = True
                return report
            window = [
                Change(*values)
                for values in PageChange.objects.filter(id__gt=cursor.position)
                .order_by("id")
                .values_list(*CHANGE_COLUMNS)[:chunk_size]
            ]
            if not window:
                return report
            rows = [row for row in window if row.editors_only is False or writer.editors]
            if writer.is_eager():
                rows = [row for row in rows if not row.eager]
            batch = Batch.of(rows, loaded)
            try:
                if reads(writer, batch):
                    with transaction.atomic() if writer.writes_database else _nothing():
                        for key, value in (writer.write(batch) or {}).items():
                            report.counts[key] = report.counts.get(key, 0) + value
            except Exception as exc:  # an engine away, a timeout, a refused document…
                report.exception = exc
                report.error = f"{type(exc).__name__}: {exc}"[:2000]
                logger.warning("Outbox writer %s failed after #%s: %s", writer.name, cursor.position, report.error)
                OutboxCursor.objects.filter(writer=writer.name).update(
                    attempts=cursor.attempts + 1, last_error=report.error, updated_at=timezone.now()
                )
                return report
            OutboxCursor.objects.filter(writer=writer.name, position__lt=window[-1].id).update(
                position=window[-1].id, attempts=0, last_error="", updated_at=timezone.now()
            )
            report.rows += len(window)
            report.pages += len(batch.every)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def trim() -> int:
    """Delete the rows every enabled writer has passed."""
    names = [writer.name for writer in writers()]
    if not names:
        return 0
    positions = dict(OutboxCursor.objects.filter(writer__in=names).values_list("writer", "position"))
    if len(positions) < len(names):
        return 0
    deleted, _ = PageChange.objects.filter(id__lte=min(positions.values())).delete()  # one DELETE: no receivers
    return deleted


# --- reading -----------------------------------------------------------------------


def _active(name: str) -> bool:
    writer = _writers.get(name)
    return writer is not None and writer.enabled()


def _position(name: str):
    return Coalesce(Subquery(OutboxCursor.objects.filter(writer=name).values("position")[:1]), 0)


def owed(name: str, page_ids: Iterable[int]) -> set[int]:
    """Which of ``page_ids`` writer ``name`` has not caught up with (one query)."""
    page_ids = list(page_ids)
    if not page_ids or not _active(name):
        return set()
    rows = PageChange.objects.filter(page_id__in=page_ids, id__gt=_position(name), editors_only=False)
    return set(rows.values_list("page_id", flat=True))


def owed_pages(name: str) -> set[int]:
    """Every page writer ``name`` has not caught up with (none for a writer this
    deployment does not have)."""
    if not _active(name):
        return set()
    rows = PageChange.objects.filter(id__gt=_position(name), editors_only=False)
    return set(rows.values_list("page_id", flat=True))


def backlog(name: str, *, before=None) -> int:
    """How many rows writer ``name`` has still to write (changed before ``before``)."""
    if not _active(name):
        return 0
    rows = PageChange.objects.filter(id__gt=_position(name))
    if before is not None:
        rows = rows.filter(changed_at__lt=before)
    return rows.count()


def status() -> list[dict]:
    """Each enabled writer: its backlog, the oldest change it owes, its last error."""
    cursors = {cursor.writer: cursor for cursor in OutboxCursor.objects.all()}
    result = []
    for writer in writers():
        cursor = cursors.get(writer.name)
        position = cursor.position if cursor else 0
        pending = PageChange.objects.filter(id__gt=position)
        oldest = pending.aggregate(oldest=Min("changed_at"))["oldest"]
        result.append(
            {
                "writer": writer.name,
                "position": position,
                "pending": pending.count(),
                "oldest_pending": oldest.isoformat() if oldest else None,
                "attempts": cursor.attempts if cursor else 0,
                "last_error": cursor.last_error if cursor else "",
            }
        )
    return result


#: Seconds a change may wait before the worker's heartbeat queues a drain for it.
NUDGE_SECONDS = 30


def nudge(*, older_than: float | None = None, now=None) -> list[str]:
    """Queue a drain for each writer that owes changes older than ``older_than`` seconds
    and has none due to run (a retry waiting out a long back-off does not count): the
    worker's heartbeat calls this every :data:`NUDGE_SECONDS`, so the outbox replays by
    itself within about a minute of an engine coming back (with the search breaker
    open the Elasticsearch drain fails at once, without calling the node, until its
    cool-down lets it probe). Returns the writers nudged."""
    from datetime import timedelta

    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = now or timezone.now()
    older_than = NUDGE_SECONDS if older_than is None else older_than
    overdue = now - timedelta(seconds=older_than)
    soon = now + timedelta(seconds=older_than)
    nudged = []
    for writer in writers():
        if not backlog(writer.name, before=overdue):
            continue
        due = DBTaskResult.objects.filter(
            task_path=drain_outbox_task.module_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            args_kwargs__kwargs__writer=writer.name,
        ).filter(models.Q(run_after=get_date_max()) | models.Q(run_after__lte=soon))  # "as soon as possible"
        if due.exists():
            continue
        drain_outbox_task.enqueue(writer=writer.name)
        nudged.append(writer.name)
    if nudged:
        logger.info("Outbox: queued a drain for %s (changes waiting over %s s)", ", ".join(nudged), older_than)
    return nudged


def newest() -> int:
    """The id of the newest row (0 for none)."""
    return PageChange.objects.aggregate(newest=Max("id"))["newest"] or 0


def advance(name: str, position: int) -> None:
    """Writer ``name`` has everything up to ``position`` another way (a rebuild of its
    whole index from what was committed then): its cursor moves there (never back)."""
    cursor, _ = OutboxCursor.objects.get_or_create(writer=name)
    OutboxCursor.objects.filter(writer=name, position__lt=position).update(
        position=position, attempts=0, last_error="", updated_at=timezone.now()
    )


@retrying_task(attempts=8, backoff=15, coalesce=True)
def drain_outbox_task(writer: str) -> dict:
    """Drain one writer's share of the outbox; raises (and is retried with back-off:
    15 s, 30 s, 1 min, … 32 min) while the writer fails. Whatever is still owed after
    that waits for the next change, the search engine's catch-up, or
    ``manage.py search_index update``."""
    report = drain([writer]).get(writer)
    if report is None:
        return {}
    if report.failed:
        raise DrainIncomplete(f"{writer}: {report.error}")
    return {"rows": report.rows, "pages": report.pages, **report.counts}
