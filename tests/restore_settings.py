"""Settings for a ``manage.py restore`` (or ``backup``) subprocess started by
tests/test_backup.py: the test settings, but the database from ``DATABASE_URL`` (a new
SQLite file or a new PostgreSQL database) and the two storages in the folders named by
``MEDIA_ROOT`` and ``HERITAGE_PRIVATE_MEDIA_ROOT``: a fresh stack, apart from the
test's own."""

import os

from heritage.settings.test import *  # noqa: F403
from heritage.settings.test import STORAGES

MEDIA_ROOT = os.environ["MEDIA_ROOT"]
HERITAGE_PRIVATE_MEDIA_ROOT = os.environ["HERITAGE_PRIVATE_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": HERITAGE_PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
