"""Base settings: safe for production by default.

DEBUG is off, the secret key and allowed hosts come only from the environment, the
database from ``DATABASE_URL`` (dj-database-url), and each integration switches on
only when its variable is set. ``dev.py`` and ``test.py`` add obviously fake keys.
See https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
"""

import importlib.util
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "true", "yes", "on")


def env_admins(name: str) -> list[tuple[str, str]]:
    """``Name <address>, other@example.org`` as Django's ``ADMINS`` pairs."""
    pairs = []
    for item in env_list(name):
        if "<" in item and item.endswith(">"):
            person, address = item[:-1].split("<", 1)
            pairs.append((person.strip() or address.strip(), address.strip()))
        else:
            pairs.append((item, item))
    return pairs


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
    "programmes",
    "search",
    "exchange",
    "demo",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Wagtail's front-end cache app without its own pre-commit, one-language purges
    # (heritage.cache_purge purges every language's URL after the commit, on the worker).
    "heritage.frontend_cache.FrontendCacheConfig",
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
    # Hashed, compressed static files with far-future caching, straight from the WSGI
    # server (https://whitenoise.readthedocs.io/en/stable/django.html).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "heritage.security.SecurityHeadersMiddleware",
    "heritage.csp.HeritageCSPMiddleware",  # django-csp; the admin's exception in heritage/csp.py
    "django.middleware.http.ConditionalGetMiddleware",  # ETags and 304s
    "heritage.caching.PageCacheMiddleware",  # Cache-Control and Last-Modified on public pages
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
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's threaded server writes from several threads: write-ahead logging lets
    # readers go on during a write, a writer waits (up to 20 s) instead of failing, and
    # IMMEDIATE transactions take the write lock at BEGIN, so two writers never deadlock
    # into "database is locked" (https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
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
# Recordings and consent forms: never under MEDIA_ROOT, never served by URL; views that
# check consent deliver them (oral_histories.views).
HERITAGE_PRIVATE_MEDIA_ROOT = Path(os.environ.get("HERITAGE_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))

# Object storage (django-storages' S3 backend, any S3-compatible server): set
# HERITAGE_S3_BUCKET for public media (images, renditions, documents) and
# HERITAGE_S3_PRIVATE_BUCKET for recordings, access copies and consent forms. Keys come
# from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (read by boto3 itself);
# HERITAGE_S3_ENDPOINT_URL points at a non-AWS server. Unset: local folders.
HERITAGE_S3_ENDPOINT_URL = os.environ.get("HERITAGE_S3_ENDPOINT_URL", "")
HERITAGE_S3_BUCKET = os.environ.get("HERITAGE_S3_BUCKET", "")
HERITAGE_S3_PRIVATE_BUCKET = os.environ.get("HERITAGE_S3_PRIVATE_BUCKET", "")
_S3_COMMON = {
    "endpoint_url": HERITAGE_S3_ENDPOINT_URL or None,
    "region_name": os.environ.get("HERITAGE_S3_REGION", "") or None,
    "file_overwrite": False,
    "default_acl": None,
    "signature_version": "s3v4",
    "addressing_style": "path" if HERITAGE_S3_ENDPOINT_URL else None,
    # storage.open() spools to disk past 16 MiB instead of holding the object in memory.
    "max_memory_size": 16 * 1024**2,
}
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_S3_COMMON,
                "bucket_name": HERITAGE_S3_BUCKET,
                # Public media: plain URLs (the bucket or a CDN in front of it serves them).
                "querystring_auth": False,
                "custom_domain": os.environ.get("HERITAGE_S3_CUSTOM_DOMAIN", "") or None,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        }
        if HERITAGE_S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "private": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_S3_COMMON,
                "bucket_name": HERITAGE_S3_PRIVATE_BUCKET,
                # Never a public URL: only signed ones, handed out after the consent check
                # (oral_histories.delivery). Long enough for a listener to seek through a
                # long recording; closing a recording moves its objects to new keys, so a
                # URL handed out earlier stops working at once, whatever its expiry.
                "querystring_auth": True,
                "querystring_expire": int(os.environ.get("HERITAGE_S3_SIGNED_URL_SECONDS", "900")),
            },
        }
        if HERITAGE_S3_PRIVATE_BUCKET
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": HERITAGE_PRIVATE_MEDIA_ROOT, "base_url": None},
        }
    ),
    # Hashed names and gzip/brotli copies, served by WhiteNoise with far-future caching;
    # `manage.py collectstatic` writes them (part of every deployment's set-up).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Original images are handed out only by /media/original_images/<name>, which asks the
# visibility rule (heritage.image_files): an image only a draft, a restricted page or a
# page under an unpublished one uses is for editors. Their files live in this storage:
# the private bucket with object storage (everything in the public bucket is public),
# else MEDIA_ROOT/original_images, which the nginx template and the media view do not
# serve as plain files. `manage.py protect_images` moves older originals out of the
# public bucket. Open originals on S3 are a redirect to a URL signed for this long.
HERITAGE_ORIGINAL_IMAGES_STORAGE = os.environ.get(
    "HERITAGE_ORIGINAL_IMAGES_STORAGE", "private" if HERITAGE_S3_BUCKET else "default"
)
HERITAGE_IMAGE_SIGNED_URL_SECONDS = int(os.environ.get("HERITAGE_IMAGE_SIGNED_URL_SECONDS", "60"))
# Renditions get a random token in their names (heritage.storage.RenditionStorage): no
# one can derive their URLs from an image's file name.
WAGTAILIMAGES_RENDITION_STORAGE = "heritage.storage.RenditionStorage"
# Without object storage and without a front server (nginx) serving MEDIA_ROOT, the
# WSGI server serves public media itself (heritage.urls); recordings never go this way.
HERITAGE_SERVE_MEDIA = env_bool("HERITAGE_SERVE_MEDIA", default=not HERITAGE_S3_BUCKET)
# How a recording reaches a listener once consent allows it (oral_histories.views):
# "stream" (Django streams it; the demo), "x-accel" (nginx serves it from an internal
# location: X-Accel-Redirect), or "redirect" (a short-lived signed URL on the private
# bucket). Default: "redirect" with a private bucket, else "stream".
HERITAGE_RECORDING_DELIVERY = os.environ.get(
    "HERITAGE_RECORDING_DELIVERY", "redirect" if HERITAGE_S3_PRIVATE_BUCKET else "stream"
)
HERITAGE_X_ACCEL_PREFIX = os.environ.get("HERITAGE_X_ACCEL_PREFIX", "/_private/")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000
HERITAGE_RECORDING_MAX_BYTES = int(os.environ.get("HERITAGE_RECORDING_MAX_BYTES", 2 * 1024**3))
HERITAGE_CONSENT_FORM_MAX_BYTES = 20 * 1024**2
# A recording sent to the recording views streams to a temporary file (memory stays flat
# whatever the size) and is hashed (SHA-256) while it arrives; past
# HERITAGE_RECORDING_MAX_BYTES it is dropped. Every other upload goes to Django's handlers.
FILE_UPLOAD_HANDLERS = [
    "oral_histories.media_files.RecordingUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Heritage Commons"
# The public site's login (community members hearing "community only" recordings).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "heritage/login.html"
# The approved workflow publishes (see heritage/workflows.py); an edit during review
# restarts it, so partners approve exactly the version that goes live.
WAGTAIL_FINISH_WORKFLOW_ACTION = "heritage.workflows.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_I18N_ENABLED = False  # translations are fields (modeltranslation), not page copies
# The site's public address (https://heritage.example.org): every absolute link the
# site gives out — pages, API, IIIF, OAI-PMH, sitemap, emails, citations — starts with
# it (heritage.site_url). Production refuses to start without it.
HERITAGE_BASE_URL = os.environ.get("HERITAGE_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "") or HERITAGE_BASE_URL or "http://127.0.0.1:8000"
# Wagtail's own API code that runs without a request (its front-end cache handlers).
WAGTAILAPI_BASE_URL = HERITAGE_BASE_URL or None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Search (search/): ELASTICSEARCH_URL set selects Elasticsearch for the public search
# and Wagtail's admin search; unset, the database does both. The database index of
# search/ ("heritage_db") is kept either way: it is the fallback when Elasticsearch is
# down, and it is filled by search/ itself, never by Wagtail's automatic signals.
# One node or several, comma-separated (http://10.0.0.1:9200,http://10.0.0.2:9200): the
# client spreads requests over them and skips a node that is down.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_URLS = env_list("ELASTICSEARCH_URL")
# Shards and replicas of the project's own index (a replica needs a second node).
HERITAGE_SEARCH_SHARDS = int(os.environ.get("HERITAGE_SEARCH_SHARDS", "1"))
HERITAGE_SEARCH_REPLICAS = int(os.environ.get("HERITAGE_SEARCH_REPLICAS", "0"))
HERITAGE_SEARCH_INDEX = os.environ.get("HERITAGE_SEARCH_INDEX", "heritage")
# Seconds a public search waits for Elasticsearch before answering from the database.
HERITAGE_SEARCH_TIMEOUT = float(os.environ.get("HERITAGE_SEARCH_TIMEOUT", "3"))
# One analyzer per site language (search/es-plugin supplies them on the test node).
HERITAGE_SEARCH_ANALYZERS = {"en": "english", "fr": "french", "de": "german", "ar": "arabic"}
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": ELASTICSEARCH_URLS,
            # modelsearch names one index per root model: <prefix>wagtailcore_page, … (it
            # reads INDEX_PREFIX; an "INDEX" key is silently ignored).
            "INDEX_PREFIX": f"{HERITAGE_SEARCH_INDEX}-wagtail-",
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "number_of_shards": HERITAGE_SEARCH_SHARDS,
                        "number_of_replicas": HERITAGE_SEARCH_REPLICAS,
                    }
                }
            },
            "TIMEOUT": 10,
        }
        if ELASTICSEARCH_URL
        else {"BACKEND": "search.backends.onepass"}
    ),
    "heritage_db": {"BACKEND": "search.backends.onepass", "AUTO_UPDATE": False},
}

# Background tasks (django-tasks). HERITAGE_TASKS=database queues them in the database
# (django-tasks-db) for the worker (`manage.py worker`); "immediate" runs them inside
# the request (the demo). Production's default is the database.
HERITAGE_TASKS = os.environ.get("HERITAGE_TASKS", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[HERITAGE_TASKS],
        "QUEUES": ["default", "media", "maintenance"],
    }
}

# manage.py worker (heritage.worker): a worker silent this long is taken for dead and
# its task queued again; a task that took down this many workers is failed; the
# fixity audit's interval; how long finished task rows are kept.
HERITAGE_WORKER_STALE_SECONDS = float(os.environ.get("HERITAGE_WORKER_STALE_SECONDS", "60"))
HERITAGE_TASK_MAX_RECOVERIES = int(os.environ.get("HERITAGE_TASK_MAX_RECOVERIES", "3"))
HERITAGE_FIXITY_INTERVAL_DAYS = int(os.environ.get("HERITAGE_FIXITY_INTERVAL_DAYS", "7"))
HERITAGE_TASK_RESULTS_KEEP_DAYS = int(os.environ.get("HERITAGE_TASK_RESULTS_KEEP_DAYS", "30"))
# Backups (heritage.backup): the folder holding pg_dump/pg_restore (default: the newest
# /usr/lib/postgresql/*/bin, then the PATH).
HERITAGE_PG_BIN = os.environ.get("HERITAGE_PG_BIN", "")

# A shared cache (Redis, through Django's own backend) whenever REDIS_URL is set: the
# guards and locks that must hold across web processes and machines live there.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hc",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hc-renditions",
            "TIMEOUT": 600,
        },
    }
else:
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
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Who gets error reports, and whom mail comes from: "Name <address>, …".
ADMINS = env_admins("DJANGO_ADMINS")
MANAGERS = ADMINS
# The default sender's domain is the public address's (a reserved example domain in
# the demo, never "localhost": OAI-PMH's Identify and many mail servers refuse it).
_MAIL_DOMAIN = urlsplit(HERITAGE_BASE_URL).hostname if HERITAGE_BASE_URL else "heritage-commons.example"
if _MAIL_DOMAIN and "." not in _MAIL_DOMAIN:
    _MAIL_DOMAIN = "heritage-commons.example"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"Heritage Commons <noreply@{_MAIL_DOMAIN}>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Page caching and purges ------------------------------------------------
# Anonymous requests for public pages may be kept this long by browsers and shared
# caches (heritage.caching); a change purges them sooner (heritage.cache_purge, through
# Wagtail's front-end cache app) when HERITAGE_PURGE_URL names the front server's purge
# address (scripts/nginx.sh purge-url).
# Shared caches keep a page longer than browsers (an hour, less up to a fifth at random
# so that pages cached together do not expire together): every change that alters
# what a page shows purges it, so the lifetime only bounds what no purge names (a
# renamed vocabulary term on pages that show it) and a purge that failed every retry.
HERITAGE_PAGE_CACHE_SECONDS = int(os.environ.get("HERITAGE_PAGE_CACHE_SECONDS", "300"))
HERITAGE_PAGE_SHARED_CACHE_SECONDS = int(os.environ.get("HERITAGE_PAGE_SHARED_CACHE_SECONDS", "3600"))
# Anonymous search answers may be held by the front cache this long (0: never); needs
# REDIS_URL and a purge address, since each purge sends every such answer too.
HERITAGE_SEARCH_SHARED_CACHE_SECONDS = int(os.environ.get("HERITAGE_SEARCH_SHARED_CACHE_SECONDS", "10"))
HERITAGE_PURGE_URL = os.environ.get("HERITAGE_PURGE_URL", "")
if HERITAGE_PURGE_URL:
    # Not WAGTAILFRONTENDCACHE_LANGUAGES: pages have translated slugs, which
    # heritage.cache_purge reads from each page itself.
    WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "heritage.cache_purge.HTTPPurgeBackend", "LOCATION": HERITAGE_PURGE_URL, "TIMEOUT": 5},
    }

# --- Security headers ---------------------------------------------------------
# Content-Security-Policy (django-csp): scripts only from our own origin, never inline;
# Permissions-Policy switches off what the site never uses (heritage.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Wagtail's admin and Leaflet set style attributes from JavaScript.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env_list("HERITAGE_CSP_MEDIA_ORIGINS")],
        "media-src": ["'self'", "blob:", *env_list("HERITAGE_CSP_MEDIA_ORIGINS")],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Wagtail's admin still writes inline <script> elements (inline panels, date widgets,
# wagtail-modeltranslation; wagtail/wagtail#1288): allowed for signed-in users under
# /admin/ only (heritage.csp). Visitors, and the admin's login page, keep script-src 'self'.
HERITAGE_CSP_ADMIN_REPLACE = {"script-src": ["'self'", "'unsafe-inline'"]}
# The admin asks no other server: no Gravatar pictures (they would tell Gravatar who
# edits the archive), no release check against releases.wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
HERITAGE_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(self), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), fullscreen=(self), picture-in-picture=(self)"
)

# LOG_FORMAT=json: one JSON object a line (time, level, logger, message, and the
# request's method, path and status where Django gives them), for a log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Page actions and each background task log at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # bagit logs a line per file at INFO: too much for a real archive's backup.
        "bagit": {"level": "WARNING"},
    },
}

# Partner data exchange (exchange/). OAI-PMH: a repository identifier that never
# changes (identifiers are oai:<it>:<page id>; default: HERITAGE_BASE_URL's host name, else
# heritage-commons.example),
# and whom harvesters write to (default: ADMINS, else DEFAULT_FROM_EMAIL).
if os.environ.get("HERITAGE_OAI_REPOSITORY_IDENTIFIER"):
    HERITAGE_OAI_REPOSITORY_IDENTIFIER = os.environ["HERITAGE_OAI_REPOSITORY_IDENTIFIER"]
if os.environ.get("HERITAGE_OAI_ADMIN_EMAILS"):
    HERITAGE_OAI_ADMIN_EMAILS = env_list("HERITAGE_OAI_ADMIN_EMAILS")
# The largest file the admin's artifact import accepts (bytes; default 50 MB).
HERITAGE_IMPORT_MAX_BYTES = int(os.environ.get("HERITAGE_IMPORT_MAX_BYTES", 50 * 1024**2))
