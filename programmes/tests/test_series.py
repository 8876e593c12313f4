"""Recurring series: each occurrence is its own event page linked to its series."""

import pytest

from programmes.factories import SeriesPageFactory, at
from programmes.models import EventPage

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(world):
    """Every spring, in turn in Marseille, Hamburg and Tunis: 2030 (past), 2031, 2032."""
    series = SeriesPageFactory(
        parent=world.index,
        title="Festival of Two Shores",
        slug="two-shores",
        recurrence_en="Every spring, in turn in Marseille, Hamburg and Tunis.",
    )
    editions = {
        2030: make_event(
            world,
            title="Two Shores 2030",
            series=series,
            city=world.tunis,
            starts_at=at(2030, 4, 25, 10, zone="Africa/Tunis"),
            time_zone="Africa/Tunis",
            hours=50,
            what_happened_en="<p>Three days of music in the medina.</p>",
            participants=1200,
        ),
        2031: make_event(
            world, title="Two Shores 2031", series=series, city=world.marseille, starts_at=at(2031, 5, 22, 10)
        ),
        2032: make_event(
            world,
            title="Two Shores 2032",
            series=series,
            city=world.hamburg,
            time_zone="Europe/Berlin",
            starts_at=at(2032, 5, 20, 10, zone="Europe/Berlin"),
        ),
    }
    return series, editions


def test_occurrences_are_linked_to_their_series(festival):
    series, editions = festival
    assert [event.title for event in series.open_occurrences()] == [
        "Two Shores 2030",
        "Two Shores 2031",
        "Two Shores 2032",
    ]
    assert set(EventPage.objects.filter(series=series)) == set(editions.values())


def test_the_series_page_lists_coming_and_past_editions(client, festival):
    series, _editions = festival
    html = client.get(series.url).content.decode()
    assert "Every spring, in turn in Marseille, Hamburg and Tunis." in html
    coming = html.split('id="editions-heading"')[1].split("</section>")[0]
    past = html.split('id="past-heading"')[1].split("</section>")[0]
    assert coming.index("Two Shores 2031") < coming.index("Two Shores 2032")
    assert "Two Shores 2030" in past and "Two Shores 2030" not in coming


def test_an_edition_names_its_series_and_the_other_editions(client, festival):
    series, editions = festival
    html = client.get(editions[2031].url).content.decode()
    assert f'href="{series.url}"' in html
    others = html.split('id="series-heading"')[1].split("</section>")[0]
    assert "Two Shores 2030" in others and "Two Shores 2032" in others and "Two Shores 2031" not in others
    assert "Tunis" in others and "Hamburg" in others


def test_a_past_edition_keeps_its_record(client, festival):
    _series, editions = festival
    html = client.get(editions[2030].url).content.decode()
    record = html.split('id="record-heading"')[1].split("</section>")[0]
    assert "1,200 people took part." in record or "1200 people took part." in record
    assert "Three days of music in the medina." in record
    # A coming edition has no record yet, whatever was typed in advance.
    editions[2032].what_happened_en = "<p>Written too early.</p>"
    editions[2032].participants = 5
    editions[2032].save()
    assert "Written too early" not in client.get(editions[2032].url).content.decode()


def test_an_unpublished_series_is_not_named(client, festival):
    series, editions = festival
    series.unpublish()
    html = client.get(editions[2031].url).content.decode()
    assert "Festival of Two Shores" not in html and 'id="series-heading"' not in html


def test_an_unpublished_edition_is_not_listed_with_the_others(client, festival):
    series, editions = festival
    editions[2032].unpublish()
    assert "Two Shores 2032" not in client.get(editions[2031].url).content.decode()
    assert "Two Shores 2032" not in client.get(series.url).content.decode()
