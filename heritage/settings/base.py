"""Base settings: safe for production by default.

DEBUG is off, the secret key and allowed hosts come only from the environment, the
database from ``DATABASE_URL`` (dj-database-url), and each integration switches on
only when its variable is set. ``dev.py`` and ``test.py`` add obviously fake keys.
See https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

import importlib.util
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates,
    # and its migrate/makemigrations overrides keep Page's translated columns in sync.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "heritage",
    "archive",
    "oral_histories",
    "exhibitions",
    "search",
    "exchange",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "heritage.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "heritage.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://user:pw@host/db)
# selects PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------
# Every visitor-facing text exists per language (django-modeltranslation adds
# ``field_en``, ``field_fr``, …); UI strings live in locale/ as gettext catalogues.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A missing translation falls back to English, then to the other languages, so a
# visitor always sees the text; templates mark such text with its real ``lang``.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr", "de", "ar")}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

# --- Static and media -------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Leaflet (exhibition maps) comes from the django-leaflet package's static files. The
# package is not an installed app: its admin widgets need GDAL, which we do not use.
_LEAFLET_STATIC = Path(importlib.util.find_spec("leaflet").origin).parent / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static", _LEAFLET_STATIC]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
# Recordings and consent forms: never under MEDIA_ROOT, never served by URL; views that
# check consent stream them (oral_histories.views).
HERITAGE_PRIVATE_MEDIA_ROOT = Path(os.environ.get("HERITAGE_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
HERITAGE_RECORDING_MAX_BYTES = int(os.environ.get("HERITAGE_RECORDING_MAX_BYTES", 2 * 1024**3))
HERITAGE_CONSENT_FORM_MAX_BYTES = 20 * 1024**2
# Every upload streams to a temporary file (memory stays flat whatever the size) and is
# hashed (SHA-256) while it arrives; past HERITAGE_RECORDING_MAX_BYTES it is dropped.
FILE_UPLOAD_HANDLERS = ["oral_histories.media_files.HashingUploadHandler"]

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Heritage Commons"
# The public site's login (community members hearing "community only" recordings).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "heritage/login.html"
# The approved workflow publishes (see heritage/workflows.py); an edit during review
# restarts it, so partners approve exactly the version that goes live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "heritage.workflows.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_I18N_ENABLED = False  # translations are fields (modeltranslation), not page copies
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Search (search/): ELASTICSEARCH_URL set selects Elasticsearch for the public search
# and Wagtail's admin search; unset, the database does both. The database index of
# search/ ("heritage_db") is kept either way: it is the fallback when Elasticsearch is
# down, and it is filled by search/ itself, never by Wagtail's automatic signals.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
HERITAGE_SEARCH_INDEX = os.environ.get("HERITAGE_SEARCH_INDEX", "heritage")
# Seconds a public search waits for Elasticsearch before answering from the database.
HERITAGE_SEARCH_TIMEOUT = float(os.environ.get("HERITAGE_SEARCH_TIMEOUT", "3"))
# One analyzer per site language (search/es-plugin supplies them on the test node).
HERITAGE_SEARCH_ANALYZERS = {"en": "english", "fr": "french", "de": "german", "ar": "arabic"}
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": f"{HERITAGE_SEARCH_INDEX}-wagtail",
            "TIMEOUT": 10,
        }
        if ELASTICSEARCH_URL
        else {"BACKEND": "search.backends.onepass"}
    ),
    "heritage_db": {"BACKEND": "search.backends.onepass", "AUTO_UPDATE": False},
}

# Background tasks (django-tasks): run inline unless a worker backend is configured.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# --- Email: console unless an SMTP host is configured --------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = True
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Page actions and each background task log at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Partner data exchange (exchange/). OAI-PMH: a repository identifier that never
# changes (identifiers are oai:<it>:<page id>; default: the default site's hostname),
# and whom harvesters write to (default: ADMINS, else DEFAULT_FROM_EMAIL).
if os.environ.get("HERITAGE_OAI_REPOSITORY_IDENTIFIER"):
    HERITAGE_OAI_REPOSITORY_IDENTIFIER = os.environ["HERITAGE_OAI_REPOSITORY_IDENTIFIER"]
if os.environ.get("HERITAGE_OAI_ADMIN_EMAILS"):
    HERITAGE_OAI_ADMIN_EMAILS = env_list("HERITAGE_OAI_ADMIN_EMAILS")
# The largest file the admin's artifact import accepts (bytes; default 50 MB).
HERITAGE_IMPORT_MAX_BYTES = int(os.environ.get("HERITAGE_IMPORT_MAX_BYTES", 50 * 1024**2))
