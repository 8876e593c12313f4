"""Is this upload really the recording it claims to be?

Community historians upload oral-history recordings from phones, field recorders and old
computers. Before a file is accepted, :func:`probe` answers, in this order:

1. **Is the ending accepted?** :func:`format_for_filename` maps ``.mp3``, ``.m4a``/``.aac``,
   ``.ogg``/``.oga``, ``.opus``, ``.flac``, ``.wav``, ``.mp4``/``.m4v`` and ``.webm`` to a
   :class:`MediaFormat`; anything else is refused with the list of accepted endings.
2. **Is it empty?** A zero-byte file is refused at once.
3. **Do the bytes match the ending?** The first bytes are sniffed (never the browser's
   content type, which is a guess from the name): an ID3 tag is skipped, then an MPEG
   layer III frame header means MP3, an ``ftyp`` box with an MP4 brand (``isom``, ``mp42``,
   ``M4A ``…) means MPEG-4, ``OggS`` plus the first packet (``OpusHead``, ``\\x01vorbis``,
   ``\\x7fFLAC``) means Opus, Vorbis or FLAC in Ogg, ``fLaC`` means FLAC,
   ``RIFF....WAVE`` means WAV, and an EBML header whose DocType is ``webm`` means WebM.
   A FLAC named ``.mp3`` is refused as "named .mp3 but contains FLAC audio"; common
   strangers (JPEG, PDF, QuickTime, Matroska, AMR voice memos, …) are named too.
   Within one container the contents decide: an ``.m4a`` holding a video track probes as
   ``mp4``, an ``.ogg`` holding Opus probes as ``opus``.
4. **Can it be read?** mutagen parses MP3, MP4/M4A, Ogg Vorbis, Ogg Opus, Ogg FLAC, FLAC
   and WAV; a parse failure is "damaged". mutagen cannot read WebM, so a small EBML reader
   here walks Segment → Info (TimecodeScale, Duration) and Tracks (TrackType, audio
   SamplingFrequency and Channels). MP3 also has its first frames chained (each header
   must lead to the next) so valid-looking headers in front of garbage are refused.
5. **Is it complete?** Where the format makes it cheap, the file must be as long as its
   own headers promise: a WAV RIFF size or ``data`` chunk running past the end; an MP4
   top-level box running past the end (or a chunk offset beyond it); an Ogg last page cut
   short or not flagged end-of-stream; a FLAC last frame failing its CRC-16, or ending
   before the STREAMINFO total of samples; an MP3 shorter than its Xing/Info/VBRI byte
   count, or whose last frame is cut short; a WebM Segment, Cluster or block running
   past the end.
6. **Does it play for some time?** A zero, missing or non-finite duration is refused.
   (A WebM written live by a browser has no Duration; it is computed from the last
   block's timestamp instead.)

Every refusal is a :class:`RecordingError` whose ``message`` is one translated sentence
naming the file and what is wrong, whose ``code`` is a short machine word for forms and
tests, and whose ``detail`` is an untranslated technical note for logs.

:class:`HashingUploadHandler` streams every upload to a temporary file, hashes it while
the bytes arrive, and stops keeping bytes once the file passes
``settings.HERITAGE_RECORDING_MAX_BYTES``.
"""

from __future__ import annotations

import hashlib
import math
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

DEFAULT_MAX_BYTES = 2 * 1024**3

# --- Formats -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MediaFormat:
    """One accepted recording format: how it is named on disk and how it is served."""

    name: str
    extensions: tuple[str, ...]
    mime_type: str
    kind: str  # "audio" | "video"

    @property
    def label(self) -> str:
        """What a person would call it, translated: "MP3 audio", "WebM video"…"""
        return str(_LABELS[self.name])


FORMATS: dict[str, MediaFormat] = {
    f.name: f
    for f in (
        MediaFormat("mp3", ("mp3",), "audio/mpeg", "audio"),
        MediaFormat("m4a", ("m4a", "aac"), "audio/mp4", "audio"),
        MediaFormat("ogg", ("ogg", "oga"), "audio/ogg", "audio"),
        MediaFormat("opus", ("opus",), "audio/ogg", "audio"),
        MediaFormat("flac", ("flac",), "audio/flac", "audio"),
        MediaFormat("wav", ("wav",), "audio/wav", "audio"),
        MediaFormat("mp4", ("mp4", "m4v"), "video/mp4", "video"),
        MediaFormat("webm", ("webm",), "video/webm", "video"),
    )
}

_LABELS: dict[str, Promise] = {
    "mp3": gettext_lazy("MP3 audio"),
    "m4a": gettext_lazy("MPEG-4 (M4A) audio"),
    "ogg": gettext_lazy("Ogg audio"),
    "opus": gettext_lazy("Opus audio"),
    "flac": gettext_lazy("FLAC audio"),
    "wav": gettext_lazy("WAV audio"),
    "mp4": gettext_lazy("MP4 video"),
    "webm": gettext_lazy("WebM video"),
}

_BY_EXTENSION: dict[str, MediaFormat] = {ext: f for f in FORMATS.values() for ext in f.extensions}


def accepted_extensions() -> str:
    """The accepted endings for a message: ".mp3, .m4a, .aac, …"."""
    return ", ".join(f".{ext}" for ext in _BY_EXTENSION)


def _display_name(filename: str) -> str:
    """The file's own name, without any folder a browser may have sent along."""
    return PurePosixPath(str(filename).replace("\\", "/")).name or str(filename)


def format_for_filename(filename: str) -> MediaFormat:
    """The accepted format a file name claims, by its ending; RecordingError otherwise."""
    name = _display_name(filename)
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext:
        raise RecordingError(
            _("“%(name)s” has no file ending, so its kind cannot be told. Accepted endings: %(accepted)s.")
            % {"name": name, "accepted": accepted_extensions()},
            code="extension",
        )
    fmt = _BY_EXTENSION.get(ext.lower())
    if fmt is None:
        raise RecordingError(
            _(
                "“%(name)s” cannot be accepted: files ending in .%(ext)s are not recordings this archive takes. Accepted endings: %(accepted)s."
            )
            % {"name": name, "ext": ext, "accepted": accepted_extensions()},
            code="extension",
        )
    return fmt


# --- Results and errors ------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """What a recording really is. ``format`` follows the contents within a container
    family (an .m4a with a video track is ``mp4``, an .ogg holding Opus is ``opus``).
    ``bitrate`` is the audio stream's for audio formats that state one, otherwise the
    file's average (size × 8 / duration)."""

    format: MediaFormat
    duration: float
    bitrate: int | None
    sample_rate: int | None
    channels: int | None
    has_video: bool


class RecordingError(ValueError):
    """A refused recording. ``message``: one translated sentence for the person uploading;
    ``code``: "extension", "empty", "mislabelled", "unrecognised", "corrupt", "truncated",
    "no_streams" or "no_duration"; ``detail``: a technical note for logs (not translated)."""

    def __init__(self, message: str, *, code: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class _Corrupt(Exception):
    """Internal: the file cannot be parsed (detail in args[0])."""


class _Truncated(Exception):
    """Internal: the file is shorter than its headers promise (detail in args[0])."""


class _NoStreams(Exception):
    """Internal: the container holds neither audio nor video."""


@dataclass
class _Info:
    container: str
    duration: float
    bitrate: int | None = None
    sample_rate: int | None = None
    channels: int | None = None
    has_video: bool = False


def _read_at(f: IO[bytes], offset: int, n: int) -> bytes:
    f.seek(offset)
    return f.read(n)


# --- Sniffing ----------------------------------------------------------------------------

# Containers the sniffer recognises as accepted; each extension's format takes some.
_ACCEPTS: dict[str, frozenset[str]] = {
    "mp3": frozenset({"mp3"}),
    "m4a": frozenset({"mp4"}),
    "mp4": frozenset({"mp4"}),
    "ogg": frozenset({"ogg-vorbis", "ogg-opus", "ogg-flac"}),
    "opus": frozenset({"ogg-opus"}),
    "flac": frozenset({"flac"}),
    "wav": frozenset({"wav"}),
    "webm": frozenset({"webm"}),
}

# ftyp brands of the ISO base media family that browsers play as MP4 (major or compatible).
_MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9", b"mp41", b"mp42", b"mp71"}
    | {b"avc1", b"M4A ", b"M4B ", b"M4P ", b"M4V ", b"M4VH", b"M4VP", b"F4V ", b"F4A ", b"F4P ", b"dash", b"msdh"}
    | {b"msix", b"MSNV", b"NDAS", b"XAVC"}
)


@dataclass(frozen=True)
class _Sniffed:
    container: str | None  # one of the _ACCEPTS values, or None for anything else
    label: str  # what it is, for "contains %(found)s"; "" when not recognised
    suggest: str | None = None  # the ending it should have, when it is an accepted format
    offset: int = 0  # where the container starts (after any leading ID3 tag)


_MPEG_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (2, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 25: (11025, 12000, 8000)}


@dataclass(frozen=True)
class _MpegFrame:
    version: int  # 1, 2 or 25 (MPEG 2.5)
    layer: int
    sample_rate: int
    length: int  # bytes, header included
    mono: bool

    def same_stream(self, other: _MpegFrame) -> bool:
        return (self.version, self.layer, self.sample_rate) == (other.version, other.layer, other.sample_rate)


def _mpeg_frame(header: bytes) -> _MpegFrame | None:
    """Parse a 4-byte MPEG audio frame header; None when it is not one (free format too)."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = {0: 25, 2: 2, 3: 1}.get((header[1] >> 3) & 3)
    layer = {1: 3, 2: 2, 3: 1}.get((header[1] >> 1) & 3)
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version is None or layer is None or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _MPEG_BITRATES[(min(version, 2), layer)][bitrate_index] * 1000
    sample_rate = _MPEG_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 1:
        length = (12 * bitrate // sample_rate + padding) * 4
    elif layer == 3 and version != 1:
        length = 72 * bitrate // sample_rate + padding
    else:
        length = 144 * bitrate // sample_rate + padding
    return _MpegFrame(version, layer, sample_rate, length, mono=(header[3] >> 6) == 3)


def _mpeg_frames_in(data: bytes) -> int | None:
    """Where, in ``data``, two MPEG layer III frames follow each other; None when nowhere."""
    at = data.find(b"\xff")
    while 0 <= at < len(data) - 4:
        frame = _mpeg_frame(data[at : at + 4])
        if frame is not None and frame.layer == 3:
            following = _mpeg_frame(data[at + frame.length : at + frame.length + 4])
            if following is not None and following.same_stream(frame):
                return at
        at = data.find(b"\xff", at + 1)
    return None


def _id3_end(f: IO[bytes], offset: int) -> int:
    """Skip any ID3v2 tags (some tools stack several) starting at ``offset``."""
    while True:
        head = _read_at(f, offset, 10)
        if len(head) < 10 or head[:3] != b"ID3" or any(b & 0x80 for b in head[6:10]):
            return offset
        size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        offset += 10 + size + (10 if head[5] & 0x10 else 0)


def _ogg_pages(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(header type, first bytes of payload) of the complete pages at the start of ``data``."""
    pos = 0
    while data[pos : pos + 4] == b"OggS" and pos + 27 <= len(data):
        nsegs = data[pos + 26]
        body = pos + 27 + nsegs
        if body > len(data):
            return
        length = sum(data[pos + 27 : body])
        yield data[pos + 5], data[body : body + min(length, 16)]
        pos = body + length


def _sniff(f: IO[bytes]) -> _Sniffed:
    start = _id3_end(f, 0)
    head = _read_at(f, start, 4096)
    if start:  # an ID3 tag may be followed by zero padding before the first frame
        stripped = head.lstrip(b"\0")
        start += len(head) - len(stripped)
        head = stripped + _read_at(f, start + len(stripped), 4096 - len(stripped))

    frame = _mpeg_frame(head[:4])
    if frame is None and start and (found := _mpeg_frames_in(head)) is not None:
        # Some taggers leave stray bytes between the ID3 tag and the first frame.
        start, head = start + found, head[found:]
        frame = _mpeg_frame(head[:4])
    if frame is not None and frame.layer == 3:
        return _Sniffed("mp3", _("MP3 audio"), "mp3", start)
    if frame is not None:
        return _Sniffed(None, _("MPEG layer %(layer)s audio (not MP3)") % {"layer": "I" * frame.layer})
    if head[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return _Sniffed(None, _("raw AAC audio without an MP4 container"))
    if head[:4] == b"fLaC":
        return _Sniffed("flac", _("FLAC audio"), "flac", start)
    if start:
        return _Sniffed(None, "")  # an ID3 tag in front of anything else

    if head[4:8] == b"ftyp":
        major = head[8:12]
        brands = {major} | {head[i : i + 4] for i in range(16, min(len(head), struct.unpack(">I", head[:4])[0]), 4)}
        if brands & _MP4_BRANDS:
            if major in (b"M4A ", b"M4B ", b"M4P "):
                return _Sniffed("mp4", _("MPEG-4 (M4A) audio"), "m4a")
            return _Sniffed("mp4", _("MP4 video"), "mp4")
        if major == b"qt  ":
            return _Sniffed(None, _("a QuickTime movie (.mov)"))
        if major[:3] in (b"3gp", b"3g2"):
            return _Sniffed(None, _("a 3GPP phone recording"))
        if major in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"):
            return _Sniffed(None, _("a HEIF or AVIF image"))
        return _Sniffed(None, _("an MPEG-4 variant this archive does not take"))
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return _Sniffed(None, _("a QuickTime movie (.mov)"))

    if head[:4] == b"OggS":
        codecs = [payload for header_type, payload in _ogg_pages(head) if header_type & 0x02]
        if any(p.startswith((b"\x80theora", b"\x80daala", b"OVP80")) for p in codecs):
            return _Sniffed(None, _("Ogg video (Theora)"))
        for payload in codecs:
            if payload.startswith(b"OpusHead"):
                return _Sniffed("ogg-opus", _("Opus audio"), "opus")
            if payload.startswith(b"\x01vorbis"):
                return _Sniffed("ogg-vorbis", _("Ogg Vorbis audio"), "ogg")
            if payload.startswith(b"\x7fFLAC"):
                return _Sniffed("ogg-flac", _("FLAC audio in an Ogg container"), "ogg")
            if payload.startswith(b"Speex   "):
                return _Sniffed(None, _("Speex audio"))
        if not codecs:  # not even a first page that can be read
            return _Sniffed(None, "")
        return _Sniffed(None, _("Ogg data of a kind this archive does not take"))

    if head[:4] == b"RIFF":
        if head[8:12] == b"WAVE":
            return _Sniffed("wav", _("WAV audio"), "wav")
        if head[8:12] == b"AVI ":
            return _Sniffed(None, _("an AVI video"))
        if head[8:12] == b"WEBP":
            return _Sniffed(None, _("a WebP image"))
        return _Sniffed(None, "")
    if head[:4] in (b"RF64", b"BW64"):
        return _Sniffed(None, _("a very large WAV variant (RF64)"))

    if head[:4] == b"\x1a\x45\xdf\xa3":
        doc_type = _ebml_doc_type(head)
        if doc_type == "webm":
            return _Sniffed("webm", _("WebM video"), "webm")
        if doc_type == "matroska":
            return _Sniffed(None, _("a Matroska (MKV) video"))
        return _Sniffed(None, "")

    for magic, label in _STRANGERS:
        if head.startswith(magic):
            return _Sniffed(None, str(label))
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return _Sniffed(None, _("AIFF audio"))
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return _Sniffed(None, _("a web page (HTML)"))
    return _Sniffed(None, "")


_STRANGERS: tuple[tuple[bytes, Promise], ...] = (
    (b"#!AMR", gettext_lazy("an AMR voice recording")),
    (b"caff", gettext_lazy("Apple Core Audio (CAF) audio")),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", gettext_lazy("Windows Media audio or video (WMA/WMV)")),
    (b".RMF", gettext_lazy("RealMedia audio or video")),
    (b"\x00\x00\x01\xba", gettext_lazy("an MPEG-2 video (VOB/MPG)")),
    (b"MThd", gettext_lazy("a MIDI file")),
    (b"\xff\xd8\xff", gettext_lazy("a JPEG image")),
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("a PNG image")),
    (b"GIF8", gettext_lazy("a GIF image")),
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"PK\x03\x04", gettext_lazy("a ZIP archive or office document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_lazy("an old Microsoft Office document")),
    (b"{\\rtf", gettext_lazy("a text document (RTF)")),
)


# --- MP3 -----------------------------------------------------------------------------------


def _mp3_info(f: IO[bytes], size: int, start: int) -> _Info:
    try:
        audio = MP3(f)
    except Exception as error:  # mutagen raises many kinds on garbage: any of them means "cannot be read"
        raise _Corrupt(f"mutagen: {error!r}") from error
    info = audio.info
    if info.sketchy:
        raise _Corrupt("mutagen found no run of valid MPEG frames")

    first = _mpeg_frame(_read_at(f, start, 4))
    if first is None:  # the sniffer found one here; the file changed under us
        raise _Corrupt(f"no MPEG frame header at {start}")
    # A few chained frames: each header must lead to the next, or the file must end there.
    pos, frame = start, first
    for _i in range(4):
        pos += frame.length
        if pos >= size:
            break
        following = _mpeg_frame(_read_at(f, pos, 4))
        if following is None or not following.same_stream(first):
            if _read_at(f, pos, 3) in (b"TAG", b"APE", b"LYR"):
                break
            raise _Corrupt(f"no MPEG frame header at {pos} after the frame at {pos - frame.length}")
        frame = following

    vbr = _mp3_vbr_header(_read_at(f, start, first.length), first)
    if vbr.bytes and start + vbr.bytes > size:
        raise _Truncated(f"the Xing/VBRI header promises {vbr.bytes} bytes of audio from {start}; the file has {size}")
    tail_problem = _mp3_tail_problem(f, size, start, first)
    if tail_problem:
        raise _Truncated(tail_problem)
    duration = info.length
    if vbr.frames and vbr.trim and not info.encoder_info.startswith("LAME"):
        samples_per_frame = 1152 if first.version == 1 else 576
        duration = max(0, vbr.frames * samples_per_frame - vbr.trim) / first.sample_rate
    return _Info("mp3", duration, info.bitrate or None, info.sample_rate or None, info.channels or None)


@dataclass(frozen=True)
class _VbrHeader:
    """What a Xing/Info or VBRI header in the first MP3 frame states."""

    frames: int | None = None  # audio frames after this one
    bytes: int | None = None  # the stream's size, this frame included
    trim: int | None = None  # encoder delay + padding, in samples (LAME-style extension)


def _mp3_vbr_header(frame: bytes, header: _MpegFrame) -> _VbrHeader:
    side_info = (17 if header.mono else 32) if header.version == 1 else (9 if header.mono else 17)
    for offset in (4 + side_info, 6 + side_info):  # 6: after a CRC
        if frame[offset : offset + 4] not in (b"Xing", b"Info") or len(frame) < offset + 8:
            continue
        (flags,) = struct.unpack_from(">I", frame, offset + 4)
        at, found = offset + 8, {}
        for bit, key in ((1, "frames"), (2, "bytes")):
            if flags & bit and len(frame) >= at + 4:
                found[key] = struct.unpack_from(">I", frame, at)[0] or None
                at += 4
        at += (100 if flags & 4 else 0) + (4 if flags & 8 else 0)
        # LAME writes, and ffmpeg (as "Lavc…") too, the encoder delay and padding 21 bytes in.
        # mutagen only trusts it after "LAME"; the layout is the same.
        if frame[at : at + 4] in (b"LAME", b"Lavc", b"Lavf") and len(frame) >= at + 24:
            packed = int.from_bytes(frame[at + 21 : at + 24], "big")
            found["trim"] = (packed >> 12) + (packed & 0xFFF)
        return _VbrHeader(**found)
    if frame[36:40] == b"VBRI" and len(frame) >= 54:
        size, frames = struct.unpack_from(">II", frame, 46)
        return _VbrHeader(frames=frames or None, bytes=size or None)
    return _VbrHeader()


def _mp3_tail_problem(f: IO[bytes], size: int, start: int, first: _MpegFrame) -> str | None:
    """Follow the frames through the last 16 KB: does the last one run past the end?"""
    end = size
    if end - start > 128 and _read_at(f, end - 128, 3) == b"TAG":
        end -= 128
    footer = _read_at(f, end - 32, 32) if end - start > 32 else b""
    if footer[:8] == b"APETAGEX":
        tag_size, _items, flags = struct.unpack("<III", footer[12:24])
        end -= tag_size + (32 if flags & 0x80000000 else 0)
    window = min(end - start, 16 * 1024)
    if window <= 0:
        return None
    tail = _read_at(f, end - window, window)
    search = 0
    while True:
        i = tail.find(b"\xff", search)
        if i < 0 or i > window - 4:
            return None
        search = i + 1
        pos, chained = i, 0
        while pos + 4 <= window:
            frame = _mpeg_frame(tail[pos : pos + 4])
            if frame is None or not frame.same_stream(first):
                break
            if pos + frame.length > window:
                if chained >= 3:
                    return (
                        f"the last MPEG frame at {end - window + pos} needs {frame.length} bytes; {window - pos} remain"
                    )
                break
            pos += frame.length
            chained += 1
        if chained >= 3:  # a real run of frames, which ended cleanly or in foreign bytes
            if window - pos < 4 and tail[pos : pos + 1] == b"\xff":
                return f"the file ends inside an MPEG frame header at {end - window + pos}"
            return None


# --- MPEG-4 ------------------------------------------------------------------------------

_MP4_TOP_LEVEL = frozenset(
    {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"moof", b"mfra", b"meta", b"pdin", b"styp"}
    | {b"sidx", b"ssix", b"prft", b"emsg", b"udta", b"junk", b"pnot", b"PICT", b"Xtra", b"beam", b"abst", b"afra"}
)
_MP4_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"stbl", b"mvex", b"edts"})
_MP4_MOOV_LIMIT = 64 * 1024 * 1024


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the boxes in ``data[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise _Corrupt(f"box {kind!r} at {pos} has a cut 64-bit size")
            size, header = struct.unpack(">Q", data[pos + 8 : pos + 16])[0], 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise _Corrupt(f"box {kind!r} at {pos} has an impossible size {size}")
        yield kind, pos + header, pos + size
        pos += size


def _mp4_info(f: IO[bytes], size: int) -> _Info:
    # Top-level boxes first: a box running past the end of the file means it was cut short.
    moov: tuple[int, int, int] | None = None  # (start, header length, size)
    pos = 0
    while pos + 8 <= size:
        head = _read_at(f, pos, 16)
        box_size, kind = struct.unpack(">I4s", head[:8])
        header = 8
        if box_size == 1:
            if len(head) < 16:
                raise _Truncated(f"the file ends inside the header of box {kind!r} at {pos}")
            box_size, header = struct.unpack(">Q", head[8:16])[0], 16
        elif box_size == 0:  # "runs to the end of the file"
            box_size = size - pos
        if kind not in _MP4_TOP_LEVEL and not kind.isalnum():
            raise _Corrupt(f"unexpected top-level box {kind!r} at {pos}")
        if box_size < header:
            raise _Corrupt(f"box {kind!r} at {pos} has an impossible size {box_size}")
        if pos + box_size > size:
            raise _Truncated(f"box {kind!r} at {pos} needs {box_size} bytes; {size - pos} remain")
        if kind == b"moov":
            moov = (pos, header, box_size)
        pos += box_size
    if moov is None:
        raise _Corrupt("no moov box")

    try:
        audio = MP4(f)
    except Exception as error:  # mutagen raises many kinds on garbage: any of them means "cannot be read"
        raise _Corrupt(f"mutagen: {error!r}") from error

    if moov[2] > _MP4_MOOV_LIMIT:
        raise _Corrupt(f"moov box of {moov[2]} bytes")
    movie = _Mp4Movie()
    try:
        movie.walk(_read_at(f, moov[0], moov[2]), moov[1], moov[2])
    except (struct.error, IndexError) as error:
        raise _Corrupt(f"moov: {error}") from error
    if movie.last_chunk >= size:
        raise _Truncated(f"a chunk of samples starts at {movie.last_chunk}; the file has {size} bytes")
    has_video = b"vide" in movie.handlers
    if not has_video and b"soun" not in movie.handlers:
        raise _NoStreams("no 'soun' or 'vide' track")
    duration = movie.duration or max(movie.track_durations, default=0.0) or audio.info.length
    return _Info(
        "mp4",
        duration,
        None if has_video else (audio.info.bitrate or None),
        audio.info.sample_rate or None,
        audio.info.channels or None,
        has_video=has_video,
    )


class _Mp4Movie:
    """What the moov box says: the movie's duration (mvhd, or mehd for fragmented files),
    each track's duration (mdhd) and handler ("soun", "vide"…), the last chunk offset."""

    def __init__(self) -> None:
        self.timescale = 0
        self.duration = 0.0
        self.track_durations: list[float] = []
        self.handlers: list[bytes] = []
        self.last_chunk = 0

    def walk(self, data: bytes, start: int, end: int) -> None:
        for kind, payload, box_end in _boxes(data, start, end):
            version = data[payload] if payload < box_end else 0
            if kind in _MP4_CONTAINERS:
                self.walk(data, payload, box_end)
            elif kind in (b"mvhd", b"mdhd"):
                fmt, at = (">IQ", payload + 20) if version == 1 else (">II", payload + 12)
                scale, duration = struct.unpack_from(fmt, data, at)
                unknown = duration in (0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF)
                seconds = duration / scale if scale and not unknown else 0.0
                if kind == b"mvhd":
                    self.timescale, self.duration = scale, seconds
                else:
                    self.track_durations.append(seconds)
            elif kind == b"mehd" and self.timescale and not self.duration:
                (fragments,) = struct.unpack_from(">Q" if version == 1 else ">I", data, payload + 4)
                self.duration = fragments / self.timescale
            elif kind == b"hdlr":
                self.handlers.append(data[payload + 8 : payload + 12])
            elif kind in (b"stco", b"co64"):
                (count,) = struct.unpack_from(">I", data, payload + 4)
                fmt = f">{count}{'Q' if kind == b'co64' else 'I'}"
                if payload + 8 + struct.calcsize(fmt) > box_end:
                    raise _Corrupt(f"{kind!r} table longer than its box")
                if count:
                    self.last_chunk = max(self.last_chunk, *struct.unpack_from(fmt, data, payload + 8))


# --- Ogg -----------------------------------------------------------------------------------


def _crc_table(polynomial: int, width: int) -> tuple[int, ...]:
    top, mask = 1 << (width - 1), (1 << width) - 1
    table = []
    for byte in range(256):
        crc = byte << (width - 8)
        for _i in range(8):
            crc = ((crc << 1) ^ polynomial) & mask if crc & top else (crc << 1) & mask
        table.append(crc)
    return tuple(table)


_OGG_CRC = _crc_table(0x04C11DB7, 32)
_FLAC_CRC8 = _crc_table(0x07, 8)
_FLAC_CRC16 = _crc_table(0x8005, 16)


def _crc32_ogg(data: bytes) -> int:
    crc, table = 0, _OGG_CRC
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
    return crc


def _crc8(data: bytes) -> int:
    crc, table = 0, _FLAC_CRC8
    for byte in data:
        crc = table[crc ^ byte]
    return crc


def _crc16(data: bytes) -> int:
    crc, table = 0, _FLAC_CRC16
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ byte]
    return crc


def _ogg_info(f: IO[bytes], size: int, container: str) -> _Info:
    # The last page first (a cut file may be cut inside its headers, which mutagen would
    # only call unreadable): it must be complete, intact and flagged end-of-stream.
    first_serial = _read_at(f, 14, 4)
    window = min(size, 65_307 + 27 + 255)  # the largest possible page
    tail = _read_at(f, size - window, window)
    last = tail.rfind(b"OggS")
    if last < 0:
        raise _Corrupt("no Ogg page in the last 64 KB")
    page, where = tail[last:], size - window + last
    if len(page) < 27 or len(page) < 27 + page[26]:
        raise _Truncated(f"the last Ogg page, at {where}, is cut inside its header")
    length = 27 + page[26] + sum(page[27 : 27 + page[26]])
    if length > len(page):
        # Cut short, so its checksum cannot be checked; its header must still make sense.
        if page[4] != 0 or page[5] & 0xF8 or page[14:18] != first_serial:
            raise _Corrupt(f"the last Ogg page, at {where}, has a header that belongs to no stream")
        raise _Truncated(f"the last Ogg page, at {where}, needs {length} bytes; {len(page)} remain")
    if length < len(page):
        raise _Corrupt(f"{len(page) - length} bytes of foreign data after the last Ogg page")
    if _crc32_ogg(page[:22] + b"\0\0\0\0" + page[26:length]) != struct.unpack("<I", page[22:26])[0]:
        raise _Corrupt(f"the last Ogg page, at {where}, fails its checksum")
    if not page[5] & 0x04:
        raise _Truncated("the last Ogg page is not flagged end-of-stream")

    kind = {"ogg-vorbis": OggVorbis, "ogg-opus": OggOpus, "ogg-flac": OggFLAC}[container]
    f.seek(0)
    try:
        audio = kind(f)
    except Exception as error:  # mutagen raises many kinds on garbage: any of them means "cannot be read"
        raise _Corrupt(f"mutagen: {error!r}") from error

    info = audio.info
    sample_rate = 48_000 if container == "ogg-opus" else (getattr(info, "sample_rate", 0) or None)
    return _Info(container, info.length, getattr(info, "bitrate", 0) or None, sample_rate, info.channels or None)


# --- FLAC ----------------------------------------------------------------------------------

_FLAC_BLOCK_SIZES = {1: 192, **{n: 576 << (n - 2) for n in range(2, 6)}, **{n: 256 << (n - 8) for n in range(8, 16)}}


# (mask, value) of the first byte of a UTF-8-like number followed by 0…6 continuation bytes.
_UTF8_LEADS = ((0x80, 0x00), (0xE0, 0xC0), (0xF0, 0xE0), (0xF8, 0xF0), (0xFC, 0xF8), (0xFE, 0xFC), (0xFF, 0xFE))


def _flac_frame_header(data: bytes, pos: int) -> tuple[bool, int, int] | None:
    """(variable block size?, frame or sample number, block size) of a frame header, by its CRC-8."""
    if len(data) < pos + 6 or data[pos] != 0xFF or data[pos + 1] not in (0xF8, 0xF9):
        return None
    code, rate_code = data[pos + 2] >> 4, data[pos + 2] & 0x0F
    if code == 0 or rate_code == 0x0F or data[pos + 3] & 0x01 or (data[pos + 3] >> 4) > 0x0A:
        return None
    # The frame or sample number, coded like UTF-8 (up to 7 bytes).
    first = data[pos + 4]
    extra = next((n for n, (mask, lead) in enumerate(_UTF8_LEADS) if first & mask == lead), None)
    if extra is None:
        return None
    number = first & ~_UTF8_LEADS[extra][0] & 0xFF
    at = pos + 5
    for _i in range(extra):
        if at >= len(data) or data[at] & 0xC0 != 0x80:
            return None
        number = (number << 6) | (data[at] & 0x3F)
        at += 1
    if code == 6:
        block = data[at] + 1 if at < len(data) else 0
        at += 1
    elif code == 7:
        block = int.from_bytes(data[at : at + 2], "big") + 1 if at + 2 <= len(data) else 0
        at += 2
    else:
        block = _FLAC_BLOCK_SIZES.get(code, 0)
    at += {12: 1, 13: 2, 14: 2}.get(rate_code, 0)
    if not block or at >= len(data) or _crc8(data[pos:at]) != data[at]:
        return None
    return bool(data[pos + 1] & 1), number, block


def _flac_info(f: IO[bytes], size: int, start: int) -> _Info:
    try:
        audio = FLAC(f)
    except Exception as error:  # mutagen raises many kinds on garbage: any of them means "cannot be read"
        raise _Corrupt(f"mutagen: {error!r}") from error
    info = audio.info

    # Where the frames begin: after the last metadata block.
    pos = start + 4
    while True:
        header = _read_at(f, pos, 4)
        if len(header) < 4:
            raise _Truncated("the file ends inside its metadata")
        pos += 4 + int.from_bytes(header[1:4], "big")
        if header[0] & 0x80:
            break
    if pos > size:
        raise _Truncated(f"the metadata runs to {pos}; the file has {size} bytes")
    if pos < size and _flac_frame_header(_read_at(f, pos, 32), 0) is None:
        raise _Corrupt(f"no FLAC frame header after the metadata, at {pos}")

    # The last frame: found backwards from the end, its CRC-16 must cover the rest of the file.
    end = size - 128 if size - pos > 128 and _read_at(f, size - 128, 3) == b"TAG" else size
    window = min(end - pos, max(2 * (info.max_framesize or 0), 256 * 1024))
    tail = _read_at(f, end - window, window)
    candidates, last = 0, None
    i = len(tail) - 6
    while i >= 0 and candidates < 4:
        i = tail.rfind(b"\xff", 0, i + 1)
        if i < 0:
            break
        header = _flac_frame_header(tail, i)
        if header is not None:
            candidates += 1
            if _crc16(tail[i:-2]) == int.from_bytes(tail[-2:], "big"):
                last = header
                break
        i -= 1
    if last is None:
        if candidates or window == end - pos:
            raise _Truncated("the last FLAC frame is cut short (no frame ends with a valid CRC-16 at the end)")
        return _Info("flac", info.length, info.bitrate or None, info.sample_rate or None, info.channels or None)

    variable, number, block = last
    first_sample = number if variable else number * (info.max_blocksize or block)
    end_sample = first_sample + block
    if info.total_samples and end_sample < info.total_samples:
        raise _Truncated(f"the frames end at sample {end_sample}; STREAMINFO promises {info.total_samples}")
    duration = info.length or (end_sample / info.sample_rate if info.sample_rate else 0.0)
    bitrate = info.bitrate or (round((size - pos) * 8 / duration) if duration else None)
    return _Info("flac", duration, bitrate or None, info.sample_rate or None, info.channels or None)


# --- WAV -----------------------------------------------------------------------------------


def _wav_info(f: IO[bytes], size: int) -> _Info:
    riff_size = struct.unpack("<I", _read_at(f, 4, 4))[0]
    if riff_size + 8 > size + 1:  # one byte of slack: some writers forget the final pad byte
        raise _Truncated(f"the RIFF header promises {riff_size + 8} bytes; the file has {size}")
    try:
        audio = WAVE(f)
    except Exception as error:  # mutagen raises many kinds on garbage: any of them means "cannot be read"
        raise _Corrupt(f"mutagen: {error!r}") from error

    pos, data_size = 12, None
    while pos + 8 <= size:
        chunk_id, chunk_size = struct.unpack("<4sI", _read_at(f, pos, 8))
        if chunk_id == b"data":
            data_size = chunk_size
            if pos + 8 + chunk_size > size:
                raise _Truncated(f"the data chunk promises {chunk_size} bytes from {pos + 8}; the file has {size}")
            break
        pos += 8 + chunk_size + (chunk_size & 1)
    if data_size is None:
        raise _Corrupt("no data chunk")
    info = audio.info
    return _Info("wav", info.length, info.bitrate or None, info.sample_rate or None, info.channels or None)


# --- WebM (EBML) ---------------------------------------------------------------------------

_EBML = 0x1A45DFA3
_DOC_TYPE = 0x4282
_SEGMENT = 0x18538067
_INFO = 0x1549A966
_TIMECODE_SCALE = 0x2AD7B1
_DURATION = 0x4489
_TRACKS = 0x1654AE6B
_TRACK_ENTRY = 0xAE
_TRACK_TYPE = 0x83
_CODEC_ID = 0x86
_AUDIO = 0xE1
_SAMPLING_FREQUENCY = 0xB5
_CHANNELS = 0x9F
_CLUSTER = 0x1F43B675
_CLUSTER_TIMECODE = 0xE7
_SIMPLE_BLOCK = 0xA3
_BLOCK_GROUP = 0xA0
_BLOCK = 0xA1
_BLOCK_DURATION = 0x9B
# What may sit inside a Cluster: a Cluster of unknown size ends at the first other ID.
_CLUSTER_CHILDREN = frozenset({0xE7, 0xA3, 0xA0, 0xA7, 0xAB, 0xEC, 0xBF, 0x5854, 0xAF})
# What may sit inside a Segment. An element running past the end of the file is a cut file
# when it is one of these, and garbage when it is not.
_SEGMENT_CHILDREN = frozenset(
    {_INFO, _TRACKS, _CLUSTER, 0x114D9B74, 0x1C53BB6B, 0x1254C367, 0x1043A770, 0x1941A469, 0xEC, 0xBF}
)
_EBML_READ_LIMIT = 16 * 1024 * 1024


def _vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int | None, int]:
    """An EBML variable-length integer at ``pos``: (value, length). ``value`` is None for
    the reserved all-ones "unknown size". _Corrupt when it cannot be one."""
    if pos >= len(data):
        raise _Corrupt("EBML: cut variable-length integer")
    first = data[pos]
    if not first:
        raise _Corrupt(f"EBML: invalid variable-length integer at {pos}")
    length = 9 - first.bit_length()
    if pos + length > len(data):
        raise _Corrupt("EBML: cut variable-length integer")
    value = int.from_bytes(data[pos : pos + length], "big")
    if keep_marker:
        return value, length
    value &= (1 << (7 * length)) - 1
    return (None if value == (1 << (7 * length)) - 1 else value), length


def _ebml_elements(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, int]]:
    """(id, payload start, payload end) of the elements in an in-memory buffer."""
    end = len(data) if end is None else end
    pos = start
    while pos < end:
        element_id, id_length = _vint(data, pos, keep_marker=True)
        size, size_length = _vint(data, pos + id_length, keep_marker=False)
        payload = pos + id_length + size_length
        if element_id is None or size is None or payload + size > end:
            raise _Corrupt(f"EBML: element {element_id:X} at {pos} runs past its parent")
        yield element_id, payload, payload + size
        pos = payload + size


def _ebml_uint(data: bytes, start: int, end: int) -> int:
    return int.from_bytes(data[start:end], "big")


def _ebml_float(data: bytes, start: int, end: int) -> float:
    if end - start == 4:
        return struct.unpack(">f", data[start:end])[0]
    if end - start == 8:
        return struct.unpack(">d", data[start:end])[0]
    if end == start:
        return 0.0
    raise _Corrupt(f"EBML: float of {end - start} bytes")


def _ebml_doc_type(head: bytes) -> str | None:
    """The DocType of the EBML header at the start of ``head`` ("webm", "matroska"…)."""
    try:
        for element_id, start, end in _ebml_elements(head):
            if element_id == _EBML:
                for child, child_start, child_end in _ebml_elements(head, start, end):
                    if child == _DOC_TYPE:
                        return head[child_start:child_end].rstrip(b"\0").decode("ascii", "replace")
            return None
    except _Corrupt:
        return None
    return None


class _EbmlFile:
    """Element headers read straight from the file, for the Segment's large children."""

    def __init__(self, f: IO[bytes], size: int) -> None:
        self.f, self.size = f, size

    def header(self, pos: int) -> tuple[int, int | None, int]:
        """(id, size or None when unknown, payload start) of the element at ``pos``."""
        head = _read_at(self.f, pos, 12)
        if len(head) < 2:
            raise _Truncated(f"the file ends inside the element header at {pos}")
        try:
            element_id, id_length = _vint(head, 0, keep_marker=True)
            size, size_length = _vint(head, id_length, keep_marker=False)
        except _Corrupt:
            if pos + len(head) >= self.size and len(head) < 12:
                raise _Truncated(f"the file ends inside the element header at {pos}") from None
            raise
        if id_length > 4:
            raise _Corrupt(f"EBML: {id_length}-byte element ID at {pos}")
        return element_id, size, pos + id_length + size_length

    def read(self, start: int, end: int) -> bytes:
        if end - start > _EBML_READ_LIMIT:
            raise _Corrupt(f"EBML: element of {end - start} bytes where a small one was expected")
        return _read_at(self.f, start, end - start)


def _webm_info(f: IO[bytes], size: int) -> _Info:
    ebml = _EbmlFile(f, size)
    element_id, header_size, payload = ebml.header(0)
    if element_id != _EBML or header_size is None:
        raise _Corrupt("no EBML header")
    pos = payload + header_size
    element_id, segment_size, segment_start = ebml.header(pos)
    while element_id == 0xEC and segment_size is not None:  # Void before the Segment
        pos = segment_start + segment_size
        element_id, segment_size, segment_start = ebml.header(pos)
    if element_id != _SEGMENT:
        raise _Corrupt(f"no Segment after the EBML header (found {element_id:X})")
    if segment_size is not None and segment_start + segment_size > size:
        raise _Truncated(f"the Segment promises {segment_start + segment_size} bytes; the file has {size}")
    segment_end = size if segment_size is None else segment_start + segment_size

    scale, duration, tracks = 1_000_000, 0.0, []
    last_cluster: tuple[int, int] | None = None  # (payload start, payload end) of the last known-size Cluster
    latest = -math.inf  # the latest block timestamp seen, in TimecodeScale units
    pos = segment_start
    while pos < segment_end:
        element_id, element_size, payload = ebml.header(pos)
        if element_id == _CLUSTER and element_size is None:
            pos, latest = _webm_cluster_children(ebml, payload, segment_end, latest, open_ended=True)
            continue
        if element_size is None:
            raise _Corrupt(f"EBML: element {element_id:X} of unknown size at {pos}")
        end = payload + element_size
        if end > size:
            raise _overrun(element_id, pos, element_size, size, _SEGMENT_CHILDREN)
        if element_id == _INFO:
            data = ebml.read(payload, end)
            for child, start, child_end in _ebml_elements(data):
                if child == _TIMECODE_SCALE:
                    scale = _ebml_uint(data, start, child_end) or 1_000_000
                elif child == _DURATION:
                    duration = _ebml_float(data, start, child_end)
        elif element_id == _TRACKS:
            data = ebml.read(payload, end)
            tracks = [
                _webm_track(data, start, child_end)
                for child, start, child_end in _ebml_elements(data)
                if child == _TRACK_ENTRY
            ]
        elif element_id == _CLUSTER:
            last_cluster = (payload, end)
        pos = end

    if not tracks:
        raise _Corrupt("no Tracks element or no track in it")
    if not any(track_type in (1, 2) for track_type, _rate, _channels in tracks):
        raise _NoStreams("no video (1) or audio (2) track")
    seconds = duration * scale / 1e9 if math.isfinite(duration) else 0.0
    if seconds <= 0:
        if last_cluster is not None:
            _end, latest = _webm_cluster_children(ebml, *last_cluster, latest)
        seconds = latest * scale / 1e9 if latest > 0 else 0.0
    audio = next(((rate, channels) for track_type, rate, channels in tracks if track_type == 2), (None, None))
    has_video = any(track_type == 1 for track_type, _rate, _channels in tracks)
    bitrate = round(size * 8 / seconds) if seconds > 0 else None
    return _Info("webm", seconds, bitrate, audio[0], audio[1], has_video=has_video)


def _webm_track(data: bytes, start: int, end: int) -> tuple[int, int | None, int | None]:
    track_type, rate, channels, codec = 0, None, None, b""
    for child, child_start, child_end in _ebml_elements(data, start, end):
        if child == _TRACK_TYPE:
            track_type = _ebml_uint(data, child_start, child_end)
        elif child == _CODEC_ID:
            codec = data[child_start:child_end]
        elif child == _AUDIO:
            for setting, s_start, s_end in _ebml_elements(data, child_start, child_end):
                if setting == _SAMPLING_FREQUENCY:
                    rate = round(_ebml_float(data, s_start, s_end)) or None
                elif setting == _CHANNELS:
                    channels = _ebml_uint(data, s_start, s_end) or None
    if codec.startswith(b"A_OPUS"):
        rate = 48_000  # Opus always decodes at 48 kHz; the element may hold the source's rate
    return track_type, rate, channels


def _webm_cluster_children(
    ebml: _EbmlFile, start: int, end: int, latest: float, *, open_ended: bool = False
) -> tuple[int, float]:
    """Walk a Cluster's children: returns where it ends and the latest block timestamp (in
    TimecodeScale units). ``open_ended``: a Cluster of unknown size (written live), which
    ends at the first element that cannot be inside a Cluster."""
    cluster_time = 0
    pos = start
    while pos < end:
        element_id, element_size, payload = ebml.header(pos)
        if open_ended and element_id not in _CLUSTER_CHILDREN:
            return pos, latest
        if element_size is None:
            raise _Corrupt(f"EBML: element {element_id:X} of unknown size inside a Cluster at {pos}")
        child_end = payload + element_size
        if child_end > ebml.size:
            raise _overrun(element_id, pos, element_size, ebml.size, _CLUSTER_CHILDREN)
        if element_id == _CLUSTER_TIMECODE:
            cluster_time = _ebml_uint(ebml.read(payload, child_end), 0, element_size)
        elif element_id == _SIMPLE_BLOCK:
            latest = max(latest, cluster_time + _block_time(ebml.read(payload, min(child_end, payload + 12))))
        elif element_id == _BLOCK_GROUP:
            group = ebml.read(payload, child_end)
            block_time, block_duration = None, 0
            for child, child_start, grandchild_end in _ebml_elements(group):
                if child == _BLOCK:
                    block_time = _block_time(group[child_start:grandchild_end])
                elif child == _BLOCK_DURATION:
                    block_duration = _ebml_uint(group, child_start, grandchild_end)
            if block_time is not None:
                latest = max(latest, cluster_time + block_time + block_duration)
        pos = child_end
    return pos, latest


def _overrun(element_id: int, pos: int, element_size: int, size: int, expected: frozenset[int]) -> Exception:
    """An element running past the end of the file: cut short if it is one that belongs there."""
    detail = f"element {element_id:X} at {pos} promises {element_size} bytes; the file has {size}"
    return _Truncated(detail) if element_id in expected else _Corrupt(detail)


def _block_time(block: bytes) -> int:
    """The signed 16-bit timestamp of a (Simple)Block, relative to its Cluster."""
    _track, length = _vint(block, 0, keep_marker=False)
    if len(block) < length + 2:
        raise _Corrupt("EBML: cut block header")
    return struct.unpack(">h", block[length : length + 2])[0]


# --- probe() -------------------------------------------------------------------------------


def probe(path: str | os.PathLike[str], *, filename: str) -> Probe:
    """Check that the file at ``path``, uploaded as ``filename``, is a complete, readable
    recording of the kind its ending claims; RecordingError (with a message for the person
    uploading) when it is not."""
    claimed = format_for_filename(filename)
    name = _display_name(filename)
    ext = name.rpartition(".")[2]
    size = os.path.getsize(path)
    if size == 0:
        raise RecordingError(_("“%(name)s” is empty: the file contains no data.") % {"name": name}, code="empty")

    with open(path, "rb") as f:
        sniffed = _sniff(f)
        if sniffed.container not in _ACCEPTS[claimed.name]:
            raise _mislabelled(name, ext, claimed, sniffed)
        try:
            info = _container_info(f, size, sniffed)
        except _Corrupt as error:
            raise RecordingError(
                _("“%(name)s” looks like %(format)s but is damaged: it cannot be read.")
                % {"name": name, "format": claimed.label},
                code="corrupt",
                detail=str(error),
            ) from None
        except _Truncated as error:
            raise RecordingError(
                _(
                    "“%(name)s” is incomplete: the file stops before the end of the recording. "
                    "It may not have finished copying or uploading; please try again with the whole file."
                )
                % {"name": name},
                code="truncated",
                detail=str(error),
            ) from None
        except _NoStreams as error:
            raise RecordingError(
                _("“%(name)s” contains no sound and no pictures: there is nothing in it to play.") % {"name": name},
                code="no_streams",
                detail=str(error),
            ) from None

    if not (math.isfinite(info.duration) and info.duration > 0):
        raise RecordingError(
            _("“%(name)s” has no playing time: its length is zero or cannot be found.") % {"name": name},
            code="no_duration",
            detail=f"duration {info.duration!r}",
        )
    if info.container == "mp4":
        fmt = FORMATS["mp4"] if info.has_video else claimed
    elif info.container == "ogg-opus":
        fmt = FORMATS["opus"]
    else:
        fmt = claimed
    bitrate = info.bitrate if fmt.kind == "audio" else None
    if not bitrate:
        bitrate = round(size * 8 / info.duration)
    return Probe(
        format=fmt,
        duration=info.duration,
        bitrate=bitrate,
        sample_rate=info.sample_rate,
        channels=info.channels,
        has_video=info.has_video,
    )


def _container_info(f: IO[bytes], size: int, sniffed: _Sniffed) -> _Info:
    f.seek(0)
    try:
        if sniffed.container == "mp3":
            return _mp3_info(f, size, sniffed.offset)
        if sniffed.container == "mp4":
            return _mp4_info(f, size)
        if sniffed.container in ("ogg-vorbis", "ogg-opus", "ogg-flac"):
            return _ogg_info(f, size, sniffed.container)
        if sniffed.container == "flac":
            return _flac_info(f, size, sniffed.offset)
        if sniffed.container == "wav":
            return _wav_info(f, size)
        return _webm_info(f, size)
    except (struct.error, IndexError, ValueError, OverflowError) as error:
        raise _Corrupt(f"{type(error).__name__}: {error}") from error


def _mislabelled(name: str, ext: str, claimed: MediaFormat, sniffed: _Sniffed) -> RecordingError:
    if not sniffed.label:
        return RecordingError(
            _(
                "“%(name)s” is named .%(ext)s but does not contain %(format)s, nor any other recording "
                "this archive recognises. It may be damaged, or a different kind of file."
            )
            % {"name": name, "ext": ext, "format": claimed.label},
            code="unrecognised",
        )
    message = _("“%(name)s” is named .%(ext)s but contains %(found)s.") % {
        "name": name,
        "ext": ext,
        "found": sniffed.label,
    }
    if sniffed.suggest:
        message += " " + _("Rename it to end in .%(ext)s and upload it again.") % {"ext": sniffed.suggest}
    else:
        message += " " + _("Accepted endings: %(accepted)s.") % {"accepted": accepted_extensions()}
    return RecordingError(message, code="mislabelled", detail=sniffed.container or "")


# --- Hashing, sizes, uploads -----------------------------------------------------------------


def sha256_file(path: str | os.PathLike[str], *, chunk_size: int = 1 << 20) -> str:
    """The SHA-256 hex digest of a local file, read ``chunk_size`` bytes at a time."""
    with open(path, "rb") as f:
        return sha256_stream(f, chunk_size=chunk_size)


def sha256_stream(stream: IO[bytes], *, chunk_size: int = 1 << 20) -> str:
    """The SHA-256 hex digest of everything left in a binary stream (a stored file opened
    with ``heritage.storage.open_stream``: local or S3), ``chunk_size`` bytes at a time."""
    digest = hashlib.sha256()
    while chunk := stream.read(chunk_size):
        digest.update(chunk)
    return digest.hexdigest()


_UNITS = (
    (1024**4, gettext_lazy("%(size)s TB")),
    (1024**3, gettext_lazy("%(size)s GB")),
    (1024**2, gettext_lazy("%(size)s MB")),
    (1024, gettext_lazy("%(size)s KB")),
)


def human_size(n_bytes: int, *, decimals: int | None = None) -> str:
    """A size for people, in binary units with the active language's number format:
    "512 KB", "2.0 GB" ("2,0 GB" in French). KB get no decimals, larger units one,
    unless ``decimals`` says otherwise."""
    for unit, template in _UNITS:
        value = n_bytes / unit
        places = (0 if unit == 1024 else 1) if decimals is None else decimals
        if n_bytes >= unit:
            # Rounded here: number_format cuts the extra decimals off rather than rounding.
            return str(template) % {"size": number_format(round(value, places), decimal_pos=places)}
    return ngettext("%(size)s byte", "%(size)s bytes", n_bytes) % {"size": number_format(n_bytes)}


def oversize_message(received: int, limit: int) -> str:
    """ "The file is 2.3 GB; the limit is 2.0 GB.", with enough decimals to tell the two apart."""
    for decimals in (None, 2, 3):
        size, maximum = human_size(received, decimals=decimals), human_size(limit, decimals=decimals)
        if size != maximum:
            return _("The file is %(size)s; the limit is %(limit)s.") % {"size": size, "limit": maximum}
    return _("The file is larger than the limit of %(limit)s.") % {"limit": human_size(limit)}


def recording_max_bytes() -> int:
    """settings.HERITAGE_RECORDING_MAX_BYTES, or 2 GB when the setting is absent."""
    return int(getattr(settings, "HERITAGE_RECORDING_MAX_BYTES", DEFAULT_MAX_BYTES))


class HashingUploadHandler(TemporaryFileUploadHandler):
    """Streams every upload to a temporary file (never to memory), computes its SHA-256 while
    the bytes arrive, and stops keeping bytes once the file passes the size limit.

    After the upload, ``request.FILES[...]`` is a ``TemporaryUploadedFile`` with three more
    attributes: ``sha256`` (hex digest of the complete file; "" when oversized),
    ``oversized`` (bool) and ``received`` (bytes received, counted to the end even past the
    limit, so the refusal can say how big the file was: see :func:`oversize_message`).
    Once past ``settings.HERITAGE_RECORDING_MAX_BYTES`` the temporary file is truncated to
    zero bytes and nothing more is written to it.
    """

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.limit = recording_max_bytes()
        self.received = 0
        self.oversized = False
        self.digest = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.oversized:
            return None
        if self.received > self.limit:
            self.oversized = True
            self.file.seek(0)
            self.file.truncate()
            self.file.flush()
            return None
        self.file.write(raw_data)
        self.digest.update(raw_data)
        return None

    def file_complete(self, file_size: int) -> Any:
        uploaded = super().file_complete(file_size)
        uploaded.sha256 = "" if self.oversized else self.digest.hexdigest()
        uploaded.oversized = self.oversized
        uploaded.received = self.received
        return uploaded
