"""A read-only page in Wagtail's admin (Reports → Background tasks) listing the workers
and the recent background tasks: state, queue, attempt, times and error.

django-tasks-db ships a Django admin for its rows, but the people who run this site
work in Wagtail's admin, which never shows Django's; this page is for them (superusers:
a task's arguments and tracebacks are operators' business). Registered from
``archive.wagtail_hooks``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from heritage.models import ScheduledRun, WorkerHeartbeat
from heritage.tasks import attempt_of, uses_worker
from heritage.worker import stale_after, worker_status

LIMIT = 200


def error_line(row: DBTaskResult) -> str:
    """The exception's last line (its class and message), the part a person reads."""
    if not row.traceback:
        return ""
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else row.exception_class_path


class BackgroundTasksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "heritage/admin/background_tasks.html"
    page_title = _("Background tasks")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        rows = DBTaskResult.objects.order_by("-enqueued_at")
        if status in TaskResultStatus.values:
            rows = rows.filter(status=status)
        else:
            status = ""
        tasks = [
            {
                "id": row.pk,
                "name": row.task_path.rsplit(".", 1)[-1],
                "path": row.task_path,
                "status": row.status,
                "status_label": TaskResultStatus(row.status).label,
                "queue": row.queue_name,
                "attempt": attempt_of(row.args_kwargs),
                "runs": len(row.worker_ids),
                "enqueued_at": row.enqueued_at,
                "run_after": row.run_after if row.run_after.year < 9999 else None,
                "started_at": row.started_at,
                "finished_at": row.finished_at,
                "error": error_line(row) if row.status == TaskResultStatus.FAILED else "",
            }
            for row in rows[:LIMIT]
        ]
        context.update(
            {
                "uses_worker": uses_worker(),
                "status": status,
                "statuses": TaskResultStatus.choices,
                "tasks": tasks,
                "health": worker_status(),
                "workers": list(WorkerHeartbeat.objects.order_by("-last_seen")[:20]),
                "stale_seconds": int(stale_after().total_seconds()),
                "runs": list(ScheduledRun.objects.order_by("-enqueued_at")[:10]),
            }
        )
        return context
