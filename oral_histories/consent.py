"""Who may hear and read a recording: the one place every surface asks.

``decide(recording, user)`` answers for the page, the media and caption views, the
transcript downloads, listings and related-item blocks; ``public_segments`` is what
the search index and any other anonymous surface (feeds, harvesters) may carry.
A withdrawn recording is gone everywhere at once; a restricted one is heard only
inside the archive; "community only" needs a logged-in member of its community; an
embargo closes everything until its date, whatever the scope. Redacted passages are
left out of every transcript, caption and index, whoever asks, with a marked gap in
their place (``visible_segments``).

People with the ``oral_histories.listen_restricted`` permission (curators) hear
everything but withdrawn recordings on the site, so they can review drafts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Recording, Scope, Segment


@dataclass(frozen=True)
class Decision:
    allowed: bool
    #: Why not: "withdrawn", "embargoed", "restricted", "login" (community only, not
    #: logged in), "community" (logged in, not a member), "review" (added to a published
    #: oral history and not yet approved: ``Recording.awaiting_review``); "" when allowed.
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
    if recording.awaiting_review:
        return Decision(False, "review")
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
    if decision.reason == "review":
        return _("This recording is waiting for the archive's curators to approve it.")
    return _("This recording is kept in the archive and cannot be heard or read online.")


def is_public(recording: Recording, *, today=None) -> bool:
    """May anyone at all, without logging in, hear and read it?"""
    return decide(recording, AnonymousUser(), today=today).allowed


def public_recordings(*, today=None):
    """The recordings ``is_public`` says yes to, as a queryset (the same rules in SQL):
    not withdrawn, not awaiting review, not under embargo, public scope."""
    today = today or timezone.localdate()
    return Recording.objects.filter(withdrawn_at__isnull=True, awaiting_review=False, scope=Scope.PUBLIC).exclude(
        embargo_until__gt=today
    )


#: How much a line may share with a redacted passage and still be shown: an instant
#: (times are kept to the millisecond), so a line that ends where the passage starts,
#: or starts where it ends, stays; one that runs into it by more is withheld whole.
EDGE = 0.001


def visible_segments(recording: Recording, transcript, *, ranges=None) -> list[Segment]:
    """A transcript's lines less every redacted passage, with a marked gap where
    something was withheld (``ranges``: the recording's redactions, when the caller has
    them already).

    The rule. A line's words carry no times of their own, only the line's: so a line
    whose time shares more than an instant (:data:`EDGE`) with a redacted passage is
    withheld whole, since any of its words may have been spoken inside it; a line that
    only touches the passage (ends where it starts, starts where it ends) is shown. A
    line without an end runs until the next line starts (the last until the end of the
    recording), so a line that runs on into a passage is withheld too.

    The gap. In place of what was withheld comes one marker line (``withheld`` true,
    text "[passage withheld]" in the transcript's language where the site has it, else
    in the visitor's), from the start of the passage or of the first line withheld for
    it, whichever is earlier, to the end of the passage or of the last such line: it
    says truthfully how much of the transcript is missing. Every redacted passage gets
    its marker, whether or not a line fell inside it (its sound is silenced)."""
    ranges = recording.redacted_ranges() if ranges is None else ranges
    segments = list(transcript.segments.all())
    for segment in segments:
        segment.withheld = False
    if not ranges:
        return segments
    withheld, gaps = redaction_gaps(segments, recording.duration, ranges)
    kept = [segment for segment, hidden in zip(segments, withheld, strict=True) if not hidden]
    markers = [_marker(transcript, start, end) for start, end in gaps]
    return sorted([*kept, *markers], key=lambda line: (line.start, not line.withheld))


def redaction_gaps(lines, duration: float, ranges) -> tuple[list[bool], list[tuple[float, float]]]:
    """The rule of :func:`visible_segments` on a transcript's lines (anything with
    ``start`` and ``end``: rows, or only their times): for each line whether it is
    withheld, and the gaps that stand for what was withheld (each redacted passage
    merged with the lines withheld for it). ``lines`` must be all of the transcript's
    lines: a line without an end runs until the next one starts."""
    ends = _running_ends(lines, duration)
    withheld: list[bool] = []
    gaps: list[list[float]] = [[float(start), float(end)] for start, end in ranges]
    for line, end in zip(lines, ends, strict=True):
        hidden = any(_withheld(line.start, end, start, stop) for start, stop in ranges)
        withheld.append(hidden)
        if hidden:
            gaps.append([line.start, end])
    return withheld, _merged(gaps)


def visible_window(transcript, rows, *, start: float, end: float | None, withheld=(), gaps=()) -> list[Segment]:
    """The part of :func:`visible_segments` whose lines start in [``start``, ``end``)
    (``end`` None: up to the end), without reading the rest of the transcript's rows:
    ``rows`` are its rows in time order (those outside the window are dropped);
    ``withheld`` (the primary keys of withheld lines) and ``gaps`` come from
    :func:`redaction_gaps` over every line's times, so a window shows exactly what the
    whole transcript shows between those times: the same lines, the same markers, each
    marker in the window where it starts (``oral_histories.transcript_parts``)."""

    def inside(moment: float) -> bool:
        return moment >= start and (end is None or moment < end)

    kept = []
    for row in rows:
        if inside(row.start) and row.pk not in withheld:
            row.withheld = False
            kept.append(row)
    markers = [_marker(transcript, gap_start, gap_end) for gap_start, gap_end in gaps if inside(gap_start)]
    if not markers:
        return kept
    return sorted([*kept, *markers], key=lambda line: (line.start, not line.withheld))


def _running_ends(segments: list[Segment], duration: float) -> list[float]:
    """Each line's end: its own, else the next line's start, else the recording's end."""
    starts = sorted(segment.start for segment in segments)
    ends = []
    for segment in segments:
        if segment.end is not None:
            ends.append(max(segment.end, segment.start))
            continue
        following = bisect_right(starts, segment.start)
        ends.append(starts[following] if following < len(starts) else max(duration or 0, segment.start))
    return ends


def _withheld(start: float, end: float, passage_start: float, passage_end: float) -> bool:
    if end <= start:  # a line at one instant: withheld if that instant is inside the passage
        return passage_start <= start < passage_end
    return min(end, passage_end) - max(start, passage_start) > EDGE


def _merged(spans: list[list[float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _marker(transcript, start: float, end: float) -> Segment:
    """The line that stands for a withheld passage (never saved)."""
    codes = {code for code, _name in settings.LANGUAGES}
    language = transcript.language if transcript.language in codes else translation.get_language()
    with translation.override(language):
        text = _("[passage withheld]")
    marker = Segment(transcript=transcript, position=0, start=start, end=end, speaker="", text=text)
    marker.withheld = True
    marker.lang = language
    return marker


def public_segments(recording: Recording, *, today=None) -> Iterator[tuple[str, Segment]]:
    """(language, segment) for every line anyone may read, a marker line (``withheld``)
    for each passage withheld (``visible_segments``): nothing unless the recording is public."""
    if not is_public(recording, today=today or timezone.localdate()):
        return
    ranges = recording.redacted_ranges()
    for transcript in recording.transcripts.prefetch_related("segments"):
        for segment in visible_segments(recording, transcript, ranges=ranges):
            yield transcript.language, segment
