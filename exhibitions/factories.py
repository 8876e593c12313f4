import factory
import wagtail_factories

from .models import ExhibitionIndexPage, ExhibitionPage


class ExhibitionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExhibitionIndexPage

    title = "Exhibitions"
    slug = "exhibitions"


class ExhibitionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExhibitionPage

    title = factory.Sequence(lambda n: f"Exhibition {n}")
    slug = factory.Sequence(lambda n: f"exhibition-{n}")
    introduction_en = "Two cities tell one story."
