"""Template tags for translated content and language navigation."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override, pgettext
from django.utils.translation import gettext as _

from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from heritage import linked_data as ld
from heritage.i18n import language_direction as _dir
from heritage.i18n import language_name, page_language_urls, resolve
from heritage.site_url import absolute_url

register = template.Library()


register.filter("language_name", language_name)


register.filter("language_dir", _dir)


def fallback_hint_text(code: str) -> str:
    """ "in English", "en anglais", "auf Englisch", "بالإنجليزية": a grammatical phrase per language."""
    phrases = {
        "en": _("in English"),
        "fr": _("in French"),
        "de": _("in German"),
        "ar": _("in Arabic"),
    }
    return phrases.get(code) or _("in %(language)s") % {"language": language_name(code)}


def _hint(code: str) -> str:
    return format_html(' <small class="fallback-hint" lang="{}">{}</small>', get_language(), fallback_hint_text(code))


@register.simple_tag
def tr(obj, field: str, rich: bool = False, hint: bool = True):
    """Render a translated field in the visitor's language, or mark its fallback.

    When the field is empty in the active language, the text of the first fallback
    language is shown inside an element with that language's ``lang`` and ``dir``, followed
    by a visible hint ("in English"), so screen readers pronounce it right and
    sighted visitors know it has not been translated yet.
    """
    if obj is None:
        return ""
    resolved = resolve(obj, field)
    if resolved.value is None:
        return ""
    if rich:
        html = mark_safe(expand_db_html(resolved.value))  # noqa: S308 - editor rich text, sanitised by Wagtail
        if not resolved.is_fallback:
            return format_html('<div class="rich-text">{}</div>', html)
        return format_html(
            '<div class="rich-text fallback" lang="{}" dir="{}"><p class="fallback-note" lang="{}" dir="{}">{}</p>{}</div>',
            resolved.language,
            _dir(resolved.language),
            resolved.requested,
            _dir(resolved.requested),
            _("This text has not been translated into %(requested)s yet; it is shown in %(language)s.")
            % {"requested": language_name(resolved.requested), "language": language_name(resolved.language)},
            html,
        )
    if not resolved.is_fallback:
        return str(resolved.value)
    return format_html(
        '<span class="fallback" lang="{}" dir="{}">{}</span>{}',
        resolved.language,
        _dir(resolved.language),
        resolved.value,
        _hint(resolved.language) if hint else "",
    )


@register.simple_tag
def tr_plain(obj, field: str) -> str:
    """The translated value as plain text (for attributes such as alt and title)."""
    if obj is None:
        return ""
    return str(resolve(obj, field))


@register.simple_tag
def tr_lang(obj, field: str) -> str:
    """The language code the field's value is actually in (for ``lang`` attributes)."""
    return resolve(obj, field).language


@register.simple_tag(takes_context=True)
def language_alternates(context, page=None):
    """The current page in every site language: code, name, URL, and which is active.

    For Wagtail pages the URL is the page's own translated URL; for other views the
    path is translated by Django's ``translate_url``. The query string is kept, so a
    filtered list or a search stays as it was.
    """
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    query = request.GET.urlencode()
    page_urls = page_language_urls(page, request=request) if isinstance(page, Page) else {}
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = page_urls.get(code)
        if not url:
            url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        with override(code):
            native = get_language_info(code)["name_local"]
        alternates.append(
            {
                "code": code,
                "name": native,
                "url": url,
                "absolute_url": absolute_url(url, request),
                "current": code == current,
                "dir": _dir(code),
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def page_full_url(context, page) -> str:
    """The page's absolute URL in the active language, on the site's public address
    (``heritage.site_url``: ``HERITAGE_BASE_URL``, else the request's host), for
    citations."""
    request = context.get("request")
    if page is None or not getattr(page, "pk", None):
        return ""
    return absolute_url(page.get_url(request=request) or "", request)


@register.simple_tag
def list_separator() -> str:
    """ ", " in most languages, "، " in Arabic."""
    return pgettext("list separator", ", ")


@register.filter
def clock(seconds, with_hours=False) -> str:
    """Seconds as a player shows them: ``mm:ss``, or ``h:mm:ss`` past an hour (or when
    ``with_hours``, so that every time in one recording has the same shape)."""
    try:
        total = int(float(seconds))
    except (TypeError, ValueError):
        return ""
    hours, minutes, secs = total // 3600, total // 60 % 60, total % 60
    if hours or with_hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


@register.simple_tag(takes_context=True)
def social_meta(context, page=None):
    """Open Graph and Twitter card values for ``page`` (see ``heritage.linked_data.social_meta``)."""
    return ld.social_meta(page, request=context.get("request"))


@register.simple_tag(takes_context=True)
def linked_data(context, page=None):
    """The page's schema.org JSON-LD in a ``<script type="application/ld+json">`` ("" if none)."""
    return ld.script(ld.linked_data(page, request=context.get("request")))


@register.simple_tag(takes_context=True)
def page_alternates(context, page=None) -> list[dict]:
    """Other representations of ``page`` offered by apps above heritage (e.g. a IIIF
    manifest), from the ``heritage_page_alternates`` hook: each hook function takes
    ``(page, context)`` and returns dicts with ``href``, ``type`` (the media type for the
    ``<link rel="alternate">``), ``title`` and ``label`` (the visible link's safe HTML).
    Asked once per page and render: the head and the body share the answer."""
    from wagtail import hooks

    page = page or context.get("page")
    if page is None or not getattr(page, "pk", None):
        return []
    cached = getattr(page, "_alternates", None)
    if cached is None:
        cached = [
            alternate for hook in hooks.get_hooks("heritage_page_alternates") for alternate in hook(page, context)
        ]
        page._alternates = cached
    return cached
