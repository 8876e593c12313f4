"""Editors can only build a sensible tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from archive.models import ArtifactPage, CollectionIndexPage, CollectionPage
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from heritage.models import HomePage, PartnerCityPage, PartnersIndexPage
from oral_histories.models import OralHistoryIndexPage, OralHistoryPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_takes_only_the_section_indexes(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {PartnersIndexPage, CollectionIndexPage, OralHistoryIndexPage, ExhibitionIndexPage},
        )

    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_each_index_takes_only_its_own_detail_pages(self):
        self.assertAllowedSubpageTypes(PartnersIndexPage, {PartnerCityPage})
        self.assertAllowedSubpageTypes(CollectionIndexPage, {CollectionPage})
        self.assertAllowedSubpageTypes(CollectionPage, {ArtifactPage})
        self.assertAllowedSubpageTypes(OralHistoryIndexPage, {OralHistoryPage})
        self.assertAllowedSubpageTypes(ExhibitionIndexPage, {ExhibitionPage})

    def test_detail_pages_are_leaves(self):
        for model in (PartnerCityPage, ArtifactPage, OralHistoryPage, ExhibitionPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedSubpageTypes(model, set())

    def test_artifacts_live_only_in_collections(self):
        self.assertAllowedParentPageTypes(ArtifactPage, {CollectionPage})
        self.assertCanNotCreateAt(HomePage, ArtifactPage)
        self.assertCanNotCreateAt(PartnerCityPage, ArtifactPage)
        self.assertCanCreateAt(CollectionPage, ArtifactPage)

    def test_cities_live_under_the_partners_index(self):
        self.assertAllowedParentPageTypes(PartnerCityPage, {PartnersIndexPage})
        self.assertCanNotCreateAt(HomePage, PartnerCityPage)
