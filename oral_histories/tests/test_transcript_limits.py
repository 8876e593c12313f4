"""Limits and checks on transcripts (issue 16): size and line limits naming the limit, every
time against the recording's measured duration, several transcripts in one save, and a
good master kept when the rest of the form is refused."""

import hashlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from oral_histories.factories import RecordingFactory
from oral_histories.models import Recording, Scope
from oral_histories.tests.test_admin_recording import ADD, VTT, curator, formsets, page, upload  # noqa: F401
from oral_histories.transcripts import TranscriptError, parse

DATA = Path(__file__).parent / "data" / "transcripts"


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def vtt_with(count: int) -> str:
    cues = [f"00:00:{n:02d}.000 --> 00:00:{n:02d}.500\nLigne {n}.\n" for n in range(count)]
    return "WEBVTT\n\n" + "\n".join(cues)


class TestLimits:
    @override_settings(HERITAGE_TRANSCRIPT_MAX_BYTES=1000)
    def test_a_file_over_the_size_limit_is_refused_naming_the_limit(self):
        with pytest.raises(TranscriptError) as excinfo:
            parse(vtt_with(40))
        assert "; the limit is 1000 bytes." in excinfo.value.reason
        assert "HERITAGE_TRANSCRIPT_MAX_BYTES" in excinfo.value.reason

    @override_settings(HERITAGE_TRANSCRIPT_MAX_CUES=30)
    def test_a_file_over_the_line_limit_is_refused_at_the_first_line_too_many(self):
        with pytest.raises(TranscriptError) as excinfo:
            parse(vtt_with(40))
        assert "has 40 lines; the limit is 30" in excinfo.value.reason
        assert excinfo.value.line == 3 + 30 * 3  # the 31st cue's timing line
        assert len(parse(vtt_with(30)).segments) == 30

    def test_the_defaults_take_a_long_interview(self):
        assert len(parse(vtt_with(60)).segments) == 60


class TestTimesAgainstTheRecording:
    def test_a_cue_ending_after_the_recording_is_refused_with_its_line(self):
        data = lines(
            "WEBVTT", "", "00:00:00.000 --> 00:00:05.000", "Bonjour.", "", "00:09:00.000 --> 05:00:00.000", "Fin."
        )
        with pytest.raises(TranscriptError) as excinfo:
            parse(data, duration=600)
        assert excinfo.value.line == 6
        assert "runs to 05:00:00.000, after the end of the recording (00:10:00.000)" in excinfo.value.reason

    def test_srt_and_a_little_past_the_end_is_tolerated(self):
        data = lines("1", "00:00:00,000 --> 00:10:00,800", "Tout.")
        assert parse(data, duration=600).segments[0].end == 600.8
        with pytest.raises(TranscriptError) as excinfo:
            parse(data.replace("00:10:00,800", "00:10:02,000"), duration=600)
        assert excinfo.value.line == 2

    def test_an_ohms_duration_does_not_override_the_measured_one(self):
        data = (DATA / "ohms6_benali_tunis.xml").read_bytes().replace(b"<duration>0:10:00", b"<duration>9:00:00")
        parsed = parse(data, duration=14.0)
        assert parsed.segments[-1].end == 14.0
        with pytest.raises(TranscriptError) as excinfo:
            parse(data, duration=12.0)
        assert "after the end of the recording (00:00:12.000)" in excinfo.value.reason
        assert excinfo.value.line == data.decode().split("\n").index("00:00:11.000 --> 00:00:14.000") + 1

    def test_a_legacy_ohms_index_point_past_the_measured_end(self):
        data = (DATA / "ohms_haddad_marseille.xml").read_bytes()
        with pytest.raises(TranscriptError) as excinfo:
            parse(data, duration=200.0)  # the file says 0:04:30; its last point is at 240.5
        assert "after the end of the recording (00:03:20.000)" in excinfo.value.reason


def edit_url(recording):
    return f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/"


class TestSeveralTranscripts:
    def test_several_files_in_one_save_each_in_the_language_its_name_ends_with(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        response = client.post(
            edit_url(recording),
            formsets(
                page=page.pk,
                scope=Scope.PUBLIC,
                transcript_file=[
                    SimpleUploadedFile("benali_fr.vtt", (DATA / "voices_notes_marseille_fr.vtt").read_bytes()),
                    SimpleUploadedFile("benali_en.txt", (DATA / "trint_benali_en.txt").read_bytes()),
                ],
                transcript_language="fr",
                transcript_is_original="on",
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        transcripts = {t.language: t for t in recording.transcripts.all()}
        assert set(transcripts) == {"fr", "en"}
        assert transcripts["fr"].is_original and not transcripts["en"].is_original
        assert transcripts["en"].segments.count() == 4

    def test_files_whose_names_do_not_say_their_language_are_named(self, client, curator, page):  # noqa: F811
        recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
        client.force_login(curator)
        response = client.post(
            edit_url(recording),
            formsets(
                page=page.pk,
                scope=Scope.PUBLIC,
                transcript_file=[SimpleUploadedFile("a.vtt", VTT.encode()), SimpleUploadedFile("b.vtt", VTT.encode())],
            ),
        )
        assert response.status_code == 200
        [error] = response.context["form"].errors["transcript_file"]
        assert "a.vtt, b.vtt" in error
        assert not recording.transcripts.exists()


class TestTheMasterIsKept:
    def test_a_refused_transcript_keeps_the_recording_for_the_next_attempt(self, client, curator, page):  # noqa: F811
        client.force_login(curator)
        broken = VTT.replace("00:00:01.000 --> 00:00:02.000", "00:00:01.000 --> 00:00:00.500")
        response = client.post(
            ADD,
            formsets(
                page=page.pk,
                file=upload("fatma.mp3"),
                transcript_file=SimpleUploadedFile("fatma.vtt", broken.encode()),
                transcript_language="fr",
                scope=Scope.PUBLIC,
            ),
        )
        assert response.status_code == 200
        assert "Line 6" in response.context["form"].errors["transcript_file"][0]
        assert not Recording.objects.exists()
        html = response.content.decode()
        assert 'name="file-kept"' in html and "fatma.mp3 was received and checked" in html
        signed = response.context["form"].fields["file"].widget.kept_signed
        # the corrected transcript alone: the recording comes from the kept upload
        response = client.post(
            ADD,
            formsets(
                page=page.pk,
                **{"file-kept": signed},
                transcript_file=SimpleUploadedFile("fatma.vtt", VTT.encode()),
                transcript_language="fr",
                scope=Scope.PUBLIC,
            ),
        )
        assert response.status_code == 302, response.context["form"].errors
        recording = Recording.objects.get(page=page)
        assert recording.original_filename == "fatma.mp3" and recording.format == "mp3" and recording.sha256
        speech = (Path(__file__).parent / "data" / "media" / "speech.mp3").read_bytes()
        assert recording.sha256 == hashlib.sha256(speech).hexdigest() and recording.size == len(speech)
        with recording.file.open("rb") as stored:
            assert stored.read() == speech
        assert recording.transcripts.get(language="fr").segments.count() == 2

    def test_a_forged_or_someone_elses_kept_upload_is_ignored(self, client, curator, page):  # noqa: F811
        client.force_login(curator)
        response = client.post(ADD, formsets(page=page.pk, **{"file-kept": "forged:value"}, scope=Scope.PUBLIC))
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
