"""Link previews (Open Graph, Twitter cards) and schema.org JSON-LD for every page.

``includes/page_meta.html`` asks :func:`social_meta` and :func:`linked_data` through
the ``social_meta`` and ``linked_data`` tags in ``heritage_tags``. Nothing here branches
on page types:

* link previews read the page's own methods, ``HeritagePage.social_type()``,
  ``social_description()`` and ``social_image()``, which page types override;
* JSON-LD comes from a builder per page type. The heritage types are below; each app
  adds its own through the ``heritage_linked_data`` Wagtail hook, whose functions
  return ``{PageClass: builder}``; a builder is ``builder(page, context) -> dict | None``
  (``context``: :class:`Context`). The most specific class in the page's MRO wins.
  Apps register in their ``linked_data`` module, imported by their ``AppConfig.ready``.

What may leak: a page with a view restriction (on it or an ancestor) gets no
description, image or JSON-LD at all, only its canonical URL and title, which its
visitors already see; a builder shows no more than the public page does (e.g. an
oral history's media only when its recording is public, see oral_histories.linked_data).

JSON-LD is escaped as ``json_script`` does (``<``, ``>`` and ``&`` as ``\\u003C`` …), so
no text can close the ``<script>`` element.
https://schema.org/docs/full.html · https://ogp.me/ · https://developers.google.com/search/docs/appearance/structured-data
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail import hooks

from .i18n import language_codes, page_language_urls, resolve
from .site_url import absolute_url

HOOK = "heritage_linked_data"
SCHEMA = "https://schema.org"

#: Open Graph locales (language_TERRITORY) for the site languages.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE", "ar": "ar_AR"}

#: The size link previews expect (1.91:1).
SOCIAL_IMAGE_SPEC = "fill-1200x630"
#: Images in JSON-LD: the largest gallery size the artifact page renders already.
LINKED_DATA_IMAGE_SPEC = "width-1200"
DESCRIPTION_LENGTH = 200

Builder = Callable[[Any, "Context"], "dict | None"]


def one_line(value: Any) -> str:
    return re.sub(r"\s+", " ", "" if value is None else str(value)).strip()


def plain_text(value: Any) -> str:
    """Rich text as one line of plain text: tags stripped, entities decoded."""
    if value is None:
        return ""
    return one_line(html.unescape(strip_tags(str(value))))


def text(obj: Any, field_name: str) -> str:
    """A translated plain-text field (a title, a name) in the active language, with
    fallback, on one line; "" if empty. Its characters are kept as they are: "<" in a
    title is a "<", and JSON-LD and attributes escape it."""
    if obj is None:
        return ""
    value = resolve(obj, field_name).value
    if value is None:
        value = getattr(obj, field_name, None)
    return one_line(value)


def current_language() -> str:
    return (get_language() or "en").split("-")[0]


def page_is_public(page, request=None) -> bool:
    """Live (or an editor's preview) and no view restriction on it or its ancestors.

    Asked once per page object (the answer is kept on it): the link previews and the
    JSON-LD of one page view share it."""
    if not (page.live or getattr(request, "is_preview", False)):
        return False
    cached = getattr(page, "_heritage_is_public", None)
    if cached is None:
        cached = page._heritage_is_public = not page.get_view_restrictions().exists()
    return cached


# --- JSON-LD values -----------------------------------------------------------------


def compact(data: dict) -> dict:
    """``data`` without empty values (None, "", [], {}), so that no property is a blank."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def year(value: int | None) -> str:
    """An ISO 8601 year (four digits, ``-`` before the common era)."""
    if value is None:
        return ""
    return f"-{abs(value):04d}" if value < 0 else f"{value:04d}"


def iso_duration(seconds: float | None) -> str:
    """Seconds as an ISO 8601 duration: ``PT1H2M3S``."""
    if not seconds:
        return ""
    total = round(seconds)
    hours, minutes, secs = total // 3600, total // 60 % 60, total % 60
    parts = (
        (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs or not total else "")
    )
    return f"PT{parts or '0S'}"


def language_values(obj: Any, field_name: str, *, exclude: str = "") -> list[dict[str, str]]:
    """The field's real translations (no fallbacks) as JSON-LD value objects
    ``{"@value": …, "@language": code}``, leaving out the language ``exclude``."""
    values = []
    for code in language_codes():
        if code == exclude:
            continue
        value = one_line(getattr(obj, f"{field_name}_{code}", None))
        if value:
            values.append({"@value": value, "@language": code})
    return values


def geo(obj: Any) -> dict | None:
    if obj is None or getattr(obj, "latitude", None) is None or getattr(obj, "longitude", None) is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": float(obj.latitude), "longitude": float(obj.longitude)}


def person(obj: Any, **extra: Any) -> dict | None:
    if obj is None:
        return None
    return compact({"@type": "Person", "name": text(obj, "name"), **extra})


def place(obj: Any) -> dict | None:
    """A vocabulary place (heritage.Place) with its coordinates."""
    if obj is None:
        return None
    return compact({"@type": "Place", "name": text(obj, "name"), "geo": geo(obj)})


def address(city: Any) -> dict | None:
    """A partner city as a postal address (locality and country)."""
    if city is None:
        return None
    return compact(
        {
            "@type": "PostalAddress",
            "addressLocality": text(city, "title"),
            "addressCountry": getattr(city, "country_code", ""),
        }
    )


#: schema.org types for the kinds of institution (Museum is a place, not an organization).
INSTITUTION_TYPES = {"library": "Library", "archive": "ArchiveOrganization"}


def organization(institution: Any) -> dict | None:
    """An institution as an Organization with its city (``institution.city`` loaded)."""
    if institution is None:
        return None
    return compact(
        {
            "@type": INSTITUTION_TYPES.get(institution.kind, "Organization"),
            "name": text(institution, "name"),
            "url": institution.website,
            "address": address(institution.city),
        }
    )


def license_uri(page: Any) -> str:
    rights = getattr(page, "rights", None)
    return rights.uri if rights is not None else ""


def copyright_holder(page: Any) -> dict | None:
    """The rights holder, named as text by editors; most are institutions or estates."""
    holder = text(page, "rights_holder")
    return {"@type": "Organization", "name": holder} if holder else None


def to_json(data: dict) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&`` (and U+2028/9) escaped as json_script does."""
    escapes = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(escapes)


def script(data: dict | None) -> SafeString:
    if not data:
        return mark_safe("")  # noqa: S308 - empty
    return mark_safe(f'<script type="application/ld+json">{to_json(data)}</script>')  # noqa: S308 - escaped above


# --- Context and the builders' registry --------------------------------------------------


@dataclass
class Context:
    """What a builder needs besides the page: the request, the language, the page's
    canonical URL in that language, and helpers for absolute URLs and images."""

    request: Any
    language: str
    url: str
    urls: dict[str, str] = field(default_factory=dict)  # absolute URL per language

    def absolute(self, url: str) -> str:
        return absolute_url(url, self.request)

    def rendition(self, image: Any, spec: str):
        """The rendition, or None when the original file cannot be read."""
        from wagtail.images.models import SourceImageIOError

        try:
            return image.get_rendition(spec)
        except (SourceImageIOError, OSError):
            return None

    def image(self, image: Any, spec: str = LINKED_DATA_IMAGE_SPEC, **extra: Any) -> dict | None:
        """An ImageObject for a rendition of ``image`` (absolute URL, size, caption…)."""
        if image is None:
            return None
        rendition = self.rendition(image, spec)
        if rendition is None:
            return None
        return compact(
            {
                "@type": "ImageObject",
                "contentUrl": self.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                **extra,
            }
        )

    def base(self, page: Any, schema_type: str | list[str]) -> dict:
        """The properties every page's JSON-LD starts from."""
        name = text(page, "title")
        return compact(
            {
                "@context": SCHEMA,
                "@type": schema_type,
                "@id": self.url,
                "url": self.url,
                "name": name,
                "alternateName": [v for v in language_values(page, "title") if v["@value"] != name],
                "description": page.social_description() if hasattr(page, "social_description") else "",
                "inLanguage": self.language,
            }
        )


def web_page(page, context: Context) -> dict:
    """Any other page: a WebPage with its main image."""
    data = context.base(page, "WebPage")
    social = page.social_image() if hasattr(page, "social_image") else None
    if social:
        data = compact({**data, "primaryImageOfPage": context.image(social[0], caption=social[1])})
    return data


def home_page(page, context: Context) -> dict:
    """The home page: the WebSite and its search (a SearchAction with the search URL template)."""
    from django.urls import reverse

    search = context.absolute(reverse("search:page"))
    data = context.base(page, "WebSite")
    return {
        **data,
        "name": _("Heritage Commons"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def partner_city(page, context: Context) -> dict:
    """A partner city: a City with its coordinates and country."""
    social = page.social_image()
    return compact(
        {
            **context.base(page, "City"),
            "geo": geo(page),
            "containedInPlace": compact(
                {"@type": "Country", "name": text(page, "country"), "identifier": page.country_code}
            ),
            "image": context.image(social[0], caption=social[1]) if social else None,
        }
    )


def _heritage_builders() -> dict[type, Builder]:
    from wagtail.models import Page

    from .models import HomePage, PartnerCityPage

    return {Page: web_page, HomePage: home_page, PartnerCityPage: partner_city}


def builders() -> dict[type, Builder]:
    """Every registered builder: heritage's own, then each app's (``heritage_linked_data``)."""
    table = _heritage_builders()
    for fn in hooks.get_hooks(HOOK):
        table.update(fn())
    return table


def builder_for(page) -> Builder | None:
    table = builders()
    for cls in type(page).__mro__:
        if cls in table:
            return table[cls]
    return None


# --- What the template asks ----------------------------------------------------------------


def make_context(page, *, request) -> Context | None:
    urls = {code: absolute_url(url, request) for code, url in page_language_urls(page, request=request).items()}
    language = current_language()
    url = urls.get(language)
    if not url:
        return None
    return Context(request=request, language=language, url=url, urls=urls)


def linked_data(page, *, request) -> dict | None:
    """The page's JSON-LD, or None (not a public page, or nothing to say)."""
    if page is None or not getattr(page, "pk", None) or request is None or not page_is_public(page, request):
        return None
    context = make_context(page, request=request)
    builder = builder_for(page)
    if context is None or builder is None:
        return None
    return builder(page, context)


@dataclass
class SocialMeta:
    type: str
    url: str
    locale: str
    locale_alternates: list[str]
    site_name: str
    description: str = ""
    image: dict | None = None  # {"url", "width", "height", "alt"}

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def social_meta(page, *, request) -> SocialMeta | None:
    """Open Graph and Twitter card values for ``page`` in the active language."""
    if page is None or not getattr(page, "pk", None) or request is None:
        return None
    context = make_context(page, request=request)
    if context is None:
        return None
    meta = SocialMeta(
        type=page.social_type() if hasattr(page, "social_type") else "website",
        url=context.url,
        locale=OG_LOCALES.get(context.language, context.language),
        locale_alternates=[OG_LOCALES.get(code, code) for code in context.urls if code != context.language],
        site_name=_("Heritage Commons"),
    )
    if not page_is_public(page, request):
        return meta  # a private page: its address and title only
    if hasattr(page, "social_description"):
        meta.description = Truncator(page.social_description()).chars(DESCRIPTION_LENGTH)
    social = page.social_image() if hasattr(page, "social_image") else None
    if social:
        image, alt = social
        rendition = context.rendition(image, SOCIAL_IMAGE_SPEC)
        if rendition is not None:
            meta.image = {
                "url": context.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": alt,
            }
    return meta
