"""Exhibition story blocks, on the shared base vocabulary (``heritage.blocks``).

Every block has an icon, a description, a preview and a template, so editors see what
they will get. Blocks that show pages, images or recordings load them in bulk: a page
calls :func:`prepare_story` once, which groups the story's blocks by type and asks
each type's ``prepare(values, request)`` to load what all its blocks need with a fixed
number of queries. The result is kept on each value as ``value.prepared``; a block
rendered on its own (a preview) prepares itself.

Nothing closed is shown: showcased artifacts, clips and cities must be live and open
to everyone, and a clip plays and shows its transcript only when the recording's
consent allows this visitor (``oral_histories.consent.decide``).
"""

from __future__ import annotations

import json
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.snippets.blocks import SnippetChooserBlock

from heritage.blocks import BaseStreamBlock, CaptionedImageBlock, HeadingBlock

# Renditions the block templates use; keep in sync with templates/exhibitions/blocks/.
SHOWCASE_SPECS = ("fill-480x360", "fill-960x720")
GALLERY_SPECS = ("fill-400x300", "width-1200")


def _language() -> str:
    return (get_language() or "en").split("-")[0]


class PreparedBlockMixin:
    """A block whose template needs data loaded in bulk for all its blocks at once."""

    def prepare(self, values: list, request) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if getattr(value, "prepared", None) is None:
            request = (parent_context or {}).get("request")
            self.prepare([value], request)
        context["prepared"] = value.prepared
        return context


def prepare_story(stream_value, request) -> list[dict]:
    """Load what every block of a story needs, a fixed number of queries in all, and
    return the chapters (for the table of contents)."""
    by_block: dict[int, tuple[blocks.Block, list]] = {}
    for child in stream_value:
        if isinstance(child.block, PreparedBlockMixin):
            by_block.setdefault(id(child.block), (child.block, []))[1].append(child.value)
    for block, values in by_block.values():
        block.prepare(values, request)
    return chapter_anchors(stream_value)


def chapter_anchors(stream_value) -> list[dict]:
    """Chapter headings in order, each with a unique anchor (its own, or made from its text)."""
    chapters, seen = [], set()
    for child in stream_value:
        if child.block_type != "heading":
            continue
        value = child.value
        anchor = slugify(value.get("anchor") or "") or slugify(value.get("text") or "", allow_unicode=True)
        anchor = anchor or f"chapter-{len(chapters) + 1}"
        base, number = anchor, 2
        while anchor in seen:
            anchor, number = f"{base}-{number}", number + 1
        seen.add(anchor)
        value.anchor_id = anchor
        chapters.append({"anchor": anchor, "text": value.get("text"), "institution": value.get("institution")})
    return chapters


def _public_page_ids(model, ids) -> set[int]:
    """Which of these pages are live and in no closed subtree: no view restriction on
    them or above them, no unpublished ancestor (``heritage.visibility``, the rule every
    surface asks). Consent is asked separately, per visitor (``oral_histories.consent``)."""
    from heritage.visibility import reachable_pages

    if not ids:
        return set()
    return set(reachable_pages(model.objects.filter(pk__in=ids)).values_list("pk", flat=True))


def _with_renditions(images, specs) -> None:
    """Load the renditions of ``images`` for ``specs`` in one query."""
    images = [image for image in images if image is not None]
    if not images:
        return
    Rendition = get_image_model().get_rendition_model()
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=Rendition.objects.filter(filter_spec__in=list(specs)))
    )


# --- Chapters ------------------------------------------------------------------------


class ChapterHeadingBlock(HeadingBlock):
    institution = SnippetChooserBlock(
        "heritage.Institution",
        label=_("Written by"),
        required=False,
        help_text=_("The partner institution that wrote this chapter, credited under its heading."),
    )

    class Meta:
        icon = "title"
        template = "exhibitions/blocks/chapter_heading.html"
        label = _("Chapter heading")
        description = _("Starts a chapter: listed in the exhibition's table of contents, credited to its author.")
        preview_value = {"text": "Arrivals by sea", "anchor": "arrivals"}


# --- Artifact showcase -----------------------------------------------------------------


class ArtifactChooserBlock(blocks.PageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="archive.ArtifactPage", **kwargs)


class ShowcaseItemBlock(blocks.StructBlock):
    artifact = ArtifactChooserBlock(label=_("Artifact"))
    caption = blocks.TextBlock(
        label=_("Caption"),
        required=False,
        max_length=600,
        help_text=_("What to notice in this object here; its title and holding institution are shown anyway."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Artifact")


class ArtifactShowcaseBlock(PreparedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    items = blocks.ListBlock(ShowcaseItemBlock(), label=_("Artifacts"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        template = "exhibitions/blocks/artifact_showcase.html"
        label = _("Artifact showcase")
        description = _("One or more artifacts from the collections, each with its image, a caption and a link.")

    def get_preview_value(self):
        from archive.models import ArtifactPage

        artifacts = ArtifactPage.objects.live().public().order_by("pk")[:3]
        return self.to_python({"heading": "", "items": [{"artifact": a.pk, "caption": ""} for a in artifacts]})

    def prepare(self, values, request) -> None:
        from archive.listing import images_prefetch
        from archive.models import ArtifactPage

        artifacts = [item["artifact"] for value in values for item in value["items"] if item["artifact"]]
        visible = _public_page_ids(ArtifactPage, {a.pk for a in artifacts})
        if artifacts:
            prefetch_related_objects(
                artifacts, images_prefetch(SHOWCASE_SPECS, to_attr="showcase_images"), "institution__city"
            )
        for value in values:
            shown = []
            for item in value["items"]:
                artifact = item["artifact"]
                if artifact is None or artifact.pk not in visible:
                    continue
                images = getattr(artifact, "showcase_images", [])
                shown.append({"artifact": artifact, "caption": item["caption"], "image": images[0] if images else None})
            value.prepared = {"items": shown}


# --- Gallery ------------------------------------------------------------------------------


class GalleryImageBlock(CaptionedImageBlock):
    class Meta:
        icon = "image"
        label = _("Image")


class GalleryBlock(PreparedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Images"), min_num=2)

    class Meta:
        icon = "image"
        template = "exhibitions/blocks/gallery.html"
        label = _("Gallery")
        description = _("A grid of images, each opening at full size, with descriptions and captions.")

    def get_preview_value(self):
        images = list(get_image_model().objects.order_by("pk")[:4])
        return self.to_python(
            {
                "heading": "",
                "images": [{"image": i.pk, "alt_text": i.title, "caption": i.title, "credit": ""} for i in images],
            }
        )

    def prepare(self, values, request) -> None:
        images = [item["image"] for value in values for item in value["images"]]
        _with_renditions(images, GALLERY_SPECS)
        for value in values:
            value.prepared = {"images": [item for item in value["images"] if item["image"] is not None]}


# --- Oral-history clip -------------------------------------------------------------------


class TimecodeBlock(blocks.CharBlock):
    """A moment in a recording, written mm:ss or h:mm:ss; the value is kept as written."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("help_text", _("mm:ss or h:mm:ss, e.g. 1:05"))
        super().__init__(**kwargs)

    def clean(self, value):
        from oral_histories.transcripts import parse_timestamp

        value = super().clean(value)
        if value:
            try:
                parse_timestamp(value)
            except ValueError as error:
                raise ValidationError(str(error)) from error
        return value


def seconds(timecode: str) -> float:
    from oral_histories.transcripts import parse_timestamp

    return parse_timestamp(timecode) if timecode else 0.0


class OralHistoryClipBlock(PreparedBlockMixin, blocks.StructBlock):
    oral_history = blocks.PageChooserBlock(page_type="oral_histories.OralHistoryPage", label=_("Oral history"))
    start = TimecodeBlock(label=_("Start"))
    end = TimecodeBlock(label=_("End"))
    introduction = blocks.TextBlock(
        label=_("Introduction"), required=False, max_length=600, help_text=_("Why this passage matters here.")
    )

    class Meta:
        icon = "media"
        template = "exhibitions/blocks/oral_history_clip.html"
        label = _("Oral-history clip")
        description = _(
            "An excerpt of a recording, from a start to an end time, with its transcript; "
            "it plays only where the narrator's consent allows."
        )

    def clean(self, value):
        value = super().clean(value)
        start, end = seconds(value["start"]), seconds(value["end"])
        errors = {}
        if end <= start:
            errors["end"] = ValidationError(_("The clip must end after it starts."))
        page = value["oral_history"]
        recording = page.get_recording() if page else None
        if page and recording is None:
            errors["oral_history"] = ValidationError(_("This oral history has no recording yet."))
        elif recording and recording.duration and start >= recording.duration:
            errors["start"] = ValidationError(
                _("The recording is only %(duration)s long.") % {"duration": recording.duration_clock}
            )
        elif recording and recording.duration and end > recording.duration + 1:
            errors["end"] = ValidationError(
                _("The recording is only %(duration)s long.") % {"duration": recording.duration_clock}
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_preview_value(self):
        from oral_histories.consent import is_public
        from oral_histories.models import Recording

        for recording in Recording.objects.select_related("page").order_by("pk")[:20]:
            if recording.page.live and is_public(recording):
                end = min(recording.duration or 20, 20)
                return self.to_python(
                    {"oral_history": recording.page_id, "start": "0:00", "end": f"0:{int(end):02d}", "introduction": ""}
                )
        return self.to_python({"oral_history": None, "start": "0:00", "end": "0:20", "introduction": ""})

    def prepare(self, values, request) -> None:
        from oral_histories.consent import decide, visible_segments
        from oral_histories.models import OralHistoryPage, Recording, Segment

        user = getattr(request, "user", None)
        pages = {value["oral_history"].pk: value["oral_history"] for value in values if value["oral_history"]}
        visible = _public_page_ids(OralHistoryPage, set(pages))
        prefetch_related_objects([page for pk, page in pages.items() if pk in visible], "narrators")
        recordings = {
            recording.page_id: recording
            for recording in Recording.objects.filter(page_id__in=visible)
            .select_related("community")
            .prefetch_related("redactions", "transcripts")
        }
        allowed = {}
        for page_id, recording in recordings.items():
            allowed[page_id] = decide(recording, user)
        # Each clip's lines, in the visitor's language when there is a transcript in it,
        # else the original: one query for every clip's time window.
        language = _language()
        chosen = {}
        window = Q(pk__in=[])
        for value in values:
            page = value["oral_history"]
            recording = recordings.get(page.pk) if page else None
            if recording is None or not allowed[page.pk].allowed:
                continue
            transcripts = list(recording.transcripts.all())
            transcript = next((t for t in transcripts if t.language == language), None) or next(
                (t for t in transcripts if t.is_original), transcripts[0] if transcripts else None
            )
            if transcript is None:
                continue
            chosen[id(value)] = transcript
            start, end = seconds(value["start"]), seconds(value["end"])
            window |= Q(transcript=transcript, start__lt=end) & (
                Q(end__gt=start) | Q(end__isnull=True, start__gte=start)
            )
        lines = defaultdict(list)
        for segment in Segment.objects.filter(window).order_by("transcript_id", "position"):
            lines[segment.transcript_id].append(segment)
        for value in values:
            page = value["oral_history"]
            recording = recordings.get(page.pk) if page else None
            start, end = seconds(value["start"]), seconds(value["end"])
            prepared = {
                "page": page if page and page.pk in visible else None,
                "recording": recording,
                "access": allowed.get(page.pk) if page else None,
                "start": start,
                "end": end,
                "transcript": None,
                "segments": [],
                "playable": False,
            }
            if recording is not None and prepared["access"] and prepared["access"].allowed:
                ranges = recording.redacted_ranges()
                prepared["playable"] = recording.playable_file(ranges=ranges)[0] is not None
                transcript = chosen.get(id(value))
                if transcript is not None:
                    transcript._prefetched_objects_cache = {"segments": lines[transcript.pk]}
                    prepared["transcript"] = transcript
                    prepared["segments"] = [
                        segment
                        for segment in visible_segments(recording, transcript, ranges=ranges)
                        if segment.start < end and (segment.end if segment.end is not None else segment.start) > start
                    ]
            value.prepared = prepared


# --- Map of places and routes ---------------------------------------------------------


class RouteBlock(blocks.StructBlock):
    origin = blocks.PageChooserBlock(page_type="heritage.PartnerCityPage", label=_("From"))
    destination = blocks.PageChooserBlock(page_type="heritage.PartnerCityPage", label=_("To"))
    label = blocks.CharBlock(
        label=_("Label"), required=False, max_length=160, help_text=_("e.g. Ferry line, 1960s to today.")
    )

    class Meta:
        icon = "arrow-right"
        label = _("Route")

    def clean(self, value):
        value = super().clean(value)
        if value["origin"] and value["destination"] and value["origin"].pk == value["destination"].pk:
            raise StructBlockValidationError(
                block_errors={"destination": ValidationError(_("A route joins two different cities."))}
            )
        return value


class MapBlock(PreparedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    places = blocks.ListBlock(SnippetChooserBlock("heritage.Place"), label=_("Places"), default=[])
    routes = blocks.ListBlock(RouteBlock(), label=_("Routes between partner cities"), default=[])
    caption = blocks.TextBlock(label=_("Caption"), required=False, max_length=600)

    class Meta:
        icon = "site"
        template = "exhibitions/blocks/map.html"
        label = _("Map")
        description = _("Places and the routes between partner cities on a map, with the same places listed as text.")

    def clean(self, value):
        value = super().clean(value)
        if not value["places"] and not value["routes"]:
            raise StructBlockValidationError(
                block_errors={"places": ValidationError(_("Add at least one place or one route."))}
            )
        missing = [str(place) for place in value["places"] if place and not place.has_coordinates]
        if missing:
            raise StructBlockValidationError(
                block_errors={
                    "places": ValidationError(
                        _("These places have no coordinates yet: %(places)s.") % {"places": ", ".join(missing)}
                    )
                }
            )
        return value

    def get_preview_value(self):
        from heritage.models import PartnerCityPage, Place

        places = Place.objects.exclude(latitude=None).exclude(longitude=None).order_by("pk")[:4]
        cities = list(PartnerCityPage.objects.live().exclude(latitude=None).order_by("path")[:2])
        routes = [{"origin": cities[0].pk, "destination": cities[1].pk, "label": ""}] if len(cities) == 2 else []
        return self.to_python({"heading": "", "places": [p.pk for p in places], "routes": routes, "caption": ""})

    def prepare(self, values, request) -> None:
        from heritage.models import PartnerCityPage

        cities = {
            city.pk
            for value in values
            for route in value["routes"]
            for city in (route["origin"], route["destination"])
            if city
        }
        visible = _public_page_ids(PartnerCityPage, cities)
        for value in values:
            places = [
                {"name": str(place), "lat": float(place.latitude), "lng": float(place.longitude), "place": place}
                for place in value["places"]
                if place and place.has_coordinates
            ]
            routes = []
            for route in value["routes"]:
                ends = (route["origin"], route["destination"])
                if not all(city and city.pk in visible and city.has_coordinates for city in ends):
                    continue
                routes.append(
                    {
                        "origin": ends[0],
                        "destination": ends[1],
                        "label": route["label"],
                        "points": [[float(c.latitude), float(c.longitude)] for c in ends],
                    }
                )
            data = {
                "places": [{k: v for k, v in p.items() if k != "place"} for p in places],
                "routes": [
                    {
                        "from": str(r["origin"].title),
                        "to": str(r["destination"].title),
                        "label": r["label"],
                        "points": r["points"],
                    }
                    for r in routes
                ],
            }
            value.prepared = {"places": places, "routes": routes, "data": data, "json": json.dumps(data)}


# --- Timeline ----------------------------------------------------------------------------


class TimelineEventBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(label=_("Year"), min_value=-3000, max_value=2100)
    date_label = blocks.CharBlock(
        label=_("Date as written"),
        required=False,
        max_length=80,
        help_text=_("Optional, e.g. spring 1962 or 14 July 1881; the year is used when empty."),
    )
    title = blocks.CharBlock(label=_("Event"), max_length=200)
    text = blocks.TextBlock(label=_("Description"), required=False, max_length=1000)
    city = blocks.PageChooserBlock(page_type="heritage.PartnerCityPage", label=_("City"), required=False)

    class Meta:
        icon = "date"
        label = _("Event")


def _prepare_city_names(values, request, items_key: str) -> None:
    """Which partner cities named by these blocks' items may be shown (live and
    public): one query for every block of a type. A draft or private city's name
    must not appear on a public page."""
    from heritage.models import PartnerCityPage

    cities = {item["city"].pk for value in values for item in value[items_key] if item["city"]}
    visible = _public_page_ids(PartnerCityPage, cities)
    for value in values:
        value.prepared = {"public_cities": visible}


class TimelineBlock(PreparedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Events"), min_num=2)

    class Meta:
        icon = "history"
        template = "exhibitions/blocks/timeline.html"
        label = _("Timeline")
        description = _("Dated events in order, each with a short description and its city.")
        preview_value = {
            "heading": "",
            "events": [
                {"year": 1881, "date_label": "", "title": "Protectorate over Tunisia", "text": "", "city": None},
                {
                    "year": 1962,
                    "date_label": "summer 1962",
                    "title": "Ferries full every week",
                    "text": "",
                    "city": None,
                },
                {"year": 2005, "date_label": "", "title": "Twinning charter signed", "text": "", "city": None},
            ],
        }

    def prepare(self, values, request) -> None:
        _prepare_city_names(values, request, "events")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["events"] = sorted(value["events"], key=lambda event: event["year"])
        return context


# --- Parallel perspectives ------------------------------------------------------------------


class VoiceBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200, help_text=_("Who speaks, e.g. Fatma B., narrator."))
    city = blocks.PageChooserBlock(page_type="heritage.PartnerCityPage", label=_("City"))
    institution = SnippetChooserBlock("heritage.Institution", label=_("Institution"), required=False)
    language = blocks.CharBlock(
        label=_("Language"),
        max_length=12,
        help_text=_("The language the voice speaks in, as a code: ar, fr, de, tr, aeb…"),
        validators=[],
    )
    text = blocks.TextBlock(label=_("In their own words"))
    translation = blocks.TextBlock(
        label=_("Translation"), required=False, help_text=_("For readers of this page's language.")
    )

    class Meta:
        icon = "user"
        label = _("Voice")

    def clean(self, value):
        from archive.models import language_code_validator

        value = super().clean(value)
        try:
            language_code_validator(value["language"])
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"language": error}) from error
        return value


class ParallelPerspectivesBlock(PreparedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=160)
    voices = blocks.ListBlock(VoiceBlock(), label=_("Voices"), min_num=2, max_num=4)

    class Meta:
        icon = "group"
        template = "exhibitions/blocks/parallel_perspectives.html"
        label = _("Parallel perspectives")
        description = _("Two or more voices from different cities side by side, each in its own language and credited.")

    def prepare(self, values, request) -> None:
        _prepare_city_names(values, request, "voices")

    def clean(self, value):
        value = super().clean(value)
        cities = {voice["city"].pk for voice in value["voices"] if voice["city"]}
        if len(value["voices"]) >= 2 and len(cities) < 2:
            raise StructBlockValidationError(
                block_errors={
                    "voices": ValidationError(_("Parallel perspectives need voices from two different cities."))
                }
            )
        return value

    def get_preview_value(self):
        from heritage.models import PartnerCityPage

        cities = list(PartnerCityPage.objects.order_by("path")[:2]) or [None, None]
        return self.to_python(
            {
                "heading": "",
                "voices": [
                    {
                        "speaker": "Amina C.",
                        "city": cities[0].pk if cities[0] else None,
                        "institution": None,
                        "language": "ar",
                        "text": "كنّا نستنّاو البابور كيما نستنّاو العيد.",
                        "translation": "We waited for the ship the way we waited for Eid.",
                    },
                    {
                        "speaker": "Karl V.",
                        "city": cities[-1].pk if cities[-1] else None,
                        "institution": None,
                        "language": "de",
                        "text": "Am Kai wartete immer jemand.",
                        "translation": "Someone was always waiting on the quay.",
                    },
                ],
            }
        )


class ExhibitionStreamBlock(BaseStreamBlock):
    heading = ChapterHeadingBlock()
    artifact_showcase = ArtifactShowcaseBlock()
    oral_history_clip = OralHistoryClipBlock()
    gallery = GalleryBlock()
    map = MapBlock()
    timeline = TimelineBlock()
    parallel_perspectives = ParallelPerspectivesBlock()
