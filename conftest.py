"""Shared fixtures for every test directory: a small site tree built from the apps' factories."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from wagtail.models import Page, Site

import pytest

from archive.factories import CollectionIndexPageFactory, CollectionPageFactory
from exhibitions.factories import ExhibitionIndexPageFactory
from heritage.factories import HomePageFactory, InstitutionFactory, PartnerCityPageFactory, PartnersIndexPageFactory
from oral_histories.factories import OralHistoryIndexPageFactory


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no cached labels behind."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(db):
    """Run the on-commit work queued so far and forget it, as a real commit would.

    A test runs inside one transaction that never commits; work queued "once per
    transaction" would otherwise see the test's earlier work still waiting.
    """

    def run() -> None:
        connection = transaction.get_connection()
        while connection.run_on_commit:
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, callback, _robust in pending:
                callback()

    return run


@pytest.fixture
def wagtail_root(transactional_db):
    """For transactional tests: the rows Wagtail's migrations create and an earlier
    transactional test's flush removed (the default locale, the root of the page tree)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Locale

    # A flush recreates the content types under new ids; forget the ones cached before it.
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", title_en="Root", slug_en="root"))


@pytest.fixture
def tree(db):
    """Root → home → partners → city; home → collections → one collection; indexes."""
    return build_tree()


def build_tree() -> SimpleNamespace:
    """The ``tree`` fixture's pages (also used by the benchmarks)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    partners = PartnersIndexPageFactory(parent=home)
    city = PartnerCityPageFactory(parent=partners, title="Marseille", slug="marseille")
    institution = InstitutionFactory(city=city, code="mmp", name_en="Museum of Harbour Memories")
    collections = CollectionIndexPageFactory(parent=home)
    collection = CollectionPageFactory(parent=collections, institution=institution, title="Letters", slug="letters")
    oral = OralHistoryIndexPageFactory(parent=home)
    exhibitions = ExhibitionIndexPageFactory(parent=home)
    return SimpleNamespace(
        root=root,
        home=home,
        site=site,
        partners=partners,
        city=city,
        institution=institution,
        collections=collections,
        collection=collection,
        oral_histories=oral,
        exhibitions=exhibitions,
    )


@contextmanager
def count_queries():
    """The SQL run inside the block (counted as it runs, whatever the query log holds)."""
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield queries
