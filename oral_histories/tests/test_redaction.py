"""Redaction precision and honesty (issue 16): only the lines that run into a redacted
passage leave, never a line that merely touches it, and every surface that shows the
transcript marks the gap ("[passage withheld]", translated) where something was removed."""

from django.utils import translation

import pytest

from oral_histories.consent import EDGE, public_segments, visible_segments
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import RedactedRange, Scope

LINES = [
    (0.0, 4.0, "Fatma", "Je suis arrivée au port en 1962."),
    (4.0, 8.0, "Fatma", "Mon voisin s'appelait Karim Benali."),
    (8.0, 12.0, "Fatma", "Nous chantions le soir sur le quai."),
]
FR_GAP = "[passage non communiqué]"


def make(tree, lines=LINES, *, language="fr", duration=12.0):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="The quay at night")
    recording = RecordingFactory(page=page, scope=Scope.PUBLIC, duration=duration)
    TranscriptFactory(recording=recording, language=language, lines=lines)
    return recording


def shown(recording, *ranges):
    for start, end in ranges:
        RedactedRange.objects.create(recording=recording, start=start, end=end)
    transcript = recording.transcripts.get()
    return [
        (line.start, line.end, "GAP" if getattr(line, "withheld", False) else line.text)
        for line in visible_segments(recording, transcript)
    ]


def test_lines_that_only_touch_the_passage_stay(tree):
    recording = make(tree)
    assert shown(recording, (4.0, 8.0)) == [
        (0.0, 4.0, LINES[0][3]),  # ends where the passage starts
        (4.0, 8.0, "GAP"),
        (8.0, 12.0, LINES[2][3]),  # starts where it ends
    ]


def test_a_line_running_into_the_passage_leaves_whole_and_the_gap_covers_it(tree):
    recording = make(tree)
    assert shown(recording, (4.5, 6.0)) == [(0.0, 4.0, LINES[0][3]), (4.0, 8.0, "GAP"), (8.0, 12.0, LINES[2][3])]


def test_an_overlap_of_no_more_than_an_instant_is_an_edge(tree):
    recording = make(tree)
    lines = shown(recording, (4.0 - EDGE / 2, 8.0 + EDGE / 2))
    assert [text for _start, _end, text in lines] == [LINES[0][3], "GAP", LINES[2][3]]
    RedactedRange.objects.all().delete()
    lines = shown(recording, (3.99, 8.0))  # 10 ms into the first line: a word may be there
    assert [text for _start, _end, text in lines] == ["GAP", LINES[2][3]]
    assert lines[0][:2] == (0.0, 8.0)


def test_a_line_without_an_end_runs_until_the_next_and_is_withheld_if_that_crosses_the_passage(tree):
    """Such a line used to count as an instant at its start: its words spoken inside the
    passage were shown."""
    recording = make(
        tree, [(0.0, None, "", "Au début."), (4.0, None, "", "Karim disait."), (9.0, None, "", "Puis le quai.")]
    )
    assert shown(recording, (5.0, 6.0)) == [(0.0, None, "Au début."), (4.0, 9.0, "GAP"), (9.0, None, "Puis le quai.")]


def test_a_line_at_one_instant_is_withheld_only_inside_the_passage(tree):
    recording = make(tree, [(5.0, 5.0, "", "dedans"), (6.0, 6.0, "", "après"), (4.0, 4.0, "", "avant")])
    texts = [text for _start, _end, text in shown(recording, (4.5, 6.0))]
    assert texts == ["avant", "GAP", "après"]


def test_every_passage_gets_its_gap_and_neighbouring_ones_merge(tree):
    recording = make(tree)
    lines = shown(recording, (1.0, 2.0), (2.0, 3.0), (12.5, 13.0))
    assert lines == [(0.0, 4.0, "GAP"), (4.0, 8.0, LINES[1][3]), (8.0, 12.0, LINES[2][3]), (12.5, 13.0, "GAP")]


def test_the_gap_speaks_the_transcripts_language_else_the_visitors(tree):
    recording = make(tree)
    RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
    [gap] = [line for line in visible_segments(recording, recording.transcripts.get()) if line.withheld]
    assert gap.text == FR_GAP and gap.lang == "fr"

    tunisian = make(tree, language="aeb")
    RedactedRange.objects.create(recording=tunisian, start=4.5, end=6.0)
    with translation.override("de"):
        [gap] = [line for line in visible_segments(tunisian, tunisian.transcripts.get()) if line.withheld]
    assert gap.text == "[Passage zurückgehalten]" and gap.lang == "de"


def test_the_page_marks_the_gap_and_never_shows_the_passage(tree, client):
    recording = make(tree)
    RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
    html = client.get(recording.page.url).content.decode()
    assert "Karim" not in html
    assert "Je suis arrivée" in html and "le quai" in html
    assert "data-withheld" in html and f"<em>{FR_GAP}</em>" in html


def test_search_documents_carry_the_gap_not_the_passage(tree):
    recording = make(tree)
    RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
    texts = [segment["text"]["fr"] for segment in recording.page.search_segments()]
    assert texts == [LINES[0][3], FR_GAP, LINES[2][3]]
    assert [segment.text for _language, segment in public_segments(recording)] == texts


def test_the_api_marks_the_gap(tree, client):
    recording = make(tree)
    RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
    data = client.get(f"/api/v2/pages/{recording.page_id}/").json()
    [transcript] = data["recording"]["transcripts"]
    assert [segment["text"] for segment in transcript["segments"]] == [LINES[0][3], FR_GAP, LINES[2][3]]
    assert "Karim" not in str(data)


@pytest.mark.parametrize("surface", ["captions", "srt"])
def test_captions_mark_the_gap(tree, client, surface):
    from django.urls import reverse

    recording = make(tree)
    RedactedRange.objects.create(recording=recording, start=4.5, end=6.0)
    text = client.get(reverse(f"oral_histories:{surface}", args=[recording.pk, "fr"])).content.decode()
    assert "Karim" not in text and "Je suis arrivée" in text
    assert FR_GAP in text
