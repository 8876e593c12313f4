"""IIIF under /iiif/: Presentation 3.0 manifests and collections, and a level-0 Image
API 3.0 service, for open artifacts only.

Manifests are checked with iiif-prezi3's models (generated from the IIIF presentation
validator's JSON schema, ``iiif_3_0.json``): the JSON the site serves must load into
them and come back out unchanged, so nothing in it is unknown to the schema or of the
wrong shape. Every URL a manifest names is then followed through the test client.
"""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

import pytest
from iiif_prezi3 import Collection, Manifest
from PIL import Image

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CollectionPageFactory
from conftest import count_queries
from heritage.factories import ImageFactory, PersonFactory, PlaceFactory, RightsStatementFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
LANGUAGES = ("en", "fr", "de", "ar")
PRESENTATION = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
IMAGE_INFO = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'


# --- Helpers -------------------------------------------------------------------------


def local(url: str) -> str:
    """A URL of this site as a path the test client can ask."""
    if url.startswith("/"):
        return url
    if url.startswith(SERVER):  # the answering host: no HERITAGE_BASE_URL in the tests
        return url.removeprefix(SERVER)
    raise AssertionError(f"{url} is not on this site")


def get_json(client, url: str, content_type: str = PRESENTATION) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == content_type
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def fetch_image(client, url: str) -> Image.Image:
    response = client.get(local(url))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/jpeg"
    picture = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert picture.format == "JPEG"
    return picture


def validated_manifest(data: dict) -> Manifest:
    """The manifest as iiif-prezi3 reads it; it must write it back unchanged."""
    manifest = Manifest.model_validate_json(json.dumps(data))
    assert json.loads(manifest.json()) == data
    return manifest


def manifest_url(page) -> str:
    return f"/iiif/artifact/{page.pk}/manifest.json"


def collection_url(page) -> str:
    return f"/iiif/collection/{page.pk}/collection.json"


def picture(width: int, height: int):
    return ImageFactory(file__width=width, file__height=height)


def artifact(tree, *, images=1, parent=None, **kwargs):
    page = ArtifactPageFactory(parent=parent or tree.collection, institution=tree.institution, **kwargs)
    for _ in range(images):
        ArtifactImageFactory(page=page, image=picture(640, 480))
    return page


def restrict(page, kind: str) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="pw" if kind == "password" else ""
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Curators only"))


def image_ids(data: dict) -> set[int]:
    """The image ids a manifest's canvases paint."""
    ids = set()
    for canvas in data["items"]:
        service = canvas["items"][0]["items"][0]["body"]["service"][0]["id"]
        ids.add(int(service.rsplit("/", 1)[1]))
    return ids


# --- Fixtures ------------------------------------------------------------------------


@pytest.fixture
def ticket(tree):
    """An artifact described in four languages, with two images."""
    tree.city.title_fr = "Marseille (FR)"
    tree.city.save_revision().publish()
    tree.institution.name_fr = "Musée des mémoires du port"
    tree.institution.save()
    page = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Ferry ticket",
        title_fr="Billet de ferry",
        title_de="Fährkarte",
        title_ar="تذكرة العبّارة",
        slug="ferry-ticket",
        description_en="<p>A <b>one-way</b> ticket &amp; a stamp.</p>",
        description_fr="<p>Un billet aller simple.</p>",
        object_type_en="Ticket",
        object_type_fr="Billet",
        materials_en="paper, ink",
        dimensions_en="6 × 12 cm",
        date_text_en="about 1962",
        earliest_year=1962,
        latest_year=1962,
        accession_number="MHM.1962.4",
        rights=RightsStatementFactory(code="InC"),
        rights_holder_en="Compagnie de Navigation Mixte",
        rights_holder_fr="Compagnie de navigation mixte",
    )
    page.themes.add(ThemeFactory(name_en="Crossings", name_fr="Traversées"))
    page.places.add(PlaceFactory(name_en="Tunis"), PlaceFactory(name_en="Marseille"))
    page.makers.add(PersonFactory(name_en="Ahmed Ben Salah", name_ar="أحمد بن صالح"))
    page.save()
    ArtifactImageFactory(
        page=page,
        image=picture(1999, 1001),
        alt_text_en="The front of a ferry ticket",
        caption_en="Front",
        caption_fr="Recto",
        caption_ar="الوجه",
        credit_en="Photo: J. Martin",
    )
    ArtifactImageFactory(page=page, image=picture(600, 800), alt_text_en="The back, stamped", alt_text_de="Rückseite")
    return page


# --- Manifests -----------------------------------------------------------------------


class TestManifest:
    def test_the_manifest_is_valid_presentation_3_with_labels_in_every_language(self, client, ticket):
        data = get_json(client, manifest_url(ticket))
        manifest = validated_manifest(data)

        assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
        assert data["type"] == "Manifest"
        assert data["id"] == f"{SERVER}{manifest_url(ticket)}"
        assert manifest.label == {
            "en": ["Ferry ticket"],
            "fr": ["Billet de ferry"],
            "de": ["Fährkarte"],
            "ar": ["تذكرة العبّارة"],
        }
        # The description as plain text, only in the languages it is written in.
        assert data["summary"] == {"en": ["A one-way ticket & a stamp."], "fr": ["Un billet aller simple."]}
        assert data["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"

    def test_metadata_labels_and_values_are_language_maps(self, client, ticket):
        data = get_json(client, manifest_url(ticket))
        metadata = {entry["label"]["en"][0]: entry for entry in data["metadata"]}

        assert list(metadata) == [
            "Held by",
            "City",
            "Accession number",
            "Object type",
            "Materials",
            "Dimensions",
            "Date",
            "Themes",
            "Places",
            "Made by",
        ]
        # Labels in the four languages, from the site's translations.
        assert metadata["Accession number"]["label"] == {
            "en": ["Accession number"],
            "fr": ["Numéro d’inventaire"],
            "de": ["Inventarnummer"],
            "ar": ["رقم القيد"],
        }
        assert metadata["Accession number"]["value"] == {"none": ["MHM.1962.4"]}
        assert metadata["Held by"]["value"] == {
            "en": ["Museum of Harbour Memories"],
            "fr": ["Musée des mémoires du port"],
        }
        assert metadata["City"]["value"] == {"en": ["Marseille"], "fr": ["Marseille (FR)"]}
        assert metadata["Object type"]["value"] == {"en": ["Ticket"], "fr": ["Billet"]}
        assert metadata["Dimensions"]["value"] == {"en": ["6 × 12 cm"]}
        assert metadata["Date"]["value"] == {"en": ["about 1962"]}
        assert metadata["Themes"]["value"] == {"en": ["Crossings"], "fr": ["Traversées"]}
        assert sorted(metadata["Places"]["value"]["en"]) == ["Marseille", "Tunis"]
        # A list is given in a language only when every item has a name in it.
        assert metadata["Made by"]["value"] == {"en": ["Ahmed Ben Salah"], "ar": ["أحمد بن صالح"]}

    def test_attribution_provider_and_homepages(self, client, ticket):
        data = get_json(client, manifest_url(ticket))

        statement = data["requiredStatement"]
        assert set(statement["label"]) == set(LANGUAGES)
        assert statement["value"]["en"] == [
            "Rights holder: Compagnie de Navigation Mixte",
            "Held by Museum of Harbour Memories, Marseille",
        ]
        assert statement["value"]["fr"] == [
            "Titulaire des droits\u00a0: Compagnie de navigation mixte",
            "Conservée par Musée des mémoires du port, Marseille (FR)",
        ]
        assert data["provider"][0]["type"] == "Agent"
        assert data["provider"][0]["label"]["fr"] == ["Musée des mémoires du port"]

        homepages = {page["language"][0]: page for page in data["homepage"]}
        assert set(homepages) == set(LANGUAGES)
        assert homepages["fr"]["label"] == {"fr": ["Billet de ferry"]}
        for code, homepage in homepages.items():
            assert local(homepage["id"]) == f"/{code}/collections/letters/ferry-ticket/"
            response = client.get(local(homepage["id"]))
            assert response.status_code == 200
            assert homepage["label"][code][0] in response.content.decode()

        part_of = data["partOf"][0]
        assert part_of["type"] == "Collection"
        assert get_json(client, local(part_of["id"]))["label"] == {"en": ["Letters"]}

    def test_one_canvas_per_image_at_the_image_size_painted_by_the_level0_service(self, client, ticket):
        data = get_json(client, manifest_url(ticket))
        front, back = data["items"]

        assert (front["width"], front["height"]) == (1999, 1001)
        assert (back["width"], back["height"]) == (600, 800)
        assert front["label"] == {"en": ["Front"], "fr": ["Recto"], "ar": ["الوجه"]}
        assert back["label"] == {"en": ["The back, stamped"], "de": ["Rückseite"]}  # no caption: the alt text
        assert front["requiredStatement"]["value"] == {"en": ["Photo: J. Martin"]}
        assert "requiredStatement" not in back

        for canvas in (front, back):
            annotation = canvas["items"][0]["items"][0]
            assert annotation["motivation"] == "painting"
            assert annotation["target"] == canvas["id"]
            body = annotation["body"]
            assert body["type"] == "Image"
            assert body["format"] == "image/jpeg"
            service = body["service"][0]
            assert service["type"] == "ImageService3"
            assert service["profile"] == "level0"
            # The service id resolves to its info.json, which names the same id and size.
            info = get_json(client, local(service["id"]) + "/info.json", IMAGE_INFO)
            assert info["id"] == service["id"]
            assert (info["width"], info["height"]) == (canvas["width"], canvas["height"])
            # The painted image and the thumbnail are served at the size they declare.
            assert fetch_image(client, body["id"]).size == (body["width"], body["height"])
            thumb = canvas["thumbnail"][0]
            assert fetch_image(client, thumb["id"]).size == (thumb["width"], thumb["height"])
        # The large image is painted at the service's maximum size; the canvas keeps its coordinates.
        assert (front["items"][0]["items"][0]["body"]["width"], front["items"][0]["items"][0]["body"]["height"]) == (
            1600,
            801,
        )
        assert data["thumbnail"] == front["thumbnail"]

    def test_an_artifact_with_only_english_has_only_english(self, client, tree):
        page = artifact(tree, title="Postcard", object_type_en="Postcard")
        data = get_json(client, manifest_url(page))
        validated_manifest(data)
        assert data["label"] == {"en": ["Postcard"]}
        assert "rights" not in data  # no rights statement chosen yet
        assert data["requiredStatement"]["value"]["en"] == ["Held by Museum of Harbour Memories, Marseille"]

    def test_an_artifact_without_images_has_no_manifest(self, client, tree):
        # A manifest must have at least one canvas.
        page = artifact(tree, images=0)
        assert client.get(manifest_url(page)).status_code == 404

    def test_unknown_ids_are_404(self, client, tree):
        assert client.get("/iiif/artifact/999999/manifest.json").status_code == 404
        assert client.get(f"/iiif/artifact/{tree.collection.pk}/manifest.json").status_code == 404
        assert client.get(f"/iiif/collection/{tree.home.pk}/collection.json").status_code == 404
        assert client.get("/iiif/image/999999/info.json").status_code == 404

    def test_the_manifest_costs_the_same_queries_for_1_or_10_images(self, client, tree, django_assert_num_queries):
        one = artifact(tree, images=1)
        ten = artifact(tree, images=10)
        client.get(manifest_url(one))  # warm the site root paths cache
        with count_queries() as queries:
            assert client.get(manifest_url(one)).status_code == 200
        with django_assert_num_queries(len(queries)):
            data = get_json(client, manifest_url(ten))
        assert len(data["items"]) == 10


# --- Image API -----------------------------------------------------------------------


def info_url(image) -> str:
    return f"/iiif/image/{image.pk}/info.json"


def image_url(image, size: str) -> str:
    return f"/iiif/image/{image.pk}/full/{size}/0/default.jpg"


class TestImageService:
    @pytest.mark.parametrize(
        ("original", "ladder", "maximum"),
        [
            # Larger than the ladder: 1600 wide at most, heights as Wagtail's width-N filter rounds them.
            ((1999, 1001), [(200, 100), (400, 200), (800, 400), (1600, 801)], (1600, 801)),
            # Portrait and smaller than 800: the original is the largest size.
            ((600, 800), [(200, 266), (400, 533), (600, 800)], (600, 800)),
            # Smaller than the smallest step: the original only.
            ((150, 90), [(150, 90)], (150, 90)),
        ],
    )
    def test_info_json_declares_a_level0_ladder_and_each_size_is_served_exactly(
        self, client, tree, original, ladder, maximum
    ):
        page = artifact(tree, images=0)
        image = picture(*original)
        ArtifactImageFactory(page=page, image=image)

        info = get_json(client, info_url(image), IMAGE_INFO)
        assert info["@context"] == "http://iiif.io/api/image/3/context.json"
        assert info["id"] == f"{SERVER}/iiif/image/{image.pk}"
        assert info["type"] == "ImageService3"
        assert info["protocol"] == "http://iiif.io/api/image"
        assert info["profile"] == "level0"
        assert (info["width"], info["height"]) == original
        assert [(size["width"], size["height"]) for size in info["sizes"]] == ladder
        if maximum != original:
            assert (info["maxWidth"], info["maxHeight"]) == maximum
        else:
            assert "maxWidth" not in info and "maxHeight" not in info

        for width, height in ladder:
            assert fetch_image(client, image_url(image, f"{width},{height}")).size == (width, height)
        assert fetch_image(client, image_url(image, "max")).size == maximum

    def test_images_are_cacheable_jpeg(self, client, tree):
        page = artifact(tree)
        image = page.gallery_images.get().image
        response = client.get(image_url(image, "max"))
        assert response["Content-Type"] == "image/jpeg"
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        assert response["Access-Control-Allow-Origin"] == "*"
        info = client.get(info_url(image))
        assert "max-age=" in info["Cache-Control"]

    @pytest.mark.parametrize(
        ("path", "status"),
        [
            # Valid Image API requests this level-0 service does not offer: 404.
            ("full/300,150/0/default.jpg", 404),  # a size not in the ladder
            ("full/1280,960/0/default.jpg", 404),  # bigger than the image
            ("full/200,/0/default.jpg", 404),  # a declared width, but not in the w,h form
            ("full/!200,200/0/default.jpg", 404),
            ("full/pct:50/0/default.jpg", 404),
            ("full/^max/0/default.jpg", 404),
            ("square/max/0/default.jpg", 404),
            ("0,0,100,100/max/0/default.jpg", 404),
            ("full/max/90/default.jpg", 404),
            ("full/max/!0/default.jpg", 404),
            ("full/max/0/gray.jpg", 404),
            ("full/max/0/default.png", 404),
            # Malformed requests: 400.
            ("everything/max/0/default.jpg", 400),
            ("full/big/0/default.jpg", 400),
            ("full/0,0/0/default.jpg", 400),
            ("full/200,0/0/default.jpg", 400),
            ("full/max/400/default.jpg", 400),
            ("full/max/left/default.jpg", 400),
            ("full/max/0/sepia.jpg", 400),
            ("full/max/0/default.JPG", 400),
        ],
    )
    def test_a_request_for_anything_not_declared_is_refused(self, client, tree, path, status):
        page = artifact(tree)
        image = page.gallery_images.get().image  # 640 × 480: 200,150 400,300 640,480
        assert client.get(image_url(image, "200,150")).status_code == 200
        response = client.get(f"/iiif/image/{image.pk}/{path}")
        assert response.status_code == status
        assert response["Access-Control-Allow-Origin"] == "*"

    def test_the_base_uri_redirects_to_info_json(self, client, tree):
        image = artifact(tree).gallery_images.get().image
        response = client.get(f"/iiif/image/{image.pk}")
        assert response.status_code == 303
        assert response["Location"] == info_url(image)

    def test_an_image_request_costs_the_same_queries_whatever_the_artifacts(
        self, client, tree, django_assert_num_queries
    ):
        first = artifact(tree)
        image = first.gallery_images.get().image
        client.get(image_url(image, "200,150"))  # the rendition is made once
        with count_queries() as queries:
            assert client.get(image_url(image, "200,150")).status_code == 200
        for _ in range(5):
            ArtifactImageFactory(page=artifact(tree, images=0), image=image)
        with django_assert_num_queries(len(queries)):
            assert client.get(image_url(image, "200,150")).status_code == 200


# --- Nothing closed leaks ----------------------------------------------------------


CLOSED_STATES = ["draft", "password", "login", "groups", "restricted collection", "unpublished collection"]


def close(tree, page, state: str) -> None:
    if state == "draft":
        page.unpublish()
    elif state in ("password", "login", "groups"):
        restrict(page, state)
    elif state == "restricted collection":
        restrict(tree.collection, "login")
    elif state == "unpublished collection":
        tree.collection.unpublish()  # the artifact itself stays live


class TestClosed:
    @pytest.mark.parametrize("state", CLOSED_STATES)
    def test_a_closed_artifact_has_no_manifest_and_its_images_are_not_served(self, client, tree, state):
        page = artifact(tree)
        image = page.gallery_images.get().image
        urls = [manifest_url(page), info_url(image), image_url(image, "max"), image_url(image, "200,150")]
        assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]

        close(tree, page, state)

        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, url
            assert response["Access-Control-Allow-Origin"] == "*"

    @pytest.mark.parametrize("state", ["draft", "login"])
    def test_an_image_shared_with_an_open_artifact_is_still_served(self, client, tree, state):
        secret = artifact(tree)
        image = secret.gallery_images.get().image
        ArtifactImageFactory(page=artifact(tree, images=0), image=image)
        close(tree, secret, state)
        assert client.get(manifest_url(secret)).status_code == 404
        assert client.get(info_url(image)).status_code == 200
        assert client.get(image_url(image, "max")).status_code == 200

    def test_an_image_no_artifact_shows_is_not_served(self, client, tree):
        image = picture(640, 480)  # e.g. an upload not yet used, or a collection's cover
        assert client.get(info_url(image)).status_code == 404
        assert client.get(image_url(image, "max")).status_code == 404

    def test_the_collection_lists_only_open_artifacts_with_images(self, client, tree):
        tree.collection.title_fr = "Lettres"
        tree.collection.save_revision().publish()
        shown = artifact(tree, title="Open", title_fr="Ouvert")
        also_shown = artifact(tree, title="Also open")
        artifact(tree, title="No images", images=0)
        closed = {state: artifact(tree, title=state.title()) for state in ("draft", "password", "login", "groups")}
        for state, page in closed.items():
            close(tree, page, state)
        elsewhere = CollectionPageFactory(parent=tree.collections, institution=tree.institution)
        artifact(tree, parent=elsewhere, title="In another collection")

        data = get_json(client, collection_url(tree.collection))
        collection = Collection.model_validate_json(json.dumps(data))
        assert json.loads(collection.json()) == data

        assert data["type"] == "Collection"
        assert data["label"] == {"en": ["Letters"], "fr": ["Lettres"]}
        assert [item["id"] for item in data["items"]] == [
            f"{SERVER}{manifest_url(shown)}",
            f"{SERVER}{manifest_url(also_shown)}",
        ]
        assert data["items"][0]["type"] == "Manifest"
        assert data["items"][0]["label"] == {"en": ["Open"], "fr": ["Ouvert"]}
        # Each listed manifest exists, and each thumbnail is served at its size.
        for item in data["items"]:
            assert get_json(client, local(item["id"]))["id"] == item["id"]
            thumb = item["thumbnail"][0]
            assert fetch_image(client, thumb["id"]).size == (thumb["width"], thumb["height"])

    @pytest.mark.parametrize("state", ["login", "password", "unpublished"])
    def test_a_closed_collection_has_no_iiif_collection(self, client, tree, state):
        artifact(tree)
        assert client.get(collection_url(tree.collection)).status_code == 200
        if state == "unpublished":
            tree.collection.unpublish()
        else:
            restrict(tree.collection, state)
        assert client.get(collection_url(tree.collection)).status_code == 404

    def test_the_collection_costs_the_same_queries_for_2_or_12_artifacts(self, client, tree, django_assert_num_queries):
        for _ in range(2):
            artifact(tree)
        client.get(collection_url(tree.collection))
        with count_queries() as queries:
            client.get(collection_url(tree.collection))
        for _ in range(10):
            artifact(tree, images=2)
        with django_assert_num_queries(len(queries)):
            data = get_json(client, collection_url(tree.collection))
        assert len(data["items"]) == 12

    def test_a_big_collection_is_a_collection_of_parts(self, client, tree, monkeypatch):
        """IIIF Presentation 3 nests collections instead of paging: past
        COLLECTION_PART manifests the collection lists its parts, each part a
        collection of manifests that names the whole as ``partOf``."""
        from exchange.iiif import manifests

        monkeypatch.setattr(manifests, "COLLECTION_PART", 2)
        pages = [artifact(tree, title=f"Object {number}") for number in range(5)]
        artifact(tree, title="No images", images=0)
        close(tree, artifact(tree, title="Draft"), "draft")

        whole = get_json(client, collection_url(tree.collection))
        assert json.loads(Collection.model_validate_json(json.dumps(whole)).json()) == whole
        assert [item["type"] for item in whole["items"]] == ["Collection"] * 3
        assert whole["items"][1]["label"]["en"] == ["Letters (part 2 of 3)"]
        listed = []
        for item in whole["items"]:
            part = get_json(client, local(item["id"]))
            assert json.loads(Collection.model_validate_json(json.dumps(part)).json()) == part
            assert part["id"] == item["id"] and part["partOf"][0]["id"] == whole["id"]
            assert {entry["type"] for entry in part["items"]} == {"Manifest"}
            listed += [entry["id"] for entry in part["items"]]
        assert listed == [f"{SERVER}{manifest_url(page)}" for page in pages]
        assert client.get(f"/iiif/collection/{tree.collection.pk}/part/4/collection.json").status_code == 404
        assert client.get(f"/iiif/collection/{tree.collection.pk}/part/0/collection.json").status_code == 404
        tree.collection.unpublish()
        assert client.get(f"/iiif/collection/{tree.collection.pk}/part/1/collection.json").status_code == 404


# --- CORS ----------------------------------------------------------------------------


class TestCors:
    def test_every_iiif_url_answers_any_origin_and_a_preflight(self, client, ticket, tree):
        image = ticket.gallery_images.first().image
        for url in (
            manifest_url(ticket),
            collection_url(tree.collection),
            info_url(image),
            image_url(image, "max"),
        ):
            response = client.get(url, HTTP_ORIGIN="https://viewer.example.org")
            assert response.status_code == 200, url
            assert response["Access-Control-Allow-Origin"] == "*"

            preflight = client.options(
                url,
                HTTP_ORIGIN="https://viewer.example.org",
                HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
                HTTP_ACCESS_CONTROL_REQUEST_HEADERS="Accept",
            )
            assert preflight.status_code == 204, url
            assert preflight["Access-Control-Allow-Origin"] == "*"
            assert "GET" in preflight["Access-Control-Allow-Methods"]
            assert "Accept" in preflight["Access-Control-Allow-Headers"]

    def test_writing_is_not_allowed(self, client, ticket):
        assert client.post(manifest_url(ticket)).status_code == 405


# --- Links from the pages ------------------------------------------------------------


class Links(HTMLParser):
    """The IIIF <link rel=alternate> in the head and the visible links to /iiif/."""

    def __init__(self):
        super().__init__()
        self.alternates: list[dict] = []
        self.anchors: list[dict] = []
        self._anchor: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and "iiif" in attrs.get("type", ""):
            self.alternates.append(attrs)
        elif tag == "a" and attrs.get("href", "").startswith("/iiif/"):
            self._anchor = {**attrs, "text": ""}
            self.anchors.append(self._anchor)

    def handle_endtag(self, tag):
        if tag == "a":
            self._anchor = None

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor["text"] += data


def links(client, url: str) -> Links:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Links()
    parser.feed(response.content.decode())
    return parser


class TestPageLinks:
    @pytest.mark.parametrize("code", LANGUAGES)
    def test_the_artifact_page_links_its_manifest(self, client, ticket, code):
        found = links(client, f"/{code}/collections/letters/ferry-ticket/")
        assert [link["href"] for link in found.alternates] == [manifest_url(ticket)]
        assert found.alternates[0]["type"] == PRESENTATION
        assert [link["href"] for link in found.anchors] == [manifest_url(ticket)]
        with translation.override(code):
            assert gettext("IIIF manifest") in found.anchors[0]["text"]
        assert get_json(client, found.anchors[0]["href"])["id"].endswith(manifest_url(ticket))

    def test_the_collection_page_links_its_iiif_collection(self, client, ticket, tree):
        found = links(client, "/en/collections/letters/")
        assert [link["href"] for link in found.alternates] == [collection_url(tree.collection)]
        assert [link["href"] for link in found.anchors] == [collection_url(tree.collection)]
        assert "IIIF collection" in found.anchors[0]["text"]

    def test_no_link_when_the_artifact_has_no_images(self, client, tree):
        artifact(tree, images=0, slug="no-images")
        found = links(client, "/en/collections/letters/no-images/")
        assert found.alternates == [] and found.anchors == []

    def test_no_link_on_a_restricted_page_seen_by_someone_allowed_to(self, client, ticket):
        # The page is shown to a signed-in visitor, but its manifest would be a 404.
        restrict(ticket, "login")
        client.force_login(get_user_model().objects.create_user(username="member", password="pw"))
        found = links(client, "/en/collections/letters/ferry-ticket/")
        assert found.alternates == [] and found.anchors == []
        assert client.get(manifest_url(ticket)).status_code == 404


@pytest.mark.parametrize(
    ("stored", "given"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/"),
        ("https://www.creativecommons.org/publicdomain/zero/1.0/", "http://creativecommons.org/publicdomain/zero/1.0/"),
        ("https://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/InC/1.0/"),
        ("https://example.org/our-licence", "https://example.org/our-licence"),
    ],
)
def test_a_manifests_rights_are_in_the_form_iiif_requires(stored, given):
    """Presentation 3.0 (rights): Creative Commons and RightsStatements.org URIs in their
    http form; 33 of 60 demo manifests failed the IIIF schema with https."""
    from exchange.iiif.manifests import iiif_rights

    assert iiif_rights(stored) == given
