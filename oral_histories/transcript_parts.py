"""Long transcripts a part at a time (issue 16).

A two-hour interview is some 3,000 transcript lines and a long one far more (a
123,000-cue file made some 47 MB of HTML when the page held every line). So the
oral-history page shows one *window* of its transcripts, a span of time
[``start``, ``end``) holding at most :func:`part_lines` lines of each transcript
(``HERITAGE_TRANSCRIPT_PART_LINES``, default 150), and the rest comes on demand:
``views.transcript_part`` answers the window before or after (or around a moment) as
JSON with each transcript's lines rendered by the page's own template, which the
player (``static/oral_histories/player.js``) adds as the reader scrolls near either
end or the recording plays or seeks past what is there; without JavaScript, "Previous
part" and "Next part" links load the page with ``?until=``/``?from=``.

A window is the same for every transcript of the recording (the original and its
translations cut at the same times, so the one beside the other stays aligned):

- ``from=a`` (the page without parameters: ``a`` = 0): each transcript's first
  ``N + 1`` lines from ``a`` (one ``LIMIT`` query each, on the (transcript, start)
  index); the window ends where the first transcript to have more than ``N`` of them
  has its ``N + 1``-th line. The next window starts exactly there.
- ``until=b``: the same backwards, each transcript's last ``N + 1`` lines before
  ``b``; the window starts at the latest time that keeps at most ``N`` lines of each.
- ``at=t`` (the page's ``?t=``, a seek far away): a window that holds the line heard at
  ``t`` with a quarter of a part before it (:func:`lead_lines`), so a deep link shows
  its line with what led to it; when the first window holds ``t``, it is simply the
  first window (a short transcript is never cut for a ``?t=``).

Only the window's rows are read, whatever the transcript's length, with one more query
to know whether anything comes before (or after) it. Consent and redaction are the
page's: the view asks what the captions ask (``views._recording``) and reads the same
transcripts (:func:`page_transcripts`); lines are filtered by
``consent.visible_window``, the very rule of ``consent.visible_segments``. When
passages are redacted, that rule needs every line's times (a line without an end runs
until the next one; a line withheld for a passage widens its marker), so for those
recordings the times (never the text) of every line are read too: each window then
shows exactly what the whole transcript shows between its times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import gettext as _

from heritage.templatetags.heritage_tags import clock

from .consent import redaction_gaps, visible_window
from .models import Segment

DEFAULT_PART_LINES = 150


def part_lines() -> int:
    """How many lines of each transcript a window holds at most."""
    return max(1, int(getattr(settings, "HERITAGE_TRANSCRIPT_PART_LINES", DEFAULT_PART_LINES)))


def lead_lines(size: int) -> int:
    """How many lines come before the moment's line in a window opened at a moment."""
    return size // 4


def page_transcripts(recording):
    """The transcripts the oral-history page shows, and so the only ones the part view
    may serve: one queryset for both."""
    return recording.transcripts.all()


def seconds_param(value) -> float | None:
    """A window's bound from a query string (seconds, as the page writes them), or None
    when it is missing or not a finite number of seconds from 0."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _bound(number: float) -> str:
    """A bound as written in a URL: the float's shortest exact form, so the next window
    starts exactly where this one ends (``repr`` round-trips)."""
    return repr(float(number))


@dataclass
class Window:
    """What the page (or the part view) shows of a recording's transcripts."""

    start: float
    end: float | None  # None: up to the end
    has_previous: bool
    #: transcript pk → its visible lines in the window (``consent.visible_window``)
    lines: dict[int, list] = field(default_factory=dict)
    #: transcript pk → the footnotes a reader may see (``Transcript.shown_footnotes``)
    notes: dict[int, list[dict]] = field(default_factory=dict)
    duration: float = 0.0

    @property
    def has_next(self) -> bool:
        return self.end is not None

    @property
    def paged(self) -> bool:
        """Is there more than this window (so the page needs its part links)?"""
        return self.has_previous or self.has_next

    @property
    def start_param(self) -> str:
        return _bound(self.start)

    @property
    def end_param(self) -> str:
        return "" if self.end is None else _bound(self.end)

    def previous_query(self) -> str:
        """The page's query string for the window before this one ("" when none)."""
        return "?" + urlencode({"until": _bound(self.start)}) if self.has_previous else ""

    def next_query(self) -> str:
        return "?" + urlencode({"from": _bound(self.end)}) if self.end is not None else ""

    def _clocks(self) -> dict[str, str]:
        long_clock = (self.duration or 0) >= 3600
        end = self.end if self.end is not None else self.duration
        return {
            "start": clock(self.start, long_clock),
            "end": clock(max(end or 0, self.start), long_clock),
            "duration": clock(self.duration or 0, long_clock),
        }

    def label(self) -> str:
        """Where this part sits in the recording, in words."""
        return _("Transcript from %(start)s to %(end)s of %(duration)s") % self._clocks()

    def announcement(self) -> str:
        """What a screen reader hears once the player has added this part."""
        return _("Transcript from %(start)s to %(end)s added.") % self._clocks()


def window(
    recording,
    transcripts,
    *,
    ranges=None,
    start: float | None = None,
    until: float | None = None,
    at: float | None = None,
    size: int | None = None,
) -> Window:
    """The window of ``transcripts`` (``page_transcripts(recording)``, loaded) that
    starts at ``start``, ends at ``until``, or holds the moment ``at`` (the first
    given, else the first window), with each transcript's visible lines and notes."""
    size = size or part_lines()
    ranges = recording.redacted_ranges() if ranges is None else ranges
    transcripts = list(transcripts)
    duration = recording.duration or 0.0
    if not transcripts:
        return Window(0.0, None, False, duration=duration)
    ids = [transcript.pk for transcript in transcripts]
    if start is None and until is None and at is not None:
        start = _lead_in(ids, at, lead_lines(size), size)
    backward = start is None and until is not None
    if backward:
        begin, end, rows, has_previous = _backward(ids, until, size)
    else:
        begin, end, rows = _forward(ids, start or 0.0, size)
        has_previous = begin > 0 and Segment.objects.filter(transcript_id__in=ids, start__lt=begin).exists()

    withheld: dict[int, set[int]] = {}
    gaps: dict[int, list[tuple[float, float]]] = {}
    withheld_positions: dict[int, set[int]] = {}
    if ranges:
        for transcript in transcripts:
            times = list(
                Segment.objects.filter(transcript_id=transcript.pk)
                .order_by()  # any order: the rule sorts the times itself
                .values_list("pk", "position", "start", "end", named=True)
            )
            hidden, gaps[transcript.pk] = redaction_gaps(times, duration, ranges)
            withheld[transcript.pk] = {line.pk for line, out in zip(times, hidden, strict=True) if out}
            withheld_positions[transcript.pk] = {line.position for line, out in zip(times, hidden, strict=True) if out}

    if backward and not (
        Segment.objects.filter(transcript_id__in=ids, start__gte=end).exists()
        or any(gap_start >= end for spans in gaps.values() for gap_start, _gap_end in spans)
    ):
        end = None  # nothing after it: this window runs to the end
    # A redacted passage before the window (its marker) is something before it too.
    has_previous = has_previous or any(gap_start < begin for spans in gaps.values() for gap_start, _end in spans)

    result = Window(begin, end, has_previous, duration=duration)
    for transcript in transcripts:
        lines = visible_window(
            transcript,
            rows[transcript.pk],
            start=begin,
            end=end,
            withheld=withheld.get(transcript.pk, ()),
            gaps=gaps.get(transcript.pk, ()),
        )
        result.lines[transcript.pk] = lines
        result.notes[transcript.pk] = _notes(transcript, lines, withheld_positions.get(transcript.pk, set()))
    return result


def _ordered(transcript_id: int):
    return Segment.objects.filter(transcript_id=transcript_id)


def _lead_in(ids: list[int], moment: float, lead: int, size: int) -> float:
    """Where the window opened at ``moment`` starts. 0 when the first window holds the
    moment (no transcript has more than ``size`` lines up to it); else ``lead`` lines
    before the line heard then, in the transcript where those lines go back least (so
    none has more than ``lead + 1`` lines from there to the moment, and the window, of
    more, reaches past it), and never after any transcript's line heard then. Reads at
    most ``size + 1`` start times of each transcript."""
    latest, heard, beyond_first = 0.0, [], False
    for pk in ids:
        before = list(
            _ordered(pk)
            .filter(start__lte=moment)
            .order_by("-start", "-position")
            .values_list("start", flat=True)[: size + 1]
        )
        if before:
            heard.append(before[0])
        if len(before) > lead:
            latest = max(latest, before[lead])
        beyond_first = beyond_first or len(before) > size
    return min([latest, *heard]) if beyond_first else 0.0


def _forward(ids: list[int], begin: float, size: int) -> tuple[float, float | None, dict[int, list]]:
    """From ``begin``: each transcript's first ``size + 1`` rows, and where the window ends."""
    rows = {pk: list(_ordered(pk).filter(start__gte=begin).order_by("start", "position")[: size + 1]) for pk in ids}
    limits = [found[size].start for found in rows.values() if len(found) > size]
    end = min(limits) if limits else None
    if end is not None and end <= begin:
        # More than ``size`` lines at the window's very first moment: it takes them all,
        # up to the next moment anything starts (never an empty window).
        end = (
            Segment.objects.filter(transcript_id__in=ids, start__gt=begin)
            .order_by("start")
            .values_list("start", flat=True)
            .first()
        )
        for pk in ids:
            window_rows = _ordered(pk).filter(start__gte=begin)
            if end is not None:
                window_rows = window_rows.filter(start__lt=end)
            rows[pk] = list(window_rows.order_by("start", "position"))
    return begin, end, rows


def _backward(ids: list[int], until: float, size: int) -> tuple[float, float, dict[int, list], bool]:
    """Up to ``until``: each transcript's last ``size + 1`` rows before it, where the
    window starts (the latest moment that keeps at most ``size`` lines of each), and
    whether any line starts before that."""
    found = {pk: list(_ordered(pk).filter(start__lt=until).order_by("-start", "-position")[: size + 1]) for pk in ids}
    candidates = []
    for latest in found.values():
        if len(latest) > size:
            left_out = latest[size].start
            later = [row.start for row in latest[:size] if row.start > left_out]
            candidates.append(min(later) if later else left_out)
    begin = max(candidates) if candidates else 0.0
    rows, crowded = {}, False
    for pk, latest in found.items():
        if len(latest) > size and latest[size].start >= begin:
            # More than ``size`` lines at one moment: the window takes them all.
            rows[pk] = list(_ordered(pk).filter(start__gte=begin, start__lt=until).order_by("start", "position"))
            crowded = True
        else:
            rows[pk] = latest[::-1]
    earlier = any(row.start < begin for latest in found.values() for row in latest) or (
        crowded and Segment.objects.filter(transcript_id__in=ids, start__lt=begin).exists()
    )
    return begin, until, rows, earlier


def _notes(transcript, lines: list, withheld_positions: set[int]) -> list[dict]:
    """The footnotes a reader of the whole transcript may see (``Transcript.shown_footnotes``:
    a note only withheld lines refer to is withheld with them), each of ``lines`` given
    its ``footnote_numbers``; lines outside the window stand in by their positions."""
    referenced = {
        position
        for note in transcript.footnotes or ()
        for position in (note.get("lines") or ())
        if isinstance(position, int)
    }
    shown_here = {line.position for line in lines if not getattr(line, "withheld", False)}
    elsewhere = [
        SimpleNamespace(position=position, withheld=False)
        for position in sorted(referenced - shown_here - withheld_positions)
    ]
    return transcript.shown_footnotes([*lines, *elsewhere])
