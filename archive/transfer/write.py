"""Writing checked records as published artifact pages, a whole batch at a time.

Wagtail's own path (``parent.add_child(page)`` then ``save_revision().publish()``)
costs dozens of queries per page: a tree lock and path search per insert, the
revision, the publish, signals each touching the search index. A batch here costs a
fixed number of statements whatever its size:

- one query finds the batch's existing artifacts (upsert by institution and
  accession number); records equal to what is stored are left alone (``unchanged``),
  so importing an export changes nothing;
- new pages get consecutive tree paths under their collection (the parent row is
  locked for the batch) and are built with ``from_db`` (no keyword construction);
  their ``Page`` rows, then their ``ArtifactPage`` rows go in with one prepared
  statement each (``heritage.bulk.insert_rows``; Django's ``bulk_create`` refuses
  multi-table models and compiles every value), their ids found by tree path;
- changed pages are updated with ``bulk_update``; their images, perspectives and
  themes, places and makers are replaced;
- every new or changed page gets a revision (its full content, as the editor would
  save it, serialized from the page object) that is both its latest and live
  revision, and a log entry ("Imported from …") in its history;
- ``heritage.signals.pages_changed`` (``loaded=True``) hands the page objects, their
  relations set, to the indexes: the site's search index is written in the same
  transaction, the harvesting records once it commits, both without loading the
  pages again; the editors' search and the reference index follow in a task.

The caller wraps each batch in one transaction: a batch is written whole or not at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, ReferenceIndex, Revision

from django_tasks import task

from heritage.bulk import (
    child_paths,
    cluster_relations,
    content_path_hash,
    in_default_order,
    insert_rows,
    load_cluster_relations,
    object_references,
    serializable_data_for_fields,
    set_cluster_relations,
)
from heritage.signals import pages_changed

from ..models import ArtifactImage, ArtifactPage, CommunityPerspective
from .columns import LANGUAGES, LISTS, SOURCE_LANGUAGE, TRANSLATED
from .records import VOCABULARIES, ArtifactRecord, Lookups, RowError, rich_text, vocabulary_order

IMPORT_ACTION = "archive.import"


@dataclass
class BatchResult:
    created: list[ArtifactPage] = field(default_factory=list)
    updated: list[ArtifactPage] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    vocabulary_created: dict[str, list[str]] = field(default_factory=dict)


def current_state(page: ArtifactPage, hash_of) -> dict:
    """What an artifact holds, in the shape ``wanted_state`` gives a record."""
    state = {f"title_{code}": getattr(page, f"title_{code}") or "" for code in LANGUAGES}
    for name in RECORD_FIELDS:
        value = getattr(page, name)
        state[name] = "" if value is None and name not in NULLABLE else value
    for column in LISTS:
        state[column] = sorted(getattr(page, column).values_list("pk", flat=True))
    state["images"] = [
        (hash_of(item.image), tuple(sorted((name, getattr(item, name) or "") for name in IMAGE_TEXT)))
        for item in page.gallery_images.all()
    ]
    state["perspectives"] = [
        {name: getattr(voice, name) or "" for name in PERSPECTIVE_FIELDS} for voice in page.perspectives.all()
    ]
    return state


def wanted_state(record: ArtifactRecord, page: ArtifactPage | None) -> dict:
    state = {f"title_{code}": record.titles[code] for code in LANGUAGES}
    for name in RECORD_FIELDS:
        state[name] = record.fields[name]
    for column in LISTS:
        state[column] = sorted(record.vocabularies[column], key=vocabulary_order)
    state["images"] = [image.state() for image in record.images]
    state["perspectives"] = list(record.perspectives)
    if page is not None:
        # A slug left empty keeps the page's; only one given can change it.
        for code in LANGUAGES:
            if record.slugs[code] and record.slugs[code] != (getattr(page, f"slug_{code}") or ""):
                state[f"slug_{code}"] = record.slugs[code]
    return state


def _record_fields() -> tuple[str, ...]:
    from .records import PAGE_TEXT

    return (
        *(f"{name}_{code}" for name in PAGE_TEXT for code in LANGUAGES),
        "earliest_year",
        "latest_year",
        "rights_id",
    )


RECORD_FIELDS = _record_fields()
NULLABLE = {"earliest_year", "latest_year", "rights_id"}
IMAGE_TEXT = tuple(f"{name}_{code}" for name in ("alt_text", "caption", "credit") for code in LANGUAGES)
PERSPECTIVE_FIELDS = (
    "author",
    "language",
    "original",
    *(f"{name}_{code}" for name in ("community", "translation") for code in LANGUAGES),
)


class BatchWriter:
    """Writes batches for one import (one institution); keeps per-import caches."""

    def __init__(self, lookups: Lookups, *, user=None, source: str = ""):
        self.lookups = lookups
        self.user = user
        self.source = source
        self.content_type = ContentType.objects.get_for_model(ArtifactPage)
        self.base_content_type = ContentType.objects.get_for_model(Page)
        self.locale = Locale.get_default()
        self.sibling_slugs: dict[int, set[str]] = {}

    # Planning (also what a dry run reports) ------------------------------------

    def existing(self, records: list[ArtifactRecord]) -> dict[str, ArtifactPage]:
        numbers = [record.accession_number for record in records]
        pages = ArtifactPage.objects.filter(
            institution=self.lookups.institution, accession_number__in=numbers
        ).prefetch_related("gallery_images__image", "perspectives", *LISTS)
        return {page.accession_number: page for page in pages}

    def plan(self, records: list[ArtifactRecord]):
        """``(record, page or None, action)`` for each record, and the records' errors.

        ``action`` is "create", "update" or "unchanged"."""
        existing = self.existing(records)
        plan, errors = [], []
        for record in records:
            page = existing.get(record.accession_number)
            if page is None:
                if record.collection is None:
                    errors.append(
                        RowError(
                            record.row,
                            "collection",
                            _("required for a new artifact: %(institution)s has several collections (%(known)s)")
                            % {
                                "institution": self.lookups.institution.name,
                                "known": ", ".join(sorted(self.lookups.collections)) or _("none"),
                            },
                            record.accession_number,
                        )
                    )
                    continue
                plan.append((record, None, "create"))
                continue
            if record.collection_given and not page.path.startswith(record.collection.path):
                errors.append(
                    RowError(
                        record.row,
                        "collection",
                        _("%(number)s is already in another collection; move it in the editor, not by import")
                        % {"number": record.accession_number},
                        record.accession_number,
                    )
                )
                continue
            if page.has_unpublished_changes:
                errors.append(
                    RowError(
                        record.row,
                        "accession_number",
                        _(
                            "“%(title)s” has unpublished changes in the editor; publish or discard them "
                            "before importing over it"
                        )
                        % {"title": page.title},
                        record.accession_number,
                    )
                )
                continue
            self.prepare_description(record, page)
            current = current_state(page, self.lookups.hash_of)
            wanted = wanted_state(record, page)
            changed = any(current.get(key) != value for key, value in wanted.items())
            plan.append((record, page, "update" if changed else "unchanged"))
        return plan, errors

    def prepare_description(self, record: ArtifactRecord, page: ArtifactPage | None) -> None:
        """Clean the rich text, unless it is exactly what the page stores already."""
        for code in LANGUAGES:
            name = f"description_{code}"
            raw = record.fields[name]
            if page is None or raw != (getattr(page, name) or ""):
                record.fields[name] = rich_text(raw, self.lookups.converter)

    # Writing -------------------------------------------------------------------

    def write(self, records: list[ArtifactRecord]) -> BatchResult:
        """Plan and write one batch; the caller holds the transaction."""
        result = BatchResult()
        plan, result.errors = self.plan(records)
        result.unchanged = sum(1 for _record, _page, action in plan if action == "unchanged")
        work = [(record, page) for record, page, action in plan if action != "unchanged"]
        if not work:
            return result
        now = timezone.now()
        with override(SOURCE_LANGUAGE):
            result.vocabulary_created = self.create_vocabularies([record for record, _page in work])
            self.create_images([record for record, _page in work])
            for record, page in work:
                if page is None:
                    self.prepare_description(record, None)
            created = self.insert([record for record, page in work if page is None], now)
            updated = self.update([(record, page) for record, page in work if page is not None], now)
            written = created + updated
            self.replace_relations(written)
            self.revise(created, updated, now)
        result.created = [page for page, _record in created]
        result.updated = [page for page, _record in updated]
        pages = [page for page, _record in written]
        # Every index (the site's search, Elasticsearch, the editors' search, the
        # harvesting records) follows through the outbox (heritage.outbox), in bulk, with
        # these pages as loaded; the "used by" reference index in a background task, as
        # Wagtail itself updates its reference index.
        pages_changed.send(sender=ArtifactPage, pages=pages, loaded=True)
        ids = [page.pk for page in pages]
        transaction.on_commit(lambda: index_for_editors.enqueue(ids))
        return result

    def create_vocabularies(self, records: list[ArtifactRecord]) -> dict[str, list[str]]:
        made: dict[str, list[str]] = {}
        for column, model in VOCABULARIES.items():
            wanted = {
                value.removeprefix("new:")
                for record in records
                for value in record.vocabularies[column]
                if isinstance(value, str)
            }
            if not wanted:
                continue
            names = self.lookups.to_create[column]
            model.objects.bulk_create(
                [model(slug=slug, name_en=names[slug]) for slug in sorted(wanted)], ignore_conflicts=True
            )
            ids = dict(model.objects.filter(slug__in=wanted).values_list("slug", "pk"))
            for slug, pk in ids.items():
                self.lookups.vocabulary[column][slug] = pk
            for record in records:
                record.vocabularies[column] = sorted(
                    (ids[value.removeprefix("new:")] if isinstance(value, str) else value)
                    for value in record.vocabularies[column]
                )
            made[column] = sorted(names[slug] for slug in wanted)
        return made

    def create_images(self, records: list[ArtifactRecord]) -> None:
        Image = get_image_model()
        collection = Collection.get_first_root_node()
        for record in records:
            for spec in record.images:
                if spec.image_id is None:
                    spec.image_id = self.lookups.image_ids.get(spec.file_hash)
                if spec.image_id is None:
                    with spec.file.open("rb") as handle:
                        image = Image(
                            title=spec.texts[f"alt_text_{SOURCE_LANGUAGE}"][:255] or spec.file.name,
                            collection=collection,
                            uploaded_by_user=self.user,
                        )
                        image.file.save(spec.file.name, File(handle), save=False)
                        image.file_hash = spec.file_hash
                        image.file_size = spec.file.stat().st_size
                        image.save()
                    spec.image_id = self.lookups.image_ids[spec.file_hash] = image.pk

    def unique_slug(self, record: ArtifactRecord, parent: Page) -> str:
        taken = self.sibling_slugs.get(parent.pk)
        if taken is None:
            taken = self.sibling_slugs[parent.pk] = set(
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list(
                    "slug_en", flat=True
                )
            )
        base = record.slugs[SOURCE_LANGUAGE] or (
            slugify(record.titles[SOURCE_LANGUAGE], allow_unicode=True)[:200]
            or slugify(record.accession_number, allow_unicode=True)
            or "artifact"
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    @cached_property
    def template(self) -> dict:
        """Every column of a new artifact page with its default, computed once: pages are
        then built with ``from_db`` (positional values), twenty times faster than
        keyword construction with its translated-field handling."""
        blank = ArtifactPage()
        return {name: getattr(blank, name) for name in COLUMNS}

    def insert(self, records: list[ArtifactRecord], now) -> list[tuple[ArtifactPage, ArtifactRecord]]:
        if not records:
            return []
        by_parent: dict[int, list[ArtifactRecord]] = {}
        for record in records:
            by_parent.setdefault(record.collection.pk, []).append(record)
        pages: list[tuple[ArtifactPage, ArtifactRecord]] = []
        for parent_id, group in by_parent.items():
            # The lock keeps two imports into one collection from taking the same paths.
            parent = Page.objects.select_for_update().get(pk=parent_id)
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            for record, path in zip(group, child_paths(parent, last, len(group)), strict=True):
                values = dict(self.template)
                values.update(
                    path=path,
                    depth=parent.depth + 1,
                    numchild=0,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    latest_revision_created_at=now,
                    content_type_id=self.content_type.pk,
                    locale_id=self.locale.pk,
                    translation_key=uuid.uuid4(),
                    owner_id=self.user.pk if self.user else None,
                    institution_id=self.lookups.institution.pk,
                    accession_number=record.accession_number,
                )
                page = ArtifactPage.from_db(None, COLUMNS, [values[name] for name in COLUMNS])
                page._state.adding = True
                self.apply(page, record)
                page.slug_en = self.unique_slug(record, parent)
                page.set_url_path(parent)
                for name in SOURCE_COPIES:  # the untranslated columns hold the English value
                    page.__dict__[name] = page.__dict__[f"{name}_{SOURCE_LANGUAGE}"]
                pages.append((page, record))
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(group))
        objects = [page for page, _record in pages]
        # Page rows first, then the artifact rows (Django's bulk_create refuses
        # multi-table models); a page's id is found by its tree path.
        insert_rows(Page, objects)
        ids = dict(Page.objects.filter(path__in=[page.path for page in objects]).values_list("path", "pk").order_by())
        for page in objects:
            page.pk = page.page_ptr_id = page.id = ids[page.path]
            page._state.adding = False
        insert_rows(ArtifactPage, objects)
        return pages

    def apply(self, page: ArtifactPage, record: ArtifactRecord) -> None:
        values = page.__dict__
        for code in LANGUAGES:
            # An empty translation is stored empty: the site falls back to English.
            values[f"title_{code}"] = record.titles[code] or (None if code != SOURCE_LANGUAGE else "")
            if record.slugs[code]:
                values[f"slug_{code}"] = record.slugs[code]
        values["draft_title"] = record.titles[SOURCE_LANGUAGE]
        for name in RECORD_FIELDS:
            values[name] = record.fields[name]
        # Assigned (their ids are already set): the indexes read them without a query.
        page.institution = self.lookups.institution
        page.rights = self.lookups.rights_statements.get(record.fields["rights_id"])

    def update(self, work: list[tuple[ArtifactRecord, ArtifactPage]], now) -> list[tuple[ArtifactPage, ArtifactRecord]]:
        if not work:
            return []
        parents = {}
        for record, page in work:
            self.apply(page, record)
            page.last_published_at = now
            page.latest_revision_created_at = now
            if any(record.slugs[code] for code in LANGUAGES):
                parent_path = page.path[: -Page.steplen]
                if parent_path not in parents:
                    parents[parent_path] = Page.objects.get(path=parent_path)
                page.set_url_path(parents[parent_path])
            for name in SOURCE_COPIES:
                page.__dict__[name] = page.__dict__[f"{name}_{SOURCE_LANGUAGE}"]
        changed = [
            field.name
            for field in ArtifactPage._meta.concrete_fields
            if field.attname in CHANGING or field.attname in SOURCE_COPIES
        ]
        ArtifactPage.objects.bulk_update([page for _record, page in work], changed)
        return [(page, record) for record, page in work]

    def replace_relations(self, pages: list[tuple[ArtifactPage, ArtifactRecord]]) -> None:
        """Images, perspectives, themes, places and makers as the records say, in the
        database and on the page objects (for the indexes and the revision)."""
        if not pages:
            return
        ids = [page.pk for page, _record in pages]
        ArtifactImage.objects.filter(page_id__in=ids).delete()
        CommunityPerspective.objects.filter(page_id__in=ids).delete()
        images, voices = [], []
        for page, record in pages:
            page_images = [
                ArtifactImage(page=page, image_id=spec.image_id, sort_order=order, **spec.texts)
                for order, spec in enumerate(record.images)
            ]
            page_voices = [
                CommunityPerspective(page=page, sort_order=order, **voice)
                for order, voice in enumerate(record.perspectives)
            ]
            images += page_images
            voices += page_voices
            related = {"gallery_images": page_images, "perspectives": page_voices}
            for column in LISTS:
                objects = self.lookups.vocabulary_objects(column, record.vocabularies[column])
                related[column] = in_default_order([objects[pk] for pk in record.vocabularies[column]])
            set_cluster_relations(page, related)
        insert_rows(ArtifactImage, images)
        insert_rows(CommunityPerspective, voices)
        for column in LISTS:
            through = getattr(ArtifactPage, column).through
            source = "artifactpage_id"
            target = next(f.attname for f in through._meta.concrete_fields if f.attname not in ("id", source))
            through.objects.filter(**{f"{source}__in": ids}).delete()
            insert_rows(
                through,
                [{source: page.pk, target: value} for page, record in pages for value in record.vocabularies[column]],
            )

    def revise(self, created, updated, now) -> None:
        """A revision (live and latest) and a history entry for each written page."""
        everything = created + updated
        if not everything:
            return
        revisions = [
            Revision(
                content_type_id=self.content_type.pk,
                base_content_type_id=self.base_content_type.pk,
                object_id=str(page.pk),
                created_at=now,
                user=self.user,
                object_str=page.title_en,
                content=revision_content(page),
            )
            for page, _record in everything
        ]
        insert_rows(Revision, revisions)
        # One statement (bulk_update's CASE of hundreds of branches costs more to build
        # than to run): each page points at the revision just made for it.
        newest = (
            Revision.objects.filter(
                base_content_type_id=self.base_content_type.pk, object_id=Cast(OuterRef("pk"), CharField())
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        ids = [page.pk for page, _record in everything]
        Page.objects.filter(pk__in=ids).update(latest_revision=Subquery(newest))
        Page.objects.filter(pk__in=ids).update(live_revision=F("latest_revision"))
        made = dict(Page.objects.filter(pk__in=ids).values_list("pk", "latest_revision_id").order_by())
        for page, _record in everything:
            page.latest_revision_id = page.live_revision_id = made[page.pk]
        label = self.source or _("a file")
        insert_rows(
            PageLogEntry,
            [
                {
                    "content_type_id": self.content_type.pk,
                    "label": page.title_en[:255],
                    "action": IMPORT_ACTION,
                    "data": {"source": label, "created": is_new},
                    "timestamp": now,
                    "user_id": self.user.pk if self.user else None,
                    "revision_id": page.latest_revision_id,
                    "content_changed": True,
                    "page_id": page.pk,
                }
                for page, is_new in [(page, True) for page, _r in created] + [(page, False) for page, _r in updated]
            ],
        )


COLUMNS = [field.attname for field in ArtifactPage._meta.concrete_fields]
#: Translated fields whose untranslated column holds the source language's value.
SOURCE_COPIES = (*TRANSLATED, "url_path")
#: Columns an update may change.
CHANGING = {
    *(f"{name}_{code}" for name in ("title", "slug", "url_path") for code in LANGUAGES),
    *RECORD_FIELDS,
    "draft_title",
    "last_published_at",
    "latest_revision_created_at",
}
CHILD_RELATIONS = [relation.get_accessor_name() for relation in get_all_child_relations(ArtifactPage)]
CHILD_M2M = [field.name for field in get_all_child_m2m_relations(ArtifactPage) if field.serialize]


def revision_content(page: ArtifactPage) -> dict:
    """What ``page.serializable_data()`` gives (the revision Wagtail would save), from
    the relations set on the page object, without its per-call model introspection."""
    content = serializable_data_for_fields(page)
    related = cluster_relations(page)
    for name in CHILD_RELATIONS:
        content[name] = [serializable_data_for_fields(child) for child in related.get(name, ())]
    for name in CHILD_M2M:
        content[name] = [item.pk for item in related.get(name, ())]
    return content


@task()
def index_for_editors(page_ids: list[int]) -> None:
    """Wagtail's reference index ("used by" on images and snippets) for imported pages,
    in bulk. (Wagtail's own search index, the admin's page search, follows the outbox
    like every other index: ``pages_changed`` records the pages; ``search.outbox``.)"""
    pages = list(ArtifactPage.objects.filter(pk__in=page_ids))
    load_cluster_relations(pages, CHILD_RELATIONS + CHILD_M2M)
    index_references(pages)


def index_references(pages: list[ArtifactPage]) -> None:
    """``ReferenceIndex.create_or_update_for_object`` for many artifacts at once: their
    old rows go in one statement, the new ones come in one. (An artifact page has no
    more specific subclass whose references the per-object method would keep.)"""
    if not pages:
        return
    content_type = ContentType.objects.get_for_model(ArtifactPage)
    base_content_type = ContentType.objects.get_for_model(Page)
    rows = [
        {
            "content_type_id": content_type.pk,
            "base_content_type_id": base_content_type.pk,
            "object_id": str(page.pk),
            "to_content_type_id": to_content_type_id,
            "to_object_id": to_object_id,
            "model_path": model_path,
            "content_path": content_path,
            "content_path_hash": content_path_hash(content_path),
        }
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in object_references(page)
    ]
    with transaction.atomic():
        ReferenceIndex.objects.filter(
            base_content_type=base_content_type, object_id__in=[str(page.pk) for page in pages]
        ).delete()
        insert_rows(ReferenceIndex, rows, ignore_conflicts=True)
