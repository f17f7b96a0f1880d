"""Factories of the work plan: plans, running tasks and activities through the services."""

from __future__ import annotations

from typing import Any

from django_scopes import scope

from teilhabe.committees.tests.factories import position
from teilhabe.districts.models import District
from teilhabe.workplan import services
from teilhabe.workplan.models import Activity, RunningTask, WorkPlan


def plan(district: District, year: int = 2026, *, actor: Any = None) -> WorkPlan:
    with scope(district=district):
        return services.plan_create(district=district, actor=actor, year=year)


def running_task(plan_: WorkPlan, text: str, *, actor: Any = None) -> RunningTask:
    with scope(district=plan_.district):
        return services.running_task_add(plan=plan_, actor=actor, text=text)


def activity(
    plan_: WorkPlan,
    title: str,
    schedule: str = "",
    codes: tuple[str, ...] = ("IntB",),
    *,
    actor: Any = None,
    reason: str = "",
    **data: Any,
) -> Activity:
    positions = [position(plan_.district, code) for code in codes]
    with scope(district=plan_.district):
        return services.activity_create(
            plan=plan_,
            actor=actor,
            data={"title": title, "schedule_text": schedule, **data},
            positions=positions,
            reason=reason,
        )
