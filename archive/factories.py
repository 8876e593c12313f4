import factory
import wagtail_factories

from heritage.factories import ImageFactory, InstitutionFactory

from .models import ArtifactImage, ArtifactPage, CollectionIndexPage, CollectionPage, CommunityPerspective


class CollectionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CollectionIndexPage

    title = "Collections"
    slug = "collections"


class CollectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CollectionPage

    title = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    institution = factory.SubFactory(InstitutionFactory)


class ArtifactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArtifactPage

    title = factory.Sequence(lambda n: f"Artifact {n}")
    slug = factory.Sequence(lambda n: f"artifact-{n}")
    institution = factory.SubFactory(InstitutionFactory)
    accession_number = factory.Sequence(lambda n: f"ACC.{n:05d}")
    description_en = "<p>An object with a story.</p>"
    object_type_en = "Photograph"
    earliest_year = 1950
    latest_year = 1959


class ArtifactImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArtifactImage

    page = factory.SubFactory(ArtifactPageFactory)
    image = factory.SubFactory(ImageFactory)
    alt_text_en = factory.Sequence(lambda n: f"A photograph, view {n}")
    sort_order = factory.Sequence(lambda n: n)


class CommunityPerspectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityPerspective

    page = factory.SubFactory(ArtifactPageFactory)
    author = "Sami Hamdi"
    community_en = "Tunisian families of Hamburg"
    language = "aeb"
    original = "هذي حكاية البابور"
    translation_en = "This is the story of the steamer."
