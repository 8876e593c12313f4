"""oral_histories.media_files.probe on recordings made here with PyAV (FFmpeg's encoders
in its wheel): every accepted format, encodings the archive does not take, cover art,
cut-short files, file objects read a buffer at a time, and memory on a large file.

Nothing is fetched: each recording is a 1.5 s sine tone encoded in tmp_path.
"""

from __future__ import annotations

import array
import io
import math
import os
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PIL import Image

from oral_histories.media_files import FORMATS, Probe, RecordingError, probe
from oral_histories.probe_memory import measure_probe

SECONDS = 1.5


# --- making recordings -----------------------------------------------------------------------


def tone_frames(rate: int, layout: str, seconds: float = SECONDS):
    """A 440 Hz tone in 16-bit frames of 1024 samples (the encoder converts and re-chunks)."""
    channels = 2 if layout == "stereo" else 1
    total = int(rate * seconds)
    for start in range(0, total, 1024):
        n = min(1024, total - start)
        samples = array.array(
            "h",
            (int(8000 * math.sin(2 * math.pi * 440 * (start + i) / rate)) for i in range(n) for _c in range(channels)),
        )
        frame = av.AudioFrame(format="s16", layout=layout, samples=n)
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
        yield frame


def picture_frames(seconds: float = SECONDS, rate: int = 10):
    """64×64 pictures changing colour, ``rate`` a second."""
    for i in range(round(seconds * rate)):
        frame = av.VideoFrame(64, 64, "rgb24")
        frame.planes[0].update(bytes([i * 20 % 256, 80, 160]) * (frame.planes[0].buffer_size // 3))
        frame.pts = i
        yield frame


def make(
    path: Path,
    muxer: str,
    audio: str | None,
    *,
    rate: int = 16_000,
    layout: str = "mono",
    video: str | None = None,
    options: dict | None = None,
) -> Path:
    with av.open(str(path), "w", format=muxer) as out:
        encoders = []  # every stream is added before the first packet is written
        if video:
            pictures = out.add_stream(video, rate=10)
            pictures.width = pictures.height = 64
            pictures.pix_fmt = "yuv420p"
            encoders.append((pictures, picture_frames()))
        if audio:
            sound = out.add_stream(audio, rate=rate, options=options or {})
            sound.layout = layout
            encoders.append((sound, tone_frames(rate, layout)))
        for stream, frames in encoders:
            for frame in [*frames, None]:
                for packet in stream.encode(frame):
                    out.mux(packet)
    return path


# name → (muxer, audio encoder, options for make, expected format, audio codec, video codec)
MADE = {
    "tone.mp3": ("mp3", "libmp3lame", {}, "mp3", "mp3", None),
    "tone.m4a": ("ipod", "aac", {}, "m4a", "aac", None),
    "tone.ogg": (
        "ogg",
        "vorbis",
        {"rate": 44_100, "layout": "stereo", "options": {"strict": "experimental"}},
        "ogg",
        "vorbis",
        None,
    ),
    "tone.opus": ("ogg", "libopus", {"rate": 48_000}, "opus", "opus", None),
    "tone-flac.oga": ("ogg", "flac", {}, "ogg", "flac", None),
    "tone.flac": ("flac", "flac", {}, "flac", "flac", None),
    "tone.wav": ("wav", "pcm_s16le", {}, "wav", "pcm_s16le", None),
    "tone.webm": ("webm", "libopus", {"rate": 48_000, "video": "libvpx"}, "webm", "opus", "vp8"),
    "tone.mp4": ("mp4", "aac", {"video": "libx264"}, "mp4", "aac", "h264"),
}


def made(tmp_path: Path, name: str) -> Path:
    muxer, audio, options, *_expected = MADE[name]
    return make(tmp_path / name, muxer, audio, **options)


def refusal(path: Path, filename: str) -> RecordingError:
    with pytest.raises(RecordingError) as caught:
        probe(path, filename=filename)
    assert os.path.basename(filename) in caught.value.message
    return caught.value


# --- every accepted format --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MADE))
def test_recordings_made_with_pyav(name, tmp_path):
    fmt, audio_codec, video_codec = MADE[name][3:]
    path = made(tmp_path, name)
    result = probe(path, filename=name)
    assert isinstance(result, Probe)
    assert result.format is FORMATS[fmt]
    assert (result.audio_codec, result.video_codec) == (audio_codec, video_codec)
    assert result.has_video is (video_codec is not None)
    assert result.duration == pytest.approx(SECONDS, abs=0.1)
    assert result.sample_rate in (16_000, 44_100, 48_000)
    assert result.bitrate and result.bitrate > 1000


@pytest.mark.parametrize("name", sorted(MADE))
def test_recordings_made_with_pyav_cut_in_half(name, tmp_path):
    path = made(tmp_path, name)
    data = path.read_bytes()
    cut = tmp_path / "upload.bin"
    cut.write_bytes(data[: len(data) // 2])
    error = refusal(cut, name)
    assert error.code == "truncated", error.detail
    assert "is incomplete" in error.message


def test_cover_art_is_not_pictures(tmp_path):
    """An MP3 whose ID3 tag holds a cover picture: FFmpeg shows it as a one-picture video
    stream (attached picture), which is not a video."""
    cover = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(cover, "PNG")
    apic = b"\x00image/png\x00\x03\x00" + cover.getvalue()
    frame = b"APIC" + len(apic).to_bytes(4, "big") + b"\x00\x00" + apic
    size = len(frame)
    tag = b"ID3\x03\x00\x00" + bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    mp3 = made(tmp_path, "tone.mp3").read_bytes()
    assert mp3.startswith(b"ID3")
    with_cover = tmp_path / "with-cover.mp3"
    with_cover.write_bytes(tag + frame + mp3)
    with av.open(str(with_cover)) as media:
        assert any(s.type == "video" for s in media.streams), "FFmpeg sees the picture as a stream"
    result = probe(with_cover, filename="interview.mp3")
    assert (result.format.name, result.has_video, result.video_codec) == ("mp3", False, None)


# --- encodings the archive does not take ------------------------------------------------------


def test_apple_lossless_in_m4a(tmp_path):
    path = make(tmp_path / "alac.m4a", "ipod", "alac")
    error = refusal(path, "interview.m4a")
    assert error.code == "codec"
    assert "holds sound encoded as ALAC (Apple Lossless Audio Codec)" in error.message
    assert "in MPEG-4 (M4A) audio" in error.message
    assert "Accepted for sound: AAC, FLAC, MP3, Opus." in error.message
    assert error.detail == "audio codec alac"


def test_adpcm_in_wav(tmp_path):
    path = make(tmp_path / "adpcm.wav", "wav", "adpcm_ima_wav")
    error = refusal(path, "dictaphone.wav")
    assert error.code == "codec"
    assert "IMA" in error.message and "Accepted for sound: A-law, PCM, µ-law." in error.message


def test_mpeg4_part2_pictures_in_mp4(tmp_path):
    path = make(tmp_path / "old.mp4", "mp4", "aac", video="mpeg4")
    error = refusal(path, "camcorder.mp4")
    assert error.code == "codec"
    assert "holds pictures encoded as MPEG-4 part 2" in error.message
    assert "Accepted for pictures: AV1, H.264, H.265 (HEVC), VP9." in error.message


def test_webm_holding_pcm(tmp_path):
    """WebM takes Opus or Vorbis sound: a Matroska file with PCM whose DocType says webm."""
    data = make(tmp_path / "pcm.mkv", "matroska", "pcm_s16le").read_bytes()
    assert data.count(b"\x42\x82\x88matroska") == 1  # DocType, 8 bytes
    path = tmp_path / "pcm.webm"
    path.write_bytes(data.replace(b"\x42\x82\x88matroska", b"\x42\x82\x88webm\0\0\0\0"))
    error = refusal(path, "memo.webm")
    assert error.code == "codec"
    assert "PCM signed 16-bit little-endian" in error.message and "Accepted for sound: Opus, Vorbis." in error.message


def test_mp2_named_mp3_is_named(tmp_path):
    path = make(tmp_path / "tape.mp2", "mp2", "mp2")
    error = refusal(path, "tape.mp3")
    assert error.code == "mislabelled"
    assert "contains MPEG layer II audio (not MP3)" in error.message


# --- large files: read a buffer at a time, memory flat -------------------------------------------


class CountingFile(io.FileIO):
    """A file that notes how much each read asks for."""

    def __init__(self, path):
        super().__init__(path, "rb")
        self.asked: list[int] = []

    def read(self, size=-1):
        self.asked.append(size)
        return super().read(size)


def long_wav(path: Path, megabytes: int) -> Path:
    """A WAV of ``megabytes`` MB: a real header, then the same second of tone again and again."""
    second = b"".join(bytes(f.planes[0])[: f.samples * 2] for f in tone_frames(16_000, "mono", 1.0))
    repeats = megabytes * 1024 * 1024 // len(second)
    data_size = repeats * len(second)
    header = (
        b"RIFF"
        + (36 + data_size).to_bytes(4, "little")
        + b"WAVEfmt "
        + (16).to_bytes(4, "little")
        + (1).to_bytes(2, "little")  # PCM
        + (1).to_bytes(2, "little")  # mono
        + (16_000).to_bytes(4, "little")
        + (32_000).to_bytes(4, "little")
        + (2).to_bytes(2, "little")
        + (16).to_bytes(2, "little")
        + b"data"
        + data_size.to_bytes(4, "little")
    )
    with path.open("wb") as out:
        out.write(header)
        for _i in range(repeats):
            out.write(second)
    return path


def test_a_file_object_is_read_a_buffer_at_a_time(tmp_path):
    path = long_wav(tmp_path / "long.wav", 16)
    size = path.stat().st_size
    with CountingFile(path) as handle:
        from_object = probe(handle, filename="long.wav")
        assert handle.tell() == 0, "left rewound"
        asked = handle.asked
    assert from_object == probe(path, filename="long.wav")
    assert from_object.duration == pytest.approx((size - 44) / 32_000, abs=0.01)
    assert max(asked) <= 1024 * 1024, "never the whole file at once"
    assert sum(n for n in asked if n > 0) < 2 * size, "read about once"


def test_memory_stays_flat_on_a_large_recording(tmp_path):
    """A 64 MB MP3 of 32 kbit/s (some 450 000 packets, all read): the probing process grows
    by a few MB at most (measured in a fresh process, from its peak resident memory)."""
    small = made(tmp_path, "tone.mp3")
    with av.open(str(small)) as media:
        frames = b"".join(bytes(p) for p in media.demux() if p.size)
    big = tmp_path / "big.mp3"
    with big.open("wb") as out:
        for _i in range(64 * 1024 * 1024 // len(frames)):
            out.write(frames)
    measured = measure_probe(small, big, timeout=300)
    assert measured["duration"] > 3 * 3600
    assert measured["growth_kb"] < 24 * 1024, measured
