"""heritage.bulk.insert_rows stores exactly what Django's bulk_create stores."""

from __future__ import annotations

import uuid

from django.db import connection
from django.utils import timezone, translation

from wagtail.models import Page, PageLogEntry, Revision

import pytest

from heritage.bulk import insert_rows
from heritage.models import Theme


def stored(model, *where: str) -> list[tuple]:
    """The raw rows (all columns but the primary key), as the database holds them, in
    the order they were written; ``where``: SQL conditions."""
    quote = connection.ops.quote_name
    columns = [field.column for field in model._meta.local_concrete_fields if not field.primary_key]
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)}{condition} "
            f"ORDER BY {quote(model._meta.pk.column)}"
        )
        return cursor.fetchall()


@pytest.mark.django_db
def test_every_kind_of_value_is_stored_as_bulk_create_stores_it():
    """Text, numbers, booleans, None, dates, JSON, UUIDs and foreign keys."""
    page = Page.objects.get(depth=1)
    now = timezone.now()
    key = uuid.uuid4()

    def entries(label):
        return [
            PageLogEntry(
                content_type_id=page.content_type_id,
                label=label,
                action="archive.import",
                data={"source": "partners.csv", "created": True, "note": 'ça, «quoted» "text" ü ع'},
                timestamp=now,
                uuid=key,
                content_changed=True,
                deleted=False,
                page_id=page.pk,
                user=None,
            )
        ]

    PageLogEntry.objects.bulk_create(entries("by Django"))
    insert_rows(PageLogEntry, entries("by insert_rows"))
    by_django, ours = stored(PageLogEntry)
    label = [field.column for field in PageLogEntry._meta.local_concrete_fields if not field.primary_key].index("label")
    assert by_django[label] == "by Django" and ours[label] == "by insert_rows"
    assert by_django[:label] + by_django[label + 1 :] == ours[:label] + ours[label + 1 :]

    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page.content_type_id,
            object_id=str(page.pk),
            created_at=now,
            object_str="Root",
            content={"title": "Root", "when": now, "list": [1, 2.5, None]},
        )
    ]
    Revision.objects.bulk_create(revisions)
    insert_rows(
        Revision,
        [
            Revision(
                **{
                    f.attname: getattr(revisions[0], f.attname)
                    for f in Revision._meta.concrete_fields
                    if not f.primary_key
                }
            )
        ],
    )
    first, second = Revision.objects.order_by("pk")
    assert first.content == second.content and first.created_at == second.created_at


@pytest.mark.django_db
def test_a_translated_fields_untranslated_column_holds_the_active_languages_value():
    """As Django's insert reads it: through modeltranslation's descriptor."""
    with translation.override("fr"):
        theme = Theme(slug="port", name_en="Harbour", name_fr="Port")
        insert_rows(Theme, [theme])
        Theme.objects.bulk_create([Theme(slug="port-2", name_en="Harbour", name_fr="Port")])
    # The raw column (a query for "name" would be rewritten to name_<active language>).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT slug, name FROM {Theme._meta.db_table} ORDER BY slug")
        assert cursor.fetchall() == [("port", "Port"), ("port-2", "Port")]


@pytest.mark.django_db
def test_conflicting_rows_can_be_skipped():
    insert_rows(Theme, [Theme(slug="port", name_en="Harbour")])
    insert_rows(Theme, [Theme(slug="port", name_en="Other"), Theme(slug="work", name_en="Work")], ignore_conflicts=True)
    assert dict(Theme.objects.values_list("slug", "name_en")) == {"port": "Harbour", "work": "Work"}


@pytest.mark.django_db
def test_serializable_data_is_what_modelcluster_gives(tree):
    """Every kind of field of a page (dates, keys, translated fields, rich text), in
    any active language."""
    from modelcluster.models import get_serializable_data_for_fields

    from archive.factories import ArtifactPageFactory
    from heritage.bulk import serializable_data_for_fields

    page = ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title_fr="Lettre", description_en="<p>Home</p>"
    )
    page = type(page).objects.get(pk=page.pk)
    for language in ("en", "fr", "ar"):
        with translation.override(language):
            assert serializable_data_for_fields(page) == get_serializable_data_for_fields(page)
    unsaved = Theme(slug="port", name_en="Harbour")
    assert serializable_data_for_fields(unsaved) == get_serializable_data_for_fields(unsaved)


@pytest.mark.django_db
def test_loaded_relations_are_what_the_database_gives(tree):
    from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CommunityPerspectiveFactory
    from archive.models import ArtifactPage
    from heritage.bulk import load_cluster_relations
    from heritage.factories import ThemeFactory

    themes = [ThemeFactory(slug=slug) for slug in ("work", "migration", "harbour")]
    pages = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution) for _ in range(3)]
    pages[0].themes.set(themes)
    pages[1].themes.set(themes[1:])
    for page in pages[:2]:
        page.save()
        for order in (2, 1):
            ArtifactImageFactory(page=page, sort_order=order)
        CommunityPerspectiveFactory(page=page)
    names = ["gallery_images", "perspectives", "themes", "places", "makers"]
    loaded = list(ArtifactPage.objects.order_by("pk"))
    load_cluster_relations(loaded, names)
    for page in loaded:
        fresh = ArtifactPage.objects.get(pk=page.pk)
        for name in names:
            assert [item.pk for item in getattr(page, name).all()] == [item.pk for item in getattr(fresh, name).all()]
    assert [theme.slug for theme in loaded[0].themes.all()] == ["harbour", "migration", "work"]
    assert [image.sort_order for image in loaded[0].gallery_images.all()] == [1, 2]
    assert list(loaded[2].themes.all()) == []


@pytest.mark.django_db
def test_rows_given_as_mappings_take_defaults_for_what_they_leave_out():
    """A mapping holds columns: a translated field's own column is named like the others."""
    insert_rows(Theme, [{"slug": "port", "name": "Harbour", "name_en": "Harbour"}])
    Theme.objects.bulk_create([Theme(slug="port-2", name_en="Harbour")])
    slug = [field.column for field in Theme._meta.local_concrete_fields if not field.primary_key].index("slug")
    ours, djangos = (row[:slug] + row[slug + 1 :] for row in stored(Theme))
    assert ours == djangos


@pytest.mark.django_db
def test_an_upsert_updates_the_fields_named():
    insert_rows(Theme, [{"slug": "port", "name": "Harbour", "name_en": "Harbour"}])
    insert_rows(
        Theme,
        [{"slug": "port", "name": "Port", "name_en": "Port"}, {"slug": "work", "name": "Work", "name_en": "Work"}],
        unique_fields=["slug"],
        update_fields=["name_en"],
    )
    assert dict(Theme.objects.values_list("slug", "name_en")) == {"port": "Port", "work": "Work"}
    # The untranslated column, not named: left alone.
    name = [field.column for field in Theme._meta.local_concrete_fields if not field.primary_key].index("name")
    assert stored(Theme, "slug = 'port'")[0][name] == "Harbour"
