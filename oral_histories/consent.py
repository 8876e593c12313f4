"""Who may hear and read a recording: the one place every surface asks.

``decide(recording, user)`` answers for the page, the media and caption views, the
transcript downloads, listings and related-item blocks; ``public_segments`` is what
the search index and any other anonymous surface (feeds, harvesters) may carry.
A withdrawn recording is gone everywhere at once; a restricted one is heard only
inside the archive; "community only" needs a logged-in member of its community; an
embargo closes everything until its date, whatever the scope. Redacted passages are
left out of every transcript, caption and index, whoever asks.

People with the ``oral_histories.listen_restricted`` permission (curators) hear
everything but withdrawn recordings on the site, so they can review drafts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Recording, Scope, Segment


@dataclass(frozen=True)
class Decision:
    allowed: bool
    #: Why not: "withdrawn", "embargoed", "restricted", "login" (community only, not
    #: logged in), "community" (logged in, not a member); "" when allowed.
    reason: str = ""
    embargo_until: object = None

    @property
    def message(self) -> str:
        return explain(self)


def decide(recording: Recording, user=None, *, today=None) -> Decision:
    user = user or AnonymousUser()
    if recording.is_withdrawn:
        return Decision(False, "withdrawn")
    if user.is_authenticated and user.has_perm("oral_histories.listen_restricted"):
        return Decision(True)
    if recording.is_embargoed(today):
        return Decision(False, "embargoed", embargo_until=recording.embargo_until)
    if recording.scope == Scope.PUBLIC:
        return Decision(True)
    if recording.scope == Scope.COMMUNITY and recording.community_id:
        if not user.is_authenticated:
            return Decision(False, "login")
        if recording.community.has_member(user):
            return Decision(True)
        return Decision(False, "community")
    return Decision(False, "restricted")


def explain(decision: Decision) -> str:
    if decision.allowed:
        return ""
    if decision.reason == "withdrawn":
        return _("This recording has been withdrawn at the narrator's request.")
    if decision.reason == "embargoed":
        return _("This recording is under embargo until %(date)s.") % {
            "date": date_format(decision.embargo_until, "DATE_FORMAT")
        }
    if decision.reason == "login":
        return _("This recording is shared with its community only. Members can listen after logging in.")
    if decision.reason == "community":
        return _("This recording is shared with its community only.")
    return _("This recording is kept in the archive and cannot be heard or read online.")


def is_public(recording: Recording, *, today=None) -> bool:
    """May anyone at all, without logging in, hear and read it?"""
    return decide(recording, AnonymousUser(), today=today).allowed


def public_recordings(*, today=None):
    """The recordings ``is_public`` says yes to, as a queryset (the same rules in SQL):
    not withdrawn, not under embargo, public scope."""
    today = today or timezone.localdate()
    return Recording.objects.filter(withdrawn_at__isnull=True, scope=Scope.PUBLIC).exclude(embargo_until__gt=today)


def visible_segments(recording: Recording, transcript, *, ranges=None) -> list[Segment]:
    """A transcript's lines less every redacted passage (``ranges``: the recording's
    redactions, when the caller has them already)."""
    ranges = recording.redacted_ranges() if ranges is None else ranges
    return [
        segment
        for segment in transcript.segments.all()
        if not any(
            segment.start < end and (segment.end if segment.end is not None else segment.start) >= start
            for start, end in ranges
        )
    ]


def public_segments(recording: Recording, *, today=None) -> Iterator[tuple[str, Segment]]:
    """(language, segment) for every line anyone may read: nothing unless the recording is public."""
    if not is_public(recording, today=today or timezone.localdate()):
        return
    ranges = recording.redacted_ranges()
    for transcript in recording.transcripts.prefetch_related("segments"):
        for segment in visible_segments(recording, transcript, ranges=ranges):
            yield transcript.language, segment
