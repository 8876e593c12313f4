"""The SQLite classes of ``search.backends.onepass`` (only importable on SQLite)."""

from __future__ import annotations

from django.utils.functional import cached_property

from modelsearch.backends.database.sqlite.sqlite import IndexEntry, ObjectIndexer, SQLiteIndex, SQLiteSearchBackend
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk


class OnePassIndexer(ObjectIndexer):
    """Each search field read once; its values sorted into title, autocomplete and body."""

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
        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            ]
        )
        self._refresh_title_norms()


class OnePassSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = OnePassSQLiteIndex
