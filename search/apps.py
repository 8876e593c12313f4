from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Cross-collection search (issue #3). It reads every app through each model's own
    indexing declarations and is imported by none of them."""

    name = "search"
    label = "heritage_search"
    verbose_name = _("Search")

    def ready(self):
        from search import signals  # noqa: F401
        from search.outbox import register_writers

        register_writers()
