"""The admin import as a background job: confirmed, queued, run by the worker, followed
on its own page; one job per upload whichever web process confirms it."""

from __future__ import annotations

import re
from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from archive.import_jobs import JobProgress
from archive.models import ArtifactPage
from archive.tests.test_import_admin import (
    CONFIRM,
    GOOD_AND_BAD,
    csv_file,
    make_curator,
    row,
    stored_uploads,
    text,
    token_of,
    upload,
)
from archive.tests.test_import_admin import private_media as private_media  # noqa: F401 (autouse fixture)
from heritage.models import TrackedJob
from heritage.tests.workers import DATABASE_TASKS, in_process_worker

JOB_URL = re.compile(r"/admin/artifacts/import/jobs/[0-9a-f-]{36}/")


def drain_queue() -> None:
    """The worker, in this process: every task due, then stop (``manage.py worker --batch``)."""
    in_process_worker(run_schedules=False).run()


def confirm(client, institution, file, **options):
    """Check then confirm an upload; the confirmation's redirect."""
    checked = upload(client, institution, file, **options)
    response = client.post(CONFIRM, {"token": token_of(checked), "import": ""})
    assert response.status_code == 302 and JOB_URL.fullmatch(response["Location"])
    return response


@pytest.fixture
def fresh_content_types(transactional_db):
    """An earlier transactional test's flush recreated the content types under new ids:
    forget the cached ones."""
    ContentType.objects.clear_cache()


@pytest.fixture
def editor_groups(fresh_content_types, wagtail_root):
    """For transactional tests: the editor groups a data migration made and an earlier
    transactional test's flush removed."""
    from django.apps import apps

    import_module("heritage.migrations.0002_editor_groups").create_groups(apps, None)


@pytest.fixture
def curator(tree):
    return make_curator("amina", tree.institution)


# --- With the immediate backend (the demo) ----------------------------------------------


@pytest.mark.django_db
def test_inline_the_job_page_shows_the_report_at_once_and_later_again(client, tree, curator):
    client.force_login(curator)
    job_page = confirm(client, tree.institution, csv_file(GOOD_AND_BAD))["Location"]
    for _visit in range(2):  # leave and come back: the same page, the same report
        response = client.get(job_page)
        assert response.status_code == 200 and "Refresh" not in response
        assert "Import of “letters.csv” into Museum of Harbour Memories" in text(response)
        assert "Created 2" in text(response) and "Rows with errors (not imported) 2" in text(response)
    assert TrackedJob.objects.get().status == TrackedJob.Status.DONE


@pytest.mark.django_db
def test_another_curator_cannot_see_someone_elses_import(client, tree, curator):
    client.force_login(curator)
    job_page = confirm(client, tree.institution, csv_file([row(1)]))["Location"]
    client.force_login(make_curator("colleague", tree.institution))
    response = client.get(job_page, follow=True)
    assert response.status_code == 404 and "MHM.0001" not in response.content.decode()


@pytest.mark.django_db
def test_a_second_web_process_confirming_the_same_upload_finds_the_first_job(client, tree, curator, settings):
    settings.TASKS = DATABASE_TASKS
    client.force_login(curator)
    checked = upload(client, tree.institution, csv_file([row(1), row(2)]))
    first = client.post(CONFIRM, {"token": token_of(checked), "import": ""})
    # The other web process has its own (per-process) cache: it never saw the first claim.
    cache.clear()
    second = client.post(CONFIRM, {"token": token_of(checked), "import": ""}, follow=True)
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This upload was already confirmed" in text(second)
    assert TrackedJob.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="archive.import_jobs.import_job").count() == 1


# --- With the database backend and the worker -------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_import_and_the_page_follows_it(editor_groups, client, tree, curator, settings):
    settings.TASKS = DATABASE_TASKS
    client.force_login(curator)
    job_page = confirm(client, tree.institution, csv_file(GOOD_AND_BAD))["Location"]

    waiting = client.get(job_page)
    assert waiting.status_code == 200
    assert waiting["Refresh"] == "3"  # the page comes back by itself, no script needed
    assert "Waiting for the worker to start the import." in text(waiting)
    assert "No background worker has reported in recently" in text(waiting)
    assert ArtifactPage.objects.count() == 0 and len(stored_uploads()) == 1

    drain_queue()

    done = client.get(job_page)
    assert "Refresh" not in done
    assert "Created 2" in text(done) and "Rows with errors (not imported) 2" in text(done)
    assert sorted(ArtifactPage.objects.values_list("accession_number", flat=True)) == ["MHM.0001", "MHM.0003"]
    assert stored_uploads() == []
    # The import's follow-up work (the editors' search and reference index) ran on the worker too.
    assert set(DBTaskResult.objects.values_list("task_path", "status")) == {
        ("archive.import_jobs.import_job", TaskResultStatus.SUCCESSFUL),
        ("archive.transfer.write.index_for_editors", TaskResultStatus.SUCCESSFUL),
    }


@pytest.mark.django_db(transaction=True)
def test_an_upload_gone_before_the_worker_came_fails_the_job_with_a_reason(
    editor_groups, client, tree, curator, settings
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(curator)
    job_page = confirm(client, tree.institution, csv_file([row(1)]))["Location"]
    for path in stored_uploads():
        path.unlink()

    drain_queue()

    response = client.get(job_page)
    assert response.status_code == 200
    assert "The uploaded file is no longer stored" in text(response) and "upload the file again" in text(response)
    assert ArtifactPage.objects.count() == 0


@pytest.mark.django_db
def test_a_running_import_shows_rows_done_of_the_total(client, tree, curator, settings):
    settings.TASKS = DATABASE_TASKS
    client.force_login(curator)
    job_page = confirm(client, tree.institution, csv_file([row(n) for n in range(1, 4)]))["Location"]
    job = TrackedJob.objects.get()
    TrackedJob.objects.filter(pk=job.pk).update(status=TrackedJob.Status.RUNNING)
    progress = JobProgress(job, header_line=True)
    progress(49, 1201)  # count_rows counts the header line too
    assert TrackedJob.objects.get().done == 0  # written every 1 % (at least 50 rows), not every row
    progress(600, 1201)
    response = client.get(job_page)
    assert "600 of about 1200 rows done (50 %)" in text(response)
    assert '<progress max="1200" value="600"' in response.content.decode()


@pytest.mark.django_db
def test_a_file_that_cannot_be_checked_starts_no_job(client, tree, curator):
    client.force_login(curator)
    response = upload(client, tree.institution, SimpleUploadedFile("letters.csv", b"title_en\nLetter\n"))
    assert 'name="token"' not in response.content.decode()
    assert TrackedJob.objects.count() == 0
