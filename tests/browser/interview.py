"""One interview used by several browser tests: Fatma's arrival in Marseille, 30 seconds,
in English (the original) and Arabic."""

SECONDS = 30.0
ENGLISH = [
    (0.0, 5.0, "Fatma", "I was born in Sfax in 1948, in a house near the harbour."),
    (5.0, 10.0, "Karim", "And when did you leave for Marseille?"),
    (10.0, 16.0, "Fatma", "In 1962, on the Ville d'Alger, with my mother and my two brothers."),
    (16.0, 22.0, "Fatma", "The crossing took two days. Everyone sang on the deck."),
    (22.0, 30.0, "Fatma", "My father unloaded the ships at the harbour of La Joliette."),
]
ARABIC = [
    (0.0, 5.0, "فاطمة", "ولدت في صفاقس سنة 1948، في دار قريبة من الميناء."),
    (5.0, 10.0, "كريم", "ومتى سافرت إلى مرسيليا؟"),
    (10.0, 16.0, "فاطمة", "سنة 1962، على باخرة فيل دالجي، مع أمي وأخويّ."),
    (16.0, 22.0, "فاطمة", "دامت الرحلة يومين. كان الجميع يغني على سطح الباخرة."),
    (22.0, 30.0, "فاطمة", "كان أبي يفرغ البواخر في ميناء لاجولييت."),
]


def tell(page, *, transcripts, chapters, seconds=SECONDS):
    """Fatma's interview on ``page``: its people and place, the recording with
    ``transcripts`` ({language: lines}), and ``chapters`` as index points
    ((start, title, title_ar, synopsis, keywords); the last one at La Joliette)."""
    from heritage.factories import PersonFactory, PlaceFactory
    from oral_histories.factories import recording_with_transcripts
    from oral_histories.models import IndexPoint

    page.narrators.add(PersonFactory(name_en="Fatma Ben Salah", name_ar="فاطمة بن صالح"))
    page.interviewer = PersonFactory(name_en="Karim Haddad", name_ar="كريم حداد")
    page.place = PlaceFactory(name_en="Marseille", name_fr="Marseille", name_ar="مرسيليا")
    page.save()
    recording = recording_with_transcripts(page, seconds=seconds, transcripts=transcripts)
    joliette = PlaceFactory(name_en="La Joliette", name_ar="لاجولييت", latitude="43.310000", longitude="5.366000")
    for number, (start, title, title_ar, synopsis, keywords) in enumerate(chapters, start=1):
        point = IndexPoint.objects.create(
            recording=recording,
            start=start,
            title_en=title,
            title_ar=title_ar,
            synopsis_en=synopsis,
            keywords_en=keywords,
        )
        if number == len(chapters):
            point.places.add(joliette)
            point.save()
    return recording
