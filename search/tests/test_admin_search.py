"""Wagtail's own admin search (``/admin/pages/search/``) works on either backend.

On Elasticsearch nothing but ``manage.py search_index rebuild`` creates Wagtail's
indexes with Wagtail's mapping: without it the first publish creates
``<prefix>wagtailcore_page`` with a dynamic mapping and the admin search fails
(``KeyError: 'fields'``).
"""

from __future__ import annotations

import uuid
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from heritage import outbox
from heritage.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(username="editor", email="e@example.org", password="pw")
    client.force_login(user)
    return client


def admin_search(client, word: str) -> str:
    response = client.get("/admin/pages/search/", {"q": word})
    assert response.status_code == 200
    return response.content.decode()


def test_admin_page_search_on_the_database(editor, tree):
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Lunch box of a docker")
    assert "Lunch box of a docker" in admin_search(editor, "lunch")
    assert "Lunch box of a docker" not in admin_search(editor, "teapot")


@pytest.fixture
def wagtail_on_elasticsearch(es_index, settings):
    """Wagtail's default backend on the test node, named as the site names it (the
    project's alias, then ``-wagtail-``), and every index under that prefix deleted
    afterwards (``es_index`` removes the project's own)."""
    prefix = f"{es_index.alias}-wagtail-{uuid.uuid4().hex[:6]}-"
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [settings.ELASTICSEARCH_URL],
            "INDEX_PREFIX": prefix,
            # Wagtail's own analysis (ngram, edge_ngram, asciifolding: on the test node
            # from search/es-plugin), one shard, no replica.
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_shards": 1, "number_of_replicas": 0}}},
        },
    }
    yield prefix
    client = es_index.client
    names = list(client.indices.get(index=f"{prefix}*", allow_no_indices=True, ignore_unavailable=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def mapping(backend, index: str) -> dict:
    """The fields of ``index`` (or of the index the alias ``index`` names)."""
    return next(iter(backend.es.indices.get_mapping(index=index).values()))["mappings"]["properties"]


def test_search_index_rebuild_builds_wagtails_index_for_the_admin_search(editor, tree, wagtail_on_elasticsearch):
    prefix = wagtail_on_elasticsearch
    # Saved with Elasticsearch already configured, as on a new deployment: the outbox's
    # writer does not write into an index nobody created (Elasticsearch would guess a
    # mapping the admin search cannot read); the change waits, with the reason.
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Lunch box of a docker")
    backend = get_search_backend()
    page_index = f"{prefix}wagtailcore_page"
    report = outbox.drain(["wagtail-search"])["wagtail-search"]
    assert "run `manage.py search_index rebuild`" in report.error
    assert not backend.es.indices.exists(index=page_index)

    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)

    assert "Lunch box of a docker" in admin_search(editor, "lunch")
    assert "Lunch box of a docker" not in admin_search(editor, "teapot")
    # Wagtail's mapping, not one Elasticsearch guessed from the first document: the
    # stored "pk" is what every search reads back (without it, KeyError: 'fields').
    properties = mapping(backend, page_index)
    assert properties["pk"] == {"type": "keyword", "store": True}
    assert properties["_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert f"Wagtail admin search: {page_index}: {Page.objects.count()} documents" in out.getvalue().splitlines()


def test_the_api_searches_images_on_wagtails_elasticsearch_index(client, tree, wagtail_on_elasticsearch):
    """/api/v2/images/?search= reads the same backend: on Elasticsearch too it lists
    only the images an open page uses (exchange.api.filters.SearchUsedByOpenPages)."""
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    for title in ("Harbour crane", "Harbour bell"):
        ArtifactImageFactory(page=page, image=ImageFactory(title=title))
    ImageFactory(title="Harbour crane, unused")
    call_command("search_index", "rebuild", stdout=StringIO())

    def titles(**params) -> list[str]:
        response = client.get("/api/v2/images/", params)
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["items"]]

    assert titles(search="crane") == ["Harbour crane"]
    assert titles(search="harbour", order="title") == ["Harbour bell", "Harbour crane"]
