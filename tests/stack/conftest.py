"""The production topology, running: two gunicorn web processes, one worker, nginx in
front, on PostgreSQL, Redis, Elasticsearch and an S3 server (``scripts/stack.sh``).

``make test`` starts it (``scripts/stack.sh start``) and sets ``HERITAGE_STACK_ENV`` to
its environment file; these tests then talk to it over HTTP as a browser, a curator
and an operator would, and run code inside it with ``manage.py shell`` (its own
settings, its own database). Without the variable they are skipped locally and fail
on CI: the stack is never silently left out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import lxml.html
import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Stack:
    env: dict[str, str]

    @property
    def web1(self) -> str:
        return self.env["STACK_WEB1"]

    @property
    def web2(self) -> str:
        return self.env["STACK_WEB2"]

    @property
    def front(self) -> str:
        return self.env["STACK_FRONT"]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """``scripts/stack.sh ARGS`` (start or kill a worker, stop or start Elasticsearch)."""
        return subprocess.run(  # noqa: S603
            ["scripts/stack.sh", *args], cwd=ROOT, capture_output=True, text=True, check=check, timeout=600
        )

    def python(self, code: str) -> object:
        """Run ``code`` inside the stack (its settings, database, storages, queue); the
        code sets ``result``, which comes back decoded from JSON."""
        program = f"import json\nresult = None\n{code}\nprint('@@RESULT@@' + json.dumps(result, default=str))"
        completed = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", program],
            cwd=ROOT,
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if completed.returncode != 0:
            raise AssertionError(f"manage.py shell failed:\n{completed.stderr[-4000:]}")
        line = next(line for line in completed.stdout.splitlines() if line.startswith("@@RESULT@@"))
        return json.loads(line.removeprefix("@@RESULT@@"))

    def client(self, base: str, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=base, timeout=60, follow_redirects=False, **kwargs)

    @contextmanager
    def login(self, base: str, username: str = "admin", password: str = "heritage-demo") -> Iterator[httpx.Client]:
        """A session logged in to the admin through one web process."""
        with self.client(base) as session:
            self._log_in(session, base, username, password)
            yield session

    def _log_in(self, session: httpx.Client, base: str, username: str, password: str) -> None:
        page = session.get("/admin/login/")
        token = form_values(page.text)["csrfmiddlewaretoken"]
        response = session.post(
            "/admin/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
            headers={"Referer": f"{base}/admin/login/"},
        )
        assert response.status_code == 302, response.text[:2000]


POST_FORM = "//form[translate(@method, 'POST', 'post') = 'post']"
UPLOAD_FORM = "//form[@enctype = 'multipart/form-data']"


def form_values(html: str, xpath: str = POST_FORM) -> dict[str, str]:
    """The values a browser would send for the first form matching ``xpath``."""
    forms = lxml.html.fromstring(html).xpath(xpath)
    assert forms, f"no form {xpath} in:\n{html[:3000]}"
    return dict(forms[0].form_values())


def read_env(path: str) -> dict[str, str]:
    env = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return env


@pytest.fixture(scope="session")
def stack() -> Stack:
    path = os.environ.get("HERITAGE_STACK_ENV", "")
    if not path or not Path(path).exists():
        message = "The stack is not running: `scripts/stack.sh start`, then HERITAGE_STACK_ENV=$(scripts/stack.sh env)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return Stack(env=read_env(path))


def poll(condition, *, attempts: int = 300, interval: float = 0.5, what: str = "the condition"):
    """Ask ``condition`` until it answers something truthy, a bounded number of times
    (work done by another process: no fixed wait, no wall-clock assertion)."""
    import time

    last = None
    for _ in range(attempts):
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"Gave up waiting for {what} (last answer: {last!r})")
