"""Base settings are safe for production; production refuses to start without a key."""

import os
import subprocess
import sys

from django.conf import settings

CLEAN_ENV = {
    k: v
    for k, v in os.environ.items()
    if not k.startswith(("DJANGO_", "DATABASE_URL", "ELASTICSEARCH", "HERITAGE_", "REDIS_URL", "AWS_"))
}
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "HERITAGE_BASE_URL": "https://heritage.example.org",
    "HERITAGE_OAI_REPOSITORY_IDENTIFIER": "heritage.example.org",
    "HERITAGE_OAI_ADMIN_EMAILS": "archive@example.org",
}


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
    result = read_setting("heritage.settings.production", "m.DEBUG, m.SESSION_COOKIE_SECURE", **PRODUCTION)
    assert result.stdout.strip() == "False True"


def test_production_refuses_to_start_without_its_public_address_and_oai_identity():
    for missing, message in [
        ("HERITAGE_BASE_URL", "Set HERITAGE_BASE_URL"),
        ("HERITAGE_OAI_REPOSITORY_IDENTIFIER", "Set HERITAGE_OAI_REPOSITORY_IDENTIFIER"),
        ("HERITAGE_OAI_ADMIN_EMAILS", "Set HERITAGE_OAI_ADMIN_EMAILS"),
    ]:
        env = {key: value for key, value in PRODUCTION.items() if key != missing}
        result = read_setting("heritage.settings.production", "m.DEBUG", **env)
        assert result.returncode != 0, missing
        assert message in result.stderr
    not_a_url = read_setting(
        "heritage.settings.production", "m.DEBUG", **{**PRODUCTION, "HERITAGE_BASE_URL": "heritage"}
    )
    assert "Set HERITAGE_BASE_URL" in not_a_url.stderr
    # Admins stand in for the OAI contact.
    env = {key: value for key, value in PRODUCTION.items() if key != "HERITAGE_OAI_ADMIN_EMAILS"}
    admins = read_setting("heritage.settings.production", "m.ADMINS", DJANGO_ADMINS="Ops <ops@example.org>", **env)
    assert admins.stdout.strip() == "[('Ops', 'ops@example.org')]"


def test_production_derives_hosts_and_admin_links_from_the_public_address():
    result = read_setting(
        "heritage.settings.production",
        "m.ALLOWED_HOSTS, m.CSRF_TRUSTED_ORIGINS, m.WAGTAILADMIN_BASE_URL",
        **PRODUCTION,
    )
    assert result.stdout.strip() == (
        "['heritage.example.org'] ['https://heritage.example.org'] https://heritage.example.org"
    )


def test_production_never_runs_background_work_inside_the_request():
    result = read_setting("heritage.settings.production", "m.TASKS['default']['BACKEND']", **PRODUCTION)
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"
    refused = read_setting("heritage.settings.production", "m.DEBUG", HERITAGE_TASKS="immediate", **PRODUCTION)
    assert refused.returncode != 0
    assert "HERITAGE_TASKS=immediate is for the demo" in refused.stderr
    demo = read_setting("heritage.settings.dev", "m.TASKS['default']['BACKEND']")
    assert demo.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"


def test_cache_and_storages_come_from_the_environment():
    expression = (
        "m.CACHES['default']['BACKEND'], m.STORAGES['default']['BACKEND'], m.STORAGES['private']['BACKEND'], "
        "m.HERITAGE_RECORDING_DELIVERY, m.HERITAGE_SERVE_MEDIA"
    )
    local = read_setting("heritage.settings.base", expression)
    assert local.stdout.strip() == (
        "django.core.cache.backends.locmem.LocMemCache django.core.files.storage.FileSystemStorage "
        "django.core.files.storage.FileSystemStorage stream True"
    )
    shared = read_setting(
        "heritage.settings.base",
        expression
        + ", m.STORAGES['private']['OPTIONS']['querystring_auth'], m.STORAGES['default']['OPTIONS']['querystring_auth']",
        REDIS_URL="redis://127.0.0.1:6379/0",
        HERITAGE_S3_BUCKET="public",
        HERITAGE_S3_PRIVATE_BUCKET="private",
    )
    assert shared.stdout.strip() == (
        "django.core.cache.backends.redis.RedisCache storages.backends.s3.S3Storage storages.backends.s3.S3Storage "
        "redirect False True False"
    )


def test_sqlite_writes_wait_for_each_other_instead_of_failing():
    result = read_setting("heritage.settings.base", "m.DATABASES['default']['OPTIONS']")
    options = eval(result.stdout)  # noqa: S307 (our own repr)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
    postgres = read_setting(
        "heritage.settings.base", "m.DATABASES['default'].get('OPTIONS', {})", DATABASE_URL="postgres://u:p@h/db"
    )
    assert postgres.stdout.strip() == "{}"


def test_several_elasticsearch_nodes_and_index_shape_from_the_environment():
    result = read_setting(
        "heritage.settings.base",
        "m.ELASTICSEARCH_URLS, m.WAGTAILSEARCH_BACKENDS['default']['URLS'], m.HERITAGE_SEARCH_REPLICAS",
        ELASTICSEARCH_URL="http://127.0.0.1:9200, http://127.0.0.1:9201",
        HERITAGE_SEARCH_REPLICAS="1",
    )
    assert result.stdout.strip() == (
        "['http://127.0.0.1:9200', 'http://127.0.0.1:9201'] ['http://127.0.0.1:9200', 'http://127.0.0.1:9201'] 1"
    )


def test_elasticsearch_url_selects_elasticsearch_for_wagtails_admin_search_too():
    expression = "m.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], m.WAGTAILSEARCH_BACKENDS['heritage_db']['BACKEND']"
    unset = read_setting("heritage.settings.base", expression)
    assert unset.stdout.strip() == "search.backends.onepass search.backends.onepass"
    configured = read_setting("heritage.settings.base", expression, ELASTICSEARCH_URL="http://127.0.0.1:9200")
    assert configured.stdout.strip() == "wagtail.search.backends.elasticsearch9 search.backends.onepass"
