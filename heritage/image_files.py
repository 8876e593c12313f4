"""Image files follow the one visibility rule (``heritage.visibility.file_is_open``).

Originals. ``Image.file`` is stored through ``heritage.storage.OriginalImageStorage``
(set below, when this module is imported by ``HeritageConfig.ready``): the files live in
``STORAGES[HERITAGE_ORIGINAL_IMAGES_STORAGE]`` (the private bucket with object storage;
``MEDIA_ROOT/original_images`` on a local disk, which nginx and the media view never
serve as plain files) and their URL, ``/media/original_images/<name>``, is
:func:`original_image`: the file goes to anyone only while an open page uses the image;
people who may use the admin (editors previewing a draft) always get it; everyone else
gets a 404. So the original of a draft, of a password, login or group-restricted page,
or of a page under an unpublished one, is not handed out, on disk or in a bucket.

Renditions stay public files (templates, IIIF and the API read them from the public
storage), but (``heritage.storage.RenditionStorage``) each one is named with a random
token, so an image's file name no longer tells where its renditions are. Those made
while the image was open were seen by visitors, though; so when a page closes
(unpublished, a view restriction on it or above it, moved, deleted, or closed by its own
type: ``pages_changed``), the renditions of every image it used that no open page uses
any more are deleted once the change commits (:func:`seal_renditions`, on the worker),
as recordings are sealed (``oral_histories.delivery.seal_closed_under``). Renditions
made afterwards, for an editor's preview or a visitor with the page's password, carry
new tokens that were never public.

``manage.py protect_images`` does the same for what was stored before: it moves
originals out of the public storage (:func:`move_originals`: copied, checked by
SHA-256, and only then deleted; a file that fails stays where it was, still readable)
and deletes the renditions of every closed image.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, default_storage, storages
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_unpublished, post_page_move

from django_tasks import task

from . import storage as stored
from .signals import pages_changed
from .transactions import waiting_callback
from .visibility import file_is_open, used_by_open_pages

logger = logging.getLogger(__name__)

#: Seconds a browser or a shared cache may keep an open original. Short: a page may
#: close at any time, and nothing purges these URLs.
OPEN_MAX_AGE = 300


# -- The originals' storage -------------------------------------------------------------


def use_original_image_storage() -> None:
    """Give ``Image.file`` the storage that keeps originals out of public reach.

    Wagtail builds the field with Django's ``default_storage``. The field's storage is
    replaced here; its deconstruction still names ``default_storage``
    (``_storage_callable``, the only thing ``FileField.deconstruct`` reads), so Wagtail's
    migrations see no change to the field."""
    image_field = get_image_model()._meta.get_field("file")
    if not isinstance(image_field.storage, stored.OriginalImageStorage):
        image_field.storage = stored.OriginalImageStorage()
        image_field._storage_callable = default_storage


use_original_image_storage()


# -- The view ---------------------------------------------------------------------------


def not_found() -> HttpResponse:
    response = HttpResponse(_("This image is not available."), status=404, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, private=True, no_store=True)
    return response


def unavailable() -> HttpResponse:
    return stored.try_again_later(
        _("This image cannot be fetched from the archive's storage right now. Please try again in a few minutes.")
    )


def may_see_closed_files(request: HttpRequest) -> bool:
    """Editors (anyone who may use the admin) preview drafts and restricted pages: the
    same test as for documents (``heritage.wagtail_hooks.serve_only_open_documents``)."""
    user = getattr(request, "user", None)
    return user is not None and user.has_perm("wagtailadmin.access_admin")


@require_safe
def original_image(request: HttpRequest, name: str) -> HttpResponse:
    """``/media/original_images/<name>``: the original file of an image an open page uses,
    for anyone; of any image, for editors; else a plain 404 (also for a name no image
    row has, and for a file missing from the storage)."""
    file_name = stored.ORIGINALS_FOLDER + name
    if not name or posixpath.normpath(file_name) != file_name or "\x00" in name:
        return not_found()
    image = get_image_model().objects.filter(file=file_name).first()
    if image is None:
        return not_found()
    is_open = file_is_open(image)
    if not is_open and not may_see_closed_files(request):
        return not_found()
    try:
        response = deliver(request, image.file.storage, file_name)
    except FileNotFoundError:
        logger.warning("Image %s names %s, which is not in the storage", image.pk, file_name)
        return not_found()
    except stored.storage_errors():
        logger.exception("Could not read %s from the storage", file_name)
        return unavailable()
    if is_open and not isinstance(response, HttpResponseRedirect):
        patch_cache_control(response, public=True, max_age=OPEN_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def holder_of(storage: Storage, name: str) -> Storage:
    """The concrete storage that holds ``name`` (through ``OriginalImageStorage``)."""
    return storage.holder(name) if isinstance(storage, stored.OriginalImageStorage) else storage


def deliver(request: HttpRequest, storage: Storage, name: str) -> HttpResponse:
    """The bytes from a local file (the WSGI server's file wrapper; nginx buffers them),
    a redirect to a short-lived signed URL of a private bucket, or else a stream.
    FileNotFoundError when the file is not there."""
    storage = holder_of(storage, name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    path = stored.local_path(storage, name)
    if path is not None:
        return FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115 (closed by the response)
    if not storage.exists(name):
        raise FileNotFoundError(name)
    if stored.is_s3(storage) and getattr(storage, "querystring_auth", False):
        url = storage.url(
            name,
            parameters={"ResponseContentType": content_type},
            expire=getattr(settings, "HERITAGE_IMAGE_SIGNED_URL_SECONDS", 60),
        )
        return HttpResponseRedirect(url)
    response = StreamingHttpResponse(stored.iter_chunks(storage, name), content_type=content_type)
    response["Content-Length"] = str(storage.size(name))
    return response


# -- Renditions of closed images ----------------------------------------------------------


def _image_references():
    Image = get_image_model()
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ReferenceIndex._get_base_content_type(Image),
    )


def images_used_under(paths: Iterable[str] = (), *, page_ids: Iterable[int] = ()) -> set[int]:
    """The images the pages under (or at) these tree paths, or these pages, use, as
    Wagtail's reference index records it (the references ``used_by_open_pages`` reads)."""
    found: set[int] = set()
    references = _image_references()
    paths, page_ids = list(paths), [str(pk) for pk in page_ids]
    for start in range(0, len(paths), 100):
        under = Q()
        for path in paths[start : start + 100]:
            under |= Q(path__startswith=path)
        pages = Page.objects.filter(under).annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")
        found.update(references.filter(object_id__in=pages).values_list("to_object_id", flat=True))
    for start in range(0, len(page_ids), 500):
        chunk = page_ids[start : start + 500]
        found.update(references.filter(object_id__in=chunk).values_list("to_object_id", flat=True))
    return {int(pk) for pk in found if str(pk).isdigit()}


def closed_images(image_ids: Iterable[int] | None = None):
    """Of ``image_ids`` (images closing pages used), those no open page uses; without
    ``image_ids``, the images some page uses but no open page does (an image no page
    uses, such as an institution's logo or an upload not placed yet, is left alone)."""
    Image = get_image_model()
    if image_ids is not None:
        return Image.objects.filter(pk__in=list(image_ids)).exclude(used_by_open_pages(Image))
    used_by_a_page = Exists(_image_references().filter(to_object_id=Cast(OuterRef("pk"), output_field=CharField())))
    return Image.objects.filter(used_by_a_page).exclude(used_by_open_pages(Image))


def seal_renditions(image_ids: Iterable[int] | None = None) -> list[int]:
    """Delete the renditions of the closed images (among ``image_ids``, or all): their
    rows now, their files once this commits (Wagtail's own ``post_delete`` handler).
    The images whose renditions went."""
    Rendition = get_image_model().get_rendition_model()
    with transaction.atomic():
        ids = list(closed_images(image_ids).filter(renditions__isnull=False).distinct().values_list("pk", flat=True))
        if ids:
            Rendition.objects.filter(image_id__in=ids).delete()
    if ids:
        logger.info("Closed images %s: their renditions are deleted", ids)
    return ids


@task(queue_name="maintenance")
def seal_renditions_task(image_ids: list[int]) -> list[int]:
    return seal_renditions(image_ids)


@dataclass(eq=False)
class _SealAfterCommit:
    """The images a transaction may have closed, gathered and handed to the worker once."""

    image_ids: set[int] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)

    def covers(self, path: str) -> bool:
        return any(path.startswith(done) for done in self.paths)

    def __call__(self):
        try:
            seal_renditions_task.enqueue(sorted(self.image_ids))
        except Exception:
            # After the commit: the editor's change is saved; never a 500 for it.
            logger.exception("Could not queue the deletion of the renditions of images %s", sorted(self.image_ids))


def may_have_closed(paths: Iterable[str] = (), *, page_ids: Iterable[int] = ()) -> None:
    """The pages under these paths (or these pages) may have closed: once the
    transaction commits, the renditions of the images they use that no open page uses
    any more are deleted."""
    waiting = waiting_callback(lambda callback: isinstance(callback, _SealAfterCommit))
    # A subtree deleted sends one signal per page: its top already counted.
    paths = [path for path in paths if waiting is None or not waiting.covers(path)]
    ids = images_used_under(paths, page_ids=page_ids)
    if waiting is None:
        if ids:
            transaction.on_commit(_SealAfterCommit(ids, set(paths)))
        return
    waiting.image_ids |= ids
    waiting.paths.update(paths)


@receiver(page_unpublished, dispatch_uid="heritage.image_files.unpublished")
@receiver(post_page_move, dispatch_uid="heritage.image_files.moved")
def on_page_closing(sender, instance, **kwargs):
    may_have_closed([instance.path])


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="heritage.image_files.restricted")
def on_restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        may_have_closed(Page.objects.filter(pk=instance.page_id).values_list("path", flat=True))


def on_page_deleted(sender, instance, **kwargs):
    """Before the page's references go with it (connected per page model:
    ``heritage.signals.connect_page_deletes``)."""
    if isinstance(instance, Page) and instance.pk:
        may_have_closed([instance.path])


@receiver(pages_changed, dispatch_uid="heritage.image_files.pages_changed")
def on_pages_changed(sender, pages, **kwargs):
    """Consent withdrawn and the like: a page closed by its own type."""
    may_have_closed(page_ids=[page.pk for page in pages if page.pk])


# -- Moving older originals out of the public storage ----------------------------------------


@dataclass
class MoveReport:
    moved: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # in both, the same bytes: public copy deleted
    failed: dict[str, str] = field(default_factory=dict)


def walk(storage: Storage, path: str):
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name)
    for directory in sorted(directories):
        yield from walk(storage, posixpath.join(path, directory))


def move_originals(*, dry_run: bool = False) -> MoveReport:
    """Move every file under ``original_images/`` from the default (public) storage to
    ``HERITAGE_ORIGINAL_IMAGES_STORAGE``, under the same name. Each file is copied,
    both copies are hashed (SHA-256), and only when they agree is the public one
    deleted; a file that fails stays where it was (the site still reads it there) and
    is reported. Running it again finishes what is left."""
    report = MoveReport()
    alias = getattr(settings, "HERITAGE_ORIGINAL_IMAGES_STORAGE", "default")
    if alias == "default":
        return report
    source, target = storages["default"], storages[alias]
    for name in walk(source, stored.ORIGINALS_FOLDER.rstrip("/")):
        try:
            if target.exists(name):
                if stored.sha256_of(source, name) != stored.sha256_of(target, name):
                    report.failed[name] = "a different file of that name is already in the private storage"
                    continue
                if not dry_run:
                    source.delete(name)
                report.already.append(name)
                continue
            if dry_run:
                report.moved.append(name)
                continue
            stored.copy_between(source, target, name)
            if stored.sha256_of(source, name) != stored.sha256_of(target, name):
                target.delete(name)
                report.failed[name] = "the copy does not match the original (deleted; the original stays)"
                continue
            source.delete(name)
            report.moved.append(name)
        except (FileNotFoundError, FileExistsError, *stored.storage_errors()) as error:
            report.failed[name] = f"{type(error).__name__}: {error}"
    return report
