"""Events: status from their dates, languages, times at the venue, what they present."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactPageFactory
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
from oral_histories.models import Scope
from programmes.factories import EventFeatureFactory, EventPageFactory, at
from programmes.models import (
    EventPage,
    Status,
    language_filter,
    normalise_languages,
    on_venue_clock,
    status_at,
    status_filter,
)

from .conftest import NOW, make_event

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("starts", "ends", "status"),
    [
        (NOW + HOUR, NOW + 2 * HOUR, Status.PLANNED),
        (NOW, NOW + HOUR, Status.HAPPENING),
        (NOW - HOUR, NOW, Status.HAPPENING),
        (NOW - 30 * 24 * HOUR, NOW + 30 * 24 * HOUR, Status.HAPPENING),  # a residency under way
        (NOW - 2 * HOUR, NOW - HOUR, Status.PAST),
    ],
)
def test_status_follows_the_dates(starts, ends, status):
    assert status_at(starts, ends, NOW) == status


def test_the_status_filter_agrees_with_each_events_status(world):
    events = [
        make_event(world, starts_at=NOW + HOUR),
        make_event(world, starts_at=NOW - HOUR),
        make_event(world, starts_at=NOW - 5 * HOUR),
    ]
    for status in Status.values:
        found = set(EventPage.objects.filter(status_filter(status, NOW)).values_list("pk", flat=True))
        assert found == {event.pk for event in events if event.status(NOW) == status}


def test_an_event_cannot_end_before_it_starts(world):
    event = EventPageFactory.build(starts_at=at(2031, 5, 14, 18), ends_at=at(2031, 5, 14, 17))
    with pytest.raises(ValidationError) as raised:
        event.clean()
    assert "ends_at" in raised.value.message_dict


def test_languages_are_stored_normalised_and_found_exactly(world):
    assert normalise_languages("FR; ar ,aeb, fr") == "fr, ar, aeb"
    arabic = make_event(world, languages="ar")
    several = make_event(world, languages="fr,aeb ; ar")
    french = make_event(world, languages="fr")
    several.refresh_from_db()
    assert several.languages == "fr, aeb, ar"

    def held_in(code):
        return set(EventPage.objects.filter(language_filter(code)).values_list("pk", flat=True))

    assert held_in("ar") == {arabic.pk, several.pk}
    assert held_in("fr") == {several.pk, french.pk}
    assert held_in("aeb") == {several.pk}
    assert held_in("a") == set()  # a prefix of "ar" or "aeb" is not a language of either


def test_a_bad_time_zone_or_language_is_refused(world):
    event = make_event(world)
    event.time_zone = "Europe/Atlantis"
    event.languages = "French"
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert set(raised.value.message_dict) >= {"time_zone", "languages"}


def test_days_and_times_are_the_venues(world):
    # 23:30 in Tunis on 31 May is 22:30 UTC: still 31 May at the venue.
    event = make_event(world, time_zone="Africa/Tunis", starts_at=at(2031, 5, 31, 23, 30, zone="Africa/Tunis"))
    event.refresh_from_db()
    assert event.starts_at.tzinfo == datetime.UTC
    assert event.local_days() == (datetime.date(2031, 5, 31), datetime.date(2031, 6, 1))
    assert event.local_start.hour == 23


def test_the_admin_form_reads_times_on_the_venues_clock(world):
    """An editor in New York types 18:00 for an evening in Tunis: the form shows and
    stores 18:00 in Tunis (17:00 UTC), not 18:00 in New York."""
    from django.utils import timezone

    tunis = zoneinfo.ZoneInfo("Africa/Tunis")
    event = make_event(world, time_zone="Africa/Tunis", starts_at=at(2031, 5, 14, 18, zone="Africa/Tunis"))
    form_class = EventPage.get_edit_handler().get_form_class()
    with timezone.override("America/New_York"):
        form = form_class(instance=EventPage.objects.get(pk=event.pk), for_user=None)
        assert form.initial["starts_at"] == datetime.datetime(2031, 5, 14, 18, 0)
        typed = timezone.make_aware(datetime.datetime(2031, 6, 1, 18, 0))  # what Django makes of "2031-06-01 18:00"
        stored = on_venue_clock(typed, tunis)
    assert stored.astimezone(datetime.UTC) == datetime.datetime(2031, 6, 1, 17, 0, tzinfo=datetime.UTC)


def test_only_open_pages_are_presented(world):
    """An exhibition, oral history or object is shown while anyone may see it: not a
    draft, not a private one, not a recording that is not public."""
    open_artifact = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Open jug")
    draft = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Draft jug", live=False)
    private = ArtifactPageFactory(parent=world.tree.collection, institution=world.museum, title="Private jug")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    closed = OralHistoryPageFactory(parent=world.tree.oral_histories, title="Closed voice")
    RecordingFactory(page=closed, scope=Scope.RESTRICTED)
    event = make_event(world)
    for page in (closed, draft, open_artifact, private):
        EventFeatureFactory(event=event, page=page)
    assert [page.title for page in EventPage.objects.get(pk=event.pk).presented] == ["Open jug"]
