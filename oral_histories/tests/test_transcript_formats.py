"""The formats real oral-history material arrives in (issue 16): OHMS 6, Trint, Otter,
WebVTT with voices and notes; each refusal still names its line."""

from pathlib import Path

import pytest

from oral_histories.transcripts import IndexPoint, Segment, TranscriptError, parse, parse_text

DATA = Path(__file__).parent / "data" / "transcripts"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


BEN_ALI_FR = [
    Segment(0.0, 4.5, "Nous sommes le 4 octobre 2023, à La Goulette.", "Claire Martin"),
    Segment(4.5, 11.0, "Je suis partie de Tunis en 1962,\nsur le Ville de Tunis.", "Fatma Ben Ali"),
    Segment(11.0, 14.0, "Avec votre mère ?", "Claire Martin"),
    Segment(11.0, 14.0, "Avec ma mère & mes deux frères.", "Fatma Ben Ali"),
]


class TestWebVTTVoicesAndNotes:
    def test_every_voice_of_a_cue_is_its_own_line_and_notes_and_styles_are_skipped(self):
        parsed = parse(fixture("voices_notes_marseille_fr.vtt"), filename="entretien.vtt")
        assert parsed.format == "webvtt"
        expected = [*BEN_ALI_FR]
        expected[0] = Segment(0.0, 4.5, "Nous sommes le 4 octobre, à La Goulette.", "Claire Martin")
        assert parsed.segments == expected

    def test_text_before_the_first_voice_belongs_to_it(self):
        data = lines("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "— <v Ali>Oui.</v> <v Zied>Non.</v>")
        assert parse(data).segments == [Segment(1.0, 2.0, "— Oui.", "Ali"), Segment(1.0, 2.0, "Non.", "Zied")]

    def test_a_cue_whose_voices_say_nothing_is_refused_with_its_line(self):
        data = lines("WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "<v Ali></v><v Zied> </v>")
        with pytest.raises(TranscriptError) as excinfo:
            parse(data)
        assert excinfo.value.line == 3 and "no text" in excinfo.value.reason


class TestOhms6:
    def test_the_transcript_inside_vtt_transcript(self):
        parsed = parse(fixture("ohms6_benali_tunis.xml"), filename="benali.xml")
        assert parsed.format == "ohms"
        assert parsed.segments == BEN_ALI_FR
        assert parsed.index_points == [
            IndexPoint(
                start=4.5,
                title="Le départ",
                synopsis="Le départ de Tunis en 1962.",
                keywords=("traversée", "Ville de Tunis"),
                subjects=("Émigration",),
            )
        ]
        assert parsed.metadata["accession"] == "HC-OH-2023-031"
        assert "vtt_transcript" not in parsed.metadata

    def test_a_bad_cue_in_vtt_transcript_names_the_line_of_the_xml_file(self):
        data = fixture("ohms6_benali_tunis.xml").decode().replace("00:00:11.000 --> 00:00:14.000", "00:00:11 --> 14")
        with pytest.raises(TranscriptError) as excinfo:
            parse(data, filename="benali.xml")
        line = data.split("\n").index("00:00:11 --> 14") + 1
        assert excinfo.value.line == line and "00:01:05.000" in excinfo.value.reason

    def test_an_indented_vtt_transcript_on_the_line_after_its_tag(self):
        data = lines(
            '<?xml version="1.0"?>',
            "<ROOT><record>",
            "  <vtt_transcript>",
            "    WEBVTT",
            "",
            "    00:00:01.000 --> 00:00:02.000",
            "    &lt;v Ali&gt;Oui.",
            "  </vtt_transcript>",
            "</record></ROOT>",
        )
        assert parse(data).segments == [Segment(1.0, 2.0, "Oui.", "Ali")]


class TestTrintAndOtter:
    def test_trint_speakers_before_the_stamp_after_a_title_with_emphasis_removed(self):
        parsed = parse(fixture("trint_benali_en.txt"), filename="benali.txt", duration=20)
        assert parsed.format == "text"
        assert parsed.metadata == {"title": "Fatma Ben Ali - interview, La Goulette, October 2023"}
        assert parsed.segments == [
            Segment(0.0, 4.0, "It is the 4th of October 2023, in La Goulette.", "Claire Martin"),
            Segment(
                4.0,
                11.0,
                "I left Tunis in 1962, on the Ville de Tunis. My mother was very ill during the crossing.",
                "Fatma Ben Ali",
            ),
            Segment(11.0, 12.0, "With your mother?", "Claire Martin"),
            Segment(12.0, 20.0, "With my mother and my two brothers.", "Fatma Ben Ali"),
        ]

    def test_otter_headings_with_the_text_below_and_its_closing_line_left_out(self):
        parsed = parse(fixture("otter_yilmaz_de.txt"), filename="yilmaz.txt")
        assert parsed.metadata == {}
        assert parsed.segments == [
            Segment(0.0, 6.0, "Frau Yılmaz, wann sind Sie nach Hamburg gekommen?", "Interviewerin"),
            Segment(6.0, 75.0, "Im Herbst 1971. Mein Mann arbeitete schon bei Blohm + Voss.", "Ayşe Yılmaz"),
            Segment(75.0, 92.0, "Und die Sprache?", "Interviewerin"),
            Segment(92.0, None, "Deutsch habe ich im Nähkurs gelernt.", "Ayşe Yılmaz"),
        ]

    def test_speakers_in_a_script_without_capitals_and_hour_long_otter_stamps(self):
        data = lines("فاطمة بن علي [00:00:01] غادرت تونس سنة ١٩٦٢.", "Speaker 2  1:02:03", "Et après ?")
        assert parse_text(data).segments == [
            Segment(1.0, 3723.0, "غادرت تونس سنة ١٩٦٢.", "فاطمة بن علي"),
            Segment(3723.0, None, "Et après ?", "Speaker 2"),
        ]

    @pytest.mark.parametrize(
        "line",
        ["Il est arrivé [10:30] en bateau.", "On se voyait à 10:30", "Le train partait à 6:15.", "5 * 3 * 2 font 30"],
    )
    def test_a_time_inside_a_sentence_is_text(self, line):
        assert parse_text(lines("[00:00:00] Bonjour.", line)).segments == [Segment(0.0, None, f"Bonjour. {line}")]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("un *mot*", "un mot"), ("**Tunis**, *1962*", "Tunis, 1962"), ("a*b*c", "a*b*c"), ("* liste", "* liste")],
    )
    def test_emphasis_marks_are_removed(self, text, expected):
        assert parse_text(f"Ali [00:00:01] {text}").segments[0].text == expected

    def test_a_title_before_plain_stamps_is_still_refused(self):
        with pytest.raises(TranscriptError) as excinfo:
            parse(lines("Entretien", "", "[00:00:00] Bonjour"), format="text")
        assert excinfo.value.line == 1 and "before the first timestamp" in excinfo.value.reason

    def test_a_late_trint_stamp_names_its_line(self):
        with pytest.raises(TranscriptError) as excinfo:
            parse(fixture("trint_benali_en.txt"), filename="benali.txt", duration=10)
        assert excinfo.value.line == 8 and "after the end of the recording" in excinfo.value.reason
