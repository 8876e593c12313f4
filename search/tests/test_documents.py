"""What goes into the search index, and what never does."""

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory, CommunityPerspectiveFactory
from heritage.factories import RightsStatementFactory, ThemeFactory
from search.documents import build_document, iter_documents


@pytest.mark.django_db
class TestDocuments:
    def test_an_artifact_document_has_every_language_and_its_facets(self, tree):
        theme = ThemeFactory(slug="music")
        artifact = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title="Oud",
            title_fr="Oud (luth)",
            title_ar="عود",
            description_en="<p>A <b>lute</b> from Tunis.</p>",
            description_fr="<p>Un luth de Tunis.</p>",
            earliest_year=1885,
            latest_year=1910,
            rights=RightsStatementFactory(code="InC"),
        )
        artifact.themes.add(theme)
        artifact.save()
        CommunityPerspectiveFactory(page=artifact, language="aeb")
        document = build_document(artifact)
        assert document["type"] == "artifact"
        assert document["title"] == {"en": "Oud", "fr": "Oud (luth)", "ar": "عود"}
        assert "A lute from Tunis." in document["text"]["en"]
        assert "Un luth de Tunis." in document["text"]["fr"]
        assert "de" not in document["text"]
        assert document["url"]["fr"] == f"/fr/collections/letters/{artifact.slug}/"
        assert document["city"] == ["marseille"]
        assert document["institution"] == ["mmp"]
        assert document["theme"] == ["music"]
        assert document["period"] == ["1800", "1900"]
        assert document["language"] == ["aeb"]
        assert document["rights"] == ["InC"]

    def test_drafts_private_pages_and_indexes_are_never_documents(self, tree):
        public = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Public")
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Draft", live=False)
        private = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Private")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        titles = {doc["title"]["en"] for doc in iter_documents()}
        assert public.title in titles
        assert "Draft" not in titles and "Private" not in titles
        assert "Collections" not in titles  # index pages are navigation, not results
        assert {"Letters", "Marseille"} <= titles  # the collection and the city are findable

    def test_pages_under_a_private_page_are_private_too(self, tree):
        PageViewRestriction.objects.create(page=tree.collection, restriction_type=PageViewRestriction.LOGIN)
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Inside")
        titles = {doc["title"]["en"] for doc in iter_documents()}
        assert "Inside" not in titles and "Letters" not in titles
