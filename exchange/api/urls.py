"""Filled in by the api work."""

urlpatterns: list = []
