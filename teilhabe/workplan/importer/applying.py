"""Applying the analysed plan: `plan_import` creates it all in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.accounts.models import User
from teilhabe.committees import importer as gremien_importer
from teilhabe.core.audit import audit_log
from teilhabe.districts import services as district_services
from teilhabe.districts.models import District, Position

from .. import services
from ..models import WorkPlan
from .analysis import analyse
from .document import TEXT_FIELDS, Issue
from .preview import NewPosition, PlanPreview


@dataclass
class ImportResult:
    plan: WorkPlan
    plan_created: bool = True  # False: an empty draft was filled
    positions: int = 0
    running_tasks: int = 0
    bodies: int = 0
    participations: int = 0
    activities: int = 0

    @property
    def created(self) -> int:
        """Records created, the plan included."""
        rows = self.positions + self.running_tasks + self.bodies + self.participations
        return int(self.plan_created) + rows + self.activities

    def message(self) -> str:
        tasks, activities = self.running_tasks, self.activities
        parts = [
            ngettext("%(n)s running task", "%(n)s running tasks", tasks) % {"n": tasks},
            ngettext("%(n)s planned activity", "%(n)s planned activities", activities)
            % {"n": activities},
        ]
        if self.bodies:
            parts.append(
                ngettext("%(n)s new body", "%(n)s new bodies", self.bodies) % {"n": self.bodies}
            )
        if self.participations:
            parts.append(
                ngettext("%(n)s new participation", "%(n)s new participations", self.participations)
                % {"n": self.participations}
            )
        if self.positions:
            parts.append(
                ngettext("%(n)s new position", "%(n)s new positions", self.positions)
                % {"n": self.positions}
            )
        return _("The work plan for %(year)s was imported: %(content)s.") % {
            "year": self.plan.year,
            "content": ", ".join(parts),
        }


def refusal(errors: Iterable[Issue]) -> str:
    """The message of a refused import: how many problems, and the first of them."""
    errors = list(errors)
    lines = [
        (
            _("Line %(line)s: %(message)s") % {"line": e.line, "message": e.message}
            if e.line
            else e.message
        )
        for e in errors[:3]
    ]
    head = ngettext(
        "The plan was not imported: %(count)s problem must be corrected first.",
        "The plan was not imported: %(count)s problems must be corrected first.",
        len(errors),
    ) % {"count": len(errors)}
    return " ".join([head, *lines])


def _create_positions(district: District, actor: User, new: list[NewPosition]) -> int:
    last = Position.objects.filter(district=district).aggregate(last=Max("sort_order"))["last"]
    order = last or 0
    for item in new:
        order += 1
        district_services.position_create(
            district=district,
            actor=actor,
            data={"code": item.position.code, "title": item.position.code, "sort_order": order},
        )
    return len(new)


def _texts(preview: PlanPreview) -> dict[str, Any]:
    """The plan's fields the document fills; the decision itself goes through plan_adopt."""
    fields = TEXT_FIELDS + ([] if preview.adopts else ["paper_number", "decision_date"])
    fields += [] if preview.submits else ["bvv_session_date"]
    found = preview.document.cover
    return {name: found[name].value for name in fields if name in found}


def _plan(preview: PlanPreview, actor: User) -> WorkPlan:
    plan = preview.plan or services.plan_create(
        district=preview.district, actor=actor, year=preview.year
    )
    data = _texts(preview)
    if data:
        plan = services.plan_update(
            plan=plan, actor=actor, data=data, expected_version=plan.version
        )
    return plan


def _gremien(preview: PlanPreview, actor: User) -> tuple[int, int]:
    if preview.gremien is None or not preview.gremien.has_changes:
        return 0, 0
    result = gremien_importer.bodies_import(
        district=preview.district,
        actor=actor,
        text=preview.gremien_text,
        start=datetime.date(preview.year, 1, 1),
    )
    return result.bodies, result.participations


def _activities(preview: PlanPreview, plan: WorkPlan, actor: User) -> int:
    positions = {p.code.casefold(): p for p in Position.objects.filter(district=preview.district)}
    for row in preview.activities:
        services.activity_create(
            plan=plan,
            actor=actor,
            data={"number": row.number, "title": row.title, "schedule_text": row.schedule_text},
            positions=[positions[code.casefold()] for code in row.codes],
        )
    return len(preview.activities)


def _decide(preview: PlanPreview, plan: WorkPlan, actor: User) -> WorkPlan:
    """Adopted (and submitted to the BVV) as the document records, once it is complete."""
    if preview.adopts and preview.decision_date:
        plan = services.plan_adopt(
            plan=plan,
            actor=actor,
            decision_date=preview.decision_date,
            paper_number=preview.paper_number,
            freeze_gremien=True,
            expected_version=plan.version,
        )
    if preview.submits and preview.bvv_session_date:
        plan = services.plan_submit(
            plan=plan,
            actor=actor,
            session_date=preview.bvv_session_date,
            expected_version=plan.version,
        )
    return plan


@transaction.atomic
def plan_import(*, district: District, year: int, actor: User | None, text: str) -> ImportResult:
    """Create the plan in `text` with its positions, tasks, Gremien and activities, all or
    nothing: while the analysis finds an error, nothing is created."""
    preview = analyse(district=district, year=year, text=text)
    if preview.errors:
        raise ValidationError(refusal(preview.errors), code="errors")
    # Without a user (the command, the demo) the services record "system" as the actor.
    user = cast(User, actor)
    positions = _create_positions(district, user, preview.new_positions)
    plan = _plan(preview, user)
    for task in preview.tasks:
        services.running_task_add(plan=plan, actor=actor, text=task.text)
    bodies, participations = _gremien(preview, user)
    result = ImportResult(
        plan=plan,
        plan_created=preview.plan is None,
        positions=positions,
        running_tasks=len(preview.tasks),
        bodies=bodies,
        participations=participations,
        activities=_activities(preview, plan, user),
    )
    result.plan = _decide(preview, plan, user)
    audit_log(
        actor=actor,
        obj=result.plan,
        action="workplan.plan.imported",
        changes={
            "positions": (None, result.positions),
            "running_tasks": (None, result.running_tasks),
            "bodies": (None, result.bodies),
            "participations": (None, result.participations),
            "activities": (None, result.activities),
            "status": (None, result.plan.status),
        },
    )
    return result
