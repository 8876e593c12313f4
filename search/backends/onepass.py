"""Wagtail's database search backend, with SQLite indexing that reads each field once.

``WAGTAILSEARCH_BACKENDS`` names this module where it would name
``wagtail.search.backends.database``: it picks the same backend for the database in
use (modelsearch's ``SearchBackend``). On SQLite the one difference is indexing:
modelsearch's ``ObjectIndexer`` computes an entry's title, autocomplete and body
text in three passes, each reading and converting every search field of the object
again (rich text stripped of its tags three times); ``OnePassIndexer``
(``search.backends.sqlite_onepass``) reads each field once and sorts the values into
the three. The entries written are the same
(``search/tests/test_onepass.py`` compares them with the stock indexer's), and the
bulk importer's indexing costs about a third as much. Searching is untouched.
"""

from __future__ import annotations

from django.db import connection

from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database_backend(params)
    if connection.vendor == "sqlite":
        # Imported here: modelsearch's SQLite module cannot be imported on another database.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from .sqlite_onepass import OnePassSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):  # not the fallback without FTS5
            return OnePassSQLiteSearchBackend(params)
    return backend
