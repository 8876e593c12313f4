"""A row checked and resolved: an ``ArtifactRecord``, or the errors that stop it.

Every error names its row, its column and what is wrong, in words a curator can act
on ("row 12, earliest_year: “19th c.” is not a year"). Checks that need the database
(collections, themes, places, people, rights, images) are answered from lookups loaded
once per import (``Lookups``), so checking costs no query per row.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from heritage.models import Person, Place, RightsStatement, Theme

from ..models import (
    RICH_TEXT_FEATURES,
    ArtifactImage,
    ArtifactPage,
    CollectionPage,
    CommunityPerspective,
    language_code_validator,
)
from .columns import (
    GROUP,
    IMAGE_TRANSLATED,
    LANGUAGES,
    LIST_SEPARATOR,
    LISTS,
    PERSPECTIVE_TRANSLATED,
    SOURCE_LANGUAGE,
    TRANSLATED,
)

VOCABULARIES = {"themes": Theme, "places": Place, "makers": Person}
#: Page fields a record sets, besides title and slug: ``<name>_<language>`` for each.
PAGE_TEXT = tuple(name for name in TRANSLATED if name not in ("title", "slug"))
YEAR_RANGE = (-9999, 9999)


@dataclass
class RowError:
    row: int
    column: str
    message: str
    accession_number: str = ""

    def __str__(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImageSpec:
    file: Path | None  # None: an image already in the library (matched by content)
    file_hash: str
    image_id: int | None
    texts: dict[str, str]  # alt_text_en, caption_fr, …
    source: str = ""  # as written in the file

    def state(self) -> tuple:
        return (self.file_hash, tuple(sorted(self.texts.items())))


@dataclass
class ArtifactRecord:
    row: int
    accession_number: str
    collection: CollectionPage | None  # None: keep an existing artifact where it is
    collection_given: bool
    titles: dict[str, str]
    slugs: dict[str, str]
    fields: dict[str, Any]  # description_en, …, earliest_year, latest_year, rights_id
    vocabularies: dict[str, list[int | str]]  # ids, or names still to create ("new:…")
    images: list[ImageSpec] = field(default_factory=list)
    perspectives: list[dict[str, str]] = field(default_factory=list)


class Lookups:
    """What rows refer to, loaded once: the institution's collections, the vocabularies,
    rights statements; images are matched by content as they come."""

    def __init__(
        self,
        institution,
        *,
        create_missing: bool = False,
        default_collection=None,
        images_root=None,
        allow_absolute: bool = False,
    ):
        self.institution = institution
        self.allow_absolute = allow_absolute
        self.create_missing = create_missing
        self.images_roots = [Path(root) for root in ([images_root] if images_root else [])]
        # Loaded with its city: the search index reads it for every artifact.
        self.institution = type(institution).objects.select_related("city").get(pk=institution.pk)
        collections = list(CollectionPage.objects.filter(institution=institution).order_by("path"))
        self.collections = {page.slug_en: page for page in collections}
        if default_collection is None and len(collections) == 1:
            default_collection = collections[0]
        self.default_collection = default_collection
        self.vocabulary = {name: self._load(model) for name, model in VOCABULARIES.items()}
        self.to_create: dict[str, dict[str, str]] = {name: {} for name in VOCABULARIES}
        self.rights = {}
        for statement in RightsStatement.objects.all():
            self.rights[statement.code.casefold()] = statement.pk
            self.rights[rights_key(statement.uri)] = statement.pk
        self.image_ids: dict[str, int | None] = {}
        self._objects: dict[str, dict[int, Any]] = {}
        self.unhashed: dict[str, int] | None = None
        self.computed_hashes: dict[int, str] = {}
        self.converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)
        self.max_lengths = {
            f.name: f.max_length for f in ArtifactPage._meta.concrete_fields if getattr(f, "max_length", None)
        }
        self.max_lengths.update(
            {
                f"image:{f.name}": f.max_length
                for f in ArtifactImage._meta.concrete_fields
                if getattr(f, "max_length", None)
            }
        )
        self.max_lengths.update(
            {
                f"perspective:{f.name}": f.max_length
                for f in CommunityPerspective._meta.concrete_fields
                if getattr(f, "max_length", None)
            }
        )

    def vocabulary_objects(self, column: str, wanted: Iterable[int] = ()) -> dict[int, Any]:
        """Every theme, place or person by id (what indexes read of them), loaded once
        and again whenever one of ``wanted`` is not among them: an earlier batch of the
        same file may have created it (``create_missing``)."""
        objects = self._objects.get(column)
        if objects is None or any(pk not in objects for pk in wanted):
            objects = self._objects[column] = VOCABULARIES[column].objects.in_bulk()
        return objects

    @cached_property
    def rights_statements(self) -> dict[int, RightsStatement]:
        return RightsStatement.objects.in_bulk()

    @staticmethod
    def _load(model) -> dict[str, int]:
        names = [f"name_{code}" for code in LANGUAGES]
        table: dict[str, int] = {}
        for row in model.objects.values("pk", "slug", *names):
            for name in names:
                if row[name]:
                    table.setdefault(row[name].strip().casefold(), row["pk"])
            table[row["slug"].casefold()] = row["pk"]  # a slug wins over a name
        return table

    def find(self, vocabulary: str, reference: str) -> int | str | None:
        key = reference.strip().casefold()
        found = self.vocabulary[vocabulary].get(key)
        if found is not None:
            return found
        if not self.create_missing:
            return None
        slug = slugify(reference)[:80] or None
        if slug is None:
            return None
        found = self.vocabulary[vocabulary].get(slug)
        if found is not None:
            return found
        self.to_create[vocabulary].setdefault(slug, reference.strip())
        return f"new:{slug}"

    def find_image(self, path: Path) -> tuple[str, int | None]:
        """The file's content hash (Wagtail's ``file_hash``) and the library image that
        has the same content, if any: a picture already in the library is reused."""
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
        if self.unhashed is None:
            # Images uploaded before Wagtail kept hashes: hashed here, in memory (a dry
            # run writes nothing), once per import.
            self.unhashed = {}
            for image in get_image_model().objects.filter(file_hash="").order_by("-pk").iterator():
                self.unhashed[self.hash_of(image)] = image.pk
        if file_hash not in self.image_ids:
            image = get_image_model().objects.filter(file_hash=file_hash).order_by("pk").values_list("pk", flat=True)
            self.image_ids[file_hash] = image.first() or self.unhashed.get(file_hash)
        return file_hash, self.image_ids[file_hash]

    def hash_of(self, image) -> str:
        """An image's content hash, without saving it (``get_file_hash`` would)."""
        if image.file_hash:
            return image.file_hash
        if image.pk not in self.computed_hashes:
            try:
                with image.open_file() as handle:
                    self.computed_hashes[image.pk] = hash_filelike(handle)
            except OSError:
                self.computed_hashes[image.pk] = ""
        return self.computed_hashes[image.pk]

    def resolve_path(self, written: str) -> Path | None:
        """The file an ``image_N_file`` cell names: relative to the images folder, or
        to the media folder (an export's own paths). Absolute paths, and anything
        that leads out of those folders (``../``), only from the command line."""
        path = Path(written)
        roots = [*self.images_roots, Path(settings.MEDIA_ROOT)]
        if path.is_absolute() and not self.allow_absolute:
            return None
        candidates = [path] if path.is_absolute() else [root / path for root in roots]
        for candidate in candidates:
            candidate = candidate.resolve()
            inside = any(candidate.is_relative_to(root.resolve()) for root in roots)
            if (inside or self.allow_absolute) and candidate.is_file():
                return candidate
        return None


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


def rights_key(reference: str) -> str:
    """A rights statement's code or URI as the lookup knows it: case, a trailing slash
    and the scheme do not matter (catalogues write http://rightsstatements.org/… where
    the statement says https://)."""
    key = reference.strip().rstrip("/").casefold()
    for scheme in ("https://", "http://"):
        if key.startswith(scheme):
            return key[len(scheme) :]
    return key


#: Characters no catalogue field may hold: C0 controls but tab and line breaks, DEL and
#: the C1 controls (often a sign of text decoded with the wrong encoding), and the
#: bidirectional embeddings and overrides (U+202A–U+202E), which reorder what a
#: visitor reads (an Arabic title's isolates, U+2066–U+2069, stay allowed).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")
#: Columns of one line: a line break there is an error, not a paragraph.
ONE_LINE = re.compile(r"^(accession_number|title_\w+|slug_\w+|collection|rights)$")


def control_character(column: str, value: Any) -> str:
    """Why ``value`` may not be stored in ``column`` ("" when it may): a forbidden
    character, named with its code point and position."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        if not isinstance(item, str):
            continue
        found = FORBIDDEN_CHARACTERS.search(item)
        if found is None and ONE_LINE.match(column):
            found = re.search("[\r\n]", item)
        if found is not None:
            character = found.group()
            return _("contains the control character U+%(code)04X (%(name)s) at character %(position)s: remove it") % {
                "code": ord(character),
                "name": _("a line break")
                if character in "\r\n"
                else unicodedata.name(character, _("a control character")),
                "position": found.start() + 1,
            }
    return ""


def vocabulary_order(value: int | str) -> tuple:
    """Ids in numeric order (as ``current_state`` reads them), names to create after
    them: with ``key=str``, [10, 9] and [9, 10] differed and every re-import of an
    unchanged row wrote a new revision."""
    return (1, 0, value) if isinstance(value, str) else (0, value, "")


def listed(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
    return [str(item).strip() for item in items if str(item).strip()]


def rich_text(value: str, converter: EditorHTMLConverter) -> str:
    """Markup is cleaned to what the editor allows (scripts, styles and unknown tags
    go); plain text becomes paragraphs, one per blank-line-separated block."""
    if not value:
        return ""
    if "<" in value:
        return converter.to_database_format(value)
    paragraphs = [part.strip() for part in value.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{html.escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


class RowChecker:
    """Turns raw rows into records, collecting every error of a row (not just the first)."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups
        self.seen: dict[str, int] = {}  # accession number → first row

    def check(self, number: int, values: dict[str, Any]) -> tuple[ArtifactRecord | None, list[RowError]]:
        errors: list[RowError] = []
        lookups = self.lookups

        def error(column: str, message: str) -> None:
            errors.append(RowError(number, column, message, text(values.get("accession_number"))))

        def bounded(column: str, value: str, key: str) -> str:
            limit = lookups.max_lengths.get(key)
            if limit and len(value) > limit:
                error(
                    column,
                    _("%(length)s characters, at most %(limit)s allowed") % {"length": len(value), "limit": limit},
                )
            return value

        for column, value in values.items():
            problem = control_character(column, value)
            if problem:
                error(column, problem)

        accession = bounded("accession_number", text(values.get("accession_number")), "accession_number")
        if not accession:
            error("accession_number", _("required: the institution's own number for the object"))
        elif accession in self.seen:
            error(
                "accession_number",
                _("%(number)s already appears in row %(row)s of this file")
                % {"number": accession, "row": self.seen[accession]},
            )
        else:
            self.seen[accession] = number

        collection_slug = text(values.get("collection"))
        collection = None
        if collection_slug:
            collection = lookups.collections.get(collection_slug)
            if collection is None:
                error(
                    "collection",
                    _("no collection “%(slug)s” at %(institution)s (it has: %(known)s)")
                    % {
                        "slug": collection_slug,
                        "institution": lookups.institution.name,
                        "known": ", ".join(sorted(lookups.collections)) or _("none"),
                    },
                )

        titles = {code: text(values.get(f"title_{code}")) for code in LANGUAGES}
        for code, title in titles.items():
            bounded(f"title_{code}", title, "title_en")
        if not titles[SOURCE_LANGUAGE]:
            error(f"title_{SOURCE_LANGUAGE}", _("required: every artifact needs a title in English"))
        slugs = {}
        for code in LANGUAGES:
            slug = text(values.get(f"slug_{code}"))
            if slug:
                try:
                    validate_unicode_slug(slug)
                except ValidationError:
                    error(
                        f"slug_{code}", _("“%(slug)s” is not a valid slug (letters, digits, - and _)") % {"slug": slug}
                    )
                bounded(f"slug_{code}", slug, "slug_en")
            slugs[code] = slug

        fields: dict[str, Any] = {}
        for name in PAGE_TEXT:
            for code in LANGUAGES:
                column = f"{name}_{code}"
                value = text(values.get(column))
                if name != "description":  # rich text: cleaned when written (see ``write``)
                    bounded(column, value, column)
                fields[column] = value

        years = {}
        for column in ("earliest_year", "latest_year"):
            raw = text(values.get(column))
            years[column] = None
            if raw:
                try:
                    year = int(raw)
                except ValueError:
                    error(column, _("“%(value)s” is not a year (write it as a number, e.g. 1923)") % {"value": raw})
                    continue
                if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                    error(column, _("%(value)s is out of range") % {"value": year})
                    continue
                years[column] = year
        if (
            years["earliest_year"] is not None
            and years["latest_year"] is not None
            and years["latest_year"] < years["earliest_year"]
        ):
            error(
                "latest_year",
                _("%(latest)s is before the earliest year %(earliest)s")
                % {"latest": years["latest_year"], "earliest": years["earliest_year"]},
            )
        fields.update(years)

        rights = text(values.get("rights"))
        fields["rights_id"] = None
        if rights:
            fields["rights_id"] = lookups.rights.get(rights_key(rights))
            if fields["rights_id"] is None:
                error("rights", _("no rights statement with the code or URI “%(value)s”") % {"value": rights})

        vocabularies: dict[str, list[int | str]] = {}
        for column in LISTS:
            found = []
            for reference in listed(values.get(column)):
                match = lookups.find(column, reference)
                if match is None:
                    error(
                        column,
                        _("no %(kind)s “%(name)s” (add it first, or let the import create missing names)")
                        % {"kind": VOCABULARIES[column]._meta.verbose_name, "name": reference},
                    )
                elif match not in found:
                    found.append(match)
            vocabularies[column] = sorted(found, key=vocabulary_order)

        images, perspectives = self.groups(values, error, bounded)

        if errors:
            return None, errors
        record = ArtifactRecord(
            row=number,
            accession_number=accession,
            collection=collection or lookups.default_collection,
            collection_given=bool(collection),
            titles=titles,
            slugs=slugs,
            fields=fields,
            vocabularies=vocabularies,
            images=images,
            perspectives=perspectives,
        )
        if record.collection is None:
            # Fine for an artifact that exists already (it stays where it is); the
            # importer reports new ones without a collection.
            record.collection_given = False
        return record, []

    def groups(self, values, error, bounded) -> tuple[list[ImageSpec], list[dict[str, str]]]:
        numbered: dict[str, dict[int, dict[str, str]]] = {"image": {}, "perspective": {}}
        for column, value in values.items():
            match = GROUP.match(column or "")
            if match and text(value):
                kind, number, rest = match.groups()
                numbered[kind].setdefault(int(number), {})[rest] = text(value)
        images = []
        for number in sorted(numbered["image"]):
            cells = numbered["image"][number]
            prefix = f"image_{number}_"
            written = cells.get("file", "")
            if not written:
                error(prefix + "file", _("an image's details are given but not its file"))
                continue
            texts = {
                f"{name}_{code}": bounded(
                    prefix + f"{name}_{code}", cells.get(f"{name}_{code}", ""), f"image:{name}_{code}"
                )
                for name in IMAGE_TRANSLATED
                for code in LANGUAGES
            }
            if not texts[f"alt_text_{SOURCE_LANGUAGE}"]:
                error(
                    prefix + f"alt_text_{SOURCE_LANGUAGE}",
                    _("required: describe the image for people who cannot see it"),
                )
            path = self.lookups.resolve_path(written)
            if path is None:
                error(
                    prefix + "file",
                    _("no file “%(path)s” (looked in %(where)s)")
                    % {
                        "path": written,
                        "where": ", ".join(str(root) for root in self.lookups.images_roots) or _("the media folder"),
                    },
                )
                continue
            file_hash, image_id = self.lookups.find_image(path)
            if image_id is None:
                problem = unreadable_image(path)
                if problem:
                    error(
                        prefix + "file",
                        _("“%(path)s” is not an image we can read: %(problem)s")
                        % {"path": written, "problem": problem},
                    )
                    continue
            images.append(ImageSpec(file=path, file_hash=file_hash, image_id=image_id, texts=texts, source=written))
        perspectives = []
        for number in sorted(numbered["perspective"]):
            cells = numbered["perspective"][number]
            prefix = f"perspective_{number}_"
            voice = {
                "author": cells.get("author", ""),
                "language": cells.get("language", ""),
                "original": cells.get("original", ""),
            }
            for name in PERSPECTIVE_TRANSLATED:
                for code in LANGUAGES:
                    voice[f"{name}_{code}"] = cells.get(f"{name}_{code}", "")
            for required in ("author", "language", "original", f"community_{SOURCE_LANGUAGE}"):
                if not voice[required]:
                    error(prefix + required, _("required for a community perspective"))
            for name, value in voice.items():
                bounded(prefix + name, value, f"perspective:{name}")
            if voice["language"]:
                try:
                    language_code_validator(voice["language"])
                except ValidationError as problem:
                    error(prefix + "language", " ".join(problem.messages))
            perspectives.append(voice)
        return images, perspectives


def unreadable_image(path: Path) -> str:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with PILImage.open(path) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as problem:
        return str(problem) or type(problem).__name__
    return ""
