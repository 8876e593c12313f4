"""Background work of exchange (django-tasks: on the worker in production, inline with
the demo's and the tests' immediate backend).

* :func:`sync_harvest_records`: the OAI-PMH records of the pages a transaction changed
  (``exchange.signals`` enqueues it once the transaction commits), so an editor's
  publish never waits for metadata to be rendered;
* :func:`announce_base_url`: after ``HERITAGE_BASE_URL`` changed (checked after every
  ``migrate``, i.e. every deployment, and by ``oai_records rebuild``), new datestamps
  for every open record, so incremental harvesters fetch them again.

Both retry with back-off on the worker (``heritage.tasks.retrying_task``); whatever
still fails is healed by ``manage.py oai_records rebuild``.
"""

from __future__ import annotations

from wagtail.models import Page

from heritage.tasks import retrying_task


@retrying_task(attempts=5, backoff=30)
def sync_harvest_records(
    full: list[int], structural: list[int] | None = None, subtrees: list[int] | None = None
) -> dict:
    """Sync ``full`` (content changed) and, structurally, ``structural`` and every page
    under ``subtrees`` (resolved now: the tree as committed). Returns the counts."""
    from .oai import records

    structural = set(structural or ())
    for path in Page.objects.filter(pk__in=list(subtrees or ())).values_list("path", flat=True):
        structural.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    full = set(full)
    structural -= full
    counts = {"created": 0, "updated": 0, "deleted": 0}
    for ids, kwargs in ((full, {}), (structural, {"structural": True})):
        if ids:
            for key, value in records.sync(ids, **kwargs).items():
                counts[key] += value
    return counts


@retrying_task(queue_name="maintenance", attempts=3, backoff=60, coalesce=True)
def announce_base_url() -> dict:
    """See :func:`exchange.oai.records.announce_base_url`."""
    from .oai import records

    return records.announce_base_url()
