"""The story blocks explain themselves in the editor's block picker: each has an icon, a
description, a template and a preview, and the preview renders through Wagtail's own
block-preview view with the site's styles, as visitors will see the block."""

import datetime

from django.contrib.auth import get_user_model
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exhibitions.blocks import ChapterHeadingBlock, OralHistoryClipBlock
from exhibitions.models import ExhibitionPage
from heritage.factories import ImageFactory, PartnerCityPageFactory, PersonFactory, PlaceFactory
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import Scope

STREAM_BLOCK = ExhibitionPage._meta.get_field("body").stream_block
CHILD_BLOCKS = list(STREAM_BLOCK.child_blocks.items())
BLOCK_NAMES = [name for name, _block in CHILD_BLOCKS]

# What each block's preview must contain: a piece of the block's own markup.
MARKUP = {
    "heading": 'class="chapter-heading"',
    "paragraph": "Ships from Tunis reached the old port",
    "image": 'class="block-image"',
    "quote": "We brought the sea with us.",
    "artifact_showcase": 'class="showcase__title"',
    "oral_history_clip": "data-clip",
    "gallery": 'class="gallery-block__link"',
    "map": 'class="map-block"',
    "timeline": "Twinning charter signed",
    "parallel_perspectives": 'lang="ar" dir="rtl"',
}


def test_every_block_type_is_checked_below():
    assert set(BLOCK_NAMES) == set(MARKUP), "a new block type needs its preview markup listed in MARKUP"


@pytest.mark.parametrize(("name", "block"), CHILD_BLOCKS, ids=BLOCK_NAMES)
def test_every_block_explains_itself_in_the_picker(name, block):
    meta = block.meta
    assert meta.icon and meta.icon != "placeholder", f"{name}: no icon"
    assert str(block.get_description()).strip(), f"{name}: no description"
    assert getattr(meta, "template", None), f"{name}: no template"
    own_preview = any(
        "get_preview_value" in vars(cls) for cls in type(block).__mro__ if not cls.__module__.startswith("wagtail.")
    )
    assert hasattr(meta, "preview_value") or own_preview, f"{name}: no preview value"
    assert block.is_previewable, f"{name}: Wagtail would not show a preview"


@pytest.mark.parametrize(("name", "block"), CHILD_BLOCKS, ids=BLOCK_NAMES)
def test_every_block_template_exists(name, block):
    if name == "map":
        _skip_without_map_template()
    get_template(block.meta.template)


def _skip_without_map_template():
    try:
        get_template("exhibitions/blocks/map.html")
    except TemplateDoesNotExist:
        pytest.skip("exhibitions/blocks/map.html is not written yet")


@pytest.fixture
def preview_data(tree):
    """What the dynamic previews draw on: public artifacts with images, images, two
    partner cities with coordinates, places, and a public oral history with a transcript."""
    tree.city.latitude, tree.city.longitude = "43.296500", "5.369800"
    tree.city.save_revision().publish()
    PartnerCityPageFactory(parent=tree.partners, title="Sfax", slug="sfax", latitude="34.740600", longitude="10.760300")
    for n in range(2):
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title=f"Oud {n}")
        ArtifactImageFactory(page=artifact, alt_text_en=f"An oud, view {n}")
    for _ in range(2):
        ImageFactory()
    PlaceFactory(name_en="La Joliette", latitude="43.310000", longitude="5.366000")
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving in Marseille")
    page.narrators.add(PersonFactory(name_en="Fatma Ben Salah"))
    page.save()
    recording = RecordingFactory(page=page, duration=30.0, scope=Scope.PUBLIC)
    TranscriptFactory(
        recording=recording,
        language="en",
        lines=[(0.0, 5.0, "Fatma", "I was born in Sfax."), (5.0, 12.0, "Fatma", "We crossed in 1962.")],
    )
    return tree


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser(username="curator", email="c@example.org", password="pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "block"), CHILD_BLOCKS, ids=BLOCK_NAMES)
def test_block_preview_renders_in_the_admin_with_the_site_styles(editor, preview_data, name, block):
    if name == "map":
        _skip_without_map_template()
    response = editor.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html
    assert "/static/exhibitions/exhibition.css" in html
    assert f'class="w-block-{name} block-{name}"' in html
    assert MARKUP[name] in html, f"{name}: its markup is missing from the preview"


def test_clip_preview_plays_a_public_recording_from_its_start(editor, preview_data):
    block = STREAM_BLOCK.child_blocks["oral_history_clip"]
    html = editor.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}).content.decode()
    assert "<audio" in html
    assert "#t=0,20" in html
    assert "I was born in Sfax." in html
    assert "/static/exhibitions/clip.js" in html


def test_showcase_preview_shows_the_artifacts_and_their_images(editor, preview_data):
    block = STREAM_BLOCK.child_blocks["artifact_showcase"]
    html = editor.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}).content.decode()
    assert "Oud 0" in html and "Oud 1" in html
    assert 'alt="An oud, view 0"' in html


def test_previews_need_an_admin_login(client, preview_data):
    block = STREAM_BLOCK.child_blocks["timeline"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 302


def test_a_chapter_heading_rendered_alone_falls_back_to_its_anchor():
    block = ChapterHeadingBlock()
    html = block.render(block.to_python({"text": "Arrivals by sea", "anchor": "The Harbour", "institution": None}))
    assert 'id="the-harbour"' in html
    html = block.render(block.to_python({"text": "Arrivées par la mer", "anchor": "", "institution": None}))
    assert 'id="arrivées-par-la-mer"' in html  # as chapter_anchors makes it


def test_a_clip_rendered_alone_prepares_itself(preview_data):
    block = OralHistoryClipBlock()
    value = block.get_preview_value()
    html = block.render(value)
    assert "We crossed in 1962." in html
    assert "data-clip" in html


def test_a_clip_without_any_public_recording_renders_nothing(tree):
    block = OralHistoryClipBlock()
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Kept in the archive")
    RecordingFactory(page=page, scope=Scope.RESTRICTED, embargo_until=datetime.date(2099, 1, 1))
    page.unpublish()
    value = block.to_python({"oral_history": page.pk, "start": "0:00", "end": "0:02", "introduction": ""})
    assert block.render(value).strip() == ""
