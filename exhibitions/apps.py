from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import exhibitions.linked_data  # noqa: F401

        from . import signals  # noqa: F401
