"""Admin registrations for the shared vocabularies, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Institution, Person, Place, RightsStatement, Theme


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
