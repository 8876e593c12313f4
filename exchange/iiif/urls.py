"""IIIF Presentation 3.0 and a level-0 Image API 3.0 under ``/iiif/``.

* ``artifact/<page id>/manifest.json``: an open artifact's manifest;
* ``collection/<page id>/collection.json``: an open collection's IIIF collection (past
  1,000 manifests, a collection of parts: ``collection/<page id>/part/<n>/collection.json``);
* ``oral-history/<page id>/manifest.json``: an open oral history's manifest (a
  time-based canvas, transcripts, chapters), and ``oral-history/<page id>/search?q=``
  its IIIF Content Search 2.0 service (``exchange.iiif.oral_histories``);
* ``image/<image id>/info.json`` and ``image/<image id>/<region>/<size>/<rotation>/<quality>.<format>``:
  the image service (``image/<image id>`` redirects to its ``info.json``).
"""

from django.urls import path, re_path

from . import views

app_name = "iiif"

SEGMENT = r"[^/]+"

urlpatterns = [
    path("artifact/<int:pk>/manifest.json", views.manifest, name="manifest"),
    path("collection/<int:pk>/collection.json", views.collection, name="collection"),
    path("collection/<int:pk>/part/<int:part>/collection.json", views.collection, name="collection_part"),
    path("oral-history/<int:pk>/manifest.json", views.oral_history_manifest, name="oral_history_manifest"),
    path("oral-history/<int:pk>/search", views.oral_history_search, name="oral_history_search"),
    path("image/<int:image_id>", views.image_base, name="image_base"),
    path("image/<int:image_id>/info.json", views.image_info, name="image_info"),
    re_path(
        rf"^image/(?P<image_id>[0-9]+)/(?P<region>{SEGMENT})/(?P<size>{SEGMENT})/(?P<rotation>{SEGMENT})/"
        rf"(?P<quality>[^/.]+)\.(?P<format>[^/.]+)$",
        views.image,
        name="image",
    ),
]
