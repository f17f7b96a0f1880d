"""Writes of the work plan: the plan and its texts, running tasks, activities, progress.

Every function is one transaction and leaves an audit entry. Once the Bezirksamt has
adopted a plan, changes to its activities need a reason and are recorded as
`PlanChange`, so the year-end report can say what changed and why.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.focus import FocusArea
from teilhabe.core.versioning import ConcurrentEditError, model_changes, versioned_save
from teilhabe.districts.models import District, Position

from . import schedules, selectors
from .defaults import plan_defaults
from .models import Activity, ActivityNote, PlanChange, RunningTask, WorkPlan

CODE_SPLIT = re.compile(r"\s*[,;/]\s*|\s+und\s+|\s+")


# ----------------------------------------------------------------------------- positions


def positions_from_codes(*, district: District, text: str) -> list[Position]:
    """The district's positions named in "IntB, Int1"; an unknown code is refused by name."""
    codes = [code for code in CODE_SPLIT.split(text.strip()) if code]
    known = {p.code.lower(): p for p in Position.objects.filter(district=district)}
    unknown = [code for code in codes if code.lower() not in known]
    if unknown:
        raise ValidationError(
            _("There is no position %(codes)s in this district. Known positions: %(known)s.")
            % {
                "codes": ", ".join(f"„{code}“" for code in unknown),
                "known": ", ".join(p.code for p in known.values()) or "–",
            },
            code="unknown_position",
        )
    result: list[Position] = []
    for code in codes:
        position = known[code.lower()]
        if position not in result:
            result.append(position)
    return result


def _set_positions(activity: Activity, positions: Iterable[Position]) -> None:
    activity.positions.set(list(positions), through_defaults={"district": activity.district})


# ----------------------------------------------------------------------------- plans


def lock(plan: WorkPlan) -> WorkPlan:
    """Lock the plan's row for the transaction: writes to its numbered activities and
    ordered tasks wait for each other instead of computing the same number twice."""
    return WorkPlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_create(
    *, district: District, actor: User | None, year: int, copy_from: WorkPlan | None = None
) -> WorkPlan:
    """A new draft plan with the default texts, or the texts and running tasks of
    `copy_from` (last year's plan, typically)."""
    exists = ValidationError(
        _("There is already a work plan for %(year)s.") % {"year": year}, code="exists"
    )
    if WorkPlan.objects.filter(district=district, year=year).exists():
        raise exists
    data = plan_defaults(district, year)
    if copy_from is not None:
        for name in ("introduction", "running_tasks_intro", "gremien_intro", "activities_intro"):
            data[name] = getattr(copy_from, name)
        for name in selectors.SECTION_FIELDS[1:] + selectors.SIGNATURE_FIELDS:
            data[name] = getattr(copy_from, name)
    plan = WorkPlan(district=district, year=year, updated_by=actor, **data)
    plan.full_clean()
    try:
        # Two people creating the same year at once: the second gets the message too.
        with transaction.atomic():
            plan.save()
    except IntegrityError as race:
        raise exists from race
    tasks = [task.text for task in copy_from.running_tasks.all()] if copy_from else []
    RunningTask.objects.bulk_create(
        RunningTask(district=district, plan=plan, order=order, text=text)
        for order, text in enumerate(tasks, start=1)
    )
    audit_log(
        actor=actor,
        obj=plan,
        action="workplan.plan.created",
        changes={
            "year": (None, year),
            **(
                {"copied_from": (None, copy_from.year), "running_tasks": (None, tasks)}
                if copy_from
                else {}
            ),
        },
    )
    return plan


def plan_update(
    *, plan: WorkPlan, actor: User, data: dict[str, Any], expected_version: int
) -> WorkPlan:
    if plan.is_adopted and not (data.get("decision_date") and data.get("paper_number")):
        raise ValidationError(
            _("The plan has been adopted: the date of the decision and the paper number stay."),
            code="decision",
        )
    return versioned_save(
        instance=plan,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="workplan.plan.updated",
    )


@transaction.atomic
def plan_adopt(
    *,
    plan: WorkPlan,
    actor: User,
    decision_date: datetime.date,
    paper_number: str,
    freeze_gremien: bool,
    expected_version: int,
) -> WorkPlan:
    """The Bezirksamt adopted the plan; from now on changes are recorded with reasons."""
    if plan.status != WorkPlan.Status.DRAFT:
        raise ValidationError(_("The plan has already been adopted."), code="adopted")
    saved = versioned_save(
        instance=plan,
        actor=actor,
        data={
            "status": WorkPlan.Status.ADOPTED,
            "decision_date": decision_date,
            "paper_number": paper_number.strip(),
        },
        expected_version=expected_version,
        action="workplan.plan.adopted",
    )
    if freeze_gremien and not saved.gremien_frozen:
        saved = gremien_freeze(plan=saved, actor=actor)
    return saved


def plan_submit(
    *, plan: WorkPlan, actor: User, session_date: datetime.date, expected_version: int
) -> WorkPlan:
    """The plan goes to the BVV for its session on `session_date`; a later session date
    can be corrected, a published plan stays published."""
    if plan.status == WorkPlan.Status.DRAFT:
        raise ValidationError(
            _("Only a plan the Bezirksamt has adopted can be submitted to the BVV."),
            code="draft",
        )
    status = (
        WorkPlan.Status.PUBLISHED
        if plan.status == WorkPlan.Status.PUBLISHED
        else WorkPlan.Status.SUBMITTED
    )
    return versioned_save(
        instance=plan,
        actor=actor,
        data={"status": status, "bvv_session_date": session_date},
        expected_version=expected_version,
        action="workplan.plan.submitted",
    )


def plan_publish(
    *, plan: WorkPlan, actor: User, published_on: datetime.date, expected_version: int
) -> WorkPlan:
    if plan.status == WorkPlan.Status.DRAFT:
        raise ValidationError(
            _("Only a plan the Bezirksamt has adopted can be published."), code="draft"
        )
    return versioned_save(
        instance=plan,
        actor=actor,
        data={"status": WorkPlan.Status.PUBLISHED, "published_on": published_on},
        expected_version=expected_version,
        action="workplan.plan.published",
    )


@transaction.atomic
def gremien_freeze(*, plan: WorkPlan, actor: User | None) -> WorkPlan:
    """Keep the Gremien table as it is now; later changes in the committees stay out.
    A table that is frozen already stays as it is (a second click changes nothing)."""
    plan = lock(plan)
    if plan.gremien_frozen:
        return plan
    rows = selectors.gremien_rows_live(plan)
    now = timezone.now()
    WorkPlan.objects.filter(pk=plan.pk).update(
        gremien_snapshot=rows, gremien_frozen_at=now, updated_at=now
    )
    plan.gremien_snapshot, plan.gremien_frozen_at = rows, now
    audit_log(
        actor=actor, obj=plan, action="workplan.gremien.frozen", changes={"rows": (None, rows)}
    )
    return plan


@transaction.atomic
def gremien_unfreeze(*, plan: WorkPlan, actor: User) -> WorkPlan:
    """Draw the Gremien table of a draft live from the committees again. The table an
    adopted plan was frozen with is what the Bezirksamt decided and stays."""
    plan = lock(plan)
    if plan.is_adopted:
        raise ValidationError(
            _("The bodies table of an adopted plan stays as it was frozen."), code="adopted"
        )
    now = timezone.now()
    WorkPlan.objects.filter(pk=plan.pk).update(
        gremien_snapshot=[], gremien_frozen_at=None, updated_at=now
    )
    audit_log(
        actor=actor,
        obj=plan,
        action="workplan.gremien.unfrozen",
        changes={"rows": (plan.gremien_snapshot, None)},
    )
    plan.gremien_snapshot, plan.gremien_frozen_at = [], None
    return plan


# ----------------------------------------------------------------------------- running tasks


def _task_label(text: str) -> str:
    return text if len(text) <= 120 else text[:119] + "…"


@transaction.atomic
def running_task_add(
    *, plan: WorkPlan, actor: User | None, text: str, reason: str = ""
) -> RunningTask:
    """Add a running task at the end; to an adopted plan only with a reason."""
    plan = lock(plan)
    reason = _require_reason(plan, reason)
    last = plan.running_tasks.aggregate(last=Max("order"))["last"] or 0
    task = RunningTask(district=plan.district, plan=plan, order=last + 1, text=text.strip())
    task.updated_by = actor
    task.full_clean()
    task.save()
    audit_log(actor=actor, obj=task, action="workplan.task.created", changes={"text": (None, text)})
    _record_change(
        plan=plan,
        activity=None,
        kind=PlanChange.Kind.TASK_ADDED,
        reason=reason,
        actor=actor,
        label=_task_label(task.text),
    )
    return task


@transaction.atomic
def running_task_update(
    *, task: RunningTask, actor: User, text: str, expected_version: int, reason: str = ""
) -> RunningTask:
    plan = lock(task.plan)
    reason = _require_reason(plan, reason)
    before = RunningTask.objects.get(pk=task.pk).text
    saved = versioned_save(
        instance=task,
        actor=actor,
        data={"text": text.strip()},
        expected_version=expected_version,
        action="workplan.task.updated",
    )
    if saved.text != before:
        _record_change(
            plan=plan,
            activity=None,
            kind=PlanChange.Kind.TASK_CHANGED,
            reason=reason,
            actor=actor,
            label=_task_label(saved.text),
            summary=f"vorher: {_task_label(before)}",
        )
    return saved


@transaction.atomic
def running_task_delete(*, task: RunningTask, actor: User, reason: str = "") -> None:
    plan = lock(task.plan)
    reason = _require_reason(plan, reason)
    audit_log(
        actor=actor, obj=task, action="workplan.task.deleted", changes={"text": (task.text, None)}
    )
    _record_change(
        plan=plan,
        activity=None,
        kind=PlanChange.Kind.TASK_REMOVED,
        reason=reason,
        actor=actor,
        label=_task_label(task.text),
    )
    RunningTask.objects.filter(pk=task.pk).delete()
    _renumber_tasks(plan)


def _renumber_tasks(plan: WorkPlan) -> None:
    for order, pk in enumerate(
        plan.running_tasks.order_by("order", "pk").values_list("pk", flat=True), 1
    ):
        RunningTask.objects.filter(pk=pk).exclude(order=order).update(order=order)


@transaction.atomic
def running_task_move(*, task: RunningTask, actor: User, up: bool) -> None:
    """Swap a task with its neighbour (the order is no change to the plan's content)."""
    plan = lock(task.plan)
    _renumber_tasks(plan)
    tasks = list(plan.running_tasks.order_by("order", "pk"))
    index = next((i for i, other in enumerate(tasks) if other.pk == task.pk), None)
    if index is None:  # removed meanwhile
        return
    target = index - 1 if up else index + 1
    if not 0 <= target < len(tasks):
        return
    tasks[index], tasks[target] = tasks[target], tasks[index]
    for order, other in enumerate(tasks, start=1):
        RunningTask.objects.filter(pk=other.pk).update(order=order)
    audit_log(
        actor=actor,
        obj=task,
        action="workplan.task.moved",
        changes={"order": (index + 1, target + 1)},
    )


# ----------------------------------------------------------------------------- activities


def _check_number(plan: WorkPlan, number: int, activity: Activity | None = None) -> None:
    others = plan.activities.filter(number=number)
    if activity is not None:
        others = others.exclude(pk=activity.pk)
    other = others.first()
    if other is not None:
        raise ValidationError(
            {
                "number": _("Number %(number)s is already taken by “%(title)s”.")
                % {"number": number, "title": other.title[:80]}
            },
            code="number_taken",
        )


def _check_schedule(plan: WorkPlan, text: str) -> None:
    try:
        schedules.validate_for_plan(schedules.parse(text, year=plan.year), plan.year)
    except ValidationError as error:
        raise ValidationError({"schedule_text": error.messages}) from error


def _check_positions(district: District, positions: list[Position]) -> None:
    if not positions:
        raise ValidationError(
            {"positions": _("Name at least one responsible position.")}, code="no_position"
        )
    if any(position.district_id != district.pk for position in positions):
        raise ValidationError({"positions": _("Choose positions of this district.")})


def _check_body(district: District, body: Any) -> None:
    if body is not None and body.district_id != district.pk:
        raise ValidationError({"body": _("Choose a body of this district.")})


def _require_reason(plan: WorkPlan, reason: str) -> str:
    reason = (reason or "").strip()
    if plan.is_adopted and not reason:
        raise ValidationError(
            {"reason": _("The plan has been adopted: say why it changes.")}, code="no_reason"
        )
    return reason


def _record_change(
    *,
    plan: WorkPlan,
    activity: Activity | None,
    kind: str,
    reason: str,
    actor: User | None,
    summary: str = "",
    label: str | None = None,
    date: datetime.date | None = None,
) -> None:
    if not plan.is_adopted:
        return
    PlanChange.objects.create(
        district=plan.district,
        plan=plan,
        activity=activity,
        activity_label=(label or str(activity))[:300],
        kind=kind,
        date=date or timezone.localdate(),
        summary=summary,
        reason=reason,
        author=actor,
    )


@transaction.atomic
def activity_create(
    *,
    plan: WorkPlan,
    actor: User | None,
    data: dict[str, Any],
    positions: list[Position],
    reason: str = "",
) -> Activity:
    """Add a planned activity; to an adopted plan only with a reason."""
    plan = lock(plan)
    reason = _require_reason(plan, reason)
    data = dict(data)
    if not data.get("number"):
        data["number"] = (plan.activities.aggregate(last=Max("number"))["last"] or 0) + 1
    _check_number(plan, data["number"])
    _check_schedule(plan, data.get("schedule_text", ""))
    _check_positions(plan.district, positions)
    _check_body(plan.district, data.get("body"))
    activity = Activity(district=plan.district, plan=plan, updated_by=actor, **data)
    activity.apply_schedule(plan.year)
    activity.full_clean()
    activity.save()
    _set_positions(activity, positions)
    audit_log(
        actor=actor,
        obj=activity,
        action="workplan.activity.created",
        changes={
            **{k: (None, v) for k, v in data.items()},
            "positions": (None, [p.code for p in positions]),
        },
    )
    _record_change(
        plan=plan, activity=activity, kind=PlanChange.Kind.ADDED, reason=reason, actor=actor
    )
    return activity


# The record of changes is part of the plan and its German year-end report, so it is
# written in German whatever language the editing user reads the interface in.
SUMMARY_LABELS = {
    "number": "Nummer",
    "title": "Vorhaben",
    "schedule_text": "Terminierung",
    "body": "Gremium",
    "focus_area": "Arbeitsschwerpunkt",
    "positions": "Zuständigkeit",
}


def _shown(name: str, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    if name == "focus_area" and value:
        with translation.override("de"):
            return str(FocusArea(value).label)
    return str(value) if value not in (None, "") else ""


def _describe(changes: dict[str, tuple[Any, Any]]) -> str:
    """ "Terminierung: II. Quartal 2021 (vorher: März 2021)" for the record of changes."""
    parts = []
    for name, (old, new) in changes.items():
        if name in SUMMARY_LABELS:
            old, new = _shown(name, old), _shown(name, new)
            parts.append(f"{SUMMARY_LABELS[name]}: {new or '–'} (vorher: {old or '–'})")
    return "\n".join(parts)


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor: User,
    data: dict[str, Any],
    positions: list[Position],
    expected_version: int,
    reason: str = "",
) -> Activity:
    """Change an activity; after adoption the change and its reason are recorded."""
    plan = lock(activity.plan)
    reason = _require_reason(plan, reason)
    if "number" in data:
        _check_number(plan, data["number"], activity)
    _check_schedule(plan, data.get("schedule_text", activity.schedule_text))
    _check_positions(plan.district, positions)
    _check_body(plan.district, data.get("body"))
    # What the user changed, against the stored record (a bound ModelForm has already
    # copied the new values onto `activity`), before derived schedule fields join in.
    stored = Activity.objects.get(pk=activity.pk)
    changes = model_changes(stored, data)
    old_codes = sorted(p.code for p in stored.positions.all())
    new_codes = sorted(p.code for p in positions)
    if old_codes != new_codes:
        changes["positions"] = (old_codes, new_codes)
    saved = versioned_save(
        instance=activity,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="workplan.activity.updated",
        m2m={"positions": positions},
        through_defaults={"positions": {"district": plan.district}},
        before_save=lambda current: current.apply_schedule(plan.year),
    )
    if changes:
        _record_change(
            plan=plan,
            activity=saved,
            kind=PlanChange.Kind.CHANGED,
            reason=reason,
            actor=actor,
            summary=_describe(changes),
        )
    return saved


@transaction.atomic
def activity_delete(
    *, activity: Activity, actor: User, expected_version: int, reason: str = ""
) -> None:
    """Remove an activity; from an adopted plan only with a reason, which is kept."""
    plan = lock(activity.plan)
    reason = _require_reason(plan, reason)
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    label = str(activity)
    audit_log(
        actor=actor,
        obj=activity,
        action="workplan.activity.deleted",
        changes={"title": (activity.title, None)},
    )
    _record_change(
        plan=plan,
        activity=None,
        kind=PlanChange.Kind.REMOVED,
        reason=reason,
        actor=actor,
        label=label,
    )
    activity.delete()


CHANGE_FOR_STATUS = {
    Activity.Status.POSTPONED: PlanChange.Kind.POSTPONED,
    Activity.Status.DROPPED: PlanChange.Kind.DROPPED,
}


@transaction.atomic
def activity_progress(
    *,
    activity: Activity,
    actor: User,
    date: datetime.date,
    text: str,
    status: str,
    expected_version: int,
) -> ActivityNote:
    """A dated note on the activity, which may set its status. Postponing or dropping an
    activity of an adopted plan is a change to the plan; the note is its reason."""
    text = text.strip()
    plan = activity.plan
    if not text:
        raise ValidationError({"text": _("Write what happened.")}, code="empty")
    if date > timezone.localdate():
        raise ValidationError({"date": _("A progress note cannot be dated in the future.")})
    new_status = status if status and status != activity.status else ""
    if new_status:
        activity = versioned_save(
            instance=activity,
            actor=actor,
            data={"status": new_status},
            expected_version=expected_version,
            action="workplan.activity.status",
        )
    note = ActivityNote(
        district=activity.district,
        activity=activity,
        date=date,
        text=text,
        status=new_status,
        author=actor,
    )
    note.full_clean()
    note.save()
    audit_log(
        actor=actor,
        obj=activity,
        action="workplan.activity.noted",
        changes={"note": (None, text), **({"status": (None, new_status)} if new_status else {})},
    )
    if new_status in CHANGE_FOR_STATUS:
        _record_change(
            plan=plan,
            activity=activity,
            kind=CHANGE_FOR_STATUS[Activity.Status(new_status)],
            reason=text,
            actor=actor,
            date=date,
        )
    return note
