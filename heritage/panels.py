"""Admin panels shared by every page type."""

from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class TranslationStatusPanel(Panel):
    """Shows editors which fields still lack a translation, language by language.

    Reads ``HeritagePage.missing_translations()``; the fields are then edited in the
    per-language inputs that wagtail-modeltranslation adds below.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Translations"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "heritage/panels/translation_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            rows = []
            if instance is not None and hasattr(instance, "missing_translations"):
                for code, fields in instance.missing_translations().items():
                    labels = []
                    for name in fields:
                        try:
                            labels.append(capfirst(instance._meta.get_field(name).verbose_name))
                        except Exception:  # noqa: BLE001 - a name without a model field
                            labels.append(name)
                    rows.append({"language": get_language_info(code)["name_translated"], "fields": labels})
            context["rows"] = rows
            context["is_new"] = instance is None or instance.pk is None
            return context
