"""Issue 15: one table, every state of a page against every surface that could show it.

Rows (``STATES``): an open artifact (the control), a draft artifact, live artifacts
under an unpublished collection and under a collection with a password, a login and a
group restriction, an artifact restricted itself; and for oral histories an open one
(the control), a draft, one under an unpublished section, one restricted itself, and
each consent state of its recording (community only, restricted, embargoed, withdrawn,
a redacted passage).

Columns (``SURFACES``): the page, its parents' listings, the home and city pages, the
sitemap, the search page, search API and suggestions (on the database engine and, when
``ELASTICSEARCH_TEST_URL`` is set, on Elasticsearch), the API v2 (listing, detail,
``?search=``, images, documents, media), IIIF (manifest, collection, image service),
OAI-PMH (ListRecords, GetRecord), an open exhibition that showcases every artifact and
clips every oral history, JSON-LD, document files and the recording's media, caption
and transcript views. (There are no RSS/Atom feeds in the project.)

Every state gets a nonsense word of its own (in its title and slug; an oral history's
transcript and a redacted passage have theirs), so a word found anywhere says which
state leaked. One answer per row:

* ``open``: every surface shows it (the control proves each surface can show anything);
* ``closed`` (drafts, unpublished ancestors, view restrictions, withdrawn): no surface
  shows any of its words; the page answers 404, a login redirect or a password form
  (a withdrawn recording's page: 410 with its title only); OAI-PMH has no record or a
  deleted one; files and recordings answer 404;
* ``consent`` (community only, restricted, embargoed): the recording and its transcript
  appear nowhere and the page is left out of everything given to other machines
  (sitemap, API, OAI-PMH); by design its page, listings, site search and clips still
  name it by its title (``OralHistoryPage.is_open``), which is not asserted either way;
* ``redacted``: open, but the redacted passage's word appears nowhere.

The data is built once for the module, in one transaction rolled back at the end, and
only through the paths the product uses: pages published with
``save_revision().publish()``, closed with ``unpublish()`` or
``PageViewRestriction.objects.create``, consent changed by saving the ``Recording``
(or adding a ``RedactedRange``), each step followed by a "commit" that runs the
on-commit work it queued (search index, Elasticsearch sync, OAI-PMH records, sealing,
access copies), as a request's commit would. Nothing calls a sync function directly.

A cell that fails because the product leaks is marked ``xfail(strict=True)`` in
``LEAKS`` with the leak described; fixing the leak turns it into a failure that asks
for the mark to go.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation

from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtailmedia.models import get_media_model

import pytest
import wagtail_factories
from lxml import etree

from archive.factories import ArtifactImageFactory, ArtifactPageFactory, CollectionPageFactory
from conftest import build_tree
from exhibitions.factories import ExhibitionPageFactory, clip, paragraph, showcase, story
from heritage.factories import ImageFactory
from oral_histories.factories import (
    CommunityFactory,
    OralHistoryIndexPageFactory,
    OralHistoryPageFactory,
    recording_with_transcripts,
)
from oral_histories.models import RedactedRange, Scope

logger = logging.getLogger(__name__)

ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")

OPEN, CLOSED, CONSENT, REDACTED = "open", "closed", "consent", "redacted"


@dataclass
class State:
    key: str
    kind: str  # "artifact" or "oral_history"
    expect: str  # OPEN, CLOSED, CONSENT or REDACTED
    word: str  # in the title, the slug, the image's and document's titles
    spoken: str = ""  # an oral history's transcript line (REDACTED: the line that stays)
    redacted: str = ""  # REDACTED: the line under the redaction
    withdrawn: bool = False
    # Filled in by the build:
    page: Page | None = None
    parents: list = field(default_factory=list)  # pages whose listing would name it
    recording: object = None
    image: object = None
    document: object = None
    media: object = None


STATES = [
    State("artifact-open", "artifact", OPEN, "quorvintal"),
    State("artifact-draft", "artifact", CLOSED, "blenthorax"),
    State("artifact-unpublished-collection", "artifact", CLOSED, "crimzaphel"),
    State("artifact-password-collection", "artifact", CLOSED, "dravonquist"),
    State("artifact-login-collection", "artifact", CLOSED, "eltrivamox"),
    State("artifact-group-collection", "artifact", CLOSED, "fandruzzel"),
    State("artifact-restricted-itself", "artifact", CLOSED, "gorblimtox"),
    State("oral-history-open", "oral_history", OPEN, "jaxomirtle", spoken="jubrinkeltz"),
    State("oral-history-draft", "oral_history", CLOSED, "kelvashmor", spoken="kropindulf"),
    State("oral-history-unpublished-section", "oral_history", CLOSED, "lumbrazatt", spoken="lyxforthen"),
    State("oral-history-restricted-itself", "oral_history", CLOSED, "mordevixal", spoken="myrtozhang"),
    State("consent-community-only", "oral_history", CONSENT, "nebulquart", spoken="nyxtrombel"),
    State("consent-restricted", "oral_history", CONSENT, "orvantiplex", spoken="ozymbradle"),
    State("consent-embargoed", "oral_history", CONSENT, "plorvinthak", spoken="pyxadrumel"),
    State("consent-withdrawn", "oral_history", CLOSED, "quillebrost", spoken="qwendlofar", withdrawn=True),
    State(
        "consent-redacted-passage",
        "oral_history",
        REDACTED,
        "rastovinque",
        spoken="ruxtavelline",
        redacted="rhombuzzlet",
    ),
]
BY_KEY = {state.key: state for state in STATES}


# --- Building the world: once per module, through the product's own paths -----------------


class World:
    """The pages, files and engines every cell reads."""

    tree = None
    exhibition = None
    es_alias: str = ""
    callback_errors: list = []


def run_commit_work() -> None:
    """What a commit does: run the work queued with ``transaction.on_commit`` (and the
    work that work queues), then forget it. The test's own transaction never commits,
    and work gathered "once per transaction" would otherwise keep finding its first
    object (``heritage.transactions.waiting_callback``) and never run again."""
    connection = transaction.get_connection()
    while connection.run_on_commit:
        pending, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, callback, robust in pending:
            try:
                callback()
            except Exception as error:
                if not robust:
                    raise
                logger.exception("A robust on-commit callback failed")
                World.callback_errors.append(f"{callback!r}: {error!r}")


def committed(action):
    """Do ``action()`` as one request would, then commit."""
    result = action()
    run_commit_work()
    return result


def publish(page) -> Page:
    page = Page.objects.get(pk=page.pk).specific
    committed(lambda: page.save_revision().publish())
    return Page.objects.get(pk=page.pk).specific


def restrict(page, kind: str) -> None:
    def create():
        if kind == "password":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="elders"
            )
        elif kind == "login":
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        else:
            restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.set([Group.objects.get_or_create(name="Visibility table readers")[0]])

    committed(create)


def save_consent(recording, **changes) -> None:
    """A consent change as the recording's form saves it: the model, saved."""

    def change():
        for name, value in changes.items():
            setattr(recording, name, value)
        recording.save()

    committed(change)


def document_link(document) -> str:
    return f'<p>See the <a linktype="document" id="{document.pk}">catalogue</a>.</p>'


def used_by(page, media) -> None:
    """Record that ``page`` uses ``media``, as Wagtail's reference index would: no page
    type has a media field yet (see exchange/tests/test_api_search.py), so this row is
    the only way a media item is ever "used"; the API's rule reads only this table."""
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


def ensure_tree_root() -> None:
    """The rows Wagtail's migrations create, should a transactional test have flushed
    them before this module (as the ``wagtail_root`` fixture does)."""
    from django.conf import settings

    from wagtail.models import Locale

    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", title_en="Root", slug_en="root"))


def build() -> None:
    ensure_tree_root()
    tree = World.tree = build_tree()
    run_commit_work()
    collections = {}

    def collection(name: str, word: str = "") -> Page:
        title = f"Collection {word}" if word else "Open letters"
        page = CollectionPageFactory(
            parent=tree.collections, institution=tree.institution, title=title, slug=f"coll-{word or name}", live=False
        )
        return publish(page)

    collections["open"] = collection("open")
    for key, state in BY_KEY.items():
        if state.kind != "artifact":
            continue
        if key.endswith("-collection"):
            # The collection carries the word too: its own title must not leak either.
            collections[key] = collection(key, state.word)
        state.image = ImageFactory(title=f"Image {state.word}")
        state.document = wagtail_factories.DocumentFactory(
            title=f"Document {state.word}", file=ContentFile(b"a catalogue", name=f"{state.word}.txt")
        )
        parent = collections.get(key, collections["open"])
        page = ArtifactPageFactory(
            parent=parent,
            institution=tree.institution,
            title=f"Artifact {state.word}",
            slug=f"artifact-{state.word}",
            description_en=document_link(state.document),
            live=False,
        )
        ArtifactImageFactory(page=page, image=state.image, alt_text_en="A photograph")
        state.parents = [parent, tree.collections]
        state.page = page if key == "artifact-draft" else publish(page)
        run_commit_work()

    # Oral histories: a community and its section; one section to unpublish.
    community = CommunityFactory(slug="visibility-table", name="Visibility table community")
    hidden_section = publish(
        OralHistoryIndexPageFactory(parent=tree.oral_histories, title="Section lumbrazatt", slug="sec", live=False)
    )
    recorded = datetime.date(1990, 1, 1)
    for key, state in BY_KEY.items():
        if state.kind != "oral_history":
            continue
        parent = hidden_section if key == "oral-history-unpublished-section" else tree.oral_histories
        page = OralHistoryPageFactory(
            parent=parent,
            institution=tree.institution,
            title=f"Memories {state.word}",
            slug=f"memories-{state.word}",
            summary_en="<p>A story told on the quay.</p>",
            # The control is the newest and the redacted one next: the home page's four include them.
            recorded_on={OPEN: datetime.date(2021, 6, 1), REDACTED: datetime.date(2021, 5, 1)}.get(
                state.expect, recorded
            ),
            live=False,
        )
        lines = [(0.0, 0.9, "Leila", f"Le mot {state.redacted}.")] if state.redacted else []
        lines.append((1.0, 1.9, "Leila", f"Le mot {state.spoken}."))
        state.recording = committed(
            lambda page=page, lines=lines: recording_with_transcripts(page, seconds=2, transcripts={"fr": lines})
        )
        state.parents = [parent, tree.oral_histories] if parent != tree.oral_histories else [parent]
        state.page = page if key == "oral-history-draft" else publish(page)

    # An open exhibition that shows every artifact and clips every oral history.
    artifacts = [state.page for state in STATES if state.kind == "artifact"]
    clips = [clip(state.page, start="0:00", end="0:02") for state in STATES if state.kind == "oral_history"]
    exhibition = ExhibitionPageFactory(
        parent=tree.exhibitions,
        title="Every state at once",
        slug="every-state",
        live=False,
        body_en=story(paragraph("<p>Objects and voices.</p>"), showcase(*artifacts), *clips),
    )
    World.exhibition = publish(exhibition)

    # Now close what each state closes, one change (one commit) at a time.
    committed(lambda: Page.objects.get(pk=collections["artifact-unpublished-collection"].pk).specific.unpublish())
    restrict(collections["artifact-password-collection"], "password")
    restrict(collections["artifact-login-collection"], "login")
    restrict(collections["artifact-group-collection"], "group")
    restrict(BY_KEY["artifact-restricted-itself"].page, "password")
    committed(lambda: Page.objects.get(pk=hidden_section.pk).specific.unpublish())
    restrict(BY_KEY["oral-history-restricted-itself"].page, "login")
    save_consent(BY_KEY["consent-community-only"].recording, scope=Scope.COMMUNITY, community=community)
    save_consent(BY_KEY["consent-restricted"].recording, scope=Scope.RESTRICTED)
    save_consent(
        BY_KEY["consent-embargoed"].recording, embargo_until=timezone.localdate() + datetime.timedelta(days=365)
    )
    save_consent(
        BY_KEY["consent-withdrawn"].recording, withdrawn_at=timezone.now(), withdrawal_reason="The narrator asked."
    )
    redacted = BY_KEY["consent-redacted-passage"].recording
    committed(lambda: RedactedRange.objects.create(recording=redacted, start=0.0, end=0.95, reason="A name"))

    # Media items: "used" by each state's page (after its last save, which would redo the index).
    for state in STATES:
        state.media = get_media_model().objects.create(
            title=f"Sound {state.word}", file=ContentFile(b"RIFF", name=f"{state.word}.wav"), type="audio", duration=1
        )
        used_by(state.page, state.media)
    for state in STATES:
        state.page = Page.objects.get(pk=state.page.pk).specific
        if state.recording is not None:
            state.recording.refresh_from_db()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    es_index = None
    overrides = {}
    if ES_URL:
        from search.backends.elasticsearch import ElasticsearchIndex, get_client

        alias = f"heritage-table-{uuid.uuid4().hex[:8]}"
        es_index = ElasticsearchIndex(client=get_client(ES_URL), alias=alias)
        es_index.rebuild([])  # the alias exists before the first change arrives
        # Each sync waits for a refresh (refresh="wait_for"): refresh this test index often.
        es_index.client.indices.put_settings(index=alias, settings={"index": {"refresh_interval": "50ms"}})
        World.es_alias = alias
        # A generous timeout: on a busy machine a slow answer must not turn into the fallback.
        overrides = {"ELASTICSEARCH_URL": ES_URL, "HERITAGE_SEARCH_INDEX": alias, "HERITAGE_SEARCH_TIMEOUT": 30}
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            with translation.override("en"), override_settings(**overrides):
                build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            if es_index is not None:
                es_index.delete_all()
            raise
    yield World
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    if es_index is not None:
        es_index.delete_all()


# --- Reading the surfaces ------------------------------------------------------------------


def words_of(state: State) -> list[str]:
    return [w for w in (state.word, state.spoken, state.redacted) if w]


def forbidden(state: State, surface: str) -> list[str]:
    """The words ``surface`` must not show for ``state``."""
    if state.expect == OPEN:
        return []
    if state.expect == REDACTED:
        return [state.redacted]
    if state.expect == CONSENT:
        # By design the page, listings, site search and clips still name it by its title.
        named = {"page", "listing", "home", "city", "search-page", "search-api", "suggest", "exhibition", "json-ld"}
        return [state.spoken] if any(surface.startswith(s) for s in named) else [state.word, state.spoken]
    if state.withdrawn and surface == "page":
        return [state.spoken]  # its page says "withdrawn" under its title
    return words_of(state)


def required(state: State, surface: str, *, transcripts: bool = False) -> list[str]:
    """The words ``surface`` must show for an open (or redacted) ``state``; with
    ``transcripts``, the transcript line's word too (surfaces that carry transcripts)."""
    if state.expect not in (OPEN, REDACTED):
        return []
    return [state.word] + ([state.spoken] if transcripts and state.spoken else [])


def context(text: str, word: str, width: int = 120) -> str:
    at = text.find(word)
    return " ".join(text[max(0, at - width) : at + len(word) + width].split())


def check_words(text: str, state: State, surface: str, *, transcripts: bool = False, where: str = "") -> None:
    shown = [w for w in forbidden(state, surface) if w in text]
    assert not shown, f"{state.key}: {surface} {where} shows {shown}: …{context(text, shown[0]) if shown else ''}…"
    missing = [w for w in required(state, surface, transcripts=transcripts) if w not in text]
    assert not missing, f"{state.key}: {surface} {where} does not show {missing}"


def is_closed(state: State) -> bool:
    return state.expect == CLOSED


def without_echo(body: str, url: str) -> str:
    """``body`` less the requested address itself, which a 404 page (its ``hreflang``
    alternates) or a password form (``return_url``) repeats: the slugs carry the words."""
    return body.replace(url.split("/", 2)[2], "/…/") if url.count("/") > 2 else body


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 302, 404, 410), (url, response.status_code)
    return without_echo(response.content.decode(), url) if response.status_code != 302 else ""


def answer_json(client, url: str, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code, response.content[:300])
    return response.json()


# Each surface: a function (client, world, state) that asserts the one expected answer.


def surface_page(client, w, state):
    response = client.get(state.page.url)
    body = without_echo(response.content.decode(), state.page.url)
    if state.expect in (OPEN, REDACTED, CONSENT):
        assert response.status_code == 200, response.status_code
        check_words(body, state, "page", transcripts=True)
        if state.expect == CONSENT:
            assert f"/recordings/{state.recording.pk}/" not in body
        return
    if state.withdrawn:
        assert response.status_code == 410
        check_words(body, state, "page")
        assert f"/recordings/{state.recording.pk}/" not in body
        return
    # Closed: 404, a redirect to the login form, or the password form; never the content.
    assert response.status_code in (404, 302, 200), response.status_code
    if response.status_code == 302:
        assert "next=" in response["Location"], response["Location"]
    if response.status_code == 200:
        assert 'name="password"' in body, f"{state.key}: the page is served to anyone ({state.page.url})"
    check_words(body, state, "page")


def surface_listing(client, w, state):
    """Its parent lists it; the section index above (which lists collections, or every
    oral history of its sections) must not name it either."""
    parent, *above = state.parents
    check_words(html(client, parent.url), state, "listing", where=parent.url)
    for page in above:
        body = html(client, page.url)
        shown = [word for word in forbidden(state, "listing") if word in body]
        assert not shown, f"{state.key}: listing {page.url} shows {shown}: …{context(body, shown[0]) if shown else ''}…"


def surface_home(client, w, state):
    check_words(html(client, w.tree.home.url), state, "home")


def surface_city(client, w, state):
    """The city page lists its oral histories, and its collections (not their artifacts:
    a closed collection carries its artifact's word)."""
    body = html(client, w.tree.city.url)
    if state.kind == "oral_history":
        check_words(body, state, "city")
    else:
        shown = [word for word in forbidden(state, "city") if word in body]
        assert not shown, f"{state.key}: city shows {shown}: …{context(body, shown[0]) if shown else ''}…"


def surface_sitemap(client, w, state):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    check_words(response.content.decode(), state, "sitemap")  # the slugs carry the words


def use_engine(settings, engine: str) -> None:
    if engine == "elasticsearch":
        if not ES_URL:
            pytest.skip("No Elasticsearch node (ELASTICSEARCH_TEST_URL)")
        settings.ELASTICSEARCH_URL = ES_URL
        settings.HERITAGE_SEARCH_INDEX = World.es_alias
        settings.HERITAGE_SEARCH_TIMEOUT = 30  # slow is not down: the answer must be Elasticsearch's
    else:
        settings.ELASTICSEARCH_URL = ""


def queries(state: State) -> list[str]:
    return words_of(state)


def search_api(client, settings, engine, state):
    use_engine(settings, engine)
    texts = []
    for word in queries(state):
        data = answer_json(client, "/api/search/", q=word)
        if engine == "elasticsearch":
            # Elasticsearch's own answer: not the database's (a fallback, or a page it still owes).
            assert data["engine"] == "elasticsearch" and not data["degraded"], data
        if word in forbidden(state, "search-api"):
            assert data["results"] == [], f"{state.key}: /api/search/?q={word} finds {data['results']}"
        texts.append(json.dumps(data["results"], ensure_ascii=False))
    if state.expect in (OPEN, REDACTED):
        check_words(" ".join(texts), state, "search-api", transcripts=True)


RESULTS = re.compile(r'<ol class="plain-list result-list">(.*?)</ol>', re.S)


def search_page(client, settings, engine, state):
    use_engine(settings, engine)
    texts = []
    for word in queries(state):
        body = html(client, f"/en/search/?q={quote(word)}")
        found = RESULTS.search(body)
        texts.append(found.group(1) if found else "")
    check_words(" ".join(texts), state, "search-page", transcripts=True)


def suggest(client, settings, engine, state):
    use_engine(settings, engine)
    texts = []
    for word in queries(state):
        data = answer_json(client, "/api/search/suggest/", q=word)
        texts.append(json.dumps(data["suggestions"], ensure_ascii=False))
    check_words(" ".join(texts), state, "suggest")


PAGES = "/api/v2/pages/"
TYPES = {"artifact": "archive.ArtifactPage", "oral_history": "oral_histories.OralHistoryPage"}


def surface_api_pages(client, w, state):
    data = answer_json(client, PAGES, type=TYPES[state.kind], fields="title", limit=20)
    assert data["meta"]["total_count"] <= 20
    ids = {item["id"] for item in data["items"]}
    text = json.dumps(data, ensure_ascii=False)
    if is_closed(state) or state.expect == CONSENT:
        assert state.page.pk not in ids
    else:
        assert state.page.pk in ids
    check_words(text, state, "api-pages")


def surface_api_detail(client, w, state):
    response = client.get(f"{PAGES}{state.page.pk}/")
    if is_closed(state) or state.expect == CONSENT:
        assert response.status_code == 404, response.status_code
    else:
        assert response.status_code == 200
    check_words(response.content.decode(), state, "api-detail", transcripts=True)


def surface_api_search(client, w, state):
    texts = []
    for word in queries(state):
        data = answer_json(client, PAGES, search=word)
        if word in forbidden(state, "api-search"):
            assert data["items"] == [], f"{state.key}: {PAGES}?search={word} finds {data['items']}"
        texts.append(json.dumps(data, ensure_ascii=False))
    check_words(" ".join(texts), state, "api-search")


def files_endpoint(client, state, endpoint: str, obj) -> None:
    """Listing, ``?search=`` and detail of images, documents or media."""
    url = f"/api/v2/{endpoint}/"
    listing = answer_json(client, url, limit=20, fields="title")
    assert listing["meta"]["total_count"] <= 20
    found = answer_json(client, url, search=state.word, fields="title")
    detail = client.get(f"{url}{obj.pk}/")
    listed_ids = {item["id"] for item in listing["items"]}
    found_ids = {item["id"] for item in found["items"]}
    if state.expect in (OPEN, REDACTED):
        assert obj.pk in listed_ids and obj.pk in found_ids and detail.status_code == 200
    else:
        assert obj.pk not in listed_ids, f"{state.key}: {url} lists {obj}"
        assert obj.pk not in found_ids, f"{state.key}: {url}?search={state.word} finds {obj}"
        assert detail.status_code == 404, f"{state.key}: {url}{obj.pk}/ answers {detail.status_code}"
    text = json.dumps([listing, found], ensure_ascii=False) + detail.content.decode()
    shown = [word for word in forbidden(state, endpoint) if word in text]
    assert not shown, f"{state.key}: {url} shows {shown}"


def surface_api_images(client, w, state):
    files_endpoint(client, state, "images", state.image)


def surface_api_documents(client, w, state):
    files_endpoint(client, state, "documents", state.document)


def surface_api_media(client, w, state):
    files_endpoint(client, state, "media", state.media)


def surface_iiif_manifest(client, w, state):
    response = client.get(f"/iiif/artifact/{state.page.pk}/manifest.json")
    if state.expect == OPEN:
        assert response.status_code == 200
    else:
        assert response.status_code == 404, response.status_code
    check_words(response.content.decode(), state, "iiif-manifest")
    # The IIIF collection of its parent collection lists its open artifacts.
    parent = state.parents[0]
    response = client.get(f"/iiif/collection/{parent.pk}/collection.json")
    assert response.status_code in (200, 404)
    check_words(response.content.decode(), state, "iiif-collection")


def surface_iiif_image(client, w, state):
    info = client.get(f"/iiif/image/{state.image.pk}/info.json")
    full = client.get(f"/iiif/image/{state.image.pk}/full/max/0/default.jpg")
    if state.expect == OPEN:
        assert info.status_code == 200 and full.status_code == 200
    else:
        assert info.status_code == 404, f"{state.key}: info.json answers {info.status_code}"
        assert full.status_code == 404, f"{state.key}: the image answers {full.status_code}"


OAI_NS = {"oai": "http://www.openarchives.org/OAI/2.0/"}


def oai_records(content: bytes) -> dict[str, tuple[bool, str]]:
    root = etree.fromstring(content)
    records = {}
    for record in root.iterfind(".//oai:record", OAI_NS):
        header = record.find("oai:header", OAI_NS)
        identifier = header.findtext("oai:identifier", namespaces=OAI_NS)
        records[identifier] = (header.get("status") == "deleted", etree.tostring(record, encoding="unicode"))
    return records


def oai_identifier(state: State) -> str:
    from exchange.oai.identity import repository_identifier

    return f"oai:{repository_identifier()}:{state.page.pk}"


def surface_oai_list(client, w, state, settings):
    settings.HERITAGE_OAI_PAGE_SIZE = 1000
    response = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert response.status_code == 200
    records = oai_records(response.content)
    record = records.get(oai_identifier(state))
    if state.expect in (OPEN, REDACTED):
        assert record is not None and not record[0], f"{state.key}: no open record"
    else:
        assert record is None or record[0], f"{state.key}: ListRecords gives an open record"
    check_words(response.content.decode(), state, "oai-list")


def surface_oai_get(client, w, state):
    response = client.get(
        "/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": oai_identifier(state)}
    )
    assert response.status_code == 200
    body = response.content.decode()
    records = oai_records(response.content)
    if state.expect in (OPEN, REDACTED):
        assert records and not next(iter(records.values()))[0]
    else:
        absent = 'code="idDoesNotExist"' in body
        deleted = bool(records) and next(iter(records.values()))[0]
        assert absent or deleted, f"{state.key}: GetRecord gives an open record"
    check_words(body, state, "oai-get")


def surface_exhibition(client, w, state):
    body = html(client, w.exhibition.url)
    check_words(body, state, "exhibition", transcripts=True)
    if state.recording is not None and state.expect == CONSENT:
        assert f"/recordings/{state.recording.pk}/" not in body


LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def linked_data(client, url: str) -> str:
    response = client.get(url)
    if response.status_code != 200:
        return ""
    return " ".join(
        json.dumps(json.loads(block), ensure_ascii=False) for block in LD.findall(response.content.decode())
    )


def surface_json_ld(client, w, state):
    own = linked_data(client, state.page.url)
    others = " ".join(linked_data(client, url) for url in [p.url for p in state.parents] + [w.tree.home.url])
    others += linked_data(client, w.exhibition.url)
    if state.expect in (OPEN, REDACTED):
        assert state.word in own
    if state.recording is not None:
        media = f"/recordings/{state.recording.pk}/media"
        if state.expect == OPEN:
            assert media in own, "the open recording's JSON-LD names its media"
        elif state.expect in (CONSENT, CLOSED):
            assert media not in own + others, f"{state.key}: JSON-LD names the recording's media"
    check_words(own + " " + others, state, "json-ld")


def surface_document_file(client, w, state):
    document = state.document
    response = client.get(f"/documents/{document.pk}/{document.filename}")
    if state.expect == OPEN:
        assert response.status_code == 200
    else:
        assert response.status_code == 404, f"{state.key}: the document answers {response.status_code}"


def surface_image_file(client, w, state):
    """The image's original file, at the address its name gives it."""
    response = client.get(state.image.file.url)
    if state.expect == OPEN:
        assert response.status_code == 200, response.status_code
    else:
        assert response.status_code == 404, f"{state.key}: {state.image.file.url} answers {response.status_code}"


def surface_recording_media(client, w, state):
    response = client.get(f"/en/recordings/{state.recording.pk}/media")
    if state.expect in (OPEN, REDACTED):
        # REDACTED: the access copy (made after the redaction's commit) plays.
        assert response.status_code == 200, response.status_code
    else:
        assert response.status_code == 404, f"{state.key}: the media answers {response.status_code}"


def surface_captions(client, w, state):
    pk = state.recording.pk
    texts = []
    for url in (
        f"/en/recordings/{pk}/captions/fr.vtt",
        f"/en/recordings/{pk}/transcript/fr.srt",
        f"/en/recordings/{pk}/transcript/part?from=0",  # the player's parts of a long transcript
    ):
        response = client.get(url)
        if state.expect in (OPEN, REDACTED):
            assert response.status_code == 200
        else:
            assert response.status_code == 404, f"{state.key}: {url} answers {response.status_code}"
        texts.append(b"".join(response.streaming_content if response.streaming else [response.content]).decode())
    text = " ".join(texts)
    shown = [word for word in forbidden(state, "captions") if word in text]
    assert not shown, f"{state.key}: captions show {shown}"
    if state.expect in (OPEN, REDACTED):
        assert state.spoken in text


ARTIFACT_ONLY = {"api-images", "api-documents", "iiif-manifest", "iiif-image", "document-file", "image-file"}
ORAL_HISTORY_ONLY = {"recording-media", "captions"}

SURFACES = {
    "page": surface_page,
    "listing": surface_listing,
    "home": surface_home,
    "city": surface_city,
    "sitemap": surface_sitemap,
    "api-pages": surface_api_pages,
    "api-detail": surface_api_detail,
    "api-search": surface_api_search,
    "api-images": surface_api_images,
    "api-documents": surface_api_documents,
    "api-media": surface_api_media,
    "iiif-manifest": surface_iiif_manifest,
    "iiif-image": surface_iiif_image,
    "oai-list": surface_oai_list,
    "oai-get": surface_oai_get,
    "exhibition": surface_exhibition,
    "json-ld": surface_json_ld,
    "document-file": surface_document_file,
    "image-file": surface_image_file,
    "recording-media": surface_recording_media,
    "captions": surface_captions,
}
SEARCH_SURFACES = {"search-page": search_page, "search-api": search_api, "suggest": suggest}
ENGINES = ["database", "elasticsearch"]

#: (surface, state) → the leak, for cells that fail today. Strict: a fix fails the cell.
LEAKS: dict[tuple[str, str], str] = {}


def applies(surface: str, state: State) -> bool:
    if surface in ARTIFACT_ONLY:
        return state.kind == "artifact"
    if surface in ORAL_HISTORY_ONLY:
        return state.kind == "oral_history"
    return True


def cells(surfaces, engines=(None,)):
    for surface in surfaces:
        for engine in engines:
            name = surface if engine is None else f"{surface}[{engine}]"
            for state in STATES:
                if not applies(surface, state):
                    continue
                marks = []
                leak = LEAKS.get((name, state.key)) or LEAKS.get((surface, state.key))
                if leak:
                    marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=leak))
                yield pytest.param(surface, engine, state.key, id=f"{name}-{state.key}", marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize("surface,engine,key", list(cells(SURFACES)))
def test_surface(surface, engine, key, world, client, settings):
    function = SURFACES[surface]
    if surface == "oai-list":
        function(client, world, BY_KEY[key], settings)
    else:
        function(client, world, BY_KEY[key])


@pytest.mark.django_db
@pytest.mark.parametrize("surface,engine,key", list(cells(SEARCH_SURFACES, ENGINES)))
def test_search_surface(surface, engine, key, world, client, settings):
    SEARCH_SURFACES[surface](client, settings, engine, BY_KEY[key])


@pytest.mark.django_db
def test_the_build_went_through_the_products_own_paths(world):
    """Sanity of the table itself: the work queued on commit ran without errors."""
    assert World.callback_errors == []
