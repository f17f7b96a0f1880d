"""Tenancy-walk providers of the work plan.

District A gets a plan with a running task, an activity with a progress note and a
recorded change; their texts are markers that must show on no page of district B and
on no public page. The papers (DOCX/PDF) are binary and not searched for markers; their
views are walked for the status codes like every other URL.
"""

from __future__ import annotations

import datetime

from django_scopes import scope

from teilhabe.workplan import services

from . import factories

YEAR = 2026


def populate(world) -> None:
    district = world.district_a
    plan = factories.plan(district, YEAR)
    task = factories.running_task(plan, "MARKER-A-RUNNING-TASK")
    activity = factories.activity(plan, "MARKER-A-ACTIVITY", "II. Quartal 2026", ("IntB",))
    with scope(district=district):
        plan = services.plan_adopt(
            plan=plan,
            actor=None,  # type: ignore[arg-type]
            decision_date=datetime.date(2026, 2, 9),
            paper_number="MARKER-A-PAPER",
            freeze_gremien=True,
            expected_version=plan.version,
        )
        activity.refresh_from_db()
        services.activity_progress(
            activity=activity,
            actor=None,  # type: ignore[arg-type]
            date=datetime.date(2026, 3, 2),
            text="MARKER-A-PROGRESS-NOTE",
            status="postponed",
            expected_version=activity.version,
        )
    world.objects.update(plan=plan, activity=activity, running_task=task)
    world.markers += [
        "MARKER-A-RUNNING-TASK",
        "MARKER-A-ACTIVITY",
        "MARKER-A-PAPER",
        "MARKER-A-PROGRESS-NOTE",
    ]


PROVIDERS = {
    "year": lambda world: str(world.objects["plan"].year),
    "number": lambda world: str(world.objects["activity"].number),
    "running_task": lambda world: str(world.objects["running_task"].pk),
    "paper": lambda world: "vorlage",
    "fmt": lambda world: "pdf",
}
