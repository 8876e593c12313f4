"""``/health/``: one JSON answer per dependency; 503 only when pages cannot be served."""

import os
import socket

from django.core.cache import cache

import pytest


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_all_well(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "private_storage", "search", "indexes", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["search"]["engine"] == "database"
    assert "no-cache" in response["Cache-Control"]


def test_a_failing_cache_takes_the_process_out_of_rotation(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis://10.1.2.3:6379 refused")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError", "ms": body["checks"]["cache"]["ms"]}
    assert "10.1.2.3" not in response.content.decode()  # no internal address for outsiders


def test_elasticsearch_down_is_degraded_not_failing(client, db, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["ok"] is False


def test_no_worker_reporting_in_is_degraded(client, db, settings, monkeypatch):
    import heritage.worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    monkeypatch.setattr(heritage.worker, "worker_status", lambda: {"ok": False, "workers": 0})
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["worker"]["ok"] is False
    monkeypatch.setattr(heritage.worker, "worker_status", lambda: {"ok": True, "workers": 1})
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["workers"] == 1


def test_public_media_is_served_by_the_web_process_when_nothing_else_does(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.txt").write_text("hello")
    response = client.get("/media/images/a.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hello"
    assert "public" in response["Cache-Control"]
    assert client.get("/media/../heritage/settings/base.py").status_code == 404
    # Document files only through /documents/<id>/<name>, which asks the visibility rule.
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "loan.pdf").write_text("%PDF")
    assert client.get("/media/documents/loan.pdf").status_code == 404


def test_a_reachable_elasticsearch_is_reported_with_its_cluster(client, db, settings):
    url = os.environ.get("ELASTICSEARCH_TEST_URL", "")
    if not url:
        pytest.skip("No Elasticsearch node (ELASTICSEARCH_TEST_URL)")
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_URLS = [url]
    body = client.get("/health/").json()
    assert body["checks"]["search"]["ok"] is True, body
    assert body["checks"]["search"]["engine"] == "elasticsearch"
    assert body["checks"]["search"]["nodes"] >= 1
    assert body["status"] == "ok"
