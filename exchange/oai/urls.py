"""Filled in by the oai work."""

urlpatterns: list = []
