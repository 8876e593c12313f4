"""Admin report: the pages whose texts are not yet translated into a language.

Each page type lists its translated fields (``HeritagePage.translated_fields``); the
report asks the database, per type, for pages where one of them has English text but
is empty in the chosen language, then shows which fields each page lacks.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.fields import StreamField
from wagtail.models import Page

from .models import HeritagePage

PAGES_PER_SCREEN = 50


def _empty(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{field: ""})


def _page_models() -> list[type[HeritagePage]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HeritagePage) and not model._meta.abstract and model is not HeritagePage
    ]


def untranslated_page_ids(*, language: str) -> list[int]:
    """IDs of pages with at least one text present in English and missing in ``language``."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    ids: set[int] = set()
    for model in _page_models():
        condition = Q()
        for name in ("title", *model.translated_fields):
            field = model._meta.get_field(f"{name}_{default}")
            if isinstance(field, StreamField):
                # A StreamField column holds JSON; an empty one is NULL or "[]".
                missing = Q(**{f"{name}_{language}__isnull": True})
            else:
                missing = _empty(f"{name}_{language}")
            condition |= missing & ~_empty(f"{name}_{default}")
        ids.update(model.objects.filter(condition).values_list("pk", flat=True))
    return sorted(ids)


class TranslationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "heritage/admin/translation_report.html"
    page_title = _("Missing translations")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices = [
            (code, get_language_info(code)["name_translated"])
            for code, _name in settings.LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        ]
        language = self.request.GET.get("language", choices[0][0])
        if language not in dict(choices):
            language = choices[0][0]
        paginator = Paginator(untranslated_page_ids(language=language), PAGES_PER_SCREEN)
        page_obj = paginator.get_page(self.request.GET.get("p"))
        pages = Page.objects.filter(pk__in=list(page_obj.object_list)).specific().order_by("path")
        rows = []
        for page in pages:
            fields = page.missing_translations().get(language, [])
            labels = [str(page._meta.get_field(name).verbose_name) for name in fields]
            rows.append({"page": page, "type": page._meta.verbose_name, "fields": labels})
        context.update(
            {
                "languages": choices,
                "language": language,
                "rows": rows,
                "page_obj": page_obj,
                "paginator": paginator,
            }
        )
        return context
