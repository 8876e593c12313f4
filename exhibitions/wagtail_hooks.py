from django.db.models import Q

from wagtail import hooks

from heritage.listings import Section, hero_images

from .models import EXHIBITION_CARD_SPECS, ExhibitionPage


def _exhibitions(queryset):
    return list(
        queryset.live()
        .public()
        .prefetch_related(hero_images(*EXHIBITION_CARD_SPECS))
        .prefetch_related("co_curators__city")
        .distinct()
        .order_by("-opens_on", "path")
    )


@hooks.register("heritage_home_sections")
def current_exhibitions(*, home, today):
    open_now = Q(opens_on__isnull=True) | Q(opens_on__lte=today)
    not_closed = Q(closes_on__isnull=True) | Q(closes_on__gte=today)
    items = _exhibitions(ExhibitionPage.objects.descendant_of(home).filter(open_now & not_closed))
    return [
        Section(
            template="exhibitions/includes/exhibition_cards.html", order=10, context={"items": items, "current": True}
        )
    ]


@hooks.register("heritage_city_sections")
def city_exhibitions(*, city, today):
    items = _exhibitions(ExhibitionPage.objects.filter(co_curators__city=city))
    return [
        Section(
            template="exhibitions/includes/exhibition_cards.html", order=30, context={"items": items, "today": today}
        )
    ]
