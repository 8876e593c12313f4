"""Elasticsearch goes down mid-suite: the real node is stopped, then started again.

While it is down the public search answers from the database with a notice, editors
publish as usual (the change waits in the queue), and once the node is back
``search_index update`` heals the index. Runs last in its module so the other tests
keep their node; the node comes back on the same port before the test ends.
"""

import os
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

from django.core.management import call_command

import pytest

from archive.factories import ArtifactPageFactory
from heritage import outbox
from heritage.models import OutboxCursor
from search.sync import rebuild_database, stored_documents

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch.sh"


def node(action: str, port: int) -> None:
    subprocess.run(
        ["bash", str(SCRIPT), action], check=True, env={**os.environ, "ES_PORT": str(port)}, capture_output=True
    )


@pytest.mark.django_db
def test_search_survives_the_node_going_down(client, tree, es_index, settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = es_index.client.transport.node_pool.get().base_url
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    settings.HERITAGE_SEARCH_TIMEOUT = 2
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax")
    rebuild_database()
    es_index.rebuild(stored_documents())
    assert client.get("/api/search/", {"q": "oud"}).json()["engine"] == "elasticsearch"

    port = urlparse(settings.ELASTICSEARCH_URL).port
    node("stop", port)
    try:
        payload = client.get("/api/search/", {"q": "oud"}).json()
        assert payload["degraded"] is True and payload["engine"] == "database"
        assert [result["title"] for result in payload["results"]] == ["Oud of Sfax"]
        html = client.get("/en/search/", {"q": "oud"}).content.decode()
        assert "reduced service" in html

        # An editor publishes while the node is down: it works, and the change waits.
        lute = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Lute", live=False)
        with django_capture_on_commit_callbacks(execute=True):
            lute.save_revision().publish()
        assert lute.pk in outbox.owed_pages("elasticsearch")
        assert OutboxCursor.objects.get(writer="elasticsearch").attempts > 0
        assert client.get("/api/search/", {"q": "lute"}).json()["total"] == 1  # from the database
    finally:
        node("start", port)

    out = StringIO()
    call_command("search_index", "update", stdout=out)
    assert "written 1" in out.getvalue()
    assert not outbox.owed_pages("elasticsearch")
    payload = client.get("/api/search/", {"q": "lute"}).json()
    assert payload["engine"] == "elasticsearch" and payload["degraded"] is False and payload["total"] == 1
