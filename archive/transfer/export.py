"""Artifacts back out, in the import's own columns: importing an export changes nothing.

The export holds the published catalogue of one institution (what the site shows; a
draft never published is not in it), streamed in batches so memory stays flat. Image
files are named by their path in the media folder, which the importer finds again
(and recognises by content, so nothing is copied twice).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import Count, Max
from django.utils.translation import override

from ..models import ArtifactPage, CollectionPage
from .columns import LANGUAGES, LIST_SEPARATOR, LISTS, SOURCE_LANGUAGE, TRANSLATED, escape_formula, header

BATCH_SIZE = 500
PAGE_TRANSLATED = [f"{name}_{code}" for name in TRANSLATED for code in LANGUAGES]


def artifacts(institution, *, collection=None):
    pages = ArtifactPage.objects.live().filter(institution=institution)
    if collection is not None:
        pages = pages.child_of(collection)
    return pages


def group_sizes(pages) -> tuple[int, int]:
    """The most images and perspectives any artifact has: how many numbered columns."""
    sizes = pages.annotate(
        image_count=Count("gallery_images", distinct=True), voice_count=Count("perspectives", distinct=True)
    )
    result = sizes.aggregate(most_images=Max("image_count"), most_voices=Max("voice_count"))
    return result["most_images"] or 0, result["most_voices"] or 0


def rows(institution, *, collection=None, batch_size: int = BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """One dict per published artifact of ``institution``, in tree order."""
    collections = {
        page.path: page.slug_en
        for page in CollectionPage.objects.filter(institution=institution).only("path", "slug_en")
    }
    pages = artifacts(institution, collection=collection).order_by("path")
    last_path = ""
    while True:
        batch = list(
            pages.filter(path__gt=last_path)
            .select_related("rights")
            .prefetch_related("gallery_images__image", "perspectives", *LISTS)[:batch_size]
        )
        if not batch:
            return
        for page in batch:
            yield row_for(page, collections)
        last_path = batch[-1].path


def row_for(page: ArtifactPage, collections: dict[str, str]) -> dict[str, Any]:
    with override(SOURCE_LANGUAGE):
        row: dict[str, Any] = {
            "accession_number": page.accession_number,
            "collection": collections.get(page.path[: -ArtifactPage.steplen], ""),
        }
        for column in PAGE_TRANSLATED:
            row[column] = getattr(page, column) or ""
        row["earliest_year"] = page.earliest_year
        row["latest_year"] = page.latest_year
        row["rights"] = page.rights.code if page.rights_id else ""
        for column in LISTS:
            row[column] = sorted(item.slug for item in getattr(page, column).all())
        for number, item in enumerate(page.gallery_images.all(), start=1):
            row[f"image_{number}_file"] = item.image.file.name
            for name in ("alt_text", "caption", "credit"):
                for code in LANGUAGES:
                    row[f"image_{number}_{name}_{code}"] = getattr(item, f"{name}_{code}") or ""
        for number, voice in enumerate(page.perspectives.all(), start=1):
            for name in ("author", "language", "original"):
                row[f"perspective_{number}_{name}"] = getattr(voice, name)
            for name in ("community", "translation"):
                for code in LANGUAGES:
                    row[f"perspective_{number}_{name}_{code}"] = getattr(voice, f"{name}_{code}") or ""
    return row


def cell(value: Any) -> Any:
    """A value as a CSV cell: empty for None, text escaped so no spreadsheet runs it."""
    if value is None:
        return ""
    return escape_formula(value) if isinstance(value, str) else value


def write_csv(stream: IO[str], institution, *, collection=None) -> int:
    images, voices = group_sizes(artifacts(institution, collection=collection))
    writer = csv.DictWriter(stream, fieldnames=header(images=images, perspectives=voices), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows(institution, collection=collection):
        for column in LISTS:
            row[column] = LIST_SEPARATOR.join(row[column])
        writer.writerow({key: cell(value) for key, value in row.items()})
        count += 1
    return count


def write_jsonl(stream: IO[str], institution, *, collection=None) -> int:
    count = 0
    for row in rows(institution, collection=collection):
        compact = {key: value for key, value in row.items() if value not in ("", None, [])}
        stream.write(json.dumps(compact, ensure_ascii=False) + "\n")
        count += 1
    return count
