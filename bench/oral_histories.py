"""Oral-history benchmark: transcript import, long transcripts on the page, and recording upload, with baselines in the same run.

    .venv/bin/python bench/oral_histories.py [--segments 2000] [--upload-mb 100] [--repeat 5]
        [--only transcript_import long_transcript_import transcript_page recording_upload]
        [--long-cues 123000] [--long-repeat 3] [--page-sizes 70 2000] [--page-rounds 40]
        [--merge bench/results-oral-histories.json]

- Transcript import: a two-hour WebVTT file of ``--segments`` cues is parsed
  (``oral_histories.transcripts.parse``), stored (``Transcript.replace``: one bulk
  insert) and, on commit, the page re-indexed with its lines (public recording), the
  median of ``--repeat`` runs; baseline: the same segments saved one
  ``Segment.objects.create`` at a time (re-indexed the same way).
- Long transcript import (``long_transcript_import``): a WebVTT file of
  ``--long-cues`` cues (123,000 by default, some 14 MB: over the default limits, which
  are raised for it), parsed and stored as above (``--long-repeat`` runs, the page
  re-indexed on commit); baseline: parsing the same file alone, in the same runs.
- The page of a long transcript (``transcript_page``): the oral-history page of a
  recording with a transcript of each of ``--page-sizes`` lines (the first is the
  baseline, 70 by default; the page shows a part of at most
  ``HERITAGE_TRANSCRIPT_PART_LINES`` lines, ``oral_histories.transcript_parts``),
  through Django's test client, ``--page-rounds`` interleaved rounds after a warm-up;
  reported: median ms, the ratio of each to the first, HTML bytes and SQL queries;
  the same pages with every line on them (parts switched off: the page before
  issue 16), in the same rounds; and the part view answering the next part of the
  longest (JSON). With
  ``long_transcript_import`` in the same run, the page of its 123,000-line transcript
  is measured too.
- Recording upload: a ``--upload-mb`` MB WAV file is posted to the admin's recording
  form on a real server (``manage.py runserver`` in a subprocess, so the measurement is
  the server's own memory, not the client's), streamed from disk by the client; the
  form streams it to a temporary file, hashes it (SHA-256) as it arrives and probes it.
  Reported: wall time and the server's peak resident memory (VmHWM) above what it was
  before the upload; baselines: ``sha256`` of the same file in this process (the
  floor for hashing the bytes) and the server's memory after a trivial page.

Probe alone (``--probe``, instead of the two above):

    .venv/bin/python bench/oral_histories.py --probe [--probe-size-mb 64] [--probe-rounds 5]

- A ``--probe-size-mb`` MB MP3 (32 kbit/s, 16 kHz mono: some 7 000 frames a MB, every
  one a packet FFmpeg must read) is made once in a temporary folder: a few seconds of
  tone encoded with PyAV, its frames repeated. Each round (interleaved) times
  ``oral_histories.media_files.probe`` on it in a fresh process (after a small probe
  that loads FFmpeg's libraries; the process's peak resident memory is reset before
  the big one) and ``sha256sum`` of the same file. Reported: medians, their ratio, and
  the largest growth of the probing process's peak memory over the rounds.

Prints one JSON object (``--merge FILE`` also writes it into FILE, keeping the keys
this run did not measure). Quote medians and ratios: the machine is noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import re
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchkit import setup_django  # noqa: E402 (after the path is set)


def webvtt(segments: int, duration: float = 7200.0) -> str:
    step = duration / segments
    lines = ["WEBVTT", ""]
    for n in range(segments):
        start, end = n * step, (n + 1) * step
        lines += [
            f"{stamp(start)} --> {stamp(end)}",
            f"<v Narrator {n % 3}>Line {n}: we walked down to the harbour every morning, past the bakery.",
            "",
        ]
    return "\n".join(lines)


def stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def write_wav(path: Path, megabytes: int) -> None:
    """A valid 16-bit mono 44.1 kHz WAV of about ``megabytes`` MB (a quiet ramp, written in blocks)."""
    data_bytes = megabytes * 1024 * 1024 // 2 * 2
    with path.open("wb") as out:
        out.write(b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE")
        out.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 44100, 88200, 2, 16))
        out.write(b"data" + struct.pack("<I", data_bytes))
        block = b"".join(struct.pack("<h", (n % 200) - 100) for n in range(32768))
        written = 0
        while written < data_bytes:
            chunk = block[: data_bytes - written]
            out.write(chunk)
            written += len(chunk)


def build_site():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Site

    from heritage.factories import HomePageFactory
    from oral_histories.factories import OralHistoryIndexPageFactory, OralHistoryPageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    section = OralHistoryIndexPageFactory(parent=home)
    pages = [OralHistoryPageFactory(parent=section, title=f"Bench {n}") for n in range(3)]
    user = get_user_model().objects.create_user(username="bench-curator", password="bench-password")
    user.groups.add(Group.objects.get(name="Curators"))
    return pages, user


def bench_transcripts(page, segments: int, repeat: int) -> dict:
    from django.db import transaction

    from oral_histories.factories import RecordingFactory
    from oral_histories.models import Segment, Transcript
    from oral_histories.transcripts import parse

    recording = RecordingFactory(page=page, duration=7200)
    data = webvtt(segments).encode()
    ours, parse_only, stored, naive, naive_stored = [], [], [], [], []
    for _attempt in range(repeat):
        started = time.perf_counter()
        parsed = parse(data, filename="two-hours.vtt")
        parse_only.append(time.perf_counter() - started)
        with transaction.atomic():
            Transcript.replace(recording, parsed, language="en", is_original=True, filename="two-hours.vtt")
            stored.append(time.perf_counter() - started)
        # leaving the transaction runs the on-commit work: the page is re-indexed with its lines
        ours.append(time.perf_counter() - started)

        started = time.perf_counter()
        with transaction.atomic():
            recording.transcripts.filter(language="fr").delete()
            transcript = Transcript.objects.create(recording=recording, language="fr", source_format="webvtt")
            for position, cue in enumerate(parsed.segments):
                Segment.objects.create(
                    transcript=transcript,
                    position=position,
                    start=cue.start,
                    end=cue.end,
                    speaker=cue.speaker,
                    text=cue.text,
                )
            naive_stored.append(time.perf_counter() - started + parse_only[-1])
        naive.append(time.perf_counter() - started + parse_only[-1])
    assert recording.transcripts.get(language="en").segments.count() == segments
    return {
        "segments": segments,
        "file_bytes": len(data),
        "parse_and_store_p50_s": round(statistics.median(ours), 3),
        "parse_only_p50_s": round(statistics.median(parse_only), 3),
        "parse_and_store_before_search_indexing_p50_s": round(statistics.median(stored), 3),
        "baseline_parse_and_create_one_by_one_p50_s": round(statistics.median(naive), 3),
        "baseline_before_search_indexing_p50_s": round(statistics.median(naive_stored), 3),
        "store_speedup_vs_baseline": round(statistics.median(naive_stored) / statistics.median(stored), 1),
        "runs": repeat,
    }


def bench_long_import(page, cues: int, repeat: int) -> dict:
    """A ``cues``-cue WebVTT file parsed and stored (the page re-indexed on commit),
    beside parsing it alone, ``repeat`` runs each (see the module doc)."""
    from django.db import transaction
    from django.test.utils import override_settings

    from oral_histories.factories import RecordingFactory
    from oral_histories.models import Transcript
    from oral_histories.transcripts import parse

    duration = max(7200.0, cues * 0.7)  # some 24 hours for 123,000 cues
    recording = RecordingFactory(page=page, duration=duration)
    data = webvtt(cues, duration).encode()
    parse_only, stored, indexed = [], [], []
    with override_settings(HERITAGE_TRANSCRIPT_MAX_CUES=cues + 1, HERITAGE_TRANSCRIPT_MAX_BYTES=len(data) + 1):
        for _attempt in range(repeat):
            started = time.perf_counter()
            parse(data, filename="long.vtt")
            parse_only.append(time.perf_counter() - started)

            started = time.perf_counter()
            parsed = parse(data, filename="long.vtt")
            with transaction.atomic():
                Transcript.replace(recording, parsed, language="fr", is_original=True, filename="long.vtt")
                stored.append(time.perf_counter() - started)
            indexed.append(time.perf_counter() - started)  # the on-commit work: the page re-indexed
            del parsed
    assert recording.transcripts.get(language="fr").segments.count() == cues
    parse_s, stored_s, indexed_s = (statistics.median(v) for v in (parse_only, stored, indexed))
    return {
        "cues": cues,
        "file_bytes": len(data),
        "recording_hours": round(duration / 3600, 1),
        "parse_only_p50_s": round(parse_s, 2),
        "parse_and_store_before_search_indexing_p50_s": round(stored_s, 2),
        "parse_and_store_p50_s": round(indexed_s, 2),
        "ratio_store_to_parse": round(stored_s / parse_s, 1),
        "ratio_store_and_index_to_parse": round(indexed_s / parse_s, 1),
        "parse_us_per_cue": round(parse_s / cues * 1e6, 1),
        "store_us_per_cue": round((stored_s - parse_s) / cues * 1e6, 1),
        "runs": repeat,
        "_recording": recording,
    }


def transcript_recording(parent, lines: int, *, title: str):
    """A public oral history with one transcript of ``lines`` lines (2 h, stored in one insert)."""
    from oral_histories.factories import OralHistoryPageFactory, RecordingFactory
    from oral_histories.models import Segment, Transcript

    page = OralHistoryPageFactory(parent=parent, title=title)
    duration = 7200.0
    recording = RecordingFactory(page=page, duration=duration)
    transcript = Transcript.objects.create(recording=recording, language="fr", is_original=True, source_format="webvtt")
    step = duration / lines
    Segment.objects.bulk_create(
        Segment(
            transcript=transcript,
            position=n,
            start=n * step,
            end=(n + 1) * step,
            speaker=f"Narrator {n % 3}",
            text=f"Line {n}: we walked down to the harbour every morning, past the bakery.",
        )
        for n in range(lines)
    )
    return recording


def bench_transcript_page(section, sizes: list[int], rounds: int, extra=None) -> dict:
    """The oral-history page of a transcript of each size, rounds interleaved (see the module doc)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from oral_histories.transcript_parts import part_lines

    settings.ALLOWED_HOSTS = ["*"]
    recordings = {lines: transcript_recording(section, lines, title=f"Page bench {lines}") for lines in sizes}
    if extra is not None:
        recordings[extra.transcripts.get().segments.count()] = extra
    client = Client(HTTP_HOST="localhost")
    urls = {lines: recording.page.url for lines, recording in recordings.items()}
    longest = max(recordings)
    facts = {}
    for lines, url in urls.items():
        for _warm in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            content = client.get(url).content
        facts[lines] = {
            "html_bytes": len(content),
            "queries": len(queries),
            "lines_rendered": content.count(b'<li class="oh-line'),
        }
    next_part = reverse("oral_histories:transcript_part", args=[recordings[longest].pk])
    first_end = repr(float(client.get(next_part).json()["until"]))
    part_query = {"from": first_end}
    client.get(next_part, part_query)
    # Every line on the page, as before parts (not for the 123,000-line one: minutes each).
    whole_sizes = [lines for lines in sizes if part_lines() < lines <= 20_000]
    whole_facts = {}
    with override_settings(HERITAGE_TRANSCRIPT_PART_LINES=10**9):
        for lines in whole_sizes:
            client.get(urls[lines])
            content = client.get(urls[lines]).content
            whole_facts[lines] = {"html_bytes": len(content), "lines_rendered": content.count(b'<li class="oh-line')}
    timings = {lines: [] for lines in urls}
    whole_timings = {lines: [] for lines in whole_sizes}
    part_timings = []
    order = [*((lines, False) for lines in urls), *((lines, True) for lines in whole_sizes)]
    for round_number in range(rounds):
        # Interleaved, and the order turned round every other round.
        for lines, whole in order if round_number % 2 == 0 else order[::-1]:
            with override_settings(HERITAGE_TRANSCRIPT_PART_LINES=10**9) if whole else nullcontext():
                started = time.perf_counter()
                response = client.get(urls[lines])
                (whole_timings if whole else timings)[lines].append(time.perf_counter() - started)
            assert response.status_code == 200
        started = time.perf_counter()
        response = client.get(next_part, part_query)
        part_timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    base = sizes[0]
    p50 = {lines: statistics.median(values) for lines, values in timings.items()}
    whole_p50 = {lines: statistics.median(values) for lines, values in whole_timings.items()}
    report = {
        "part_lines": part_lines(),
        "rounds": rounds,
        "pages": {
            str(lines): {
                "p50_ms": round(p50[lines] * 1000, 1),
                "ratio_to_baseline": round(p50[lines] / p50[base], 2),
                **facts[lines],
            }
            for lines in sorted(urls)
        },
        "baseline_lines": base,
        "goal": f"each page at most 2x the {base}-line page",
        "every_line_on_the_page": {
            str(lines): {
                "p50_ms": round(whole_p50[lines] * 1000, 1),
                "ratio_to_baseline": round(whole_p50[lines] / p50[base], 2),
                "ratio_to_parts": round(whole_p50[lines] / p50[lines], 2),
                **whole_facts[lines],
            }
            for lines in whole_sizes
        },
        "part_view_next_part_p50_ms": round(statistics.median(part_timings) * 1000, 1),
        "part_view_bytes": len(client.get(next_part, part_query).content),
    }
    return report


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vm_hwm_kb(pid: int) -> int:
    """The process's peak resident memory so far (kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def reset_peak(pid: int) -> None:
    """Start the peak again from the current size (Linux: write 5 to clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


class Browser:
    """Just enough of a browser for Django's session and CSRF over http.client."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(headers or {})
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers["Host"] = "localhost"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location"), content

    def csrf_token(self, path: str) -> str:
        _status, _location, content = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        return match.group(1).decode()


def multipart(fields: dict[str, str], file_field: str, file_path: Path, boundary: str):
    """A streaming multipart body: (iterator of bytes, total length)."""
    head = b""
    for name, value in fields.items():
        head += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    head += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_path.name}"\r\n'
        "Content-Type: audio/wav\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + file_path.stat().st_size + len(tail)

    def chunks():
        yield head
        with file_path.open("rb") as handle:
            while block := handle.read(1 << 20):
                yield block
        yield tail

    return chunks(), length


def bench_upload(page, user, database: str, megabytes: int, workdir: Path) -> dict:
    from oral_histories.models import Recording

    wav = workdir / "master.wav"
    write_wav(wav, megabytes)
    started = time.perf_counter()
    digest = hashlib.sha256()
    with wav.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    hash_seconds = time.perf_counter() - started

    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "heritage.settings.test",
        "HERITAGE_PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "HERITAGE_RECORDING_MAX_BYTES": str(4 * 1024**3),
        "TMPDIR": str(workdir),
    }
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        browser = Browser(port)
        for _attempt in range(100):
            try:
                browser.request("GET", "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
        token = browser.csrf_token("/admin/login/")
        body = f"csrfmiddlewaretoken={token}&username=bench-curator&password=bench-password&next=/admin/"
        status, _location, _content = browser.request(
            "POST", "/admin/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302, status
        add = "/admin/snippets/oral_histories/recording/add/"
        token = browser.csrf_token(add)
        browser.request("GET", "/robots.txt")
        reset_peak(server.pid)
        trivial_kb = vm_hwm_kb(server.pid)
        fields = {"csrfmiddlewaretoken": token, "page": str(page.pk), "scope": "public"}
        for prefix in ("index_points", "redactions"):
            fields.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        boundary = uuid.uuid4().hex
        chunks, length = multipart(fields, "file", wav, boundary)
        started = time.perf_counter()
        status, _location, content = browser.request(
            "POST",
            add,
            chunks,
            {"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(length)},
        )
        upload_seconds = time.perf_counter() - started
        peak_kb = vm_hwm_kb(server.pid)
        assert status == 302, (status, content[:500])
    finally:
        server.terminate()
        server.wait(timeout=30)
    recording = Recording.objects.get(page=page)
    assert recording.sha256 == digest.hexdigest(), "the stored SHA-256 is not the file's"
    size_mb = wav.stat().st_size / 1024 / 1024
    return {
        "file_mb": round(size_mb, 1),
        "upload_hash_probe_s": round(upload_seconds, 3),
        "upload_mb_per_s": round(size_mb / upload_seconds, 1),
        "baseline_sha256_in_process_s": round(hash_seconds, 3),
        "ratio_to_hash_alone": round(upload_seconds / hash_seconds, 1),
        "server_peak_rss_mb_before_upload": round(trivial_kb / 1024, 1),
        "server_peak_rss_mb_during_upload": round(peak_kb / 1024, 1),
        "server_peak_rss_growth_mb": round((peak_kb - trivial_kb) / 1024, 1),
        "sha256_matches": True,
    }


def write_long_mp3(path: Path, megabytes: int) -> dict:
    """An MP3 of about ``megabytes`` MB: 10 s of a 440 Hz tone encoded with PyAV (LAME,
    32 kbit/s CBR, 16 kHz mono), its frames (ID3 tag and Info frame left out) repeated.
    Every frame starts afresh (no bit reservoir across the seams), so the file is valid
    throughout and FFmpeg reads every frame of it."""
    import array
    import io
    import math
    from fractions import Fraction

    import av

    rate, buffer = 16_000, io.BytesIO()
    with av.open(buffer, "w", format="mp3") as out:
        stream = out.add_stream("libmp3lame", rate=rate, options={"reservoir": "0"})
        stream.layout, stream.bit_rate = "mono", 32_000
        frames = []
        for start in range(0, rate * 10, 1152):
            samples = array.array(
                "h", (int(8000 * math.sin(2 * math.pi * 440 * (start + i) / rate)) for i in range(1152))
            )
            frame = av.AudioFrame(format="s16", layout="mono", samples=1152)
            frame.planes[0].update(samples.tobytes())
            frame.sample_rate, frame.pts, frame.time_base = rate, start, Fraction(1, rate)
            frames.append(frame)
        for frame in [*frames, None]:
            for packet in stream.encode(frame):
                out.mux(packet)
    buffer.seek(0)
    with av.open(buffer, format="mp3") as media:
        packets = [bytes(p) for p in media.demux() if p.size]
    body = b"".join(packets[1:])  # the first is the Info frame, whose counts would be wrong
    repeats = max(1, megabytes * 1024 * 1024 // len(body))
    with path.open("wb") as out:
        for _i in range(repeats):
            out.write(body)
    return {"frames": repeats * (len(packets) - 1)}


def bench_probe(megabytes: int, rounds: int, workdir: Path) -> dict:
    """``probe`` on a long MP3 beside ``sha256sum`` of it, interleaved rounds (see the module doc)."""
    big, small = workdir / "long.mp3", workdir / "small.mp3"
    made = write_long_mp3(big, megabytes)
    write_long_mp3(small, 0)
    size = big.stat().st_size
    from oral_histories.probe_memory import measure_probe

    probes, hashes, growth, runs = [], [], [], []
    for _round in range(rounds):
        run = measure_probe(small, big)
        started = time.perf_counter()
        subprocess.run(["sha256sum", str(big)], check=True, capture_output=True)  # noqa: S607
        hashes.append(time.perf_counter() - started)
        probes.append(run["seconds"])
        growth.append(run["peak_kb"] - run["rss_before_kb"])
        runs.append({"probe_s": round(run["seconds"], 3), "sha256sum_s": round(hashes[-1], 3)})
    probe_s, hash_s = statistics.median(probes), statistics.median(hashes)
    return {
        "file_mb": round(size / 1024 / 1024, 1),
        "mp3_frames": made["frames"],
        "recording_hours": round(run["duration"] / 3600, 1),
        "probe_p50_s": round(probe_s, 3),
        "sha256sum_p50_s": round(hash_s, 3),
        "ratio_probe_to_sha256sum": round(probe_s / hash_s, 1),
        "probe_mb_per_s": round(size / 1024 / 1024 / probe_s, 1),
        "probe_us_per_frame": round(probe_s / made["frames"] * 1e6, 2),
        "probe_peak_rss_growth_mb_max": round(max(growth) / 1024, 1),
        "rounds": runs,
    }


SECTIONS = ("transcript_import", "long_transcript_import", "transcript_page", "recording_upload")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--long-cues", type=int, default=123_000)
    parser.add_argument("--long-repeat", type=int, default=3)
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[70, 2000])
    parser.add_argument("--page-rounds", type=int, default=40)
    parser.add_argument("--merge", type=Path, help="also write the report into this JSON file, keeping its other keys")
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--upload-mb", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--probe", action="store_true", help="measure probe() on a long MP3 instead")
    parser.add_argument("--probe-size-mb", type=int, default=64)
    parser.add_argument("--probe-rounds", type=int, default=5)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-oh-"))
    if args.probe:
        try:
            report = {
                "cpus": os.cpu_count(),
                "probe": {
                    "load_average_at_start": round(os.getloadavg()[0], 1),
                    **bench_probe(args.probe_size_mb, args.probe_rounds, workdir),
                },
            }
        finally:
            for leftover in workdir.iterdir():
                leftover.unlink()
            workdir.rmdir()
        output(report, args.merge)
        return
    database = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    setup_django(database)
    pages, user = build_site()
    report = {"database": "sqlite", "cpus": os.cpu_count()}

    def measured(name, run):
        if name in args.only:
            load = round(os.getloadavg()[0], 1)  # how busy the machine was as it began
            report[name] = {"load_average_at_start": load, **run()}

    measured("transcript_import", lambda: bench_transcripts(pages[0], args.segments, args.repeat))
    measured("long_transcript_import", lambda: bench_long_import(pages[2], args.long_cues, args.long_repeat))
    long_recording = report.get("long_transcript_import", {}).pop("_recording", None)
    measured(
        "transcript_page",
        lambda: bench_transcript_page(pages[0].get_parent(), args.page_sizes, args.page_rounds, extra=long_recording),
    )
    measured("recording_upload", lambda: bench_upload(pages[1], user, database, args.upload_mb, workdir))
    output(report, args.merge)


def output(report: dict, merge: Path | None) -> None:
    print(json.dumps(report, indent=2))
    if merge is not None:
        kept = json.loads(merge.read_text()) if merge.exists() else {}
        kept.update(report)
        merge.write_text(json.dumps(kept, indent=2) + "\n")


if __name__ == "__main__":
    main()
