"""Community historians work in their own community's section, through moderation.

Each permission the issue names has a test: drafting in one's own section, not
publishing, not seeing or editing another community's work (pages and recordings),
and curators approving or requesting changes through the "Oral history review"
workflow.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page, WorkflowState

import pytest

from oral_histories.factories import (
    CommunityFactory,
    OralHistoryIndexPageFactory,
    OralHistoryPageFactory,
    RecordingFactory,
)
from oral_histories.models import Recording
from oral_histories.permissions import REVIEW_WORKFLOW


def historian_of(community, username):
    user = get_user_model().objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name="Community historians"), community.historians)
    return user


@pytest.fixture
def sections(tree):
    tunis = CommunityFactory(slug="tunisians", name="Tunisians of Marseille")
    izmir = CommunityFactory(slug="izmirli", name="Izmirli of Hamburg")
    ours = OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Tunisians", slug="tunisians", community=tunis)
    theirs = OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Izmirli", slug="izmirli", community=izmir)
    return ours, theirs


class TestCommunitySections:
    def test_a_historian_drafts_in_their_communitys_section_only(self, sections):
        ours, theirs = sections
        amel = historian_of(ours.community, "amel")
        assert ours.permissions_for_user(amel).can_add_subpage()
        assert not ours.permissions_for_user(amel).can_publish_subpage()
        assert not theirs.permissions_for_user(amel).can_add_subpage()

    def test_a_historian_cannot_see_another_communitys_section_in_the_admin(self, client, sections):
        ours, theirs = sections
        client.force_login(historian_of(ours.community, "amel"))
        assert client.get(f"/admin/pages/{ours.pk}/").status_code == 200
        response = client.get(f"/admin/pages/{theirs.pk}/")
        assert response.status_code in (302, 403) or "Izmirli" not in response.content.decode()
        # Wagtail sends them back to the part of the tree they may explore: their own section.
        assert response.status_code == 302 and response["Location"] == f"/admin/pages/{ours.pk}/"

    def test_a_historian_cannot_edit_a_colleagues_draft_in_another_community(self, client, sections):
        ours, theirs = sections
        deniz = historian_of(theirs.community, "deniz")
        page = OralHistoryPageFactory(parent=theirs, owner=deniz, live=False, title="Deniz's draft")
        amel = historian_of(ours.community, "amel")
        assert not page.permissions_for_user(amel).can_edit()
        client.force_login(amel)
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)

    def test_recordings_of_other_communities_are_invisible_and_locked(self, client, sections):
        ours, theirs = sections
        amel = historian_of(ours.community, "amel")
        deniz = historian_of(theirs.community, "deniz")
        mine = RecordingFactory(page=OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="Amel's"))
        other = RecordingFactory(page=OralHistoryPageFactory(parent=theirs, owner=deniz, live=False, title="Deniz's"))
        client.force_login(amel)
        listing = client.get("/admin/snippets/oral_histories/recording/")
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "Amel&#x27;s" in html or "Amel's" in html
        assert "Deniz" not in html
        assert client.get(f"/admin/snippets/oral_histories/recording/edit/{mine.pk}/").status_code == 200
        assert client.get(f"/admin/snippets/oral_histories/recording/edit/{other.pk}/").status_code in (302, 403)

    def test_only_curators_delete_recordings(self, client, sections):
        ours, _theirs = sections
        amel = historian_of(ours.community, "amel")
        mine = RecordingFactory(page=OralHistoryPageFactory(parent=ours, owner=amel, live=False))
        client.force_login(amel)
        response = client.post(f"/admin/snippets/oral_histories/recording/delete/{mine.pk}/")
        assert response.status_code == 302 and response["Location"] == "/admin/"  # permission denied
        assert Recording.objects.filter(pk=mine.pk).exists()


class TestReview:
    def test_sections_go_through_the_oral_history_review(self, sections):
        ours, _theirs = sections
        workflow = ours.get_workflow()
        assert workflow is not None and workflow.name == REVIEW_WORKFLOW
        [task] = [task.specific for task in workflow.tasks]
        assert list(task.groups.values_list("name", flat=True)) == ["Curators"]

    def test_a_historian_submits_and_a_curator_requests_changes_then_approves(self, sections):
        ours, _theirs = sections
        amel = historian_of(ours.community, "amel")
        curator = get_user_model().objects.create_user(username="cura", password="pw")
        curator.groups.add(Group.objects.get(name="Curators"))
        page = OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="Songs of the quay")
        revision = page.save_revision(user=amel)
        page.get_workflow().start(page, amel)
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
        task_state = state.current_task_state.specific
        task = task_state.task.specific
        assert task.user_can_access_editor(page, curator)
        assert not task.user_can_access_editor(page, get_user_model().objects.create_user(username="x"))
        task.on_action(task_state, curator, "reject", comment="Please add the place of recording.")
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert task_state.__class__.objects.get(pk=task_state.pk).comment == "Please add the place of recording."
        state.resume(user=amel)
        state.refresh_from_db()
        task_state = state.current_task_state.specific
        task_state.task.specific.on_action(task_state, curator, "approve")
        page = Page.objects.get(pk=page.pk).specific
        assert page.live
        assert revision.pk
