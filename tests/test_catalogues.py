"""Every UI string is in the catalogues, and every catalogue is complete."""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import polib
import pytest

from heritage.management.commands.compile_translations import catalogue_problems

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("fr", "de", "ar")


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete_with_no_fuzzy_entries(code):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    assert len(po) > 100
    assert catalogue_problems(po, path) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_entries_have_every_form_the_language_needs(code):
    po = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    expected = 6 if code == "ar" else 2
    for entry in po:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == expected, entry.msgid


SOURCE_DIRS = ("heritage", "archive", "oral_histories", "exhibitions", "programmes", "search", "demo", "locale")


def test_catalogues_hold_every_string_in_the_source(tmp_path, monkeypatch):
    """Extracting the strings again finds nothing the committed catalogues lack.

    makemessages writes next to the sources it reads, so it runs on a copy.
    """
    base = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            ignore_patterns=[".venv", "demo/content/*", "tests", "bench"],
            verbosity=0,
        )
    for code in LANGUAGES:
        fresh = polib.pofile(str(tmp_path / "locale" / code / "LC_MESSAGES" / "django.po"))
        committed = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
        known = {(e.msgctxt, e.msgid) for e in committed if not e.obsolete}
        missing = sorted(e.msgid for e in fresh if not e.obsolete and (e.msgctxt, e.msgid) not in known)
        assert missing == [], f"{code}: run makemessages and translate: {missing[:10]}"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("fr", "Aller au contenu principal"), ("de", "Zum Hauptinhalt springen"), ("ar", "انتقل إلى المحتوى الرئيسي")],
)
def test_compiled_catalogues_are_used(code, expected):
    with translation.override(code):
        assert translation.gettext("Skip to main content") == expected
