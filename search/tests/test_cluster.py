"""Search on a cluster of two Elasticsearch nodes, with one replica of every shard.

``make test`` starts the cluster (``scripts/elasticsearch.sh cluster-start``) and sets
ELASTICSEARCH_CLUSTER_TEST_URLS to its nodes' URLs; without it these tests are skipped
locally and fail on CI (``elasticsearch_cluster_urls`` in conftest.py). The engine
contract runs here unchanged, through a client that knows both nodes; then one node is
stopped (the elected master, or the other one), and the public search must keep
answering from the other, from Elasticsearch, not degraded to the database. Those tests
run last in the module and start the node again (and wait for green) before they end,
so the cluster is whole for whatever follows.
"""

import os
import subprocess
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from archive.factories import ArtifactPageFactory
from search.backends.elasticsearch import ElasticsearchEngine, get_client
from search.sync import rebuild_database, stored_documents
from search.tests import test_engine_contract as contract
from search.tests.test_engine_contract import corpus  # noqa: F401 (the contract's fixture, used here too)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch.sh"
NODE_PREFIX = "heritage-node"  # the script names node K "heritage-nodeK", its URL the K-th


def wait_for_green(client, *, nodes: int = 2, index: str | None = None) -> dict:
    """Elasticsearch's own bounded wait (``wait_for_status``), not a sleep: it answers as
    soon as every shard copy is assigned on ``nodes`` nodes, or after 60 s with
    ``timed_out``."""
    health = client.options(request_timeout=90).cluster.health(
        index=index, wait_for_status="green", wait_for_nodes=str(nodes), timeout="60s"
    )
    assert not health["timed_out"], f"the cluster did not become green with {nodes} nodes: {health}"
    return health


def replicated(es_index) -> None:
    """Wait until every shard of the test index has its replica on the other node."""
    health = wait_for_green(es_index.client, index=es_index.alias)
    assert health["active_shards"] == 2 * health["active_primary_shards"]  # one primary and one replica


@pytest.fixture
def indexed(es_cluster_index):
    """The contract's ``indexed``, for the cluster only (the database engine is tested in
    test_engine_contract.py): index what the test built, with its replica in place."""

    def index():
        rebuild_database()
        es_cluster_index.rebuild(stored_documents())
        replicated(es_cluster_index)
        return ElasticsearchEngine(client=es_cluster_index.client, alias=es_cluster_index.alias)

    return index


class TestEngineContractOnACluster(contract.TestEngineContract):
    """Every contract test, through a client over both nodes (requests go round-robin)."""


def node(action: str, number: int) -> None:
    """``scripts/elasticsearch.sh node-stop|node-start K``: a real node process goes away."""
    result = subprocess.run(["bash", str(SCRIPT), action, str(number)], env=os.environ, capture_output=True, text=True)
    assert result.returncode == 0, f"{action} {number} failed:\n{result.stderr}"


@pytest.mark.django_db
def test_status_shows_the_cluster_health_nodes_and_replicas(es_cluster_index, settings, tree):
    settings.HERITAGE_SEARCH_INDEX = es_cluster_index.alias
    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)
    replicated(es_cluster_index)
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    output = out.getvalue()
    assert "Elasticsearch cluster heritage-commons-test-cluster: green, 2 nodes\n" in output
    assert "shards 1, replicas 1" in output


@pytest.mark.django_db
@pytest.mark.parametrize("stopping", ["the node that is not master", "the elected master"])
def test_search_answers_from_the_surviving_node_while_one_node_is_down(
    client, tree, es_cluster_index, settings, stopping
):
    settings.HERITAGE_SEARCH_INDEX = es_cluster_index.alias
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax")
    rebuild_database()
    es_cluster_index.rebuild(stored_documents())
    replicated(es_cluster_index)
    urls = settings.ELASTICSEARCH_URL.split(",")
    assert len(urls) == 2

    # Both nodes hold a copy of the index: the one stopped takes its copy with it.
    master = int(es_cluster_index.client.cat.master(format="json")[0]["node"].removeprefix(NODE_PREFIX))
    stopped = master if stopping == "the elected master" else 3 - master
    survivor = get_client(urls[2 - stopped])
    node("node-stop", stopped)
    try:
        # The site's client sends requests round-robin: within two searches one goes to
        # the stopped node, and must be retried on the other, not degraded.
        for _ in range(2 * len(urls)):
            payload = client.get("/api/search/", {"q": "oud"}).json()
            assert payload["engine"] == "elasticsearch" and payload["degraded"] is False
            assert [result["title"] for result in payload["results"]] == ["Oud of Sfax"]
        if stopped == master:
            # With two nodes only the elected master votes (Elasticsearch keeps the voting
            # configuration odd), so the survivor cannot elect itself: searches go on from
            # its copy, changes to the cluster wait for the master (a production cluster has
            # three master-eligible nodes to survive losing any one).
            answer = survivor.options(ignore_status=503).cluster.health(master_timeout="1s")
            assert answer.meta.status == 503 and answer["error"]["type"] == "master_not_discovered_exception"
        else:
            health = survivor.cluster.health(index=es_cluster_index.alias)
            assert health["number_of_nodes"] == 1
            assert health["status"] == "yellow"  # the primary on the survivor; the replica has nowhere to go
    finally:
        node("node-start", stopped)

    wait_for_green(es_cluster_index.client, nodes=2)
    payload = client.get("/api/search/", {"q": "oud"}).json()
    assert payload["engine"] == "elasticsearch" and payload["degraded"] is False and payload["total"] == 1
