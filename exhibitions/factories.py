"""Factories for exhibitions, their credits and venues, and a small story builder.

A joint exhibition with partners from two cities, its curators and a tour::

    exhibition = ExhibitionPageFactory(parent=index, co_curators=[marseille_museum, sfax_library])
    CuratorCreditFactory(exhibition=exhibition, institution=marseille_museum, role_en="Lead curator")
    ExhibitionVenueFactory(exhibition=exhibition, city=marseille, past=True)
    ExhibitionVenueFactory(exhibition=exhibition, city=sfax)            # showing now
    ExhibitionVenueFactory(exhibition=exhibition, city=hamburg, upcoming=True)

and its story, block by block (values as stored, pages and snippets by pk)::

    ExhibitionPageFactory(parent=index, body_en=story(
        chapter("Arrivals by sea", institution=marseille_museum),
        paragraph("<p>Ships from Tunis…</p>"),
        showcase(oud, caption="Played on the crossing."),
        clip(oral_history, start="0:05", end="0:20"),
    ))
"""

from __future__ import annotations

import datetime
import json
import uuid

from django.utils import timezone

import factory
import wagtail_factories

from heritage.factories import PersonFactory

from .models import CuratorCredit, ExhibitionIndexPage, ExhibitionPage, ExhibitionVenue


class ExhibitionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExhibitionIndexPage

    title = "Exhibitions"
    slug = "exhibitions"


class ExhibitionPageFactory(wagtail_factories.PageFactory):
    """An exhibition; ``co_curators=[…]`` names its partner institutions."""

    class Meta:
        model = ExhibitionPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Exhibition {n}")
    slug = factory.Sequence(lambda n: f"exhibition-{n}")
    introduction_en = "Two cities tell one story."

    @factory.post_generation
    def co_curators(self, create, extracted, **kwargs):
        if create and extracted:
            self.co_curators.set(extracted)
            self.save()  # a ParentalManyToManyField is written on save


def _today() -> datetime.date:
    return timezone.localdate()


class ExhibitionVenueFactory(factory.django.DjangoModelFactory):
    """A venue showing now (opened ten days ago, closes in a month); ``past=True`` or
    ``upcoming=True`` move it. Pass ``exhibition`` and ``city``. The exhibition's date
    span (``opens_on``/``closes_on``) follows its venues: it is saved again."""

    class Meta:
        model = ExhibitionVenue

    venue_en = factory.Sequence(lambda n: f"Gallery {n}")
    opens_on = factory.LazyFunction(lambda: _today() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))
    sort_order = factory.Sequence(lambda n: n)

    class Params:
        past = factory.Trait(
            opens_on=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=200)),
            closes_on=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=100)),
        )
        upcoming = factory.Trait(
            opens_on=factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60)),
            closes_on=factory.LazyFunction(lambda: _today() + datetime.timedelta(days=120)),
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        venue = super()._create(model_class, *args, **kwargs)
        exhibition = ExhibitionPage.objects.get(pk=venue.exhibition_id)
        exhibition.save()
        return venue


class CuratorCreditFactory(factory.django.DjangoModelFactory):
    """A curator's credit; pass ``exhibition`` and ``institution``."""

    class Meta:
        model = CuratorCredit

    person = factory.SubFactory(PersonFactory)
    role_en = "Curator"
    sort_order = factory.Sequence(lambda n: n)


# --- Story builder ---------------------------------------------------------------------------
# Each function returns one block as (block type, stored value); ``story(*blocks)`` makes
# the StreamField's stored JSON. Pages, images and snippets are given as objects.


def _pk(obj):
    return obj.pk if obj is not None else None


def story(*blocks: tuple[str, object]) -> str:
    return json.dumps([{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks])


def chapter(text: str, *, anchor: str = "", institution=None) -> tuple[str, dict]:
    return "heading", {"text": text, "anchor": anchor, "institution": _pk(institution)}


def paragraph(html: str) -> tuple[str, str]:
    return "paragraph", html


def quote(text: str, *, attribution: str = "", language: str = "") -> tuple[str, dict]:
    return "quote", {"text": text, "attribution": attribution, "language": language}


def image(picture, *, alt_text: str, caption: str = "", credit: str = "") -> tuple[str, dict]:
    return "image", {"image": picture.pk, "alt_text": alt_text, "caption": caption, "credit": credit}


def showcase(*artifacts, heading: str = "", captions: tuple[str, ...] = ()) -> tuple[str, dict]:
    captions = tuple(captions) + ("",) * (len(artifacts) - len(captions))
    items = [{"artifact": a.pk, "caption": c} for a, c in zip(artifacts, captions, strict=True)]
    return "artifact_showcase", {"heading": heading, "items": items}


def gallery(*images: dict, heading: str = "") -> tuple[str, dict]:
    """``images``: dicts with ``image`` (an Image), ``alt_text`` and optional ``caption``, ``credit``."""
    items = [
        {
            "image": i["image"].pk,
            "alt_text": i["alt_text"],
            "caption": i.get("caption", ""),
            "credit": i.get("credit", ""),
        }
        for i in images
    ]
    return "gallery", {"heading": heading, "images": items}


def clip(oral_history, *, start: str = "0:00", end: str = "0:10", introduction: str = "") -> tuple[str, dict]:
    return "oral_history_clip", {
        "oral_history": _pk(oral_history),
        "start": start,
        "end": end,
        "introduction": introduction,
    }


def timeline(*events: dict, heading: str = "") -> tuple[str, dict]:
    """``events``: dicts with ``year``, ``title`` and optional ``date_label``, ``text``, ``city``."""
    items = [
        {
            "year": e["year"],
            "date_label": e.get("date_label", ""),
            "title": e["title"],
            "text": e.get("text", ""),
            "city": _pk(e.get("city")),
        }
        for e in events
    ]
    return "timeline", {"heading": heading, "events": items}


def voices(*items: dict, heading: str = "") -> tuple[str, dict]:
    """``items``: dicts with ``speaker``, ``city``, ``language``, ``text`` and optional
    ``institution``, ``translation``."""
    values = [
        {
            "speaker": v["speaker"],
            "city": _pk(v["city"]),
            "institution": _pk(v.get("institution")),
            "language": v["language"],
            "text": v["text"],
            "translation": v.get("translation", ""),
        }
        for v in items
    ]
    return "parallel_perspectives", {"heading": heading, "voices": values}


def map_of(*, places=(), routes=(), heading: str = "", caption: str = "") -> tuple[str, dict]:
    """``routes``: (origin city, destination city, label) triples."""
    return "map", {
        "heading": heading,
        "places": [p.pk for p in places],
        "routes": [{"origin": o.pk, "destination": d.pk, "label": label} for o, d, label in routes],
        "caption": caption,
    }
