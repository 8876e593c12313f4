from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from heritage.listings import Section
from heritage.visibility import reachable_pages

from .forms import RecordingForm, editable_oral_histories
from .models import Community, OralHistoryPage, Recording, listed
from .permissions import can_edit_recording


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
        return queryset.select_related("page", "community")


class RecordingEditView(EditView):
    """Wagtail's edit view checks the model permission only; a recording is also
    checked against its oral history (a historian edits only their community's)."""

    def get_object(self, queryset=None):
        recording = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", recording):
            raise PermissionDenied
        return recording


class RecordingCreateView(CreateView):
    """``?page=<id>`` (the link on an oral history's editor) chooses the page."""

    def get_initial(self):
        initial = super().get_initial()
        page = self.request.GET.get("page", "")
        if page.isdigit():
            initial["page"] = int(page)
        return initial


class RecordingViewSet(SnippetViewSet):
    model = Recording
    icon = "media"
    menu_label = _("Recordings")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = RecordingIndexView
    edit_view_class = RecordingEditView
    add_view_class = RecordingCreateView
    list_display = ["__str__", "format", "listed_duration", "scope", "embargo_until", "withdrawn_at"]
    list_filter = ["scope", "format", "community"]
    search_fields = ["original_filename"]
    copy_view_enabled = False

    edit_handler = ObjectList(
        [
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
            InlinePanel("index_points", heading=_("Index points"), label=_("Index point")),
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
            InlinePanel("redactions", heading=_("Redacted passages"), label=_("Redacted passage")),
            MultiFieldPanel(
                [FieldPanel("withdrawn_at"), FieldPanel("withdrawal_reason")],
                heading=_("Withdrawal of consent"),
                classname="collapsed",
            ),
            HelpPanel(template="oral_histories/admin/consent_log.html", heading=_("Consent history")),
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


register_permission_policy(Recording, RecordingPermissionPolicy(Recording))
register_snippet(RecordingViewSet)
register_snippet(CommunityViewSet)
