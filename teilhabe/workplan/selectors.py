"""Reads of the work plan: plans with their parts, the Gremien table, the timeline, what
is due and overdue, and the figures of the year-end report. Each returns its related
rows prefetched, so a page costs the same number of queries whatever the plan's size."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.committees.models import Body, Meeting, Participation
from teilhabe.districts.models import District, Position

from . import schedules
from .models import Activity, ActivityNote, PlanChange, WorkPlan

SECTION_FIELDS = [
    "section_subject",
    "section_rapporteur",
    "section_resolution",
    "section_forwarding",
    "section_reasoning",
    "section_legal_basis",
    "section_budget",
    "section_target_groups",
]
SIGNATURE_FIELDS = [
    "cover_signatory",
    "cover_signatory_role",
    "annex_signatory",
    "annex_signatory_role",
    "editors",
    "phone",
]
LEVEL_ORDER: dict[str, int] = {
    Body.Level.DISTRICT: 0,
    Body.Level.CROSS_DISTRICT: 1,
    Body.Level.STATE: 2,
    Body.Level.FEDERAL: 3,
}
# Guests are not part of the body's work; the table lists who works in it.
TABLE_ROLES = (
    Participation.Role.LEAD,
    Participation.Role.PARTICIPANT,
    Participation.Role.DEPUTY,
    Participation.Role.MINUTE_TAKER,
)


def plan_list(*, district: District) -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(district=district).order_by("-year")


def activities(plan: WorkPlan) -> QuerySet[Activity]:
    return (
        plan.activities.select_related("body")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("sort_order", "code"))
        )
        .order_by("number")
    )


def plan_detail(*, district: District, year: int) -> WorkPlan:
    """The plan with running tasks, activities (with positions and notes) and changes."""
    return (
        WorkPlan.objects.filter(district=district, year=year)
        .prefetch_related(
            "running_tasks",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("body")
                .prefetch_related(
                    Prefetch("positions", queryset=Position.objects.order_by("sort_order", "code")),
                    Prefetch("notes", queryset=ActivityNote.objects.order_by("date", "pk")),
                )
                .order_by("number"),
            ),
            Prefetch(
                "changes",
                queryset=PlanChange.objects.select_related("activity").order_by("date", "pk"),
            ),
        )
        .get()
    )


def activity_detail(*, plan: WorkPlan, number: int) -> Activity:
    return (
        plan.activities.select_related("body", "plan")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("sort_order", "code")),
            Prefetch(
                "notes",
                queryset=ActivityNote.objects.select_related("author").order_by("date", "pk"),
            ),
            Prefetch(
                "changes",
                queryset=PlanChange.objects.select_related("author").order_by("date", "pk"),
            ),
        )
        .get(number=number)
    )


def position_codes(activity: Activity) -> str:
    """ "IntB, Int1, Int2" as the plan writes it (positions must be prefetched)."""
    return ", ".join(p.code for p in activity.positions.all())


# ----------------------------------------------------------------------------- Gremien


def _positions_label(participations: list[Participation]) -> str:
    seen: dict[str, bool] = {}
    for p in participations:
        seen[p.position.code] = (
            seen.get(p.position.code, False) or p.role == Participation.Role.LEAD
        )
    return ", ".join(f"{code} (L)" if lead else code for code, lead in seen.items())


def _table_order(body: Body) -> tuple[int, int, int, int]:
    """District bodies first; a working group right after the body it belongs to, as
    plans list "AG Mehrsprachigkeit (Integrationsbeirat)" under the board."""
    group = body.parent_id or body.pk
    return (LEVEL_ORDER.get(body.level, 9), group, body.parent_id is not None, body.pk)


def gremien_rows_live(plan: WorkPlan) -> list[dict[str, Any]]:
    """The bodies the office's positions work in during the plan's year, district ones
    first, as rows {"body", "body_id", "positions", "level"}."""
    participations = (
        Participation.objects.filter(
            district_id=plan.district_id,
            role__in=TABLE_ROLES,
            body__deleted_at__isnull=True,
            start__lte=plan.last_day,
        )
        .filter(Q(end__isnull=True) | Q(end__gte=plan.first_day))
        .select_related("body", "body__parent", "position")
        .order_by("position__sort_order", "position__code", "pk")
    )
    by_body: dict[int, list[Participation]] = {}
    bodies: dict[int, Body] = {}
    for participation in participations:
        by_body.setdefault(participation.body_id, []).append(participation)
        bodies[participation.body_id] = participation.body
    ordered = sorted(bodies.values(), key=_table_order)
    return [
        {
            "body": f"{body.name} ({body.parent.name})" if body.parent else body.name,
            "body_id": body.pk,
            "positions": _positions_label(by_body[body.pk]),
            "level": body.level,
        }
        for body in ordered
    ]


def gremien_rows(plan: WorkPlan) -> list[dict[str, Any]]:
    """The frozen table of an adopted plan, or the live one."""
    return list(plan.gremien_snapshot) if plan.gremien_frozen else gremien_rows_live(plan)


# ----------------------------------------------------------------------------- timeline


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    end = (
        datetime.date(year, 12, 31)
        if quarter == 4
        else datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)
    )
    return start, end


@dataclass
class TimelineRow:
    activity: Activity
    # Per month 1–12 of the plan's year: "" (not scheduled), "period" or "focus".
    months: list[str] = field(default_factory=list)
    quarters: list[str] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        """Runs of equal marks as (first month, length, mark) for the drawn bar."""
        runs: list[tuple[int, int, str]] = []
        for month, mark in enumerate(self.months, start=1):
            if mark and runs and runs[-1][2] == mark and runs[-1][0] + runs[-1][1] == month:
                first, length, _mark = runs[-1]
                runs[-1] = (first, length + 1, mark)
            elif mark:
                runs.append((month, 1, mark))
        return runs


def _touches(
    start: datetime.date | None, end: datetime.date | None, lo: datetime.date, hi: datetime.date
) -> bool:
    return start is not None and end is not None and start <= hi and end >= lo


def _month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, month, 1)
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - datetime.timedelta(days=1)


def timeline(plan: WorkPlan, rows: list[Activity]) -> list[TimelineRow]:
    """Which months and quarters of the plan's year each activity occupies; the focus of
    a year-round activity ("insbes. I. Quartal") is marked apart."""
    result = []
    for activity in rows:
        row = TimelineRow(activity=activity)
        for month in range(1, 13):
            lo, hi = _month_bounds(plan.year, month)
            if _touches(activity.focus_start, activity.focus_end, lo, hi):
                row.months.append("focus")
            elif _touches(activity.schedule_start, activity.schedule_end, lo, hi):
                row.months.append("period")
            else:
                row.months.append("")
        for quarter in range(1, 5):
            marks = set(row.months[3 * quarter - 3 : 3 * quarter])
            row.quarters.append(
                "focus" if "focus" in marks else "period" if "period" in marks else ""
            )
        result.append(row)
    return result


def schedule_hint(activity: Activity) -> str:
    """Why an activity is not on the timeline, for the table alternative."""
    if activity.schedule_kind == schedules.Kind.UNPARSED and activity.schedule_text:
        return _("schedule not understood")
    if activity.schedule_kind == schedules.Kind.AS_NEEDED:
        return _("as needed")
    if not activity.schedule_text:
        return _("no schedule")
    return ""


# ----------------------------------------------------------------------------- dashboard


def _due_window(
    activity_qs: QuerySet[Activity], lo: datetime.date, hi: datetime.date
) -> QuerySet[Activity]:
    """Activities whose emphasis (focus, else period) touches [lo, hi]."""
    with_focus = Q(focus_start__isnull=False, focus_start__lte=hi, focus_end__gte=lo)
    without_focus = Q(
        focus_start__isnull=True,
        schedule_start__isnull=False,
        schedule_start__lte=hi,
        schedule_end__gte=lo,
    )
    return activity_qs.filter(with_focus | without_focus)


def _open_activities(district: District, today: datetime.date) -> QuerySet[Activity]:
    """Open activities of this year's and last year's plan: what is still open in older
    plans (an imported plan nobody kept up) is history, not work that is due."""
    return (
        Activity.objects.filter(
            district=district,
            status__in=Activity.OPEN_STATUSES,
            plan__year__gte=today.year - 1,
        )
        .select_related("plan")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.order_by("sort_order", "code"))
        )
    )


def due_this_quarter(*, district: District, today: datetime.date) -> list[Activity]:
    """Open activities scheduled in the current quarter (year-round ones only where the
    quarter is their focus) that are not overdue."""
    lo, hi = quarter_bounds(today.year, quarter_of(today))
    recurring = (schedules.Kind.YEAR, schedules.Kind.RECURRING)
    qs = _due_window(_open_activities(district, today), lo, hi).filter(
        Q(focus_start__isnull=False) | ~Q(schedule_kind__in=recurring)
    )
    qs = qs.exclude(schedule_end__lt=today)
    return list(qs.order_by("schedule_end", "plan__year", "number")[:30])


def overdue(*, district: District, today: datetime.date) -> list[Activity]:
    """Open activities whose scheduled period has ended before today."""
    qs = _open_activities(district, today).filter(schedule_end__lt=today)
    return list(qs.order_by("-plan__year", "schedule_end", "number")[:30])


# ----------------------------------------------------------------------------- report


def _berlin_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def meetings_held(plan: WorkPlan) -> dict[int, int]:
    """Held meetings per body in the plan's year, for the bodies of the Gremien table."""
    rows = Meeting.objects.filter(
        district_id=plan.district_id,
        deleted_at__isnull=True,
        status=Meeting.Status.HELD,
        # A range of Berlin times, not `start__date`, so the index on `start` serves it.
        start__gte=_berlin_midnight(plan.first_day),
        start__lt=_berlin_midnight(plan.last_day + datetime.timedelta(days=1)),
    ).values_list("body_id", flat=True)
    return dict(Counter(rows))


def status_counts(rows: list[Activity]) -> list[tuple[str, int]]:
    counts = Counter(activity.status for activity in rows)
    return [
        (str(label), counts[value]) for value, label in Activity.Status.choices if counts[value]
    ]
