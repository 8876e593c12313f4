"""Admin views of the changes awaiting review (``oral_histories.review``): withdrawing
them, and reading or hearing what waits, for the historian who staged it and the
curators who review it (whoever may edit the recording)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .consent import visible_segments
from .delivery import StorageUnavailable, deliver, private, unavailable
from .models import Recording, Transcript
from .permissions import can_edit_recording
from .review import withdraw
from .transcripts import Segment as Cue
from .transcripts import to_webvtt


def editable_recording(request: HttpRequest, pk: int) -> Recording:
    recording = get_object_or_404(Recording.objects.select_related("page"), pk=pk)
    if not can_edit_recording(request.user, recording):
        raise PermissionDenied
    return recording


def edit_url(recording: Recording) -> str:
    return reverse("wagtailsnippets_oral_histories_recording:edit", args=[recording.pk])


class WithdrawPendingView(WagtailAdminTemplateMixin, TemplateView):
    """Asks, then withdraws the recording's changes awaiting review (``review.withdraw``)."""

    template_name = "oral_histories/admin/withdraw_pending.html"
    page_title = gettext_lazy("Withdraw the changes awaiting review")
    header_icon = "media"

    def dispatch(self, request, pk):
        self.recording = editable_recording(request, pk)
        self.change = self.recording.pending()
        if self.change is None:
            messages.info(request, _("No changes to this recording are awaiting review."))
            return redirect(edit_url(self.recording))
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": edit_url(self.recording), "label": str(self.recording)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(recording=self.recording, change=self.change, edit_url=edit_url(self.recording))
        return context

    def post(self, request, pk):
        summary = self.change.summary()
        withdraw(self.recording, request.user)
        messages.success(
            request,
            _("The changes awaiting review were withdrawn: %(changes)s.") % {"changes": ", ".join(map(str, summary))},
        )
        return redirect(edit_url(self.recording))


@require_GET
def pending_transcript(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """A transcript awaiting review as WebVTT (redacted passages left out, as everywhere)."""
    recording = editable_recording(request, pk)
    change = recording.pending()
    if change is None:
        raise Http404
    transcript = get_object_or_404(Transcript.all_objects, staged_in=change, language=language)
    cues = [
        Cue(start=s.start, end=s.end, text=s.text, speaker=s.speaker) for s in visible_segments(recording, transcript)
    ]
    response = HttpResponse(to_webvtt(cues), content_type="text/vtt; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{recording.page.slug}-{language}-awaiting-review.vtt"'
    return private(response)


@require_GET
def pending_media(request: HttpRequest, pk: int) -> HttpResponse:
    """The new recording file awaiting review, to hear before approving it."""
    recording = editable_recording(request, pk)
    change = recording.pending()
    if change is None or not change.file:
        raise Http404
    try:
        return deliver(request, change.file, change.mime_type)
    except FileNotFoundError:
        raise Http404 from None
    except StorageUnavailable:
        return unavailable()
