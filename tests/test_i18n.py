"""The German catalogue is complete and the staff area speaks German."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "de" / "LC_MESSAGES" / "django.po"


def test_german_catalogue_has_no_empty_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    open_entries = [
        e.msgid for e in catalogue if not e.obsolete and (e.fuzzy or not e.translated())
    ]
    assert len(catalogue) > 100
    assert open_entries == []


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(CATALOGUE)):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            for placeholder in ("%(", "{"):
                assert entry.msgid.count(placeholder) == translation.count(placeholder), entry.msgid


@pytest.mark.django_db
def test_sign_in_page_is_german_and_english_portal_is_english():
    german = Client().get("/konto/anmelden/").content.decode()
    assert "Anmelden" in german
    english = Client().get("/en/").content.decode()
    assert "Integration offices" in english
    assert "Integrationsbüros" in Client().get("/").content.decode()
