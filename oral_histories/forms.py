"""The admin form for a recording: the file, its transcripts and its consent together.

Every check happens in ``clean`` before anything is written: a refused recording,
transcript or consent form leaves no file and no row behind (``save`` runs in one
transaction). Consent changes are written to the audit log with who made them.

A community historian's transcripts, index points and new master for a published oral
history are staged for the curators' review instead of written (``oral_histories.review``);
their consent changes take effect at once, like everyone's.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.permission_policies.pages import PagePermissionPolicy

from archive.models import language_code_validator
from heritage.i18n import language_name

from .media_files import RecordingError, human_size, oversize_message, probe, recording_max_bytes
from .models import ConsentEvent, IndexPoint, OralHistoryPage, PendingChange, Transcript, parse_language_codes
from .review import may_publish, needs_review, submit_for_review, withdraw
from .timecodes import format_timecode
from .transcripts import DURATION_TOLERANCE, TranscriptError, check_size, parse

CONSENT_FIELDS = ("scope", "community", "embargo_until", "withdrawn_at", "withdrawal_reason", "consent_form")
CONSENT_FORM_TYPES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}
#: "Remove transcripts" value of a transcript awaiting review (withdrawn alone).
STAGED = "staged:"


# A recording uploaded with a form refused for another reason (a transcript, consent) is
# kept here for a day, so the editor fixes the rest without sending it again.
KEPT_UPLOAD_SALT = "oral_histories.kept-upload"
KEPT_UPLOAD_MAX_AGE = 24 * 3600


def kept_uploads_dir() -> Path:
    return Path(getattr(settings, "FILE_UPLOAD_TEMP_DIR", None) or tempfile.gettempdir()) / "heritage-kept-uploads"


class KeptUpload(UploadedFile):
    """A recording kept from a refused form, read back from ``kept_uploads_dir()``: what
    ``HashingUploadHandler`` gives (``temporary_file_path``, ``sha256``, ``received``)."""

    def __init__(self, path: Path, *, name: str, sha256: str):
        size = path.stat().st_size
        super().__init__(file=path.open("rb"), name=name, content_type=None, size=size)
        self.path, self.sha256, self.received, self.oversized = path, sha256, size, False

    def temporary_file_path(self) -> str:
        return str(self.path)


def keep_upload(upload, user_pk) -> str:
    """Keep ``upload`` (a hashed temporary upload) for a day; the signed value that brings it back."""
    folder = kept_uploads_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for old in folder.iterdir():  # forget what was never sent back
        if old.stat().st_mtime < time.time() - KEPT_UPLOAD_MAX_AGE:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    target = folder / token
    try:
        os.link(upload.temporary_file_path(), target)
    except OSError:
        shutil.copyfile(upload.temporary_file_path(), target)
    return signing.dumps(
        {"token": token, "name": upload.name, "sha256": upload.sha256, "user": user_pk}, salt=KEPT_UPLOAD_SALT
    )


def kept_upload(signed: str, user_pk) -> KeptUpload | None:
    try:
        value = signing.loads(signed, salt=KEPT_UPLOAD_SALT, max_age=KEPT_UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    path = kept_uploads_dir() / value["token"]
    if value.get("user") != user_pk or not path.is_file():
        return None
    return KeptUpload(path, name=value["name"], sha256=value["sha256"])


class PrivateFileInput(forms.ClearableFileInput):
    """A file input for private storage: the current file is named and, where there is
    one, linked to the view that checks who may fetch it (never a /media/ URL). A file
    kept from a refused attempt (``keep``) travels as a signed hidden value and is used
    when no new file is chosen."""

    template_name = "oral_histories/admin/private_file_input.html"

    def __init__(self, *args, download_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.download_url = download_url
        self.kept_name = ""
        self.kept_signed = ""
        self.user_pk = None

    def keep(self, name: str, signed: str) -> None:
        self.kept_name, self.kept_signed = name, signed

    def kept_field_name(self, name: str) -> str:
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        signed = data.get(self.kept_field_name(name), "")
        if value in (None, False) and signed:
            upload = kept_upload(signed, self.user_pk)
            if upload is not None:
                self.keep(upload.name, signed)
                return upload
        return value

    def is_initial(self, value):
        return bool(value and getattr(value, "name", "")) and not isinstance(value, UploadedFile)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["download_url"] = self.download_url
        context["widget"]["file_name"] = value.name.rsplit("/", 1)[-1] if self.is_initial(value) else ""
        context["widget"]["kept_name"] = os.path.basename(self.kept_name)
        context["widget"]["kept_signed"] = self.kept_signed
        context["widget"]["kept_field_name"] = self.kept_field_name(name)
        return context


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (https://docs.djangoproject.com/en/5.2/topics/http/file-uploads/#uploading-multiple-files)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


# "entretien_fr.vtt", "interview-de.srt", "temoignage.aeb.txt": a language code ending the name.
_LANGUAGE_IN_NAME = re.compile(r"[._\- ]([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$")


def language_in_filename(filename: str) -> str:
    """The language code that ends a file's name (before its extension), if it names a language."""
    stem = os.path.splitext(os.path.basename(filename))[0]
    match = _LANGUAGE_IN_NAME.search(stem)
    if match and language_name(match.group(1)) != match.group(1):
        return match.group(1)
    return ""


def editable_oral_histories(user):
    """The oral histories ``user`` may edit (curators: all; historians: their own drafts)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return OralHistoryPage.objects.filter(pk__in=editable.values("pk"))


class RecordingForm(WagtailAdminModelForm):
    transcript_file = MultipleFileField(
        label=gettext_lazy("Add or replace transcripts"),
        required=False,
        help_text=gettext_lazy(
            "WebVTT (.vtt), SubRip (.srt), OHMS XML (.xml, OHMS 6 included) or text with times (.txt): "
            "[hh:mm:ss] at the start of a line, or exported from Trint or Otter. Several files at once: "
            "end each file's name with its language (entretien_fr.vtt, interview_de.srt). A transcript in a "
            "language that already has one replaces it; an OHMS file with an index and no transcript adds "
            "its index points and leaves the transcripts as they are. An OHMS file also fills the page's empty "
            "catalogue fields (in a new draft), and its alternate-language transcript becomes a translation; "
            "what was kept and what was not is listed above after saving."
        ),
    )
    transcript_language = forms.CharField(
        label=gettext_lazy("Language of the transcript"),
        required=False,
        max_length=12,
        validators=[language_code_validator],
        help_text=gettext_lazy(
            "A language code such as aeb, fr, ar, de, tr. Not needed when the file's name ends with it."
        ),
    )
    transcript_is_original = forms.BooleanField(
        label=gettext_lazy("This is the original transcript (not a translation)"), required=False
    )
    remove_transcripts = forms.MultipleChoiceField(
        label=gettext_lazy("Remove transcripts"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        instance, user = kwargs.get("instance"), kwargs.get("for_user")
        #: Does this save stage its transcripts, index points and master for review?
        self.staging = bool(instance is not None and user is not None and needs_review(user, instance))
        self.pending = instance.pending() if self.staging else None
        if self.pending is not None and self.pending.index_points is not None:
            # The historian goes on from the index awaiting review (in memory, as Wagtail
            # shows a page's latest revision): the index of record is untouched.
            instance.index_points = self.pending.staged_index_points()
        super().__init__(*args, **kwargs)
        instance = self.instance
        self._initial_file_name = instance.file.name if instance.pk and instance.file else ""
        self._initial_page_id = instance.page_id if instance.pk else None
        #: What this save did, for the messages after it (``wagtail_hooks``).
        self.import_reports: list[dict] = []
        self.staged_summary: list[str] = []
        self.submitted_for_review = False
        self.withdrawn = False
        self._consent_before = {name: self._value(name) for name in CONSENT_FIELDS} if instance.pk else {}
        self._redactions_before = sorted(instance.redacted_ranges()) if instance.pk else []
        if "page" in self.fields:
            field = self.fields["page"]
            # A plain list of the oral histories this user may give a recording: Wagtail's
            # page chooser would open on the whole tree, other communities' sections too.
            field.widget = forms.Select()
            pages = editable_oral_histories(user) if user is not None else OralHistoryPage.objects.all()
            field.queryset = pages.filter(models.Q(recording__isnull=True) | models.Q(pk=instance.page_id)).order_by(
                "title"
            )
            if instance.pk and user is not None and instance.page.live and not may_publish(user, instance.page):
                # Moving a recording off a published oral history would change it at once.
                field.disabled = True
                field.help_text = gettext_lazy("The oral history is published: ask a curator to move its recording.")
        self.fields["file"].widget = PrivateFileInput()
        self.fields["file"].widget.user_pk = self._user_pk()
        self.fields["consent_form"].widget = PrivateFileInput(
            download_url=reverse("oral_histories_consent_form", args=[instance.pk]) if instance.pk else ""
        )
        if instance.pk:
            self.fields["file"].required = False
            removed = set(self.pending.removed_transcripts) if self.pending is not None else set()
            choices = [
                (
                    t.language,
                    f"{t.language_name} ({t.segments.count()})"
                    + (" — " + _("removal awaiting review") if t.language in removed else ""),
                )
                for t in instance.transcripts.all()
            ]
            if self.pending is not None:
                choices += [
                    (
                        f"{STAGED}{t.language}",
                        _("%(language)s (%(count)s), awaiting review: withdraw it")
                        % {"language": t.language_name, "count": t.lines},
                    )
                    for t in self.pending.staged_transcripts()
                ]
            self.fields["remove_transcripts"].choices = choices

    def _user_pk(self):
        user = self.for_user
        return user.pk if user is not None and user.is_authenticated else None

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
        if not isinstance(upload, UploadedFile):
            return upload  # the stored recording, unchanged
        if getattr(upload, "oversized", False):
            raise forms.ValidationError(oversize_message(upload.received, recording_max_bytes()))
        # On disk (the recording upload handler's temporary file) or, should another
        # handler have kept it in memory, the file object itself: never unprobed.
        source = upload.temporary_file_path() if hasattr(upload, "temporary_file_path") else upload.file
        try:
            self._probe = probe(source, filename=upload.name)
        except RecordingError as error:
            raise forms.ValidationError(error.message) from None
        finally:
            if hasattr(upload, "seek"):
                upload.seek(0)
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
        self._parsed = []
        uploads = cleaned.get("transcript_file") or []
        if uploads:
            duration = self.duration()
            languages = self._transcript_languages(uploads, cleaned)
            if languages is not None:
                original = cleaned.get("transcript_language") or (languages[0] if len(uploads) == 1 else "")
                for upload, language in zip(uploads, languages, strict=True):
                    try:
                        check_size(upload.size)
                        parsed = parse(upload.read(), filename=upload.name, duration=duration)
                    except TranscriptError as error:
                        self.add_error(
                            "transcript_file", _("%(file)s: %(error)s") % {"file": upload.name, "error": error}
                        )
                        continue
                    is_original = cleaned.get("transcript_is_original", False) and language == original
                    self._parsed.append((parsed, language, is_original, upload.name))
        scope, community = cleaned.get("scope"), cleaned.get("community")
        if scope == "community" and not community:
            self.add_error("community", _("Choose the community whose members may listen."))
        if cleaned.get("withdrawn_at") and not (cleaned.get("withdrawal_reason") or "").strip():
            self.add_error("withdrawal_reason", _("Record why consent was withdrawn."))
        return cleaned

    def _transcript_languages(self, uploads, cleaned) -> list[str] | None:
        """The language of each transcript file: the one typed in, or the code ending its name,
        or (for a single file) the first language spoken; None after adding the errors."""
        typed = cleaned.get("transcript_language") or ""
        from_names = [language_in_filename(upload.name) for upload in uploads]
        if len(uploads) == 1:
            language = typed or from_names[0]
            if not language:
                page = cleaned.get("page") or (self.instance.page if self.instance.page_id else None)
                spoken = parse_language_codes(page.languages_spoken) if page else []
                if not spoken:
                    self.add_error("transcript_language", _("Say which language the transcript is in."))
                    return None
                language = spoken[0]
            return [language]
        unnamed = [upload.name for upload, code in zip(uploads, from_names, strict=True) if not code]
        if len(unnamed) > 1 or (unnamed and not typed):
            self.add_error(
                "transcript_file",
                _("End the name of each file with its language, as in entretien_fr.vtt: %(files)s.")
                % {"files": ", ".join(unnamed)},
            )
            return None
        languages = [code or typed for code in from_names]
        repeated = sorted({code for code in languages if languages.count(code) > 1})
        if repeated:
            self.add_error(
                "transcript_file",
                _("Two files are in the same language (%(languages)s); send one transcript per language.")
                % {"languages": ", ".join(repeated)},
            )
            return None
        if cleaned.get("transcript_is_original") and not typed:
            self.add_error("transcript_language", _("Give the language of the original transcript."))
            return None
        return languages

    def duration(self) -> float | None:
        """The duration times are checked against: the file uploaded in this save, else
        the new file awaiting review (for the historian who staged it), else the recording's."""
        probed = getattr(self, "_probe", None)
        if probed is not None and probed.duration:
            return probed.duration
        if self.pending is not None and self.pending.file and self.pending.duration:
            return self.pending.duration
        return self.instance.duration

    def _check_times(self) -> bool:
        """Index points and redacted passages typed in must fall inside the recording
        (with the same second of tolerance as imported files): each one past its end is
        refused, naming its row, its time and the recording's duration. (Redactions
        staged beside a new master awaiting review silence the master of record now and
        the new one once approved: the longer of the two bounds them.)"""
        duration = self.duration()
        if not duration:
            return True
        durations = {"index_points": duration, "redactions": duration}
        if self.staging and self.instance.duration:
            durations["redactions"] = max(duration, self.instance.duration)
        checks = {
            "index_points": [
                (
                    "start",
                    _("Index point %(number)s starts at %(time)s, after the end of the recording (%(duration)s)."),
                )
            ],
            "redactions": [
                (
                    "start",
                    _("Redacted passage %(number)s starts at %(time)s, after the end of the recording (%(duration)s)."),
                ),
                (
                    "end",
                    _("Redacted passage %(number)s ends at %(time)s, after the end of the recording (%(duration)s)."),
                ),
            ],
        }
        fine = True
        for prefix, fields in checks.items():
            formset = self.formsets.get(prefix)
            if formset is None:
                continue
            end = durations[prefix]
            last = end + DURATION_TOLERANCE
            for number, form in enumerate(formset.forms, start=1):
                cleaned = getattr(form, "cleaned_data", None)
                if not cleaned or cleaned.get("DELETE"):
                    continue
                for name, message in fields:
                    value = cleaned.get(name)
                    if value is not None and value > last:
                        form.add_error(
                            name,
                            message
                            % {
                                "number": number,
                                "time": format_timecode(value),
                                "duration": format_timecode(end),
                            },
                        )
                        fine = False
        return fine

    def is_valid(self):
        """When the form is refused but the recording just uploaded is good, keep it (see
        ``keep_upload``): the editor corrects the rest and need not send it again."""
        valid = super().is_valid()
        if self.is_bound and not self._check_times():
            valid = False
        upload = self.cleaned_data.get("file") if hasattr(self, "cleaned_data") else None
        widget = self.fields["file"].widget
        if not valid and getattr(self, "_probe", None) is not None and "file" not in self.errors:
            if isinstance(upload, KeptUpload):
                widget.keep(upload.name, widget.kept_signed)
            elif upload is not None and hasattr(upload, "temporary_file_path"):
                widget.keep(upload.name, keep_upload(upload, self._user_pk()))
        return valid

    def save(self, commit=True):
        with transaction.atomic():
            recording = super().save(commit=False)
            probed = getattr(self, "_probe", None)
            upload = self.cleaned_data.get("file")
            if probed is not None and not self.staging:
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
                change = points = None
                newly_published = False
                if self.staging:
                    change = self.pending or PendingChange(recording=recording, created_by=self._user())
                    before = self._staged_state(change)
                    # The index as edited waits in the change; the index of record stays.
                    points = list(recording.index_points.all())
                    getattr(recording, "_cluster_related_objects", {}).pop("index_points", None)
                    if probed is not None:
                        self._stage_master(change, upload, probed)
                        recording.file = self._initial_file_name  # the master of record stays
                elif (
                    self.for_user is not None and recording.page.live and not may_publish(self.for_user, recording.page)
                ):
                    # Added to a published oral history: closed until the page is approved.
                    newly_published = recording._state.adding or recording.page_id != self._initial_page_id
                    recording.awaiting_review = recording.awaiting_review or newly_published
                recording.save()
                if isinstance(upload, KeptUpload):
                    upload.close()
                    upload.path.unlink(missing_ok=True)
                self._save_m2m()
                self._save_transcripts(recording, change=change, points=points)
                if self.staging:
                    self._finish_staging(recording, change, points, before)
                elif newly_published:
                    submit_for_review(recording.page, self.for_user)
                    self.submitted_for_review = True
                self._log_consent(recording)
            return recording

    def _user(self):
        user = self.for_user
        return user if user is not None and user.is_authenticated else None

    def _stage_master(self, change: PendingChange, upload, probed) -> None:
        """The new master waits in the change, in private storage like any master (a
        master staged before it is deleted once this save commits)."""
        old = change.file.name if change.file else ""
        change.file = upload
        change.original_filename = os.path.basename(upload.name)[:255]
        change.format = probed.format.name
        change.mime_type = probed.format.mime_type
        change.kind = "video" if probed.has_video else probed.format.kind
        change.duration = probed.duration
        change.bitrate = probed.bitrate
        change.size = upload.size
        change.sha256 = getattr(upload, "sha256", "") or ""
        change.uploaded_at = timezone.now()
        change.uploaded_by = self._user()
        change.save()
        if old and old != change.file.name:
            from .delivery import _delete

            storage, recording_id = change.file.storage, change.recording_id
            transaction.on_commit(lambda: _delete(storage, [old], recording_id=recording_id))

    @staticmethod
    def _staged_state(change: PendingChange) -> tuple:
        staged = (
            sorted(Transcript.all_objects.filter(staged_in=change).values_list("pk", flat=True)) if change.pk else []
        )
        return (staged, sorted(change.removed_transcripts or []), change.file.name if change.file else "")

    def _staged(self, change: PendingChange | None) -> PendingChange | None:
        """The change, saved (staged transcripts point at it), when this save stages."""
        if change is not None and change.pk is None:
            change.save()
        return change

    def _finish_staging(self, recording, change: PendingChange, points: list, before: tuple) -> None:
        """Keep the change (and send the page to review) when it holds anything, else
        forget it; withdrawn as a whole when this save emptied it."""
        index_changed = change.set_index_points(points)
        if change.is_empty():
            if change.pk is not None:
                self.withdrawn = withdraw(recording, self.for_user)
            return
        changed = index_changed or self._staged_state(change) != before or change.pk is None
        if changed:
            change.updated_at, change.updated_by = timezone.now(), self._user()
            change.save()
        self.staged_summary = [str(item) for item in change.summary()]
        if changed:
            submit_for_review(recording.page, self.for_user, change=change)
            self.submitted_for_review = True

    def _save_transcripts(self, recording, *, change: PendingChange | None = None, points: list | None = None):
        """The transcripts, index points, OHMS alternate-language transcript and catalogue
        fields of each file, and what each file brought (``Recording.import_report``).
        With ``change`` (a historian's edit of a published oral history) transcripts and
        removals are staged in it and index points merged into ``points`` (the index as
        it would be), nothing of record touched."""
        from .ohms import Report, describe_transcript, save_catalogue

        for value in self.cleaned_data.get("remove_transcripts") or ():
            if change is None:
                recording.transcripts.filter(language=value).delete()
            elif value.startswith(STAGED):
                if change.pk is not None:
                    Transcript.all_objects.filter(staged_in=change, language=value[len(STAGED) :]).delete()
            elif value not in change.removed_transcripts and recording.transcripts.filter(language=value).exists():
                change.removed_transcripts = [*change.removed_transcripts, value]
        uploaded = {language for _parsed, language, _original, _name in self._parsed}
        duration = self.duration()
        reports = []
        for parsed, language, is_original, filename in self._parsed:
            report = Report(file=os.path.basename(filename))
            if parsed.segments:  # an index-only OHMS file leaves the transcript in its language alone
                Transcript.replace(
                    recording,
                    parsed,
                    language=language,
                    is_original=is_original,
                    filename=filename,
                    user=self.for_user,
                    staged_in=self._staged(change),
                )
                if change is not None:  # a new transcript in a language to remove: it replaces it
                    change.removed_transcripts = [code for code in change.removed_transcripts if code != language]
            if parsed.index_points:
                IndexPoint.merge(recording, parsed.index_points, language=language, into=points)
                _keep_ohms_details(recording, parsed.index_points, language, points_as_staged=points)
            describe_transcript(report, parsed, language=language, duration=duration)
            if parsed.alternate is not None:
                self._save_alternate(recording, parsed, language, uploaded, filename, report, change, points)
            if parsed.format == "ohms" and parsed.fields:
                save_catalogue(recording, parsed.fields, language=language, report=report, user=self.for_user)
            reports.append(report.as_dict())
        if reports:
            # Not recording.save(): nothing about the recording itself changed (no signal to send).
            type(recording).objects.filter(pk=recording.pk).update(import_report=reports)
            recording.import_report = reports
            self.import_reports = reports

    def _save_alternate(self, recording, parsed, language, uploaded, filename, report, change=None, points=None):
        """OHMS's alternate-language transcript (``<transcript_alt>``, ``<vtt_transcript_alt>``)
        and the ``_alt`` texts of its index, as a translation in the language the file
        names (``<transcript_alt_lang>``); said in ``report`` when they cannot be."""
        from heritage.i18n import language_name

        from .ohms import Report, describe_transcript, language_code

        alternate = parsed.alternate
        given = parsed.alternate_language
        code = language_code(given)
        if not code:
            if given:
                reason = _("its language, “%(value)s”, is not a language name or code the archive knows.") % {
                    "value": given[:60]
                }
            else:
                reason = _("the file does not say which language it is in (<transcript_alt_lang>).")
            report.not_kept.append(
                _(
                    "The alternate-language transcript and index were not imported: %(reason)s Upload it as its own file."
                )
                % {"reason": reason}
            )
            return
        if code == language:
            report.not_kept.append(
                _("The alternate-language transcript was not imported: it is in %(language)s, like the transcript.")
                % {"language": language_name(code)}
            )
            return
        if code in uploaded:
            report.not_kept.append(
                _(
                    "The alternate-language transcript was not imported: another file sent with it is in "
                    "%(language)s, and that file was kept."
                )
                % {"language": language_name(code)}
            )
            return
        if alternate.segments:
            Transcript.replace(
                recording,
                alternate,
                language=code,
                is_original=False,
                filename=filename,
                user=self.for_user,
                staged_in=self._staged(change),
            )
            if change is not None:
                change.removed_transcripts = [other for other in change.removed_transcripts if other != code]
        site_languages = {lang for lang, _name in settings.LANGUAGES}
        first_fields = language if language in site_languages else settings.LANGUAGE_CODE
        if alternate.index_points and code in site_languages and code != first_fields:
            IndexPoint.merge(recording, alternate.index_points, language=code, into=points)
            indexed = len(alternate.index_points)
        else:
            indexed = 0
            if alternate.index_points:
                report.not_kept.append(
                    _(
                        "The index's texts in %(language)s (its _alt fields) were not kept: the site has no "
                        "fields for that language beside the first one."
                    )
                    % {"language": language_name(code)}
                )
        kept = Report(file=report.file)
        shown = dataclasses.replace(alternate, index_points=alternate.index_points if indexed else [])
        describe_transcript(kept, shown, language=code, duration=self.duration())
        if kept.kept:
            report.kept.append(
                _("Alternate-language transcript in %(language)s (as a translation): %(what)s")
                % {"language": language_name(code), "what": " ".join(kept.kept)}
            )
        report.not_kept.extend(kept.not_kept)

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


def _keep_ohms_details(recording, points, language: str, *, points_as_staged: list | None = None) -> None:
    """What ``IndexPoint.merge`` leaves out of an OHMS index: subjects, hyperlinks, GPS
    points without a place name, and the language of the text when the site has no
    fields for it (the text is then in the English fields, and the page marks it).
    ``points_as_staged``: the index awaiting review, changed in memory, nothing saved."""
    site_languages = {code for code, _name in settings.LANGUAGES}
    current = recording.index_points.all() if points_as_staged is None else points_as_staged
    by_start = {round(point.start, 3): point for point in current}
    for source in points:
        point = by_start.get(round(source.start, 3))
        if point is None:
            continue
        point.subjects = "; ".join(source.subjects)[:500] or point.subjects
        point.links = [{"url": url, "text": text} for url, text in source.hyperlinks] or point.links
        unnamed = [[place.latitude, place.longitude] for place in source.places if not place.name]
        point.coordinates = unnamed or point.coordinates
        if language not in site_languages:
            point.language = language
        elif language == settings.LANGUAGE_CODE:
            point.language = ""  # the English fields now hold English
        if points_as_staged is None:
            point.save(update_fields=["subjects", "links", "coordinates", "language"])
