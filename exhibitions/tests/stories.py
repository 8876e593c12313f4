"""A joint exhibition with a long story, for the query-count test and bench/pages.py.

``build_story(tree, ...)`` adds the artifacts, recordings, images, places and a second
partner city it needs under the ``tree`` fixture's site, and returns the published
exhibition. With the defaults the story has 30 blocks: 10 artifacts in 5 showcases,
3 oral-history clips, a map, a gallery of 12 images, a timeline, parallel
perspectives, and chapter headings, paragraphs and quotes between them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from archive.factories import ArtifactImageFactory, ArtifactPageFactory
from heritage.factories import ImageFactory, InstitutionFactory, PartnerCityPageFactory, PlaceFactory
from oral_histories.factories import OralHistoryPageFactory, RecordingFactory, TranscriptFactory

from ..models import ExhibitionPage, ExhibitionVenue


def _filler(kind: str, n: int) -> dict:
    if kind == "heading":
        return {"type": "heading", "value": {"text": f"Chapter {n}", "anchor": "", "institution": None}}
    if kind == "quote":
        return {"type": "quote", "value": {"text": f"Words {n}", "attribution": "A narrator", "language": ""}}
    return {"type": "paragraph", "value": f"<p>Paragraph {n} of the story.</p>"}


def build_story(
    tree,
    *,
    artifacts: int = 10,
    per_showcase: int = 2,
    clips: int = 3,
    gallery: int = 12,
    blocks: int = 30,
    parent=None,
) -> ExhibitionPage:
    """A published exhibition whose story has ``blocks`` blocks (fillers make up the count)."""
    if not tree.city.latitude:
        tree.city.latitude, tree.city.longitude = Decimal("43.2965"), Decimal("5.3698")
        tree.city.save_revision().publish()
    other = PartnerCityPageFactory(
        parent=tree.partners, latitude=Decimal("36.8065"), longitude=Decimal("10.1815"), country_code="TN"
    )
    partner = InstitutionFactory(city=other)

    body: list[dict] = []
    items = []
    for _ in range(artifacts):
        artifact = ArtifactPageFactory(parent=tree.collection, institution=tree.institution)
        ArtifactImageFactory(page=artifact)
        items.append({"artifact": artifact.pk, "caption": "Look at the handle."})
    for start in range(0, len(items), per_showcase):
        body.append(
            {"type": "artifact_showcase", "value": {"heading": "", "items": items[start : start + per_showcase]}}
        )

    for n in range(clips):
        page = OralHistoryPageFactory(parent=tree.oral_histories)
        recording = RecordingFactory(page=page, duration=60.0)
        TranscriptFactory(
            recording=recording,
            language="en",
            lines=[(float(s), float(s + 5), "Narrator", f"Line at {s} s of clip {n}.") for s in range(0, 60, 5)],
        )
        body.append(
            {
                "type": "oral_history_clip",
                "value": {"oral_history": page.pk, "start": "0:10", "end": "0:30", "introduction": ""},
            }
        )

    places = [PlaceFactory(latitude=Decimal("43.29") + n, longitude=Decimal("5.37") + n) for n in range(3)]
    body.append(
        {
            "type": "map",
            "value": {
                "heading": "Routes",
                "places": [place.pk for place in places],
                "routes": [{"origin": tree.city.pk, "destination": other.pk, "label": "Ferry"}],
                "caption": "",
            },
        }
    )
    if gallery:
        images = [ImageFactory() for _ in range(gallery)]
        body.append(
            {
                "type": "gallery",
                "value": {
                    "heading": "",
                    "images": [
                        {"image": image.pk, "alt_text": f"Image {n}", "caption": "", "credit": ""}
                        for n, image in enumerate(images)
                    ],
                },
            }
        )
    body.append(
        {
            "type": "timeline",
            "value": {
                "heading": "",
                "events": [
                    {"year": 1960 + n, "date_label": "", "title": f"Event {n}", "text": "", "city": tree.city.pk}
                    for n in range(4)
                ],
            },
        }
    )
    body.append(
        {
            "type": "parallel_perspectives",
            "value": {
                "heading": "",
                "voices": [
                    {
                        "speaker": "A",
                        "city": tree.city.pk,
                        "institution": None,
                        "language": "fr",
                        "text": "Le quai.",
                        "translation": "The quay.",
                    },
                    {
                        "speaker": "B",
                        "city": other.pk,
                        "institution": partner.pk,
                        "language": "aeb",
                        "text": "البابور",
                        "translation": "The ship.",
                    },
                ],
            },
        }
    )
    n = 0
    while len(body) < blocks:
        body.insert(min(len(body), 2 * n), _filler(("heading", "paragraph", "quote")[n % 3], n))
        n += 1

    number = ExhibitionPage.objects.count() + 1
    exhibition = ExhibitionPage(title=f"Story {number}", slug=f"story-{number}", introduction_en="Two cities.")
    exhibition.body = body
    exhibition.venues = [
        ExhibitionVenue(city=tree.city, venue="Fort", opens_on=datetime.date.today() - datetime.timedelta(days=9)),
        ExhibitionVenue(city=other, venue="Medina hall", opens_on=datetime.date.today() + datetime.timedelta(days=90)),
    ]
    (parent or tree.exhibitions).add_child(instance=exhibition)
    exhibition.co_curators.set([tree.institution, partner])
    exhibition.save_revision().publish()
    return ExhibitionPage.objects.get(pk=exhibition.pk)
