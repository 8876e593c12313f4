"""Recordings, captions and transcripts leave the archive only through these views,
each of which asks ``consent.decide`` first. Nothing here has a public file URL: the
masters sit in private storage (a local folder or a private S3 bucket); once consent
allows, ``delivery.deliver`` streams the file with byte ranges, hands it to nginx
(``X-Accel-Redirect``) or redirects to a short-lived signed URL, as configured."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from heritage import storage as stored
from heritage.visibility import closed_above

from .consent import decide, visible_segments
from .delivery import deliver_recording, private, storage_errors, unavailable
from .models import Recording, Transcript
from .ohms import chapters_vtt, index_csv, ohms_xml
from .permissions import can_edit_recording
from .transcript_parts import page_transcripts, seconds_param, window
from .transcripts import Segment as Cue
from .transcripts import to_srt, to_webvtt


def _recording(request: HttpRequest, pk: int) -> Recording:
    """The recording if this visitor may hear it; 404 otherwise (never say what exists)."""
    recording = get_object_or_404(Recording.objects.select_related("page", "community"), pk=pk)
    # The one rule (heritage.visibility): the page must be live and under no unpublished
    # page (a live oral history in an unpublished section is closed too), unless this
    # user may hear what visitors may not; and its privacy (a password, login or group
    # restriction on it or an ancestor) binds its media as it binds the page.
    unpublished_above, restrictions = closed_above(recording.page)
    if (not recording.page.live or unpublished_above) and not request.user.has_perm("oral_histories.listen_restricted"):
        raise Http404
    if any(not restriction.accept_request(request) for restriction in restrictions):
        raise Http404
    if not decide(recording, request.user).allowed:
        raise Http404
    return recording


@require_GET
def media(request: HttpRequest, pk: int) -> HttpResponse:
    # The master, or the access copy of this very master for the current redactions;
    # else "being prepared" (503), never an older copy.
    return deliver_recording(request, _recording(request, pk))


def _transcript(request: HttpRequest, pk: int, language: str) -> tuple[Recording, list[Cue]]:
    recording = _recording(request, pk)
    transcript = get_object_or_404(Transcript, recording=recording, language=language)
    cues = [
        Cue(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in visible_segments(recording, transcript)
    ]
    return recording, cues


@require_GET
def captions(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """WebVTT for the player's <track> (and a download), redacted passages left out and
    marked (``visible_segments`` did both: filtering again would drop the gap's cue)."""
    recording, cues = _transcript(request, pk, language)
    response = HttpResponse(to_webvtt(cues), content_type="text/vtt; charset=utf-8")
    # IIIF viewers on other sites load the captions a manifest names (exchange.iiif);
    # without credentials a cross-origin reader only ever gets what anyone may read.
    response["Access-Control-Allow-Origin"] = "*"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-{language}.vtt"'
    return private(response)


@require_GET
def subtitles_srt(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    recording, cues = _transcript(request, pk, language)
    response = HttpResponse(to_srt(cues), content_type="application/x-subrip; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-{language}.srt"'
    return private(response)


@require_GET
def transcript_part(request: HttpRequest, pk: int) -> HttpResponse:
    """A part of a long transcript for the player (``transcript_parts``): the window
    starting at ``?from=``, ending at ``?until=`` or holding the moment ``?at=`` (seconds),
    as JSON with each transcript's lines in the page's own markup (``?language=``, which
    may repeat, for only those). Asked and filtered as the page and the captions are:
    a recording this visitor may not hear answers 404, redacted passages are left out
    and marked, and only the transcripts the page shows are served."""
    recording = _recording(request, pk)
    bounds = {}
    for name in ("from", "until", "at"):
        value = request.GET.get(name)
        if value is not None and value != "":
            bounds[name] = seconds_param(value)
            if bounds[name] is None:
                return private(
                    JsonResponse(
                        {
                            "error": {
                                "param": name,
                                "message": _("Give a time in seconds from the start of the recording."),
                            }
                        },
                        status=400,
                    )
                )
    transcripts = list(page_transcripts(recording))
    wanted = request.GET.getlist("language")
    if any(language not in {t.language for t in transcripts} for language in wanted):
        raise Http404
    ranges = recording.redacted_ranges()
    part = window(
        recording, transcripts, ranges=ranges, start=bounds.get("from"), until=bounds.get("until"), at=bounds.get("at")
    )
    context = {
        "playable": recording.playable_file(ranges=ranges)[0] is not None,
        "long_clock": recording.duration >= 3600,
    }
    lines = {
        transcript.language: render_to_string(
            "oral_histories/includes/transcript_lines.html",
            {**context, "transcript": transcript, "lines": part.lines[transcript.pk]},
            request=request,
        )
        for transcript in transcripts
        if not wanted or transcript.language in wanted
    }
    base = request.path
    return private(
        JsonResponse(
            {
                "from": part.start,
                "until": part.end,
                "has_previous": part.has_previous,
                "previous": base + part.previous_query() if part.has_previous else None,
                "next": base + part.next_query() if part.has_next else None,
                # The same parts for readers without JavaScript (the page's links).
                "page_previous": part.previous_query() or None,
                "page_next": part.next_query() or None,
                "label": part.label(),
                "announce": part.announcement(),
                "transcripts": lines,
            }
        )
    )


@require_GET
def ohms_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The oral history as OHMS 6 XML: its record, index and transcripts, built from the
    same visible lines as the downloads above (``ohms.exported_transcripts``)."""
    recording = _recording(request, pk)
    response = HttpResponse(ohms_xml(recording), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-ohms.xml"'
    return private(response)


def _site_language(language: str) -> str:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    return language


@require_GET
def chapters(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The index as WebVTT chapters, titles in ``language`` (a site language)."""
    recording = _recording(request, pk)
    response = HttpResponse(chapters_vtt(recording, _site_language(language)), content_type="text/vtt; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # as the captions: players elsewhere may load them
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-chapters-{language}.vtt"'
    return private(response)


@require_GET
def index_spreadsheet(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """The index as CSV for a spreadsheet, text in ``language`` (a site language)."""
    recording = _recording(request, pk)
    response = HttpResponse(index_csv(recording, _site_language(language)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-index-{language}.csv"'
    return private(response)


def consent_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed consent form, for the people who may edit the recording (admin only)."""
    recording = get_object_or_404(Recording.objects.select_related("page"), pk=pk)
    if not can_edit_recording(request.user, recording):
        raise PermissionDenied
    if not recording.consent_form:
        raise Http404
    try:
        handle = stored.open_stream(recording.consent_form.storage, recording.consent_form.name)
    except FileNotFoundError:
        raise Http404 from None
    except storage_errors():
        return unavailable()
    name = recording.consent_form.name.rsplit("/", 1)[-1]
    content_type = {"pdf": "application/pdf", "png": "image/png"}.get(name.rsplit(".", 1)[-1].lower(), "image/jpeg")
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=name)
    return private(response)
