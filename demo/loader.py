"""Build the demo archive from ``demo.content``.

Idempotent: every record is found by its stable key (a code, a slug or a page's
English slug under its parent) and created only when missing, so a second run
changes nothing. Everything happens in one transaction: a failure leaves the
database as it was (and removes the recordings already copied to private storage).

The oral histories' recordings and transcripts are committed files under ``media/``
(``media/recordings/README.md`` says how they were made); they are loaded as an upload
through the admin would be: probed, hashed, copied to private storage, transcripts parsed.
"""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from archive.models import ArtifactImage, ArtifactPage, CollectionIndexPage, CollectionPage, CommunityPerspective
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
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

logger = logging.getLogger(__name__)

LANGS = [code for code, _name in settings.LANGUAGES]

# The demo's recordings and transcripts, committed with the code (see media/recordings/README.md).
MEDIA_DIR = Path(__file__).resolve().parent / "media"


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
        slugs = slugs or {}
        page.title = title["en"]
        page.slug = page.slug_en = slug
        for key, value in localized("title", title).items():
            setattr(page, key, value)
        for code in ("fr", "de"):
            if title.get(code):
                setattr(page, f"slug_{code}", slugs.get(code) or language_slug(title[code], code) or slug)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.count(page._meta.model_name, True)
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
            recording.save(update_fields=["access_copy", "access_copy_ranges", "access_copy_mime_type"])

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
            if ExhibitionPage.objects.child_of(index).filter(slug_en=item["slug"]).exists():
                self.report.count("exhibitionpage", False)
                continue
            hero = self.image(
                key=f"exhibition-{item['slug']}", motif=item["hero_motif"], seed=2, alt=item["hero_alt"]["en"]
            )
            page = ExhibitionPage(
                opens_on=self.today + datetime.timedelta(days=item["opens_in_days"]),
                closes_on=self.today + datetime.timedelta(days=item["closes_in_days"]),
                hero_image=hero,
                **localized("introduction", item["introduction"]),
                **localized("hero_image_alt", item["hero_alt"]),
            )
            for code in LANGS:
                blocks = item["body"].get(code)
                if blocks:
                    setattr(page, f"body_{code}", [(block["type"], block["value"]) for block in blocks])
            page.co_curators = [self.institutions[code] for code in item["co_curators"]]
            self.publish(index, page, slug=item["slug"], title=item["title"])

    def users(self, *, admin_password: str) -> list[tuple[str, str, str]]:
        """The demo logins: an administrator, a curator, a historian of the demo community
        (drafts in its section only) and a member of it (hears its "community only"
        recording on the public site)."""
        User = get_user_model()
        community = self.community_by_slug[recording_content.COMMUNITIES[0]["slug"]]
        accounts = [
            ("admin", admin_password, None, True, []),
            ("curator", admin_password, "Curators", False, []),
            ("historian", admin_password, "Community historians", False, [community.historians]),
            ("member", admin_password, None, False, [community.members]),
        ]
        logins = []
        for username, password, group, is_superuser, community_groups in accounts:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username,
                    password=password,
                    email=f"{username}@example.org",
                    is_staff=bool(group) or is_superuser,
                    is_superuser=is_superuser,
                )
                if group:
                    user.groups.add(Group.objects.get(name=group))
                user.groups.add(*community_groups)
                self.report.count("user", True)
            else:
                self.report.count("user", False)
            role = group or ("Administrator" if is_superuser else community_groups[0].name)
            logins.append((username, password, role))
        return logins

    @transaction.atomic
    def run(self, *, admin_password: str) -> list[tuple[str, str, str]]:
        with translation.override(settings.LANGUAGE_CODE):
            home = self.home()
            self.vocabularies()
            self.cities(home)
            self.archive(home)
            self.oral_histories(home)
            self.exhibitions(home)
            return self.users(admin_password=admin_password)


def load_demo(*, admin_password: str, progress: Callable[[str], None] | None = None) -> tuple[Report, list]:
    loader = DemoLoader(progress=progress)
    try:
        logins = loader.run(admin_password=admin_password)
    except BaseException:
        loader.discard_files()
        raise
    return loader.report, logins
