"""Language URLs, the switcher, hreflang, lang/dir, and marked fallbacks."""

import re

from django.utils import translation

import pytest

from archive.factories import ArtifactPageFactory
from heritage.models import PartnerCityPage


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.django_db
class TestLanguageUrls:
    def test_the_bare_root_redirects_to_a_language(self, client, tree):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"] == "/en/"

    @pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("fr", "ltr"), ("de", "ltr"), ("ar", "rtl")])
    def test_each_language_sets_lang_and_dir(self, client, tree, code, direction):
        response = client.get(f"/{code}/partners/marseille/")
        assert response.status_code == 200
        assert html_tag(response) == f'<html lang="{code}" dir="{direction}">'

    def test_translated_slugs_give_translated_urls(self, client, tree):
        tree.city.slug_fr = "marseille-fr"
        tree.city.save_revision().publish()
        assert client.get("/fr/partners/marseille-fr/").status_code == 200
        with translation.override("fr"):
            assert PartnerCityPage.objects.get(pk=tree.city.pk).get_url() == "/fr/partners/marseille-fr/"
        # The English URL still answers in English.
        assert client.get("/en/partners/marseille/").status_code == 200

    def test_switcher_links_to_the_same_page_and_keeps_filters(self, client, tree):
        tree.city.slug_de = "marseille-de"
        tree.city.save_revision().publish()
        response = client.get("/en/partners/marseille/?tab=institutions")
        content = response.content.decode()
        switcher = content[content.index('class="language-switcher"') :]
        assert 'href="/de/partners/marseille-de/?tab=institutions"' in switcher
        assert 'href="/ar/partners/marseille/?tab=institutions"' in switcher
        assert 'aria-current="true">English<' in switcher

    def test_hreflang_alternates_cover_every_language(self, client, tree):
        content = client.get("/fr/partners/marseille/").content.decode()
        for code in ("en", "fr", "de", "ar", "x-default"):
            assert f'hreflang="{code}" href="http://testserver/' in content


@pytest.mark.django_db
class TestFallback:
    def test_a_missing_translation_falls_back_to_english_and_is_marked(self, client, tree):
        artifact = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title="Ferry ticket",
            title_fr="Billet de ferry",
            description_en="<p>A ticket for the crossing.</p>",
            description_fr="",
            object_type_en="Ticket",
            object_type_fr="Billet",
        )
        content = client.get(f"/fr/collections/letters/{artifact.slug}/").content.decode()
        assert "<h1>Billet de ferry</h1>" in content
        # The description is shown in English, marked with its language and a visible note.
        assert '<div class="rich-text fallback" lang="en" dir="ltr">' in content
        assert "A ticket for the crossing." in content
        assert "fallback-note" in content

    def test_fallback_in_arabic_marks_left_to_right_text(self, client, tree):
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud")
        content = client.get(f"/ar/collections/letters/{artifact.slug}/").content.decode()
        assert '<span class="fallback" lang="en" dir="ltr">Oud</span>' in content
        assert 'class="fallback-hint"' in content

    def test_a_complete_translation_is_not_marked(self, client, tree):
        artifact = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title="Oud",
            title_de="Oud (Laute)",
            description_de="<p>Eine Laute.</p>",
            object_type_de="Instrument",
        )
        content = client.get(f"/de/collections/letters/{artifact.slug}/").content.decode()
        h1 = re.search(r"<h1>.*?</h1>", content, re.S).group(0)
        assert h1 == "<h1>Oud (Laute)</h1>"
        assert "Eine Laute." in content

    def test_editor_sees_missing_translations(self, tree):
        artifact = ArtifactPageFactory(
            parent=tree.collection,
            institution=tree.institution,
            title="Oud",
            title_fr="Oud",
            object_type_en="Instrument",
        )
        missing = artifact.missing_translations()
        assert "title" in missing["de"]
        assert "title" not in missing.get("fr", [])
        assert "object_type" in missing["ar"]


@pytest.mark.django_db
def test_admin_edit_form_offers_every_language(admin_client, tree):
    response = admin_client.get(f"/admin/pages/{tree.collection.pk}/edit/")
    content = response.content.decode()
    for code in ("en", "fr", "de", "ar"):
        assert f'name="title_{code}"' in content
        assert f'name="summary_{code}"' in content


@pytest.mark.django_db
def test_admin_edit_form_lists_missing_translations(admin_client, tree):
    artifact = ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Oud",
        title_fr="Oud",
        title_de="Oud",
        title_ar="عود",
        object_type_en="Instrument",
        object_type_fr="Instrument",
        object_type_de="Instrument",
        object_type_ar="آلة موسيقية",
        description_en="<p>A lute.</p>",
        description_fr="<p>Un luth.</p>",
        description_de="<p>Eine Laute.</p>",
    )
    content = admin_client.get(f"/admin/pages/{artifact.pk}/edit/").content.decode()
    assert "Translations still missing:" in content
    assert "<strong>Arabic</strong>: Description" in content
    assert "<strong>French</strong>" not in content


@pytest.mark.django_db
def test_missing_translations_report_lists_untranslated_pages(admin_client, tree):
    ArtifactPageFactory(
        parent=tree.collection, institution=tree.institution, title="Untranslated oud", object_type_en="Instrument"
    )
    ArtifactPageFactory(
        parent=tree.collection,
        institution=tree.institution,
        title="Translated drum",
        title_fr="Tambour traduit",
        object_type_en="Instrument",
        object_type_fr="Instrument",
        description_en="<p>A drum.</p>",
        description_fr="<p>Un tambour.</p>",
    )
    content = admin_client.get("/admin/reports/missing-translations/?language=fr").content.decode()
    assert "Untranslated oud" in content
    assert "Translated drum" not in content
    content = admin_client.get("/admin/reports/missing-translations/?language=de").content.decode()
    assert "Translated drum" in content
    # An unknown language falls back to the first choice instead of failing.
    assert admin_client.get("/admin/reports/missing-translations/?language=xx").status_code == 200
