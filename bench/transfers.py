"""Big transfers through the running stack: a 1 GB recording uploaded at a throttled
5 MiB/s, and a 300 MiB recording heard by two slow listeners while others ask for
``/robots.txt``.

    scripts/stack.sh start
    .venv/bin/python bench/transfers.py [--upload-mb 1024] [--rate 5M] [--listen-mb 300] [--save]

The upload goes through the front server (nginx buffers it to disk, then hands it to
gunicorn at loopback speed; Django streams it to a temporary file while hashing, checks
it, and stores it in the private S3 bucket). Reported: whether it completed (the
admin's redirect after saving), the upload's seconds, and the web processes' resident
memory (the sum over every gunicorn worker of both web processes, sampled every 0.2 s)
before and at its peak. Then a 300 MiB recording is uploaded and two listeners fetch it
at 2 MiB/s each (after the consent check they are redirected to the bucket), while
``/robots.txt`` is asked 100 times through the front server: p50/p95 during, and 100
times after, as the baseline of the same run. ``--save`` writes
``bench/results-transfers.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack.conftest import UPLOAD_FORM, Stack, form_values, read_env  # noqa: E402


def _bench_oral_histories():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_oral_histories", ROOT / "bench" / "oral_histories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def web_workers() -> list[int]:
    pids = []
    for n in (1, 2):
        master = (ROOT / f".cache/stack/web{n}.pid").read_text().strip()
        children = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout.split()  # noqa: S607
        pids += [int(master), *map(int, children)]
    return pids


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


class Sampler(threading.Thread):
    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.running = pids, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pids))
            time.sleep(0.2)


def new_page(stack: Stack, title: str) -> int:
    return stack.python(
        f"""
from oral_histories.factories import OralHistoryPageFactory
from oral_histories.models import OralHistoryIndexPage
index = OralHistoryIndexPage.objects.live().order_by("pk").first()
result = OralHistoryPageFactory(parent=index, title={title!r}, slug={("bench-" + uuid.uuid4().hex[:8])!r}).pk
"""
    )


def upload(stack: Stack, session: httpx.Client, page: int, wav: Path, rate: str | None) -> tuple[bool, float]:
    """curl, as a browser on a slow line would send it (multipart, cookies, CSRF)."""
    add = "/admin/snippets/oral_histories/recording/add/"
    data = form_values(session.get(add).text, UPLOAD_FORM)
    data.update({"page": str(page), "scope": "public"})
    command = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "3600"]
    if rate:
        command += ["--limit-rate", rate]
    for name, value in data.items():
        if name != "file":
            command += ["--form-string", f"{name}={value}"]
    command += ["-F", f"file=@{wav};type=audio/wav"]
    cookies = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    command += ["-H", f"Cookie: {cookies}", "-H", f"Referer: {stack.front}{add}", f"{stack.front}{add}"]
    started = time.perf_counter()
    status = subprocess.run(command, capture_output=True, text=True, check=False).stdout  # noqa: S603
    return status == "302", round(time.perf_counter() - started, 1)


def robots(front: str, count: int) -> dict:
    times = []
    with httpx.Client(base_url=front) as client:
        for _ in range(count):
            started = time.perf_counter()
            assert client.get("/robots.txt").status_code == 200
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upload-mb", type=int, default=1024)
    parser.add_argument("--rate", default="5M")
    parser.add_argument("--listen-mb", type=int, default=300)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    stack = Stack(env=read_env(os.environ.get("HERITAGE_STACK_ENV") or str(ROOT / ".cache/stack/env")))
    helpers = _bench_oral_histories()
    report: dict = {"benchmark": "transfers"}
    with tempfile.TemporaryDirectory() as folder, stack.login(stack.front) as session:
        big = Path(folder) / "big.wav"
        helpers.write_wav(big, args.upload_mb)
        pids = web_workers()
        before = rss_mb(pids)
        sampler = Sampler(pids)
        sampler.start()
        completed, seconds = upload(stack, session, new_page(stack, "Bench upload"), big, args.rate)
        sampler.running = False
        sampler.join()
        report["upload"] = {
            "megabytes": args.upload_mb,
            "rate": args.rate,
            "completed": completed,
            "seconds": seconds,
            "web_rss_before_mb": round(before, 1),
            "web_rss_peak_mb": round(sampler.peak, 1),
            "web_rss_growth_mb": round(sampler.peak - before, 1),
        }
        big.unlink()
        listened = Path(folder) / "listen.wav"
        helpers.write_wav(listened, args.listen_mb)
        page = new_page(stack, "Bench listening")
        assert upload(stack, session, page, listened, None)[0], "the 300 MiB upload failed"
        recording = stack.python(
            f"from oral_histories.models import Recording\nresult = Recording.objects.get(page_id={page}).pk"
        )
        media = f"{stack.front}/en/recordings/{recording}/media"
        listeners = [
            subprocess.Popen(  # noqa: S603
                [
                    "curl",
                    "-s",
                    "-L",
                    "-o",
                    "/dev/null",
                    "--limit-rate",
                    "2M",
                    "-w",
                    "%{http_code} %{size_download}",
                    media,
                ],  # noqa: S607
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        time.sleep(2)  # the listeners are under way
        during = robots(stack.front, 100)
        still_listening = sum(listener.poll() is None for listener in listeners)
        for listener in listeners:
            listener.terminate()
        after = robots(stack.front, 100)
        report["listening"] = {
            "megabytes": args.listen_mb,
            "listeners": 2,
            "rate_each": "2M",
            "listeners_still_downloading_at_the_end": still_listening,
            "robots_during": during,
            "robots_after": after,
            "p95_during_over_after": round(during["p95_ms"] / max(after["p95_ms"], 0.01), 2),
        }
    print(json.dumps(report, indent=2))
    if args.save:
        (ROOT / "bench/results-transfers.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
