"""schema.org JSON-LD for collections and artifacts (registered with ``heritage_linked_data``).

An artifact is a ``VisualArtwork`` when its object type (in English) names a kind of
picture or sculpture (:data:`ARTWORK_TYPES`: painting, photograph, poster …), else a
``CreativeWork``: a ferry ticket, a letter or a tool is made by people but is not art,
and ``VisualArtwork``'s properties (``artform``, ``artMedium``) would not fit it.

The holding institution is the ``provider`` (schema.org has no "holding institution";
``provider`` is the CreativeWork property for who makes it available), with its city as
its address. The places linked to an artifact are where it was made, used or what it
shows, so they are its ``contentLocation``, not ``locationCreated``.
"""

from __future__ import annotations

import re

from django.db.models import Prefetch

from wagtail import hooks
from wagtail.images import get_image_model

from heritage.linked_data import (
    LINKED_DATA_IMAGE_SPEC,
    Context,
    compact,
    copyright_holder,
    license_uri,
    organization,
    person,
    place,
    text,
    year,
)

from .models import ArtifactImage, ArtifactPage, CollectionPage

#: English object types (singular or plural, any case) that make a VisualArtwork.
ARTWORK_TYPES = frozenset(
    {
        "collage",
        "drawing",
        "engraving",
        "etching",
        "fresco",
        "icon",
        "illustration",
        "lithograph",
        "miniature",
        "mosaic",
        "painting",
        "photograph",
        "photography",
        "postcard",
        "poster",
        "print",
        "sculpture",
        "sketch",
        "statue",
        "tapestry",
        "watercolor",
        "watercolour",
        "woodcut",
    }
)


def is_artwork(object_type: str) -> bool:
    """Whether an English object type names an artwork ("Photograph", "oil paintings", "Poster (print)")."""
    words = re.findall(r"[a-z]+", (object_type or "").lower())
    return any(word in ARTWORK_TYPES or word.removesuffix("s") in ARTWORK_TYPES for word in words)


def split_list(value: str) -> list[str]:
    """ "wood, brass; ink" → ["wood", "brass", "ink"]."""
    return [item.strip() for item in re.split(r"[,;،]", value or "") if item.strip()]


def artifact(page: ArtifactPage, context: Context) -> dict:
    artwork = is_artwork(page.object_type_en or "")
    images = (
        ArtifactImage.objects.filter(page=page)
        .order_by("sort_order")
        .prefetch_related(
            Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(LINKED_DATA_IMAGE_SPEC))
        )
    )
    institution = page.institution
    materials = split_list(text(page, "materials"))
    object_type = text(page, "object_type")
    dated = {}
    if page.earliest_year is not None:
        if page.latest_year is None or page.latest_year == page.earliest_year:
            dated["dateCreated"] = year(page.earliest_year)
        else:
            dated["temporalCoverage"] = f"{year(page.earliest_year)}/{year(page.latest_year)}"
    data = {
        **context.base(page, "VisualArtwork" if artwork else "CreativeWork"),
        "image": [
            context.image(
                item.image,
                caption=text(item, "caption") or text(item, "alt_text"),
                creditText=text(item, "credit"),
            )
            for item in images
        ],
        **dated,
        "temporal": text(page, "date_text"),
        "genre": "" if artwork else object_type,
        "artform": object_type if artwork else "",
        "material": materials,
        "artMedium": materials if artwork else [],
        "size": text(page, "dimensions"),
        "creator": [person(maker) for maker in page.makers.all()],
        "contentLocation": [place(item) for item in page.places.all()],
        "keywords": [text(theme, "name") for theme in page.themes.all()],
        "provider": organization(institution),
        "identifier": page.accession_number,
        "license": license_uri(page),
        "copyrightHolder": copyright_holder(page),
    }
    data["image"] = [image for image in data["image"] if image]
    return compact(data)


def collection(page: CollectionPage, context: Context) -> dict:
    """A collection held by one institution: a schema.org Collection."""
    social = page.social_image()
    return compact(
        {
            **context.base(page, "Collection"),
            "image": context.image(social[0]) if social else None,
            "provider": organization(page.institution),
        }
    )


@hooks.register("heritage_linked_data")
def register_archive_linked_data():
    return {ArtifactPage: artifact, CollectionPage: collection}
