"""Development settings for the demo: DEBUG on, a fake key, local hosts only."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
