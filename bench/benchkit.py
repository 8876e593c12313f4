"""What the benchmarks share (``bench/`` is on ``sys.path`` when one of them runs; this
module's name is its own, so it never shadows an app of the project)."""

from __future__ import annotations

import contextlib
import io
import os


def setup_django(database: str) -> None:
    """Django with the test settings on ``database`` (a URL), migrated; stdout is kept
    clean for the benchmark's JSON report."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "heritage.settings.test"
    os.environ["DATABASE_URL"] = database
    import django

    django.setup()
    from django.core.management import call_command

    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", "--noinput", verbosity=0)
