"""Programmes: the partnership's events (festivals, residencies, exchanges, story
circles…), their recurring series, and the calendar that lists them."""

from .events import (
    EventFeature,
    EventPage,
    EventVenue,
    Kind,
    Status,
    language_filter,
    normalise_languages,
    on_venue_clock,
    status_at,
    status_filter,
)
from .index import ProgrammeIndexPage
from .series import SeriesPage

__all__ = [
    "EventFeature",
    "EventPage",
    "EventVenue",
    "Kind",
    "ProgrammeIndexPage",
    "SeriesPage",
    "Status",
    "language_filter",
    "normalise_languages",
    "on_venue_clock",
    "status_at",
    "status_filter",
]
