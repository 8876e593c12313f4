"""What the search index holds for a page: its text per language and its facets.

Every page type says what makes it findable (``HeritagePage.search_type``,
``search_text_fields`` and ``search_facets()``); this module turns that into one
engine-neutral document. Only live pages without view restrictions are documents:
drafts and private pages never reach an index.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import override

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

import orjson

from heritage.i18n import page_urls
from heritage.models import HeritagePage
from heritage.visibility import closed_paths, in_closed_subtree
from search.text import fold

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def searchable_models() -> list[type[HeritagePage]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HeritagePage) and not model._meta.abstract and model.search_type
    ]


def restricted_paths() -> list[str]:
    """The paths that close their subtree (``heritage.visibility.closed_paths``: a view
    restriction, or an unpublished page with children): nothing under them is indexed."""
    return closed_paths()


def is_public(page: Page, restricted: list[str]) -> bool:
    """The visibility rule every public surface asks (``heritage.visibility``): live, in
    no closed subtree (no view restriction on it or above it, no unpublished ancestor),
    and (for pages that say so) open to everyone."""
    if not page.live or in_closed_subtree(page, restricted):
        return False
    return page.specific.is_publicly_searchable()


def _text(page: HeritagePage, field_name: str, language: str) -> str:
    localized = f"{field_name}_{language}"
    value = getattr(page, localized, None)
    if not value:
        return ""
    field = page._meta.get_field(localized)
    if isinstance(field, StreamField):
        return " ".join(str(part) for part in field.get_searchable_content(value) if part)
    if isinstance(field, RichTextField):
        return html.unescape(strip_tags(value))
    return str(value)


def build_document(page: HeritagePage, urls: dict[str, str] | None = None) -> dict[str, Any]:
    """The engine-neutral search document of one page (see module docstring); ``urls``
    (its URL per language) when the caller has them from ``heritage.i18n.page_urls``."""
    document: dict[str, Any] = {
        "id": page.pk,
        "type": page.search_type,
        "title": {},
        "text": {},
        "url": {},
        "city": [],
        "institution": [],
        "theme": [],
        "language": [],
        "period": [],
        "rights": [],
        "published": page.last_published_at.isoformat() if page.last_published_at else None,
        "sort_title": {},
        "suggest": [],
        # Transcript segments with their start times, once a page type offers them.
        "segments": page.search_segments(),
    }
    for language in LANGUAGES:
        title = getattr(page, f"title_{language}", "") or ""
        text = " ".join(filter(None, (_text(page, name, language) for name in page.search_text_fields)))
        if title:
            document["title"][language] = title
        if text:
            document["text"][language] = text
        if urls is not None:
            document["url"][language] = urls.get(language)
        else:
            with override(language):
                document["url"][language] = page.get_url()
    for facet, values in page.search_facets().items():
        document[facet] = sorted({str(value) for value in values if value})
    return finish_document(document)


def finish_document(document: dict[str, Any]) -> dict[str, Any]:
    """Add what every engine derives from the titles: sort keys and suggestions."""
    document["sort_title"] = {code: fold(title.casefold()) for code, title in document["title"].items()}
    document["suggest"] = sorted({fold(title.casefold()) for title in document["title"].values()})
    return document


def iter_documents(*, batch_size: int = 500) -> Iterator[dict[str, Any]]:
    """Every public page's document, model by model, in primary-key batches."""
    restricted = restricted_paths()
    for model in searchable_models():
        last_pk = 0
        while True:
            batch = list(model.objects.live().filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            public = [page for page in batch if is_public(page, restricted)]
            urls = page_urls(public)
            for page in public:
                yield build_document(page, urls[page.pk])
            last_pk = batch[-1].pk


def digest(document: dict[str, Any]) -> str:
    """A fingerprint of a document: ``verify`` compares indexes by it."""
    return hashlib.blake2b(orjson.dumps(document, option=orjson.OPT_SORT_KEYS, default=str), digest_size=20).hexdigest()
