"""The database engine's text analysis."""

from __future__ import annotations

import pytest
import snowballstemmer

from search import text


@pytest.mark.parametrize("language", sorted(text.STEMMERS))
def test_numbers_are_left_as_every_stemmer_leaves_them(language):
    stemmer = snowballstemmer.stemmer(text.STEMMERS[language])
    for number in ("0", "7", "1962", "004512", "19621963"):
        assert text.term(number, language) == text.fold(stemmer.stemWord(number)) == number


def test_arabic_digits_still_go_through_the_stemmer():
    stemmer = snowballstemmer.stemmer("arabic")
    assert text.term("١٩٦٢", "ar") == text.fold(stemmer.stemWord("١٩٦٢"))


def test_words_are_stemmed_and_folded_per_language():
    assert text.analyse("Musées d'été", "fr") == text.analyse("musées d'ETE", "fr") == "mus d ete"
    assert text.analyse("trunks", "en") == "trunk"


def many_words() -> dict[str, list[str]]:
    """Some 40,000 distinct words a stemmer has work to do on, in each language."""
    parts = {
        "en": (["harbour", "letter", "travel", "music", "market", "family"], ["", "s", "ing", "ed", "ness", "ful"]),
        "fr": (
            ["musique", "voyage", "lettre", "marché", "famille", "port"],
            ["", "s", "ment", "ions", "aient", "euse"],
        ),
        "de": (["hafen", "brief", "reise", "musik", "markt", "familie"], ["", "en", "ung", "lich", "keit", "ern"]),
        "ar": (["موسيقى", "رسالة", "ميناء", "سفر", "سوق", "عائلة"], ["", "ات", "ون", "ية", "ها", "هم"]),
    }
    prefixes = {"en": "un", "fr": "re", "de": "ver", "ar": "وال"}
    words = {}
    for language, (stems, endings) in parts.items():
        words[language] = [
            f"{prefixes[language] * (n % 2)}{stem}{chr(ord('a') + n % 26) * (n // 26 % 4)}{ending}"
            for n in range(280)
            for stem in stems
            for ending in endings
        ]
    return words


def test_many_threads_stem_as_one_does():
    """A web process answers searches on many threads at once (gthread): each word must
    get the stem one thread alone gives it, never an exception or a neighbour's stem."""
    import threading

    words = many_words()
    assert sum(len(group) for group in words.values()) >= 40_000
    expected = {
        language: [text.fold(snowballstemmer.stemmer(text.STEMMERS[language]).stemWord(word)) for word in group]
        for language, group in words.items()
    }
    text._term.cache_clear()
    failures: list[str] = []
    results: dict[int, dict[str, list[str]]] = {}

    def work(number: int) -> None:
        mine = {}
        try:
            for language, group in words.items():
                mine[language] = [text._term.__wrapped__(word, language) for word in group]
        except Exception as error:  # noqa: BLE001 (the test reports every kind)
            failures.append(f"thread {number}: {type(error).__name__}: {error}")
        results[number] = mine

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for number, mine in results.items():
        for language, stems in mine.items():
            wrong = [
                (word, got)
                for word, got, want in zip(words[language], stems, expected[language], strict=True)
                if got != want
            ]
            assert wrong == [], f"thread {number}, {language}: {len(wrong)} wrong stems, e.g. {wrong[:3]}"
