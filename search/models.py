"""The database side of search: the documents every engine serves.

``SearchDocument`` holds one public page's engine-neutral document (see
``search.documents``) plus its analysed text, indexed by Wagtail's database search
(SQLite FTS5 or PostgreSQL full text) through the ``heritage_db`` backend.
``SearchFacet`` rows give the database engine its facet counts by ORM aggregation.
Both are written in the same transaction as the page change, so the database engine
is always exact. What Elasticsearch still owes is the outbox's business
(``heritage.outbox``: its Elasticsearch writer's cursor).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class SearchDocument(index.Indexed, models.Model):
    # The page's primary key, without a foreign key: the search app follows page
    # deletions through signals, and the benchmark can fill it without pages.
    page_id = models.BigIntegerField(primary_key=True)
    type = models.CharField(max_length=40, db_index=True)
    published = models.DateTimeField(null=True, db_index=True)
    document = models.JSONField()
    digest = models.CharField(max_length=40)
    # Analysed (stemmed, folded) text for the full-text index, every language together.
    title = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # Folded, unstemmed titles for autocomplete.
    suggest = models.TextField(blank=True)
    indexed_at = models.DateTimeField(db_index=True)

    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("text"),
        index.AutocompleteField("suggest"),
        index.FilterField("type"),
    ]

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self.type} {self.page_id}"


class SearchFacet(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "facet", "value"], name="unique_search_facet")]
        indexes = [models.Index(fields=["facet", "value"])]
