"""The ``/iiif/`` views: manifests, collections and the level-0 image service.

Everything here answers any origin (``exchange.cors.allow_any_origin``) and only for
open pages (``heritage.visibility``); anything closed, or missing, is a plain 404.
"""

from __future__ import annotations

import json

from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from heritage.site_url import absolute_url
from oral_histories.delivery import preparing

from ..cors import allow_any_origin
from . import images, manifests
from . import oral_histories as oral_history_iiif

PRESENTATION_TYPE = f'application/ld+json;profile="{manifests.PRESENTATION_CONTEXT}"'
IMAGE_INFO_TYPE = f'application/ld+json;profile="{images.IMAGE_CONTEXT}"'
#: Seconds a client or cache may keep an answer: short for the JSON (a page may be
#: unpublished or restricted at any time), longer for image bytes.
JSON_MAX_AGE = 300
IMAGE_MAX_AGE = 3600


def not_found(reason: str = "") -> HttpResponse:
    """A 404 answered here (not raised), so that it carries the CORS header too."""
    return HttpResponseNotFound(reason or "Not found", content_type="text/plain; charset=utf-8")


def json_ld(data: str | dict, content_type: str) -> HttpResponse:
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=JSON_MAX_AGE)
    return response


@allow_any_origin
@require_safe
def manifest(request, pk: int):
    page = manifests.open_artifact(pk)
    if page is None:
        return not_found()
    return json_ld(manifests.artifact_manifest(request, page).json(), PRESENTATION_TYPE)


@allow_any_origin
@require_safe
def collection(request, pk: int, part: int | None = None):
    page = manifests.open_collection(pk)
    if page is None:
        return not_found()
    collection = manifests.collection_manifest(request, page, part)
    if collection is None:
        return not_found()
    return json_ld(collection.json(), PRESENTATION_TYPE)


@allow_any_origin
@require_safe
def image_base(request, image_id: int):
    """The service's base URI redirects to its information document (Image API 3.0 §2.2)."""
    return HttpResponseRedirect(reverse("iiif:image_info", args=[image_id]), status=303)


@allow_any_origin
@require_safe
def image_info(request, image_id: int):
    image = images.open_image(image_id)
    if image is None:
        return not_found()
    base = absolute_url(reverse("iiif:image_base", args=[image_id]), request)
    response = json_ld(images.info(image, base), IMAGE_INFO_TYPE)
    response["Link"] = '<http://iiif.io/api/image/3/level0.json>;rel="profile"'
    return response


@allow_any_origin
@require_safe
def image(request, image_id: int, region: str, size: str, rotation: str, quality: str, format: str):
    # The syntax first: a malformed request is a 400 whether or not the image exists.
    try:
        images.requested_size(1, 1, region, size, rotation, quality, format)
    except images.BadRequest as error:
        return HttpResponseBadRequest(f"Bad IIIF image request: {error}", content_type="text/plain; charset=utf-8")
    except images.NotOffered:
        pass
    picture = images.open_image(image_id)
    if picture is None:
        return not_found()
    try:
        wanted = images.requested_size(picture.width, picture.height, region, size, rotation, quality, format)
    except images.NotOffered as error:
        return not_found(f"Not offered by this level-0 image service: {error}")
    rendition = picture.get_rendition(wanted.spec)
    response = FileResponse(rendition.file.open("rb"), content_type="image/jpeg")
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    response["Link"] = '<http://iiif.io/api/image/3/level0.json>;rel="profile"'
    return response


# --- Oral histories (exchange.iiif.oral_histories) ------------------------------------


def no_shared_copy(response: HttpResponse) -> HttpResponse:
    """Consent takes effect at once (a withdrawal, an embargo, a new redaction): an oral
    history's manifest and search answers are never kept by a shared cache."""
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


@allow_any_origin
@require_safe
def oral_history_manifest(request, pk: int):
    page = oral_history_iiif.open_oral_history(pk)
    if page is None:
        return not_found()
    body = oral_history_iiif.manifest_json(request, page)
    if body is None:
        # A redacted recording whose access copy is being made: the media view says
        # 503 "being prepared" too; never a manifest naming a file that will not play.
        return preparing()
    return no_shared_copy(json_ld(body, PRESENTATION_TYPE))


@allow_any_origin
@require_safe
def oral_history_search(request, pk: int):
    page = oral_history_iiif.open_oral_history(pk)
    if page is None:
        return not_found()
    query = request.GET.get("q", "")
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 0
    if number < 1 or len(query) > oral_history_iiif.MAX_QUERY:
        return HttpResponseBadRequest("Bad search request", content_type="text/plain; charset=utf-8")
    answer = oral_history_iiif.search_answer(request, page, query, number)
    return no_shared_copy(json_ld(answer, oral_history_iiif.SEARCH_TYPE))
