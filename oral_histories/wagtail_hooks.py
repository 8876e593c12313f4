import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from heritage.listings import Section
from heritage.visibility import reachable_pages

from .forms import RecordingForm, editable_oral_histories
from .models import Community, OralHistoryPage, Recording, listed
from .permissions import can_edit_recording
from .review import APPLIED, SUBMITTED, WITHDRAWN, needs_review, review_state
from .timecodes import TimecodeInlinePanel, format_timecode


def _oral_histories(queryset, limit=None):
    """Those visitors can reach (``heritage.visibility.reachable_pages``: live, under no
    view restriction and no unpublished section), withdrawn ones left out."""
    qs = listed(reachable_pages(queryset)).order_by("-recorded_on", "path")
    return list(qs[:limit] if limit else qs)


@hooks.register("heritage_home_sections")
def recent_oral_histories(*, home, today):
    items = _oral_histories(OralHistoryPage.objects.descendant_of(home), limit=4)
    return [Section(template="oral_histories/includes/oral_history_list.html", order=40, context={"items": items})]


@hooks.register("heritage_city_sections")
def city_oral_histories(*, city, today):
    items = _oral_histories(OralHistoryPage.objects.filter(institution__city=city))
    return [Section(template="oral_histories/includes/oral_history_list.html", order=40, context={"items": items})]


# -- Recordings, transcripts and consent in the admin ---------------------------------


class RecordingPermissionPolicy(ModelPermissionPolicy):
    """Curators (``change_recording``) manage every recording; a community historian
    (``add_recording``) adds and edits recordings of the oral histories they may edit,
    and sees no others. Only curators delete."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in ("add", "change", "view") and super().user_has_permission(user, "add")

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return action in ("change", "view") and can_edit_recording(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        recordings = Recording.objects.none()
        for action in actions:
            recordings |= self.instances_user_has_permission_for(user, action)
        return recordings

    def instances_user_has_permission_for(self, user, action):
        if super().user_has_permission(user, action):
            return Recording.objects.all()
        if action not in ("change", "view") or not self.user_has_permission(user, action):
            return Recording.objects.none()
        return Recording.objects.filter(page__in=editable_oral_histories(user))


class RecordingIndexView(IndexView):
    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
        return queryset.select_related("page", "community", "pending_change")


def import_messages(request, reports: list[dict]) -> None:
    """What each transcript file of this save brought, said at once (the report stays on
    the recording's form too): a success when everything was kept, else a warning."""
    for entry in reports:
        kept = " ".join(entry.get("kept") or ()) or gettext("nothing.")
        text = gettext("%(file)s: kept: %(kept)s") % {"file": entry.get("file", ""), "kept": kept}
        not_kept = entry.get("not_kept") or ()
        if not_kept:
            text += " " + gettext("Not kept: %(not_kept)s") % {"not_kept": " ".join(not_kept)}
            messages.warning(request, text)
        else:
            messages.success(request, text)


class RecordingMessagesMixin:
    """After a save: the import report of its transcript files, and what now waits for
    review (``oral_histories.review``)."""

    def save_action(self):
        response = super().save_action()
        if self.expects_json_response:
            return response
        form = self.form
        import_messages(self.request, getattr(form, "import_reports", []))
        if getattr(form, "staged_summary", None):
            messages.warning(
                self.request,
                gettext(
                    "Awaiting review: %(changes)s. Visitors see them once a curator approves the oral history; "
                    "consent changes took effect at once."
                )
                % {"changes": ", ".join(form.staged_summary)},
            )
        elif getattr(form, "submitted_for_review", False):
            messages.warning(
                self.request,
                gettext("The recording awaits review: visitors hear it once a curator approves the oral history."),
            )
        if getattr(form, "withdrawn", False):
            messages.info(self.request, gettext("Nothing is left awaiting review: the changes were withdrawn."))
        return response


class RecordingEditView(RecordingMessagesMixin, EditView):
    """Wagtail's edit view checks the model permission only; a recording is also
    checked against its oral history (a historian edits only their community's)."""

    def get_object(self, queryset=None):
        recording = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", recording):
            raise PermissionDenied
        return recording


class RecordingCreateView(RecordingMessagesMixin, CreateView):
    """``?page=<id>`` (the link on an oral history's editor) chooses the page."""

    def get_initial(self):
        initial = super().get_initial()
        page = self.request.GET.get("page", "")
        if page.isdigit():
            initial["page"] = int(page)
        return initial


# -- The consent history, readable ------------------------------------------------------

CONSENT_FIELD_LABELS = {
    "scope": _("Who may listen"),
    "community": _("Community"),
    "embargo_until": _("Embargoed until"),
    "withdrawn_at": _("Consent withdrawn on"),
    "withdrawal_reason": _("Reason for withdrawal"),
    "consent_form": _("Signed consent form"),
    "redactions": _("Redacted passages"),
}
SCOPE_NAMES = {
    "public": _("Public"),
    "community": _("Community only"),
    "restricted": _("Restricted"),
}


def readable_consent_value(field: str, value, communities: dict) -> str:
    """One value of a ``ConsentEvent.changes`` entry as a curator reads it: the scope's
    name, the community's name, a date, the passages as h:mm:ss ranges, the form's file
    name; "" for nothing (the template says "(none)")."""
    if value in (None, "", [], False):
        return ""
    if field == "scope":
        return str(SCOPE_NAMES.get(value, value))
    if field == "community":
        name = communities.get(value)
        return name if name is not None else gettext("community no. %(number)s (deleted)") % {"number": value}
    if field == "embargo_until":
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    if field == "withdrawn_at":
        try:
            return formats.date_format(datetime.datetime.fromisoformat(str(value)), "DATETIME_FORMAT")
        except ValueError:
            return str(value)
    if field == "consent_form":
        return str(value).rsplit("/", 1)[-1]
    if field == "redactions" and isinstance(value, list):
        passages = []
        for passage in value:
            try:
                start, end = passage
                passages.append(f"{format_timecode(float(start))}–{format_timecode(float(end))}")
            except (TypeError, ValueError):
                passages.append(str(passage))
        return pgettext("list separator", ", ").join(passages) if passages else ""
    return str(value)


class ConsentLogPanel(HelpPanel):
    """The consent audit log (``ConsentEvent``), each change as "field: old → new" in words."""

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            recording = self.instance
            events = list(recording.consent_events.select_related("user")) if recording and recording.pk else []
            ids = {
                value
                for event in events
                for value in (event.changes or {}).get("community", [])
                if isinstance(value, int)
            }
            communities = {c.pk: c.name for c in Community.objects.filter(pk__in=ids)} if ids else {}
            for event in events:
                event.readable = [
                    {
                        "label": CONSENT_FIELD_LABELS.get(field, field),
                        "old": readable_consent_value(field, change[0], communities),
                        "new": readable_consent_value(field, change[1], communities),
                    }
                    for field, change in (event.changes or {}).items()
                    if isinstance(change, (list, tuple)) and len(change) == 2
                ]
            context["events"] = events
            return context


class PendingReviewPanel(HelpPanel):
    """What waits for the curators' review (``PendingChange``, ``Recording.awaiting_review``)
    and where the page's review stands; for a historian editing a published oral
    history with nothing waiting yet, that their changes will wait."""

    class BoundPanel(HelpPanel.BoundPanel):
        @cached_property
        def review(self) -> dict:
            recording = self.instance
            change = recording.pending() if recording is not None else None
            context = {"recording": recording, "change": change, "awaiting_review": False, "notice": False}
            if recording is None or recording.pk is None:
                return context
            context["awaiting_review"] = recording.awaiting_review
            if change is not None:
                who = change.created_by
                review = review_state(recording.page)
                state = review["state"]
                context.update(
                    summary=change.summary(),
                    staged_transcripts=list(change.staged_transcripts()),
                    who=(who.get_full_name() or who.get_username()) if who is not None else gettext("someone"),
                    state=state,
                    needs_changes=state is not None and state.status == state.STATUS_NEEDS_CHANGES,
                    comment=review["comment"],
                )
            else:
                context["notice"] = needs_review(self.request.user, recording)
            return context

        def is_shown(self):
            review = self.review
            return bool(review["change"] or review["awaiting_review"] or review["notice"])

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), **self.review}


class RecordingViewSet(SnippetViewSet):
    model = Recording
    icon = "media"
    menu_label = _("Recordings")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = RecordingIndexView
    edit_view_class = RecordingEditView
    add_view_class = RecordingCreateView
    list_display = ["__str__", "format", "listed_duration", "scope", "embargo_until", "withdrawn_at", "review_status"]
    list_filter = ["scope", "format", "community"]
    search_fields = ["original_filename"]
    copy_view_enabled = False

    edit_handler = ObjectList(
        [
            PendingReviewPanel(template="oral_histories/admin/pending_review.html"),
            MultiFieldPanel(
                [
                    FieldPanel("page"),
                    FieldPanel("file"),
                    HelpPanel(template="oral_histories/admin/recording_facts.html"),
                    HelpPanel(template="oral_histories/admin/upload_progress.html"),
                ],
                heading=_("Recording"),
            ),
            MultiFieldPanel(
                [
                    HelpPanel(template="oral_histories/admin/transcripts.html"),
                    FieldPanel("transcript_file"),
                    FieldRowPanel([FieldPanel("transcript_language"), FieldPanel("transcript_is_original")]),
                    FieldPanel("remove_transcripts"),
                ],
                heading=_("Transcripts"),
            ),
            TimecodeInlinePanel("index_points", heading=_("Index points"), label=_("Index point")),
            MultiFieldPanel(
                [
                    FieldPanel("scope"),
                    FieldPanel("community"),
                    FieldPanel("embargo_until"),
                    FieldPanel("consent_form"),
                    FieldPanel("consent_notes"),
                ],
                heading=_("Consent"),
            ),
            TimecodeInlinePanel("redactions", heading=_("Redacted passages"), label=_("Redacted passage")),
            MultiFieldPanel(
                [FieldPanel("withdrawn_at"), FieldPanel("withdrawal_reason")],
                heading=_("Withdrawal of consent"),
                classname="collapsed",
            ),
            ConsentLogPanel(template="oral_histories/admin/consent_log.html", heading=_("Consent history")),
        ],
        base_form_class=RecordingForm,
    )


class CommunityViewSet(SnippetViewSet):
    model = Community
    icon = "group"
    menu_label = _("Communities")
    list_display = ["name", "slug"]


@hooks.register("register_admin_urls")
def consent_form_url():
    from django.urls import path

    from .views import consent_form

    return [path("recordings/<int:pk>/consent-form/", consent_form, name="oral_histories_consent_form")]


@hooks.register("register_admin_urls")
def pending_review_urls():
    from django.urls import path

    from .admin_views import WithdrawPendingView, pending_media, pending_transcript

    return [
        path(
            "recordings/<int:pk>/awaiting-review/withdraw/",
            WithdrawPendingView.as_view(),
            name="oral_histories_withdraw_pending",
        ),
        path(
            "recordings/<int:pk>/awaiting-review/transcript/<slug:language>.vtt",
            pending_transcript,
            name="oral_histories_pending_transcript",
        ),
        path("recordings/<int:pk>/awaiting-review/media", pending_media, name="oral_histories_pending_media"),
    ]


@hooks.register("register_log_actions")
def pending_review_log_actions(actions):
    """The recording's history (its "History" view) says what waited and what became of it."""
    actions.register_action(SUBMITTED, _("Submit changes for review"), _("Changes submitted for review"))
    actions.register_action(APPLIED, _("Apply reviewed changes"), _("Changes approved and applied"))
    actions.register_action(WITHDRAWN, _("Withdraw changes"), _("Changes awaiting review withdrawn"))


register_permission_policy(Recording, RecordingPermissionPolicy(Recording))
register_snippet(RecordingViewSet)
register_snippet(CommunityViewSet)


# -- Approving an oral history without a recording to hear -------------------------------


def unplayable_reason(page) -> str:
    """Why visitors could not hear ``page``'s recording once it is published ("" when
    they could, consent allowing): no recording, no file, consent withdrawn, or the copy
    without the redacted passages not made yet."""
    recording = page.get_recording()
    if recording is None:
        return gettext("It has no recording yet.")
    if not recording.file:
        return gettext("Its recording has no file.")
    if recording.is_withdrawn:
        return gettext("Consent to its recording has been withdrawn.")
    if recording.playable_file()[0] is None:
        return gettext("The copy of its recording without the redacted passages is still being prepared.")
    return ""


def _may_approve(page, user) -> bool:
    task = page.current_workflow_task
    if task is None:
        return False
    return any(name == "approve" for name, _label, _modal in task.specific.get_actions(page, user))


@hooks.register("before_edit_page")
def warn_before_approving_without_a_recording(request, page):
    """A curator opening an oral history that waits for their approval is told when its
    recording cannot be heard (nothing is blocked: a catalogue entry may go out first);
    an approval given anyway says so again."""
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if not isinstance(specific, OralHistoryPage):
        return None
    approving = request.method == "POST" and request.POST.get("workflow-action-name") == "approve"
    if request.method != "GET" and not approving:
        return None
    if not _may_approve(page, request.user):
        return None
    reason = unplayable_reason(specific)
    if not reason:
        return None
    if approving:
        message = gettext("“%(title)s” was approved without a recording visitors can hear. %(reason)s")
    else:
        message = gettext(
            "Before approving “%(title)s”: visitors will not be able to hear it. %(reason)s "
            "Approve only if the page should be published without it."
        )
    messages.warning(request, message % {"title": specific.title, "reason": reason})
    return None
