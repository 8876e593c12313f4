"""What each page type shows in the API, configured here rather than on the models.

Every value is read with the requested language active (``?lang=``), so a translated
field (``title``, ``description``, ``object_type``…) comes back in that language, or
in its fallback when it is empty there (django-modeltranslation). ``translations``
gives each translated field in every language as stored (``null`` where empty).

Related vocabularies (institutions, themes, places, people, rights) are shown inline
by their stable identifiers (code, slug, URI) and translated names, which are also the
values the ``city``, ``institution`` and ``theme`` filters take.
"""

from __future__ import annotations

from functools import cache

from django.db.models import Model
from django.urls import reverse

from wagtail import blocks
from wagtail.api import APIField
from wagtail.api.v2.serializers import StreamField as StreamFieldSerializer
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from rest_framework.fields import Field

from heritage.i18n import is_empty, language_codes, page_language_urls
from heritage.site_url import absolute_url
from heritage.visibility import open_pages


class Computed(Field):
    """A read-only value computed from the whole object: ``function(obj, context)``."""

    def __init__(self, function, **kwargs):
        self.function = function
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, value):
        return self.function(value, self.context)


# --- Representations of related objects -------------------------------------------------


def city_ref(city) -> dict | None:
    if city is None:
        return None
    return {"slug": city.slug_en, "title": city.title}


def institution_ref(institution) -> dict | None:
    if institution is None:
        return None
    return {
        "code": institution.code,
        "name": institution.name,
        "kind": institution.kind,
        "city": city_ref(institution.city),
    }


def theme_ref(theme) -> dict:
    return {"slug": theme.slug, "name": theme.name}


def place_ref(place) -> dict | None:
    if place is None:
        return None
    return {
        "slug": place.slug,
        "name": place.name,
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
    }


def person_ref(person) -> dict | None:
    if person is None:
        return None
    return {"slug": person.slug, "name": person.name}


def rights_ref(rights) -> dict | None:
    if rights is None:
        return None
    return {"code": rights.code, "uri": rights.uri, "label": rights.label}


def image_ref(image, context) -> dict:
    """An image as the images endpoint nests it: id, title, size, detail and file URLs."""
    request = context["request"]
    return {
        "id": image.pk,
        "meta": {
            "type": f"{image._meta.app_label}.{type(image).__name__}",
            "detail_url": get_object_detail_url(context["router"], request, get_image_model(), image.pk),
            "download_url": image.file.url,  # as Wagtail's images endpoint gives it
        },
        "title": image.title,
        "width": image.width,
        "height": image.height,
    }


# --- Fields shared by every page ---------------------------------------------------------


def translated_field_names(page) -> tuple[str, ...]:
    """The title and the page type's own translated text fields (StreamFields, whole
    stories, are left to their own field in the active language)."""
    names = ("title", *getattr(type(page), "translated_fields", ()))
    return tuple(name for name in names if not isinstance(page._meta.get_field(name), StreamField))


def translations(page, context) -> dict[str, dict]:
    """``{language: {field: value as stored in that language, or None}}``."""
    result = {}
    for code in language_codes():
        values = {}
        for name in translated_field_names(page):
            value = getattr(page, f"{name}_{code}", None)
            values[name] = None if is_empty(value) else value
        result[code] = values
    return result


def html_urls(page, context) -> dict[str, str]:
    """The page's public URL in every site language (its slugs are translated)."""
    request = context["request"]
    return {code: absolute_url(url, request) for code, url in page_language_urls(page, request=request).items()}


def facets(page, context) -> dict[str, list[str]]:
    return page.search_facets() if hasattr(page, "search_facets") else {}


PAGE_FIELDS = [
    APIField("translations", serializer=Computed(translations)),
    APIField("html_urls", serializer=Computed(html_urls)),
]


class OpenStreamField(StreamFieldSerializer):
    """A StreamField as Wagtail's API gives it, but a chosen page that is not open (a
    clip of a withdrawn recording, a showcased artifact now private) becomes ``null``:
    not even its id is published."""

    def to_representation(self, value):
        representation = super().to_representation(value)
        chosen = set(_chosen_pages(value.stream_block, representation))
        if not chosen:
            return representation
        open_ids = set(open_pages(Page.objects.filter(pk__in=chosen)).values_list("pk", flat=True))
        return _without_pages(value.stream_block, representation, chosen - open_ids)


def _children(block, representation):
    """(child block, child representation) pairs of a structural block's representation."""
    if isinstance(block, blocks.StreamBlock) and isinstance(representation, list):
        return [(block.child_blocks.get(item.get("type")), item.get("value")) for item in representation]
    if isinstance(block, blocks.StructBlock) and isinstance(representation, dict):
        return [(block.child_blocks.get(name), value) for name, value in representation.items()]
    if isinstance(block, blocks.ListBlock) and isinstance(representation, list):
        return [(block.child_block, value) for value in representation]
    return []


def _chosen_pages(block, representation):
    if isinstance(block, blocks.PageChooserBlock):
        if isinstance(representation, int):
            yield representation
        return
    for child, value in _children(block, representation):
        if child is not None:
            yield from _chosen_pages(child, value)


def _without_pages(block, representation, closed: set[int]):
    if isinstance(block, blocks.PageChooserBlock):
        return None if representation in closed else representation
    if isinstance(block, blocks.StreamBlock) and isinstance(representation, list):
        return [
            {**item, "value": _without_pages(block.child_blocks[item["type"]], item["value"], closed)}
            if item.get("type") in block.child_blocks
            else item
            for item in representation
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(representation, dict):
        return {
            name: _without_pages(block.child_blocks[name], value, closed) if name in block.child_blocks else value
            for name, value in representation.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(representation, list):
        return [_without_pages(block.child_block, value, closed) for value in representation]
    return representation


# --- Each page type ----------------------------------------------------------------------


def artifact_images(page, context) -> list[dict]:
    return [
        {
            "image": image_ref(item.image, context),
            "alt_text": item.alt_text,
            "caption": item.caption,
            "credit": item.credit,
        }
        for item in page.gallery_images.select_related("image")
    ]


def perspectives(page, context) -> list[dict]:
    return [
        {
            "author": voice.author,
            "community": voice.community,
            "language": voice.language,
            "original": voice.original,
            "translation": voice.translation,
        }
        for voice in page.perspectives.all()
    ]


def oral_history_recording(page, context) -> dict | None:
    """A public recording: its media and caption URLs (the consent-checking views, never
    a file path) and its transcripts less every redacted passage. ``None`` for a
    recording anyone may not hear (such pages are not served by the API at all)."""
    from oral_histories.consent import is_public, visible_segments

    recording = page.get_recording()
    if recording is None or not is_public(recording):
        return None
    request = context["request"]
    ranges = recording.redacted_ranges()
    playable, mime_type = recording.playable_file(ranges=ranges)
    transcripts = []
    for transcript in recording.transcripts.prefetch_related("segments"):
        transcripts.append(
            {
                "language": transcript.language,
                "is_original": transcript.is_original,
                "captions_url": absolute_url(
                    reverse("oral_histories:captions", args=[recording.pk, transcript.language]), request
                ),
                "segments": [
                    {"start": segment.start, "end": segment.end, "speaker": segment.speaker, "text": segment.text}
                    for segment in visible_segments(recording, transcript, ranges=ranges)
                ],
            }
        )
    return {
        "kind": recording.kind,
        "duration": recording.duration,
        "mime_type": mime_type or None,
        "media_url": absolute_url(reverse("oral_histories:media", args=[recording.pk]), request) if playable else None,
        "transcripts": transcripts,
        "index_points": [
            {"start": point.start, "title": point.title, "synopsis": point.synopsis, "keywords": point.keyword_list()}
            for point in recording.index_points.all()
        ],
    }


def venues(page, context) -> list[dict]:
    return [
        {
            "city": city_ref(venue.city),
            "venue": venue.venue,
            "institution": venue.institution.code if venue.institution_id else None,
            "opens_on": venue.opens_on.isoformat(),
            "closes_on": venue.closes_on.isoformat() if venue.closes_on else None,
        }
        for venue in page.venues.select_related("city", "institution")
    ]


def event_venues(page, context) -> list[dict]:
    return [
        {
            "city": city_ref(venue.city),
            "venue": venue.venue,
            "place": place_ref(venue.place),
            "institution": venue.institution.code if venue.institution_id else None,
        }
        for venue in page.venue_list
    ]


def event_presents(page, context) -> list[dict]:
    """What the event presents, only what is open to everyone (``EventPage.presented``)."""
    request = context["request"]
    return [
        {
            "id": item.pk,
            "type": f"{item._meta.app_label}.{type(item).__name__}",
            "title": item.title,
            "html_url": absolute_url(item.get_url(request=request) or "", request),
        }
        for item in page.presented
    ]


def event_series(page, context) -> dict | None:
    series = page.open_series
    if series is None:
        return None
    request = context["request"]
    return {"id": series.pk, "title": series.title, "html_url": absolute_url(series.get_url(request=request), request)}


def curator_credits(page, context) -> list[dict]:
    return [
        {"person": person_ref(credit.person), "institution": credit.institution.code, "role": credit.role}
        for credit in page.curator_credits.select_related("person", "institution")
    ]


@cache
def page_type_fields() -> dict[type[Model], list]:
    """``{page model: its API fields}`` (body fields; besides ``PAGE_FIELDS``)."""
    from archive.models import ArtifactPage, CollectionIndexPage, CollectionPage
    from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
    from heritage.models import HomePage, PartnerCityPage, PartnersIndexPage
    from oral_histories.models import OralHistoryIndexPage, OralHistoryPage
    from programmes.models import EventPage, ProgrammeIndexPage, SeriesPage

    def institution(page, context):
        return institution_ref(page.institution) if page.institution_id else None

    def rights(page, context):
        return rights_ref(page.rights) if page.rights_id else None

    return {
        HomePage: ["introduction"],
        PartnersIndexPage: ["introduction"],
        CollectionIndexPage: ["introduction"],
        OralHistoryIndexPage: ["introduction"],
        ExhibitionIndexPage: ["introduction"],
        ProgrammeIndexPage: ["introduction"],
        SeriesPage: ["kind", "recurrence", "summary", "body"],
        EventPage: [
            "kind",
            "summary",
            "body",
            "accessibility",
            APIField("languages", serializer=Computed(lambda page, c: page.language_codes())),
            "starts_at",
            "ends_at",
            "time_zone",
            APIField("status", serializer=Computed(lambda page, c: page.status())),
            APIField("series", serializer=Computed(event_series)),
            APIField("venues", serializer=Computed(event_venues)),
            APIField(
                "organisers",
                serializer=Computed(lambda page, c: [institution_ref(i) for i in page.organiser_list]),
            ),
            APIField(
                "communities",
                serializer=Computed(lambda page, c: [{"slug": x.slug, "name": x.name} for x in page.community_list]),
            ),
            APIField("presents", serializer=Computed(event_presents)),
            "hero_image",
            "hero_image_alt",
            "what_happened",
            "participants",
            APIField("facets", serializer=Computed(facets)),
        ],
        PartnerCityPage: [
            "country",
            "country_code",
            "summary",
            "story",
            "hero_image",
            "hero_image_alt",
            APIField("latitude", serializer=Computed(lambda page, c: _float(page.latitude))),
            APIField("longitude", serializer=Computed(lambda page, c: _float(page.longitude))),
            APIField("facets", serializer=Computed(facets)),
        ],
        CollectionPage: [
            APIField("institution", serializer=Computed(institution)),
            "summary",
            "introduction",
            "cover_image",
            APIField("facets", serializer=Computed(facets)),
        ],
        ArtifactPage: [
            APIField("institution", serializer=Computed(institution)),
            "accession_number",
            "description",
            "object_type",
            "materials",
            "dimensions",
            "date_text",
            "earliest_year",
            "latest_year",
            APIField("themes", serializer=Computed(lambda page, c: [theme_ref(t) for t in page.themes.all()])),
            APIField("places", serializer=Computed(lambda page, c: [place_ref(p) for p in page.places.all()])),
            APIField("makers", serializer=Computed(lambda page, c: [person_ref(p) for p in page.makers.all()])),
            APIField("images", serializer=Computed(artifact_images)),
            APIField("perspectives", serializer=Computed(perspectives)),
            APIField("rights", serializer=Computed(rights)),
            "rights_holder",
            APIField("facets", serializer=Computed(facets)),
        ],
        OralHistoryPage: [
            "summary",
            APIField("institution", serializer=Computed(institution)),
            APIField("narrators", serializer=Computed(lambda page, c: [person_ref(p) for p in page.narrators.all()])),
            APIField("interviewer", serializer=Computed(lambda page, c: person_ref(page.interviewer))),
            "recorded_on",
            APIField("place", serializer=Computed(lambda page, c: place_ref(page.place))),
            "languages_spoken",
            APIField("rights", serializer=Computed(rights)),
            "rights_holder",
            APIField("recording", serializer=Computed(oral_history_recording)),
            APIField("facets", serializer=Computed(facets)),
        ],
        ExhibitionPage: [
            "introduction",
            "opens_on",
            "closes_on",
            "hero_image",
            "hero_image_alt",
            APIField("body", serializer=OpenStreamField()),
            APIField(
                "co_curators",
                serializer=Computed(
                    lambda page, c: [institution_ref(i) for i in page.co_curators.select_related("city")]
                ),
            ),
            APIField("curator_credits", serializer=Computed(curator_credits)),
            APIField("venues", serializer=Computed(venues)),
            APIField("facets", serializer=Computed(facets)),
        ],
    }


def _float(value):
    return float(value) if value is not None else None


#: Fields only the detail view shows: a recording's transcripts are long, and cost
#: queries per page.
DETAIL_ONLY_FIELDS = ["recording"]


def api_fields_for(model: type[Model]) -> list:
    """The API fields of ``model``: those of every page, then its type's own."""
    if not issubclass(model, Page):
        return []
    fields = list(PAGE_FIELDS)
    for cls in model.__mro__:
        own = page_type_fields().get(cls)
        if own is not None:
            fields += own
            break
    return fields
