"""heritage.bulk is the one module that uses Django's, Wagtail's, django-treebeard's and
django-modelcluster's private APIs (its docstring, "Library internals", lists them and
the versions they were checked against). These tests pin what it relies on, each by
the library's own public behaviour where there is one: they fail loudly, naming the
library and its installed version, when an upgrade moves a signature or a behaviour.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.constants import OnConflict
from django.test.utils import CaptureQueriesContext

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, ReferenceIndex

import pytest
from treebeard.exceptions import PathOverflow

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from archive.models import ArtifactImage, ArtifactPage
from heritage.bulk import (
    child_paths,
    cluster_relations,
    content_path_hash,
    insert_rows,
    insert_sql,
    object_references,
    reference_content_type,
    set_cluster_relations,
    stored_as_is,
)
from heritage.factories import ImageFactory, ThemeFactory
from heritage.models import Theme


def installed(*packages: str) -> str:
    """“Django 5.2.20, wagtail 8.0.1”: for the failure messages."""
    return ", ".join(f"{package} {version(package)}" for package in packages)


# Django -------------------------------------------------------------------------------


def test_django_builds_the_insert_and_its_conflict_clause_with_these_signatures():
    ops = connection.ops
    assert list(inspect.signature(ops.on_conflict_suffix_sql).parameters) == [
        "fields",
        "on_conflict",
        "update_fields",
        "unique_fields",
    ], f"{installed('Django')}: DatabaseOperations.on_conflict_suffix_sql changed"
    assert "on_conflict" in inspect.signature(ops.insert_statement).parameters, (
        f"{installed('Django')}: DatabaseOperations.insert_statement changed"
    )
    assert {OnConflict.IGNORE.name, OnConflict.UPDATE.name} <= {member.name for member in OnConflict}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"ignore_conflicts": True},
        {"unique_fields": ["slug"], "update_fields": ["name_en"]},
    ],
    ids=["plain", "ignore", "upsert"],
)
def test_the_insert_is_the_one_bulk_create_sends(options):
    """Up to the RETURNING clause Django adds for the primary keys (which insert_rows
    does not ask for), the statement is Django's own, conflict clause included."""
    sent: list[str] = []

    def capture(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            sent.append(sql)
        return execute(sql, params, many, context)

    django_options = dict(options)
    if "update_fields" in options:
        django_options["update_conflicts"] = True
    with connection.execute_wrapper(capture):
        Theme.objects.bulk_create([Theme(slug="port", name_en="Harbour")], **django_options)
    fields = [field for field in Theme._meta.concrete_fields if not isinstance(field, models.AutoField)]
    ours = insert_sql(Theme, fields, **options)
    assert len(sent) == 1 and sent[0].startswith(ours), (
        f"{installed('Django')} on {connection.vendor}: bulk_create sent\n{sent}\ninsert_sql builds\n{ours}"
    )
    rest = sent[0][len(ours) :].strip()
    assert rest == "" or rest.upper().startswith("RETURNING"), f"{installed('Django')}: {sent[0]}"


def test_an_auto_primary_key_of_any_size_is_an_auto_field():
    """insert_rows leaves out the auto primary key (this project's are BigAutoField)."""
    for field in (models.AutoField(primary_key=True), models.BigAutoField(primary_key=True)):
        assert isinstance(field, models.AutoField), installed("Django")
    assert isinstance(Theme._meta.pk, models.AutoField)
    assert not isinstance(Theme._meta.get_field("slug"), models.AutoField)


def test_a_plain_column_is_read_through_djangos_descriptor_and_a_translated_name_is_not():
    """stored_as_is: a plain column's value is the instance's own (its descriptor is
    Django's DeferredAttribute, a foreign key's id one too); the untranslated name of a
    translated field answers in the active language (modeltranslation's descriptor)."""
    versions = installed("Django", "django-modeltranslation")
    assert stored_as_is(ArtifactPage, "title_en"), versions
    assert stored_as_is(ArtifactPage, "accession_number"), versions
    assert stored_as_is(ArtifactPage, "institution_id"), versions
    assert stored_as_is(Theme, "slug"), versions
    assert not stored_as_is(ArtifactPage, "title"), versions
    assert not stored_as_is(Theme, "name"), versions


# django-treebeard ----------------------------------------------------------------------


@pytest.mark.django_db
def test_child_paths_are_the_paths_add_child_gives(tree):
    parent = Page.objects.get(pk=tree.collection.pk)

    def last_child_path():
        child = Page.objects.get(pk=parent.pk).get_last_child()
        return child.path if child else None

    versions = installed("django-treebeard", "wagtail")
    assert last_child_path() is None
    predicted = child_paths(parent, None, 3)
    made = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution).path for _ in range(3)]
    assert made == predicted, f"{versions}: add_child made {made}, child_paths says {predicted}"
    # And after children made either way, the next one follows the last.
    predicted = child_paths(parent, last_child_path(), 2)
    made = [ArtifactPageFactory(parent=tree.collection, institution=tree.institution).path for _ in range(2)]
    assert made == predicted, f"{versions}: add_child made {made}, child_paths says {predicted}"
    assert all(len(path) == len(parent.path) + Page.steplen for path in made)


@pytest.mark.django_db
def test_a_parent_without_room_overflows_as_add_child_does(tree):
    child = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    full = tree.collection.path + Page.alphabet[-1] * Page.steplen
    Page.objects.filter(pk=child.pk).update(path=full)
    parent = Page.objects.get(pk=tree.collection.pk)
    with pytest.raises(PathOverflow):
        child_paths(parent, full, 1)
    with pytest.raises(PathOverflow), transaction.atomic():
        parent.add_child(instance=Page(title="One too many", slug="one-too-many"))


# django-modelcluster -------------------------------------------------------------------


@pytest.mark.django_db
def test_relations_set_on_a_page_are_what_its_managers_and_revision_read(tree):
    versions = installed("django-modelcluster", "wagtail", "Django")
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    old = ThemeFactory(slug="old")
    page.themes.set([old])
    page.save()
    themes = [ThemeFactory(slug="harbour"), ThemeFactory(slug="work")]
    picture = ImageFactory()
    # Prefetched relations are read before the cluster's: they must be forgotten.
    page = ArtifactPage.objects.prefetch_related("themes", "gallery_images").get(pk=page.pk)
    gallery = [ArtifactImage(page=page, image=picture, sort_order=0, alt_text_en="Front")]
    every = [relation.get_accessor_name() for relation in get_all_child_relations(ArtifactPage)]
    every += [field.name for field in get_all_child_m2m_relations(ArtifactPage)]
    assert {"themes", "gallery_images"} <= set(every), versions
    set_cluster_relations(page, {name: [] for name in every} | {"themes": themes, "gallery_images": gallery})
    with CaptureQueriesContext(connection) as queries:
        assert list(page.themes.all()) == themes, versions
        assert list(page.gallery_images.all()) == gallery, versions
        content = page.serializable_data()
    assert len(queries) == 0, f"{versions}: the relations were read from the database: {queries.captured_queries}"
    assert content["themes"] == [theme.pk for theme in themes], versions
    assert [item["image"] for item in content["gallery_images"]] == [picture.pk], versions
    assert cluster_relations(page)["themes"] == themes


@pytest.mark.django_db
def test_modelcluster_keeps_assigned_relations_where_they_are_read(tree):
    """Assigned through modelcluster's public managers, relations are found by
    cluster_relations (the page's revision is serialized from there)."""
    versions = installed("django-modelcluster")
    page = ArtifactPage(title="Unsaved", slug="unsaved")
    theme = ThemeFactory(slug="harbour")
    picture = ImageFactory()
    assert cluster_relations(page) == {}
    page.themes = [theme]
    page.gallery_images = [ArtifactImage(image=picture, alt_text_en="Front")]
    relations = cluster_relations(page)
    assert list(relations.get("themes", ())) == [theme], f"{versions}: {relations!r}"
    assert [item.image_id for item in relations.get("gallery_images", ())] == [picture.pk], f"{versions}: {relations!r}"


# Wagtail ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_references_are_what_wagtail_records_for_one_object(tree):
    """object_references and content_path_hash give the rows Wagtail's own
    create_or_update_for_object writes (an image in the gallery, the institution)."""
    versions = installed("wagtail")
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    ArtifactImageFactory(page=page, sort_order=0)
    page = ArtifactPage.objects.get(pk=page.pk)
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(page)
    recorded = set(
        ReferenceIndex.objects.filter(
            object_id=str(page.pk), base_content_type=reference_content_type(page)
        ).values_list("to_content_type_id", "to_object_id", "model_path", "content_path", "content_path_hash")
    )
    ours = {(*reference, content_path_hash(reference[3])) for reference in object_references(page)}
    assert recorded == ours, f"{versions}: Wagtail records {recorded}, object_references gives {ours}"
    image_type = ContentType.objects.get_for_model(ImageFactory._meta.model)
    assert any(reference[0] == image_type.pk for reference in ours), f"{versions}: no image among {ours}"


@pytest.mark.django_db
def test_references_to_every_page_type_are_recorded_under_page():
    versions = installed("wagtail")
    page_type = ContentType.objects.get_for_model(Page)
    assert reference_content_type(ArtifactPage) == page_type, versions
    assert reference_content_type(Theme) == ContentType.objects.get_for_model(Theme), versions


@pytest.mark.django_db
def test_insert_rows_writes_reference_rows_wagtail_can_read(tree):
    """The hash stored by insert_rows is the one Wagtail looks rows up by."""
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    ArtifactImageFactory(page=page, sort_order=0)
    page = ArtifactPage.objects.get(pk=page.pk)
    ReferenceIndex.objects.filter(object_id=str(page.pk)).delete()
    base = reference_content_type(page)
    insert_rows(
        ReferenceIndex,
        [
            {
                "content_type_id": ContentType.objects.get_for_model(ArtifactPage).pk,
                "base_content_type_id": base.pk,
                "object_id": str(page.pk),
                "to_content_type_id": to_type,
                "to_object_id": to_id,
                "model_path": model_path,
                "content_path": content_path,
                "content_path_hash": content_path_hash(content_path),
            }
            for to_type, to_id, model_path, content_path in object_references(page)
        ],
    )
    before = ReferenceIndex.objects.filter(object_id=str(page.pk)).count()
    assert before > 0
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(page)  # finds every row already there
    assert ReferenceIndex.objects.filter(object_id=str(page.pk)).count() == before, installed("wagtail")
