"""Everything an OHMS export carries is kept, or said not to be (issue 16): the catalogue
record on the page, footnotes with the transcript, partial transcripts, the
alternate-language transcript and index; hostile files refused naming their line,
nothing half-saved."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from heritage.models import Person
from oral_histories.factories import RecordingFactory
from oral_histories.models import IndexPoint, OralHistoryPage, RedactedRange, Scope
from oral_histories.ohms import Report, apply_catalogue, language_code, person_name
from oral_histories.tests.test_admin_recording import curator, formsets, page  # noqa: F401
from oral_histories.transcripts import Footnote, TranscriptError, parse

DATA = Path(__file__).parent / "data" / "transcripts"
MARSEILLE = (DATA / "ohms_notes_alt_marseille.xml").read_bytes()
TUNIS = (DATA / "ohms6_annotations_tunis.xml").read_bytes()


def line_of(data: bytes, text: str) -> int:
    return data.decode().split("\n").index(next(row for row in data.decode().split("\n") if text in row)) + 1


class TestParsing:
    def test_legacy_footnotes_are_kept_with_the_lines_that_refer_to_them(self):
        parsed = parse(MARSEILLE, duration=600)
        assert parsed.footnotes == [
            Footnote("1", "Le bassin de la Joliette, ouvert en 1853."),
            Footnote("2", "Le Café des Épices, fermé en 1987.", "https://example.org/cafe-des-epices"),
        ]
        assert [segment.notes for segment in parsed.segments] == [(), ("1", "2")]
        assert all("[[" not in segment.text for segment in parsed.segments)
        assert "la Joliette toute ma vie" in parsed.segments[1].text

    def test_ohms6_annotations_and_their_references(self):
        parsed = parse(TUNIS)
        assert [note.number for note in parsed.footnotes] == ["1", "2"]
        assert parsed.footnotes[1].url == "https://example.org/zohra"
        assert [segment.notes for segment in parsed.segments] == [(), ("1",), ("2",)]
        assert parsed.segments[1].text == "Je suis partie sur le Ville de Tunis en 1962."
        assert not any("ANNOTATIONS" in segment.text or "annotation" in segment.text for segment in parsed.segments)

    def test_the_alternate_transcript_and_index(self):
        parsed = parse(MARSEILLE, duration=600)
        assert parsed.alternate_language == "English"
        alternate = parsed.alternate
        assert [segment.text for segment in alternate.segments][0] == "It is 21 May 2019, in the Panier."
        assert alternate.footnotes == [Footnote("1", "The Joliette basin, opened in 1853.")]
        assert [(point.start, point.title) for point in alternate.index_points] == [
            (0.0, "Introduction"),
            (60.0, "La Joliette"),
        ]
        assert alternate.index_points[0].partial_transcript == "It is 21 May 2019"
        tunis = parse(TUNIS)
        assert tunis.alternate_language == "ar" and tunis.alternate.segments[0].text == "نحن في حلق الوادي."

    def test_the_record_keeps_repeated_fields_apart(self):
        fields = parse(MARSEILLE, duration=600).fields
        assert fields["interviewee"] == ["Haddad, Youssef", "Haddad, Leïla"]
        assert fields["subject"] == ["Immigration", "Port de Marseille"]
        assert fields["mediafile"] == ["host: Other; clip_format: audio"]

    def test_a_partial_sync_says_how_far_the_transcript_follows(self):
        assert parse(MARSEILLE, duration=600).covered_until == 120.0

    def test_a_footnote_link_that_is_not_a_web_address_is_refused_with_its_line(self):
        data = MARSEILLE.replace(b"https://example.org/cafe-des-epices", b"javascript:alert(1)")
        with pytest.raises(TranscriptError) as excinfo:
            parse(data)
        assert excinfo.value.line == line_of(data, "[[footnotes]]") and "javascript" in excinfo.value.reason

    def test_an_unclosed_annotation_is_refused_with_its_line(self):
        data = TUNIS.replace(b"(1921-2004). [[link]]https://example.org/zohra[[/link]]</annotation>", b"(1921-2004).")
        with pytest.raises(TranscriptError) as excinfo:
            parse(data)
        assert excinfo.value.line == line_of(data, "Zohra Ben Ali") and "</annotation>" in excinfo.value.reason

    def test_a_bad_sync_alt_is_refused_naming_its_line(self):
        data = MARSEILLE.replace(b"<sync_alt>1:|3(1)</sync_alt>", b"<sync_alt>1:|99(1)</sync_alt>")
        with pytest.raises(TranscriptError) as excinfo:
            parse(data)
        assert excinfo.value.line == line_of(data, "<sync_alt>") and "99" in excinfo.value.reason

    def test_a_bad_cue_in_vtt_transcript_alt_names_the_line_of_the_xml_file(self):
        data = TUNIS.replace(
            "00:00:11.000 --> 00:00:14.000\n<v Fatma Ben Ali>مع".encode(), "00:00:11 --> x\nمع".encode()
        )
        with pytest.raises(TranscriptError) as excinfo:
            parse(data)
        assert excinfo.value.line == line_of(data, "00:00:11 --> x")

    def test_references_to_notes_the_file_does_not_give_are_said(self):
        parsed = parse(TUNIS.replace(b"<c.2></c>", b"<c.7></c>"))
        assert parsed.segments[2].notes == ()
        assert any("7" in warning for warning in parsed.warnings)

    def test_what_the_index_gives_and_is_not_kept_is_said(self):
        data = MARSEILLE.replace(
            b"<subjects>Immigration</subjects>",
            b"<subjects>Immigration</subjects><subjects_alt>Immigration</subjects_alt><mood>calm</mood>",
        )
        warnings = " ".join(parse(data, duration=600).warnings)
        assert "<subjects_alt>" in warnings and "<gps_zoom>" in warnings and "<mood>" in warnings

    def test_languages_and_names_as_ohms_writes_them(self):
        assert [language_code(value) for value in ("English", "fra", "ger", "ar", "Tunisian Arabic", "Klingon")] == [
            "en",
            "fr",
            "de",
            "ar",
            "aeb",
            "",
        ]
        assert person_name("Haddad, Youssef") == "Youssef Haddad" and person_name("Fatma Ben Ali") == "Fatma Ben Ali"


def post(client, recording, page, data, name="haddad.xml", language="fr", **extra):  # noqa: F811
    return client.post(
        f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
        formsets(
            page=page.pk,
            scope=Scope.PUBLIC,
            transcript_file=SimpleUploadedFile(name, data),
            transcript_language=language,
            transcript_is_original="on",
            **extra,
        ),
    )


class TestImport:
    def test_everything_goes_somewhere_or_is_said(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        response = post(client, recording, page, MARSEILLE)
        assert response.status_code == 302, response.context["form"].errors
        recording.refresh_from_db()
        french = recording.transcripts.get(language="fr")
        assert french.is_original and french.covered_until == 120.0 and french.partial_until == 120.0
        assert [note["number"] for note in french.footnotes] == ["1", "2"]
        assert french.footnotes[1]["url"] == "https://example.org/cafe-des-epices"
        assert french.footnotes[0]["lines"] == [1]
        english = recording.transcripts.get(language="en")
        assert not english.is_original and english.segments.first().text == "It is 21 May 2019, in the Panier."
        points = list(recording.index_points.all())
        assert [(p.title_fr, p.title_en) for p in points] == [
            ("Présentation", "Introduction"),
            ("La Joliette", "La Joliette"),
        ]
        assert points[0].partial_transcript_fr == "Nous sommes le 21 mai 2019"
        assert points[0].partial_transcript_en == "It is 21 May 2019"
        assert points[1].subjects == "Port de Marseille" and points[1].links[0]["url"] == "https://example.org/joliette"

        draft = OralHistoryPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert draft.accession == "HC-OH-2019-012"
        assert draft.collection_name_fr == "Mémoires du Panier" and draft.series_name_fr == "Les dockers"
        assert draft.keywords_fr == "dockers; Joliette" and draft.subjects_fr == "Immigration; Port de Marseille"
        assert draft.rights_statement_fr.startswith("Reproduction soumise")
        assert draft.usage_fr == "Usage éducatif et de recherche."
        assert draft.funding_fr.startswith("Région Sud")
        assert str(draft.recorded_on) == "2019-05-21"
        assert draft.summary_fr == (
            "<p>Youssef et Leïla Haddad racontent le port de la Joliette.</p><p>Enregistré chez eux, au Panier.</p>"
        )
        assert sorted(person.name for person in draft.narrators.all()) == ["Leïla Haddad", "Youssef Haddad"]
        assert draft.interviewer.name == "Claire Martin"
        assert Person.objects.filter(name_en="Youssef Haddad").count() == 1

        [report] = recording.import_report
        assert report["file"] == "haddad.xml"
        kept, not_kept = " ".join(report["kept"]), " ".join(report["not_kept"])
        assert "2 footnotes" in kept and "partial transcript" in kept.lower() and "English" in kept
        assert "new draft" in kept
        for name in ("<mediafile>", "<user_notes>", "<date_nontext>", "<collection_id>", "<duration>", "<repository>"):
            assert name in not_kept, name
        assert "Benali, Sami" in not_kept and "one interviewer" in not_kept
        assert "<language> “French”" in not_kept  # the page already gives aeb, fr
        assert "title" in not_kept

    def test_the_editor_reads_what_was_kept(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        post(client, recording, page, MARSEILLE)
        content = client.get(f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/").content.decode()
        assert "What the last import kept" in content and "&lt;mediafile&gt;" in content
        assert f"/recordings/{recording.pk}/ohms.xml" in content
        assert f"/recordings/{recording.pk}/index/en.csv" in content
        page_editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert f"/recordings/{recording.pk}/ohms.xml" in page_editor
        assert f"/recordings/{recording.pk}/chapters/en.vtt?download=1" in page_editor

    def test_the_page_shows_the_notes_and_says_the_transcript_is_partial(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        post(client, recording, page, MARSEILLE)
        client.logout()
        content = client.get(page.url).content.decode()
        assert "[[footnote" not in content and "[[note" not in content
        assert 'href="#note-fr-2"' in content and 'id="note-fr-2"' in content
        assert 'href="https://example.org/cafe-des-epices"' in content
        assert "Le bassin de la Joliette, ouvert en 1853." in content
        assert "Partial transcript: it follows the recording up to 02:00 of 10:00." in content

    def test_a_note_that_only_withheld_lines_refer_to_is_withheld(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        post(client, recording, page, MARSEILLE)
        client.logout()
        RedactedRange.objects.create(recording=recording, start=70, end=80)
        content = client.get(page.url).content.decode()
        assert "Le Café des Épices" not in content and "cafe-des-epices" not in content
        assert "toute ma vie" not in content

    def test_an_alternate_transcript_in_an_unknown_language_is_said_not_kept(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        data = MARSEILLE.replace(b"<transcript_alt_lang>English", b"<transcript_alt_lang>Klingon")
        assert post(client, recording, page, data).status_code == 302
        recording.refresh_from_db()
        assert list(recording.transcripts.values_list("language", flat=True)) == ["fr"]
        assert not recording.index_points.filter(title_en="Introduction").exists()
        assert "Klingon" in " ".join(recording.import_report[0]["not_kept"])

    def test_ohms6_with_an_arabic_alternate(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=30)
        client.force_login(curator)
        assert post(client, recording, page, TUNIS, name="benali.xml").status_code == 302
        arabic = recording.transcripts.get(language="ar")
        assert arabic.footnotes[0]["lines"] == [1] and arabic.segments.count() == 3
        point = recording.index_points.get()
        assert point.title_fr == "Le départ" and point.title_ar == "الرحيل"
        content = client.get(page.url).content.decode()
        assert 'id="note-ar-1"' in content and "Zohra Ben Ali (1921-2004)." in content

    def test_a_hostile_file_is_refused_naming_its_line_and_nothing_is_half_saved(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        revisions = page.revisions.count()
        client.force_login(curator)
        data = MARSEILLE.replace(b"<sync_alt>1:|3(1)</sync_alt>", b"<sync_alt>1:|3(1)|zz</sync_alt>")
        response = post(client, recording, page, data)
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors["transcript_file"])
        assert f"Line {line_of(data, '<sync_alt>')}" in errors and "zz" in errors
        assert not recording.transcripts.exists() and not IndexPoint.objects.filter(recording=recording).exists()
        assert page.revisions.count() == revisions and not Person.objects.filter(name_en="Youssef Haddad").exists()
        recording.refresh_from_db()
        assert recording.import_report == []

    @pytest.mark.parametrize(
        "data",
        [
            b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaa'>]><ROOT><record>&a;</record></ROOT>",
            b"<ROOT><record><vtt_transcript>WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n"
            b"NOTE ANNOTATIONS BEGIN\n&lt;annotation ref='1'&gt;</vtt_transcript></record></ROOT>",
            b"<ROOT><record><transcript>x [[footnotes]][[note]][[/note]][[/footnotes]]</transcript></record></ROOT>",
        ],
    )
    def test_malformed_files_never_500(self, client, curator, page, data):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        response = post(client, recording, page, data, name="bad.xml")
        assert response.status_code == 200 and response.context["form"].errors["transcript_file"]
        assert not recording.transcripts.exists()


class TestCatalogue:
    def test_never_over_what_the_page_says(self, page):  # noqa: F811
        page.accession = "HC-1"
        report = Report(file="x.xml")
        changed = apply_catalogue(
            page, {"accession": ["HC-2"], "series_name": ["Les dockers"]}, language="fr", report=report
        )
        assert changed and page.accession == "HC-1" and page.series_name_fr == "Les dockers"
        assert "HC-1" in report.not_kept[0] and "HC-2" in report.not_kept[0]

    def test_a_language_the_site_is_not_in_fills_the_default_fields(self, page):  # noqa: F811
        report = Report(file="x.xml")
        apply_catalogue(page, {"collection_name": ["Hkeyet Tounes"]}, language="aeb", report=report)
        assert page.collection_name_en == "Hkeyet Tounes"

    def test_an_unreadable_date_and_an_unknown_field_are_said(self, page):  # noqa: F811
        report = Report(file="x.xml")
        apply_catalogue(page, {"date": ["le 4 mai"], "flavour": ["vanilla"]}, language="fr", report=report)
        assert page.recorded_on is None
        assert len(report.not_kept) == 2 and "<flavour>" in report.not_kept[1]
