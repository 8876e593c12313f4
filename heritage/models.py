"""Core models shared by every app: the home page, partner cities, institutions and
the controlled vocabularies (themes, places, people, rights statements).

Visitor-facing text is translated by django-modeltranslation (see ``translation.py``):
each registered field gets ``<name>_en``, ``<name>_fr``, ``<name>_de`` and ``<name>_ar``
columns, and reading ``<name>`` returns the active language with fallback.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .i18n import missing_translations
from .panels import TranslationStatusPanel

# --- Abstract mixins ----------------------------------------------------------


class GeoMixin(models.Model):
    """WGS 84 coordinates, validated to their ranges."""

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    geo_panels = [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates"))]

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class RightsMixin(models.Model):
    """A rights statement (rightsstatements.org or Creative Commons) and who holds the rights."""

    rights = models.ForeignKey(
        "heritage.RightsStatement",
        verbose_name=_("rights statement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rights_holder = models.CharField(_("rights holder"), max_length=255, blank=True)

    rights_panels = [
        MultiFieldPanel([FieldPanel("rights"), FieldPanel("rights_holder")], heading=_("Rights")),
    ]

    class Meta:
        abstract = True


class HeritagePage(Page):
    """The base of every page type: translation bookkeeping and listing helpers.

    ``translated_fields`` names the model's own translated fields (besides the title);
    the admin's translation status and the templates' fallback marks read it.
    """

    translated_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def missing_translations(self) -> dict[str, list[str]]:
        """Map each language code to the translated fields that are empty in it."""
        return missing_translations(self, ("title", *self.translated_fields))

    def route(self, request, path_components):
        """Find the child by its slug in the active language with one indexed query.

        wagtail-modeltranslation's route loads every child page and compares slugs in
        Python, which grows with the size of a collection. A slug left empty in a
        language falls back to the English slug, as modeltranslation does for URLs.
        """
        if not path_components:
            return super().route(request, path_components)
        child_slug, remaining = path_components[0], path_components[1:]
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        match = models.Q(**{f"slug_{language}": child_slug})
        if language != default:
            untranslated = models.Q(**{f"slug_{language}__isnull": True}) | models.Q(**{f"slug_{language}": ""})
            match |= untranslated & models.Q(**{f"slug_{default}": child_slug})
        child = self.get_children().filter(match).first()
        if child is None:
            raise Http404
        return child.specific.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1))
        context["site_navigation"] = site_navigation(page=self, request=request)
        return context


def site_navigation(*, page: Page, request) -> list[Page]:
    """The home page's children that editors put in menus ("Show in menus")."""
    site = page.get_site()
    if site is None:
        return []
    root = site.root_page
    items = list(root.get_children().live().public().in_menu().order_by("path"))
    for item in items:
        item.active = page.path.startswith(item.path)
    return [root, *items]


# --- Vocabularies (snippets) ----------------------------------------------------


class RightsStatement(models.Model):
    """A standard rights statement, kept as data with its canonical URI."""

    class Family(models.TextChoices):
        RIGHTS_STATEMENTS = "rs", _("RightsStatements.org")
        CREATIVE_COMMONS = "cc", _("Creative Commons")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", _("Use letters, digits, dots and hyphens, e.g. CC-BY-4.0."))
        ],
        help_text=_("Short identifier, e.g. InC or CC-BY-4.0."),
    )
    family = models.CharField(_("family"), max_length=2, choices=Family.choices)
    uri = models.URLField(_("URI"), unique=True)
    label = models.CharField(_("label"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("family"),
        FieldPanel("uri"),
        FieldPanel("label"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["family", "code"]
        verbose_name = _("rights statement")
        verbose_name_plural = _("rights statements")

    def __str__(self) -> str:
        return self.label

    @property
    def allows_reuse(self) -> bool:
        return self.family == self.Family.CREATIVE_COMMONS or self.code in {"NoC-US", "NoC-OKLR", "NoC-NC"}


class Theme(index.Indexed, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Place(index.Indexed, GeoMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        "heritage.PartnerCityPage",
        verbose_name=_("partner city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        help_text=_("The partner city this place lies in, if any."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("city"),
        *GeoMixin.geo_panels,
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name


class Person(index.Indexed, models.Model):
    """Someone who made, gave, told or curated something."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("As the person writes it in each language's script.")
    )
    biography = models.TextField(_("biography"), blank=True)
    birth_year = models.SmallIntegerField(_("year of birth"), null=True, blank=True)
    death_year = models.SmallIntegerField(_("year of death"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("biography"),
        FieldRowPanel([FieldPanel("birth_year"), FieldPanel("death_year")], heading=_("Life dates")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.birth_year and self.death_year and self.death_year < self.birth_year:
            raise ValidationError({"death_year": _("The year of death cannot be before the year of birth.")})


class Institution(index.Indexed, models.Model):
    """A museum, library, archive or community centre in a partner city."""

    class Kind(models.TextChoices):
        MUSEUM = "museum", _("Museum")
        LIBRARY = "library", _("Library")
        ARCHIVE = "archive", _("Archive")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")

    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short, stable identifier used by imports and harvesters, e.g. mdm-marseille."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(
        "heritage.PartnerCityPage",
        verbose_name=_("partner city"),
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("city"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return self.name


# --- Pages ----------------------------------------------------------------------


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
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .listings import home_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(home_listings(home=self, today=timezone.localdate()))
        return context


class PartnersIndexPage(HeritagePage):
    introduction = models.TextField(_("introduction"), blank=True)

    translated_fields = ("introduction",)
    content_panels = [TranslationStatusPanel(), *Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["heritage.HomePage"]
    subpage_types = ["heritage.PartnerCityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partner cities index")

    def get_context(self, request, *args, **kwargs):
        from .listings import CITY_CARD_SPECS, hero_images

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

    def sister_cities(self) -> list[dict]:
        """Cities linked to this one in either direction, with the year the link began."""
        links = []
        for link in SisterCityLink.objects.filter(models.Q(page=self) | models.Q(partner=self)).select_related(
            "page", "partner"
        ):
            other = link.partner if link.page_id == self.pk else link.page
            if other.live:
                links.append({"city": other, "since": link.since, "link": link})
        return sorted(links, key=lambda item: item["city"].title)

    def get_context(self, request, *args, **kwargs):
        from .listings import city_listings

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
