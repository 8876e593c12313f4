"""Production settings: base plus HTTPS hardening. Everything secret comes from the environment.

Production refuses to start without what it cannot guess: the secret key, the public
base URL (every absolute link the site hands out starts with it), the OAI-PMH
repository identifier and the address harvesters write to. Background work goes to the
database queue that ``manage.py worker`` drains, never into the editor's request.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ADMINS, HERITAGE_BASE_URL, SECRET_KEY, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in the environment.")
if not HERITAGE_BASE_URL or urlsplit(HERITAGE_BASE_URL).scheme not in ("http", "https"):
    raise ImproperlyConfigured(
        "Set HERITAGE_BASE_URL in the environment to the site's public address, e.g. https://heritage.example.org."
    )
if not os.environ.get("HERITAGE_OAI_REPOSITORY_IDENTIFIER"):
    raise ImproperlyConfigured(
        "Set HERITAGE_OAI_REPOSITORY_IDENTIFIER in the environment (a domain name you control, e.g. "
        "heritage.example.org; OAI-PMH identifiers are built on it, so keep it stable)."
    )
if not (env_list("HERITAGE_OAI_ADMIN_EMAILS") or ADMINS):
    raise ImproperlyConfigured(
        "Set HERITAGE_OAI_ADMIN_EMAILS (or DJANGO_ADMINS) in the environment: OAI-PMH's Identify must name a "
        "contact address."
    )

# Not the immediate backend: slow work runs on the worker (`manage.py worker`).
HERITAGE_TASKS = os.environ.get("HERITAGE_TASKS", "database")
if HERITAGE_TASKS == "immediate":
    raise ImproperlyConfigured("HERITAGE_TASKS=immediate is for the demo: production runs a worker (database).")
TASKS = {"default": {**TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}}  # noqa: F405

if not ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS = [urlsplit(HERITAGE_BASE_URL).hostname]
if not CSRF_TRUSTED_ORIGINS:  # noqa: F405
    CSRF_TRUSTED_ORIGINS = [HERITAGE_BASE_URL]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
