"""Import and export of timecoded oral-history transcripts.

Community historians upload transcripts in four formats:

* WebVTT (``.vtt``, https://www.w3.org/TR/webvtt1/): cues with start and end times,
  speakers as ``<v Name>`` (a cue in which several voices speak gives one segment per
  voice), ``NOTE``, ``STYLE`` and ``REGION`` blocks skipped;
* SubRip (``.srt``): numbered cues with ``hh:mm:ss,mmm`` times;
* OHMS XML (``.xml``), the export of the Oral History Metadata Synchronizer: catalogue
  metadata, a transcript synchronised minute by minute through ``<sync>`` (or, from
  OHMS 6, a WebVTT transcript in ``<vtt_transcript>``), and index points with
  synopses, keywords, subjects and places;
* text (``.txt``): lines that begin with ``[hh:mm:ss]``, Trint's ``Speaker [hh:mm:ss]
  text`` and Otter's ``Speaker  h:mm:ss`` headings each start a segment.

The WebVTT and SubRip parsers are our own strict line-based readers rather than
webvtt-py or srt: those libraries accept or repair what is wrong (webvtt-py reads
``1:2:3.4`` as a time) or fail without a line and a reason (srt names a character
offset), while a historian fixing a file needs the line number and the reason of every
refusal. A file is imported whole or refused with a :class:`TranscriptError`.

The writers produce WebVTT and SubRip for the players, leaving out every segment that
touches a redacted stretch of the recording.
"""

from __future__ import annotations

import dataclasses
import html
import math
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from xml.etree.ElementTree import Element, TreeBuilder

from django.conf import settings
from django.utils.translation import gettext as _

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

FORMATS = ("webvtt", "srt", "ohms", "text")

# Limits on one transcript file (settings HERITAGE_TRANSCRIPT_MAX_BYTES and
# HERITAGE_TRANSCRIPT_MAX_CUES): a two-hour interview is some 200 KB and 3,000 lines.
DEFAULT_MAX_BYTES = 5 * 1024**2
DEFAULT_MAX_CUES = 20_000
# Seconds a time may run past the measured end of the recording (durations are estimates).
DURATION_TOLERANCE = 1.0

# Seconds a cue lasts in the writers when neither its end nor a next segment says so.
DEFAULT_LAST_CUE_LENGTH = 5.0


@dataclass(frozen=True)
class Segment:
    start: float  # seconds
    end: float | None  # seconds; None when the format gives no end for the last segment
    text: str  # plain text, no markup
    speaker: str = ""
    line: int | None = field(default=None, compare=False)  # where its time is in the file, for refusals
    # The footnotes this line refers to, by number (OHMS ``[[footnote]]1[[/footnote]]``,
    # or ``<c.1>…</c>`` in an OHMS 6 WebVTT transcript).
    notes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Footnote:
    """A note of an OHMS transcript: its number, its text and the address it links to, if any."""

    number: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class IndexPoint:
    start: float
    title: str
    synopsis: str = ""
    keywords: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()  # a place may have coordinates and no name
    partial_transcript: str = ""
    subjects: tuple[str, ...] = ()
    hyperlinks: tuple[tuple[str, str], ...] = ()  # (address, text)


@dataclass
class ParsedTranscript:
    format: str  # one of FORMATS
    segments: list[Segment]
    index_points: list[IndexPoint] = field(default_factory=list)  # only OHMS has them
    metadata: dict[str, str] = field(default_factory=dict)  # OHMS catalogue fields
    #: OHMS: each field of the record as given, repeated fields apart ("interviewee": [...]).
    fields: dict[str, list[str]] = field(default_factory=dict, compare=False)
    footnotes: list[Footnote] = field(default_factory=list, compare=False)
    #: Up to when the text follows the recording (seconds): the end of the last cue, the
    #: last timestamp, or the minute after the last OHMS sync point. None when unknown.
    covered_until: float | None = field(default=None, compare=False)
    #: OHMS: the alternate-language transcript and index (``<transcript_alt>`` with
    #: ``<sync_alt>``, or ``<vtt_transcript_alt>``; the ``_alt`` fields of the index) and
    #: the language the file gives for it (``<transcript_alt_lang>``, as written).
    alternate: ParsedTranscript | None = field(default=None, compare=False)
    alternate_language: str = field(default="", compare=False)
    #: What was read but not kept, or kept only in part, in words for the editor.
    warnings: list[str] = field(default_factory=list, compare=False)


class TranscriptError(ValueError):
    """A transcript that cannot be imported: ``.reason`` says why, ``.line`` where (or None)."""

    def __init__(self, reason: str, *, line: int | None = None):
        self.reason = reason
        self.line = line
        super().__init__(reason if line is None else _("Line %(line)s: %(reason)s") % {"line": line, "reason": reason})


# --- Timestamps ---------------------------------------------------------------------------

# Lenient, for parse_timestamp and plain text: [hh:]mm:ss[.mmm or ,mmm], optionally in brackets.
_ANY_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?")
# WebVTT: [hh:]mm:ss.ttt, hours of two digits or more, exactly three decimals.
_VTT_TIMESTAMP = re.compile(r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})")
# SubRip: hh:mm:ss,mmm (a full stop is accepted too: many tools write one).
_SRT_TIMESTAMP = re.compile(r"(\d{1,}):(\d{2}):(\d{2})[,.](\d{3})")
_VTT_EXAMPLE = "00:01:05.000"
_SRT_EXAMPLE = "00:01:05,000"


def _read_timestamp(value: str, pattern: re.Pattern[str], example: str) -> float:
    match = pattern.fullmatch(value)
    if match is None:
        raise ValueError(
            _("“%(value)s” is not a timestamp such as %(example)s.") % {"value": value, "example": example}
        )
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) >= 60 or int(seconds) >= 60:
        raise ValueError(_("in “%(value)s” the minutes and seconds must be below 60.") % {"value": value})
    total = (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)
    return (total * 1000 + int((fraction or "0").ljust(3, "0"))) / 1000


def parse_timestamp(value: str) -> float:
    """Seconds in "hh:mm:ss.mmm", "mm:ss.mmm", "hh:mm:ss,mmm" or "[hh:mm:ss]"; ValueError otherwise."""
    stripped = value.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        stripped = stripped[1:-1].strip()
    return _read_timestamp(stripped, _ANY_TIMESTAMP, "00:01:05.000")


def format_timestamp(seconds: float, *, separator: str = ".") -> str:
    """3725.5 -> "01:02:05.500" (separator "," for SubRip)."""
    if seconds < 0 or not math.isfinite(seconds):
        raise ValueError(f"A timestamp cannot be {seconds!r} seconds.")
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    whole, milliseconds = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{milliseconds:03d}"


# --- Input ----------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    """UTF-8 text with its BOM removed and every line ending turned into "\\n"."""
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            before = data[: error.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            raise TranscriptError(
                _(
                    "the file is not UTF-8 text (the byte 0x%(byte)s cannot be read). Save it as UTF-8 and upload it again."
                )
                % {"byte": f"{data[error.start]:02X}"},
                line=before.count(b"\n") + 1,
            ) from None
    return _normalise(data)


def _normalise(text: str) -> str:
    """Text without a BOM, every line ending turned into "\\n"."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _no_timed_text() -> TranscriptError:
    return TranscriptError(_("The transcript has no timed text."))


_EXTENSIONS = {".vtt": "webvtt", ".srt": "srt", ".xml": "ohms", ".txt": "text"}
_WEBVTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_SRT_START = re.compile(r"\d+[ \t]*\n[ \t]*\d+:\d{2}:\d{2},\d+[ \t]*-->")


def detect_format(data: str, filename: str = "") -> str:
    """The format of a transcript, from its content when that is unmistakable, else its extension."""
    head = data[:2000].lstrip("\ufeff \t\r\n").replace("\r\n", "\n").replace("\r", "\n")
    if _WEBVTT_HEADER.fullmatch(head.partition("\n")[0]):
        return "webvtt"
    if head.startswith(("<?xml", "<ROOT")):
        return "ohms"
    if _SRT_START.match(head):
        return "srt"
    extension = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    if "-->" in head:
        return "webvtt"  # cues without their header: the WebVTT parser says what is missing
    return "text"


def transcript_limits() -> tuple[int, int]:
    """(bytes, cues) a transcript file may hold: HERITAGE_TRANSCRIPT_MAX_BYTES and _MAX_CUES."""
    return (
        int(getattr(settings, "HERITAGE_TRANSCRIPT_MAX_BYTES", DEFAULT_MAX_BYTES)),
        int(getattr(settings, "HERITAGE_TRANSCRIPT_MAX_CUES", DEFAULT_MAX_CUES)),
    )


def check_size(size: int) -> None:
    """Refuse a file larger than HERITAGE_TRANSCRIPT_MAX_BYTES, before it is read."""
    from .media_files import human_size

    limit = transcript_limits()[0]
    if size > limit:
        raise TranscriptError(
            _(
                "the transcript is %(size)s; the limit is %(limit)s. Split it into parts, "
                "or ask an administrator to raise HERITAGE_TRANSCRIPT_MAX_BYTES."
            )
            % {"size": human_size(size), "limit": human_size(limit)}
        )


def parse(
    data: bytes | str, *, filename: str = "", format: str | None = None, duration: float | None = None
) -> ParsedTranscript:
    """Read a whole transcript or raise TranscriptError.

    `duration` (seconds, the recording's measured length) ends plain text and OHMS, and
    no time in the file may pass it (by more than DURATION_TOLERANCE). The file may not
    be larger than HERITAGE_TRANSCRIPT_MAX_BYTES nor hold more lines than
    HERITAGE_TRANSCRIPT_MAX_CUES.
    """
    check_size(len(data.encode() if isinstance(data, str) else data))
    text = _decode(data)
    if not text.strip():
        raise _no_timed_text()
    if format is None:
        format = detect_format(text, filename)
    if format == "webvtt":
        parsed = parse_webvtt(text)
    elif format == "srt":
        parsed = parse_srt(text)
    elif format == "ohms":
        parsed = _parse_ohms(text, duration=duration)
    elif format == "text":
        parsed = parse_text(text, duration=duration)
    else:
        raise TranscriptError(
            _("“%(format)s” is not a transcript format; use one of %(formats)s.")
            % {"format": format, "formats": ", ".join(FORMATS)}
        )
    _check_cue_count(parsed)
    if duration:
        check_times(parsed, duration)
    return parsed


def _check_cue_count(parsed: ParsedTranscript) -> None:
    if parsed.alternate is not None:
        _check_cue_count(parsed.alternate)
    limit = transcript_limits()[1]
    if len(parsed.segments) > limit:
        raise TranscriptError(
            _(
                "the transcript has %(count)s lines; the limit is %(limit)s. Split it into parts, "
                "or ask an administrator to raise HERITAGE_TRANSCRIPT_MAX_CUES."
            )
            % {"count": f"{len(parsed.segments):,}", "limit": f"{limit:,}"},
            line=parsed.segments[limit].line,
        )


def check_times(parsed: ParsedTranscript, duration: float) -> None:
    """Refuse a line or an index point that starts or ends after the end of the recording."""
    if parsed.alternate is not None:
        check_times(parsed.alternate, duration)
    last = duration + DURATION_TOLERANCE
    for segment in parsed.segments:
        if segment.start > last or (segment.end is not None and segment.end > last):
            late = segment.start if segment.start > last else segment.end
            raise TranscriptError(
                _("this line runs to %(time)s, after the end of the recording (%(duration)s).")
                % {"time": format_timestamp(late), "duration": format_timestamp(duration)},
                line=segment.line,
            )
    for point in parsed.index_points:
        if point.start > last:
            raise TranscriptError(
                _("the index point “%(title)s” starts at %(time)s, after the end of the recording (%(duration)s).")
                % {
                    "title": _shorten(point.title),
                    "time": format_timestamp(point.start),
                    "duration": format_timestamp(duration),
                }
            )


# --- Shared helpers -----------------------------------------------------------------------

_PARTICLES = frozenset({"al", "bin", "ibn", "da", "de", "del", "der", "di", "du", "el", "la", "le", "van", "von", "zu"})
_SPEAKER_LABEL = re.compile(r"([^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3}):\s+(?=\S)")


def _speaker_label(text: str) -> tuple[str, str] | None:
    """("Name", rest) when text begins with "NAME:" or "Capitalised Name:", else None."""
    match = _SPEAKER_LABEL.match(text)
    if match is None:
        return None
    words = match.group(1).split()
    for position, word in enumerate(words):
        inner = 0 < position < len(words) - 1
        if not (word[0].isupper() or (inner and word.lower() in _PARTICLES)):
            return None
    return " ".join(words), text[match.end() :]


def _split_speaker(text: str) -> tuple[str, str]:
    label = _speaker_label(text)
    return label if label else ("", text)


def _clean_lines(text: str) -> str:
    """Lines stripped of surrounding blanks, empty lines dropped."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _blocks(lines: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines, each line with its 1-based number."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block


def _shorten(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cue_times(
    line: str, number: int, pattern: re.Pattern[str], example: str, previous_start: float | None
) -> tuple[float, float]:
    """Start and end of a cue timing line ("start --> end [settings]"), checked."""
    left, _arrow, right = line.partition("-->")
    parts = right.split()
    if not parts:
        raise TranscriptError(_("the cue timing has no end time after “-->”."), line=number)
    try:
        start = _read_timestamp(left.strip(), pattern, example)
        end = _read_timestamp(parts[0], pattern, example)
    except ValueError as error:
        raise TranscriptError(str(error), line=number) from None
    if end < start:
        raise TranscriptError(
            _("the end time %(end)s is before the start time %(start)s.")
            % {"end": format_timestamp(end), "start": format_timestamp(start)},
            line=number,
        )
    if previous_start is not None and start < previous_start:
        raise TranscriptError(
            _("the cue starts at %(start)s, before the previous cue (%(previous)s); cues must be in time order.")
            % {"start": format_timestamp(start), "previous": format_timestamp(previous_start)},
            line=number,
        )
    return start, end


def _check_text_lines(block: Sequence[tuple[int, str]], looks_like_timing: re.Pattern[str]) -> None:
    for number, line in block:
        if looks_like_timing.search(line):
            raise TranscriptError(_("a new cue must be separated from the one before by a blank line."), line=number)


def _end_at_next_start(starts: Sequence[float], last_end: float | None) -> list[float | None]:
    """Each segment ends where the next begins; the last one at `last_end`."""
    ends: list[float | None] = list(starts[1:])
    ends.append(last_end if last_end is not None and (not starts or last_end >= starts[-1]) else None)
    return ends


# --- WebVTT ---------------------------------------------------------------------------------

_VTT_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_VTT_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
_VTT_TAG = re.compile(r"<[^>\n]*>")
_VTT_ARROW = re.compile("-->")


def parse_webvtt(text: str) -> ParsedTranscript:
    lines = _normalise(text).split("\n")
    if not _WEBVTT_HEADER.fullmatch(lines[0]):
        raise TranscriptError(_("a WebVTT file must begin with the line “WEBVTT”."), line=1)
    lines, footnotes = _vtt_annotations(lines)
    segments: list[Segment] = []
    previous_start: float | None = None
    for block in _blocks(lines):
        if block[0][0] == 1:
            _check_vtt_header(block)
            continue
        if _VTT_SKIPPED_BLOCK.match(block[0][1]):
            continue
        cue = _vtt_cue(block, previous_start)
        segments.extend(cue)
        previous_start = cue[0].start
    if not segments:
        raise _no_timed_text()
    warnings: list[str] = []
    segments = _known_notes(segments, footnotes, warnings) if footnotes else _without_notes(segments)
    return ParsedTranscript(
        format="webvtt",
        segments=segments,
        footnotes=footnotes,
        covered_until=max(segment.end or segment.start for segment in segments),
        warnings=warnings,
    )


# OHMS 6 writes the footnotes of a WebVTT transcript after its last cue, in NOTE blocks:
# "NOTE TRANSCRIPTION END", "NOTE ANNOTATIONS BEGIN", then <annotation ref="1">…</annotation>
# for each note, and "NOTE ANNOTATIONS END"; a cue refers to note 1 with <c.1>…</c>.
_VTT_ANNOTATIONS_START = re.compile(r"\s*NOTE\s+(?:TRANSCRIPTION\s+END|ANNOTATIONS\s+BEGIN)\b.*")
_VTT_ANNOTATION = re.compile(
    r"<annotation\s+ref\s*=\s*\"([^\"]*)\"\s*>(.*?)</annotation\s*>", re.DOTALL | re.IGNORECASE
)
_VTT_NOTE_REFERENCE = re.compile(r"<c\.(\d+)(?:\.[^\s>]*)?>")
_NOTE_LINK = re.compile(r"\[\[link\]\](.*?)\[\[/link\]\]", re.DOTALL)
_WEB_ADDRESS = re.compile(r"https?://[^\s/]+\S*", re.IGNORECASE)


def _vtt_annotations(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """The lines with the annotations section blanked out (so line numbers stay), and its notes."""
    start = next((index for index, line in enumerate(lines) if _VTT_ANNOTATIONS_START.fullmatch(line)), None)
    if start is None:
        return lines, []
    section = "\n".join(lines[start:])
    footnotes: list[Footnote] = []
    position = 0
    for match in _VTT_ANNOTATION.finditer(section):
        line = start + section[: match.start()].count("\n") + 1
        _check_unclosed_annotation(section[position : match.start()], start + section[:position].count("\n") + 1)
        position = match.end()
        footnotes.append(_footnote(match.group(1).strip(), html.unescape(match.group(2)), line))
    _check_unclosed_annotation(section[position:], start + section[:position].count("\n") + 1)
    return [*lines[:start], *([""] * (len(lines) - start))], footnotes


def _check_unclosed_annotation(text: str, first_line: int) -> None:
    opened = text.lower().find("<annotation")
    if opened >= 0:
        raise TranscriptError(
            _("the footnote that begins here has no closing </annotation>."),
            line=first_line + text[:opened].count("\n"),
        )


def _footnote(number: str, raw: str, line: int | None) -> Footnote:
    """A note's text and link ("[[link]]https://…[[/link]]"); a link that is not a web address is refused."""
    url = ""
    link = _NOTE_LINK.search(raw)
    if link:
        url = link.group(1).strip()
        if not _WEB_ADDRESS.fullmatch(url):
            raise TranscriptError(
                _("the footnote link “%(value)s” is not a web address beginning with http:// or https://.")
                % {"value": _shorten(url)},
                line=line,
            )
        raw = raw[: link.start()] + raw[link.end() :]
    text = " ".join(_OHMS_MARKUP.sub("", raw).split())
    if not text and not url:
        raise TranscriptError(_("footnote %(number)s is empty.") % {"number": number or "?"}, line=line)
    return Footnote(number=number, text=text, url=url)


def _known_notes(segments: list[Segment], footnotes: list[Footnote], warnings: list[str]) -> list[Segment]:
    """Each line's references to notes the file gives; the others left out, and said."""
    numbers = {note.number for note in footnotes}
    missing: dict[str, None] = {}
    kept = []
    for segment in segments:
        notes = tuple(number for number in segment.notes if number in numbers)
        for number in segment.notes:
            if number not in numbers:
                missing.setdefault(number, None)
        kept.append(dataclasses.replace(segment, notes=notes) if notes != segment.notes else segment)
    if missing:
        warnings.append(
            _("The transcript refers to footnotes it does not give (%(numbers)s); those references were left out.")
            % {"numbers": ", ".join(missing)}
        )
    return kept


def _without_notes(segments: list[Segment]) -> list[Segment]:
    """Without an annotations section, <c.1> is only a style class: no note is meant."""
    return [dataclasses.replace(segment, notes=()) if segment.notes else segment for segment in segments]


def _check_vtt_header(block: Sequence[tuple[int, str]]) -> None:
    for number, line in block[1:]:
        if "-->" in line:
            raise TranscriptError(_("leave a blank line between the WEBVTT header and the first cue."), line=number)


def _missing_timing(number: int, line: str | None, example: str) -> TranscriptError:
    if line is None:
        reason = _("expected a cue timing such as “%(example)s --> %(example)s” after the cue number.")
    else:
        reason = _(
            "expected a cue timing such as “%(example)s --> %(example)s” but found “%(text)s” "
            "(a blank line inside a cue ends the cue)."
        )
    return TranscriptError(reason % {"example": example, "text": _shorten(line or "")}, line=number)


def _vtt_cue(block: Sequence[tuple[int, str]], previous_start: float | None) -> list[Segment]:
    """The cue's segments: one, or one per voice when several speak in it (``<v A>…<v B>…``)."""
    timing_at = 0 if "-->" in block[0][1] else 1  # an optional cue identifier comes first
    if timing_at >= len(block) or "-->" not in block[timing_at][1]:
        raise _missing_timing(*block[0], _VTT_EXAMPLE)
    number, timing = block[timing_at]
    start, end = _cue_times(timing, number, _VTT_TIMESTAMP, _VTT_EXAMPLE, previous_start)
    payload = block[timing_at + 1 :]
    _check_text_lines(payload, _VTT_ARROW)
    raw = "\n".join(line for _number, line in payload)
    voices = list(_VTT_VOICE.finditer(raw))
    if len(voices) <= 1:
        cue_text = _clean_lines(html.unescape(_VTT_TAG.sub("", raw)))
        if not cue_text:
            raise TranscriptError(_("the cue has no text."), line=number)
        if voices:
            speaker = html.unescape(voices[0].group(1)).strip()
        else:
            speaker, cue_text = _split_speaker(cue_text)
        notes = tuple(_VTT_NOTE_REFERENCE.findall(raw))
        return [Segment(start=start, end=end, text=cue_text, speaker=speaker, line=number, notes=notes)]
    bounds = [0, *(voice.start() for voice in voices[1:]), len(raw)]
    segments = []
    for voice, (begin, finish) in zip(voices, pairwise(bounds), strict=True):
        cue_text = _clean_lines(html.unescape(_VTT_TAG.sub("", raw[begin:finish])))
        if cue_text:
            speaker = html.unescape(voice.group(1)).strip()
            notes = tuple(_VTT_NOTE_REFERENCE.findall(raw[begin:finish]))
            segments.append(Segment(start=start, end=end, text=cue_text, speaker=speaker, line=number, notes=notes))
    if not segments:
        raise TranscriptError(_("the cue has no text."), line=number)
    return segments


# --- SubRip -------------------------------------------------------------------------------

_SRT_TAG = re.compile(r"</?(?:b|i|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_SRT_TIMING_LIKE = re.compile(r"^\s*\d+:\d{2}\S*\s*-->")


def parse_srt(text: str) -> ParsedTranscript:
    segments: list[Segment] = []
    previous_start: float | None = None
    for block in _blocks(_normalise(text).split("\n")):
        segment = _srt_cue(block, previous_start)
        segments.append(segment)
        previous_start = segment.start
    if not segments:
        raise _no_timed_text()
    return ParsedTranscript(
        format="srt", segments=segments, covered_until=max(segment.end or segment.start for segment in segments)
    )


def _srt_cue(block: Sequence[tuple[int, str]], previous_start: float | None) -> Segment:
    number, counter = block[0]
    if "-->" in counter:
        raise TranscriptError(_("the cue number is missing before the timing line."), line=number)
    counter = counter.strip()
    if not (counter.isascii() and counter.isdigit()):
        raise TranscriptError(
            _("the cue number “%(value)s” is not a number.") % {"value": _shorten(counter)}, line=number
        )
    if len(block) < 2 or "-->" not in block[1][1]:
        if len(block) == 1:
            raise _missing_timing(number, None, _SRT_EXAMPLE)
        raise _missing_timing(*block[1], _SRT_EXAMPLE)
    number, timing = block[1]
    start, end = _cue_times(timing, number, _SRT_TIMESTAMP, _SRT_EXAMPLE, previous_start)
    payload = block[2:]
    _check_text_lines(payload, _SRT_TIMING_LIKE)
    cue_text = _clean_lines(_SRT_TAG.sub("", "\n".join(line for _number, line in payload)))
    if not cue_text:
        raise TranscriptError(_("the cue has no text."), line=number)
    speaker, cue_text = _split_speaker(cue_text)
    return Segment(start=start, end=end, text=cue_text, speaker=speaker, line=number)


# --- Plain text -----------------------------------------------------------------------------
#
# Three ways of stamping a text, all read by one parser:
#
# * a line that begins with ``[hh:mm:ss]`` (optionally "Name:" after it) starts a segment;
# * Trint: ``Speaker Name [hh:mm:ss] text``, the speaker before the stamp;
# * Otter: ``Speaker Name  h:mm:ss`` alone on a line, the text on the lines below.
#
# Trint and Otter exports may begin with a title (kept as ``metadata["title"]``); a file
# stamped the plain way may not (text before its first stamp would be lost), and
# Otter's closing "Transcribed by https://otter.ai" is left out. ``*emphasis*`` and
# ``**strong**`` marks are removed: segments are plain text.

_TEXT_MARKER = re.compile(r"\s*\[(\d+:[\d:.,]*)\]\s*(.*)")
_TRINT_LINE = re.compile(r"\s*([^\[\]\s][^\[\]]{0,79}?)[ \t]+\[(\d+:[\d:.,]*)\][ \t]*(.*)")
_OTTER_HEADING = re.compile(r"\s*(\S.{0,79}?)[ \t]+(\d{1,2}(?::\d{2}){1,2})[ \t]*")
_OTTER_TRAILER = re.compile(r"\s*Transcribed by https?://otter\.ai/?\s*", re.IGNORECASE)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2})(?=\S)([^*\n]*?\S)\1(?![\w*])")
_NAME_END = re.compile(r"[\w.)’']$")


def _strip_emphasis(text: str) -> str:
    """ "*so*" and "**so**" (Trint's and Markdown's emphasis) become "so"; "5 * 3" is left alone."""
    return _EMPHASIS.sub(r"\2", text) if "*" in text else text


def _looks_like_name(name: str) -> bool:
    """ "Speaker 1", "Fatma Ben Ali", "Dr. Aziz", "فاطمة": at most six words, each capitalised, a
    number, a particle inside the name, or of a script without capitals."""
    words = name.split()
    if not 1 <= len(words) <= 6 or not _NAME_END.search(name):
        return False
    for position, word in enumerate(words):
        first = word[0]
        cased = first.isupper() or first.islower()
        inner = 0 < position < len(words) - 1
        if not (
            first.isupper()
            or first.isdigit()
            or (first.isalpha() and not cased)
            or (inner and word.lower() in _PARTICLES)
        ):
            return False
    return True


def _timed_line(line: str) -> tuple[str, str, str | None] | None:
    """(stamp, text, speaker) when ``line`` starts a segment, speaker None when the line names none
    before its stamp (it may still begin with "Name:")."""
    marker = _TEXT_MARKER.fullmatch(line)
    if marker:
        return marker.group(1), marker.group(2).strip(), None
    trint = _TRINT_LINE.fullmatch(line)
    if trint and _looks_like_name(trint.group(1)):
        return trint.group(2), trint.group(3).strip(), trint.group(1).strip()
    otter = _OTTER_HEADING.fullmatch(line)
    if otter and _looks_like_name(otter.group(1)):
        return otter.group(2), "", otter.group(1).strip()
    return None


@dataclass
class _Draft:
    """A segment being read: its start, the line of its timestamp, its paragraphs of lines."""

    start: float
    line: int
    speaker: str | None = None  # named before the stamp (Trint, Otter), else from a "Name:" label
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, text: str) -> None:
        if text:
            self.paragraphs[-1].append(text)

    def new_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def text(self) -> str:
        return "\n".join(" ".join(lines) for lines in self.paragraphs if lines)


def parse_text(text: str, *, duration: float | None = None) -> ParsedTranscript:
    """`duration` (seconds), when known, ends the last segment; no timestamp may pass it."""
    duration = None if duration is None else round(float(duration), 3)
    rows = _normalise(text).split("\n")
    last = next((i for i in range(len(rows) - 1, -1, -1) if rows[i].strip()), None)
    if last is not None and _OTTER_TRAILER.fullmatch(rows[last]):
        rows = rows[:last]
    drafts: list[_Draft] = []
    preamble: list[tuple[int, str]] = []
    for number, line in enumerate(rows, 1):
        timed = _timed_line(line) if line.strip() else None
        if timed:
            stamp, body, speaker = timed
            if not drafts and preamble and speaker is None:
                raise _text_before_first_timestamp(preamble[0][0])
            start = _marker_time(stamp, number, drafts[-1].start if drafts else None, duration)
            drafts.append(_Draft(start=start, line=number, speaker=speaker))
            drafts[-1].add(body)
        elif not line.strip():
            if drafts:
                drafts[-1].new_paragraph()
        elif not drafts:
            preamble.append((number, line.strip()))
        else:
            drafts[-1].add(line.strip())
    if not drafts:
        if preamble:
            raise _text_before_first_timestamp(preamble[0][0])
        raise _no_timed_text()
    ends = _end_at_next_start([draft.start for draft in drafts], duration)
    metadata = {"title": _strip_emphasis(" ".join(line for _number, line in preamble))} if preamble else {}
    return ParsedTranscript(
        format="text",
        segments=[_draft_segment(d, end) for d, end in zip(drafts, ends, strict=True)],
        metadata=metadata,
        covered_until=drafts[-1].start,  # the last line's end is only the recording's
    )


def _text_before_first_timestamp(number: int) -> TranscriptError:
    return TranscriptError(
        _("the text begins before the first timestamp; start it with a line such as “[00:00:00] …”."), line=number
    )


def _marker_time(value: str, number: int, previous: float | None, duration: float | None) -> float:
    try:
        start = parse_timestamp(value)
    except ValueError as error:
        raise TranscriptError(str(error), line=number) from None
    if previous is not None and start < previous:
        raise TranscriptError(
            _("the timestamp %(start)s goes back before the previous one (%(previous)s).")
            % {"start": format_timestamp(start), "previous": format_timestamp(previous)},
            line=number,
        )
    if duration is not None and start > duration:
        raise TranscriptError(
            _("the timestamp %(start)s is after the end of the recording (%(duration)s).")
            % {"start": format_timestamp(start), "duration": format_timestamp(duration)},
            line=number,
        )
    return start


def _draft_segment(draft: _Draft, end: float | None) -> Segment:
    body = draft.text()
    if not body:
        raise TranscriptError(
            _("the timestamp %(start)s has no text after it.") % {"start": format_timestamp(draft.start)},
            line=draft.line,
        )
    speaker, body = (draft.speaker, body) if draft.speaker is not None else _split_speaker(body)
    return Segment(start=draft.start, end=end, text=_strip_emphasis(body), speaker=speaker, line=draft.line)


# --- OHMS XML -------------------------------------------------------------------------------

_OHMS_SKIPPED_METADATA = frozenset(
    {"transcript", "transcript_alt", "vtt_transcript", "vtt_transcript_alt", "sync", "sync_alt", "index"}
)
_OHMS_SYNC_MARK = re.compile(r"(\d+)\((\d+)\)")
_OHMS_INLINE_MARKER = re.compile(r"\[(\d+:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)\]")
_OHMS_FOOTNOTE_REFERENCE = re.compile(r"\s*\[\[footnote\]\](.*?)\[\[/footnote\]\]")
_OHMS_NOTE = re.compile(r"\[\[note\]\](.*?)\[\[/note\]\]", re.DOTALL)
# A footnote reference travels glued to the word before it, between two private-use
# characters, until the segment's text is gathered (so it never counts as a word).
_NOTE_MARK = re.compile("\ue000([^\ue001]*)\ue001")
# The index's fields in the alternate language, and those kept in one language only.
_OHMS_ALT_POINT_FIELDS = ("title_alt", "synopsis_alt", "keywords_alt", "subjects_alt", "partial_transcript_alt")
_OHMS_ALT_UNKEPT = ("subjects_alt", "gps_text_alt", "hyperlink_text_alt")
# What an index point may hold; anything else with text in it is named in the report.
_OHMS_POINT_FIELDS = frozenset(
    {"time", "title", "partial_transcript", "synopsis", "keywords", "subjects", "gpspoints", "hyperlinks"}
    | {"gps", "gps_zoom", "gps_text", "hyperlink", "hyperlink_text"}
    | set(_OHMS_ALT_POINT_FIELDS)
    | set(_OHMS_ALT_UNKEPT)
)
_OHMS_MARKUP = re.compile(r"\[\[/?[a-z_]+\]\]")


class _LineTreeBuilder(TreeBuilder):
    """An ElementTree builder that remembers the source line of every element."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.expat = None  # the parser's expat object, set once the parser exists

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber
        return element


@dataclass
class _Xml:
    root: Element
    lines: dict[Element, int]

    def line(self, element: Element | None) -> int | None:
        return None if element is None else self.lines.get(element)


def _read_xml(text: str) -> _Xml:
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        problem = str(error).split(":", 1)[0]
        raise TranscriptError(
            _("the XML is not well-formed: %(problem)s (column %(column)s).")
            % {"problem": problem, "column": column + 1},
            line=line,
        ) from None
    except DefusedXmlException:
        raise TranscriptError(
            _("the XML declares entities or a document type, which transcripts may not use."),
            line=parser.parser.CurrentLineNumber,
        ) from None
    return _Xml(root=root, lines=builder.lines)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element | None) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def parse_ohms(text: str) -> ParsedTranscript:
    return _parse_ohms(text, duration=None)


def _parse_ohms(text: str, *, duration: float | None) -> ParsedTranscript:
    """OHMS XML; `duration` (the recording's measured length) wins over the file's <duration>."""
    xml = _read_xml(_normalise(text))
    if _local(xml.root.tag) != "ROOT":
        raise TranscriptError(
            _("this XML is not an OHMS export: its root element is <%(tag)s>, not <ROOT>.")
            % {"tag": _local(xml.root.tag)},
            line=xml.line(xml.root),
        )
    record = _child(xml.root, "record")
    if record is None:
        raise TranscriptError(_("the OHMS export has no <record> element."), line=xml.line(xml.root))
    metadata = _ohms_metadata(record)
    # The recording's measured duration wins over the file's <duration> (typed by hand,
    # or that of another copy of the recording); the file's serves only when none is known.
    known_duration = _ohms_duration(record, xml)
    if duration is not None:
        known_duration = round(float(duration), 3)
    points = [point for index in _children(record, "index") for point in _children(index, "point")]
    index_points = sorted(
        (_ohms_index_point(point, xml, known_duration) for point in points), key=lambda point: point.start
    )
    parsed = _ohms_text(record, xml, known_duration, alternate=False)
    if not parsed.segments and not index_points:
        raise _no_timed_text()
    parsed.index_points = index_points
    parsed.metadata = metadata
    parsed.fields = _ohms_fields(record)
    alternate = _ohms_text(record, xml, known_duration, alternate=True)
    alternate.index_points = sorted(
        (alt for alt in (_ohms_alternate_point(point, start) for point, start in _point_starts(points, xml)) if alt),
        key=lambda point: point.start,
    )
    if alternate.segments or alternate.index_points:
        parsed.alternate = alternate
        parsed.alternate_language = metadata.get("transcript_alt_lang", "")
    parsed.warnings.extend(_ohms_point_warnings(points))
    return parsed


def _ohms_point_warnings(points: list[Element]) -> list[str]:
    """What the index gives that is not kept: each kind named once."""
    found: dict[str, None] = {}
    for point in points:
        for child in point.iter():
            name = _local(child.tag)
            if child is not point and (child.text or "").strip():
                found.setdefault(name, None)
    warnings = []
    alternate = [f"<{name}>" for name in _OHMS_ALT_UNKEPT if name in found]
    if alternate:
        warnings.append(
            _(
                "The index gives subjects, place names or link texts in the alternate language too (%(fields)s); "
                "they are kept in the first language only."
            )
            % {"fields": ", ".join(alternate)}
        )
    if "gps_zoom" in found:
        warnings.append(_("The index's map zoom levels (<gps_zoom>) are not kept: the page's maps choose their own."))
    unknown = [f"<{name}>" for name in found if name not in _OHMS_POINT_FIELDS]
    if unknown:
        warnings.append(
            _("The index points' %(fields)s are not kept: the archive has no field for them.")
            % {"fields": ", ".join(unknown)}
        )
    return warnings


def _ohms_text(record: Element, xml: _Xml, duration: float | None, *, alternate: bool) -> ParsedTranscript:
    """The transcript (or, ``alternate``, the alternate-language one): OHMS 6 carries it as
    WebVTT; its legacy <transcript> and <sync>, if any, only mirror it."""
    suffix = "_alt" if alternate else ""
    vtt = _child(record, f"vtt_transcript{suffix}")
    if _text(vtt):
        return _ohms_vtt(vtt, xml)
    return _ohms_segments(record, xml, duration, transcript=f"transcript{suffix}", sync=f"sync{suffix}")


def _point_starts(points: list[Element], xml: _Xml) -> Iterator[tuple[Element, float]]:
    for point in points:
        yield point, round(float(_text(_child(point, "time"))), 3)  # checked by _ohms_index_point


def _ohms_alternate_point(point: Element, start: float) -> IndexPoint | None:
    """The point's ``_alt`` fields as an index point in the alternate language, if it has any."""
    if not any(_text(_child(point, name)) for name in _OHMS_ALT_POINT_FIELDS):
        return None
    return IndexPoint(
        start=start,
        title=_text(_child(point, "title_alt")),
        synopsis=_text(_child(point, "synopsis_alt")),
        keywords=_ohms_terms(point, "keywords_alt"),
        partial_transcript=_text(_child(point, "partial_transcript_alt")),
        subjects=_ohms_terms(point, "subjects_alt"),
    )


def _ohms_fields(record: Element) -> dict[str, list[str]]:
    """Every field of the record with text, as given (repeated fields apart; dates from
    @value; an element of elements, such as <mediafile>, as "name: text" of its own)."""
    fields: dict[str, list[str]] = {}
    for child in record:
        name = _local(child.tag)
        if name in _OHMS_SKIPPED_METADATA:
            continue
        value = (child.text or "").strip() or child.get("value", "").strip()
        if not value and len(child):
            value = "; ".join(f"{_local(part.tag)}: {_text(part)}" for part in child if _text(part))
        if value:
            fields.setdefault(name, []).append(value)
    return fields


def _ohms_vtt(element: Element, xml: _Xml) -> ParsedTranscript:
    """The cues of an OHMS 6 ``<vtt_transcript>``, refusals naming the line of the XML file."""
    text = _normalise("".join(element.itertext()))
    rows = text.split("\n")
    skipped = next(index for index, row in enumerate(rows) if row.strip())
    first_line = (xml.line(element) or 1) + skipped
    try:
        parsed = parse_webvtt(textwrap.dedent("\n".join(rows[skipped:])))
    except TranscriptError as error:
        raise TranscriptError(error.reason, line=None if error.line is None else first_line + error.line - 1) from None
    parsed.segments = [dataclasses.replace(segment, line=first_line + segment.line - 1) for segment in parsed.segments]
    parsed.format = "ohms"
    return parsed


def _ohms_metadata(record: Element) -> dict[str, str]:
    """Every field of the record with text (repeated fields joined with "; "); dates from @value.
    ``_ohms_fields`` keeps repeated fields apart."""
    values: dict[str, list[str]] = {}
    for child in record:
        name = _local(child.tag)
        value = (child.text or "").strip() or child.get("value", "").strip()
        if value and name not in _OHMS_SKIPPED_METADATA:
            values.setdefault(name, []).append(value)
    return {name: "; ".join(items) for name, items in values.items()}


def _ohms_duration(record: Element, xml: _Xml) -> float | None:
    element = _child(record, "duration")
    value = _text(element)
    if not value:
        return None
    try:
        seconds = float(value) if ":" not in value else parse_timestamp(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise TranscriptError(
            _("the duration “%(value)s” is neither h:mm:ss nor a number of seconds.") % {"value": _shorten(value)},
            line=xml.line(element),
        )
    return round(seconds, 3)


def _ohms_index_point(point: Element, xml: _Xml, duration: float | None) -> IndexPoint:
    time_element = _child(point, "time")
    line = xml.line(time_element) or xml.line(point)
    value = _text(time_element)
    if not value:
        raise TranscriptError(_("the index point has no <time>."), line=xml.line(point))
    try:
        start = float(value)
    except ValueError:
        start = math.nan
    if not math.isfinite(start):
        raise TranscriptError(
            _("the index point time “%(value)s” is not a number of seconds.") % {"value": _shorten(value)}, line=line
        )
    if start < 0:
        raise TranscriptError(_("the index point time %(value)s is negative.") % {"value": value}, line=line)
    if duration is not None and start > duration:
        raise TranscriptError(
            _("the index point at %(start)s is after the end of the recording (%(duration)s).")
            % {"start": format_timestamp(start), "duration": format_timestamp(duration)},
            line=line,
        )
    title = _text(_child(point, "title"))
    if not title:
        raise TranscriptError(
            _("the index point at %(start)s has no title.") % {"start": format_timestamp(start)},
            line=xml.line(point),
        )
    return IndexPoint(
        start=round(start, 3),
        title=title,
        synopsis=_text(_child(point, "synopsis")),
        keywords=_ohms_terms(point, "keywords"),
        places=tuple(_ohms_places(point, xml)),
        partial_transcript=_text(_child(point, "partial_transcript")),
        subjects=_ohms_terms(point, "subjects"),
        hyperlinks=tuple(_ohms_hyperlinks(point, xml)),
    )


def _ohms_terms(point: Element, name: str) -> tuple[str, ...]:
    """The point's keywords or subjects (semicolon-separated), without repeats."""
    words: dict[str, None] = {}
    for word in _text(_child(point, name)).split(";"):
        if word.strip():
            words.setdefault(word.strip(), None)
    return tuple(words)


def _ohms_hyperlinks(point: Element, xml: _Xml) -> Iterator[tuple[str, str]]:
    """(address, text) of each ``<hyperlinks>``; only http and https addresses are taken."""
    for container in _children(point, "hyperlinks"):
        link = _child(container, "hyperlink")
        address = _text(link)
        if not address:
            continue
        if not re.match(r"https?://[^\s/]+", address, re.IGNORECASE) or any(c.isspace() for c in address):
            raise TranscriptError(
                _("the hyperlink “%(value)s” is not a web address beginning with http:// or https://.")
                % {"value": _shorten(address)},
                line=xml.line(link),
            )
        yield address, _text(_child(container, "hyperlink_text"))


def _ohms_places(point: Element, xml: _Xml) -> Iterator[Place]:
    containers = _children(point, "gpspoints")
    if _child(point, "gps") is not None:  # older exports put one place directly in the point
        containers.insert(0, point)
    for container in containers:
        gps = _child(container, "gps")
        name = _text(_child(container, "gps_text"))
        latitude, longitude = _coordinates(_text(gps), xml.line(gps))
        if name or latitude is not None:
            yield Place(name=name, latitude=latitude, longitude=longitude)


def _coordinates(value: str, line: int | None) -> tuple[float | None, float | None]:
    if not value:
        return None, None
    parts = value.split(",")
    try:
        latitude, longitude = (float(part) for part in parts)
    except ValueError:
        latitude = longitude = math.nan
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise TranscriptError(
            _("“%(value)s” is not a latitude and longitude such as “45.7640, 4.8357”.") % {"value": _shorten(value)},
            line=line,
        )
    return round(latitude, 6), round(longitude, 6)


# OHMS transcript → segments. A cut is (line index, word index, seconds): the word where a
# new segment begins. <sync> gives one cut per interval; without it, [hh:mm:ss] markers do.


@dataclass
class _OhmsTranscript:
    words: list[list[str]]  # the words of each transcript line, markers removed, footnote references marked
    markers: list[tuple[int, int, float]]  # cuts from inline [hh:mm:ss] markers
    first_line: int  # the file line of the transcript's first line
    footnotes: list[Footnote] = field(default_factory=list)  # [[footnotes]][[note]]…[[/note]][[/footnotes]]


def _ohms_segments(
    record: Element, xml: _Xml, duration: float | None, *, transcript: str = "transcript", sync: str = "sync"
) -> ParsedTranscript:
    element = _child(record, transcript)
    raw = "" if element is None else "".join(element.itertext())
    if not raw.strip():
        return ParsedTranscript(format="ohms", segments=[])
    text = _ohms_transcript(raw, xml.line(element) or 1)
    segments, covered = _ohms_timed(text, _child(record, sync), xml, duration)
    warnings: list[str] = []
    segments = _known_notes(segments, text.footnotes, warnings)
    return ParsedTranscript(
        format="ohms", segments=segments, footnotes=text.footnotes, covered_until=covered, warnings=warnings
    )


def _ohms_timed(
    transcript: _OhmsTranscript, sync: Element | None, xml: _Xml, duration: float | None
) -> tuple[list[Segment], float]:
    """The segments of a legacy transcript, and up to when its sync points (or timestamps) follow the recording."""
    if _text(sync):
        cuts = _ohms_sync_cuts(_text(sync), xml.line(sync), transcript.words)
        interval = int(_text(sync).partition(":")[0]) * 60  # checked by _ohms_sync_cuts
        covered = (cuts[-1][2] if cuts else 0.0) + interval
    elif transcript.markers:
        cuts = transcript.markers
        covered = cuts[-1][2]
    else:
        raise TranscriptError(
            _(
                "The OHMS file has a transcript but no sync points; synchronise it in OHMS, "
                "or put [hh:mm:ss] timestamps in its text, and export it again."
            )
        )
    if duration is not None and cuts and cuts[-1][2] > duration:
        raise TranscriptError(
            _("a sync point at %(start)s is after the end of the recording (%(duration)s).")
            % {"start": format_timestamp(cuts[-1][2]), "duration": format_timestamp(duration)},
            line=xml.line(sync) if _text(sync) else transcript.first_line + cuts[-1][0],
        )
    return _split_transcript(transcript.words, cuts, duration, first_line=transcript.first_line), covered


def _ohms_transcript(raw: str, first_line: int) -> _OhmsTranscript:
    raw = raw.replace("\r\n", "\n")
    raw, _marker, notes = raw.partition("[[footnotes]]")
    footnotes = _ohms_footnotes(notes, first_line + raw.count("\n"))
    words: list[list[str]] = []
    markers: list[tuple[int, int, float]] = []
    for index, line in enumerate(raw.split("\n")):
        line = _OHMS_FOOTNOTE_REFERENCE.sub(lambda match: f"\ue000{match.group(1).strip()}\ue001", line)
        line = _OHMS_MARKUP.sub("", line)
        line_words: list[str] = []
        position = 0
        for marker in _OHMS_INLINE_MARKER.finditer(line):
            line_words.extend(line[position : marker.start()].split())
            previous = markers[-1][2] if markers else None
            markers.append((index, len(line_words), _marker_time(marker.group(1), first_line + index, previous, None)))
            position = marker.end()
        line_words.extend(line[position:].split())
        words.append(_glue_note_marks(line_words))
    return _OhmsTranscript(words=words, markers=markers, first_line=first_line, footnotes=footnotes)


def _glue_note_marks(words: list[str]) -> list[str]:
    """A footnote reference standing alone (at the start of a line) joins the next word."""
    glued: list[str] = []
    pending = ""
    for word in words:
        if not _NOTE_MARK.sub("", word):
            if glued:
                glued[-1] += word
            else:
                pending += word
            continue
        glued.append(pending + word)
        pending = ""
    if pending:
        glued.append(pending)  # a line of references only: kept, gathered as no text
    return glued


def _ohms_footnotes(notes: str, line: int) -> list[Footnote]:
    """The notes after [[footnotes]], numbered from 1 in their order, as OHMS numbers them."""
    found = []
    for number, match in enumerate(_OHMS_NOTE.finditer(notes), 1):
        found.append(_footnote(str(number), match.group(1), line + notes[: match.start()].count("\n")))
    return found


def _ohms_sync_cuts(sync: str, line: int | None, words: list[list[str]]) -> list[tuple[int, int, float]]:
    """Cuts from "1:|13(3)|19(14)": every interval (minutes), the 1-based line and word where it begins."""
    interval_text, _colon, marks = sync.partition(":")
    if not interval_text.strip().isdigit() or int(interval_text) == 0:
        raise TranscriptError(
            _("the sync data “%(value)s” does not begin with its interval in minutes, as in “1:|13(3)|19(14)”.")
            % {"value": _shorten(sync)},
            line=line,
        )
    interval = int(interval_text) * 60
    cuts: list[tuple[int, int, float]] = []
    for position, mark in enumerate(marks.split("|")):
        if not mark.strip():
            continue
        cut = _ohms_sync_cut(mark.strip(), position * interval, line, words)
        if cuts and cut[:2] < cuts[-1][:2]:
            raise TranscriptError(
                _("the sync point for %(start)s (%(mark)s) comes before the one for %(previous)s in the transcript.")
                % {"start": format_timestamp(cut[2]), "mark": mark.strip(), "previous": format_timestamp(cuts[-1][2])},
                line=line,
            )
        cuts.append(cut)
    return cuts


def _ohms_sync_cut(mark: str, seconds: float, line: int | None, words: list[list[str]]) -> tuple[int, int, float]:
    match = _OHMS_SYNC_MARK.fullmatch(mark)
    if match is None:
        raise TranscriptError(
            _("the sync point “%(mark)s” is not a line and word number such as “13(3)”.") % {"mark": _shorten(mark)},
            line=line,
        )
    line_number, word_number = int(match.group(1)), int(match.group(2))
    if not 1 <= line_number <= len(words):
        raise TranscriptError(
            _("the sync point %(mark)s names line %(number)s, but the transcript has %(count)s lines.")
            % {"mark": mark, "number": line_number, "count": len(words)},
            line=line,
        )
    word_index = min(max(word_number, 1), len(words[line_number - 1]) + 1) - 1
    return line_number - 1, word_index, float(seconds)


def _split_transcript(
    words: list[list[str]], cuts: list[tuple[int, int, float]], duration: float | None, *, first_line: int = 1
) -> list[Segment]:
    """Segments between consecutive cuts (text before the first starts at 0); empty ones dropped.

    A cut that falls inside or just after a "NAME:" label moves to the start of its line, so
    the label opens the new segment instead of trailing at the end of the previous one.
    """
    labels = [_speaker_label(_NOTE_MARK.sub("", " ".join(line_words))) for line_words in words]
    label_sizes = [len(label[0].split()) if label else 0 for label in labels]
    speakers = _running_speakers(labels)
    bounds = [
        (0, 0, 0.0),
        *((line, 0 if word <= label_sizes[line] else word, start) for line, word, start in cuts),
        (len(words), 0, math.inf),
    ]
    drafts: list[tuple[float, str, str, int, tuple[str, ...]]] = []
    for (line, word, start), (next_line, next_word, _next) in pairwise(bounds):
        body = _gather(words, line, word, next_line, next_word)
        notes = tuple(_NOTE_MARK.findall(body))
        body = " ".join(part for part in _NOTE_MARK.sub("", body).split(" ") if part)
        body = "\n".join(row.strip() for row in body.split("\n") if row.strip())
        if not body:
            continue
        speaker = ""
        if word == 0 or word >= len(words[line]):  # a label counts only at the start of a line
            speaker, body = _split_speaker(body)
        if not speaker:  # the segment continues the turn of the last speaker named
            speaker = speakers[line] if word else (speakers[line - 1] if line else "")
        drafts.append((start, body, speaker, first_line + line, notes))
    ends = _end_at_next_start([draft[0] for draft in drafts], duration)
    return [
        Segment(start=start, end=end, text=body, speaker=speaker, line=number, notes=notes)
        for (start, body, speaker, number, notes), end in zip(drafts, ends, strict=True)
    ]


def _running_speakers(labels: list[tuple[str, str] | None]) -> list[str]:
    """For each line, the speaker last named at the start of a line up to and including it."""
    current = ""
    speakers = []
    for label in labels:
        if label:
            current = label[0]
        speakers.append(current)
    return speakers


def _gather(words: list[list[str]], line: int, word: int, end_line: int, end_word: int) -> str:
    """The words from (line, word) up to (end_line, end_word): lines joined by spaces, paragraphs by newlines."""
    paragraphs: list[list[str]] = [[]]
    for index in range(line, min(end_line, len(words) - 1) + 1):
        line_words = words[index]
        if not line_words:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        first = word if index == line else 0
        last = end_word if index == end_line else len(line_words)
        paragraphs[-1].extend(line_words[first:last])
    return "\n".join(" ".join(paragraph) for paragraph in paragraphs if paragraph)


# --- Writers --------------------------------------------------------------------------------


def _overlaps(start: float, end: float, redacted: Sequence[tuple[float, float]]) -> bool:
    return any((start < r_end and end > r_start) or r_start <= start < r_end for r_start, r_end in redacted)


def _timed(segments: Iterable[Segment], redacted: Iterable[tuple[float, float]]) -> Iterator[tuple[Segment, float]]:
    """Each segment with a definite end, without those touching a redacted (start, end) range."""
    ranges = [(float(start), float(end)) for start, end in redacted]
    for start, end in ranges:
        if end < start:
            raise ValueError(f"The redacted range ({start}, {end}) ends before it starts.")
    items = sorted(segments, key=lambda segment: segment.start)
    for position, segment in enumerate(items):
        end = segment.end
        if end is None:
            following = items[position + 1].start if position + 1 < len(items) else None
            end = max(segment.start, following if following is not None else segment.start + DEFAULT_LAST_CUE_LENGTH)
        if end < segment.start:
            raise ValueError(f"The segment at {segment.start} s ends before it starts ({end} s).")
        if _clean_lines(segment.text) and not _overlaps(segment.start, end, ranges):
            yield segment, end


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(segments: Iterable[Segment], *, redacted: Iterable[tuple[float, float]] = ()) -> str:
    cues = []
    for segment, end in _timed(segments, redacted):
        body = _escape_vtt(_clean_lines(segment.text))
        if segment.speaker:
            body = f"<v {_escape_vtt(segment.speaker)}>{body}"
        cues.append(f"{format_timestamp(segment.start)} --> {format_timestamp(end)}\n{body}")
    return "WEBVTT\n\n" + "".join(cue + "\n\n" for cue in cues)


def to_srt(segments: Iterable[Segment], *, redacted: Iterable[tuple[float, float]] = ()) -> str:
    cues = []
    for counter, (segment, end) in enumerate(_timed(segments, redacted), 1):
        body = _clean_lines(segment.text).replace("-->", "->")  # SubRip has no escaping
        if segment.speaker:
            body = f"{segment.speaker}: {body}"
        timing = f"{format_timestamp(segment.start, separator=',')} --> {format_timestamp(end, separator=',')}"
        cues.append(f"{counter}\n{timing}\n{body}")
    return "".join(cue + "\n\n" for cue in cues)
