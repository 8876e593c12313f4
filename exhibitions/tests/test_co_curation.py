"""A joint exhibition is co-curated by institutions from at least two partner cities.

Every rule is checked through the real admin views (``wagtailadmin_pages:add`` and
``:edit``) with the form data Wagtail's page editor posts: a draft may be saved while
partners are still being found; submitting for approval needs partners from two
cities; curator credits name partners; venues close after they open and are hosted by
an institution of their own city. No one publishes an exhibition from the editor:
only the partner-approval workflow does.

The fixtures here (partner cities and institutions, their curators, the form data)
are shared with ``test_partner_approval.py``.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from heritage.factories import InstitutionFactory, PartnerCityPageFactory, PersonFactory

from ..models import ExhibitionPage, co_curation_error

LANGUAGES = ("en", "fr", "de", "ar")


# --- Partners, curators and form data (shared with test_partner_approval.py) ------------


@pytest.fixture
def partners(tree):
    """A, A2 in Marseille; B in Hamburg; C in Tunis (codes sort a, a2, b, c)."""
    hamburg = PartnerCityPageFactory(
        parent=tree.partners, title="Hamburg", slug="hamburg", country_en="Germany", country_code="DE"
    )
    tunis = PartnerCityPageFactory(
        parent=tree.partners, title="Tunis", slug="tunis", country_en="Tunisia", country_code="TN"
    )
    marseille = tree.city
    a = tree.institution  # "mmp", Museum of Harbour Memories
    a2 = InstitutionFactory(city=marseille, code="mmq-archives", name_en="Marseille Municipal Archives")
    b = InstitutionFactory(city=hamburg, code="nhh", name_en="Hamburg Harbour Museum")
    c = InstitutionFactory(city=tunis, code="ntn", name_en="Tunis Medina Library")
    return SimpleNamespace(marseille=marseille, hamburg=hamburg, tunis=tunis, a=a, a2=a2, b=b, c=c)


def make_user(username, *groups, perms=(), superuser=False):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username=username, email=f"{username}@example.org", password="pw")
    else:
        user = User.objects.create_user(username=username, email=f"{username}@example.org", password="pw")
    user.groups.add(*groups)
    for codename in perms:
        app_label, codename = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return get_user_model().objects.get(pk=user.pk)  # no cached permissions


@pytest.fixture
def users(partners):
    """The superuser; an editor ("Curators"); curators of A, B, C.

    The curators of A and C are also in "Curators" (they edit pages); B's curator is
    only in B's curators group, with the bare right to enter the admin: no page
    permission at all, in particular not "publish".
    """
    curators = Group.objects.get(name="Curators")
    return SimpleNamespace(
        admin=make_user("root", superuser=True),
        editor=make_user("editor", curators),
        a=make_user("amina", curators, partners.a.curators),
        b=make_user("bernd", partners.b.curators, perms=["wagtailadmin.access_admin"]),
        c=make_user("chedly", curators, partners.c.curators),
    )


def credit(person, institution, role="Lead curator", **extra):
    return {"person": person.pk, "institution": institution.pk, "role_en": role, **extra}


def venue(city, name, opens_on, closes_on=None, institution=None, **extra):
    return {
        "city": city.pk,
        "institution": institution.pk if institution else "",
        "venue_en": name,
        "opens_on": opens_on.isoformat(),
        "closes_on": closes_on.isoformat() if closes_on else "",
        **extra,
    }


def exhibition_data(
    *,
    title="Two Harbours",
    slug="two-harbours",
    introduction="Two cities tell one story.",
    story=(),
    co_curators=(),
    credits=(),
    venues=(),
    credits_initial=0,
    venues_initial=0,
    action=None,
    **extra,
):
    """The POST data of the exhibition editor (every tab), as the admin sends it."""
    data = nested_form_data(
        {
            "title_en": title,
            "slug_en": slug,
            "introduction_en": introduction,
            **{f"body_{code}": streamfield([]) for code in LANGUAGES},
            "body_en": streamfield([("paragraph", rich_text(html)) for html in story]),
            "curator_credits": inline_formset(list(credits), initial=credits_initial),
            "venues": inline_formset(list(venues), initial=venues_initial),
            "comments": inline_formset([]),
        }
    )
    data["co_curators"] = [institution.pk for institution in co_curators]
    if action:
        data[action] = action
    data.update(extra)
    return data


def edit_data(page, *, action=None, co_curators=None, **changes):
    """The editor's POST data for ``page``'s latest revision, with ``changes``."""
    page = page.get_latest_revision_as_object()
    credits = [
        credit(c.person, c.institution, c.role_en, id=c.pk, ORDER=str(n))
        for n, c in enumerate(page.curator_credits.all())
    ]
    venues = [
        venue(v.city, v.venue_en, v.opens_on, v.closes_on, v.institution, id=v.pk, ORDER=str(n))
        for n, v in enumerate(page.venues.all())
    ]
    story = changes.pop("story", None)
    data = exhibition_data(
        title=changes.pop("title", page.title_en),
        slug=changes.pop("slug", page.slug_en),
        introduction=changes.pop("introduction", page.introduction_en),
        story=[block.value.source for block in page.body_en] if story is None else story,
        co_curators=page.co_curators.all() if co_curators is None else co_curators,
        credits=credits,
        credits_initial=len(credits),
        venues=venues,
        venues_initial=len(venues),
        action=action,
    )
    if story is None:  # the same blocks, as the editor posts them back
        for n, block in enumerate(page.body_en):
            data[f"body_en-{n}-id"] = block.id
    data.update(changes)
    return data


def add_url(tree):
    return reverse("wagtailadmin_pages:add", args=("exhibitions", "exhibitionpage", tree.exhibitions.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_errors(response) -> str:
    """The form's and formsets' errors of a refused POST, for assertion messages."""
    if response.context is None or "form" not in response.context:
        return f"{response.status_code} {response.get('Location', '')}"
    form = response.context["form"]
    formsets = getattr(form, "formsets", {})
    return repr(form.errors) + repr({name: fs.errors for name, fs in formsets.items() if any(fs.errors)})


def post_new(client, tree, data):
    """POST the add form; the new page (or None) and the response."""
    response = client.post(add_url(tree), data)
    page = ExhibitionPage.objects.filter(slug_en=data["slug_en"]).first()
    return page, response


@pytest.fixture
def person(db):
    return PersonFactory(name_en="Leïla Haddad")


@pytest.fixture
def draft(client, tree, partners, users):
    """An exhibition drafted in the admin by the curator of A, with A as its only partner so far."""
    client.force_login(users.a)
    data = exhibition_data(co_curators=[partners.a], story=["<p>Every week a ferry left for Tunis.</p>"])
    page, response = post_new(client, tree, data)
    assert page is not None, form_errors(response)
    return page


def submit(client, page, *, co_curators=None, **changes):
    """Submit ``page`` (as the logged-in user) to the partner-approval workflow."""
    response = client.post(edit_url(page), edit_data(page, action="action-submit", co_curators=co_curators, **changes))
    assert response.status_code == 302, form_errors(response)
    return response


# --- co_curation_error ------------------------------------------------------------------


class TestCoCurationError:
    def test_two_cities_make_a_joint_exhibition(self, partners):
        assert co_curation_error([partners.a, partners.b]) == ""
        assert co_curation_error([partners.a, partners.a2, partners.b]) == ""

    def test_no_partner(self, partners):
        assert "at least two, from two different partner cities" in co_curation_error([])

    def test_one_city_is_named(self, partners):
        assert co_curation_error([partners.a]) == (
            "The only co-curating institution is in Marseille: add one from another partner city."
        )
        assert co_curation_error([partners.a, partners.a2]) == (
            "All 2 co-curating institutions are in Marseille: add one from another partner city."
        )


# --- The editor -------------------------------------------------------------------------


class TestDraftsAndSubmissions:
    def test_a_draft_with_one_partner_is_saved(self, client, tree, partners, users):
        client.force_login(users.a)
        page, response = post_new(client, tree, exhibition_data(co_curators=[partners.a]))
        assert response.status_code == 302, form_errors(response)
        assert page is not None and not page.live
        assert list(page.get_latest_revision_as_object().co_curators.all()) == [partners.a]

    def test_a_draft_without_partners_is_saved(self, client, tree, partners, users):
        client.force_login(users.editor)
        page, response = post_new(client, tree, exhibition_data())
        assert response.status_code == 302, form_errors(response)
        assert page is not None and not page.live

    def test_submitting_with_partners_from_one_city_is_refused_naming_the_city(self, client, tree, partners, users):
        client.force_login(users.a)
        data = exhibition_data(co_curators=[partners.a, partners.a2], action="action-submit")
        page, response = post_new(client, tree, data)
        assert response.status_code == 200
        assert page is None
        assert response.context["form"].errors["co_curators"] == [
            "All 2 co-curating institutions are in Marseille: add one from another partner city."
        ]
        assert "All 2 co-curating institutions are in Marseille" in response.content.decode()

    def test_submitting_a_draft_with_one_partner_is_refused(self, client, draft):
        response = client.post(edit_url(draft), edit_data(draft, action="action-submit"))
        assert response.status_code == 200
        assert response.context["form"].errors["co_curators"] == [
            "The only co-curating institution is in Marseille: add one from another partner city."
        ]
        assert draft.current_workflow_state is None
        assert not WorkflowState.objects.filter(object_id=str(draft.pk)).exists()

    def test_submitting_without_partners_is_refused(self, client, tree, partners, users):
        client.force_login(users.a)
        page, response = post_new(client, tree, exhibition_data(action="action-submit"))
        assert response.status_code == 200 and page is None
        assert response.context["form"].errors["co_curators"] == [
            "Choose the co-curating institutions: at least two, from two different partner cities."
        ]

    def test_submitting_with_partners_from_two_cities_starts_the_partner_approval(self, client, draft, partners):
        submit(client, draft, co_curators=[partners.a, partners.b])
        state = draft.current_workflow_state
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "Exhibition partner approval"
        assert not Page.objects.get(pk=draft.pk).live

    def test_a_curator_credit_must_name_a_partner(self, client, tree, partners, users, person):
        client.force_login(users.a)
        data = exhibition_data(
            co_curators=[partners.a, partners.b],
            credits=[credit(person, partners.a), credit(person, partners.c, "Research")],
            action="action-submit",
        )
        page, response = post_new(client, tree, data)
        assert response.status_code == 200 and page is None
        credit_errors = response.context["form"].formsets["curator_credits"].errors
        assert credit_errors[0] == {}
        assert credit_errors[1]["institution"] == [
            "Tunis Medina Library is not one of this exhibition's co-curating institutions."
        ]

    def test_a_draft_credit_must_name_a_partner_too(self, client, draft, partners, person):
        response = client.post(
            edit_url(draft),
            edit_data(draft, **nested_form_data({"curator_credits": inline_formset([credit(person, partners.b)])})),
        )
        assert response.status_code == 200
        assert "Hamburg Harbour Museum is not one of this exhibition&#x27;s co-curating institutions." in (
            response.content.decode()
        )
        assert not draft.get_latest_revision_as_object().curator_credits.exists()

    def test_credits_of_partners_are_saved(self, client, tree, partners, users, person):
        client.force_login(users.a)
        data = exhibition_data(
            co_curators=[partners.a, partners.b],
            credits=[credit(person, partners.a), credit(person, partners.b, "Research")],
            action="action-submit",
        )
        page, response = post_new(client, tree, data)
        assert response.status_code == 302, form_errors(response)
        revision = page.get_latest_revision_as_object()
        assert [(c.institution, c.role) for c in revision.curator_credits.all()] == [
            (partners.a, "Lead curator"),
            (partners.b, "Research"),
        ]

    def test_a_venue_cannot_close_before_it_opens(self, client, tree, partners, users):
        client.force_login(users.a)
        data = exhibition_data(
            co_curators=[partners.a, partners.b],
            venues=[venue(partners.marseille, "Fort Saint-Jean", datetime.date(2026, 6, 1), datetime.date(2026, 5, 1))],
        )
        page, response = post_new(client, tree, data)  # even a draft
        assert response.status_code == 200 and page is None
        errors = response.context["form"].formsets["venues"].errors
        assert errors[0]["closes_on"] == ["A venue cannot close before it opens."]

    def test_a_venue_host_must_be_in_the_venues_city(self, client, tree, partners, users):
        client.force_login(users.a)
        data = exhibition_data(
            co_curators=[partners.a, partners.b],
            venues=[
                venue(partners.hamburg, "Speicherstadt", datetime.date(2026, 5, 1), institution=partners.a),
            ],
            action="action-submit",
        )
        page, response = post_new(client, tree, data)
        assert response.status_code == 200 and page is None
        errors = response.context["form"].formsets["venues"].errors
        assert errors[0]["institution"] == ["Museum of Harbour Memories is not in this city."]

    def test_venues_set_the_exhibitions_dates(self, client, tree, partners, users):
        client.force_login(users.a)
        data = exhibition_data(
            co_curators=[partners.a, partners.b],
            venues=[
                venue(
                    partners.marseille,
                    "Fort Saint-Jean",
                    datetime.date(2026, 5, 1),
                    datetime.date(2026, 8, 31),
                    partners.a,
                ),
                venue(
                    partners.hamburg,
                    "Speicherstadt",
                    datetime.date(2026, 10, 1),
                    datetime.date(2027, 1, 31),
                    partners.b,
                ),
            ],
            action="action-submit",
        )
        page, response = post_new(client, tree, data)
        assert response.status_code == 302, form_errors(response)
        page.refresh_from_db()
        assert (page.opens_on, page.closes_on) == (datetime.date(2026, 5, 1), datetime.date(2027, 1, 31))


class TestNoOnePublishesFromTheEditor:
    @pytest.mark.parametrize("who", ["admin", "editor", "a"])
    def test_the_edit_page_offers_submission_not_publication(self, client, draft, users, who):
        client.force_login(getattr(users, who))
        response = client.get(edit_url(draft))
        assert response.status_code == 200
        html = response.content.decode()
        assert 'name="action-publish"' not in html
        assert "Submit to Exhibition partner approval" in html

    def test_posting_publish_on_the_edit_page_only_saves_a_draft(self, client, draft, partners, users):
        client.force_login(users.admin)
        response = client.post(
            edit_url(draft), edit_data(draft, action="action-publish", co_curators=[partners.a, partners.b])
        )
        assert response.status_code == 302, form_errors(response)
        page = ExhibitionPage.objects.get(pk=draft.pk)
        assert not page.live and page.first_published_at is None
        assert page.get_latest_revision_as_object().co_curators.count() == 2  # saved as a draft

    def test_the_exhibition_permission_tester_never_publishes(self, draft, users):
        for user in (users.admin, users.editor, users.a, users.b):
            assert not draft.permissions_for_user(user).can_publish()

    @pytest.mark.parametrize("who", ["admin", "editor"])
    def test_the_add_page_offers_submission_not_publication(self, client, tree, users, who):
        client.force_login(getattr(users, who))
        html = client.get(add_url(tree)).content.decode()
        assert "Submit to Exhibition partner approval" in html
        assert 'name="action-publish"' not in html

    @pytest.mark.parametrize("who", ["admin", "editor"])
    def test_posting_publish_on_the_add_page_does_not_publish(self, client, tree, partners, users, who):
        client.force_login(getattr(users, who))
        page, response = post_new(
            client, tree, exhibition_data(co_curators=[partners.a, partners.b], action="action-publish")
        )
        assert page is not None, form_errors(response)
        assert not page.live

    def test_copying_a_live_exhibition_does_not_publish_the_copy(self, client, tree, partners, users):
        page = ExhibitionPage(title="Two Harbours", slug="two-harbours", introduction="Two cities.")
        tree.exhibitions.add_child(instance=page)
        page.co_curators.set([partners.a, partners.b])
        page.save_revision().publish(skip_permission_checks=True)
        client.force_login(users.admin)
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=(page.pk,)),
            {
                "new_title_en": "Two Harbours (copy)",
                "new_slug_en": "two-harbours-copy",
                "new_parent_page": tree.exhibitions.pk,
                "publish_copies": "on",
            },
        )
        assert response.status_code == 302, form_errors(response)
        copy = ExhibitionPage.objects.get(slug_en="two-harbours-copy")
        assert not copy.live
