"""Issue 15: a live page under an unpublished page is closed on every visitor's surface,
as ``heritage.visibility`` says: its URL answers 404 (the route checks each page on the
way down), listings leave it out (``reachable_pages``) and its recording's files answer
404 (``closed_above``). Editors still preview it.

The table of states × surfaces (tests/test_visibility_table.py) covers an artifact in an
unpublished collection and an oral history in an unpublished section; these are the
other section pages a visitor's listing can reach across."""

from __future__ import annotations

from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from exhibitions.factories import ExhibitionPageFactory, ExhibitionVenueFactory
from heritage.factories import PartnerCityPageFactory
from heritage.visibility import closed_above, reachable_pages
from oral_histories.factories import OralHistoryIndexPageFactory, OralHistoryPageFactory, recording_with_transcripts


def unpublish(page) -> None:
    Page.objects.get(pk=page.pk).specific.unpublish()


def body(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.django_db
class TestTheRoute:
    def test_a_live_page_under_an_unpublished_one_answers_404_in_every_language(self, client, tree):
        artifact = ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, title="Ferry ticket", slug="ticket", slug_fr="billet"
        )
        assert client.get("/fr/collections/letters/billet/").status_code == 200
        unpublish(tree.collection)
        for url in ("/en/collections/letters/ticket/", "/fr/collections/letters/billet/"):
            response = client.get(url)
            assert response.status_code == 404, url
            assert "Ferry ticket" not in response.content.decode()
        assert Page.objects.get(pk=artifact.pk).live, "the page itself stays live"

    def test_deeper_down_too(self, client, tree):
        unpublish(tree.collections)  # the collections index: two levels above
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        assert client.get(artifact.url).status_code == 404
        assert client.get(tree.collection.url).status_code == 404

    def test_an_unpublished_page_with_children_still_answers_404_itself(self, client, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        unpublish(tree.collection)
        assert client.get("/en/collections/letters/").status_code == 404

    def test_editors_still_preview_it(self, admin_client, tree):
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Ferry ticket")
        artifact.save_revision()
        unpublish(tree.collection)
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[artifact.pk]))
        assert response.status_code == 200
        assert "Ferry ticket" in response.content.decode()

    def test_republishing_the_ancestor_opens_it_again(self, client, tree):
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        unpublish(tree.collection)
        assert client.get(artifact.url).status_code == 404
        Page.objects.get(pk=tree.collection.pk).specific.save_revision().publish()
        assert client.get(artifact.url).status_code == 200


@pytest.mark.django_db
class TestListings:
    def test_home_and_exhibition_filters_leave_out_cities_of_an_unpublished_partners_index(self, client, tree):
        PartnerCityPageFactory(parent=tree.partners, title="Hamburgzzz", slug="hamburg")
        assert "Hamburgzzz" in body(client, "/en/") and "Hamburgzzz" in body(client, tree.exhibitions.url)
        unpublish(tree.partners)
        assert "Hamburgzzz" not in body(client, "/en/")
        assert "Hamburgzzz" not in body(client, tree.exhibitions.url)

    def test_home_and_city_leave_out_exhibitions_of_an_unpublished_index(self, client, tree):
        exhibition = ExhibitionPageFactory(
            parent=tree.exhibitions, title="Two harbourszzz", co_curators=[tree.institution]
        )
        ExhibitionVenueFactory(exhibition=exhibition, city=tree.city)
        assert "Two harbourszzz" in body(client, "/en/") and "Two harbourszzz" in body(client, tree.city.url)
        unpublish(tree.exhibitions)
        assert "Two harbourszzz" not in body(client, "/en/")
        assert "Two harbourszzz" not in body(client, tree.city.url)

    def test_the_city_leaves_out_collections_of_an_unpublished_index(self, client, tree):
        assert "Letters" in body(client, tree.city.url)
        unpublish(tree.collections)
        assert "Letters" not in body(client, tree.city.url)

    def test_the_oral_history_index_leaves_out_an_unpublished_or_restricted_section(self, client, tree):
        hidden = OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Hiddenzzz", slug="hidden")
        OralHistoryPageFactory(parent=hidden, title="Quay memorieszzz", slug="quay")
        closed = OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Lockedzzz", slug="locked")
        OralHistoryPageFactory(parent=closed, title="Harbour voiceszzz", slug="voices")
        OralHistoryPageFactory(parent=tree.oral_histories, title="Open storyzzz", slug="open")
        page = body(client, tree.oral_histories.url)
        assert all(word in page for word in ("Hiddenzzz", "Quay memorieszzz", "Lockedzzz", "Harbour voiceszzz"))
        unpublish(hidden)
        PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
        page = body(client, tree.oral_histories.url)
        assert "Open storyzzz" in page
        for word in ("Hiddenzzz", "Quay memorieszzz", "Lockedzzz", "Harbour voiceszzz"):
            assert word not in page, word

    def test_reachable_pages_reads_the_closed_paths_in_one_query(self, tree, django_assert_num_queries):
        CollectionPageFactory(parent=tree.collections, institution=tree.institution, slug="other")
        unpublish(tree.collection)
        PageViewRestriction.objects.create(page=tree.partners, restriction_type=PageViewRestriction.LOGIN)
        with django_assert_num_queries(1):
            pages = reachable_pages(Page.objects.all())
        slugs = set(pages.values_list("slug", flat=True))
        assert "other" in slugs and "collections" in slugs
        assert not {"letters", "partners", "marseille"} & slugs


@pytest.mark.django_db
class TestRecordings:
    @pytest.fixture
    def recording(self, tree):
        section = OralHistoryIndexPageFactory(parent=tree.oral_histories, slug="section")
        page = OralHistoryPageFactory(parent=section)
        recording = recording_with_transcripts(page, seconds=1, transcripts={"fr": [(0.0, 0.9, "Leila", "Bonjour.")]})
        recording.section = section
        return recording

    def urls(self, recording) -> list[str]:
        pk = recording.pk
        return [
            f"/en/recordings/{pk}/media",
            f"/en/recordings/{pk}/captions/fr.vtt",
            f"/en/recordings/{pk}/transcript/fr.srt",
        ]

    def test_closed_to_visitors_under_an_unpublished_section(self, client, recording):
        assert [client.get(url).status_code for url in self.urls(recording)] == [200, 200, 200]
        unpublish(recording.section)
        assert [client.get(url).status_code for url in self.urls(recording)] == [404, 404, 404]

    def test_editors_who_may_hear_closed_recordings_still_do(self, admin_client, recording):
        unpublish(recording.section)
        assert [admin_client.get(url).status_code for url in self.urls(recording)] == [200, 200, 200]

    def test_closed_above_costs_what_get_view_restrictions_costs(self, recording, django_assert_num_queries):
        page = Page.objects.get(pk=recording.page_id)
        restriction = PageViewRestriction.objects.create(
            page=recording.section, restriction_type=PageViewRestriction.LOGIN
        )
        with django_assert_num_queries(2):
            assert closed_above(page) == (False, [restriction])
        unpublish(recording.section)
        with django_assert_num_queries(2):
            assert closed_above(page) == (True, [restriction])
