"""Image files follow the one visibility rule (``heritage.image_files``): the original of
an image only a closed page uses is not handed out, and the renditions of such an image
are deleted when its page closes; new renditions get names nobody can guess."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

import pytest
from wagtail_factories import ImageFactory

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CollectionPageFactory
from heritage import image_files
from heritage.storage import OriginalImageStorage

pytestmark = pytest.mark.django_db


def artifact_with_image(tree, *, parent=None, **kwargs):
    page = ArtifactPageFactory(parent=parent or tree.collection, institution=tree.institution, **kwargs)
    return page, ArtifactImageFactory(page=page).image


def fetch(client, image):
    return client.get(image.file.url)


@pytest.fixture
def images(tree):
    made = {}
    made["open"] = artifact_with_image(tree)[1]
    made["draft"] = artifact_with_image(tree, live=False)[1]
    page, made["restricted"] = artifact_with_image(tree)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    page, made["password"] = artifact_with_image(tree)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")  # noqa: S106
    hidden = CollectionPageFactory(parent=tree.collections, institution=tree.institution, live=False)
    made["under_draft"] = artifact_with_image(tree, parent=hidden)[1]
    made["unused"] = ImageFactory()
    return made


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_original_image_field_keeps_its_migration_and_gets_the_guarded_storage():
    field = get_image_model()._meta.get_field("file")
    assert isinstance(field.storage, OriginalImageStorage)
    assert "storage" not in field.deconstruct()[3]


def test_an_original_image_url_is_the_guarded_view(images):
    assert images["open"].file.url == f"/media/original_images/{Path(images['open'].file.name).name}"


def test_anyone_gets_the_original_of_an_image_an_open_page_shows(client, images):
    response = fetch(client, images["open"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == images["open"].file.open("rb").read()
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("kind", ["draft", "restricted", "password", "under_draft", "unused"])
def test_the_original_of_a_closed_image_is_not_given_to_visitors(client, images, kind):
    response = fetch(client, images[kind])
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("kind", ["draft", "restricted", "under_draft"])
def test_an_editor_previewing_a_closed_page_gets_its_original(client, images, editor, kind):
    client.force_login(editor)
    response = fetch(client, images[kind])
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_an_editor_previews_a_draft_with_its_images(client, tree, editor):
    page, image = artifact_with_image(tree, live=False)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response.status_code == 200
    for rendition in image.renditions.all():
        assert client.get(rendition.url).status_code == 200


def test_a_missing_file_is_a_clear_404_not_a_500(client, images, editor):
    image = images["open"]
    image.file.storage.delete(image.file.name)
    response = fetch(client, image)
    assert response.status_code == 404
    assert response.content.decode() == "This image is not available."
    client.force_login(editor)
    assert fetch(client, images["draft"]).status_code == 200


@pytest.mark.parametrize("name", ["../secret.jpg", "a/../../x.jpg", "nothing-by-that-name.jpg"])
def test_names_outside_the_originals_or_of_no_image_are_404(client, images, name):
    assert client.get(f"/media/original_images/{name}").status_code == 404


def test_the_plain_media_view_no_longer_serves_an_original(client, images):
    """The route of heritage.urls comes before the plain media files."""
    assert client.get(images["draft"].file.url).status_code == 404
    assert Path(settings.MEDIA_ROOT, images["draft"].file.name).exists()


def test_new_renditions_carry_a_random_token(images):
    image = images["open"]
    first = image.get_rendition("width-100")
    stem = Path(image.file.name).stem
    name = Path(first.file.name).name
    assert name.startswith(f"{stem}.width-100.") and name.endswith(".jpg")
    assert name != f"{stem}.width-100.jpg"
    first.delete()
    assert image.get_rendition("width-100").file.name != first.file.name


def rendition_file(rendition) -> Path:
    return Path(settings.MEDIA_ROOT, rendition.file.name)


@pytest.mark.parametrize("close", ["unpublish", "restrict", "restrict_above", "move_under_draft", "delete"])
def test_closing_the_only_page_that_shows_an_image_deletes_its_renditions(
    django_capture_on_commit_callbacks, tree, close
):
    page, image = artifact_with_image(tree)
    other_page, other = artifact_with_image(tree)
    rendition, kept = image.get_rendition("width-100"), other.get_rendition("width-100")
    assert rendition_file(rendition).exists()
    with django_capture_on_commit_callbacks(execute=True):
        if close == "unpublish":
            page.unpublish()
        elif close == "restrict":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        elif close == "restrict_above":
            PageViewRestriction.objects.create(page=tree.collection, restriction_type=PageViewRestriction.LOGIN)
        elif close == "move_under_draft":
            hidden = CollectionPageFactory(parent=tree.collections, institution=tree.institution, live=False)
            page.move(hidden, pos="last-child")
        else:
            page.delete()
    if close == "delete":
        # Nothing uses the image any more: its renditions went with the page's references.
        assert not image.renditions.exists()
    else:
        assert not image.renditions.exists()
        assert not rendition_file(rendition).exists()
    if close == "restrict_above":
        assert not other.renditions.exists()
    else:
        assert other.renditions.get() == kept and rendition_file(kept).exists()


def test_an_image_another_open_page_still_shows_keeps_its_renditions(django_capture_on_commit_callbacks, tree):
    page, image = artifact_with_image(tree)
    ArtifactImageFactory(page=ArtifactPageFactory(parent=tree.collection, institution=tree.institution), image=image)
    rendition = image.get_rendition("width-100")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert image.renditions.get() == rendition


def test_protect_images_deletes_the_renditions_of_closed_images_made_before(images):
    made = {kind: images[kind].get_rendition("width-100") for kind in ("open", "draft", "under_draft", "unused")}
    call_command("protect_images", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert images["open"].renditions.get() == made["open"]
    assert not images["draft"].renditions.exists() and not images["under_draft"].renditions.exists()
    # An image no page uses (a logo, an upload not placed yet) is left alone.
    assert images["unused"].renditions.exists()


def test_on_a_local_disk_nothing_is_moved(images):
    assert image_files.move_originals().moved == []
