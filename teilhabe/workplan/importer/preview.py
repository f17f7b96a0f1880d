"""What an import would create, flag and refuse (`PlanPreview`), part by part."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, cast

from teilhabe.committees import importer as gremien_importer
from teilhabe.districts.models import District, Position

from .. import schedules
from ..models import WorkPlan
from .document import DECISION_FIELDS, TEXT_FIELDS, Issue, PlanDocument, TaskLine


@dataclass
class ActivityRow:
    """What one line of the activities table becomes."""

    line: int
    number: int | None
    title: str
    codes: list[str]
    schedule_text: str
    schedule: schedules.Schedule | None = None
    new_codes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def positions_label(self) -> str:
        return ", ".join(self.codes)


@dataclass
class NewPosition:
    position: Position
    lines: list[int]


@dataclass
class CoverRow:
    name: str
    label: str
    value: Any
    line: int


@dataclass
class PlanPreview:
    """Everything the import would do, part by part, with its errors and flags."""

    district: District
    year: int
    document: PlanDocument
    plan: WorkPlan | None = None  # an empty draft that the import fills
    gremien: gremien_importer.ImportPreview | None = None
    gremien_text: str = ""
    activities: list[ActivityRow] = field(default_factory=list)
    new_positions: list[NewPosition] = field(default_factory=list)
    plan_errors: list[Issue] = field(default_factory=list)
    plan_flags: list[Issue] = field(default_factory=list)

    @property
    def tasks(self) -> list[TaskLine]:
        return self.document.tasks

    @property
    def cover(self) -> list[CoverRow]:
        found = self.document.cover
        rows = [
            CoverRow(name, _label(name), found[name].value, found[name].line)
            for name in TEXT_FIELDS + DECISION_FIELDS
            if name in found
        ]
        return sorted(rows, key=lambda row: row.line)

    @property
    def anchors(self) -> set[int]:
        """Lines the preview shows as a row, so a problem can link to it."""
        lines = {row.line for row in self.cover} | {task.line for task in self.tasks}
        lines |= {row.line for row in self.gremien_rows}
        return lines | {row.line for row in self.activities}

    @property
    def errors(self) -> list[Issue]:
        issues = self.plan_errors + self.document.errors
        for row in self.gremien.rows if self.gremien else []:
            issues += [Issue(row.line, problem) for problem in row.problems]
        for activity in self.activities:
            issues += [Issue(activity.line, message) for message in activity.errors]
        return sorted(issues, key=lambda issue: issue.line or 0)

    @property
    def flags(self) -> list[Issue]:
        issues = self.plan_flags + self.document.flags
        for activity in self.activities:
            issues += [Issue(activity.line, message) for message in activity.flags]
        return sorted(issues, key=lambda issue: issue.line or 0)

    @property
    def can_import(self) -> bool:
        return not self.errors

    def _found(self, name: str) -> Any:
        found = self.document.cover.get(name)
        return found.value if found else None

    @property
    def decision_date(self) -> datetime.date | None:
        return cast("datetime.date | None", self._found("decision_date"))

    @property
    def paper_number(self) -> str:
        return str(self._found("paper_number") or "")

    @property
    def bvv_session_date(self) -> datetime.date | None:
        return cast("datetime.date | None", self._found("bvv_session_date"))

    @property
    def adopts(self) -> bool:
        """The document records the Bezirksamt's decision: the plan is imported as adopted."""
        return bool(self.decision_date and self.paper_number)

    @property
    def submits(self) -> bool:
        return self.adopts and self.bvv_session_date is not None

    @property
    def bodies_to_create(self) -> int:
        return self.gremien.bodies_to_create if self.gremien else 0

    @property
    def bodies_found(self) -> int:
        return self.gremien.existing if self.gremien else 0

    @property
    def participations_to_create(self) -> int:
        return self.gremien.participations_to_create if self.gremien else 0

    @property
    def gremien_rows(self) -> list[gremien_importer.ImportRow]:
        return self.gremien.rows if self.gremien else []


def _label(name: str) -> str:
    return str(getattr(WorkPlan._meta.get_field(name), "verbose_name", name))
