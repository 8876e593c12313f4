"""The oral-history page as a visitor gets it: the player and transcripts when consent
allows, the consent notice and nothing of the recording when not; the listing badges;
the Recording edit view's read-only panels."""

import datetime
import re

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

import pytest

from heritage.factories import PersonFactory, PlaceFactory
from oral_histories.factories import (
    CommunityFactory,
    OralHistoryPageFactory,
    RecordingFactory,
    TranscriptFactory,
    wav_bytes,
)
from oral_histories.models import ConsentEvent, IndexPoint, Recording, RedactedRange, Scope
from oral_histories.transcript_parts import part_lines

pytestmark = pytest.mark.django_db

FRENCH = [
    (0.0, 4.0, "Fatma", "Bonjour, je suis arrivée en 1962."),
    (4.0, 9.5, "Karim", "Par quel bateau ?"),
    (9.5, 15.0, "Fatma", "Le Ville d'Alger, depuis Tunis."),
]
ARABIC = [
    (0.0, 4.0, "فاطمة", "مرحبا، وصلت سنة 1962."),
    (4.0, 9.5, "كريم", "على أي باخرة؟"),
    (9.5, 15.0, "فاطمة", "فيل دالجي، من تونس."),
]


def recording_with_transcripts(tree, **kwargs):
    kwargs.setdefault("duration", 75.0)
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving in Marseille")
    recording = RecordingFactory(page=page, **kwargs)
    TranscriptFactory(recording=recording, language="fr", is_original=True, lines=FRENCH)
    TranscriptFactory(recording=recording, language="ar", is_original=False, lines=ARABIC)
    return recording


def html(response) -> str:
    return response.content.decode()


def media_url(recording) -> str:
    return reverse("oral_histories:media", args=[recording.pk])


class TestPublicRecording:
    def test_plays_with_a_caption_track_per_transcript(self, client, tree):
        recording = recording_with_transcripts(tree)
        response = client.get(recording.page.url)
        assert response.status_code == 200
        content = html(response)
        audio = re.search(r"<audio[^>]*>", content).group(0)
        assert "controls" in audio
        assert 'preload="metadata"' in audio
        assert f'src="{media_url(recording)}"' in audio
        assert "<video" not in content
        tracks = re.findall(r"<track[^>]*>", content)
        assert len(tracks) == 2
        french = next(t for t in tracks if 'srclang="fr"' in t)
        arabic = next(t for t in tracks if 'srclang="ar"' in t)
        assert 'kind="captions"' in french
        assert f'src="{reverse("oral_histories:captions", args=[recording.pk, "fr"])}"' in french
        assert 'label="French"' in french
        assert " default" in french, "the original is the default track"
        assert " default" not in arabic

    def test_video_gets_a_video_element(self, client, tree):
        recording = recording_with_transcripts(tree, kind="video", mime_type="video/mp4")
        content = html(client.get(recording.page.url))
        assert re.search(r"<video[^>]*\bcontrols\b", content)
        assert "<audio" not in content

    def test_transcript_lines_link_to_their_time(self, client, tree):
        recording = recording_with_transcripts(tree)
        content = html(client.get(recording.page.url))
        assert "Le Ville d&#x27;Alger, depuis Tunis." in content
        assert '<b class="oh-line__speaker">Fatma:</b>' in content
        third = re.search(r'<li class="oh-line" data-start="9.5"[^>]*>(.*?)</li>', content, re.S).group(1)
        assert 'href="?t=9.5#player"' in third
        assert re.search(r">\s*00:09</a>", third)
        french = re.search(r'<ol class="oh-lines" lang="fr" dir="ltr">', content)
        arabic = re.search(r'<ol class="oh-lines" lang="ar" dir="rtl">', content)
        assert french and arabic

    def test_times_past_an_hour_read_h_mm_ss(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories)
        recording = RecordingFactory(page=page, duration=4000.0)
        TranscriptFactory(recording=recording, lines=[(59.9, 61, "", "Une minute."), (3725.5, 3730, "", "Plus tard.")])
        content = html(client.get(page.url))
        assert re.search(r">\s*0:00:59</a>", content)
        assert re.search(r">\s*1:02:05</a>", content)
        assert '<dd><span dir="ltr">1:06:40</span></dd>' in content, "the duration among the facts"

    def test_a_long_interview_renders_in_a_fixed_number_of_queries(self, client, tree, django_assert_max_num_queries):
        page = OralHistoryPageFactory(parent=tree.oral_histories)
        recording = RecordingFactory(page=page, duration=7200.0)
        lines = [
            (n * 4.0, n * 4.0 + 4, "Fatma" if n % 2 else "Karim", f"Line {n} of the interview.") for n in range(1500)
        ]
        TranscriptFactory(recording=recording, language="fr", lines=lines)
        TranscriptFactory(recording=recording, language="en", is_original=False, lines=lines)
        with django_assert_max_num_queries(40):
            content = html(client.get(page.url))
        # A part of each at a time (oral_histories.transcript_parts; test_transcript_parts.py).
        assert content.count('class="oh-line"') == 2 * part_lines()
        with django_assert_max_num_queries(40):
            last = html(client.get(page.url, {"t": "1:39:56"}))
        assert re.search(r">\s*1:39:56</a>", last), "the last line's time, in its part"

    def test_times_are_not_localised(self, client, tree):
        recording = recording_with_transcripts(tree)
        content = html(client.get(recording.page.url.replace("/en/", "/fr/", 1)))
        assert 'data-start="9.5"' in content
        assert "9,5" not in content

    def test_chapters_seek_and_describe(self, client, tree):
        recording = recording_with_transcripts(tree)
        harbour = PlaceFactory(name_en="Old Port", latitude="43.295100", longitude="5.374000")
        point = IndexPoint.objects.create(
            recording=recording,
            start=62.0,
            title_en="The crossing",
            title_fr="La traversée",
            synopsis_en="Two days at sea.",
            keywords_en="boat; family",
        )
        point.places.add(harbour)
        point.save()  # a ParentalManyToManyField writes on save
        content = html(client.get(recording.page.url))
        chapter = re.search(r'<li class="oh-chapter"[^>]*>(.*?)</li>\s*</ol>', content, re.S).group(1)
        assert 'href="?t=62#player"' in chapter
        assert "01:02" in chapter
        assert "The crossing" in chapter
        assert "Two days at sea." in chapter
        assert "<li>boat</li><li>family</li>" in chapter
        assert "mlat=43.295100&amp;mlon=5.374000" in chapter
        assert "Old Port" in chapter
        french = html(client.get(recording.page.url.replace("/en/", "/fr/", 1)))
        assert "La traversée" in french
        # The player has the index as a chapters track, in the visitor's language.
        track = re.search(r'<track kind="chapters"[^>]*>', french).group(0)
        assert f'src="/fr/recordings/{recording.pk}/chapters/fr.vtt"' in track
        assert 'srclang="fr"' in track
        vtt = client.get(f"/fr/recordings/{recording.pk}/chapters/fr.vtt").content.decode()
        assert vtt.startswith("WEBVTT") and "La traversée" in vtt

    def test_no_chapters_track_without_index_points(self, client, tree):
        recording = recording_with_transcripts(tree)
        assert 'kind="chapters"' not in html(client.get(recording.page.url))

    def test_start_time_becomes_a_media_fragment(self, client, tree):
        recording = recording_with_transcripts(tree)
        content = html(client.get(recording.page.url + "?t=30"))
        assert f'src="{media_url(recording)}#t=30"' in content
        assert 'data-start-at="30.0"' in content

    @pytest.mark.parametrize("value", ["500", "-3", "soon"])
    def test_a_start_time_outside_the_recording_is_ignored(self, client, tree, value):
        recording = recording_with_transcripts(tree)
        content = html(client.get(recording.page.url + f"?t={value}"))
        assert f'src="{media_url(recording)}"' in content
        assert "#t=" not in content

    def test_arabic_page_reads_right_to_left(self, client, tree):
        recording = recording_with_transcripts(tree)
        response = client.get(recording.page.url.replace("/en/", "/ar/", 1))
        assert response.status_code == 200
        content = html(response)
        assert '<html lang="ar" dir="rtl">' in content
        arabic = re.search(r'<ol class="oh-lines" lang="ar" dir="rtl">(.*?)</ol>', content, re.S).group(1)
        assert "على أي باخرة؟" in arabic
        assert '<ol class="oh-lines" lang="fr" dir="ltr">' in content, "the French transcript stays left to right"

    def test_downloads_and_player_script(self, client, tree):
        recording = recording_with_transcripts(tree)
        content = html(client.get(recording.page.url))
        assert reverse("oral_histories:srt", args=[recording.pk, "ar"]) in content
        assert reverse("oral_histories:captions", args=[recording.pk, "ar"]) + "?download=1" in content
        assert "oral_histories/player.js" in content
        assert "oral_histories/player.css" in content

    def test_redacted_passages_leave_only_the_transcript(self, client, tree):
        recording = recording_with_transcripts(tree)
        RedactedRange.objects.create(recording=recording, start=5.0, end=8.0, reason="A neighbour's name")
        content = html(client.get(recording.page.url))
        assert "<audio" not in content
        assert "<track" not in content
        assert media_url(recording) not in content
        assert "once a version without the redacted passages is ready" in content
        assert "Bonjour, je suis arrivée en 1962." in content
        assert "Par quel bateau" not in content, "the redacted line is left out"
        assert "?t=" not in content, "nothing to seek without a player"

    def test_an_access_copy_plays_with_the_passages_silenced(self, client, tree):
        recording = recording_with_transcripts(tree)
        RedactedRange.objects.create(recording=recording, start=5.0, end=8.0)
        recording.access_copy = ContentFile(wav_bytes(), name="access.wav")
        recording.access_copy_ranges = [[5.0, 8.0]]
        recording.access_copy_mime_type = "audio/wav"
        recording.access_copy_master = recording.sha256
        recording.save()
        content = html(client.get(recording.page.url))
        assert f'src="{media_url(recording)}"' in content
        assert "Some passages of this recording are silenced" in content
        assert "Par quel bateau" not in content
        assert 'href="?t=9.5#player"' in content

    def test_citation(self, client, tree):
        recording = recording_with_transcripts(tree)
        page = recording.page
        page.narrators.add(PersonFactory(name_en="Fatma Ben Salah"))
        page.interviewer = PersonFactory(name_en="Karim Haddad")
        page.place = PlaceFactory(name_en="Marseille")
        page.institution = tree.institution
        page.recorded_on = datetime.date(1998, 3, 12)
        page.save()
        content = html(client.get(page.url))
        citation = re.search(r'<p class="citation">(.*?)</p>', content, re.S).group(1)
        text = re.sub(r"</?bdi>", "", citation)
        assert text.startswith(
            "Fatma Ben Salah, “Arriving in Marseille”, interviewed by Karim Haddad, Marseille, March 12, 1998. "
            "Museum of Harbour Memories. Heritage Commons. "
        )
        assert '<span dir="ltr">http://testserver/en/oral-histories/' in citation
        assert f"{page.slug}/</span> (accessed " in citation
        page.title_fr = "Arriver à Marseille"
        page.save()
        french = html(client.get(page.url.replace("/en/", "/fr/", 1)))
        citation = re.search(r'<p class="citation">(.*?)</p>', french, re.S).group(1)
        assert "Arriver à Marseille" in citation
        assert "12 mars 1998" in citation
        assert '<span dir="ltr">http://testserver/fr/oral-histories/' in citation


class TestNotAllowed:
    @pytest.mark.parametrize(
        ("consent", "message"),
        [
            ({"scope": Scope.RESTRICTED}, "kept in the archive and cannot be heard or read online"),
            (
                {"scope": Scope.PUBLIC, "embargo_until": timezone.localdate() + datetime.timedelta(days=30)},
                "under embargo until",
            ),
            ({"scope": Scope.COMMUNITY}, "Members can listen after logging in"),
        ],
    )
    def test_anonymous_visitors_get_the_message_and_nothing_else(self, client, tree, consent, message):
        if consent["scope"] == Scope.COMMUNITY:
            consent["community"] = CommunityFactory()
        recording = recording_with_transcripts(tree, **consent)
        response = client.get(recording.page.url)
        assert response.status_code == 200
        content = html(response)
        assert message in content
        assert "<h1>Arriving in Marseille</h1>" in content
        for absent in (
            "<audio",
            "<video",
            "<track",
            "Bonjour, je suis arrivée",
            "على أي باخرة",
            media_url(recording),
            f"/recordings/{recording.pk}/",
            "player.js",
            'id="player"',
            "Transcript",
        ):
            assert absent not in content, absent

    def test_community_only_offers_a_login_link(self, client, tree):
        recording = recording_with_transcripts(tree, scope=Scope.COMMUNITY, community=CommunityFactory())
        content = html(client.get(recording.page.url))
        assert f'href="{reverse("wagtailcore_login")}?next={recording.page.url}"' in content
        assert client.get(f"{reverse('wagtailcore_login')}?next={recording.page.url}").status_code == 200

    def test_a_community_member_hears_it(self, client, tree, django_user_model):
        community = CommunityFactory()
        recording = recording_with_transcripts(tree, scope=Scope.COMMUNITY, community=community)
        member = django_user_model.objects.create_user("amira", password="x")  # noqa: S106
        member.groups.add(community.members)
        client.force_login(member)
        content = html(client.get(recording.page.url))
        assert "<audio" in content
        assert f'src="{media_url(recording)}"' in content
        assert "Bonjour, je suis arrivée en 1962." in content
        assert "Log in to listen" not in content

    def test_someone_outside_the_community_does_not(self, client, tree, django_user_model):
        recording = recording_with_transcripts(tree, scope=Scope.COMMUNITY, community=CommunityFactory())
        client.force_login(django_user_model.objects.create_user("outsider", password="x"))  # noqa: S106
        content = html(client.get(recording.page.url))
        assert "This recording is shared with its community only." in content
        assert "<audio" not in content
        assert "Bonjour, je suis arrivée" not in content
        assert "Log in to listen" not in content

    def test_withdrawn_is_gone(self, client, tree):
        recording = recording_with_transcripts(tree, withdrawn_at=timezone.now(), withdrawal_reason="Asked by family")
        page = recording.page
        page.narrators.add(PersonFactory(name_en="Fatma Ben Salah"))
        page.summary_en = "<p>Her crossing from Tunis in 1962.</p>"
        page.recorded_on = datetime.date(1998, 3, 12)
        page.save()
        response = client.get(page.url)
        assert response.status_code == 410
        content = html(response)
        assert "withdrawn at the narrator&#x27;s request" in content
        assert "Arriving in Marseille" in content
        for absent in (
            "Fatma Ben Salah",
            "Her crossing from Tunis",
            "1998",
            "Asked by family",
            "Bonjour",
            "<audio",
            media_url(recording),
            "citation",
        ):
            assert absent not in content, absent

    def test_no_recording_yet(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories)
        content = html(client.get(page.url))
        assert "once the narrator's consent has been recorded" in content
        assert "<audio" not in content


class TestListingBadges:
    def test_badges_say_who_may_listen(self, client, tree):
        def item(title, **consent):
            page = OralHistoryPageFactory(parent=tree.oral_histories, title=title)
            RecordingFactory(page=page, **consent)

        item("Open to all", scope=Scope.PUBLIC)
        item("Members", scope=Scope.COMMUNITY, community=CommunityFactory())
        item("Archive only", scope=Scope.RESTRICTED)
        item("Later", scope=Scope.PUBLIC, embargo_until=datetime.date(2099, 1, 31))
        OralHistoryPageFactory(parent=tree.oral_histories, title="No file")
        content = html(client.get(tree.oral_histories.url))
        cards = dict(re.findall(r'<a href="[^"]*">([^<]+)</a></h3>(.*?)</li>', content, re.S))
        assert set(cards) == {"Open to all", "Members", "Archive only", "Later", "No file"}
        assert "Community only" in cards["Members"]
        assert "Restricted" in cards["Archive only"]
        assert "Embargoed until Jan. 31, 2099" in cards["Later"]
        for quiet in ("Open to all", "No file"):
            assert "oral-history-access" not in cards[quiet]


def help_panels(recording, user, rf) -> dict[str, str]:
    """The Recording edit view's HelpPanels, bound as the view binds them, rendered by template name."""
    from wagtail.admin.panels import HelpPanel

    from oral_histories.wagtail_hooks import RecordingViewSet

    edit_handler = RecordingViewSet.edit_handler.bind_to_model(Recording)
    form = edit_handler.get_form_class()(instance=recording)
    request = rf.get("/admin/")
    request.user = user
    bound = edit_handler.get_bound_panel(instance=recording, form=form, request=request)
    rendered, todo = {}, [bound]
    while todo:
        panel = todo.pop()
        if isinstance(panel.panel, HelpPanel):
            rendered[panel.panel.template.rsplit("/", 1)[-1]] = panel.render_html()
        todo.extend(getattr(panel, "children", ()))
    return rendered


class TestAdminPanels:
    @pytest.fixture
    def curator(self, django_user_model):
        return django_user_model.objects.create_superuser("curator", "c@example.org", "x", first_name="Ines")

    def test_facts_transcripts_and_consent_history(self, rf, tree, curator):
        recording = recording_with_transcripts(tree, duration=3725.0, uploaded_by=curator)
        ConsentEvent.objects.create(
            recording=recording,
            user=curator,
            at=timezone.now() - datetime.timedelta(days=2),
            changes={"scope": [None, "restricted"]},
        )
        ConsentEvent.objects.create(recording=recording, user=curator, changes={"scope": ["restricted", "public"]})
        panels = help_panels(recording, curator, rf)
        assert {"recording_facts.html", "transcripts.html", "consent_log.html"} <= set(panels)

        facts = panels["recording_facts.html"]
        assert "1:02:05" in facts
        assert recording.sha256 in facts
        assert "128 kbit/s" in facts
        assert "WAV" in facts
        assert "Ines" in facts, "who uploaded it"

        table = panels["transcripts.html"]
        assert reverse("oral_histories:captions", args=[recording.pk, "fr"]) + "?download=1" in table
        assert reverse("oral_histories:srt", args=[recording.pk, "ar"]) in table
        assert re.search(r"<td>\s*3\s*</td>", table), "the number of lines"
        assert "Original" in table and "Translation" in table

        log = panels["consent_log.html"]
        assert log.index("Public") < log.index("(none)"), "newest first (scope by name: issue 16)"
        assert "Who may listen" in log
        assert "Ines" in log

    def test_a_new_recording_has_no_file_yet(self, rf, tree, curator):
        panels = help_panels(Recording(), curator, rf)
        assert "No file yet" in panels["recording_facts.html"]
        assert "No transcripts yet" in panels["transcripts.html"]
        assert "<table" not in panels["consent_log.html"]


def test_a_member_logs_in_on_the_public_site_and_hears_the_community_recording(client, tree):
    from django.contrib.auth import get_user_model

    from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
    from oral_histories.models import Scope

    community = CommunityFactory(slug="tunisians")
    member = get_user_model().objects.create_user(username="amel", password="pw")
    member.groups.add(community.members)
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Letters read aloud")
    RecordingFactory(page=page, scope=Scope.COMMUNITY, community=community)
    html = client.get(page.url).content.decode()
    assert "<audio" not in html
    login = client.get(f"/en/_util/login/?next={page.url}")
    assert login.status_code == 200
    assert 'class="site-header' in login.content.decode() or "<header" in login.content.decode()
    response = client.post("/en/_util/login/", {"username": "amel", "password": "pw", "next": page.url})
    assert response.status_code == 302 and response["Location"] == page.url
    assert "<audio" in client.get(page.url).content.decode()


def test_the_oral_history_section_lists_its_community_sections(client, tree):
    from oral_histories.factories import CommunityFactory, OralHistoryIndexPageFactory

    community = CommunityFactory(slug="tunisians", name="Tunisians of Marseille")
    OralHistoryIndexPageFactory(
        parent=tree.oral_histories, title="Tunisians of Marseille", slug="tunisians", community=community
    )
    html = client.get(tree.oral_histories.url).content.decode()
    assert "Communities" in html and "/oral-histories/tunisians/" in html
