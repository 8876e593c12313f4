"""Abstract building blocks shared by every page type: coordinates, rights, the base page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from .. import site_url
from ..i18n import missing_translations, resolve
from ..panels import TranslationStatusPanel


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

    #: Search: the page's content type as a facet value ("" keeps it out of search)
    #: and the translated fields a visitor finds it by, besides its title. The search
    #: app reads these and ``search_facets()``; nothing here imports it.
    search_type: str = ""
    search_text_fields: tuple[str, ...] = ()
    #: Wagtail's own index (the admin's search) follows the outbox (heritage.outbox,
    #: search.outbox), not Wagtail's signals: a hung Elasticsearch node never holds up
    #: a save, and an outage is replayed.
    search_auto_update = False

    class Meta:
        abstract = True

    def search_facets(self) -> dict[str, list[str]]:
        """Facet values: ``city``, ``institution``, ``theme``, ``language``, ``period``, ``rights``."""
        return {}

    def is_publicly_searchable(self) -> bool:
        """False keeps a live, unrestricted page out of every public index (e.g. consent)."""
        return True

    def search_segments(self) -> list[dict]:
        """Timed parts found on their own (transcript segments): ``{"start": seconds, "text": {lang: …}}``."""
        return []

    # Link previews, linked data and the sitemap (heritage.linked_data, heritage.sitemaps).

    def is_open(self) -> bool:
        """Listed in the sitemap: a live, public page whose content is open to anyone.

        The sitemap asks only live pages without view restrictions; this says no for
        pages that are public but hold something closed (e.g. a recording's consent).
        """
        return self.is_publicly_searchable()

    @classmethod
    def closed_pages(cls) -> models.Q | None:
        """A filter on ``Page`` matching the pages of this type whose ``is_open`` says
        no, so that ``heritage.visibility.open_pages`` can leave them out in the
        database (None: nothing beyond being live and unrestricted)."""
        return None

    @classmethod
    def prefetch_openness(cls, pages: list[HeritagePage]) -> None:
        """Load in bulk what ``is_open`` reads for ``pages`` (all of this class), so
        that the sitemap costs no query per page."""

    def social_type(self) -> str:
        """The Open Graph type: ``article`` for content (pages found in search),
        ``website`` for the home and section pages."""
        return "article" if self.search_type else "website"

    def social_description(self) -> str:
        """Plain text describing the page in link previews and linked data, in the
        active language: the search description, else the summary, introduction or
        description, tags stripped."""
        from ..linked_data import plain_text

        for field in ("search_description", "summary", "introduction", "description"):
            if hasattr(self, field):
                text = plain_text(resolve(self, field).value or getattr(self, field))
                if text:
                    return text
        return ""

    def social_image(self):
        """``(image, alt text)`` standing for the page in link previews and linked
        data, or None: by default the page's ``hero_image`` and ``hero_image_alt``."""
        image = getattr(self, "hero_image", None)
        if image is None:
            return None
        return image, str(resolve(self, "hero_image_alt")) if hasattr(self, "hero_image_alt") else ""

    def missing_translations(self) -> dict[str, list[str]]:
        """Map each language code to the translated fields that are empty in it."""
        return missing_translations(self, ("title", *self.translated_fields))

    def get_url_parts(self, request=None):
        """Wagtail's URL parts with the site's public address as the root URL
        (``heritage.site_url``): ``HERITAGE_BASE_URL`` when set, else the answering
        request's host, never the Site record's ``localhost:80`` beside the request's
        host. ``full_url``, ``get_full_url`` and ``url`` all go through here.
        (wagtail-modeltranslation patches ``_get_site_root_paths``, not this method;
        ``tests/test_site_identity.py`` asserts this override is the live one.)"""
        return site_url.page_url_parts(self, super().get_url_parts(request=request), request)

    def route(self, request, path_components):
        """Find the child by its slug in the active language with one indexed query.

        wagtail-modeltranslation's route loads every child page and compares slugs in
        Python, which grows with the size of a collection. A slug left empty in a
        language falls back to the English slug, as modeltranslation does for URLs.
        The query (``depth``, a range of ``path``, the slug in the language or the
        English one) is answered from the (slug_<lang>, depth, path) indexes of
        ``heritage`` migration 0006: without them the whole range, which is the
        parent's subtree, was read to compare slugs.
        modeltranslation sets its own ``route`` on each page class at start-up;
        ``heritage.patches`` takes it away again so this one runs.

        Every page on the way must be live, not just the one asked for: a live page
        under an unpublished ancestor is closed (``heritage.visibility``), so it answers
        404 as a draft does. The walk down from the site's root page loads each ancestor
        anyway, so this costs no query. (Editors' previews do not route: Wagtail's
        preview serves the page object it is given.)
        """
        if not self.live:
            raise Http404
        if not path_components:
            return super().route(request, path_components)
        child_slug, remaining = path_components[0], path_components[1:]
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        if self.is_leaf():
            raise Http404
        # The children's range goes into each side of the OR, so that each side is
        # one search of its language's index (outside it, SQLite preferred reading
        # every child from the (depth, path) index and comparing slugs).
        children = children_range(self)
        match = children & models.Q(**{f"slug_{language}": child_slug})
        if language != default:
            untranslated = models.Q(**{f"slug_{language}__isnull": True}) | models.Q(**{f"slug_{language}": ""})
            match |= children & untranslated & models.Q(**{f"slug_{default}": child_slug})
        child = Page.objects.filter(match).order_by("path").first()
        if child is None:
            raise Http404
        return child.specific.route(request, remaining)

    _own_route = route  # kept for heritage.patches, which puts it back

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Unpublished ancestors are left out: their titles are not public.
        context["breadcrumbs"] = list(self.get_ancestors().filter(depth__gt=1).live())
        context["site_navigation"] = site_navigation(page=self)
        return context


def children_of(queryset, parent):
    """``queryset`` narrowed to the children of ``parent``: Wagtail's ``child_of`` by a
    range of the indexed ``path`` instead of ``path LIKE 'prefix%'``.

    A child's path is its parent's and one step of ``Page.alphabet`` characters, so
    every child lies between the parent's path followed by the alphabet's first
    character and by its last, repeated ``Page.steplen`` times; ``depth`` keeps the
    deeper descendants in that range out. The same pages as ``child_of``, read from the
    index on (depth, path) (``heritage`` migration 0006) whatever the size of the rest
    of the tree or of the parent's own subtree: SQLite does not use an index for
    ``LIKE``, PostgreSQL does only with a pattern index, and a range of the unique
    ``path`` alone covers the parent's whole subtree (the home page's: the site).
    ``parent`` is a page or anything with its ``path`` and ``depth``."""
    return queryset.filter(children_range(parent))


def children_range(parent) -> models.Q:
    """The filter of :func:`children_of`: ``parent``'s children by depth and path range."""
    first, last = Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen
    return models.Q(depth=parent.depth + 1, path__gte=parent.path + first, path__lte=parent.path + last)


@dataclass(frozen=True)
class _TreeNode:
    path: str
    depth: int


def site_navigation(*, page: Page) -> list[Page]:
    """The home page's children that editors put in menus ("Show in menus").

    The home page is the ancestor at depth 2 (the site root, under Wagtail's tree
    root), so its children are found from the path alone, in one query, by the
    indexed (depth, path) range of :func:`children_of` (``path__startswith`` read every
    page of the site).
    """
    home = _TreeNode(path=page.path[: Page.steplen * 2], depth=2)
    items = list(children_of(Page.objects.live().public().in_menu(), home).order_by("path"))
    for item in items:
        item.active = page.path.startswith(item.path)
    return items


class SectionIndexPage(HeritagePage):
    """A section's landing page under the home page: a title, an introduction, and the
    section's pages listed by the subclass's ``get_context``."""

    introduction = models.TextField(_("introduction"), blank=True)

    translated_fields = ("introduction",)
    content_panels = [TranslationStatusPanel(), *Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["heritage.HomePage"]
    max_count = 1

    class Meta:
        abstract = True
