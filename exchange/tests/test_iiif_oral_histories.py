"""IIIF for recordings (issue 16): a Presentation 3.0 manifest per open oral history and
a IIIF Content Search 2.0 service over its transcripts.

The manifest is checked with iiif-prezi3's models (generated from the IIIF presentation
validator's JSON schema, as in ``test_iiif.py``: the served JSON must load and come back
out unchanged), then against the Presentation 3.0 rules for time-based media that the
schema does not enforce; every URL it names on this site is followed. Leaks: no closed
state (restricted, community only, embargoed, withdrawn, under a restriction or a draft)
gives a manifest, a media URL or a word of transcript, and a redacted word is never in
a manifest or a search answer.
"""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

import pytest
from iiif_prezi3 import Manifest

from exchange.iiif.oral_histories import iiif_rights
from heritage.factories import PersonFactory, PlaceFactory, RightsStatementFactory
from oral_histories.access_copies import make_access_copy
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, recording_with_transcripts
from oral_histories.models import IndexPoint, RedactedRange, Scope

pytestmark = pytest.mark.django_db

SERVER = "http://testserver"
LANGUAGES = ("en", "fr", "de", "ar")
PRESENTATION = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
SEARCH = 'application/ld+json;profile="http://iiif.io/api/search/2/context.json"'
SECRET = "Zanzibarwort"  # the word said inside the redacted passage
FRAGMENT = re.compile(r"#t=(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?$")


def local(url: str) -> str:
    assert url.startswith(SERVER), url
    return url.removeprefix(SERVER)


def manifest_url(page) -> str:
    return f"/iiif/oral-history/{page.pk}/manifest.json"


def search_url(page) -> str:
    return f"/iiif/oral-history/{page.pk}/search"


def get_json(client, url: str, content_type: str = PRESENTATION, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"] == content_type
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-cache" in response["Cache-Control"]
    return json.loads(response.content)


def validated(data: dict) -> Manifest:
    """The manifest as iiif-prezi3 reads it; it must write it back unchanged, but for
    one quirk of its models: a range's reference to a canvas (``{"id": "…#t=0,3",
    "type": "Canvas"}``, Presentation 3.0 §5.7) is read as a whole canvas, written back
    with an empty ``items``."""
    manifest = Manifest.model_validate_json(json.dumps(data))
    written = json.loads(manifest.json())
    for top in written.get("structures", []):
        for chapter in top["items"]:
            for ref in chapter["items"]:
                if ref["type"] == "Canvas" and ref.get("items") == []:
                    del ref["items"]
    assert written == data
    return manifest


def is_language_map(value) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(
            isinstance(k, str) and isinstance(v, list) and v and all(isinstance(s, str) for s in v)
            for k, v in value.items()
        )
    )


def check_time_based(data: dict) -> None:
    """Presentation 3.0 rules for audio/video the JSON schema does not check."""
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert data["type"] == "Manifest" and is_language_map(data["label"])
    ids = set()

    def unique(identifier):
        assert identifier not in ids, identifier
        ids.add(identifier)

    unique(data["id"])
    assert len(data["items"]) == 1
    for canvas in data["items"]:
        unique(canvas["id"])
        assert canvas["type"] == "Canvas" and canvas["duration"] > 0
        assert "width" not in canvas and "height" not in canvas  # sound: duration only (§3.2: both or neither)
        for page in canvas["items"]:
            unique(page["id"])
            for annotation in page["items"]:
                unique(annotation["id"])
                assert annotation["motivation"] == "painting" and annotation["target"] == canvas["id"]
                body = annotation["body"]
                assert body["type"] in ("Sound", "Video")
                assert re.match(r"^(audio|video)/", body["format"])
                assert body["duration"] == canvas["duration"]
        for page in canvas.get("annotations", []):
            unique(page["id"])
            for annotation in page["items"]:
                unique(annotation["id"])
                assert annotation["motivation"] == "supplementing"
                assert annotation["target"] == canvas["id"]
                assert annotation["body"]["format"] == "text/vtt" and annotation["body"]["language"]
    canvas_ids = {canvas["id"] for canvas in data["items"]}
    for top in data.get("structures", []):
        unique(top["id"])
        assert top["type"] == "Range" and is_language_map(top["label"])
        for chapter in top["items"]:
            unique(chapter["id"])
            assert chapter["type"] == "Range" and is_language_map(chapter["label"])
            [ref] = chapter["items"]
            assert ref["type"] == "Canvas"
            source, _, time = ref["id"].partition("#")
            assert source in canvas_ids
            start, end = FRAGMENT.search(ref["id"]).groups()
            assert 0 <= float(start) < float(end) <= data["items"][0]["duration"]
    for item in data.get("metadata", []):
        assert is_language_map(item["label"]) and is_language_map(item["value"])
    if "rights" in data:
        assert re.match(r"^http://(creativecommons\.org|rightsstatements\.org)/", data["rights"]) or not re.match(
            r"^https?://(creativecommons|rightsstatements)\.org", data["rights"]
        )
    [service] = data["service"]
    assert service["type"] == "SearchService2"


# --- Fixtures ------------------------------------------------------------------------


@pytest.fixture
def arriving(tree):
    """A public oral history in four languages, with two transcripts and two chapters."""
    page = OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="Arriving in Marseille",
        title_fr="Arriver à Marseille",
        title_de="Ankunft in Marseille",
        title_ar="الوصول إلى مرسيليا",
        slug="arriving",
        summary_en="<p>Leila remembers the <b>crossing</b>.</p>",
        summary_fr="<p>Leila se souvient de la traversée.</p>",
        institution=tree.institution,
        recorded_on=datetime.date(2019, 5, 4),
        place=PlaceFactory(name_en="Marseille", name_fr="Marseille"),
        interviewer=PersonFactory(name_en="Samir B."),
        rights=RightsStatementFactory(
            code="CC-BY-4.0", family="cc", uri="https://creativecommons.org/licenses/by/4.0/"
        ),
        rights_holder_en="Leila H.",
    )
    page.narrators.add(PersonFactory(name_en="Leila H.", name_ar="ليلى ح."))
    page.save_revision().publish()
    recording = recording_with_transcripts(
        page,
        seconds=6,
        transcripts={
            "fr": [
                (0, 1.5, "Leila", "Nous sommes arrivés au port de Marseille."),
                (1.5, 3, "Leila", f"Mon cousin {SECRET} nous attendait."),
                (3, 6, "Leila", "Le port était plein de bateaux."),
            ],
            "en": [
                (0, 1.5, "Leila", "We arrived at the port of Marseille."),
                (1.5, 3, "Leila", f"My cousin {SECRET} was waiting."),
                (3, 6, "Leila", "The harbour was full of boats."),
            ],
        },
    )
    IndexPoint.objects.create(
        recording=recording, start=0, title_en="Arrival", title_fr="L'arrivée", synopsis_en="The ship."
    )
    IndexPoint.objects.create(recording=recording, start=3, title_en="The harbour", title_fr="Le port")
    return page


def page_recording(page):
    page.recording.refresh_from_db()
    return page.recording


def redact(page) -> None:
    """Redact the second line (1.5–3 s) and make the access copy, as the worker would."""
    recording = page.recording
    RedactedRange.objects.create(recording=recording, start=1.6, end=2.9, reason="A name")
    make_access_copy(recording)


# --- The manifest --------------------------------------------------------------------


class TestManifest:
    def test_valid_presentation_3_time_based(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        validated(data)
        check_time_based(data)
        assert data["id"] == SERVER + manifest_url(arriving)

    def test_the_canvas_plays_what_the_page_plays(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        [canvas] = data["items"]
        assert canvas["duration"] == 6
        body = canvas["items"][0]["items"][0]["body"]
        recording = arriving.recording
        assert body == {
            "id": f"{SERVER}/en/recordings/{recording.pk}/media",
            "type": "Sound",
            "format": "audio/wav",
            "duration": 6.0,
        }
        media = client.get(local(body["id"]))
        assert media.status_code == 200 and media["Content-Type"] == "audio/wav"

    def test_each_transcript_is_a_webvtt_annotation_in_its_language(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        [page] = data["items"][0]["annotations"]
        bodies = {a["body"]["language"]: a["body"] for a in page["items"]}
        assert set(bodies) == {"fr", "en"}
        recording = arriving.recording
        assert bodies["fr"]["id"] == f"{SERVER}/en/recordings/{recording.pk}/captions/fr.vtt"
        assert bodies["fr"]["type"] == "Text"
        assert bodies["fr"]["label"]["fr"] == ["français"] and bodies["fr"]["label"]["en"] == ["French"]
        vtt = client.get(local(bodies["fr"]["id"]))
        assert vtt.status_code == 200 and vtt.content.decode().startswith("WEBVTT")
        assert "port de Marseille" in vtt.content.decode()

    def test_chapters_are_ranges_with_times(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        [toc] = data["structures"]
        canvas = data["items"][0]["id"]
        assert [c["items"][0]["id"] for c in toc["items"]] == [f"{canvas}#t=0,3", f"{canvas}#t=3,6"]
        assert toc["items"][0]["label"] == {"en": ["Arrival"], "fr": ["L'arrivée"]}
        with translation.override("de"):
            assert toc["label"]["de"] == [gettext("Chapters")]

    def test_labels_and_rights_in_every_language(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        assert data["label"] == {
            "en": ["Arriving in Marseille"],
            "fr": ["Arriver à Marseille"],
            "de": ["Ankunft in Marseille"],
            "ar": ["الوصول إلى مرسيليا"],
        }
        assert data["summary"]["en"] == ["Leila remembers the crossing."]
        assert data["rights"] == "http://creativecommons.org/licenses/by/4.0/"  # IIIF wants the http form
        assert set(data["requiredStatement"]["label"]) == set(LANGUAGES)
        assert set(data["requiredStatement"]["value"]) == set(LANGUAGES)
        assert "Leila H." in data["requiredStatement"]["value"]["fr"][0]
        for item in data["metadata"]:
            assert set(LANGUAGES) <= set(item["label"]), item
        with translation.override("ar"):
            labels = [item["label"]["ar"][0] for item in data["metadata"]]
            assert gettext("Duration") in labels
        duration = next(item for item in data["metadata"] if item["label"]["en"] == ["Duration"])
        assert duration["value"] == {"none": ["0:00:06"]}

    def test_homepage_in_each_language_and_the_search_service(self, client, arriving):
        data = get_json(client, manifest_url(arriving))
        homes = {home["language"][0]: home["id"] for home in data["homepage"]}
        assert set(homes) == set(LANGUAGES)
        assert client.get(local(homes["en"])).status_code == 200
        assert data["service"] == [{"id": SERVER + search_url(arriving), "type": "SearchService2"}]

    def test_rights_uris_in_the_http_form_iiif_asks_for(self):
        assert iiif_rights("https://creativecommons.org/publicdomain/zero/1.0/") == (
            "http://creativecommons.org/publicdomain/zero/1.0/"
        )
        assert (
            iiif_rights("https://rightsstatements.org/vocab/InC/1.0/") == "http://rightsstatements.org/vocab/InC/1.0/"
        )
        assert iiif_rights("https://example.org/licence") == "https://example.org/licence"

    def test_cors_preflight_and_read_only(self, client, arriving):
        for url in (manifest_url(arriving), search_url(arriving)):
            preflight = client.options(url, HTTP_ORIGIN="https://viewer.example.org")
            assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"
            assert client.post(url).status_code == 405


# --- Content Search 2.0 --------------------------------------------------------------


class TestSearch:
    def test_answers_an_annotation_page_of_matching_lines(self, client, arriving):
        data = get_json(client, search_url(arriving), SEARCH, q="port")
        assert data["@context"] == "http://iiif.io/api/search/2/context.json"
        assert data["type"] == "AnnotationPage"
        assert data["id"] == f"{SERVER}{search_url(arriving)}?q=port"
        canvas = get_json(client, manifest_url(arriving))["items"][0]["id"]
        found = [(a["body"]["language"], a["body"]["value"], a["target"]) for a in data["items"]]
        assert found == [
            ("en", "We arrived at the port of Marseille.", f"{canvas}#t=0,1.5"),
            ("fr", "Nous sommes arrivés au port de Marseille.", f"{canvas}#t=0,1.5"),
            ("fr", "Le port était plein de bateaux.", f"{canvas}#t=3,6"),
        ]
        for annotation in data["items"]:
            assert annotation["type"] == "Annotation" and annotation["motivation"] == "supplementing"
            assert annotation["body"]["type"] == "TextualBody" and annotation["body"]["format"] == "text/plain"
        assert data["partOf"][0]["total"] == 3 and "next" not in data

    def test_every_word_case_and_accents_folded(self, client, arriving):
        data = get_json(client, search_url(arriving), SEARCH, q="ETAIT Bateaux")
        assert [a["body"]["value"] for a in data["items"]] == ["Le port était plein de bateaux."]
        assert get_json(client, search_url(arriving), SEARCH, q="")["items"] == []

    def test_paging(self, client, arriving, monkeypatch):
        monkeypatch.setattr("exchange.iiif.oral_histories.SEARCH_PAGE_SIZE", 1)
        first = get_json(client, search_url(arriving), SEARCH, q="bateaux port")
        assert len(first["items"]) == 1 and first["partOf"][0]["total"] == 1 and "next" not in first
        first = get_json(client, search_url(arriving), SEARCH, q="Marseille")
        assert len(first["items"]) == 1 and first["partOf"][0]["total"] == 2
        second = get_json(client, local(first["next"]["id"]), SEARCH)
        assert [a["body"]["value"] for a in second["items"]] == ["Nous sommes arrivés au port de Marseille."]
        assert second["id"].endswith("page=2") and "next" not in second

    def test_bad_requests(self, client, arriving):
        assert client.get(search_url(arriving), {"q": "port", "page": "0"}).status_code == 400
        assert client.get(search_url(arriving), {"q": "x" * 201}).status_code == 400


# --- Leaks ---------------------------------------------------------------------------


def close(page, state: str) -> None:
    recording = page.recording
    if state == "restricted":
        recording.scope = Scope.RESTRICTED
    elif state == "community":
        recording.scope = Scope.COMMUNITY
        recording.community = CommunityFactory(slug="tunisians")
    elif state == "embargoed":
        recording.embargo_until = timezone.localdate() + datetime.timedelta(days=30)
    elif state == "withdrawn":
        recording.withdrawn_at = timezone.now()
    if state in ("restricted", "community", "embargoed", "withdrawn"):
        recording.save()
    elif state == "login":
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    elif state == "draft section":
        page.get_parent().specific.unpublish()
    elif state == "unpublished":
        page.unpublish()


CLOSED = ("restricted", "community", "embargoed", "withdrawn", "login", "draft section", "unpublished")


class TestNothingLeaks:
    @pytest.mark.parametrize("state", CLOSED)
    def test_a_closed_recording_has_no_manifest_and_no_search(self, client, arriving, state):
        close(arriving, state)
        for url in (manifest_url(arriving), search_url(arriving) + "?q=port"):
            response = client.get(url)
            assert response.status_code == 404, (state, url)
            assert response["Access-Control-Allow-Origin"] == "*"
            body = response.content.decode()
            assert "recordings/" not in body and "port" not in body

    @pytest.mark.parametrize("state", ("restricted", "community"))
    def test_not_even_for_a_member_or_curator_logged_in(self, client, arriving, state):
        close(arriving, state)
        user = get_user_model().objects.create_superuser(username="boss", password="pw")
        client.force_login(user)
        assert client.get(manifest_url(arriving)).status_code == 404
        assert client.get(search_url(arriving), {"q": "port"}).status_code == 404

    def test_no_recording_no_manifest(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories, title="Not yet recorded")
        assert client.get(manifest_url(page)).status_code == 404
        assert client.get(f"/iiif/oral-history/{tree.collection.pk}/manifest.json").status_code == 404

    def test_a_redacted_word_is_never_in_the_manifest_nor_found(self, client, arriving):
        redact(arriving)
        response = client.get(manifest_url(arriving))
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
        data = json.loads(response.content)
        validated(data)
        body = data["items"][0]["items"][0]["items"][0]["body"]
        media = client.get(local(body["id"]))
        assert media.status_code == 200  # the access copy, passages silenced
        assert body["format"] == page_recording(arriving).access_copy_mime_type
        for annotation in data["items"][0]["annotations"][0]["items"]:
            assert SECRET not in client.get(local(annotation["body"]["id"])).content.decode()
        assert get_json(client, search_url(arriving), SEARCH, q=SECRET)["items"] == []
        assert get_json(client, search_url(arriving), SEARCH, q="cousin")["items"] == []
        assert get_json(client, search_url(arriving), SEARCH, q="withheld")["items"] == []  # markers are not text
        everything = get_json(client, search_url(arriving), SEARCH, q="e")
        assert everything["items"] and SECRET not in json.dumps(everything)

    def test_while_the_access_copy_is_prepared_the_manifest_waits(self, client, arriving):
        RedactedRange.objects.create(recording=arriving.recording, start=1.6, end=2.9)
        response = client.get(manifest_url(arriving))
        assert response.status_code == 503 and response["Retry-After"]
        assert response["Access-Control-Allow-Origin"] == "*"
        assert b"recordings/" not in response.content


# --- The link from the page ----------------------------------------------------------


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and "iiif" in attrs.get("type", ""):
            self.alternates.append(attrs)


def head_links(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadLinks()
    parser.feed(response.content.decode())
    return parser.alternates


class TestPageLink:
    @pytest.mark.parametrize("code", LANGUAGES)
    def test_the_page_links_its_manifest_in_the_head(self, client, arriving, code):
        found = head_links(client, f"/{code}/oral-histories/arriving/")
        assert [link["href"] for link in found] == [manifest_url(arriving)]
        assert found[0]["type"] == PRESENTATION
        body = client.get(f"/{code}/oral-histories/arriving/").content.decode()
        assert f'<a href="{manifest_url(arriving)}"' in body  # and visibly, beside the citation

    def test_no_link_when_closed(self, client, arriving):
        close(arriving, "community")
        user = get_user_model().objects.create_user(username="member", password="pw")
        user.groups.add(arriving.recording.community.members)
        client.force_login(user)  # the member hears it on the page, but it has no manifest
        assert head_links(client, "/en/oral-histories/arriving/") == []
        assert "/manifest.json" not in client.get("/en/oral-histories/arriving/").content.decode()
