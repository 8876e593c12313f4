"""``manage.py search_index rebuild|update|verify|status``.

- ``rebuild``: rewrite the database index from the pages, then (with Elasticsearch)
  fill a new versioned index from it and swap the alias atomically, so the site keeps
  answering searches meanwhile; then, when Wagtail's own search (the admin's) is on
  Elasticsearch, rebuild its indexes too (``search.admin_index``).
- ``update``: write every change still owed to Elasticsearch (what the background
  sync does; heals the index after an outage).
- ``verify [--fix]``: compare pages → database index → Elasticsearch; list what
  differs; ``--fix`` repairs it. Exits with status 1 when differences remain.
- ``status``: the cluster's health and nodes, documents in each index (with the
  Elasticsearch index's shards and replicas) and changes still owed.

A progress bar is drawn when the output is a terminal.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from elasticsearch import ApiError, TransportError

from heritage import outbox
from heritage.progress import ProgressBar
from search.admin_index import elasticsearch_backend, rebuild_wagtail_indexes
from search.backends.elasticsearch import ElasticsearchIndex, get_client
from search.models import SearchDocument
from search.sync import rebuild_database, stored_documents, sync_elasticsearch, verify

SHOWN_DIFFERENCES = 50


class Command(BaseCommand):
    help = "Rebuild, update, verify or show the search indexes."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update", "verify", "status"])
        parser.add_argument("--fix", action="store_true", help="verify: repair every difference found")

    def progress(self, label: str) -> ProgressBar | None:
        return ProgressBar(self.stdout, label) if self.stdout.isatty() else None

    def handle(self, *args, action: str, fix: bool = False, **options):
        try:
            getattr(self, action)(fix=fix)
        except (TransportError, ApiError) as error:
            raise CommandError(f"Cannot reach Elasticsearch at {settings.ELASTICSEARCH_URL}: {error}") from error

    def elasticsearch(self) -> ElasticsearchIndex | None:
        if not settings.ELASTICSEARCH_URL:
            return None
        return ElasticsearchIndex(client=get_client(), alias=settings.HERITAGE_SEARCH_INDEX)

    def rebuild(self, **options):
        with transaction.atomic():
            count = rebuild_database()
        self.stdout.write(f"database index: {count} documents")
        wagtail_on_elasticsearch = elasticsearch_backend() is not None
        if not wagtail_on_elasticsearch:
            self.stdout.write("Wagtail admin search: in the database, kept up to date on every save")
        index = self.elasticsearch()
        if index is None:
            self.stdout.write("Elasticsearch: not configured (ELASTICSEARCH_URL is not set)")
        else:
            self.rebuild_elasticsearch(index)
        if wagtail_on_elasticsearch:
            self.rebuild_wagtail()

    def rebuild_elasticsearch(self, index: ElasticsearchIndex):
        total = SearchDocument.objects.count()
        bar = self.progress("Elasticsearch")
        # Changes recorded before the new index starts filling are in it; those after
        # may not be, and stay owed (the writer's cursor moves only up to here).
        covered = outbox.newest()
        status = index.rebuild(stored_documents(), progress=(lambda n: bar(n, total)) if bar else None)
        if bar:
            bar(total, total)
            bar.close()
        outbox.advance("elasticsearch", covered)
        self.stdout.write(f"{status.alias} → {status.index}: {status.documents} documents")

    def rebuild_wagtail(self):
        """Wagtail's own indexes (the admin's search) in Elasticsearch: nothing else
        creates them with Wagtail's mapping (see ``search.admin_index``). After the
        site's index, so a failure here leaves the public search rebuilt."""
        covered = outbox.newest()
        try:
            built = rebuild_wagtail_indexes()
        except ApiError as error:
            raise CommandError(f"Wagtail's admin search indexes could not be built: {error}") from error
        outbox.advance("wagtail-search", covered)
        for index in built or ():
            self.stdout.write(f"Wagtail admin search: {index.name}: {index.documents} documents")

    def update(self, **options):
        if self.elasticsearch() is None:
            self.stdout.write("Elasticsearch: not configured; the database index is always up to date.")
            return
        bar = self.progress("Elasticsearch")
        # Asked for by an operator: the node is tried even while the breaker is open.
        report = sync_elasticsearch(progress=bar, use_breaker=False)
        if bar:
            bar.close()
        self.stdout.write(f"written {report.written}, removed {report.removed}, failed {report.failed}")
        if report.failed:
            raise CommandError(f"{report.failed} changes could not be written: {report.error}")

    def verify(self, fix: bool = False, **options):
        report = verify(fix=fix, progress=self.progress("Elasticsearch"))
        differences = report.differences
        self.stdout.write(f"checked {report.checked} public pages: {len(differences)} differences")
        for key, count in sorted(report.summary().items()):
            self.stdout.write(f"  {key}: {count}")
        for difference in differences[:SHOWN_DIFFERENCES]:
            self.stdout.write(f"  {difference.where}: page {difference.page_id} {difference.kind}")
        if len(differences) > SHOWN_DIFFERENCES:
            self.stdout.write(f"  … and {len(differences) - SHOWN_DIFFERENCES} more")
        if fix and differences:
            self.stdout.write("fixed")
        elif differences:
            raise CommandError(
                f"{len(differences)} differences: run `manage.py search_index verify --fix` to repair", returncode=1
            )

    def status(self, **options):
        self.stdout.write(f"database index: {SearchDocument.objects.count()} documents")
        index = self.elasticsearch()
        if index is None:
            self.stdout.write("Elasticsearch: not configured (ELASTICSEARCH_URL is not set)")
            return
        health = index.health()
        nodes = "1 node" if health.nodes == 1 else f"{health.nodes} nodes"
        unassigned = f", {health.unassigned_shards} shards unassigned" if health.unassigned_shards else ""
        self.stdout.write(f"Elasticsearch cluster {health.name}: {health.status}, {nodes}{unassigned}")
        status = index.status()
        self.stdout.write(f"{status.alias} → {status.index or '(no index yet)'}: {status.documents} documents")
        if status.index:
            self.stdout.write(f"  shards {status.shards}, replicas {status.replicas}")
        for writer in outbox.status():
            self.stdout.write(
                f"outbox {writer['writer']}: {writer['pending']} changes owed"
                + (f", oldest {writer['oldest_pending']}" if writer["oldest_pending"] else "")
            )
            if writer["last_error"]:
                self.stdout.write(f"  last error: {writer['last_error']}")
