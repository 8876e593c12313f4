"""One public address for every absolute link (heritage.site_url).

With HERITAGE_BASE_URL set, a request arriving on an internal host (a proxy's
upstream, 10.0.0.5:8000) still gets every link on the public address; without it,
every surface uses the answering host, never the Site record's localhost:80 for some
and the request for others. OAI records rendered ahead of time follow a new address,
and harvesters are told (new datestamps).
"""

from __future__ import annotations

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

from django.core.management import call_command

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exchange import checks as exchange_checks
from exchange.models import HarvestRecord, PublishedBaseURL
from exchange.oai.identity import ADMIN_EMAIL, REPOSITORY_IDENTIFIER
from exchange.signals import announce_base_url_after_migrate
from heritage import outbox, site_url
from heritage.factories import ImageFactory
from heritage.models import HeritagePage

PUBLIC = "https://heritage.example.org"
INTERNAL_HOST = "10.0.0.5:8000"
INTERNAL = f"http://{INTERNAL_HOST}"
HOSTS = ["testserver", "localhost", "127.0.0.1", "10.0.0.5"]
URL = re.compile(r"https?://[^\s\"'<>]+")
OAI = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def internal_host_allowed(settings):
    settings.ALLOWED_HOSTS = HOSTS
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = "heritage.example.org"


@pytest.fixture
def ticket(tree, commit):
    """An open artifact with an image, its record made."""
    page = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Ferry ticket",
        title_fr="Billet de ferry",
        slug="ferry-ticket",
        slug_fr="billet",
        accession_number="MMP.1962.7",
    )
    ArtifactImageFactory(page=page, image=ImageFactory(file__width=64, file__height=48))
    page.save_revision().publish()
    commit()
    return page


def get(client, url, **extra):
    response = client.get(url, HTTP_HOST=INTERNAL_HOST, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def hosts_of(urls) -> set[str]:
    """The origins the given absolute URLs start with."""
    return {re.match(r"https?://[^/]+", url).group(0) for url in urls}


def api_urls(client, ticket) -> list[str]:
    detail = get(client, f"/api/v2/pages/{ticket.pk}/?fields=html_urls,parent").json()
    listing = get(client, "/api/v2/pages/?type=archive.ArtifactPage&fields=html_urls").json()["items"][0]
    urls = [
        detail["meta"]["detail_url"],
        detail["meta"]["html_url"],
        *detail["html_urls"].values(),
        detail["meta"]["parent"]["meta"]["detail_url"],
        detail["meta"]["parent"]["meta"]["html_url"],
        listing["meta"]["detail_url"],
        listing["meta"]["html_url"],
    ]
    image = detail["gallery"][0]["image"] if detail.get("gallery") else None
    if image:
        urls.append(image["meta"]["detail_url"])
    return urls


def iiif_urls(client, ticket, tree) -> list[str]:
    manifest = get(client, f"/iiif/artifact/{ticket.pk}/manifest.json").json()
    canvas = manifest["items"][0]
    body = canvas["items"][0]["items"][0]["body"]
    collection = get(client, f"/iiif/collection/{tree.collection.pk}/collection.json").json()
    info = get(client, f"/iiif/image/{ticket.gallery_images.first().image_id}/info.json").json()
    return [
        info["id"],
        manifest["id"],
        *(page["id"] for page in manifest["homepage"]),
        *(part["id"] for part in manifest["partOf"]),
        canvas["id"],
        body["id"],
        *(service["id"] for service in body["service"]),
        collection["id"],
        *(item["id"] for item in collection["items"]),
    ]


def oai_urls(client, ticket) -> list[str]:
    identify = ET.fromstring(get(client, "/oai/?verb=Identify").content)
    records = ET.fromstring(get(client, "/oai/?verb=ListRecords&metadataPrefix=oai_dc").content)
    error = ET.fromstring(get(client, "/oai/?verb=Nonsense").content)
    record = ET.fromstring(
        get(
            client, f"/oai/?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:heritage.example.org:{ticket.pk}"
        ).content
    )
    identifiers = [
        element.text
        for root in (records, record)
        for element in root.iterfind(".//dc:identifier", OAI)
        if element.text.startswith("http")
    ]
    assert len(identifiers) == 8  # the page in four languages, in both responses
    return [
        identify.findtext("oai:Identify/oai:baseURL", namespaces=OAI),
        *(root.findtext("oai:request", namespaces=OAI) for root in (identify, records, error, record)),
        *identifiers,
    ]


def sitemap_urls(client) -> list[str]:
    root = ET.fromstring(get(client, "/sitemap.xml").content)
    locations = [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP)]
    alternates = [link.get("href") for link in root.iterfind("s:url/x:link", SITEMAP)]
    assert locations and alternates
    robots = get(client, "/robots.txt").content.decode()
    sitemaps = [line.removeprefix("Sitemap: ") for line in robots.splitlines() if line.startswith("Sitemap: ")]
    assert sitemaps
    return [*locations, *alternates, *sitemaps]


def page_urls(client, ticket) -> list[str]:
    """What the artifact's HTML gives out: canonical, og:url, hreflang alternates,
    JSON-LD url/@id, and the citation's address."""
    html = get(client, ticket.url).content.decode()
    head = html.split("</head>", 1)[0]
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', head)
    og_url = re.findall(r'<meta property="og:url" content="([^"]+)"', head)
    hreflang = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', head)
    json_ld = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    citation = re.search(r'<p class="citation">(.*?)</p>', html, re.S).group(1)
    assert canonical and og_url and hreflang and json_ld
    cited = URL.findall(citation)
    assert cited, citation
    return [*canonical, *og_url, *hreflang, json_ld[0]["url"], json_ld[0]["@id"], *cited]


SURFACES = {
    "api": lambda client, ticket, tree: api_urls(client, ticket),
    "iiif": iiif_urls,
    "oai": lambda client, ticket, tree: oai_urls(client, ticket),
    "sitemap": lambda client, ticket, tree: sitemap_urls(client),
    "page": lambda client, ticket, tree: page_urls(client, ticket),
}


@pytest.mark.django_db
@pytest.mark.parametrize("surface", SURFACES)
def test_with_a_base_url_every_link_is_on_it_whatever_host_answered(client, tree, ticket, settings, surface):
    settings.HERITAGE_BASE_URL = PUBLIC
    urls = SURFACES[surface](client, ticket, tree)
    assert hosts_of(urls) == {PUBLIC}, urls


@pytest.mark.django_db
@pytest.mark.parametrize("surface", SURFACES)
def test_without_a_base_url_every_link_is_on_the_answering_host(client, tree, ticket, settings, surface):
    settings.HERITAGE_BASE_URL = ""
    urls = SURFACES[surface](client, ticket, tree)
    # Not the Site record's http://localhost for some and the request's host for others.
    assert hosts_of(urls) == {INTERNAL}, urls


@pytest.mark.django_db
def test_a_pages_full_url_follows_the_setting_even_without_a_request(tree, ticket, settings):
    settings.HERITAGE_BASE_URL = PUBLIC
    # HeritagePage's override is the live one (wagtail-modeltranslation patches other methods).
    assert type(ticket).get_url_parts is HeritagePage.get_url_parts
    assert ticket.full_url == f"{PUBLIC}/en/collections/letters/ferry-ticket/"
    settings.HERITAGE_BASE_URL = ""
    # No request and no setting: the Site record, as Wagtail would (a worker, an e-mail).
    assert ticket.full_url == "http://localhost/en/collections/letters/ferry-ticket/"


def test_absolute_url_keeps_urls_that_name_their_host(settings, rf):
    settings.HERITAGE_BASE_URL = PUBLIC + "/"
    assert site_url.absolute_url("/media/a.jpg") == f"{PUBLIC}/media/a.jpg"
    assert site_url.absolute_url("https://bucket.example.net/a.jpg") == "https://bucket.example.net/a.jpg"
    assert site_url.absolute_url("//cdn.example.net/a.jpg") == "https://cdn.example.net/a.jpg"
    assert site_url.absolute_url("") == ""
    settings.HERITAGE_BASE_URL = ""
    request = rf.get("/", HTTP_HOST="127.0.0.1", secure=True)
    assert site_url.absolute_url("/oai/", request) == "https://127.0.0.1/oai/"


# OAI records rendered ahead of time ------------------------------------------------------


def record_urls(client) -> tuple[list[str], list[str]]:
    root = ET.fromstring(get(client, "/oai/?verb=ListRecords&metadataPrefix=oai_dc").content)
    urls = [e.text for e in root.iterfind(".//dc:identifier", OAI) if e.text.startswith("http")]
    stamps = [e.text for e in root.iterfind(".//oai:header/oai:datestamp", OAI)]
    return urls, stamps


@pytest.mark.django_db
def test_a_new_base_url_reaches_stored_records_and_renews_their_datestamps(client, tree, ticket, settings):
    settings.HERITAGE_BASE_URL = "https://old.example.org"
    call_command("oai_records", "rebuild", stdout=io.StringIO())
    HarvestRecord.objects.update(datestamp=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    urls, stamps = record_urls(client)
    assert hosts_of(urls) == {"https://old.example.org"}

    settings.HERITAGE_BASE_URL = PUBLIC
    # Served at once on the new address: the stored metadata holds no host.
    urls, _ = record_urls(client)
    assert hosts_of(urls) == {PUBLIC}
    assert not HarvestRecord.objects.filter(oai_dc__contains="example.org").exists()
    # A deployment's migrate queues the announcement (run inline by the tests' backend).
    announce_base_url_after_migrate(sender=None)
    _, renewed = record_urls(client)
    assert all(stamp > "2024-03-01T00:00:00Z" for stamp in renewed), renewed
    assert PublishedBaseURL.objects.get().base_url == PUBLIC

    # Unchanged since: nothing more to announce, the datestamps stay.
    HarvestRecord.objects.update(datestamp=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))
    announce_base_url_after_migrate(sender=None)
    assert record_urls(client)[1] == stamps


@pytest.mark.django_db
def test_publishing_queues_record_upkeep_for_after_the_commit(tree, settings, commit):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASKS["default"].get("QUEUES", ["default"]),
        }
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    page.save_revision().publish()

    def queued():
        return [
            result
            for result in default_task_backend.results
            if result.task.func is outbox.drain_outbox_task.func and result.kwargs == {"writer": "oai"}
        ]

    assert queued() == []  # nothing inside the editor's transaction
    commit()
    assert queued()  # (the worker's queue would hold one: heritage.tasks.waiting)
    assert page.pk in outbox.owed_pages("oai")
    assert not HarvestRecord.objects.filter(page_id=page.pk).exists()  # the worker makes it


# Identify and its checks ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("configured", "identifier"),
    [
        ({"HERITAGE_BASE_URL": PUBLIC}, "heritage.example.org"),
        ({"HERITAGE_BASE_URL": "http://127.0.0.1:8000"}, "heritage-commons.example"),
        ({"HERITAGE_BASE_URL": ""}, "heritage-commons.example"),
    ],
)
def test_identify_names_a_schema_valid_repository_by_default(client, tree, settings, configured, identifier):
    del settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER
    settings.ADMINS = [("Archivist", "archivist@heritage.example.org")]
    for name, value in configured.items():
        setattr(settings, name, value)
    root = ET.fromstring(get(client, "/oai/?verb=Identify").content)
    ns = {**OAI, "id": "http://www.openarchives.org/OAI/2.0/oai-identifier"}
    assert root.findtext(".//id:repositoryIdentifier", namespaces=ns) == identifier
    assert REPOSITORY_IDENTIFIER.match(identifier)
    emails = [e.text for e in root.iterfind(".//oai:adminEmail", OAI)]
    assert emails == ["archivist@heritage.example.org"]


def test_admin_email_comes_from_the_setting_then_admins_then_the_sender(settings):
    from exchange.oai.identity import admin_emails

    settings.HERITAGE_OAI_ADMIN_EMAILS = ["oai@heritage.example.org"]
    settings.ADMINS = [("Ops", "ops@heritage.example.org")]
    assert admin_emails() == ["oai@heritage.example.org"]
    del settings.HERITAGE_OAI_ADMIN_EMAILS
    assert admin_emails() == ["ops@heritage.example.org"]
    settings.ADMINS = []
    settings.DEFAULT_FROM_EMAIL = "Heritage Commons <noreply@heritage.example.org>"
    assert admin_emails() == ["noreply@heritage.example.org"]  # the address, not "Name <…>"
    assert all(ADMIN_EMAIL.match(email) for email in admin_emails())


def test_checks_name_an_identity_harvesters_would_reject(settings):
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = "localhost"
    settings.HERITAGE_OAI_ADMIN_EMAILS = ["webmaster@localhost"]
    settings.HERITAGE_BASE_URL = ""
    messages = exchange_checks.check_oai_identity()
    assert [m.id for m in messages] == ["exchange.W001", "exchange.W002"]
    assert "localhost" in messages[0].msg and "webmaster@localhost" in messages[1].msg
    settings.HERITAGE_BASE_URL = PUBLIC  # a deployment: errors
    assert [m.id for m in exchange_checks.check_oai_identity()] == ["exchange.E001", "exchange.E002"]
    settings.HERITAGE_OAI_REPOSITORY_IDENTIFIER = "heritage.example.org"
    settings.HERITAGE_OAI_ADMIN_EMAILS = ["oai@heritage.example.org"]
    assert exchange_checks.check_oai_identity() == []


def test_a_base_url_that_is_not_an_origin_is_reported(settings):
    settings.HERITAGE_BASE_URL = "heritage.example.org"
    assert [m.id for m in site_url.check_base_url()] == ["heritage.W001"]
    settings.HERITAGE_BASE_URL = "https://example.org/heritage"
    assert [m.id for m in site_url.check_base_url()] == ["heritage.W002"]
    settings.HERITAGE_BASE_URL = PUBLIC
    assert site_url.check_base_url() == []


@pytest.mark.django_db
def test_the_site_record_is_checked_and_synced_but_links_never_need_it(tree, ticket, settings):
    settings.HERITAGE_BASE_URL = PUBLIC
    assert [m.id for m in site_url.check_site_record(databases=["default"])] == ["heritage.W003"]
    assert ticket.full_url.startswith(PUBLIC)  # before the sync already
    out = io.StringIO()
    call_command("sync_site", stdout=out)
    assert "https://heritage.example.org" in out.getvalue()
    tree.site.refresh_from_db()
    assert (tree.site.hostname, tree.site.port) == ("heritage.example.org", 443)
    assert site_url.check_site_record(databases=["default"]) == []
