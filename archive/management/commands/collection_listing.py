"""``manage.py collection_listing check|rebuild``: the collection pages' listing and
counts (``archive.listing_index``), kept by the outbox.

``check`` compares every collection's counts with a count from the page table and
exits 1 when they differ; ``rebuild`` writes the listing anew (after a restore of the
page tables alone, say)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive import listing_index


class Command(BaseCommand):
    help = "Check or rebuild the collection pages' listing and counts."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "rebuild"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            listed = listing_index.rebuild()
            self.stdout.write(_("%(count)s artifacts listed.") % {"count": listed})
            return
        differences = listing_index.check()
        for line in differences[:50]:
            self.stdout.write(line)
        if differences:
            raise CommandError(
                _("%(count)s counts differ from the page table: run `manage.py collection_listing rebuild`.")
                % {"count": len(differences)}
            )
        self.stdout.write(_("The collection listing matches the page table."))
