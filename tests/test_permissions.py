"""The editor groups created by the data migration, and what each may do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from archive.factories import ArtifactPageFactory
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory


def make_user(username: str, group: str):
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=False)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
class TestGroups:
    def test_both_groups_exist_after_migrating(self):
        assert set(Group.objects.values_list("name", flat=True)) >= {"Curators", "Community historians"}

    def test_both_groups_can_reach_the_admin(self, client, tree):
        for name, group in (("cura", "Curators"), ("hist", "Community historians")):
            make_user(name, group)
            client.login(username=name, password="pw")
            assert client.get("/admin/").status_code == 200

    def test_curators_can_edit_and_publish_everywhere(self, tree):
        curator = make_user("cura", "Curators")
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        perms = artifact.permissions_for_user(curator)
        assert perms.can_edit() and perms.can_publish()
        assert tree.collection.permissions_for_user(curator).can_add_subpage()
        assert curator.has_perm("heritage.change_institution")
        assert curator.has_perm("heritage.add_theme")

    def test_historians_can_draft_oral_histories_but_not_publish(self, tree):
        historian = make_user("hist", "Community historians")
        community = CommunityFactory(slug="harbour")
        historian.groups.add(community.historians)
        tree.oral_histories.community = community
        tree.oral_histories.save()
        section_perms = tree.oral_histories.permissions_for_user(historian)
        assert section_perms.can_add_subpage()
        assert not section_perms.can_publish_subpage()
        own = OralHistoryPageFactory(parent=tree.oral_histories, owner=historian, live=False)
        own_perms = own.permissions_for_user(historian)
        assert own_perms.can_edit()
        assert not own_perms.can_publish()

    def test_historians_cannot_edit_others_work_or_the_archive(self, tree):
        historian = make_user("hist", "Community historians")
        other = make_user("other", "Community historians")
        community = CommunityFactory(slug="harbour")
        historian.groups.add(community.historians)
        other.groups.add(community.historians)
        tree.oral_histories.community = community
        tree.oral_histories.save()
        theirs = OralHistoryPageFactory(parent=tree.oral_histories, owner=other)
        assert not theirs.permissions_for_user(historian).can_edit()
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        assert not artifact.permissions_for_user(historian).can_edit()
        assert not tree.collection.permissions_for_user(historian).can_add_subpage()

    def test_historians_can_add_narrators_but_not_change_institutions(self, tree):
        historian = make_user("hist", "Community historians")
        assert historian.has_perm("heritage.add_person")
        assert historian.has_perm("heritage.view_institution")
        assert not historian.has_perm("heritage.change_institution")
        assert not historian.has_perm("heritage.delete_theme")
