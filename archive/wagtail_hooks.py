"""Archive sections on the home and partner-city pages (see heritage.listings)."""

from django.db.models import Prefetch

from wagtail import hooks
from wagtail.images import get_image_model

from heritage.listings import Section

from .listing import THUMBNAIL_SPECS, attach_thumbnails, thumbnail_prefetch
from .models import ArtifactPage, CollectionPage


def _collections(queryset):
    return list(
        queryset.live()
        .public()
        .select_related("institution", "institution__city")
        .prefetch_related(
            Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(*THUMBNAIL_SPECS))
        )
        .order_by("path")
    )


@hooks.register("heritage_home_sections")
def recent_artifacts(*, home, today):
    artifacts = list(
        ArtifactPage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("institution", "institution__city")
        .prefetch_related(thumbnail_prefetch())
        .order_by("-first_published_at", "-path")[:8]
    )
    attach_thumbnails(artifacts)
    return [Section(template="archive/includes/recent_artifacts.html", order=30, context={"items": artifacts})]


@hooks.register("heritage_city_sections")
def city_collections(*, city, today):
    collections = _collections(CollectionPage.objects.filter(institution__city=city))
    return [Section(template="archive/includes/collection_cards.html", order=20, context={"items": collections})]
