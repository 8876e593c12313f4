"""The home page, the partner-cities index and the partner city pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from ..panels import TranslationStatusPanel
from .base import GeoMixin, HeritagePage, SectionIndexPage


class HomePage(HeritagePage):
    introduction = models.TextField(_("introduction"), blank=True)

    translated_fields = ("introduction",)
    content_panels = [TranslationStatusPanel(), *Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "heritage.PartnersIndexPage",
        "archive.CollectionIndexPage",
        "oral_histories.OralHistoryIndexPage",
        "exhibitions.ExhibitionIndexPage",
        "programmes.ProgrammeIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from ..listings import home_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(home_listings(home=self, today=timezone.localdate()))
        return context


class PartnersIndexPage(SectionIndexPage):
    subpage_types = ["heritage.PartnerCityPage"]

    class Meta:
        verbose_name = _("partner cities index")

    def get_context(self, request, *args, **kwargs):
        from ..listings import CITY_CARD_SPECS, hero_images

        context = super().get_context(request, *args, **kwargs)
        context["cities"] = (
            PartnerCityPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(hero_images(*CITY_CARD_SPECS))
            .order_by("path")
        )
        return context


class PartnerCityPage(GeoMixin, HeritagePage):
    """A partner city: its story, its institutions and the cities it is twinned with."""

    country = models.CharField(_("country"), max_length=100)
    country_code = models.CharField(
        _("country code"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. FR, DE, TN.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for listings."))
    story = RichTextField(_("story"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("image description (alt text)"), max_length=255, blank=True)

    translated_fields = ("country", "summary", "story", "hero_image_alt")
    search_type = "city"
    search_text_fields = ("country", "summary", "story")
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("country"), FieldPanel("country_code")]),
        FieldPanel("summary"),
        FieldPanel("story"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        *GeoMixin.geo_panels,
        InlinePanel("sister_city_links", label=_("Sister cities")),
    ]

    parent_page_types = ["heritage.PartnersIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")

    def clean(self) -> None:
        super().clean()
        if self.country_code:
            self.country_code = self.country_code.upper()
            if not self.country_code.isalpha() or len(self.country_code) != 2:
                raise ValidationError({"country_code": _("Enter a two-letter ISO 3166-1 country code.")})

    def search_facets(self) -> dict[str, list[str]]:
        return {"city": [self.slug_en]}

    def sister_cities(self) -> list[dict]:
        """Cities linked to this one in either direction, with the year the link began.

        Only published cities open to everyone are listed: a private or draft city's
        name must not appear on a public page.
        """
        links = list(
            SisterCityLink.objects.filter(models.Q(page=self) | models.Q(partner=self)).select_related(
                "page", "partner"
            )
        )
        others = {link.partner_id if link.page_id == self.pk else link.page_id for link in links}
        visible = set(PartnerCityPage.objects.live().public().filter(pk__in=others).values_list("pk", flat=True))
        result = []
        for link in links:
            other = link.partner if link.page_id == self.pk else link.page
            if other.pk in visible:
                result.append({"city": other, "since": link.since, "link": link})
        return sorted(result, key=lambda item: item["city"].title)

    def get_context(self, request, *args, **kwargs):
        from ..listings import city_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(city_listings(city=self, today=timezone.localdate()))
        context["sister_cities"] = self.sister_cities()
        return context


class SisterCityLink(Orderable):
    """A twinning or partnership between two partner cities."""

    page = ParentalKey(PartnerCityPage, on_delete=models.CASCADE, related_name="sister_city_links")
    partner = models.ForeignKey(
        PartnerCityPage, verbose_name=_("partner city"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("partner"), FieldPanel("since"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("sister city")
        constraints = [
            models.UniqueConstraint(fields=["page", "partner"], name="unique_sister_city_link"),
        ]

    def clean(self) -> None:
        if self.page_id and self.partner_id == self.page_id:
            raise ValidationError({"partner": _("A city cannot be its own sister city.")})
