"""heritage.patches: the project's own page methods are the live ones, whatever
wagtail-modeltranslation sets on the page classes at start-up."""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail_modeltranslation import patch_wagtailadmin

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from heritage.models import HeritagePage


def test_modeltranslation_still_patches_route_so_the_undo_is_still_needed():
    """Fails when a new wagtail-modeltranslation no longer has ``_new_route``: then look
    at what it patches now, and keep or drop heritage.patches accordingly."""
    assert callable(getattr(patch_wagtailadmin, "_new_route", None))


def test_every_heritage_page_routes_with_the_projects_own_method():
    pages = [model for model in apps.get_models() if issubclass(model, HeritagePage)]
    assert len(pages) > 5
    # A routable page (programmes' calendar and feed) answers its own sub-paths first,
    # then hands every other path to ours through ``super().route``.
    own = (HeritagePage._own_route, RoutablePageMixin.route)
    wrong = [model.__name__ for model in pages if model.route not in own]
    assert wrong == [], f"modeltranslation's route is live on {wrong}"


def route_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert resolve(url)  # a page URL, through Wagtail's serve view
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_a_child_is_found_by_its_slug_in_one_query_whatever_the_collections_size(client, tree):
    small = CollectionPageFactory(parent=tree.collections, title="Small", slug="small")
    large = CollectionPageFactory(parent=tree.collections, title="Large", slug="large")
    ArtifactPageFactory(parent=small, institution=tree.institution, slug="ticket", slug_fr="billet")
    for number in range(40):
        ArtifactPageFactory(parent=large, institution=tree.institution, slug=f"item-{number}")
    ArtifactPageFactory(parent=large, institution=tree.institution, slug="ticket", slug_fr="billet")

    for language, slug in (("en", "ticket"), ("fr", "billet")):
        for size in ("small", "large"):  # caches warm (site root paths, labels)
            client.get(f"/{language}/collections/{size}/{slug}/")
        few = route_queries(client, f"/{language}/collections/small/{slug}/")
        many = route_queries(client, f"/{language}/collections/large/{slug}/")
        assert len(few) == len(many), language
        lookups = [sql for sql in many if f'"slug_{language}" = ' in sql and "LIMIT 1" in sql]
        assert lookups, f"no child lookup by slug_{language} among:\n" + "\n".join(many)
