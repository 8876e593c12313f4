"""Base settings are safe for production; production refuses to start without a key."""

import os
import subprocess
import sys

from django.conf import settings

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "ELASTICSEARCH"))}


def read_setting(module: str, expression: str, **env: str) -> subprocess.CompletedProcess:
    code = f"import importlib; m = importlib.import_module({module!r}); print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**CLEAN_ENV, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_base_settings_are_off_by_default():
    result = read_setting(
        "heritage.settings.base", "m.DEBUG, repr(m.SECRET_KEY), m.ALLOWED_HOSTS, m.DATABASES['default']['ENGINE']"
    )
    assert result.stdout.strip() == "False '' [] django.db.backends.sqlite3"


def test_database_and_hosts_come_from_the_environment():
    result = read_setting(
        "heritage.settings.base",
        "m.DATABASES['default']['ENGINE'], m.ALLOWED_HOSTS",
        DATABASE_URL="postgres://u:p@db.example.org:5432/heritage",
        DJANGO_ALLOWED_HOSTS="heritage.example.org, www.heritage.example.org",
    )
    assert result.stdout.strip() == (
        "django.db.backends.postgresql ['heritage.example.org', 'www.heritage.example.org']"
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = read_setting("heritage.settings.production", "m.DEBUG")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
    result = read_setting(
        "heritage.settings.production", "m.DEBUG, m.SESSION_COOKIE_SECURE", DJANGO_SECRET_KEY="x" * 50
    )
    assert result.stdout.strip() == "False True"


def test_elasticsearch_url_selects_elasticsearch_for_wagtails_admin_search_too():
    expression = "m.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], m.WAGTAILSEARCH_BACKENDS['heritage_db']['BACKEND']"
    unset = read_setting("heritage.settings.base", expression)
    assert unset.stdout.strip() == "search.backends.onepass search.backends.onepass"
    configured = read_setting("heritage.settings.base", expression, ELASTICSEARCH_URL="http://127.0.0.1:9200")
    assert configured.stdout.strip() == "wagtail.search.backends.elasticsearch9 search.backends.onepass"
