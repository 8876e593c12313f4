"""The outbox of page changes (heritage.outbox): rows written with the change, carried by
each writer from its own cursor, in order, idempotently, and replayed after a failure."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

import pytest

from archive.factories import ArtifactPageFactory
from exchange.models import HarvestRecord
from heritage import outbox
from heritage.models import OutboxCursor, PageChange, Theme
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


class Recorder(outbox.Writer):
    """A writer that remembers what it was handed; ``fail`` makes it refuse."""

    name = "test-recorder"

    def __init__(self):
        self.batches: list[outbox.Batch] = []
        self.fail = False

    def write(self, batch):
        if self.fail:
            raise ConnectionError("the engine is away")
        self.batches.append(batch)
        return {"written": len(batch.public)}


@pytest.fixture
def recorder():
    writer = outbox.register(Recorder())
    yield writer
    outbox._writers.pop(writer.name, None)


def public_ids(writer) -> list[int]:
    return sorted(pk for batch in writer.batches for pk in batch.public)


def test_a_rolled_back_change_leaves_no_row_and_a_committed_one_always_has_its_rows(tree, commit):
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    commit()
    before = PageChange.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        assert PageChange.objects.filter(page_id=page.pk, editors_only=False).exists()
        raise RuntimeError("the editor's request failed after the publish")
    assert PageChange.objects.count() == before
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()  # the eager writer rolled back too

    page.refresh_from_db()
    page.save_revision().publish()
    row = PageChange.objects.filter(page_id=page.pk, editors_only=False).latest("id")
    assert row.content and row.eager  # the database index was written in the same transaction
    assert SearchDocument.objects.filter(page_id=page.pk).exists()


def test_each_writer_carries_the_rows_from_its_cursor_in_order_and_once(tree, recorder, commit):
    commit()
    outbox.drain([recorder.name])
    recorder.batches.clear()
    pages = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution) for _ in range(5)]
    outbox.record(pages[:3])
    outbox.record(pages[3:])
    report = outbox.drain([recorder.name], chunk_size=2)[recorder.name]
    assert public_ids(recorder) == sorted(page.pk for page in pages)
    assert report.counts["written"] == 5 and not report.failed
    # Batches follow the rows' order: no later row is handed over before an earlier one.
    firsts = [min(batch.public) for batch in recorder.batches if batch.public]
    assert firsts == sorted(firsts)
    recorder.batches.clear()
    assert outbox.drain([recorder.name])[recorder.name].rows == 0  # nothing twice
    assert recorder.batches == []


def test_a_failing_writer_keeps_its_place_and_the_others_go_on(tree, recorder, commit):
    commit()
    outbox.drain()
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    recorder.fail = True
    outbox.record([page])
    reports = outbox.drain()
    assert reports[recorder.name].failed and "the engine is away" in reports[recorder.name].error
    assert not reports["oai"].failed  # the harvest records went on
    cursor = OutboxCursor.objects.get(writer=recorder.name)
    assert cursor.attempts == 1 and "ConnectionError" in cursor.last_error
    assert outbox.owed(recorder.name, [page.pk]) == {page.pk}
    assert PageChange.objects.filter(page_id=page.pk).exists()  # not trimmed: still owed

    recorder.fail = False  # the engine is back: the same rows, replayed
    assert not outbox.drain([recorder.name])[recorder.name].failed
    assert page.pk in public_ids(recorder)
    assert outbox.owed(recorder.name, [page.pk]) == set()
    assert OutboxCursor.objects.get(writer=recorder.name).attempts == 0


def test_rows_every_writer_has_passed_are_deleted(tree, recorder, commit):
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    outbox.record([page])
    commit()
    outbox.drain()
    assert not PageChange.objects.filter(page_id=page.pk).exists()


def test_trimming_is_one_statement_because_page_deletes_are_heard_per_page_model(tree, recorder, commit):
    """A delete receiver connected without a sender makes Django load every row of every
    delete before removing it; the page-delete receivers are connected per page model."""
    from django.db import connection
    from django.db.models.deletion import Collector
    from django.test.utils import CaptureQueriesContext

    assert Collector(using="default", origin=None).can_fast_delete(PageChange.objects.all())
    pages = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution) for _ in range(5)]
    commit()
    outbox.drain()
    outbox.record(pages)
    for writer in outbox.writers():
        outbox.advance(writer.name, outbox.newest())
    with CaptureQueriesContext(connection) as queries:
        assert outbox.trim() == 5
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT", "DELETE"]
    # Deleting a page is still recorded (and purged) through those receivers.
    gone = pages[0].pk
    pages[0].delete()
    assert PageChange.objects.filter(page_id=gone).exists()


def test_unpublishing_records_the_whole_subtree(tree, recorder, commit):
    pages = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution) for _ in range(3)]
    commit()
    outbox.drain()
    recorder.batches.clear()
    tree.collection.unpublish()
    commit()
    outbox.drain([recorder.name])
    batch = recorder.batches[-1]
    assert {page.pk for page in pages} <= batch.structural and tree.collection.pk in batch.public
    assert not SearchDocument.objects.filter(page_id__in=[page.pk for page in pages]).exists()


def test_a_renamed_theme_is_left_to_the_drain_not_the_editors_request(tree, commit):
    theme = Theme.objects.create(slug="port-work", name_en="Port work")
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    page.themes.add(theme)
    page.save_revision().publish()
    commit()
    theme.name_en = "Dock labour"
    theme.save()
    row = PageChange.objects.filter(page_id=page.pk).latest("id")
    assert row.eager is False  # not written in the editor's transaction
    commit()  # the drain after the commit (inline with the test settings' backend)
    assert not outbox.owed("search-database", [page.pk]) and not outbox.owed("oai", [page.pk])
    assert "Dock labour" in HarvestRecord.objects.get(page_id=page.pk).oai_dc


def test_a_slug_change_rewrites_the_urls_below(tree, commit):
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, slug="oud")
    page.save_revision().publish()
    commit()
    collection = tree.collection.specific
    collection.slug = "letters-and-papers"
    collection.save_revision().publish()
    commit()
    assert "/letters-and-papers/oud/" in str(SearchDocument.objects.get(page_id=page.pk).document)


def test_the_workers_nudge_queues_a_drain_for_old_changes_only_when_none_is_due(tree, recorder, settings):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "media", "maintenance"]}
    }
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    outbox.record([page])
    assert recorder.name not in outbox.nudge()  # just made: the drain after the commit has it
    PageChange.objects.update(changed_at=timezone.now() - timedelta(minutes=5))
    assert recorder.name in outbox.nudge()
    assert recorder.name not in outbox.nudge()  # one is due now
    # A retry waiting out a long back-off is not "due": the nudge queues a drain anyway.
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now() + timedelta(hours=1))
    assert recorder.name in outbox.nudge()


def test_health_says_degraded_when_a_writer_lags(client, tree, recorder, commit):
    commit()
    outbox.drain()
    recorder.fail = True
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    outbox.record([page])
    commit()
    body = client.get("/health/").json()
    assert body["checks"]["indexes"]["ok"] is True  # owed for seconds: the normal lag
    assert body["checks"]["indexes"]["writers"][recorder.name]["failing"] is True
    PageChange.objects.update(changed_at=timezone.now() - timedelta(minutes=10))
    body = client.get("/health/").json()
    assert body["status"] == "degraded" and body["checks"]["indexes"]["late"] == [recorder.name]
    assert "engine is away" not in str(body)  # errors stay off the public endpoint
