"""Core models shared by every app: the home page, partner cities, institutions and
the controlled vocabularies (themes, places, people, rights statements).

Visitor-facing text is translated by django-modeltranslation (see ``translation.py``):
each registered field gets ``<name>_en``, ``<name>_fr``, ``<name>_de`` and ``<name>_ar``
columns, and reading ``<name>`` returns the active language with fallback.
"""

from .base import GeoMixin, HeritagePage, RightsMixin, SectionIndexPage, site_navigation
from .outbox import OutboxCursor, PageChange
from .pages import HomePage, PartnerCityPage, PartnersIndexPage, SisterCityLink
from .tasks import ScheduledRun, TrackedJob, WorkerHeartbeat
from .vocabularies import Institution, Person, Place, RightsStatement, Theme

__all__ = [
    "GeoMixin",
    "HeritagePage",
    "HomePage",
    "Institution",
    "OutboxCursor",
    "PageChange",
    "PartnerCityPage",
    "PartnersIndexPage",
    "Person",
    "Place",
    "RightsMixin",
    "RightsStatement",
    "ScheduledRun",
    "SectionIndexPage",
    "SisterCityLink",
    "Theme",
    "TrackedJob",
    "WorkerHeartbeat",
    "site_navigation",
]
