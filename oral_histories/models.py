"""Oral histories: the catalogue record (``OralHistoryPage``), the community whose
section it sits in, and the recording with its transcripts, index points and consent.

The recording and everything about it live outside page revisions on purpose:
consent (scope, embargo, redactions, withdrawal) must take effect the moment it is
saved, not at the page's next publish, and a two-hour transcript is thousands of rows,
not a revision blob. ``oral_histories.consent`` decides who may hear what; every
surface asks it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from archive.listing import centuries
from archive.models import RICH_TEXT_FEATURES, language_code_validator
from heritage.i18n import language_direction, language_name
from heritage.models import HeritagePage, RightsMixin, SectionIndexPage
from heritage.panels import TranslationStatusPanel
from heritage.storage import private_storage as heritage_private_storage

from .timecodes import TimecodePanel, start_offset


def parse_language_codes(value: str) -> list[str]:
    return [code.strip() for code in value.replace(";", ",").split(",") if code.strip()]


def validate_language_codes(value: str) -> None:
    for code in parse_language_codes(value):
        try:
            language_code_validator(code)
        except ValidationError:
            raise ValidationError(
                _("“%(code)s” is not a language code. Use codes such as ar, fr, de, tr, separated by commas."),
                params={"code": code},
            ) from None


class Community(models.Model):
    """A community whose members tell and hear its memories (e.g. Tunisians of Marseille).

    Two groups come with it: its members (who may hear "community only" recordings on
    the public site once logged in) and its historians (who draft oral histories in
    the community's section and see no other community's work).
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    members = models.OneToOneField(
        Group,
        verbose_name=_("members group"),
        on_delete=models.PROTECT,
        related_name="community_of_members",
        editable=False,
    )
    historians = models.OneToOneField(
        Group,
        verbose_name=_("historians group"),
        on_delete=models.PROTECT,
        related_name="community_of_historians",
        editable=False,
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.members_id:
            self.members, _created = Group.objects.get_or_create(name=f"Community members: {self.slug}")
        if not self.historians_id:
            self.historians, _created = Group.objects.get_or_create(name=f"Community historians: {self.slug}")
        super().save(*args, **kwargs)

    def has_member(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return user.groups.filter(pk__in=[self.members_id, self.historians_id]).exists()


class OralHistoryIndexPage(SectionIndexPage):
    """The oral-history section, or a community's section inside it."""

    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sections",
        help_text=_("The community's historians may draft oral histories here, and only here."),
    )

    parent_page_types = ["heritage.HomePage", "oral_histories.OralHistoryIndexPage"]
    subpage_types = ["oral_histories.OralHistoryPage", "oral_histories.OralHistoryIndexPage"]
    max_count = None
    content_panels = [*SectionIndexPage.content_panels, FieldPanel("community")]

    class Meta:
        verbose_name = _("oral histories index")

    def get_context(self, request, *args, **kwargs):
        """The oral histories of this section and the sections inside it, and those
        sections: what visitors can reach (``heritage.visibility.reachable_pages``), so
        nothing under an unpublished or restricted section inside this one."""
        from heritage.visibility import reachable_pages

        context = super().get_context(request, *args, **kwargs)
        context["oral_histories"] = listed(
            reachable_pages(OralHistoryPage.objects.descendant_of(self)).order_by("-recorded_on", "path")
        )
        context["sections"] = reachable_pages(OralHistoryIndexPage.objects.child_of(self))
        return context


def listed(queryset):
    """Oral histories a listing may show: withdrawn ones never appear (their recording's
    consent is gone); the rest carry their recording for the access badge."""
    return (
        queryset.exclude(recording__withdrawn_at__isnull=False)
        .select_related("place", "institution", "recording", "recording__community")
        .prefetch_related("narrators")
    )


class OralHistoryPage(RightsMixin, HeritagePage):
    summary = RichTextField(_("summary"), blank=True, features=RICH_TEXT_FEATURES)
    narrators = ParentalManyToManyField("heritage.Person", verbose_name=_("narrators"), blank=True, related_name="+")
    interviewer = models.ForeignKey(
        "heritage.Person",
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("contributing institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oral_histories",
    )
    recorded_on = models.DateField(_("date recorded"), null=True, blank=True)
    place = models.ForeignKey(
        "heritage.Place",
        verbose_name=_("place recorded"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    languages_spoken = models.CharField(
        _("languages spoken"),
        max_length=120,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes separated by commas, e.g. aeb, fr."),
    )
    # The catalogue record of an OHMS export (issue 16) where the page had no field for it.
    accession = models.CharField(
        _("accession number"),
        max_length=120,
        blank=True,
        help_text=_("The archive's identifier for this interview (OHMS “accession”)."),
    )
    collection_name = models.CharField(_("collection"), max_length=255, blank=True)
    series_name = models.CharField(_("series"), max_length=255, blank=True)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    subjects = models.CharField(_("subjects"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    rights_statement = models.TextField(
        _("rights statement"), blank=True, help_text=_("The rights as the interview's record states them, in words.")
    )
    usage = models.TextField(_("conditions of use"), blank=True)
    funding = models.TextField(_("funding"), blank=True)

    translated_fields = (
        "summary",
        "rights_holder",
        "collection_name",
        "series_name",
        "keywords",
        "subjects",
        "rights_statement",
        "usage",
        "funding",
    )
    search_type = "oral_history"
    search_text_fields = ("summary",)
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("narrators"),
                FieldPanel("interviewer"),
                FieldPanel("institution"),
                FieldRowPanel([FieldPanel("recorded_on"), FieldPanel("place")]),
                FieldPanel("languages_spoken"),
            ],
            heading=_("Recording"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accession"),
                FieldRowPanel([FieldPanel("collection_name"), FieldPanel("series_name")]),
                FieldPanel("keywords"),
                FieldPanel("subjects"),
                FieldPanel("rights_statement"),
                FieldPanel("usage"),
                FieldPanel("funding"),
            ],
            heading=_("Catalogue record"),
            classname="collapsed",
        ),
        HelpPanel(template="oral_histories/admin/page_recording.html", heading=_("Recording, transcripts and consent")),
        *RightsMixin.rights_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["oral_histories.OralHistoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("oral history")
        verbose_name_plural = _("oral histories")

    def search_facets(self) -> dict[str, list[str]]:
        year = self.recorded_on.year if self.recorded_on else None
        return {
            "city": [self.institution.city.slug_en] if self.institution_id else [],
            "institution": [self.institution.code] if self.institution_id else [],
            "language": parse_language_codes(self.languages_spoken),
            "period": centuries(year, year),
            "rights": [self.rights.code] if self.rights_id else [],
        }

    def get_recording(self) -> Recording | None:
        try:
            return self.recording
        except Recording.DoesNotExist:
            return None

    def is_publicly_searchable(self) -> bool:
        """A withdrawn recording takes its whole page out of every public index."""
        recording = self.get_recording()
        return recording is None or not recording.is_withdrawn

    def is_open(self) -> bool:
        """Only when anyone may hear and read it: not withdrawn, restricted, community
        only or under embargo (the page of a closed recording stays findable by search
        on its title and summary, but is not advertised to crawlers)."""
        from .consent import is_public

        recording = self.get_recording()
        return super().is_open() and (recording is None or is_public(recording))

    @classmethod
    def closed_pages(cls) -> models.Q:
        """Pages whose recording is not public (withdrawn, embargoed, restricted or
        community only); a page without a recording yet is open."""
        from .consent import public_recordings

        return models.Q(pk__in=Recording.objects.exclude(pk__in=public_recordings().values("pk")).values("page_id"))

    @classmethod
    def prefetch_openness(cls, pages: list[OralHistoryPage]) -> None:
        """Every page's recording (or its absence) in one query."""
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(pages, "recording")

    def social_description(self) -> str:
        """Nothing once the recording is withdrawn: its page shows the title alone."""
        recording = self.get_recording()
        if recording is not None and recording.is_withdrawn:
            return ""
        return super().social_description()

    def search_segments(self) -> list[dict]:
        """Transcript lines, only when anyone may hear the recording (no redacted passage)."""
        from .consent import public_segments

        recording = self.get_recording()
        if recording is None:
            return []
        return [
            {"start": segment.start, "text": {language: segment.text}}
            for language, segment in public_segments(recording)
        ]

    def serve(self, request, *args, **kwargs):
        recording = self.get_recording()
        if recording is not None and recording.is_withdrawn:
            from django.template.response import TemplateResponse

            return TemplateResponse(
                request, "oral_histories/withdrawn.html", self.get_context(request, *args, **kwargs), status=410
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """The recording, what this visitor may do with it, and, when allowed, the
        transcripts (redacted passages left out) and index points for the player.

        A long transcript is shown a part at a time (``transcript_parts``): the window
        from ``?from=``, up to ``?until=``, around ``?t=``, else the first; only its rows
        are read, and the player or the part links bring the rest."""
        from .consent import decide
        from .transcript_parts import page_transcripts, seconds_param, window

        context = super().get_context(request, *args, **kwargs)
        recording = self.get_recording()
        access = decide(recording, request.user) if recording else None
        context.update(
            recording=recording, access=access, transcripts=[], alongside=None, index_points=[], start_at=0, part=None
        )
        if access and access.allowed:
            ranges = recording.redacted_ranges()
            transcripts = list(page_transcripts(recording))
            # ?t=90, ?t=1:30, ?t=1:02:03, ?t=1m30s; anything else (or past the end) is ignored.
            start_at = start_offset(request.GET.get("t", ""), recording.duration)
            part = window(
                recording,
                transcripts,
                ranges=ranges,
                start=seconds_param(request.GET.get("from")),
                until=seconds_param(request.GET.get("until")),
                at=start_at or None,
            )
            for transcript in transcripts:
                transcript.visible = part.lines[transcript.pk]
                # Footnotes with their transcript, as OHMS shows them (those of withheld lines withheld).
                transcript.shown_notes = part.notes[transcript.pk]
            context["part"] = part
            primary = first_for_language(transcripts, getattr(request, "LANGUAGE_CODE", "") or get_language())
            if primary is not None:
                transcripts = [primary, *(t for t in transcripts if t is not primary)]
            context["transcripts"] = transcripts
            # Beside a translation, its original (player.js, on a wide enough screen).
            context["alongside"] = next((t for t in transcripts if t.is_original and t is not primary), None)
            context["index_points"] = list(recording.index_points.prefetch_related("places"))
            context["playable"] = recording.playable_file(ranges=ranges)[0] is not None
            context["long_clock"] = recording.duration >= 3600  # every time as h:mm:ss
            context["start_at"] = start_at
        return context

    def keyword_list(self) -> list[str]:
        return _split_terms(self.keywords)

    def subject_list(self) -> list[str]:
        return _split_terms(self.subjects)

    def language_names(self) -> list[dict[str, str]]:
        """Each spoken language with its name in the visitor's language."""
        return [
            {"code": code, "name": language_name(code), "dir": language_direction(code)}
            for code in parse_language_codes(self.languages_spoken)
        ]


def _split_terms(value: str | None) -> list[str]:
    """ "a; b" (the Arabic semicolon too) as ["a", "b"]."""
    return [word.strip() for word in (value or "").replace("؛", ";").split(";") if word.strip()]


def first_for_language(transcripts: list, language: str):
    """The transcript a visitor reads first: the one in their language (``ar`` for
    ``ar-tn`` too) when there is one, else the first (the original)."""
    if not transcripts:
        return None
    base = (language or "").lower().split("-")[0]
    for wanted in (lambda code: code == (language or "").lower(), lambda code: code.split("-")[0] == base):
        found = next((t for t in transcripts if wanted(t.language.lower())), None)
        if found is not None:
            return found
    return transcripts[0]


def private_storage():
    # Named here too: the migrations refer to this function by its path.
    return heritage_private_storage()


def recording_path(instance: Recording, filename: str) -> str:
    return f"recordings/{timezone.now():%Y/%m}/{filename}"


def consent_form_path(instance: Recording, filename: str) -> str:
    return f"consent-forms/{timezone.now():%Y/%m}/{filename}"


class Scope(models.TextChoices):
    PUBLIC = "public", _("Public: anyone may listen and read")
    COMMUNITY = "community", _("Community only: logged-in members of the community")
    RESTRICTED = "restricted", _("Restricted: no one outside the archive")


class Recording(ClusterableModel):
    """The master recording of an oral history and the consent that governs it.

    The file lives in private storage (``STORAGES["private"]``: a folder outside
    ``MEDIA_ROOT`` or a private S3 bucket), reached through the Storage API only: no web
    server serves it by URL; ``oral_histories.views.media`` asks ``consent.decide`` and
    then hands it over (``oral_histories.delivery``). A save that closes the recording
    to anyone moves its files to new keys, so links handed out before stop working.
    """

    page = models.OneToOneField(
        OralHistoryPage, verbose_name=_("oral history"), on_delete=models.CASCADE, related_name="recording"
    )
    file = models.FileField(_("recording"), storage=private_storage, upload_to=recording_path, max_length=255)
    original_filename = models.CharField(_("original file name"), max_length=255, editable=False)
    format = models.CharField(_("format"), max_length=10, editable=False)
    mime_type = models.CharField(_("content type"), max_length=40, editable=False)
    kind = models.CharField(_("kind"), max_length=5, editable=False)  # audio | video
    duration = models.FloatField(_("duration (seconds)"), editable=False)
    bitrate = models.PositiveIntegerField(_("bit rate"), null=True, editable=False)
    size = models.BigIntegerField(_("size in bytes"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    fixity_checked_at = models.DateTimeField(_("fixity last checked"), null=True, blank=True, editable=False)
    #: What visitors hear when passages are redacted: the master with those passages
    #: silenced (and blacked out in video), made by ``access_copies.make_access_copy``
    #: for exactly ``access_copy_ranges``; stale (ranges changed) means not served.
    access_copy = models.FileField(storage=private_storage, upload_to=recording_path, blank=True, editable=False)
    access_copy_ranges = models.JSONField(default=list, blank=True, editable=False)
    access_copy_mime_type = models.CharField(max_length=40, blank=True, editable=False)
    #: The SHA-256 of the master the copy was made from: a copy of a replaced master is
    #: never served, even while the redactions stay the same.
    access_copy_master = models.CharField(max_length=64, blank=True, editable=False)
    #: What the last import of transcript files kept and did not keep, file by file, in
    #: the editor's words: [{"file": …, "kept": [...], "not_kept": [...]}] (``ohms.report``).
    import_report = models.JSONField(default=list, blank=True, editable=False)
    #: Added to an oral history that was already published by someone who may not
    #: publish it (a community historian): heard and read nowhere (``consent.decide``)
    #: until a curator approves the page in its review workflow (``oral_histories.review``).
    awaiting_review = models.BooleanField(_("awaiting review"), default=False, editable=False)

    # Consent
    scope = models.CharField(_("who may listen"), max_length=12, choices=Scope.choices, default=Scope.RESTRICTED)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recordings",
        help_text=_("For “community only”: whose members may listen."),
    )
    embargo_until = models.DateField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("Until this date no one outside the archive may listen or read, whatever the scope."),
    )
    consent_form = models.FileField(
        _("signed consent form"), storage=private_storage, upload_to=consent_form_path, blank=True, max_length=255
    )
    consent_notes = models.TextField(_("notes on consent"), blank=True)
    withdrawn_at = models.DateTimeField(_("consent withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        permissions = [("listen_restricted", _("Can hear and read any recording, whatever its consent"))]

    def __str__(self) -> str:
        return str(self.page.title) if self.page_id else self.original_filename

    @property
    def duration_clock(self) -> str:
        """The duration as h:mm:ss."""
        seconds = round(self.duration or 0)
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def listed_duration(self) -> str:
        return self.duration_clock

    listed_duration.short_description = _("Duration")

    def review_status(self) -> str:
        """For the admin's list of recordings: what waits for the curators' review."""
        if self.awaiting_review:
            return str(_("New, awaiting review"))
        if self.pending() is not None:
            return str(_("Changes awaiting review"))
        return ""

    review_status.short_description = _("Review")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_embargoed(self, today=None) -> bool:
        return bool(self.embargo_until and self.embargo_until > (today or timezone.localdate()))

    def redacted_ranges(self) -> list[tuple[float, float]]:
        return sorted((r.start, r.end) for r in self.redactions.all())

    def pending(self) -> PendingChange | None:
        """The changes awaiting the curators' review (``PendingChange``), if any."""
        if self.pk is None:
            return None
        try:
            return self.pending_change
        except PendingChange.DoesNotExist:
            return None

    def playable_file(self, *, ranges: list[tuple[float, float]] | None = None):
        """(file, content type) a visitor may hear: the master when nothing is redacted,
        else the access copy made from this very master for exactly the current
        redactions, else None (being prepared). ``ranges``: the redactions, when the
        caller has them already."""
        ranges = self.redacted_ranges() if ranges is None else ranges
        if not ranges:
            return self.file, self.mime_type
        if self.access_copy_is_current(ranges=ranges):
            return self.access_copy, self.access_copy_mime_type
        return None, ""

    def access_copy_is_current(self, *, ranges: list[tuple[float, float]] | None = None) -> bool:
        """Was the access copy made from the current master (by its SHA-256) for exactly
        the current redactions?"""
        ranges = self.redacted_ranges() if ranges is None else ranges
        return bool(
            self.access_copy
            and self.sha256
            and self.access_copy_master == self.sha256
            and [tuple(r) for r in self.access_copy_ranges] == [tuple(r) for r in ranges]
        )


class RedactedRange(Orderable):
    """A passage never shown, played or indexed (names, private matters)."""

    recording = ParentalKey(Recording, on_delete=models.CASCADE, related_name="redactions")
    start = models.FloatField(_("from (seconds)"), validators=[MinValueValidator(0)])
    end = models.FloatField(_("to (seconds)"), validators=[MinValueValidator(0)])
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    # Entered and shown as h:mm:ss (``oral_histories.timecodes``); stored in seconds.
    panels = [
        FieldRowPanel(
            [
                TimecodePanel("start", heading=pgettext_lazy("redacted passage", "From")),
                TimecodePanel("end", heading=pgettext_lazy("redacted passage", "To")),
            ]
        ),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("redacted passage")
        verbose_name_plural = _("redacted passages")

    def clean(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The end of a redacted passage must come after its start.")})

    def overlaps(self, start: float, end: float | None) -> bool:
        return start < self.end and (end if end is not None else start) >= self.start


class LiveTranscripts(models.Manager):
    """The transcripts of record: never one staged for review (``staged_in``). The
    default manager, so every reader (``recording.transcripts``, prefetches, the page,
    captions, exports, search, IIIF, the API) sees only these."""

    def get_queryset(self):
        return super().get_queryset().filter(staged_in__isnull=True)


class Transcript(models.Model):
    """One language's transcript of a recording: the original or a translation.

    A transcript a community historian adds to a published oral history is staged
    (``staged_in``: its ``PendingChange``) until a curator approves the page: only
    ``Transcript.all_objects`` sees it before then."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="transcripts")
    #: The changes awaiting review this transcript belongs to; None once it is the
    #: recording's transcript of record (``PendingChange.apply``).
    staged_in = models.ForeignKey(
        "PendingChange", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    language = models.CharField(_("language"), max_length=12, validators=[language_code_validator])
    is_original = models.BooleanField(_("original (not a translation)"), default=False)
    source_format = models.CharField(_("imported from"), max_length=10)
    source_filename = models.CharField(_("file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The transcript's footnotes: [{"number": "1", "text": …, "url": …, "lines": [positions]}],
    #: "lines" the segments that refer to it.
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    #: Up to when the text follows the recording (seconds), as the file timed it.
    covered_until = models.FloatField(_("follows the recording up to (seconds)"), null=True, blank=True)

    objects = LiveTranscripts()
    all_objects = models.Manager()

    class Meta:
        ordering = ["-is_original", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["recording", "language"],
                condition=models.Q(staged_in__isnull=True),
                name="one_transcript_per_language",
            ),
            models.UniqueConstraint(fields=["staged_in", "language"], name="one_staged_transcript_per_language"),
        ]
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")

    def __str__(self) -> str:
        return f"{self.recording} ({self.language})"

    @classmethod
    def replace(
        cls, recording, parsed, *, language: str, is_original: bool, filename: str = "", user=None, staged_in=None
    ):
        """Store ``parsed`` (``transcripts.parse()``) as ``recording``'s transcript in
        ``language``, replacing any there was, segments written in one bulk insert.
        With ``staged_in`` (a saved ``PendingChange``) it is staged for review instead,
        replacing only a transcript staged in that language: the one of record stays
        until the change is applied."""
        if staged_in is None:
            recording.transcripts.filter(language=language).delete()
            if is_original:
                recording.transcripts.update(is_original=False)
        else:
            cls.all_objects.filter(staged_in=staged_in, language=language).delete()
            if is_original:
                cls.all_objects.filter(staged_in=staged_in).update(is_original=False)
        lines: dict[str, list[int]] = {}
        for n, segment in enumerate(parsed.segments):
            for number in getattr(segment, "notes", ()):
                lines.setdefault(number, []).append(n)
        transcript = cls.objects.create(
            recording=recording,
            language=language,
            is_original=is_original,
            source_format=parsed.format,
            source_filename=filename.rsplit("/", 1)[-1][:255],
            imported_by=user if user is not None and user.is_authenticated else None,
            footnotes=[
                {"number": note.number, "text": note.text, "url": note.url, "lines": lines.get(note.number, [])}
                for note in getattr(parsed, "footnotes", ())
            ],
            covered_until=getattr(parsed, "covered_until", None),
            staged_in=staged_in,
        )
        Segment.objects.bulk_create(
            Segment(transcript=transcript, position=n, start=s.start, end=s.end, speaker=s.speaker[:120], text=s.text)
            for n, s in enumerate(parsed.segments)
        )
        return transcript

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def direction(self) -> str:
        return language_direction(self.language)

    @property
    def partial_until(self) -> float | None:
        """When the text follows only part of the recording: up to when (seconds); else None."""
        return partial_until(self.covered_until, self.recording.duration)

    def shown_footnotes(self, visible) -> list[dict]:
        """The footnotes a reader of ``visible`` (``consent.visible_segments``) may see,
        each shown line given ``.footnote_numbers``. A note that only withheld lines
        refer to is withheld with them; one no line refers to is shown."""
        shown_positions = {line.position for line in visible if not getattr(line, "withheld", False)}
        numbers: dict[int, list[str]] = {}
        shown = []
        for note in self.footnotes or ():
            positions = [p for p in note.get("lines") or () if isinstance(p, int)]
            if positions and not shown_positions.intersection(positions):
                continue
            shown.append(note)
            for position in positions:
                numbers.setdefault(position, []).append(str(note.get("number", "")))
        for line in visible:
            line.footnote_numbers = [] if getattr(line, "withheld", False) else numbers.get(line.position, [])
        return shown


#: A transcript that stops following the recording more than this share of it (and
#: more than a minute) before its end is shown as partial.
PARTIAL_SLACK = 0.1


def partial_until(covered_until: float | None, duration: float | None) -> float | None:
    """``covered_until`` when a transcript timed up to then follows only part of a
    recording that lasts ``duration``, else None. Only the file's timing says so: a
    transcript ending within ``PARTIAL_SLACK`` of the end (a tenth of the recording, at
    least a minute: the last words, the goodbyes) is whole."""
    if covered_until is None or not duration:
        return None
    return covered_until if covered_until < duration - max(60.0, duration * PARTIAL_SLACK) else None


class Segment(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    start = models.FloatField()
    end = models.FloatField(null=True)
    speaker = models.CharField(max_length=120, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["transcript", "position"]
        indexes = [models.Index(fields=["transcript", "start"])]


class IndexPoint(ClusterableModel):
    """A chapter of the recording in the OHMS manner, described in every language."""

    recording = ParentalKey(Recording, on_delete=models.CASCADE, related_name="index_points")
    start = models.FloatField(_("starts at (seconds)"), validators=[MinValueValidator(0)])
    title = models.CharField(_("title"), max_length=255)
    synopsis = models.TextField(_("synopsis"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    places = ParentalManyToManyField("heritage.Place", verbose_name=_("places"), blank=True, related_name="+")
    # Kept from OHMS imports (issue 16): subjects apart from keywords, the language the
    # title and synopsis are in when the site has no fields for it (they are then in the
    # English fields), index hyperlinks, and GPS points that have no place name.
    subjects = models.CharField(_("subjects"), max_length=500, blank=True, help_text=_("Separated by semicolons."))
    language = models.CharField(
        _("language of the text"),
        max_length=12,
        blank=True,
        validators=[language_code_validator],
        help_text=_("Only when the title and synopsis are in a language the site is not in."),
    )
    links = models.JSONField(_("links"), default=list, blank=True)  # [{"url": …, "text": …}]
    coordinates = models.JSONField(_("unnamed places"), default=list, blank=True)  # [[latitude, longitude]]
    # OHMS <partial_transcript>: the first words spoken in the chapter (transcript text:
    # an export leaves it out when the chapter holds a redacted passage).
    partial_transcript = models.TextField(
        _("first words"), blank=True, help_text=_("The first words of the chapter, as transcribed.")
    )

    panels = [
        TimecodePanel("start", heading=_("Starts at")),
        FieldPanel("title"),
        FieldPanel("synopsis"),
        FieldPanel("partial_transcript"),
        FieldPanel("keywords"),
        FieldPanel("subjects"),
        FieldPanel("language"),
        FieldPanel("places"),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("index point")
        verbose_name_plural = _("index points")

    def __str__(self) -> str:
        return self.title

    @classmethod
    def merge(cls, recording: Recording, points, *, language: str, into: list | None = None) -> list:
        """Index points from an OHMS import (``transcripts.IndexPoint``), written in
        ``language``'s fields (English when the site has no such language). A point at
        the same start time is updated rather than added twice, so importing the same
        file again, or its translation, fills in the other language of each chapter.

        ``into``: the index points as a staged edit would leave them (a list of points
        in memory, ``PendingChange``): merged there, nothing saved. Returns the points."""
        from django.utils.text import slugify

        from heritage.models import Place

        codes = [code for code, _name in settings.LANGUAGES]
        field_language = language if language in codes else settings.LANGUAGE_CODE
        saving = into is None
        current = list(recording.index_points.all()) if saving else into
        existing = {round(point.start, 3): point for point in current}
        for source in points:
            point = existing.get(round(source.start, 3))
            if point is None:
                point = cls(recording=recording, start=source.start)
                current.append(point)
            setattr(point, f"title_{field_language}", source.title[:255])
            setattr(point, f"synopsis_{field_language}", source.synopsis)
            setattr(point, f"keywords_{field_language}", "; ".join(source.keywords)[:500])
            if getattr(source, "partial_transcript", ""):
                setattr(point, f"partial_transcript_{field_language}", source.partial_transcript)
            if not getattr(point, f"title_{settings.LANGUAGE_CODE}"):
                setattr(point, f"title_{settings.LANGUAGE_CODE}", source.title[:255])
            if saving:
                point.save()
            places = list(point.places.all())
            for place in source.places:
                if not place.name:
                    continue
                found = Place.objects.filter(name__iexact=place.name).first()
                if found is None:
                    base = slug = slugify(place.name)[:70] or "place"
                    number = 1
                    while Place.objects.filter(slug=slug).exists():
                        number += 1
                        slug = f"{base}-{number}"
                    found = Place.objects.create(
                        slug=slug, name=place.name, latitude=place.latitude, longitude=place.longitude
                    )
                if found not in places:
                    places.append(found)
            point.places = places  # in memory (a ParentalManyToManyField) until the point is saved
            if saving:
                point.save()
        return current

    def keyword_list(self) -> list[str]:
        text = (self.keywords or "").replace("؛", ";")  # the Arabic semicolon too
        return [word.strip() for word in text.split(";") if word.strip()]

    def own_language_text(self) -> dict[str, object] | None:
        """For a point whose text is in a language the site is not in (``language``,
        kept in the default language's fields): that text, to show marked with its own
        language instead of as an English fallback. None for the others."""
        if not self.language:
            return None
        default = settings.LANGUAGE_CODE
        keywords = (getattr(self, f"keywords_{default}", "") or "").replace("؛", ";")
        return {
            "title": getattr(self, f"title_{default}", "") or "",
            "synopsis": getattr(self, f"synopsis_{default}", "") or "",
            "keywords": [word.strip() for word in keywords.split(";") if word.strip()],
        }

    def subject_list(self) -> list[str]:
        text = (self.subjects or "").replace("؛", ";")
        return [word.strip() for word in text.split(";") if word.strip()]

    def web_links(self) -> list[dict[str, str]]:
        """The index hyperlinks a page may show: http(s) only, with their text (or address)."""
        links = []
        for link in self.links or ():
            url = str(link.get("url", "")) if isinstance(link, dict) else ""
            if url.lower().startswith(("http://", "https://")):
                links.append({"url": url, "text": str(link.get("text") or "").strip() or url})
        return links

    def map_points(self) -> list[dict[str, float]]:
        """GPS points without a place name, as numbers (anything else left out)."""
        found = []
        for pair in self.coordinates or ():
            try:
                latitude, longitude = (float(value) for value in pair)
            except (TypeError, ValueError):
                continue
            if -90 <= latitude <= 90 and -180 <= longitude <= 180:
                found.append({"latitude": latitude, "longitude": longitude})
        return found


class ConsentEvent(models.Model):
    """The audit log of consent: who changed what, and when. Never edited, never deleted."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="consent_events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changes = models.JSONField(default=dict)  # {field: [old, new]}

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")


#: What a replacement master brings with it, the same on ``Recording`` and ``PendingChange``.
MASTER_FACTS = (
    "original_filename",
    "format",
    "mime_type",
    "kind",
    "duration",
    "bitrate",
    "size",
    "sha256",
    "uploaded_at",
    "uploaded_by_id",
)


class PendingChange(models.Model):
    """Changes to the recording of a published oral history that wait for the curators'
    review: made by someone who may not publish the page (a community historian), they
    reach visitors only once a curator approves the page in its review workflow
    (``oral_histories.review``).

    What waits here: transcripts (``Transcript`` rows whose ``staged_in`` is this
    change: ``Transcript.objects`` never returns them), the languages of transcripts
    to remove, the index points as they are to become (``index_points``: each point's
    modelcluster ``serializable_data()``, as a page revision keeps its inline children;
    None when unchanged) and a replacement master (``file``, probed and hashed like any
    upload, kept in private storage beside the masters). Consent is never staged: it
    takes effect when saved, as it only ever closes or reopens what was approved.
    """

    recording = models.OneToOneField(
        Recording, verbose_name=_("recording"), on_delete=models.CASCADE, related_name="pending_change"
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Languages whose transcript of record goes when the change is applied.
    removed_transcripts = models.JSONField(default=list, blank=True)
    #: The index points as they are to become, or None when the change leaves them alone.
    index_points = models.JSONField(null=True, blank=True)
    # A replacement master, with what the probe read from it (as on ``Recording``).
    file = models.FileField(
        _("new recording file"), storage=private_storage, upload_to=recording_path, max_length=255, blank=True
    )
    original_filename = models.CharField(max_length=255, blank=True)
    format = models.CharField(max_length=10, blank=True)
    mime_type = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=5, blank=True)
    duration = models.FloatField(null=True, blank=True)
    bitrate = models.PositiveIntegerField(null=True, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The review: the page revision that carries the change to the curators, and the
    # workflow it started (withdrawn, the change cancels that workflow when nothing
    # else of the page waits in it).
    page_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_had_draft = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("changes awaiting review")
        verbose_name_plural = _("changes awaiting review")

    def __str__(self) -> str:
        return str(self.recording)

    def staged_transcripts(self):
        return Transcript.all_objects.filter(staged_in=self).annotate(lines=models.Count("segments"))

    def is_empty(self) -> bool:
        return not (
            self.file
            or self.removed_transcripts
            or self.index_points is not None
            or (self.pk and Transcript.all_objects.filter(staged_in=self).exists())
        )

    @property
    def duration_clock(self) -> str:
        seconds = round(self.duration or 0)
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

    def summary(self) -> list[str]:
        """What waits, in the editors' words: "transcript fr (new)", "index points", …"""
        live = set(Transcript.objects.filter(recording_id=self.recording_id).values_list("language", flat=True))
        items = []
        for transcript in self.staged_transcripts() if self.pk else ():
            if transcript.language in live:
                text = _("transcript %(language)s (replaces the current one, %(count)s lines)")
            else:
                text = _("transcript %(language)s (new, %(count)s lines)")
            items.append(text % {"language": transcript.language, "count": transcript.lines})
        for language in self.removed_transcripts or ():
            items.append(_("transcript %(language)s (removed)") % {"language": language})
        if self.index_points is not None:
            items.append(_("index points (%(count)s)") % {"count": len(self.index_points)})
        if self.file:
            items.append(
                _("new recording file: %(name)s (%(duration)s)")
                % {"name": self.original_filename, "duration": self.duration_clock}
            )
        return items

    def set_index_points(self, points: list) -> bool:
        """Stage ``points`` (``IndexPoint`` objects, saved or not) as the recording's
        index, or nothing when they are the index of record; True when that changed."""
        import json

        from django.core.serializers.json import DjangoJSONEncoder

        def data(point) -> dict:
            return json.loads(json.dumps(point.serializable_data(), cls=DjangoJSONEncoder))

        def comparable(items: list[dict]) -> list:
            # The untranslated column of a translated field follows the active language: left out.
            shown = []
            for item in items:
                item = {key: value for key, value in item.items() if f"{key}_{settings.LANGUAGE_CODE}" not in item}
                item["places"] = sorted(item.get("places") or [])
                shown.append(json.dumps(item, sort_keys=True))
            return sorted(shown)

        staged = [data(point) for point in points]
        live = [data(point) for point in IndexPoint.objects.filter(recording_id=self.recording_id)]
        before = self.index_points
        self.index_points = None if comparable(staged) == comparable(live) else staged
        return (before is None) != (self.index_points is None) or (
            before is not None and comparable(before) != comparable(self.index_points or [])
        )

    def staged_index_points(self) -> list[IndexPoint]:
        """The staged index as points in memory (for the editor's inline panel)."""
        return [IndexPoint.from_serializable_data(item) for item in self.index_points or ()]

    def apply(self, recording: Recording) -> None:
        """Make the change the recording's record (``review.apply_reviewed_changes``, when
        the page is published): transcripts removed, staged ones in place of those in
        their language, the index replaced, the new master named on ``recording`` (the
        caller saves it, so the old master and its access copy are retired as for any
        replacement: ``delivery.retire_replaced``)."""
        live = Transcript.objects.filter(recording=recording)
        if self.removed_transcripts:
            live.filter(language__in=self.removed_transcripts).delete()
        for staged in Transcript.all_objects.filter(staged_in=self).order_by("imported_at", "pk"):
            live.filter(language=staged.language).delete()
            if staged.is_original:
                live.update(is_original=False)
            Transcript.all_objects.filter(pk=staged.pk).update(staged_in=None)
        if self.index_points is not None:
            recording.index_points = self.staged_index_points()
            recording.save(update_fields=["index_points"])  # commits the relation only
        if self.file:
            recording.file = self.file.name
            for name in MASTER_FACTS:
                setattr(recording, name, getattr(self, name))
