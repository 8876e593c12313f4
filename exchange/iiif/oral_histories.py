"""IIIF for recordings: a Presentation 3.0 manifest per open oral history, and a IIIF
Content Search 2.0 service over its transcripts (issue 16).

Who gets what is the one rule every surface asks: the page must be open
(``heritage.visibility``: live, under no view restriction or unpublished page, and its
recording public) *and* ``consent.decide`` must let an anonymous visitor hear the
recording. Anything else — a closed, community-only, restricted, embargoed or withdrawn
recording, a page without a recording — has no manifest and no search: a plain 404, as
for every other ``/iiif/`` resource. A 404 rather than a "catalogue title only" manifest:
a manifest must have at least one canvas (Presentation 3.0 §3), a canvas without its
recording would be an empty shell that viewers show as broken, and the page itself
already shows the catalogue title to whoever may see it; nor does a 404 tell a harvester
that a closed recording exists.

The manifest (``oral-history/<page id>/manifest.json``) holds one time-based canvas of
the recording's duration, painted by the file the page's player plays (the media view,
``/<lang>/recordings/<id>/media``: the master, or the access copy with redacted passages
silenced); each transcript is a ``supplementing`` annotation whose body is the WebVTT
the player's ``<track>`` loads (``…/captions/<lang>.vtt``, redacted passages already
left out by ``consent.visible_segments``), with its ``language``; index points are
ranges (chapters) whose canvas references carry ``#t=start,end``. While a redacted
recording's access copy is being prepared, the media view answers 503; so does the
manifest (never a media URL that would not play).

The search (``oral-history/<page id>/search?q=…``) answers an AnnotationPage of the
visible transcript lines (``consent.visible_segments``: redacted lines never, marker
lines for withheld passages not either) that contain every word asked for, each
targeting the canvas at ``#t=start,end``.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from iiif_prezi3 import (
    Annotation,
    AnnotationBody,
    AnnotationPage,
    Canvas,
    CanvasRef,
    KeyValueString,
    Manifest,
    Range,
    ServiceV3,
)

from heritage.i18n import language_codes, language_name
from heritage.linked_data import one_line
from heritage.site_url import absolute_url
from heritage.visibility import keep_open, open_pages
from oral_histories.consent import decide, visible_segments
from oral_histories.models import OralHistoryPage, Recording, parse_language_codes

from .manifests import attribution, entry, field_map, homepages, iiif_rights, list_map, provider, term

SEARCH_CONTEXT = "http://iiif.io/api/search/2/context.json"
SEARCH_TYPE = f'application/ld+json;profile="{SEARCH_CONTEXT}"'
#: Lines per page of a search answer (``next`` names the following page).
SEARCH_PAGE_SIZE = 100
#: The longest ``q`` answered (as the site's own search).
MAX_QUERY = 200

# --- Who may be described ------------------------------------------------------------


def open_oral_history(pk: int) -> OralHistoryPage | None:
    """The oral history ``pk`` when anyone may hear and read it, with all a manifest
    reads; else None. ``open_pages``/``keep_open`` (the page tree and the page's own
    consent rule), then ``consent.decide`` for an anonymous visitor again, explicitly:
    nothing here is ever described to one visitor that another may not hear."""
    pages = (
        open_pages(OralHistoryPage.objects.filter(pk=pk))
        .select_related("institution", "institution__city", "rights", "interviewer", "place")
        .prefetch_related("narrators")
    )
    found = keep_open(pages)
    if not found:
        return None
    page = found[0]
    recording = page.get_recording()
    if recording is None or not decide(recording, AnonymousUser()).allowed:
        return None
    return page


# --- URLs ----------------------------------------------------------------------------


def manifest_url(request, page) -> str:
    return absolute_url(reverse("iiif:oral_history_manifest", args=[page.pk]), request)


def search_url(request, page) -> str:
    return absolute_url(reverse("iiif:oral_history_search", args=[page.pk]), request)


def base_url(request, page) -> str:
    return manifest_url(request, page).removesuffix("/manifest.json")


def canvas_id(request, page) -> str:
    return f"{base_url(request, page)}/canvas/1"


def site_url(name: str, *args) -> str:
    """A URL of the oral-history views (under the language prefix) in the site's
    default language, the one every language's player shares."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def media_url(request, recording: Recording) -> str:
    return absolute_url(site_url("oral_histories:media", recording.pk), request)


def captions_url(request, recording: Recording, language: str) -> str:
    return absolute_url(site_url("oral_histories:captions", recording.pk, language), request)


def fragment(start: float, end: float | None) -> str:
    """A media fragment (``#t=start,end``) in seconds, to the millisecond."""
    start_text = _seconds(start)
    if end is None or end <= start:
        return f"#t={start_text}"
    return f"#t={start_text},{_seconds(end)}"


def _seconds(value: float) -> str:
    text = f"{max(float(value), 0):.3f}".rstrip("0").rstrip(".")
    return text or "0"


# --- Texts ---------------------------------------------------------------------------


def language_label(code: str) -> dict[str, list[str]]:
    """A language's name in every site language."""
    values = {}
    for site_code in language_codes():
        with translation.override(site_code):
            values[site_code] = [str(language_name(code))]
    return values


def spoken_languages(page: OralHistoryPage) -> dict[str, list[str]]:
    codes = parse_language_codes(page.languages_spoken)
    if not codes:
        return {}
    values = {}
    for site_code in language_codes():
        with translation.override(site_code):
            values[site_code] = [", ".join(str(language_name(code)) for code in codes)]
    return values


def metadata(page: OralHistoryPage, recording: Recording) -> list[KeyValueString]:
    institution = page.institution
    entries = [
        entry(term("narrators", capitalize=True), list_map(page.narrators.all(), "name")),
        entry(term("interviewer", capitalize=True), field_map(page.interviewer, "name") if page.interviewer else {}),
        entry(term("contributing institution", capitalize=True), field_map(institution, "name") if institution else {}),
        entry(term("City"), field_map(institution.city, "title") if institution else {}),
        entry(
            term("date recorded", capitalize=True), {"none": [page.recorded_on.isoformat()]} if page.recorded_on else {}
        ),
        entry(term("place recorded", capitalize=True), field_map(page.place, "name") if page.place else {}),
        entry(term("languages spoken", capitalize=True), spoken_languages(page)),
        entry(term("Duration"), {"none": [recording.duration_clock]}),
    ]
    return [item for item in entries if item is not None]


# --- The manifest --------------------------------------------------------------------


def body_type(recording: Recording) -> str:
    return "Video" if recording.kind == "video" else "Sound"


def transcript_annotations(request, page, recording: Recording, canvas: str) -> list[AnnotationPage]:
    """One ``supplementing`` annotation per transcript: its WebVTT, in its language."""
    items = []
    for transcript in recording.transcripts.all():
        language = transcript.language
        items.append(
            Annotation(
                id=f"{canvas}/annotation/transcript-{language}",
                motivation="supplementing",
                body=AnnotationBody(
                    id=captions_url(request, recording, language),
                    type="Text",
                    format="text/vtt",
                    language=language,
                    label=language_label(language),
                ),
                target=canvas,
            )
        )
    if not items:
        return []
    return [AnnotationPage(id=f"{canvas}/transcripts", items=items)]


def chapter_label(point) -> dict[str, list[str]]:
    """The chapter's title in the languages it has; a title imported in a language the
    site is not in sits in the English field, and is labelled with its own language."""
    codes = language_codes()
    if point.language and point.language not in codes:
        title = one_line(getattr(point, f"title_{settings.LANGUAGE_CODE}", None) or point.title)
        return {point.language: [title]} if title else {"none": [one_line(point.title)]}
    return field_map(point, "title") or {"none": [one_line(point.title)]}


def chapters(request, page, recording: Recording, canvas: str) -> list[Range]:
    """The index points as chapters, each from its start to the next one's (the last to
    the end). Their synopses are not given: the validator's schema (iiif-prezi3's
    models) knows no ``summary`` on a range, and would drop it."""
    points = [point for point in recording.index_points.all() if point.start < recording.duration]
    if not points:
        return []
    base = base_url(request, page)
    ranges = []
    for n, point in enumerate(points):
        end = points[n + 1].start if n + 1 < len(points) else recording.duration
        ranges.append(
            Range(
                id=f"{base}/range/chapter-{n + 1}",
                label=chapter_label(point),
                items=[CanvasRef(id=f"{canvas}{fragment(point.start, end)}", type="Canvas")],
            )
        )
    return [Range(id=f"{base}/range/chapters", label=term("Chapters"), items=ranges)]


def oral_history_manifest(request, page: OralHistoryPage, recording: Recording, playable_type: str) -> Manifest:
    """The manifest of an oral history from :func:`open_oral_history` whose recording is
    playable now (``playable_type``: the content type of what the media view serves)."""
    canvas = canvas_id(request, page)
    painting = Annotation(
        id=f"{canvas}/annotation/recording",
        motivation="painting",
        body=AnnotationBody(
            id=media_url(request, recording),
            type=body_type(recording),
            format=playable_type,
            duration=recording.duration,
        ),
        target=canvas,
    )
    canvas_resource = Canvas(
        id=canvas,
        label=field_map(page, "title"),
        duration=recording.duration,
        items=[AnnotationPage(id=f"{canvas}/page", items=[painting])],
        annotations=transcript_annotations(request, page, recording, canvas) or None,
    )
    required = attribution(page)
    return Manifest(
        id=manifest_url(request, page),
        label=field_map(page, "title"),
        summary=field_map(page, "summary", rich=True) or None,
        metadata=metadata(page, recording) or None,
        requiredStatement=KeyValueString(label=term("Rights"), value=required) if required else None,
        rights=iiif_rights(page.rights.uri) if page.rights_id else None,
        provider=[provider(request, page.institution)] if page.institution_id else None,
        homepage=homepages(request, page) or None,
        service=[ServiceV3(id=search_url(request, page), type="SearchService2")],
        items=[canvas_resource],
        structures=chapters(request, page, recording, canvas) or None,
    )


def manifest_json(request, page: OralHistoryPage) -> str | None:
    """The manifest as JSON, or None while the recording is not playable (a redacted
    recording whose access copy is being prepared)."""
    recording = page.get_recording()
    playable, content_type = recording.playable_file()
    if playable is None:
        return None
    return oral_history_manifest(request, page, recording, content_type).json()


# --- Content Search 2.0 --------------------------------------------------------------


def fold(text: str) -> str:
    """Case and accents folded (and Arabic short vowels, which are combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_terms(query: str) -> list[str]:
    return [fold(word) for word in query[:MAX_QUERY].split() if word.strip()]


def matching_lines(recording: Recording, terms: list[str]):
    """(transcript, segment) for every visible line holding every term, in time order.
    Marker lines (a withheld passage) are not transcript text and never match."""
    if not terms:
        return []
    ranges = recording.redacted_ranges()
    found = []
    for transcript in recording.transcripts.prefetch_related("segments"):
        for segment in visible_segments(recording, transcript, ranges=ranges):
            if getattr(segment, "withheld", False):
                continue
            text = fold(segment.text)
            if all(term_ in text for term_ in terms):
                found.append((transcript, segment))
    found.sort(key=lambda pair: (pair[1].start, pair[0].language))
    return found


def search_answer(request, page: OralHistoryPage, query: str, page_number: int = 1) -> dict:
    """A IIIF Content Search 2.0 answer: an AnnotationPage of the matching lines."""
    recording = page.get_recording()
    canvas = canvas_id(request, page)
    lines = matching_lines(recording, search_terms(query))
    first = (page_number - 1) * SEARCH_PAGE_SIZE
    shown = lines[first : first + SEARCH_PAGE_SIZE]
    here = search_url(request, page)
    items = []
    for transcript, segment in shown:
        end = segment.end if segment.end is not None else None
        items.append(
            {
                "id": f"{base_url(request, page)}/annotation/line-{segment.pk}",
                "type": "Annotation",
                "motivation": "supplementing",
                "body": {
                    "type": "TextualBody",
                    "value": segment.text,
                    "format": "text/plain",
                    "language": transcript.language,
                },
                "target": f"{canvas}{fragment(segment.start, end)}",
            }
        )
    params = {"q": query}
    if page_number > 1:
        params["page"] = page_number
    answer = {
        "@context": SEARCH_CONTEXT,
        "id": f"{here}?{urlencode(params)}",
        "type": "AnnotationPage",
        "items": items,
    }
    if first + SEARCH_PAGE_SIZE < len(lines):
        answer["next"] = {
            "id": f"{here}?{urlencode({'q': query, 'page': page_number + 1})}",
            "type": "AnnotationPage",
        }
    answer["partOf"] = [
        {
            "id": f"{here}?{urlencode({'q': query})}",
            "type": "AnnotationCollection",
            "total": len(lines),
        }
    ]
    return answer


# --- Link from the page --------------------------------------------------------------


def alternates(page, context) -> list[dict]:
    """The ``heritage_page_alternates`` entry of an oral-history page: its manifest, when
    ``/iiif/`` answers it (an open page whose recording anyone may hear and is playable)."""
    from django.template.loader import render_to_string

    request = context.get("request")
    if not isinstance(page, OralHistoryPage) or getattr(request, "is_preview", False):
        return []
    found = open_oral_history(page.pk)
    if found is None or found.get_recording().playable_file()[0] is None:
        return []
    from .manifests import PRESENTATION_CONTEXT

    title = _("IIIF manifest")
    hint = _(
        "Open this recording, its transcripts and chapters in any IIIF viewer (such as Ramp or Aviary) with this link."
    )
    label = render_to_string("exchange/includes/iiif_link.html", {"title": title})
    return [
        {
            "href": reverse("iiif:oral_history_manifest", args=[page.pk]),
            "type": f'application/ld+json;profile="{PRESENTATION_CONTEXT}"',
            "title": title,
            "label": label,
            "hint": hint,
        }
    ]
