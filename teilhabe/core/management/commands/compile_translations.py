"""Compile the .po catalogues to .mo without GNU gettext (polib), and check them.

`make run` uses this so a fresh machine needs no gettext; `make lint` also runs
Django's `compilemessages`. With --check, empty or fuzzy German entries fail.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compiles teilhabe's translations; --check fails on empty or fuzzy German entries."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, **options) -> None:
        problems: list[str] = []
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                if options["check"] and po_path.parts[-3] == "de":
                    problems += [
                        f"{po_path}: {entry.msgid!r} is {'fuzzy' if entry.fuzzy else 'empty'}"
                        for entry in catalogue
                        if not entry.obsolete and (entry.fuzzy or not entry.translated())
                    ]
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        if problems:
            raise CommandError("Untranslated German entries:\n" + "\n".join(problems))
