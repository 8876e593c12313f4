"""Drafts and private pages stay out of every public listing."""

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory
from heritage.factories import PartnerCityPageFactory
from heritage.models import SisterCityLink


@pytest.mark.django_db
class TestVisibility:
    def test_drafts_and_private_artifacts_are_not_listed(self, client, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Public letter")
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Draft letter", live=False)
        private = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Private letter")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        for url in (tree.collection.url, "/en/"):
            content = client.get(url).content.decode()
            assert "Public letter" in content, url
            assert "Draft letter" not in content, url
            assert "Private letter" not in content, url

    def test_a_draft_answers_404(self, client, tree):
        draft = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, live=False)
        assert client.get(f"/en/collections/letters/{draft.slug}/").status_code == 404

    def test_unknown_pages_get_a_404_page_in_the_visitors_language(self, client, tree):
        response = client.get("/fr/nowhere/")
        assert response.status_code == 404
        content = response.content.decode()
        assert '<html lang="fr" dir="ltr">' in content
        assert "Page introuvable" in content or "Page non trouvée" in content

    def test_sister_cities_show_on_both_sides_of_the_link(self, client, tree):
        hamburg = PartnerCityPageFactory(parent=tree.partners, title="Hamburg", slug="hamburg")
        SisterCityLink.objects.create(page=tree.city, partner=hamburg, since=1958)
        assert "Hamburg</a> — since 1958" in client.get(tree.city.url).content.decode()
        assert "Marseille</a> — since 1958" in client.get(hamburg.url).content.decode()


@pytest.mark.django_db
def test_private_or_draft_sister_cities_are_not_named(client, tree):
    private = PartnerCityPageFactory(parent=tree.partners, title="Secret city", slug="secret")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    draft = PartnerCityPageFactory(parent=tree.partners, title="Draft city", slug="draft", live=False)
    public = PartnerCityPageFactory(parent=tree.partners, title="Tunis", slug="tunis")
    for other in (private, draft, public):
        SisterCityLink.objects.create(page=tree.city, partner=other)
    content = client.get(tree.city.url).content.decode()
    assert "Tunis</a>" in content
    assert "Secret city" not in content and "Draft city" not in content


def test_the_server_error_page_speaks_the_visitors_language(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("ar"):
        content = server_error(rf.get("/ar/")).content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert "Something went wrong" not in content
