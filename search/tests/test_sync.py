"""Publish, unpublish, move, delete and privacy reach both indexes at once."""

from django.http import QueryDict

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from heritage import outbox
from search.backends.database import DatabaseEngine
from search.backends.elasticsearch import ElasticsearchEngine
from search.models import SearchDocument
from search.query import SearchQuery
from search.sync import verify

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings, django_capture_on_commit_callbacks):
    """The engine under test, with page changes synced as they are on the site."""
    if request.param == "database":
        return DatabaseEngine()
    es_index = request.getfixturevalue("es_index")
    settings.HERITAGE_SEARCH_INDEX = es_index.alias
    es_index.rebuild([])  # the alias exists before the first change arrives
    return ElasticsearchEngine(client=es_index.client, alias=es_index.alias)


def titles(engine, querystring: str) -> list[str]:
    query = SearchQuery.from_params(QueryDict(querystring), default_language="en")
    return [hit.title for hit in engine.search(query).hits]


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()


def test_publish_then_unpublish(tree, engine, django_capture_on_commit_callbacks):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud of Sfax", live=False)
    assert titles(engine, "q=oud") == []
    publish(oud, django_capture_on_commit_callbacks)
    assert titles(engine, "q=oud") == ["Oud of Sfax"]
    with django_capture_on_commit_callbacks(execute=True):
        oud.unpublish()
    assert titles(engine, "q=oud") == []
    assert not outbox.owed_pages("elasticsearch")


def test_a_draft_edit_changes_nothing_until_published(tree, engine, django_capture_on_commit_callbacks):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    oud.title = "Secret working title"
    oud.save_revision()
    assert titles(engine, "q=secret") == []
    assert titles(engine, "q=oud") == ["Oud"]


def test_privacy_hides_and_reveals_a_subtree(tree, engine, django_capture_on_commit_callbacks):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=tree.collection, restriction_type=PageViewRestriction.PASSWORD, password="elders"
        )
    assert titles(engine, "q=oud") == []
    assert titles(engine, "q=letters") == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(engine, "q=oud") == ["Oud"]


def test_unpublishing_a_collection_closes_its_artifacts_and_publishing_it_reopens_them(
    tree, engine, django_capture_on_commit_callbacks
):
    """The one visibility rule: a page under an unpublished ancestor is closed in search
    as on the sitemap, the API, IIIF and OAI-PMH."""
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    assert titles(engine, "q=oud") == ["Oud"]
    with django_capture_on_commit_callbacks(execute=True):
        tree.collection.unpublish()
    assert titles(engine, "q=oud") == []
    assert not SearchDocument.objects.filter(page_id=oud.pk).exists()
    publish(tree.collection, django_capture_on_commit_callbacks)
    assert titles(engine, "q=oud") == ["Oud"]


def test_a_rebuild_leaves_out_pages_under_an_unpublished_ancestor(tree):
    from search.sync import rebuild_database

    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud")
    type(tree.collection).objects.filter(pk=tree.collection.pk).update(live=False)  # as a restore or a script leaves it
    rebuild_database()
    assert not SearchDocument.objects.filter(page_id=oud.pk).exists()


def test_moving_a_collection_moves_its_urls(tree, engine, django_capture_on_commit_callbacks):
    other = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Music", slug="music")
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", slug="oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        oud.move(other, pos="last-child")
    query = SearchQuery.from_params(QueryDict("q=oud"), default_language="en")
    assert engine.search(query).hits[0].url == "/en/collections/music/oud/"


def test_deleting_removes_at_once(tree, engine, django_capture_on_commit_callbacks):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        tree.collection.delete()
    assert titles(engine, "q=oud") == []
    assert not SearchDocument.objects.filter(page_id=oud.pk).exists()


def test_verify_finds_and_fixes_what_drifted(tree, engine, django_capture_on_commit_callbacks):
    oud = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud", live=False)
    publish(oud, django_capture_on_commit_callbacks)
    # Pages made without publishing (an import, a raw save) are not indexed yet.
    ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Lute")
    SearchDocument.objects.filter(page_id=oud.pk).update(digest="0" * 40)
    report = verify()
    kinds = {(d.where, d.kind) for d in report.differences}
    assert ("database", "missing") in kinds and ("database", "stale") in kinds
    with django_capture_on_commit_callbacks(execute=True):
        verify(fix=True)
    assert verify().differences == []
    assert titles(engine, "q=lute") == ["Lute"]
