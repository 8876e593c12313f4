from wagtail import hooks

from heritage.listings import Section

from .models import OralHistoryPage


def _oral_histories(queryset, limit=None):
    qs = queryset.live().public().select_related("place", "institution").prefetch_related("narrators")
    qs = qs.order_by("-recorded_on", "path")
    return list(qs[:limit] if limit else qs)


@hooks.register("heritage_home_sections")
def recent_oral_histories(*, home, today):
    items = _oral_histories(OralHistoryPage.objects.descendant_of(home), limit=4)
    return [Section(template="oral_histories/includes/oral_history_list.html", order=40, context={"items": items})]


@hooks.register("heritage_city_sections")
def city_oral_histories(*, city, today):
    items = _oral_histories(OralHistoryPage.objects.filter(institution__city=city))
    return [Section(template="oral_histories/includes/oral_history_list.html", order=40, context={"items": items})]
