"""What OAI-PMH harvesters see: one row per page that was ever open, kept forever.

``HarvestRecord`` is the repository's own record of each item (``exchange.oai``):
its datestamp (the last time what a harvester sees changed), whether it is deleted,
its sets, and its Dublin Core metadata rendered once when the page changes, so that
a ListRecords page is one query whatever the size of the archive. A record is made
the first time its page is open (``heritage.visibility``); when the page closes
(unpublished, deleted, moved under a draft or a view restriction, its recording no
longer public) the row stays, marked deleted with a new datestamp and no metadata:
the repository declares ``deletedRecord`` ``persistent``. ``exchange.oai.records``
keeps the table true; ``exchange.signals`` calls it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestRecord(models.Model):
    #: The Wagtail page's id; no foreign key: the record outlives the page.
    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    #: The last change a harvester can see (UTC, whole seconds: the granularity).
    datestamp = models.DateTimeField(_("datestamp"), db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)
    #: artifact, oral_history or collection (the page type's ``search_type``).
    kind = models.CharField(_("kind"), max_length=20)
    #: The leaf setSpecs for the header, space separated ("type:artifact city:marseille …");
    #: ``HarvestSetMembership`` holds them (and their parents) for filtering.
    set_specs = models.TextField(_("sets"), blank=True)
    #: The ``<oai_dc:dc>`` element, ready to paste into a response; "" once deleted.
    oai_dc = models.TextField(_("Dublin Core metadata"), blank=True)

    class Meta:
        verbose_name = _("harvest record")
        verbose_name_plural = _("harvest records")
        indexes = [models.Index(fields=["datestamp", "page_id"], name="exchange_record_cursor")]

    def __str__(self) -> str:
        return f"{self.page_id} ({'deleted' if self.deleted else self.kind})"


class HarvestSetMembership(models.Model):
    """A record in a set, for ``set=`` selective harvesting in SQL. Both the leaf
    ("city:marseille") and its parent ("city") are stored: in OAI-PMH a record of
    ``A:B`` is in ``A`` too."""

    record = models.ForeignKey(HarvestRecord, on_delete=models.CASCADE, related_name="memberships")
    spec = models.CharField(_("setSpec"), max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "spec"], name="exchange_one_membership")]
        indexes = [models.Index(fields=["spec", "record"], name="exchange_membership_spec")]


class PublishedBaseURL(models.Model):
    """The public address (``HERITAGE_BASE_URL``) the records were last announced
    under: one row. When the setting changes, ``exchange.tasks.announce_base_url``
    gives every open record a new datestamp (what a harvester holds names the old host)
    and writes the new address here. No row: never announced (the demo, the tests)."""

    base_url = models.CharField(_("base URL"), max_length=255, blank=True)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("published base URL")
        verbose_name_plural = _("published base URLs")

    def __str__(self) -> str:
        return self.base_url or "—"
