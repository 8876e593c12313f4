"""Background work of exchange (django-tasks: on the worker in production, inline with
the demo's and the tests' immediate backend).

* :func:`announce_base_url`: after ``HERITAGE_BASE_URL`` changed (checked after every
  ``migrate``, i.e. every deployment, and by ``oai_records rebuild``), new datestamps
  for every open record, so incremental harvesters fetch them again.

Both retry with back-off on the worker (``heritage.tasks.retrying_task``); whatever
still fails is healed by ``manage.py oai_records rebuild``.
"""

from __future__ import annotations

from heritage.tasks import retrying_task


@retrying_task(queue_name="maintenance", attempts=3, backoff=60, coalesce=True)
def announce_base_url() -> dict:
    """See :func:`exchange.oai.records.announce_base_url`."""
    from .oai import records

    return records.announce_base_url()
