"""What a recording's bytes are: FFmpeg reads them (through PyAV); a few cheap checks
say what FFmpeg does not.

:func:`oral_histories.media_files.probe` asks, in this order:

1. :func:`sniff`: what the first bytes say the file is, so that a refusal can name it
   ("named .mp3 but contains FLAC audio", "…contains a PDF document"). Only signatures
   are read here: magic numbers, the first ``ftyp`` box's brands, the codec heads of an
   Ogg file's first pages, an EBML header's DocType, an MPEG audio frame header (after
   any ID3 tag). It never walks a container.
2. :func:`ends_early`: whether the file stops before the end its own container states,
   which FFmpeg, built to play whatever it can, does not report: an MP4 top-level box,
   a WAV ``RIFF``/``data`` chunk or a WebM Segment (or, written live, a Cluster or
   block) running past the end; an Ogg stream whose last page is cut short or not
   flagged end-of-stream. Only headers at known places are read (top-level boxes,
   the last 64 KB of an Ogg file), except in a live WebM, whose elements are walked.
3. :func:`read`: FFmpeg opens the file with the demuxer of the sniffed family, lists its
   streams and their codecs (the caller says which codecs it takes), then reads every
   packet of sound and pictures (demuxing only: nothing of the file is held but the
   last few packets). The first packets of each stream are decoded, and the last few
   of each audio stream; a packet FFmpeg flags as cut short, a decoding error, an MP3
   stream whose last frame is shorter than its header states, or a FLAC stream ending
   before its STREAMINFO total of samples, says the file is damaged or incomplete.

Memory stays flat whatever the size: FFmpeg reads the file (or a seekable file object)
through its own buffers and the checks read a few headers at a time.

Problems are raised as :class:`Corrupt`, :class:`Truncated`, :class:`NoStreams`
or :class:`UnsupportedCodec` with an untranslated technical detail;
``media_files`` turns them into messages for people.
"""

from __future__ import annotations

import os
import struct
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import av

# --- Problems ----------------------------------------------------------------------------


class Corrupt(Exception):
    """The file cannot be read as what it claims to be (detail in args[0])."""


class Truncated(Exception):
    """The file is shorter than its own headers promise (detail in args[0])."""


class NoStreams(Exception):
    """The container holds neither sound nor pictures."""


class UnsupportedCodec(Exception):
    """A stream of sound or pictures is encoded in a way the caller does not take."""

    def __init__(self, kind: str, codec: str, label: str) -> None:
        super().__init__(f"{kind} stream in {codec}")
        self.kind, self.codec, self.label = kind, codec, label


def _read_at(f: IO[bytes], offset: int, n: int) -> bytes:
    f.seek(offset)
    return f.read(n)


# --- 1. Signatures -------------------------------------------------------------------------

#: The families :func:`sniff` recognises as recordings (``Sniffed.container``).
CONTAINERS = frozenset({"mp3", "mp4", "ogg-vorbis", "ogg-opus", "ogg-flac", "flac", "wav", "webm"})

# ftyp brands of the ISO base media family that browsers play as MP4 (major or compatible).
_MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9", b"mp41", b"mp42", b"mp71"}
    | {b"avc1", b"M4A ", b"M4B ", b"M4P ", b"M4V ", b"M4VH", b"M4VP", b"F4V ", b"F4A ", b"F4P ", b"dash", b"msdh"}
    | {b"msix", b"MSNV", b"NDAS", b"XAVC"}
)


@dataclass(frozen=True)
class Sniffed:
    container: str | None  # one of CONTAINERS, or None for anything else
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


def _mpeg_frame(header: bytes) -> _MpegFrame | None:
    """A 4-byte MPEG audio frame header; None when it is not one (free format too)."""
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
    return _MpegFrame(version, layer, sample_rate, length)


def _mpeg_frames_in(data: bytes) -> int | None:
    """Where, in ``data``, two MPEG layer III frames follow each other; None when nowhere."""
    at = data.find(b"\xff")
    while 0 <= at < len(data) - 4:
        frame = _mpeg_frame(data[at : at + 4])
        if frame is not None and frame.layer == 3:
            following = _mpeg_frame(data[at + frame.length : at + frame.length + 4])
            if following is not None and (following.version, following.sample_rate) == (
                frame.version,
                frame.sample_rate,
            ):
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


def _ogg_first_packets(data: bytes) -> Iterator[bytes]:
    """The first bytes of the payload of each beginning-of-stream page at the start of ``data``."""
    pos = 0
    while data[pos : pos + 4] == b"OggS" and pos + 27 <= len(data):
        nsegs = data[pos + 26]
        body = pos + 27 + nsegs
        if body > len(data):
            return
        length = sum(data[pos + 27 : body])
        if data[pos + 5] & 0x02:
            yield data[body : body + min(length, 16)]
        pos = body + length


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


def sniff(f: IO[bytes]) -> Sniffed:
    """What the first bytes of ``f`` say it is."""
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
        return Sniffed("mp3", _("MP3 audio"), "mp3", start)
    if frame is not None:
        return Sniffed(None, _("MPEG layer %(layer)s audio (not MP3)") % {"layer": "I" * frame.layer})
    if head[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return Sniffed(None, _("raw AAC audio without an MP4 container"))
    if head[:4] == b"fLaC":
        return Sniffed("flac", _("FLAC audio"), "flac", start)
    if start:
        return Sniffed(None, "")  # an ID3 tag in front of anything else

    if head[4:8] == b"ftyp":
        major = head[8:12]
        brands = {major} | {head[i : i + 4] for i in range(16, min(len(head), struct.unpack(">I", head[:4])[0]), 4)}
        if brands & _MP4_BRANDS:
            if major in (b"M4A ", b"M4B ", b"M4P "):
                return Sniffed("mp4", _("MPEG-4 (M4A) audio"), "m4a")
            return Sniffed("mp4", _("MP4 video"), "mp4")
        if major == b"qt  ":
            return Sniffed(None, _("a QuickTime movie (.mov)"))
        if major[:3] in (b"3gp", b"3g2"):
            return Sniffed(None, _("a 3GPP phone recording"))
        if major in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"):
            return Sniffed(None, _("a HEIF or AVIF image"))
        return Sniffed(None, _("an MPEG-4 variant this archive does not take"))
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return Sniffed(None, _("a QuickTime movie (.mov)"))

    if head[:4] == b"OggS":
        heads = list(_ogg_first_packets(head))
        if any(p.startswith((b"\x80theora", b"\x80daala", b"OVP80")) for p in heads):
            return Sniffed(None, _("Ogg video (Theora)"))
        for payload in heads:
            if payload.startswith(b"OpusHead"):
                return Sniffed("ogg-opus", _("Opus audio"), "opus")
            if payload.startswith(b"\x01vorbis"):
                return Sniffed("ogg-vorbis", _("Ogg Vorbis audio"), "ogg")
            if payload.startswith(b"\x7fFLAC"):
                return Sniffed("ogg-flac", _("FLAC audio in an Ogg container"), "ogg")
            if payload.startswith(b"Speex   "):
                return Sniffed(None, _("Speex audio"))
        if not heads:  # not even a first page that can be read
            return Sniffed(None, "")
        return Sniffed(None, _("Ogg data of a kind this archive does not take"))

    if head[:4] == b"RIFF":
        if head[8:12] == b"WAVE":
            return Sniffed("wav", _("WAV audio"), "wav")
        if head[8:12] == b"AVI ":
            return Sniffed(None, _("an AVI video"))
        if head[8:12] == b"WEBP":
            return Sniffed(None, _("a WebP image"))
        return Sniffed(None, "")
    if head[:4] in (b"RF64", b"BW64"):
        return Sniffed(None, _("a very large WAV variant (RF64)"))

    if head[:4] == b"\x1a\x45\xdf\xa3":
        doc_type = _ebml_doc_type(head)
        if doc_type == "webm":
            return Sniffed("webm", _("WebM video"), "webm")
        if doc_type == "matroska":
            return Sniffed(None, _("a Matroska (MKV) video"))
        return Sniffed(None, "")

    for magic, label in _STRANGERS:
        if head.startswith(magic):
            return Sniffed(None, str(label))
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return Sniffed(None, _("AIFF audio"))
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return Sniffed(None, _("a web page (HTML)"))
    return Sniffed(None, "")


# --- 2. Does the file stop before its container's end? -------------------------------------


def ends_early(f: IO[bytes], size: int, container: str) -> None:
    """Truncated when ``f`` (of ``size`` bytes) stops before the end its container
    states; Corrupt when those headers are garbage. Containers whose end FFmpeg's reading
    shows (MP3, FLAC) are left to :func:`read`."""
    try:
        if container == "mp4":
            _mp4_top_level(f, size)
        elif container.startswith("ogg-"):
            _ogg_last_page(f, size)
        elif container == "wav":
            _wav_chunks(f, size)
        elif container == "webm":
            _webm_segment(f, size)
    except (struct.error, IndexError, ValueError, OverflowError) as error:
        raise Corrupt(f"{type(error).__name__}: {error}") from error


_MP4_TOP_LEVEL = frozenset(
    {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"moof", b"mfra", b"meta", b"pdin", b"styp"}
    | {b"sidx", b"ssix", b"prft", b"emsg", b"udta", b"junk", b"pnot", b"PICT", b"Xtra", b"beam", b"abst", b"afra"}
)


def _mp4_top_level(f: IO[bytes], size: int) -> None:
    """Each top-level box must end within the file (a box of size 0 runs to the end)."""
    pos = 0
    while pos + 8 <= size:
        head = _read_at(f, pos, 16)
        box_size, kind = struct.unpack(">I4s", head[:8])
        header = 8
        if box_size == 1:
            if len(head) < 16:
                raise Truncated(f"the file ends inside the header of box {kind!r} at {pos}")
            box_size, header = struct.unpack(">Q", head[8:16])[0], 16
        elif box_size == 0:  # "runs to the end of the file"
            box_size = size - pos
        if kind not in _MP4_TOP_LEVEL and not kind.isalnum():
            raise Corrupt(f"unexpected top-level box {kind!r} at {pos}")
        if box_size < header:
            raise Corrupt(f"box {kind!r} at {pos} has an impossible size {box_size}")
        if pos + box_size > size:
            raise Truncated(f"box {kind!r} at {pos} needs {box_size} bytes; {size - pos} remain")
        pos += box_size


def _crc_table(polynomial: int) -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 24
        for _i in range(8):
            crc = ((crc << 1) ^ polynomial) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
        table.append(crc)
    return tuple(table)


_OGG_CRC = _crc_table(0x04C11DB7)


def _crc32_ogg(data: bytes) -> int:
    crc, table = 0, _OGG_CRC
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
    return crc


def _ogg_last_page(f: IO[bytes], size: int) -> None:
    """The last page must be complete, intact and flagged end-of-stream (an Ogg stream
    states no length anywhere else; FFmpeg plays a cut one as far as it goes)."""
    first_serial = _read_at(f, 14, 4)
    window = min(size, 65_307 + 27 + 255)  # the largest possible page
    tail = _read_at(f, size - window, window)
    last = tail.rfind(b"OggS")
    if last < 0:
        raise Corrupt("no Ogg page in the last 64 KB")
    page, where = tail[last:], size - window + last
    if len(page) < 27 or len(page) < 27 + page[26]:
        raise Truncated(f"the last Ogg page, at {where}, is cut inside its header")
    length = 27 + page[26] + sum(page[27 : 27 + page[26]])
    if length > len(page):
        # Cut short, so its checksum cannot be checked; its header must still make sense.
        if page[4] != 0 or page[5] & 0xF8 or page[14:18] != first_serial:
            raise Corrupt(f"the last Ogg page, at {where}, has a header that belongs to no stream")
        raise Truncated(f"the last Ogg page, at {where}, needs {length} bytes; {len(page)} remain")
    if length < len(page):
        raise Corrupt(f"{len(page) - length} bytes of foreign data after the last Ogg page")
    if _crc32_ogg(page[:22] + b"\0\0\0\0" + page[26:length]) != struct.unpack("<I", page[22:26])[0]:
        raise Corrupt(f"the last Ogg page, at {where}, fails its checksum")
    if not page[5] & 0x04:
        raise Truncated("the last Ogg page is not flagged end-of-stream")


def _wav_chunks(f: IO[bytes], size: int) -> None:
    """The RIFF size and the ``data`` chunk must end within the file. (A WAV without a
    ``data`` chunk is left to FFmpeg, which calls it unreadable.)"""
    riff_size = struct.unpack("<I", _read_at(f, 4, 4))[0]
    if riff_size + 8 > size + 1:  # one byte of slack: some writers forget the final pad byte
        raise Truncated(f"the RIFF header promises {riff_size + 8} bytes; the file has {size}")
    pos = 12
    for _i in range(64):  # fmt, fact, LIST, bext, junk… come before the samples
        head = _read_at(f, pos, 8)
        if len(head) < 8:
            return
        chunk_id, chunk_size = struct.unpack("<4sI", head)
        if chunk_id == b"data":
            if pos + 8 + chunk_size > size:
                raise Truncated(f"the data chunk promises {chunk_size} bytes from {pos + 8}; the file has {size}")
            return
        pos += 8 + chunk_size + (chunk_size & 1)


# EBML (WebM): element IDs keep their length marker, as the specification writes them.
_EBML = 0x1A45DFA3
_DOC_TYPE = 0x4282
_SEGMENT = 0x18538067
_VOID = 0xEC
_CLUSTER = 0x1F43B675
# What may sit inside a Cluster: a Cluster of unknown size ends at the first other ID.
_CLUSTER_CHILDREN = frozenset({0xE7, 0xA3, 0xA0, 0xA7, 0xAB, 0xEC, 0xBF, 0x5854, 0xAF})
# What may sit inside a Segment (SeekHead, Info, Tracks, Cluster, Cues, Tags, Chapters,
# Attachments, Void, CRC-32). An element running past the end of the file is a cut
# file when it is one of these, and garbage when it is not.
_SEGMENT_CHILDREN = frozenset(
    {0x114D9B74, 0x1549A966, 0x1654AE6B, _CLUSTER, 0x1C53BB6B, 0x1254C367, 0x1043A770, 0x1941A469, _VOID, 0xBF}
)


def _vint(data: bytes, pos: int, *, keep_marker: bool) -> tuple[int | None, int]:
    """An EBML variable-length integer at ``pos``: (value, length). ``value`` is None for
    the reserved all-ones "unknown size". Corrupt when it cannot be one."""
    if pos >= len(data):
        raise Corrupt("EBML: cut variable-length integer")
    first = data[pos]
    if not first:
        raise Corrupt(f"EBML: invalid variable-length integer at {pos}")
    length = 9 - first.bit_length()
    if pos + length > len(data):
        raise Corrupt("EBML: cut variable-length integer")
    value = int.from_bytes(data[pos : pos + length], "big")
    if keep_marker:
        return value, length
    value &= (1 << (7 * length)) - 1
    return (None if value == (1 << (7 * length)) - 1 else value), length


def _ebml_doc_type(head: bytes) -> str | None:
    """The DocType of the EBML header at the start of ``head`` ("webm", "matroska"…)."""
    try:
        _header, id_length = _vint(head, 0, keep_marker=True)
        header_size, size_length = _vint(head, id_length, keep_marker=False)
        pos = id_length + size_length
        end = min(len(head), pos + (header_size or 0))
        while pos < end:
            element_id, id_length = _vint(head, pos, keep_marker=True)
            element_size, size_length = _vint(head, pos + id_length, keep_marker=False)
            payload = pos + id_length + size_length
            if element_size is None:
                return None
            if element_id == _DOC_TYPE:
                return head[payload : payload + element_size].rstrip(b"\0").decode("ascii", "replace")
            pos = payload + element_size
    except Corrupt:
        return None
    return None


def _ebml_header(f: IO[bytes], pos: int, size: int) -> tuple[int, int | None, int]:
    """(id, size or None when unknown, payload start) of the element at ``pos``."""
    head = _read_at(f, pos, 12)
    if len(head) < 2:
        raise Truncated(f"the file ends inside the element header at {pos}")
    try:
        element_id, id_length = _vint(head, 0, keep_marker=True)
        element_size, size_length = _vint(head, id_length, keep_marker=False)
    except Corrupt:
        if pos + len(head) >= size and len(head) < 12:
            raise Truncated(f"the file ends inside the element header at {pos}") from None
        raise
    if id_length > 4 or element_id is None:
        raise Corrupt(f"EBML: {id_length}-byte element ID at {pos}")
    return element_id, element_size, pos + id_length + size_length


def _overrun(element_id: int, pos: int, element_size: int, size: int, expected: frozenset[int]) -> Exception:
    """An element running past the end of the file: cut short if it is one that belongs there."""
    detail = f"element {element_id:X} at {pos} promises {element_size} bytes; the file has {size}"
    return Truncated(detail) if element_id in expected else Corrupt(detail)


def _webm_segment(f: IO[bytes], size: int) -> None:
    """The Segment must end within the file. A Segment of unknown size (written live, as
    browsers record) states no end: each element in it, and each child of a Cluster of
    unknown size, must end within the file instead."""
    element_id, header_size, payload = _ebml_header(f, 0, size)
    if element_id != _EBML or header_size is None:
        raise Corrupt("no EBML header")
    element_id, segment_size, segment_start = _ebml_header(f, payload + header_size, size)
    while element_id == _VOID and segment_size is not None:  # Void before the Segment
        element_id, segment_size, segment_start = _ebml_header(f, segment_start + segment_size, size)
    if element_id != _SEGMENT:
        raise Corrupt(f"no Segment after the EBML header (found {element_id:X})")
    if segment_size is not None:
        if segment_start + segment_size > size:
            raise Truncated(f"the Segment promises {segment_start + segment_size} bytes; the file has {size}")
        return
    pos = segment_start
    while pos < size:
        element_id, element_size, payload = _ebml_header(f, pos, size)
        if element_id == _CLUSTER and element_size is None:
            pos = _open_cluster_end(f, payload, size)
            continue
        if element_size is None:
            raise Corrupt(f"EBML: element {element_id:X} of unknown size at {pos}")
        if payload + element_size > size:
            raise _overrun(element_id, pos, element_size, size, _SEGMENT_CHILDREN)
        pos = payload + element_size


def _open_cluster_end(f: IO[bytes], pos: int, size: int) -> int:
    """Where a Cluster of unknown size ends: at the first element that cannot be in it."""
    while pos < size:
        element_id, element_size, payload = _ebml_header(f, pos, size)
        if element_id not in _CLUSTER_CHILDREN:
            return pos
        if element_size is None:
            raise Corrupt(f"EBML: element {element_id:X} of unknown size inside a Cluster at {pos}")
        if payload + element_size > size:
            raise _overrun(element_id, pos, element_size, size, _CLUSTER_CHILDREN)
        pos = payload + element_size
    return pos


# --- 3. FFmpeg reads it --------------------------------------------------------------------

#: FFmpeg's demuxer for each family: the file is opened with it, not guessed again.
_DEMUXERS = {
    "mp3": "mp3",
    "mp4": "mov",
    "ogg-vorbis": "ogg",
    "ogg-opus": "ogg",
    "ogg-flac": "ogg",
    "flac": "flac",
    "wav": "wav",
    "webm": "matroska",
}
#: Packets decoded at the start of each stream, and kept (then decoded) at the end of each audio stream.
HEAD_PACKETS = 16
TAIL_PACKETS = 8
_ATTACHED_PIC = 0x0400  # AV_DISPOSITION_ATTACHED_PIC: cover art, shown as a one-picture "video" stream


@dataclass(frozen=True)
class StreamFacts:
    kind: str  # "audio" | "video"
    codec: str  # FFmpeg's codec name: "aac", "opus", "h264"…
    sample_rate: int | None
    channels: int | None
    bit_rate: int | None  # what the stream states, if anything
    declared: float | None  # seconds, as the container states it (0.0: it says zero)
    packets: int
    start: float | None  # first and last moment a packet covers, in seconds
    end: float | None


@dataclass(frozen=True)
class Facts:
    declared: float | None  # the container's length in seconds (FFmpeg's, maybe estimated)
    streams: tuple[StreamFacts, ...]

    @property
    def played(self) -> float:
        """From the first packet's start to the last one's end, in seconds (0 when none)."""
        starts = [s.start for s in self.streams if s.start is not None]
        ends = [s.end for s in self.streams if s.end is not None]
        return max(ends) - min(starts) if starts and ends else 0.0


def _codec_name(stream: Any) -> str:
    """FFmpeg's name of the encoding ("mp3", not its decoder's "mp3float")."""
    codec = stream.codec_context.codec
    return getattr(codec, "canonical_name", None) or codec.name


def _codec_label(stream: Any) -> str:
    """FFmpeg's long name of the encoding: "ALAC (Apple Lossless Audio Codec)"."""
    return stream.codec_context.codec.long_name or _codec_name(stream)


def read(source: str | os.PathLike[str] | IO[bytes], container: str, accept: Mapping[str, frozenset[str]]) -> Facts:
    """Open ``source`` with FFmpeg's demuxer for ``container`` and read every packet of its
    sound and pictures. ``accept``: the codecs taken for "audio" and "video"."""
    try:
        with av.open(
            source if not isinstance(source, os.PathLike) else os.fspath(source), format=_DEMUXERS[container]
        ) as media:
            streams = [s for s in media.streams if s.type in ("audio", "video") and not (s.disposition & _ATTACHED_PIC)]
            if not streams:
                found = ", ".join(sorted({s.type for s in media.streams})) or "none"
                raise NoStreams(f"no audio or video stream (streams: {found})")
            for stream in streams:
                if stream.codec_context is None:
                    raise Corrupt(f"FFmpeg cannot tell how {stream.type} stream {stream.index} is encoded")
                if _codec_name(stream) not in accept.get(stream.type, ()):
                    raise UnsupportedCodec(stream.type, _codec_name(stream), _codec_label(stream))
            walks = {stream.index: _Walk(stream, container) for stream in streams}
            # The loop every packet goes through: as little as can be (a large file has millions).
            counts = dict.fromkeys(walks, 0)
            tails = {index: walk.tail for index, walk in walks.items()}
            for packet in media.demux(streams):
                if not packet.size:
                    continue  # the empty packets that end each stream
                index = packet.stream_index
                number = counts[index] = counts[index] + 1
                tails[index].append(packet)
                if packet.is_corrupt:
                    walks[index].cut.append((number, packet.pos, packet.size))
                if number <= HEAD_PACKETS:
                    walks[index].head(packet, number)
            for index, walk in walks.items():
                walk.packets = counts[index]
                walk.finish()
            declared = media.duration / av.time_base if media.duration else None
            return Facts(declared, tuple(walk.facts() for walk in walks.values()))
    except (NoStreams, UnsupportedCodec, Truncated, Corrupt):
        raise
    except av.error.EOFError as error:
        raise Corrupt(f"FFmpeg: the {_DEMUXERS[container]} demuxer ran out of data: {error}") from error
    except av.error.DecoderNotFoundError as error:
        raise Corrupt(f"FFmpeg: no decoder: {error}") from error
    except (av.error.FFmpegError, ValueError, OverflowError, IndexError, struct.error) as error:
        raise Corrupt(f"FFmpeg: {type(error).__name__}: {error}") from error


class _Walk:
    """One stream's packets: the first ones decoded and timed as they go by, the last few
    kept (then timed and, for sound, decoded). Times stay in the stream's time base."""

    def __init__(self, stream: Any, container: str) -> None:
        self.stream = stream
        self.container = container
        self.time_base: Fraction = stream.time_base or Fraction(1, 1)
        self.packets = 0
        self.first_pts: int | None = None
        self.cut: list[tuple[int, int | None, int]] = []  # (packet number, byte position, size) FFmpeg flagged
        self.decode_errors: list[tuple[int, str]] = []  # (packet number, error)
        self.tail: deque[Any] = deque(maxlen=TAIL_PACKETS)
        context = stream.codec_context
        context.thread_count = 1  # a few packets: not worth more threads on a busy server

    def head(self, packet: Any, number: int) -> None:
        pts = packet.pts if packet.pts is not None else packet.dts
        if pts is not None and (self.first_pts is None or pts < self.first_pts):
            self.first_pts = pts
        self._decode(packet, number)

    @property
    def last_end(self) -> int | None:
        """The latest end (pts + duration) among the last packets (which may come out of
        order: pictures are stored in decoding order)."""
        ends = [
            (p.pts if p.pts is not None else p.dts) + (p.duration or 0)
            for p in self.tail
            if p.pts is not None or p.dts is not None
        ]
        return max(ends, default=None)

    def _decode(self, packet: Any, number: int) -> bool:
        try:
            packet.decode()
        except (av.error.FFmpegError, ValueError) as error:
            self.decode_errors.append((number, f"{type(error).__name__}: {error}"))
            return False
        return True

    def finish(self) -> None:
        """Decide, now that the last packet is known, whether the stream was read whole."""
        stream, last = self.stream, self.packets
        kind = stream.type
        for number, pos, size in self.cut:
            where = f"byte {pos}" if pos is not None and pos >= 0 else f"packet {number}"
            if number == last:
                raise Truncated(f"the last chunk of {kind} data, at {where}, is cut short ({size} bytes read)")
            raise Corrupt(f"the chunk of {kind} data at {where} could not be read whole ({size} bytes)")
        head_errors = [(n, e) for n, e in self.decode_errors if n != last]
        if head_errors:
            number, error = head_errors[0]
            raise Corrupt(f"{kind} packet {number} of {stream.codec_context.name} cannot be decoded: {error}")
        if not last:
            return
        if self.container == "mp3":
            self._check_last_mpeg_frame()
        if any(n == last for n, _e in self.decode_errors):
            raise Truncated(f"the last {kind} packet ({last}) cannot be decoded: it is cut short")
        if kind == "audio" and last > HEAD_PACKETS:
            # Decode the last few afresh (as after a seek): the first ones warm the decoder up.
            self.stream.codec_context.flush_buffers()
            tail = list(self.tail)
            for offset, packet in enumerate(tail):
                ok = self._decode(packet, last - len(tail) + 1 + offset)
                if not ok and offset == len(tail) - 1:
                    raise Truncated(f"the last {kind} packet ({last}) cannot be decoded: it is cut short")
        if self.container == "flac" and stream.duration:
            # STREAMINFO's total of samples, which FFmpeg gives as the stream's duration.
            end = self.last_end or 0
            if end < stream.duration:
                raise Truncated(f"the frames end at sample {end}; STREAMINFO promises {stream.duration}")

    def _check_last_mpeg_frame(self) -> None:
        packet = self.tail[-1]
        data = bytes(packet)
        frame = _mpeg_frame(data[:4])
        if frame is not None and len(data) < frame.length:
            raise Truncated(
                f"the last MPEG frame, at byte {packet.pos}, needs {frame.length} bytes; {len(data)} remain"
            )

    def facts(self) -> StreamFacts:
        stream, tb = self.stream, self.time_base
        context = stream.codec_context
        audio = stream.type == "audio"
        return StreamFacts(
            kind=stream.type,
            codec=_codec_name(stream),
            sample_rate=(context.sample_rate or None) if audio else None,
            channels=(context.channels or None) if audio else None,
            bit_rate=context.bit_rate or None,
            declared=float(stream.duration * tb) if stream.duration is not None else None,
            packets=self.packets,
            start=float(self.first_pts * tb) if self.first_pts is not None else None,
            end=float(last_end * tb) if (last_end := self.last_end) is not None else None,
        )
