"""Moderated edits (issue 16): a community historian's changes to the recording of a
published oral history wait for the curators' review in the page's own workflow.

A new transcript, a removed one, index points (from a file and typed in) and a
replaced master appear nowhere public (the page, search, the caption, subtitle, OHMS
and chapter exports, the IIIF manifest, the API) until a curator approves the page;
then everywhere. "Request changes" keeps them waiting; withdrawing them forgets them.
Consent changes, a curator's edits, and anything before the page is first published
take effect at once. Also here: the import report said after saving, the times typed
in checked against the recording's duration, and the page field limited to the oral
histories the editor may give a recording.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from types import SimpleNamespace

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.models import Page, WorkflowState

import pytest

from oral_histories.factories import OralHistoryPageFactory, recording_with_transcripts, wav_bytes
from oral_histories.models import IndexPoint, PendingChange, RedactedRange, Scope, Transcript
from oral_histories.tests import test_community_work as community_work
from oral_histories.tests.test_community_work import historian_of

pytestmark = pytest.mark.django_db

# The community sections of test_community_work: ours ("Tunisians") and theirs ("Izmirli").
sections = community_work.sections

DATA = Path(__file__).parent / "data"
ADD = "/admin/snippets/oral_histories/recording/add/"
PAGES_API = "/api/v2/pages/"
NEW_WORD = "Hafenkran"  # said only in the German transcript a historian adds
OLD_WORD = "bateaux"  # said in the French transcript of record

GERMAN = f"""WEBVTT

00:00:00.000 --> 00:00:02.000
<v Leila>Wir kamen im Hafen an.

00:00:02.000 --> 00:00:04.000
<v Leila>Der {NEW_WORD} war riesig.
"""


def waiting(recording) -> PendingChange | None:
    """The recording's changes awaiting review, read afresh."""
    return PendingChange.objects.filter(recording=recording).first()


def edit_url(recording) -> str:
    return f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/"


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(username="cura", password="pw", first_name="Cora", last_name="Curie")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def live(sections, curator, commit):
    """A published oral history in the historian Amel's community section, approved by
    a curator: a public 6-second recording with a French transcript and two chapters,
    indexed for search."""
    ours, theirs = sections
    amel = historian_of(ours.community, "amel")
    amel.first_name, amel.last_name = "Amel", "Haddad"
    amel.save()
    page = OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="Songs of the quay", slug="quay")
    page.save_revision(user=amel).publish(user=curator)
    recording = recording_with_transcripts(
        page,
        seconds=6,
        transcripts={
            "fr": [
                (0, 2, "Leila", "Nous sommes arrivés au port."),
                (2, 6, "Leila", f"Le port était plein de {OLD_WORD}."),
            ]
        },
    )
    IndexPoint.objects.create(recording=recording, start=0, title_en="Arrival", title_fr="L'arrivée")
    IndexPoint.objects.create(recording=recording, start=3, title_en="The harbour", title_fr="Le port")
    commit()  # the search index follows the recording once committed
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    return SimpleNamespace(page=page, recording=recording, amel=amel, curator=curator, theirs=theirs)


# -- Posting the recording form as the browser does ------------------------------------------


def as_post(form) -> dict:
    """The form's current values as a browser would send them back, formsets included."""
    data: dict = {}

    def add(bound_form) -> None:
        for bound in bound_form:
            if isinstance(bound.field, forms.FileField):
                continue
            value = bound.value()
            if value is False or (value is None and isinstance(bound.field, forms.MultipleChoiceField)):
                continue  # an unticked box is not sent
            if value is True:
                value = "on"
            if value is None:
                value = ""
            data[bound.html_name] = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)

    add(form)
    for formset in form.formsets.values():
        add(formset.management_form)
        for child in formset.forms:
            add(child)
    return data


def editor(client, recording):
    response = client.get(edit_url(recording))
    assert response.status_code == 200
    return response


def post(client, recording, **changes):
    """Save the recording's form as it stands, with ``changes`` (None removes a field)."""
    data = as_post(editor(client, recording).context["form"])
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    response = client.post(edit_url(recording), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response


def add_index_point(data_changes: dict, client, recording, *, start: str, title: str) -> dict:
    """Changes that add an index point row to the form as it stands."""
    form = editor(client, recording).context["form"]
    total = form.formsets["index_points"].total_form_count()
    data_changes.update(
        {
            "index_points-TOTAL_FORMS": str(total + 1),
            f"index_points-{total}-start": start,
            f"index_points-{total}-title_en": title,
        }
    )
    return data_changes


def german_transcript() -> dict:
    return {"transcript_file": SimpleUploadedFile("interview_de.vtt", GERMAN.encode()), "transcript_language": "de"}


# -- What the public sees -------------------------------------------------------------------


def public_page(client, page) -> str:
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def found(client, word: str) -> int:
    client.logout()
    return client.get("/api/search/", {"q": word}).json()["total"]


def manifest(client, page) -> dict:
    client.logout()
    response = client.get(f"/iiif/oral-history/{page.pk}/manifest.json")
    assert response.status_code == 200
    return response.json()


def manifest_languages(client, page) -> set[str]:
    pages = manifest(client, page)["items"][0].get("annotations", [])
    return {item["body"]["language"] for annotations in pages for item in annotations["items"]}


def manifest_chapters(client, page) -> list[str]:
    data = manifest(client, page)
    return [chapter["label"]["en"][0] for chapter in data["structures"][0]["items"]] if data.get("structures") else []


def api_languages(client, page) -> set[str]:
    client.logout()
    data = client.get(f"{PAGES_API}{page.pk}/").json()
    return {transcript["language"] for transcript in data["recording"]["transcripts"]}


def export(client, name: str, recording, *args) -> tuple[int, str]:
    client.logout()
    response = client.get(reverse(f"oral_histories:{name}", args=[recording.pk, *args]))
    return response.status_code, response.content.decode() if response.status_code == 200 else ""


def chapters(client, recording) -> str:
    status, text = export(client, "chapters", recording, "en")
    assert status == 200
    return text


# -- The review -----------------------------------------------------------------------------


def workflow_state(page) -> WorkflowState | None:
    return Page.objects.get(pk=page.pk).specific.current_workflow_state


def act(client, user, page, action: str, comment: str = ""):
    """A curator's action on the page's review, through Wagtail's own view."""
    state = workflow_state(page)
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    response = client.post(url, {"comment": comment} if comment else {})
    assert response.status_code == 302
    return state


class TestTranscriptsWait:
    def test_a_new_transcript_appears_nowhere_until_approved_then_everywhere(self, client, live, commit):
        client.force_login(live.amel)
        response = post(client, live.recording, **german_transcript())
        messages = [str(message) for message in response.wsgi_request._messages]
        assert any("Awaiting review: transcript de (new, 2 lines)" in message for message in messages), messages
        # Staged: a row only the review sees.
        change = waiting(live.recording)
        assert change is not None and change.created_by == live.amel
        assert not Transcript.objects.filter(recording=live.recording, language="de").exists()
        assert Transcript.all_objects.filter(staged_in=change, language="de").exists()
        # Nowhere public.
        assert NEW_WORD not in public_page(client, live.page)
        assert found(client, NEW_WORD) == 0 and found(client, OLD_WORD) == 1
        assert export(client, "captions", live.recording, "de")[0] == 404
        assert export(client, "srt", live.recording, "de")[0] == 404
        assert NEW_WORD not in export(client, "ohms", live.recording)[1]
        assert manifest_languages(client, live.page) == {"fr"}
        assert api_languages(client, live.page) == {"fr"}
        # In the page's review: a new revision, the workflow started, on the curator's dashboard.
        state = workflow_state(live.page)
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == live.amel
        client.force_login(live.curator)
        dashboard = client.get("/admin/").content.decode()
        assert "Awaiting your review" in dashboard and "Songs of the quay" in dashboard

        act(client, live.curator, live.page, "approve")

        assert waiting(live.recording) is None
        assert Transcript.objects.filter(recording=live.recording, language="de").exists()
        assert NEW_WORD in public_page(client, live.page)
        assert found(client, NEW_WORD) == 1
        status, vtt = export(client, "captions", live.recording, "de")
        assert status == 200 and NEW_WORD in vtt
        assert export(client, "srt", live.recording, "de")[0] == 200
        assert NEW_WORD in export(client, "ohms", live.recording)[1]
        assert manifest_languages(client, live.page) == {"fr", "de"}
        assert api_languages(client, live.page) == {"fr", "de"}
        assert workflow_state(live.page) is None
        page = Page.objects.get(pk=live.page.pk)
        assert page.live and not page.has_unpublished_changes

    def test_a_replacement_in_the_same_language_leaves_the_old_one_public_until_approved(self, client, live):
        client.force_login(live.amel)
        french = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nUne toute nouvelle version.\n"
        post(
            client,
            live.recording,
            transcript_file=SimpleUploadedFile("entretien_fr.vtt", french.encode()),
            transcript_language="fr",
            transcript_is_original="on",
        )
        assert OLD_WORD in export(client, "captions", live.recording, "fr")[1]
        assert "nouvelle version" not in export(client, "captions", live.recording, "fr")[1]
        act(client, live.curator, live.page, "approve")
        [transcript] = Transcript.objects.filter(recording=live.recording)
        assert transcript.language == "fr" and transcript.is_original
        assert "nouvelle version" in export(client, "captions", live.recording, "fr")[1]
        assert found(client, OLD_WORD) == 0

    def test_a_removed_transcript_stays_public_until_approved(self, client, live):
        client.force_login(live.amel)
        post(client, live.recording, remove_transcripts=["fr"])
        assert waiting(live.recording).removed_transcripts == ["fr"]
        assert export(client, "captions", live.recording, "fr")[0] == 200
        assert found(client, OLD_WORD) == 1
        act(client, live.curator, live.page, "approve")
        assert export(client, "captions", live.recording, "fr")[0] == 404
        assert found(client, OLD_WORD) == 0
        assert manifest_languages(client, live.page) == set()


class TestIndexPointsWait:
    def test_typed_in_index_points_wait_and_request_changes_keeps_them(self, client, live):
        client.force_login(live.amel)
        changes = add_index_point({}, client, live.recording, start="0:00:05", title="The farewell")
        changes["index_points-1-DELETE"] = "on"  # "The harbour" goes
        post(client, live.recording, **changes)
        before = ["Arrival", "The harbour"]
        assert [p.title_en for p in IndexPoint.objects.filter(recording=live.recording)] == before
        assert "The farewell" not in chapters(client, live.recording)
        assert manifest_chapters(client, live.page) == before
        # The historian goes on from the index awaiting review.
        client.force_login(live.amel)
        formset = editor(client, live.recording).context["form"].formsets["index_points"]
        assert [form.instance.title_en for form in formset.forms] == ["Arrival", "The farewell"]

        state = act(client, live.curator, live.page, "reject", comment="Say where the farewell took place.")
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert waiting(live.recording).index_points is not None
        assert manifest_chapters(client, live.page) == before
        client.force_login(live.amel)
        html = editor(client, live.recording).content.decode()
        assert "A curator asked for changes" in html and "Say where the farewell took place." in html

        # Edited further, the changes go back to the review (the workflow resumes).
        form = editor(client, live.recording).context["form"]
        farewell = next(
            name for name, value in as_post(form).items() if name.endswith("-title_en") and value == "The farewell"
        )
        post(client, live.recording, **{farewell: "The farewell at the quay"})
        assert workflow_state(live.page).status == WorkflowState.STATUS_IN_PROGRESS

        act(client, live.curator, live.page, "approve")
        assert [p.title_en for p in IndexPoint.objects.filter(recording=live.recording)] == [
            "Arrival",
            "The farewell at the quay",
        ]
        assert "The farewell at the quay" in chapters(client, live.recording)
        assert manifest_chapters(client, live.page) == ["Arrival", "The farewell at the quay"]

    def test_index_points_from_an_ohms_file_wait(self, client, live):
        index_only = (DATA / "transcripts" / "ohms_index_only_haddad.xml").read_bytes()
        live.recording.duration = 3600  # the OHMS file's chapters run over an hour
        live.recording.save(update_fields=["duration"])
        client.force_login(live.amel)
        post(
            client,
            live.recording,
            transcript_file=SimpleUploadedFile("index.xml", index_only),
            transcript_language="fr",
        )
        titles = ["L'arrivée", "Le port"]
        assert [p.title_fr for p in IndexPoint.objects.filter(recording=live.recording)] == titles
        staged = waiting(live.recording).staged_index_points()
        assert "Présentation" in [point.title_fr for point in staged]
        assert "Présentation" not in export(client, "ohms", live.recording)[1]
        act(client, live.curator, live.page, "approve")
        assert "Présentation" in [p.title_fr for p in IndexPoint.objects.filter(recording=live.recording)]
        assert "Présentation" in export(client, "ohms", live.recording)[1]


class TestMasterWaits:
    def test_a_replaced_master_is_heard_only_once_approved_and_retires_the_old_one(
        self, client, live, commit, django_capture_on_commit_callbacks
    ):
        from oral_histories.access_copies import make_access_copy

        recording = live.recording
        RedactedRange.objects.create(recording=recording, start=1.0, end=1.5, reason="A name")
        make_access_copy(recording)
        commit()

        new_audio = wav_bytes(8)
        client.force_login(live.amel)
        post(client, recording, file=SimpleUploadedFile("second-take.wav", new_audio))
        commit()  # the request's transaction
        recording.refresh_from_db()
        old_master, old_copy, old_sha = recording.file.name, recording.access_copy.name, recording.sha256
        storage = recording.file.storage
        assert old_copy and storage.exists(old_master) and storage.exists(old_copy)
        change = waiting(recording)
        assert change.file and storage.exists(change.file.name) and change.duration == pytest.approx(8, abs=0.1)
        assert change.sha256 == hashlib.sha256(new_audio).hexdigest()
        # Visitors still hear the master of record (its access copy), the manifest says 6 s.
        assert (recording.file.name, recording.sha256, recording.access_copy.name) == (old_master, old_sha, old_copy)
        assert manifest(client, live.page)["items"][0]["duration"] == 6

        with django_capture_on_commit_callbacks(execute=True):
            act(client, live.curator, live.page, "approve")
        recording.refresh_from_db()
        assert recording.file.name == change.file.name and recording.sha256 == change.sha256
        assert recording.duration == pytest.approx(8, abs=0.1) and recording.original_filename == "second-take.wav"
        assert recording.uploaded_by == live.amel
        # The replacement went the way of any: old master and its copy deleted, a copy of the new one made.
        assert not storage.exists(old_master) and not storage.exists(old_copy)
        assert recording.access_copy_master == recording.sha256 and storage.exists(recording.access_copy.name)
        assert manifest(client, live.page)["items"][0]["duration"] == pytest.approx(8, abs=0.1)

    def test_the_fixity_audit_names_the_master_awaiting_review(self, client, live):
        from oral_histories.tasks import audit

        client.force_login(live.amel)
        post(client, live.recording, file=SimpleUploadedFile("second-take.wav", wav_bytes(3)))
        with override_settings(HERITAGE_FIXITY_ORPHAN_GRACE_HOURS=0):
            problems = audit().problems
        assert not [problem for problem in problems if waiting(live.recording).file.name in problem], problems


class TestWithdraw:
    def test_the_historian_withdraws_what_waits_and_the_review_ends(
        self, client, live, django_capture_on_commit_callbacks
    ):
        client.force_login(live.amel)
        post(client, live.recording, file=SimpleUploadedFile("second-take.wav", wav_bytes(3)), **german_transcript())
        change = waiting(live.recording)
        staged_file, storage = change.file.name, change.file.storage
        url = reverse("oral_histories_withdraw_pending", args=[live.recording.pk])
        confirm = client.get(url)
        assert confirm.status_code == 200 and "transcript de (new, 2 lines)" in confirm.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url)
        assert response.status_code == 302 and response["Location"] == edit_url(live.recording)
        assert waiting(live.recording) is None
        assert not Transcript.all_objects.filter(recording=live.recording, language="de").exists()
        assert not storage.exists(staged_file)
        assert workflow_state(live.page) is None
        page = Page.objects.get(pk=live.page.pk)
        assert page.live and not page.has_unpublished_changes and page.status_string == "live"

    def test_one_staged_transcript_can_be_withdrawn_alone(self, client, live):
        client.force_login(live.amel)
        post(client, live.recording, **german_transcript())
        post(client, live.recording, remove_transcripts=["staged:de"])
        assert waiting(live.recording) is None  # nothing else waited: the review is withdrawn
        assert workflow_state(live.page) is None

    def test_someone_else_cannot_withdraw(self, client, live):
        client.force_login(live.amel)
        post(client, live.recording, **german_transcript())
        outsider = historian_of(live.theirs.community, "deniz")
        client.force_login(outsider)
        url = reverse("oral_histories_withdraw_pending", args=[live.recording.pk])
        assert client.post(url).status_code in (302, 403)
        assert waiting(live.recording) is not None


class TestAtOnce:
    def test_a_historians_consent_changes_apply_at_once_beside_staged_ones(self, client, live, commit):
        client.force_login(live.amel)
        post(
            client,
            live.recording,
            scope=Scope.RESTRICTED,
            **{
                "redactions-TOTAL_FORMS": "1",
                "redactions-0-start": "0:00:01",
                "redactions-0-end": "0:00:02",
                "redactions-0-reason": "A neighbour",
            },
            **german_transcript(),
        )
        commit()
        live.recording.refresh_from_db()
        assert live.recording.scope == Scope.RESTRICTED
        assert live.recording.redacted_ranges() == [(1.0, 2.0)]
        assert export(client, "captions", live.recording, "fr")[0] == 404  # closed at once
        assert found(client, OLD_WORD) == 0
        assert waiting(live.recording) is not None  # the transcript still waits

    def test_consent_alone_sends_nothing_to_review(self, client, live):
        client.force_login(live.amel)
        post(client, live.recording, scope=Scope.RESTRICTED)
        assert waiting(live.recording) is None and workflow_state(live.page) is None

    def test_a_curators_edit_applies_at_once(self, client, live, commit):
        client.force_login(live.curator)
        changes = add_index_point(german_transcript(), client, live.recording, start="0:00:05", title="The farewell")
        post(client, live.recording, **changes)
        commit()
        assert waiting(live.recording) is None and workflow_state(live.page) is None
        assert export(client, "captions", live.recording, "de")[0] == 200
        assert found(client, NEW_WORD) == 1
        assert "The farewell" in chapters(client, live.recording)

    def test_before_the_first_publication_a_historians_edit_applies_at_once(self, client, sections):
        ours, _theirs = sections
        amel = historian_of(ours.community, "amel")
        page = OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="A draft")
        recording = recording_with_transcripts(page, seconds=6, transcripts={"fr": [(0, 2, "L", "Bonjour.")]})
        client.force_login(amel)
        post(client, recording, **german_transcript())
        assert waiting(recording) is None
        assert Transcript.objects.filter(recording=recording, language="de").exists()
        assert workflow_state(page) is None


class TestNewRecordingOnAPublishedPage:
    def test_it_is_closed_until_the_page_is_approved(self, client, sections, curator):
        ours, _theirs = sections
        amel = historian_of(ours.community, "amel")
        page = OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="Catalogue first", slug="first")
        page.save_revision(user=amel).publish(user=curator)
        client.force_login(amel)
        data = as_post(client.get(f"{ADD}?page={page.pk}").context["form"])
        data.update(page=str(page.pk), scope=Scope.PUBLIC, file=SimpleUploadedFile("take.wav", wav_bytes(4)))
        response = client.post(ADD, data)
        assert response.status_code == 302, response.context["form"].errors
        recording = page.recording
        recording.refresh_from_db()
        assert recording.awaiting_review
        assert "waiting for the archive" in public_page(client, page)
        assert client.get(f"/iiif/oral-history/{page.pk}/manifest.json").status_code == 404
        assert client.get(reverse("oral_histories:media", args=[recording.pk])).status_code == 404
        assert workflow_state(page).status == WorkflowState.STATUS_IN_PROGRESS
        act(client, curator, page, "approve")
        recording.refresh_from_db()
        assert not recording.awaiting_review
        assert client.get(f"/iiif/oral-history/{page.pk}/manifest.json").status_code == 200


class TestShown:
    def test_the_recording_and_page_editors_show_what_waits(self, client, live):
        client.force_login(live.amel)
        before = editor(client, live.recording).content.decode()
        assert "changes to its transcripts, index points and recording file go to the curators" in before
        post(client, live.recording, file=SimpleUploadedFile("second-take.wav", wav_bytes(3)), **german_transcript())
        html = editor(client, live.recording).content.decode()
        assert "Changes awaiting review since" in html and "by Amel Haddad" in html
        assert "transcript de (new, 2 lines)" in html and "new recording file: second-take.wav" in html
        assert reverse("oral_histories_withdraw_pending", args=[live.recording.pk]) in html
        assert reverse("oral_histories_pending_transcript", args=[live.recording.pk, "de"]) in html
        vtt = client.get(reverse("oral_histories_pending_transcript", args=[live.recording.pk, "de"]))
        assert vtt.status_code == 200 and NEW_WORD in vtt.content.decode()
        media = client.get(reverse("oral_histories_pending_media", args=[live.recording.pk]))
        assert media.status_code == 200 and b"".join(media.streaming_content) == wav_bytes(3)
        # The curator sees it too, on the recording and on the page, which Wagtail shows in moderation.
        client.force_login(live.curator)
        assert "Changes awaiting review since" in editor(client, live.recording).content.decode()
        assert "Changes awaiting review" in client.get("/admin/snippets/oral_histories/recording/").content.decode()
        page_editor = client.get(f"/admin/pages/{live.page.pk}/edit/").content.decode()
        assert "Changes to the recording awaiting review since" in page_editor
        assert "transcript de (new, 2 lines)" in page_editor
        assert re.search(r"in moderation", page_editor, re.IGNORECASE)
        listing = client.get(f"/admin/pages/{live.page.get_parent().pk}/").content.decode()
        assert re.search(r"in moderation", listing, re.IGNORECASE)

    def test_the_history_says_what_waited_and_what_became_of_it(self, client, live):
        from wagtail.models import ModelLogEntry

        client.force_login(live.amel)
        post(client, live.recording, **german_transcript())
        act(client, live.curator, live.page, "approve")
        actions = list(
            ModelLogEntry.objects.filter(object_id=str(live.recording.pk)).order_by("pk").values_list("action", "user")
        )
        assert ("oral_histories.changes_submitted", live.amel.pk) in actions
        assert ("oral_histories.changes_applied", live.curator.pk) in actions


# -- The import report, said after saving -------------------------------------------------------


def test_saving_an_ohms_file_says_what_it_kept(client, live):
    live.recording.duration = 3600
    live.recording.save(update_fields=["duration"])
    ohms = (DATA / "transcripts" / "ohms_haddad_marseille.xml").read_bytes()
    client.force_login(live.curator)
    response = post(
        client,
        live.recording,
        transcript_file=SimpleUploadedFile("haddad.xml", ohms),
        transcript_language="fr",
        transcript_is_original="on",
    )
    [report] = live.recording.__class__.objects.get(pk=live.recording.pk).import_report
    said = [m for m in response.wsgi_request._messages if str(m).startswith("haddad.xml: kept:")]
    assert len(said) == 1
    [message] = said
    assert "index points" in str(message) and "transcript lines in French" in str(message)
    expected = message_levels.WARNING if report["not_kept"] else message_levels.SUCCESS
    assert message.level == expected
    if report["not_kept"]:
        assert "Not kept: " + report["not_kept"][0] in str(message)


# -- Times typed in, against the recording's duration ---------------------------------------------


class TestDurations:
    @pytest.fixture
    def ten_minutes(self, live):
        live.recording.duration = 600
        live.recording.save(update_fields=["duration"])
        return live

    def errors(self, client, recording, **changes):
        data = as_post(editor(client, recording).context["form"])
        data.update(changes)
        response = client.post(edit_url(recording), data)
        assert response.status_code == 200
        form = response.context["form"]
        return [error for formset in form.formsets.values() for child in formset.errors for error in child.values()]

    def test_an_index_point_after_the_end_names_its_row_and_time(self, client, ten_minutes):
        client.force_login(ten_minutes.curator)
        errors = self.errors(client, ten_minutes.recording, **{"index_points-1-start": "1:05:00"})
        assert [str(e[0]) for e in errors] == [
            "Index point 2 starts at 1:05:00, after the end of the recording (0:10:00)."
        ]
        assert [p.start for p in IndexPoint.objects.filter(recording=ten_minutes.recording)] == [0, 3]

    def test_a_redacted_passage_past_the_end(self, client, ten_minutes):
        client.force_login(ten_minutes.amel)
        errors = self.errors(
            client,
            ten_minutes.recording,
            **{
                "redactions-TOTAL_FORMS": "1",
                "redactions-0-start": "0:09:00",
                "redactions-0-end": "0:12:00",
            },
        )
        assert [str(e[0]) for e in errors] == [
            "Redacted passage 1 ends at 0:12:00, after the end of the recording (0:10:00)."
        ]
        assert not RedactedRange.objects.exists()

    def test_within_the_last_second_is_the_end(self, client, ten_minutes):
        client.force_login(ten_minutes.curator)
        post(client, ten_minutes.recording, **{"index_points-1-start": "0:10:00.5"})
        assert [p.start for p in IndexPoint.objects.filter(recording=ten_minutes.recording)] == [0, 600.5]

    def test_a_new_master_in_the_same_save_sets_the_end(self, client, ten_minutes):
        client.force_login(ten_minutes.curator)
        errors = self.errors(
            client,
            ten_minutes.recording,
            file=SimpleUploadedFile("short.wav", wav_bytes(4)),
            **{"index_points-1-start": "0:00:30"},
        )
        assert [str(e[0]) for e in errors] == [
            "Index point 2 starts at 0:00:30, after the end of the recording (0:00:04)."
        ]


# -- The page field ------------------------------------------------------------------------------


class TestPageField:
    def test_a_historian_is_offered_only_their_own_oral_histories(self, client, sections):
        ours, theirs = sections
        amel = historian_of(ours.community, "amel")
        deniz = historian_of(theirs.community, "deniz")
        mine = OralHistoryPageFactory(parent=ours, owner=amel, live=False, title="Amel's draft")
        other = OralHistoryPageFactory(parent=theirs, owner=deniz, live=False, title="Deniz's draft")
        client.force_login(amel)
        response = client.get(ADD)
        field = response.context["form"].fields["page"]
        assert isinstance(field.widget, forms.Select)
        assert list(field.queryset) == [mine]
        html = response.content.decode()
        assert "Amel&#x27;s draft" in html and "Deniz" not in html
        assert "choose-page" not in html  # no chooser opening on the whole tree
        data = as_post(response.context["form"])
        data.update(page=str(other.pk), scope=Scope.PUBLIC, file=SimpleUploadedFile("take.wav", wav_bytes(2)))
        refused = client.post(ADD, data)
        assert refused.status_code == 200 and "page" in refused.context["form"].errors
        assert not other.__class__.objects.get(pk=other.pk).get_recording()

    def test_a_historian_cannot_move_the_recording_of_a_published_oral_history(self, client, live):
        client.force_login(live.amel)
        draft = OralHistoryPageFactory(parent=live.page.get_parent(), owner=live.amel, live=False, title="Another")
        post(client, live.recording, page=str(draft.pk))
        live.recording.refresh_from_db()
        assert live.recording.page_id == live.page.pk


def test_staged_transcripts_are_invisible_to_every_reader(live):
    """``Transcript.objects`` (and so ``recording.transcripts``) never returns a staged one."""
    change = PendingChange.objects.create(recording=live.recording)
    Transcript.all_objects.create(recording=live.recording, language="fr", source_format="webvtt", staged_in=change)
    assert list(live.recording.transcripts.values_list("language", flat=True)) == ["fr"]
    assert Transcript.objects.filter(recording=live.recording).count() == 1
    assert Transcript.all_objects.filter(recording=live.recording).count() == 2
