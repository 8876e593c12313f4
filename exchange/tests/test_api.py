"""The public API at /api/v2/: translated fields by ``?lang=``, city / institution /
theme filters, nothing closed in it (pages, or the images and documents they use),
readable from any origin."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from wagtail.models import Page, PageViewRestriction
from wagtailmedia.models import get_media_model

import pytest
import wagtail_factories

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CollectionPageFactory
from exhibitions.factories import (
    CuratorCreditFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    clip,
    image,
    showcase,
    story,
)
from heritage.factories import ImageFactory, InstitutionFactory, PartnerCityPageFactory, ThemeFactory
from oral_histories.factories import (
    CommunityFactory,
    OralHistoryPageFactory,
    RecordingFactory,
    recording_with_transcripts,
)
from oral_histories.models import RedactedRange, Scope

PAGES = "/api/v2/pages/"


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    return response.json()


def listed(client, **params) -> set[str]:
    """The titles the pages listing gives (everything in one page of results)."""
    data = get(client, PAGES, limit=20, **params)
    assert data["meta"]["total_count"] == len(data["items"])
    return {item["title"] for item in data["items"]}


def artifact(tree, **kwargs):
    kwargs.setdefault("institution", tree.institution)
    return ArtifactPageFactory(parent=kwargs.pop("parent", tree.collection), **kwargs)


# --- Languages ---------------------------------------------------------------------------


@pytest.mark.django_db
class TestLanguages:
    def test_the_listing_gives_titles_in_the_requested_language_falling_back_to_english(self, client, tree):
        artifact(tree, title="Ferry ticket", title_fr="Billet de ferry", title_de="Fährkarte", title_ar="تذكرة العبّارة")
        artifact(tree, title="Suitcase")  # English only
        query = {"type": "archive.ArtifactPage"}
        assert listed(client, **query) == {"Ferry ticket", "Suitcase"}
        assert listed(client, lang="en", **query) == {"Ferry ticket", "Suitcase"}
        assert listed(client, lang="fr", **query) == {"Billet de ferry", "Suitcase"}
        assert listed(client, lang="de", **query) == {"Fährkarte", "Suitcase"}
        assert listed(client, lang="ar", **query) == {"تذكرة العبّارة", "Suitcase"}

    def test_the_detail_gives_every_translated_field_in_the_language_with_fallback(self, client, tree):
        ticket = artifact(
            tree,
            title="Ferry ticket",
            slug="ferry-ticket",
            title_fr="Billet de ferry",
            slug_fr="billet",
            description_en="<p>A ticket for the crossing.</p>",
            object_type_en="Ticket",
            object_type_fr="Billet imprimé",
            materials_en="Paper",
        )
        data = get(client, f"{PAGES}{ticket.pk}/", lang="fr")
        assert data["title"] == "Billet de ferry"
        assert data["object_type"] == "Billet imprimé"
        assert data["description"] == "<p>A ticket for the crossing.</p>"  # no French: English
        assert data["materials"] == "Paper"
        assert data["meta"]["html_url"].endswith("/fr/collections/letters/billet/")
        # Every language as stored, empty ones null.
        assert data["translations"]["en"]["object_type"] == "Ticket"
        assert data["translations"]["fr"]["object_type"] == "Billet imprimé"
        assert data["translations"]["fr"]["materials"] is None
        assert data["translations"]["de"]["title"] is None
        assert data["html_urls"]["fr"].endswith("/fr/collections/letters/billet/")
        assert data["html_urls"]["en"].endswith("/en/collections/letters/ferry-ticket/")
        assert data["html_urls"]["de"].endswith("/de/collections/letters/ferry-ticket/")  # no German slug

        english = get(client, f"{PAGES}{ticket.pk}/")
        assert english["title"] == "Ferry ticket"
        assert english["object_type"] == "Ticket"

    def test_vocabularies_are_named_in_the_requested_language(self, client, tree):
        theme = ThemeFactory(slug="crossings", name_en="Crossings", name_fr="Traversées")
        ticket = artifact(tree)
        ticket.themes.add(theme)
        ticket.save()
        data = get(client, f"{PAGES}{ticket.pk}/", lang="fr")
        assert data["themes"] == [{"slug": "crossings", "name": "Traversées"}]
        assert data["institution"]["code"] == "mmp"
        assert data["institution"]["city"]["slug"] == "marseille"

    @pytest.mark.parametrize("url", [PAGES, "/api/v2/images/", "/api/v2/documents/"])
    @pytest.mark.parametrize("code", ["xx", "fr-ca", "EN", ""])
    def test_an_unknown_language_is_a_400_naming_the_parameter_and_the_choices(self, client, tree, url, code):
        data = get(client, url, status=400, lang=code)
        assert "lang" in data["message"]
        assert "en, fr, de, ar" in data["message"]

    def test_an_unknown_language_is_a_400_on_detail_too(self, client, tree):
        assert "lang" in get(client, f"{PAGES}{tree.collection.pk}/", status=400, lang="tr")["message"]


# --- Filters -----------------------------------------------------------------------------


@pytest.fixture
def two_cities(tree):
    """Marseille (tree) and Hamburg, an institution in each, pages of every type in each."""
    hamburg = PartnerCityPageFactory(parent=tree.partners, title="Hamburg", slug="hamburg", country_en="Germany")
    hkm = InstitutionFactory(city=hamburg, code="hkm", name_en="Harbour Museum Hamburg")
    crossings = ThemeFactory(slug="crossings", name_en="Crossings")
    ThemeFactory(slug="unused", name_en="Unused")
    tickets = CollectionPageFactory(parent=tree.collections, institution=hkm, title="Tickets", slug="tickets")
    ticket = artifact(tree, parent=tickets, institution=hkm, title="Hamburg ticket")
    ticket.themes.add(crossings)
    ticket.save()
    artifact(tree, title="Marseille letter")
    suitcase = artifact(tree, title="Marseille suitcase")
    suitcase.themes.add(crossings)
    suitcase.save()
    OralHistoryPageFactory(parent=tree.oral_histories, title="Told in Hamburg", institution=hkm)
    OralHistoryPageFactory(parent=tree.oral_histories, title="Told in Marseille", institution=tree.institution)
    shown = ExhibitionPageFactory(parent=tree.exhibitions, title="Shown in Marseille only", co_curators=[hkm])
    ExhibitionVenueFactory(exhibition=shown, city=tree.city)
    return hamburg


@pytest.mark.django_db
class TestFilters:
    def test_city_selects_every_type_by_its_own_relation(self, client, tree, two_cities):
        assert listed(client, city="marseille") == {
            "Marseille",  # the city page itself
            "Letters",
            "Marseille letter",
            "Marseille suitcase",
            "Told in Marseille",
            "Shown in Marseille only",  # a venue there
        }
        assert listed(client, city="hamburg") == {
            "Hamburg",
            "Tickets",
            "Hamburg ticket",
            "Told in Hamburg",
            "Shown in Marseille only",  # a co-curator there
        }

    def test_city_combines_with_type(self, client, tree, two_cities):
        assert listed(client, city="marseille", type="archive.ArtifactPage") == {
            "Marseille letter",
            "Marseille suitcase",
        }
        assert listed(client, city="hamburg", type="oral_histories.OralHistoryPage") == {"Told in Hamburg"}
        assert listed(client, city="marseille", type="archive.ArtifactPage,oral_histories.OralHistoryPage") == {
            "Marseille letter",
            "Marseille suitcase",
            "Told in Marseille",
        }

    def test_institution_selects_by_code_and_combines_with_type(self, client, tree, two_cities):
        assert listed(client, institution="hkm") == {
            "Tickets",
            "Hamburg ticket",
            "Told in Hamburg",
            "Shown in Marseille only",
        }
        assert listed(client, institution="hkm", type="archive.ArtifactPage") == {"Hamburg ticket"}
        assert listed(client, institution="mmp", type="archive.CollectionPage") == {"Letters"}

    def test_theme_selects_artifacts_and_combines_with_city(self, client, tree, two_cities):
        assert listed(client, theme="crossings") == {"Hamburg ticket", "Marseille suitcase"}
        assert listed(client, theme="crossings", city="marseille") == {"Marseille suitcase"}
        assert listed(client, theme="unused") == set()

    def test_filters_combine_with_search_order_and_pagination(self, client, tree, two_cities):
        assert listed(client, city="marseille", search="suitcase") == {"Marseille suitcase"}
        data = get(client, PAGES, city="marseille", type="archive.ArtifactPage", order="-title", limit=1, offset=1)
        assert data["meta"]["total_count"] == 2
        assert [item["title"] for item in data["items"]] == ["Marseille letter"]

    @pytest.mark.parametrize("parameter", ["city", "institution", "theme"])
    def test_an_unknown_value_is_a_400_naming_the_parameter(self, client, tree, two_cities, parameter):
        data = get(client, PAGES, status=400, **{parameter: "atlantis"})
        assert parameter in data["message"]
        assert "atlantis" in data["message"]

    def test_a_closed_page_is_not_found_through_a_filter(self, client, tree, two_cities):
        secret = artifact(tree, title="Secret Marseille letter")
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
        assert "Secret Marseille letter" not in listed(client, city="marseille")


# --- Nothing closed ----------------------------------------------------------------------

CLOSED_RECORDINGS = {
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
}


def closed_page(tree, state: str) -> Page:
    if state == "draft":
        return artifact(tree, title="Closed", live=False)
    if state in ("password", "login"):
        page = artifact(tree, title="Closed")
        PageViewRestriction.objects.create(
            page=page, restriction_type=state, password="pw" if state == "password" else ""
        )
        return page
    if state == "restricted ancestor":
        parent = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Private")
        PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
        return artifact(tree, parent=parent, title="Closed")
    if state == "unpublished parent":
        parent = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Withdrawn set")
        page = artifact(tree, parent=parent, title="Closed")
        parent.unpublish()
        return page
    consent = dict(CLOSED_RECORDINGS[state])
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Closed")
    if consent["scope"] == Scope.COMMUNITY:
        consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
    RecordingFactory(page=page, **consent)
    return page


CLOSED_STATES = ["draft", "password", "login", "restricted ancestor", "unpublished parent", *CLOSED_RECORDINGS]


@pytest.mark.django_db
class TestNothingClosed:
    @pytest.mark.parametrize("state", CLOSED_STATES)
    def test_a_closed_page_is_not_listed_and_its_detail_is_404(self, client, tree, state):
        page = closed_page(tree, state)
        artifact(tree, title="Open artifact")
        public = OralHistoryPageFactory(parent=tree.oral_histories, title="Public recording")
        RecordingFactory(page=public, scope=Scope.PUBLIC)

        titles = listed(client)
        assert "Closed" not in titles
        assert {"Open artifact", "Public recording", "Letters"} <= titles
        assert "Closed" not in listed(client, type=f"{page._meta.app_label}.{type(page).__name__}")
        assert get(client, f"{PAGES}{page.pk}/", status=404)["message"]
        assert get(client, f"{PAGES}{public.pk}/")["title"] == "Public recording"
        # Nor found by its path, nor used as a parent to list from.
        assert client.get(f"{PAGES}find/", {"id": page.pk}).status_code == 404
        assert client.get(PAGES, {"child_of": page.pk}).status_code == 400

    def test_an_oral_history_not_yet_recorded_is_listed(self, client, tree):
        OralHistoryPageFactory(parent=tree.oral_histories, title="Not yet recorded")
        assert "Not yet recorded" in listed(client, type="oral_histories.OralHistoryPage")

    def test_a_visitor_who_passed_the_password_or_logged_in_sees_no_more(self, client, tree):
        by_password = artifact(tree, title="Behind a password")
        restriction = PageViewRestriction.objects.create(
            page=by_password, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )
        members_only = artifact(tree, title="Members only")
        PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
        session = client.session
        session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
        session.save()
        client.force_login(get_user_model().objects.create_user("visitor", password="pw"))
        # The site itself lets this visitor in …
        assert client.get(by_password.url).status_code == 200
        assert client.get(members_only.url).status_code == 200
        # … the API does not: it publishes only what anyone may see.
        assert not {"Behind a password", "Members only"} & listed(client)
        assert client.get(f"{PAGES}{by_password.pk}/").status_code == 404
        assert client.get(f"{PAGES}{members_only.pk}/").status_code == 404


@pytest.mark.django_db
class TestOralHistoryRecording:
    def test_a_public_recording_gives_its_media_url_and_transcript(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving")
        recording = recording_with_transcripts(
            page,
            seconds=4,
            transcripts={"fr": [(0, 1.5, "Leila", "Nous sommes arrivés."), (2, 3.5, "Leila", "Au port.")]},
        )
        data = get(client, f"{PAGES}{page.pk}/", lang="fr")
        assert data["recording"]["media_url"].endswith(f"/fr/recordings/{recording.pk}/media")
        [transcript] = data["recording"]["transcripts"]
        assert [s["text"] for s in transcript["segments"]] == ["Nous sommes arrivés.", "Au port."]
        # The media URL is the consent-checking view, and it plays.
        assert data["recording"]["media_url"].startswith("http://testserver/")  # the answering host
        media = client.get(data["recording"]["media_url"].removeprefix("http://testserver"))
        assert media.status_code == 200
        assert "private-media" not in str(data) and "recordings/20" not in str(data)

    def test_redacted_passages_are_left_out_and_the_unredacted_master_is_not_offered(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving")
        recording = recording_with_transcripts(
            page, seconds=4, transcripts={"fr": [(0, 1.5, "Leila", "Mon voisin Karim."), (2, 3.5, "Leila", "Au port.")]}
        )
        RedactedRange.objects.create(recording=recording, start=0, end=1.6, reason="A name")
        data = get(client, f"{PAGES}{page.pk}/")
        [transcript] = data["recording"]["transcripts"]
        assert [s["text"] for s in transcript["segments"]] == ["[passage non communiqué]", "Au port."]
        assert "Karim" not in str(data)
        assert data["recording"]["media_url"] is None  # no access copy made yet: nothing to play

    def test_the_recording_is_not_in_listings(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving")
        recording_with_transcripts(page, seconds=2, transcripts={"fr": [(0, 1, "Leila", "Bonjour.")]})
        assert client.get(PAGES, {"type": "oral_histories.OralHistoryPage", "fields": "recording"}).status_code == 400
        data = get(client, PAGES, type="oral_histories.OralHistoryPage", fields="*")
        assert "recording" not in data["items"][0]
        assert "Bonjour" not in str(data)


# --- Images, documents, media ------------------------------------------------------------


def ids(client, url, **params) -> set[int]:
    return {item["id"] for item in get(client, url, limit=20, **params)["items"]}


@pytest.mark.django_db
class TestImagesAndDocuments:
    def test_only_images_used_by_open_pages_are_listed(self, client, tree):
        public_image = ImageFactory(title="On show")
        private_image = ImageFactory(title="In the back room")
        unused = ImageFactory(title="Unused")
        ArtifactImageFactory(page=artifact(tree, title="Public"), image=public_image)
        secret = artifact(tree, title="Secret")
        ArtifactImageFactory(page=secret, image=private_image)
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

        assert ids(client, "/api/v2/images/") == {public_image.pk}
        assert get(client, f"/api/v2/images/{public_image.pk}/")["title"] == "On show"
        assert client.get(f"/api/v2/images/{private_image.pk}/").status_code == 404
        assert client.get(f"/api/v2/images/{unused.pk}/").status_code == 404

    def test_an_image_used_by_both_a_public_and_a_closed_page_is_listed(self, client, tree):
        shared = ImageFactory()
        ArtifactImageFactory(page=artifact(tree), image=shared)
        ArtifactImageFactory(page=artifact(tree, live=False), image=shared)
        assert ids(client, "/api/v2/images/") == {shared.pk}

    def test_images_of_every_open_page_kind_are_listed(self, client, tree):
        hero, cover, in_story, in_french_story, in_draft_story = (ImageFactory() for _ in range(5))
        city = PartnerCityPageFactory(parent=tree.partners, hero_image=hero)
        CollectionPageFactory(parent=tree.collections, institution=tree.institution, cover_image=cover)
        ExhibitionPageFactory(
            parent=tree.exhibitions,
            body_en=story(image(in_story, alt_text="A quay")),
            body_fr=story(image(in_french_story, alt_text="Un quai")),
        )
        ExhibitionPageFactory(parent=tree.exhibitions, live=False, body_en=story(image(in_draft_story, alt_text="x")))
        assert ids(client, "/api/v2/images/") == {hero.pk, cover.pk, in_story.pk, in_french_story.pk}
        # Nested in the page, it links to the images endpoint.
        data = get(client, f"{PAGES}{city.pk}/")
        assert data["hero_image"]["id"] == hero.pk
        assert data["hero_image"]["meta"]["detail_url"].endswith(f"/api/v2/images/{hero.pk}/")

    def test_an_image_only_in_an_unpublished_revision_of_an_open_page_is_not_listed(self, client, tree):
        city = PartnerCityPageFactory(parent=tree.partners)
        city.save_revision().publish()
        draft_image = ImageFactory()
        city.hero_image = draft_image
        city.save_revision()  # a draft: the live page has no image yet
        assert ids(client, "/api/v2/images/") == set()
        city.get_latest_revision().publish()
        assert ids(client, "/api/v2/images/") == {draft_image.pk}

    def test_only_documents_linked_from_open_pages_are_listed(self, client, tree):
        public_doc = wagtail_factories.DocumentFactory(title="Catalogue")
        private_doc = wagtail_factories.DocumentFactory(title="Loan agreement")
        wagtail_factories.DocumentFactory(title="Unlinked")
        artifact(tree, description_en=f'<p>See the <a linktype="document" id="{public_doc.pk}">catalogue</a>.</p>')
        secret = artifact(tree, description_en=f'<p><a linktype="document" id="{private_doc.pk}">loan</a></p>')
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")

        assert ids(client, "/api/v2/documents/") == {public_doc.pk}
        assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404

    def test_media_not_used_by_any_open_page_is_not_listed(self, client, tree):
        media = get_media_model().objects.create(
            title="Harbour sounds", file=ContentFile(b"RIFF", name="harbour.wav"), type="audio", duration=1
        )
        assert ids(client, "/api/v2/media/") == set()
        assert client.get(f"/api/v2/media/{media.pk}/").status_code == 404

    def test_consent_forms_are_nowhere(self, client, tree):
        page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving")
        RecordingFactory(page=page, consent_form=ContentFile(b"%PDF-1.4", name="signed.pdf"))
        everything = str(get(client, f"{PAGES}{page.pk}/")) + str(get(client, "/api/v2/documents/"))
        assert "consent" not in everything.lower()
        assert "signed" not in everything


# --- CORS --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,status",
    [
        (PAGES, 200),
        (f"{PAGES}?lang=xx", 400),
        (f"{PAGES}999999/", 404),
        ("/api/v2/images/?lang=fr", 200),
        ("/api/v2/documents/", 200),
        ("/api/v2/media/", 200),
    ],
)
def test_any_origin_may_read_it(client, tree, url, status):
    response = client.get(url, HTTP_ORIGIN="https://partner.example")
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db
def test_a_preflight_request_is_answered(client, tree):
    response = client.options(PAGES, HTTP_ORIGIN="https://partner.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


# --- Every page type ---------------------------------------------------------------------


@pytest.fixture
def exhibition(tree, two_cities):
    hkm = two_cities.institutions.get()
    on_show = artifact(tree, title="On show")
    private = artifact(tree, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = closed_page(tree, "withdrawn")
    page = ExhibitionPageFactory(
        parent=tree.exhibitions,
        title="Two harbours",
        title_fr="Deux ports",
        co_curators=[tree.institution, hkm],
        body_en=story(showcase(on_show, private), clip(withdrawn, introduction="Her words.")),
    )
    CuratorCreditFactory(exhibition=page, institution=hkm, role_en="Lead curator", role_fr="Commissaire")
    ExhibitionVenueFactory(exhibition=page, city=tree.city, venue_en="Fort Saint-Jean")
    return SimpleNamespace(page=page, on_show=on_show, private=private, withdrawn=withdrawn)


@pytest.mark.django_db
def test_an_exhibition_gives_its_partners_venues_and_story_without_closed_pages(client, tree, exhibition):
    data = get(client, f"{PAGES}{exhibition.page.pk}/", lang="fr")
    assert data["title"] == "Deux ports"
    assert {i["code"] for i in data["co_curators"]} == {"mmp", "hkm"}
    assert data["curator_credits"][0]["role"] == "Commissaire"
    assert data["venues"][0]["city"]["slug"] == "marseille"
    showcase_block, clip_block = data["body"]
    assert [item["artifact"] for item in showcase_block["value"]["items"]] == [exhibition.on_show.pk, None]
    assert clip_block["value"]["oral_history"] is None
    assert sorted(data["facets"]["city"]) == ["hamburg", "marseille"]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "fr", "de", "ar"])
def test_every_open_page_answers_in_every_language(client, tree, exhibition, code):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="Arriving", institution=tree.institution)
    recording_with_transcripts(page, seconds=2, transcripts={"fr": [(0, 1, "Leila", "Bonjour.")]})
    listing = get(client, PAGES, lang=code, fields="*", limit=20)
    assert listing["meta"]["total_count"] > 10
    for item in listing["items"]:
        data = get(client, f"{PAGES}{item['id']}/", lang=code)
        assert data["title"] == item["title"]
        assert data["html_urls"][code] == item["html_urls"][code]
        assert data["meta"]["html_url"] == item["meta"]["html_url"] == item["html_urls"][code]
        assert f"/{code}/" in data["meta"]["html_url"]


@pytest.mark.django_db
def test_the_pages_listing_costs_the_same_queries_for_3_or_30_artifacts(client, tree, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        artifact(tree)
    url = f"{PAGES}?type=archive.ArtifactPage&city=marseille&lang=fr&fields=translations,html_urls&limit=20"
    client.get(url)  # warm the content type and site caches
    with CaptureQueriesContext(connection) as small:
        assert get(client, url)["meta"]["total_count"] == 3
    for _ in range(27):
        artifact(tree)
    with django_assert_num_queries(len(small.captured_queries)):
        assert get(client, url)["meta"]["total_count"] == 30
