"""Settings for a worker subprocess started by a test: the test settings, the database
backend for tasks, and the database the test shares with it (JSON in
``HERITAGE_TEST_DATABASE``: a copy of the test's SQLite database in a file, or the
PostgreSQL test database itself)."""

import json
import os

from heritage.settings.test import *  # noqa: F403
from heritage.settings.test import TASKS

DATABASES = {"default": json.loads(os.environ["HERITAGE_TEST_DATABASE"])}
TASKS = {"default": {**TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}}
