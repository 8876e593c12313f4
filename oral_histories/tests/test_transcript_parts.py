"""Long transcripts a part at a time (issue 16, ``oral_histories.transcript_parts``).

The page shows one window of time of its transcripts (at most ``part_lines()`` lines of
each) and reads only those rows; the part view serves the windows before and after,
asked and filtered as the page and the captions are. Nothing here times anything: the
tests count queries, rows and lines (the timings are in ``bench/oral_histories.py``).
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import pytest

from conftest import count_queries
from oral_histories.consent import visible_segments
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory
from oral_histories.models import RedactedRange, Scope, Segment, Transcript
from oral_histories.transcript_parts import lead_lines, page_transcripts, part_lines, window

pytestmark = pytest.mark.django_db

LINE = re.compile(r'<li class="oh-line( oh-line--withheld)?" data-start="([^"]+)"')


def make(tree, lines: int, *, duration: float | None = None, languages=("fr",), step: float = 3.6, **consent):
    """A public recording with ``lines`` lines in each of ``languages`` (the first the
    original), one every ``step`` seconds, each saying its language and number."""
    duration = duration or max(lines * step + 10, 60.0)
    page = OralHistoryPageFactory(parent=tree.oral_histories, title=f"Interview of {lines} lines")
    recording = RecordingFactory(page=page, duration=duration, **consent)
    for n, language in enumerate(languages):
        transcript = Transcript.objects.create(
            recording=recording, language=language, is_original=n == 0, source_format="webvtt"
        )
        Segment.objects.bulk_create(
            Segment(
                transcript=transcript,
                position=i,
                start=i * step,
                end=i * step + step,
                speaker="Fatma",
                text=f"{language}-line-{i:05d}",
            )
            for i in range(lines)
        )
    return recording


def part_url(recording, **params) -> str:
    return reverse("oral_histories:transcript_part", args=[recording.pk])


def starts(html: str) -> list[float]:
    return [float(start) for _withheld, start in LINE.findall(html)]


def page_lines(content: str, language: str) -> str:
    """One transcript's <ol> on the page."""
    found = re.search(rf'<section class="oh-transcript" data-oh-transcript="{language}".*?</ol>', content, re.S)
    return found.group(0) if found else ""


class TestThePageIsBounded:
    def test_70_and_2000_lines_cost_the_same_queries(self, client, tree):
        short, long = make(tree, 70, languages=("fr", "ar")), make(tree, 2000, languages=("fr", "ar"))
        client.get(short.page.url)  # caches warmed (site root, navigation)
        counts, contents = {}, {}
        for recording in (short, long):
            with count_queries() as queries:
                response = client.get(recording.page.url)
            assert response.status_code == 200
            counts[recording.pk], contents[recording.pk] = queries, response.content.decode()
        assert len(counts[short.pk]) == len(counts[long.pk]), "the same queries, whatever the length"
        assert len(LINE.findall(contents[short.pk])) == 2 * 70
        assert len(LINE.findall(contents[long.pk])) == 2 * part_lines()
        # Every read of transcript lines is bounded (a LIMIT), none reads the transcript whole.
        segment_reads = [sql for sql in counts[long.pk] if 'FROM "oral_histories_segment"' in sql]
        assert segment_reads and all("LIMIT" in sql for sql in segment_reads), segment_reads

    def test_2000_and_6000_lines_render_the_same_amount(self, client, tree):
        sizes = {}
        for lines in (2000, 6000):
            recording = make(tree, lines, step=1.0)
            client.get(recording.page.url)  # caches warmed (site root, navigation)
            with count_queries() as queries:
                content = client.get(recording.page.url).content.decode()
            sizes[lines] = (len(queries), len(LINE.findall(content)))
        assert sizes[2000] == sizes[6000] == (sizes[2000][0], part_lines())

    def test_a_short_transcript_is_whole_and_has_no_part_links(self, client, tree):
        recording = make(tree, 70)
        content = client.get(recording.page.url).content.decode()
        assert len(LINE.findall(content)) == 70
        assert "data-oh-next" not in content and "data-oh-previous" not in content
        assert "data-oh-part-url" not in content


class TestPartLinksWithoutJavaScript:
    @override_settings(HERITAGE_TRANSCRIPT_PART_LINES=40)
    def test_next_and_previous_parts_read_everything_once(self, client, tree):
        recording = make(tree, 130)
        url, seen, pages = recording.page.url, [], 0
        query = ""
        while True:
            content = client.get(url + query).content.decode()
            pages += 1
            seen += starts(page_lines(content, "fr"))
            found = re.search(
                r'<a class="oh-parts__link" href="([^"]*)#transcript-heading" rel="next" data-oh-next>', content
            )
            if not found:
                assert re.search(r"data-oh-next hidden>", content)
                break
            query = found.group(1).replace("&amp;", "&")
            assert query.startswith("?from=")
        assert pages == 4
        assert seen == [i * 3.6 for i in range(130)], "every line once, in order"
        # Back from the last part by "Previous part" links: the same lines, in the same parts.
        back = []
        while True:
            content = client.get(url + query).content.decode()
            back = starts(page_lines(content, "fr")) + back
            found = re.search(r'href="(\?until=[^"]*)#transcript-heading" rel="prev" data-oh-previous>', content)
            if not found:
                break
            query = found.group(1)
        assert back == seen

    @override_settings(HERITAGE_TRANSCRIPT_PART_LINES=40)
    def test_a_start_time_opens_the_part_that_holds_it(self, client, tree):
        recording = make(tree, 130)
        content = client.get(recording.page.url, {"t": "5:00"}).content.decode()  # line 83 starts at 298.8
        shown = starts(page_lines(content, "fr"))
        assert shown[0] == pytest.approx((83 - lead_lines(40)) * 3.6), "the line, and what led to it"
        assert 83 * 3.6 in shown
        assert len(shown) == 40
        assert re.search(r'rel="prev" data-oh-previous>', content), "and the way back"
        assert 'data-start-at="300' in content
        # Near the start, the first part: a short transcript is never cut for a ?t=.
        content = client.get(recording.page.url, {"t": "0:30"}).content.decode()
        assert starts(page_lines(content, "fr"))[0] == 0.0 and "data-oh-previous hidden" in content
        short = make(tree, 30)
        content = client.get(short.page.url, {"t": "100"}).content.decode()
        assert len(starts(page_lines(content, "fr"))) == 30 and "data-oh-part-url" not in content

    def test_the_part_label_says_where_it_is(self, client, tree):
        recording = make(tree, 400, duration=4000.0, step=9.0)
        content = client.get(recording.page.url).content.decode()
        end = part_lines() * 9.0
        assert (
            f"Transcript from 0:00:00 to {int(end) // 3600}:{int(end) // 60 % 60:02d}:{int(end) % 60:02d} of 1:06:40"
            in content
        )


class TestWindows:
    """Windows tile a transcript: read part after part, they give what
    ``visible_segments`` gives the whole transcript, withheld passages and all."""

    def tiles(self, recording, size: int, *, backward: bool = False, bounded: bool = True):
        transcripts = list(page_transcripts(recording))
        got = {t.pk: [] for t in transcripts}
        ranges = recording.redacted_ranges()
        if backward:
            part = window(recording, transcripts, ranges=ranges, until=recording.duration + 1, size=size)
            while True:
                for t in transcripts:
                    got[t.pk] = part.lines[t.pk] + got[t.pk]
                if not part.has_previous:
                    break
                part = window(recording, transcripts, ranges=ranges, until=part.start, size=size)
        else:
            part = window(recording, transcripts, ranges=ranges, size=size)
            while True:
                for t in transcripts:
                    got[t.pk] += part.lines[t.pk]
                    assert not bounded or len([line for line in part.lines[t.pk] if not line.withheld]) <= size
                if not part.has_next:
                    break
                part = window(recording, transcripts, ranges=ranges, start=part.end, size=size)
        for t in transcripts:
            whole = visible_segments(recording, t, ranges=ranges)
            assert [(line.start, line.text, line.withheld) for line in got[t.pk]] == [
                (line.start, line.text, line.withheld) for line in whole
            ]
            assert [line.end for line in got[t.pk] if line.withheld] == [line.end for line in whole if line.withheld]

    @pytest.mark.parametrize("backward", [False, True])
    def test_with_redactions_lines_without_ends_and_uneven_translations(self, tree, backward):
        recording = make(tree, 0, duration=400.0, languages=())
        original = Transcript.objects.create(recording=recording, language="fr", is_original=True, source_format="x")
        translation = Transcript.objects.create(recording=recording, language="ar", source_format="x")
        # The original: a line every 2 s, some without an end, two at one instant.
        Segment.objects.bulk_create(
            Segment(
                transcript=original, position=i, start=i * 2.0, end=None if i % 5 == 0 else i * 2.0 + 1.5, text=f"o{i}"
            )
            for i in range(150)
        )
        Segment.objects.create(transcript=original, position=150, start=40.0, end=41.0, text="o-same-instant")
        # The translation: denser at the start, sparser later.
        Segment.objects.bulk_create(
            Segment(transcript=translation, position=i, start=i * 0.5 if i < 60 else 30 + (i - 60) * 7.0, text=f"t{i}")
            for i in range(90)
        )
        for start, end in ((33.0, 37.5), (101.2, 101.4), (250.0, 262.0), (395.0, 399.0)):
            RedactedRange.objects.create(recording=recording, start=start, end=end)
        self.tiles(recording, 7, backward=backward)
        self.tiles(recording, 50, backward=backward)

    def test_many_lines_at_one_instant_are_never_cut(self, tree):
        recording = make(tree, 0, duration=100.0, languages=())
        transcript = Transcript.objects.create(recording=recording, language="fr", is_original=True, source_format="x")
        Segment.objects.bulk_create(
            Segment(transcript=transcript, position=i, start=10.0 if 5 <= i < 25 else float(i), end=None, text=f"l{i}")
            for i in range(60)
        )
        self.tiles(recording, 6, bounded=False)  # the window at 10 s holds all 20
        self.tiles(recording, 6, backward=True)

    def test_a_window_reads_only_its_rows(self, tree):
        recording = make(tree, 3000, step=1.0)
        transcripts = list(page_transcripts(recording))
        with count_queries() as queries:
            part = window(recording, transcripts, ranges=[], start=1200.0, size=100)
        assert [line.start for line in part.lines[transcripts[0].pk]] == [float(n) for n in range(1200, 1300)]
        assert part.has_previous and part.end == 1300.0
        assert len(queries) == 2, queries  # the rows (LIMIT 101) and whether anything comes before
        assert "LIMIT 101" in queries[0]

    def test_footnotes_of_lines_in_other_parts_stay_listed(self, tree):
        recording = make(tree, 400, duration=2000.0)
        transcript = recording.transcripts.get()
        transcript.footnotes = [
            {"number": "1", "text": "Early", "url": "", "lines": [3]},
            {"number": "2", "text": "Late", "url": "", "lines": [390]},
            {"number": "3", "text": "Withheld", "url": "", "lines": [300]},
        ]
        transcript.save()
        RedactedRange.objects.create(recording=recording, start=300 * 3.6 + 1, end=300 * 3.6 + 2)
        part = window(recording, [transcript], size=50)
        assert [note["number"] for note in part.notes[transcript.pk]] == ["1", "2"]
        assert [line.footnote_numbers for line in part.lines[transcript.pk] if line.position == 3] == [["1"]]


class TestThePartView:
    @override_settings(HERITAGE_TRANSCRIPT_PART_LINES=25)
    def test_answers_the_next_part_in_the_pages_markup(self, client, tree):
        recording = make(tree, 100, languages=("fr", "ar"))
        response = client.get(part_url(recording), {"from": repr(25 * 3.6)})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        data = response.json()
        assert data["from"] == 25 * 3.6 and data["until"] == 50 * 3.6 and data["has_previous"]
        assert set(data["transcripts"]) == {"fr", "ar"}
        fr = data["transcripts"]["fr"]
        assert starts(fr) == [i * 3.6 for i in range(25, 50)]
        assert "fr-line-00025" in fr and "fr-line-00024" not in fr and "fr-line-00050" not in fr
        assert 'href="?t=90#player"' in fr and 'data-seek="90.0"' in fr
        assert 'lang="en"' in fr and "Play from" in fr
        assert parse_qs(urlsplit(data["next"]).query) == {"from": [repr(50 * 3.6)]}
        assert data["page_next"] == f"?from={repr(50 * 3.6)}" and data["page_previous"] == f"?until={repr(25 * 3.6)}"
        assert data["announce"] and data["label"]
        # The page's own part is the same markup.
        page = client.get(recording.page.url, {"from": repr(25 * 3.6)}).content.decode()
        assert re.sub(r"\s+", " ", fr).strip() in re.sub(r"\s+", " ", page_lines(page, "fr"))

    @override_settings(HERITAGE_TRANSCRIPT_PART_LINES=25)
    def test_the_part_before_a_moment_and_one_language(self, client, tree):
        recording = make(tree, 100, languages=("fr", "ar"))
        data = client.get(part_url(recording), {"until": repr(25 * 3.6)}).json()
        assert data["from"] == 0 and not data["has_previous"] and data["previous"] is None
        assert starts(data["transcripts"]["fr"]) == [i * 3.6 for i in range(25)]
        data = client.get(part_url(recording), {"at": "200", "language": "ar"}).json()
        assert list(data["transcripts"]) == ["ar"]
        shown = starts(data["transcripts"]["ar"])
        assert 55 * 3.6 in shown, "the line heard at 200 s"
        assert shown[0] == pytest.approx((55 - lead_lines(25)) * 3.6)
        last = client.get(part_url(recording), {"from": repr(75 * 3.6)}).json()
        assert last["until"] is None and last["next"] is None
        assert "fr-line-00099" in last["transcripts"]["fr"]

    def test_bad_bounds_are_refused_and_unknown_languages_are_not_found(self, client, tree):
        recording = make(tree, 10)
        for value in ("soon", "-3", "nan", "inf"):
            response = client.get(part_url(recording), {"from": value})
            assert response.status_code == 400, value
            assert response.json()["error"]["param"] == "from"
        assert client.get(part_url(recording), {"language": "de"}).status_code == 404
        assert client.get(reverse("oral_histories:transcript_part", args=[987654])).status_code == 404

    def test_redacted_passages_are_left_out_and_marked(self, client, tree):
        recording = make(tree, 300, languages=("fr", "ar"))
        RedactedRange.objects.create(recording=recording, start=200 * 3.6 + 0.5, end=202 * 3.6 + 1.0, reason="A name")
        data = client.get(part_url(recording), {"at": "700"}).json()
        for language, html in data["transcripts"].items():
            assert f"{language}-line-00199" in html and f"{language}-line-00203" in html
            for withheld in (200, 201, 202):
                assert f"{language}-line-{withheld:05d}" not in html
            assert html.count("data-withheld") == 1
            assert "[passage withheld]" in html or "withheld" in html
        page = client.get(recording.page.url, {"t": "700"}).content.decode()
        assert "fr-line-00201" not in page and "fr-line-00199" in page


CLOSED = {
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
}


class TestClosedMaterialNeverLeaks:
    """The part view refuses what the captions refuse, with the same status."""

    def both(self, client, recording) -> tuple[int, int, bytes]:
        captions = client.get(reverse("oral_histories:captions", args=[recording.pk, "fr"]))
        part = client.get(part_url(recording), {"from": "0"})
        return captions.status_code, part.status_code, part.content

    @pytest.mark.parametrize("kind", CLOSED)
    def test_closed_consent(self, client, tree, kind):
        consent = dict(CLOSED[kind])
        if kind == "community":
            consent["community"] = CommunityFactory(slug="quay")
        recording = make(tree, 400, **consent)
        captions, part, content = self.both(client, recording)
        assert captions == part == 404
        assert b"fr-line" not in content

    def test_a_community_member_reads_what_a_visitor_may_not(self, client, tree):
        community = CommunityFactory(slug="quay")
        recording = make(tree, 400, scope=Scope.COMMUNITY, community=community)
        member = get_user_model().objects.create_user(username="amel", password="pw")
        member.groups.add(community.members)
        assert self.both(client, recording)[:2] == (404, 404)
        client.force_login(member)
        captions, part, content = self.both(client, recording)
        assert captions == part == 200 and b"fr-line-00000" in content

    def test_a_draft_page(self, client, tree):
        recording = make(tree, 400)
        Page.objects.get(pk=recording.page_id).specific.unpublish()
        captions, part, content = self.both(client, recording)
        assert captions == part == 404 and b"fr-line" not in content

    def test_a_page_under_an_unpublished_section_or_a_password(self, client, tree):
        recording = make(tree, 400)
        PageViewRestriction.objects.create(page=tree.oral_histories, restriction_type="password", password="x")
        captions, part, content = self.both(client, recording)
        assert captions == part == 404 and b"fr-line" not in content

    def test_withdrawn_after_the_page_was_read(self, client, tree):
        recording = make(tree, 400)
        assert self.both(client, recording)[:2] == (200, 200)
        recording.withdrawn_at = timezone.now()
        recording.save()
        captions, part, content = self.both(client, recording)
        assert captions == part == 404 and b"fr-line" not in content

    def test_a_recording_awaiting_review(self, client, tree):
        recording = make(tree, 400)
        if not hasattr(recording, "awaiting_review"):
            pytest.skip("no review of added recordings in this version")
        recording.awaiting_review = True
        recording.save()
        captions, part, content = self.both(client, recording)
        assert captions == part == 404 and b"fr-line" not in content

    def test_a_transcript_staged_for_review_is_never_served(self, client, tree):
        """A historian's transcript waiting for the curators (``Transcript.staged_in``):
        neither the page nor the part view has it, in a new language or in place of one."""
        from oral_histories import models

        PendingChange = getattr(models, "PendingChange", None)  # noqa: N806 (a model)
        if PendingChange is None or not hasattr(Transcript, "all_objects"):
            pytest.skip("no staged transcripts in this version")
        recording = make(tree, 400)
        change = PendingChange.objects.create(recording=recording)
        for language in ("de", "fr"):
            staged = Transcript.all_objects.create(
                recording=recording, language=language, source_format="webvtt", staged_in=change
            )
            Segment.objects.create(transcript=staged, position=0, start=0.0, end=1.0, text=f"staged-{language}-secret")
        page = client.get(recording.page.url).content.decode()
        part = client.get(part_url(recording), {"from": "0"})
        text = page + part.content.decode()
        assert "staged-" not in text and "fr-line-00000" in page
        assert set(part.json()["transcripts"]) == {"fr"} and "fr-line-00000" in part.json()["transcripts"]["fr"]
        assert client.get(part_url(recording), {"language": "de"}).status_code == 404

    def test_only_the_transcripts_the_page_shows(self, client, tree):
        recording = make(tree, 400, languages=("fr", "ar"))
        shown = {t.language for t in page_transcripts(recording)}
        data = client.get(part_url(recording), {"from": "0"}).json()
        assert set(data["transcripts"]) == shown
        page = client.get(recording.page.url).content.decode()
        assert {language for language in shown if f'data-oh-transcript="{language}"' in page} == shown
