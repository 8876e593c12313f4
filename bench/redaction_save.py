"""Saving a redaction on a one-hour recording: the editor's wait, with the access copy
made inside the request (the immediate task backend, as before) and on the worker (the
database backend: the request only queues the job).

    .venv/bin/python bench/redaction_save.py [--repeat 5] [--save]

A one-hour 16-bit mono 44.1 kHz WAV (about 300 MB) is stored as a recording on a scratch
SQLite database; a curator then saves its admin form through Django's test client with
one more redacted passage each time, alternating the two backends so both see the same
machine. Reported: the median and each time in ms per backend, and their ratio.
``--save`` writes ``bench/results-redaction-save.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _bench_oral_histories():
    """bench/oral_histories.py (its WAV writer, Django set-up and site), loaded by path: its
    module name is the app's."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_oral_histories", ROOT / "bench" / "oral_histories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heritage-bench-redaction-"))
    os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    helpers = _bench_oral_histories()
    helpers.setup_django(f"sqlite:///{workdir}/bench.sqlite3")

    from django.conf import settings
    from django.core.files import File
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    import lxml.html

    from oral_histories.media_files import probe, sha256_stream
    from oral_histories.models import Recording, Scope

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    pages, user = helpers.build_site()
    wav = workdir / "hour.wav"
    helpers.write_wav(wav, 3600 * 88200 // (1024 * 1024))
    facts = probe(str(wav), filename="hour.wav")
    with wav.open("rb") as handle:
        recording = Recording(
            page=pages[0],
            original_filename="hour.wav",
            format=facts.format.name,
            mime_type=facts.format.mime_type,
            kind=facts.format.kind,
            duration=facts.duration,
            bitrate=facts.bitrate or 0,
            size=wav.stat().st_size,
            sha256=sha256_stream(handle),
            scope=Scope.PUBLIC,
        )
        handle.seek(0)
        recording.file.save("hour.wav", File(handle), save=False)
    recording.save()
    client = Client()
    client.force_login(user)
    edit = f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/"

    def save(passages: int) -> float:
        form = lxml.html.fromstring(client.get(edit).content).xpath("//form[@enctype='multipart/form-data']")[0]
        data = dict(form.form_values())
        data.update({"redactions-TOTAL_FORMS": str(passages), "redactions-INITIAL_FORMS": str(passages - 1)})
        for n in range(passages):
            data.update({f"redactions-{n}-start": str(60.0 * n + 10), f"redactions-{n}-end": str(60.0 * n + 20)})
            data.update({f"redactions-{n}-reason": "a name", f"redactions-{n}-ORDER": str(n + 1)})
        started = time.perf_counter()
        response = client.post(edit, data)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.content.decode()[-3000:]
        return elapsed

    times: dict[str, list[float]] = {"immediate": [], "database": []}
    passages = 0
    for _ in range(args.repeat):
        for name, tasks in (("immediate", IMMEDIATE), ("database", DATABASE)):
            passages += 1
            with override_settings(TASKS=tasks):
                times[name].append(round(save(passages), 1))
    recording.refresh_from_db()
    report = {
        "benchmark": "redaction_save",
        "recording": {"seconds": round(recording.duration), "megabytes": round(recording.size / 1024**2, 1)},
        "repeat": args.repeat,
        "immediate_backend_ms": {"median": statistics.median(times["immediate"]), "runs": times["immediate"]},
        "database_backend_ms": {"median": statistics.median(times["database"]), "runs": times["database"]},
        "ratio_immediate_over_database": round(
            statistics.median(times["immediate"]) / statistics.median(times["database"]), 1
        ),
        "access_copy_made_by_the_immediate_saves": bool(recording.access_copy),
    }
    print(json.dumps(report, indent=2))
    if args.save:
        (ROOT / "bench/results-redaction-save.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
