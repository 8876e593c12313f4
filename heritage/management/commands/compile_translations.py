"""Compile every ``locale/*/LC_MESSAGES/django.po`` to ``.mo`` with polib.

Django's own ``compilemessages`` needs GNU gettext's ``msgfmt`` on the machine;
this needs nothing but the virtualenv, so ``make demo`` and ``make test`` work on a
fresh machine. Catalogues with untranslated or fuzzy entries are reported as
errors: every UI string must exist in every language.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


def catalogue_problems(po: polib.POFile, path: Path) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{path}:{entry.linenum}"
        if "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy translation for {entry.msgid!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or any(not text for text in entry.msgstr_plural.values()):
                problems.append(f"{where}: missing plural translation for {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"{where}: no translation for {entry.msgid!r}")
    return problems


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (.po → .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--allow-incomplete", action="store_true", help="Compile even if entries are missing.")

    def handle(self, *args, allow_incomplete: bool = False, **options):
        problems: list[str] = []
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                problems.extend(catalogue_problems(po, po_path))
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        if problems and not allow_incomplete:
            raise CommandError("Incomplete translations:\n" + "\n".join(problems))
        if options["verbosity"] > 0:
            self.stdout.write(f"Compiled {compiled} catalogue(s).")
