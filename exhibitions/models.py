"""Joint exhibitions co-curated by institutions from two or more partner cities.

An exhibition names its co-curating institutions (from at least two partner cities),
credits its curators (person, institution, role), travels between venues (city,
venue, opening and closing dates) and tells its story in blocks (``blocks.py``).
Publishing goes through the partner-approval workflow (``workflows.py``): a curator
of every co-curating institution approves before it goes live.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PagePermissionTester, Task, TaskState
from wagtail.search import index

from heritage.listings import hero_images
from heritage.models import HeritagePage, Institution, SectionIndexPage
from heritage.panels import TranslationStatusPanel
from heritage.visibility import reachable_pages

from .blocks import ExhibitionStreamBlock
from .panels import PartnerApprovalPanel

EXHIBITION_CARD_SPECS = ("fill-800x400",)  # keep in sync with includes/exhibition_cards.html


class Status(models.TextChoices):
    CURRENT = "current", _("Now showing")
    UPCOMING = "upcoming", _("Coming soon")
    PAST = "past", _("Past")


def status_between(opens_on, closes_on, today: datetime.date) -> str:
    if opens_on and opens_on > today:
        return Status.UPCOMING
    if closes_on and closes_on < today:
        return Status.PAST
    return Status.CURRENT


def status_filter(status: str, today: datetime.date) -> models.Q:
    """A queryset filter for exhibitions (or venues) with ``status`` on ``today``."""
    if status == Status.UPCOMING:
        return models.Q(opens_on__gt=today)
    if status == Status.PAST:
        return models.Q(closes_on__lt=today)
    return (models.Q(opens_on__isnull=True) | models.Q(opens_on__lte=today)) & (
        models.Q(closes_on__isnull=True) | models.Q(closes_on__gte=today)
    )


def co_curation_error(institutions) -> str:
    """Why these co-curating institutions do not make a joint exhibition, or "".

    A joint exhibition is told by institutions from at least two partner cities.
    """
    institutions = list(institutions)
    cities = {institution.city_id for institution in institutions}
    if len(cities) >= 2:
        return ""
    if not institutions:
        return str(_("Choose the co-curating institutions: at least two, from two different partner cities."))
    if len(cities) == 1:
        city = institutions[0].city
        return ngettext(
            "The only co-curating institution is in %(city)s: add one from another partner city.",
            "All %(count)d co-curating institutions are in %(city)s: add one from another partner city.",
            len(institutions),
        ) % {"city": city.title, "count": len(institutions)}
    return ""


class ExhibitionPageForm(WagtailAdminPageForm):
    """Checks what spans the page and its inline panels: the partners, their cities,
    and that credits and venues name partners of this exhibition."""

    def clean(self):
        cleaned_data = super().clean()
        institutions = cleaned_data.get("co_curators")
        # A draft may be saved while partners are still being found; submitting for
        # approval needs them (Wagtail defers validation for drafts) — and so does any
        # save while partners review it, or one could be dropped mid-review.
        in_review = bool(self.instance.pk) and self.instance.workflow_in_progress
        if institutions is not None and (not self.is_deferred_validation or in_review):
            error = co_curation_error(institutions)
            if error:
                self.add_error("co_curators", error)
        if institutions is not None and "curator_credits" in self.formsets:
            partners = {institution.pk for institution in institutions}
            for form in self.formsets["curator_credits"].forms:
                if not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                institution = form.cleaned_data.get("institution")
                if institution and partners and institution.pk not in partners:
                    form.add_error(
                        "institution",
                        _("%(institution)s is not one of this exhibition's co-curating institutions.")
                        % {"institution": institution},
                    )
        return cleaned_data


class ExhibitionIndexPage(SectionIndexPage):
    """Every exhibition, filtered by partner city and by current / upcoming / past."""

    subpage_types = ["exhibitions.ExhibitionPage"]

    class Meta:
        verbose_name = _("exhibitions index")

    def permissions_for_user(self, user):
        return ExhibitionIndexPermissionTester(user, self)

    def exhibitions(self):
        return (
            ExhibitionPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related(hero_images(*EXHIBITION_CARD_SPECS))
            .prefetch_related("co_curators__city", "venues__city")
            .order_by("-opens_on", "path")
        )

    def get_context(self, request, *args, **kwargs):
        from heritage.models import PartnerCityPage

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        exhibitions = self.exhibitions()
        cities = list(reachable_pages(PartnerCityPage.objects.all()).order_by("title"))
        city = next((c for c in cities if c.slug_en == request.GET.get("city")), None)
        status = request.GET.get("status") if request.GET.get("status") in Status.values else ""
        if city:
            exhibitions = exhibitions.filter(models.Q(co_curators__city=city) | models.Q(venues__city=city)).distinct()
        if status:
            exhibitions = exhibitions.filter(status_filter(status, today))
        context.update(
            exhibitions=list(exhibitions),
            filter_cities=cities,
            filter_city=city,
            filter_statuses=Status.choices,
            filter_status=status,
            filtered=bool(city or status),
            today=today,
        )
        return context


class ExhibitionPage(HeritagePage):
    introduction = models.TextField(_("introduction"), blank=True)
    co_curators = ParentalManyToManyField(
        "heritage.Institution",
        verbose_name=_("co-curating institutions"),
        blank=True,
        related_name="exhibitions",
        help_text=_("Institutions from at least two partner cities. A curator of each approves before publishing."),
    )
    # The first opening and the last closing over all venues, kept for listings and
    # filters; set from the venues on save (an exhibition without venues is online).
    opens_on = models.DateField(_("opens on"), null=True, blank=True, editable=False)
    closes_on = models.DateField(_("closes on"), null=True, blank=True, editable=False)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(_("image description (alt text)"), max_length=255, blank=True)
    body = StreamField(ExhibitionStreamBlock(), verbose_name=_("story"), blank=True)

    translated_fields = ("introduction", "hero_image_alt", "body")
    search_type = "exhibition"
    search_text_fields = ("introduction", "body")
    base_form_class = ExhibitionPageForm
    content_panels = [
        TranslationStatusPanel(),
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    partner_panels = [
        PartnerApprovalPanel(),
        FieldPanel("co_curators", widget=forms.CheckboxSelectMultiple),
        InlinePanel("curator_credits", heading=_("Curators"), label=_("Curator")),
        InlinePanel("venues", heading=_("Venues"), label=_("Venue")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(partner_panels, heading=_("Partners and venues")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["exhibitions.ExhibitionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def save(self, *args, **kwargs):
        self.opens_on, self.closes_on = self.date_span()
        super().save(*args, **kwargs)

    def date_span(self) -> tuple[datetime.date | None, datetime.date | None]:
        """First opening and last closing over the venues (None: no venue, or open-ended)."""
        venues = [venue for venue in self.venues.all() if venue.opens_on]
        if not venues:
            return None, None
        closings = [venue.closes_on for venue in venues]
        return min(v.opens_on for v in venues), None if None in closings else max(closings)

    def search_facets(self) -> dict[str, list[str]]:
        curators = list(self.co_curators.select_related("city"))
        cities = {institution.city.slug_en for institution in curators}
        cities |= {venue.city.slug_en for venue in self.venues.select_related("city")}
        return {"city": sorted(cities), "institution": sorted(institution.code for institution in curators)}

    def status(self, today: datetime.date | None = None) -> str:
        return status_between(self.opens_on, self.closes_on, today or timezone.localdate())

    # The partners, credits and venues, read once per page view: the page's context
    # and its JSON-LD (exhibitions/linked_data.py) both show them.
    @cached_property
    def curator_list(self) -> list:
        return sorted(self.co_curators.select_related("city"), key=lambda i: (i.city.title, i.name))

    @cached_property
    def credit_list(self) -> list:
        # The editor's order; credits saved without one (sort_order empty) in creation
        # order, on every database (PostgreSQL returns equal sort keys in any order).
        return list(
            self.curator_credits.select_related("person", "institution", "institution__city").order_by(
                "sort_order", "pk"
            )
        )

    @cached_property
    def venue_list(self) -> list:
        return list(self.venues.select_related("city", "institution", "institution__city").order_by("sort_order", "pk"))

    def siblings(self):
        """(previous, next) exhibition in the index's order (newest first)."""
        others = list(
            ExhibitionPage.objects.live()
            .public()
            .sibling_of(self, inclusive=True)
            .order_by("-opens_on", "path")
            .only("pk", "title", "url_path", *(f"title_{c}" for c in ("en", "fr", "de", "ar")))
        )
        index = next((i for i, other in enumerate(others) if other.pk == self.pk), None)
        if index is None:
            return None, None
        previous = others[index - 1] if index > 0 else None
        following = others[index + 1] if index + 1 < len(others) else None
        return previous, following

    def permissions_for_user(self, user):
        return ExhibitionPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from .blocks import prepare_story

        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["curators"] = self.curator_list
        context["credits"] = self.credit_list
        venues = self.venue_list
        for venue in venues:
            venue.current_status = venue.status(today)
        context["venues"] = venues
        context["chapters"] = prepare_story(self.body, request)
        context["previous_exhibition"], context["next_exhibition"] = self.siblings()
        context["today"] = today
        return context


class CuratorCredit(Orderable):
    """Who curated the exhibition, for which institution, in which role."""

    exhibition = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="curator_credits")
    person = models.ForeignKey("heritage.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(
        "heritage.Institution", verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=120, help_text=_("e.g. Lead curator, Research, Oral histories."))

    panels = [FieldPanel("person"), FieldPanel("institution"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("curator credit")
        verbose_name_plural = _("curator credits")


class ExhibitionVenue(Orderable):
    """A stop on the exhibition's travels: a venue in a partner city, with its dates."""

    exhibition = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="venues")
    city = models.ForeignKey(
        "heritage.PartnerCityPage", verbose_name=_("partner city"), on_delete=models.PROTECT, related_name="+"
    )
    venue = models.CharField(_("venue"), max_length=200, help_text=_("e.g. Fort Saint-Jean, ground-floor gallery."))
    institution = models.ForeignKey(
        "heritage.Institution",
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True, help_text=_("Leave empty if open-ended."))

    panels = [
        FieldRowPanel([FieldPanel("city"), FieldPanel("institution")]),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def clean(self) -> None:
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A venue cannot close before it opens.")})
        if self.institution_id and self.city_id and self.institution.city_id != self.city_id:
            raise ValidationError(
                {"institution": _("%(institution)s is not in this city.") % {"institution": self.institution}}
            )

    def status(self, today: datetime.date | None = None) -> str:
        return status_between(self.opens_on, self.closes_on, today or timezone.localdate())


# --- Partner approval -----------------------------------------------------------------


class PartnerApprovalTask(Task):
    """A workflow task that waits for one approval from each co-curating institution.

    A curator of an institution is a member of its curators group
    (``Institution.curators``). Each may approve for their own institutions (with an
    optional comment) or request changes, which sends the exhibition back to its
    editors with the comment. The task is approved, and the workflow goes on (and
    publishes), once every co-curating institution named in the submitted revision
    has approved. Approvals and their comments are kept (``PartnerApproval``).
    """

    task_state_class = None  # set below: PartnerApprovalTaskState

    class Meta:
        verbose_name = _("partner approval task")
        verbose_name_plural = _("partner approval tasks")

    @classmethod
    def get_description(cls):
        return _("A curator of each co-curating institution approves the exhibition.")

    # Which institutions must approve, and which a user speaks for ------------------

    @staticmethod
    def partners(revision) -> list:
        """The co-curating institutions named in ``revision`` (the submitted version)."""
        from heritage.models import Institution

        ids = revision.content.get("co_curators") or []
        return list(Institution.objects.filter(pk__in=ids).select_related("city").order_by("code"))

    @staticmethod
    def outstanding(task_state) -> list:
        """Partners of the submitted revision that have not approved yet."""
        approved = set(task_state.specific.approvals.values_list("institution_id", flat=True))
        return [i for i in PartnerApprovalTask.partners(task_state.revision) if i.pk not in approved]

    def _current_state(self, obj):
        workflow_state = obj.current_workflow_state
        if workflow_state is None:
            return None
        state = workflow_state.current_task_state
        return state if state and state.task_id == self.pk else None

    def speaks_for(self, task_state, user) -> list:
        """The outstanding partners ``user`` may approve for."""
        if task_state is None or not user.is_authenticated:
            return []
        mine = set(Institution.curated_by(user).values_list("pk", flat=True))
        return [institution for institution in self.outstanding(task_state) if institution.pk in mine]

    def _is_partner_curator(self, obj, user) -> bool:
        state = self._current_state(obj)
        if state is None or not user.is_authenticated:
            return False
        mine = set(Institution.curated_by(user).values_list("pk", flat=True))
        return any(i.pk in mine for i in self.partners(state.revision))

    # Wagtail's task interface ------------------------------------------------------------

    def user_can_access_editor(self, obj, user):
        return self._is_partner_curator(obj, user)

    def locked_for_user(self, obj, user):
        # While partners review, only their curators (and superusers) may edit.
        return not (user.is_superuser or self._is_partner_curator(obj, user))

    def get_actions(self, obj, user):
        state = self._current_state(obj)
        institutions = self.speaks_for(state, user)
        if not institutions:
            return []
        names = ", ".join(str(institution) for institution in institutions)
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve for %(institutions)s") % {"institutions": names}, False),
            ("approve", _("Approve with comment"), True),
        ]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        comment = kwargs.get("comment", "")
        task_state = task_state.specific
        institutions = self.speaks_for(task_state, user)
        if not institutions:
            raise PermissionDenied
        if action_name == "reject":
            for institution in institutions:
                PartnerApproval.objects.create(
                    task_state=task_state, institution=institution, user=user, comment=comment, approved=False
                )
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            for institution in institutions:
                PartnerApproval.objects.create(
                    task_state=task_state, institution=institution, user=user, comment=comment, approved=True
                )
            if not self.outstanding(task_state):
                task_state.approve(user=user, comment=comment)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        mine = set(Institution.curated_by(user).values_list("pk", flat=True))
        if not mine:
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("revision")
        ids = [state.pk for state in states if self.speaks_for(state, user)]
        return TaskState.objects.filter(pk__in=ids)


class PartnerApprovalTaskState(TaskState):
    """One round of partner approval for one submitted revision."""

    class Meta:
        verbose_name = _("partner approval task state")
        verbose_name_plural = _("partner approval task states")


PartnerApprovalTask.task_state_class = PartnerApprovalTaskState


class PartnerApproval(models.Model):
    """A partner institution's answer in one round: approved, or changes requested, with a comment."""

    task_state = models.ForeignKey(PartnerApprovalTaskState, on_delete=models.CASCADE, related_name="approvals")
    institution = models.ForeignKey(
        "heritage.Institution", verbose_name=_("institution"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("curator"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved = models.BooleanField(_("approved"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("partner approval")
        verbose_name_plural = _("partner approvals")
        constraints = [
            models.UniqueConstraint(fields=["task_state", "institution"], name="one_answer_per_partner_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.institution}: {'approved' if self.approved else 'changes requested'}"


class ExhibitionPermissionTester(PagePermissionTester):
    """Only the partner-approval workflow publishes an exhibition.

    The editor's "Publish" is replaced by "Submit to Exhibition partner approval"; the
    workflow publishes the approved revision when the last partner approves
    (``heritage.workflows.publish_approved``). Unpublishing stays with the editors.
    """

    def can_publish(self):
        return False


class ExhibitionIndexPermissionTester(PagePermissionTester):
    """The index itself publishes as usual, but an exhibition created or copied under
    it never goes live at once: it goes through the partners' approval too."""

    def can_publish_subpage(self):
        return False
