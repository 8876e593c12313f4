"""Collections and the artifacts they hold."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from heritage.models import HeritagePage, RightsMixin, SectionIndexPage
from heritage.panels import TranslationStatusPanel

from .listing import artifact_listing, centuries, gallery_for

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


language_code_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Enter a language code such as ar, fr, tr or aeb (Tunisian Arabic)."),
)


class CollectionIndexPage(SectionIndexPage):
    subpage_types = ["archive.CollectionPage"]

    class Meta:
        verbose_name = _("collections index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = (
            CollectionPage.objects.live()
            .public()
            .child_of(self)
            .select_related("institution", "institution__city", "cover_image")
            .order_by("path")
        )
        return context


class CollectionPage(HeritagePage):
    """A collection held by one institution."""

    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("holding institution"),
        on_delete=models.PROTECT,
        related_name="collections",
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for listings."))
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    translated_fields = ("summary", "introduction")
    search_type = "collection"
    search_text_fields = ("summary", "introduction")
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("institution"),
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("introduction")]

    parent_page_types = ["archive.CollectionIndexPage"]
    subpage_types = ["archive.ArtifactPage"]

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def search_facets(self) -> dict[str, list[str]]:
        return {"city": [self.institution.city.slug_en], "institution": [self.institution.code]}

    def social_image(self):
        """The cover image stands for the collection in link previews and linked data."""
        return (self.cover_image, "") if self.cover_image_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(artifact_listing(collection=self, params=request.GET))
        return context


class ArtifactPage(RightsMixin, HeritagePage):
    """One catalogued object, with its images, facts and community perspectives."""

    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("holding institution"),
        on_delete=models.PROTECT,
        related_name="artifacts",
    )
    accession_number = models.CharField(
        _("accession number"),
        max_length=64,
        help_text=_("The holding institution's own number; unique within that institution."),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    object_type = models.CharField(_("object type"), max_length=120, blank=True)
    materials = models.CharField(_("materials"), max_length=255, blank=True)
    dimensions = models.CharField(_("dimensions"), max_length=255, blank=True)
    date_text = models.CharField(
        _("date"), max_length=120, blank=True, help_text=_("As a person would say it, e.g. about 1920s.")
    )
    earliest_year = models.SmallIntegerField(_("earliest year"), null=True, blank=True, db_index=True)
    latest_year = models.SmallIntegerField(_("latest year"), null=True, blank=True, db_index=True)
    places = ParentalManyToManyField("heritage.Place", verbose_name=_("places"), blank=True, related_name="artifacts")
    makers = ParentalManyToManyField("heritage.Person", verbose_name=_("makers"), blank=True, related_name="made")
    themes = ParentalManyToManyField("heritage.Theme", verbose_name=_("themes"), blank=True, related_name="artifacts")

    translated_fields = ("description", "object_type", "materials", "dimensions", "date_text", "rights_holder")
    search_type = "artifact"
    search_text_fields = ("description", "object_type", "materials", "date_text")
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("institution"), FieldPanel("accession_number")], heading=_("Identification")),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("object_type"),
                FieldPanel("materials"),
                FieldPanel("dimensions"),
                FieldPanel("date_text"),
                FieldRowPanel([FieldPanel("earliest_year"), FieldPanel("latest_year")]),
            ],
            heading=_("Facts"),
        ),
        InlinePanel("gallery_images", label=_("Images")),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("places"), FieldPanel("makers")],
            heading=_("Themes, places and people"),
        ),
        *RightsMixin.rights_panels,
        InlinePanel("perspectives", label=_("Community perspectives")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("object_type"),
        index.SearchField("materials"),
        index.FilterField("institution"),
        index.FilterField("earliest_year"),
        index.FilterField("latest_year"),
    ]

    parent_page_types = ["archive.CollectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("artifact")
        verbose_name_plural = _("artifacts")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "accession_number"],
                name="unique_accession_number_per_institution",
                violation_error_message=_("This institution already uses this accession number."),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.accession_number:
            self.accession_number = self.accession_number.strip()
        if self.institution_id and self.accession_number:
            clash = (
                ArtifactPage.objects.filter(institution_id=self.institution_id, accession_number=self.accession_number)
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                errors["accession_number"] = _(
                    "Accession number %(number)s is already used by “%(title)s” at %(institution)s."
                ) % {"number": self.accession_number, "title": clash.title, "institution": self.institution.name}
        if self.earliest_year is not None and self.latest_year is not None and self.latest_year < self.earliest_year:
            errors["latest_year"] = _("The latest year cannot be before the earliest year.")
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # clean() reports the clash with a message naming the other artifact; skip
        # Django's generic constraint check so the editor sees one clear error.
        exclude = set(exclude or ()) | {"institution", "accession_number"}
        super().validate_constraints(exclude=exclude)

    def search_facets(self) -> dict[str, list[str]]:
        return {
            "city": [self.institution.city.slug_en],
            "institution": [self.institution.code],
            "theme": [theme.slug for theme in self.themes.all()],
            "language": sorted({voice.language for voice in self.perspectives.all()}),
            "period": centuries(self.earliest_year, self.latest_year),
            "rights": [self.rights.code] if self.rights_id else [],
        }

    @property
    def period_label(self) -> str:
        if self.earliest_year is None:
            return ""
        if self.latest_year is None or self.latest_year == self.earliest_year:
            return str(self.earliest_year)
        return f"{self.earliest_year}–{self.latest_year}"

    def social_image(self):
        """The first gallery image (with its alt text) stands for the artifact."""
        first = self.gallery_images.select_related("image").first()
        return (first.image, str(first.alt_text)) if first is not None else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(gallery_for(artifact=self))
        return context


class ArtifactImage(Orderable):
    page = ParentalKey(ArtifactPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("photo credit"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("credit")]

    class Meta(Orderable.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CommunityPerspective(Orderable):
    """One voice on an object: what it means to a community, in that voice's own words."""

    page = ParentalKey(ArtifactPage, on_delete=models.CASCADE, related_name="perspectives")
    author = models.CharField(_("author"), max_length=200)
    community = models.CharField(_("community"), max_length=200, help_text=_("e.g. Tunisian families of Belsunce"))
    language = models.CharField(
        _("language of the original"),
        max_length=12,
        validators=[language_code_validator],
        help_text=_("The language the voice speaks in, as a code: ar, fr, de, tr, aeb…"),
    )
    original = models.TextField(_("original words"), help_text=_("In the author's own language, as told."))
    translation = models.TextField(_("translation"), blank=True, help_text=_("For readers of each site language."))

    panels = [
        FieldRowPanel([FieldPanel("author"), FieldPanel("language")]),
        FieldPanel("community"),
        FieldPanel("original"),
        FieldPanel("translation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("community perspective")
        verbose_name_plural = _("community perspectives")


# -- The collection page's listing, kept by the outbox (archive.listing_index) ----------


class ListedArtifact(models.Model):
    """An artifact a collection's page lists (live, under no view restriction), with
    what the listing sorts and filters by: the page lists a collection of 50,000 from
    this narrow table's index instead of sorting and counting the page table. Plain
    ids, no foreign keys: a deleted artifact leaves through the outbox's writer, which
    takes it off the counts as well (a cascade would not)."""

    artifact_id = models.BigIntegerField(_("artifact"), primary_key=True)
    collection_id = models.BigIntegerField(_("collection"))
    earliest_year = models.SmallIntegerField(_("earliest year"), null=True)
    latest_year = models.SmallIntegerField(_("latest year"), null=True)
    path = models.CharField(_("tree path"), max_length=255)

    class Meta:
        verbose_name = _("listed artifact")
        verbose_name_plural = _("listed artifacts")
        indexes = [models.Index(fields=["collection_id", "earliest_year", "path"], name="archive_listed_order")]


class ListedArtifactTheme(models.Model):
    """A theme of a listed artifact (the collection page's theme filter)."""

    artifact_id = models.BigIntegerField(_("artifact"))
    collection_id = models.BigIntegerField(_("collection"))
    theme_id = models.BigIntegerField(_("theme"))

    class Meta:
        verbose_name = _("theme of a listed artifact")
        verbose_name_plural = _("themes of listed artifacts")
        constraints = [models.UniqueConstraint(fields=["artifact_id", "theme_id"], name="archive_listed_theme_once")]
        indexes = [models.Index(fields=["collection_id", "theme_id"], name="archive_listed_theme")]


class CollectionCount(models.Model):
    """How many listed artifacts a collection has in all (``facet`` "all"), per theme
    ("theme", ``value`` the theme's id) and per century ("period", ``value`` its first
    year): the filters' counts, read in one query whatever the collection's size."""

    ALL, THEME, PERIOD = "all", "theme", "period"

    collection_id = models.BigIntegerField(_("collection"))
    facet = models.CharField(_("facet"), max_length=8)
    value = models.IntegerField(_("value"), default=0)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("collection count")
        verbose_name_plural = _("collection counts")
        constraints = [
            models.UniqueConstraint(fields=["collection_id", "facet", "value"], name="archive_collection_count_once")
        ]
