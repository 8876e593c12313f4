"""Editors can only build a sensible tree (parent_page_types / subpage_types).

Plain pytest functions over Wagtail's own rules (``allowed_subpage_models``,
``allowed_parent_page_models``, ``can_create_at``), as WagtailPageTestCase checks them.
"""

from wagtail.models import Page

import pytest

from archive.models import ArtifactPage, CollectionIndexPage, CollectionPage
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from heritage.models import HomePage, PartnerCityPage, PartnersIndexPage
from oral_histories.models import OralHistoryIndexPage, OralHistoryPage
from programmes.models import EventPage, ProgrammeIndexPage, SeriesPage


def subpages(model) -> set:
    return set(model.allowed_subpage_models())


def parents(model) -> set:
    return set(model.allowed_parent_page_models())


def test_home_page_takes_only_the_section_indexes():
    assert subpages(HomePage) == {
        PartnersIndexPage,
        CollectionIndexPage,
        OralHistoryIndexPage,
        ExhibitionIndexPage,
        ProgrammeIndexPage,
    }


def test_home_page_lives_at_the_root_only():
    assert parents(HomePage) == {Page}


@pytest.mark.parametrize(
    ("index", "detail"),
    [
        (PartnersIndexPage, PartnerCityPage),
        (CollectionIndexPage, CollectionPage),
        (CollectionPage, ArtifactPage),
        (ExhibitionIndexPage, ExhibitionPage),
    ],
)
def test_each_index_takes_only_its_own_detail_pages(index, detail):
    assert subpages(index) == {detail}
    assert parents(detail) == {index}


def test_the_programme_section_holds_events_and_series():
    assert subpages(ProgrammeIndexPage) == {EventPage, SeriesPage}
    assert parents(EventPage) == {ProgrammeIndexPage}
    assert parents(SeriesPage) == {ProgrammeIndexPage}


def test_oral_history_sections_hold_oral_histories_and_community_sections():
    assert subpages(OralHistoryIndexPage) == {OralHistoryPage, OralHistoryIndexPage}
    assert parents(OralHistoryPage) == {OralHistoryIndexPage}
    assert parents(OralHistoryIndexPage) == {HomePage, OralHistoryIndexPage}


@pytest.mark.parametrize(
    "model", [PartnerCityPage, ArtifactPage, OralHistoryPage, ExhibitionPage, EventPage, SeriesPage]
)
def test_detail_pages_are_leaves(model):
    assert subpages(model) == set()


@pytest.mark.django_db
def test_artifacts_can_be_created_only_in_collections(tree):
    assert ArtifactPage.can_create_at(tree.collection)
    assert not ArtifactPage.can_create_at(tree.home)
    assert not ArtifactPage.can_create_at(tree.city)
    assert not ArtifactPage.can_create_at(tree.collections)


@pytest.mark.django_db
def test_single_instance_pages_cannot_be_added_twice(tree):
    assert not HomePage.can_create_at(tree.root)
    assert not PartnersIndexPage.can_create_at(tree.home)
    assert not CollectionIndexPage.can_create_at(tree.home)
    assert not ExhibitionIndexPage.can_create_at(tree.home)
