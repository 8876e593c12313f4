"""Outside the language prefix: each surface carries its languages in its own data."""

from django.urls import include, path

urlpatterns = [
    path("api/v2/", include("exchange.api.urls")),
    path("iiif/", include("exchange.iiif.urls")),
    path("oai/", include("exchange.oai.urls")),
]
