"""schema.org JSON-LD for oral histories (registered with ``heritage_linked_data``).

An oral history is a ``CreativeWork`` (the interview as a work: its narrators are its
creators, the interviewer a contributor in the role "interviewer"). Its recording is
an ``associatedMedia`` (``AudioObject`` or ``VideoObject``) with its address, format
and duration, and only when anyone at all may hear it (``consent.is_public``): for a
restricted, community-only or embargoed recording the JSON-LD carries what its public
page shows (title, summary, people, date, place, languages, institution, rights) and
the access condition the page states, never the media, its duration or a transcript.
A withdrawn recording's page (410) gets no JSON-LD at all. Transcript text is never
included: it is long, and the page serves it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from heritage.linked_data import (
    Context,
    compact,
    copyright_holder,
    iso_duration,
    license_uri,
    organization,
    person,
    place,
)

from .consent import decide, is_public
from .models import OralHistoryPage, parse_language_codes


def recording_media(recording, context: Context) -> dict:
    """The recording as a MediaObject: only ever called for a public recording."""
    playable, mime_type = recording.playable_file()
    return compact(
        {
            "@type": "VideoObject" if recording.kind == "video" else "AudioObject",
            "contentUrl": context.absolute(reverse("oral_histories:media", args=[recording.pk])) if playable else "",
            "encodingFormat": mime_type,
            "duration": iso_duration(recording.duration),
        }
    )


def oral_history(page: OralHistoryPage, context: Context) -> dict | None:
    recording = page.get_recording()
    if recording is not None and recording.is_withdrawn:
        return None
    interviewer = person(page.interviewer)
    languages = parse_language_codes(page.languages_spoken)
    data = {
        **context.base(page, "CreativeWork"),
        "genre": _("Oral history"),
        "dateCreated": page.recorded_on.isoformat() if page.recorded_on else "",
        "creator": [person(narrator) for narrator in page.narrators.all()],
        "contributor": (
            {"@type": "Role", "roleName": _("Interviewer"), "contributor": interviewer} if interviewer else None
        ),
        "locationCreated": place(page.place),
        "sourceOrganization": organization(page.institution) if page.institution_id else None,
        "license": license_uri(page),
        "copyrightHolder": copyright_holder(page),
    }
    if recording is not None:
        if is_public(recording):
            transcripts = list(recording.transcripts.values_list("language", flat=True))
            languages += [code for code in transcripts if code not in languages]
            data["associatedMedia"] = recording_media(recording, context)
            data["isAccessibleForFree"] = True
        else:
            data["conditionsOfAccess"] = decide(recording).message
    if languages:
        data["inLanguage"] = languages if len(languages) > 1 else languages[0]
    return compact(data)


@hooks.register("heritage_linked_data")
def register_oral_history_linked_data():
    return {OralHistoryPage: oral_history}
