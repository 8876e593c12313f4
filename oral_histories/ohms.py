"""OHMS in and out (issue 16), beside the transcript parsers of ``transcripts``.

In: what an OHMS record carries beyond the transcript and the index goes where the
archive has a field for it (``apply_catalogue``: the oral-history page's narrators,
interviewer, accession number, date, collection, series, keywords, subjects, rights,
conditions of use, funding, description and languages), written into a new draft of
the page, never over what the page already says; everything else is named in the
import report (``Report``), with the reason, so nothing is dropped in silence.

Out: an oral history as OHMS 6 XML (``ohms_xml``: the record, the index with its
keywords, subjects, places, links and first words, the transcript as
``<vtt_transcript>`` with its footnotes, and a second transcript as
``<vtt_transcript_alt>``), and its index alone as WebVTT chapters (``chapters_vtt``)
or as CSV for a spreadsheet (``index_csv``). Every export is built from what
``consent.visible_segments`` lets out, the same lines the WebVTT and SRT downloads
carry: redacted passages appear as the withheld marker; a footnote that only withheld
lines refer to, and the first words of a chapter that holds a redacted passage, are
withheld with them. The views (``views``) ask ``consent.decide`` before any of this.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import math
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from heritage.i18n import EXTRA_LANGUAGES, resolve

from .models import partial_until
from .transcripts import _clean_lines, _escape_vtt, _timed, format_timestamp

OHMS_NAMESPACE = "https://www.weareavp.com/nunncenter/ohms"

# --- Languages --------------------------------------------------------------------------

# OHMS writes a language as a name ("English") or an ISO 639-2 code ("fra"); the
# archive keeps codes. The ISO 639-2 codes of the languages Django names, and both
# forms (B and T) where they differ.
ISO_639_2 = {
    "ara": "ar", "ber": "ber", "bul": "bg", "cat": "ca", "ces": "cs", "cze": "cs", "dan": "da", "deu": "de",
    "ger": "de", "ell": "el", "gre": "el", "eng": "en", "spa": "es", "est": "et", "eus": "eu", "baq": "eu",
    "fas": "fa", "per": "fa", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga", "glg": "gl", "heb": "he",
    "hin": "hi", "hrv": "hr", "hun": "hu", "hye": "hy", "arm": "hy", "ind": "id", "ita": "it", "jpn": "ja",
    "kab": "kab", "kor": "ko", "kur": "ku", "lit": "lt", "lav": "lv", "nld": "nl", "dut": "nl", "nor": "no",
    "pol": "pl", "por": "pt", "ron": "ro", "rum": "ro", "rus": "ru", "slk": "sk", "slo": "sk", "slv": "sl",
    "sqi": "sq", "alb": "sq", "srp": "sr", "swe": "sv", "swa": "sw", "tha": "th", "tur": "tr", "ukr": "uk",
    "urd": "ur", "vie": "vi", "zho": "zh-hans", "chi": "zh-hans", "wol": "wo", "amh": "am", "som": "so",
}  # fmt: skip


def language_code(value: str) -> str:
    """The language code for an OHMS language ("fr", "fra", "French", "Tunisian Arabic"); "" if unknown."""
    from django.conf.locale import LANG_INFO

    text = " ".join((value or "").split())
    lowered = text.lower()
    if not lowered:
        return ""
    if lowered in EXTRA_LANGUAGES or (lowered in LANG_INFO and "name" in LANG_INFO[lowered]):
        return lowered
    if lowered in ISO_639_2:
        return ISO_639_2[lowered]
    for code, info in LANG_INFO.items():
        if "name" in info and lowered in (info["name"].lower(), info.get("name_local", "").lower()):
            return code
    with override("en"):
        for code, info in EXTRA_LANGUAGES.items():
            if lowered == str(info["name"]).lower():
                return code
    return ""


def language_codes(values: list[str]) -> tuple[list[str], list[str]]:
    """(codes, values not understood) for OHMS <language> fields ("French; Arabic" too)."""
    codes: list[str] = []
    unknown: list[str] = []
    for value in values:
        for part in value.replace(",", ";").split(";"):
            if not part.strip():
                continue
            code = language_code(part)
            if code and code not in codes:
                codes.append(code)
            elif not code:
                unknown.append(part.strip())
    return codes, unknown


# --- The import report ----------------------------------------------------------------------


@dataclass
class Report:
    """What one file brought: what was kept, and what was not (with why), in words."""

    file: str
    kept: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"file": self.file, "kept": self.kept, "not_kept": self.not_kept}


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _quoted(name: str, values: list[str]) -> str:
    return f"<{name}> “{_short('; '.join(values))}”"


# --- The catalogue record -------------------------------------------------------------------

# Record fields that describe OHMS's own player or file, or that this importer reads
# for the transcripts themselves: each with why it is not kept.
_MEDIA_FIELDS = frozenset(
    {"version", "format", "fmt", "file_name", "media_url", "mediafile", "kembed", "type", "avalon_target_domain"}
)
_USED_FOR_TRANSCRIPTS = frozenset({"translate", "transcript_alt_lang"})
_NO_FIELD = frozenset(
    {"collection_link", "series_link", "repository_url", "collection_id", "series_id", "cms_record_id", "rel"}
)
# Record fields written into the page's own text fields (translated ones in the file's language).
_TEXT_FIELDS = {
    "accession": "accession",
    "collection_name": "collection_name",
    "series_name": "series_name",
    "rights": "rights_statement",
    "usage": "usage",
    "funding": "funding",
}
_TERMS = {"keyword": "keywords", "subject": "subjects"}


def person_name(value: str) -> str:
    """OHMS names people "Family, Given"; the archive writes them as they are said: "Given Family"."""
    value = " ".join(value.split())
    family, comma, given = value.partition(",")
    if comma and given.strip() and "," not in given:
        return f"{given.strip()} {family.strip()}"
    return value


def find_or_create_person(name: str):
    from heritage.models import Person

    lookup = Q()
    for code, _name in settings.LANGUAGES:
        lookup |= Q(**{f"name_{code}__iexact": name})
    found = Person.objects.filter(lookup).first()
    if found is not None:
        return found, False
    base = slug = slugify(name)[:70] or "person"
    number = 1
    while Person.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    with override(settings.LANGUAGE_CODE):
        return Person.objects.create(slug=slug, name=name), True


def _institution(name: str):
    from heritage.models import Institution

    lookup = Q()
    for code, _name in settings.LANGUAGES:
        lookup |= Q(**{f"name_{code}__iexact": name})
    return Institution.objects.filter(lookup).first()


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def apply_catalogue(page, fields: dict[str, list[str]], *, language: str, report: Report) -> bool:
    """Write the record's fields (``ParsedTranscript.fields``) into ``page`` (a page
    object, the draft to be saved) where it has a field and that field is empty;
    ``language``: the file's, for the translated fields (the default language's fields
    when the site has no such language). Says in ``report`` what went where and what
    did not; True when the page changed."""
    codes = [code for code, _name in settings.LANGUAGES]
    field_language = language if language in codes else settings.LANGUAGE_CODE
    changed = False

    def keep(name: str, values: list[str], label: str) -> None:
        report.kept.append(_("%(field)s → %(label)s") % {"field": _quoted(name, values), "label": label})

    def refuse(name: str, values: list[str], reason: str) -> None:
        report.not_kept.append(_("%(field)s: %(reason)s") % {"field": _quoted(name, values), "reason": reason})

    def put(name: str, values: list[str], attribute: str, value, *, translated: bool) -> None:
        nonlocal changed
        target = f"{attribute}_{field_language}" if translated else attribute
        current = getattr(page, target)
        label = str(page._meta.get_field(attribute).verbose_name)
        if current in (None, "") or current == value:
            if current != value:
                setattr(page, target, value)
                changed = True
            keep(name, values, label)
        else:
            refuse(
                name,
                values,
                _("the page already gives its %(label)s (“%(current)s”); it was left as it was.")
                % {"label": label, "current": _short(str(current))},
            )

    for name, values in fields.items():
        if name in _TEXT_FIELDS:
            attribute = _TEXT_FIELDS[name]
            value = "; ".join(values) if attribute == "accession" else "\n\n".join(values)
            limit = page._meta.get_field(attribute).max_length
            if limit and len(value) > limit:
                refuse(name, values, _("longer than the %(limit)s characters the page allows.") % {"limit": limit})
                continue
            put(name, values, attribute, value, translated=attribute != "accession")
        elif name in _TERMS:
            value = "; ".join(dict.fromkeys(v.strip() for v in values if v.strip()))
            if len(value) > 500:
                refuse(name, values, _("longer than the %(limit)s characters the page allows.") % {"limit": 500})
                continue
            put(name, values, _TERMS[name], value, translated=True)
        elif name == "description":
            if not (getattr(page, f"summary_{field_language}") or "").strip():
                paragraphs = "".join(f"<p>{html.escape(part)}</p>" for part in "\n\n".join(values).split("\n\n"))
                setattr(page, f"summary_{field_language}", paragraphs)
                changed = True
                keep(name, values, str(page._meta.get_field("summary").verbose_name))
            else:
                refuse(name, values, _("the page already has a summary; it was left as it was."))
        elif name == "date":
            found = _date(values[0])
            if found is None:
                refuse(name, values, _("not a date such as 2019-03-12."))
            elif page.recorded_on in (None, found):
                changed |= page.recorded_on != found
                page.recorded_on = found
                keep(name, values, str(page._meta.get_field("recorded_on").verbose_name))
            else:
                refuse(
                    name,
                    values,
                    _("the page already gives the date recorded (%(date)s); it was left as it was.")
                    % {"date": page.recorded_on.isoformat()},
                )
        elif name == "interviewee":
            people = [find_or_create_person(person_name(value)) for value in values]
            present = {person.pk for person in page.narrators.all()}
            added = [person for person, _created in people if person.pk not in present]
            if added:
                page.narrators.add(*added)
                changed = True
            created = [person.name for person, was_created in people if was_created]
            keep(name, values, str(page._meta.get_field("narrators").verbose_name))
            if created:
                report.kept.append(
                    _("New people in the archive: %(names)s (check their names and add their biographies).")
                    % {"names": ", ".join(created)}
                )
        elif name == "interviewer":
            person, created = find_or_create_person(person_name(values[0]))
            if page.interviewer_id in (None, person.pk):
                changed |= page.interviewer_id != person.pk
                page.interviewer = person
                keep(name, values[:1], str(page._meta.get_field("interviewer").verbose_name))
                if created:
                    report.kept.append(
                        _("New people in the archive: %(names)s (check their names and add their biographies).")
                        % {"names": person.name}
                    )
            else:
                refuse(name, values[:1], _("the page already names its interviewer; it was left as it was."))
            if len(values) > 1:
                refuse(name, values[1:], _("the page has room for one interviewer only."))
        elif name == "repository":
            institution = _institution(values[0])
            if institution is None:
                refuse(name, values, _("no institution of that name in the archive; choose it on the page."))
            elif page.institution_id in (None, institution.pk):
                changed |= page.institution_id != institution.pk
                page.institution = institution
                keep(name, values, str(page._meta.get_field("institution").verbose_name))
            else:
                refuse(name, values, _("the page already names its institution; it was left as it was."))
        elif name == "language":
            found, unknown = language_codes(values)
            if unknown:
                refuse("language", unknown, _("not a language name or code the archive knows."))
            if found:
                value = ", ".join(found)
                if not page.languages_spoken or page.languages_spoken.replace(" ", "") == value.replace(" ", ""):
                    changed |= page.languages_spoken != value
                    page.languages_spoken = value
                    keep(name, values, str(page._meta.get_field("languages_spoken").verbose_name))
                else:
                    refuse(
                        name,
                        values,
                        _("the page already gives the languages spoken (%(codes)s); they were left as they were.")
                        % {"codes": page.languages_spoken},
                    )
        elif name == "title":
            if " ".join(values[0].split()) != " ".join(str(page.title).split()):
                refuse(name, values, _("the page keeps its own title, “%(title)s”.") % {"title": _short(page.title)})
        elif name == "duration":
            refuse(name, values, _("the recording's own measured duration is used."))
        elif name in _MEDIA_FIELDS:
            refuse(name, values, _("describes OHMS's player and media file; the archive plays its own recording."))
        elif name == "user_notes":
            refuse(name, values, _("OHMS's notes for its own users; copy them into the notes on consent if needed."))
        elif name == "date_nontext":
            refuse(name, values, _("the page has no field for a date in words; give the date recorded instead."))
        elif name in _USED_FOR_TRANSCRIPTS:
            continue
        elif name in _NO_FIELD:
            refuse(name, values, _("the archive has no field for it."))
        else:
            refuse(name, values, _("the archive has no field for it."))
    return changed


def save_catalogue(recording, fields: dict[str, list[str]], *, language: str, report: Report, user=None) -> None:
    """``apply_catalogue`` on a new draft of the recording's page (publishing it is the
    editors' decision, as for every change to a page)."""
    page = recording.page.get_latest_revision_as_object()
    if apply_catalogue(page, fields, language=language, report=report):
        page.save_revision(user=user if user is not None and user.is_authenticated else None, log_action=True)
        report.kept.append(
            _("The catalogue fields were written into a new draft of “%(title)s”: publish it to show them.")
            % {"title": page.title}
        )


def describe_transcript(report: Report, parsed, *, language: str, duration: float | None) -> None:
    """What a transcript file brought: lines, footnotes, index points, and whether it
    follows only part of the recording."""
    from heritage.i18n import language_name

    if parsed.segments:
        report.kept.append(
            _("%(count)s transcript lines in %(language)s.")
            % {"count": len(parsed.segments), "language": language_name(language)}
        )
    if parsed.footnotes:
        report.kept.append(_("%(count)s footnotes, shown with the transcript.") % {"count": len(parsed.footnotes)})
    if parsed.index_points:
        report.kept.append(
            _("%(count)s index points, with their keywords, subjects, places, links and first words.")
            % {"count": len(parsed.index_points)}
        )
    until = partial_until(parsed.covered_until, duration) if parsed.segments else None
    if until is not None:
        report.kept.append(
            _("A partial transcript: it follows the recording up to %(until)s of %(duration)s; the page says so.")
            % {"until": format_timestamp(until)[:8], "duration": format_timestamp(duration)[:8]}
        )
    report.not_kept.extend(parsed.warnings)


# --- Out ------------------------------------------------------------------------------------


def _site_language(language: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return language if language in codes else settings.LANGUAGE_CODE


def _raw(obj, name: str, language: str) -> str:
    """A translated field in exactly that language (no fallback)."""
    return getattr(obj, f"{name}_{language}", "") or ""


def _withheld_text(language: str) -> str:
    """The marker ``consent.visible_segments`` puts in place of a withheld passage, in the same words."""
    with override(language if language in dict(settings.LANGUAGES) else translation.get_language()):
        return _("[passage withheld]")


def _point_spans(points: list, duration: float) -> list[tuple[float, float]]:
    starts = [point.start for point in points]
    return [
        (start, starts[n + 1] if n + 1 < len(starts) else max(duration or 0, start)) for n, start in enumerate(starts)
    ]


def _holds_redaction(span: tuple[float, float], ranges) -> bool:
    from .consent import EDGE

    start, end = span
    return any(min(end, stop) - max(start, begin) > EDGE or begin <= start < stop for begin, stop in ranges)


def _first_words(point, span, ranges, language: str) -> str:
    """The chapter's first words, or the withheld marker when the chapter holds a redacted passage."""
    text = _raw(point, "partial_transcript", _site_language(language))
    if text and _holds_redaction(span, ranges):
        return _withheld_text(language)
    return text


def vtt_with_notes(lines, footnotes: list[dict]) -> str:
    """WebVTT as OHMS 6 writes it: each shown line (``Transcript.shown_footnotes`` gave
    it ``footnote_numbers``) with <c.N></c> for its notes, then the notes in an
    annotations section after the last cue."""
    cues = []
    for line, end in _timed(lines, ()):
        body = _escape_vtt(_clean_lines(line.text))
        if line.speaker:
            body = f"<v {_escape_vtt(line.speaker)}>{body}"
        body += "".join(f"<c.{number}></c>" for number in getattr(line, "footnote_numbers", ()) if number.isdigit())
        cues.append(f"{format_timestamp(line.start)} --> {format_timestamp(end)}\n{body}")
    text = "WEBVTT\n\n" + "".join(cue + "\n\n" for cue in cues)
    notes = [note for note in footnotes if str(note.get("number", "")).isdigit()]
    if notes:
        text += "NOTE TRANSCRIPTION END\n\nNOTE ANNOTATIONS BEGIN\n\nNOTE\n"
        for note in notes:
            body = _escape_vtt(" ".join(str(note.get("text", "")).split()).replace("-->", "->"))
            if note.get("url"):
                body += f"[[link]]{_escape_vtt(note['url'])}[[/link]]"
            text += f'<annotation ref="{note["number"]}">{body}</annotation>\n'
        text += "\nNOTE ANNOTATIONS END\n"
    return text


def exported_transcripts(recording):
    """The first transcript (the original, else the first) and a second one, each with
    the lines consent lets out (``visible_segments``) and the footnotes they may carry."""
    from .consent import visible_segments

    ranges = recording.redacted_ranges()
    transcripts = list(recording.transcripts.prefetch_related("segments"))
    out = []
    for transcript in transcripts[:2]:
        visible = visible_segments(recording, transcript, ranges=ranges)
        out.append((transcript, visible, transcript.shown_footnotes(visible)))
    return out


def _add(parent: ET.Element, name: str, text: str = "", **attributes) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    if text:
        element.text = text
    return element


def ohms_xml(recording) -> bytes:
    """The oral history as an OHMS 6 export (consent already asked by the caller)."""
    page = recording.page
    transcripts = exported_transcripts(recording)
    primary = transcripts[0][0].language if transcripts else (page.languages_spoken.split(",")[0].strip() or "en")
    alternate = transcripts[1][0].language if len(transcripts) > 1 else ""
    text_language = _site_language(primary)
    ranges = recording.redacted_ranges()

    root = ET.Element("ROOT", {"xmlns": OHMS_NAMESPACE})
    record = _add(root, "record", id=str(recording.pk), dt=datetime.date.today().isoformat())
    _add(record, "version", "6")
    _add(record, "date", format="yyyy-mm-dd", value=page.recorded_on.isoformat() if page.recorded_on else "")
    _add(record, "type", "interview")
    _add(record, "accession", page.accession)
    _add(record, "duration", format_timestamp(recording.duration or 0)[:8])
    with override(text_language):
        _add(record, "collection_name", _text(page, "collection_name", text_language))
        _add(record, "series_name", _text(page, "series_name", text_language))
        _add(record, "repository", _text(page.institution, "name", text_language) if page.institution_id else "")
        _add(record, "funding", _text(page, "funding", text_language))
        _add(record, "title", str(page.title))
        _add(record, "language", page.languages_spoken or primary)
        for subject in _split(_text(page, "subjects", text_language)):
            _add(record, "subject", subject)
        for keyword in _split(_text(page, "keywords", text_language)):
            _add(record, "keyword", keyword)
        for person in page.narrators.all():
            _add(record, "interviewee", _text(person, "name", text_language))
        if page.interviewer_id:
            _add(record, "interviewer", _text(page.interviewer, "name", text_language))
        _add(record, "description", _plain(_text(page, "summary", text_language)))
        _add(record, "rights", _text(page, "rights_statement", text_language))
        _add(record, "usage", _text(page, "usage", text_language))
    _add(record, "format", "video" if recording.kind == "video" else "audio")
    # No <file_name>: the master's own name may say what a pseudonym hides.
    _add(record, "translate", "1" if alternate else "0")
    _add(record, "transcript_alt_lang", alternate)
    for name in ("sync", "sync_alt", "transcript", "transcript_alt"):
        _add(record, name)
    _add(record, "vtt_transcript", vtt_with_notes(transcripts[0][1], transcripts[0][2]) if transcripts else "")
    _add(record, "vtt_transcript_alt", vtt_with_notes(transcripts[1][1], transcripts[1][2]) if alternate else "")

    points = list(recording.index_points.prefetch_related("places"))
    index = _add(record, "index")
    alt_language = alternate if alternate in dict(settings.LANGUAGES) and alternate != text_language else ""
    for point, span in zip(points, _point_spans(points, recording.duration), strict=True):
        element = _add(index, "point")
        _add(element, "time", f"{point.start:g}")
        _add(element, "title", _raw(point, "title", text_language) or _raw(point, "title", settings.LANGUAGE_CODE))
        _add(element, "partial_transcript", _first_words(point, span, ranges, text_language))
        _add(element, "synopsis", _raw(point, "synopsis", text_language))
        _add(element, "keywords", ";".join(_split(_raw(point, "keywords", text_language))))
        _add(element, "subjects", ";".join(point.subject_list()))
        if alt_language:
            _add(element, "title_alt", _raw(point, "title", alt_language))
            _add(element, "partial_transcript_alt", _first_words(point, span, ranges, alt_language))
            _add(element, "synopsis_alt", _raw(point, "synopsis", alt_language))
            _add(element, "keywords_alt", ";".join(_split(_raw(point, "keywords", alt_language))))
        for place in point.places.all():
            gps = _add(element, "gpspoints")
            has_position = place.latitude is not None and place.longitude is not None
            _add(gps, "gps", f"{float(place.latitude):g}, {float(place.longitude):g}" if has_position else "")
            _add(gps, "gps_zoom", "")
            _add(gps, "gps_text", _text(place, "name", text_language))
        for spot in point.map_points():
            gps = _add(element, "gpspoints")
            _add(gps, "gps", f"{spot['latitude']:g}, {spot['longitude']:g}")
            _add(gps, "gps_zoom", "")
            _add(gps, "gps_text", "")
        for link in point.web_links():
            links = _add(element, "hyperlinks")
            _add(links, "hyperlink", link["url"])
            _add(links, "hyperlink_text", link["text"] if link["text"] != link["url"] else "")
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _text(obj, name: str, language: str) -> str:
    """A translated field in ``language``, else in its first fallback (``heritage.i18n.resolve``)."""
    return (
        " ".join(str(resolve(obj, name, language)).split())
        if name in ("name", "title")
        else str(resolve(obj, name, language))
    )


def _split(value: str) -> list[str]:
    return [word.strip() for word in (value or "").replace("؛", ";").split(";") if word.strip()]


def _plain(rich_text: str) -> str:
    """Rich text as plain paragraphs separated by a blank line."""
    from django.utils.html import strip_tags

    if not rich_text:
        return ""
    text = rich_text.replace("</p>", "\n\n").replace("<br/>", "\n").replace("<br>", "\n")
    return "\n\n".join(part.strip() for part in html.unescape(strip_tags(text)).split("\n\n") if part.strip())


def chapters_vtt(recording, language: str) -> str:
    """The index as WebVTT chapters (``<track kind="chapters">``): each chapter's title in
    ``language`` (the site's fallback when it has none), from its start to the next."""
    points = list(recording.index_points.all())
    cues = []
    with override(language):
        for point, (start, end) in zip(points, _point_spans(points, recording.duration), strict=True):
            end = end if end > start else start + 1
            title = _escape_vtt(_text(point, "title", language))
            cues.append(f"{format_timestamp(start)} --> {format_timestamp(end)}\n{title}")
    return "WEBVTT\n\n" + "".join(cue + "\n\n" for cue in cues)


#: The columns of the index as CSV, in the order a curator reads them.
CSV_COLUMNS = (
    "start",
    "start_seconds",
    "title",
    "synopsis",
    "first_words",
    "keywords",
    "subjects",
    "places",
    "coordinates",
    "links",
    "language",
)


def _cell(value) -> str:
    """A spreadsheet cell that no spreadsheet runs as a formula (the artifact export's
    rule: ``archive.transfer.columns.escape_formula``)."""
    from archive.transfer.columns import escape_formula

    return escape_formula("" if value is None else str(value))


def index_csv(recording, language: str) -> str:
    """The index as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents and
    Arabic): one row per index point, its text in ``language`` where given, else the
    site's fallback; places as names, coordinates as "latitude, longitude"."""
    points = list(recording.index_points.prefetch_related("places"))
    ranges = recording.redacted_ranges()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    with override(language):
        for point, span in zip(points, _point_spans(points, recording.duration), strict=True):
            first_words = _text(point, "partial_transcript", language)
            if first_words and _holds_redaction(span, ranges):
                first_words = _withheld_text(language)
            places = list(point.places.all())
            coordinates = [
                f"{float(place.latitude):g}, {float(place.longitude):g}"
                for place in places
                if place.latitude is not None and place.longitude is not None
            ] + [f"{spot['latitude']:g}, {spot['longitude']:g}" for spot in point.map_points()]
            row = [
                format_timestamp(point.start),
                f"{point.start:g}" if math.isfinite(point.start) else "",
                _text(point, "title", language),
                _text(point, "synopsis", language),
                first_words,
                "; ".join(_split(_text(point, "keywords", language))),
                "; ".join(point.subject_list()),
                "; ".join(_text(place, "name", language) for place in places),
                " | ".join(coordinates),
                " | ".join(f"{link['text']} <{link['url']}>" for link in point.web_links()),
                point.language,
            ]
            writer.writerow([_cell(value) for value in row])
    return out.getvalue()
