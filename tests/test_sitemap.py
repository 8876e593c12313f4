"""The sitemap lists every open page in every language at its real URL, and nothing closed."""

import datetime
import xml.etree.ElementTree as ET

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory
from conftest import count_queries
from heritage.sitemaps import PageSitemap
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGES = ("en", "fr", "de", "ar")
SERVER = "http://testserver"


def sitemap(client, url: str = "/sitemap.xml") -> dict[str, dict]:
    """``{loc: {"lastmod": …, "alternates": {hreflang: href}}}`` from the sitemap XML."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    entries = {}
    for node in ET.fromstring(response.content).findall("sm:url", NS):
        loc = node.findtext("sm:loc", namespaces=NS)
        assert loc not in entries, f"{loc} is listed twice"
        entries[loc] = {
            "lastmod": node.findtext("sm:lastmod", namespaces=NS),
            "alternates": {link.get("hreflang"): link.get("href") for link in node.findall("xhtml:link", NS)},
        }
    return entries


def listed_paths(client) -> set[str]:
    return {loc.removeprefix(SERVER) for loc in sitemap(client)}


def artifact(tree, **kwargs):
    return ArtifactPageFactory(parent=tree.collection, institution=tree.institution, **kwargs)


@pytest.mark.django_db
class TestWhatIsListed:
    def test_every_public_page_is_listed_in_every_language_at_its_translated_url(self, client, tree):
        tree.collection.slug_fr = "lettres"
        tree.collection.save_revision().publish()
        tree.collection.refresh_from_db()  # its url_path_fr, for the new child's
        ticket = artifact(tree, title="Ferry ticket", slug="ferry-ticket", slug_fr="billet", slug_de="fahrkarte")
        ticket.save_revision().publish()
        ticket.refresh_from_db()

        entries = sitemap(client)

        urls = {
            "en": f"{SERVER}/en/collections/letters/ferry-ticket/",
            "fr": f"{SERVER}/fr/collections/lettres/billet/",
            "de": f"{SERVER}/de/collections/letters/fahrkarte/",
            "ar": f"{SERVER}/ar/collections/letters/ferry-ticket/",  # no Arabic slug: the English one
        }
        for url in urls.values():
            assert url in entries
            assert entries[url]["alternates"] == {**urls, "x-default": urls["en"]}
            assert entries[url]["lastmod"] == ticket.last_published_at.date().isoformat()
        # Each URL really serves the page.
        for url in urls.values():
            assert client.get(url.removeprefix(SERVER)).status_code == 200
        # The rest of the open tree is there too, in all four languages.
        for path in ("/", "/partners/marseille/", "/collections/", "/oral-histories/", "/exhibitions/"):
            for code in LANGUAGES:
                assert f"{SERVER}/{code}{path}" in entries

    def test_drafts_are_left_out(self, client, tree):
        artifact(tree, title="Draft", slug="draft", live=False)
        assert not any("/draft/" in path for path in listed_paths(client))

    @pytest.mark.parametrize("restriction", ["password", "login", "groups"])
    @pytest.mark.parametrize("on", ["page", "ancestor"])
    def test_pages_with_a_view_restriction_on_them_or_an_ancestor_are_left_out(self, client, tree, restriction, on):
        secret = artifact(tree, title="Secret", slug="secret")
        target = secret if on == "page" else tree.collection
        view_restriction = PageViewRestriction.objects.create(
            page=target, restriction_type=restriction, password="pw" if restriction == "password" else ""
        )
        if restriction == "groups":
            view_restriction.groups.add(Group.objects.create(name="Curators only"))
        paths = listed_paths(client)
        assert not any("/secret/" in path for path in paths)
        assert ("/en/collections/letters/" in paths) == (on == "page")
        assert "/en/partners/marseille/" in paths

    def test_a_live_page_under_an_unpublished_parent_is_left_out(self, client, tree):
        artifact(tree, title="Orphan", slug="orphan")
        tree.collection.unpublish()
        paths = listed_paths(client)
        assert not any("/orphan/" in path or "/letters/" in path for path in paths)
        assert "/en/collections/" in paths


CLOSED = {
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
}


def oral_history(tree, slug: str, **consent):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title=slug.title(), slug=slug)
    if consent.pop("recording", True):
        if consent.get("scope") == Scope.COMMUNITY:
            consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
        RecordingFactory(page=page, **consent)
    return page


@pytest.mark.django_db
class TestOralHistories:
    def test_an_oral_history_with_a_public_recording_is_listed(self, client, tree):
        oral_history(tree, "the-quay", scope=Scope.PUBLIC)
        oral_history(tree, "not-yet-recorded", recording=False)
        paths = listed_paths(client)
        for code in LANGUAGES:
            assert f"/{code}/oral-histories/the-quay/" in paths
            assert f"/{code}/oral-histories/not-yet-recorded/" in paths

    @pytest.mark.parametrize("kind", list(CLOSED))
    def test_an_oral_history_whose_recording_is_closed_is_left_out(self, client, tree, kind):
        oral_history(tree, "the-quay", scope=Scope.PUBLIC)
        oral_history(tree, f"closed-{kind}", **CLOSED[kind])
        paths = listed_paths(client)
        assert "/en/oral-histories/the-quay/" in paths
        assert not any(f"closed-{kind}" in path for path in paths)

    def test_an_embargo_that_has_ended_lists_it_again(self, client, tree):
        oral_history(tree, "was-embargoed", scope=Scope.PUBLIC, embargo_until=datetime.date(2000, 1, 1))
        assert "/en/oral-histories/was-embargoed/" in listed_paths(client)


def add_pages(tree, start: int, stop: int) -> None:
    """Pages of the kinds the sitemap treats differently, in turn: an artifact, oral
    histories (public, restricted, not yet recorded) and a private artifact."""
    for i in range(start, stop):
        kind = i % 5
        if kind == 0:
            artifact(tree)
        elif kind == 1:
            oral_history(tree, f"public-{i}", scope=Scope.PUBLIC)
        elif kind == 2:
            oral_history(tree, f"restricted-{i}", scope=Scope.RESTRICTED)
        elif kind == 3:
            oral_history(tree, f"unrecorded-{i}", recording=False)
        else:
            private = artifact(tree)
            PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.django_db
def test_the_sitemap_costs_the_same_queries_for_3_or_30_pages(client, tree, django_assert_num_queries):
    add_pages(tree, 0, 3)
    client.get("/sitemap.xml")  # warm the site root paths cache
    with count_queries() as queries:
        small = sitemap(client)
    assert queries
    add_pages(tree, 3, 30)
    client.get("/sitemap.xml")
    with django_assert_num_queries(len(queries)):
        large = sitemap(client)
    # Open: 2 of the first 3 pages, 18 of all 30 (artifacts, public and unrecorded oral histories).
    assert len(large) - len(small) == (18 - 2) * len(LANGUAGES)


@pytest.mark.django_db
def test_robots_txt_points_to_every_sitemap_page(client, tree, monkeypatch):
    content = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml\n" in content
    assert "?p=2" not in content

    for _ in range(4):
        artifact(tree)
    monkeypatch.setattr(PageSitemap, "limit", 5)
    content = client.get("/robots.txt").content.decode()
    # home, 4 index pages, the city, the collection and 4 artifacts: 11 pages, 3 sitemap pages.
    assert "Sitemap: http://testserver/sitemap.xml?p=3\n" in content
    seen = set()
    for page in ("/sitemap.xml", "/sitemap.xml?p=2", "/sitemap.xml?p=3"):
        entries = sitemap(client, page)
        assert not seen & set(entries)
        seen |= set(entries)
    assert len(seen) == 11 * len(LANGUAGES)
    assert client.get("/sitemap.xml?p=4").status_code == 404
