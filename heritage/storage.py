"""Private files: never served by the web server, reached only through views that check
who asks (recordings, consent forms, uploads waiting for an import's confirmation).

The storage is ``STORAGES["private"]``: a local folder (``HERITAGE_PRIVATE_MEDIA_ROOT``)
or a private S3 bucket (``HERITAGE_S3_PRIVATE_BUCKET``, django-storages), chosen in the
settings. Code that handles stored files goes through the Storage API and the few
helpers below, never through a local path, so the same code runs on both.

The helpers exist because django-storages' ``S3File`` downloads a whole object into a
``SpooledTemporaryFile`` on first read (in memory unless ``max_memory_size`` is set):
fine for a thumbnail, not for a two-hour WAV. On S3 they stream the object's body
(``GetObject``, with a byte range when asked) or let S3 copy server-side; elsewhere
they use the storage's own ``open``.
"""

from __future__ import annotations

import os
import secrets
import shutil
from typing import IO

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty

DELIVERY_MODES = ("stream", "x-accel", "redirect")


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used rather than when imported.

    A ``FileField(storage=callable)`` calls the callable once, when the model class is
    built (https://docs.djangoproject.com/en/5.2/ref/models/fields/#django.db.models.FileField.storage),
    and keeps what it returned. Handing it this proxy instead of the storage itself
    means ``override_settings(STORAGES=...)`` (tests against S3) and any later change of
    the settings reach the recordings' fields too: Django resets its ``storages``
    handler on ``setting_changed`` and :func:`_forget_private_storage` resets this proxy.
    ``isinstance`` sees through it (``LazyObject`` proxies ``__class__``).
    """

    def _setup(self):
        self._wrapped = storages["private"]


_private = PrivateStorage()


@receiver(setting_changed, dispatch_uid="heritage.storage.forget_private_storage")
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage() -> Storage:
    """The private storage (a proxy that always reaches the configured one)."""
    return _private  # type: ignore[return-value]


def is_s3(storage: Storage) -> bool:
    """Is this django-storages' S3 backend (or a subclass)?"""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - django-storages is a dependency
        return False
    return isinstance(storage, S3Storage)


def local_path(storage: Storage, name: str) -> str | None:
    """The file's path on this machine when the storage keeps files on a local disk, else None."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def _s3_object(storage, name: str):
    from storages.utils import clean_name

    return storage.bucket.Object(storage._normalize_name(clean_name(name)))


def _s3_not_found(error) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound") or error.response.get(
        "ResponseMetadata", {}
    ).get("HTTPStatusCode") in (404, 416)


def open_stream(storage: Storage, name: str, *, start: int = 0, end: int | None = None) -> IO[bytes]:
    """A binary stream of the stored file from byte ``start`` to ``end`` (inclusive; the
    end of the file when None), read as it is consumed: never the whole file in memory.
    FileNotFoundError when there is no such file. The caller closes it."""
    if is_s3(storage):
        from botocore.exceptions import ClientError

        arguments = {"Range": f"bytes={start}-{'' if end is None else end}"} if start or end is not None else {}
        try:
            return _s3_object(storage, name).get(**arguments)["Body"]
        except ClientError as error:
            if _s3_not_found(error):
                raise FileNotFoundError(f"{name} is not in the private storage") from error
            raise
    handle = storage.open(name, "rb")
    if start:
        handle.seek(start)
    if end is None:
        return handle
    return _Limited(handle, end - start + 1)


class _Limited:
    """A file-like that stops after ``remaining`` bytes (a byte range of a local file)."""

    def __init__(self, handle, remaining: int):
        self.handle, self.remaining = handle, remaining

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def iter_chunks(storage: Storage, name: str, *, start: int = 0, end: int | None = None, chunk_size: int = 1 << 16):
    """The stored bytes from ``start`` to ``end`` (inclusive), ``chunk_size`` at a time.
    The file is opened now, so a missing file or an outage is raised here, before a
    response has begun, not halfway through it."""
    stream = open_stream(storage, name, start=start, end=end)

    def chunks():
        try:
            while chunk := stream.read(chunk_size):
                yield chunk
        finally:
            stream.close()

    return chunks()


def download(storage: Storage, name: str, destination: IO[bytes]) -> None:
    """Copy the stored file into an open local file, streaming (s3transfer on S3: parallel
    ranged GETs, bounded memory)."""
    if is_s3(storage):
        from botocore.exceptions import ClientError

        try:
            _s3_object(storage, name).download_fileobj(destination, Config=storage.transfer_config)
        except ClientError as error:
            if _s3_not_found(error):
                raise FileNotFoundError(f"{name} is not in the private storage") from error
            raise
        return
    with storage.open(name, "rb") as source:
        shutil.copyfileobj(source, destination, 1 << 20)


def copy(storage: Storage, old: str, new: str, *, max_length: int | None = None) -> str:
    """Copy a stored file to the name ``new`` (or the free name the storage picks from
    it); the name it got. On S3 the copy is made by S3 itself (a managed, multipart
    ``CopyObject`` for large objects), so a 1 GB recording never passes through Python;
    on a local disk a hard link when possible (instant, and no extra space), else a
    streamed copy through the Storage API. ``old`` is left as it was."""
    new = storage.get_available_name(new, max_length=max_length)
    if is_s3(storage):
        from botocore.exceptions import ClientError

        source = _s3_object(storage, old)
        target = _s3_object(storage, new)
        try:
            target.copy({"Bucket": source.bucket_name, "Key": source.key}, Config=storage.transfer_config)
        except ClientError as error:
            if _s3_not_found(error):
                raise FileNotFoundError(f"{old} is not in the private storage") from error
            raise
        return new
    old_path, new_path = local_path(storage, old), local_path(storage, new)
    if old_path and new_path:
        if not os.path.exists(old_path):
            raise FileNotFoundError(f"{old} is not in the private storage")
        os.makedirs(os.path.dirname(new_path), exist_ok=True)
        try:
            os.link(old_path, new_path)
            return new
        except OSError:
            pass  # another file system, or links not allowed: copy the bytes
    with storage.open(old, "rb") as source:
        return storage.save(new, source, max_length=max_length)


def signed_url(storage: Storage, name: str, *, content_type: str = "") -> str:
    """A short-lived URL for the stored file (S3: presigned with the storage's
    ``querystring_expire``), answered with ``content_type`` whatever the object was
    stored with; ImproperlyConfigured when the storage cannot give one."""
    if not (is_s3(storage) and storage.querystring_auth):
        raise ImproperlyConfigured(
            "HERITAGE_RECORDING_DELIVERY=redirect needs the private storage to be a private S3 bucket with "
            "signed URLs (set HERITAGE_S3_PRIVATE_BUCKET); it is "
            f"{_class_name(storage)}."
        )
    parameters = {"ResponseContentType": content_type} if content_type else None
    return storage.url(name, parameters=parameters, expire=storage.querystring_expire)


def _class_name(storage: Storage) -> str:
    """The storage's real class (``__class__`` sees through the lazy proxy; ``type`` does not)."""
    return f"{storage.__class__.__module__}.{storage.__class__.__name__}"


def delivery_problem(mode: str | None = None, storage: Storage | None = None) -> str:
    """Why this recording delivery cannot work with this private storage ("" when it can)."""
    mode = mode if mode is not None else getattr(settings, "HERITAGE_RECORDING_DELIVERY", "stream")
    storage = storage if storage is not None else private_storage()
    if mode not in DELIVERY_MODES:
        return f"HERITAGE_RECORDING_DELIVERY is {mode!r}; it must be one of {', '.join(DELIVERY_MODES)}."
    if mode == "x-accel" and not isinstance(storage, FileSystemStorage):
        return (
            "HERITAGE_RECORDING_DELIVERY=x-accel hands the file to nginx, which reads it from the private media "
            "folder; the private storage is not a local folder (it is "
            f"{_class_name(storage)}). Use 'redirect' with an S3 bucket."
        )
    if mode == "redirect" and not (is_s3(storage) and getattr(storage, "querystring_auth", False)):
        return (
            "HERITAGE_RECORDING_DELIVERY=redirect sends listeners to a signed URL of the private S3 bucket; the "
            "private storage is not one (set HERITAGE_S3_PRIVATE_BUCKET, or use 'x-accel' or 'stream')."
        )
    return ""


@checks.register(checks.Tags.compatibility)
def check_recording_delivery(app_configs=None, **kwargs):
    """Caught at start-up (``manage.py check``, runserver, migrate), not by a listener."""
    problem = delivery_problem()
    return [checks.Error(problem, id="heritage.E101")] if problem else []


# -- Image files: originals out of public reach, renditions under names nobody can guess --

#: Where Wagtail keeps original image files (``AbstractImage.get_upload_to``).
ORIGINALS_FOLDER = "original_images/"


def is_original(name: str) -> bool:
    return (name or "").lstrip("/").startswith(ORIGINALS_FOLDER)


@deconstructible(path="heritage.storage.OriginalImageStorage")
class OriginalImageStorage(Storage):
    """The storage of ``Image.file`` (set by ``heritage.image_files``): original images
    live in ``STORAGES[HERITAGE_ORIGINAL_IMAGES_STORAGE]`` and their URL is the site's
    ``/media/original_images/<name>``, a view that asks the visibility rule before it
    hands the bytes out (``heritage.image_files.original_image``).

    ``HERITAGE_ORIGINAL_IMAGES_STORAGE`` is ``"private"`` with object storage (the public
    bucket gives out every object it holds, so originals must not be in it) and
    ``"default"`` on a local disk, where ``original_images/`` under MEDIA_ROOT is simply a
    folder neither nginx nor the web process serves as a plain file. The alias is read on
    every call, so ``override_settings`` reaches it.

    Reads fall back to the default storage while ``manage.py protect_images`` has not yet
    moved an older original out of it; deletes remove both copies. Listing is never
    asked of this storage (backups walk ``STORAGES`` themselves).
    """

    def target(self) -> Storage:
        return storages[getattr(settings, "HERITAGE_ORIGINAL_IMAGES_STORAGE", "default")]

    def fallback(self) -> Storage | None:
        alias = getattr(settings, "HERITAGE_ORIGINAL_IMAGES_STORAGE", "default")
        return None if alias == "default" else storages["default"]

    def holder(self, name: str) -> Storage:
        """The storage that has the file now (the target, or the default storage for an
        original not yet moved); the target when neither has it."""
        target, fallback = self.target(), self.fallback()
        if fallback is not None and not target.exists(name) and fallback.exists(name):
            return fallback
        return target

    def _open(self, name, mode="rb"):
        return self.holder(name).open(name, mode)

    def _save(self, name, content):
        return self.target()._save(name, content)

    def delete(self, name):
        for storage in (self.target(), self.fallback()):
            if storage is not None:
                storage.delete(name)

    def exists(self, name):
        fallback = self.fallback()
        return self.target().exists(name) or (fallback is not None and fallback.exists(name))

    def size(self, name):
        return self.holder(name).size(name)

    def path(self, name):
        return self.holder(name).path(name)

    def listdir(self, path):
        return self.target().listdir(path)

    def get_valid_name(self, name):
        return self.target().get_valid_name(name)

    def generate_filename(self, filename):
        return self.target().generate_filename(filename)

    def get_accessed_time(self, name):
        return self.holder(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self.holder(name).get_created_time(name)

    def get_modified_time(self, name):
        return self.holder(name).get_modified_time(name)

    def url(self, name):
        if not is_original(name):
            return self.target().url(name)
        from django.urls import reverse

        return reverse("original_image", args=[name.lstrip("/")[len(ORIGINALS_FOLDER) :]])


class RenditionStorage(LazyObject):
    """Renditions (``WAGTAILIMAGES_RENDITION_STORAGE``): the default storage, but each new
    rendition's name carries a random token (``images/letter.fill-400x300.<token>.jpg``),
    so knowing an image's file name no longer tells anyone where its renditions are.
    Wagtail finds renditions by their row (image, filter, focal point), never by name.
    The default storage is reached through Django's ``default_storage`` proxy, which
    follows ``override_settings(STORAGES=...)``."""

    def _setup(self):
        from django.core.files.storage import default_storage

        self._wrapped = default_storage

    def generate_filename(self, filename):
        from django.core.files.storage import default_storage

        stem, extension = os.path.splitext(filename)
        return default_storage.generate_filename(f"{stem}.{secrets.token_urlsafe(9)}{extension}")


def copy_between(source: Storage, target: Storage, name: str) -> None:
    """Copy the file ``name`` from ``source`` to ``target`` under the same name (S3 to S3:
    server-side). FileExistsError when ``target`` already has that name."""
    if target.exists(name):
        raise FileExistsError(name)
    if is_s3(source) and is_s3(target) and source.endpoint_url == target.endpoint_url:
        from_object, to_object = _s3_object(source, name), _s3_object(target, name)
        to_object.copy({"Bucket": from_object.bucket_name, "Key": from_object.key}, Config=target.transfer_config)
        return
    from django.core.files import File

    with source.open(name, "rb") as handle:
        saved = target.save(name, File(handle, name=name))
    if saved != name:  # pragma: no cover - exists() said the name was free
        target.delete(saved)
        raise FileExistsError(name)


def sha256_of(storage: Storage, name: str) -> str:
    """The stored file's SHA-256, read as a stream."""
    import hashlib

    digest = hashlib.sha256()
    stream = open_stream(storage, name)
    try:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    finally:
        stream.close()
    return digest.hexdigest()


def try_again_later(message: str, *, retry_after: int = 60):
    """A 503 in plain text that says why and when to ask again (a storage outage, a file
    still being made), never stored by a browser or a cache: the one shape every file
    view answers with instead of a 500."""
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control

    response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    patch_cache_control(response, private=True, no_store=True)
    return response


def storage_errors() -> tuple[type[BaseException], ...]:
    """What a storage outage raises: OS errors, and botocore's when S3 is in use."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [BotoCoreError, ClientError]
    except ImportError:  # pragma: no cover - boto3 comes with django-storages[s3]
        pass
    return tuple(errors)
