"""After an outage the node answers with the pages as they were before it: those answers
are not trusted about any page Elasticsearch still owes a change to, and the first
search that finds the node back queues the sync that heals it (no command run)."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

import pytest

from archive.factories import ArtifactPageFactory
from heritage import outbox
from heritage.models import PageChange
from search.engine import CATCH_UP_KEY
from search.sync import rebuild_database, stored_documents


@pytest.fixture
def on_the_node(settings, es_index):
    settings.ELASTICSEARCH_URL = es_index.client.transport.node_pool.get().base_url
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    cache.delete(CATCH_UP_KEY)
    yield es_index
    cache.delete(CATCH_UP_KEY)


def es_ids(es_index) -> set[int]:
    es_index.client.indices.refresh(index=es_index.alias)
    hits = es_index.client.search(index=es_index.alias, query={"match_all": {}}, size=100)["hits"]["hits"]
    return {int(hit["_id"]) for hit in hits}


@pytest.mark.django_db
def test_a_page_unpublished_during_an_outage_is_never_answered_and_the_index_heals_itself(
    client, tree, on_the_node, django_capture_on_commit_callbacks
):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax")
    rebuild_database()
    on_the_node.rebuild(stored_documents())
    assert client.get("/api/search/", {"q": "oud"}).json()["total"] == 1

    # The node is away while an editor unpublishes: the database index changes with the
    # page, Elasticsearch is owed the change (its sync never ran: every retry failed).
    with django_capture_on_commit_callbacks(execute=False):
        oud.unpublish()
    assert oud.pk in es_ids(on_the_node) and oud.pk in outbox.owed_pages("elasticsearch")
    PageChange.objects.update(changed_at=timezone.now() - timedelta(minutes=10))
    cache.delete(CATCH_UP_KEY)  # the outage lasted longer than the catch-up window

    # The node is back, still holding the page. The answer does not show it.
    with django_capture_on_commit_callbacks(execute=True):
        payload = client.get("/api/search/", {"q": "oud"}).json()
    assert payload["total"] == 0 and payload["results"] == []
    # And that first search queued the drain (run inline by the test settings' backend).
    assert not outbox.owed_pages("elasticsearch")
    assert oud.pk not in es_ids(on_the_node)
    payload = client.get("/api/search/", {"q": "oud"}).json()
    assert (payload["engine"], payload["total"]) == ("elasticsearch", 0)


@pytest.mark.django_db
def test_a_change_just_made_is_left_to_the_worker(tree, on_the_node, django_capture_on_commit_callbacks):
    """Rows owed for seconds are the normal lag before the worker's sync: no extra sync."""
    from search.engine import catch_up

    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax")
    with django_capture_on_commit_callbacks(execute=False):
        oud.unpublish()
    assert catch_up() is False
    assert oud.pk in outbox.owed_pages("elasticsearch")
