"""Transcript import and export: every format's happy path, every refusal with its line, the writers."""

import time
from pathlib import Path

import pytest

from oral_histories.transcripts import (
    FORMATS,
    IndexPoint,
    ParsedTranscript,
    Place,
    Segment,
    TranscriptError,
    detect_format,
    format_timestamp,
    parse,
    parse_ohms,
    parse_srt,
    parse_text,
    parse_timestamp,
    parse_webvtt,
    to_srt,
    to_webvtt,
)

DATA = Path(__file__).parent / "data" / "transcripts"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def lines(*rows: str) -> str:
    """A file from its lines, so a test can count them."""
    return "\n".join(rows) + "\n"


def refused(text: str | bytes, **kwargs) -> TranscriptError:
    with pytest.raises(TranscriptError) as excinfo:
        parse(text, **kwargs)
    return excinfo.value


MARSEILLE_VTT = [
    Segment(0.0, 4.5, "Bonjour Madame Dubois, merci de nous recevoir.", "Intervieweuse"),
    Segment(
        4.5,
        11.25,
        "Je suis née en 1941, rue des Repenties,\nau Panier, juste derrière la Vieille Charité.",
        "Marie Dubois",
    ),
    Segment(11.0, 15.0, "Et vos parents, d'où venaient-ils ?", "Intervieweuse"),
    Segment(
        15.0,
        22.04,
        "Mon père était docker à la Joliette & ma mère\nvenait de Procida, près de Naples.",
        "Marie Dubois",
    ),
    Segment(22.04, 26.0, "On parlait napolitain à la maison.", "MARIE DUBOIS"),
]

ALGER_VTT = [
    Segment(1.0, 6.0, "وُلدتُ في حي القصبة سنة ١٩٥٢.", "فاطمة الزهراء بن علي"),
    Segment(6.0, 12.5, "كان أبي يعمل في الميناء،\nوكانت أمي تخيط الملابس.", "فاطمة الزهراء بن علي"),
    Segment(12.5, 15.0, "ومتى وصلتم إلى مرسيليا؟", "المحاورة"),
]

LYON_SRT = [
    Segment(2.0, 7.48, "Vous êtes arrivé à Lyon en quelle année ?", "INTERVIEWER"),
    Segment(7.48, 15.12, "En 1962, avec mon oncle.\nOn a d'abord habité à la Guillotière.", "AHMED BENSAÏD"),
    Segment(15.12, 21.0, "Il rit. C'était une autre époque, vous savez.", ""),
    Segment(21.0, 28.3, "Les hivers étaient durs.\nMa mère disait : « الغربة صعبة ».", "Ahmed Bensaïd"),
]

HAMBURG_TXT = [
    Segment(0.0, 6.5, "Frau Yılmaz, wann sind Sie nach Hamburg gekommen?", "INTERVIEWERIN"),
    Segment(
        6.5,
        75.0,
        "Im Herbst 1971. Mein Mann arbeitete schon seit zwei Jahren bei Blohm + Voss.\n"
        "Wir wohnten zuerst in Wilhelmsburg, [1971–1975] in der Veringstraße.",
        "Ayşe Yılmaz",
    ),
    Segment(75.0, 92.0, "Und die Sprache?", "INTERVIEWERIN"),
    Segment(92.0, None, "Deutsch habe ich im Nähkurs gelernt, nicht in der Schule.", "Ayşe Yılmaz"),
]


# --- Timestamps ------------------------------------------------------------------------------


class TestTimestamps:
    @pytest.mark.parametrize(
        ("value", "seconds"),
        [
            ("01:02:05.500", 3725.5),
            ("02:05.500", 125.5),
            ("01:02:05,500", 3725.5),
            ("[01:02:05]", 3725.0),
            ("[02:05]", 125.0),
            ("1:23:45", 5025.0),
            ("00:00:01.5", 1.5),
            ("100:00:00.001", 360000.001),
        ],
    )
    def test_parse_timestamp(self, value, seconds):
        assert parse_timestamp(value) == seconds

    @pytest.mark.parametrize(
        "value", ["", "abc", "1:2", "00:61:00.000", "00:00:60.000", "[00:01:00", "-00:00:01", "00:01:02.0001", "1995"]
    )
    def test_parse_timestamp_refuses_nonsense(self, value):
        with pytest.raises(ValueError):
            parse_timestamp(value)

    @pytest.mark.parametrize(
        ("seconds", "separator", "text"),
        [
            (3725.5, ".", "01:02:05.500"),
            (3725.5, ",", "01:02:05,500"),
            (0, ".", "00:00:00.000"),
            (59.9996, ".", "00:01:00.000"),
            (360000.001, ".", "100:00:00.001"),
        ],
    )
    def test_format_timestamp(self, seconds, separator, text):
        assert format_timestamp(seconds, separator=separator) == text

    def test_format_timestamp_refuses_negative_time(self):
        with pytest.raises(ValueError):
            format_timestamp(-1)

    def test_millisecond_precision_survives_a_round_trip(self):
        assert parse_timestamp(format_timestamp(1.0 / 3)) == 0.333


class TestTranscriptError:
    def test_with_a_line(self):
        error = TranscriptError("the cue has no text.", line=14)
        assert (error.line, error.reason, str(error)) == (14, "the cue has no text.", "Line 14: the cue has no text.")
        assert isinstance(error, ValueError)

    def test_without_a_line(self):
        error = TranscriptError("The transcript has no timed text.")
        assert (error.line, str(error)) == (None, "The transcript has no timed text.")


# --- Detection and decoding ------------------------------------------------------------------


class TestDetectFormat:
    @pytest.mark.parametrize(
        ("data", "filename", "expected"),
        [
            ("WEBVTT\n\n00:00.000 --> 00:01.000\nSalut", "", "webvtt"),
            ("WEBVTT - Entretien\n", "notes.txt", "webvtt"),  # the content outweighs the name
            ('<?xml version="1.0"?>\n<ROOT/>', "", "ohms"),
            ("<ROOT><record/></ROOT>", "", "ohms"),
            ("1\n00:00:01,000 --> 00:00:02,000\nSalut", "", "srt"),
            ("\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nSalut", "sous-titres.vtt", "srt"),
            ("[00:00:00] Bonjour", "", "text"),
            ("Bonjour", "entretien.VTT", "webvtt"),
            ("Bonjour", "entretien.srt", "srt"),
            ("Bonjour", "ohms-export.xml", "ohms"),
            ("Bonjour", "transcription.txt", "text"),
            ("00:00:01.000 --> 00:00:02.000\nSalut", "", "webvtt"),  # cues without their header
        ],
    )
    def test_detects(self, data, filename, expected):
        assert detect_format(data, filename) == expected

    def test_formats(self):
        assert FORMATS == ("webvtt", "srt", "ohms", "text")


class TestDecoding:
    def test_a_bom_and_crlf_change_nothing(self):
        original = fixture("temoignage_lyon_fr.srt")
        windows = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
        assert parse(windows).segments == parse(original).segments == LYON_SRT

    def test_old_mac_line_endings(self):
        assert parse(fixture("interview_hamburg_de.txt").replace(b"\n", b"\r")).segments == HAMBURG_TXT

    def test_a_string_with_a_bom(self):
        assert parse("\ufeff" + fixture("shahada_alger_ar.vtt").decode()).segments == ALGER_VTT

    def test_line_numbers_count_crlf_lines_once(self):
        data = lines("1", "00:00:01,000 --> 00:00:02,000", "Bonjour", "", "2", "00:00:03,000 --> 00:00:02,000", "Oui")
        error = refused(b"\xef\xbb\xbf" + data.replace("\n", "\r\n").encode())
        assert error.line == 6

    @pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
    def test_text_that_is_not_utf8_names_the_line_of_the_first_bad_byte(self, newline):
        rows = [b"WEBVTT", b"", b"00:00:01.000 --> 00:00:02.000", b"Bonjour", b"", b"00:00:02.000 --> 00:00:03.000"]
        data = newline.join([*rows, "Café".encode("latin-1"), "Déjà".encode("latin-1"), b""])
        error = refused(data)
        assert error.line == 7
        assert str(error) == (
            "Line 7: the file is not UTF-8 text (the byte 0xE9 cannot be read). Save it as UTF-8 and upload it again."
        )

    @pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", "  \n\n\t\n", b"\r\n\r\n"])
    def test_empty_input(self, data):
        error = refused(data, filename="vide.vtt")
        assert (str(error), error.line) == ("The transcript has no timed text.", None)

    def test_an_unknown_format_is_refused(self):
        assert "“docx” is not a transcript format" in str(refused("[00:00:00] x", format="docx"))

    @pytest.mark.parametrize(
        ("reader", "name"),
        [
            (parse_webvtt, "entretien_marseille_fr.vtt"),
            (parse_srt, "temoignage_lyon_fr.srt"),
            (parse_text, "interview_hamburg_de.txt"),
        ],
    )
    def test_the_format_readers_accept_a_bom_and_crlf_too(self, reader, name):
        text = fixture(name).decode()
        assert reader("\ufeff" + text.replace("\n", "\r\n")) == reader(text)

    def test_the_format_argument_overrides_detection(self):
        # Read as plain text, a WebVTT file is text before the first timestamp.
        assert refused(fixture("shahada_alger_ar.vtt"), format="text").line == 1


# --- WebVTT ----------------------------------------------------------------------------------


class TestWebVTT:
    def test_french_interview_with_notes_styles_identifiers_settings_tags_and_speakers(self):
        parsed = parse(fixture("entretien_marseille_fr.vtt"), filename="entretien_marseille_fr.vtt")
        assert parsed == ParsedTranscript(format="webvtt", segments=MARSEILLE_VTT, index_points=[], metadata={})

    def test_arabic_speakers_from_voice_tags(self):
        assert parse_webvtt(fixture("shahada_alger_ar.vtt").decode()).segments == ALGER_VTT

    def test_minute_only_timestamps_and_a_header_without_text(self):
        parsed = parse_webvtt(lines("WEBVTT", "", "00:01.000 --> 01:02.250", "Salut"))
        assert parsed.segments == [Segment(1.0, 62.25, "Salut")]

    def test_zero_length_cue_and_equal_starts_are_accepted(self):
        data = lines("WEBVTT", "", "00:00:01.000 --> 00:00:01.000", "A", "", "00:00:01.000 --> 00:00:02.000", "B")
        assert [s.start for s in parse_webvtt(data).segments] == [1.0, 1.0]

    def test_the_exact_message_for_an_end_before_its_start(self):
        data = lines(
            "WEBVTT",
            "",
            "00:00:58.000 --> 00:01:00.000",
            "<v Marie>Alors, on commence.",
            "",
            "00:01:00.000 --> 00:01:03.500",
            "<v Marie>Je suis née à Oran,",
            "en 1948.",
            "",
            "NOTE la bande saute ici",
            "et reprend plus loin",
            "",
            "cue-3",
            "00:01:05.000 --> 00:01:02.000",
            "<v Marie>C'était en hiver.",
        )
        error = refused(data)
        assert str(error) == "Line 14: the end time 00:01:02.000 is before the start time 00:01:05.000."
        assert (error.line, error.reason) == (14, "the end time 00:01:02.000 is before the start time 00:01:05.000.")

    @pytest.mark.parametrize(
        ("rows", "line", "reason"),
        [
            (("00:00:01.000 --> 00:00:02.000", "Bonjour"), 1, "must begin with the line “WEBVTT”"),
            (("WEBVTTX", "", "00:00:01.000 --> 00:00:02.000", "Bonjour"), 1, "must begin with the line “WEBVTT”"),
            (("", "WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "Bonjour"), 1, "must begin with the line “WEBVTT”"),
            (("WEBVTT", "00:00:01.000 --> 00:00:02.000", "Bonjour"), 2, "leave a blank line between the WEBVTT"),
            (("WEBVTT", "", "00:00:01 --> 00:00:02.000", "Bonjour"), 3, "“00:00:01” is not a timestamp"),
            (("WEBVTT", "", "00:00:01.5 --> 00:00:02.000", "Bonjour"), 3, "“00:00:01.5” is not a timestamp"),
            (("WEBVTT", "", "00:00:01,000 --> 00:00:02,000", "Bonjour"), 3, "“00:00:01,000” is not a timestamp"),
            (("WEBVTT", "", "00:60:00.000 --> 01:00:02.000", "Bonjour"), 3, "minutes and seconds must be below 60"),
            (("WEBVTT", "", "00:00:01.000 --> 00:00:60.000", "Bonjour"), 3, "minutes and seconds must be below 60"),
            (("WEBVTT", "", "00:00:01.000 -->", "Bonjour"), 3, "no end time"),
            (("WEBVTT", "", "id-1", "00:00:03.000 --> 00:00:02.000", "Bonjour"), 4, "end time 00:00:02.000 is before"),
            (("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "", "00:00:03.000 --> 00:00:04.000"), 3, "has no text"),
            (("WEBVTT", "", "00:00:01.000 --> 00:00:02.000"), 3, "has no text"),
            (("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "<i></i>"), 3, "has no text"),
            (
                ("WEBVTT", "", "00:00:05.000 --> 00:00:06.000", "A", "", "00:00:04.999 --> 00:00:07.000", "B"),
                6,
                "the cue starts at 00:00:04.999, before the previous cue (00:00:05.000)",
            ),
            (
                ("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "A", "00:00:02.000 --> 00:00:03.000", "B"),
                5,
                "must be separated from the one before by a blank line",
            ),
            (
                ("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "Bonjour", "", "et bienvenue"),
                6,
                "expected a cue timing such as “00:01:05.000 --> 00:01:05.000” but found “et bienvenue”",
            ),
            (("WEBVTT", "", "id-1", "Bonjour"), 3, "but found “id-1”"),
            (("WEBVTT", "", "NOTE ceci est ignoré", ""), None, "The transcript has no timed text."),
        ],
    )
    def test_refusals_name_the_line(self, rows, line, reason):
        error = refused(lines(*rows), filename="entretien.vtt")
        assert error.line == line
        assert reason in error.reason

    def test_a_small_overlap_with_the_previous_cue_is_allowed(self):
        segments = parse_webvtt(fixture("entretien_marseille_fr.vtt").decode()).segments
        assert segments[2].start < segments[1].end

    def test_two_thousand_cues_parse_quickly(self):
        cues = [
            f"{format_timestamp(n * 2.0)} --> {format_timestamp(n * 2.0 + 1.9)}\n<v Marie>Phrase numéro {n}."
            for n in range(2000)
        ]
        data = "WEBVTT\n\n" + "\n\n".join(cues) + "\n"
        began = time.perf_counter()
        parsed = parse(data)
        elapsed = time.perf_counter() - began
        assert len(parsed.segments) == 2000
        assert parsed.segments[-1] == Segment(3998.0, 3999.9, "Phrase numéro 1999.", "Marie")
        assert elapsed < 1.0, f"2,000 cues took {elapsed:.2f} s"


# --- SubRip ----------------------------------------------------------------------------------


class TestSrt:
    def test_french_and_arabic_with_speakers_positions_and_tags(self):
        parsed = parse(fixture("temoignage_lyon_fr.srt"), filename="temoignage_lyon_fr.srt")
        assert parsed == ParsedTranscript(format="srt", segments=LYON_SRT, index_points=[], metadata={})

    def test_a_full_stop_before_the_milliseconds_is_tolerated(self):
        assert parse_srt(lines("1", "00:00:01.000 --> 00:00:02.500", "Oui")).segments == [Segment(1.0, 2.5, "Oui")]

    @pytest.mark.parametrize(
        ("rows", "line", "reason"),
        [
            (("un", "00:00:01,000 --> 00:00:02,000", "Bonjour"), 1, "the cue number “un” is not a number"),
            (("00:00:01,000 --> 00:00:02,000", "Bonjour"), 1, "the cue number is missing"),
            (("1", "Bonjour"), 2, "expected a cue timing such as “00:01:05,000 --> 00:01:05,000” but found “Bonjour”"),
            (("1", "", "00:00:01,000 --> 00:00:02,000", "A"), 1, "00:01:05,000” after the cue number."),
            (("1", "00:00:01,000 --> 00:00:02,000", "A", "", "2"), 5, "expected a cue timing"),
            (("1", "00:00:01 --> 00:00:02,000", "Bonjour"), 2, "“00:00:01” is not a timestamp"),
            (("1", "00:00:01,000 --> 00:00:02,000", "A", "", "2", "00:01:75,000 --> 00:01:80,000", "B"), 6, "below 60"),
            (("1", "00:61:01,000 --> 01:00:02,000", "A"), 2, "below 60"),
            (("1", "00:00:04,000 --> 00:00:02,000", "A"), 2, "the end time 00:00:02.000 is before the start time"),
            (("1", "00:00:01,000 --> 00:00:02,000", "", "2", "00:00:03,000 --> 00:00:04,000", "B"), 2, "has no text"),
            (("1", "00:00:01,000 --> 00:00:02,000", "<i></i>"), 2, "has no text"),
            (
                ("1", "00:00:05,000 --> 00:00:06,000", "A", "", "2", "00:00:01,000 --> 00:00:07,000", "B"),
                6,
                "before the previous cue (00:00:05.000)",
            ),
            (
                ("1", "00:00:01,000 --> 00:00:02,000", "A", "2", "00:00:03,000 --> 00:00:04,000", "B"),
                5,
                "separated from the one before by a blank line",
            ),
        ],
    )
    def test_refusals_name_the_line(self, rows, line, reason):
        error = refused(lines(*rows), format="srt")
        assert error.line == line
        assert reason in error.reason

    def test_an_arrow_in_the_text_is_not_a_timing(self):
        parsed = parse_srt(lines("1", "00:00:01,000 --> 00:00:02,000", "Lyon --> Marseille"))
        assert parsed.segments[0].text == "Lyon --> Marseille"


# --- Plain text ------------------------------------------------------------------------------


class TestPlainText:
    def test_german_interview_with_continuation_lines_and_paragraphs(self):
        parsed = parse(fixture("interview_hamburg_de.txt"), filename="interview_hamburg_de.txt")
        assert parsed == ParsedTranscript(format="text", segments=HAMBURG_TXT, index_points=[], metadata={})

    def test_the_duration_ends_the_last_segment(self):
        parsed = parse(fixture("interview_hamburg_de.txt"), duration=120.00049)
        assert parsed.segments[-1].end == 120.0
        assert parsed.segments[:-1] == HAMBURG_TXT[:-1]

    def test_arabic_and_french_lines_with_milliseconds(self):
        data = lines(
            "[00:00:00.250] الراوية: وُلدتُ في وهران.",
            "[00:00:04,5] MME BENALI: Je suis née à Oran.",
            "[00:00:09] نعم، في حي سيدي الهواري.",
        )
        assert parse_text(data, duration=12).segments == [
            Segment(0.25, 4.5, "الراوية: وُلدتُ في وهران."),  # no capital letters in Arabic: no label found
            Segment(4.5, 9.0, "Je suis née à Oran.", "MME BENALI"),
            Segment(9.0, 12.0, "نعم، في حي سيدي الهواري."),
        ]

    @pytest.mark.parametrize(
        ("line", "speaker", "text"),
        [
            ("MARIE DUBOIS: Bonjour.", "MARIE DUBOIS", "Bonjour."),
            ("Jean de La Fontaine: Bonjour.", "Jean de La Fontaine", "Bonjour."),
            ("Q: Où êtes-vous née ?", "Q", "Où êtes-vous née ?"),
            ("Dr. Aziz Benali: Oui.", "Dr. Aziz Benali", "Oui."),
            ("Ayşe Yılmaz: Ja.", "Ayşe Yılmaz", "Ja."),
            ("Il a dit: bonjour.", "", "Il a dit: bonjour."),
            ("Un Deux Trois Quatre Cinq: non.", "", "Un Deux Trois Quatre Cinq: non."),
            ("Voir http://exemple.org/archives", "", "Voir http://exemple.org/archives"),
            ("MARIE:", "", "MARIE:"),
        ],
    )
    def test_speaker_labels(self, line, speaker, text):
        assert parse_text(f"[00:00:01] {line}").segments == [Segment(1.0, None, text, speaker)]

    @pytest.mark.parametrize(
        ("rows", "line", "reason", "duration"),
        [
            (("", "Transcription de l'entretien", "[00:00:00] Bonjour"), 2, "begins before the first timestamp", None),
            (
                ("[00:00:00] A", "[00:00:10] B", "suite", "[00:00:05] C"),
                4,
                "the timestamp 00:00:05.000 goes back before the previous one (00:00:10.000).",
                None,
            ),
            (("[00:00:00] A", "[00:75:00] B"), 2, "minutes and seconds must be below 60", None),
            (("[00:00:00] A", "[0:1] B"), 2, "“0:1” is not a timestamp", None),
            (("[00:00:00] A", "[00:00:10]", "", "[00:00:20] C"), 2, "the timestamp 00:00:10.000 has no text", None),
            (("[00:00:00] A", "[00:10:00] B"), 2, "after the end of the recording (00:05:00.000)", 300.0),
        ],
    )
    def test_refusals_name_the_line(self, rows, line, reason, duration):
        error = refused(lines(*rows), format="text", duration=duration)
        assert error.line == line
        assert reason in error.reason

    def test_a_bracketed_year_is_text_not_a_timestamp(self):
        parsed = parse_text(lines("[00:00:00] Nous sommes partis", "[1962] en bateau."))
        assert parsed.segments == [Segment(0.0, None, "Nous sommes partis [1962] en bateau.")]


# --- OHMS ------------------------------------------------------------------------------------


def ohms(*record_rows: str) -> str:
    """An OHMS export whose record's first row is line 4."""
    return lines(
        '<?xml version="1.0" encoding="UTF-8"?>', "<ROOT>", "  <record>", *record_rows, "  </record>", "</ROOT>"
    )


INDEX_POINT = ("    <index>", "      <point><time>30</time><title>Arrivée</title></point>", "    </index>")


class TestOhms:
    def test_metadata_sync_and_index_of_a_real_looking_export(self):
        parsed = parse(fixture("ohms_haddad_marseille.xml"), filename="ohms_haddad_marseille.xml")
        assert parsed.format == "ohms"
        assert parsed.metadata == {
            "version": "5.4",
            "date": "2019-03-12",
            "type": "interview",
            "accession": "HC-OH-2019-007",
            "duration": "0:04:30",
            "collection_name": "Mémoires du Panier",
            "repository": "Heritage Commons",
            "title": "Entretien avec Youssef Haddad",
            "language": "fra",
            "subject": "Immigration; Port de Marseille",
            "keyword": "dockers",
            "interviewee": "Haddad, Youssef",
            "interviewer": "Martin, Claire",
            "format": "audio",
            "file_name": "HC-OH-2019-007.mp3",
            "rights": "Reproduction soumise à l'accord de Heritage Commons.",
        }

    def test_sync_marks_start_a_segment_every_minute_at_their_line_and_word(self):
        segments = parse_ohms(fixture("ohms_haddad_marseille.xml").decode()).segments
        assert segments == [
            Segment(
                0.0,
                60.0,
                "Nous sommes le 12 mars 2019, au Panier, avec Youssef Haddad. Pouvez-vous vous présenter ?\n"
                "YOUSSEF HADDAD: Je m'appelle Youssef Haddad. Je suis",
                "CLAIRE MARTIN",
            ),
            Segment(
                60.0,
                120.0,
                "né à Oran en 1948 et je suis arrivé à Marseille en 1962, sur le Ville d'Alger.\n"
                "CLAIRE MARTIN: Qu'est-ce que vous avez fait en arrivant ?",
                "YOUSSEF HADDAD",  # the turn that began before the minute mark
            ),
            Segment(120.0, 180.0, "J'ai travaillé au port, à la Joliette, comme mon", "YOUSSEF HADDAD"),
            Segment(
                180.0,
                240.0,
                "père. On déchargeait les bateaux de Tunis et d'Alger. "
                "Le soir on allait au café de la rue de la République.\n"  # footnote reference and notes dropped
                "CLAIRE MARTIN: Et votre famille ?",
                "YOUSSEF HADDAD",
            ),
            # The mark fell on the third word, just after "YOUSSEF HADDAD:": the label opens this segment.
            Segment(
                240.0,
                270.0,
                "Ma mère disait toujours « الصبر مفتاح الفرج », la patience est la clé de la délivrance.",
                "YOUSSEF HADDAD",
            ),
        ]

    def test_index_points_in_time_order_with_keywords_subjects_and_places(self):
        points = parse_ohms(fixture("ohms_haddad_marseille.xml").decode()).index_points
        assert points == [
            IndexPoint(
                start=0.0,
                title="Présentation",
                synopsis="Youssef Haddad se présente : né à Oran en 1948, arrivé à Marseille en 1962.",
                keywords=("Oran", "naissance", "famille"),
                places=(Place("Oran", 35.6971, -0.6308),),
                partial_transcript="Nous sommes le 12 mars 2019, au Panier",
                subjects=("Algérie", "Rapatriés", "famille"),
            ),
            IndexPoint(
                start=95.0,
                title="Le travail au port",
                synopsis="Les dockers de la Joliette ; les bateaux de Tunis et d'Alger.",
                keywords=("dockers", "Joliette", "port"),
                places=(Place("La Joliette, Marseille", 43.3047, 5.3655), Place("Tunis")),
                partial_transcript="J'ai travaillé au port, à la Joliette",
            ),
            IndexPoint(start=240.5, title="Proverbes de la famille"),
        ]

    def test_an_index_without_a_transcript_is_valid(self):
        parsed = parse(ohms("    <title>Fonds Haddad</title>", *INDEX_POINT))
        assert parsed.segments == []
        assert parsed.index_points == [IndexPoint(start=30.0, title="Arrivée")]
        assert parsed.metadata == {"title": "Fonds Haddad"}

    def test_timestamps_in_the_transcript_stand_in_for_sync(self):
        data = ohms(
            "    <duration>600</duration>",
            "    <transcript>INTERVIEWER: Bonjour, nous enregistrons.",
            "[1:00] HADDAD: Je suis arrivé en 1962.",
            "Puis [00:02:30.5] j'ai trouvé du travail au port.</transcript>",
        )
        assert parse(data).segments == [
            Segment(0.0, 60.0, "Bonjour, nous enregistrons.", "INTERVIEWER"),
            Segment(60.0, 150.5, "Je suis arrivé en 1962. Puis", "HADDAD"),  # one paragraph
            Segment(150.5, 600.0, "j'ai trouvé du travail au port.", "HADDAD"),
        ]

    def test_a_five_minute_interval_and_the_duration_given_by_the_caller(self):
        data = ohms(
            "    <sync>5:|3(1)</sync>",
            "    <transcript>ALI: Première partie.",
            "",
            "ALI: Deuxième partie.</transcript>",
        )
        assert parse(data, duration=420.0).segments == [
            Segment(0.0, 300.0, "Première partie.", "ALI"),
            Segment(300.0, 420.0, "Deuxième partie.", "ALI"),
        ]

    def test_duration_in_seconds_and_hours(self):
        for duration in ("5025", "1:23:45"):
            data = ohms(
                f"    <duration>{duration}</duration>",
                "    <index><point><time>5025</time><title>Fin</title></point></index>",
            )
            assert parse_ohms(data).index_points[0].start == 5025.0

    def test_an_older_point_with_its_place_directly_inside(self):
        data = ohms(
            "    <index><point><time>12</time><title>Lyon</title>",
            "      <gps>45.7640, 4.8357</gps><gps_text>Lyon</gps_text></point></index>",
        )
        assert parse_ohms(data).index_points[0].places == (Place("Lyon", 45.764, 4.8357),)

    def test_a_transcript_without_sync_or_timestamps(self):
        error = refused(ohms("    <transcript>HADDAD: Bonjour.</transcript>"))
        assert error.line is None
        assert str(error).startswith("The OHMS file has a transcript but no sync points; ")

    @pytest.mark.parametrize(
        ("data", "line", "reason"),
        [
            (lines("<ROOT>", "  <record>", "    <title>Haddad</titel>", "  </record>", "</ROOT>"), 3, "mismatched tag"),
            (lines('<?xml version="1.0"?>', "<ROOT>", "  <record>", "  </record>"), 5, "not well-formed"),
            (lines('<?xml version="1.0"?>', "", "<html>", "</html>"), 3, "its root element is <html>, not <ROOT>"),
            (lines("<ROOT>", "</ROOT>"), 1, "has no <record>"),
            (
                lines('<?xml version="1.0"?>', "<!DOCTYPE ROOT [", '<!ENTITY lol "lol">', "]>", "<ROOT>&lol;</ROOT>"),
                3,
                "declares entities",
            ),
            (ohms("    <title>Vide</title>"), None, "The transcript has no timed text."),
            (ohms("    <duration>bientôt</duration>", *INDEX_POINT), 4, "the duration “bientôt” is neither"),
            (ohms("    <index>", "      <point>", "        <time>trente</time>"), 7, "mismatched tag"),
            (
                ohms("    <index>", "      <point>", "        <time>trente</time>", "      </point>", "    </index>"),
                6,
                "the index point time “trente” is not a number of seconds",
            ),
            (ohms("    <index><point><time>-5</time><title>A</title></point></index>"), 4, "is negative"),
            (ohms("    <index>", "      <point><title>A</title></point>", "    </index>"), 5, "has no <time>"),
            (ohms("    <index>", "      <point><time>5</time></point>", "    </index>"), 5, "has no title"),
            (
                ohms(
                    "    <duration>0:01:00</duration>",
                    "    <index>",
                    "      <point><time>61</time><title>A</title></point>",
                    "    </index>",
                ),
                6,
                "the index point at 00:01:01.000 is after the end of the recording (00:01:00.000)",
            ),
            (
                ohms(
                    "    <index><point><time>1</time><title>A</title>",
                    "      <gpspoints>",
                    "        <gps>95.3, 5.36</gps><gps_text>Port</gps_text>",
                    "      </gpspoints></point></index>",
                ),
                6,
                "“95.3, 5.36” is not a latitude and longitude",
            ),
            (
                ohms("    <index><point><time>1</time><title>A</title><gps>Marseille</gps></point></index>"),
                4,
                "“Marseille” is not a latitude and longitude",
            ),
            (
                ohms("    <sync>1:|3(1)</sync>", "    <transcript>A: Un.", "B: Deux.</transcript>"),
                4,
                "the sync point 3(1) names line 3, but the transcript has 2 lines",
            ),
            (ohms("    <sync>1:|2-1</sync>", "    <transcript>A: Un.", "B: Deux.</transcript>"), 4, "“2-1” is not a"),
            (ohms("    <sync>|2(1)</sync>", "    <transcript>A: Un.", "B: Deux.</transcript>"), 4, "its interval"),
            (
                ohms("    <sync>1:|2(1)|1(1)</sync>", "    <transcript>A: Un.", "B: Deux.</transcript>"),
                4,
                "the sync point for 00:02:00.000 (1(1)) comes before the one for 00:01:00.000",
            ),
            (
                ohms(
                    "    <duration>90</duration>",
                    "    <sync>1:|2(1)|2(2)</sync>",
                    "    <transcript>A: Un.",
                    "B: Deux.</transcript>",
                ),
                5,
                "a sync point at 00:02:00.000 is after the end of the recording (00:01:30.000)",
            ),
            (
                ohms("    <transcript>A: Un.", "[00:02:00] B: Deux.", "[00:01:00] C: Trois.</transcript>"),
                6,
                "goes back before the previous one",
            ),
            (ohms("    <transcript>A: Un.", "[00:72:00] B: Deux.</transcript>"), 5, "below 60"),
        ],
    )
    def test_refusals_name_the_line(self, data, line, reason):
        error = refused(data, filename="export.xml")
        assert error.line == line
        assert reason in error.reason


# --- Writers ---------------------------------------------------------------------------------


class TestWriters:
    SEGMENTS = [
        Segment(0.0, 2.5, "Bonjour <tout> le monde & --> vous", "Marie"),
        Segment(2.5, None, "Ligne 1\n\n  Ligne 2  ", ""),
        Segment(3725.5, None, "Fin", "J. Smith"),
    ]

    def test_webvtt_output(self):
        assert to_webvtt(self.SEGMENTS) == (
            "WEBVTT\n"
            "\n"
            "00:00:00.000 --> 00:00:02.500\n"
            "<v Marie>Bonjour &lt;tout&gt; le monde &amp; --&gt; vous\n"
            "\n"
            "00:00:02.500 --> 01:02:05.500\n"
            "Ligne 1\n"
            "Ligne 2\n"
            "\n"
            "01:02:05.500 --> 01:02:10.500\n"
            "<v J. Smith>Fin\n"
            "\n"
        )

    def test_srt_output(self):
        assert to_srt(self.SEGMENTS) == (
            "1\n"
            "00:00:00,000 --> 00:00:02,500\n"
            "Marie: Bonjour <tout> le monde & -> vous\n"
            "\n"
            "2\n"
            "00:00:02,500 --> 01:02:05,500\n"
            "Ligne 1\n"
            "Ligne 2\n"
            "\n"
            "3\n"
            "01:02:05,500 --> 01:02:10,500\n"
            "J. Smith: Fin\n"
            "\n"
        )

    @pytest.mark.parametrize("segments", [MARSEILLE_VTT, ALGER_VTT, LYON_SRT], ids=["fr", "ar", "srt"])
    def test_webvtt_round_trip(self, segments):
        assert parse(to_webvtt(segments)).segments == segments

    @pytest.mark.parametrize("segments", [MARSEILLE_VTT, LYON_SRT], ids=["vtt", "srt"])
    def test_srt_round_trip(self, segments):
        assert parse(to_srt(segments)).segments == segments

    def test_round_trip_of_the_writers_own_escapes(self):
        segments = [Segment(0.0, 1.0, "a < b && c > d --> e", "Dupont & Fils")]
        assert parse(to_webvtt(segments)).segments == segments

    def test_ohms_and_text_transcripts_become_webvtt(self):
        ohms_segments = parse(fixture("ohms_haddad_marseille.xml")).segments
        assert parse(to_webvtt(ohms_segments)).segments == ohms_segments
        text = parse(fixture("interview_hamburg_de.txt"), duration=100.0).segments
        assert parse(to_webvtt(text)).segments == text

    def test_redacted_segments_are_left_out_entirely(self):
        redacted = [(11.25, 15.0)]
        for writer in (to_webvtt, to_srt):
            segments = parse(writer(MARSEILLE_VTT, redacted=redacted)).segments
            # The cue ending exactly where the redaction begins stays; the one inside goes.
            assert segments == [MARSEILLE_VTT[0], MARSEILLE_VTT[1], MARSEILLE_VTT[3], MARSEILLE_VTT[4]]
            assert "parents" not in writer(MARSEILLE_VTT, redacted=redacted)

    def test_no_cue_reaches_into_a_redacted_range(self):
        segments = [
            Segment(10.0, None, "Avant.", "A"),  # runs until the next start, 16 s: into the redaction
            Segment(20.0, None, "Après.", "B"),  # given out of order: the writers sort by start
            Segment(16.0, 16.0, "Un instant.", "C"),  # zero length, inside the redaction
            Segment(40.0, None, "Fin.", "D"),  # the last one runs 5 s, to 45 s: into the second range
        ]
        redacted = [(15.0, 18.0), (44.0, 50.0)]
        for writer in (to_webvtt, to_srt):
            kept = parse(writer(segments, redacted=redacted)).segments
            assert kept == [Segment(20.0, 40.0, "Après.", "B")]
            for cue in kept:
                for start, end in redacted:
                    assert not (cue.start < end and cue.end > start)

    def test_a_moment_at_the_start_of_a_redaction_is_redacted_a_cue_ending_there_is_not(self):
        segments = [Segment(12.0, 15.0, "Avant.", "A"), Segment(15.0, 15.0, "Chut.", "B")]
        assert parse(to_webvtt(segments, redacted=[(15.0, 18.0)])).segments == segments[:1]

    def test_redaction_of_everything_leaves_a_valid_empty_file(self):
        assert to_webvtt(MARSEILLE_VTT, redacted=[(0, 3600)]) == "WEBVTT\n\n"
        assert to_srt(MARSEILLE_VTT, redacted=[(0, 3600)]) == ""

    def test_writers_refuse_impossible_times(self):
        with pytest.raises(ValueError):
            to_webvtt([Segment(5.0, 4.0, "Non")])
        with pytest.raises(ValueError):
            to_srt(MARSEILLE_VTT, redacted=[(10.0, 5.0)])
