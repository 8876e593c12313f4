import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchIndex, get_client


@pytest.fixture(scope="session")
def elasticsearch_url():
    """A real Elasticsearch node, started by ``make test`` (scripts/elasticsearch.sh).

    Locally a missing node skips these tests with the reason shown; on CI (or with
    REQUIRE_ELASTICSEARCH=1) it fails the run.
    """
    url = os.environ.get("ELASTICSEARCH_TEST_URL", "")
    if not url:
        message = "No Elasticsearch node: run `scripts/elasticsearch.sh start` and set ELASTICSEARCH_TEST_URL"
        if os.environ.get("CI") or os.environ.get("REQUIRE_ELASTICSEARCH"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def es_index(elasticsearch_url, settings):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    index = ElasticsearchIndex(client=get_client(elasticsearch_url), alias=f"heritage-test-{uuid.uuid4().hex[:8]}")
    yield index
    index.delete_all()
