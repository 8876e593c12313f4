"""heritage.transactions reads Django's private list of on-commit callbacks: these tests
fail loudly (naming what changed) when a Django upgrade changes its shape."""

from __future__ import annotations

import django
from django.db import transaction

import pytest

from heritage.transactions import waiting_callback


class Gathered:
    def __call__(self):
        pass


@pytest.mark.django_db(transaction=True)
def test_django_keeps_the_callbacks_as_savepoints_callback_robust_triples():
    connection = transaction.get_connection()
    work = Gathered()
    with transaction.atomic():
        transaction.on_commit(work, robust=True)
        entries = list(connection.run_on_commit)
        assert len(entries) == 1, f"Django {django.get_version()}: run_on_commit is {entries!r}"
        savepoint_ids, callback, robust = entries[0]  # heritage.transactions unpacks these three
        assert callback is work and robust is True and isinstance(savepoint_ids, (set, list, tuple))


@pytest.mark.django_db(transaction=True)
def test_a_waiting_callback_is_found_in_its_transaction_and_forgotten_after_it():
    work = Gathered()
    assert waiting_callback(lambda callback: callback is work) is None  # autocommit
    with transaction.atomic():
        transaction.on_commit(work)
        assert waiting_callback(lambda callback: isinstance(callback, Gathered)) is work
    assert waiting_callback(lambda callback: callback is work) is None
    try:
        with transaction.atomic():
            transaction.on_commit(work)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert waiting_callback(lambda callback: callback is work) is None
