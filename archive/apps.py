from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import linked_data  # noqa: F401
        from .listing_index import build_if_missing, register_writers

        register_writers()
        post_migrate.connect(build_if_missing, sender=self, dispatch_uid="archive.listing_index.build_if_missing")
