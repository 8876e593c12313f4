"""A real browser for the tests: Debian's Chromium driven by Playwright.

Playwright's own browser download cannot run here, so the tests launch the system
Chromium (``/usr/bin/chromium``, installed by ``scripts/chromium.sh``). On CI a missing
browser fails the run; elsewhere the browser tests are skipped with the reason shown.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make around it are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: run scripts/chromium.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def wagtail_root(wagtail_root):
    """Every browser test (transactional: its live server reads committed rows) starts
    with Wagtail's own rows (the root conftest's fixture)."""
    return wagtail_root


# axe-core (bundled with axe-playwright-python) checks WCAG 2.0, 2.1 and 2.2 at levels A and AA.
# See https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#axe-core-tags
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class AxeChecker:
    """Run axe-core in the page and return its violations, one dict per rule broken.

    ``axe_violations(page)`` returns a list of dicts with ``id``, ``impact``, ``help``,
    ``helpUrl`` and ``targets`` (the CSS selectors of the offending elements, with each
    one's failure summary); ``axe_violations.describe(violations)`` turns that list into
    a readable assertion message::

        violations = axe_violations(page)
        assert not violations, axe_violations.describe(violations)
    """

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()

    def __call__(self, page, *, context: str | None = None, best_practice: bool = False) -> list[dict]:
        """``context``: a CSS selector to check only part of the page; ``best_practice``:
        also apply axe's best-practice rules (landmarks, heading order…), beyond WCAG."""
        tags = WCAG_TAGS + ["best-practice"] if best_practice else WCAG_TAGS
        options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
        results = self.axe.run(page, context=context, options=options)
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "helpUrl": violation["helpUrl"],
                "targets": [
                    {"target": node["target"], "summary": node.get("failureSummary", "")} for node in violation["nodes"]
                ],
            }
            for violation in results.response["violations"]
        ]

    @staticmethod
    def describe(violations: list[dict]) -> str:
        lines = [f"{len(violations)} accessibility rule(s) broken:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
            for node in violation["targets"]:
                summary = " ".join(node["summary"].split())
                lines.append(f"    {' >> '.join(map(str, node['target']))}: {summary}")
        return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_violations():
    """Callable: ``axe_violations(page) -> list[dict]`` (see :class:`AxeChecker`)."""
    return AxeChecker()


# Records each Content-Security-Policy violation in every frame of the page: into
# ``window.__cspViolations`` and, through an exposed function, to the test (a window's
# list is gone once the page navigates). See
# https://developer.mozilla.org/en-US/docs/Web/API/SecurityPolicyViolationEvent
CSP_WATCH = """
(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    const violation = {
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      line: event.lineNumber,
      sample: event.sample,
      page: location.href,
    };
    window.__cspViolations.push(violation);
    if (window.__reportCspViolation) window.__reportCspViolation(violation);
  });
})();
"""


class CSPWatch:
    """What a page's Content-Security-Policy refused, as ``csp_violations`` collects it:
    ``events`` (``securitypolicyviolation``, one dict each) and ``console`` (the browser's
    console errors that mention the policy, with the page they appeared on)."""

    def __init__(self, page) -> None:
        self.events: list[dict] = []
        self.console: list[str] = []
        page.context.expose_function("__reportCspViolation", lambda violation: self.events.append(violation))
        page.context.add_init_script(CSP_WATCH)
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.console.append(f"{page.url}: {message.text}")

    def __bool__(self) -> bool:
        return bool(self.events or self.console)

    def describe(self) -> str:
        lines = [f"{len(self.events)} CSP violation event(s), {len(self.console)} console error(s):"]
        lines += [
            f"- {v['directive']} refused {v['blocked'] or '?'} on {v['page']}"
            f" ({v['source'] or 'inline'}:{v['line']}) {v['sample']!r}"
            for v in self.events
        ]
        lines += [f"- {text}" for text in self.console]
        return "\n".join(lines)


@pytest.fixture
def csp_violations(page):
    """The ``page`` fixture's CSP violations, across frames and navigations::

    assert not csp_violations, csp_violations.describe()
    """
    return CSPWatch(page)


@pytest.fixture(scope="session", autouse=True)
def migrated_rows(django_db_setup, django_db_blocker):
    """The rows the migrations created (groups, workflows, the root collection…) as
    Django serialized them when it built the test database (only when a test asks for
    ``serialized_rollback``; else None), taken before the browser starts. Once
    Playwright runs its event loop, ``django.db.connection`` can be a fresh wrapper
    without them, so ``serialized_rollback`` alone no longer restores them after an
    earlier transactional test's flush; ``restore_migrated_rows`` does."""
    from django.db import connection

    return getattr(connection, "_test_serialized_contents", None)


@pytest.fixture
def restore_migrated_rows(migrated_rows, transactional_db):
    """Put back the rows the migrations created, if an earlier transactional test's
    flush removed them (for content loaders that need the migrations' groups)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.management import call_command
    from django.db import connection, transaction

    from wagtail.models import Collection

    if migrated_rows and not Collection.objects.exists():
        # Emptied as a transactional test's teardown does (no signals, no post-migrate
        # rows), then filled with content types first: saving the other rows sends
        # signals that look content types up (Django's own deserialize_db_from_string
        # counts on a content-type cache still warm from before the flush).
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        ContentType.objects.clear_cache()
        rows = sorted(
            serializers.deserialize("json", migrated_rows),
            key=lambda row: row.object._meta.label != "contenttypes.ContentType",
        )
        with transaction.atomic(), connection.constraint_checks_disabled():
            for row in rows:
                row.save()
        connection.check_constraints(table_names={row.object._meta.db_table for row in rows})
        # The rows came back with their own ids: PostgreSQL's sequences must move past
        # them, or the next new row (the demo's first page) takes id 1 again.
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), {type(row.object) for row in rows}):
                cursor.execute(statement)
        # Building the rows looked content types up (Wagtail's pages and tasks do in
        # __init__) while the table was still empty: forget those stale ids.
        ContentType.objects.clear_cache()


_UNSET = object()


def wait_for(page, expression: str, arg=_UNSET, *, timeout: float = 30_000) -> None:
    """Like ``page.wait_for_function``, without evaluating a string inside the page.

    Playwright's polling predicate runs the expression through ``eval`` in the page,
    which the site's Content-Security-Policy refuses (``script-src 'self'``: no
    'unsafe-eval'), so ``wait_for_function`` fails on any condition not already true.
    ``page.evaluate`` goes through the DevTools protocol, which the policy does not
    govern: ask it again and again, a bounded number of times, until the condition
    holds."""
    attempts = max(1, int(timeout / 50))
    for _ in range(attempts):
        value = page.evaluate(expression) if arg is _UNSET else page.evaluate(expression, arg)
        if value:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"Gave up waiting for {expression!r} in the page")
