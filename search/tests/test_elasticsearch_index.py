"""The Elasticsearch index on a real node: language analysis and atomic rebuilds."""

import pytest

from archive.factories import ArtifactPageFactory
from search.documents import iter_documents


def titles_for(index, language: str, query: str) -> list[str]:
    response = index.client.search(index=index.alias, query={"match": {f"title.{language}": query}}, size=50)
    return sorted(hit["_source"]["title"][language] for hit in response["hits"]["hits"])


@pytest.mark.django_db
class TestElasticsearchIndex:
    def test_rebuild_indexes_every_public_page(self, es_index, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud")
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Draft", live=False)
        status = es_index.rebuild(iter_documents())
        assert status.documents == 3  # the city, the collection and the public artifact
        assert titles_for(es_index, "en", "oud") == ["Oud"]

    @pytest.mark.parametrize(
        ("language", "title", "query"),
        [
            ("fr", "Le musée des docks", "musées"),
            ("de", "Die Häuser am Hafen", "Haus"),
            ("en", "Harbour museums", "museum"),
            ("ar", "المتاحف", "متاحف"),
        ],
    )
    def test_each_language_is_analysed_by_its_own_analyzer(self, es_index, tree, language, title, query):
        ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, title="Placeholder", **{f"title_{language}": title}
        )
        es_index.rebuild(iter_documents())
        assert titles_for(es_index, language, query) == [title]

    def test_a_rebuild_swaps_the_alias_and_drops_the_old_index(self, es_index, tree):
        first = es_index.rebuild(iter_documents())
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Newcomer")
        second = es_index.rebuild(iter_documents())
        assert second.index != first.index
        assert second.documents == first.documents + 1
        assert not es_index.client.indices.exists(index=first.index)

    def test_a_failed_rebuild_leaves_the_live_index_untouched(self, es_index, tree):
        before = es_index.rebuild(iter_documents())

        def broken_documents():
            yield from iter_documents()
            raise RuntimeError("database went away mid-rebuild")

        with pytest.raises(RuntimeError):
            es_index.rebuild(broken_documents())
        after = es_index.status()
        assert (after.index, after.documents) == (before.index, before.documents)
        leftovers = es_index.client.indices.get(index=f"{es_index.alias}-*")
        assert list(leftovers) == [before.index]
