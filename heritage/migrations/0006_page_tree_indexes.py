"""Indexes on Wagtail's page table for the queries every page runs (issue 15).

- (depth, path): the children of a page by a range of paths at one depth
  (``heritage.models.base.children_of``: the site's navigation, a collection's
  artifacts). The unique index on ``path`` alone reads the parent's whole subtree
  for it: under the home page, every page of the site.
- (slug_<lang>, depth, path), one per language: ``HeritagePage.route``, which finds
  a child by its translated slug (or the English one when the language has none).
- (numchild, path) of the unpublished pages only (partial: ``WHERE NOT live``):
  ``heritage.visibility``'s closed paths, the unpublished pages that have children,
  read on every page without reading the page table.

The translated slug columns (``slug_en``, ``slug_fr``…) are not made by a migration:
wagtail-modeltranslation's ``migrate`` adds each missing translation column to
``wagtailcore_page`` after the migrations have run (``sync_page_translation_fields``).
On a new database they do not exist yet here, so this migration adds the missing
slug columns first, with the statement that command would run (its own
``get_sync_sql``); it then finds them and leaves them alone. Reversing drops the
indexes and keeps the columns (they hold the pages' slugs).

SQLite and PostgreSQL both have partial indexes and ``IF EXISTS``.
"""

from django.conf import settings
from django.db import migrations

DEPTH_PATH = "heritage_page_depth_path"
CLOSED = "heritage_page_unpublished_parents"


def languages():
    return [code.split("-")[0] for code, _name in settings.LANGUAGES]


def slug_index(language: str) -> str:
    return f"heritage_page_slug_{language}_route"


def add_slug_columns(schema_editor) -> None:
    from modeltranslation.management.commands.sync_translation_fields import Command as SyncTranslationFields
    from wagtail.models import Page

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = {column.name for column in connection.introspection.get_table_description(cursor, "wagtailcore_page")}
    missing = [language for language in languages() if f"slug_{language}" not in columns]
    if missing:
        for statement in SyncTranslationFields().get_sync_sql("slug", missing, Page):
            schema_editor.execute(statement.rstrip(";"))


def create(apps, schema_editor) -> None:
    add_slug_columns(schema_editor)
    quote = schema_editor.quote_name
    table = quote("wagtailcore_page")
    schema_editor.execute(f"CREATE INDEX {quote(DEPTH_PATH)} ON {table} ({quote('depth')}, {quote('path')})")
    for language in languages():
        schema_editor.execute(
            f"CREATE INDEX {quote(slug_index(language))} ON {table} "
            f"({quote('slug_' + language)}, {quote('depth')}, {quote('path')})"
        )
    schema_editor.execute(
        f"CREATE INDEX {quote(CLOSED)} ON {table} ({quote('numchild')}, {quote('path')}) WHERE NOT {quote('live')}"
    )


def drop(apps, schema_editor) -> None:
    quote = schema_editor.quote_name
    for name in (DEPTH_PATH, CLOSED, *(slug_index(language) for language in languages())):
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0005_outbox"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
