"""The one place the programmes ask what time it is.

An event's status (planned, happening, past) and the calendar's default month follow
from "now"; tests replace :func:`now` (``monkeypatch.setattr(clock, "now", …)``) instead
of reading the wall clock.
"""

from __future__ import annotations

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()
