"""Queries behind the collection and artifact pages.

Both pages render with a constant number of SQL queries whatever the number of
artifacts or images: related rows are fetched with ``prefetch_related`` and image
renditions with Wagtail's ``prefetch_renditions``
(https://docs.wagtail.org/en/stable/advanced_topics/images/renditions.html#prefetching-image-renditions).
The rendition specs below must match the ones the templates ask for.

Neither page may pay for the rest of the catalogue, nor (beyond the counts its filters
show) for the size of its own collection:

- a collection's artifacts are found by a range of the tree's indexed (depth, path)
  (``children_of``, from ``heritage.models.base``: the site's navigation uses it
  too), never by Wagtail's ``child_of`` (``path LIKE 'prefix%'``, which SQLite cannot
  answer from an index: every page of the site was read to list a collection of
  three);
- a listing page is found in two steps (:func:`page_of_ids`): the page's 60 ids
  in the listing's order (a sort of ids, not of whole rows), then those 60 artifacts
  with their relations. Sorting every artifact's whole row (80 columns, translations)
  to keep the last 20 took seconds in a collection of 50,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from wagtail.images import get_image_model

# Keep in sync with archive/templates/archive/*.html
THUMBNAIL_SPECS = ("fill-400x300", "fill-800x600")
GALLERY_SPECS = ("width-480", "width-800", "width-1200", "fill-160x120")

ARTIFACTS_PER_PAGE = 60


@dataclass(frozen=True)
class Period:
    start: int  # first year of the century

    @property
    def end(self) -> int:
        return self.start + 99

    @property
    def value(self) -> str:
        return str(self.start)

    @property
    def label(self) -> str:
        return _("%(start)s–%(end)s") % {"start": self.start, "end": self.end}


def page_of_ids(
    ids, number, per_page: int = ARTIFACTS_PER_PAGE, count: int | None = None, *, load
) -> tuple[Paginator, PaginatorPage]:
    """Django's pagination of ``ids`` (a query of artifact ids in the listing's order),
    loading only the requested page's artifacts, from ``load`` (relations asked for)
    by their ids alone.

    Same pages, numbers and out-of-range behaviour as ``Paginator(...).get_page(number)``;
    the page's ``object_list`` is a list of artifacts. ``count``: how many ids there
    are, when the caller knows it already."""
    paginator = Paginator(ids, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: not counted again
    page_obj = paginator.get_page(number)
    wanted = list(page_obj.object_list)
    loaded = {artifact.pk: artifact for artifact in load.filter(pk__in=wanted).order_by()}
    page_obj.object_list = [loaded[pk] for pk in wanted if pk in loaded]
    return paginator, page_obj


def images_prefetch(specs: tuple[str, ...], to_attr: str | None = None) -> Prefetch:
    from .models import ArtifactImage

    return Prefetch(
        "gallery_images",
        queryset=ArtifactImage.objects.order_by("sort_order").prefetch_related(
            Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(*specs))
        ),
        to_attr=to_attr,
    )


def centuries(earliest: int | None, latest: int | None) -> list[str]:
    """The centuries a date range touches, as their first years: 1885–1910 → ["1800", "1900"]."""
    if earliest is None:
        return []
    latest = earliest if latest is None else latest
    return [str(start) for start in range(earliest // 100 * 100, latest // 100 * 100 + 1, 100)]


def thumbnail_prefetch() -> Prefetch:
    """Prefetch each artifact's images with their card renditions (see ``attach_thumbnails``)."""
    return images_prefetch(THUMBNAIL_SPECS, to_attr="prefetched_images")


def attach_thumbnails(artifacts) -> None:
    """Set ``artifact.thumbnail`` to its first image, from ``thumbnail_prefetch()``."""
    for artifact in artifacts:
        artifact.thumbnail = artifact.prefetched_images[0] if artifact.prefetched_images else None


def artifact_listing(*, collection, params: QueryDict) -> dict[str, Any]:
    """The paginated, filterable artifact list of one collection.

    ``params`` is the visitor's query string: ``theme`` (a theme slug), ``period``
    (the first year of a century, e.g. 1900) and ``page``. Values that name nothing
    are ignored and reported in ``filter_errors`` instead of failing.

    Read from the listing the outbox keeps (``archive.listing_index``): the counts in
    one query, the page's 60 ids from an index in the listing's order, then those 60
    artifacts with their relations: the same queries and rows whatever the
    collection's size.
    """
    from heritage.models import Theme

    from .models import ArtifactPage, CollectionCount, ListedArtifact, ListedArtifactTheme

    errors: list[str] = []
    counts: dict[str, dict[int, int]] = {CollectionCount.ALL: {}, CollectionCount.THEME: {}, CollectionCount.PERIOD: {}}
    for facet, value, count in CollectionCount.objects.filter(collection_id=collection.pk, count__gt=0).values_list(
        "facet", "value", "count"
    ):
        counts.setdefault(facet, {})[value] = count
    total = counts[CollectionCount.ALL].get(0, 0)
    periods = [(Period(start), count) for start, count in sorted(counts[CollectionCount.PERIOD].items())]
    theme_counts = counts[CollectionCount.THEME]
    themes = sorted(Theme.objects.filter(pk__in=theme_counts), key=lambda theme: theme.slug)

    selected_theme = None
    theme_slug = params.get("theme", "").strip()
    if theme_slug:
        selected_theme = next((t for t in themes if t.slug == theme_slug), None)
        if selected_theme is None:
            errors.append(
                _("There is no theme “%(value)s” in this collection; showing all themes.") % {"value": theme_slug[:80]}
            )

    selected_period = None
    period_value = params.get("period", "").strip()
    if period_value:
        try:
            start = int(period_value)
        except ValueError:
            start = None
        if start is not None and any(p.start == start for p, _count in periods):
            selected_period = Period(start)
        else:
            errors.append(
                _("“%(value)s” is not a period of this collection; showing all periods.") % {"value": period_value[:80]}
            )

    listed = ListedArtifact.objects.filter(collection_id=collection.pk)
    count = total
    if selected_theme is not None:
        listed = listed.filter(
            artifact_id__in=ListedArtifactTheme.objects.filter(
                collection_id=collection.pk, theme_id=selected_theme.pk
            ).values("artifact_id")
        )
        count = theme_counts.get(selected_theme.pk, 0)
    if selected_period is not None:
        listed = listed.filter(earliest_year__lte=selected_period.end).filter(
            Q(latest_year__gte=selected_period.start)
            | Q(latest_year__isnull=True, earliest_year__gte=selected_period.start)
        )
        count = counts[CollectionCount.PERIOD].get(selected_period.start, 0) if selected_theme is None else None
    ids = listed.order_by("earliest_year", "path").values_list("artifact_id", flat=True)
    # The page's artifacts, once their ids are known, by those ids alone (listed
    # means live; live again here, should one be unpublished since).
    load = ArtifactPage.objects.live().select_related("institution").prefetch_related(thumbnail_prefetch())
    paginator, page_obj = page_of_ids(ids, params.get("page"), count=count, load=load)
    attach_thumbnails(page_obj.object_list)

    querystring = params.copy()
    querystring.pop("page", None)
    return {
        "artifacts": page_obj,
        "paginator": paginator,
        "themes": [(theme, theme_counts.get(theme.pk, 0)) for theme in themes],
        "periods": periods,
        "selected_theme": selected_theme,
        "selected_period": selected_period,
        "filter_errors": errors,
        "filter_querystring": querystring.urlencode(),
    }


def gallery_for(*, artifact) -> dict[str, Any]:
    """The artifact page's images (renditions prefetched) and its related rows."""
    from .models import ArtifactImage, CommunityPerspective

    images = list(
        ArtifactImage.objects.filter(page=artifact)
        .order_by("sort_order")
        .prefetch_related(Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(*GALLERY_SPECS)))
    )
    return {
        "gallery": images,
        "perspectives": list(CommunityPerspective.objects.filter(page=artifact).order_by("sort_order")),
        "artifact_themes": list(artifact.themes.all()),
        "artifact_places": list(artifact.places.all()),
        "artifact_makers": list(artifact.makers.all()),
        "collection": artifact.get_parent().specific,
    }
