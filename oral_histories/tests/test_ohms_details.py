"""What an OHMS index carries is kept (issue 16): subjects apart from keywords, hyperlinks,
GPS points without a place name, and the language of the text as given."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from oral_histories.factories import RecordingFactory
from oral_histories.models import Scope
from oral_histories.tests.test_admin_recording import curator, formsets, page  # noqa: F401
from oral_histories.transcripts import Place, TranscriptError, parse

DATA = Path(__file__).parent / "data" / "transcripts"
TUNIS = (DATA / "ohms_index_aeb_tunis.xml").read_bytes()


def test_the_parser_keeps_subjects_links_and_unnamed_places():
    [point] = parse(TUNIS).index_points
    assert point.keywords == ("port", "khedma") and point.subjects == ("Hijra", "Khedma")
    assert point.hyperlinks == (("https://example.org/port-de-tunis", "Le port de Tunis en 1960"),)
    assert point.places == (Place("", 36.8065, 10.1815),)


def test_a_link_that_is_not_a_web_address_is_refused_with_its_line():
    data = TUNIS.replace(b"https://example.org/port-de-tunis", b"javascript:alert(1)")
    with pytest.raises(TranscriptError) as excinfo:
        parse(data)
    assert excinfo.value.line == 22 and "http://" in excinfo.value.reason


def test_an_index_in_a_language_the_site_is_not_in_is_stored_with_its_language(client, curator, page):  # noqa: F811
    recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=600)
    client.force_login(curator)
    response = client.post(
        f"/admin/snippets/oral_histories/recording/edit/{recording.pk}/",
        formsets(
            page=page.pk,
            scope=Scope.PUBLIC,
            transcript_file=SimpleUploadedFile("trabelsi.xml", TUNIS),
            transcript_language="aeb",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    [point] = recording.index_points.all()
    assert point.title_en == "El port mta3 Tounes" and point.language == "aeb"
    assert point.keywords_en == "port; khedma" and point.subjects == "Hijra; Khedma"
    assert point.links == [{"url": "https://example.org/port-de-tunis", "text": "Le port de Tunis en 1960"}]
    assert point.coordinates == [[36.8065, 10.1815]] and not point.places.exists()
    assert not recording.transcripts.exists()
