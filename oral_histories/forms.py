"""The admin form for a recording: the file, its transcripts and its consent together.

Every check happens in ``clean`` before anything is written: a refused recording,
transcript or consent form leaves no file and no row behind (``save`` runs in one
transaction). Consent changes are written to the audit log with who made them.
"""

from __future__ import annotations

import os

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.pages import PagePermissionPolicy

from archive.models import language_code_validator

from .media_files import RecordingError, human_size, oversize_message, probe, recording_max_bytes
from .models import ConsentEvent, IndexPoint, OralHistoryPage, Transcript, parse_language_codes
from .transcripts import TranscriptError, parse

CONSENT_FIELDS = ("scope", "community", "embargo_until", "withdrawn_at", "withdrawal_reason", "consent_form")
CONSENT_FORM_TYPES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage: the current file is named and, where there is
    one, linked to the view that checks who may fetch it (never a /media/ URL)."""

    template_name = "oral_histories/admin/private_file_input.html"

    def __init__(self, *args, download_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.download_url = download_url

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["download_url"] = self.download_url
        context["widget"]["file_name"] = value.name.rsplit("/", 1)[-1] if self.is_initial(value) else ""
        return context


def editable_oral_histories(user):
    """The oral histories ``user`` may edit (curators: all; historians: their own drafts)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return OralHistoryPage.objects.filter(pk__in=editable.values("pk"))


class RecordingForm(WagtailAdminModelForm):
    transcript_file = forms.FileField(
        label=gettext_lazy("Add or replace a transcript"),
        required=False,
        help_text=gettext_lazy(
            "WebVTT (.vtt), SubRip (.srt), OHMS XML (.xml, OHMS 6 included) or text with times (.txt): "
            "[hh:mm:ss] at the start of a line, or exported from Trint or Otter. A transcript in a language "
            "that already has one replaces it; an OHMS file with an index and no transcript adds its index "
            "points and leaves the transcripts as they are."
        ),
    )
    transcript_language = forms.CharField(
        label=gettext_lazy("Language of the transcript"),
        required=False,
        max_length=12,
        validators=[language_code_validator],
        help_text=gettext_lazy("A language code such as aeb, fr, ar, de, tr."),
    )
    transcript_is_original = forms.BooleanField(
        label=gettext_lazy("This is the original transcript (not a translation)"), required=False
    )
    remove_transcripts = forms.MultipleChoiceField(
        label=gettext_lazy("Remove transcripts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self._consent_before = {name: self._value(name) for name in CONSENT_FIELDS} if instance.pk else {}
        self._redactions_before = sorted(instance.redacted_ranges()) if instance.pk else []
        if "page" in self.fields and self.for_user is not None:
            pages = editable_oral_histories(self.for_user).filter(
                models.Q(recording__isnull=True) | models.Q(pk=instance.page_id)
            )
            self.fields["page"].queryset = pages.order_by("title")
        self.fields["file"].widget = PrivateFileInput()
        self.fields["consent_form"].widget = PrivateFileInput(
            download_url=reverse("oral_histories_consent_form", args=[instance.pk]) if instance.pk else ""
        )
        if instance.pk:
            self.fields["file"].required = False
            self.fields["remove_transcripts"].choices = [
                (t.language, f"{t.language_name} ({t.segments.count()})") for t in instance.transcripts.all()
            ]

    def _value(self, name):
        value = getattr(self.instance, name)
        if name == "community":
            value = self.instance.community_id
        if hasattr(value, "name") and name == "consent_form":
            value = value.name or ""
        return value if value is None or isinstance(value, (str, int, bool)) else str(value)

    # -- the recording --------------------------------------------------------
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "temporary_file_path"):
            return upload
        if getattr(upload, "oversized", False):
            raise forms.ValidationError(oversize_message(upload.received, recording_max_bytes()))
        try:
            self._probe = probe(upload.temporary_file_path(), filename=upload.name)
        except RecordingError as error:
            raise forms.ValidationError(error.message) from None
        return upload

    def clean_consent_form(self):
        upload = self.cleaned_data.get("consent_form")
        if not upload or not hasattr(upload, "read") or getattr(upload, "_committed", False):
            return upload
        received = getattr(upload, "received", upload.size)
        if getattr(upload, "oversized", False) or received > settings.HERITAGE_CONSENT_FORM_MAX_BYTES:
            raise forms.ValidationError(
                _("The consent form is %(size)s; the limit is %(limit)s.")
                % {"size": human_size(received), "limit": human_size(settings.HERITAGE_CONSENT_FORM_MAX_BYTES)}
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in CONSENT_FORM_TYPES):
            raise forms.ValidationError(
                _("The consent form must be a PDF, PNG or JPEG file (a scan or photo of the signed form).")
            )
        return upload

    # -- transcripts ----------------------------------------------------------
    def clean(self):
        cleaned = super().clean()
        self._parsed = None
        upload = cleaned.get("transcript_file")
        if upload:
            language = cleaned.get("transcript_language") or ""
            if not language:
                page = cleaned.get("page") or (self.instance.page if self.instance.page_id else None)
                spoken = parse_language_codes(page.languages_spoken) if page else []
                if not spoken:
                    self.add_error("transcript_language", _("Say which language the transcript is in."))
                    return cleaned
                language = spoken[0]
            duration = getattr(getattr(self, "_probe", None), "duration", None) or self.instance.duration
            try:
                parsed = parse(upload.read(), filename=upload.name, duration=duration)
            except TranscriptError as error:
                self.add_error("transcript_file", _("%(file)s: %(error)s") % {"file": upload.name, "error": error})
                return cleaned
            if duration:
                late = next((s for s in parsed.segments if s.start > duration + 1), None)
                if late:
                    self.add_error(
                        "transcript_file",
                        _("%(file)s: a line starts at %(start)s, after the end of the recording (%(end)s).")
                        % {"file": upload.name, "start": _clock(late.start), "end": _clock(duration)},
                    )
                    return cleaned
            self._parsed = (parsed, language, cleaned.get("transcript_is_original", False), upload.name)
        scope, community = cleaned.get("scope"), cleaned.get("community")
        if scope == "community" and not community:
            self.add_error("community", _("Choose the community whose members may listen."))
        if cleaned.get("withdrawn_at") and not (cleaned.get("withdrawal_reason") or "").strip():
            self.add_error("withdrawal_reason", _("Record why consent was withdrawn."))
        return cleaned

    def save(self, commit=True):
        with transaction.atomic():
            recording = super().save(commit=False)
            probed = getattr(self, "_probe", None)
            upload = self.cleaned_data.get("file")
            if probed is not None:
                recording.original_filename = os.path.basename(upload.name)[:255]
                recording.format = probed.format.name
                recording.mime_type = probed.format.mime_type
                recording.kind = "video" if probed.has_video else probed.format.kind
                recording.duration = probed.duration
                recording.bitrate = probed.bitrate
                recording.size = upload.size
                recording.sha256 = getattr(upload, "sha256", "") or ""
                if self.for_user is not None and self.for_user.is_authenticated:
                    recording.uploaded_by = self.for_user
            if commit:
                recording.save()
                self._save_m2m()
                self._save_transcripts(recording)
                self._log_consent(recording)
            return recording

    def _save_transcripts(self, recording):
        for language in self.cleaned_data.get("remove_transcripts") or ():
            recording.transcripts.filter(language=language).delete()
        if not self._parsed:
            return
        parsed, language, is_original, filename = self._parsed
        if parsed.segments:  # an index-only OHMS file leaves the transcript in its language alone
            Transcript.replace(
                recording, parsed, language=language, is_original=is_original, filename=filename, user=self.for_user
            )
        if parsed.index_points:
            IndexPoint.merge(recording, parsed.index_points, language=language)

    def _log_consent(self, recording):
        after = {name: self._value(name) for name in CONSENT_FIELDS}
        changes = {
            name: [self._consent_before.get(name), value]
            for name, value in after.items()
            if self._consent_before.get(name) != value
        }
        if not self._consent_before:
            changes = {name: [None, value] for name, value in after.items() if value not in (None, "")}
        redactions = sorted(recording.redacted_ranges())
        if redactions != self._redactions_before:
            changes["redactions"] = [self._redactions_before, redactions]
        if changes:
            user = self.for_user if self.for_user is not None and self.for_user.is_authenticated else None
            ConsentEvent.objects.create(recording=recording, user=user, changes=changes)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
