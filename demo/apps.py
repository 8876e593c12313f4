from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content (``manage.py load_demo``). It sits above every content app and is
    imported by none of them."""

    name = "demo"
    verbose_name = _("Demo content")
