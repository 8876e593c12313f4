"""Artifacts in and out as CSV or JSON Lines: one column set, documented in
``docs/artifact-import.md`` and defined in ``columns``.

- ``read``: rows from a file, streamed, each with its row number;
- ``records``: a row checked and resolved into an ``ArtifactRecord`` (or errors naming
  row, column and reason);
- ``write``: whole batches of records written as published pages, in bulk;
- ``importer``: the import itself (dry run, strict, report, progress);
- ``export``: artifacts back to rows, in the same columns: importing an export changes nothing.
"""
