"""IIIF Presentation 3.0 manifests (one per open artifact) and collections (one per
open collection), built with iiif-prezi3 (https://iiif.io/api/presentation/3.0/).

Every text is a language map holding the languages that really have a value (no
modeltranslation fallback passed off as a translation); labels of the metadata are
the site's own translations, asked with each language active. An artifact's images
become canvases of the image's size, each painted by one image whose ``service`` is
the level-0 Image API service of :mod:`exchange.iiif.images`.

An artifact without images has no manifest: a manifest needs at least one canvas.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    Collection,
    CollectionRef,
    Homepage,
    KeyValueString,
    Manifest,
    ManifestRef,
    Provider,
    ServiceV3,
)

from archive.models import ArtifactImage, ArtifactPage, CollectionPage
from heritage.i18n import language_codes, resolve
from heritage.linked_data import one_line, plain_text
from heritage.models.base import children_of
from heritage.site_url import absolute_url
from heritage.visibility import keep_open, open_pages

from . import images

#: IIIF asks for these two vocabularies' URIs in their ``http`` form (Presentation 3.0
#: §3.3.1, ``rights``): a rights statement stored as ``https://creativecommons.org/…``
#: is given as ``http://creativecommons.org/…``.
HTTP_ONLY_RIGHTS_HOSTS = {"creativecommons.org", "rightsstatements.org"}


def iiif_rights(uri: str) -> str | None:
    if not uri:
        return None
    parts = urlsplit(uri)
    host = parts.netloc.lower().removeprefix("www.")
    if host in HTTP_ONLY_RIGHTS_HOSTS:
        return urlunsplit(("http", host, parts.path, parts.query, parts.fragment))
    return uri


PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"


# --- Language maps -----------------------------------------------------------------


def field_map(obj, field: str, *, rich: bool = False) -> dict[str, list[str]]:
    """``{code: [value]}`` for each language in which ``obj.<field>_<code>`` has a value."""
    clean = plain_text if rich else one_line
    values = {}
    for code in language_codes():
        value = clean(getattr(obj, f"{field}_{code}", None))
        if value:
            values[code] = [value]
    return values


def list_map(objects, field: str) -> dict[str, list[str]]:
    """``{code: [value, …]}`` for each language in which every object has a value."""
    objects = list(objects)
    values = {}
    for code in language_codes():
        names = [one_line(getattr(obj, f"{field}_{code}", None)) for obj in objects]
        if names and all(names):
            values[code] = names
    return values


def term(message: str, *, capitalize: bool = False) -> dict[str, list[str]]:
    """A label of the site's (``gettext``) in every language."""
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = [capfirst(_(message)) if capitalize else _(message)]
    return values


def entry(label: dict, value: dict) -> KeyValueString | None:
    return KeyValueString(label=label, value=value) if value else None


# --- URLs --------------------------------------------------------------------------
# Every id and homepage is on the site's public address (``heritage.site_url``), not
# the host the request came in on: a manifest's ``id`` must be where it is found.


def manifest_url(request, page) -> str:
    return absolute_url(reverse("iiif:manifest", args=[page.pk]), request)


def collection_url(request, page, part: int | None = None) -> str:
    if part is None:
        return absolute_url(reverse("iiif:collection", args=[page.pk]), request)
    return absolute_url(reverse("iiif:collection_part", args=[page.pk, part]), request)


def image_service_url(request, image) -> str:
    return absolute_url(reverse("iiif:image_base", args=[image.pk]), request)


def homepages(request, page) -> list[Homepage]:
    """The page in every language it has a URL in, each labelled with its title there."""
    pages = []
    titles = field_map(page, "title")
    for code in language_codes():
        with translation.override(code):
            url = page.get_full_url(request)
        if url:
            label = {code: titles[code]} if code in titles else {"none": [one_line(page.title)]}
            pages.append(Homepage(id=url, type="Text", label=label, format="text/html", language=[code]))
    return pages


def provider(request, institution) -> Provider:
    city = institution.city
    homepage = []
    if institution.website:
        homepage = [
            Homepage(id=institution.website, type="Text", label=field_map(institution, "name"), format="text/html")
        ]
    identifier = institution.website or f"{city.get_full_url(request)}#institution-{institution.code}"
    return Provider(id=identifier, label=field_map(institution, "name"), homepage=homepage or None)


# --- Images ------------------------------------------------------------------------


def image_service(request, image) -> list[ServiceV3]:
    return [ServiceV3(id=image_service_url(request, image), type="ImageService3", profile="level0")]


def image_body(request, image, size: images.Size) -> AnnotationBody:
    url = f"{image_service_url(request, image)}/full/{size.param}/0/default.jpg"
    return AnnotationBody(
        id=url,
        type="Image",
        format="image/jpeg",
        width=size.width,
        height=size.height,
        service=image_service(request, image),
    )


def thumbnail(request, image) -> list[AnnotationBody]:
    return [image_body(request, image, images.thumbnail_size(image.width, image.height))]


def canvas(request, base: str, item: ArtifactImage) -> Canvas:
    image = item.image
    canvas_id = f"{base}/canvas/{item.pk}"
    label = field_map(item, "caption") or field_map(item, "alt_text")
    painting = Annotation(
        id=f"{canvas_id}/annotation/image",
        motivation="painting",
        body=image_body(request, image, images.max_size(image.width, image.height)),
        target=canvas_id,
    )
    credit = field_map(item, "credit")
    return Canvas(
        id=canvas_id,
        label=label or None,
        width=image.width,
        height=image.height,
        items=[AnnotationPage(id=f"{canvas_id}/page", items=[painting])],
        thumbnail=thumbnail(request, image),
        requiredStatement=entry(term("photo credit", capitalize=True), credit),
    )


# --- Manifests -----------------------------------------------------------------------


def gallery_prefetch(to_attr: str = "iiif_images") -> Prefetch:
    return Prefetch(
        "gallery_images",
        queryset=ArtifactImage.objects.order_by("sort_order", "pk").select_related("image"),
        to_attr=to_attr,
    )


def open_artifact(pk: int) -> ArtifactPage | None:
    """The artifact ``pk`` with all a manifest reads, if it is open and has images."""
    artifacts = (
        open_pages(ArtifactPage.objects.filter(pk=pk))
        .select_related("institution", "institution__city", "rights")
        .prefetch_related(gallery_prefetch(), "themes", "places", "makers")
    )
    found = keep_open(artifacts)
    if not found or not found[0].iiif_images:
        return None
    return found[0]


def attribution(page) -> dict[str, list[str]]:
    """Who holds the rights (if anyone is named) and which institution holds the
    object or the recording, in each language (names fall back as the site's pages do)."""
    institution = page.institution
    values = {}
    for code in language_codes():
        with translation.override(code):
            lines = []
            holder = one_line(resolve(page, "rights_holder", code).value)
            if holder:
                label = _("Rights holder:")
                lines.append(f"{label} {holder}")
            if institution is not None:
                lines.append(
                    _("Held by %(institution)s, %(city)s")
                    % {
                        "institution": one_line(resolve(institution, "name", code).value),
                        "city": one_line(resolve(institution.city, "title", code).value),
                    }
                )
            if lines:
                values[code] = lines
    return values


def metadata(page: ArtifactPage) -> list[KeyValueString]:
    institution = page.institution
    entries = [
        entry(term("Held by"), field_map(institution, "name")),
        entry(term("City"), field_map(institution.city, "title")),
        entry(term("Accession number"), {"none": [page.accession_number]}),
        entry(term("Object type"), field_map(page, "object_type")),
        entry(term("Materials"), field_map(page, "materials")),
        entry(term("Dimensions"), field_map(page, "dimensions")),
        entry(
            term("Date"),
            field_map(page, "date_text") or ({"none": [page.period_label]} if page.period_label else {}),
        ),
        entry(term("Themes"), list_map(page.themes.all(), "name")),
        entry(term("Places"), list_map(page.places.all(), "name")),
        entry(term("Made by"), list_map(page.makers.all(), "name")),
    ]
    return [item for item in entries if item is not None]


def artifact_manifest(request, page: ArtifactPage) -> Manifest:
    """The manifest of an artifact from :func:`open_artifact`."""
    base = manifest_url(request, page).removesuffix("/manifest.json")
    collection = page.get_parent()
    first = page.iiif_images[0].image
    manifest = Manifest(
        id=manifest_url(request, page),
        label=field_map(page, "title"),
        summary=field_map(page, "description", rich=True) or None,
        metadata=metadata(page),
        requiredStatement=KeyValueString(label=term("Rights"), value=attribution(page)),
        rights=iiif_rights(page.rights.uri) if page.rights_id else None,
        provider=[provider(request, page.institution)],
        homepage=homepages(request, page) or None,
        thumbnail=thumbnail(request, first),
        partOf=[{"id": collection_url(request, collection), "type": "Collection"}],
        items=[canvas(request, base, item) for item in page.iiif_images],
    )
    return manifest


# --- Collections ---------------------------------------------------------------------


def open_collection(pk: int) -> CollectionPage | None:
    found = keep_open(open_pages(CollectionPage.objects.filter(pk=pk)).select_related("institution__city"))
    return found[0] if found else None


#: Manifests one IIIF collection lists; a bigger collection is a collection of such
#: parts (IIIF Presentation 3 has no paging: collections nest), so no answer has to
#: describe 50,000 artifacts.
COLLECTION_PART = 1000


def collection_manifest(request, page: CollectionPage, part: int | None = None) -> Collection | None:
    """The IIIF collection of a collection: its open artifacts that have images, in
    tree order; past :data:`COLLECTION_PART` of them, a collection of parts, each
    part (``part``, from 1) a collection of up to that many manifests. None for a
    part that does not exist.

    The artifacts are found by an indexed range of paths (``children_of``), not
    ``child_of``'s ``LIKE``: an empty collection read every page of the catalogue;
    only the part's artifacts are loaded."""
    shown = (
        open_pages(children_of(ArtifactPage.objects.all(), page))
        .filter(Exists(ArtifactImage.objects.filter(page_id=OuterRef("pk"))))
        .order_by("path")
    )
    total = shown.count()
    parts = max(1, -(-total // COLLECTION_PART))
    label = field_map(page, "title")
    base = {
        "summary": field_map(page, "summary") or None,
        "provider": [provider(request, page.institution)],
        "homepage": homepages(request, page) or None,
    }
    if part is None and parts > 1:
        return Collection(
            id=collection_url(request, page),
            label=label,
            items=[
                CollectionRef(
                    id=collection_url(request, page, number), type="Collection", label=part_label(page, number, parts)
                )
                for number in range(1, parts + 1)
            ],
            **base,
        )
    if part is not None and not 1 <= part <= parts:
        return None
    number = part or 1
    ids = list(shown.values_list("pk", flat=True)[(number - 1) * COLLECTION_PART : number * COLLECTION_PART])
    artifacts = keep_open(ArtifactPage.objects.filter(pk__in=ids).prefetch_related(gallery_prefetch()).order_by("path"))
    items = [
        ManifestRef(
            id=manifest_url(request, artifact),
            label=field_map(artifact, "title"),
            thumbnail=thumbnail(request, artifact.iiif_images[0].image),
        )
        for artifact in artifacts
        if artifact.iiif_images
    ]
    if part is None:
        return Collection(id=collection_url(request, page), label=label, items=items, **base)
    return Collection(
        id=collection_url(request, page, number),
        label=part_label(page, number, parts),
        partOf=[{"id": collection_url(request, page), "type": "Collection", "label": label}],
        items=items,
        **base,
    )


def part_label(page, number: int, parts: int) -> dict[str, list[str]]:
    """“Title (part 2 of 50)”, in each language the title has."""
    labels = {}
    for language, values in field_map(page, "title").items():
        with translation.override(language):
            labels[language] = [
                _("%(title)s (part %(number)s of %(parts)s)") % {"title": value, "number": number, "parts": parts}
                for value in values
            ]
    return labels
