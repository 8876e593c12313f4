"""Issue 16, friction: ?t= in every common shape, times entered and shown as h:mm:ss in
the admin, the page opening on the visitor's transcript with the summary under the
title and the index points' OHMS extras shown, citations on the site's address, a
warning before approving an oral history nobody can hear, a readable consent history."""

import json
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from oral_histories.factories import (
    CommunityFactory,
    OralHistoryIndexPageFactory,
    OralHistoryPageFactory,
    RecordingFactory,
    TranscriptFactory,
)
from oral_histories.models import ConsentEvent, IndexPoint, Recording, RedactedRange, Scope
from oral_histories.timecodes import format_timecode, parse_timecode, start_offset

pytestmark = pytest.mark.django_db

FRENCH = [(0.0, 4.0, "Fatma", "Bonjour, je suis arrivée en 1962."), (4.0, 9.5, "Karim", "Par quel bateau ?")]
ARABIC = [(0.0, 4.0, "فاطمة", "مرحبا، وصلت سنة 1962."), (4.0, 9.5, "كريم", "على أي باخرة؟")]


def oral_history(tree, *, duration=4000.0, summary="<p>Fatma tells of the crossing.</p>", **kwargs):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving in Marseille", summary_en=summary)
    recording = RecordingFactory(page=page, duration=duration, **kwargs)
    TranscriptFactory(recording=recording, language="fr", is_original=True, lines=FRENCH)
    TranscriptFactory(recording=recording, language="ar", is_original=False, lines=ARABIC)
    return recording


def media_url(recording) -> str:
    return reverse("oral_histories:media", args=[recording.pk])


# -- 1. ?t= ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90.0), ("1:30", 90.0), ("1:02:03", 3723.0), ("62:03", 3723.0), ("3723.5", 3723.5), ("1m30s", 90.0)],
)
def test_start_times_in_every_shape(text, seconds):
    assert start_offset(text, 4000) == seconds


@pytest.mark.parametrize("text", ["", "soon", "1:75", "1:62:03", "-3", "nan", "inf", "1e9", "5000", "::", "1:", "٣x"])
def test_unreadable_or_outside_start_times_are_ignored(text):
    assert start_offset(text, 4000) == 0


@pytest.mark.parametrize(("value", "fragment"), [("1:30", "90"), ("90", "90"), ("1:02:03", "3723"), ("1m30s", "90")])
def test_the_page_starts_the_player_there_without_javascript(client, tree, value, fragment):
    recording = oral_history(tree)
    response = client.get(recording.page.url, {"t": value})
    assert response.status_code == 200
    content = response.content.decode()
    assert f'src="{media_url(recording)}#t={fragment}"' in content
    assert f'data-start-at="{fragment}.0"' in content


@pytest.mark.parametrize("value", ["1:75", "soon", "99:99:99", "\x00", "1" * 400, "2:00:00"])
def test_a_bad_start_time_is_ignored_never_an_error(client, tree, value):
    recording = oral_history(tree, duration=3600.0)
    response = client.get(recording.page.url, {"t": value})
    assert response.status_code == 200
    assert "#t=" not in response.content.decode()


# -- 2. h:mm:ss in the admin ------------------------------------------------------------


def test_timecodes_read_and_show_h_mm_ss():
    assert [parse_timecode(v) for v in ("1:02:03", "62:03", "3723", "3723.5", "3723,5", "١:٠٢:٠٣")] == [
        3723.0,
        3723.0,
        3723.0,
        3723.5,
        3723.5,
        3723.0,
    ]
    assert format_timecode(3723) == "1:02:03"
    assert format_timecode(3723.5) == "1:02:03.5"
    assert format_timecode(0.25) == "0:00:00.25"
    assert format_timecode(None) == ""


def admin_formsets(**extra):
    data = {}
    for prefix in ("index_points", "redactions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(username="cura", password="pw", first_name="Ines")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


class TestTimesInTheAdmin:
    def edit(self, client, recording, **fields):
        url = f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/"
        return client.post(url, admin_formsets(page=recording.page.pk, scope=Scope.PUBLIC, **fields))

    def test_index_points_and_redactions_are_entered_as_h_mm_ss(self, client, tree, curator):
        recording = oral_history(tree)
        client.force_login(curator)
        response = self.edit(
            client,
            recording,
            **{
                "index_points-TOTAL_FORMS": "3",
                "index_points-0-start": "1:02:03",
                "index_points-0-title_en": "The port",
                "index_points-1-start": "62:04",
                "index_points-1-title_en": "The boat",
                "index_points-2-start": "3723.5",
                "index_points-2-title_en": "The quay",
                "redactions-TOTAL_FORMS": "1",
                "redactions-0-start": "2:46",
                "redactions-0-end": "0:03:02",
                "redactions-0-reason": "A neighbour's name",
            },
        )
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        assert list(recording.index_points.values_list("start", flat=True)) == [3723.0, 3723.5, 3724.0]
        assert recording.redacted_ranges() == [(166.0, 182.0)]

        page = client.get(f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/").content.decode()
        assert 'value="1:02:03"' in page and 'value="1:02:03.5"' in page and 'value="1:02:04"' in page
        assert 'value="0:02:46"' in page and 'value="0:03:02"' in page
        assert "(seconds)" not in page

    def test_a_bad_time_is_refused_naming_it(self, client, tree, curator):
        recording = oral_history(tree)
        client.force_login(curator)
        response = self.edit(
            client,
            recording,
            **{
                "index_points-TOTAL_FORMS": "1",
                "index_points-0-start": "1:75",
                "index_points-0-title_en": "The port",
                "redactions-TOTAL_FORMS": "1",
                "redactions-0-start": "half past",
                "redactions-0-end": "0:03:02",
            },
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "“1:75” is not a time" in content
        assert "“half past” is not a time" in content
        assert "h:mm:ss (1:02:03)" in content
        assert not recording.index_points.exists() and not recording.redactions.exists()

    def test_an_unchanged_form_keeps_the_times(self, client, tree, curator):
        recording = oral_history(tree)
        point = IndexPoint.objects.create(recording=recording, start=3723.5, title_en="The quay")
        client.force_login(curator)
        response = self.edit(
            client,
            recording,
            **{
                "index_points-TOTAL_FORMS": "1",
                "index_points-INITIAL_FORMS": "1",
                "index_points-0-id": str(point.pk),
                "index_points-0-start": "1:02:03.5",
                "index_points-0-title_en": "The quay",
            },
        )
        assert response.status_code == 302
        point.refresh_from_db()
        assert point.start == 3723.5


# -- 3. the visitor's transcript first, summary under the title, index point extras ---------


def transcript_order(content: str) -> list[str]:
    return re.findall(r'data-oh-transcript="([^"]+)"', content)


class TestTheVisitorsTranscript:
    def test_an_arabic_visitor_reads_arabic_first_with_the_original_suggested_beside(self, client, tree):
        recording = oral_history(tree)
        content = client.get(recording.page.url.replace("/en/", "/ar/", 1)).content.decode()
        assert transcript_order(content) == ["ar", "fr"]
        primary = re.search(r"<select data-oh-primary>(.*?)</select>", content, re.S).group(1)
        assert re.search(r'<option value="ar" selected>', primary)
        assert 'data-oh-suggested="fr"' in content
        arabic = re.search(r'<track[^>]*srclang="ar"[^>]*>', content).group(0)
        assert " default" in arabic, "the captions follow the transcript shown"

    def test_without_a_transcript_in_the_visitors_language_the_original_comes_first(self, client, tree):
        recording = oral_history(tree)
        for language in ("en", "de"):
            content = client.get(recording.page.url.replace("/en/", f"/{language}/", 1)).content.decode()
            assert transcript_order(content) == ["fr", "ar"]
            assert "data-oh-suggested" not in content
        content = client.get(recording.page.url.replace("/en/", "/fr/", 1)).content.decode()
        assert transcript_order(content) == ["fr", "ar"]

    def test_the_summary_sits_under_the_title_before_the_player(self, client, tree):
        recording = oral_history(tree)
        content = client.get(recording.page.url).content.decode()
        article = content[content.index('<article class="container oral-history">') :]
        assert article.index("</h1>") < article.index("Fatma tells of the crossing.") < article.index('id="player"')
        assert article.count("Fatma tells of the crossing.") == 1

    def test_the_index_points_ohms_extras_are_shown(self, client, tree):
        recording = oral_history(tree)
        IndexPoint.objects.create(
            recording=recording,
            start=90,
            title_en="Bab Souika",
            synopsis_en="El bled, w el khedma.",
            keywords_en="souk; khedma",
            subjects="Hijra; Khedma",
            language="aeb",
            links=[
                {"url": "https://example.org/port-de-tunis", "text": "Le port de Tunis en 1960"},
                {"url": "javascript:alert(1)", "text": "never"},
            ],
            coordinates=[[36.8065, 10.1815], ["x", "y"]],
        )
        content = client.get(recording.page.url.replace("/en/", "/fr/", 1)).content.decode()
        chapter = re.search(r'<li class="oh-chapter".*?</li>\s*</ol>', content, re.S).group(0)
        assert '<span class="oh-chapter__title" lang="aeb" dir="rtl">Bab Souika</span>' in chapter
        assert '<p class="oh-chapter__synopsis" lang="aeb" dir="rtl">El bled, w el khedma.</p>' in chapter
        assert '<ul class="oh-keywords" lang="aeb"' in chapter
        assert 'lang="en"' not in chapter, "not an English fallback"
        assert "<bdi>Hijra</bdi>" in chapter and "<bdi>Khedma</bdi>" in chapter
        assert 'href="https://example.org/port-de-tunis"' in chapter and "Le port de Tunis en 1960" in chapter
        assert "javascript:" not in chapter
        assert "mlat=36.8065&amp;mlon=10.1815" in chapter
        assert 'href="?t=90#player"' in chapter

    def test_a_closed_recording_shows_no_chapters_or_transcript(self, client, tree):
        recording = oral_history(tree, scope=Scope.RESTRICTED)
        IndexPoint.objects.create(recording=recording, start=90, title_en="Secret chapter", subjects="Hidden")
        content = client.get(recording.page.url.replace("/en/", "/ar/", 1), {"t": "1:30"}).content.decode()
        assert "Secret chapter" not in content and "Hidden" not in content
        assert "مرحبا" not in content and "data-oh-suggested" not in content
        assert "Fatma tells of the crossing." in content, "the catalogue summary stays"


# -- 4. citations on the site's address -------------------------------------------------


@override_settings(HERITAGE_BASE_URL="https://heritage.example.org")
def test_the_citation_and_linked_data_use_the_sites_address(client, tree):
    recording = oral_history(tree)
    content = client.get(recording.page.url, HTTP_HOST="localhost").content.decode()
    citation = re.search(r'<p class="citation">(.*?)</p>', content, re.S).group(1)
    assert '<span dir="ltr">https://heritage.example.org/en/oral-histories/' in citation
    assert "localhost" not in citation and "testserver" not in citation
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1))
    text = json.dumps(data)
    assert "https://heritage.example.org/" in text and "localhost" not in text


# -- 5. approving without a recording -----------------------------------------------------


class TestApprovalWarning:
    @pytest.fixture
    def section(self, tree):
        community = CommunityFactory(slug="tunisians", name="Tunisians of Marseille")
        return OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Tunisians", community=community)

    def submitted(self, section, **recording):
        historian = get_user_model().objects.create_user(username="amel", password="pw")
        historian.groups.add(Group.objects.get(name="Community historians"), section.community.historians)
        page = OralHistoryPageFactory(parent=section, owner=historian, live=False, title="Songs of the quay")
        if recording:
            RecordingFactory(page=page, **recording)
        page.save_revision(user=historian)
        page.get_workflow().start(page, historian)
        return page

    def messages(self, response) -> list[str]:
        return [str(message) for message in response.context["messages"]]

    def test_a_curator_is_warned_before_approving_an_oral_history_without_a_recording(self, client, section, curator):
        page = self.submitted(section)
        client.force_login(curator)
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        [warning] = [m for m in self.messages(response) if "Before approving" in m]
        assert "Songs of the quay" in warning and "It has no recording yet." in warning

    def test_approving_anyway_works_and_says_so(self, client, section, curator):
        page = self.submitted(section)
        client.force_login(curator)
        state = WorkflowState.objects.get(object_id=str(page.pk))
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk]),
            {},
        )
        assert response.status_code in (200, 302)
        page.refresh_from_db()
        assert page.live, "a warning, never a block"

    def test_a_redacted_recording_whose_copy_is_not_ready_is_named(self, client, section, curator):
        page = self.submitted(section, duration=60.0)
        RedactedRange.objects.create(recording=page.recording, start=5, end=8)
        client.force_login(curator)
        messages = self.messages(client.get(f"/admin/pages/{page.pk}/edit/"))
        assert any("still being prepared" in m for m in messages)

    def test_no_warning_when_it_plays_or_for_the_historian(self, client, section, curator):
        page = self.submitted(section, duration=60.0)
        client.force_login(curator)
        assert not [m for m in self.messages(client.get(f"/admin/pages/{page.pk}/edit/")) if "approv" in m]
        Recording.objects.filter(page=page).delete()
        client.force_login(page.owner)
        assert not [m for m in self.messages(client.get(f"/admin/pages/{page.pk}/edit/")) if "approv" in m]


# -- 6. a readable consent history ------------------------------------------------------


def test_the_consent_history_reads_in_words(rf, tree, curator):
    from oral_histories.tests.test_page import help_panels

    recording = oral_history(tree)
    community = CommunityFactory(slug="tunisians", name="Tunisians of Marseille")
    ConsentEvent.objects.create(
        recording=recording,
        user=curator,
        changes={
            "scope": ["public", "community"],
            "community": [None, community.pk],
            "embargo_until": [None, "2030-01-31"],
            "redactions": [[], [[166.0, 182.0], [3723.5, 3730.0]]],
            "consent_form": ["", "consent-forms/2025/01/signed.pdf"],
            "withdrawn_at": [None, "2025-03-01T10:00:00+00:00"],
        },
    )
    log = help_panels(recording, curator, rf)["consent_log.html"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", log))
    assert "Who may listen: Public → Community only" in text
    assert "Community: (none) → Tunisians of Marseille" in text
    assert "Embargoed until: (none) → Jan. 31, 2030" in text
    assert "Redacted passages: (none) → 0:02:46–0:03:02, 1:02:03.5–1:02:10" in text
    assert "Signed consent form: (none) → signed.pdf" in text
    assert "March 1, 2025" in text
    for raw in ("[[", "166.0", "community →", "2030-01-31", "consent-forms/"):
        assert raw not in text
