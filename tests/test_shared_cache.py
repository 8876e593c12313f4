"""Guards that must hold across web processes hold across processes: with REDIS_URL set,
``cache.add`` in one process is seen by the next (the admin import's double-confirm
guard, rate limits, locks). ``make test`` starts Redis (scripts/redis.sh)."""

import os
import subprocess
import sys
import uuid

from django.conf import settings

import pytest

ADD = (
    "import django, os; django.setup(); from django.core.cache import cache; "
    "print(cache.add(os.environ['GUARD_KEY'], os.getpid(), 60), cache.get(os.environ['GUARD_KEY']))"
)


@pytest.fixture(scope="module")
def redis_url():
    url = os.environ.get("REDIS_TEST_URL", "")
    if not url:
        message = "No Redis server: run `scripts/redis.sh start` and set REDIS_TEST_URL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def add_in_a_new_process(key: str, **env: str) -> tuple[bool, int]:
    result = subprocess.run(
        [sys.executable, "-c", ADD],
        env={
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            "DJANGO_SETTINGS_MODULE": "heritage.settings.dev",
            "GUARD_KEY": key,
            **env,
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    added, holder = result.stdout.split()
    return added == "True", int(holder)


def test_the_first_process_holds_the_guard_and_the_second_sees_it(redis_url):
    key = f"test-guard-{uuid.uuid4().hex}"
    first = add_in_a_new_process(key, REDIS_URL=redis_url)
    second = add_in_a_new_process(key, REDIS_URL=redis_url)
    assert first[0] is True
    assert second == (False, first[1])  # refused, and told who holds it


def test_without_a_shared_cache_each_process_has_its_own_guard():
    """Why production needs REDIS_URL: per-process memory lets both confirmations through."""
    key = f"test-guard-{uuid.uuid4().hex}"
    assert add_in_a_new_process(key)[0] is True
    assert add_in_a_new_process(key)[0] is True
