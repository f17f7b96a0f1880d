"""The file format shared by import and export: German column headers and their fields."""

from __future__ import annotations

import re

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from ..models import Organisation

# (header, model field): the file format, in the order of an export.
COLUMNS: list[tuple[str, str]] = [
    ("name", "name"),
    ("typ", "kind"),
    ("beschreibung", "description"),
    ("strasse", "street"),
    ("plz", "postal_code"),
    ("ort", "city"),
    ("ortsteil", "locality"),
    ("telefon", "phone"),
    ("email", "email"),
    ("website", "website"),
    ("oeffnungszeiten", "opening_hours"),
    ("barrierefrei", "step_free"),
    ("sprachen", "languages"),
    ("themen", "topics"),
    ("oeffentlich", "is_public"),
    ("ganz_berlin", "serves_all_berlin"),
    ("interne_notiz", "internal_note"),
]
HEADERS = [header for header, _field in COLUMNS]
COLUMN_OF = {name: header for header, name in COLUMNS}
TEXT_FIELDS = [
    "name", "description", "street", "postal_code", "city", "phone", "email", "website",
    "opening_hours", "internal_note",
]  # fmt: skip
COLUMN_HELP = {
    "name": gettext_lazy("Name of the organisation (required)."),
    "typ": gettext_lazy("Type: its code (e.g. advice_centre) or its name."),
    "ortsteil": gettext_lazy("Ortsteil: its four-digit code or its name."),
    "barrierefrei": gettext_lazy("Step-free access: ja, teilweise, nein or empty."),
    "sprachen": gettext_lazy("Languages: ISO codes separated by commas (e.g. ar, tr, uk)."),
    "themen": gettext_lazy("Topics: codes or names separated by commas."),
    "oeffentlich": gettext_lazy("Shown on the portal: ja or nein (empty means nein)."),
    "ganz_berlin": gettext_lazy("Serves all of Berlin: ja or nein (empty means nein)."),
}
ACCESS_WORDS = {"ja": "yes", "teilweise": "partly", "nein": "no"}
# A cell Excel would run as a formula; a leading +/- only counts if more than a number follows.
FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s()/+-]*$))")


def column_help() -> list[tuple[str, str]]:
    """(header, explanation) for the upload page; plain text columns show their field name."""
    names = {f.name: f.verbose_name for f in Organisation._meta.concrete_fields}
    return [
        (header, str(COLUMN_HELP.get(header) or capfirst(names[name]))) for header, name in COLUMNS
    ]
