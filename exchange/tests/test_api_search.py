"""``?search=`` on /api/v2/images/, /documents/ and /media/ finds only what the
listing shows (objects an open page uses), answers 200 whatever the engine, and bad
search input is a 400 naming the parameter on every endpoint."""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtailmedia.models import get_media_model

import pytest
import wagtail_factories

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from heritage.factories import ImageFactory, PartnerCityPageFactory

IMAGES = "/api/v2/images/"
DOCUMENTS = "/api/v2/documents/"
MEDIA = "/api/v2/media/"

pytestmark = pytest.mark.django_db


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    return response.json()


def found(client, url, **params) -> list[str]:
    """The titles a search lists, in order (all of them: one page of results)."""
    data = get(client, url, limit=20, **params)
    assert data["meta"]["total_count"] == len(data["items"])
    return [item["title"] for item in data["items"]]


def artifact(tree, **kwargs):
    return ArtifactPageFactory(parent=tree.collection, institution=tree.institution, **kwargs)


def restricted(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


# --- Images ------------------------------------------------------------------------------


def test_an_image_search_finds_only_images_of_open_pages(client, tree):
    on_show = ImageFactory(title="Harbour crane")
    ArtifactImageFactory(page=artifact(tree), image=on_show)
    ArtifactImageFactory(page=artifact(tree, live=False), image=ImageFactory(title="Harbour crane in a draft"))
    ArtifactImageFactory(page=restricted(artifact(tree)), image=ImageFactory(title="Harbour crane, members only"))
    ImageFactory(title="Harbour crane, unused")

    assert found(client, IMAGES, search="crane") == ["Harbour crane"]
    assert found(client, IMAGES, search="teapot") == []
    assert found(client, IMAGES, search="") == []


def test_an_image_only_in_an_unpublished_revision_is_not_found(client, tree):
    city = PartnerCityPageFactory(parent=tree.partners)
    city.save_revision().publish()
    city.hero_image = ImageFactory(title="Lighthouse at dusk")
    city.save_revision()  # a draft: the live page has no image yet
    assert found(client, IMAGES, search="lighthouse") == []
    city.get_latest_revision().publish()
    assert found(client, IMAGES, search="lighthouse") == ["Lighthouse at dusk"]


def test_an_image_search_pages_and_orders_like_the_listing(client, tree):
    page = artifact(tree)
    for title in ("Harbour crane", "Harbour bell", "Harbour anchor", "Station clock"):
        ArtifactImageFactory(page=page, image=ImageFactory(title=title))

    first = get(client, IMAGES, search="harbour", order="title", limit=2)
    assert first["meta"]["total_count"] == 3
    assert [item["title"] for item in first["items"]] == ["Harbour anchor", "Harbour bell"]
    rest = get(client, IMAGES, search="harbour", order="title", limit=2, offset=2)
    assert [item["title"] for item in rest["items"]] == ["Harbour crane"]
    assert found(client, IMAGES, search="harbour", order="-title") == [
        "Harbour crane",
        "Harbour bell",
        "Harbour anchor",
    ]
    assert found(client, IMAGES, search="harbour bell", search_operator="and") == ["Harbour bell"]
    assert set(found(client, IMAGES, search="bell clock", search_operator="or")) == {"Harbour bell", "Station clock"}


def test_control_characters_in_a_search_are_ignored(client, tree):
    ArtifactImageFactory(page=artifact(tree), image=ImageFactory(title="Harbour crane"))
    assert found(client, IMAGES, search="\x00crane\x07") == ["Harbour crane"]


# --- Documents ---------------------------------------------------------------------------


def test_a_document_search_finds_only_documents_linked_from_open_pages(client, tree):
    def linking(document, **kwargs):
        return artifact(tree, description_en=f'<p><a linktype="document" id="{document.pk}">see</a></p>', **kwargs)

    catalogue = wagtail_factories.DocumentFactory(title="Exhibition catalogue")
    linking(catalogue)
    linking(wagtail_factories.DocumentFactory(title="Draft catalogue"), live=False)
    restricted(linking(wagtail_factories.DocumentFactory(title="Members' catalogue")))
    wagtail_factories.DocumentFactory(title="Unlinked catalogue")

    assert found(client, DOCUMENTS, search="catalogue") == ["Exhibition catalogue"]
    assert found(client, DOCUMENTS, search="loan") == []


# --- Media -------------------------------------------------------------------------------


def used_by(page: Page, media) -> None:
    """Record that ``page`` uses ``media``, as Wagtail's reference index would.

    No page type has a media field yet, so no save writes such a row; the listing's
    rule (``exchange.api.filters.used_by_open_pages``) reads only this table.
    """
    ReferenceIndex.objects.create(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        to_content_type=ContentType.objects.get_for_model(type(media)),
        to_object_id=str(media.pk),
        model_path="media",
        content_path="media",
        content_path_hash=uuid.uuid4(),
    )


def media(title: str):
    return get_media_model().objects.create(
        title=title, file=ContentFile(b"RIFF", name="sound.wav"), type="audio", duration=1
    )


def test_a_media_search_finds_only_media_used_by_open_pages(client, tree):
    used_by(artifact(tree), media("Harbour sounds"))
    used_by(artifact(tree, live=False), media("Harbour sounds, draft"))
    used_by(restricted(artifact(tree)), media("Harbour sounds, members only"))
    media("Harbour sounds, unused")

    assert found(client, MEDIA) == ["Harbour sounds"]  # the listing's own rule
    assert found(client, MEDIA, search="harbour") == ["Harbour sounds"]
    assert found(client, MEDIA, search="market") == []


# --- Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v2/pages/", IMAGES, DOCUMENTS, MEDIA])
@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"search": "x" * 201}, "search"),
        ({"search": "crane", "search_operator": "xor"}, "search_operator"),
    ],
)
def test_a_malformed_search_is_a_400_naming_the_parameter(client, tree, url, params, parameter):
    message = get(client, url, status=400, **params)["message"]
    assert f" {parameter} parameter" in message


@pytest.mark.parametrize("url", [IMAGES, MEDIA])
def test_ordering_a_search_by_a_field_the_engine_cannot_sort_is_a_400(client, tree, url):
    assert "cannot order by 'width'" in get(client, url, status=400, search="x", order="width")["message"]
