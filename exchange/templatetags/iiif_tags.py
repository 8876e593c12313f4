"""``{% iiif_url page %}``: the IIIF manifest (artifact) or collection (collection) of a
page, for its template to link, or "" when the page has none to offer.

The link is shown only when ``/iiif/`` answers it: the page is open
(``heritage.visibility.is_open``; not a draft, a preview, or under a view restriction
or an unpublished page) and, for an artifact, it has images (a manifest needs a
canvas). The answer is kept on the page, so the ``<head>`` link and the visible link
cost the check once.
"""

from django import template
from django.urls import reverse

from heritage.visibility import is_open

register = template.Library()


@register.simple_tag(takes_context=True)
def iiif_url(context, page) -> str:
    from archive.models import ArtifactPage, CollectionPage

    if page is None or not getattr(page, "pk", None):
        return ""
    cached = getattr(page, "_iiif_url", None)
    if cached is not None:
        return cached
    url = ""
    request = context.get("request")
    if not getattr(request, "is_preview", False):
        if isinstance(page, ArtifactPage):
            gallery = context.get("gallery")
            has_images = bool(gallery) if gallery is not None else page.gallery_images.exists()
            if has_images and is_open(page):
                url = reverse("iiif:manifest", args=[page.pk])
        elif isinstance(page, CollectionPage) and is_open(page):
            url = reverse("iiif:collection", args=[page.pk])
    page._iiif_url = url
    return url
