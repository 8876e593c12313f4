"""Background work of the search app (django-tasks; inline unless a worker is configured)."""

from django_tasks import task

from search.sync import sync_elasticsearch


@task()
def sync_elasticsearch_task() -> dict:
    """Write every pending page to Elasticsearch; what fails stays queued for the next run."""
    report = sync_elasticsearch()
    return {"written": report.written, "removed": report.removed, "failed": report.failed}
