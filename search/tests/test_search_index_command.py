from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from archive.factories import ArtifactPageFactory
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_rebuild_update_verify_status(es_index, settings, tree):
    settings.ELASTICSEARCH_URL = es_index.client.transport.node_pool.get().base_url
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    assert "(no index yet): 0 documents" in run("status")
    output = run("rebuild")
    assert "database index: 3 documents" in output
    assert output.strip().endswith(": 3 documents")
    assert f"{es_index.alias} → {es_index.alias}-" in run("status")
    assert "checked 3 public pages: 0 differences" in run("verify")
    assert "written 0, removed 0, failed 0" in run("update")


def test_verify_reports_then_fixes(settings, tree):
    settings.ELASTICSEARCH_URL = ""
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    with pytest.raises(CommandError, match="3 differences: run `manage.py search_index verify --fix`") as raised:
        run("verify")
    assert raised.value.returncode == 1
    output = run("verify", "--fix")
    assert "database missing: 3" in output and output.strip().endswith("fixed")
    assert SearchDocument.objects.count() == 3
    assert "0 differences" in run("verify")


def test_without_elasticsearch_the_database_index_is_the_only_one(settings, tree):
    settings.ELASTICSEARCH_URL = ""
    assert "Elasticsearch: not configured" in run("status")
    assert "database index: 2 documents" in run("rebuild")


def test_an_unreachable_node_gets_a_clear_message(settings, tree):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="Cannot reach Elasticsearch at http://127.0.0.1:9"):
        run("status")
