"""What is read from a work-plan document: its parts and values, each with its line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from teilhabe.committees import importer as gremien_importer

from ..selectors import SECTION_FIELDS, SIGNATURE_FIELDS

MAX_BYTES = gremien_importer.MAX_BYTES
MAX_ACTIVITIES = 500
TAG = gremien_importer.TAG
# Cover texts the import takes over into the plan (the decision goes through plan_adopt).
TEXT_FIELDS = [
    "title",
    "introduction",
    "running_tasks_intro",
    "gremien_intro",
    "activities_intro",
    *SECTION_FIELDS,
    *SIGNATURE_FIELDS,
    "document_date",
]
DECISION_FIELDS = ["paper_number", "decision_date", "bvv_session_date"]


@dataclass
class Found:
    """A value read from the document and the line it stands on."""

    value: Any
    line: int


@dataclass
class TaskLine:
    line: int
    text: str


@dataclass
class ActivityLine:
    line: int
    cells: dict[str, str]
    problem: str = ""


@dataclass(frozen=True)
class Issue:
    """An error or a flag, with the line of the document it concerns."""

    line: int | None
    message: str


@dataclass
class PlanDocument:
    """The parts of a work plan as found in the text, before any look at the database."""

    cover: dict[str, Found] = field(default_factory=dict)
    title_year: Found | None = None
    tasks: list[TaskLine] = field(default_factory=list)
    gremien_header: int | None = None
    gremien_rows: list[tuple[int, str]] = field(default_factory=list)
    activities_header: int | None = None
    activities: list[ActivityLine] = field(default_factory=list)
    has_numbers: bool = True
    flags: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)

    @property
    def is_plan(self) -> bool:
        return bool(self.tasks or self.gremien_rows or self.activities)


Lines = list[tuple[int, str]]


def _set(doc: PlanDocument, name: str, value: Any, line: int) -> None:
    """The first value found wins: later mentions (in section D, say) cite other papers."""
    if value not in (None, "") and name not in doc.cover:
        doc.cover[name] = Found(value, line)
