"""Out again (issue 16): an oral history as OHMS 6 XML, its index as WebVTT chapters and
as CSV, under the same consent as the transcript downloads; a round trip through OHMS
XML gives back the same index points and transcript text."""

import csv
import datetime
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from heritage.factories import PlaceFactory
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import IndexPoint, RedactedRange, Scope
from oral_histories.tests.test_admin_recording import curator, formsets  # noqa: F401
from oral_histories.transcripts import parse, parse_webvtt

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "transcripts"

FRENCH = [
    (0.0, 4.0, "Fatma", "Bonjour, je suis arrivée en 1962."),
    (4.0, 9.5, "Karim", "Par quel bateau ?"),
    (9.5, 15.0, "Fatma", "Le Ville d'Alger, depuis Tunis."),
    (15.0, 20.0, "Fatma", "Ma voisine s'appelait Mme Rachidi."),
]
ENGLISH = [
    (0.0, 4.0, "Fatma", "Hello, I arrived in 1962."),
    (4.0, 9.5, "Karim", "On which ship?"),
    (9.5, 15.0, "Fatma", "The Ville d'Alger, from Tunis."),
    (15.0, 20.0, "Fatma", "My neighbour was called Mrs Rachidi."),
]


def oral_history(tree, **kwargs):
    kwargs.setdefault("duration", 20.0)
    page = OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="Arriving in Marseille",
        accession="HC-OH-2020-001",
        collection_name_en="Port memories",
        keywords_en="port; arrival",
        recorded_on=datetime.date(2020, 2, 3),
    )
    recording = RecordingFactory(page=page, **kwargs)
    french = TranscriptFactory(recording=recording, language="fr", is_original=True, lines=FRENCH)
    french.footnotes = [
        {"number": "1", "text": "Le paquebot de la Compagnie de navigation mixte.", "url": "", "lines": [2]},
        {"number": "2", "text": "Nom changé.", "url": "https://example.org/n", "lines": [3]},
    ]
    french.save()
    TranscriptFactory(recording=recording, language="en", is_original=False, lines=ENGLISH)
    port = PlaceFactory(name_en="La Joliette", latitude=43.3047, longitude=5.3655)
    first = IndexPoint.objects.create(
        recording=recording,
        start=0,
        title_fr="L'arrivée",
        title_en="Arriving",
        synopsis_fr="Fatma arrive à Marseille.",
        keywords_fr="arrivée; 1962",
        subjects="Immigration",
        partial_transcript_fr="Bonjour, je suis arrivée",
        links=[{"url": "https://example.org/port", "text": "Le port"}],
        coordinates=[[36.8065, 10.1815]],
    )
    first.places.add(port)
    first.save()  # a ParentalManyToManyField is written on save
    IndexPoint.objects.create(
        recording=recording,
        start=15,
        title_fr="Les voisins",
        title_en="=Neighbours",
        partial_transcript_fr="Ma voisine",
    )
    return recording


def urls(recording) -> list[str]:
    return [
        reverse("oral_histories:ohms", args=[recording.pk]),
        reverse("oral_histories:chapters", args=[recording.pk, "en"]),
        reverse("oral_histories:index_csv", args=[recording.pk, "en"]),
    ]


class TestOhmsXml:
    def test_the_export_reads_back_as_ohms(self, client, tree):
        recording = oral_history(tree)
        response = client.get(reverse("oral_histories:ohms", args=[recording.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/xml; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        parsed = parse(response.content)
        assert [(s.start, s.end, s.speaker, s.text) for s in parsed.segments] == FRENCH
        assert [s.notes for s in parsed.segments] == [(), (), ("1",), ("2",)]
        assert parsed.footnotes[1].url == "https://example.org/n"
        assert parsed.alternate_language == "en"
        assert [s.text for s in parsed.alternate.segments] == [line[3] for line in ENGLISH]
        assert [(p.start, p.title) for p in parsed.index_points] == [(0.0, "L'arrivée"), (15.0, "Les voisins")]
        first = parsed.index_points[0]
        assert first.keywords == ("arrivée", "1962") and first.subjects == ("Immigration",)
        assert first.partial_transcript == "Bonjour, je suis arrivée"
        assert first.hyperlinks == (("https://example.org/port", "Le port"),)
        assert {(place.name, place.latitude, place.longitude) for place in first.places} == {
            ("La Joliette", 43.3047, 5.3655),
            ("", 36.8065, 10.1815),
        }
        assert [p.title for p in parsed.alternate.index_points] == ["Arriving", "=Neighbours"]
        assert parsed.fields["accession"] == ["HC-OH-2020-001"] and parsed.fields["date"] == ["2020-02-03"]
        assert parsed.fields["keyword"] == ["port", "arrival"]
        assert "file_name" not in parsed.fields  # the master's own name stays in

    def test_redacted_passages_leave_as_the_withheld_marker(self, client, tree):
        recording = oral_history(tree)
        RedactedRange.objects.create(recording=recording, start=15.5, end=18)
        content = client.get(reverse("oral_histories:ohms", args=[recording.pk])).content.decode()
        assert "Rachidi" not in content and "Nom changé" not in content and "example.org/n" not in content
        assert "Ma voisine" not in content  # the first words of the chapter that holds the passage
        assert "Le paquebot" in content  # the note of a line still shown
        parsed = parse(content.encode())
        # The marker of consent.visible_segments, in each transcript's language.
        assert parsed.segments[-1].text == "[passage non communiqué]"
        assert parsed.alternate.segments[-1].text == "[passage withheld]"
        assert parsed.index_points[1].partial_transcript == "[passage non communiqué]"

    def test_round_trip_into_a_fresh_oral_history(self, client, tree, curator):  # noqa: F811
        recording = oral_history(tree)
        exported = client.get(reverse("oral_histories:ohms", args=[recording.pk])).content
        fresh_page = OralHistoryPageFactory(parent=tree.oral_histories, title="Copy", languages_spoken="")
        fresh = RecordingFactory(page=fresh_page, duration=20.0)
        client.force_login(curator)
        response = client.post(
            f"/admin/snippets/oral_histories/recording/edit/{fresh.pk}/",
            formsets(
                page=fresh_page.pk,
                scope=Scope.PUBLIC,
                transcript_file=SimpleUploadedFile("copy.xml", exported),
                transcript_language="fr",
                transcript_is_original="on",
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        for language in ("fr", "en"):
            before = list(
                recording.transcripts.get(language=language).segments.values_list("start", "end", "speaker", "text")
            )
            after = list(
                fresh.transcripts.get(language=language).segments.values_list("start", "end", "speaker", "text")
            )
            assert after == before
        assert fresh.transcripts.get(language="fr").footnotes == recording.transcripts.get(language="fr").footnotes
        fields = ("start", "title_fr", "title_en", "synopsis_fr", "keywords_fr", "subjects", "partial_transcript_fr")

        def points(source):
            return [tuple(value or "" for value in row) for row in source.index_points.values_list(*fields)]

        assert points(fresh) == points(recording)
        old, new = recording.index_points.first(), fresh.index_points.first()
        assert new.links == old.links and new.coordinates == old.coordinates
        assert [place.pk for place in new.places.all()] == [place.pk for place in old.places.all()]
        draft = fresh_page.__class__.objects.get(pk=fresh_page.pk).get_latest_revision_as_object()
        assert draft.accession == "HC-OH-2020-001" and draft.collection_name_fr == "Port memories"
        assert draft.recorded_on == datetime.date(2020, 2, 3)


class TestIndexExports:
    def test_webvtt_chapters(self, client, tree):
        recording = oral_history(tree)
        response = client.get(reverse("oral_histories:chapters", args=[recording.pk, "en"]) + "?download=1")
        assert response["Content-Type"] == "text/vtt; charset=utf-8" and "attachment" in response["Content-Disposition"]
        cues = parse_webvtt(response.content.decode()).segments
        assert [(cue.start, cue.end, cue.text) for cue in cues] == [
            (0.0, 15.0, "Arriving"),
            (15.0, 20.0, "=Neighbours"),
        ]
        french = parse_webvtt(
            client.get(reverse("oral_histories:chapters", args=[recording.pk, "fr"])).content.decode()
        )
        assert [cue.text for cue in french.segments] == ["L'arrivée", "Les voisins"]

    def test_csv_for_a_spreadsheet(self, client, tree):
        recording = oral_history(tree)
        response = client.get(reverse("oral_histories:index_csv", args=[recording.pk, "fr"]))
        assert response["Content-Type"] == "text/csv; charset=utf-8" and "attachment" in response["Content-Disposition"]
        text = response.content.decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        assert rows[0]["start"] == "00:00:00.000" and rows[0]["title"] == "L'arrivée"
        assert rows[0]["keywords"] == "arrivée; 1962" and rows[0]["places"] == "La Joliette"
        assert rows[0]["coordinates"] == "43.3047, 5.3655 | 36.8065, 10.1815"
        assert rows[0]["links"] == "Le port <https://example.org/port>"
        english = list(csv.DictReader(io.StringIO(client.get(urls(recording)[2]).content.decode().lstrip("\ufeff"))))
        assert english[1]["title"] == "'=Neighbours"  # never a formula

    def test_a_language_the_site_is_not_in_is_not_found(self, client, tree):
        recording = oral_history(tree)
        assert client.get(f"/recordings/{recording.pk}/index/xx.csv", follow=True).status_code == 404
        assert client.get(f"/recordings/{recording.pk}/chapters/aeb.vtt", follow=True).status_code == 404


class TestConsent:
    @pytest.mark.parametrize(
        "consent",
        [
            {"scope": Scope.RESTRICTED},
            {"embargo_until": datetime.date(2999, 1, 1)},
            {"withdrawn_at": timezone.now(), "withdrawal_reason": "asked"},
        ],
    )
    def test_closed_recordings_never_leave(self, client, tree, consent):
        recording = oral_history(tree, **consent)
        for url in urls(recording):
            assert client.get(url).status_code == 404, url

    def test_community_only_for_its_members(self, client, tree, django_user_model):
        community = CommunityFactory()
        recording = oral_history(tree, scope=Scope.COMMUNITY, community=community)
        for url in urls(recording):
            assert client.get(url).status_code == 404
        member = django_user_model.objects.create_user(username="member", password="pw")
        member.groups.add(community.members)
        client.force_login(member)
        for url in urls(recording):
            assert client.get(url).status_code == 200

    def test_an_unpublished_page_keeps_them_in(self, client, tree):
        recording = oral_history(tree)
        recording.page.unpublish()
        for url in urls(recording):
            assert client.get(url).status_code == 404

    def test_the_page_links_the_exports(self, client, tree):
        recording = oral_history(tree)
        content = client.get(recording.page.url).content.decode()
        for url in urls(recording):
            assert f'href="{url}' in content
