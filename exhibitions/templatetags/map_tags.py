"""Template tags for the exhibition map block (``exhibitions/blocks/map.html``)."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def map_tiles() -> dict | None:
    """The tile layer to draw under the maps, or None (the default: the bundled land outlines).

    ``settings.HERITAGE_MAP_TILES`` may name one, e.g.
    ``{"url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "© OpenStreetMap contributors"}``.
    Tiles are fetched from that server by every visitor's browser, so it stays off unless set.
    """
    tiles = getattr(settings, "HERITAGE_MAP_TILES", None)
    if not isinstance(tiles, dict) or not tiles.get("url"):
        return None
    return {"url": str(tiles["url"]), "attribution": str(tiles.get("attribution") or "")}


@register.simple_tag(takes_context=True)
def map_dom_id(context, value) -> str:
    """A unique, stable HTML id for this map block (several maps may share a page).

    The stream block's own id when the page loop hands it over as ``block``, else a
    number counted per request, else a random one (a block rendered on its own).
    """
    block = context.get("block")
    if getattr(block, "value", None) is value and getattr(block, "id", None):
        return f"map-{block.id}"
    request = context.get("request")
    if request is not None:
        count = getattr(request, "_heritage_map_count", 0) + 1
        request._heritage_map_count = count
        return f"map-{count}"
    return f"map-{uuid.uuid4().hex[:12]}"


@register.simple_tag(takes_context=True)
def map_assets_needed(context) -> bool:
    """True for the first map of a request: it loads Leaflet and map.js for the page.

    Without a request (a block rendered on its own) every map loads them; map.js
    starts each map once however often it is loaded.
    """
    request = context.get("request")
    if request is None:
        return True
    if getattr(request, "_heritage_map_assets", False):
        return False
    request._heritage_map_assets = True
    return True


def _degrees(value) -> str:
    rounded = Decimal(str(abs(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number_format(rounded, 2)


@register.simple_tag
def coordinates(latitude, longitude) -> str:
    """Coordinates as people read them: "43.30° N, 5.37° E" (in the visitor's language)."""
    if latitude is None or longitude is None:
        return ""
    if latitude >= 0:
        lat = _("%(degrees)s° N") % {"degrees": _degrees(latitude)}
    else:
        lat = _("%(degrees)s° S") % {"degrees": _degrees(latitude)}
    if longitude >= 0:
        lng = _("%(degrees)s° E") % {"degrees": _degrees(longitude)}
    else:
        lng = _("%(degrees)s° W") % {"degrees": _degrees(longitude)}
    return f"{lat}{pgettext('list separator', ', ')}{lng}"
