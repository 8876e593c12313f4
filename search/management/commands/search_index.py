"""``manage.py search_index rebuild|status`` for the Elasticsearch index.

``rebuild`` fills a new versioned index and swaps the alias atomically, so the site
keeps answering searches meanwhile. (``update`` and ``verify`` follow with the rest of
the search issue.)
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from elasticsearch import ConnectionError as ElasticsearchConnectionError

from search.backends.elasticsearch import ElasticsearchIndex, get_client
from search.documents import iter_documents


class Command(BaseCommand):
    help = "Rebuild the search index or show its status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"])

    def handle(self, *args, action: str, **options):
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set: the database search engine needs no index.")
        index = ElasticsearchIndex(client=get_client(), alias=settings.HERITAGE_SEARCH_INDEX)
        try:
            if action == "rebuild":
                tty = sys.stdout.isatty()
                status = index.rebuild(
                    iter_documents(),
                    progress=(lambda n: self.stdout.write(f"\r  indexed {n}", ending="")) if tty else None,
                )
                if tty:
                    self.stdout.write("")
            else:
                status = index.status()
        except ElasticsearchConnectionError as error:
            raise CommandError(f"Cannot reach Elasticsearch at {settings.ELASTICSEARCH_URL}: {error}") from error
        self.stdout.write(f"{status.alias} → {status.index or '(no index yet)'}: {status.documents} documents")
