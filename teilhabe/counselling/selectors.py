"""Reads of counselling: the list, one consultation, and the anonymous statistics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, QuerySet
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from teilhabe.directory.models import Language, Topic
from teilhabe.districts.models import District

from .models import Consultation, Referral

# No statistics cell shows fewer persons than this (DESIGN.md, principle 2).
MIN_CELL = 3


def consultation_list(*, district: District, position: int | None = None) -> QuerySet:
    """The district's consultations, newest first, with what the list shows."""
    queryset = Consultation.objects.filter(district=district)
    if position:
        queryset = queryset.filter(position_id=position)
    return queryset.select_related("position", "language").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order"))
    )


def consultation_detail(*, pk: int) -> Consultation:
    """One consultation with its topics, referrals and the other contacts of its case."""
    return (
        Consultation.objects.select_related("position", "language", "follows", "updated_by")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("sort_order")),
            Prefetch(
                "referral_set",
                queryset=Referral.objects.select_related("organisation__district"),
            ),
            Prefetch(
                "follow_ups",
                queryset=Consultation.objects.select_related("position").order_by("date", "id"),
            ),
        )
        .get(pk=pk)
    )


def follow_ups_due(*, district: District, until: datetime.date, limit: int = 10) -> list:
    """Consultations whose follow-up date is reached and after which the case had no contact."""
    return list(
        Consultation.objects.filter(
            district=district,
            follow_up_on__lte=until,
            last_contact__lte=F("date"),
            anonymised_at__isnull=True,
        )
        .select_related("position")
        .order_by("follow_up_on", "id")[:limit]
    )


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    suppressed: bool

    @property
    def shown(self) -> str:
        return f"< {MIN_CELL}" if self.suppressed else str(self.count)


def suppress(rows: list[tuple[Any, int]]) -> list[Cell]:
    """Hide counts of 1–2 persons; if only one cell is hidden, hide the next smallest too,
    so it cannot be worked out from the total."""
    hidden = {i for i, (_, n) in enumerate(rows) if 0 < n < MIN_CELL}
    if len(hidden) == 1:
        others = [(n, i) for i, (_, n) in enumerate(rows) if i not in hidden and n > 0]
        if others:
            hidden.add(min(others)[1])
    return [Cell(str(label), n, i in hidden) for i, (label, n) in enumerate(rows)]


def _persons() -> Count:
    """Persons, not contacts: a case's follow-ups count once."""
    return Count(Coalesce("follows_id", "id"), distinct=True)


def statistics(*, district: District, year: int) -> dict[str, object]:
    """Persons counselled in `year` by month, topic, language, channel and referral target."""
    base = Consultation.objects.filter(district=district, date__year=year)
    total = base.aggregate(persons=_persons(), contacts=Count("id"))
    months = dict(
        base.annotate(month=ExtractMonth("date")).values_list("month").annotate(n=_persons())
    )
    topics = dict(base.values_list("topics").annotate(n=_persons()))
    languages = dict(base.values_list("language").annotate(n=_persons()))
    channels = dict(base.values_list("channel").annotate(n=_persons()))
    referrals = (
        Referral.objects.filter(consultation__in=base)
        .values_list("organisation__name")
        .annotate(n=Count(Coalesce("consultation__follows_id", "consultation_id"), distinct=True))
        .order_by("-n", "organisation__name")
    )
    people = {
        name: dict(base.values_list(name).annotate(n=_persons()))
        for name in ("age_group", "gender", "nationality")
    }
    month_names = [date_format(datetime.date(year, m, 1), "F") for m in range(1, 13)]
    language_names = dict(Language.objects.filter(pk__in=languages).values_list("code", "name_de"))
    return {
        "persons": suppress([(str(year), total["persons"])])[0],
        "contacts": total["contacts"],
        "months": suppress([(month_names[m - 1], months.get(m, 0)) for m in range(1, 13)]),
        "topics": suppress([(t.name, topics.get(t.code, 0)) for t in Topic.objects.all()]),
        "languages": suppress(
            sorted(
                ((language_names.get(code, code), n) for code, n in languages.items()),
                key=lambda row: -row[1],
            )
        ),
        "channels": suppress(
            [(label, channels.get(value, 0)) for value, label in Consultation.Channel.choices]
        ),
        "referrals": suppress([(name, n) for name, n in referrals]),
        "age_groups": suppress(_with_unstated(Consultation.AgeGroup.choices, people["age_group"])),
        "genders": suppress(_with_unstated(Consultation.Gender.choices, people["gender"])),
        "nationalities": suppress(
            sorted(
                (
                    (countries.name(code) if code else _("not stated"), n)
                    for code, n in people["nationality"].items()
                ),
                key=lambda row: (-row[1], str(row[0])),
            )
        ),
    }


def _with_unstated(choices: list[tuple[str, Any]], counts: dict[str, int]) -> list[tuple[Any, int]]:
    """One row per choice, and one for 'not stated' (the field is optional)."""
    rows = [(label, counts.get(value, 0)) for value, label in choices]
    return [*rows, (_("not stated"), counts.get("", 0))]


def statistics_years(*, district: District) -> list[int]:
    """Years with consultations, newest first, and always the current one."""
    first = Consultation.objects.filter(district=district).order_by("date").only("date").first()
    this_year = timezone.localdate().year
    start = min(first.date.year, this_year) if first else this_year
    return list(range(this_year, start - 1, -1))


STAT_DIMENSIONS = [
    ("months", _("Month")),
    ("topics", _("Topic")),
    ("languages", _("Language")),
    ("channels", _("Channel")),
    ("referrals", _("Referred to")),
    ("age_groups", _("Age group")),
    ("genders", _("Gender")),
    ("nationalities", _("Nationality")),
]
