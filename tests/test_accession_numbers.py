"""Accession numbers are unique within a holding institution."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from archive.factories import ArtifactPageFactory
from archive.models import ArtifactPage
from heritage.factories import InstitutionFactory


@pytest.mark.django_db
class TestAccessionNumbers:
    def test_a_duplicate_in_the_same_institution_names_the_clash(self, tree):
        ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, accession_number="MMP 1.1", title="Postcard"
        )
        duplicate = ArtifactPage(
            title="Letter", slug="letter", institution=tree.institution, accession_number="MMP 1.1"
        )
        with pytest.raises(ValidationError) as excinfo:
            duplicate.full_clean()
        message = excinfo.value.message_dict["accession_number"][0]
        assert "MMP 1.1" in message and "Postcard" in message

    def test_surrounding_spaces_do_not_hide_a_duplicate(self, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="MMP 2")
        duplicate = ArtifactPage(
            title="Letter", slug="letter", institution=tree.institution, accession_number=" MMP 2 "
        )
        with pytest.raises(ValidationError):
            duplicate.full_clean()

    def test_the_same_number_at_another_institution_is_fine(self, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="1990.1")
        other = InstitutionFactory(city=tree.city)
        artifact = ArtifactPage(title="Letter", slug="letter", institution=other, accession_number="1990.1")
        artifact.full_clean(exclude=["path", "depth"])  # no accession-number error

    def test_the_database_refuses_a_duplicate_too(self, tree):
        ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="X-1")
        second = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, accession_number="X-2")
        # A bulk update skips model validation; the unique constraint still holds.
        with pytest.raises(IntegrityError), transaction.atomic():
            ArtifactPage.objects.filter(pk=second.pk).update(accession_number="X-1")

    def test_the_admin_form_shows_a_clear_error_and_saves_nothing(self, admin_client, tree):
        ArtifactPageFactory(
            parent=tree.collection, institution=tree.institution, accession_number="MMP 7", title="Album"
        )
        before = ArtifactPage.objects.count()
        data = {
            "title_en": "Another album",
            "slug_en": "another-album",
            "institution": tree.institution.pk,
            "accession_number": "MMP 7",
            "gallery_images-TOTAL_FORMS": "0",
            "gallery_images-INITIAL_FORMS": "0",
            "gallery_images-MIN_NUM_FORMS": "0",
            "gallery_images-MAX_NUM_FORMS": "1000",
            "perspectives-TOTAL_FORMS": "0",
            "perspectives-INITIAL_FORMS": "0",
            "perspectives-MIN_NUM_FORMS": "0",
            "perspectives-MAX_NUM_FORMS": "1000",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        }
        response = admin_client.post(f"/admin/pages/add/archive/artifactpage/{tree.collection.pk}/", data)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Accession number MMP 7 is already used by" in content
        assert "Album" in content
        assert ArtifactPage.objects.count() == before

    def test_latest_year_cannot_precede_earliest(self, tree):
        artifact = ArtifactPage(
            title="Map",
            slug="map",
            institution=tree.institution,
            accession_number="M-1",
            earliest_year=1900,
            latest_year=1800,
        )
        with pytest.raises(ValidationError) as excinfo:
            artifact.full_clean()
        assert "latest_year" in excinfo.value.message_dict
