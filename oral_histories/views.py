"""Recordings, captions and transcripts leave the archive only through these views,
each of which asks ``consent.decide`` first. Nothing here has a public file URL: the
masters sit in private storage and are streamed, with byte ranges so that players can
seek (``?t=…``, a click on a transcript line)."""

from __future__ import annotations

import os
import re

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from .consent import decide, visible_segments
from .models import Recording, Transcript
from .permissions import can_edit_recording
from .transcripts import Segment as Cue
from .transcripts import to_srt, to_webvtt

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _recording(request: HttpRequest, pk: int) -> Recording:
    """The recording if this visitor may hear it; 404 otherwise (never say what exists)."""
    recording = get_object_or_404(Recording.objects.select_related("page", "community"), pk=pk)
    if not recording.page.live and not request.user.has_perm("oral_histories.listen_restricted"):
        raise Http404
    # The page's own privacy (a password, login or group restriction on it or an
    # ancestor) binds its media as it binds the page.
    if any(not restriction.accept_request(request) for restriction in recording.page.get_view_restrictions()):
        raise Http404
    if not decide(recording, request.user).allowed:
        raise Http404
    return recording


def _private(response: HttpResponse) -> HttpResponse:
    """Consent can change at any moment: no shared cache may keep a copy."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _ranged_file(path: str, start: int, length: int):
    with open(path, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


@require_GET
def media(request: HttpRequest, pk: int) -> HttpResponse:
    recording = _recording(request, pk)
    playable, content_type = recording.playable_file()
    if not playable:
        # Redacted passages must never play: the copy without them is not ready yet.
        raise Http404
    path = playable.path
    try:
        size = os.path.getsize(path)
    except OSError:
        raise Http404 from None
    header = request.headers.get("Range", "")
    match = RANGE.match(header.strip()) if header else None
    if match and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start = max(size - int(match[2]), 0)
            end = size - 1
        if start >= size or end < start:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return _private(response)
        response = StreamingHttpResponse(
            _ranged_file(path, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
    response["Accept-Ranges"] = "bytes"
    return _private(response)


def _transcript(request: HttpRequest, pk: int, language: str) -> tuple[Recording, list[Cue]]:
    recording = _recording(request, pk)
    transcript = get_object_or_404(Transcript, recording=recording, language=language)
    cues = [
        Cue(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in visible_segments(recording, transcript)
    ]
    return recording, cues


@require_GET
def captions(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """WebVTT for the player's <track> (and a download), redacted passages left out."""
    recording, cues = _transcript(request, pk, language)
    response = HttpResponse(
        to_webvtt(cues, redacted=recording.redacted_ranges()), content_type="text/vtt; charset=utf-8"
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-{language}.vtt"'
    return _private(response)


@require_GET
def subtitles_srt(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    recording, cues = _transcript(request, pk, language)
    response = HttpResponse(
        to_srt(cues, redacted=recording.redacted_ranges()), content_type="application/x-subrip; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-{language}.srt"'
    return _private(response)


def consent_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed consent form, for the people who may edit the recording (admin only)."""
    recording = get_object_or_404(Recording.objects.select_related("page"), pk=pk)
    if not can_edit_recording(request.user, recording):
        raise PermissionDenied
    if not recording.consent_form:
        raise Http404
    try:
        handle = recording.consent_form.open("rb")
    except OSError:
        raise Http404 from None
    name = recording.consent_form.name.rsplit("/", 1)[-1]
    content_type = {"pdf": "application/pdf", "png": "image/png"}.get(name.rsplit(".", 1)[-1].lower(), "image/jpeg")
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)
    return _private(response)
