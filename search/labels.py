"""Human labels for facet values, in the visitor's language (shared by every engine)."""

from __future__ import annotations

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


def facet_labels(facet: str, values: list[str], *, language: str) -> dict[str, str]:
    """Map each value of ``facet`` to its label; unknown values keep their own text."""
    labels: dict[str, str] = {}
    with override(language):
        if facet == "type":
            labels = {value: str(TYPE_LABELS.get(value, value)) for value in values}
        elif facet == "city":
            for city in PartnerCityPage.objects.filter(slug_en__in=values):
                labels[city.slug_en] = str(resolve(city, "title", language))
        elif facet == "institution":
            for institution in Institution.objects.filter(code__in=values):
                labels[institution.code] = str(resolve(institution, "name", language))
        elif facet == "theme":
            for theme in Theme.objects.filter(slug__in=values):
                labels[theme.slug] = str(resolve(theme, "name", language))
        elif facet == "rights":
            for rights in RightsStatement.objects.filter(code__in=values):
                labels[rights.code] = str(resolve(rights, "label", language))
        elif facet == "language":
            labels = {value: language_name(value) for value in values}
        elif facet == "period":
            labels = {value: Period(int(value)).label for value in values if value.isdigit()}
    return {value: labels.get(value, value) for value in values}
