"""Consent is enforced on every surface: media, captions, transcripts, search, listings.

Each surface is asked for a public recording (it must answer) and for every kind of
closed one (it must not leak a byte, a line or a title that should stay hidden).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from oral_histories.consent import decide, public_segments
from oral_histories.factories import (
    CommunityFactory,
    OralHistoryPageFactory,
    RecordingFactory,
    TranscriptFactory,
)
from oral_histories.models import RedactedRange, Scope
from search.models import SearchDocument
from search.sync import rebuild_database

LINES = [
    (0.0, 4.0, "Fatma", "Je suis arrivée au port en 1962."),
    (4.0, 8.0, "Fatma", "Mon voisin s'appelait Karim Benali."),
    (8.0, 12.0, "Fatma", "Nous chantions le soir sur le quai."),
]


@pytest.fixture
def community(db):
    return CommunityFactory(slug="tunisians-of-marseille", name="Tunisians of Marseille")


@pytest.fixture
def member(community):
    user = get_user_model().objects.create_user(username="amel", password="pw")
    user.groups.add(community.members)
    return user


@pytest.fixture
def stranger(db):
    return get_user_model().objects.create_user(username="paul", password="pw")


def make(tree, **consent):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="The quay at night")
    recording = RecordingFactory(page=page, **consent)
    TranscriptFactory(recording=recording, language="fr", lines=LINES)
    return recording


CLOSED = {
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
}


def closed(tree, kind, community):
    consent = dict(CLOSED[kind])
    if kind == "community":
        consent["community"] = community
    return make(tree, **consent)


def urls(recording):
    return {
        "media": f"/en/recordings/{recording.pk}/media",
        "captions": f"/en/recordings/{recording.pk}/captions/fr.vtt",
        "srt": f"/en/recordings/{recording.pk}/transcript/fr.srt",
    }


class TestDecide:
    def test_public_is_open_to_everyone(self, tree):
        assert decide(make(tree, scope=Scope.PUBLIC)).allowed

    @pytest.mark.parametrize("kind", CLOSED)
    def test_closed_recordings_are_closed_to_visitors(self, tree, kind, community):
        decision = decide(closed(tree, kind, community))
        assert not decision.allowed
        assert decision.message

    def test_community_members_may_listen_and_others_may_not(self, tree, community, member, stranger):
        recording = closed(tree, "community", community)
        assert decide(recording, member).allowed
        assert decide(recording, stranger).reason == "community"
        assert decide(recording).reason == "login"

    def test_an_embargo_ends_on_its_date_without_anyone_acting(self, tree):
        recording = make(tree, scope=Scope.PUBLIC, embargo_until=datetime.date(2030, 6, 1))
        assert not decide(recording, today=datetime.date(2030, 5, 31)).allowed
        assert decide(recording, today=datetime.date(2030, 6, 1)).allowed

    def test_an_embargo_closes_even_a_community_recording_to_its_members(self, tree, community, member):
        recording = make(tree, scope=Scope.COMMUNITY, community=community, embargo_until=datetime.date(2099, 1, 1))
        assert decide(recording, member).reason == "embargoed"

    def test_withdrawal_closes_it_even_to_curators(self, tree, stranger):
        from django.contrib.auth.models import Permission

        stranger.user_permissions.add(Permission.objects.get(codename="listen_restricted"))
        stranger = get_user_model().objects.get(pk=stranger.pk)
        assert decide(make(tree, scope=Scope.RESTRICTED), stranger).allowed
        recording = closed(tree, "withdrawn", None)
        assert not decide(recording, stranger).allowed


class TestMediaAndTranscripts:
    def test_public_media_streams_with_byte_ranges_and_no_shared_caching(self, client, tree):
        recording = make(tree, scope=Scope.PUBLIC)
        response = client.get(urls(recording)["media"])
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"RIFF") and len(body) == recording.size
        assert response["Content-Type"] == "audio/wav"
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        ranged = client.get(urls(recording)["media"], HTTP_RANGE="bytes=4-11")
        assert ranged.status_code == 206
        assert ranged["Content-Range"] == f"bytes 4-11/{recording.size}"
        assert b"".join(ranged.streaming_content) == body[4:12]
        assert client.get(urls(recording)["media"], HTTP_RANGE=f"bytes={recording.size + 5}-").status_code == 416

    def test_captions_are_webvtt_and_leave_redacted_passages_out(self, client, tree):
        recording = make(tree, scope=Scope.PUBLIC)
        RedactedRange.objects.create(recording=recording, start=4.5, end=6.0, reason="A neighbour's name")
        response = client.get(urls(recording)["captions"])
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/vtt")
        assert response["Access-Control-Allow-Origin"] == "*"  # IIIF viewers elsewhere load it
        text = response.content.decode()
        assert text.startswith("WEBVTT")
        assert "Je suis arrivée" in text and "le quai" in text
        assert "Karim" not in text
        srt = client.get(urls(recording)["srt"]).content.decode()
        assert "Je suis arrivée" in srt and "Karim" not in srt

    def test_a_redacted_recording_is_not_played_from_its_master(self, client, tree):
        recording = make(tree, scope=Scope.PUBLIC)
        RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
        response = client.get(urls(recording)["media"])
        assert response.status_code == 503 and b"being prepared" in response.content

    @pytest.mark.parametrize("kind", CLOSED)
    @pytest.mark.parametrize("surface", ["media", "captions", "srt"])
    def test_closed_recordings_leave_nothing_through_any_file_view(self, client, tree, community, kind, surface):
        recording = closed(tree, kind, community)
        response = client.get(urls(recording)[surface])
        assert response.status_code == 404
        assert b"Karim" not in response.content and b"RIFF" not in response.content

    def test_a_member_hears_a_community_recording_after_logging_in(self, client, tree, community, member):
        recording = closed(tree, "community", community)
        assert client.get(urls(recording)["media"]).status_code == 404
        client.force_login(member)
        assert client.get(urls(recording)["media"]).status_code == 200
        assert "Karim" in client.get(urls(recording)["captions"]).content.decode()

    def test_a_draft_oral_history_serves_nothing(self, client, tree):
        recording = make(tree, scope=Scope.PUBLIC)
        recording.page.unpublish()
        assert client.get(urls(recording)["media"]).status_code == 404


class TestSearchAndListings:
    def test_the_index_carries_transcript_lines_only_of_public_recordings(self, tree, community):
        public = make(tree, scope=Scope.PUBLIC)
        assert [segment.text for _language, segment in public_segments(public)][0].startswith("Je suis")
        for kind in ("restricted", "community", "embargoed"):
            assert list(public_segments(closed(tree, kind, community))) == []

    def test_redacted_lines_never_reach_the_index(self, tree):
        recording = make(tree, scope=Scope.PUBLIC)
        RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
        texts = [segment["text"]["fr"] for segment in recording.page.search_segments()]
        assert texts and not any("Karim" in text for text in texts)

    def test_withdrawal_takes_the_page_out_of_search_at_once(self, tree, commit):
        recording = make(tree, scope=Scope.PUBLIC)
        commit()
        rebuild_database()
        document = SearchDocument.objects.get(page_id=recording.page_id)
        assert any("Karim" in segment["text"]["fr"] for segment in document.document["segments"])
        recording.withdrawn_at = timezone.now()
        recording.withdrawal_reason = "The narrator asked."
        recording.save()
        commit()
        assert not SearchDocument.objects.filter(page_id=recording.page_id).exists()

    def test_restricting_a_recording_takes_its_lines_out_of_search(self, tree, commit):
        recording = make(tree, scope=Scope.PUBLIC)
        commit()
        rebuild_database()
        recording.scope = Scope.RESTRICTED
        recording.save()
        commit()
        document = SearchDocument.objects.get(page_id=recording.page_id)
        assert document.document["segments"] == []
        assert "Karim" not in document.text

    def test_withdrawn_oral_histories_leave_every_listing(self, client, tree):
        kept = make(tree, scope=Scope.RESTRICTED)
        gone_page = OralHistoryPageFactory(parent=tree.oral_histories, title="Withdrawn memories", slug="gone")
        RecordingFactory(page=gone_page, withdrawn_at=timezone.now())
        for url in (tree.oral_histories.url, tree.home.url):
            html = client.get(url).content.decode()
            assert kept.page.title in html
            assert "Withdrawn memories" not in html

    def test_a_withdrawn_page_answers_gone_without_its_content(self, client, tree):
        recording = closed(tree, "withdrawn", None)
        response = client.get(recording.page.url)
        assert response.status_code == 410
        html = response.content.decode()
        assert "Karim" not in html and f"/recordings/{recording.pk}/" not in html


def test_release_embargoes_puts_lines_of_an_ended_embargo_into_search(tree):
    from django.core.management import call_command

    recording = make(tree, scope=Scope.PUBLIC, embargo_until=timezone.localdate() + datetime.timedelta(days=1))
    rebuild_database()
    assert SearchDocument.objects.get(page_id=recording.page_id).document["segments"] == []
    type(recording).objects.filter(pk=recording.pk).update(embargo_until=timezone.localdate())
    call_command("release_embargoes")
    assert SearchDocument.objects.get(page_id=recording.page_id).document["segments"]


def test_a_private_page_keeps_its_media_and_transcripts_private(client, tree):
    from wagtail.models import PageViewRestriction

    recording = make(tree, scope=Scope.PUBLIC)
    PageViewRestriction.objects.create(page=tree.oral_histories, restriction_type=PageViewRestriction.LOGIN)
    for url in urls(recording).values():
        assert client.get(url).status_code == 404
    client.force_login(get_user_model().objects.create_user(username="reader", password="pw"))
    assert client.get(urls(recording)["media"]).status_code == 200
