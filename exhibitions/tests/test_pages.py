"""What visitors see of exhibitions: the index and its filters, an exhibition's credits,
venues, table of contents and neighbours, its story blocks (nothing closed shown, no
recording heard against its narrator's consent), and partner city pages listing the
exhibitions that travel there."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from exhibitions.factories import (
    CuratorCreditFactory,
    ExhibitionPageFactory,
    ExhibitionVenueFactory,
    chapter,
    clip,
    paragraph,
    showcase,
    story,
)
from heritage.factories import ImageFactory, InstitutionFactory, PartnerCityPageFactory, PersonFactory
from oral_histories.factories import CommunityFactory, OralHistoryPageFactory, RecordingFactory, TranscriptFactory
from oral_histories.models import Scope


@pytest.fixture
def partners(tree):
    """Marseille (the tree's city and museum), Sfax with its library, and Hamburg, which
    only hosts a venue."""
    sfax = PartnerCityPageFactory(parent=tree.partners, title="Sfax", slug="sfax", country_en="Tunisia")
    library = InstitutionFactory(city=sfax, code="sfax-library", name_en="Sfax Municipal Library")
    hamburg = PartnerCityPageFactory(parent=tree.partners, title="Hamburg", slug="hamburg", country_en="Germany")
    return {"marseille": tree.city, "sfax": sfax, "hamburg": hamburg, "museum": tree.institution, "library": library}


@pytest.fixture
def crossings(tree, partners):
    """A joint exhibition: co-curated in Marseille and Sfax, shown in Marseille (past), in
    Sfax (now) and coming to Hamburg; two curators; a story in three chapters, two of
    them with the same title."""
    exhibition = ExhibitionPageFactory(
        parent=tree.exhibitions,
        title="Crossings",
        slug="crossings",
        co_curators=[partners["museum"], partners["library"]],
        body_en=story(
            chapter("Arrivals by sea", anchor="arrivals", institution=partners["museum"]),
            paragraph("<p>Ships from Tunis reached the old port every week.</p>"),
            chapter("Letters home", institution=partners["library"]),
            paragraph("<p>Families wrote every Sunday.</p>"),
            chapter("Letters home"),
        ),
    )
    ExhibitionVenueFactory(exhibition=exhibition, city=partners["marseille"], venue_en="Fort Saint-Jean", past=True)
    ExhibitionVenueFactory(exhibition=exhibition, city=partners["sfax"], venue_en="Dar Jellouli")
    ExhibitionVenueFactory(exhibition=exhibition, city=partners["hamburg"], venue_en="Museum am Hafen", upcoming=True)
    CuratorCreditFactory(
        exhibition=exhibition,
        person=PersonFactory(name_en="Claire Martin"),
        institution=partners["museum"],
        role_en="Lead curator",
    )
    CuratorCreditFactory(
        exhibition=exhibition,
        person=PersonFactory(name_en="Sami Trabelsi"),
        institution=partners["library"],
        role_en="Oral histories",
    )
    exhibition.refresh_from_db()
    return exhibition


def _exhibition(tree, title, *, institutions, venues=()):
    exhibition = ExhibitionPageFactory(parent=tree.exhibitions, title=title, co_curators=list(institutions))
    for city, when in venues:
        ExhibitionVenueFactory(exhibition=exhibition, city=city, **({when: True} if when else {}))
    exhibition.refresh_from_db()
    return exhibition


def _html(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _titles(response) -> list[str]:
    return [str(exhibition.title) for exhibition in response.context["exhibitions"]]


# --- The index --------------------------------------------------------------------------------


class TestIndexFilters:
    @pytest.fixture
    def others(self, tree, partners):
        """Besides Crossings (Marseille + Sfax; Hamburg next): one that only Marseille
        curates and that is over, one that opens later in Marseille."""
        return {
            "harbour": _exhibition(
                tree, "Harbour Lights", institutions=[partners["museum"]], venues=[(partners["marseille"], "past")]
            ),
            "songs": _exhibition(
                tree,
                "Songs of the Quay",
                institutions=[partners["museum"]],
                venues=[(partners["marseille"], "upcoming")],
            ),
        }

    def test_every_exhibition_is_listed_with_its_status_and_the_cities_it_travels_to(
        self, client, tree, crossings, others
    ):
        response = client.get(tree.exhibitions.url)
        assert sorted(_titles(response)) == ["Crossings", "Harbour Lights", "Songs of the Quay"]
        html = response.content.decode()
        card = html[html.index(">Crossings<") :]
        card = card[: card.index("</li>")]
        assert "Now showing" in card
        assert "Travelling to Marseille, Sfax, Hamburg" in card
        assert "Sfax Municipal Library (Sfax)" in card
        assert 'class="status-badge status-badge--past">Past<' in html
        assert 'class="status-badge status-badge--upcoming">Coming soon<' in html
        assert "3 exhibitions" in html

    def test_a_city_finds_what_its_institutions_co_curate(self, client, tree, crossings, others):
        response = client.get(tree.exhibitions.url, {"city": "sfax"})
        assert _titles(response) == ["Crossings"]
        assert response.context["filter_city"].pk == crossings.co_curators.get(code="sfax-library").city_id

    def test_a_city_finds_what_travels_to_it_without_co_curating(self, client, tree, crossings, others):
        response = client.get(tree.exhibitions.url, {"city": "hamburg"})
        assert _titles(response) == ["Crossings"]
        assert '<option value="hamburg" selected>Hamburg</option>' in response.content.decode()

    @pytest.mark.parametrize(
        ("status", "expected"),
        [("current", ["Crossings"]), ("past", ["Harbour Lights"]), ("upcoming", ["Songs of the Quay"])],
    )
    def test_status_filter(self, client, tree, crossings, others, status, expected):
        response = client.get(tree.exhibitions.url, {"status": status})
        assert _titles(response) == expected
        assert f'<option value="{status}" selected>' in response.content.decode()

    def test_city_and_status_together(self, client, tree, crossings, others):
        assert _titles(client.get(tree.exhibitions.url, {"city": "marseille", "status": "past"})) == ["Harbour Lights"]

    def test_nothing_matching_says_which_filters_matched_nothing_and_how_to_clear_them(
        self, client, tree, crossings, others
    ):
        html = _html(client, tree.exhibitions.url, city="hamburg", status="past")
        assert "No exhibition co-curated in or travelling to Hamburg is “Past”." in html
        assert "0 exhibitions linked to Hamburg, Past" in html
        assert f'href="{tree.exhibitions.url}">Clear the filters and show every exhibition</a>' in html
        html = _html(client, tree.exhibitions.url, city="hamburg", status="")
        assert "No exhibition co-curated" not in html

    def test_bad_filter_values_are_ignored(self, client, tree, crossings, others):
        response = client.get(tree.exhibitions.url, {"city": "atlantis", "status": "someday"})
        assert response.status_code == 200
        assert len(_titles(response)) == 3
        assert response.context["filtered"] is False
        html = response.content.decode()
        assert " selected" not in html.split('id="filter-city"')[1].split("</form>")[0]
        assert "Clear filters" not in html

    def test_the_filter_form_works_without_javascript(self, client, tree, crossings):
        html = _html(client, tree.exhibitions.url)
        start = html.index('<form class="filters')
        form = html[start : html.index("</form>", start)]
        assert 'method="get"' in form
        assert '<label for="filter-city">' in form and '<select id="filter-city" name="city">' in form
        assert '<label for="filter-status">' in form and '<select id="filter-status" name="status">' in form
        assert '<button type="submit" class="button">Apply filters</button>' in form

    def test_drafts_and_private_exhibitions_are_not_listed(self, client, tree, crossings, partners):
        draft = _exhibition(tree, "Draft show", institutions=[partners["museum"]])
        draft.unpublish()
        private = _exhibition(tree, "Members only", institutions=[partners["museum"]])
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        assert _titles(client.get(tree.exhibitions.url)) == ["Crossings"]


# --- The exhibition page ---------------------------------------------------------------------------


class TestExhibitionPage:
    def test_partners_with_their_cities_and_curator_credits(self, client, crossings):
        html = _html(client, crossings.url)
        assert "Museum of Harbour Memories (Marseille)" in html
        assert "Sfax Municipal Library (Sfax)" in html
        credits = re.sub(r"<[^>]+>", "", html[html.index("<h3>Curators</h3>") : html.index("<h3>Venues</h3>")])
        assert "Claire Martin — Lead curator, Museum of Harbour Memories" in credits
        assert "Sami Trabelsi — Oral histories, Sfax Municipal Library" in credits

    def test_venues_with_their_status_and_dates(self, client, crossings):
        html = _html(client, crossings.url)
        venues = html[html.index('<ul class="plain-list venues">') :]
        venues = venues[: venues.index("</ul>")]
        items = venues.split("<li")[1:]
        assert [re.search(r"<strong>(\w+)</strong>", item).group(1) for item in items] == [
            "Marseille",
            "Sfax",
            "Hamburg",
        ]
        assert [re.search(r'status-badge--\w+">([^<]+)<', item).group(1) for item in items] == [
            "Past",
            "Now showing",
            "Coming soon",
        ]
        sfax = crossings.venues.get(venue_en="Dar Jellouli")
        assert f'<time datetime="{sfax.opens_on:%Y-%m-%d}">' in items[1]
        assert f'<time datetime="{sfax.closes_on:%Y-%m-%d}">' in items[1]
        # The header: the exhibition is showing now, from its first opening to its last closing.
        start = html.index('class="exhibition-header__when"')
        header = html[start : html.index("</header>", start)]
        assert "Now showing" in header
        assert f'datetime="{crossings.opens_on:%Y-%m-%d}"' in header
        assert f'datetime="{crossings.closes_on:%Y-%m-%d}"' in header

    def test_table_of_contents_links_to_each_chapter_by_a_unique_anchor(self, client, crossings):
        html = _html(client, crossings.url)
        toc = html[html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))]
        assert 'aria-labelledby="toc-heading"' in toc
        links = re.findall(r'<a class="toc__link" href="#([^"]+)">([^<]+)</a>', toc)
        assert links == [
            ("arrivals", "Arrivals by sea"),
            ("letters-home", "Letters home"),
            ("letters-home-2", "Letters home"),
        ]
        for anchor, text in links:
            assert re.search(rf'<h2 class="chapter-heading__title" id="{anchor}" tabindex="-1">{text}</h2>', html)
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), "every id on the page is unique"
        assert "Written by Museum of Harbour Memories" in html
        assert "Written by Sfax Municipal Library" in html

    def test_headings_go_in_order(self, client, crossings):
        html = _html(client, crossings.url)
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels

    def test_previous_and_next_exhibitions(self, client, tree, crossings, partners):
        # Newest first, as in the index: "previous" opened later, "next" earlier.
        newer = _exhibition(tree, "Newer", institutions=[partners["museum"]], venues=[(partners["sfax"], "upcoming")])
        older = _exhibition(tree, "Older", institutions=[partners["museum"]])
        ExhibitionVenueFactory(
            exhibition=older,
            city=partners["sfax"],
            opens_on=datetime.date(1999, 1, 1),
            closes_on=datetime.date(1999, 6, 1),
        )
        html = _html(client, crossings.url)
        pager = html[html.index('class="container exhibition-pager"') :]
        assert re.search(rf'href="{newer.url}" rel="prev">.*Previous exhibition.*Newer', pager, re.S)
        assert re.search(rf'href="{older.url}" rel="next">.*Next exhibition.*Older', pager, re.S)
        first = _html(client, newer.url)
        assert 'rel="prev"' not in first and 'rel="next"' in first

    def test_a_showcase_shows_only_published_public_artifacts(self, client, tree, crossings):
        shown = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Oud from Tunis")
        ArtifactImageFactory(page=shown, image=ImageFactory(), alt_text_en="An oud with a rose carved in its top")
        draft = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Unfinished record")
        draft.unpublish()
        private = ArtifactPageFactory(parent=tree.collection, institution=tree.institution, title="Family secret")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
        crossings.body_en = story(
            showcase(shown, draft, private, heading="Objects", captions=("Played on the crossing.", "", ""))
        )
        crossings.save()
        html = _html(client, crossings.url)
        assert "Oud from Tunis" in html and "Played on the crossing." in html
        assert 'alt="An oud with a rose carved in its top"' in html
        assert "Museum of Harbour Memories, Marseille" in html
        assert "Unfinished record" not in html
        assert "Family secret" not in html
        # Its image comes in exactly the renditions the block prefetches.
        assert re.search(r'srcset="[^"]*\.fill-480x360\.[^"]* \d+w, [^"]*\.fill-960x720\.[^"]* \d+w"', html)

    def test_the_story_falls_back_to_english_and_says_so(self, client, crossings):
        html = _html(client, crossings.url.replace("/en/", "/ar/"))
        assert '<html lang="ar" dir="rtl">' in html
        assert 'class="story" lang="en" dir="ltr"' in html
        assert "Arrivals by sea" in html


# --- Oral-history clips ---------------------------------------------------------------------------

LINES = [
    (0.0, 4.0, "Fatma", "Je suis arrivée au port en 1962."),
    (4.0, 8.0, "Fatma", "Mon voisin venait de Sfax."),
    (8.0, 12.0, "Fatma", "Nous chantions le soir sur le quai."),
    (12.0, 16.0, "Fatma", "Puis nous sommes partis pour Hambourg."),
]


def _clip_page(tree, crossings, *, start="0:05", end="0:11", **consent):
    page = OralHistoryPageFactory(parent=tree.oral_histories, title="The quay at night", slug="quay")
    page.narrators.add(PersonFactory(name_en="Fatma Ben Salah"))
    page.save()
    recording = RecordingFactory(page=page, duration=16.0, **consent)
    TranscriptFactory(recording=recording, language="fr", lines=LINES)
    crossings.body_en = story(chapter("Voices"), clip(page, start=start, end=end, introduction="Why the quay."))
    crossings.save()
    return recording


CLOSED = {
    "restricted": {"scope": Scope.RESTRICTED},
    "community": {"scope": Scope.COMMUNITY},
    "embargoed": {"scope": Scope.PUBLIC, "embargo_until": datetime.date(2099, 1, 1)},
    "withdrawn": {"scope": Scope.PUBLIC, "withdrawn_at": datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)},
}


class TestClips:
    def test_a_public_clip_plays_its_window_and_shows_only_the_lines_inside_it(self, client, tree, crossings):
        recording = _clip_page(tree, crossings, scope=Scope.PUBLIC)
        html = _html(client, crossings.url)
        assert f'src="/en/recordings/{recording.pk}/media#t=5,11"' in html
        assert "<audio" in html
        assert "Mon voisin venait de Sfax." in html  # 4–8: overlaps the start
        assert "Nous chantions le soir sur le quai." in html  # 8–12: overlaps the end
        assert "Je suis arrivée au port en 1962." not in html  # 0–4: before
        assert "Puis nous sommes partis pour Hambourg." not in html  # 12–16: after
        assert 'class="clip__lines" aria-labelledby="clip-1-transcript" lang="fr" dir="ltr"' in html
        assert 'href="/en/oral-histories/quay/?t=5#player"' in html
        assert "Told by Fatma Ben Salah" in html
        assert "Why the quay." in html
        assert "/static/exhibitions/clip.js" in html

    @pytest.mark.parametrize("kind", CLOSED)
    def test_a_closed_recording_is_neither_heard_nor_read(self, client, tree, crossings, kind):
        consent = dict(CLOSED[kind])
        if kind == "community":
            consent["community"] = CommunityFactory(slug="tunisians-of-marseille")
        recording = _clip_page(tree, crossings, **consent)
        html = _html(client, crossings.url)
        assert "<audio" not in html and "<video" not in html
        assert f"/recordings/{recording.pk}/" not in html
        for _start, _end, _speaker, text in LINES:
            assert text not in html
        assert 'class="clip clip--closed notice"' in html
        if kind == "withdrawn":
            assert "withdrawn at the narrator&#x27;s request" in html
            assert "The quay at night" not in html, "a withdrawn recording is gone everywhere, its title too"
        else:
            assert 'href="/en/oral-histories/quay/">The quay at night</a>' in html

    def test_a_clip_of_an_unpublished_oral_history_shows_nothing(self, client, tree, crossings):
        recording = _clip_page(tree, crossings, scope=Scope.PUBLIC)
        recording.page.unpublish()
        html = _html(client, crossings.url)
        assert "The quay at night" not in html
        assert "data-clip" not in html and "clip--closed" not in html

    def test_a_clip_under_an_unpublished_section_shows_nothing(self, client, tree, crossings):
        """The oral history is live, but its section is not: closed, as everywhere else."""
        _clip_page(tree, crossings, scope=Scope.PUBLIC)
        type(tree.oral_histories).objects.filter(pk=tree.oral_histories.pk).update(live=False)
        html = _html(client, crossings.url)
        assert "The quay at night" not in html
        assert "data-clip" not in html and "Mon voisin venait de Sfax." not in html

    def test_a_community_member_hears_a_community_clip(self, client, tree, crossings, django_user_model):
        community = CommunityFactory(slug="tunisians-of-marseille")
        _clip_page(tree, crossings, scope=Scope.COMMUNITY, community=community)
        member = django_user_model.objects.create_user(username="amel", password="pw")
        member.groups.add(community.members)
        client.force_login(member)
        html = _html(client, crossings.url)
        assert "<audio" in html and "Mon voisin venait de Sfax." in html


# --- Partner city pages ----------------------------------------------------------------------------


class TestCityPages:
    def test_a_city_lists_the_exhibitions_that_travel_to_it(self, client, tree, crossings, partners):
        html = _html(client, partners["hamburg"].url)
        assert ">Crossings</a>" in html
        assert 'status-badge--current">Now showing<' in html
        assert "/static/exhibitions/exhibition.css" in html

    def test_a_city_lists_what_its_institutions_co_curate_once_and_no_drafts(self, client, tree, crossings, partners):
        draft = _exhibition(tree, "Draft show", institutions=[partners["library"]], venues=[(partners["sfax"], None)])
        draft.unpublish()
        html = _html(client, partners["sfax"].url)
        assert html.count(">Crossings</a>") == 1  # co-curated and shown there: listed once
        assert "Draft show" not in html
        assert ">Crossings</a>" not in _html(
            client, PartnerCityPageFactory(parent=tree.partners, title="Tunis", slug="tunis").url
        )

    def test_the_city_listing_costs_the_same_with_more_exhibitions(self, client, tree, partners):
        hamburg = partners["hamburg"]
        first = _exhibition(tree, "First", institutions=[partners["museum"]], venues=[(hamburg, None)])
        first.hero_image = ImageFactory()
        first.save()
        client.get(hamburg.url)
        with CaptureQueriesContext(connection) as one:
            client.get(hamburg.url)
        for n in range(4):
            city = PartnerCityPageFactory(parent=tree.partners)
            exhibition = _exhibition(
                tree,
                f"More {n}",
                institutions=[partners["museum"], InstitutionFactory(city=city)],
                venues=[(hamburg, "upcoming"), (city, "past")],
            )
            exhibition.hero_image = ImageFactory()
            exhibition.save()
        client.get(hamburg.url)
        with CaptureQueriesContext(connection) as five:
            html = client.get(hamburg.url).content.decode()
        assert html.count('class="card exhibition-card"') == 5
        assert len(five.captured_queries) <= len(one.captured_queries)
