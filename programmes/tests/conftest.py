"""Shared fixtures: three partner cities, a programme section, and "now" frozen.

"Now" is 14 May 2031, 10:00 UTC (``frozen``): events are created on fixed dates
around it and the calendar is asked for explicit months, so no test reads the wall
clock.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from heritage.factories import InstitutionFactory, PartnerCityPageFactory
from oral_histories.factories import CommunityFactory
from programmes import clock
from programmes.factories import EventPageFactory, EventVenueFactory, ProgrammeIndexPageFactory, at

NOW = datetime.datetime(2031, 5, 14, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the programmes' clock and Django's "today" at :data:`NOW`."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, timezone=None: NOW.date() if value is None else localdate(value)
    )
    return NOW


@pytest.fixture
def world(tree, frozen):
    """Marseille (the tree's city and museum), Hamburg with its archive, Tunis; a
    community; the programme section."""
    hamburg = PartnerCityPageFactory(parent=tree.partners, title="Hamburg", slug="hamburg", country_en="Germany")
    tunis = PartnerCityPageFactory(parent=tree.partners, title="Tunis", slug="tunis", country_en="Tunisia")
    archive = InstitutionFactory(city=hamburg, code="hafen-archiv", name_en="Archive of Harbour Labour")
    community = CommunityFactory(slug="tunisians-of-marseille", name_en="Tunisians of Marseille")
    index = ProgrammeIndexPageFactory(parent=tree.home, title="Programmes", slug="programmes")
    return SimpleNamespace(
        tree=tree,
        marseille=tree.city,
        hamburg=hamburg,
        tunis=tunis,
        museum=tree.institution,
        archive=archive,
        community=community,
        index=index,
    )


def make_event(world, *, city=None, venue="Fort Saint-Jean", **kwargs):
    """An event under the world's programme section with one venue (default Marseille)."""
    kwargs.setdefault("parent", world.index)
    event = EventPageFactory(**kwargs)
    EventVenueFactory(event=event, city=city or world.marseille, venue_en=venue)
    return event


__all__ = ["NOW", "at", "make_event"]
