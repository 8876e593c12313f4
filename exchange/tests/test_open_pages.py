"""``heritage.visibility``: the SQL test (``open_pages``) and the Python one
(``keep_open``, each page's ``is_open``) agree on every open and closed state, and
``open_pages`` costs the same queries however many pages there are."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory, CollectionPageFactory
from heritage import visibility
from heritage.visibility import closed_subtrees, keep_open, open_pages
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope
from tests.test_sitemap import add_pages  # the same mix of open and closed pages

CLOSED_RECORDINGS = {
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
}


def oral_history(tree, title: str, *, recording: bool = True, **consent):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title=title)
    if recording:
        if consent.get("scope") == Scope.COMMUNITY:
            consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
        RecordingFactory(page=page, **consent)
    return page


def every_state(tree) -> set[str]:
    """A page in every state; returns the titles of those anyone may see."""
    artifact = {"parent": tree.collection, "institution": tree.institution}
    ArtifactPageFactory(title="Open artifact", **artifact)
    ArtifactPageFactory(title="Draft artifact", live=False, **artifact)
    for kind in ("password", "login"):
        page = ArtifactPageFactory(title=f"{kind} artifact", **artifact)
        PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="pw" if kind == "password" else ""
        )
    private = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Private collection")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ArtifactPageFactory(title="Under a private collection", parent=private, institution=tree.institution)
    hidden = CollectionPageFactory(
        parent=tree.collections, institution=tree.institution, title="Unpublished collection"
    )
    ArtifactPageFactory(title="Under an unpublished collection", parent=hidden, institution=tree.institution)
    hidden.unpublish()
    oral_history(tree, "Public recording", scope=Scope.PUBLIC)
    oral_history(tree, "No recording yet", recording=False)
    oral_history(tree, "Embargo ended", scope=Scope.PUBLIC, embargo_until=datetime.date(2000, 1, 1))
    for kind, consent in CLOSED_RECORDINGS.items():
        oral_history(tree, f"{kind} recording", **consent)
    return {
        "Heritage Commons",
        "Partner cities",
        "Marseille",
        "Collections",
        "Letters",
        "Oral histories",
        "Exhibitions",
        "Open artifact",
        "Public recording",
        "No recording yet",
        "Embargo ended",
    }


def titles(pages) -> set[str]:
    return {page.title for page in pages}


@pytest.mark.django_db
def test_open_pages_and_keep_open_agree_on_every_state(tree):
    expected = every_state(tree)
    everything = Page.objects.descendant_of(tree.home, inclusive=True)

    assert titles(open_pages(everything)) == expected
    # keep_open judges what each page type closes; given the live pages in no closed
    # subtree, it keeps exactly what open_pages keeps.
    candidates = everything.live().exclude(closed_subtrees())
    assert titles(keep_open(candidates.specific())) == expected
    assert titles(candidates) - expected == {f"{kind} recording" for kind in CLOSED_RECORDINGS}
    # And one page at a time.
    for page in everything.specific():
        assert visibility.is_open(page) == (page.title in expected), page.title


@pytest.mark.django_db
def test_open_pages_costs_the_same_queries_for_3_or_30_pages(tree, django_assert_num_queries):
    base = len(list(open_pages()))
    add_pages(tree, 0, 3)
    with CaptureQueriesContext(connection) as small:
        few = list(open_pages())
    add_pages(tree, 3, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        many = list(open_pages())
    # Open: 2 of the first 3 pages, 18 of all 30 (artifacts, public and unrecorded oral histories).
    assert len(few) - base == 2
    assert len(many) - base == 18


@pytest.mark.django_db
def test_keep_open_costs_the_same_queries_for_3_or_30_pages(tree, django_assert_num_queries):
    add_pages(tree, 0, 3)
    pages = list(Page.objects.live().specific())
    with CaptureQueriesContext(connection) as small:
        keep_open(pages)
    add_pages(tree, 3, 30)
    pages = list(Page.objects.live().specific())
    with django_assert_num_queries(len(small.captured_queries)):
        kept = keep_open(pages)
    assert sum(1 for page in kept if page.title.startswith("Restricted")) == 0
    assert sum(1 for page in kept if page.title.startswith(("Public", "Unrecorded"))) == 12
