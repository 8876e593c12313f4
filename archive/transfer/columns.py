"""The column set of an artifact file (CSV header or JSON Lines keys).

Translated fields have one column per site language (``title_en`` … ``title_ar``);
themes, places and makers are lists (``|``-separated in CSV, arrays or ``|`` strings
in JSON Lines) of slugs or names; images and community perspectives are numbered
groups of columns (``image_1_file``, ``image_1_alt_text_en``…), as many as a row needs.
"""

from __future__ import annotations

import re

from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

#: Translated page fields (each ``<field>_<language>``). ``description`` is rich text.
TRANSLATED = (
    "title",
    "slug",
    "description",
    "object_type",
    "materials",
    "dimensions",
    "date_text",
    "rights_holder",
    "seo_title",
    "search_description",
)
PLAIN = ("accession_number", "collection", "earliest_year", "latest_year", "rights")
LISTS = ("themes", "places", "makers")
LIST_SEPARATOR = "|"

IMAGE_TRANSLATED = ("alt_text", "caption", "credit")
PERSPECTIVE_PLAIN = ("author", "language", "original")
PERSPECTIVE_TRANSLATED = ("community", "translation")

GROUP = re.compile(r"^(image|perspective)_(\d{1,3})_(.+)$")


def translated(name: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGES]


def image_columns(number: int) -> list[str]:
    return [f"image_{number}_file"] + [
        f"image_{number}_{column}" for name in IMAGE_TRANSLATED for column in translated(name)
    ]


def perspective_columns(number: int) -> list[str]:
    return [f"perspective_{number}_{name}" for name in PERSPECTIVE_PLAIN] + [
        f"perspective_{number}_{column}" for name in PERSPECTIVE_TRANSLATED for column in translated(name)
    ]


def header(*, images: int = 0, perspectives: int = 0) -> list[str]:
    """Every column, in the order an export writes them."""
    columns = ["accession_number", "collection"]
    for name in TRANSLATED:
        columns += translated(name)
    columns += ["earliest_year", "latest_year", "rights", *LISTS]
    for number in range(1, images + 1):
        columns += image_columns(number)
    for number in range(1, perspectives + 1):
        columns += perspective_columns(number)
    return columns


KNOWN = set(header())
GROUP_KNOWN = {"image": set(image_columns(0)), "perspective": set(perspective_columns(0))}


def unknown_column(name: str) -> bool:
    """True for a column the format does not define (reported once, not per row)."""
    if name in KNOWN:
        return False
    match = GROUP.match(name)
    if match is None:
        return True
    kind, _number, rest = match.groups()
    return f"{kind}_0_{rest}" not in GROUP_KNOWN[kind]


# --- Formulas in spreadsheets (CSV injection) ------------------------------------------

#: A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def escape_formula(value: str) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text, never runs: a leading ``'``
    before anything that would start a formula (``=HYPERLINK(…)``, ``+cmd|…``,
    ``@SUM(…)``, ``-2+3``; not a plain number such as the year ``-500``), and before a
    leading ``'`` itself, so :func:`unescape_formula` gives back exactly ``value``
    (https://owasp.org/www-community/attacks/CSV_Injection)."""
    if value.startswith("'") or (value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(value)):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """What :func:`escape_formula` escaped, as it was (a cell a person typed as ``'note``
    stays as it is)."""
    if value.startswith("'") and value[1:2] and (value[1:].startswith(FORMULA_STARTS) or value[1] == "'"):
        return value[1:]
    return value
