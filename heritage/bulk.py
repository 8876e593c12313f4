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

Library internals
-----------------

The bulk paths do in one statement what the libraries' public methods do one object at
a time, so they need a few of the libraries' private APIs. This module is the one
place meant to use them: code that needs one calls the function here
(``heritage.transactions`` reads Django's list of on-commit callbacks the same way).
Each was checked against **Django 5.2.20, Wagtail 8.0.1,
django-treebeard 5.3.1, django-modelcluster 6.5 and django-modeltranslation 0.20.6**,
and ``heritage/tests/test_internals.py`` fails, naming the library, when one of them
moves. Upgrading one of these libraries: run that test first.

- Django: the ``INSERT`` statement and its conflict clause as the SQL compiler writes
  them (``connection.ops.insert_statement``, ``connection.ops.on_conflict_suffix_sql``,
  ``django.db.models.constants.OnConflict``): :func:`insert_sql`; the descriptor class
  of a plain column (``DeferredAttribute``): :func:`stored_as_is`; a model instance's
  cache of prefetched relations (``_prefetched_objects_cache``, dropped by
  :func:`set_cluster_relations`).
- django-treebeard: the tree path of a new child (``MP_Node._get_path``,
  ``numconv_obj``): :func:`child_paths`.
- django-modelcluster: where a page keeps relations that are not (yet) in the database
  (``_cluster_related_objects``), which its related managers and ``serializable_data``
  read: :func:`set_cluster_relations`, :func:`cluster_relations`.
- Wagtail: the references an object makes and the hash of a content path
  (``ReferenceIndex._extract_references_from_object``, ``_get_content_path_hash``),
  what ``ReferenceIndex.create_or_update_for_object`` writes for one object:
  :func:`object_references`, :func:`content_path_hash`; the content type references to
  a model are recorded under (``ReferenceIndex._get_base_content_type``):
  :func:`reference_content_type`.

Public APIs are used wherever one is as fast: a related object is cached on a page by
assigning it (``page.rights = statement``), an auto primary key is recognised with
``isinstance(field, models.AutoField)``.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models.constants import OnConflict
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from django.utils.encoding import is_protected_type

from modelcluster.models import get_all_child_relations, get_field_value
from wagtail.models import ReferenceIndex

from treebeard.exceptions import PathOverflow
from treebeard.mp_tree import MP_Node

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
    objects: Iterable[models.Model | Mapping[str, Any]],
    fields: Sequence[models.Field] | None = None,
    *,
    ignore_conflicts: bool = False,
    unique_fields: Sequence[str] = (),
    update_fields: Sequence[str] = (),
    using: str = "default",
) -> int:
    """Insert ``objects`` as rows of ``model``'s own table: instances (not saved), or
    plain mappings of attribute names to values (cheaper than building instances;
    a missing name takes the field's default). The columns are ``fields`` (default:
    the model's local concrete fields but an auto primary key). With
    ``ignore_conflicts`` a row that breaks a unique constraint is skipped; with
    ``unique_fields`` and ``update_fields`` it updates those fields of the row it meets
    (an upsert, as ``bulk_create(update_conflicts=True)``). Returns the number of rows
    given."""
    connection = connections[using]
    if fields is None:
        fields = [
            field
            for field in model._meta.local_concrete_fields
            if not (field.primary_key and isinstance(field, models.AutoField))
        ]
    sql = insert_sql(
        model,
        fields,
        ignore_conflicts=ignore_conflicts,
        unique_fields=unique_fields,
        update_fields=update_fields,
        using=using,
    )
    plain = [(field.attname, field, plain_types(field), stored_as_is(model, field.attname)) for field in fields]
    rows: list[list[Any]] = []
    for obj in objects:
        mapping = not isinstance(obj, models.Model)
        values = obj if mapping else obj.__dict__
        row = []
        for attname, field, types, as_is in plain:
            if mapping:
                value = values[attname] if attname in values else field.get_default()
            else:
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


def insert_sql(
    model: type[models.Model],
    fields: Sequence[models.Field],
    *,
    ignore_conflicts: bool = False,
    unique_fields: Sequence[str] = (),
    update_fields: Sequence[str] = (),
    using: str = "default",
) -> str:
    """The ``INSERT`` of one row of ``fields`` into ``model``'s own table (``%s`` for each
    value), with the conflict clause ``bulk_create`` writes for the same options: the
    statement Django's SQL compiler makes, up to the ``VALUES`` of its first row."""
    connection = connections[using]
    meta = model._meta
    quote = connection.ops.quote_name
    on_conflict = OnConflict.UPDATE if update_fields else OnConflict.IGNORE if ignore_conflicts else None
    return "{} {} ({}) VALUES ({}) {}".format(
        connection.ops.insert_statement(on_conflict=on_conflict),
        quote(meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        connection.ops.on_conflict_suffix_sql(
            fields,
            on_conflict,
            [meta.get_field(name).column for name in update_fields],
            [meta.get_field(name).column for name in unique_fields],
        )
        or "",
    ).rstrip()


# Tree paths, relations and references -------------------------------------------


def child_paths(parent: MP_Node, last_child_path: str | None, count: int) -> list[str]:
    """The tree paths treebeard's ``add_child`` gives the next ``count`` children of
    ``parent``, whose last child has the path ``last_child_path`` (None: it has none).
    Raises treebeard's ``PathOverflow``, as ``add_child`` does, when they do not fit."""
    tree = type(parent)
    step = tree.numconv_obj().str2int(last_child_path[-tree.steplen :]) if last_child_path else 0
    depth = parent.depth + 1
    paths = [tree._get_path(parent.path, depth, step + number) for number in range(1, count + 1)]
    if paths and len(paths[-1]) != depth * tree.steplen:
        raise PathOverflow(f"Path Overflow from: '{last_child_path}'")
    return paths


CLUSTER_RELATIONS = "_cluster_related_objects"  # modelcluster's
PREFETCHED = "_prefetched_objects_cache"  # Django's


def set_cluster_relations(obj: models.Model, relations: Mapping[str, list]) -> None:
    """Give ``obj`` these modelcluster relations (child relations by accessor name,
    ``ParentalManyToManyField`` by field name; lists of objects), as if assigned but
    without the per-object work of the related managers: its managers, its
    ``serializable_data`` and the indexes then read them, not the database. Relations
    Django prefetched on ``obj`` are forgotten (they would be read first)."""
    values = obj.__dict__
    values.setdefault(CLUSTER_RELATIONS, {}).update(relations)
    values.pop(PREFETCHED, None)


def cluster_relations(obj: models.Model) -> Mapping[str, list]:
    """The relations :func:`set_cluster_relations` (or modelcluster itself) set on ``obj``."""
    return obj.__dict__.get(CLUSTER_RELATIONS, {})


def object_references(obj: models.Model) -> set[tuple[int, str, str, str]]:
    """The references ``ReferenceIndex.create_or_update_for_object(obj)`` records for
    ``obj``: ``(to_content_type_id, to_object_id, model_path, content_path)``."""
    return set(ReferenceIndex._extract_references_from_object(obj))


def content_path_hash(content_path: str):
    """The ``content_path_hash`` Wagtail stores with a reference's ``content_path``."""
    return ReferenceIndex._get_content_path_hash(content_path)


def reference_content_type(model_or_object) -> ContentType:
    """The content type Wagtail's reference index records references to a model under
    (its most general indexed ancestor: ``Page`` for every page type)."""
    return ReferenceIndex._get_base_content_type(model_or_object)


# Reading many objects -----------------------------------------------------------


COLUMN, KEY, MOMENT, DESCRIBED, OTHER = range(5)


def _serialize_plan(model: type[models.Model]) -> list[tuple[str, models.Field, int]]:
    """Each serialized field with how modelcluster's ``get_field_value`` reads it: a
    plain column (``value_to_string`` of the raw value), a foreign key's id, a date and
    time (made aware, in UTC), a translated field's own name (its descriptor's answer,
    read once where modelcluster reads it twice), or anything else (asked of
    ``get_field_value`` itself: ``auto_now``, custom field methods)."""
    plan = []
    for field in model._meta.fields:
        if not field.serialize:
            continue
        cls = type(field)
        standard = (
            cls.pre_save is models.Field.pre_save
            and cls.value_from_object is models.Field.value_from_object
            and cls.value_to_string is models.Field.value_to_string
        )
        as_is = stored_as_is(model, field.attname)
        if not as_is:
            # A translated field's own name: its descriptor answers (once, not twice).
            kind = DESCRIBED if standard and field.remote_field is None else OTHER
        elif field.remote_field is not None:
            kind = KEY
        elif standard:
            kind = COLUMN
        elif (
            isinstance(field, models.DateTimeField)
            and not (field.auto_now or field.auto_now_add)
            and cls.pre_save is models.DateTimeField.pre_save
        ):
            kind = MOMENT
        else:
            kind = OTHER
        plan.append((field.name, field, kind))
    return plan


_PLANS: dict[type[models.Model], list[tuple[str, models.Field, int]]] = {}


def serializable_data_for_fields(obj: models.Model) -> dict[str, Any]:
    """What modelcluster's ``get_serializable_data_for_fields(obj)`` returns (the fields
    of a page's revision), reading plain columns straight from the instance: the same
    values, without a descriptor and two method calls per field."""
    model = type(obj)
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _serialize_plan(model)
    pk_field = model._meta.pk
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    data = {"pk": get_field_value(pk_field, obj)}
    values = obj.__dict__
    for name, field, kind in plan:
        if kind == DESCRIBED:
            value = getattr(obj, field.attname)
            data[name] = value if value is None or is_protected_type(value) else str(value)
            continue
        if kind == OTHER or field.attname not in values:
            data[name] = get_field_value(field, obj)
            continue
        value = values[field.attname]
        if kind == MOMENT and value is not None and settings.USE_TZ:
            if timezone.is_naive(value):
                value = timezone.make_aware(value, timezone.get_default_timezone()).astimezone(datetime.UTC)
            else:
                value = timezone.localtime(value, datetime.UTC)
        if kind == COLUMN and not (value is None or is_protected_type(value)):
            value = str(value)
        data[name] = value
    return data


def in_default_order(objects: list) -> list:
    """``objects`` (of one model) in its ``Meta.ordering``, as a query would return them
    (ties by primary key). The ordering must name plain fields that are never empty
    (as the vocabularies' slugs and codes are): ``None`` does not sort, and expressions
    or lookups through relations are not followed."""
    if not objects:
        return objects
    objects = sorted(objects, key=lambda item: item.pk)
    for name in reversed(objects[0]._meta.ordering):
        attname = name.lstrip("-")
        objects.sort(key=lambda item: getattr(item, attname), reverse=name.startswith("-"))
    return objects


def load_cluster_relations(pages: Sequence[models.Model], names: Iterable[str]) -> None:
    """Give every one of ``pages`` (of one model) its modelcluster relations ``names``
    (child relations by accessor, ``ParentalManyToManyField`` by name) as they are in
    the database, one query per relation (two for a many-to-many): what
    ``prefetch_related`` gives, without building a query set per page and relation."""
    if not pages:
        return
    model = type(pages[0])
    ids = [page.pk for page in pages]
    children = {relation.get_accessor_name(): relation for relation in get_all_child_relations(model)}
    related: dict[int, dict[str, list]] = {pk: {} for pk in ids}
    for name in names:
        if name in children:
            relation = children[name]
            key = relation.field.attname
            groups: dict[int, list] = {pk: [] for pk in ids}
            for child in relation.related_model._default_manager.filter(**{f"{key}__in": ids}):
                groups[getattr(child, key)].append(child)
        else:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            pairs = list(through._default_manager.filter(**{f"{source}__in": ids}).values_list(source, target))
            targets = field.related_model._default_manager.in_bulk({pk for _page, pk in pairs})
            groups = {pk: [] for pk in ids}
            for page_id, target_id in pairs:
                groups[page_id].append(targets[target_id])
            groups = {pk: in_default_order(items) for pk, items in groups.items()}
        for pk, items in groups.items():
            related[pk][name] = items
    for page in pages:
        set_cluster_relations(page, related[page.pk])


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """Keep Python's cycle collector off what existed before: a bulk job allocates
    hundreds of thousands of objects, and each full collection would otherwise walk
    every module, model class and cache of the process again (about a fifth of an
    import's time). The objects made during the job are collected as usual; those
    from before are scanned again once it ends (``gc.unfreeze``)."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
