"""Admin registrations for the shared vocabularies, grouped under one menu item; the
hook that lets public pages be cached (``heritage.caching``); the one visibility rule
asked before a document is served."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .caching import remember_served_page
from .models import Institution, Person, Place, RightsStatement, Theme
from .translation_report import TranslationReportView
from .visibility import file_is_open


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "home"
    list_display = ["name", "kind", "city", "code"]
    list_filter = ["kind", "city"]
    search_fields = ["name_en", "name_fr", "name_de", "name_ar", "code"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "city", "latitude", "longitude"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "birth_year", "death_year"]


class RightsStatementViewSet(SnippetViewSet):
    model = RightsStatement
    icon = "doc-full"
    list_display = ["label", "code", "family"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 250
    items = (InstitutionViewSet, ThemeViewSet, PlaceViewSet, PersonViewSet, RightsStatementViewSet)


register_snippet(VocabularyGroup)


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [path("reports/missing-translations/", TranslationReportView.as_view(), name="missing_translations")]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem(
        _("Missing translations"),
        reverse("missing_translations"),
        name="missing-translations",
        icon_name="globe",
        order=50,
    )


@hooks.register("on_serve_page")
def remember_page_for_caching(serve_page):
    """Tell ``heritage.caching.PageCacheMiddleware`` which page this response is for.

    Marked before serving, so that a response made by an inner hook (Wagtail's view
    restrictions: a password form, a login redirect) is known to be a page's too."""

    def serve(page, request, args, kwargs):
        remember_served_page(request, page, args, kwargs)
        return serve_page(page, request, args, kwargs)

    return serve


@hooks.register("before_serve_document")
def serve_only_open_documents(document, request):
    """``/documents/<id>/<name>`` only for a document an open page uses
    (``heritage.visibility.file_is_open``): one linked only from a draft, a view-restricted
    page or no page at all is for people who may use the admin. Wagtail's own check
    (the collection's privacy) still runs after this one."""
    user = getattr(request, "user", None)
    if user is not None and user.has_perm("wagtailadmin.access_admin"):
        return None
    if not file_is_open(document):
        raise Http404
    return None
