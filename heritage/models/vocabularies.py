"""Controlled vocabularies kept as translated snippets: rights statements, themes,
places, people and the institutions of the partner cities."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .base import GeoMixin


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
    curators = models.OneToOneField(
        Group,
        verbose_name=_("curators group"),
        null=True,
        on_delete=models.PROTECT,
        related_name="institution_of_curators",
        editable=False,
        help_text=_("Its members speak for the institution, e.g. when approving a joint exhibition."),
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

    def save(self, *args, **kwargs):
        # Its curators come with it, as a Wagtail group ("Institution curators: code").
        if not self.curators_id:
            self.curators, _created = Group.objects.get_or_create(name=f"Institution curators: {self.code}")
        super().save(*args, **kwargs)

    @classmethod
    def curated_by(cls, user) -> models.QuerySet:
        """The institutions ``user`` is a curator of (member of their curators group)."""
        if not user.is_authenticated:
            return cls.objects.none()
        return cls.objects.filter(curators__in=user.groups.all())
