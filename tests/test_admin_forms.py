"""Editors create pages through the admin, every language in one form."""

import pytest

from archive.models import ArtifactPage
from heritage.factories import ImageFactory, ThemeFactory


def formset(prefix: str, forms: list[dict] | None = None) -> dict:
    forms = forms or []
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, form in enumerate(forms):
        for key, value in form.items():
            data[f"{prefix}-{n}-{key}"] = value
        data.setdefault(f"{prefix}-{n}-ORDER", str(n + 1))
        data[f"{prefix}-{n}-ORDER"] = str(n + 1)
    return data


@pytest.mark.django_db
def test_curator_creates_and_publishes_an_artifact_in_four_languages(admin_client, tree):
    image = ImageFactory()
    theme = ThemeFactory()
    data = {
        "title_en": "Ferry ticket",
        "title_fr": "Billet de ferry",
        "title_de": "Fährticket",
        "title_ar": "تذكرة العبّارة",
        "slug_en": "ferry-ticket",
        "slug_fr": "billet-de-ferry",
        "institution": tree.institution.pk,
        "accession_number": "MMP 2001.4",
        "description_en": '{"blocks":[{"key":"a","text":"A ticket.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "object_type_en": "Ticket",
        "object_type_ar": "تذكرة",
        "earliest_year": "1963",
        "latest_year": "1963",
        "themes": [theme.pk],
        "action-publish": "action-publish",
        **formset(
            "gallery_images", [{"image": image.pk, "alt_text_en": "A green ticket", "alt_text_ar": "تذكرة خضراء"}]
        ),
        **formset(
            "perspectives",
            [{"author": "Sami", "language": "aeb", "original": "التذكرة هذي", "community_en": "La Goulette families"}],
        ),
        **formset("comments"),
    }
    response = admin_client.post(f"/admin/pages/add/archive/artifactpage/{tree.collection.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    artifact = ArtifactPage.objects.get(accession_number="MMP 2001.4")
    assert artifact.live
    assert (artifact.title_fr, artifact.title_ar) == ("Billet de ferry", "تذكرة العبّارة")
    assert artifact.gallery_images.get().alt_text_ar == "تذكرة خضراء"
    assert artifact.perspectives.get().language == "aeb"
    assert list(artifact.themes.all()) == [theme]
    assert admin_client.get("/fr/collections/letters/billet-de-ferry/").status_code == 200


@pytest.mark.django_db
def test_a_perspective_with_a_bad_language_code_is_refused(admin_client, tree):
    data = {
        "title_en": "Album",
        "slug_en": "album",
        "institution": tree.institution.pk,
        "accession_number": "MMP 3",
        **formset("gallery_images"),
        **formset("perspectives", [{"author": "A", "language": "Tunisian!", "original": "x", "community_en": "y"}]),
        **formset("comments"),
    }
    response = admin_client.post(f"/admin/pages/add/archive/artifactpage/{tree.collection.pk}/", data)
    assert response.status_code == 200
    assert "Enter a language code such as ar, fr, tr or aeb" in response.content.decode()
    assert not ArtifactPage.objects.filter(accession_number="MMP 3").exists()
