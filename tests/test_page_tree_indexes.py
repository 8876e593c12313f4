"""What every page asks of the page table costs the same whatever the size of the site
(issue 15): the site's navigation, routing to a page by its translated slug, and the
closed paths of ``heritage.visibility``.

Work is counted, never timed: SQLite's virtual-machine instructions for the statements
(``set_progress_handler``), which grow with the rows the engine reads even when it
returns one; and the query plans (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on
PostgreSQL) name the indexes of ``heritage`` migration 0006.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Page

import pytest

from archive.tests.test_listing_scale import engine_work, fill
from heritage.models.base import children_of, site_navigation
from heritage.visibility import closed_paths

pytestmark = pytest.mark.django_db

migration = importlib.import_module("heritage.migrations.0006_page_tree_indexes")

sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="counts SQLite's virtual-machine instructions (set_progress_handler)"
)


def steps(action) -> int:
    with engine_work() as statements:
        action()
    return sum(statement["steps"] for statement in statements)


def grows(action, fill_more) -> tuple[int, int]:
    """The engine's work for ``action``, then again after ``fill_more``."""
    steps(action)  # warm: content types, the locale
    alone = steps(action)
    fill_more()
    return alone, steps(action)


def route_to(page, slug: str, language: str = "en"):
    request = RequestFactory().get("/")
    with translation.override(language):
        return page.specific.route(request, [slug])


@pytest.fixture
def site(tree):
    """The tree, its collection holding 3 artifacts; ``fill_more`` adds 300 beside them."""
    from archive.models import ArtifactPage
    from heritage.factories import ThemeFactory

    ThemeFactory(slug="music", name_en="Music")
    ThemeFactory(slug="work", name_en="Work")
    tree.collections.show_in_menus = True
    tree.collections.save(update_fields=["show_in_menus"])
    fill(tree.collection, 3, first=90000)
    collection = Page.objects.get(pk=tree.collection.pk).specific  # numchild as the importer left it
    artifact = ArtifactPage.objects.get(accession_number="SCALE.90001")
    return SimpleNamespace(tree=tree, artifact=artifact, fill_more=lambda: fill(collection, 300), collection=collection)


@sqlite_only
def test_the_site_navigation_reads_no_page_below_the_home_pages_children(site):
    """``path__startswith`` (``LIKE``) read every page of the site on every page."""
    alone, beside_300 = grows(lambda: site_navigation(page=site.artifact), site.fill_more)
    assert beside_300 <= alone * 1.1 + 5, (alone, beside_300)


def test_the_site_navigation_lists_the_home_pages_children_in_menus(site):
    home = site.tree.collections.get_parent()
    expected = list(home.get_children().live().public().in_menu().order_by("path"))
    assert expected, "the tree has a section in menus"
    items = site_navigation(page=site.artifact)
    assert [item.pk for item in items] == [page.pk for page in expected]
    assert [item.active for item in items] == [site.artifact.path.startswith(page.path) for page in expected]


def test_children_of_finds_what_child_of_finds(site):
    for parent in (site.tree.collections.get_parent(), site.collection, site.artifact):
        assert list(children_of(Page.objects.all(), parent).order_by("path")) == list(
            Page.objects.child_of(parent).order_by("path")
        )


@sqlite_only
@pytest.mark.parametrize("language", ["en", "fr"])
def test_routing_to_an_artifact_reads_none_of_its_siblings(site, language):
    """The child was matched on ``slug_<lang>`` within the range of its parent's
    subtree, reading every sibling: 300 artifacts more made routing to one cost more.
    In French the artifacts have no French slug: the English one answers."""
    from django.http import Http404

    slug = site.artifact.slug_en
    assert route_to(site.collection, slug, language).page.pk == site.artifact.pk

    def routes() -> None:
        route_to(site.collection, slug, language)
        # A slug no child has: the whole range was read (a match stopped the walk
        # early, a miss, or a child late in path order, did not).
        with pytest.raises(Http404):
            route_to(site.collection, "no-such-artifact", language)

    alone, beside_300 = grows(routes, site.fill_more)
    assert beside_300 <= alone * 1.1 + 5, (alone, beside_300)


def test_routing_finds_a_translated_slug_and_falls_back_to_the_english_one(site):
    from django.http import Http404

    artifact = site.artifact
    artifact.slug_fr = "malle-de-voyage"
    artifact.save_revision().publish()
    assert route_to(site.collection, "malle-de-voyage", "fr").page.pk == artifact.pk
    with pytest.raises(Http404):
        route_to(site.collection, artifact.slug_en, "fr")  # it has a French slug: the English one is not it
    other = site.collection.get_children().exclude(pk=artifact.pk).first()
    assert route_to(site.collection, other.slug_en, "fr").page.pk == other.pk
    with pytest.raises(Http404):
        route_to(site.collection, "malle-de-voyage", "en")


@sqlite_only
def test_the_closed_paths_read_no_published_page(site):
    """``NOT live AND numchild > 0`` read the whole page table on every page."""
    alone, beside_300 = grows(closed_paths, site.fill_more)
    assert beside_300 <= alone * 1.1 + 5, (alone, beside_300)


def test_the_closed_paths_are_the_unpublished_parents_and_the_restricted_pages(site):
    from wagtail.models import PageViewRestriction

    site.collection.unpublish()
    PageViewRestriction.objects.create(page=site.tree.partners, restriction_type=PageViewRestriction.LOGIN)
    lonely_draft = site.artifact
    lonely_draft.unpublish()  # no children: closes nothing but itself
    assert sorted(closed_paths()) == sorted([site.collection.path, site.tree.partners.path])


# --- the plans --------------------------------------------------------------------------


def statements(site) -> dict[str, tuple[str, list]]:
    """The SQL of each query these indexes serve, with its parameters."""

    def sql(queryset):
        compiled, params = queryset.query.sql_with_params()
        return compiled, list(params)

    route = []

    def record(execute, sql, params, many, context):
        route.append((sql, list(params)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        route_to(site.collection, site.artifact.slug_en, "fr")
    home = site.tree.collections.get_parent()
    return {
        "navigation": sql(children_of(Page.objects.live().in_menu(), home).order_by("path")),
        "route": route[0],  # the child by its slug; then its specific page
        "closed": sql(Page.objects.filter(live=False, numchild__gt=0).order_by().values_list("path", flat=True)),
    }


EXPECTED_INDEX = {
    "navigation": migration.DEPTH_PATH,
    "route": migration.slug_index("fr"),
    "closed": migration.CLOSED,
}


def plan(sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test tables are tiny: a sequential scan would win. Whether the
            # planner *can* answer from the index is the question.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.parametrize("query", sorted(EXPECTED_INDEX))
def test_the_query_plans_use_the_indexes(site, query):
    site.fill_more()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wagtailcore_page")  # the planner's statistics: 300 siblings
    sql, params = statements(site)[query]
    text = plan(sql, params)
    assert EXPECTED_INDEX[query] in text, text
    if query == "route":  # the English fallback of the same statement
        assert migration.slug_index("en") in text, text


def test_the_migration_drops_and_remakes_its_indexes():
    """Reversible: ``drop`` removes every index it made, ``create`` makes them again
    (the translated slug columns, which hold the slugs, stay)."""

    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "wagtailcore_page")
        return {name for name in found if name.startswith("heritage_page_")}

    made = {migration.DEPTH_PATH, migration.CLOSED, *(migration.slug_index(code) for code in migration.languages())}
    assert indexes() == made
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name, execute=execute)
    migration.drop(None, editor)
    assert indexes() == set()
    migration.create(None, editor)
    assert indexes() == made


def execute(sql: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
