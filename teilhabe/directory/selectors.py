"""Reads of the directory: search, referable and public entries, likely duplicates."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from teilhabe.core.search import fold, matching
from teilhabe.districts.models import District, Locality

from .models import ContactPerson, Language, Organisation, Topic

# Legal forms and filler words that make two names of one body look different.
NAME_NOISE = {"e", "v", "ev", "ggmbh", "gmbh", "ug", "mbh", "ag", "der", "die", "das", "fur", "und"}


@dataclass
class DirectoryFilter:
    """What a directory search asks for; empty values do not filter."""

    query: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    locality: str = ""
    scope: str = "own"  # "own": this district's entries; "berlin": plus every public entry
    include_inactive: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _listing(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("district", "locality").prefetch_related(
        Prefetch("languages", queryset=Language.objects.order_by("name_de")),
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order")),
    )


def organisations_referable(*, district: District) -> QuerySet:
    """The district's own active entries and the public entries of every district."""
    own = Organisation.objects.filter(district=district, is_active=True)
    return own | Organisation.public.all()


def organisation_search(*, district: District, criteria: DirectoryFilter) -> QuerySet:
    """Entries matching the criteria, ordered by name; only ids and sort keys, no joins."""
    if criteria.scope == "berlin":
        queryset = organisations_referable(district=district)
    else:
        queryset = Organisation.objects.filter(district=district)
        if not criteria.include_inactive:
            queryset = queryset.filter(is_active=True)
    return _filtered(queryset, criteria)


def _filtered(queryset: QuerySet, criteria: DirectoryFilter) -> QuerySet:
    """Apply type, Ortsteil, topic, language and words; ordered by name."""
    if criteria.kind:
        queryset = queryset.filter(kind=criteria.kind)
    if criteria.locality:
        queryset = queryset.filter(locality__code=criteria.locality)
    # Subqueries rather than joins: no duplicates, no DISTINCT over wide rows.
    if criteria.topic:
        queryset = queryset.filter(
            pk__in=Organisation.topics.through.objects.filter(topic_id=criteria.topic).values(
                "organisation_id"
            )
        )
    if criteria.language:
        queryset = queryset.filter(
            pk__in=Organisation.languages.through.objects.filter(
                language_id=criteria.language
            ).values("organisation_id")
        )
    if criteria.query:
        queryset = matching(queryset, criteria.query)
    return queryset.order_by("name_key", "id")


def organisation_page(*, queryset: QuerySet, number: str | None, size: int = 50) -> Page:
    """One page of a search, with everything the result list shows (constant queries)."""
    return Paginator(_listing(queryset), size).get_page(number)


def organisation_detail(*, pk: int) -> Organisation:
    """One entry of the district with its contacts, languages, topics and served districts."""
    return (
        _listing(Organisation.objects.all())
        .select_related("operator", "updated_by")
        .prefetch_related(
            Prefetch("contacts", queryset=ContactPerson.objects.prefetch_related("languages")),
            "served_districts",
        )
        .annotate(referral_count=Count("referrals_received", distinct=True))
        .get(pk=pk)
    )


def organisations_similar(
    *,
    district: District,
    name: str,
    street: str = "",
    postal_code: str = "",
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[Organisation]:
    """Entries of the district that look like the same body: similar name, or same address."""
    words = [w for w in fold(name).split() if w not in NAME_NOISE and len(w) > 2]
    address = fold(street)
    condition = Q()
    for word in words[:4]:
        condition |= Q(name_key__contains=word)
    if address:
        condition |= Q(search_text__contains=address, postal_code=postal_code)
    if not condition:
        return []
    candidates = Organisation.objects.filter(district=district).filter(condition)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted = _core_name(name)
    scored = []
    for candidate in candidates.order_by("name_key")[:200]:
        ratio = difflib.SequenceMatcher(None, wanted, _core_name(candidate.name)).ratio()
        same_address = bool(address) and fold(candidate.street) == address
        if ratio >= 0.8 or (same_address and ratio >= 0.5):
            scored.append((ratio + (0.5 if same_address else 0), candidate))
    scored.sort(key=lambda pair: (-pair[0], pair[1].name_key))
    return [candidate for _, candidate in scored[:limit]]


def _core_name(name: str) -> str:
    return " ".join(w for w in fold(name).split() if w not in NAME_NOISE)


def organisation_suggestions(
    *, district: District, topics: list[str], language: str, limit: int = 12
) -> list[Organisation]:
    """Referral suggestions: entries offering the topics (most matches first) in the language.

    German needs no match: most entries do not list it, and all of them speak it.
    """
    if not topics:
        return []
    queryset = organisations_referable(district=district).filter(
        pk__in=Organisation.topics.through.objects.filter(topic_id__in=topics).values(
            "organisation_id"
        )
    )
    if language and language != "de":
        queryset = queryset.filter(
            pk__in=Organisation.languages.through.objects.filter(language_id=language).values(
                "organisation_id"
            )
        )
    queryset = queryset.annotate(
        matches=Count("topics", filter=Q(topics__in=topics), distinct=True),
        own=Count("pk", filter=Q(district=district)),
    ).order_by("-own", "-matches", "name_key")
    return list(_listing(queryset)[:limit])


def public_guide(*, district: District, criteria: DirectoryFilter) -> QuerySet:
    """The portal's guide: public entries that serve the district, filtered."""
    return _filtered(Organisation.public.serving(district), criteria)


def public_organisation(*, district: District, pk: int) -> Organisation:
    """A public entry serving the district, with the contact persons who agreed to be named."""
    return (
        _listing(Organisation.public.serving(district))
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=ContactPerson.public.prefetch_related("languages"),
                to_attr="public_contacts",
            )
        )
        .get(pk=pk)
    )


def localities_of(district: District) -> QuerySet:
    return Locality.objects.filter(district=district).order_by("name")
