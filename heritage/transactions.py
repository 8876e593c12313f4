"""Work gathered over a transaction and run once it commits.

The receivers that follow page changes gather a transaction's changes into one object
registered with ``transaction.on_commit`` once (the front-cache purges, the OAI-PMH
records, an oral history's reindex or sealing): fifty pages published in one import
batch make one purge and one harvest sync, not fifty. Django has no public way to ask
whether such an object already waits for the current transaction, so
:func:`waiting_callback` reads Django's own list of the transaction's callbacks
(``connection.run_on_commit``: ``(savepoint ids, callback, robust)`` entries, checked
against Django 5.2). This module is the only place that reads it;
``heritage/tests/test_transactions.py`` fails if its shape changes. The list is dropped
by Django on a rollback, so nothing gathered outlives its transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction


def waiting_callback(match: Callable[[Any], bool], *, using: str | None = None) -> Any | None:
    """The first callback waiting for the current transaction's commit that ``match``
    accepts, or None (also outside a transaction)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return None
    for _savepoint_ids, callback, _robust in connection.run_on_commit:
        if match(callback):
            return callback
    return None
