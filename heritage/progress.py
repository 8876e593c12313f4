"""A terminal progress bar with rate and time left, for long management commands.

    bar = ProgressBar(self.stdout, "Importing")   # only when the output is a terminal
    bar(done, total)                               # as often as you like
    bar.close()

``total`` may be None when unknown (a streamed file): the bar then shows the count
and rate only. It redraws at most ten times a second, so calling it per row is cheap.
"""

from __future__ import annotations

import time


def duration(seconds: float) -> str:
    seconds = int(max(seconds, 0))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class ProgressBar:
    def __init__(self, stream, label: str, width: int = 30, *, unit: str = "", clock=time.monotonic):
        self.stream, self.label, self.width, self.unit, self.clock = stream, label, width, unit, clock
        self.started = clock()
        self.drawn_at = None

    def line(self, done: int, total: int | None) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = done / elapsed
        unit = f" {self.unit}" if self.unit else ""
        if not total:
            return f"{self.label} {done}{unit} · {rate:,.0f}/s · {duration(elapsed)}"
        filled = int(self.width * min(done, total) / total)
        bar = "█" * filled + "·" * (self.width - filled)
        eta = (total - done) / rate if rate and done < total else 0
        return f"{self.label} [{bar}] {done}/{total}{unit} · {rate:,.0f}/s · ETA {duration(eta)}"

    def __call__(self, done: int, total: int | None = None) -> None:
        now = self.clock()
        if self.drawn_at is not None and now - self.drawn_at < 0.1 and (not total or done < total):
            return
        self.drawn_at = now
        self.stream.write("\r\033[K" + self.line(done, total), ending="")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("")
