"""Text analysis for the database engine: what Elasticsearch's language analyzers do there.

Each language's text is split into words, lowercased, stemmed with that language's
Snowball stemmer (the algorithms Elasticsearch's analyzers use too) and folded:
accents dropped, Arabic diacritics and tatweel removed, alef, ta marbuta and alef
maqsura forms unified. A query word is analysed in *every* language and the forms
OR'ed, because a visitor may type a word of any language the archive holds.

``snippet()`` makes the highlighted extract the database engine shows under a result,
matching words by the same analysis, so "musées" marks "musée".
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

from django.utils.html import escape

import snowballstemmer

STEMMERS = {"en": "english", "fr": "french", "de": "german", "ar": "arabic"}

WORD = re.compile(r"\w+")
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
PHRASE = re.compile(r'"([^"]*)"')


_per_thread = threading.local()


def _stemmer(language: str):
    """This thread's stemmer for ``language`` (None: no stemming).

    One per thread: a Snowball stemmer keeps the word it is working on in the instance
    (``current``, ``cursor``, …), so one shared by the threads of a web process mixes
    their words up (8 threads over 40,000 words gave about 45 exceptions and 300 wrong
    stems, which the cache below then kept)."""
    stemmers = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        name = STEMMERS.get(language)
        stemmers[language] = snowballstemmer.stemmer(name) if name else None
    return stemmers[language]


def fold(word: str) -> str:
    """Drop accents and unify Arabic letter forms, after stemming."""
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).translate(ARABIC_LETTERS)


def words(text: str) -> list[str]:
    """The words of ``text``, lowercased, with Arabic diacritics removed first."""
    return WORD.findall(ARABIC_MARKS.sub("", text).lower())


def term(word: str, language: str) -> str:
    if word.isascii() and word.isdigit():
        # No stemmer changes a number (a year, an accession number): neither stemmed
        # nor cached, so the many unique numbers of a catalogue do not fill the cache.
        return word
    return _term(word, language)


@functools.lru_cache(maxsize=50_000)
def _term(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    return fold(stemmer.stemWord(word) if stemmer else word)


def analyse(text: str, language: str) -> str:
    """``text`` as the space-separated terms the database index stores for ``language``."""
    return " ".join(term(word, language) for word in words(text))


def query_terms(word: str, languages) -> list[str]:
    """Every form a visitor's word takes in the index, one per language, deduplicated."""
    return list(dict.fromkeys(term(word, language) for language in languages))


def parse(text: str) -> tuple[list[list[str]], list[str]]:
    """Split a visitor's query into phrases (lists of words) and loose words.

    Anything but letters and digits is ignored, so no syntax ever reaches the
    database's full-text engine; an unbalanced quote just starts no phrase.
    """
    phrases = [words(phrase) for phrase in PHRASE.findall(text)]
    rest = PHRASE.sub(" ", text)
    return [phrase for phrase in phrases if phrase], words(rest)


def query_groups(text: str, languages) -> list[list[str]]:
    """The visitor's query as groups of alternatives, one group per word or phrase.

    A group lists the word's (or the phrase's) indexed form in each language; a
    document matches when it holds one form of every group.
    """
    phrases, loose = parse(text)
    groups = [query_terms(word, languages) for word in loose]
    groups += [
        list(dict.fromkeys(" ".join(term(word, code) for word in phrase) for code in languages)) for phrase in phrases
    ]
    return groups


def query_words(text: str, languages) -> set[str]:
    """Every indexed word form the query asks for (phrases split): what a snippet marks."""
    phrases, loose = parse(text)
    return {form for word in loose + [w for phrase in phrases for w in phrase] for form in query_terms(word, languages)}


def snippet(text: str, matches: set[str], language: str, *, size: int = 180) -> str:
    """An escaped extract of ``text`` around its first match, matches in ``<mark>``."""
    if not text or not matches:
        return ""
    spans = [m for m in WORD.finditer(text) if term(ARABIC_MARKS.sub("", m.group()).lower(), language) in matches]
    if not spans:
        return ""
    start = max(0, spans[0].start() - size // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0].start() else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0].end() else end
    parts, position = [], start
    for span in spans:
        if span.start() < start or span.end() > end:
            continue
        parts.append(escape(text[position : span.start()]))
        parts.append(f"<mark>{escape(span.group())}</mark>")
        position = span.end()
    parts.append(escape(text[position:end]))
    return ("… " if start else "") + "".join(parts).strip() + (" …" if end < len(text) else "")
