"""The programme section: its calendar (month and list views, filters) and its
iCalendar feed, both answered by the section's own page (``RoutablePageMixin``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from heritage.models import SectionIndexPage

from .. import clock


class ProgrammeIndexPage(RoutablePageMixin, SectionIndexPage):
    """Festivals, residencies, exchanges, story circles…: the partnership's calendar.

    ``/<lang>/<programmes>/`` is the calendar (``?view=month|list&month=YYYY-MM&city=…&kind=…&language=…``),
    ``/<lang>/<programmes>/ical/`` the same filters as an iCalendar feed.
    """

    subpage_types = ["programmes.EventPage", "programmes.SeriesPage"]

    class Meta:
        verbose_name = _("programmes index")

    @path("")
    def calendar_view(self, request):
        from ..calendar import build_calendar

        calendar = build_calendar(index=self, params=request.GET, now=clock.now())
        context = self.get_context(request)
        context["calendar"] = calendar
        return TemplateResponse(
            request, self.get_template(request), context, status=400 if calendar.filters.errors else 200
        )

    @path("ical/", name="ical")
    def ical_view(self, request):
        from ..calendar import read_filters
        from ..ical import feed_events, render_feed

        now = clock.now()
        filters = read_filters(request.GET, index=self, now=now, feed=True)
        if filters.errors:
            return HttpResponse("\n".join(filters.errors) + "\n", status=400, content_type="text/plain; charset=utf-8")
        events = feed_events(index=self, filters=filters, now=now)
        body = render_feed(index=self, events=events, filters=filters, request=request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filters.feed_filename()}"'
        return response
