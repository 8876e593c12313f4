"""The SQLite classes of ``search.backends.onepass`` (only importable on SQLite).

Checked against modelsearch 1.3.2 (``search/tests/test_onepass_internals.py`` fails
when it moves): ``OnePassIndexer`` reads each search field once; ``field_value`` is
``BaseField.get_value`` without the two costs it pays per field and object (an
``apps.is_installed("taggit")`` walk over every app and an import: 3 % of a bulk
import); ``add_items`` writes its rows as plain rows (``heritage.bulk``)."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from django.utils.functional import cached_property

from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer, SQLiteIndex, SQLiteSearchBackend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

from heritage.bulk import insert_rows


@cache
def taggable_manager():
    """django-taggit's ``TaggableManager`` when it is installed (asked once)."""
    if apps.is_installed("taggit"):
        from taggit.managers import TaggableManager

        return TaggableManager
    return None


def field_value(search_field, obj):
    """``search_field.get_value(obj)`` (modelsearch 1.3.2's ``BaseField.get_value``)."""
    try:
        field = search_field.get_field(obj.__class__)
    except FieldDoesNotExist:
        value = getattr(obj, search_field.field_name, None)
        return value() if callable(value) else value
    value = field.value_from_object(obj)
    manager = taggable_manager()
    if manager is not None and isinstance(field, manager):
        return value
    if hasattr(field, "get_searchable_content"):
        return field.get_searchable_content(value)
    if isinstance(field, RelatedField):
        remote_field = field
        while isinstance(remote_field, RelatedField):
            remote_field = remote_field.target_field
        if hasattr(remote_field, "get_searchable_content"):
            return remote_field.get_searchable_content(value)
    return value


class OnePassIndexer(ObjectIndexer):
    """Each search field read once; its values sorted into title, autocomplete and body."""

    def prepare_field(self, obj, field):
        if isinstance(field, (SearchField, AutocompleteField)):
            yield (field, self.prepare_value(field_value(field, obj)))
        else:
            yield from super().prepare_field(obj, field)

    @cached_property
    def prepared(self) -> list:
        return [pair for field in self.search_fields for pair in self.prepare_field(self.obj, field)]

    @cached_property
    def title(self) -> str:
        return " ".join(
            value for field, value in self.prepared if isinstance(field, SearchField) and field.field_name == "title"
        )

    @cached_property
    def body(self) -> str:
        return " ".join(
            value for field, value in self.prepared if isinstance(field, SearchField) and field.field_name != "title"
        )

    @cached_property
    def autocomplete(self) -> str:
        return " ".join(value for field, value in self.prepared if isinstance(field, AutocompleteField))


class OnePassSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        # modelsearch's SQLiteIndex.add_items (1.3), with the one-pass indexer.
        if not model.get_search_fields():
            return
        indexers = [OnePassIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
        insert_rows(
            self.entries.model,
            (
                {
                    "content_type_id": content_type_pk,
                    "object_id": object_id,
                    "title": title,
                    "autocomplete": autocomplete,
                    "body": body,
                }
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ),
            using=self.entries.db,
        )
        self._refresh_title_norms()


class OnePassSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = OnePassSQLiteIndex
