"""Writing many rows of one table in one statement, for the bulk paths (the artifact
importer, the indexes it feeds).

Django's ``bulk_create`` compiles every value of every row through the SQL compiler
(a few microseconds each): for a batch of 500 pages of sixty columns that is most of
the cost of the insert. ``insert_rows`` builds the ``INSERT`` once and sends all rows
with ``executemany`` (one prepared statement on SQLite, a pipeline on PostgreSQL with
psycopg 3), preparing each value as Django would (``get_db_prep_save``) but passing
plain strings, numbers and ``None`` for text, number and boolean columns straight
through, which is all Django's preparation does with them.

What it does not do, by design: no signals (``bulk_create`` sends none either), no
primary keys back (look rows up by a unique column: a page by its tree path), no
``pre_save`` (``auto_now`` fields must already hold their value on the objects).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models
from django.db.models.constants import OnConflict
from django.db.models.query_utils import DeferredAttribute

#: Field types whose Django preparation of a value of these Python types is the value itself.
PLAIN: tuple[tuple[tuple[type[models.Field], ...], tuple[type, ...]], ...] = (
    ((models.CharField, models.TextField), (str,)),
    ((models.IntegerField, models.AutoField, models.BigAutoField, models.SmallAutoField), (int,)),
    ((models.BooleanField,), (bool,)),
)


def plain_types(field: models.Field) -> tuple[type, ...]:
    """The Python types ``field`` stores as they are (none: always prepare)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    for classes, types in PLAIN:
        if isinstance(target, classes):
            return types
    return ()


def stored_as_is(model: type[models.Model], attname: str) -> bool:
    """Whether reading the attribute is reading the instance's ``__dict__`` (Django's own
    descriptor); a translated field's untranslated name goes through modeltranslation's,
    which answers in the active language, as Django's insert would read it."""
    for cls in model.__mro__:
        if attname in cls.__dict__:
            return isinstance(cls.__dict__[attname], DeferredAttribute)
    return True


def insert_rows(
    model: type[models.Model],
    objects: Iterable[models.Model],
    fields: Sequence[models.Field] | None = None,
    *,
    ignore_conflicts: bool = False,
    using: str = "default",
) -> int:
    """Insert ``objects`` (instances of ``model``, not saved) as rows of its own table:
    ``fields`` (default: its local concrete fields but an auto primary key). With
    ``ignore_conflicts`` a row that breaks a unique constraint is skipped. Returns the
    number of rows given."""
    connection = connections[using]
    meta = model._meta
    if fields is None:
        fields = [
            field
            for field in meta.local_concrete_fields
            if not (field.primary_key and isinstance(field, models.AutoField | models.BigAutoField))
        ]
    quote = connection.ops.quote_name
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    sql = "{} {} ({}) VALUES ({}) {}".format(
        connection.ops.insert_statement(on_conflict=on_conflict),
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or "",
    ).rstrip()
    plain = [(field.attname, field, plain_types(field), stored_as_is(model, field.attname)) for field in fields]
    rows: list[list[Any]] = []
    for obj in objects:
        values = obj.__dict__
        row = []
        for attname, field, types, as_is in plain:
            value = values[attname] if as_is and attname in values else getattr(obj, attname)
            if value is None or type(value) in types:
                row.append(value)
            else:
                row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return len(rows)
