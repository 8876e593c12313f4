"""The outbox of page changes (``heritage.outbox``): one row per page whose public
face may have changed, written in the same transaction as the change, and one cursor
per writer that carries the changes somewhere else (the search indexes, the OAI-PMH
records, Wagtail's own index)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageChange(models.Model):
    """A page changed: its content (``content``), or only whether it is open (a move
    of an ancestor, a view restriction, an unpublished parent). Rows are never
    updated; a writer reads them in ``id`` order from its cursor on."""

    id = models.BigAutoField(primary_key=True)
    page_id = models.BigIntegerField(_("page id"), db_index=True)
    content = models.BooleanField(_("content changed"), default=True)
    #: A save only editors see (a draft): read by the writers of the editors' search.
    editors_only = models.BooleanField(_("editors only"), default=False)
    #: Every writer that runs inside the transaction (``Writer.eager``) has written it.
    eager = models.BooleanField(_("written in the transaction"), default=False)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("page change")
        verbose_name_plural = _("page changes")

    def __str__(self) -> str:
        return f"#{self.pk} page {self.page_id}"


class OutboxCursor(models.Model):
    """How far one writer has carried the outbox: every row up to ``position`` is written."""

    writer = models.CharField(_("writer"), max_length=64, primary_key=True)
    position = models.BigIntegerField(_("position"), default=0)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outbox cursor")
        verbose_name_plural = _("outbox cursors")

    def __str__(self) -> str:
        return f"{self.writer} at #{self.position}"
