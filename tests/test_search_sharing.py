"""Search answers held briefly by the front cache, and purged with every change
(``heritage.caching.share_briefly``; the real nginx is in ``tests/test_nginx_front.py``).

A search's URL is whatever the visitor typed, so a change cannot name the answers it
makes stale: each answer shared is written down in Redis instead, and every purge sends
them all. These tests need Redis (``make test`` starts it: REDIS_TEST_URL).
"""

from __future__ import annotations

import time
import uuid

import pytest

from archive.factories import ArtifactPageFactory
from heritage import caching
from heritage.cache_purge import purge_briefly_shared
from search.engine import FallbackEngine
from search.sync import rebuild_database
from tests.test_frontend_purge import BASE, RecordingBackend, purged
from tests.test_frontend_purge import front_cache as front_cache  # noqa: F401 (fixture)
from tests.test_shared_cache import redis_url as redis_url  # noqa: F401 (fixture)

SEARCH = "/en/search/?q=ferry"
API = "/api/search/?q=ferry&lang=fr"


@pytest.fixture
def registry(settings, redis_url, monkeypatch):  # noqa: F811
    """Redis as the registry, under a key of this test's own (tests run in parallel)."""
    settings.REDIS_URL = redis_url
    settings.HERITAGE_SEARCH_SHARED_CACHE_SECONDS = 10
    monkeypatch.setattr(caching, "BRIEFLY_SHARED_KEY", f"test:briefly-shared:{uuid.uuid4().hex}")
    registry = caching.briefly_shared_registry()
    yield registry
    registry.delete(caching.BRIEFLY_SHARED_KEY)


@pytest.fixture
def ticket(tree):
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Ferry ticket")
    rebuild_database()
    return page


def directives(response) -> dict[str, str]:
    parts = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    return dict((part.split("=", 1) + [""])[:2] for part in parts)


def assert_shared_briefly(response):
    assert response.status_code == 200
    cache_control = directives(response)
    assert "public" in cache_control, response.get("Cache-Control")
    assert cache_control["s-maxage"] == "10" and cache_control["max-age"] == "0"
    assert "Cookie" in response["Vary"]


def assert_not_shared(response):
    assert "public" not in directives(response), response.get("Cache-Control")
    assert "s-maxage" not in directives(response)


@pytest.mark.django_db
class TestSharing:
    @pytest.mark.parametrize("url", [SEARCH, API])
    def test_an_anonymous_answer_is_shared_briefly_and_written_down(self, client, ticket, registry, url):
        response = client.get(url)
        assert_shared_briefly(response)
        assert "Ferry ticket" in response.content.decode()
        assert caching.briefly_shared_paths() == [url]

    def test_each_answer_is_forgotten_once_every_copy_has_expired(self, client, ticket, registry, monkeypatch):
        client.get(SEARCH)
        now = time.time()
        monkeypatch.setattr(caching.time, "time", lambda: now + 39)  # 10 s, then at most 15 s refreshing, + room
        assert caching.briefly_shared_paths() == [SEARCH]
        monkeypatch.setattr(caching.time, "time", lambda: now + 41)
        assert caching.briefly_shared_paths() == []

    def test_a_logged_in_visitors_answer_is_not_shared(self, client, ticket, registry, django_user_model):
        client.force_login(django_user_model.objects.create_user("reader", password="x"))  # noqa: S106
        assert_not_shared(client.get(SEARCH))
        assert caching.briefly_shared_paths() == []

    def test_an_answer_from_the_database_while_the_engine_is_away_is_not_shared(
        self, client, ticket, registry, monkeypatch
    ):
        class Down:
            name = "elasticsearch"

            def search(self, query):
                from elasticsearch import ConnectionError as Unreachable

                raise Unreachable("connection refused")

        from search import backends, views

        monkeypatch.setattr(views, "get_engine", lambda: FallbackEngine(Down(), backends.database.DatabaseEngine()))
        response = client.get(SEARCH)
        assert response.status_code == 200 and "Ferry ticket" in response.content.decode()
        assert_not_shared(response)
        assert caching.briefly_shared_paths() == []

    def test_a_refused_query_is_not_shared(self, client, registry):
        response = client.get("/api/search/?q=ferry&lang=xx")
        assert response.status_code == 400
        assert_not_shared(response)

    def test_a_request_line_a_purge_could_not_name_is_not_shared(self, client, ticket, registry):
        """Raw UTF-8 in the query: Django would write it percent-encoded, the front cache
        keys on it as sent; the two would differ and a purge would miss the copy."""
        response = client.get("/en/search/", QUERY_STRING="q=f\u00e9rry".encode().decode("latin-1"))
        assert response.status_code == 200
        assert_not_shared(response)
        assert caching.briefly_shared_paths() == []

    def test_nothing_is_shared_without_redis(self, client, ticket, settings, registry):
        settings.REDIS_URL = ""
        assert_not_shared(client.get(SEARCH))

    def test_nothing_is_shared_without_a_front_cache_to_purge(self, client, ticket, settings, registry):
        del settings.WAGTAILFRONTENDCACHE
        assert_not_shared(client.get(SEARCH))

    def test_nothing_is_shared_when_set_to_zero_seconds(self, client, ticket, settings, registry):
        settings.HERITAGE_SEARCH_SHARED_CACHE_SECONDS = 0
        assert_not_shared(client.get(SEARCH))


@pytest.mark.django_db
class TestPurging:
    def test_every_change_purges_the_shared_answers_with_the_pages(self, client, ticket, registry, commit):
        client.get(SEARCH)
        client.get(API)
        RecordingBackend.purged = []
        ticket.save_revision().publish()
        commit()
        assert {f"{BASE}{SEARCH}", f"{BASE}{API}"} <= purged()
        assert f"{BASE}/en/collections/letters/" in purged()  # and the pages, as before

    def test_the_search_engine_taking_a_change_purges_them_again(self, client, ticket, registry, monkeypatch):
        """Elasticsearch takes a change after the commit (on the worker): an answer the
        old index gave in between may be in the front cache, so the sync purges too."""
        from heritage import outbox
        from search import sync
        from search.outbox import ElasticsearchWriter

        client.get(SEARCH)
        outbox.record([ticket.pk])
        RecordingBackend.purged = []
        taken = lambda ids, use_breaker=True: {"written": len(ids), "removed": 0}  # noqa: E731
        monkeypatch.setattr(sync, "write_elasticsearch", taken)
        assert outbox.drain_writer(ElasticsearchWriter()).counts["written"] == 1
        assert purged() == {f"{BASE}{SEARCH}"}

        RecordingBackend.purged = []
        outbox.record([ticket.pk], editors_only=True)  # a draft saved: nothing for Elasticsearch
        assert outbox.drain_writer(ElasticsearchWriter()).rows == 1
        assert purged() == set()

    def test_without_redis_to_ask_the_purge_is_retried(self, client, ticket, registry, settings):
        client.get(SEARCH)
        settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
        import redis

        with pytest.raises(redis.RedisError):
            purge_briefly_shared()
