"""Public pages may be held by a reverse proxy or a CDN; nothing personal or closed may.

The middleware pair under test (``ConditionalGetMiddleware`` + ``heritage.caching``)
is put in place by the ``page_caching`` fixture whether or not the settings have it yet.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory
from exhibitions.factories import ExhibitionPageFactory
from heritage import visibility
from heritage.caching import page_is_open
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope

CONDITIONAL = "django.middleware.http.ConditionalGetMiddleware"
PAGE_CACHE = "heritage.caching.PageCacheMiddleware"


def with_page_caching(middleware: list[str]) -> list[str]:
    """The project's middleware with the caching pair just before the session middleware."""
    middleware = [name for name in middleware if name not in (CONDITIONAL, PAGE_CACHE)]
    at = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    return [*middleware[:at], CONDITIONAL, PAGE_CACHE, *middleware[at:]]


@pytest.fixture(autouse=True)
def page_caching(settings):
    settings.MIDDLEWARE = with_page_caching(list(settings.MIDDLEWARE))
    settings.HERITAGE_PAGE_CACHE_SECONDS = 300
    settings.HERITAGE_PAGE_SHARED_CACHE_SECONDS = 600


def directives(response) -> dict[str, str]:
    parts = [part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()]
    return dict((part.split("=", 1) + [""])[:2] for part in parts)


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def assert_public(response):
    assert response.status_code == 200
    cache_control = directives(response)
    assert "public" in cache_control, response.get("Cache-Control")
    assert cache_control["max-age"] == "300"
    assert 480 <= int(cache_control["s-maxage"]) <= 600  # less up to a fifth, at random (expiries spread)
    assert not {"private", "no-store", "no-cache"} & cache_control.keys()
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")
    assert "cookie" in vary(response)
    assert not response.cookies


def assert_never_shared(response):
    cache_control = directives(response)
    assert "public" not in cache_control, response.get("Cache-Control")
    assert {"private", "no-store"} <= cache_control.keys(), response.get("Cache-Control")
    assert "s-maxage" not in cache_control
    assert "cookie" in vary(response)


@pytest.fixture
def pages(tree):
    artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Ferry ticket")
    story = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving in Marseille")
    RecordingFactory(page=story, scope=Scope.PUBLIC)
    exhibition = ExhibitionPageFactory(parent=tree.exhibitions, title="Two harbours")
    return {
        "home": tree.home,
        "city": tree.city,
        "collection": tree.collection,
        "artifact": artifact,
        "oral history open to all": story,
        "exhibition": exhibition,
    }


def closed_story(tree, **consent):
    story = OralHistoryPageFactory(parent=tree.oral_histories, title="Kept in the archive")
    RecordingFactory(page=story, **consent)
    return story


@pytest.mark.django_db
class TestPublicPages:
    @pytest.mark.parametrize(
        "kind", ["home", "city", "collection", "artifact", "oral history open to all", "exhibition"]
    )
    def test_anonymous_visitors_get_a_cacheable_page_and_a_304_on_the_repeat(self, client, pages, kind):
        url = pages[kind].url
        first = client.get(url)
        assert_public(first)
        assert pages[kind].title in first.content.decode()

        by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert by_etag.status_code == 304
        assert by_etag.content == b""
        assert "public" in directives(by_etag)

        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert by_date.status_code == 304

    def test_head_carries_the_same_cache_headers(self, client, pages):
        response = client.head(pages["artifact"].url)
        assert "public" in directives(response)
        assert response.has_header("Last-Modified")

    def test_every_language_is_cacheable_at_its_own_url(self, client, pages):
        for code in ("en", "fr", "de", "ar"):
            response = client.get(f"/{code}/collections/letters/")
            assert_public(response)
            assert response["Content-Language"] == code
            assert "accept-language" not in vary(response)

    def test_a_changed_page_is_no_longer_not_modified(self, client, pages):
        artifact = pages["artifact"]
        first = client.get(artifact.url)
        artifact.title = "Ferry ticket, 1962"
        artifact.save_revision().publish()
        again = client.get(
            artifact.url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        )
        assert again.status_code == 200
        assert "Ferry ticket, 1962" in again.content.decode()
        assert again["ETag"] != first["ETag"]

    def test_a_listing_changes_its_last_modified_when_a_page_it_lists_is_published(self, client, pages, commit):
        home = client.get("/en/")
        ArtifactPageFactory(
            parent=pages["collection"], institution=pages["artifact"].institution
        ).save_revision().publish()
        commit()
        again = client.get("/en/", HTTP_IF_MODIFIED_SINCE=home["Last-Modified"])
        assert again.status_code == 200
        assert again["Last-Modified"] != home["Last-Modified"]

    def test_a_listing_with_a_query_string_is_revalidated_every_time(self, client, pages):
        """A purge reaches a page's bare URL only, so filtered and paginated listings
        are not held by shared caches (a withdrawn item would stay listed)."""
        response = client.get("/en/collections/letters/?page=1")
        assert response.status_code == 200
        cache_control = directives(response)
        assert "no-cache" in cache_control and "s-maxage" not in cache_control and "max-age" not in cache_control
        assert client.get("/en/collections/letters/?page=1", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.django_db
class TestNeverShared:
    def test_nothing_is_public_for_a_logged_in_user(self, client, pages, django_user_model):
        user = django_user_model.objects.create_user("reader", password="x")  # noqa: S106
        client.force_login(user)
        for page in pages.values():
            assert_never_shared(client.get(page.url))

    @pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, "groups"])
    def test_a_page_behind_a_view_restriction(self, client, pages, kind):
        restriction = PageViewRestriction.objects.create(
            page=pages["collection"],
            restriction_type=PageViewRestriction.GROUPS if kind == "groups" else kind,
            password="secret" if kind == PageViewRestriction.PASSWORD else "",
        )
        if kind == "groups":
            restriction.groups.add(Group.objects.create(name="Staff"))
        # The restricted page and a page under it; neither says "public", even as a redirect.
        for url in (pages["collection"].url, pages["artifact"].url):
            response = client.get(url)
            assert_never_shared(response)
            assert "Ferry ticket" not in response.content.decode()

    def test_a_page_that_passed_a_password_stays_private(self, client, pages):
        restriction = PageViewRestriction.objects.create(
            page=pages["artifact"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        response = client.post(
            reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, pages["artifact"].pk]),
            {"password": "secret", "return_url": pages["artifact"].url},
        )
        assert response.status_code == 302
        page = client.get(pages["artifact"].url)
        assert "Ferry ticket" in page.content.decode()
        assert_never_shared(page)

    def test_a_live_page_under_an_unpublished_one(self, client, pages):
        """Closed as a draft is (heritage.visibility; HeritagePage.route): a 404 that
        says nothing public, which no shared cache keeps (deploy/nginx: no
        proxy_cache_valid)."""
        pages["collection"].unpublish()
        response = client.get(pages["artifact"].url)
        assert response.status_code == 404
        assert not {"public", "s-maxage"} & directives(response).keys()
        assert "Ferry ticket" not in response.content.decode()

    @pytest.mark.parametrize(
        "consent",
        [
            {"scope": Scope.RESTRICTED},
            {"scope": "community"},
            {"scope": Scope.PUBLIC, "withdrawn_at": "now"},
            {"scope": Scope.PUBLIC, "embargo_until": "next year"},
        ],
        ids=["restricted", "community only", "withdrawn", "embargoed"],
    )
    def test_an_oral_history_not_open_to_everyone(self, client, tree, consent):
        consent = dict(consent)
        if consent["scope"] == "community":
            consent.update(scope=Scope.COMMUNITY, community=CommunityFactory(slug="tunisians"))
        if consent.get("withdrawn_at"):
            consent.update(withdrawn_at=timezone.now(), withdrawal_reason="Asked by the narrator")
        if consent.get("embargo_until"):
            consent["embargo_until"] = timezone.localdate() + datetime.timedelta(days=365)
        story = closed_story(tree, **consent)
        response = client.get(story.url)
        assert response.status_code == (410 if consent.get("withdrawn_at") else 200)  # withdrawn: Gone
        assert_never_shared(response)

    def test_a_response_that_uses_the_csrf_token(self, client, pages):
        def with_a_form(serve_page):
            def serve(page, request, args, kwargs):
                get_token(request)  # what {% csrf_token %} does
                return serve_page(page, request, args, kwargs)

            return serve

        with hooks.register_temporarily("on_serve_page", with_a_form):
            response = client.get(pages["artifact"].url)
        assert "csrftoken" in response.cookies
        assert_never_shared(response)

    def test_the_login_page_and_the_admin(self, client, pages, django_user_model):
        login = client.get(reverse("wagtailcore_login"))
        assert login.status_code == 200
        assert "public" not in directives(login)
        admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")  # noqa: S106
        client.force_login(admin)
        response = client.get("/admin/")
        assert "public" not in directives(response)

    def test_a_preview_is_never_shared(self, client, pages, django_user_model):
        admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")  # noqa: S106
        client.force_login(admin)
        response = client.get(f"/admin/pages/{pages['artifact'].pk}/edit/preview/")
        assert "public" not in directives(response)

    def test_the_search_page_is_not_held_by_shared_caches(self, client, pages):
        response = client.get("/en/search/?q=ferry")
        assert response.status_code == 200
        assert "public" not in directives(response)


@pytest.mark.django_db
def test_the_cache_rule_is_the_visibility_rule(tree):
    """``page_is_open`` (one query per view) answers as ``heritage.visibility.is_open``."""
    public = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    restricted = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    open_story = OralHistoryPageFactory(parent=tree.oral_histories)
    RecordingFactory(page=open_story)
    withheld = closed_story(tree, scope=Scope.RESTRICTED)
    no_recording = OralHistoryPageFactory(parent=tree.oral_histories)
    under_draft = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    draft = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, live=False)
    Page.objects.filter(pk=tree.collection.pk).update(live=False)
    answers = {}
    for page in (public, restricted, open_story, withheld, no_recording, under_draft, draft, tree.home, tree.city):
        page = Page.objects.get(pk=page.pk).specific
        answers[page.pk] = page_is_open(page)
        assert answers[page.pk] == visibility.is_open(page), page
    assert answers[tree.home.pk] and answers[open_story.pk] and answers[no_recording.pk]
    assert not answers[withheld.pk] and not answers[restricted.pk] and not answers[under_draft.pk]


def test_shared_lifetimes_are_spread_so_pages_cached_together_do_not_expire_together():
    from heritage.caching import jittered

    lifetimes = [jittered(600) for _ in range(200)]
    assert all(480 <= seconds <= 600 for seconds in lifetimes)
    assert len(set(lifetimes)) > 20
