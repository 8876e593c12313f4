"""A level-0 IIIF Image API 3.0 service from Wagtail renditions.

Level 0 (https://iiif.io/api/image/3.0/compliance/#5-level-0-compliance) asks only for
the full region, the ``max`` size, no rotation, the default quality and JPEG; sizes
listed in ``info.json`` (``sizes``) are served too, in the canonical ``w,h`` form
(https://iiif.io/api/image/3.0/#55-sizes). So every image offers a fixed ladder:

* widths :data:`LADDER` (200, 400, 800, 1600) below the original's width, each
  height keeping the ratio, computed as Wagtail's ``width-N`` filter computes it
  (``int(height * N / width)``), so the rendition has exactly the declared size;
* ``max``: the original size, or 1600 wide when the original is larger (declared
  with ``maxWidth``/``maxHeight``), the last entry of ``sizes``.

Each size is the rendition ``width-N|format-jpeg``. A request the API allows but this
service does not offer (a region, another size, a rotation, a quality or a format) is
a 404, as the specification says for parameters "not supported for this image
service"; one whose syntax is wrong is a 400 (https://iiif.io/api/image/3.0/#7-errors).

An image is served only while an open artifact shows it (:func:`open_image`): the
same test, ``heritage.visibility``, that decides which manifests exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wagtail.images import get_image_model

from heritage.visibility import keep_open, open_pages

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
IMAGE_PROTOCOL = "http://iiif.io/api/image"
#: Widths offered, capped at the original's width (and the largest at ``MAX_WIDTH``).
LADDER = (200, 400, 800, 1600)
MAX_WIDTH = LADDER[-1]


class BadRequest(ValueError):
    """The request's syntax is not the Image API's (400)."""


class NotOffered(LookupError):
    """A valid request for something this level-0 service does not offer (404)."""


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    @property
    def spec(self) -> str:
        """The Wagtail rendition filter giving exactly this size."""
        return f"width-{self.width}|format-jpeg"

    @property
    def param(self) -> str:
        """The canonical ``w,h`` size parameter."""
        return f"{self.width},{self.height}"

    def as_json(self) -> dict[str, int]:
        return {"width": self.width, "height": self.height}


def scaled(width: int, height: int, to_width: int) -> Size:
    """``width × height`` scaled to ``to_width`` as Wagtail's ``width-N`` does it."""
    if to_width >= width:
        return Size(width, height)
    return Size(to_width, max(int(height * (to_width / width)), 1))


def sizes(width: int, height: int) -> list[Size]:
    """The ladder for an image of ``width × height``, smallest first; the last is ``max``."""
    ladder = [scaled(width, height, w) for w in LADDER if w < width]
    biggest = scaled(width, height, MAX_WIDTH)
    if biggest not in ladder:
        ladder.append(biggest)
    return ladder


def max_size(width: int, height: int) -> Size:
    return scaled(width, height, MAX_WIDTH)


def thumbnail_size(width: int, height: int) -> Size:
    return sizes(width, height)[0]


# --- Request parsing ------------------------------------------------------------

NUMBER = r"\d+(?:\.\d+)?"
REGION = re.compile(rf"^(?:full|square|\d+,\d+,\d+,\d+|pct:{NUMBER},{NUMBER},{NUMBER},{NUMBER})$")
SIZE = re.compile(rf"^\^?(?:max|\d+,|,\d+|\d+,\d+|!\d+,\d+|pct:{NUMBER})$")
WIDTH_HEIGHT = re.compile(r"^(\d+),(\d+)$")
ROTATION = re.compile(rf"^!?({NUMBER})$")
QUALITY = re.compile(r"^(?:default|color|gray|bitonal)$")
FORMAT = re.compile(r"^[a-z0-9]+$")


def requested_size(width: int, height: int, region: str, size: str, rotation: str, quality: str, fmt: str) -> Size:
    """The offered size an image request asks for, else :class:`BadRequest` or :class:`NotOffered`."""
    if not REGION.match(region):
        raise BadRequest(f"region {region!r}")
    if not SIZE.match(size) or re.search(r"(?<![\d.])0+(?:,|$)|,0+$", size.lstrip("^")):
        raise BadRequest(f"size {size!r}")
    rotation_match = ROTATION.match(rotation)
    if not rotation_match or float(rotation_match.group(1)) > 360:
        raise BadRequest(f"rotation {rotation!r}")
    if not QUALITY.match(quality):
        raise BadRequest(f"quality {quality!r}")
    if not FORMAT.match(fmt):
        raise BadRequest(f"format {fmt!r}")

    if region != "full" or rotation != "0" or quality != "default" or fmt != "jpg":
        raise NotOffered("level 0: full/…/0/default.jpg only")
    if size == "max":
        return max_size(width, height)
    match = WIDTH_HEIGHT.match(size)
    if match:
        wanted = Size(int(match.group(1)), int(match.group(2)))
        if wanted in sizes(width, height):
            return wanted
    raise NotOffered(f"size {size!r} is not one of this image's sizes")


# --- Which images are served -----------------------------------------------------


def open_image(image_id: int):
    """The image ``image_id`` if an open artifact shows it, else None."""
    from archive.models import ArtifactPage

    artifacts = open_pages(ArtifactPage.objects.filter(gallery_images__image_id=image_id).distinct())
    if not keep_open(artifacts):
        return None
    return get_image_model().objects.filter(pk=image_id).first()


def info(image, base_url: str) -> dict:
    """The image information document (``info.json``) of a level-0 service."""
    ladder = sizes(image.width, image.height)
    biggest = ladder[-1]
    data = {
        "@context": IMAGE_CONTEXT,
        "id": base_url,
        "type": "ImageService3",
        "protocol": IMAGE_PROTOCOL,
        "profile": "level0",
        "width": image.width,
        "height": image.height,
    }
    if (biggest.width, biggest.height) != (image.width, image.height):
        data["maxWidth"] = biggest.width
        data["maxHeight"] = biggest.height
    data["sizes"] = [size.as_json() for size in ladder]
    return data
