"""Human labels for facet values, in the visitor's language (shared by every engine).

Every search shows up to seven facets; asking the database for the names of the
cities, institutions, themes and rights on each search cost more than Elasticsearch's
whole answer. The labels of a facet in a language are therefore read once — all of
them, the tables are small — and kept in Django's cache; a save or delete of a city,
institution, theme or rights statement forgets them (``forget_labels``, connected in
``search.signals``). With a per-process cache (the default ``LocMemCache``) other
processes see a rename within ``LABEL_CACHE_SECONDS``; point ``CACHES`` at a shared
cache to make it immediate everywhere.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from archive.listing import Period
from heritage.i18n import language_name, resolve
from heritage.models import Institution, PartnerCityPage, RightsStatement, Theme

TYPE_LABELS = {
    "artifact": _("Object"),
    "collection": _("Collection"),
    "oral_history": _("Oral history"),
    "exhibition": _("Exhibition"),
    "event": _("Event"),
    "city": _("Partner city"),
}

FACET_NAMES = {
    "city": _("Partner city"),
    "institution": _("Institution"),
    "type": _("Type"),
    "language": _("Language"),
    "theme": _("Theme"),
    "period": _("Period"),
    "rights": _("Rights"),
}

LABEL_CACHE_SECONDS = 300

#: Facets whose labels live in the database: the model, its key field and its label field.
STORED_LABELS = {
    "city": (PartnerCityPage, "slug_en", "title"),
    "institution": (Institution, "code", "name"),
    "theme": (Theme, "slug", "name"),
    "rights": (RightsStatement, "code", "label"),
}


def cache_key(facet: str, language: str) -> str:
    return f"heritage-search:facet-labels:{facet}:{language}"


def stored_labels(facet: str, language: str) -> dict[str, str]:
    """Every label of a database-backed facet in ``language`` (cached)."""
    key = cache_key(facet, language)
    labels = cache.get(key)
    if labels is None:
        model, key_field, label_field = STORED_LABELS[facet]
        labels = {getattr(obj, key_field): str(resolve(obj, label_field, language)) for obj in model.objects.all()}
        cache.set(key, labels, LABEL_CACHE_SECONDS)
    return labels


def forget_labels(facet: str) -> None:
    cache.delete_many([cache_key(facet, code) for code, _name in settings.LANGUAGES])


def facet_labels(facet: str, values: list[str], *, language: str) -> dict[str, str]:
    """Map each value of ``facet`` to its label; unknown values keep their own text."""
    labels: dict[str, str] = {}
    with override(language):
        if facet in STORED_LABELS:
            labels = stored_labels(facet, language)
        elif facet == "type":
            labels = {value: str(TYPE_LABELS.get(value, value)) for value in values}
        elif facet == "language":
            labels = {value: language_name(value) for value in values}
        elif facet == "period":
            labels = {value: Period(int(value)).label for value in values if value.isdigit()}
    return {value: labels.get(value, value) for value in values}
