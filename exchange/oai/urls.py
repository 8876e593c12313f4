"""OAI-PMH 2.0: one base URL for every verb (``exchange.oai.views``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.endpoint, name="oai"),
]
