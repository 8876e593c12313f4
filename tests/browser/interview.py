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
