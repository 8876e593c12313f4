"""Listing and detail pages issue a constant number of SQL queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exhibitions.factories import ExhibitionPageFactory
from heritage.factories import ImageFactory, InstitutionFactory, PartnerCityPageFactory, ThemeFactory


def count_queries(client, url: str) -> int:
    client.get(url)  # warm up: renditions are generated on the first view
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_artifact(tree, theme, n_images: int = 1):
    artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
    artifact.themes.add(theme)
    artifact.save()  # ParentalManyToManyField: written on save
    for _ in range(n_images):
        ArtifactImageFactory(page=artifact)
    return artifact


@pytest.mark.django_db
def test_collection_page_with_50_artifacts_costs_no_more_than_with_one(client, tree, django_assert_max_num_queries):
    theme = ThemeFactory()
    add_artifact(tree, theme)
    url = tree.collection.url
    with_one = count_queries(client, url)
    for _ in range(49):
        add_artifact(tree, theme)
    client.get(url)
    with django_assert_max_num_queries(with_one):
        response = client.get(url)
    assert response.content.decode().count('class="card"') == 50


@pytest.mark.django_db
def test_filtered_collection_page_is_constant_too(client, tree, django_assert_max_num_queries):
    theme = ThemeFactory()
    add_artifact(tree, theme)
    url = f"{tree.collection.url}?theme={theme.slug}&period=1900"
    with_one = count_queries(client, url)
    for _ in range(20):
        add_artifact(tree, theme)
    client.get(url)
    with django_assert_max_num_queries(with_one):
        response = client.get(url)
    assert response.context["filter_errors"] == []
    assert response.context["selected_theme"] == theme
    assert response.context["paginator"].count == 21


@pytest.mark.django_db
def test_artifact_page_with_12_images_costs_no_more_than_with_one(client, tree, django_assert_max_num_queries):
    theme = ThemeFactory()
    one = add_artifact(tree, theme, n_images=1)
    twelve = add_artifact(tree, theme, n_images=12)
    with_one = count_queries(client, one.url)
    client.get(twelve.url)
    with django_assert_max_num_queries(with_one):
        response = client.get(twelve.url)
    assert response.content.decode().count('class="gallery__slide"') == 12


@pytest.mark.django_db
def test_home_and_city_pages_are_constant(client, tree, django_assert_max_num_queries):
    theme = ThemeFactory()
    add_artifact(tree, theme)
    PartnerCityPageFactory(parent=tree.partners, hero_image=ImageFactory())
    first = ExhibitionPageFactory(parent=tree.exhibitions, hero_image=ImageFactory())
    first.co_curators.add(tree.institution)
    first.save()
    home_one = count_queries(client, "/en/")
    city_one = count_queries(client, tree.city.url)
    index_one = count_queries(client, tree.partners.url)
    for n in range(10):
        add_artifact(tree, theme, n_images=2)
        if n < 4:
            city = PartnerCityPageFactory(parent=tree.partners, hero_image=ImageFactory())
            exhibition = ExhibitionPageFactory(parent=tree.exhibitions, hero_image=ImageFactory())
            exhibition.co_curators.add(tree.institution, InstitutionFactory(city=city))
            exhibition.save()
    client.get("/en/")
    client.get(tree.city.url)
    with django_assert_max_num_queries(home_one):
        client.get("/en/")
    with django_assert_max_num_queries(city_one):
        client.get(tree.city.url)
    with django_assert_max_num_queries(index_one):
        client.get(tree.partners.url)


@pytest.mark.django_db
def test_exhibition_page_costs_the_same_with_more_co_curators(client, tree, django_assert_max_num_queries):
    exhibition = ExhibitionPageFactory(parent=tree.exhibitions, hero_image=ImageFactory())
    exhibition.co_curators.add(tree.institution)
    exhibition.save()
    with_one = count_queries(client, exhibition.url)
    for _ in range(4):
        city = PartnerCityPageFactory(parent=tree.partners)
        exhibition.co_curators.add(InstitutionFactory(city=city))
    exhibition.save()
    client.get(exhibition.url)
    with django_assert_max_num_queries(with_one):
        response = client.get(exhibition.url)
    assert response.content.decode().count("(City ") == 4
