"""Is this upload really the recording it claims to be?

Community historians upload oral-history recordings from phones, field recorders and old
computers. Before a file is accepted, :func:`probe` answers, in this order:

1. **Is the ending accepted?** :func:`format_for_filename` maps ``.mp3``, ``.m4a``/``.aac``,
   ``.ogg``/``.oga``, ``.opus``, ``.flac``, ``.wav``, ``.mp4``/``.m4v`` and ``.webm`` to a
   :class:`MediaFormat`; anything else is refused with the list of accepted endings.
2. **Is it empty?** A zero-byte file is refused at once.
3. **Do the bytes match the ending?** The first bytes are sniffed
   (:func:`oral_histories.media_probe.sniff`; never the browser's content type, which is
   a guess from the name). A FLAC named ``.mp3`` is refused as "named .mp3 but contains
   FLAC audio"; common strangers (JPEG, PDF, QuickTime, Matroska, AMR voice memos, …) are
   named too. Within one container the contents decide: an ``.m4a`` holding a video
   track probes as ``mp4``, an ``.ogg`` holding Opus probes as ``opus``.
4. **Is it complete?** The file must be as long as its own container says
   (:func:`~oral_histories.media_probe.ends_early`, and FFmpeg's reading below).
5. **Can it be read and played?** FFmpeg's own libraries (through PyAV) open it, list
   its streams (at least one of sound or pictures, cover art aside), check that each is
   encoded in a way this archive takes for its format (:data:`CODECS`: what web browsers
   play), read every packet and decode the first and last ones
   (:func:`~oral_histories.media_probe.read`).
6. **Does it play for some time?** A zero, missing or non-finite duration is refused.
   (A WebM written live by a browser states no duration: its packets give it.)

Every refusal is a :class:`RecordingError` whose ``message`` is one translated sentence
naming the file and what is wrong, whose ``code`` is a short machine word for forms and
tests, and whose ``detail`` is an untranslated technical note for logs.

Memory stays flat whatever the size: the file is read from disk (or a seekable file
object) a buffer at a time, never whole.

:class:`RecordingUploadHandler` (the site's first upload handler) streams a recording
upload to a temporary file, hashes it while the bytes arrive, and stops keeping bytes
once the file passes ``settings.HERITAGE_RECORDING_MAX_BYTES``; every other upload goes
to Django's own handlers.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import StopFutureHandlers, TemporaryFileUploadHandler
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .media_probe import Corrupt, Facts, NoStreams, Sniffed, Truncated, UnsupportedCodec, ends_early, read, sniff

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

# Containers the sniffer recognises (media_probe.CONTAINERS) that each format takes.
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

_PCM = frozenset({"pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_alaw", "pcm_mulaw"})

#: The encodings (FFmpeg's codec names) each container may hold, for sound and for
#: pictures: those current web browsers play in it, since visitors hear the file itself.
CODECS: dict[str, dict[str, frozenset[str]]] = {
    "mp3": {"audio": frozenset({"mp3"})},
    "mp4": {"audio": frozenset({"aac", "mp3", "opus", "flac"}), "video": frozenset({"h264", "hevc", "av1", "vp9"})},
    "ogg-vorbis": {"audio": frozenset({"vorbis"})},
    "ogg-opus": {"audio": frozenset({"opus"})},
    "ogg-flac": {"audio": frozenset({"flac"})},
    "flac": {"audio": frozenset({"flac"})},
    "wav": {"audio": _PCM},
    "webm": {"audio": frozenset({"opus", "vorbis"}), "video": frozenset({"vp8", "vp9", "av1"})},
}

# What people call them, for the list of accepted encodings in a refusal.
_CODEC_NAMES = {
    "mp3": "MP3",
    "aac": "AAC",
    "opus": "Opus",
    "flac": "FLAC",
    "vorbis": "Vorbis",
    "h264": "H.264",
    "hevc": "H.265 (HEVC)",
    "av1": "AV1",
    "vp8": "VP8",
    "vp9": "VP9",
    "pcm_alaw": "A-law",
    "pcm_mulaw": "µ-law",
    **dict.fromkeys(_PCM - {"pcm_alaw", "pcm_mulaw"}, "PCM"),
}


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
    file's average (size × 8 / duration). ``audio_codec`` and ``video_codec`` are
    FFmpeg's names of the first stream of each ("aac", "h264"…)."""

    format: MediaFormat
    duration: float
    bitrate: int | None
    sample_rate: int | None
    channels: int | None
    has_video: bool
    audio_codec: str | None = None
    video_codec: str | None = None


class RecordingError(ValueError):
    """A refused recording. ``message``: one translated sentence for the person uploading;
    ``code``: "extension", "empty", "mislabelled", "unrecognised", "corrupt", "truncated",
    "no_streams", "codec" or "no_duration"; ``detail``: a technical note for logs (not
    translated)."""

    def __init__(self, message: str, *, code: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.detail = detail

    def __str__(self) -> str:
        return self.message


# --- probe() -------------------------------------------------------------------------------

#: How far the length a container states may be from what its packets play before the
#: packets are believed instead (an MP3 without a Xing header, whose length FFmpeg
#: estimates from its first bitrate): seconds, and a share of the length.
_LENGTH_SLACK = (1.0, 0.02)


@contextmanager
def _opened(source: str | os.PathLike[str] | IO[bytes]) -> Iterator[tuple[IO[bytes], int]]:
    """(binary file, size) of a path (opened and closed here) or of a seekable file object
    (left open, rewound)."""
    if hasattr(source, "read"):
        stream: IO[bytes] = source  # type: ignore[assignment]
        size = stream.seek(0, os.SEEK_END)
        stream.seek(0)
        try:
            yield stream, size
        finally:
            stream.seek(0)
        return
    with open(source, "rb") as f:
        yield f, os.fstat(f.fileno()).st_size


def probe(source: str | os.PathLike[str] | IO[bytes], *, filename: str) -> Probe:
    """Check that ``source`` (a path, or a seekable binary file object), uploaded as
    ``filename``, is a complete, readable recording of the kind its ending claims;
    RecordingError (with a message for the person uploading) when it is not."""
    claimed = format_for_filename(filename)
    name = _display_name(filename)
    ext = name.rpartition(".")[2]
    with _opened(source) as (f, size):
        if size == 0:
            raise RecordingError(_("“%(name)s” is empty: the file contains no data.") % {"name": name}, code="empty")
        sniffed = sniff(f)
        if sniffed.container not in _ACCEPTS[claimed.name]:
            raise _mislabelled(name, ext, claimed, sniffed)
        container = sniffed.container
        try:
            ends_early(f, size, container)
            f.seek(0)
            facts = read(f if hasattr(source, "read") else source, container, CODECS[container])
        except Corrupt as error:
            raise _corrupt(name, claimed, str(error)) from None
        except Truncated as error:
            raise RecordingError(
                _(
                    "“%(name)s” is incomplete: the file stops before the end of the recording. "
                    "It may not have finished copying or uploading; please try again with the whole file."
                )
                % {"name": name},
                code="truncated",
                detail=str(error),
            ) from None
        except NoStreams as error:
            raise RecordingError(
                _("“%(name)s” contains no sound and no pictures: there is nothing in it to play.") % {"name": name},
                code="no_streams",
                detail=str(error),
            ) from None
        except UnsupportedCodec as error:
            raise _unsupported_codec(name, claimed, container, error) from None

    duration = _duration(facts, container)
    if duration is None:
        raise _corrupt(name, claimed, f"no packet of sound or pictures can be read; the file states {facts.declared} s")
    if not (math.isfinite(duration) and duration > 0):
        raise RecordingError(
            _("“%(name)s” has no playing time: its length is zero or cannot be found.") % {"name": name},
            code="no_duration",
            detail=f"duration {duration!r}",
        )
    audio = next((s for s in facts.streams if s.kind == "audio"), None)
    video = next((s for s in facts.streams if s.kind == "video"), None)
    if container == "mp4":
        fmt = FORMATS["mp4"] if video else claimed
    elif container == "ogg-opus":
        fmt = FORMATS["opus"]
    else:
        fmt = claimed
    bitrate = audio.bit_rate if audio and fmt.kind == "audio" else None
    if not bitrate:
        bitrate = round(size * 8 / duration)
    return Probe(
        format=fmt,
        duration=duration,
        bitrate=bitrate,
        sample_rate=audio.sample_rate if audio else None,
        channels=audio.channels if audio else None,
        has_video=video is not None,
        audio_codec=audio.codec if audio else None,
        video_codec=video.codec if video else None,
    )


def _duration(facts: Facts, container: str) -> float | None:
    """How long the recording plays, in seconds: what the container states, unless its
    packets play for a clearly different time where the statement may be FFmpeg's
    estimate (MP3, WebM). 0.0 when the container states zero; None when its streams
    hold no packet although the container states a length (nothing of it can be read)."""
    played = facts.played
    stated = [s.declared for s in facts.streams if s.declared is not None]
    if not any(s.packets for s in facts.streams):
        return None if (facts.declared or any(stated)) else 0.0
    if stated and not any(stated) and not facts.declared:
        return 0.0  # every stream says it lasts no time at all
    declared = facts.declared or max(stated, default=0.0)
    if not declared:
        return played
    seconds, share = _LENGTH_SLACK
    if container in ("mp3", "webm") and abs(declared - played) > max(seconds, share * played):
        return played
    return declared


def _corrupt(name: str, claimed: MediaFormat, detail: str) -> RecordingError:
    return RecordingError(
        _("“%(name)s” looks like %(format)s but is damaged: it cannot be read.")
        % {"name": name, "format": claimed.label},
        code="corrupt",
        detail=detail,
    )


def _unsupported_codec(name: str, claimed: MediaFormat, container: str, error: UnsupportedCodec) -> RecordingError:
    accepted = ", ".join(dict.fromkeys(_CODEC_NAMES.get(c, c) for c in sorted(CODECS[container].get(error.kind, ()))))
    values = {"name": name, "codec": error.label, "format": claimed.label, "accepted": accepted}
    if error.kind == "video":
        message = _(
            "“%(name)s” holds pictures encoded as %(codec)s, which this archive does not take in %(format)s "
            "(not every web browser can play it). Accepted for pictures: %(accepted)s."
        )
    else:
        message = _(
            "“%(name)s” holds sound encoded as %(codec)s, which this archive does not take in %(format)s "
            "(not every web browser can play it). Accepted for sound: %(accepted)s."
        )
    return RecordingError(message % values, code="codec", detail=f"{error.kind} codec {error.codec}")


def _mislabelled(name: str, ext: str, claimed: MediaFormat, sniffed: Sniffed) -> RecordingError:
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


#: The field of the recording form (``oral_histories.forms.RecordingForm``) that carries the recording.
RECORDING_FIELD = "file"


def is_recording_upload(request: Any) -> bool:
    """Whether ``request`` goes to the admin's recording views (adding or editing an
    ``oral_histories.Recording``: the URLs of its snippet viewset), where a recording is
    uploaded. Decided from the path alone, before the body is read."""
    path = getattr(request, "path_info", None)
    if not path:
        return False
    from django.urls import Resolver404, resolve

    from .models import Recording

    try:
        match = resolve(path)  # loads the URLconf, and with it the admin's viewsets, if not yet done
    except Resolver404:
        return False
    viewset = getattr(Recording, "snippet_viewset", None)
    return viewset is not None and viewset.url_namespace in match.namespaces


class RecordingUploadHandler(HashingUploadHandler):
    """The site's first upload handler (``settings.FILE_UPLOAD_HANDLERS``): a recording
    sent to the recording views (:func:`is_recording_upload`, in the form's
    :data:`RECORDING_FIELD`) is hashed as :class:`HashingUploadHandler` does, and no
    later handler sees it; every other upload (images, CSV imports, consent forms,
    transcripts) passes untouched to the handlers after this one (Django's own: small
    files in memory, larger ones in a temporary file)."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.for_recordings = is_recording_upload(request)
        self.active = False

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        self.active = self.for_recordings and field_name == RECORDING_FIELD
        if not self.active:
            return None  # the next handler takes this file
        super().new_file(field_name, *args, **kwargs)
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if not self.active:
            return raw_data
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> Any:
        if not self.active:
            return None
        return super().file_complete(file_size)

    def upload_interrupted(self) -> None:
        if self.active:
            super().upload_interrupted()
