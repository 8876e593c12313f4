from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "heritage"
    verbose_name = _("Heritage Commons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The receivers (index, harvest and front-cache upkeep) connect here rather than
        # through whichever app happens to import heritage.signals first.
        from . import image_files, signals  # noqa: F401

        signals.connect_page_deletes()
        from .patches import restore_own_methods

        restore_own_methods()
