"""What exchange offers the pages of the apps below it, through heritage's hooks."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from archive.models import ArtifactPage, CollectionPage
from heritage.visibility import is_open

from .iiif.manifests import PRESENTATION_CONTEXT

IIIF_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'


@hooks.register("heritage_page_alternates")
def iiif_alternates(page, context) -> list[dict]:
    """The IIIF manifest of an artifact, or the IIIF collection of a collection, when
    ``/iiif/`` answers it: the page is open (not a draft, a preview, or under a view
    restriction or an unpublished page) and, for an artifact, it has images (a manifest
    needs a canvas)."""
    request = context.get("request")
    if getattr(request, "is_preview", False):
        return []
    if isinstance(page, ArtifactPage):
        gallery = context.get("gallery")
        has_images = bool(gallery) if gallery is not None else page.gallery_images.exists()
        if not (has_images and is_open(page)):
            return []
        href, title = reverse("iiif:manifest", args=[page.pk]), _("IIIF manifest")
        hint = _("Open this object in any IIIF viewer (such as Mirador or the Universal Viewer) with this link.")
    elif isinstance(page, CollectionPage) and is_open(page):
        href, title, hint = reverse("iiif:collection", args=[page.pk]), _("IIIF collection"), ""
    else:
        return []
    label = render_to_string("exchange/includes/iiif_link.html", {"title": title})
    return [{"href": href, "type": IIIF_TYPE, "title": title, "label": label, "hint": hint}]
