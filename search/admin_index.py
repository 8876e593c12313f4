"""Wagtail's own search index: what the admin's page, image and document search read.

With ``ELASTICSEARCH_URL`` set, ``WAGTAILSEARCH_BACKENDS["default"]`` is Elasticsearch
and modelsearch keeps one index per root model there (``<INDEX_PREFIX>wagtailcore_page``,
``…wagtailimages_image``, …). Wagtail's signals only add and remove documents: nothing
creates those indexes with Wagtail's mapping, so the first publish would create
``…wagtailcore_page`` with a dynamic mapping that the admin search cannot read (500,
``KeyError: 'fields'``). ``rebuild_wagtail_indexes`` builds them with Wagtail's own
command, and ``manage.py search_index rebuild`` calls it, so a deployment (or a
restore, which runs that command) has a working admin search.

With a database backend there is nothing to build: its entries are rows Wagtail writes
on every save (and a restore brings them back with the rest of the database).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command

from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

WAGTAIL_BACKEND = "default"


@dataclass(frozen=True)
class BuiltIndex:
    name: str
    documents: int


def elasticsearch_backend(backend_name: str = WAGTAIL_BACKEND) -> ElasticsearchBaseSearchBackend | None:
    """The backend ``backend_name`` when it keeps its indexes in Elasticsearch (or
    OpenSearch, modelsearch's same family), else ``None``.

    Read from the settings on every call (modelsearch caches no backend), so a test or
    an override of ``WAGTAILSEARCH_BACKENDS`` is seen at once.
    """
    backend = get_search_backend(backend_name)
    return backend if isinstance(backend, ElasticsearchBaseSearchBackend) else None


def rebuild_wagtail_indexes(backend_name: str = WAGTAIL_BACKEND) -> list[BuiltIndex] | None:
    """Rebuild every index of Wagtail's backend ``backend_name`` when it is
    Elasticsearch; ``None`` (nothing done) when it is not.

    Wagtail's ``update_index`` does the work: a new index per root model with Wagtail's
    mapping and settings, filled, then the name made an alias of it (an index left
    under that name by a publish before the first rebuild is replaced). Each index is
    then counted, so the caller can say what was built.
    """
    backend = elasticsearch_backend(backend_name)
    if backend is None:
        return None
    call_command("update_index", backend_name=backend_name, verbosity=0, stdout=StringIO())
    names = sorted({backend.get_index_for_model(model).name for model in get_indexed_models()})
    return [BuiltIndex(name, backend.es.count(index=name)["count"]) for name in names]
