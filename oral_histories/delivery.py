"""How a recording reaches a listener once consent allows it, and how a closed
recording's old links stop working.

Delivery (``HERITAGE_RECORDING_DELIVERY``), always after ``consent.decide``:

- ``stream``: Django streams the file, with byte ranges (the demo, the tests). Works on
  any storage, but holds a web thread for as long as the listener listens.
- ``x-accel``: an empty answer carrying ``X-Accel-Redirect: <HERITAGE_X_ACCEL_PREFIX><name>``;
  nginx serves the file itself, with ranges, from an ``internal`` location aliased to
  the private media folder (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ignore_headers).
  Only for a private storage on a local (or shared) disk.
- ``redirect``: a redirect to a presigned URL of the private S3 bucket, valid for the
  storage's ``querystring_expire`` seconds; the listener's player fetches (and seeks in)
  the object from S3 directly.

Every answer is ``private, no-store``: consent can change at any moment.

Revocation. A presigned URL cannot be revoked: it names the object's key and is good
until it expires, whoever holds it. So when a recording closes to someone who could
hear it before (consent withdrawn, scope narrowed to community or restricted, the
community changed, an embargo set), :func:`seal_if_closing` moves its stored objects
(master and access copy) to new, unguessable keys in the same save: copy first (S3
copies server-side), the row then names the new keys, and only once the transaction
commits are the old keys deleted. Every URL handed out before answers 404 from then on;
if anything fails on the way, the row still names objects that exist. A redaction
saved (a passage that must no longer be heard) moves them too, right after its commit
(:func:`seal_now`). And so does the page closing around a recording that listeners could
hear (unpublished, a view restriction on it or above it, moved under a closed page):
with presigned delivery, :func:`seal_closed_under` moves the files of every such
recording on the worker once the change commits (the other modes hand out only
Django's own URL, which asks again each time).
"""

from __future__ import annotations

import logging
import posixpath
import re
import secrets
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from django_tasks import task

from heritage import storage as stored
from heritage.storage import storage_errors

from .models import Recording, Scope

logger = logging.getLogger(__name__)

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024

#: The fields whose stored objects a listener's URL may point at (consent forms are
#: only ever streamed to editors, never handed out by URL).
DELIVERED_FIELDS = ("file", "access_copy")
CONSENT_STATE = ("scope", "community_id", "embargo_until", "withdrawn_at")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")


class StorageUnavailable(Exception):
    """The private storage did not answer (an S3 outage, a lost mount)."""


def private(response: HttpResponse) -> HttpResponse:
    """Consent can change at any moment: no shared cache may keep a copy."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def delivery_mode() -> str:
    mode = getattr(settings, "HERITAGE_RECORDING_DELIVERY", "stream")
    problem = stored.delivery_problem(mode, stored.private_storage())
    if problem:
        # Also a system check (heritage.E101), so it is seen at start-up, not by a listener.
        raise ImproperlyConfigured(problem)
    return mode


def deliver(request: HttpRequest, file: FieldFile, content_type: str) -> HttpResponse:
    """The answer that hands ``file`` to a listener whom consent already allowed."""
    mode = delivery_mode()
    if mode == "x-accel":
        return private(_x_accel(file.name, content_type))
    if mode == "redirect":
        url = stored.signed_url(file.storage, file.name, content_type=content_type)
        return private(HttpResponseRedirect(url))
    return private(_stream(request, file, content_type))


def _x_accel(name: str, content_type: str) -> HttpResponse:
    """nginx serves the bytes (and the ranges); Django sends none. nginx passes the
    Content-Type and Cache-Control of this answer on to the listener."""
    response = HttpResponse(content_type=content_type)
    prefix = getattr(settings, "HERITAGE_X_ACCEL_PREFIX", "/_private/")
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
    return response


def _stream(request: HttpRequest, file: FieldFile, content_type: str) -> HttpResponse:
    storage, name = file.storage, file.name
    try:
        size = storage.size(name)
    except FileNotFoundError:
        raise
    except storage_errors() as error:
        raise StorageUnavailable(str(error)) from error
    try:
        return _stream_answer(request, storage, name, size, content_type)
    except FileNotFoundError:
        raise
    except storage_errors() as error:
        raise StorageUnavailable(str(error)) from error


def _stream_answer(request: HttpRequest, storage, name: str, size: int, content_type: str) -> HttpResponse:
    header = request.headers.get("Range", "").strip()
    match = RANGE.match(header) if header else None
    if match and (match[1] or match[2]):
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start = max(size - int(match[2]), 0)
            end = size - 1
        if start >= size or end < start:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        response = StreamingHttpResponse(
            stored.iter_chunks(storage, name, start=start, end=end, chunk_size=CHUNK),
            status=206,
            content_type=content_type,
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        path = stored.local_path(storage, name)
        if path is not None:
            # A local file: the WSGI server's file wrapper (sendfile) does the copying.
            response = FileResponse(open(path, "rb"), content_type=content_type)  # noqa: SIM115
        else:
            response = StreamingHttpResponse(
                stored.iter_chunks(storage, name, chunk_size=CHUNK), content_type=content_type
            )
            response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    return response


def unavailable() -> HttpResponse:
    """A storage outage: say so, and that it is worth trying again (no 500)."""
    return private(
        stored.try_again_later(
            _("This file cannot be fetched from the archive's storage right now. Please try again in a few minutes.")
        )
    )


def preparing() -> HttpResponse:
    """A redacted recording whose access copy for its current master and redactions is
    not made yet (just uploaded, replaced, or redactions changed): say that it is being
    prepared and when to ask again; never the master, never an older copy."""
    return private(
        stored.try_again_later(
            _("This recording is being prepared for listening. Please try again in a few minutes."), retry_after=30
        )
    )


def deliver_recording(request: HttpRequest, recording: Recording) -> HttpResponse:
    """What the media view answers once consent allows: the master when nothing is
    redacted, else the current access copy, else "being prepared" (:func:`preparing`)."""
    playable, content_type = recording.playable_file()
    if not playable:
        return preparing()
    try:
        return deliver(request, playable, content_type)
    except FileNotFoundError:
        raise Http404 from None
    except StorageUnavailable:
        return unavailable()


# -- Revocation ------------------------------------------------------------------------


def audience(*, scope: str, community_id, embargo_until, withdrawn_at, today=None) -> tuple:
    """Who may hear the recording, coarsely: ("public",), ("community", id), ("staff",)
    (curators only: restricted or under embargo) or ("nobody",) (withdrawn)."""
    today = today or timezone.localdate()
    if withdrawn_at is not None:
        return ("nobody",)
    if embargo_until and embargo_until > today:
        return ("staff",)
    if scope == Scope.PUBLIC:
        return ("public",)
    if scope == Scope.COMMUNITY and community_id:
        return ("community", community_id)
    return ("staff",)


def narrows(before: tuple, after: tuple) -> bool:
    """Could someone hear the recording ``before`` who cannot ``after``?"""
    if before == after or after[0] == "public":
        return False
    if before[0] in ("public", "community"):
        return True  # to another community, to staff only, or to nobody
    return before[0] == "staff" and after[0] == "nobody"


def seal_if_closing(recording: Recording, *, update_fields=None) -> None:
    """Before ``recording`` is saved: when the save closes it to someone who could hear
    it, move its stored objects to new keys and name them on the row being saved (the
    old keys are deleted once the save commits: :func:`after_save`). Called from the
    ``pre_save`` signal, so every way of saving a recording (the admin, a script, the
    demo loader) is covered. A failed copy never blocks the consent change itself: it is
    logged, the row keeps naming the objects that exist, and a task tries again."""
    if recording._state.adding or recording.pk is None:
        return
    if update_fields is not None and not set(update_fields) & {"scope", "community", "embargo_until", "withdrawn_at"}:
        return
    before = Recording.objects.filter(pk=recording.pk).values(*CONSENT_STATE, *DELIVERED_FIELDS).first()
    if before is None:
        return
    was = audience(**{key: before[key] for key in CONSENT_STATE})
    now = audience(**{key: _field_value(recording, key) for key in CONSENT_STATE})
    if not narrows(was, now):
        return
    # A file replaced or dropped in this very save is not moved: it is retired
    # (:func:`retire_replaced`), and a copy of it at a new key would be named by no row.
    unchanged = {field: before[field] for field in DELIVERED_FIELDS if getattr(recording, field).name == before[field]}
    try:
        recording._sealed_old_names = _move(recording, unchanged)
    except (FileNotFoundError, *storage_errors()):
        logger.exception(
            "Recording %s closed (%s -> %s) but its stored files could not be moved to new keys; "
            "links handed out before stay valid until they expire. Retrying in the background.",
            recording.pk,
            was[0],
            now[0],
        )
        recording._seal_retry = True


def _field_value(recording: Recording, attname: str):
    """The value as the database will store it (a date set as "2030-01-01" compares as a date)."""
    field = next(f for f in Recording._meta.concrete_fields if f.attname == attname)
    return field.to_python(getattr(recording, attname))


def retire_replaced(recording: Recording, *, update_fields=None) -> bool:
    """Before ``recording`` is saved: note the stored files this save stops naming, to be
    deleted once it commits (:func:`after_save`; a rollback keeps them, as the row then
    still names them). True when the access copy must be (re)made or removed after the
    commit.

    - A master replaced by a new upload: the old master goes, and with it the access
      copy made from it, cleared on the row in this same save, so from the commit on
      nothing is served until the worker has made the copy of the new master.
    - Consent withdrawn: the access copy goes (a derived file, remade if consent is
      given back); the master stays in the archive, moved to a new key by
      :func:`seal_if_closing` like any closing, and is never served while withdrawn.
    - A consent form replaced or cleared: the old scan goes (the consent history keeps
      what changed, ``ConsentEvent``).

    Moves to new keys (:func:`seal`) keep the same files and retire nothing."""
    if recording._state.adding or recording.pk is None or getattr(recording, "_sealing", False):
        return False
    fields = None if update_fields is None else set(update_fields)

    def saved(name: str) -> bool:
        return fields is None or name in fields

    before = (
        Recording.objects.filter(pk=recording.pk).values("file", "access_copy", "consent_form", "withdrawn_at").first()
    )
    if before is None:
        return False
    retired: list[str] = []
    master_replaced = saved("file") and before["file"] and recording.file.name != before["file"]
    if master_replaced:
        retired.append(before["file"])
    if saved("consent_form") and before["consent_form"] and recording.consent_form.name != before["consent_form"]:
        retired.append(before["consent_form"])
    withdrawn_before = before["withdrawn_at"] is not None
    withdrawn_now = recording.withdrawn_at is not None if saved("withdrawn_at") else withdrawn_before
    drop_copy = master_replaced or (withdrawn_now and not withdrawn_before)
    if drop_copy and before["access_copy"] and saved("access_copy"):
        if recording.access_copy.name == before["access_copy"]:
            recording.access_copy = ""
            recording.access_copy_ranges, recording.access_copy_mime_type, recording.access_copy_master = [], "", ""
        retired.append(before["access_copy"])
    recording._retired_names = retired
    return bool(master_replaced or withdrawn_now != withdrawn_before)


def after_save(recording: Recording) -> None:
    """After the row names the new keys (or new files): delete the old ones once the
    transaction commits (dropped with it on a rollback, when the row still names them)."""
    old_names = [
        *(getattr(recording, "_sealed_old_names", None) or ()),
        *(getattr(recording, "_retired_names", None) or ()),
    ]
    retry = getattr(recording, "_seal_retry", False)
    recording._sealed_old_names, recording._retired_names, recording._seal_retry = None, None, False
    if old_names:
        storage = recording.file.storage
        transaction.on_commit(lambda: _delete(storage, old_names, recording_id=recording.pk))
    if retry:
        recording_id = recording.pk
        transaction.on_commit(lambda: seal_task.enqueue(recording_id))


def seal(recording: Recording) -> None:
    """Move ``recording``'s stored objects to new keys now, whatever its consent (the
    background retry of :func:`seal_if_closing`, and for operators: a leaked link)."""
    with transaction.atomic():
        recording = Recording.objects.select_for_update().get(pk=recording.pk)
        old_names = _move(recording, {field: getattr(recording, field).name for field in DELIVERED_FIELDS})
        recording._sealing = True  # the same files at new keys: nothing replaced
        try:
            recording.save(update_fields=list(DELIVERED_FIELDS))
        finally:
            recording._sealing = False
        storage = recording.file.storage
        transaction.on_commit(lambda: _delete(storage, old_names, recording_id=recording.pk))


def seal_now(recording_id: int) -> None:
    """:func:`seal` after a commit (a redaction saved); an outage is logged and the move
    left to a background retry, never an error for the editor whose save went through."""
    recording = Recording.objects.filter(pk=recording_id).first()
    if recording is None:
        return
    try:
        seal(recording)
    except (FileNotFoundError, *storage_errors()):
        logger.exception(
            "Could not move the files of recording %s to new keys; retrying in the background", recording_id
        )
        seal_task.enqueue(recording_id)


def seal_closed_under(page_id: int) -> list[int]:
    """After the page ``page_id`` may have closed (unpublished, restricted, moved): seal,
    on the worker, every recording under it that the public or a community could hear
    and whose page visitors can no longer reach (a draft or a view restriction on it or
    above it). Only with presigned delivery: the URLs that outlive the view's check.
    Returns the recordings queued."""
    from wagtail.models import Page

    from heritage.visibility import reachable_pages

    if delivery_mode() != "redirect":
        return []
    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is None:
        return []
    reachable = reachable_pages(Page.objects.filter(path__startswith=page.path))
    queued = []
    for recording in (
        Recording.objects.filter(page__path__startswith=page.path)
        .exclude(page__in=reachable)
        .only("pk", *CONSENT_STATE)
    ):
        if audience(**{key: getattr(recording, key) for key in CONSENT_STATE})[0] in ("public", "community"):
            seal_task.enqueue(recording.pk)
            queued.append(recording.pk)
    if queued:
        logger.info("Page %s closed: moving the files of recordings %s to new keys", page_id, queued)
    return queued


@task(queue_name="media")
def seal_task(recording_id: int) -> None:
    recording = Recording.objects.filter(pk=recording_id).first()
    if recording is not None:
        seal(recording)


def new_key(name: str) -> str:
    """``recordings/2026/03/memories.wav`` → ``recordings/2026/03/<22 random characters>/memories.wav``
    (a key sealed before loses its old token rather than gaining a second)."""
    folder, base = posixpath.split(name)
    if _TOKEN.match(posixpath.basename(folder)):
        folder = posixpath.dirname(folder)
    return posixpath.join(folder, secrets.token_urlsafe(16), base)


def _move(recording: Recording, names: dict[str, str]) -> list[str]:
    """Copy each stored object to a new key and point the field at it; the old names.
    All copies are made before any field changes: a failure leaves the fields as they
    were (and deletes the copies already made)."""
    storage = recording.file.storage
    moved: dict[str, tuple[str, str]] = {}
    try:
        for field in DELIVERED_FIELDS:
            old = names.get(field) or ""
            if not old:
                continue
            max_length = Recording._meta.get_field(field).max_length
            moved[field] = (old, stored.copy(storage, old, new_key(old), max_length=max_length))
    except BaseException:
        for _old, new in moved.values():
            _delete(storage, [new], recording_id=recording.pk)
        raise
    for field, (old, new) in moved.items():
        fieldfile = getattr(recording, field)
        if fieldfile.name == old:  # not replaced by a new upload in this very save
            fieldfile.name = new
    return [old for old, _new in moved.values()]


def _delete(storage, names: list[str], *, recording_id) -> None:
    for name in names:
        try:
            storage.delete(name)
        except storage_errors():
            logger.exception("Could not delete %s (recording %s) from the private storage", name, recording_id)
