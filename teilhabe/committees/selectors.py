"""Reads of committees for the staff pages; each costs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from teilhabe.districts.models import District, Position

from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    MeetingFile,
    MeetingTask,
    Participation,
)

CANCELLED = (Meeting.Status.CANCELLED, Meeting.Status.MOVED)


def _current_participations(on: datetime.date | None = None) -> Prefetch:
    return Prefetch(
        "participations",
        queryset=Participation.objects.current(on).select_related("position"),
        to_attr="current_participations",
    )


def body_list(*, district: District, criteria: dict[str, Any]) -> QuerySet[Body]:
    """Bodies matching the list's filter, with the next meeting and who takes part."""
    now = timezone.now()
    next_meeting = (
        Meeting.objects.alive()
        .filter(body=OuterRef("pk"), start__gte=now)
        .exclude(status__in=CANCELLED)
        .order_by("start")
    )
    bodies = Body.objects.alive().filter(district=district)
    if criteria.get("q"):
        words = criteria["q"]
        bodies = bodies.filter(Q(name__icontains=words) | Q(short_name__icontains=words))
    for name in ("kind", "level"):
        if criteria.get(name):
            bodies = bodies.filter(**{name: criteria[name]})
    if criteria.get("status"):
        bodies = bodies.filter(status=criteria["status"])
    else:
        bodies = bodies.exclude(status=Body.Status.DISSOLVED)
    if criteria.get("position"):
        taking_part = Participation.objects.current().filter(position=criteria["position"])
        bodies = bodies.filter(pk__in=taking_part.values("body_id"))
    return (
        bodies.annotate(next_meeting=Subquery(next_meeting.values("start")[:1]))
        .select_related("parent")
        .prefetch_related(_current_participations())
        .order_by("name", "pk")
    )


def body_detail(*, pk: int) -> Body:
    return (
        Body.objects.alive()
        .select_related("parent", "host_organisation", "focus_topic", "default_location")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("position").order_by(
                    "-end", "position__sort_order", "position__code"
                ),
            ),
            Prefetch("children", queryset=Body.objects.alive().order_by("name")),
            "exceptions",
        )
        .get(pk=pk)
    )


def upcoming_meetings(body: Body, limit: int = 10) -> list[Meeting]:
    return list(
        Meeting.objects.alive()
        .filter(body=body, start__gte=timezone.now())
        .select_related("location")
        .order_by("start")[:limit]
    )


def past_meetings(body: Body) -> QuerySet[Meeting]:
    return (
        Meeting.objects.alive()
        .filter(body=body, start__lt=timezone.now())
        .select_related("location")
        .order_by("-start", "-pk")
    )


def current_members(body: Body) -> list[BodyMember]:
    return list(
        BodyMember.objects.current()
        .filter(body=body)
        .select_related("person", "organisation", "term", "deputy_of__person")
        .order_by("seat", "role", "pk")
    )


def meeting_detail(*, pk: int) -> Meeting:
    return (
        Meeting.objects.alive()
        .select_related("body", "location", "moved_to", "moved_from")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.alive().order_by("order", "pk"),
                to_attr="items",
            ),
            Prefetch(
                "files",
                queryset=MeetingFile.objects.alive().select_related("agenda_item"),
                to_attr="documents",
            ),
            Prefetch(
                "tasks",
                queryset=MeetingTask.objects.select_related("responsible", "agenda_item"),
                to_attr="task_list",
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "member__person", "member__organisation", "position"
                ),
                to_attr="attendance_list",
            ),
        )
        .get(pk=pk)
    )


@dataclass
class Seat:
    number: int
    holders: list[BodyMember] = field(default_factory=list)
    deputies: list[BodyMember] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        return not self.holders


@dataclass
class MemberOverview:
    seats: list[Seat]
    without_seat: list[BodyMember]
    former: list[BodyMember]


def member_overview(body: Body, term_id: int | None) -> MemberOverview:
    """The body's seats (vacant ones too), members without a seat, and former members."""
    today = timezone.localdate()
    members = (
        BodyMember.objects.alive()
        .filter(body=body)
        .select_related(
            "person", "organisation", "term", "deputy_of__person", "successor_of__person"
        )
        .order_by("seat", "start", "pk")
    )
    if term_id:
        members = members.filter(term_id=term_id)
    seats = {n: Seat(n) for n in range(1, (body.seats or 0) + 1)}
    without_seat, former = [], []
    for member in members:
        if member.end is not None and member.end < today:
            former.append(member)
        elif member.start > today:
            without_seat.append(member)  # appointed for later; listed with the rest
        elif member.seat in seats:
            seat = seats[member.seat]
            is_deputy = member.role == BodyMember.Role.DEPUTY_MEMBER
            (seat.deputies if is_deputy else seat.holders).append(member)
        else:
            without_seat.append(member)
    former.sort(key=lambda m: m.end or today, reverse=True)
    return MemberOverview(list(seats.values()), without_seat, former)


@dataclass
class Workload:
    position: Position
    participations: list[Participation]
    leads: int
    per_month: list[int]
    open_tasks: list[MeetingTask]


def _months(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def workload(*, district: District, months: int = 6) -> tuple[list[datetime.date], list[Workload]]:
    """Per position: bodies, leads, meetings in each of the next months, open tasks."""
    today = timezone.localdate()
    month_starts = _months(today, months + 1)
    positions = list(
        Position.objects.filter(district=district, is_active=True).order_by("sort_order", "code")
    )
    participations = list(
        Participation.objects.current(today)
        .filter(district=district, body__deleted_at__isnull=True)
        .exclude(body__status=Body.Status.DISSOLVED)
        .select_related("body")
        .order_by("body__name")
    )
    bodies_of: dict[int, set[int]] = defaultdict(set)
    for participation in participations:
        bodies_of[participation.position_id].add(participation.body_id)
    start = timezone.make_aware(datetime.datetime.combine(month_starts[0], datetime.time()))  # noqa: DTZ001
    end = timezone.make_aware(datetime.datetime.combine(month_starts[-1], datetime.time()))  # noqa: DTZ001
    meetings = (
        Meeting.objects.alive()
        .filter(district=district, start__gte=start, start__lt=end)
        .exclude(status__in=CANCELLED)
        .values_list("body_id", "start")
    )
    per_body: dict[int, list[int]] = defaultdict(lambda: [0] * months)
    for body_id, moment in meetings:
        local = timezone.localtime(moment).date()
        index = (local.year - month_starts[0].year) * 12 + local.month - month_starts[0].month
        per_body[body_id][index] += 1
    tasks = defaultdict(list)
    open_tasks = (
        MeetingTask.objects.filter(district=district, done_on__isnull=True)
        .select_related("meeting__body")
        .order_by("due", "pk")
    )
    for task in open_tasks:
        tasks[task.responsible_id].append(task)
    rows = []
    for position in positions:
        mine = [p for p in participations if p.position_id == position.pk]
        counts = [0] * months
        for body_id in bodies_of[position.pk]:
            counts = [a + b for a, b in zip(counts, per_body[body_id], strict=True)]
        rows.append(
            Workload(
                position=position,
                participations=mine,
                leads=sum(1 for p in mine if p.role == Participation.Role.LEAD),
                per_month=counts,
                open_tasks=tasks[position.pk],
            )
        )
    return month_starts[:-1], rows


def next_meetings_of(
    *, district: District, positions: list[Position], days: int = 14
) -> list[Meeting]:
    """Meetings in the coming days of the bodies these positions take part in (dashboard)."""
    if not positions:
        return []
    now = timezone.now()
    bodies = Participation.objects.current().filter(position__in=positions).values("body_id")
    return list(
        Meeting.objects.alive()
        .filter(
            district=district,
            body__in=bodies,
            body__deleted_at__isnull=True,
            start__gte=now,
            start__lt=now + datetime.timedelta(days=days),
        )
        .select_related("body", "location")
        .order_by("start")[:20]
    )


def open_tasks_of(*, district: District, positions: list[Position]) -> list[MeetingTask]:
    if not positions:
        return []
    return list(
        MeetingTask.objects.filter(
            district=district, responsible__in=positions, done_on__isnull=True
        )
        .select_related("meeting__body", "responsible")
        .order_by("due", "pk")[:20]
    )
