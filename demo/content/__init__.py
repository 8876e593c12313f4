"""Demo content for ``manage.py load_demo``: three partner cities and what they hold.

Pure data, read by ``demo.loader``. Every visitor-facing text is a dict keyed by
language code (``en``, ``fr``, ``de``, ``ar``), written as a careful translator would.
A few texts leave out a language on purpose, so the site's fallback marking shows.

Modules:
* ``base``         — home and index pages, cities, institutions, vocabularies, rights,
                     collections, oral histories
* ``exhibitions``  — the joint exhibitions: venues, curators and stories
* ``harbour``, ``letters``, ``textiles``, ``music`` — 15 artifacts each, one module per collection
"""

from .base import (  # noqa: F401
    CITIES,
    COLLECTIONS,
    CREDIT_PREFIX,
    HOME,
    INDEXES,
    INSTITUTIONS,
    ORAL_HISTORIES,
    PEOPLE,
    PLACES,
    RIGHTS,
    RIGHTS_HOLDERS,
    SISTER_LINKS,
    THEMES,
)
from .exhibitions import EXHIBITIONS  # noqa: F401
from .harbour import ARTIFACTS as HARBOUR_ARTIFACTS
from .letters import ARTIFACTS as LETTERS_ARTIFACTS
from .music import ARTIFACTS as MUSIC_ARTIFACTS
from .textiles import ARTIFACTS as TEXTILES_ARTIFACTS

ARTIFACTS = [*HARBOUR_ARTIFACTS, *LETTERS_ARTIFACTS, *TEXTILES_ARTIFACTS, *MUSIC_ARTIFACTS]
