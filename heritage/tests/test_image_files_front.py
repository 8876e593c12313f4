"""Original images behind the real front server and in a real S3 server.

nginx (deploy/nginx/heritage.conf.template, through scripts/nginx.sh): a request for
``/media/original_images/<name>`` goes to Django, which asks the visibility rule, even
when the file sits in the folder nginx serves ``/media/`` from.

S3 (moto's server mode, ``S3_TEST_URL`` when scripts/s3.sh runs one): originals are
stored in the private bucket, the public bucket does not give out a closed original
(nor an open one: the site does, through a short-lived signed URL), renditions are made
from the private original into the public bucket, and ``manage.py protect_images`` moves
originals stored in the public bucket before, without losing one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import ProxyHandler, build_opener

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from conftest import build_tree
from oral_histories.tests.test_object_storage import buckets as buckets  # noqa: F401 (fixture)
from oral_histories.tests.test_object_storage import empty, s3_storages
from oral_histories.tests.test_object_storage import s3_endpoint as s3_endpoint  # noqa: F401 (fixture)
from tests.test_nginx_front import django_server as django_server  # noqa: F401 (fixture)
from tests.test_nginx_front import nginx as nginx  # noqa: F401 (fixture)

http = build_opener(ProxyHandler({}))
NGINX_ROOT = Path(__file__).resolve().parents[2]


def artifact_with_image(tree, **kwargs):
    page = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, **kwargs)
    return page, ArtifactImageFactory(page=page).image


# -- nginx ------------------------------------------------------------------------------


@pytest.fixture
def live_server_media_elsewhere(settings):
    """Django's live server answers MEDIA_URL itself from MEDIA_ROOT (its
    ``_MediaFilesHandler``), before any URL pattern: moved aside, so that what nginx
    passes on reaches heritage.urls as it does in production. Before ``nginx``."""
    settings.MEDIA_URL = "/live-server-media/"


@pytest.mark.django_db(transaction=True)
def test_nginx_sends_original_images_to_django_which_asks_the_rule(wagtail_root, live_server_media_elsewhere, nginx):
    front, _purge = nginx
    tree = build_tree()
    _page, shown = artifact_with_image(tree)
    _draft, hidden = artifact_with_image(tree, live=False)
    rendition = shown.get_rendition("width-100")
    # The files also in the folder nginx aliases /media/ to (tests.test_nginx_front's
    # fixture): it must still not serve the originals from there.
    state = Path(settings.MEDIA_ROOT)
    media = NGINX_ROOT / ".cache" / f"nginx-test-{os.getpid()}" / "media"
    for name in (shown.file.name, hidden.file.name, rendition.file.name):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(state / name, media / name)

    status, headers, body = fetch(f"{front}{hidden.file.url}")
    assert status == 404
    assert body == b"This image is not available."
    status, headers, body = fetch(f"{front}{shown.file.url}")
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert body == (state / shown.file.name).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=300"  # Django's answer, not the folder's
    assert "X-Cache-Status" not in headers  # never held by the page cache
    # Renditions stay plain files from the folder (their names carry a random token).
    status, headers, _body = fetch(f"{front}/media/{rendition.file.name}")
    assert status == 200 and "max-age=604800" in headers["Cache-Control"]


def fetch(url: str):
    try:
        with http.open(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


# -- S3 ---------------------------------------------------------------------------------


def anonymous(url: str) -> int:
    """What anyone on the internet gets for this URL (no credentials, no cookies)."""
    try:
        with http.open(url, timeout=30) as response:
            response.read()
            return response.status
    except HTTPError as error:
        return error.code


def public_url(buckets, name: str) -> str:
    return f"{buckets.endpoint}/{buckets.public}/{name}"


def keys(buckets, bucket: str, prefix: str = "") -> set[str]:
    found = buckets.client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    return {item["Key"] for item in found}


@pytest.fixture
def on_s3(buckets):
    configured = s3_storages(buckets)
    # A public bucket as deployments have it: anyone may read what it holds.
    configured["default"]["OPTIONS"]["default_acl"] = "public-read"
    with override_settings(STORAGES=configured, HERITAGE_ORIGINAL_IMAGES_STORAGE="private"):
        yield buckets
    empty(buckets)


@pytest.mark.django_db
def test_on_s3_the_public_bucket_never_holds_an_original(tree, on_s3, client, django_user_model):
    buckets = on_s3
    _page, shown = artifact_with_image(tree)
    _draft, hidden = artifact_with_image(tree, live=False)

    for image in (shown, hidden):
        assert image.file.name in keys(buckets, buckets.private)
        assert image.file.name not in keys(buckets, buckets.public)
        # The public bucket does not give out the original, closed or open.
        assert anonymous(public_url(buckets, image.file.name)) in (403, 404)

    # The site does, for the open one only: a redirect to a short-lived signed URL.
    response = client.get(shown.file.url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{buckets.endpoint}/{buckets.private}/{shown.file.name}?")
    assert "X-Amz-Signature=" in response["Location"]
    assert anonymous(response["Location"]) == 200
    assert client.get(hidden.file.url).status_code == 404

    editor = django_user_model.objects.create_superuser("editor", password="x")  # noqa: S106
    client.force_login(editor)
    assert client.get(hidden.file.url).status_code == 302

    # Renditions are made from the private original, into the public bucket.
    rendition = shown.get_rendition("width-100")
    assert rendition.file.name in keys(buckets, buckets.public)
    assert anonymous(rendition.url) == 200


@pytest.mark.django_db
def test_closing_the_page_deletes_the_public_renditions(tree, on_s3, django_capture_on_commit_callbacks):
    buckets = on_s3
    page, image = artifact_with_image(tree)
    rendition = image.get_rendition("width-100")
    assert anonymous(rendition.url) == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert anonymous(rendition.url) in (403, 404)
    assert rendition.file.name not in keys(buckets, buckets.public)


@pytest.mark.django_db
def test_protect_images_moves_older_originals_out_of_the_public_bucket(tree, on_s3, client):
    """Originals stored before the change sit in the public bucket: the site still reads
    them there, and the command moves each one, byte for byte, then removes it."""
    buckets = on_s3
    with override_settings(HERITAGE_ORIGINAL_IMAGES_STORAGE="default"):
        _page, shown = artifact_with_image(tree)
        _draft, hidden = artifact_with_image(tree, live=False)
        orphan = storages["default"].save("original_images/left-behind.jpg", ContentFile(b"no row names me"))
    originals = {
        name: buckets.client.get_object(Bucket=buckets.public, Key=name)["Body"].read()
        for name in (shown.file.name, hidden.file.name, orphan)
    }
    # Before the move: still read (renditions, the view) from the public bucket.
    assert shown.get_rendition("width-100").width == 100
    assert client.get(shown.file.url).status_code == 200
    assert client.get(hidden.file.url).status_code == 404

    # A copy that is already there (a run cut short) but differs is never overwritten.
    buckets.client.put_object(Bucket=buckets.private, Key=orphan, Body=b"something else")
    with pytest.raises(CommandError, match="1 original images could not be moved"):
        call_command("protect_images", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert orphan in keys(buckets, buckets.public)
    buckets.client.delete_object(Bucket=buckets.private, Key=orphan)
    call_command("protect_images", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert keys(buckets, buckets.public, "original_images/") == set()
    for name, data in originals.items():
        assert buckets.client.get_object(Bucket=buckets.private, Key=name)["Body"].read() == data
        assert anonymous(public_url(buckets, name)) in (403, 404)
    assert client.get(shown.file.url).status_code == 302
    call_command("protect_images", stdout=open("/dev/null", "w"))  # noqa: SIM115  (again: nothing left, no error)
