"""Dates, status and chapters of an exhibition, from its venues and its story."""

import datetime

import pytest

from exhibitions.blocks import chapter_anchors
from exhibitions.models import ExhibitionPage, ExhibitionVenue, Status, status_between, status_filter
from heritage.factories import InstitutionFactory, PartnerCityPageFactory

TODAY = datetime.date(2026, 11, 22)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("opens", "closes", "status"),
    [
        (TODAY - DAY, TODAY + DAY, Status.CURRENT),
        (TODAY, TODAY, Status.CURRENT),
        (TODAY - DAY, None, Status.CURRENT),
        (None, None, Status.CURRENT),  # online only
        (TODAY + DAY, None, Status.UPCOMING),
        (TODAY - 9 * DAY, TODAY - DAY, Status.PAST),
    ],
)
def test_status_between(opens, closes, status):
    assert status_between(opens, closes, TODAY) == status


def exhibition_with_venues(tree, *venues):
    other = PartnerCityPageFactory(parent=tree.partners)
    exhibition = ExhibitionPage(title="Travelling", slug="travelling")
    exhibition.venues = [
        ExhibitionVenue(city=tree.city if n % 2 == 0 else other, venue=f"Hall {n}", opens_on=o, closes_on=c)
        for n, (o, c) in enumerate(venues)
    ]
    tree.exhibitions.add_child(instance=exhibition)
    exhibition.co_curators.set([tree.institution, InstitutionFactory(city=other)])
    exhibition.save_revision().publish()
    return ExhibitionPage.objects.get(pk=exhibition.pk)


@pytest.mark.django_db
def test_dates_span_the_venues_and_follow_each_publication(tree):
    exhibition = exhibition_with_venues(
        tree, (TODAY - 400 * DAY, TODAY - 300 * DAY), (TODAY - 10 * DAY, TODAY + 60 * DAY)
    )
    assert (exhibition.opens_on, exhibition.closes_on) == (TODAY - 400 * DAY, TODAY + 60 * DAY)
    assert exhibition.status(TODAY) == Status.CURRENT
    assert [venue.status(TODAY) for venue in exhibition.venues.order_by("opens_on")] == ["past", "current"]

    # A new, open-ended stop: the exhibition no longer has a closing date.
    exhibition.venues.add(ExhibitionVenue(city=tree.city, venue="Annex", opens_on=TODAY + 90 * DAY))
    exhibition.save_revision().publish()
    exhibition.refresh_from_db()
    assert exhibition.closes_on is None


@pytest.mark.django_db
def test_status_filter_finds_what_status_says(tree):
    past = exhibition_with_venues(tree, (TODAY - 99 * DAY, TODAY - 9 * DAY))
    for status in Status.values:
        found = set(ExhibitionPage.objects.filter(status_filter(status, TODAY)).values_list("pk", flat=True))
        assert (past.pk in found) == (status == Status.PAST)


@pytest.mark.django_db
def test_a_venue_cannot_close_before_it_opens(tree):
    from django.core.exceptions import ValidationError

    venue = ExhibitionVenue(city=tree.city, venue="Hall", opens_on=TODAY, closes_on=TODAY - DAY)
    with pytest.raises(ValidationError) as error:
        venue.clean()
    assert "closes_on" in error.value.message_dict


@pytest.mark.django_db
def test_chapter_anchors_are_unique_and_readable(tree):
    exhibition = ExhibitionPage(title="Chapters", slug="chapters")
    exhibition.body = [
        {"type": "heading", "value": {"text": "Arrivals", "anchor": "", "institution": None}},
        {"type": "paragraph", "value": "<p>Text</p>"},
        {"type": "heading", "value": {"text": "Arrivals", "anchor": "", "institution": None}},
        {"type": "heading", "value": {"text": "الوصول", "anchor": "", "institution": None}},
        {"type": "heading", "value": {"text": "Work", "anchor": "Quays", "institution": tree.institution.pk}},
    ]
    chapters = chapter_anchors(exhibition.body)
    assert [c["anchor"] for c in chapters] == ["arrivals", "arrivals-2", "الوصول", "quays"]
    assert chapters[3]["institution"] == tree.institution
