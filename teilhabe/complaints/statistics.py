"""Figures of the Ombudsstelle for one year of receipt: how many complaints came, by
month, topic, AGG ground, channel and status, how many were anonymous or referred to
the LADS, whether the first feedback came within the two weeks, and whether the
two-week rhythm was kept for as long as each case was open.

Every figure is a GROUP BY or conditional count in the database, so the page costs the
same few queries however many complaints there are; the rhythm is followed in Python
along one query of the year's feedback and status events. Anonymised complaints keep their
figures and count like any other. The figures hold no personal data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField, ExpressionWrapper, F, Min, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from teilhabe.districts.models import District

from .models import (
    FEEDBACK_INTERVAL,
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    Ground,
    Tag,
)

Kind = ComplaintEvent.Kind

FIRST_YEAR = 2000


@dataclass(frozen=True)
class Row:
    """One line of a table (and one bar of the chart: `bar_chart` reads these fields)."""

    key: str  # the choice's value, or the month's number
    label: str
    count: int
    suppressed: bool = False  # nothing is hidden: the figures identify nobody

    @property
    def shown(self) -> str:
        return number_format(self.count, force_grouping=True)


@dataclass(frozen=True)
class Timeliness:
    """The first feedback, counted for complaints whose first deadline has passed."""

    due: int
    in_time: int
    late: int
    without: int
    not_yet_due: int

    @property
    def share_in_time(self) -> float | None:
        return share(self.in_time, self.due)


@dataclass(frozen=True)
class Rhythm:
    """Every feedback deadline of the year's complaints while they were open: a deadline
    is met by feedback on or before it (the next falls two weeks after that feedback),
    missed when the feedback came later, when the case was closed after it, or when it
    has passed with the case still open."""

    cases: int  # complaints with at least one deadline met or missed
    kept: int  # of those, complaints that missed none
    met: int
    missed: int

    @property
    def share_kept(self) -> float | None:
        return share(self.kept, self.cases)


@dataclass(frozen=True)
class ComplaintStatistics:
    year: int
    total: int
    anonymous: int
    referred: int
    months: list[Row]
    topics: list[Row]
    grounds: list[Row]
    channels: list[Row]
    statuses: list[Row]
    timeliness: Timeliness
    rhythm: Rhythm

    @property
    def anonymous_share(self) -> float | None:
        return share(self.anonymous, self.total)

    @property
    def referred_share(self) -> float | None:
        return share(self.referred, self.total)

    def tables(self) -> list[tuple[str, str, list[Row]]]:
        """(key, caption label, rows) of the tables by dimension, in the page's order."""
        return [
            ("months", _("Month of receipt"), self.months),
            ("topics", _("Topic"), self.topics),
            ("grounds", _("AGG ground"), self.grounds),
            ("channels", _("Channel"), self.channels),
            ("statuses", _("Status"), self.statuses),
        ]


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole` (None if there is no whole)."""
    return part * 100 / whole if whole else None


def _rows(choices: Iterable[tuple[str, object]], counts: dict[str, int]) -> list[Row]:
    return [Row(value, str(label), counts.get(value, 0)) for value, label in choices]


def _timeliness_counts(today: datetime.date) -> dict[str, Count]:
    """Conditional counts of the first feedback against receipt plus two weeks."""
    limit = ExpressionWrapper(F("received_on") + FEEDBACK_INTERVAL, output_field=DateField())
    due = Q(received_on__lt=today - FEEDBACK_INTERVAL)
    return {
        "due": Count("pk", filter=due),
        "in_time": Count("pk", filter=due & Q(first_feedback_on__lte=limit)),
        "late": Count("pk", filter=due & Q(first_feedback_on__gt=limit)),
        "without": Count("pk", filter=due & Q(first_feedback_on__isnull=True)),
        "not_yet_due": Count("pk", filter=~due),
    }


ENDING = (Complaint.Status.CLOSED, Complaint.Status.REFERRED)


def _rhythm(base: QuerySet[Complaint], today: datetime.date) -> Rhythm:
    """Follow each complaint's feedback deadlines along its events (one query)."""
    received = dict(base.values_list("pk", "received_on"))
    events = (
        ComplaintEvent.objects.filter(complaint__in=base)
        .filter(Q(kind=Kind.FEEDBACK) | Q(kind=Kind.REOPENED) | Q(status_after__in=ENDING))
        .order_by("complaint_id", "at", "pk")
        .values_list("complaint_id", "kind", "at")
    )
    by_case: dict[int, list[tuple[str, datetime.date]]] = {pk: [] for pk in received}
    for pk, kind, at in events:
        by_case[pk].append((kind, timezone.localtime(at).date()))
    cases = kept = met = missed = 0
    for pk, steps in by_case.items():
        case_met, case_missed = _deadlines(received[pk], steps, today)
        met, missed = met + case_met, missed + case_missed
        if case_met or case_missed:
            cases += 1
            kept += not case_missed
    return Rhythm(cases=cases, kept=kept, met=met, missed=missed)


def _deadlines(
    received: datetime.date, steps: list[tuple[str, datetime.date]], today: datetime.date
) -> tuple[int, int]:
    """(met, missed) deadlines of one case; see `Rhythm`."""
    due: datetime.date | None = received + FEEDBACK_INTERVAL
    met = missed = 0
    for kind, day in steps:
        if kind == Kind.REOPENED:
            due = day + FEEDBACK_INTERVAL
        elif due is None:
            continue  # closed: no duty until reopened
        elif kind == Kind.FEEDBACK:
            met, missed = (met + 1, missed) if day <= due else (met, missed + 1)
            due = day + FEEDBACK_INTERVAL
        else:  # closed or referred
            missed += day > due
            due = None
    if due is not None and due < today:
        missed += 1
    return met, missed


def complaint_statistics(
    *, district: District, year: int, today: datetime.date
) -> ComplaintStatistics:
    """The district's complaints received in `year`, counted by every dimension; the first
    feedback is in time if given within 14 days of receipt, counted once that has passed."""
    base = Complaint.objects.filter(district=district, year=year)
    totals = base.aggregate(
        total=Count("pk"),
        anonymous=Count("pk", filter=Q(is_anonymous=True)),
        referred=Count("pk", filter=Q(referral__sent_on__isnull=False)),
        **_timeliness_counts(today),
    )
    months = dict(
        base.annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    tags: dict[tuple[str, str], int] = {
        (kind, value): n
        for kind, value, n in Tag.objects.filter(
            district=district, complaint__district=district, complaint__year=year
        )
        .values_list("kind", "value")
        .annotate(n=Count("complaint_id", distinct=True))
    }
    channels = dict(base.values_list("channel").annotate(n=Count("pk")))
    statuses = dict(base.values_list("status").annotate(n=Count("pk")))
    month_names = [date_format(datetime.date(year, m, 1), "F") for m in range(1, 13)]
    return ComplaintStatistics(
        year=year,
        total=totals["total"],
        anonymous=totals["anonymous"],
        referred=totals["referred"],
        months=[Row(str(m), month_names[m - 1], months.get(m, 0)) for m in range(1, 13)],
        topics=_rows(Category.choices, {v: n for (k, v), n in tags.items() if k == "category"}),
        grounds=_rows(Ground.choices, {v: n for (k, v), n in tags.items() if k == "ground"}),
        channels=_rows(Channel.choices, channels),
        statuses=_rows(Complaint.Status.choices, statuses),
        timeliness=Timeliness(
            due=totals["due"],
            in_time=totals["in_time"],
            late=totals["late"],
            without=totals["without"],
            not_yet_due=totals["not_yet_due"],
        ),
        rhythm=_rhythm(base, today),
    )


def _percent(value: float | None) -> str:
    if value is None:
        return ""
    # number_format cuts digits off; round half up first, as the page's floatformat does.
    return number_format(Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP), 1)


def csv_rows(stats: ComplaintStatistics) -> list[list[object]]:
    """The figures as rows of figure, value, count and share (German decimal comma)."""
    timely = stats.timeliness
    first = _("First feedback within 14 days")
    rhythm = _("Feedback every two weeks while open")
    kept_share = stats.rhythm.share_kept
    return [
        [_("Figure"), _("Value"), _("Complaints"), _("Share in %")],
        [_("Total"), stats.year, stats.total, ""],
        [_("Anonymous"), "", stats.anonymous, _percent(stats.anonymous_share)],
        [_("Referred to the LADS"), "", stats.referred, _percent(stats.referred_share)],
        *(
            [label, row.label, row.count, ""]
            for _key, label, rows in stats.tables()
            for row in rows
        ),
        [first, _("due"), timely.due, ""],
        [first, _("in time"), timely.in_time, _percent(timely.share_in_time)],
        [first, _("late"), timely.late, ""],
        [first, _("without feedback"), timely.without, ""],
        [first, _("not yet due"), timely.not_yet_due, ""],
        [rhythm, _("complaints kept throughout"), stats.rhythm.kept, _percent(kept_share)],
        [rhythm, _("complaints with a deadline"), stats.rhythm.cases, ""],
        [rhythm, _("deadlines met"), stats.rhythm.met, ""],
        [rhythm, _("deadlines missed"), stats.rhythm.missed, ""],
    ]


def statistics_years(*, district: District, today: datetime.date) -> list[int]:
    """Years with complaints, newest first, and always the current one."""
    first = Complaint.objects.filter(district=district).aggregate(first=Min("year"))["first"]
    start = min(first or today.year, today.year)
    return list(range(today.year, start - 1, -1))
