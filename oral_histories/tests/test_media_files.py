"""oral_histories.media_files: is an upload really the recording it claims to be?

The good recordings are small committed fixtures (tests/data/media, see its README); every
broken variant is made here from them in tmp_path. No database; FFmpeg runs in-process
through PyAV (its wheel bundles the libraries), no ffmpeg program. Recordings made with
PyAV itself (other codecs, larger files) are in test_media_probe.py.
"""

import hashlib
import os
import random
import struct
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory, override_settings
from django.utils import translation

import pytest

from oral_histories.media_files import (
    DEFAULT_MAX_BYTES,
    FORMATS,
    HashingUploadHandler,
    MediaFormat,
    Probe,
    RecordingError,
    format_for_filename,
    human_size,
    oversize_message,
    probe,
    recording_max_bytes,
    sha256_file,
)

MEDIA = Path(__file__).parent / "data" / "media"
# espeak-ng's 38 989 samples at 16 kHz; the clips' colour bars last 2.4 s.
REAL_DURATION = 38_989 / 16_000


# --- helpers -------------------------------------------------------------------------------


def fixture_bytes(name: str) -> bytes:
    return (MEDIA / name).read_bytes()


def write(tmp_path: Path, data: bytes, name: str = "upload.bin") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(tmp_path: Path, data: bytes, filename: str) -> RecordingError:
    """Probe ``data`` uploaded as ``filename`` (stored under a neutral temporary name)."""
    with pytest.raises(RecordingError) as caught:
        probe(write(tmp_path, data), filename=filename)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.message == str(error)
    assert os.path.basename(filename) in error.message, "the message names the file"
    return error


def noise(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def ebml_unknown_cluster_sizes(data: bytes) -> bytes:
    """Rewrite every Cluster's size as "unknown" (all ones, same length), as a browser's
    MediaRecorder writes them."""
    out = bytearray(data)
    at = out.find(b"\x1f\x43\xb6\x75")
    while at >= 0:
        size_at = at + 4
        length = 9 - out[size_at].bit_length()
        out[size_at : size_at + length] = ((1 << (7 * length + 1)) - 1).to_bytes(length, "big")
        at = out.find(b"\x1f\x43\xb6\x75", size_at)
    return bytes(out)


# --- formats and file names ------------------------------------------------------------------


def test_formats_table():
    assert set(FORMATS) == {"mp3", "m4a", "ogg", "opus", "flac", "wav", "mp4", "webm"}
    assert FORMATS["m4a"] == MediaFormat("m4a", ("m4a", "aac"), "audio/mp4", "audio")
    assert FORMATS["ogg"].extensions == ("ogg", "oga")
    assert FORMATS["opus"].mime_type == "audio/ogg"
    assert FORMATS["mp4"].extensions == ("mp4", "m4v")
    assert {f.name: f.kind for f in FORMATS.values() if f.kind == "video"} == {"mp4": "video", "webm": "video"}
    assert {f.mime_type for f in FORMATS.values()} == {
        "audio/mpeg",
        "audio/mp4",
        "audio/ogg",
        "audio/flac",
        "audio/wav",
        "video/mp4",
        "video/webm",
    }
    with pytest.raises(AttributeError):
        FORMATS["mp3"].name = "wav"  # frozen


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("interview.mp3", "mp3"),
        ("INTERVIEW.MP3", "mp3"),
        ("grand-mère.m4a", "m4a"),
        ("voice.aac", "m4a"),
        ("tape 1.ogg", "ogg"),
        ("tape.oga", "ogg"),
        ("memo.opus", "opus"),
        ("master.flac", "flac"),
        ("master.WAV", "wav"),
        ("film.mp4", "mp4"),
        ("film.m4v", "mp4"),
        ("film.webm", "webm"),
        ("C:\\Users\\amina\\Desktop\\entretien.flac", "flac"),
        ("archive.tar.mp3", "mp3"),
    ],
)
def test_format_for_filename(filename, expected):
    assert format_for_filename(filename) is FORMATS[expected]


@pytest.mark.parametrize("filename", ["interview.mov", "notes.pdf", "song.wma", "clip.mkv", "recording", ".mp3", "x."])
def test_format_for_filename_refuses_other_endings(filename):
    with pytest.raises(RecordingError) as caught:
        format_for_filename(filename)
    message = caught.value.message
    assert caught.value.code == "extension"
    assert filename in message
    for ext in (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav", ".mp4", ".m4v", ".webm"):
        assert ext in message, f"the message lists {ext}"


# --- the good recordings -------------------------------------------------------------------

# fixture → (format, kind, has_video, sample rate, channels, (lowest, highest) bitrate)
GOOD = {
    "speech.mp3": ("mp3", "audio", False, 16_000, 1, (32_000, 32_000)),
    "speech.m4a": ("m4a", "audio", False, 16_000, None, (24_000, 48_000)),
    "speech.ogg": ("ogg", "audio", False, 16_000, 1, (16_000, 48_000)),
    "speech.opus": ("opus", "audio", False, 48_000, 1, (12_000, 32_000)),
    "speech-flac.oga": ("ogg", "audio", False, 16_000, 1, (80_000, 256_000)),
    "speech.flac": ("flac", "audio", False, 16_000, 1, (80_000, 256_000)),
    "speech.wav": ("wav", "audio", False, 16_000, 1, (256_000, 256_000)),
    "clip.mp4": ("mp4", "video", True, 16_000, None, None),
    "clip.webm": ("webm", "video", True, 48_000, 1, None),
    "audio-only.webm": ("webm", "video", False, 48_000, 1, None),
    "live.webm": ("webm", "video", False, 48_000, 1, None),
}


def test_fixture_folder_is_small():
    files = [p for p in MEDIA.iterdir() if p.suffix != ".md"]
    assert {p.name for p in files} == set(GOOD)
    assert sum(p.stat().st_size for p in files) < 300 * 1024


@pytest.mark.parametrize("name", sorted(GOOD))
def test_probe_good_recordings(name, tmp_path):
    fmt, kind, has_video, sample_rate, channels, bitrates = GOOD[name]
    # Stored as Django stores uploads: a temporary name; the upload's own name is passed apart.
    path = write(tmp_path, fixture_bytes(name), "tmpx3ab.upload")
    result = probe(path, filename=name)
    assert isinstance(result, Probe)
    assert result.format is FORMATS[fmt]
    assert result.format.kind == kind
    assert result.has_video is has_video
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)
    assert result.sample_rate == sample_rate
    if channels is not None:  # AAC-LC at 16 kHz may hide parametric stereo: a reader may say 2
        assert result.channels == channels
    else:
        assert result.channels in (1, 2)
    if bitrates is None:  # video: the file's average
        assert result.bitrate == round(path.stat().st_size * 8 / result.duration)
    else:
        low, high = bitrates
        assert low <= result.bitrate <= high


def test_probe_accepts_path_objects_and_strings():
    assert probe(str(MEDIA / "speech.wav"), filename="speech.wav") == probe(MEDIA / "speech.wav", filename="speech.wav")


def test_contents_decide_within_a_container(tmp_path):
    # An .m4a holding a video track is an MP4 video; an .mp4 with only sound stays mp4.
    as_m4a = probe(write(tmp_path, fixture_bytes("clip.mp4")), filename="clip.m4a")
    assert (as_m4a.format.name, as_m4a.has_video) == ("mp4", True)
    as_mp4 = probe(write(tmp_path, fixture_bytes("speech.m4a")), filename="speech.mp4")
    assert (as_mp4.format.name, as_mp4.has_video) == ("mp4", False)
    # .ogg is Ogg's general ending: Opus inside probes as opus (same MIME type).
    as_ogg = probe(write(tmp_path, fixture_bytes("speech.opus")), filename="speech.ogg")
    assert as_ogg.format.name == "opus"
    assert probe(write(tmp_path, fixture_bytes("speech.ogg")), filename="speech.oga").format.name == "ogg"
    assert probe(write(tmp_path, fixture_bytes("speech.m4a")), filename="speech.aac").format.name == "m4a"


def test_mp3_with_leading_id3_tag_and_trailing_tags(tmp_path):
    data = fixture_bytes("speech.mp3")
    id3v1 = b"TAG" + b"Interview".ljust(30, b"\0") + b"\0" * 94 + b"\xff"
    result = probe(write(tmp_path, data + id3v1), filename="speech.mp3")
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)


def test_mp3_with_stray_bytes_after_its_id3_tag(tmp_path):
    data = fixture_bytes("speech.mp3")
    # The ID3 tag is 45 bytes; 7 stray bytes (not zero padding) before the first frame.
    result = probe(write(tmp_path, data[:45] + b"garbage" + data[45:]), filename="speech.mp3")
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)


def test_flac_behind_an_id3_tag(tmp_path):
    id3 = b"ID3\x03\x00\x00\x00\x00\x00\x0a" + bytes(10)  # an empty ID3v2.3 tag with 10 bytes of padding
    result = probe(write(tmp_path, id3 + fixture_bytes("speech.flac")), filename="speech.flac")
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)
    error = refusal(tmp_path, id3 + fixture_bytes("speech.flac"), "speech.mp3")
    assert "contains FLAC audio" in error.message


def test_webm_without_duration_is_timed_by_its_last_block(tmp_path):
    data = bytearray(fixture_bytes("clip.webm"))
    at = data.find(b"\x44\x89")  # Duration: 0x4489, size byte, float
    assert at > 0
    length = data[at + 2] & 0x7F
    data[at + 3 : at + 3 + length] = bytes(length)
    result = probe(write(tmp_path, bytes(data)), filename="clip.webm")
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)


def test_webm_written_live_with_clusters_of_unknown_size(tmp_path):
    data = ebml_unknown_cluster_sizes(fixture_bytes("live.webm"))
    assert data != fixture_bytes("live.webm")
    result = probe(write(tmp_path, data), filename="memo.webm")
    assert result.duration == pytest.approx(REAL_DURATION, abs=0.1)
    assert result.has_video is False


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["empty.mp3", "empty.m4a", "empty.ogg", "empty.flac", "empty.wav", "empty.webm"])
def test_empty_file(filename, tmp_path):
    error = refusal(tmp_path, b"", filename)
    assert error.code == "empty"
    assert "is empty" in error.message


def test_unaccepted_ending_is_refused_before_reading(tmp_path):
    error = refusal(tmp_path, fixture_bytes("speech.wav"), "speech.aiff")
    assert error.code == "extension"


@pytest.mark.parametrize(
    ("source", "filename", "found", "suggested"),
    [
        ("speech.flac", "interview.mp3", "FLAC audio", ".flac"),
        ("speech.mp3", "interview.wav", "MP3 audio", ".mp3"),
        ("speech.wav", "interview.flac", "WAV audio", ".wav"),
        ("speech.ogg", "interview.opus", "Ogg Vorbis audio", ".ogg"),
        ("speech.opus", "interview.flac", "Opus audio", ".opus"),
        ("speech-flac.oga", "interview.flac", "FLAC audio in an Ogg container", ".ogg"),
        ("speech.m4a", "interview.mp3", "MPEG-4 (M4A) audio", ".m4a"),
        ("clip.mp4", "film.webm", "MP4 video", ".mp4"),
        ("clip.webm", "film.mp4", "WebM video", ".webm"),
        ("audio-only.webm", "memo.m4a", "WebM video", ".webm"),
        ("speech.flac", "interview.ogg", "FLAC audio", ".flac"),
    ],
)
def test_mislabelled_recordings(source, filename, found, suggested, tmp_path):
    error = refusal(tmp_path, fixture_bytes(source), filename)
    assert error.code == "mislabelled"
    ext = filename.rsplit(".", 1)[1]
    assert f"{filename}” is named .{ext} but contains {found}." in error.message
    assert f"Rename it to end in {suggested}" in error.message


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\0\0\0\0" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body


@pytest.mark.parametrize(
    ("data", "filename", "found"),
    [
        (b"\x89PNG\r\n\x1a\n" + noise(500), "photo.mp3", "a PNG image"),
        (b"\xff\xd8\xff\xe0" + noise(500), "photo.m4a", "a JPEG image"),
        (b"%PDF-1.7\n" + noise(500), "consent.wav", "a PDF document"),
        (b"PK\x03\x04" + noise(500), "consent.flac", "a ZIP archive"),
        (b"#!AMR\n" + noise(500), "memo.mp3", "an AMR voice recording"),
        (b"<!DOCTYPE html><html>" + noise(500), "download.mp4", "a web page"),
        (ftyp(b"qt  ", b"qt  ") + noise(500), "iphone.mp4", "a QuickTime movie"),
        (ftyp(b"heic", b"mif1", b"heic") + noise(500), "photo.mp4", "a HEIF or AVIF image"),
        (ftyp(b"3gp4", b"3gp4") + noise(500), "phone.m4a", "a 3GPP phone recording"),
        (b"\x1a\x45\xdf\xa3\x8b\x42\x82\x88matroska" + noise(500), "film.webm", "a Matroska (MKV) video"),
        (b"RIFF\x00\x10\x00\x00AVI LIST" + noise(500), "film.wav", "an AVI video"),
        (b"\xff\xf1\x50\x80" + noise(500), "voice.aac", "raw AAC audio"),
        (b"\xff\xfd\x90\x00" + noise(500), "tape.mp3", "MPEG layer II audio"),
        (b"FORM\x00\x00\x10\x00AIFF" + noise(500), "tape.wav", "AIFF audio"),
    ],
)
def test_other_kinds_of_file_are_named(data, filename, found, tmp_path):
    error = refusal(tmp_path, data, filename)
    assert error.code == "mislabelled"
    assert f"but contains {found}" in error.message
    assert ".mp3, .m4a" in error.message  # no single right ending: the accepted ones are listed


@pytest.mark.parametrize(
    "filename",
    ["noise.mp3", "noise.m4a", "noise.ogg", "noise.opus", "noise.flac", "noise.wav", "noise.mp4", "noise.webm"],
)
def test_unrecognised_bytes(filename, tmp_path):
    error = refusal(tmp_path, noise(20_000), filename)
    assert error.code == "unrecognised"
    ext = filename.rsplit(".", 1)[1]
    assert f"is named .{ext} but does not contain {format_for_filename(filename).label}" in error.message
    assert "damaged" in error.message


def test_text_file_renamed(tmp_path):
    error = refusal(tmp_path, b"Transcript of the interview\n" * 50, "transcript.mp3")
    assert error.code == "unrecognised"


# How many leading bytes to keep so that a file still looks like its format (magic bytes,
# first headers) while what follows is garbage: FFmpeg or the checks must call it damaged.
CORRUPT_PREFIX = {
    "speech.mp3": 64,  # ID3 tag + the Info frame's header
    "speech.m4a": 12,  # ftyp size, type and major brand
    "clip.mp4": 64,  # ftyp + the start of moov
    "speech.ogg": 64,  # the first page (Vorbis identification header)
    "speech.opus": 64,  # the first page (OpusHead)
    "speech-flac.oga": 64,
    "speech.flac": 200,  # fLaC + STREAMINFO + the start of the comments
    "speech.wav": 12,  # RIFF....WAVE
    "clip.webm": 200,  # EBML header, Segment, SeekHead…
    "audio-only.webm": 64,
    "live.webm": 200,
}


@pytest.mark.parametrize("name", sorted(CORRUPT_PREFIX))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_corrupt_recordings(name, seed, tmp_path):
    data = fixture_bytes(name)
    keep = CORRUPT_PREFIX[name]
    error = refusal(tmp_path, data[:keep] + noise(len(data) - keep, seed), name)
    assert error.code == "corrupt", error.detail
    assert "is damaged" in error.message
    assert error.detail  # the technical reason, for logs


def test_corrupt_mp3_header_with_a_real_first_frame_only(tmp_path):
    data = fixture_bytes("speech.mp3")
    first_frame_end = 45 + 180  # ID3 (45 bytes) + one MPEG-2 layer III frame at 32 kbit/s, 16 kHz
    error = refusal(tmp_path, data[:first_frame_end] + noise(len(data) - first_frame_end), "speech.mp3")
    assert error.code == "corrupt"


def test_wav_with_data_chunk_but_no_format(tmp_path):
    data = fixture_bytes("speech.wav")
    broken = data.replace(b"fmt ", b"junk", 1)
    error = refusal(tmp_path, broken, "speech.wav")
    assert error.code == "corrupt"


@pytest.mark.parametrize("name", sorted(GOOD))
@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95, -1])
def test_truncated_recordings(name, keep, tmp_path):
    data = fixture_bytes(name)
    cut = data[:keep] if keep == -1 else data[: int(len(data) * keep)]
    error = refusal(tmp_path, cut, name)
    assert error.code == "truncated", error.detail
    assert "is incomplete: the file stops before the end of the recording" in error.message


def test_truncated_mp3_without_byte_count_is_caught_by_its_last_frame(tmp_path):
    # Without the Info header's byte count, only the frames themselves can tell.
    data = fixture_bytes("speech.mp3").replace(b"Info", b"\0\0\0\0", 1)
    assert probe(write(tmp_path, data), filename="speech.mp3").duration > 2
    error = refusal(tmp_path, data[:-50], "speech.mp3")
    assert error.code == "truncated"
    assert "last MPEG frame" in error.detail


def test_truncated_wav_whose_riff_size_was_rewritten(tmp_path):
    # Some tools fix the RIFF size but not the data chunk: the data chunk still tells.
    data = bytearray(fixture_bytes("speech.wav")[:40_000])
    data[4:8] = struct.pack("<I", len(data) - 8)
    error = refusal(tmp_path, bytes(data), "speech.wav")
    assert error.code == "truncated"
    assert "data chunk" in error.detail


def test_truncated_ogg_cut_between_pages(tmp_path):
    data = fixture_bytes("speech.ogg")
    last_page = data.rfind(b"OggS")
    error = refusal(tmp_path, data[:last_page], "speech.ogg")
    assert error.code == "truncated"
    assert "end-of-stream" in error.detail


def test_flac_shorter_than_its_streaminfo(tmp_path):
    # STREAMINFO's total samples (36 bits at byte 8+13…) now promise one more second.
    data = bytearray(fixture_bytes("speech.flac"))
    start = 8 + 13  # "fLaC", block header (4), then 13 bytes before the 36-bit total
    packed = int.from_bytes(data[start : start + 5], "big")
    total = packed & 0xFFFFFFFFF
    assert total == 38_989
    data[start : start + 5] = ((packed & ~0xFFFFFFFFF) | (total + 16_000)).to_bytes(5, "big")
    error = refusal(tmp_path, bytes(data), "speech.flac")
    assert error.code == "truncated"
    assert "STREAMINFO promises 54989" in error.detail


def test_mp4_whose_mdat_runs_to_the_end_is_checked_by_its_chunk_offsets(tmp_path):
    data = bytearray(fixture_bytes("clip.mp4"))
    mdat = data.find(b"mdat") - 4
    data[mdat : mdat + 4] = bytes(4)  # size 0: "to the end of the file"
    assert probe(write(tmp_path, bytes(data)), filename="clip.mp4").has_video
    error = refusal(tmp_path, bytes(data[: mdat + 100]), "clip.mp4")
    assert error.code == "truncated"
    assert "chunk" in error.detail


def test_live_webm_cut_inside_a_cluster_of_unknown_size(tmp_path):
    data = ebml_unknown_cluster_sizes(fixture_bytes("live.webm"))
    error = refusal(tmp_path, data[:-10], "memo.webm")
    assert error.code == "truncated"


def test_wav_without_samples_has_no_duration(tmp_path):
    data = bytearray(fixture_bytes("speech.wav"))
    data_chunk = data.find(b"data")
    header = data[: data_chunk + 8]
    header[data_chunk + 4 : data_chunk + 8] = struct.pack("<I", 0)
    header[4:8] = struct.pack("<I", len(header) - 8)
    error = refusal(tmp_path, bytes(header), "silence.wav")
    assert error.code == "no_duration"
    assert "has no playing time" in error.message


def test_mp4_with_zero_durations(tmp_path):
    data = bytearray(fixture_bytes("speech.m4a"))
    for box in (b"mvhd", b"mdhd"):
        at = data.find(box)
        while at >= 0:
            assert data[at + 4] == 0  # version 0: duration is 4 bytes after ctime, mtime, timescale
            data[at + 20 : at + 24] = bytes(4)
            at = data.find(box, at + 4)
    error = refusal(tmp_path, bytes(data), "speech.m4a")
    assert error.code == "no_duration"


def test_mp4_without_sound_or_pictures(tmp_path):
    # FFmpeg tells a track's kind by its sample entry ("mp4a") as well as its handler
    # ("soun"): both relabelled, the one track is a subtitle track (tx3g text).
    data = fixture_bytes("speech.m4a").replace(b"soun", b"sbtl").replace(b"mp4a", b"tx3g")
    error = refusal(tmp_path, data, "speech.m4a")
    assert error.code == "no_streams"
    assert "contains no sound and no pictures" in error.message


def test_webm_without_sound_or_pictures(tmp_path):
    data = fixture_bytes("audio-only.webm")
    assert data.count(b"\x83\x81\x02") == 1  # TrackType, 1 byte, 2 = audio
    error = refusal(tmp_path, data.replace(b"\x83\x81\x02", b"\x83\x81\x11"), "memo.webm")
    assert error.code == "no_streams"


def test_messages_are_translated_strings():
    with translation.override("fr"), pytest.raises(RecordingError) as caught:
        format_for_filename("notes.txt")
    assert isinstance(caught.value.message, str)


# --- hashing and sizes ---------------------------------------------------------------------


@pytest.mark.parametrize("chunk_size", [1, 1000, 1 << 20])
def test_sha256_file(chunk_size):
    path = MEDIA / "clip.webm" if chunk_size > 1 else MEDIA / "speech.opus"
    assert sha256_file(path, chunk_size=chunk_size) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_sha256_of_empty_file(tmp_path):
    assert sha256_file(write(tmp_path, b"")) == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize(
    ("n_bytes", "expected"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (512 * 1024, "512 KB"),
        (int(1.5 * 1024**2), "1.5 MB"),
        (2 * 1024**3, "2.0 GB"),
        (int(2.3 * 1024**3), "2.3 GB"),
        (3 * 1024**4, "3.0 TB"),
    ],
)
def test_human_size(n_bytes, expected):
    assert human_size(n_bytes) == expected


def test_human_size_follows_the_language():
    with translation.override("fr"):
        assert human_size(int(2.5 * 1024**3)).startswith("2,5")
    with translation.override("de"):
        assert human_size(int(1.5 * 1024**2)).startswith("1,5")


def test_oversize_message():
    assert oversize_message(int(2.3 * 1024**3), 2 * 1024**3) == "The file is 2.3 GB; the limit is 2.0 GB."
    # Sizes that look equal at one decimal get more.
    assert oversize_message(2 * 1024**3 + 20 * 1024**2, 2 * 1024**3) == "The file is 2.02 GB; the limit is 2.00 GB."
    assert oversize_message(2 * 1024**3 + 1, 2 * 1024**3) == "The file is larger than the limit of 2.0 GB."


# --- the upload handler --------------------------------------------------------------------


class RecordingHandler(HashingUploadHandler):
    """Notes the size of each chunk handed over and the temporary file's size after it."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.chunk_sizes: list[int] = []
        self.file_positions: list[int] = []

    def receive_data_chunk(self, raw_data, start):
        result = super().receive_data_chunk(raw_data, start)
        self.chunk_sizes.append(len(raw_data))
        self.file_positions.append(self.file.tell())
        return result


def upload(files: dict[str, tuple[str, bytes]], handler_class=HashingUploadHandler):
    """A multipart POST parsed by Django with only ``handler_class`` installed."""
    parts = {field: SimpleUploadedFile(name, data) for field, (name, data) in files.items()}
    request = RequestFactory().post("/upload/", {"title": "Interview", **parts})
    handler = handler_class(request)
    request.upload_handlers = [handler]
    return request, handler


def test_upload_is_hashed_while_streaming_to_a_temporary_file():
    data = noise(300_000, seed=11)
    request, handler = upload({"recording": ("interview.flac", data)}, RecordingHandler)
    uploaded = request.FILES["recording"]
    assert request.POST["title"] == "Interview"
    assert isinstance(uploaded, TemporaryUploadedFile)
    path = uploaded.temporary_file_path()
    assert os.path.exists(path)
    assert os.path.getsize(path) == len(data)
    assert uploaded.sha256 == hashlib.sha256(data).hexdigest()
    assert uploaded.oversized is False
    assert uploaded.received == len(data) == uploaded.size
    assert uploaded.name == "interview.flac"
    # Bytes arrive a chunk at a time and go straight to disk: never more than a chunk held.
    assert len(handler.chunk_sizes) > 1
    assert max(handler.chunk_sizes) <= handler.chunk_size
    assert handler.file_positions == [sum(handler.chunk_sizes[: i + 1]) for i in range(len(handler.chunk_sizes))]
    assert uploaded.read() == data
    uploaded.close()
    assert not os.path.exists(path)


def test_each_upload_in_a_request_gets_its_own_hash():
    first, second = noise(70_000, seed=1), noise(90_000, seed=2)
    request, _handler = upload({"recording": ("a.mp3", first), "consent": ("b.pdf", second)})
    assert request.FILES["recording"].sha256 == hashlib.sha256(first).hexdigest()
    assert request.FILES["consent"].sha256 == hashlib.sha256(second).hexdigest()
    assert request.FILES["consent"].received == len(second)


@override_settings(HERITAGE_RECORDING_MAX_BYTES=100_000)
def test_oversized_upload_is_counted_but_not_kept():
    data = noise(400_000, seed=3)
    request, handler = upload({"recording": ("long.wav", data)}, RecordingHandler)
    uploaded = request.FILES["recording"]
    assert uploaded.oversized is True
    assert uploaded.sha256 == ""
    assert uploaded.received == len(data)
    path = uploaded.temporary_file_path()
    assert os.path.getsize(path) == 0, "nothing big stays on disk"
    assert max(handler.file_positions) <= 100_000
    assert oversize_message(uploaded.received, 100_000) == "The file is 391 KB; the limit is 98 KB."
    uploaded.close()
    assert not os.path.exists(path)


@override_settings(HERITAGE_RECORDING_MAX_BYTES=100_000)
def test_upload_exactly_at_the_limit_is_kept():
    data = noise(100_000, seed=4)
    request, _handler = upload({"recording": ("edge.wav", data)})
    uploaded = request.FILES["recording"]
    assert uploaded.oversized is False
    assert uploaded.sha256 == hashlib.sha256(data).hexdigest()


@override_settings(HERITAGE_RECORDING_MAX_BYTES=1000)
def test_handler_called_directly_with_chunks():
    handler = HashingUploadHandler()
    handler.new_file("recording", "memo.opus", "audio/ogg", None)
    assert isinstance(handler.file, TemporaryUploadedFile)
    assert handler.file.temporary_file_path()
    chunks = [b"a" * 400, b"b" * 400, b"c" * 400, b"d" * 400]
    for offset, chunk in zip(range(0, 1600, 400), chunks, strict=True):
        assert handler.receive_data_chunk(chunk, offset) is None  # no later handler gets the bytes
    uploaded = handler.file_complete(1600)
    assert (uploaded.oversized, uploaded.received, uploaded.sha256) == (True, 1600, "")
    assert os.path.getsize(uploaded.temporary_file_path()) == 0
    uploaded.close()

    handler.new_file("recording", "memo2.opus", "audio/ogg", None)
    handler.receive_data_chunk(b"x" * 999, 0)
    uploaded = handler.file_complete(999)
    assert (uploaded.oversized, uploaded.received) == (False, 999)
    assert uploaded.sha256 == hashlib.sha256(b"x" * 999).hexdigest()
    uploaded.close()


def test_interrupted_upload_leaves_no_file():
    handler = HashingUploadHandler()
    handler.new_file("recording", "memo.opus", "audio/ogg", None)
    handler.receive_data_chunk(b"x" * 1000, 0)
    path = handler.file.temporary_file_path()
    handler.upload_interrupted()
    assert not os.path.exists(path)


def test_limit_defaults_to_two_gigabytes(settings):
    settings.HERITAGE_RECORDING_MAX_BYTES = 5
    assert recording_max_bytes() == 5
    del settings.HERITAGE_RECORDING_MAX_BYTES
    assert recording_max_bytes() == DEFAULT_MAX_BYTES == 2 * 1024**3


def test_probe_an_uploaded_file():
    """The way a form will use it: the temporary file's path and the upload's own name."""
    data = fixture_bytes("speech.opus")
    request, _handler = upload({"recording": ("Grand-mère à Marseille.opus", data)})
    uploaded = request.FILES["recording"]
    result = probe(uploaded.temporary_file_path(), filename=uploaded.name)
    assert result.format.name == "opus"
    assert uploaded.sha256 == sha256_file(uploaded.temporary_file_path())
    uploaded.close()
