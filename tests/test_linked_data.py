"""Link previews (Open Graph, Twitter cards), canonical URLs and schema.org JSON-LD.

Each page type says what it is in the visitor's language; nothing closed leaks: a
private page has no description, image or JSON-LD, and a recording that is not public
gives neither its media nor its duration (nor, ever, its transcript).
"""

import datetime
import json
from decimal import Decimal
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from archive.linked_data import is_artwork
from exhibitions.models import CuratorCredit, ExhibitionPage, ExhibitionVenue
from heritage.factories import (
    ImageFactory,
    InstitutionFactory,
    PartnerCityPageFactory,
    PersonFactory,
    PlaceFactory,
    RightsStatementFactory,
    ThemeFactory,
)
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import Scope

SERVER = "http://testserver"


class Head(HTMLParser):
    """The page's <link rel=canonical>, <meta> tags and JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: list[str] = []
        self.scripts: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.append((attrs.get("property") or attrs["name"], attrs.get("content", "")))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.scripts[-1] += data

    def values(self, key: str) -> list[str]:
        return [content for name, content in self.meta if name == key]

    def one(self, key: str) -> str | None:
        values = self.values(key)
        assert len(values) <= 1, f"{key} appears {len(values)} times"
        return values[0] if values else None

    @property
    def json_ld(self) -> dict | None:
        assert len(self.scripts) <= 1
        return json.loads(self.scripts[0]) if self.scripts else None


def head(client, url: str, *, status: int = 200) -> Head:
    response = client.get(url)
    assert response.status_code == status, url
    parser = Head()
    parser.feed(response.content.decode())
    parser.raw = response.content.decode()
    return parser


@pytest.fixture
def rights(db):
    return RightsStatementFactory(code="CC-BY-4.0", family="cc", uri="https://creativecommons.org/licenses/by/4.0/")


@pytest.fixture
def photograph(tree, rights):
    tree.city.latitude, tree.city.longitude = Decimal("43.2965"), Decimal("5.3698")
    tree.city.save_revision().publish()
    page = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Dockers at noon",
        title_fr="Dockers à midi",
        slug="dockers",
        slug_fr="dockers-a-midi",
        description_en="<p>Three dockers <b>resting</b> on the quay &amp; a boat.</p>",
        object_type_en="Photograph",
        object_type_fr="Photographie",
        materials_en="silver gelatin print, card",
        earliest_year=1952,
        latest_year=1952,
        accession_number="MHM.1952.7",
        rights=rights,
        rights_holder_en="Studio Dalmas",
    )
    page.makers.add(PersonFactory(name_en="Marius Dalmas"))
    page.places.add(PlaceFactory(name_en="Quai du Port", latitude=43.2951, longitude=5.3736))
    page.themes.add(ThemeFactory(name_en="Work"))
    page.save()
    ArtifactImageFactory(page=page, alt_text_en="Three men sit on bollards", caption_en="The old harbour, 1952")
    ArtifactImageFactory(page=page, alt_text_en="The back of the print")
    return page


@pytest.mark.django_db
class TestArtifact:
    def test_a_photograph_is_a_visual_artwork_with_its_facts(self, client, photograph):
        data = head(client, "/fr/collections/letters/dockers-a-midi/").json_ld
        url = f"{SERVER}/fr/collections/letters/dockers-a-midi/"
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "VisualArtwork"
        assert data["url"] == data["@id"] == url
        assert data["name"] == "Dockers à midi"
        assert {"@value": "Dockers at noon", "@language": "en"} in data["alternateName"]
        assert data["inLanguage"] == "fr"
        assert data["description"] == "Three dockers resting on the quay & a boat."
        assert data["dateCreated"] == "1952"
        assert "temporalCoverage" not in data
        assert data["artform"] == "Photographie"
        assert data["material"] == data["artMedium"] == ["silver gelatin print", "card"]
        assert data["creator"] == [{"@type": "Person", "name": "Marius Dalmas"}]
        assert data["contentLocation"] == [
            {
                "@type": "Place",
                "name": "Quai du Port",
                "geo": {"@type": "GeoCoordinates", "latitude": 43.2951, "longitude": 5.3736},
            }
        ]
        assert data["provider"] == {
            "@type": "Organization",
            "name": "Museum of Harbour Memories",
            "address": {"@type": "PostalAddress", "addressLocality": "Marseille", "addressCountry": "FR"},
        }
        assert data["identifier"] == "MHM.1952.7"
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert data["copyrightHolder"] == {"@type": "Organization", "name": "Studio Dalmas"}
        assert data["keywords"] == ["Work"]
        assert [image["caption"] for image in data["image"]] == ["The old harbour, 1952", "The back of the print"]
        for image in data["image"]:
            assert image["@type"] == "ImageObject"
            assert image["contentUrl"].startswith(f"{SERVER}/media/images/")

    def test_an_object_that_is_not_an_artwork_is_a_creative_work_over_its_period(self, client, tree):
        ticket = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            object_type_en="Ferry ticket",
            materials_en="paper",
            earliest_year=1950,
            latest_year=1959,
        )
        data = head(client, ticket.url).json_ld
        assert data["@type"] == "CreativeWork"
        assert data["genre"] == "Ferry ticket"
        assert data["temporalCoverage"] == "1950/1959"
        assert data["material"] == ["paper"]
        assert "artMedium" not in data and "artform" not in data and "dateCreated" not in data
        assert "image" not in data and "license" not in data

    @pytest.mark.parametrize(
        ("object_type", "artwork"),
        [("Photograph", True), ("oil paintings", True), ("Poster (print)", True), ("Letter", False), ("", False)],
    )
    def test_which_object_types_are_artworks(self, object_type, artwork):
        assert is_artwork(object_type) is artwork


@pytest.mark.django_db
class TestOpenGraph:
    def test_an_artifact_has_its_tags_in_the_visitors_language(self, client, photograph):
        page = head(client, "/fr/collections/letters/dockers-a-midi/")
        url = f"{SERVER}/fr/collections/letters/dockers-a-midi/"
        assert page.canonical == [url]
        assert page.one("og:url") == url
        assert page.one("og:type") == "article"
        assert page.one("og:title") == page.one("twitter:title") == "Dockers à midi"
        assert page.one("og:site_name") == "Heritage Commons"
        assert page.one("og:locale") == "fr_FR"
        assert sorted(page.values("og:locale:alternate")) == ["ar_AR", "de_DE", "en_GB"]
        assert page.one("og:description") == "Three dockers resting on the quay & a boat."
        image = page.one("og:image")
        assert image.startswith(f"{SERVER}/media/images/") and ".fill-1200x630" in image
        assert page.one("twitter:image") == image
        assert page.one("og:image:alt") == "Three men sit on bollards"  # the first image's
        assert page.one("twitter:card") == "summary_large_image"

    def test_each_language_has_its_own_canonical_url_and_locale(self, client, photograph):
        for code, locale in (("en", "en_GB"), ("de", "de_DE"), ("ar", "ar_AR")):
            page = head(client, f"/{code}/collections/letters/dockers/")
            assert page.canonical == [f"{SERVER}/{code}/collections/letters/dockers/"]
            assert page.one("og:locale") == locale
            assert locale not in page.values("og:locale:alternate")
            assert len(page.values("og:locale:alternate")) == 3

    def test_the_canonical_url_leaves_out_the_query_string(self, client, tree):
        page = head(client, f"{tree.collection.url}?theme=work&page=2")
        assert page.canonical == [f"{SERVER}/en/collections/letters/"]

    def test_a_page_without_an_image_has_a_summary_card(self, client, tree):
        page = head(client, "/en/")
        assert page.one("og:type") == "website"
        assert page.one("og:image") is None
        assert page.one("twitter:card") == "summary"

    def test_an_exhibition_shows_its_hero_image_and_introduction(self, client, tree):
        exhibition = make_exhibition(tree, hero=True)
        page = head(client, exhibition.url)
        assert page.one("og:description") == "Two cities tell one story of the sea."
        assert ".fill-1200x630" in page.one("og:image")
        assert page.one("og:image:alt") == "A ship's bell"

    def test_a_long_description_is_cut_short(self, client, tree):
        long = ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, description_en=f"<p>{'word ' * 200}</p>"
        )
        description = head(client, long.url).one("og:description")
        assert len(description) <= 200 and description.endswith("…")

    def test_the_search_description_comes_first(self, client, tree):
        ticket = ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, search_description_en="A ticket for one crossing."
        )
        assert head(client, ticket.url).one("og:description") == "A ticket for one crossing."


@pytest.mark.django_db
@pytest.mark.parametrize("restriction", ["password", "login", "groups"])
def test_a_private_page_gives_away_no_description_image_or_linked_data(client, photograph, restriction):
    user = get_user_model().objects.create_superuser(username="curator", password="pw")
    view_restriction = PageViewRestriction.objects.create(
        page=photograph.get_parent(), restriction_type=restriction, password="pw"
    )
    if restriction == "groups":
        from django.contrib.auth.models import Group

        group = Group.objects.create(name="Readers")
        view_restriction.groups.add(group)
        user.groups.add(group)
    client.force_login(user)
    if restriction == "password":
        session = client.session
        session[view_restriction.passed_view_restrictions_session_key] = [view_restriction.pk]  # as its form does
        session.save()
    page = head(client, photograph.url)
    assert page.canonical == [f"{SERVER}{photograph.url}"]
    assert page.one("og:title") == "Dockers at noon"
    assert page.one("og:description") is None and page.one("og:image") is None
    assert page.json_ld is None
    assert "Three dockers" not in "".join(content for _name, content in page.meta)


@pytest.mark.django_db
def test_a_title_cannot_close_the_script(client, tree):
    title = 'Evil</script><script>alert("x")</script> & <!--'
    artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title=title)
    page = head(client, artifact.url)
    start = page.raw.index('<script type="application/ld+json">')
    end = page.raw.index("</script>", start)
    inside = page.raw[start:end]
    assert "<" not in inside[len('<script type="application/ld+json">') :]
    assert page.json_ld["name"] == title  # escaped, not altered
    assert page.one("og:title") == title
    assert "<script>alert" not in page.raw


# --- Oral histories ------------------------------------------------------------------------

LINES = [
    (0.0, 4.0, "Fatma", "Je suis arrivée au port en 1962."),
    (4.0, 8.0, "Fatma", "Nous chantions le soir sur le quai."),
]

CLOSED = {
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
}


def oral_history(tree, **consent):
    page = OralHistoryPageFactory(
        parent=tree.oral_histories,
        title="The quay at night",
        slug="the-quay",
        summary_en="<p>Fatma remembers the <i>evenings</i> on the quay.</p>",
        recorded_on=datetime.date(2024, 5, 17),
        place=PlaceFactory(name_en="Quai de la Joliette", latitude=43.3064, longitude=5.3656),
        interviewer=PersonFactory(name_en="Leïla Haddad"),
        institution=tree.institution,
        languages_spoken="aeb, fr",
    )
    page.narrators.add(PersonFactory(name_en="Fatma Ben Salah"))
    page.save()
    if consent.get("scope") == Scope.COMMUNITY:
        consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
    recording = RecordingFactory(page=page, duration=3725.0, **consent)
    TranscriptFactory(recording=recording, language="fr", lines=LINES)
    TranscriptFactory(recording=recording, language="en", is_original=False, lines=[(0.0, 4.0, "", "I arrived.")])
    return page


@pytest.mark.django_db
class TestOralHistory:
    def test_a_public_recording_gives_its_media_and_duration(self, client, tree):
        page = oral_history(tree, scope=Scope.PUBLIC)
        parsed = head(client, page.url)
        data = parsed.json_ld
        assert data["@type"] == "CreativeWork"
        assert data["name"] == "The quay at night"
        assert data["description"] == "Fatma remembers the evenings on the quay."
        assert data["dateCreated"] == "2024-05-17"
        assert data["creator"] == [{"@type": "Person", "name": "Fatma Ben Salah"}]
        assert data["contributor"] == {
            "@type": "Role",
            "roleName": "Interviewer",
            "contributor": {"@type": "Person", "name": "Leïla Haddad"},
        }
        assert data["locationCreated"]["name"] == "Quai de la Joliette"
        assert data["locationCreated"]["geo"]["latitude"] == 43.3064
        assert data["sourceOrganization"]["name"] == "Museum of Harbour Memories"
        assert data["inLanguage"] == ["aeb", "fr", "en"]  # spoken, then the transcripts'
        media = data["associatedMedia"]
        assert media["@type"] == "AudioObject"
        assert media["contentUrl"] == f"{SERVER}/en/recordings/{page.recording.pk}/media"
        assert media["duration"] == "PT1H2M5S"
        assert media["encodingFormat"] == "audio/wav"
        assert client.get(media["contentUrl"].removeprefix(SERVER)).status_code == 200
        # The transcript is the page's, never the linked data's.
        assert "arrivée" not in parsed.scripts[0] and "chantions" not in parsed.scripts[0]
        assert "transcript" not in data

    @pytest.mark.parametrize("kind", list(CLOSED))
    def test_a_closed_recording_gives_no_media_duration_or_transcript(self, client, tree, kind):
        page = oral_history(tree, **CLOSED[kind])
        parsed = head(client, page.url)
        data = parsed.json_ld
        script = parsed.scripts[0]
        assert data["@type"] == "CreativeWork"
        assert data["name"] == "The quay at night"
        assert data["description"] == "Fatma remembers the evenings on the quay."
        for leak in ("contentUrl", "duration", "associatedMedia", "encodingFormat", "/media", "PT1H", "transcript"):
            assert leak not in script, leak
        for line in ("arrivée", "chantions", "I arrived"):
            assert line not in script
        assert data["inLanguage"] == ["aeb", "fr"]  # spoken only: which transcripts exist is not said
        assert data["conditionsOfAccess"]
        assert "isAccessibleForFree" not in data
        # The link preview says no more than the page.
        assert parsed.one("og:description") == "Fatma remembers the evenings on the quay."

    def test_a_withdrawn_recording_has_no_linked_data_or_description(self, client, tree):
        page = oral_history(tree, withdrawn_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
        parsed = head(client, page.url, status=410)
        assert parsed.json_ld is None
        assert parsed.one("og:description") is None
        assert "Fatma" not in "".join(content for _name, content in parsed.meta)
        assert parsed.one("og:title") == "The quay at night"


# --- Exhibitions, cities, home ---------------------------------------------------------------


def make_exhibition(tree, *, hero: bool = False) -> ExhibitionPage:
    with translation.override("en"):
        tunis = PartnerCityPageFactory(
            parent=tree.partners,
            title="Tunis",
            slug="tunis",
            country_code="TN",
            latitude=Decimal("36.8065"),
            longitude=Decimal("10.1815"),
        )
        tree.city.latitude, tree.city.longitude = Decimal("43.2965"), Decimal("5.3698")
        tree.city.save_revision().publish()
        library = InstitutionFactory(city=tunis, name_en="Medina Library", kind="library")
        exhibition = ExhibitionPage(
            title="Sea of Letters",
            slug="sea-of-letters",
            introduction_en="Two cities tell one story of the sea.",
            hero_image=ImageFactory() if hero else None,
            hero_image_alt_en="A ship's bell" if hero else "",
        )
        exhibition.venues = [
            ExhibitionVenue(
                city=tree.city,
                venue="Fort Saint-Jean",
                institution=tree.institution,
                opens_on=datetime.date(2026, 3, 1),
                closes_on=datetime.date(2026, 6, 30),
            ),
            ExhibitionVenue(
                city=tunis,
                venue="Dar Lasram",
                opens_on=datetime.date(2026, 9, 1),
                closes_on=datetime.date(2026, 12, 20),
            ),
        ]
        exhibition.curator_credits = [
            CuratorCredit(person=PersonFactory(name_en="Nadia Trabelsi"), institution=library, role_en="Lead curator"),
            CuratorCredit(
                person=PersonFactory(name_en="Paul Roux"), institution=tree.institution, role_en="Oral histories"
            ),
        ]
        tree.exhibitions.add_child(instance=exhibition)
        exhibition.co_curators.set([tree.institution, library])
        exhibition.save_revision().publish()
        return ExhibitionPage.objects.get(pk=exhibition.pk)


@pytest.mark.django_db
def test_an_exhibition_is_an_exhibition_event_at_each_venue_and_online(client, tree):
    exhibition = make_exhibition(tree)
    data = head(client, exhibition.url).json_ld
    url = f"{SERVER}/en/exhibitions/sea-of-letters/"
    assert data["@type"] == "ExhibitionEvent"
    assert data["name"] == "Sea of Letters"
    assert data["description"] == "Two cities tell one story of the sea."
    assert (data["startDate"], data["endDate"]) == ("2026-03-01", "2026-12-20")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["inLanguage"] == "en" and data["url"] == url
    online, fort, medina = data["location"]
    assert online == {"@type": "VirtualLocation", "url": url}
    assert fort == {
        "@type": "Place",
        "name": "Fort Saint-Jean",
        "address": {"@type": "PostalAddress", "addressLocality": "Marseille", "addressCountry": "FR"},
        "geo": {"@type": "GeoCoordinates", "latitude": 43.2965, "longitude": 5.3698},
    }
    assert medina["address"]["addressLocality"] == "Tunis" and medina["geo"]["latitude"] == 36.8065
    assert {(o["@type"], o["name"], o["address"]["addressLocality"]) for o in data["organizer"]} == {
        ("Organization", "Museum of Harbour Memories", "Marseille"),
        ("Library", "Medina Library", "Tunis"),
    }
    lead = data["contributor"][0]
    assert lead["@type"] == "Role" and lead["roleName"] == "Lead curator"
    assert lead["contributor"]["@type"] == "Person" and lead["contributor"]["name"] == "Nadia Trabelsi"
    assert lead["contributor"]["affiliation"]["name"] == "Medina Library"
    assert [(e["startDate"], e["endDate"], e["location"]["name"]) for e in data["subEvent"]] == [
        ("2026-03-01", "2026-06-30", "Fort Saint-Jean"),
        ("2026-09-01", "2026-12-20", "Dar Lasram"),
    ]


@pytest.mark.django_db
def test_a_partner_city_is_a_city_in_its_country(client, tree):
    tree.city.latitude, tree.city.longitude = Decimal("43.2965"), Decimal("5.3698")
    tree.city.country_fr = "France"
    tree.city.summary_en = "A port city."
    tree.city.save_revision().publish()
    data = head(client, "/fr/partners/marseille/").json_ld
    assert data["@type"] == "City"
    assert data["name"] == "Marseille"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.2965, "longitude": 5.3698}
    assert data["containedInPlace"] == {"@type": "Country", "name": "France", "identifier": "FR"}
    assert data["url"] == f"{SERVER}/fr/partners/marseille/"


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_home_page_is_the_website_with_its_search(client, tree, code):
    data = head(client, f"/{code}/").json_ld
    assert data["@type"] == "WebSite"
    assert data["url"] == f"{SERVER}/{code}/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SERVER}/{code}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert client.get(f"/{code}/search/?q=port").status_code == 200
