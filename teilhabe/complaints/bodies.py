"""Choosing bodies concerned from the directory without listing the whole directory.

Berlin's directory holds thousands of entries a complaint may name (the district's own
and every district's public ones), far too many for one list. A picker therefore shows
what is chosen already, the bodies the case concerns, and at most `LIMIT` entries that
match the words typed into its search field. The search works without JavaScript (its
button sends the form back unsaved, `SEARCH_BUTTON`) and, with htmx, as one types. The
field itself still accepts any referable entry, so validation stays the directory's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import (
    DirectoryFilter,
    organisation_search,
    organisations_referable,
)
from teilhabe.districts.models import District

LIMIT = 20
SEARCH_BUTTON = "stellen_suchen"


class BodySearchMixin(forms.BaseForm):
    """A form with a directory search (`stellen_suche`) that may come back unsaved."""

    def searching(self) -> bool:
        """Whether the form came back for a directory search, not to be saved."""
        return self.is_bound and SEARCH_BUTTON in self.data

    def without_errors(self) -> None:
        """Show a form sent back for a search as typed, without complaining yet."""
        self._errors = ErrorDict()

    def search_query(self) -> str:
        return str(self.data.get(self.add_prefix("stellen_suche"), "")) if self.is_bound else ""


def search_field() -> forms.CharField:
    return forms.CharField(
        label=_("Search the directory"),
        required=False,
        max_length=100,
        help_text=_("A word of the name, e.g. “Jobcenter” or “Bürgeramt”."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                # With htmx: the matches as one types, replacing only the list of bodies.
                "hx-post": "",
                "hx-trigger": "input changed delay:400ms, search",
                "hx-include": "closest form",
                "hx-vals": f'{{"{SEARCH_BUTTON}": "1"}}',
                "hx-target": "#body-choices",
                "hx-select": "#body-choices",
                "hx-swap": "outerHTML",
            }
        ),
    )


def matches(district: District, query: str) -> list[Organisation]:
    """Up to `LIMIT` referable entries whose name or description contain the words."""
    if len(query.strip()) < 2:
        return []
    criteria = DirectoryFilter(query=query, scope="berlin")
    found = organisation_search(district=district, criteria=criteria)
    return list(found.select_related("district")[:LIMIT])


def offer(
    field: Any,
    *,
    district: District,
    chosen: Iterable[int],
    query: str = "",
    first: Iterable[int] = (),
) -> int:
    """Let `field`'s widget offer the chosen entries, then `first`, then the matches of
    `query`; returns how many it offers."""
    ids = list(dict.fromkeys([*chosen, *first]))
    known: dict[int, Organisation] = {}
    if ids:
        rows = organisations_referable(district=district).filter(pk__in=ids)
        known = {org.pk: org for org in rows.select_related("district")}
    shown = [known[pk] for pk in ids if pk in known]
    shown += [org for org in matches(district, query) if org.pk not in known]
    field.widget.choices = [(org.pk, field.label_from_instance(org)) for org in shown]
    return len(shown)


def posted_ids(data: Any, name: str) -> list[int]:
    """The ids a bound form sent for the field `name`."""
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    return [int(value) for value in values if str(value or "").isdigit()]
