"""One contract, two engines: the database engine and Elasticsearch on a real node.

Every test runs against both (``engine`` is parametrised); what only one engine can
do is tested in that engine's own module.
"""

from django.http import QueryDict

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from heritage.factories import InstitutionFactory, PartnerCityPageFactory, ThemeFactory
from heritage.models import Theme
from search.backends.database import DatabaseEngine
from search.backends.elasticsearch import ElasticsearchEngine
from search.query import SearchQuery
from search.sync import rebuild_database, stored_documents


@pytest.fixture(params=["database", "elasticsearch"])
def indexed(request):
    """Index what the test has built, and return the engine under test."""

    def index():
        rebuild_database()
        if request.param == "database":
            return DatabaseEngine()
        es_index = request.getfixturevalue("es_index")
        es_index.rebuild(stored_documents())
        return ElasticsearchEngine(client=es_index.client, alias=es_index.alias)

    return index


@pytest.fixture
def corpus(tree, indexed):
    music = ThemeFactory(slug="music", name_en="Music", name_fr="Musique")
    work = ThemeFactory(slug="work", name_en="Work", name_fr="Travail")
    hamburg = PartnerCityPageFactory(parent=tree.partners, title="Hamburg", slug="hamburg")
    archive = InstitutionFactory(city=hamburg, code="hafen", name_en="Archive of Harbour Labour")
    harbour = CollectionPageFactory(parent=tree.collections, institution=archive, title="Harbour work", slug="hw")

    def artifact(parent, institution, themes, **fields):
        page = ArtifactPageFactory(parent=parent, institution=institution, **fields)
        page.themes.set(themes)
        page.save()
        return page

    artifact(
        tree.collection,
        tree.institution,
        [music],
        title="Oud from Tunis",
        title_fr="Oud de Tunis pour le musée",
        description_en="<p>A lute played at weddings in the old harbour.</p>",
        earliest_year=1885,
        latest_year=1890,
    )
    artifact(
        harbour,
        archive,
        [work],
        title="Docker's hook",
        title_de="Hafenarbeiterhaken",
        description_en="<p>Used for harbour work on the quays &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
        earliest_year=1930,
        latest_year=1939,
    )
    artifact(
        harbour,
        archive,
        [work, music],
        title="Work song of the museum dockers",
        description_en="<p>A song; work in the harbour was hard.</p>",
        earliest_year=1950,
        latest_year=1950,
    )
    return indexed()


def search(engine, querystring: str, language: str = "en"):
    return engine.search(SearchQuery.from_params(QueryDict(querystring), default_language=language))


def counts(results, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


@pytest.mark.django_db
class TestEngineContract:
    def test_french_stemming_finds_the_singular_from_the_plural(self, corpus):
        results = search(corpus, "q=mus%C3%A9es&type=artifact", language="fr")
        assert [hit.title for hit in results.hits] == ["Oud de Tunis pour le musée"]
        assert results.hits[0].url.startswith("/fr/")

    def test_the_visitors_language_ranks_first(self, corpus):
        # "museum" matches an English title and (through stemming) a French one.
        english_first = search(corpus, "q=museum&type=artifact", language="en")
        assert english_first.hits[0].title == "Work song of the museum dockers"
        french_first = search(corpus, "q=mus%C3%A9e&type=artifact", language="fr")
        assert french_first.hits[0].title == "Oud de Tunis pour le musée"

    def test_titles_outrank_body_text(self, corpus):
        results = search(corpus, "q=work&type=artifact")
        assert results.hits[0].title == "Work song of the museum dockers"
        assert {hit.title for hit in results.hits} == {"Work song of the museum dockers", "Docker's hook"}

    def test_a_phrase_matches_only_adjacent_words(self, corpus):
        results = search(corpus, "q=%22harbour+work%22&type=artifact")
        assert [hit.title for hit in results.hits] == ["Docker's hook"]

    def test_facets_combine_and_each_ignores_its_own_selection(self, corpus):
        results = search(corpus, "type=artifact&theme=music")
        assert results.total == 2
        # The theme facet still offers "work", counted without the theme selection.
        assert counts(results, "theme") == {"music": 2, "work": 2}
        # Other facets are counted within the selection.
        assert counts(results, "city") == {"marseille": 1, "hamburg": 1}
        combined = search(corpus, "type=artifact&theme=music&city=hamburg")
        assert [hit.title for hit in combined.hits] == ["Work song of the museum dockers"]
        assert counts(combined, "theme") == {"music": 1, "work": 2}

    def test_facet_values_carry_labels_in_the_visitors_language(self, corpus):
        results = search(corpus, "type=artifact", language="fr")
        labels = {value.value: value.label for value in results.facets["theme"]}
        assert labels == {"music": "Musique", "work": "Travail"}
        periods = {value.value: value.label for value in results.facets["period"]}
        assert periods["1800"] == "1800–1899"

    def test_a_renamed_theme_shows_its_new_label_at_once(self, corpus):
        search(corpus, "type=artifact", language="fr")  # labels now cached
        theme = Theme.objects.get(slug="music")
        theme.name_fr = "Musiques du monde"
        theme.save()
        results = search(corpus, "type=artifact", language="fr")
        assert {value.value: value.label for value in results.facets["theme"]}["music"] == "Musiques du monde"

    def test_snippets_are_highlighted_and_escaped(self, corpus):
        results = search(corpus, "q=quays")
        snippet = results.hits[0].snippet
        assert "<mark>quays</mark>" in snippet
        assert "<script>" not in snippet and "&lt;script&gt;" in snippet

    @pytest.mark.parametrize(
        "text", ['title:(oud AND "lute', "*:*", "oud)))((", "AND OR NOT", "\\", "~~~^^^", "[1 TO *]"]
    )
    def test_odd_syntax_never_fails(self, corpus, text):
        results = corpus.search(SearchQuery(text=text, language="en"))
        assert results.total >= 0

    def test_sort_by_title(self, corpus):
        results = search(corpus, "type=artifact&sort=title")
        titles = [hit.title for hit in results.hits]
        assert titles == sorted(titles)

    def test_json_shape(self, corpus):
        payload = search(corpus, "q=oud").as_json()
        assert set(payload) == {"total", "next", "engine", "degraded", "took_ms", "results", "facets"}
        assert set(payload["results"][0]) == {
            "title",
            "url",
            "type",
            "city",
            "institution",
            "language",
            "snippet",
            "moment",
        }
        assert set(payload["facets"]) == {"city", "institution", "type", "language", "theme", "period", "rights"}
        assert set(payload["facets"]["city"][0]) == {"value", "label", "count"}


@pytest.mark.django_db
def test_a_snippet_in_another_language_says_which(corpus):
    results = search(corpus, "q=weddings", language="fr")
    assert results.hits[0].snippet_language == "en"
    assert "<mark>weddings</mark>" in results.hits[0].snippet


@pytest.mark.django_db
class TestTranscripts:
    """Oral histories are found by what is said in them, at the moment it is said."""

    @pytest.fixture
    def heard(self, tree, indexed):
        from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory
        from oral_histories.models import Scope

        public = OralHistoryPageFactory(parent=tree.oral_histories, title="Nights on the ferry", slug="ferry")
        TranscriptFactory(
            recording=RecordingFactory(page=public, scope=Scope.PUBLIC, duration=120),
            language="fr",
            lines=[
                (0.0, 5.0, "Ali", "Nous partions le soir."),
                (65.0, 70.0, "Ali", "Il jouait du tambourin sur le pont."),
            ],
        )
        closed = OralHistoryPageFactory(parent=tree.oral_histories, title="Letters", slug="letters-read")
        TranscriptFactory(
            recording=RecordingFactory(page=closed, scope=Scope.RESTRICTED, duration=120),
            language="fr",
            lines=[(10.0, 15.0, "Aïcha", "Le tambourin de ma grand-mère.")],
        )
        return indexed(), public

    def test_a_line_of_a_transcript_finds_its_oral_history_at_that_moment(self, heard):
        engine, public = heard
        results = search(engine, "q=tambourin", language="fr")
        assert [hit.title for hit in results.hits] == ["Nights on the ferry"]
        [hit] = results.hits
        assert hit.moment == 65.0
        assert hit.url.endswith("?t=65#player")
        assert "<mark>tambourin</mark>" in hit.snippet and hit.snippet_language == "fr"

    def test_words_of_the_page_itself_still_come_first_without_a_moment(self, heard):
        engine, _public = heard
        [hit] = search(engine, "q=ferry").hits
        assert hit.moment is None and "?t=" not in hit.url
