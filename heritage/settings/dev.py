"""Development settings for the demo: DEBUG on, a fake key, local hosts only."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# runserver serves static files from the apps' folders; nothing to collect first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
