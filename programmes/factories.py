"""Factories for programmes: the section, series, events, their venues and features.

An event in Marseille on a fixed date (no wall clock), run by a museum, presenting an
exhibition, as an occurrence of a festival series::

    festival = SeriesPageFactory(parent=index, title="Festival of Two Shores")
    event = EventPageFactory(
        parent=index, series=festival, starts_at=at(2031, 5, 14, 18), hours=3, organisers=[museum]
    )
    EventVenueFactory(event=event, city=marseille, venue_en="Fort Saint-Jean")
    EventFeatureFactory(event=event, page=exhibition)
"""

from __future__ import annotations

import datetime
import zoneinfo

import factory
import wagtail_factories

from .models import EventFeature, EventPage, EventVenue, Kind, ProgrammeIndexPage, SeriesPage

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(year: int, month: int, day: int, hour: int = 18, minute: int = 0, zone: str = "Europe/Paris"):
    """A moment as read on the venue's clock (aware, in ``zone``)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Programmes"
    slug = "programmes"


class SeriesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SeriesPage

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    kind = Kind.FESTIVAL
    recurrence_en = "Every spring, alternating between Marseille and Hamburg."


class EventPageFactory(wagtail_factories.PageFactory):
    """An event starting at ``starts_at`` (default 14 May 2031, 18:00 in Paris) and lasting
    ``hours`` (default 2); ``organisers=[…]`` and ``communities=[…]`` name who runs it."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    class Params:
        hours = 2

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Kind.WORKSHOP
    summary_en = "Bring a memory and a photograph."
    languages = "fr, ar"
    time_zone = "Europe/Paris"
    starts_at = factory.LazyFunction(lambda: at(2031, 5, 14, 18))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=o.hours))

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)
            self.save()

    @factory.post_generation
    def communities(self, create, extracted, **kwargs):
        if create and extracted:
            self.communities.set(extracted)
            self.save()


class EventVenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventVenue

    venue_en = factory.Sequence(lambda n: f"Hall {n}")
    sort_order = factory.Sequence(lambda n: n)


class EventFeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventFeature

    sort_order = factory.Sequence(lambda n: n)
