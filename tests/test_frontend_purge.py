"""Every change of what visitors see purges the front caches, in every language.

A recording backend stands in for the cache here (``RecordingBackend``); the real
nginx in front of a live server is in ``tests/test_nginx_front.py``.
"""

from __future__ import annotations

import http.server
import logging
import threading
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from wagtail.contrib.frontend_cache import signal_handlers as handlers
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished

import pytest
from django_tasks.base import TaskResultStatus

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from exhibitions.factories import ExhibitionPageFactory, clip, story
from heritage.cache_purge import PURGE_BACKOFF, HTTPPurgeBackend, PurgeIncomplete, purge_urls_task
from heritage.frontend_cache import FrontendCacheConfig
from heritage.tests.workers import DATABASE_TASKS, run_now, waiting
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope

BASE = "https://heritage.example.org"
LANGUAGES = ("en", "fr", "de", "ar")


class RecordingBackend(BaseBackend):
    """Remembers what it was asked to purge (class-wide: Wagtail builds a new one per purge)."""

    purged: list[str] = []
    fail = False
    failing = ""  # URLs containing this are refused by HTTPPurgeBackend-like batches

    def purge(self, url):
        if RecordingBackend.fail:
            raise ConnectionError("the cache is down")
        RecordingBackend.purged.append(url)

    def purge_batch(self, urls):
        refused = [url for url in urls if RecordingBackend.failing and RecordingBackend.failing in url]
        for url in urls:
            if url not in refused:
                self.purge(url)
        if refused:
            raise PurgeIncomplete(refused)


@pytest.fixture(autouse=True)
def without_wagtails_own_purges():
    """What ``heritage.frontend_cache.FrontendCacheConfig`` does once it is installed in
    place of ``wagtail.contrib.frontend_cache`` (see ``test_wagtails_own_purges_are_off``)."""
    models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in models:
        page_published.disconnect(handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(handlers.page_unpublished_signal_handler, sender=model)
    yield
    if not isinstance(apps.get_app_config("wagtailfrontendcache"), FrontendCacheConfig):
        handlers.register_signal_handlers()


@pytest.fixture(autouse=True)
def front_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_frontend_purge.RecordingBackend"}}
    settings.HERITAGE_BASE_URL = BASE
    RecordingBackend.purged = []
    RecordingBackend.fail = False
    RecordingBackend.failing = ""
    yield RecordingBackend
    RecordingBackend.purged = []


def purged() -> set[str]:
    return set(RecordingBackend.purged)


def everywhere(*paths: str) -> set[str]:
    return {f"{BASE}/{code}{path}" for code in LANGUAGES for path in paths}


@pytest.fixture
def ticket(tree):
    tree.collection.slug_fr = "lettres"
    tree.collection.save_revision().publish()
    tree.collection.refresh_from_db()
    page = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Ferry ticket",
        slug="ferry-ticket",
        slug_fr="billet",
        slug_de="fahrkarte",
    )
    page.refresh_from_db()
    return page


TICKET = {
    f"{BASE}/en/collections/letters/ferry-ticket/",
    f"{BASE}/fr/collections/lettres/billet/",
    f"{BASE}/de/collections/letters/fahrkarte/",
    f"{BASE}/ar/collections/letters/ferry-ticket/",  # no Arabic slug: the English one
}
LISTINGS = {
    *everywhere("/", "/collections/", "/partners/marseille/"),
    f"{BASE}/fr/collections/lettres/",
    *{f"{BASE}/{code}/collections/letters/" for code in ("en", "de", "ar")},
    f"{BASE}/sitemap.xml",
}


def purges_waiting() -> list:
    return [row for row in waiting() if row.task_path.startswith("heritage.cache_purge.")]


@pytest.mark.django_db
class TestPurges:
    def test_publishing_purges_the_page_in_every_language_and_what_lists_it_after_commit(self, ticket, commit):
        RecordingBackend.purged = []
        ticket.title = "Ferry ticket, 1962"
        ticket.save_revision().publish()
        assert not purged(), "purged before the transaction committed"
        commit()
        assert purged() >= TICKET | LISTINGS
        # The exhibitions, which neither list nor show it, are left alone.
        assert not any("/exhibitions/" in url for url in purged())

    def test_unpublishing_purges_the_pages_under_it_too(self, tree, ticket, commit):
        RecordingBackend.purged = []
        tree.collection.unpublish()
        commit()
        assert purged() >= TICKET | LISTINGS

    def test_a_move_purges_the_old_urls_and_both_parents(self, tree, ticket, commit):
        other = CollectionPageFactory(
            parent=tree.collections, institution=tree.institution, title="Tickets", slug="tickets"
        )
        commit()
        RecordingBackend.purged = []
        ticket.move(other, pos="last-child")
        commit()
        assert purged() >= TICKET
        assert everywhere("/collections/tickets/") <= purged()
        assert f"{BASE}/fr/collections/tickets/billet/" in purged()
        assert {f"{BASE}/en/collections/letters/", f"{BASE}/fr/collections/lettres/"} <= purged()

    def test_a_slug_change_purges_the_old_urls_of_the_page_and_its_children(self, tree, ticket, commit):
        RecordingBackend.purged = []
        tree.collection.slug = "correspondence"
        tree.collection.save_revision().publish()
        commit()
        assert {f"{BASE}/en/collections/letters/", f"{BASE}/en/collections/letters/ferry-ticket/"} <= purged()
        assert f"{BASE}/en/collections/correspondence/ferry-ticket/" in purged()

    def test_deleting_purges_the_deleted_pages_and_their_listings(self, tree, ticket, commit):
        RecordingBackend.purged = []
        tree.collection.delete()
        commit()
        assert purged() >= TICKET
        assert everywhere("/", "/collections/") <= purged()

    def test_a_view_restriction_added_or_removed_purges_the_subtree(self, tree, ticket, commit):
        RecordingBackend.purged = []
        restriction = PageViewRestriction.objects.create(
            page=tree.collection, restriction_type=PageViewRestriction.LOGIN
        )
        commit()
        assert purged() >= TICKET | LISTINGS
        RecordingBackend.purged = []
        restriction.delete()
        commit()
        assert purged() >= TICKET | LISTINGS

    def test_a_consent_change_purges_the_oral_history_and_the_exhibitions_that_play_it(self, tree, commit):
        told = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving", slug="arriving", slug_fr="arrivee")
        recording = RecordingFactory(page=told, scope=Scope.PUBLIC)
        exhibition = ExhibitionPageFactory(parent=tree.exhibitions, slug="two-harbours", body=story(clip(told)))
        ReferenceIndex.create_or_update_for_object(exhibition)
        commit()
        RecordingBackend.purged = []
        recording.withdrawn_at = timezone.now()
        recording.withdrawal_reason = "Asked by the narrator"
        recording.save()
        commit()
        assert {
            f"{BASE}/en/oral-histories/arriving/",
            f"{BASE}/fr/oral-histories/arrivee/",
            f"{BASE}/de/oral-histories/arriving/",
            f"{BASE}/ar/oral-histories/arriving/",
        } <= purged()
        assert everywhere("/exhibitions/two-harbours/", "/oral-histories/", "/", "/partners/marseille/") <= purged()

    def test_a_failing_cache_never_fails_the_editors_save(self, ticket, commit, caplog):
        RecordingBackend.fail = True
        ticket.title = "Ferry ticket, 1962"
        with caplog.at_level(logging.ERROR, logger="heritage.cache_purge"):
            ticket.save_revision().publish()
            commit()
        ticket.refresh_from_db()
        assert ticket.title == "Ferry ticket, 1962" and ticket.live
        assert "could not purge" in caplog.text

    def test_a_failed_purge_is_retried_later_with_the_urls_that_failed(self, settings, ticket, commit):
        settings.TASKS = DATABASE_TASKS
        RecordingBackend.purged, RecordingBackend.failing = [], "/fr/"
        ticket.title = "Ferry ticket, 1962"
        ticket.save_revision().publish()
        before = timezone.now()
        commit()
        [first] = purges_waiting()
        run_now(first)
        refused = {url for url in TICKET | LISTINGS if "/fr/" in url}
        assert (TICKET | LISTINGS) - refused <= purged() and not refused & purged()

        [retry] = purges_waiting()  # only what failed, later
        assert retry.task_path == purge_urls_task.module_path
        assert set(retry.args_kwargs["kwargs"]["urls"]) >= refused
        assert all("/fr/" in url for url in retry.args_kwargs["kwargs"]["urls"])
        assert retry.run_after >= before + timedelta(seconds=PURGE_BACKOFF)

        # Still refused: failed again, and queued again with a longer wait.
        assert run_now(retry).status == TaskResultStatus.FAILED
        [again] = purges_waiting()
        assert again.args_kwargs["kwargs"]["attempt"] == 3
        assert again.run_after >= before + timedelta(seconds=2 * PURGE_BACKOFF)

        RecordingBackend.failing = ""  # the cache answers again
        assert run_now(again).status == TaskResultStatus.SUCCESSFUL
        assert refused <= purged() and purges_waiting() == []

    def test_nothing_is_sent_without_a_front_cache(self, settings, ticket, commit):
        del settings.WAGTAILFRONTENDCACHE
        ticket.save_revision().publish()
        commit()
        assert RecordingBackend.purged == []


def test_wagtails_own_purges_are_off():
    """Installed as configured (``heritage.frontend_cache.FrontendCacheConfig``), Wagtail
    purges nothing of its own before the transaction commits."""
    assert isinstance(apps.get_app_config("wagtailfrontendcache"), FrontendCacheConfig), (
        "INSTALLED_APPS: use heritage.frontend_cache.FrontendCacheConfig instead of wagtail.contrib.frontend_cache"
    )


class PurgeServer(http.server.BaseHTTPRequestHandler):
    """A front server's purge port: 200 for a cached URL, 404 for one it never held,
    500 for anything under /broken/."""

    seen: list[str] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeServer.seen.append(self.path)
        status = 500 if self.path.startswith("/broken/") else 404 if self.path.startswith("/cold/") else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_http_backend_names_the_urls_it_could_not_purge(caplog):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        backend = HTTPPurgeBackend({"LOCATION": f"http://127.0.0.1:{server.server_port}", "TIMEOUT": 5})
        urls = [f"{BASE}/en/", f"{BASE}/cold/page/", f"{BASE}/broken/page/"]
        with caplog.at_level(logging.ERROR), pytest.raises(PurgeIncomplete) as refused:
            backend.purge_batch(urls)
        # Every URL was tried; a 404 (nothing cached there) is not a failure.
        assert PurgeServer.seen[-3:] == ["/en/", "/cold/page/", "/broken/page/"]
        assert refused.value.urls == [f"{BASE}/broken/page/"]
        assert f"Could not purge {BASE}/broken/page/ from the front cache: HTTP 500" in caplog.text
    finally:
        server.shutdown()
        server.server_close()
