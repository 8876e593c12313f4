"""Build the demo archive from ``demo.content``.

Idempotent: every record is found by its stable key (a code, a slug or a page's
English slug under its parent) and created only when missing, so a second run
changes nothing. Everything happens in one transaction: a failure leaves the
database as it was (and removes the recordings already copied to private storage).

The oral histories' recordings and transcripts are committed files under ``media/``
(``media/recordings/README.md`` says how they were made); they are loaded as an upload
through the admin would be: probed, hashed, copied to private storage, transcripts parsed.

The exhibitions' stories name artifacts, recordings, cities, places and images by slug,
code or key (``content/SCHEMA.md``); the loader turns these into ids and validates each
story with its blocks, as the editor's form would. Exhibitions are published directly
(``revision.publish()`` without a user, which the partner-approval workflow allows), but one
is left in that workflow, submitted and approved by one of its partners, for the curators'
logins to find in the admin.
"""

from __future__ import annotations

import datetime
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail import blocks as wagtail_blocks
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page, Site
from wagtail.snippets.blocks import SnippetChooserBlock

from archive.models import ArtifactImage, ArtifactPage, CollectionIndexPage, CollectionPage, CommunityPerspective
from exhibitions.models import CuratorCredit, ExhibitionIndexPage, ExhibitionPage, ExhibitionVenue
from heritage.blocks import CaptionedImageBlock, QuoteBlock
from heritage.models import (
    HomePage,
    Institution,
    PartnerCityPage,
    PartnersIndexPage,
    Person,
    Place,
    RightsStatement,
    SisterCityLink,
    Theme,
)
from oral_histories import transcripts
from oral_histories.media_files import probe, sha256_file
from oral_histories.models import (
    Community,
    ConsentEvent,
    IndexPoint,
    OralHistoryIndexPage,
    OralHistoryPage,
    Recording,
    RedactedRange,
    Transcript,
)

from . import content
from .content import recordings as recording_content
from .images import draw_image
from .programmes import load_programmes

logger = logging.getLogger(__name__)

LANGS = [code for code, _name in settings.LANGUAGES]

# The demo's recordings and transcripts, committed with the code (see media/recordings/README.md).
MEDIA_DIR = Path(__file__).resolve().parent / "media"

# One curator login for each institution co-curating a demo exhibition: (username, institution code).
# Each is in the "Curators" group and in the institution's own curators group, so they approve
# joint exhibitions for it ("curator" speaks for the Marseille museum).
CURATORS = [
    ("curator", "mmp-marseille"),
    ("curator-hamburg", "hafen-archiv"),
    ("curator-st-georg", "kz-st-georg"),
    ("curator-tunis", "dar-medina"),
    ("curator-la-goulette", "cc-la-goulette"),
]
# Groups whose members sign in to the admin.
STAFF_GROUPS = {"Curators", "Community historians"}


def localized(field_name: str, texts: dict[str, str] | None) -> dict[str, Any]:
    """``{"en": "Harbour", "fr": "Port"}`` → ``{"name_en": "Harbour", "name_fr": "Port"}``.

    Languages missing from ``texts`` are left empty, so the site's fallback shows.
    """
    texts = texts or {}
    return {f"{field_name}_{code}": texts.get(code) or "" for code in LANGS}


GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def language_slug(text: str, code: str) -> str:
    """A readable ASCII slug: "Partnerstädte" → "partnerstaedte", "d’Altona" → "d-altona"."""
    if code == "de":
        text = text.translate(GERMAN_TRANSLITERATION)
    text = text.replace("’", "-").replace("'", "-")
    return slugify(text)[:255]


def coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, number: int = 1) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + number

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


class DemoLoader:
    def __init__(self, *, progress: Callable[[str], None] | None = None):
        self.report = Report()
        self.progress = progress or (lambda message: None)
        self.today = timezone.localdate()
        self.saved_files: list[tuple[Any, str]] = []  # (storage, name) written so far, removed on failure

    # --- helpers ---------------------------------------------------------------
    def names(self, text: str) -> dict[str, str]:
        """A rights holder or credit name in every language.

        Institutions and people are localised from their own records; other names come
        from ``content.RIGHTS_HOLDERS``; "A / B" is localised part by part.
        """
        if not text:
            return {}
        if " / " in text:
            parts = [self.names(part) for part in text.split(" / ")]
            return {code: " / ".join(part.get(code) or part["en"] for part in parts) for code in LANGS}
        if text in content.RIGHTS_HOLDERS:
            return content.RIGHTS_HOLDERS[text]
        for item in [*content.INSTITUTIONS, *content.PEOPLE]:
            texts = item["name"]
            if text in texts.values():
                return texts
        return dict.fromkeys(LANGS, text)

    def credit(self, text: str) -> dict[str, str]:
        prefix = content.CREDIT_PREFIX["en"]
        if not text.startswith(prefix):
            return self.names(text)
        localized_names = self.names(text[len(prefix) :])
        return {code: content.CREDIT_PREFIX[code] + localized_names[code] for code in LANGS}

    def image(self, *, key: str, motif: str, seed: int, alt: str):
        Image = get_image_model()
        title = f"demo:{key}"
        existing = Image.objects.filter(title=title).first()
        if existing:
            self.report.count("images", False)
            return existing
        data = draw_image(motif=motif, seed=seed, name=key)
        image = Image(title=title, description=alt[:255])
        image.file = ImageFile(io.BytesIO(data), name=f"{slugify(key)[:80]}.jpg")
        image.save()
        self.report.count("images", True)
        return image

    def snippet(self, model, lookup: dict[str, Any], values: dict[str, Any]):
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self.report.count(model._meta.model_name, False)
            return obj
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        self.report.count(model._meta.model_name, True)
        return obj

    def page(
        self, parent: Page, model, *, slug: str, title: dict[str, str], slugs: dict[str, str] | None = None, **fields
    ):
        """Find ``model`` under ``parent`` by its English slug, or create and publish it."""
        existing = model.objects.child_of(parent).filter(slug_en=slug).first()
        if existing is not None:
            self.report.count(model._meta.model_name, False)
            return existing
        return self.publish(parent, model(**fields), slug=slug, title=title, slugs=slugs)

    def publish(
        self, parent: Page, page: Page, *, slug: str, title: dict[str, str], slugs: dict[str, str] | None = None
    ) -> Page:
        """Give ``page`` its title and slug in every language, add it under ``parent`` and publish it."""
        self.place(parent, page, slug=slug, title=title, slugs=slugs)
        page.save_revision().publish()
        self.report.count(page._meta.model_name, True)
        return page

    def place(
        self, parent: Page, page: Page, *, slug: str, title: dict[str, str], slugs: dict[str, str] | None = None
    ) -> Page:
        """Give ``page`` its title and slug in every language and add it under ``parent`` (unpublished
        unless ``page.live``)."""
        slugs = slugs or {}
        page.title = title["en"]
        page.slug = page.slug_en = slug
        for key, value in localized("title", title).items():
            setattr(page, key, value)
        for code in ("fr", "de"):
            if title.get(code):
                setattr(page, f"slug_{code}", slugs.get(code) or language_slug(title[code], code) or slug)
        parent.add_child(instance=page)
        return page

    # --- steps -------------------------------------------------------------------
    def home(self) -> HomePage:
        root = Page.get_first_root_node()
        # The tree root predates wagtail-modeltranslation's per-language url_path
        # columns; give it "/" in every language so child paths start cleanly.
        Page.objects.filter(pk=root.pk).update(**{f"url_path_{code}": "/" for code in LANGS})
        root.refresh_from_db()
        home = HomePage.objects.child_of(root).first()
        if home is None:
            home = self.page(
                root,
                HomePage,
                slug="home",
                title=content.HOME["title"],
                slugs=dict.fromkeys(LANGS, "home"),
                **localized("introduction", content.HOME["introduction"]),
            )
        else:
            self.report.count("homepage", False)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Heritage Commons"
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Heritage Commons"
            site.save()
            # Remove Wagtail's "Welcome to your new Wagtail site!" placeholder.
            if type(old_root.specific) is Page and old_root.depth == 2 and not old_root.get_children().exists():
                old_root.delete()
        return home

    def vocabularies(self) -> None:
        self.progress("Vocabularies")
        self.rights = {}
        for item in content.RIGHTS:
            self.rights[item["code"]] = self.snippet(
                RightsStatement,
                {"code": item["code"]},
                {
                    "family": item["family"],
                    "uri": item["uri"],
                    **localized("label", item["label"]),
                    **localized("description", item["description"]),
                },
            )
        self.themes = {
            item["slug"]: self.snippet(
                Theme,
                {"slug": item["slug"]},
                {**localized("name", item["name"]), **localized("description", item["description"])},
            )
            for item in content.THEMES
        }
        self.people = {
            item["slug"]: self.snippet(
                Person,
                {"slug": item["slug"]},
                {
                    **localized("name", item["name"]),
                    **localized("biography", item.get("biography")),
                    "birth_year": item.get("birth_year"),
                    "death_year": item.get("death_year"),
                },
            )
            for item in content.PEOPLE
        }

    def cities(self, home: HomePage) -> None:
        self.progress("Partner cities")
        spec = content.INDEXES["partners"]
        index = self.page(
            home,
            PartnersIndexPage,
            slug=spec["slug"],
            title=spec["title"],
            slugs=spec.get("slugs"),
            show_in_menus=True,
            **localized("introduction", spec["introduction"]),
        )
        self.city_pages = {}
        for item in content.CITIES:
            hero = self.image(
                key=f"city-{item['slug']}", motif="skyline", seed=len(item["slug"]), alt=item["hero_alt"]["en"]
            )
            self.city_pages[item["slug"]] = self.page(
                index,
                PartnerCityPage,
                slug=item["slug"],
                title=item["title"],
                country_code=item["country_code"],
                latitude=coordinate(item["latitude"]),
                longitude=coordinate(item["longitude"]),
                hero_image=hero,
                **localized("country", item["country"]),
                **localized("summary", item["summary"]),
                **localized("story", item["story"]),
                **localized("hero_image_alt", item["hero_alt"]),
            )
        for first, second, since, note in content.SISTER_LINKS:
            page, partner = self.city_pages[first], self.city_pages[second]
            link, created = SisterCityLink.objects.get_or_create(
                page=page, partner=partner, defaults={"since": since, **localized("note", note)}
            )
            self.report.count("sistercitylink", created)
        self.places = {
            item["slug"]: self.snippet(
                Place,
                {"slug": item["slug"]},
                {
                    **localized("name", item["name"]),
                    **localized("description", item.get("description")),
                    "city": self.city_pages.get(item.get("city")),
                    "latitude": coordinate(item["latitude"]),
                    "longitude": coordinate(item["longitude"]),
                },
            )
            for item in content.PLACES
        }
        self.institutions = {
            item["code"]: self.snippet(
                Institution,
                {"code": item["code"]},
                {
                    "kind": item["kind"],
                    "city": self.city_pages[item["city"]],
                    "website": item.get("website", ""),
                    **localized("name", item["name"]),
                    **localized("description", item.get("description")),
                },
            )
            for item in content.INSTITUTIONS
        }

    def archive(self, home: HomePage) -> None:
        spec = content.INDEXES["collections"]
        index = self.page(
            home,
            CollectionIndexPage,
            slug=spec["slug"],
            title=spec["title"],
            slugs=spec.get("slugs"),
            show_in_menus=True,
            **localized("introduction", spec["introduction"]),
        )
        collections = {}
        for item in content.COLLECTIONS:
            self.progress(f"Collection {item['slug']}")
            cover = self.image(
                key=f"collection-{item['slug']}", motif=item["cover_motif"], seed=1, alt=item["cover_alt"]["en"]
            )
            collections[item["slug"]] = self.page(
                index,
                CollectionPage,
                slug=item["slug"],
                title=item["title"],
                institution=self.institutions[item["institution"]],
                cover_image=cover,
                **localized("summary", item["summary"]),
                **localized("introduction", item["introduction"]),
            )
        for item in content.ARTIFACTS:
            collection = collections[item["collection"]]
            if ArtifactPage.objects.child_of(collection).filter(slug_en=item["slug"]).exists():
                self.report.count("artifactpage", False)
                continue
            images = [
                ArtifactImage(
                    image=self.image(
                        key=f"{item['slug']}-{n}", motif=img["motif"], seed=img.get("seed", n), alt=img["alt"]["en"]
                    ),
                    sort_order=n,
                    **localized("alt_text", img["alt"]),
                    **localized("caption", img.get("caption")),
                    **localized("credit", self.credit(img.get("credit", ""))),
                )
                for n, img in enumerate(item["images"])
            ]
            perspectives = [
                CommunityPerspective(
                    author=voice["author"],
                    language=voice["language"],
                    original=voice["original"],
                    sort_order=n,
                    **localized("community", voice["community"]),
                    **localized("translation", voice.get("translation")),
                )
                for n, voice in enumerate(item.get("perspectives", []))
            ]
            artifact = ArtifactPage(
                institution=collection.institution,
                accession_number=item["accession_number"],
                earliest_year=item.get("earliest_year"),
                latest_year=item.get("latest_year"),
                rights=self.rights.get(item.get("rights")),
                **localized("rights_holder", self.names(item.get("rights_holder", ""))),
                **localized("description", item["description"]),
                **localized("object_type", item.get("object_type")),
                **localized("materials", item.get("materials")),
                **localized("dimensions", item.get("dimensions")),
                **localized("date_text", item.get("date_text")),
            )
            artifact.gallery_images = images
            artifact.perspectives = perspectives
            artifact.themes = [self.themes[slug] for slug in item.get("themes", [])]
            artifact.places = [self.places[slug] for slug in item.get("places", [])]
            artifact.makers = [self.people[slug] for slug in item.get("makers", [])]
            self.publish(collection, artifact, slug=item["slug"], title=item["title"])

    def oral_histories(self, home: HomePage) -> None:
        self.progress("Oral histories")
        spec = content.INDEXES["oral_histories"]
        index = self.page(
            home,
            OralHistoryIndexPage,
            slug=spec["slug"],
            title=spec["title"],
            slugs=spec.get("slugs"),
            show_in_menus=True,
            **localized("introduction", spec["introduction"]),
        )
        pages = {}
        for item in content.ORAL_HISTORIES:
            existing = OralHistoryPage.objects.child_of(index).filter(slug_en=item["slug"]).first()
            if existing is not None:
                self.report.count("oralhistorypage", False)
                pages[item["slug"]] = existing
                continue
            page = OralHistoryPage(
                interviewer=self.people.get(item.get("interviewer")),
                institution=self.institutions.get(item.get("institution")),
                recorded_on=datetime.date.fromisoformat(item["recorded_on"]) if item.get("recorded_on") else None,
                place=self.places.get(item.get("place")),
                languages_spoken=item.get("languages_spoken", ""),
                rights=self.rights.get(item.get("rights")),
                **localized("rights_holder", self.names(item.get("rights_holder") or "")),
                **localized("summary", item["summary"]),
            )
            page.narrators = [self.people[slug] for slug in item.get("narrators", [])]
            pages[item["slug"]] = self.publish(index, page, slug=item["slug"], title=item["title"])
        self.communities(index)
        self.progress("Recordings")
        for slug, item in recording_content.RECORDINGS.items():
            # Found by its page: an archive loaded before the demo had recordings gets them now.
            if Recording.objects.filter(page=pages[slug]).exists():
                self.report.count("recording", False)
                continue
            self.recording(pages[slug], item)

    def communities(self, index: OralHistoryIndexPage) -> None:
        """Each community and, inside the oral-history section, its own section where its
        historians draft (the demo's "historian" login is one of them)."""
        self.community_by_slug = {}
        for item in recording_content.COMMUNITIES:
            community = Community.objects.filter(slug=item["slug"]).first()
            if community is None:
                community = Community(slug=item["slug"], **localized("name", item["name"]))
                community.save()  # creates its members' and historians' groups
                self.report.count("community", True)
            else:
                self.report.count("community", False)
            self.community_by_slug[item["slug"]] = community
            self.page(
                index,
                OralHistoryIndexPage,
                slug=item["slug"],
                title=item["name"],
                community=community,
                **localized("introduction", item.get("introduction")),
            )

    def recording(self, page: OralHistoryPage, item: dict[str, Any]) -> Recording:
        """The recording of ``page`` from its committed file, with its consent, redactions,
        transcripts and index points, filled in as the admin's upload would."""
        path = MEDIA_DIR / "recordings" / item["file"]
        probed = probe(path, filename=path.name)
        embargo = item.get("embargo_until")
        recording = Recording(
            page=page,
            original_filename=path.name,
            format=probed.format.name,
            mime_type=probed.format.mime_type,
            kind="video" if probed.has_video else probed.format.kind,
            duration=probed.duration,
            bitrate=probed.bitrate,
            size=path.stat().st_size,
            sha256=sha256_file(path),
            scope=item["scope"],
            community=self.community_by_slug[item["community"]] if item.get("community") else None,
            embargo_until=datetime.date.fromisoformat(embargo) if embargo else None,
            consent_notes=item.get("consent_notes", ""),
        )
        with path.open("rb") as handle:
            recording.file.save(path.name, File(handle), save=False)
        self.saved_files.append((recording.file.storage, recording.file.name))
        recording.save()
        self.report.count("recording", True)

        for order, redaction in enumerate(item.get("redactions", [])):
            RedactedRange.objects.create(
                recording=recording,
                start=redaction["start"],
                end=redaction["end"],
                reason=redaction.get("reason", ""),
                sort_order=order,
            )
            self.report.count("redactedrange", True)
        if item.get("access_copy"):
            # Made beforehand with the redacted passages silenced, so loading needs no ffmpeg.
            copy = MEDIA_DIR / "recordings" / item["access_copy"]
            copy_format = probe(copy, filename=copy.name).format
            with copy.open("rb") as handle:
                recording.access_copy.save(copy.name, File(handle), save=False)
            self.saved_files.append((recording.access_copy.storage, recording.access_copy.name))
            recording.access_copy_ranges = [list(passage) for passage in recording.redacted_ranges()]
            recording.access_copy_mime_type = copy_format.mime_type
            recording.access_copy_master = recording.sha256  # made from this very master
            recording.save(
                update_fields=["access_copy", "access_copy_ranges", "access_copy_mime_type", "access_copy_master"]
            )

        for spec in item["transcripts"]:
            source = MEDIA_DIR / "transcripts" / spec["file"]
            parsed = transcripts.parse(source.read_bytes(), filename=source.name, duration=recording.duration)
            Transcript.replace(
                recording, parsed, language=spec["language"], is_original=spec["original"], filename=source.name
            )
            self.report.count("transcript", True)
            self.report.count("segment", True, len(parsed.segments))

        for spec in item["index_points"]:
            point = IndexPoint(
                recording=recording,
                start=spec["start"],
                **localized("title", spec["title"]),
                **localized("synopsis", spec.get("synopsis")),
                **localized("keywords", spec.get("keywords")),
            )
            point.places = [self.places[slug] for slug in spec.get("places", [])]
            point.save()
            self.report.count("indexpoint", True)

        # The consent log starts with the consent the recording was loaded with.
        changes = {
            "scope": [None, recording.scope],
            "community": [None, recording.community_id],
            "embargo_until": [None, embargo],
        }
        changes = {name: values for name, values in changes.items() if values[1] is not None}
        if recording.redactions.exists():
            changes["redactions"] = [[], sorted(recording.redacted_ranges())]
        ConsentEvent.objects.create(recording=recording, changes=changes)
        return recording

    def discard_files(self) -> None:
        """After a failed run (the database rolled back): remove the recordings copied so far."""
        for storage, name in self.saved_files:
            storage.delete(name)
        self.saved_files.clear()

    def exhibitions(self, home: HomePage) -> None:
        """The joint exhibitions: published, with their venues, curators and story; and those
        with a ``review`` left waiting in the partner-approval workflow."""
        self.progress("Exhibitions")
        spec = content.INDEXES["exhibitions"]
        index = self.page(
            home,
            ExhibitionIndexPage,
            slug=spec["slug"],
            title=spec["title"],
            slugs=spec.get("slugs"),
            show_in_menus=True,
            **localized("introduction", spec["introduction"]),
        )
        for item in content.EXHIBITIONS:
            existing = ExhibitionPage.objects.child_of(index).filter(slug_en=item["slug"]).first()
            if existing is not None:
                if item.get("review") or existing.venues.exists() or existing.curator_credits.exists():
                    self.report.count("exhibitionpage", False)
                    continue
                # Loaded before exhibitions had venues, credits and the new story blocks: a new
                # revision gives them these (published, as the demo's exhibitions were).
                self.fill_exhibition(existing, item)
                existing.save_revision().publish()
                self.report.count("exhibitionpage (updated)", True)
                continue
            hero = self.image(
                key=f"exhibition-{item['slug']}", motif=item["hero_motif"], seed=2, alt=item["hero_alt"]["en"]
            )
            page = ExhibitionPage(
                hero_image=hero,
                **localized("introduction", item["introduction"]),
                **localized("hero_image_alt", item["hero_alt"]),
            )
            self.fill_exhibition(page, item)
            if item.get("review"):
                self.submit_for_review(index, page, item)
            else:
                self.publish(index, page, slug=item["slug"], title=item["title"])

    def fill_exhibition(self, page: ExhibitionPage, item: dict[str, Any]) -> None:
        """Co-curators, venues (the page's dates follow from them), curator credits and the story
        in every language, checked as the editor's form would."""
        where = f"exhibition {item['slug']}"
        partners = [self.institutions[code] for code in item["co_curators"]]
        page.co_curators = partners
        venues = []
        for n, spec in enumerate(item["venues"]):
            closes_in = spec.get("closes_in_days")
            venue = ExhibitionVenue(
                city=self.city_pages[spec["city"]],
                institution=self.institutions[spec["institution"]] if spec.get("institution") else None,
                opens_on=self.today + datetime.timedelta(days=spec["opens_in_days"]),
                closes_on=None if closes_in is None else self.today + datetime.timedelta(days=closes_in),
                sort_order=n,
                **localized("venue", self.texts(spec["venue"], f"{where}, venue {n}")),
            )
            venue.full_clean(exclude=["exhibition"])
            venues.append(venue)
        page.venues = venues
        credits = []
        for n, spec in enumerate(item["credits"]):
            institution = self.institutions[spec["institution"]]
            if institution not in partners:
                raise ValueError(f"{where}: {spec['person']} is credited for {institution.code}, not a co-curator")
            credit = CuratorCredit(
                person=self.people[spec["person"]],
                institution=institution,
                sort_order=n,
                **localized("role", self.texts(spec["role"], f"{where}, credit {n}")),
            )
            credit.full_clean(exclude=["exhibition"])
            credits.append(credit)
        page.curator_credits = credits
        for code in LANGS:
            setattr(page, f"body_{code}", self.story(item["story"], code, where))

    # --- exhibition stories ----------------------------------------------------------
    def texts(self, texts: dict[str, str], where: str) -> dict[str, str]:
        """A text in every language (an exhibition's texts leave none out: "" on purpose only)."""
        missing = [code for code in LANGS if code not in texts]
        if missing:
            raise ValueError(f"{where}: no text in {', '.join(missing)}")
        return texts

    @staticmethod
    def is_texts(value: Any) -> bool:
        return isinstance(value, dict) and "en" in value and set(value) <= set(LANGS)

    def story(self, story: list[dict[str, Any]], code: str, where: str) -> StreamValue:
        """The story in ``code``: each block's texts in that language, its references (slugs,
        codes, image keys) turned into ids, validated by the blocks themselves."""
        stream_block = ExhibitionPage._meta.get_field("body").stream_block
        raw = []
        for n, block in enumerate(story):
            child = stream_block.child_blocks[block["type"]]
            raw.append(
                {
                    "type": block["type"],
                    "value": self.story_value(
                        child, block["value"], code, f"{where} [{code}] block {n} ({block['type']})"
                    ),
                }
            )
        value = stream_block.to_python(raw)
        try:
            return stream_block.clean(value)
        except ValidationError as error:
            details = error.as_json_data() if hasattr(error, "as_json_data") else error.messages
            raise ValueError(
                f"{where} [{code}]: the story does not validate: {json.dumps(details, default=str)}"
            ) from error

    def story_value(self, block, value: Any, code: str, where: str) -> Any:
        if self.is_texts(value):
            value = self.texts(value, where)[code]
        if value is None:
            return None
        if isinstance(block, CaptionedImageBlock):
            # An artifact's image brings its own description, caption and credit.
            value = {**self.artifact_image_texts().get(value["image"], {}), **value}
        if isinstance(block, wagtail_blocks.StructBlock):
            unknown = set(value) - set(block.child_blocks)
            if unknown:
                raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
            result = {
                name: self.story_value(child, value[name], code, f"{where}.{name}")
                for name, child in block.child_blocks.items()
                if name in value
            }
            if isinstance(block, QuoteBlock) and result.get("language") == code:
                result["language"] = ""  # quoted in the page's own language
            return result
        if isinstance(block, wagtail_blocks.ListBlock):
            return [self.story_value(block.child_block, item, code, f"{where}[{n}]") for n, item in enumerate(value)]
        if isinstance(block, ImageChooserBlock):
            image = get_image_model().objects.filter(title=f"demo:{value}").first()
            if image is None:
                raise ValueError(f"{where}: no demo image {value!r}")
            return image.pk
        if isinstance(block, wagtail_blocks.PageChooserBlock):
            page = block.target_model.objects.filter(slug_en=value).first()
            if page is None:
                raise ValueError(f"{where}: no {block.target_model._meta.verbose_name} {value!r}")
            return page.pk
        if isinstance(block, SnippetChooserBlock):
            lookup = {Institution: self.institutions, Place: self.places, Person: self.people}[block.target_model]
            if value not in lookup:
                raise ValueError(f"{where}: no {block.target_model._meta.verbose_name} {value!r}")
            return lookup[value].pk
        return value

    def artifact_image_texts(self) -> dict[str, dict[str, Any]]:
        """Each artifact image's description, caption and credit, by its image key."""
        if not hasattr(self, "_artifact_image_texts"):
            self._artifact_image_texts = {
                f"{item['slug']}-{n}": {
                    "alt_text": img["alt"],
                    "caption": img.get("caption") or dict.fromkeys(LANGS, ""),
                    "credit": self.credit(img.get("credit", "")) or dict.fromkeys(LANGS, ""),
                }
                for item in content.ARTIFACTS
                for n, img in enumerate(item["images"])
            }
        return self._artifact_image_texts

    def submit_for_review(self, index: ExhibitionIndexPage, page: ExhibitionPage, item: dict[str, Any]) -> None:
        """Add ``page`` as a draft, submit it to the partner-approval workflow and record the
        partners' approvals so far, as their curators would in the admin."""
        User = get_user_model()
        review = item["review"]
        submitter = User.objects.get(username=review["submitted_by"])
        page.live = False
        self.place(index, page, slug=item["slug"], title=item["title"])
        page.save_revision(user=submitter)
        self.report.count("exhibitionpage", True)
        workflow = page.get_workflow()
        if workflow is None:
            raise ValueError(f"exhibition {item['slug']}: the exhibitions index has no workflow")
        state = workflow.start(page, submitter)
        self.report.count("workflow", True)
        for approval in review.get("approvals", []):
            task_state = state.current_task_state
            user = User.objects.get(username=approval["by"])
            task_state.task.specific.on_action(task_state, user, "approve", comment=approval.get("comment", ""))
            self.report.count("partner approval", True)
            state.refresh_from_db()
        if state.status != state.STATUS_IN_PROGRESS:
            raise ValueError(f"exhibition {item['slug']}: the review should still be waiting for a partner")

    # --- logins --------------------------------------------------------------------------
    def account(self, username: str, password: str, *, groups=(), is_superuser: bool = False):
        """The login ``username``, made (with ``groups``) only if missing."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self.report.count("user", False)
            return user
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@example.org",
            is_staff=is_superuser or any(group.name in STAFF_GROUPS for group in groups),
            is_superuser=is_superuser,
        )
        user.groups.add(*groups)
        self.report.count("user", True)
        return user

    def curators(self, *, password: str) -> None:
        """A curator for each co-curating institution: a member of the "Curators" editors and of
        the institution's own curators group, so they approve exhibitions for it."""
        editors = Group.objects.get(name="Curators")
        self.curator_logins = []
        for username, code in CURATORS:
            institution = self.institutions[code]
            if institution.curators_id is None:
                institution.save()  # an institution made before they had curators gets its group
            user = self.account(username, password, groups=[editors])
            # Also for a login made before institutions had curators (groups.add is idempotent).
            user.groups.add(institution.curators)
            self.curator_logins.append((username, password, f"Curators; speaks for {institution.name}"))

    def users(self, *, admin_password: str) -> list[tuple[str, str, str]]:
        """The demo logins: an administrator, the curators (``curators()``), a historian of the
        demo community (drafts in its section only) and a member of it (hears its "community
        only" recording on the public site)."""
        community = self.community_by_slug[recording_content.COMMUNITIES[0]["slug"]]
        self.account("admin", admin_password, is_superuser=True)
        historians = Group.objects.get(name="Community historians")
        self.account("historian", admin_password, groups=[historians, community.historians])
        self.account("member", admin_password, groups=[community.members])
        return [
            ("admin", admin_password, "Administrator"),
            *self.curator_logins,
            ("historian", admin_password, "Community historians"),
            ("member", admin_password, community.members.name),
        ]

    @transaction.atomic
    def run(self, *, admin_password: str) -> list[tuple[str, str, str]]:
        with translation.override(settings.LANGUAGE_CODE):
            home = self.home()
            self.vocabularies()
            self.cities(home)
            self.archive(home)
            self.oral_histories(home)
            # The curators come before the exhibitions: one of these waits for their approval.
            self.curators(password=admin_password)
            self.exhibitions(home)
            load_programmes(self, home)
            return self.users(admin_password=admin_password)


def load_demo(*, admin_password: str, progress: Callable[[str], None] | None = None) -> tuple[Report, list]:
    loader = DemoLoader(progress=progress)
    try:
        logins = loader.run(admin_password=admin_password)
    except BaseException:
        loader.discard_files()
        raise
    return loader.report, logins
