"""Access copies: what visitors hear when passages of a recording are redacted.

The master file is never altered: its SHA-256 is the archive's proof of fixity
(``check_fixity``), so redaction cannot be done by editing it. And the master of a
redacted recording is never played: a player given the whole file could be scrubbed
into any passage. Instead :func:`make_access_copy` writes a second file, the master
with each redacted range silenced (and, in video, blacked out), of the same duration
so transcript and index times still match, in the master's own format where the
bundled ffmpeg (``imageio-ffmpeg``) can encode it.

Keeping it in step: the copy records the master it was made from (its SHA-256,
``Recording.access_copy_master``) and the ranges it was made for
(``Recording.access_copy_ranges``); ``Recording.playable_file()`` serves it only while
both equal the current master and redactions, so a stale copy is never played: from
the moment a master is replaced or a redaction changes, the media view answers "being
prepared" (``delivery.preparing``) until the worker has made the new one. Whenever
either changes, or consent is withdrawn or given back (``oral_histories.signals``),
``oral_histories.tasks.make_access_copy_task`` remakes it (or removes it once nothing
is redacted, or consent is withdrawn). A replaced master's old copy is deleted once
the replacement commits.

Audio is silenced by whole frames of at most 256 samples, every frame that overlaps a
redacted range (``t <= end`` and ``t + frame length > start``): the timeline's
``enable='between(t,A,B)'`` looks only at a frame's start time and would let the part
of a frame that starts before a range but runs into it be heard.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files import File
from django.db import transaction

import imageio_ffmpeg

from heritage.storage import download, local_path

from .media_files import FORMATS
from .models import Recording, RedactedRange

logger = logging.getLogger(__name__)

_FRAME_SAMPLES = 256


class AccessCopyError(RuntimeError):
    """ffmpeg could not make an access copy; the previous copy (if any) is left as it was."""


@dataclass(frozen=True)
class _Plan:
    format: str  # a key of media_files.FORMATS: gives the ending and the content type
    muxer: str
    audio: str
    video: str | None = None


_PLANS: dict[str, _Plan] = {
    "mp3": _Plan("mp3", "mp3", "libmp3lame"),
    "m4a": _Plan("m4a", "ipod", "aac"),
    "ogg": _Plan("ogg", "ogg", "libvorbis"),
    "opus": _Plan("opus", "ogg", "libopus"),
    "flac": _Plan("flac", "flac", "flac"),
    "wav": _Plan("wav", "wav", "pcm_s16le"),
    "mp4": _Plan("mp4", "mp4", "aac", "libx264"),
    "webm": _Plan("webm", "webm", "libopus", "libvpx"),
}
#: When the master's own encoders are missing: native encoders any ffmpeg build has last.
_FALLBACKS: dict[str, list[_Plan]] = {
    "audio": [_PLANS["m4a"]],
    "video": [_PLANS["mp4"], _Plan("mp4", "mp4", "aac", "mpeg4")],
}
_VIDEO_OPTIONS: dict[str, list[str]] = {
    "libx264": ["-preset", "veryfast", "-crf", "20"],
    "libvpx": ["-crf", "10", "-b:v", "2M", "-deadline", "good", "-cpu-used", "4"],
    "mpeg4": ["-q:v", "3"],
}
_LOSSLESS = {"flac", "pcm_s16le"}


def ffmpeg() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


@functools.cache
def encoders() -> frozenset[str]:
    """Names of the encoders the bundled ffmpeg has (``ffmpeg -encoders``)."""
    command = [ffmpeg(), "-hide_banner", "-encoders"]
    out = subprocess.run(command, check=True, timeout=30, capture_output=True, text=True)  # noqa: S603 (no shell)
    listing = out.stdout.partition(" ------")[2]
    return frozenset(line.split()[1] for line in listing.splitlines() if len(line.split()) > 1)


def _plan(recording: Recording) -> _Plan:
    kind = "video" if recording.kind == "video" else "audio"
    candidates = _FALLBACKS[kind]
    preferred = _PLANS.get(recording.format)
    if preferred and (preferred.video is not None) == (kind == "video"):
        candidates = [preferred, *candidates]
    available = encoders()
    return next(p for p in candidates if p.audio in available and (p.video is None or p.video in available))


def _ms(seconds: float, rounding: Callable[[float], int]) -> str:
    """Seconds to the millisecond, rounded outwards by the caller (floor for starts, ceil for ends)."""
    return f"{rounding(seconds * 1000) / 1000:.3f}"


def _command(recording: Recording, ranges: list[tuple[float, float]], plan: _Plan, source: str, out: str) -> list[str]:
    overlaps = "+".join(
        f"lte(t,{_ms(end, math.ceil)})*gt(t+{_FRAME_SAMPLES}/sample_rate,{_ms(start, math.floor)})"
        for start, end in ranges
    )
    audio = f"asetnsamples=n={_FRAME_SAMPLES}:p=0,volume=volume='if({overlaps},0,1)':eval=frame"
    command = [ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", source]
    if plan.video:
        between = "+".join(f"between(t,{_ms(s, math.floor)},{_ms(e, math.ceil)})" for s, e in ranges)
        # No video stream (an audio-only WebM): ffmpeg ignores the video filter.
        command += ["-map", "0:v:0?", "-map", "0:a?", "-vf", f"drawbox=enable='{between}':color=black:t=fill"]
        command += ["-c:v", plan.video, "-pix_fmt", "yuv420p", *_VIDEO_OPTIONS[plan.video]]
    else:
        command += ["-map", "0:a"]  # not cover art
    command += ["-af", audio, "-c:a", plan.audio]
    if plan.audio not in _LOSSLESS:
        bitrate = recording.bitrate if recording.kind == "audio" and recording.bitrate else 128_000
        command += ["-b:a", str(min(max(bitrate, 32_000), 256_000))]
    if plan.muxer in ("mp4", "ipod"):
        command += ["-movflags", "+faststart"]
    return [*command, "-f", plan.muxer, out]


class _MovableFile(File):
    """Lets FileSystemStorage move the finished temporary file into place, not copy it."""

    def temporary_file_path(self) -> str:
        return self.name


@contextmanager
def _local_master(recording: Recording) -> Iterator[str]:
    """A path ffmpeg can read the master from: the stored file itself on a local disk,
    else a temporary copy streamed from the storage (S3), removed afterwards."""
    storage, name = recording.file.storage, recording.file.name
    path = local_path(storage, name)
    if path is not None:
        if not os.path.exists(path):
            raise FileNotFoundError(name)
        yield path
        return
    suffix = PurePosixPath(name).suffix
    with tempfile.NamedTemporaryFile(prefix="master-", suffix=suffix, dir=settings.FILE_UPLOAD_TEMP_DIR) as copy:
        download(storage, name, copy)
        copy.flush()
        yield copy.name


def _scratch_folder(storage) -> str | None:
    """Where ffmpeg writes: inside a local private storage (so the finished file is
    moved into place, not copied), else the system's temporary folder."""
    folder = local_path(storage, "")
    if folder is not None:
        os.makedirs(folder, exist_ok=True)
    return folder


def make_access_copy(recording: Recording) -> None:
    """Make (or remove, when nothing is redacted or consent is withdrawn) the access copy
    for the current master and redactions.

    Works on any storage: the master is read through a local path when the storage has
    one, else streamed to a temporary file (never held in memory); the copy is written
    back with ``storage.save`` (a multipart upload on S3). The copy is recorded only if,
    when it is finished, the row still names the master and the redactions it was made
    for (checked under a row lock): a copy of a master replaced while ffmpeg ran is
    deleted, never recorded (the replacement queued its own)."""
    ranges = recording.redacted_ranges()
    master, master_sha = recording.file.name, recording.sha256
    storage = recording.access_copy.storage
    made = copy_name = mime_type = ""
    if ranges and not recording.is_withdrawn:
        plan = _plan(recording)
        fmt = FORMATS[plan.format]
        folder = _scratch_folder(storage)
        fd, temp = tempfile.mkstemp(suffix=f".{fmt.extensions[0]}", prefix=".access-", dir=folder)
        os.close(fd)
        try:
            try:
                with _local_master(recording) as source:
                    subprocess.run(  # noqa: S603 (a fixed argument list, no shell)
                        _command(recording, ranges, plan, source, temp),
                        check=True,
                        timeout=120 + 3 * recording.duration,
                        capture_output=True,
                    )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
                lines = (error.stderr or b"").decode(errors="replace").strip().splitlines()
                last = lines[-1] if lines else str(error)
                raise AccessCopyError(
                    f"Access copy of recording {recording.pk} ({recording}) failed: {last}"
                ) from error
            except FileNotFoundError as error:
                raise AccessCopyError(
                    f"Access copy of recording {recording.pk} ({recording}) failed: its master "
                    f"{recording.file.name} is missing from the private storage"
                ) from error
            stem = PurePosixPath(recording.file.name).stem[:40]
            with open(temp, "rb") as f:
                content = _MovableFile(f, temp) if folder is not None else File(f, temp)
                made = copy_name = storage.save(
                    recording.access_copy.field.generate_filename(recording, f"{stem}-access.{fmt.extensions[0]}"),
                    content,
                    max_length=recording.access_copy.field.max_length,
                )
        finally:
            if os.path.exists(temp):
                os.remove(temp)
        mime_type = fmt.mime_type
    try:
        old = _record(
            recording, master=master, master_sha=master_sha, ranges=ranges, name=copy_name, mime_type=mime_type
        )
    except BaseException:
        if made:
            _delete_quietly(storage, made)
        raise
    if old is None:  # the master or the redactions changed meanwhile: this copy is of no use
        if made:
            _delete_quietly(storage, made)
        return
    if old and old != copy_name:
        _delete_quietly(storage, old)


def _record(recording: Recording, *, master: str, master_sha: str, ranges, name: str, mime_type: str) -> str | None:
    """Name the new copy on the row, if the row still names the master and redactions it
    was made for; the name of the copy it replaces ("" for none), or None when it is stale."""
    with transaction.atomic():
        current = (
            Recording.objects.select_for_update()
            .filter(pk=recording.pk)
            .values("file", "sha256", "access_copy", "withdrawn_at")
            .first()
        )
        if current is None:
            return None
        withdrawn_now = current["withdrawn_at"] is not None
        if (
            current["sha256"] != master_sha
            or sorted((r.start, r.end) for r in RedactedRange.objects.filter(recording_id=recording.pk)) != ranges
            or (name and withdrawn_now)
        ):
            return None
        if current["file"] != master:  # moved to a new key meanwhile (sealed): the same master
            recording.file.name = current["file"]
        recording.access_copy = name
        recording.access_copy_ranges = [list(r) for r in ranges] if name else []
        recording.access_copy_mime_type = mime_type
        recording.access_copy_master = master_sha if name else ""
        recording.save(
            update_fields=["access_copy", "access_copy_ranges", "access_copy_mime_type", "access_copy_master"]
        )
        return current["access_copy"] or ""


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # noqa: BLE001 - an orphan the fixity audit reports, never a failed copy
        logger.exception("Could not delete %s from the private storage", name)
