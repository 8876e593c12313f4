"""The OAI-PMH records (``exchange.models.HarvestRecord``), for existing data.

    manage.py oai_records rebuild   # every page of the record types, and every record
    manage.py oai_records status    # how many records, how many deleted

``rebuild`` brings the table in line with the pages as they are now: a record for
every open artifact, oral history and collection, deleted for every record whose page
is no longer open or no longer exists. Unchanged records keep their datestamp (a
harvester fetches nothing new); deleted records stay deleted. Run it after loading
data without signals (fixtures, a restored database) and from cron now and then:
signals keep the table true page by page, this heals what they could not see.
When ``HERITAGE_BASE_URL`` has changed since the records were last announced, it also
gives every open record a new datestamp (``exchange.oai.records.announce_base_url``;
``migrate`` queues the same on the worker), so harvesters fetch their new addresses.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from exchange.models import HarvestRecord, PublishedBaseURL
from exchange.oai.records import announce_base_url, rebuild


class Command(BaseCommand):
    help = "Rebuild the OAI-PMH harvest records from the pages (rebuild), or count them (status)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action: str, **options):
        if action == "rebuild":
            counts = rebuild()
            announced = announce_base_url()["announced"]
            if options["verbosity"] == 0:
                return
            self.stdout.write(
                f"OAI records: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['deleted']} marked deleted."
            )
            if announced:
                self.stdout.write(f"New base URL: {announced} records have a new datestamp.")
        total = HarvestRecord.objects.count()
        deleted = HarvestRecord.objects.filter(deleted=True).count()
        self.stdout.write(f"{total} records, {deleted} of them deleted.")
        published = PublishedBaseURL.objects.first()
        if published is not None:
            self.stdout.write(f"Announced under {published.base_url or '(the answering host)'}.")
