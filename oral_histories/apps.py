from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OralHistoriesConfig(AppConfig):
    name = "oral_histories"
    verbose_name = _("Oral histories")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import oral_histories.linked_data  # noqa: F401

        from . import signals  # noqa: F401
