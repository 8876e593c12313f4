"""The search breaker: a node that keeps failing is left alone for a cool-down.

Calls are counted, never timed (the machine may be loaded): a fake primary engine that
raises what the client raises, and a TCP server that accepts connections and never
answers (a hung node) whose accepted connections are counted. Time moves through the
breaker's own ``clock``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import uuid

from django.http import QueryDict

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, ConnectionError, ConnectionTimeout, NotFoundError

from archive.factories import ArtifactPageFactory
from heritage import outbox
from search import breaker
from search.backends.database import DatabaseEngine
from search.engine import FallbackEngine
from search.query import SearchQuery, SearchResults
from search.sync import queue, rebuild_database, sync_elasticsearch

pytestmark = pytest.mark.django_db

FAILURES = 3
COOL_DOWN = 30


def api_error(status: int, cls=ApiError) -> ApiError:
    meta = ApiResponseMeta(
        status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=NodeConfig("http", "es", 9200)
    )
    return cls(f"status {status}", meta=meta, body={})


class FakePrimary:
    """Stands for ``ElasticsearchEngine``: raises ``error`` (when set) and counts calls."""

    name = "elasticsearch"

    def __init__(self, error: BaseException | None = None, *, during_call=None):
        self.error = error
        self.calls = 0
        self.during_call = during_call

    def search(self, query):
        self.calls += 1
        if self.during_call:
            self.during_call()
        if self.error is not None:
            raise self.error
        return SearchResults(total=0, hits=[], facets={}, engine="elasticsearch")

    def suggest(self, typed, language, *, limit=8):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return [{"title": "from elasticsearch", "url": "/", "type": "artifact"}]


class FakeFallback:
    """Stands for the database engine where no database is at hand (other threads)."""

    name = "database"

    def search(self, query):
        return SearchResults(total=0, hits=[], facets={}, engine="database")


class Clock:
    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    moved = Clock()
    monkeypatch.setattr(breaker, "clock", moved)
    return moved


@pytest.fixture
def configured(settings):
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    settings.HERITAGE_SEARCH_BREAKER_FAILURES = FAILURES
    settings.HERITAGE_SEARCH_BREAKER_SECONDS = COOL_DOWN
    settings.HERITAGE_SEARCH_BREAKER_WINDOW = 60
    return settings


@pytest.fixture
def archive(tree):
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax")
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Letter from Tunis")
    rebuild_database()
    return tree


def query(text: str = "oud") -> SearchQuery:
    return SearchQuery.from_params(QueryDict(f"q={text}"), default_language="en")


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_after_n_failures_the_node_is_not_called_until_the_cool_down(archive, configured, clock):
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = FallbackEngine(primary, DatabaseEngine())
    for _ in range(FAILURES):
        results = engine.search(query())
        assert results.degraded and titles(results) == ["Oud of Sfax"]
    assert primary.calls == FAILURES
    assert breaker.status()["state"] == "open"

    clock.advance(COOL_DOWN - 1)
    for _ in range(10):
        results = engine.search(query())
        assert results.degraded and results.engine == "database" and titles(results) == ["Oud of Sfax"]
    assert primary.calls == FAILURES  # not one call while open


def failed_until_the_probe(primary, clock) -> FallbackEngine:
    """An engine on ``primary`` that failed enough to open the breaker, then waited out
    the cool-down: the next search is the probe."""
    engine = FallbackEngine(primary, DatabaseEngine())
    for _ in range(FAILURES):
        engine.search(query())
    clock.advance(COOL_DOWN + 1)
    return engine


def test_after_the_cool_down_one_probe_goes_through_and_its_success_closes(archive, configured, clock):
    primary = FakePrimary(ConnectionError("connection refused"))
    engine = failed_until_the_probe(primary, clock)
    assert breaker.status()["state"] == "half-open"

    # While the probe is out, every other caller (another thread or process) still
    # answers from the database without calling the node.
    other = FakePrimary()
    answers_meanwhile = []
    primary.error = None
    primary.during_call = lambda: answers_meanwhile.append(FallbackEngine(other, DatabaseEngine()).search(query()))
    results = engine.search(query())
    assert not results.degraded and results.engine == "elasticsearch"
    assert primary.calls == FAILURES + 1
    assert other.calls == 0 and answers_meanwhile[0].degraded

    primary.during_call = None
    assert breaker.status()["state"] == "closed"
    for _ in range(5):
        assert not engine.search(query()).degraded
    assert primary.calls == FAILURES + 6


def test_a_failed_probe_opens_it_again(archive, configured, clock):
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = failed_until_the_probe(primary, clock)
    assert engine.search(query()).degraded  # the probe, failing
    assert primary.calls == FAILURES + 1
    assert breaker.status()["state"] == "open"
    clock.advance(COOL_DOWN - 1)
    for _ in range(5):
        assert engine.search(query()).degraded
    assert primary.calls == FAILURES + 1
    clock.advance(2)
    primary.error = None
    assert not engine.search(query()).degraded
    assert primary.calls == FAILURES + 2
    assert breaker.status()["state"] == "closed"


def test_two_processes_share_the_breaker_through_the_cache(archive, configured, clock):
    """Two engines stand for two web processes: they share nothing but Django's cache."""
    first, second = FakePrimary(ConnectionTimeout("timed out")), FakePrimary(ConnectionTimeout("timed out"))
    first_engine, second_engine = FallbackEngine(first, DatabaseEngine()), FallbackEngine(second, DatabaseEngine())
    first_engine.search(query())
    second_engine.search(query())
    first_engine.search(query())  # the third failure, counted across both
    assert (first.calls, second.calls) == (2, 1)
    for _ in range(5):
        assert second_engine.search(query()).degraded
        assert first_engine.suggest("ou", "en") != []  # suggestions share the breaker
    assert (first.calls, second.calls) == (2, 1)

    clock.advance(COOL_DOWN + 1)
    first.error = second.error = None
    assert not second_engine.search(query()).degraded  # the probe closes it for both
    assert breaker.status()["state"] == "closed"
    assert not first_engine.search(query()).degraded
    assert (first.calls, second.calls) == (3, 2)


def test_threads_of_a_process_share_the_breaker(configured, clock):
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = FallbackEngine(primary, FakeFallback())
    for _ in range(FAILURES):
        engine.search(query())
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(engine.search(query()))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8 and all(answer.degraded for answer in answers)
    assert primary.calls == FAILURES


def test_suggestions_use_the_same_breaker(archive, configured, clock):
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = FallbackEngine(primary, DatabaseEngine())
    for _ in range(FAILURES):
        assert [s["title"] for s in engine.suggest("ou", "en")] == ["Oud of Sfax"]
    assert primary.calls == FAILURES
    assert [s["title"] for s in engine.suggest("ou", "en")] == ["Oud of Sfax"]
    assert engine.search(query()).degraded
    assert primary.calls == FAILURES


def test_server_errors_count_and_refused_requests_do_not(archive, configured, clock):
    refused = FakePrimary(api_error(404, NotFoundError))
    engine = FallbackEngine(refused, DatabaseEngine())
    for _ in range(FAILURES * 2):
        assert engine.search(query()).degraded
    assert refused.calls == FAILURES * 2 and breaker.status()["state"] == "closed"

    overloaded = FakePrimary(api_error(503))
    engine = FallbackEngine(overloaded, DatabaseEngine())
    for _ in range(FAILURES + 2):
        engine.search(query())
    assert overloaded.calls == FAILURES and breaker.status()["state"] == "open"


def test_only_failures_in_a_row_and_within_the_window_open_it(archive, configured, clock):
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = FallbackEngine(primary, DatabaseEngine())
    engine.search(query())
    engine.search(query())
    primary.error = None
    engine.search(query())  # a success ends the run
    primary.error = ConnectionTimeout("timed out")
    engine.search(query())
    engine.search(query())
    assert breaker.status() == {"state": "closed", "failures": 2, "threshold": FAILURES}
    clock.advance(2 * 60 + 1)  # older than the window: forgotten
    engine.search(query())
    assert breaker.status()["state"] == "closed"
    engine.search(query())
    engine.search(query())
    assert breaker.status()["state"] == "open"


def test_a_huge_threshold_turns_it_off(archive, configured, clock):
    configured.HERITAGE_SEARCH_BREAKER_FAILURES = 10**9
    primary = FakePrimary(ConnectionTimeout("timed out"))
    engine = FallbackEngine(primary, DatabaseEngine())
    for _ in range(20):
        assert engine.search(query()).degraded
    assert primary.calls == 20


def open_the_breaker(engine_error=None) -> None:
    engine = FallbackEngine(FakePrimary(engine_error or ConnectionTimeout("timed out")), DatabaseEngine())
    for _ in range(FAILURES):
        engine.search(query("nothing"))


@pytest.fixture
def writes(monkeypatch):
    """Every bulk write the sync sends to Elasticsearch, accepted."""
    from search.backends.elasticsearch import ElasticsearchIndex

    sent = []

    def apply(self, documents, removals):
        sent.append(([d["id"] for d in documents], list(removals)))
        return len(documents), len(removals)

    monkeypatch.setattr(ElasticsearchIndex, "apply", apply)
    return sent


def test_the_sync_leaves_pages_pending_without_calling_the_node_while_open(
    archive, configured, clock, writes, django_capture_on_commit_callbacks
):
    open_the_breaker()
    lute = ArtifactPageFactory(parent=archive.collection, institution=archive.institution, title="Lute", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        lute.save_revision().publish()  # the sync task runs inline (the immediate backend)
    assert writes == []
    assert lute.pk in outbox.owed_pages("elasticsearch")  # owed; no attempt was made

    report = sync_elasticsearch(attempts=3)
    assert writes == [] and report.failed == 1 and report.written == 0
    assert "breaker" in report.error
    assert lute.pk in outbox.owed_pages("elasticsearch")

    clock.advance(COOL_DOWN + 1)
    report = sync_elasticsearch(attempts=1)  # the probe: the node takes it
    assert writes == [([lute.pk], [])] and report.written == 1 and report.failed == 0
    assert not outbox.owed_pages("elasticsearch")
    assert breaker.status()["state"] == "closed"


def test_a_sync_probe_that_fails_opens_it_again_and_leaves_the_rest(archive, configured, clock, monkeypatch):
    from search.backends.elasticsearch import ElasticsearchIndex

    calls = []

    def hung(self, documents, removals):
        calls.append(len(documents) + len(removals))
        raise ConnectionTimeout("timed out")

    monkeypatch.setattr(ElasticsearchIndex, "apply", hung)
    open_the_breaker()
    queue([archive.collection.pk, archive.home.pk, archive.city.pk])
    clock.advance(COOL_DOWN + 1)
    report = sync_elasticsearch(attempts=3, backoff=0, chunk_size=1)
    assert calls == [1]  # one probe, no retry, no further chunk
    assert report.failed == 3 and len(outbox.owed_pages("elasticsearch")) == 3
    assert breaker.status()["state"] == "open"


def test_an_operators_update_calls_the_node_and_closes_the_breaker(archive, configured, clock, writes):
    open_the_breaker()
    queue([archive.collection.pk])
    report = sync_elasticsearch(use_breaker=False)
    assert report.written == 1 and writes
    assert breaker.status()["state"] == "closed"


def test_wagtails_own_index_waits_behind_the_open_breaker_too(archive, configured, clock, monkeypatch):
    """Wagtail's admin index lives on the same node: with the breaker open its writer
    fails at once (the page change stays owed) instead of waiting out a timeout."""
    import search.admin_index
    import search.outbox

    calls = []

    class Backend:
        def add_bulk(self, model, objects):
            calls.append(len(objects))

        def delete(self, obj):
            calls.append(obj.pk)

    monkeypatch.setattr(search.admin_index, "elasticsearch_backend", lambda *args: object())
    monkeypatch.setattr(search.outbox, "get_search_backend", lambda *args: Backend())
    monkeypatch.setattr(search.outbox.WagtailIndexWriter, "is_eager", lambda self: False)
    monkeypatch.setattr(search.outbox.WagtailIndexWriter, "index_exists", lambda self, backend: True)
    outbox.drain(["wagtail-search"])  # what the fixture's pages owed
    calls.clear()
    open_the_breaker()
    outbox.record([archive.collection.pk])
    report = outbox.drain(["wagtail-search"])["wagtail-search"]
    assert calls == [] and "breaker" in report.error
    assert archive.collection.pk in outbox.owed_pages("wagtail-search")

    clock.advance(COOL_DOWN + 1)  # the probe: the node takes it, the breaker closes
    assert not outbox.drain(["wagtail-search"])["wagtail-search"].failed
    assert calls == [1] and breaker.status()["state"] == "closed"


class HungNode:
    """A TCP server on 127.0.0.1 that takes connections and never answers.

    Connections are taken from the kernel's queue only when counted (``connections()``):
    a client's connect completes in the kernel, so every attempt is there to count
    once its request has timed out."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.listener.setblocking(False)
        self.accepted: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def connections(self) -> int:
        while True:
            try:
                connection, _address = self.listener.accept()
            except BlockingIOError:
                return len(self.accepted)
            self.accepted.append(connection)

    def close(self) -> None:
        for connection in self.accepted:
            connection.close()
        self.listener.close()


@pytest.fixture
def hung_node(settings):
    node = HungNode()
    settings.ELASTICSEARCH_URL = node.url
    settings.HERITAGE_SEARCH_TIMEOUT = 0.3
    settings.HERITAGE_SEARCH_BREAKER_FAILURES = FAILURES
    settings.HERITAGE_SEARCH_BREAKER_SECONDS = COOL_DOWN
    yield node
    node.close()


def test_a_hung_node_is_asked_n_times_then_not_at_all(client, archive, hung_node):
    for attempt in range(1, FAILURES + 1):
        payload = client.get("/api/search/", {"q": "oud"}).json()
        assert payload["degraded"] is True and payload["engine"] == "database"
        assert hung_node.connections() == attempt
    payload = client.get("/api/search/", {"q": "oud"}).json()
    assert hung_node.connections() == FAILURES  # the breaker is open: no attempt at all
    assert payload["degraded"] is True and payload["engine"] == "database"
    assert [result["title"] for result in payload["results"]] == ["Oud of Sfax"]
    html = client.get("/en/search/", {"q": "letter"}).content.decode()
    assert "reduced service" in html and "Letter from Tunis" in html
    suggestions = client.get("/api/search/suggest/", {"q": "ou"}).json()["suggestions"]
    assert [s["title"] for s in suggestions] == ["Oud of Sfax"]
    assert hung_node.connections() == FAILURES


def test_health_reports_the_open_breaker_without_asking_the_node(client, db, hung_node, clock):
    open_the_breaker()
    asked = hung_node.connections()
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    search = body["checks"]["search"]
    assert search["ok"] is False and search["engine"] == "elasticsearch"
    assert search["breaker"]["state"] == "open"
    assert search["breaker"]["probe_in_s"] == COOL_DOWN
    assert search["breaker"]["probe_at"].startswith("2027-01-15T")  # the clock's start + 30 s
    assert hung_node.connections() == asked

    clock.advance(COOL_DOWN + 1)
    search = client.get("/health/").json()["checks"]["search"]
    assert search["breaker"]["state"] == "half-open" and search["breaker"]["probing"] is False
    assert hung_node.connections() == asked


def test_health_shows_a_closed_breaker_with_a_reachable_node(client, db, settings, monkeypatch):
    from search.backends import elasticsearch as backend

    class Cluster:
        def health(self):
            return {"status": "green", "number_of_nodes": 1}

    class Client:
        cluster = Cluster()

        def options(self, **kwargs):
            return self

    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    monkeypatch.setattr(backend, "get_client", lambda **kwargs: Client())
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["checks"]["search"]["breaker"] == {"state": "closed", "failures": 0, "threshold": 3}


# Another web process: three searches through its own engine on a node that times out.
FAIL_IN_ANOTHER_PROCESS = """
import django; django.setup()
from elasticsearch import ConnectionTimeout
from search.engine import FallbackEngine
from search.query import SearchQuery, SearchResults

class Down:
    name = "elasticsearch"
    def search(self, query):
        raise ConnectionTimeout("timed out")

class Fallback:
    def search(self, query):
        return SearchResults(total=0, hits=[], facets={}, engine="database")

engine = FallbackEngine(Down(), Fallback())
print(sum(engine.search(SearchQuery(text="oud", language="en")).degraded for _ in range(3)))
"""


def test_separate_processes_share_the_breaker_through_redis(settings):
    """What production relies on: a breaker opened by one gunicorn worker is open for the
    next (``make test`` starts Redis: REDIS_TEST_URL)."""
    url = os.environ.get("REDIS_TEST_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("No Redis server: set REDIS_TEST_URL")
        pytest.skip("No Redis server: run `scripts/redis.sh start` and set REDIS_TEST_URL")
    elasticsearch_url = f"http://es-{uuid.uuid4().hex[:8]}.invalid:9200"  # a breaker of its own
    result = subprocess.run(
        [sys.executable, "-c", FAIL_IN_ANOTHER_PROCESS],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "heritage.settings.dev",
            "REDIS_URL": url,
            "ELASTICSEARCH_URL": elasticsearch_url,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split()[-1] == "3"

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "hc"}
    }
    settings.ELASTICSEARCH_URL = elasticsearch_url
    try:
        assert breaker.status()["state"] == "open"
        primary = FakePrimary()
        results = FallbackEngine(primary, FakeFallback()).search(query())
        assert results.degraded and primary.calls == 0
    finally:
        breaker.reset()
