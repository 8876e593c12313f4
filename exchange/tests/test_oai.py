"""OAI-PMH 2.0 at /oai/: what a harvester gets, what it never gets, and what it is told
when something it harvested closes."""

from __future__ import annotations

import datetime
import io
import re

from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import IdDoesNotExist, NoRecordsMatch

from archive.factories import ArtifactPageFactory, CollectionPageFactory, CommunityPerspectiveFactory
from conftest import build_tree, count_queries
from exchange.models import HarvestRecord
from exchange.oai import records as oai_records
from exchange.oai.views import TOKEN_SALT
from heritage.factories import InstitutionFactory, PersonFactory, PlaceFactory, RightsStatementFactory, ThemeFactory
from heritage.models import Person, Place, Theme
from heritage.signals import pages_changed
from oral_histories.factories import (
    CommunityFactory,
    OralHistoryPageFactory,
    RecordingFactory,
    recording_with_transcripts,
)
from oral_histories.models import Scope

REPO = "heritage.example.org"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("en", "fr", "de", "ar")
DATESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture(autouse=True)
def oai_settings(settings):
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = REPO
    settings.HERITAGE_OAI_PAGE_SIZE = 3
    return settings


def rebuild() -> str:
    out = io.StringIO()
    call_command("oai_records", "rebuild", stdout=out)
    return out.getvalue()


def oai_id(page) -> str:
    return f"oai:{REPO}:{page.pk}"


def publish(page, commit=None):
    page.save_revision().publish()
    if commit is not None:
        commit()
    page.refresh_from_db()
    return page


def full_artifact(tree, **kwargs):
    """An artifact with every field a harvester reads, in all four languages."""
    fields = {
        "title": "Ferry ticket",
        "title_fr": "Billet de ferry",
        "title_de": "Fährkarte",
        "title_ar": "تذكرة العبّارة",
        "slug": "ferry-ticket",
        "accession_number": "MMP.1962.7",
        "description_en": "<p>A <b>ticket</b> from Tunis to Marseille.</p>",
        "description_fr": "<p>Un billet de Tunis à Marseille.</p>",
        "description_de": "<p>Eine Fahrkarte von Tunis nach Marseille.</p>",
        "description_ar": "<p>تذكرة من تونس إلى مرسيليا.</p>",
        "object_type_en": "Ticket",
        "object_type_fr": "Billet",
        "materials_en": "Paper",
        "materials_de": "Papier",
        "dimensions_en": "8 × 5 cm",
        "date_text_en": "Summer 1962",
        "date_text_fr": "Été 1962",
        "earliest_year": 1962,
        "latest_year": 1963,
        "rights": RightsStatementFactory(code="CC-BY-4.0", uri="https://creativecommons.org/licenses/by/4.0/"),
        "rights_holder_en": "Hamdi family",
        **kwargs,
    }
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, **fields)
    page.themes.add(
        Theme.objects.filter(slug="crossings").first()
        or ThemeFactory(slug="crossings", name_en="Crossings", name_fr="Traversées")
    )
    page.places.add(
        Place.objects.filter(slug="tunis").first() or PlaceFactory(slug="tunis", name_en="Tunis", name_ar="تونس")
    )
    page.makers.add(
        Person.objects.filter(slug="cmn").first() or PersonFactory(slug="cmn", name_en="Compagnie de navigation mixte")
    )
    page.save()
    CommunityPerspectiveFactory(page=page, language="aeb")
    return page


def artifact(tree, **kwargs):
    kwargs.setdefault("institution", tree.institution)
    return ArtifactPageFactory(parent=tree.collection, **kwargs)


def oral_history(tree, slug: str, **consent):
    page = OralHistoryPageFactory(
        parent=tree.oral_histories, title=slug.title(), slug=slug, institution=tree.institution
    )
    if consent.pop("recording", True):
        if consent.get("scope") == Scope.COMMUNITY:
            consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
        RecordingFactory(page=page, **consent)
    return page


def get(client, **params):
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return etree.fromstring(response.content)


def error_of(root) -> tuple[str, str] | None:
    error = root.find("oai:error", NS)
    return None if error is None else (error.get("code"), error.text)


def identifiers(root) -> list[str]:
    return [node.text for node in root.iterfind(".//oai:header/oai:identifier", NS)]


def harvest_identifiers(client, **params) -> list[str]:
    """Every identifier of a list verb, through all its resumption tokens."""
    root = get(client, **params)
    if error_of(root) and error_of(root)[0] == "noRecordsMatch":
        return []
    assert error_of(root) is None, error_of(root)
    found = identifiers(root)
    verb = params["verb"]
    while (token := root.find(".//oai:resumptionToken", NS)) is not None and token.text:
        root = get(client, verb=verb, resumptionToken=token.text)
        assert error_of(root) is None, error_of(root)
        found += identifiers(root)
    return found


def dc_values(record_xml, element: str) -> dict[str, list[str]]:
    """``{xml:lang or "": [values]}`` of one Dublin Core element in a record."""
    values: dict[str, list[str]] = {}
    for node in record_xml.iterfind(f".//dc:{element}", NS):
        values.setdefault(node.get(XML_LANG, ""), []).append(node.text)
    return values


# Harvesting with Sickle against a live server --------------------------------------


@pytest.fixture
def live_tree(wagtail_root):
    return build_tree()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_root")
def test_a_harvester_gets_every_open_record_through_resumption_tokens(live_server, live_tree):
    tree = live_tree
    ticket = publish(full_artifact(tree))
    others = [publish(artifact(tree, title=f"Postcard {n}")) for n in range(6)]
    story = oral_history(tree, "the-quay", recording=False)
    recording_with_transcripts(story, seconds=2, transcripts={"fr": [(0, 1, "A", "Bonjour")]}, kind="video")
    story.narrators.add(PersonFactory(name_en="Sami Hamdi", name_ar="سامي حمدي"))
    story.interviewer = PersonFactory(name_en="Anne Martin")
    story.recorded_on = datetime.date(2019, 5, 4)
    story.languages_spoken = "aeb, fr"
    story.summary_en = "<p>Arriving at the <i>quay</i>.</p>"
    story.summary_fr = "<p>L’arrivée sur le quai.</p>"
    publish(story)
    publish(tree.collection)

    sickle = Sickle(live_server.url + "/oai/")
    harvested = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    expected = {oai_id(page) for page in [ticket, *others, story, tree.collection]}
    # 9 records at 3 a page: three responses, each record once.
    assert [record.header.identifier for record in harvested].count(oai_id(ticket)) == 1
    assert {record.header.identifier for record in harvested} == expected
    assert len(harvested) == 9
    assert all(DATESTAMP.match(record.header.datestamp) for record in harvested)

    by_id = {record.header.identifier: record for record in harvested}
    ticket_xml = by_id[oai_id(ticket)].xml
    assert dc_values(ticket_xml, "title") == {
        "en": ["Ferry ticket"],
        "fr": ["Billet de ferry"],
        "de": ["Fährkarte"],
        "ar": ["تذكرة العبّارة"],
    }
    assert dc_values(ticket_xml, "description") == {
        "en": ["A ticket from Tunis to Marseille."],
        "fr": ["Un billet de Tunis à Marseille."],
        "de": ["Eine Fahrkarte von Tunis nach Marseille."],
        "ar": ["تذكرة من تونس إلى مرسيليا."],
    }
    assert dc_values(ticket_xml, "type") == {"": ["PhysicalObject"], "en": ["Ticket"], "fr": ["Billet"]}
    assert dc_values(ticket_xml, "format") == {"en": ["Paper", "8 × 5 cm"], "de": ["Papier"]}
    assert dc_values(ticket_xml, "date") == {"en": ["Summer 1962"], "fr": ["Été 1962"], "": ["1962/1963"]}
    assert dc_values(ticket_xml, "subject") == {"en": ["Crossings"], "fr": ["Traversées"]}
    assert dc_values(ticket_xml, "coverage") == {"en": ["Tunis"], "ar": ["تونس"]}
    assert dc_values(ticket_xml, "creator") == {"en": ["Compagnie de navigation mixte"]}
    assert dc_values(ticket_xml, "publisher") == {"en": ["Museum of Harbour Memories"]}
    rights = dc_values(ticket_xml, "rights")
    assert rights[""] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert "Hamdi family" in rights["en"]
    assert dc_values(ticket_xml, "language") == {"": ["aeb"]}
    ids = dc_values(ticket_xml, "identifier")[""]
    assert ids[0] == "MMP.1962.7"
    assert {url.split("/")[3] for url in ids[1:]} == set(LANGUAGES)  # the page in each language
    # On the host the harvester asked (no HERITAGE_BASE_URL here), not the Site record's localhost.
    assert all(url.startswith(f"{live_server.url}/") and url.endswith("/ferry-ticket/") for url in ids[1:])

    story_xml = by_id[oai_id(story)].xml
    assert dc_values(story_xml, "type") == {"": ["MovingImage"]}
    assert dc_values(story_xml, "creator") == {"en": ["Sami Hamdi"], "ar": ["سامي حمدي"]}
    assert dc_values(story_xml, "contributor") == {"en": ["Anne Martin"]}
    assert dc_values(story_xml, "date") == {"": ["2019-05-04"]}
    assert dc_values(story_xml, "language") == {"": ["aeb", "fr"]}
    assert dc_values(story_xml, "description") == {"en": ["Arriving at the quay."], "fr": ["L’arrivée sur le quai."]}
    assert by_id[oai_id(story)].header.setSpecs == ["type:oral_history", "city:marseille", "institution:mmp"]

    # GetRecord answers the same record.
    single = sickle.GetRecord(identifier=oai_id(ticket), metadataPrefix="oai_dc")
    assert single.metadata["title"] == ["Ferry ticket", "Billet de ferry", "Fährkarte", "تذكرة العبّارة"]
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier=f"oai:{REPO}:999999", metadataPrefix="oai_dc")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_root")
def test_a_harvester_selects_by_set_and_date_and_reads_the_repository(live_server, live_tree):
    tree = live_tree
    elsewhere = InstitutionFactory(code="hmb", name_en="Hamburg Harbour Archive", name_de="Hafenarchiv Hamburg")
    ours = [publish(artifact(tree)) for _ in range(4)]
    theirs = publish(artifact(tree, institution=elsewhere))
    story = publish(oral_history(tree, "the-quay", scope=Scope.PUBLIC))
    old = HarvestRecord.objects.filter(page_id__in=[ours[0].pk, ours[1].pk])
    old.update(datestamp=datetime.datetime(2024, 3, 1, 12, 0, 0, tzinfo=datetime.UTC))

    sickle = Sickle(live_server.url + "/oai/")

    def listed(**params):
        try:
            return {header.identifier for header in sickle.ListIdentifiers(metadataPrefix="oai_dc", **params)}
        except NoRecordsMatch:
            return set()

    assert listed(set="institution:mmp") == {oai_id(page) for page in [*ours, story]}
    assert listed(set="institution:hmb") == {oai_id(theirs)}
    assert listed(set=f"city:{elsewhere.city.slug_en}") == {oai_id(theirs)}
    assert listed(set="city:marseille") == {oai_id(page) for page in [*ours, story]}
    assert listed(set="type:oral_history") == {oai_id(story)}
    assert listed(set="type") == {oai_id(page) for page in [*ours, theirs, story]}
    assert listed(set="city:nowhere") == set()
    assert listed(until="2024-03-01") == {oai_id(ours[0]), oai_id(ours[1])}
    assert listed(until="2024-03-01T11:59:59Z") == set()
    assert listed(**{"from": "2024-03-01T12:00:00Z", "until": "2024-03-01T12:00:00Z"}) == {
        oai_id(ours[0]),
        oai_id(ours[1]),
    }
    assert listed(**{"from": "2024-03-02"}) == {oai_id(page) for page in [*ours[2:], theirs, story]}
    assert listed(**{"from": "2024-01-01", "until": "2024-12-31", "set": "city:marseille"}) == {
        oai_id(ours[0]),
        oai_id(ours[1]),
    }

    identify = sickle.Identify()
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.protocolVersion == "2.0"
    assert identify.earliestDatestamp == "2024-03-01T12:00:00Z"
    assert identify.baseURL == live_server.url + "/oai/"
    assert identify.repositoryIdentifier == REPO

    formats = [fmt.metadataPrefix for fmt in sickle.ListMetadataFormats()]
    assert formats == ["oai_dc"]
    assert [fmt.metadataPrefix for fmt in sickle.ListMetadataFormats(identifier=oai_id(story))] == ["oai_dc"]
    with pytest.raises(IdDoesNotExist):
        list(sickle.ListMetadataFormats(identifier="oai:elsewhere:1"))

    sets = {item.setSpec: item for item in sickle.ListSets()}
    assert set(sets) == {
        "type",
        "type:artifact",
        "type:oral_history",
        "city",
        "city:marseille",
        f"city:{elsewhere.city.slug_en}",
        "institution",
        "institution:mmp",
        "institution:hmb",
    }
    assert sets["city:marseille"].setName == "Marseille"
    assert sets["institution:hmb"].setName == "Hamburg Harbour Archive"
    description = sets["institution:hmb"].xml
    assert dc_values(description, "title") == {"en": ["Hamburg Harbour Archive"], "de": ["Hafenarchiv Hamburg"]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_root")
def test_a_harvester_is_told_of_a_withdrawn_recording_as_a_deleted_record(live_server, live_tree):
    story = publish(oral_history(live_tree, "the-quay", scope=Scope.PUBLIC))
    recording = story.recording
    recording.withdrawn_at = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    recording.save()  # the consent signal → pages_changed, after commit

    sickle = Sickle(live_server.url + "/oai/")
    (record,) = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    assert record.header.identifier == oai_id(story)
    assert record.header.deleted
    assert record.xml.find(".//oai:metadata", NS) is None
    assert sickle.GetRecord(identifier=oai_id(story), metadataPrefix="oai_dc").deleted
    assert [header.deleted for header in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="city:marseille")] == [
        True
    ]


# Deleted records ------------------------------------------------------------------


def close_by_unpublishing(tree, page):
    page.unpublish()


def close_by_restricting(tree, page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def close_by_restricting_the_collection(tree, page):
    restriction = PageViewRestriction.objects.create(page=tree.collection, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Curators only"))


def close_by_unpublishing_the_collection(tree, page):
    tree.collection.unpublish()


def close_by_deleting(tree, page):
    page.delete()


def close_by_moving_under_a_draft(tree, page):
    draft = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Draft", live=False)
    page.move(draft, pos="last-child")


CLOSERS = [
    close_by_unpublishing,
    close_by_restricting,
    close_by_restricting_the_collection,
    close_by_unpublishing_the_collection,
    close_by_deleting,
    close_by_moving_under_a_draft,
]
EARLIER = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def header_of(client, page):
    root = get(client, verb="GetRecord", identifier=oai_id(page), metadataPrefix="oai_dc")
    assert error_of(root) is None, error_of(root)
    return root.find(".//oai:header", NS), root.find(".//oai:metadata", NS)


@pytest.mark.django_db
@pytest.mark.parametrize("close", CLOSERS, ids=lambda f: f.__name__)
def test_an_artifact_that_closes_stays_listed_as_deleted_with_a_new_datestamp(client, tree, commit, close):
    page = publish(artifact(tree, title="Ferry ticket"), commit)
    elsewhere = CollectionPageFactory(parent=tree.collections, institution=tree.institution, title="Posters")
    keep = publish(ArtifactPageFactory(parent=elsewhere, institution=tree.institution, title="Still open"), commit)
    HarvestRecord.objects.update(datestamp=EARLIER)
    header, metadata = header_of(client, page)
    assert header.get("status") is None and metadata is not None

    close(tree, page)
    commit()

    header, metadata = header_of(client, page)
    assert header.get("status") == "deleted"
    assert metadata is None
    stamp = header.findtext("oai:datestamp", namespaces=NS)
    assert stamp > "2025-01-01T00:00:00Z"
    listed = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:artifact")
    deleted = [h.findtext("oai:identifier", namespaces=NS) for h in listed.iterfind(".//oai:header", NS)]
    assert oai_id(page) in deleted
    assert header_of(client, keep)[0].get("status") is None

    # For ever: a rebuild keeps it deleted, with the same datestamp.
    rebuild()
    header, metadata = header_of(client, page)
    assert header.get("status") == "deleted" and metadata is None
    assert header.findtext("oai:datestamp", namespaces=NS) == stamp
    # ListMetadataFormats has nothing to offer for it any more.
    assert error_of(get(client, verb="ListMetadataFormats", identifier=oai_id(page)))[0] == "noMetadataFormats"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
        {"scope": Scope.RESTRICTED},
        {"embargo_until": datetime.date(2099, 1, 1)},
    ],
    ids=["withdrawn", "restricted", "embargoed"],
)
def test_an_oral_history_whose_recording_closes_becomes_deleted(client, tree, commit, change):
    story = publish(oral_history(tree, "the-quay", scope=Scope.PUBLIC), commit)
    HarvestRecord.objects.update(datestamp=EARLIER)
    recording = story.recording
    for field, value in change.items():
        setattr(recording, field, value)
    recording.save()
    commit()
    header, metadata = header_of(client, story)
    assert header.get("status") == "deleted" and metadata is None
    assert header.findtext("oai:datestamp", namespaces=NS) > "2025-01-01T00:00:00Z"


@pytest.mark.django_db
def test_a_record_reopened_is_live_again_and_an_unchanged_republish_keeps_its_datestamp(client, tree, commit):
    page = publish(artifact(tree, title="Ferry ticket"), commit)
    HarvestRecord.objects.update(datestamp=EARLIER)
    publish(page, commit)  # nothing a harvester sees has changed
    assert header_of(client, page)[0].findtext("oai:datestamp", namespaces=NS) == "2025-01-01T00:00:00Z"

    page.title_fr = "Billet"
    publish(page, commit)
    header, metadata = header_of(client, page)
    assert header.findtext("oai:datestamp", namespaces=NS) > "2025-01-01T00:00:00Z"
    assert dc_values(metadata, "title") == {"en": ["Ferry ticket"], "fr": ["Billet"]}

    page.unpublish()
    commit()
    assert header_of(client, page)[0].get("status") == "deleted"
    publish(page, commit)
    header, metadata = header_of(client, page)
    assert header.get("status") is None and metadata is not None


@pytest.mark.django_db
def test_a_renamed_institution_reaches_its_records_and_a_move_changes_their_urls(client, tree, commit):
    page = publish(artifact(tree, slug="ticket"), commit)
    tree.institution.name_fr = "Musée des mémoires du port"
    tree.institution.save()
    commit()
    metadata = header_of(client, page)[1]
    assert dc_values(metadata, "publisher")["fr"] == ["Musée des mémoires du port"]

    other = publish(
        CollectionPageFactory(parent=tree.collections, institution=tree.institution, slug="posters"), commit
    )
    page.move(other, pos="last-child")
    commit()
    urls = dc_values(header_of(client, page)[1], "identifier")[""]
    assert "http://testserver/en/collections/posters/ticket/" in urls


@pytest.mark.django_db
def test_a_collection_unpublished_and_published_again_closes_and_reopens_its_artifacts(client, tree, commit):
    pages = [publish(artifact(tree), commit) for _ in range(3)]
    tree.collection.unpublish()
    commit()
    assert [header_of(client, page)[0].get("status") for page in pages] == ["deleted"] * 3
    publish(tree.collection, commit)
    for page in pages:
        header, metadata = header_of(client, page)
        assert header.get("status") is None
        assert dc_values(metadata, "title")["en"] == [page.title]


@pytest.mark.django_db
def test_a_city_whose_slug_changes_moves_its_records_to_the_new_set(client, tree, commit):
    page = publish(artifact(tree), commit)
    tree.city.slug = "marseille-fr"
    publish(tree.city, commit)
    header = header_of(client, page)[0]
    assert [spec.text for spec in header.iterfind("oai:setSpec", NS)] == [
        "type:artifact",
        "city:marseille-fr",
        "institution:mmp",
    ]
    assert harvest_identifiers(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="city:marseille") == []


# Nothing closed is ever a live record ------------------------------------------------


@pytest.mark.django_db
def test_no_closed_page_is_ever_a_live_record(client, tree, commit):
    open_page = publish(artifact(tree, title="Open"), commit)
    closed = [
        artifact(tree, title="Draft", live=False),
        oral_history(tree, "restricted", scope=Scope.RESTRICTED),
        oral_history(tree, "community", scope=Scope.COMMUNITY),
        oral_history(tree, "embargoed", scope=Scope.PUBLIC, embargo_until=datetime.date(2099, 1, 1)),
        oral_history(
            tree, "withdrawn", scope=Scope.PUBLIC, withdrawn_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
        ),
    ]
    private = artifact(tree, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    hidden_collection = CollectionPageFactory(parent=tree.collections, institution=tree.institution, live=False)
    orphan = ArtifactPageFactory(parent=hidden_collection, institution=tree.institution, title="Orphan")
    closed += [private, orphan, hidden_collection]
    # Every way a page reaches the table: publishing (the closed ones too), signals, a rebuild.
    for page in closed:
        page.save_revision()
    pages_changed.send(sender=None, pages=closed)
    commit()
    rebuild()

    listed = harvest_identifiers(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert oai_id(open_page) in listed
    for page in closed:
        assert oai_id(page) not in listed, page.title
        root = get(client, verb="GetRecord", identifier=oai_id(page), metadataPrefix="oai_dc")
        assert error_of(root)[0] == "idDoesNotExist"  # never open: not even a deleted record
    assert b"Draft" not in client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}).content


@pytest.mark.django_db
def test_rebuild_makes_records_for_existing_pages_and_an_ended_embargo_opens_one(client, tree, commit):
    pages = [artifact(tree) for _ in range(4)]  # made live without publishing: no signal
    waiting = oral_history(tree, "waiting", scope=Scope.PUBLIC, embargo_until=datetime.date(2099, 1, 1))
    commit()
    assert harvest_identifiers(client, verb="ListIdentifiers", metadataPrefix="oai_dc") == []
    rebuild()
    listed = harvest_identifiers(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert sorted(listed) == sorted([oai_id(page) for page in [*pages, tree.collection]])

    waiting.recording.embargo_until = datetime.date(2000, 1, 1)
    waiting.recording.save()
    commit()
    assert oai_id(waiting) in harvest_identifiers(client, verb="ListIdentifiers", metadataPrefix="oai_dc")


# Resumption tokens -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_harvest_in_progress_misses_nothing_when_records_change(client, tree, commit):
    pages = [artifact(tree) for _ in range(8)]
    rebuild()
    HarvestRecord.objects.update(datestamp=EARLIER)
    root = get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    first = identifiers(root)
    token = root.find(".//oai:resumptionToken", NS)
    assert (token.get("cursor"), token.get("completeListSize")) == ("0", "9")

    # Meanwhile: a record already sent changes, one not yet sent is added, one is deleted.
    changed = next(page for page in pages if oai_id(page) in first)
    changed.title_fr = "Changé"
    publish(changed, commit)
    added = publish(artifact(tree), commit)
    gone = next(page for page in pages if oai_id(page) not in first)
    gone.unpublish()
    commit()

    rest = []
    while token is not None and token.text:
        root = get(client, verb="ListIdentifiers", resumptionToken=token.text)
        rest += identifiers(root)
        token = root.find(".//oai:resumptionToken", NS)
    assert token.get("cursor") == str(len(first) + len(rest) - len(identifiers(root)))
    every = {oai_id(page) for page in [*pages, tree.collection, added]}
    assert set(first) | set(rest) == every  # nothing skipped
    assert rest.count(oai_id(changed)) == 1  # the changed one comes again, with its change
    assert oai_id(gone) in rest


@pytest.mark.django_db
def test_records_are_identified_with_the_setting_else_the_base_urls_host(client, tree, commit, settings):
    page = publish(artifact(tree), commit)
    assert identifiers(get(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))[0].startswith(f"oai:{REPO}:")
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = None
    settings.HERITAGE_BASE_URL = "https://archive.example.net"
    root = get(client, verb="GetRecord", identifier=f"oai:archive.example.net:{page.pk}", metadataPrefix="oai_dc")
    assert error_of(root) is None
    # Neither set (the demo): a dotted name the schema accepts, never the Site record's "localhost".
    settings.HERITAGE_BASE_URL = ""
    root = get(client, verb="GetRecord", identifier=f"oai:heritage-commons.example:{page.pk}", metadataPrefix="oai_dc")
    assert error_of(root) is None
    assert error_of(get(client, verb="GetRecord", identifier=f"oai:localhost:{page.pk}", metadataPrefix="oai_dc"))


# Errors and the protocol's envelope ------------------------------------------------


@pytest.fixture
def one_record(tree, commit):
    page = publish(artifact(tree, title="Ferry ticket"), commit)
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "code", "names"),
    [
        ({}, "badVerb", "verb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb", "verb"),
        ({"verb": "ListEverything"}, "badVerb", "ListEverything"),
        ({"verb": "ListRecords"}, "badArgument", "metadataPrefix"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument", "identifier"),
        ({"verb": "Identify", "set": "city:marseille"}, "badArgument", "set"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-45"}, "badArgument", "from"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "yesterday"}, "badArgument", "until"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00"}, "badArgument", "from"),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2024-02-01T00:00:00Z",
            },
            "badArgument",
            "granularity",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"},
            "badArgument",
            "from",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument", "resumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat", "marc21"),
        ({"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "ONE"}, "cannotDisseminateFormat", "marc21"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere:1"},
            "idDoesNotExist",
            "oai:elsewhere:1",
        ),
        ({"verb": "ListMetadataFormats", "identifier": f"oai:{REPO}:0"}, "idDoesNotExist", f"oai:{REPO}:0"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "city:atlantis"}, "noRecordsMatch", "set"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch", "from"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "٢٠٢٤-٠١-٠١"}, "badArgument", "from"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": f"oai:{REPO}:²"}, "idDoesNotExist", "²"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "bad\x01id"}, "idDoesNotExist", "badid"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken", "forged"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken", "anything"),
    ],
)
def test_each_bad_request_gets_its_error_code_naming_the_argument(client, one_record, params, code, names):
    params = {key: (oai_id(one_record) if value == "ONE" else value) for key, value in params.items()}
    root = get(client, **params)
    assert error_of(root)[0] == code
    assert names in error_of(root)[1]
    request = root.find("oai:request", NS)
    assert request.text == "http://testserver/oai/"
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}  # the base URL only, as the protocol says
    else:
        assert request.get("verb") == params["verb"]
    assert root.find("oai:responseDate", NS).text.endswith("Z")


@pytest.mark.django_db
def test_a_repeated_argument_is_a_bad_argument(client, one_record):
    response = client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    root = etree.fromstring(response.content)
    assert error_of(root)[0] == "badArgument"
    assert "metadataPrefix" in error_of(root)[1]


@pytest.mark.django_db
def test_tampered_expired_and_misused_tokens_are_bad_resumption_tokens(client, tree, commit, settings):
    for _ in range(5):
        artifact(tree)
    rebuild()
    root = get(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = root.find(".//oai:resumptionToken", NS).text
    assert error_of(get(client, verb="ListRecords", resumptionToken=token)) is None

    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert error_of(get(client, verb="ListRecords", resumptionToken=tampered))[0] == "badResumptionToken"
    # A token for ListRecords is not one for ListIdentifiers.
    error = error_of(get(client, verb="ListIdentifiers", resumptionToken=token))
    assert error[0] == "badResumptionToken" and "ListIdentifiers" in error[1]
    # Signed with another salt (what a forger with an old token format would hold).
    forged = signing.dumps({"verb": "ListRecords", "cursor": 0}, salt=TOKEN_SALT + ".elsewhere")
    assert error_of(get(client, verb="ListRecords", resumptionToken=forged))[0] == "badResumptionToken"
    settings.HERITAGE_OAI_TOKEN_MAX_AGE = -1
    error = error_of(get(client, verb="ListRecords", resumptionToken=token))
    assert error[0] == "badResumptionToken" and "expired" in error[1]


@pytest.mark.django_db
def test_an_empty_repository_has_no_sets_and_no_records(client, tree):
    assert error_of(get(client, verb="ListSets"))[0] == "noSetHierarchy"
    assert error_of(get(client, verb="ListRecords", metadataPrefix="oai_dc"))[0] == "noRecordsMatch"
    identify = get(client, verb="Identify")
    assert error_of(identify) is None
    # The schema's order: name, base URL, version, e-mail(s), earliest datestamp,
    # deleted records, granularity, then descriptions.
    children = [child.tag.split("}")[1] for child in identify.find("oai:Identify", NS)]
    assert children == [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "adminEmail",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
        "description",
    ]
    assert identify.findtext(".//oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext(".//oai:baseURL", namespaces=NS) == "http://testserver/oai/"
    assert DATESTAMP.match(identify.findtext(".//oai:earliestDatestamp", namespaces=NS))


@pytest.mark.django_db
def test_post_is_answered_like_get_and_the_request_is_echoed(client, one_record):
    response = client.post("/oai/", {"verb": "GetRecord", "identifier": oai_id(one_record), "metadataPrefix": "oai_dc"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert [child.tag.split("}")[1] for child in root] == ["responseDate", "request", "GetRecord"]
    assert dict(root.find("oai:request", NS).attrib) == {
        "verb": "GetRecord",
        "identifier": oai_id(one_record),
        "metadataPrefix": "oai_dc",
    }
    assert identifiers(root) == [oai_id(one_record)]
    assert client.put("/oai/").status_code == 405


# Cost --------------------------------------------------------------------------------


def queries_per_page(client) -> list[int]:
    """The SQL each ListRecords response costs, for every page of a full harvest."""
    counts = []
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        with count_queries() as queries:
            root = get(client, **params)
        counts.append(len(queries))
        token = root.find(".//oai:resumptionToken", NS)
        if token is None or not token.text:
            return counts
        params = {"verb": "ListRecords", "resumptionToken": token.text}


@pytest.mark.django_db
def test_a_list_records_page_costs_the_same_queries_for_10_or_50_records(client, tree, commit, settings):
    settings.HERITAGE_OAI_PAGE_SIZE = 5
    for _ in range(9):
        artifact(tree)
    rebuild()
    small = queries_per_page(client)
    for _ in range(40):
        artifact(tree)
    rebuild()
    large = queries_per_page(client)
    assert (len(small), len(large)) == (2, 10)
    # The first page also counts the list; every later page is one query (its records).
    assert large == [small[0]] + [small[1]] * 9
    assert small == [2, 1]


@pytest.mark.django_db
def test_thousands_of_changed_pages_are_synced_in_bulk(tree, commit, monkeypatch):
    def sync_cost(pages) -> int:
        with count_queries() as queries:
            oai_records.sync([page.pk for page in pages])
        return len(queries)

    sync_cost([artifact(tree)])  # the site root paths, cached
    cost_few = sync_cost([artifact(tree) for _ in range(3)])
    cost_many = sync_cost([artifact(tree) for _ in range(30)])
    assert HarvestRecord.objects.filter(deleted=False, kind="artifact").count() == 34
    assert cost_many == cost_few

    # Pages changed by a signal: synced after the commit, in bulk. The importer's
    # signal hands its pages over loaded: they are used as they are, not loaded again.
    calls = []
    monkeypatch.setattr(oai_records, "sync", lambda ids, **kwargs: calls.append((sorted(ids), kwargs)) or {})
    more = [artifact(tree) for _ in range(40)]
    commit()
    calls.clear()
    pages_changed.send(sender=None, pages=more[:20])
    assert calls == []  # nothing before the commit
    commit()
    assert calls == [(sorted(page.pk for page in more[:20]), {})]
    calls.clear()
    pages_changed.send(sender=None, pages=more[20:], loaded=True)
    commit()
    loaded = {page.pk: page for page in more[20:]}
    assert calls == [(sorted(loaded), {"loaded": loaded})]
