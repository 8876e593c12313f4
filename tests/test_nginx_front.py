"""The real nginx (deploy/nginx/heritage.conf.template, started by scripts/nginx.sh) in
front of Django's live server: what it caches, what a publish purges, what it never
holds. Skipped only when nginx cannot be installed on this machine (the reason is printed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test import Client
from django.test.testcases import LiveServerThread

import pytest

from archive.factories import ArtifactPageFactory
from conftest import build_tree
from tests.test_shared_cache import redis_url as redis_url  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "nginx.sh"


@pytest.fixture
def django_server(settings, transactional_db):
    """Django on 127.0.0.1 with the page-caching middleware: its own live server,
    started after the settings change (pytest-django's ``live_server`` is built once
    per session, with the middleware of that moment)."""
    from tests.test_page_caching import with_page_caching

    settings.MIDDLEWARE = with_page_caching(list(settings.MIDDLEWARE))
    in_memory = {
        alias: connections[alias]
        for alias in connections
        if connections[alias].vendor == "sqlite" and connections[alias].is_in_memory_db()
    }
    for connection in in_memory.values():
        connection.inc_thread_sharing()
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=in_memory, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        server.terminate()
        for connection in in_memory.values():
            connection.dec_thread_sharing()


@pytest.fixture
def nginx(django_server):
    """nginx on 127.0.0.1 in front of ``django_server``; yields (front URL, purge URL).

    Its folders are under the checkout's .cache/ (not pytest's private temporary
    folder), where nginx's worker processes (www-data when run as root) can reach them."""
    tmp_path = ROOT / ".cache" / f"nginx-test-{os.getpid()}"
    shutil.rmtree(tmp_path, ignore_errors=True)
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123abcd.css").write_text("body { color: black }")
    env = {
        **os.environ,
        "NGINX_STATE": str(tmp_path / "nginx"),
        "NGINX_UPSTREAMS": django_server,
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "HERITAGE_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    started = subprocess.run([SCRIPT, "start"], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if started.returncode != 0:
        reason = started.stderr.strip().splitlines()[-1] if started.stderr.strip() else "scripts/nginx.sh failed"
        if "cannot apt-get install" in reason or "Unable to locate package" in started.stderr:
            print(f"nginx test skipped: {reason}")  # noqa: T201
            pytest.skip(f"nginx cannot be installed here: {reason}")
        pytest.fail(f"scripts/nginx.sh start failed:\n{started.stderr}")
    front = started.stdout.strip()
    purge = subprocess.run(  # noqa: S603
        [SCRIPT, "purge-url"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    try:
        yield front, purge
    finally:
        subprocess.run([SCRIPT, "stop"], env=env, check=False)  # noqa: S603
        shutil.rmtree(tmp_path, ignore_errors=True)


def get(url: str, *, cookie: str = "", method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


@pytest.mark.django_db(transaction=True)
def test_nginx_caches_public_pages_purges_on_publish_and_never_holds_a_logged_in_page(
    wagtail_root, nginx, settings, django_user_model
):
    front, purge = nginx
    settings.HERITAGE_BASE_URL = front
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "heritage.cache_purge.HTTPPurgeBackend", "LOCATION": purge, "TIMEOUT": 5}
    }
    tree = build_tree()
    ticket = ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title="Ferry ticket", slug="ferry-ticket"
    )
    page = f"{front}/en/collections/letters/ferry-ticket/"
    french = f"{front}/fr/collections/letters/ferry-ticket/"

    status, headers, body = get(page)
    assert status == 200 and "Ferry ticket" in body, body[-3000:]
    assert headers["X-Cache-Status"] == "MISS"
    assert "public" in headers["Cache-Control"]
    status, headers, body = get(page)
    assert headers["X-Cache-Status"] == "HIT" and "Ferry ticket" in body
    get(french)
    assert get(french)[1]["X-Cache-Status"] == "HIT"

    # Publishing purges the page in every language: the next visitor gets the new title.
    ticket.title = "Ferry ticket, Tunis to Marseille"
    ticket.save_revision().publish()
    for url in (page, french):
        status, headers, body = get(url)
        assert headers["X-Cache-Status"] == "MISS", url
        assert "Ferry ticket, Tunis to Marseille" in body
    assert get(page)[1]["X-Cache-Status"] == "HIT"

    # A logged-in visitor is never answered from the cache, and what they get is not stored.
    user = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
    client = Client()
    client.force_login(user)
    session = f"sessionid={client.cookies['sessionid'].value}"
    status, headers, body = get(page, cookie=session)
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "private" in headers["Cache-Control"]
    assert get(page, cookie=session)[1]["X-Cache-Status"] == "BYPASS"

    # Only this machine may purge, and only on the purge port; the private files are internal.
    assert get(f"{purge}/en/", method="GET")[0] == 405
    assert get(f"{front}/_private/anything.wav")[0] == 404
    assert get(f"{front}/media/documents/loan-agreement.pdf")[0] == 404  # only through /documents/<id>/
    status, headers, body = get(f"{front}/static/css/site.0123abcd.css")
    assert status == 200 and "immutable" in headers["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_nginx_holds_a_search_answer_briefly_and_a_change_purges_it(
    wagtail_root, nginx, settings, redis_url, monkeypatch, request
):
    from heritage import caching
    from search.sync import rebuild_database

    front, purge = nginx
    settings.HERITAGE_BASE_URL = front
    settings.REDIS_URL = redis_url
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "heritage.cache_purge.HTTPPurgeBackend", "LOCATION": purge, "TIMEOUT": 5}
    }
    monkeypatch.setattr(caching, "BRIEFLY_SHARED_KEY", f"test:briefly-shared:{os.getpid()}")
    request.addfinalizer(lambda: caching.briefly_shared_registry().delete(caching.BRIEFLY_SHARED_KEY))
    tree = build_tree()
    ticket = ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title="Ferry ticket", slug="ferry-ticket"
    )
    rebuild_database()
    search = f"{front}/en/search/?q=ferry"

    status, headers, body = get(search)
    assert status == 200 and "Ferry ticket" in body
    assert headers["X-Cache-Status"] == "MISS" and "s-maxage=10" in headers["Cache-Control"]
    assert get(search)[1]["X-Cache-Status"] == "HIT"

    # Unpublishing purges the answer with the page: the next visitor no longer finds it.
    ticket.unpublish()
    status, headers, body = get(search)
    assert headers["X-Cache-Status"] == "MISS" and "Ferry ticket" not in body

    # A request line in another spelling than the one Django writes down is never stored
    # (a purge could not name it).
    other_spelling = f"{front}/en/%73earch/?q=ferry"
    assert get(other_spelling)[0] == 200
    assert get(other_spelling)[1]["X-Cache-Status"] == "BYPASS"
