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
