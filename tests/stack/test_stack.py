"""Scale out, tested: what one web process does, the other sees; the worker does the
slow work and survives being killed; search degrades and heals with Elasticsearch."""

from __future__ import annotations

import re
import tempfile
import uuid
from pathlib import Path

import pytest

from .conftest import UPLOAD_FORM, form_values, poll

pytestmark = pytest.mark.stack

DRAFT_ARTIFACT = """
from archive.factories import ArtifactPageFactory
from archive.models import CollectionPage
collection = CollectionPage.objects.live().public().order_by("pk").first()
page = ArtifactPageFactory(parent=collection, title={title!r}, slug={slug!r}, live=False, accession_number={slug!r},
                           institution=collection.institution, description_en="<p>{word} in the harbour.</p>")
from urllib.parse import urlsplit
result = {{"id": page.pk, "path": urlsplit(page.full_url).path}}
"""


def publish_through(session, page_id: int) -> None:
    """Wagtail's own "Publish" bulk action, as a curator clicks it."""
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    confirm = session.get(url)
    assert confirm.status_code == 200, confirm.text[:1000]
    data = form_values(confirm.text)
    response = session.post(url, data=data, headers={"Referer": str(session.base_url) + url})
    assert response.status_code == 302, response.text[:2000]


def unpublish_through(session, page_id: int) -> None:
    url = f"/admin/bulk/wagtailcore/page/unpublish/?id={page_id}"
    confirm = session.get(url)
    data = form_values(confirm.text)
    response = session.post(url, data=data, headers={"Referer": str(session.base_url) + url})
    assert response.status_code == 302, response.text[:2000]


def search_titles(client, word: str) -> tuple[list[str], dict]:
    answer = client.get("/api/search/", params={"q": word}).json()
    return [result["title"] for result in answer["results"]], answer


def test_every_process_reports_healthy_on_the_real_engines(stack):
    for base in (stack.web1, stack.web2, stack.front):
        with stack.client(base) as client:
            response = client.get("/health/")
        assert response.status_code == 200, response.text
        checks = response.json()["checks"]
        assert checks["database"]["vendor"] == "postgresql"
        assert checks["cache"]["backend"] == "RedisCache"
        assert checks["storage"]["backend"] == "S3Storage"
        assert checks["private_storage"]["backend"] == "S3Storage"
        assert checks["search"]["engine"] == "elasticsearch"
        assert checks["worker"]["ok"] is True
        assert response.json()["status"] == "ok"


def test_static_files_are_hashed_compressed_and_cached_for_ever(stack):
    with stack.client(stack.web1) as client:
        home = client.get("/en/")
        assert home.status_code == 200
        stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text)
        assert stylesheet, "the page links no hashed stylesheet (collectstatic + manifest storage)"
        response = client.get(stylesheet[1], headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "max-age=315360000" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") in ("gzip", "br")


def test_a_page_published_through_web1_is_served_and_found_through_web2(stack):
    word = f"zebrafish{uuid.uuid4().hex[:8]}"
    created = stack.python(DRAFT_ARTIFACT.format(title=f"Net float {word}", slug=f"float-{word}", word=word))
    with stack.client(stack.web2) as web2:
        assert web2.get(created["path"]).status_code == 404  # a draft is not served
        with stack.login(stack.web1) as curator:
            publish_through(curator, created["id"])
        page = web2.get(created["path"])
        assert page.status_code == 200
        assert f"Net float {word}" in page.text
        titles = poll(lambda: search_titles(web2, word)[0], what="the worker to index the page in Elasticsearch")
        assert titles == [f"Net float {word}"]
        assert search_titles(web2, word)[1]["engine"] == "elasticsearch"


def test_a_recording_uploaded_through_web1_plays_with_ranges_through_web2(stack):
    created = stack.python(
        """
from oral_histories.factories import OralHistoryPageFactory
from oral_histories.models import OralHistoryIndexPage
index = OralHistoryIndexPage.objects.live().filter(community__isnull=True).order_by("pk").first() \
    or OralHistoryIndexPage.objects.live().order_by("pk").first()
page = OralHistoryPageFactory(parent=index, title="Stack upload", slug="stack-upload-" + __import__("uuid").uuid4().hex[:6])
from urllib.parse import urlsplit
result = {"id": page.pk, "path": urlsplit(page.full_url).path}
"""
    )
    audio = (Path(__file__).resolve().parents[2] / "oral_histories/tests/data/media/speech.mp3").read_bytes()
    with stack.login(stack.web1) as curator:
        add = "/admin/snippets/oral_histories/recording/add/"
        form = curator.get(add)
        data = form_values(form.text, UPLOAD_FORM)
        data.update({"page": str(created["id"]), "scope": "public"})
        response = curator.post(
            add,
            data=data,
            files={"file": ("stack.mp3", audio, "audio/mpeg")},
            headers={"Referer": f"{stack.web1}{add}"},
        )
        assert response.status_code == 302, response.text[-3000:]
    recording = stack.python(
        f"""
from oral_histories.models import Recording
r = Recording.objects.get(page_id={created["id"]})
result = {{"id": r.pk, "name": r.file.name, "storage": r.file.storage.__class__.__name__}}
"""
    )
    assert recording["storage"] == "S3Storage"
    with stack.client(stack.web2) as web2:
        media = web2.get(f"/en/recordings/{recording['id']}/media")
        assert media.status_code in (302, 307), media.status_code
        assert "no-store" in media.headers["cache-control"]
        signed = media.headers["location"]
        assert signed.startswith(stack.env["HERITAGE_S3_ENDPOINT_URL"])
    with stack.client(signed.split("/", 3)[0] + "//" + signed.split("/", 3)[2]) as s3:
        part = s3.get(signed, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.content == audio[100:200]


def test_the_worker_makes_the_access_copy_outside_the_editors_request(stack):
    recording_id = stack.python(
        """
from oral_histories.models import Recording
r = Recording.objects.filter(page__title="Stack upload", access_copy="").order_by("-pk").first()
result = r.pk if r else None
"""
    )
    if recording_id is None:
        pytest.skip("needs the recording uploaded by the previous test")
    with stack.login(stack.web1) as curator:
        edit = f"/admin/snippets/oral_histories/recording/edit/{recording_id}/"
        data = form_values(curator.get(edit).text, UPLOAD_FORM)
        data.update(
            {
                "redactions-TOTAL_FORMS": "1",
                "redactions-0-start": "0.5",
                "redactions-0-end": "1.0",
                "redactions-0-reason": "a name",
                "redactions-0-ORDER": "1",
            }
        )
        response = curator.post(edit, data=data, headers={"Referer": f"{stack.web1}{edit}"})
        assert response.status_code == 302, response.text[-3000:]
    copy = poll(
        lambda: stack.python(
            f"from oral_histories.models import Recording\nresult = Recording.objects.get(pk={recording_id}).access_copy.name"
        ),
        what="the worker to make the access copy",
    )
    # "<name>-access.<ext>", or with the storage's "_<random>" before the extension when
    # a stack that ran these tests before already holds that name.
    assert re.search(r"-access(_[A-Za-z0-9]{7})?\.(mp3|m4a|ogg|opus|wav)$", copy), copy


def test_a_killed_workers_job_is_finished_by_the_next_worker(stack):
    flag = Path(tempfile.gettempdir()) / f"stack-flag-{uuid.uuid4().hex}"
    task_id = stack.python(
        f"""
from tests.stack.tasks import wait_for_file
result = str(wait_for_file.enqueue({str(flag)!r}).id)
"""
    )
    status = f"""
from django_tasks_db.models import DBTaskResult
row = DBTaskResult.objects.get(pk={task_id!r})
result = [row.status, row.return_value if row.status == "SUCCESSFUL" else None]
"""
    poll(lambda: stack.python(status)[0] == "RUNNING", what="the worker to take the job")
    stack.run("worker-kill")
    flag.write_text("go")
    try:
        assert stack.python(status)[0] == "RUNNING"  # nobody finished it: its worker is gone
        stack.run("worker-start")
        final = poll(lambda: (s := stack.python(status))[0] == "SUCCESSFUL" and s, what="the next worker to retry it")
        assert final[1].startswith("done by pid")
    finally:
        flag.unlink(missing_ok=True)


def test_search_degrades_while_elasticsearch_is_down_and_heals_when_it_returns(stack):
    word = f"lighthouse{uuid.uuid4().hex[:8]}"
    created = stack.python(DRAFT_ARTIFACT.format(title=f"Lamp {word}", slug=f"lamp-{word}", word=word))
    with stack.login(stack.web1) as curator, stack.client(stack.web2) as web2:
        publish_through(curator, created["id"])
        poll(lambda: search_titles(web2, word)[0] == [f"Lamp {word}"], what="the page to be indexed")
        stack.run("es-stop")
        try:
            titles, answer = search_titles(web2, word)
            assert answer["degraded"] is True
            assert answer["engine"] == "database"
            assert titles == [f"Lamp {word}"]  # answered from the database
            unpublish_through(curator, created["id"])  # an editor is not blocked by the outage
            assert search_titles(web2, word)[0] == []
        finally:
            stack.run("es-start")
        healed = poll(
            lambda: (a := search_titles(web2, word)[1])["engine"] == "elasticsearch" and not a["degraded"] and a,
            what="search to answer from Elasticsearch again",
        )
        poll(lambda: search_titles(web2, word)[0] == [], what="the unpublished page to leave the index")
        assert healed["engine"] == "elasticsearch"


def test_the_import_guard_holds_across_the_two_web_processes(stack):
    """The curator double-clicks "Import", and the two clicks reach different web
    processes: the rows are imported once, as one job."""
    import html as html_module
    import threading

    institution = stack.python(
        "from heritage.models import Institution\nresult = Institution.objects.order_by('pk').values_list('pk', flat=True).first()"
    )
    prefix = f"GUARD-{uuid.uuid4().hex[:6]}"
    csv = "accession_number,title_en\n" + "".join(f"{prefix}-{n},Guarded letter {n}\n" for n in range(3))
    with stack.login(stack.web1) as web1, stack.login(stack.web2) as web2:
        page = "/admin/artifacts/import/"
        data = form_values(web1.get(page).text, UPLOAD_FORM)
        data.update({"institution": str(institution)})
        checked = web1.post(
            page,
            data=data,
            files={"file": (f"{prefix}.csv", csv.encode(), "text/csv")},
            headers={"Referer": stack.web1 + page},
        )
        assert checked.status_code == 200, checked.text[-3000:]
        token = html_module.unescape(re.search(r'name="token" value="([^"]+)"', checked.text)[1])
        answers = {}

        def confirm(name, session, base):
            csrf = session.cookies.get("csrftoken")
            answers[name] = session.post(
                "/admin/artifacts/import/confirm/",
                data={"token": token, "csrfmiddlewaretoken": csrf},
                headers={"Referer": base + page},
            )

        clicks = [
            threading.Thread(target=confirm, args=("web1", web1, stack.web1)),
            threading.Thread(target=confirm, args=("web2", web2, stack.web2)),
        ]
        for click in clicks:
            click.start()
        for click in clicks:
            click.join()
    statuses = sorted(answer.status_code for answer in answers.values())
    assert 500 not in statuses and statuses[0] == 302, statuses  # at least one goes to the job's page
    job_pages = {answer.headers["location"] for answer in answers.values() if answer.status_code == 302}
    assert len(job_pages) == 1  # both clicks that were let through lead to the same job
    state = f"""
from heritage.models import TrackedJob
from archive.models import ArtifactPage
result = [ArtifactPage.objects.filter(accession_number__startswith={prefix!r}).count(),
          sorted(str(job.status) for job in TrackedJob.objects.filter(params__name={prefix + ".csv"!r}))]
"""
    final = poll(lambda: (s := stack.python(state))[0] == 3 and s, what="the worker to import the rows")
    assert len(final[1]) == 1, final  # one job for the upload
