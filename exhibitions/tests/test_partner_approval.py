"""Publishing a joint exhibition needs one approval from each co-curating institution.

Exhibitions are submitted in the admin to the "Exhibition partner approval" workflow
(every exhibitions index has it). A curator of each co-curating institution named in
the submitted version approves it, or requests changes, through Wagtail's workflow
action view; the exhibition goes live when the last partner approves, published by
the workflow even though partners' curators may not publish anything themselves.
The ``PartnerApprovalPanel`` shows the editors where the approval stands.
"""

from __future__ import annotations

import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Page, PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils import WagtailTestUtils

import pytest

from exhibitions.factories import ExhibitionIndexPageFactory

from ..models import ExhibitionPage, PartnerApproval, PartnerApprovalTask, PartnerApprovalTaskState
from ..panels import PartnerApprovalPanel, partner_approval_context
from ..workflows import TASK, WORKFLOW
from . import test_co_curation as shared
from .test_co_curation import edit_data, edit_url, form_errors, make_user, submit

# The shared fixtures (partner institutions, their curators, a draft), found here by pytest.
partners = shared.partners
users = shared.users
draft = shared.draft

# --- Helpers --------------------------------------------------------------------------


def fresh(page) -> ExhibitionPage:
    return ExhibitionPage.objects.get(pk=page.pk)


def current_round(page) -> PartnerApprovalTaskState:
    state = fresh(page).current_workflow_state
    assert state is not None, "no workflow in progress"
    return state.current_task_state.specific


def action_url(page, action: str, task_state) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def act(client, user, page, action: str, comment: str | None = None):
    """``user`` takes a workflow action on ``page``'s current round, as the admin's menu does."""
    client.force_login(user)
    data = {} if comment is None else {"comment": comment}
    return client.post(action_url(page, action, current_round(page)), data)


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def action_names(page, user) -> list[str]:
    page = fresh(page)
    task = page.current_workflow_task
    return [name for name, _label, _modal in task.get_actions(page, user)] if task else []


def answers(task_state) -> list[tuple[str, bool, str, str]]:
    return [
        (approval.institution.code, approval.approved, approval.user.username, approval.comment)
        for approval in PartnerApproval.objects.filter(task_state=task_state).select_related("institution", "user")
    ]


def awaiting_review_html(client, user) -> str:
    """The dashboard's "Awaiting your review" panel as ``user`` sees it ("" when absent)."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    soup = WagtailTestUtils.get_soup(response.content)
    panel = soup.find(id=lambda value: value and value.startswith("awaiting-review"))
    return str(panel) if panel else ""


@pytest.fixture
def submitted(client, draft, partners):
    """The draft, submitted by A's curator with A (Marseille) and B (Hamburg) as partners."""
    submit(client, draft, co_curators=[partners.a, partners.b])
    return fresh(draft)


@pytest.fixture
def submitted3(client, draft, partners):
    """The draft, submitted with A (Marseille), B (Hamburg) and C (Tunis) as partners."""
    submit(client, draft, co_curators=[partners.a, partners.b, partners.c])
    return fresh(draft)


# --- The workflow and where it applies ------------------------------------------------


class TestWorkflowSetup:
    def test_the_exhibitions_index_has_the_partner_approval_workflow(self, tree):
        workflow = tree.exhibitions.get_workflow()
        assert workflow is not None and workflow.name == WORKFLOW
        tasks = [task.specific for task in workflow.tasks]
        assert len(tasks) == 1
        assert isinstance(tasks[0], PartnerApprovalTask) and tasks[0].name == TASK

    def test_a_new_index_gets_the_same_workflow(self, tree):
        other = ExhibitionIndexPageFactory(parent=tree.home, title="Touring shows", slug="touring")
        assert other.get_workflow() == tree.exhibitions.get_workflow()
        assert Workflow.objects.filter(name=WORKFLOW).count() == 1
        assert PartnerApprovalTask.objects.count() == 1

    def test_saving_an_index_again_changes_nothing(self, tree):
        tree.exhibitions.save_revision().publish()
        tree.exhibitions.save()
        assert WorkflowPage.objects.filter(page=tree.exhibitions).count() == 1
        assert Workflow.objects.filter(name=WORKFLOW).count() == 1
        assert PartnerApprovalTask.objects.count() == 1

    def test_exhibitions_inherit_it(self, draft):
        assert draft.get_workflow().name == WORKFLOW

    def test_the_migration_assigns_it_to_existing_indexes_once(self, tree):
        migration = importlib.import_module(
            "exhibitions.migrations.0002_partnerapprovaltask_partnerapprovaltaskstate_and_more"
        )
        # As on a database where the indexes existed before the workflow did.
        WorkflowPage.objects.all().delete()
        Workflow.objects.filter(name=WORKFLOW).delete()
        PartnerApprovalTask.objects.all().delete()
        migration.assign_partner_approval(django_apps, None)
        migration.assign_partner_approval(django_apps, None)  # idempotent
        workflow = Page.objects.get(pk=tree.exhibitions.pk).specific.get_workflow()
        assert workflow is not None and workflow.name == WORKFLOW
        assert [type(task.specific) for task in workflow.tasks] == [PartnerApprovalTask]
        # ... and a later index (the signal) reuses that workflow and task.
        other = ExhibitionIndexPageFactory(parent=tree.home, title="Touring shows", slug="touring")
        assert other.get_workflow() == workflow
        assert Workflow.objects.filter(name=WORKFLOW).count() == 1
        assert PartnerApprovalTask.objects.count() == 1


# --- Submitting -------------------------------------------------------------------------


class TestSubmission:
    def test_a_round_starts_for_the_submitted_partners(self, submitted, partners):
        state = fresh(submitted).current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        task_state = current_round(submitted)
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert PartnerApprovalTask.partners(task_state.revision) == [partners.a, partners.b]
        assert PartnerApprovalTask.outstanding(task_state) == [partners.a, partners.b]
        assert not fresh(submitted).live

    def test_the_partners_curators_are_offered_approval_in_the_editor(self, client, submitted, users):
        client.force_login(users.a)
        html = client.get(edit_url(submitted)).content.decode()
        assert "Approve for Museum of Harbour Memories" in html
        assert 'name="action-publish"' not in html
        # B's curator has no page permission, yet reviews in the editor while B is asked.
        client.force_login(users.b)
        response = client.get(edit_url(submitted))
        assert response.status_code == 200
        assert "Approve for Hamburg Harbour Museum" in response.content.decode()

    def test_curators_of_other_institutions_and_the_superuser_are_not_offered_it(self, client, submitted, users):
        for user in (users.c, users.editor, users.admin):
            assert action_names(submitted, user) == []
        client.force_login(users.admin)
        html = client.get(edit_url(submitted)).content.decode()
        assert "Approve for" not in html
        assert 'name="action-publish"' not in html


# --- Approving --------------------------------------------------------------------------


class TestApproval:
    def test_the_first_partner_approves_and_the_exhibition_waits_for_the_other(self, client, submitted, users):
        response = act(client, users.a, submitted, "approve", "Our captions are final.")
        assert response.status_code == 302 and response["Location"] == edit_url(submitted)
        page = fresh(submitted)
        assert not page.live
        task_state = current_round(page)
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert answers(task_state) == [("mmp", True, "amina", "Our captions are final.")]

    def test_a_partner_approves_only_once(self, client, submitted, users):
        act(client, users.a, submitted, "approve", "Yes.")
        assert action_names(submitted, users.a) == []
        response = act(client, users.a, submitted, "approve", "Yes, again.")
        assert refused(response)
        assert answers(current_round(submitted)) == [("mmp", True, "amina", "Yes.")]
        # Not through the task either.
        task_state = current_round(submitted)
        with pytest.raises(PermissionDenied):
            task_state.task.specific.on_action(task_state, users.a, "approve")

    def test_a_curator_of_another_institution_cannot_act(self, client, submitted, users):
        for action in ("approve", "reject"):
            assert refused(act(client, users.c, submitted, action, "Not mine to say."))
        task_state = current_round(submitted)
        assert answers(task_state) == []
        assert task_state.status == TaskState.STATUS_IN_PROGRESS

    def test_the_last_approval_publishes_though_its_curator_may_not_publish(self, client, submitted, users, partners):
        assert not submitted.permissions_for_user(users.b).can_publish()
        assert not Page.objects.get(pk=submitted.pk).permissions_for_user(users.b).can_publish()
        assert not users.b.groups.filter(name="Curators").exists()
        act(client, users.a, submitted, "approve", "Our captions are final.")
        task_state = current_round(submitted)
        response = act(client, users.b, submitted, "approve", "Hamburg agrees.")
        assert response.status_code == 302

        page = fresh(submitted)
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision == page.get_latest_revision()
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        assert workflow_state.status == WorkflowState.STATUS_APPROVED
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_APPROVED
        assert task_state.finished_by == users.b
        assert answers(task_state) == [
            ("mmp", True, "amina", "Our captions are final."),
            ("nhh", True, "bernd", "Hamburg agrees."),
        ]
        # Published by the workflow, in the last approver's name.
        publish = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
        assert publish.user == users.b

    def test_approving_from_the_editor_menu_works_too(self, client, submitted, users):
        """The editor's "Approve for …" button posts action-workflow-action to the edit view."""
        act(client, users.a, submitted, "approve")
        client.force_login(users.b)
        data = edit_data(submitted, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
        data["workflow-action-extra-data"] = '{"comment": "Approved from the editor."}'
        response = client.post(edit_url(submitted), data)
        assert response.status_code == 302, form_errors(response)
        assert fresh(submitted).live

    def test_with_a_partner_missing_it_is_not_published(self, client, submitted3, users):
        act(client, users.a, submitted3, "approve", "Marseille: yes.")
        act(client, users.b, submitted3, "approve", "Hamburg: yes.")
        page = fresh(submitted3)
        assert not page.live
        task_state = current_round(page)
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert [i.code for i in PartnerApprovalTask.outstanding(task_state)] == ["ntn"]

    def test_the_missing_partner_sees_it_awaiting_review_and_the_others_do_not(self, client, submitted3, users):
        act(client, users.a, submitted3, "approve")
        act(client, users.b, submitted3, "approve")
        task = current_round(submitted3).task.specific
        task_state = current_round(submitted3)

        def moderated_by(user):
            return [state.pk for state in task.get_task_states_user_can_moderate(user)]

        assert moderated_by(users.c) == [task_state.pk]
        assert moderated_by(users.a) == moderated_by(users.b) == []
        assert [state.pk for state in TaskState.objects.reviewable_by(users.c)] == [task_state.pk]
        assert not TaskState.objects.reviewable_by(users.a).exists()
        # The dashboard's "Awaiting your review".
        assert "Two Harbours" in awaiting_review_html(client, users.c)
        assert "Two Harbours" not in awaiting_review_html(client, users.a)
        assert "Two Harbours" not in awaiting_review_html(client, users.b)
        # C approves last: live.
        act(client, users.c, submitted3, "approve", "Tunis: yes.")
        assert fresh(submitted3).live
        assert awaiting_review_html(client, users.c) == ""

    def test_before_any_approval_every_partner_sees_it_awaiting_review(self, client, submitted3, users):
        for user in (users.a, users.b, users.c):
            assert "Two Harbours" in awaiting_review_html(client, user)
        assert "Two Harbours" not in awaiting_review_html(client, users.editor)

    def test_a_curator_of_two_partners_approves_for_both_at_once(self, client, submitted3, partners, users):
        both = make_user("hanna", Group.objects.get(name="Curators"), partners.a.curators, partners.b.curators)
        page = fresh(submitted3)
        [(_name, label, _modal)] = [a for a in page.current_workflow_task.get_actions(page, both) if not a[2]]
        assert label == "Approve for Museum of Harbour Memories, Hamburg Harbour Museum"
        act(client, both, submitted3, "approve", "For both museums.")
        task_state = current_round(submitted3)
        assert answers(task_state) == [
            ("mmp", True, "hanna", "For both museums."),
            ("nhh", True, "hanna", "For both museums."),
        ]
        assert [i.code for i in PartnerApprovalTask.outstanding(task_state)] == ["ntn"]
        assert not fresh(submitted3).live
        act(client, users.c, submitted3, "approve")
        assert fresh(submitted3).live

    def test_a_curator_of_both_partners_alone_publishes_a_two_partner_exhibition(
        self, client, submitted, partners, users
    ):
        both = make_user("hanna", partners.a.curators, partners.b.curators, perms=["wagtailadmin.access_admin"])
        act(client, both, submitted, "approve")
        assert fresh(submitted).live


# --- Changes requested ------------------------------------------------------------------


class TestChangesRequested:
    def test_a_partner_requests_changes_with_a_comment(self, client, submitted, users):
        act(client, users.a, submitted, "approve", "Fine by us.")
        first = current_round(submitted)
        response = act(client, users.b, submitted, "reject", "Please credit our photographer.")
        assert response.status_code == 302
        page = fresh(submitted)
        assert not page.live
        workflow_state = page.current_workflow_state
        assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        first.refresh_from_db()
        assert first.status == TaskState.STATUS_REJECTED
        assert first.comment == "Please credit our photographer."
        assert answers(first) == [
            ("mmp", True, "amina", "Fine by us."),
            ("nhh", False, "bernd", "Please credit our photographer."),
        ]
        # No one can act on a round that asked for changes.
        assert action_names(page, users.a) == []
        client.force_login(users.a)
        response = client.post(action_url(page, "approve", first), {"comment": "late"})
        assert response.status_code == 302 and response["Location"] == edit_url(page)  # "not awaiting moderation"
        assert not PartnerApproval.objects.filter(comment="late").exists()
        assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    def test_the_resubmitted_exhibition_needs_every_approval_again(self, client, submitted, partners, users):
        act(client, users.a, submitted, "approve", "Fine by us.")
        first = current_round(submitted)
        act(client, users.b, submitted, "reject", "Please credit our photographer.")
        # The editor edits and resubmits.
        client.force_login(users.editor)
        submit(client, submitted, introduction="Two cities, one sea, and a photographer.")
        page = fresh(submitted)
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        second = current_round(page)
        assert second.pk != first.pk
        assert second.revision == page.get_latest_revision()
        assert PartnerApprovalTask.outstanding(second) == [partners.a, partners.b]
        assert set(action_names(page, users.a)) == {"approve", "reject"}
        act(client, users.b, submitted, "approve", "Thank you.")
        assert not fresh(submitted).live  # A has to approve the new version too
        act(client, users.a, submitted, "approve")
        page = fresh(submitted)
        assert page.live and page.introduction_en == "Two cities, one sea, and a photographer."
        # The first round's answers are kept.
        assert answers(first)[1] == ("nhh", False, "bernd", "Please credit our photographer.")


# --- Editing during review --------------------------------------------------------------


def edit_during_review(client, user, page, introduction):
    client.force_login(user)
    response = client.post(edit_url(page), edit_data(page, introduction=introduction))
    assert response.status_code == 302, form_errors(response)
    return fresh(page)


class TestReapprovalOnEdit:
    def test_only_partners_and_superusers_edit_during_review(self, submitted, users):
        page = fresh(submitted)
        assert page.permissions_for_user(users.editor).page_locked()
        assert not page.permissions_for_user(users.a).page_locked()
        assert not page.permissions_for_user(users.admin).page_locked()

    def test_an_edit_during_review_is_not_published_on_earlier_approvals(self, client, submitted, users):
        act(client, users.a, submitted, "approve", "Marseille: yes.")
        page = edit_during_review(client, users.admin, submitted, "A late change of heart.")
        act(client, users.b, page, "approve", "Hamburg: yes.")
        assert not fresh(page).live  # Marseille approved the earlier version only
        while not fresh(page).live:
            waiting = [user for user in (users.a, users.b) if "approve" in action_names(page, user)]
            assert waiting, "no one is asked, yet it is not live"
            act(client, waiting[0], page, "approve")
        page = fresh(page)
        assert page.introduction_en == "A late change of heart."
        last_round = (
            PartnerApprovalTaskState.objects.filter(status=TaskState.STATUS_APPROVED)
            .order_by("-started_at", "-pk")
            .first()
        )
        assert last_round.revision == page.live_revision
        assert {code for code, approved, *_rest in answers(last_round) if approved} == {"mmp", "nhh"}

    def test_an_edit_during_review_asks_the_partners_again_at_once(self, client, submitted, partners, users):
        act(client, users.a, submitted, "approve", "Marseille: yes.")
        first = current_round(submitted)
        page = edit_during_review(client, users.a, submitted, "Marseille rewrites the introduction.")
        task_state = current_round(page)
        assert task_state.revision == page.get_latest_revision()
        assert PartnerApprovalTask.outstanding(task_state) == [partners.a, partners.b]
        assert "approve" in action_names(page, users.a)
        first.refresh_from_db()
        assert first.status == TaskState.STATUS_CANCELLED
        assert answers(first) == [("mmp", True, "amina", "Marseille: yes.")]  # kept as history

    def test_an_edit_that_adds_a_partner_asks_it_too(self, client, submitted, partners, users):
        client.force_login(users.a)
        response = client.post(
            edit_url(submitted), edit_data(submitted, co_curators=[partners.a, partners.b, partners.c])
        )
        assert response.status_code == 302, form_errors(response)
        task_state = current_round(submitted)
        assert PartnerApprovalTask.outstanding(task_state) == [partners.a, partners.b, partners.c]
        assert "approve" in action_names(submitted, users.c)
        act(client, users.a, submitted, "approve")
        act(client, users.b, submitted, "approve")
        assert not fresh(submitted).live
        act(client, users.c, submitted, "approve")
        assert fresh(submitted).live

    def test_overwriting_the_submitted_revision_asks_again_too(self, client, submitted3, partners, users):
        """The submitter's editor may overwrite their own latest revision (autosave)."""
        act(client, users.b, submitted3, "approve", "Hamburg: yes.")
        revision = fresh(submitted3).get_latest_revision()
        assert revision.user == users.a
        client.force_login(users.a)
        data = edit_data(submitted3, introduction="Changed under Hamburg's approval.")
        data["overwrite_revision_id"] = str(revision.pk)
        response = client.post(edit_url(submitted3), data)
        assert response.status_code == 302, form_errors(response)
        page = fresh(submitted3)
        assert page.get_latest_revision().pk == revision.pk  # overwritten, not a new revision
        task_state = current_round(page)
        assert PartnerApprovalTask.outstanding(task_state) == [partners.a, partners.b, partners.c]
        act(client, users.a, page, "approve")
        act(client, users.c, page, "approve")
        assert not fresh(page).live  # Hamburg has not seen this version

    def test_approving_with_an_edit_from_the_editor_approves_the_edited_version(self, client, submitted, users):
        act(client, users.a, submitted, "approve", "Marseille: yes.")
        client.force_login(users.b)
        data = edit_data(
            submitted,
            introduction="Hamburg's last touch.",
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        )
        response = client.post(edit_url(submitted), data)
        assert response.status_code == 302, form_errors(response)
        page = fresh(submitted)
        assert not page.live  # Marseille approved the version before Hamburg's touch
        task_state = current_round(page)
        assert task_state.revision == page.get_latest_revision()
        assert answers(task_state) == [("nhh", True, "bernd", "")]
        act(client, users.a, page, "approve")
        page = fresh(page)
        assert page.live and page.introduction_en == "Hamburg's last touch."

    def test_a_draft_saved_during_review_cannot_drop_to_one_city(self, client, submitted, partners, users):
        client.force_login(users.a)
        response = client.post(edit_url(submitted), edit_data(submitted, co_curators=[partners.a]))
        act(client, users.a, submitted, "approve")
        page = fresh(submitted)
        assert not (page.live and page.co_curators.count() == 1), "published with partners from one city"
        assert response.status_code == 200  # refused, as on submission
        assert response.context["form"].errors["co_curators"] == [
            "The only co-curating institution is in Marseille: add one from another partner city."
        ]


# --- The panel ------------------------------------------------------------------------


@pytest.fixture
def with_panel(monkeypatch):
    """ExhibitionPage's editor with a PartnerApprovalPanel in the "Partners and venues" tab.

    Until the lead adds it to ``ExhibitionPage.partner_panels``; then the model's own
    panel is used as it is.
    """
    if any(isinstance(panel, PartnerApprovalPanel) for panel in ExhibitionPage.partner_panels):
        yield
        return
    # The model's tabs as wagtail-modeltranslation patched them (one field per language).
    tabs = list(ExhibitionPage.edit_handler.children)
    [index] = [n for n, tab in enumerate(tabs) if tab.heading == "Partners and venues"]
    tabs[index] = ObjectList([PartnerApprovalPanel(), *tabs[index].children], heading=tabs[index].heading)
    handler = TabbedInterface(tabs, base_form_class=ExhibitionPage.base_form_class)
    monkeypatch.setattr(ExhibitionPage, "edit_handler", handler)
    ExhibitionPage.get_edit_handler.cache_clear()
    yield
    monkeypatch.undo()
    ExhibitionPage.get_edit_handler.cache_clear()


def panel_html(client, user, page) -> str:
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    soup = WagtailTestUtils.get_soup(response.content)
    panel = soup.select_one("[data-partner-approval]") or soup.select_one(".partner-approval")
    assert panel is not None, "the partner approval panel is not on the page"
    return " ".join(panel.get_text(" ").split())


class TestPartnerApprovalPanel:
    def test_a_draft_gets_one_line(self, client, draft, users, with_panel):
        text = panel_html(client, users.a, draft)
        assert text == (
            "Publishing needs the approval of a curator of each co-curating institution: "
            "submit the exhibition to the partner approval when it is ready."
        )
        assert partner_approval_context(fresh(draft))["in_review"] is False

    def test_a_new_exhibition_gets_the_line_too(self, client, tree, users, with_panel):
        client.force_login(users.a)
        url = reverse("wagtailadmin_pages:add", args=("exhibitions", "exhibitionpage", tree.exhibitions.pk))
        html = client.get(url).content.decode()
        assert "Publishing needs the approval of a curator of each co-curating institution" in html

    def test_in_review_it_lists_answers_and_waiting_partners(self, client, submitted3, users, with_panel):
        act(client, users.a, submitted3, "approve", "Our captions are final.")
        text = panel_html(client, users.b, submitted3)
        assert "Museum of Harbour Memories (Marseille): approved by amina on" in text
        assert "Our captions are final." in text
        assert "Hamburg Harbour Museum (Hamburg): waiting for a curator's approval" in text
        assert "Tunis Medina Library (Tunis): waiting for a curator's approval" in text
        assert "earlier round" not in text

    def test_changes_requested_and_earlier_rounds(self, client, submitted, users, with_panel):
        act(client, users.a, submitted, "approve", "Fine by us.")
        act(client, users.b, submitted, "reject", "Please credit our photographer.")
        text = panel_html(client, users.editor, submitted)
        assert "A partner requested changes" in text
        assert "Hamburg Harbour Museum (Hamburg): changes requested by bernd on" in text
        assert "Please credit our photographer." in text
        assert "Museum of Harbour Memories (Marseille): approved by amina on" in text

        client.force_login(users.editor)
        submit(client, submitted, introduction="With the photographer's name.")
        client.force_login(users.b)
        response = client.get(edit_url(submitted))
        soup = WagtailTestUtils.get_soup(response.content)
        panel = soup.select_one("[data-partner-approval]")
        current = " ".join(panel.select_one(".partner-approval__answers").get_text(" ").split())
        assert "Museum of Harbour Memories (Marseille): waiting" in current
        assert "Hamburg Harbour Museum (Hamburg): waiting" in current
        history = panel.select_one("details.partner-approval__history")
        assert history is not None and "open" not in history.attrs  # collapsed
        history_text = " ".join(history.get_text(" ").split())
        assert history_text.startswith("One earlier round")
        assert "Changes requested" in history_text
        assert "Please credit our photographer." in history_text

    def test_context_after_publication_is_quiet(self, client, submitted, users):
        act(client, users.a, submitted, "approve")
        act(client, users.b, submitted, "approve")
        context = partner_approval_context(fresh(submitted))
        assert context["in_review"] is False and context["rows"] == []

    def test_context_rows(self, client, submitted, partners, users):
        act(client, users.a, submitted, "approve", "Yes.")
        context = partner_approval_context(fresh(submitted))
        assert context["in_review"] and not context["needs_changes"]
        assert [(row["institution"], row["status"]) for row in context["rows"]] == [
            (partners.a, "approved"),
            (partners.b, "waiting"),
        ]
        assert context["rows"][0]["by"] == "amina" and context["rows"][0]["comment"] == "Yes."
        assert context["earlier_rounds"] == []
