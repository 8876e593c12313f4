"""How much memory and time ``media_files.probe`` takes on one file, measured in a fresh
Python process (this process's own peak memory would say nothing: a test run or a
benchmark has held far more before). The memory test
(``tests/test_media_probe.py``) and the benchmark (``bench/oral_histories.py --probe``)
both measure with :func:`measure_probe`. Linux only (``/proc/self/status``,
``clear_refs``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Run with ``python -c``: loads FFmpeg's libraries and codecs with a small probe, resets
#: the process's peak resident memory (VmHWM) to what it holds now, probes the big
#: file, and prints one JSON line.
SCRIPT = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "heritage.settings.test"
import django
django.setup()
from oral_histories.media_files import probe

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1])

small, big = sys.argv[1:3]
probe(small, filename=os.path.basename(small))  # FFmpeg's libraries and codecs loaded
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak starts again from here
before = status("VmRSS:")
started = time.perf_counter()
result = probe(big, filename=os.path.basename(big))
seconds = time.perf_counter() - started
peak = status("VmHWM:")
print(json.dumps({"seconds": seconds, "rss_before_kb": before, "peak_kb": peak, "growth_kb": peak - before,
                  "duration": result.duration}))
"""


def measure_probe(small: str | os.PathLike[str], big: str | os.PathLike[str], *, timeout: float | None = None) -> dict:
    """Probe ``big`` in a fresh process, after ``small`` (a short file of the same kind,
    so that what loading FFmpeg costs is not counted): ``{"seconds", "rss_before_kb",
    "peak_kb", "growth_kb", "duration"}`` (kB of resident memory; ``growth_kb`` is the
    peak above what the process held just before the big probe)."""
    out = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SCRIPT, str(small), str(big)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "heritage.settings.test"},
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])
