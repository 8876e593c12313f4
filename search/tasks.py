"""Background work of the search app (django-tasks; inline unless a worker is configured)."""

from heritage.cache_purge import purge_briefly_shared
from heritage.tasks import retrying_task
from search.sync import sync_elasticsearch


class SyncIncomplete(Exception):
    """Elasticsearch did not take every pending page: the task is retried later."""


@retrying_task(attempts=6, backoff=15, coalesce=True)
def sync_elasticsearch_task() -> dict:
    """Write every pending page to Elasticsearch; what fails stays queued.

    One attempt per run (no sleeping inside the worker): when Elasticsearch refuses,
    the task fails and ``retrying_task`` queues it again with back-off (15 s, 30 s, 1 min,
    …); a retry already waiting absorbs the syncs queued meanwhile (``coalesce``). After
    the last attempt the pages still wait in ``PendingSync`` for the next sync or
    ``manage.py search_index update``.
    """
    report = sync_elasticsearch(attempts=1)
    if report.written or report.removed:
        # A search answered from the old index meanwhile may sit in the front cache.
        purge_briefly_shared()
    if report.failed:
        raise SyncIncomplete(f"{report.failed} page(s) not written to Elasticsearch: {report.error}")
    return {"written": report.written, "removed": report.removed, "failed": report.failed}
