"""The demo archive: what it holds, that loading it twice changes nothing, and that
every public page answers in every language with the right ``lang`` and ``dir``."""

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from archive.models import ArtifactImage, ArtifactPage, CollectionPage, CommunityPerspective
from exhibitions.models import ExhibitionPage
from heritage.models import Institution, PartnerCityPage, Person, Place, RightsStatement, Theme
from oral_histories.models import OralHistoryPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LANGUAGES = {"en": "ltr", "fr": "ltr", "de": "ltr", "ar": "rtl"}
PLACEHOLDER = re.compile(r"\[(en|fr|de|ar)\]", re.I)


def snapshot():
    models = [
        Page,
        Revision,
        PartnerCityPage,
        Institution,
        Theme,
        Place,
        Person,
        RightsStatement,
        CollectionPage,
        ArtifactPage,
        ArtifactImage,
        CommunityPerspective,
        OralHistoryPage,
        ExhibitionPage,
        get_image_model(),
        get_user_model(),
    ]
    counts = {model.__name__: model.objects.count() for model in models}
    latest = {model.__name__: list(model.objects.order_by("pk").values_list("pk", flat=True)) for model in models[:3]}
    changed = list(Page.objects.order_by("pk").values_list("pk", "latest_revision_created_at", "last_published_at"))
    return counts, latest, changed


def test_demo_archive(client):
    call_command("load_demo", verbosity=0)
    first = snapshot()
    counts = first[0]

    # What the issue asks the demo to hold.
    assert PartnerCityPage.objects.live().count() == 3
    assert len(set(PartnerCityPage.objects.values_list("country_code", flat=True))) == 3
    assert counts["Institution"] >= 6
    assert counts["CollectionPage"] >= 4
    assert counts["ArtifactPage"] >= 60
    assert counts["OralHistoryPage"] == 6
    assert counts["ExhibitionPage"] == 2
    for exhibition in ExhibitionPage.objects.all():
        assert exhibition.co_curators.values("city").distinct().count() >= 2
    assert ArtifactImage.objects.count() >= 60

    # Every text is translated but a few, left untranslated on purpose.
    artifacts = ArtifactPage.objects.all()
    for code in ("fr", "de", "ar"):
        translated_titles = sum(1 for a in artifacts if getattr(a, f"title_{code}"))
        assert translated_titles >= 55, code
    assert any(not a.description_ar for a in artifacts), "the demo shows the fallback somewhere"
    for artifact in artifacts:
        for field in ("title", "description", "object_type"):
            for code in LANGUAGES:
                assert not PLACEHOLDER.search(getattr(artifact, f"{field}_{code}") or ""), (artifact.slug, field, code)

    # Loading again changes nothing.
    call_command("load_demo", verbosity=0)
    assert snapshot() == first

    # Every public page answers in every language, with the right lang and dir.
    pages = [page.specific for page in Page.objects.live().public().filter(depth__gt=1)]
    assert len(pages) >= 60 + 6 + 2 + 4 + 3 + 5
    fallback_seen = False
    for page in pages:
        for code, direction in LANGUAGES.items():
            with translation.override(code):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            html = response.content.decode()
            assert f'<html lang="{code}" dir="{direction}">' in html, url
            fallback_seen = fallback_seen or 'class="fallback' in html
    assert fallback_seen
