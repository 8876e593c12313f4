import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchIndex, get_client


def required(variable: str, message: str) -> str:
    """The value of ``variable``; unset, skip (locally) or fail (on CI, or with
    REQUIRE_ELASTICSEARCH=1), so a CI run can never pass without the engine it tests."""
    value = os.environ.get(variable, "")
    if not value:
        if os.environ.get("CI") or os.environ.get("REQUIRE_ELASTICSEARCH"):
            pytest.fail(message)
        pytest.skip(message)
    return value


@pytest.fixture(scope="session")
def elasticsearch_url():
    """A real Elasticsearch node, started by ``make test`` (scripts/elasticsearch.sh)."""
    return required(
        "ELASTICSEARCH_TEST_URL",
        "No Elasticsearch node: run `scripts/elasticsearch.sh start` and set ELASTICSEARCH_TEST_URL",
    )


@pytest.fixture(scope="session")
def elasticsearch_cluster_urls():
    """A real cluster of two Elasticsearch nodes on loopback, comma-separated URLs, started
    by ``make test`` (``scripts/elasticsearch.sh cluster-start``)."""
    return required(
        "ELASTICSEARCH_CLUSTER_TEST_URLS",
        "No Elasticsearch cluster: run `scripts/elasticsearch.sh cluster-start` and set "
        "ELASTICSEARCH_CLUSTER_TEST_URLS",
    )


def temporary_index(urls: str, settings):
    """A uniquely named index on the nodes ``urls``, deleted afterwards; the site's
    ``ELASTICSEARCH_URL`` points at the same nodes meanwhile."""
    settings.ELASTICSEARCH_URL = urls
    index = ElasticsearchIndex(client=get_client(urls), alias=f"heritage-test-{uuid.uuid4().hex[:8]}")
    yield index
    index.delete_all()


@pytest.fixture
def es_index(elasticsearch_url, settings):
    yield from temporary_index(elasticsearch_url, settings)


@pytest.fixture
def es_cluster_index(elasticsearch_cluster_urls, settings):
    """An index on the two-node cluster with one replica of every shard."""
    settings.HERITAGE_SEARCH_REPLICAS = 1
    yield from temporary_index(elasticsearch_cluster_urls, settings)
