"""The one-pass SQLite indexer writes exactly the entries modelsearch's own writes."""

from __future__ import annotations

from django.db import connection

from wagtail.search.backends import get_search_backend

import pytest

from archive.factories import ArtifactPageFactory
from archive.models import ArtifactPage

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the one-pass indexer is SQLite's")


@pytest.mark.django_db
def test_entries_equal_the_stock_indexers(tree):
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

    from search.backends.sqlite_onepass import OnePassIndexer, OnePassSQLiteSearchBackend

    backend = get_search_backend()
    assert isinstance(backend, OnePassSQLiteSearchBackend)
    pages = [
        ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title_en=f"Trunk {number}",
            title_ar=f"صندوق {number}",
            description_en="<p>A <b>wooden</b> trunk</p>",
            description_fr="<p>Une malle</p>",
            materials_en="Wood, iron",
        )
        for number in range(3)
    ]
    for page in ArtifactPage.objects.filter(pk__in=[page.pk for page in pages]):
        ours, stock = OnePassIndexer(page, backend), ObjectIndexer(page, backend)
        assert (ours.title, ours.autocomplete, ours.body) == (stock.title, stock.autocomplete, stock.body)
        assert "wooden" in ours.body and "صندوق" in ours.body


@pytest.mark.django_db
def test_bulk_indexing_creates_then_updates_one_entry_per_page(tree):
    from wagtail.search.models import IndexEntry

    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title_en="Travel trunk")
    backend = get_search_backend()
    IndexEntry.objects.all().delete()  # what the factory's publish indexed
    backend.add_bulk(ArtifactPage, [page])
    assert list(backend.search("trunk", ArtifactPage)) == [page]
    page.title_en = page.title = "Sewing machine"
    backend.add_bulk(ArtifactPage, [page])  # again: updated, not doubled
    entries = IndexEntry.objects.filter(object_id=str(page.pk))
    assert entries.count() == len({entry.content_type_id for entry in entries}) == 1
    assert list(backend.search("sewing", ArtifactPage)) == [page]
    assert list(backend.search("trunk", ArtifactPage)) == []


@pytest.mark.django_db
def test_field_value_is_modelsearchs_get_value(tree):
    """``field_value`` is modelsearch 1.3.2's ``BaseField.get_value`` without its per-call
    costs: the same value for every search field of a page and of a search document.
    A new modelsearch is checked here before the version below moves."""
    from importlib.metadata import version

    from modelsearch.index import AutocompleteField, RelatedFields, SearchField

    from search.backends.sqlite_onepass import field_value
    from search.models import SearchDocument

    assert version("modelsearch").split(".")[:2] == ["1", "3"], "check field_value against the new get_value"
    from heritage.factories import ThemeFactory

    theme = ThemeFactory(slug="music")
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title_en="Oud")
    page.themes.add(theme)
    page.save()
    page = ArtifactPage.objects.get(pk=page.pk)
    from search.sync import write_database

    write_database([page])
    document = SearchDocument.objects.get(page_id=page.pk)
    checked = 0
    for obj in (page, document):
        fields = list(type(obj).get_search_fields())
        while fields:
            field = fields.pop()
            if isinstance(field, RelatedFields):
                related = field.get_value(obj)
                for sub_obj in related.all() if hasattr(related, "all") else [related] if related else []:
                    for sub_field in field.fields:
                        if isinstance(sub_field, (SearchField, AutocompleteField)):
                            assert field_value(sub_field, sub_obj) == sub_field.get_value(sub_obj)
                            checked += 1
            elif isinstance(field, (SearchField, AutocompleteField)):
                assert field_value(field, obj) == field.get_value(obj), field.field_name
                checked += 1
    assert checked > 10
