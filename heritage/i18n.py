"""Helpers for translated fields: which language a value really comes from, and
which translations are missing.

django-modeltranslation already falls back silently (``obj.title`` returns English
when French is empty). A visitor must be told when that happens, so templates go
through :func:`resolve` to learn the language of the text they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import get_language, get_language_info, gettext_lazy, override

from modeltranslation.utils import build_localized_fieldname


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def fallback_chain(language: str) -> list[str]:
    chain = (
        settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get(language)
        or settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    )
    return [language, *[code for code in chain if code != language]]


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


@dataclass(frozen=True)
class Resolved:
    value: Any
    language: str  # the language the value is actually in
    requested: str  # the language the visitor asked for

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)


def resolve(obj: Any, field: str, language: str | None = None) -> Resolved:
    """Return the value of ``field`` in ``language`` or, if empty, its first fallback."""
    requested = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in fallback_chain(requested):
        value = getattr(obj, build_localized_fieldname(field, code), None)
        if not is_empty(value):
            return Resolved(value=value, language=code, requested=requested)
    return Resolved(value=None, language=requested, requested=requested)


def missing_translations(obj: Any, fields: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
    """Per language, the fields that have a value in some language but not in this one."""
    missing: dict[str, list[str]] = {}
    codes = language_codes()
    for field in fields:
        values = {code: getattr(obj, build_localized_fieldname(field, code), None) for code in codes}
        if all(is_empty(v) for v in values.values()):
            continue
        for code, value in values.items():
            if is_empty(value):
                missing.setdefault(code, []).append(field)
    return missing


# Languages that community voices speak but Django's LANG_INFO does not list.
EXTRA_LANGUAGES = {
    "aeb": {"name": gettext_lazy("Tunisian Arabic"), "bidi": True},
    "ary": {"name": gettext_lazy("Moroccan Arabic"), "bidi": True},
    "arq": {"name": gettext_lazy("Algerian Arabic"), "bidi": True},
    "arz": {"name": gettext_lazy("Egyptian Arabic"), "bidi": True},
    "apc": {"name": gettext_lazy("Levantine Arabic"), "bidi": True},
}


def language_direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language code; ``auto`` when the code is unknown."""
    base = code.split("-")[0].lower()
    if base in EXTRA_LANGUAGES:
        return "rtl" if EXTRA_LANGUAGES[base]["bidi"] else "ltr"
    try:
        return "rtl" if get_language_info(base)["bidi"] else "ltr"
    except KeyError:
        return "auto"


def language_name(code: str) -> str:
    """The language's name in the visitor's language (falls back to the code)."""
    base = code.split("-")[0].lower()
    if base in EXTRA_LANGUAGES:
        return str(EXTRA_LANGUAGES[base]["name"])
    try:
        return get_language_info(base)["name_translated"]
    except KeyError:
        return code


def page_urls(pages, *, request=None) -> dict[int, dict[str, str]]:
    """Each page's real URL in every site language: ``{page.pk: {code: url}}``.

    A page's slug, and so its URL, differs per language (wagtail-modeltranslation
    keeps ``url_path_<code>``), so the URL is asked of the page with that language
    active (https://docs.wagtail.org/en/stable/reference/models.html#wagtail.models.Page.get_url).
    The URL is relative when the page is on the request's site, else absolute; a
    language in which the page has no URL (not routable) is left out.

    The language is the outer loop: Wagtail caches the site root paths on the request
    per active language, so a long list switches language four times, not per page.
    Siblings share their parent's URL: Wagtail is asked for the first of them, and
    the others' URLs are that prefix plus the end of their own ``url_path_<code>``
    (a thousand artifacts of one collection cost one URL lookup per language).
    """
    pages = list(pages)
    urls: dict[int, dict[str, str]] = {page.pk: {} for page in pages}
    for code in language_codes():
        column = f"url_path_{code}"
        prefixes: dict[str, tuple[str, str] | None] = {}  # parent path → (parent url_path, parent URL)
        with override(code):
            for page in pages:
                own = page.__dict__.get(column) or page.__dict__.get("url_path") or ""
                parent_path = page.path[: -page.steplen]
                known = prefixes.get(parent_path)
                if known is not None and own.startswith(known[0]):
                    urls[page.pk][code] = known[1] + own[len(known[0]) :]
                    continue
                url = page.get_url(request=request)
                if not url:
                    continue
                urls[page.pk][code] = url
                segment = own[own.rstrip("/").rfind("/") + 1 :] if own else ""
                if parent_path not in prefixes and segment and url.endswith(segment):
                    prefixes[parent_path] = (own[: -len(segment)], url[: -len(segment)])
    return urls


def page_full_urls(pages) -> dict[int, dict[str, str]]:
    """Like :func:`page_urls`, but absolute (what harvesters and feeds carry).

    Wagtail answers a relative URL only when there is a single site, so a relative one
    takes that site's root URL."""
    from wagtail.models import Site

    urls = page_urls(pages)
    roots = Site.get_site_root_paths()
    for by_language in urls.values():
        for code, url in by_language.items():
            if url.startswith("/") and roots:
                by_language[code] = roots[0].root_url + url
    return urls


def page_language_urls(page, *, request=None) -> dict[str, str]:
    """One page's URL in every site language: ``{code: url}`` (see :func:`page_urls`)."""
    if page is None or not page.pk:
        return {}
    return page_urls([page], request=request)[page.pk]
