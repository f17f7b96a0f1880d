"""Reads of the portal's guide (Wegweiser): one page of public entries, the filter lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.utils.translation import get_language

from teilhabe.directory.models import Language, Topic
from teilhabe.directory.selectors import DirectoryFilter, localities_of, public_guide
from teilhabe.districts.models import District, Locality

PAGE_SIZE = 25


def _name_field() -> str:
    return "name_en" if (get_language() or "de").startswith("en") else "name_de"


def guide_page(*, district: District, criteria: DirectoryFilter, number: str | int | None) -> Page:
    """One page of the public entries serving the district, with all a result shows.

    Languages come in the page language's alphabetical order; a page costs the same
    queries (count, rows, languages, topics) whatever the number of entries.
    """
    queryset = (
        public_guide(district=district, criteria=criteria)
        # Never needed on the portal; the internal note must not even be loaded.
        .defer("internal_note", "search_text")
        .select_related("locality")
        .prefetch_related(
            Prefetch("languages", queryset=Language.objects.order_by(_name_field())),
            Prefetch("topics", queryset=Topic.objects.order_by("sort_order")),
        )
    )
    return Paginator(queryset, PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class GuideChoices:
    """What the guide's filter form offers: the controlled lists and the district's Ortsteile."""

    topics: list[Topic]
    languages: list[Language]
    localities: list[Locality]


def guide_choices(*, district: District) -> GuideChoices:
    """All topics and languages (stable links, even without matching entries) and Ortsteile."""
    return GuideChoices(
        topics=list(Topic.objects.order_by("sort_order")),
        languages=list(Language.objects.order_by(_name_field())),
        localities=list(localities_of(district)),
    )
