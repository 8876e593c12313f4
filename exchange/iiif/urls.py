"""Filled in by the iiif work."""

urlpatterns: list = []
