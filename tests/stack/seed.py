"""The stack tests' starting content: the same small tree as the suite's ``tree`` fixture
and the demo's admin login, made in seconds (``scripts/stack.sh start``; ``--demo``
loads the whole demo instead, for the load benchmark). Idempotent."""

import os

from django.contrib.auth import get_user_model

from heritage.models import HomePage


def seed() -> None:
    if not HomePage.objects.exists():
        from conftest import build_tree

        build_tree()
    User = get_user_model()  # noqa: N806
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin", "admin@heritage.stack.test", os.environ.get("STACK_PASSWORD", "heritage-demo")
        )
