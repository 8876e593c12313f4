"""Factories for the shared models (factory_boy + wagtail-factories)."""

from wagtail.images import get_image_model

import factory
import wagtail_factories

from .models import HomePage, Institution, PartnerCityPage, PartnersIndexPage, Person, Place, RightsStatement, Theme


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")


class RightsStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RightsStatement
        django_get_or_create = ("code",)

    code = "InC"
    family = RightsStatement.Family.RIGHTS_STATEMENTS
    uri = factory.LazyAttribute(lambda o: f"http://rightsstatements.org/vocab/{o.code}/1.0/")
    label_en = "In Copyright"
    label_fr = "Protégé par le droit d’auteur"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    slug = factory.Sequence(lambda n: f"place-{n}")
    name_en = factory.Sequence(lambda n: f"Place {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    name_en = factory.Sequence(lambda n: f"Person {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Heritage Commons"
    slug = "home"


class PartnersIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnersIndexPage

    title = "Partner cities"
    slug = "partners"


class PartnerCityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PartnerCityPage

    title = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country_en = "France"
    country_code = "FR"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    code = factory.Sequence(lambda n: f"inst-{n}")
    name_en = factory.Sequence(lambda n: f"Institution {n}")
    kind = Institution.Kind.MUSEUM
    city = factory.SubFactory(PartnerCityPageFactory)
