from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from archive.factories import ArtifactPageFactory


def run(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_rebuild_then_status(es_index, settings, tree):
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    assert "(no index yet): 0 documents" in run("status")
    assert run("rebuild").strip().endswith(": 3 documents")
    assert run("status").startswith(f"{es_index.alias} → {es_index.alias}-")


@pytest.mark.django_db
def test_without_elasticsearch_configured_the_command_says_so(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        run("status")


@pytest.mark.django_db
def test_an_unreachable_node_gets_a_clear_message(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="Cannot reach Elasticsearch at http://127.0.0.1:9"):
        run("status")
