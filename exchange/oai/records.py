"""Keeping ``HarvestRecord`` true: which pages are records, their sets and Dublin Core.

``sync(page_ids)`` is the one entry point: for each page it asks
``heritage.visibility`` (``open_pages`` in SQL, then ``keep_open`` on the loaded
pages; the rules are never restated here) whether the page is open now. An open page
gets a record (made, or brought up to date with a new datestamp when its metadata or
sets changed; left alone otherwise); a page that is not open, or no longer exists,
has its record (if it ever had one) marked deleted with a new datestamp and its
metadata dropped. A page never open never gets a record. Everything is done in bulk,
``CHUNK`` pages at a time, so the bulk importer's thousands of pages cost a few
queries per chunk.

The page's URLs are stored relative to the site's public address: each starts with
:data:`BASE_URL` (an XML entity reference no escaped value can contain), which the
views replace with ``heritage.site_url.base_url`` as they answer (:func:`absolutise`).
So a record never names a stale host, and a new ``HERITAGE_BASE_URL`` needs no
re-rendering; ``exchange.tasks.announce_base_url`` gives the records new datestamps
so that incremental harvesters fetch them again with their new addresses.

``structural=True`` (a subtree opened or closed by a parent's publish, unpublish or
view restriction) only flips records between open and deleted: pages that stay open
keep their metadata, which their parent's change did not touch.

Which pages are records: artifacts, oral histories and collections (the catalogue:
``RECORD_TYPES``). Exhibitions, cities and section pages are the site's editorial
pages, not catalogue items, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from wagtail.models import Page

from heritage.bulk import insert_rows
from heritage.i18n import language_codes, page_urls
from heritage.linked_data import plain_text
from heritage.visibility import keep_open, open_pages

from ..models import HarvestRecord, HarvestSetMembership

CHUNK = 500

OAI_DC_OPEN = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
    'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">'
)
OAI_DC_CLOSE = "</oai_dc:dc>"

#: Where the site's public address goes in stored metadata (see the module's docstring).
BASE_URL = "&heritage-base-url;"

# Characters XML 1.0 does not allow, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def record_types() -> dict[type, str]:
    """The page classes that are records, with their ``type:`` set (the page's ``search_type``)."""
    from archive.models import ArtifactPage, CollectionPage
    from oral_histories.models import OralHistoryPage

    return {ArtifactPage: "artifact", OralHistoryPage: "oral_history", CollectionPage: "collection"}


#: The sets' names (setName in English, setDescription in every language).
TYPE_SET_NAMES = {
    "artifact": gettext_lazy("Artifacts"),
    "oral_history": gettext_lazy("Oral histories"),
    "collection": gettext_lazy("Collections"),
}
PARENT_SET_NAMES = {
    "type": gettext_lazy("Types of record"),
    "city": gettext_lazy("Partner cities"),
    "institution": gettext_lazy("Institutions"),
}


def in_every_language(text) -> dict[str, str]:
    """``{language: text}`` for a translatable string, from the catalogues."""
    names = {}
    for code in language_codes():
        with override(code):
            names[code] = str(text)
    return names


def clean(value) -> str:
    return NOT_XML.sub("", "" if value is None else str(value)).strip()


class DublinCore:
    """Collects ``<dc:…>`` elements, each distinct (element, value, language) once."""

    def __init__(self):
        self.elements: list[str] = []
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, element: str, value, language: str = "") -> None:
        value = clean(value)
        if not value or (element, value, language) in self.seen:
            return
        self.seen.add((element, value, language))
        lang = f" xml:lang={quoteattr(language)}" if language else ""
        self.elements.append(f"<dc:{element}{lang}>{escape(value)}</dc:{element}>")

    def add_translated(self, element: str, obj, field: str, *, html: bool = False) -> None:
        """One element per language in which ``obj.field`` has its own value (never a fallback)."""
        if obj is None:
            return
        for code in language_codes():
            value = getattr(obj, f"{field}_{code}", None)
            self.add(element, plain_text(value) if html else value, code)

    def add_page_url(self, url: str) -> None:
        """A ``dc:identifier`` for one of the page's own URLs: a path is stored after
        :data:`BASE_URL`; a URL on another Wagtail site keeps its host."""
        url = clean(url)
        if not url or ("identifier", url, "") in self.seen:
            return
        self.seen.add(("identifier", url, ""))
        prefix = BASE_URL if url.startswith("/") else ""
        self.elements.append(f"<dc:identifier>{prefix}{escape(url)}</dc:identifier>")

    def render(self) -> str:
        return OAI_DC_OPEN + "".join(self.elements) + OAI_DC_CLOSE


def absolutise(metadata: str, base_url: str) -> str:
    """Stored metadata (or a whole response of it) with the site's public address in
    place of :data:`BASE_URL`: one ``str.replace``, whatever the number of records."""
    return metadata.replace(BASE_URL, escape(base_url))


def full_urls(page) -> list[str]:
    """The page's URL in every site language (each language has its own slugs), as a
    path on the main site: from ``_sync_chunk``, which asks ``page_urls`` for a whole
    chunk at once."""
    known = getattr(page, "_full_urls", None)
    if known is None:
        known = page_urls([page])[page.pk]
    urls = []
    for code in language_codes():
        url = known.get(code)
        if url and url not in urls:
            urls.append(url)
    return urls


def _rights(dc: DublinCore, page) -> None:
    if page.rights_id:
        dc.add("rights", page.rights.uri)
        dc.add_translated("rights", page.rights, "label")
    dc.add_translated("rights", page, "rights_holder")


def _institution(dc: DublinCore, institution) -> None:
    dc.add_translated("publisher", institution, "name")


def artifact_dc(page) -> DublinCore:
    dc = DublinCore()
    dc.add_translated("title", page, "title")
    dc.add_translated("description", page, "description", html=True)
    dc.add("type", "PhysicalObject")  # DCMI Type Vocabulary
    dc.add_translated("type", page, "object_type")
    dc.add_translated("format", page, "materials")
    dc.add_translated("format", page, "dimensions")
    dc.add_translated("date", page, "date_text")
    if page.earliest_year is not None:
        if page.latest_year is not None and page.latest_year != page.earliest_year:
            dc.add("date", f"{page.earliest_year:04d}/{page.latest_year:04d}")  # ISO 8601 interval
        else:
            dc.add("date", f"{page.earliest_year:04d}")
    for theme in page.themes.all():
        dc.add_translated("subject", theme, "name")
    for place in page.places.all():
        dc.add_translated("coverage", place, "name")
    for maker in page.makers.all():
        dc.add_translated("creator", maker, "name")
    _institution(dc, page.institution)
    _rights(dc, page)
    dc.add("identifier", page.accession_number)
    for url in full_urls(page):
        dc.add_page_url(url)
    for language in sorted({voice.language for voice in page.perspectives.all()}):
        dc.add("language", language)
    return dc


def oral_history_dc(page) -> DublinCore:
    from oral_histories.models import parse_language_codes

    dc = DublinCore()
    dc.add_translated("title", page, "title")
    dc.add_translated("description", page, "summary", html=True)
    recording = page.get_recording()
    dc.add("type", "MovingImage" if recording is not None and recording.kind == "video" else "Sound")
    for narrator in page.narrators.all():
        dc.add_translated("creator", narrator, "name")
    if page.interviewer_id:
        dc.add_translated("contributor", page.interviewer, "name")
    if page.recorded_on:
        dc.add("date", page.recorded_on.isoformat())
    if page.place_id:
        dc.add_translated("coverage", page.place, "name")
    if page.institution_id:
        _institution(dc, page.institution)
    _rights(dc, page)
    for url in full_urls(page):
        dc.add_page_url(url)
    for language in parse_language_codes(page.languages_spoken):
        dc.add("language", language)
    return dc


def collection_dc(page) -> DublinCore:
    dc = DublinCore()
    dc.add_translated("title", page, "title")
    dc.add_translated("description", page, "summary")
    dc.add_translated("description", page, "introduction", html=True)
    dc.add("type", "Collection")
    _institution(dc, page.institution)
    for url in full_urls(page):
        dc.add_page_url(url)
    return dc


BUILDERS = {"artifact": artifact_dc, "oral_history": oral_history_dc, "collection": collection_dc}

#: What each type's metadata and ``search_facets()`` read, loaded for all its pages at once.
PREFETCH = {
    "artifact": ("institution__city", "rights", "themes", "places", "makers", "perspectives"),
    "oral_history": ("institution__city", "rights", "narrators", "interviewer", "place", "recording"),
    "collection": ("institution__city",),
}


def sets_of(page, kind: str) -> list[str]:
    """The page's leaf setSpecs: its type, and the city and institution its ``search_facets()`` name."""
    facets = page.search_facets()
    specs = [f"type:{kind}"]
    specs += [f"city:{slug}" for slug in facets.get("city", []) if slug]
    specs += [f"institution:{code}" for code in facets.get("institution", []) if code]
    return specs


def with_parents(specs: Iterable[str]) -> set[str]:
    every = set()
    for spec in specs:
        parts = spec.split(":")
        every.update(":".join(parts[: n + 1]) for n in range(len(parts)))
    return every


def now() -> timezone.datetime:
    return timezone.now().replace(microsecond=0)


def sync(page_ids: Iterable[int], *, structural: bool = False, loaded: dict | None = None) -> dict[str, int]:
    """Bring the records of ``page_ids`` up to date (see the module's docstring).
    ``loaded``: current specific pages by id, with every relation their record shows
    (the bulk importer's), used as they are instead of loading them again.
    Returns counts: ``{"created": …, "updated": …, "deleted": …}``."""
    ids = sorted({int(pk) for pk in page_ids})
    counts = {"created": 0, "updated": 0, "deleted": 0}
    for start in range(0, len(ids), CHUNK):
        chunk = _sync_chunk(ids[start : start + CHUNK], structural=structural, loaded=loaded or {})
        for key in counts:
            counts[key] += chunk[key]
    return counts


def _sync_chunk(ids: list[int], *, structural: bool, loaded: dict) -> dict[str, int]:
    types = record_types()
    existing = {record.page_id: record for record in HarvestRecord.objects.filter(page_id__in=ids)}
    opened = []
    for cls, kind in types.items():
        open_ids = list(open_pages(cls.objects.filter(pk__in=ids)).values_list("pk", flat=True))
        if structural:
            # Pages that stay open keep their metadata: only (re)opened ones are rendered.
            stay = {pk for pk in open_ids if pk in existing and not existing[pk].deleted}
            need = [pk for pk in open_ids if pk not in stay]
        else:
            stay, need = set(), open_ids
        given = [loaded[pk] for pk in need if isinstance(loaded.get(pk), cls)]
        missing = [pk for pk in need if not isinstance(loaded.get(pk), cls)]
        pages = list(cls.objects.filter(pk__in=missing)) if missing else []
        # Pages that stay open need no loading: open_pages and keep_open agree
        # (heritage.visibility), and nothing of their own changed.
        opened.extend((pk, kind, None) for pk in stay)
        if pages:
            prefetch_related_objects(pages, *PREFETCH[kind])
        pages += given
        if pages:
            pages = keep_open(pages)
            urls = page_urls(pages)
            for page in pages:
                page._full_urls = urls[page.pk]
                opened.append((page.pk, kind, page))

    stamp = now()
    counts = {"created": 0, "updated": 0, "deleted": 0}
    to_create, to_update, memberships = [], [], {}
    open_now = set()
    for pk, kind, page in opened:
        open_now.add(pk)
        if page is None:
            continue  # stays open, untouched
        specs = sets_of(page, kind)
        with override(settings.LANGUAGE_CODE):
            metadata = BUILDERS[kind](page).render()
        set_specs = " ".join(specs)
        record = existing.get(pk)
        if record is None:
            record = HarvestRecord(page_id=pk, datestamp=stamp, kind=kind, set_specs=set_specs, oai_dc=metadata)
            to_create.append(record)
            memberships[pk] = specs
            counts["created"] += 1
        elif record.deleted or record.oai_dc != metadata or record.set_specs != set_specs or record.kind != kind:
            record.deleted, record.datestamp, record.kind = False, stamp, kind
            record.oai_dc, record.set_specs = metadata, set_specs
            to_update.append(record)
            memberships[pk] = specs
            counts["updated"] += 1
    for pk, record in existing.items():
        if pk not in open_now and not record.deleted:
            # Closed: the header stays (with its last sets), the metadata goes.
            record.deleted, record.datestamp, record.oai_dc = True, stamp, ""
            to_update.append(record)
            counts["deleted"] += 1

    with transaction.atomic():
        HarvestRecord.objects.bulk_create(to_create, ignore_conflicts=True)  # a concurrent sync made it
        HarvestRecord.objects.bulk_update(to_update, ["deleted", "datestamp", "kind", "oai_dc", "set_specs"])
        if memberships:
            records = dict(HarvestRecord.objects.filter(page_id__in=list(memberships)).values_list("page_id", "pk"))
            HarvestSetMembership.objects.filter(record_id__in=list(records.values())).delete()
            insert_rows(
                HarvestSetMembership,
                [
                    {"record_id": records[pk], "spec": spec}
                    for pk, specs in memberships.items()
                    for spec in sorted(with_parents(specs))
                ],
            )
    return counts


def record_page_ids() -> list[int]:
    """Every page that is, or was, a record, and every page that could be one."""
    ids = set(HarvestRecord.objects.values_list("page_id", flat=True))
    for cls in record_types():
        ids.update(cls.objects.values_list("pk", flat=True))
    return sorted(ids)


def rebuild() -> dict[str, int]:
    """Sync every page of the record types and every record: made for existing data
    (and after a change the signals do not see, e.g. an institution renamed in bulk).
    Records whose page is unchanged keep their datestamp; deleted ones stay deleted."""
    return sync(record_page_ids())


def subtree_ids(page: Page) -> list[int]:
    return list(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


def base_url_changed() -> bool:
    """Whether ``HERITAGE_BASE_URL`` differs from the address the records were last
    announced under (unset and never announced: no change)."""
    from heritage.site_url import configured_base_url

    from ..models import PublishedBaseURL

    state = PublishedBaseURL.objects.first()
    return configured_base_url() != (state.base_url if state is not None else "")


def announce_base_url() -> dict:
    """After ``HERITAGE_BASE_URL`` changed: bring every record up to date (``rebuild``;
    records stored before page URLs were kept relative are re-rendered) and give every
    open record a new datestamp, since what harvesters hold names the old address;
    then remember the new one. Deleted records carry no URL and keep theirs.
    Returns ``{"announced": n}`` (0 when nothing changed)."""
    from heritage.site_url import configured_base_url

    from ..models import PublishedBaseURL

    if not base_url_changed():
        return {"announced": 0}
    rebuild()
    stamp = now()
    with transaction.atomic():
        announced = HarvestRecord.objects.filter(deleted=False).update(datestamp=stamp)
        PublishedBaseURL.objects.update_or_create(
            pk=1, defaults={"base_url": configured_base_url(), "changed_at": stamp}
        )
    return {"announced": announced}
