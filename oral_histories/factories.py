import factory
import wagtail_factories

from .models import OralHistoryIndexPage, OralHistoryPage


class OralHistoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OralHistoryIndexPage

    title = "Oral histories"
    slug = "oral-histories"


class OralHistoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OralHistoryPage

    title = factory.Sequence(lambda n: f"Memories {n}")
    slug = factory.Sequence(lambda n: f"memories-{n}")
    languages_spoken = "aeb, fr"
