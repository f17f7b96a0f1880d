"""Import of a whole work plan from the document the office already has.

The document is plain text in the layout of the BVV paper (seed 002: the cover of the
BVV paper and of the Bezirksamt's paper, the plan's title and introduction, "1. laufende
Tätigkeiten" as lines starting "- ", the Gremien table and the activities table as
tab-separated lines with `<i>`-marked header cells), or a Word document whose paragraphs
and tables `docx_to_text` turns into that layout, in document order. The preview page
carries the text in a hidden field, so the confirmation imports exactly what was shown.

`read_plan` finds the parts (no database), `analyse` says per line what will be created
and what is flagged or wrong, `plan_import` applies it in one transaction through the
audited services: positions not recorded yet, the plan and its texts, the running tasks,
the Gremien through the committees import, the activities and, if the document carries
the Bezirksamt's decision, the adoption (and the submission to the BVV).

Errors refuse the whole import rather than skipping their rows. A work plan is one
document the Bezirksamt adopts as a whole: a plan imported without activity 7 or with a
body missing would look complete, would be frozen as adopted and would need its gaps
found and added later as "changes" with reasons. Refusing keeps the rule simple for
users: correct the lines the preview names (the text stays in the form), check again,
import once. Flags (a schedule not understood, text that is no part of the plan) do not
block: the text is kept as written or shown as left out.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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

from . import schedules, services
from .models import Activity, WorkPlan
from .selectors import SECTION_FIELDS, SIGNATURE_FIELDS

MAX_BYTES = gremien_importer.MAX_BYTES
MAX_ACTIVITIES = 500
TAG = gremien_importer.TAG
SCHEDULE_LENGTH = Activity._meta.get_field("schedule_text").max_length or 200

DATE = r"(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})"
BVV_SESSION = re.compile(r"Sitzung der Bezirksverordnetenversammlung am\s+" + DATE, re.I)
DECISION = re.compile(r"in seiner Sitzung am\s+" + DATE, re.I)
PAPER_LINE = re.compile(r"^Nr\.\s*(\d+\s*/\s*[IVXLC]+)$", re.I)
PAPER_IN_TEXT = re.compile(r"Vorlage\s+Nr\.\s*(\d+\s*/\s*[IVXLC]+)", re.I)
SECTION = re.compile(
    r"^(?:[-–•]\s*)?(?P<key>[A-G](?:\.\d)?)\.?\s+(?P<label>[^:\t]{3,80}):\s*(?P<text>.*)$"
)
SECTION_KEYS = {
    "A": "section_subject",
    "B": "section_rapporteur",
    "C": "section_resolution",
    "C.1": "section_resolution",
    "C.2": "section_forwarding",
    "D": "section_reasoning",
    "E": "section_legal_basis",
    "F": "section_budget",
    "G": "section_target_groups",
}
EDITORS = re.compile(r"^Bearbeiter(?:/innen|/in|innen|in)?\s*:\s*(?P<names>.+)$", re.I)
ANNEX = re.compile(r"^Anlagen?\W*$", re.I)
DATE_LINE = re.compile(r"^" + DATE + r"$")
PHONE_LINE = re.compile(r"^(?:Tel(?:efon)?\.?:?\s*)?[-+\d][-+\d /()]{2,}$", re.I)
TITLE = re.compile(r"^Arbeitsplan\b.*\bfür\s+(?P<year>\d{4})$", re.I)
HEADING = r"^(?:[-–•*]\s*)?(?:\d\.\s*)?"
PARTS = {
    "tasks": re.compile(HEADING + r"laufende\s+T[äa]tigkeiten\b", re.I),
    "gremien": re.compile(HEADING + r"Gremienarbeit\b", re.I),
    "activities": re.compile(HEADING + r"geplante\s+(?:Aktivit[äa]ten|Vorhaben)\b", re.I),
}
BULLET = re.compile(r"^[-–•*]\s+(?P<text>.+)$")
ACTIVITY_COLUMNS = {
    "number": re.compile(r"^(?:lfd\.?\s*)?(?:nr\.?|nummer)$|^#$"),
    "title": re.compile(r"aktivität|vorhaben|maßnahme|massnahme"),
    "positions": re.compile(r"zuständig|verantwortlich|federführ"),
    "schedule": re.compile(r"termin|zeitraum|zeitplan|zeitrahmen"),
}
# The committees import separates a body from its positions by a tab, ";" or spaces.
GREMIEN_COLUMN = re.compile(r"leitung|teilnahme")
GREMIEN_ROW = re.compile(r"\t|;| {2,}")
CODE_SEPARATORS = re.compile(r"[,;/]|\s+und\s+")
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


# ----------------------------------------------------------------------------- reading


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


@dataclass
class Marker:
    index: int
    kind: str
    columns: dict[str, int] = field(default_factory=dict)


def _cells(plain: str) -> list[str]:
    return [" ".join(cell.split()) for cell in plain.split("\t")]


def _activity_columns(cells: list[str]) -> dict[str, int]:
    """{column: index} of an activities header, or {} if the line is none."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if len(cell) > 40:  # header cells are short; a row's text is not a header
            continue
        name = next(
            (n for n, p in ACTIVITY_COLUMNS.items() if n not in columns and p.search(cell)), None
        )
        if name is not None:
            columns[name] = index
    return columns if {"title", "positions", "schedule"} <= columns.keys() else {}


def _table_marker(index: int, plain: str) -> Marker | None:
    cells = [cell.casefold() for cell in _cells(plain)]
    filled = [cell for cell in cells if cell]
    rest = filled[1:]
    if filled and filled[0].startswith("gremi") and any(GREMIEN_COLUMN.search(c) for c in rest):
        return Marker(index, "gremien_table")
    columns = _activity_columns(cells)
    return Marker(index, "activities_table", columns) if columns else None


def _marker(index: int, plain: str, seen: set[str]) -> Marker | None:
    if "\t" in plain:
        return _table_marker(index, plain)
    text = plain.strip()
    if len(text) > 150 or text.endswith((".", ":")):
        return None
    if "title" not in seen and not seen & PARTS.keys() and TITLE.match(text):
        return Marker(index, "title")
    kind = next((kind for kind, pattern in PARTS.items() if pattern.match(text)), None)
    return Marker(index, kind) if kind else None


def _markers(plain: list[str]) -> list[Marker]:
    markers: list[Marker] = []
    seen: set[str] = set()
    for index, line in enumerate(plain):
        marker = _marker(index, line, seen)
        if marker is not None:
            markers.append(marker)
            seen.add(marker.kind)
    return markers


def _date(doc: PlanDocument, text: str, line: int) -> datetime.date | None:
    day, month, year = (int(part) for part in text.replace(" ", "").split("."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        doc.errors.append(Issue(line, _("“%(date)s” is not a valid date.") % {"date": text}))
        return None


def _set(doc: PlanDocument, name: str, value: Any, line: int) -> None:
    """The first value found wins: later mentions (in section D, say) cite other papers."""
    if value not in (None, "") and name not in doc.cover:
        doc.cover[name] = Found(value, line)


def _read_decision(doc: PlanDocument, lines: Lines) -> None:
    for number, text in lines:
        for name, pattern in (("bvv_session_date", BVV_SESSION), ("decision_date", DECISION)):
            match = pattern.search(text)
            if match:
                _set(doc, name, _date(doc, match[1], number), number)
        match = PAPER_LINE.match(text)
        if match:
            _set(doc, "paper_number", "".join(match[1].split()), number)
    decision = doc.cover.get("decision_date")
    if decision is not None and "paper_number" not in doc.cover:
        match = PAPER_IN_TEXT.search(dict(lines)[decision.line])
        if match:
            _set(doc, "paper_number", "".join(match[1].split()), decision.line)


def _read_sections(doc: PlanDocument, lines: Lines) -> int | None:
    """Sections A–G; returns the line of the first (signatures after it sign the annex)."""
    first = None
    for number, text in lines:
        match = SECTION.match(text)
        if match and match["key"] in SECTION_KEYS:
            _set(doc, SECTION_KEYS[match["key"]], match["text"].strip(), number)
            first = first or number
    return first


def _signature(lines: Lines, position: int) -> list[tuple[int, str]]:
    """The name and office lines right above an "Anlage" line."""
    block: list[tuple[int, str]] = []
    for number, text in reversed(lines[:position]):
        if not text:
            if block:
                break
            continue
        short = len(text) <= 100 and ":" not in text and not text.endswith(".")
        if not short or len(block) == 2:
            break
        block.insert(0, (number, text))
    return block


def _read_signatures(doc: PlanDocument, lines: Lines, sections_from: int | None) -> None:
    for position, (number, text) in enumerate(lines):
        if not ANNEX.match(text):
            continue
        block = _signature(lines, position)
        if not block:
            continue
        prefix = "annex" if sections_from and number > sections_from else "cover"
        _set(doc, f"{prefix}_signatory", block[0][1], block[0][0])
        if len(block) == 2:
            _set(doc, f"{prefix}_signatory_role", block[1][1], block[1][0])


def _read_office(doc: PlanDocument, lines: Lines) -> None:
    """Who prepared the plan, and below it the document's date and the phone extension."""
    after_editors = False
    for number, text in lines:
        match = EDITORS.match(text)
        if match:
            _set(doc, "editors", match["names"].strip(), number)
            after_editors = True
        elif after_editors and DATE_LINE.match(text):
            _set(doc, "document_date", _date(doc, text, number), number)
        elif after_editors and PHONE_LINE.match(text):
            _set(doc, "phone", text, number)


def _read_cover(doc: PlanDocument, lines: Lines) -> None:
    _read_decision(doc, lines)
    sections_from = _read_sections(doc, lines)
    _read_signatures(doc, lines, sections_from)
    _read_office(doc, lines)


def _set_prose(doc: PlanDocument, name: str, lines: Lines) -> None:
    """Paragraphs (one per line) under a heading; table rows without a header are flagged."""
    paragraphs: Lines = []
    for number, text in lines:
        if "\t" in text:
            message = _(
                "This looks like a table row, but no table header precedes it; it is not imported."
            )
            doc.flags.append(Issue(number, message))
        elif text:
            paragraphs.append((number, " ".join(text.split())))
    if paragraphs:
        _set(doc, name, "\n\n".join(text for _n, text in paragraphs), paragraphs[0][0])


def _read_title(doc: PlanDocument, marker: Marker, lines: Lines, heading: str) -> None:
    line = marker.index + 1
    _set(doc, "title", " ".join(heading.split()), line)
    match = TITLE.match(heading)
    doc.title_year = Found(int(match["year"]), line) if match else None
    _set_prose(doc, "introduction", lines)


def _read_tasks(doc: PlanDocument, marker: Marker, lines: Lines, heading: str) -> None:
    lead: Lines = []
    for number, text in lines:
        bullet = BULLET.match(text)
        if bullet:
            doc.tasks.append(TaskLine(number, " ".join(bullet["text"].split())))
        elif text and not doc.tasks:
            lead.append((number, text))
        elif text:
            doc.flags.append(
                Issue(
                    number,
                    _(
                        "This line is not a running task (they start with “- ”); "
                        "it is not imported."
                    ),
                )
            )
    _set_prose(doc, "running_tasks_intro", lead)


def _intro_reader(name: str) -> Callable[[PlanDocument, Marker, Lines, str], None]:
    def read(doc: PlanDocument, marker: Marker, lines: Lines, heading: str) -> None:
        _set_prose(doc, name, lines)

    return read


def _table_rows(doc: PlanDocument, lines: Lines, is_row: Callable[[str], Any]) -> Lines:
    """The table's lines up to the last one that is a row; text after it is flagged."""
    last = max((i for i, (_n, text) in enumerate(lines) if is_row(text)), default=-1)
    for number, text in lines[last + 1 :]:
        if text.strip():
            doc.flags.append(Issue(number, _("Text after the table is not imported.")))
    return [(number, text) for number, text in lines[: last + 1] if text.strip()]


def _read_gremien(doc: PlanDocument, marker: Marker, lines: Lines, heading: str) -> None:
    doc.gremien_header = doc.gremien_header or marker.index + 1
    doc.gremien_rows += _table_rows(doc, lines, GREMIEN_ROW.search)


def _activity_line(number: int, text: str, columns: dict[str, int]) -> ActivityLine:
    cells = _cells(text)
    width = max(columns.values()) + 1
    line = ActivityLine(number, dict.fromkeys(columns, ""))
    if "\t" not in text:
        line.problem = _("The line has no columns; separate them by tabs as in the header.")
    elif any(cells[width:]):
        line.problem = _("The line has more columns than the table's header.")
    for name, index in columns.items():
        line.cells[name] = cells[index] if index < len(cells) else ""
    return line


def _read_activities(doc: PlanDocument, marker: Marker, lines: Lines, heading: str) -> None:
    doc.activities_header = doc.activities_header or marker.index + 1
    doc.has_numbers = doc.has_numbers and "number" in marker.columns
    for number, text in _table_rows(doc, lines, lambda text: "\t" in text):
        doc.activities.append(_activity_line(number, text, marker.columns))


READERS: dict[str, Callable[[PlanDocument, Marker, Lines, str], None]] = {
    "title": _read_title,
    "tasks": _read_tasks,
    "gremien": _intro_reader("gremien_intro"),
    "activities": _intro_reader("activities_intro"),
    "gremien_table": _read_gremien,
    "activities_table": _read_activities,
}


def _not_a_plan() -> ValidationError:
    return ValidationError(
        _(
            "This is not a work plan: it has neither running tasks (lines starting “- ” "
            "under “1. laufende Tätigkeiten”), nor the bodies table (header “Gremium”, "
            "“Leitung (L)/ Teilnahme”), nor the activities table (header “lfd. Nr.”, "
            "“Aktivität”, “Zuständigkeit”, “Terminierung”), each column separated by a tab."
        ),
        code="not_a_plan",
    )


def read_plan(text: str) -> PlanDocument:
    """The parts of the work plan in `text`; a text that has none of them is refused."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ValidationError(_("The text is larger than 2 MB."), code="too_large")
    if not text.strip():
        raise ValidationError(_("There is nothing to import: the text is empty."), code="empty")
    plain = [TAG.sub("", line).replace("\xa0", " ").strip(" ") for line in text.splitlines()]
    plain[0] = plain[0].lstrip("\ufeff")
    numbered = [
        (index + 1, line.strip() if "\t" not in line else line) for index, line in enumerate(plain)
    ]
    markers = _markers(plain)
    doc = PlanDocument()
    _read_cover(doc, numbered[: markers[0].index if markers else len(numbered)])
    ends = [marker.index for marker in markers[1:]] + [len(numbered)]
    for marker, end in zip(markers, ends, strict=False):  # no markers: one end, no part
        heading = numbered[marker.index][1].strip()
        READERS[marker.kind](doc, marker, numbered[marker.index + 1 : end], heading)
    if not doc.is_plan:
        raise _not_a_plan()
    if len(doc.activities) > MAX_ACTIVITIES:
        raise ValidationError(
            _("The activities table has more than %(max)s lines.") % {"max": MAX_ACTIVITIES},
            code="too_many",
        )
    return doc


# ----------------------------------------------------------------------------- DOCX


def _is_list_item(paragraph: Any) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = (getattr(paragraph.style, "name", None) or "").casefold()
    return style.startswith(("list", "liste", "aufzählung"))


def _paragraph_lines(paragraph: Any) -> list[str]:
    """A paragraph's lines (soft line breaks too); list items start with "- "."""
    lines = ["\t".join(_cells(part)).strip() for part in paragraph.text.split("\n")]
    if _is_list_item(paragraph) and lines[0] and not BULLET.match(lines[0]):
        lines[0] = f"- {lines[0]}"
    return lines


def _row_cells(row: Any) -> list[Any]:
    """The row's cells, a cell merged across columns once."""
    cells: list[Any] = []
    for cell in row.cells:
        if not cells or cells[-1]._tc is not cell._tc:
            cells.append(cell)
    return cells


def _docx_table_lines(table: Any) -> list[str]:
    rows = list(table.rows)
    if not rows:
        return []
    header = [gremien_importer.cell_text(cell, " ") for cell in _row_cells(rows[0])]
    lists = {
        i for i, text in enumerate(header) if re.search(r"zuständig|leitung|teilnahme", text, re.I)
    }
    lines = ["\t".join(f"<i>{text}</i>" if text else "" for text in header)]
    for row in rows[1:]:
        cells = [
            gremien_importer.cell_text(cell, ", " if i in lists else " ")
            for i, cell in enumerate(_row_cells(row))
        ]
        lines.append("\t".join(cells) if any(cells) else "")
    return lines


def docx_to_text(raw: bytes) -> str:
    """A Word document's paragraphs and tables, in order, in the text layout of the plan."""
    from docx.table import Table  # python-docx; imported here as only the import needs it

    document = gremien_importer.open_docx(raw)
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines += _docx_table_lines(block) if isinstance(block, Table) else _paragraph_lines(block)
    return "\n".join(lines).strip()


# ----------------------------------------------------------------------------- analysis


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


def _check_year(preview: PlanPreview) -> None:
    year, title_year = preview.year, preview.document.title_year
    if not 2000 <= year <= 2100:
        preview.plan_errors.append(Issue(None, _("The year must lie between 2000 and 2100.")))
    if title_year is not None and title_year.value != year:
        preview.plan_errors.append(
            Issue(
                title_year.line,
                _("The document is the plan for %(found)s, not for %(year)s.")
                % {"found": title_year.value, "year": year},
            )
        )


def _content(*, activities: int, tasks: int) -> str:
    """ "21 planned activities, 10 running tasks" (a part that is 0 left out)."""
    parts = []
    if activities:
        parts.append(
            ngettext("%(n)s planned activity", "%(n)s planned activities", activities)
            % {"n": activities}
        )
    if tasks:
        parts.append(ngettext("%(n)s running task", "%(n)s running tasks", tasks) % {"n": tasks})
    return ", ".join(parts)


def _check_existing(preview: PlanPreview) -> None:
    """A plan with content is never overwritten; an empty draft is filled."""
    plan = WorkPlan.objects.filter(district=preview.district, year=preview.year).first()
    if plan is None:
        return
    activities, tasks = plan.activities.count(), plan.running_tasks.count()
    if activities or tasks:
        content = _content(activities=activities, tasks=tasks)
        message = _(
            "There is already a work plan for %(year)s with %(content)s. The import does not "
            "change it: import into another year, or remove its activities and tasks first."
        ) % {"year": preview.year, "content": content}
        preview.plan_errors.append(Issue(None, message))
    elif plan.status != WorkPlan.Status.DRAFT:
        preview.plan_errors.append(
            Issue(
                None,
                _("The work plan for %(year)s has already been adopted.") % {"year": preview.year},
            )
        )
    else:
        preview.plan = plan
        preview.plan_flags.append(
            Issue(
                None,
                _("The existing draft for %(year)s is filled in with this document.")
                % {"year": preview.year},
            )
        )


def _check_cover(preview: PlanPreview) -> None:
    for name, found in preview.document.cover.items():
        limit = getattr(WorkPlan._meta.get_field(name), "max_length", None)
        if limit and isinstance(found.value, str) and len(found.value) > limit:
            preview.plan_errors.append(
                Issue(
                    found.line,
                    _("“%(field)s” is longer than %(max)s characters.")
                    % {"field": _label(name), "max": limit},
                )
            )


def _check_parts(preview: PlanPreview) -> None:
    """Parts that are missing are flagged: a plan may be imported in pieces."""
    doc = preview.document
    missing = [
        (
            not doc.tasks,
            None,
            _("No running tasks were found (lines starting “- ” under “1. laufende Tätigkeiten”)."),
        ),
        (doc.gremien_header is None, None, _("No bodies table was found.")),
        (doc.activities_header is None, None, _("No activities table was found.")),
        (
            doc.gremien_header is not None and not doc.gremien_rows,
            doc.gremien_header,
            _("The bodies table has no rows."),
        ),
        (
            doc.activities_header is not None and not doc.activities,
            doc.activities_header,
            _("The activities table has no rows."),
        ),
    ]
    preview.plan_flags += [Issue(line, message) for absent, line, message in missing if absent]


def _analyse_gremien(preview: PlanPreview, positions: dict[str, Position]) -> None:
    """The committees import reads the rows; line numbers stay those of the document."""
    doc = preview.document
    if not doc.gremien_rows:
        return
    lines = [""] * doc.gremien_rows[-1][0]
    for number, text in doc.gremien_rows:
        lines[number - 1] = text
    preview.gremien_text = "\n".join(lines)
    try:
        preview.gremien = gremien_importer.import_analyse(
            district=preview.district,
            text=preview.gremien_text,
            start=datetime.date(preview.year, 1, 1),
            create_positions=True,
        )
    except ValidationError as error:
        preview.plan_errors += [Issue(doc.gremien_header, message) for message in error.messages]
        return
    for position in preview.gremien.new_positions:
        positions[position.code.casefold()] = position


def _read_number(row: ActivityRow, cell: str) -> None:
    text = cell.rstrip(".").strip()
    if not text.isdigit() or not 0 < int(text) < 32768:
        row.errors.append(
            _("“%(text)s” is not the activity's number.") % {"text": cell}
            if cell
            else _("The line has no number.")
        )
    else:
        row.number = int(text)


def _read_codes(
    row: ActivityRow, cell: str, positions: dict[str, Position], district: District
) -> None:
    for token in (token.strip() for token in CODE_SEPARATORS.split(cell)):
        if not token:
            continue
        match = gremien_importer.TOKEN.match(token)
        if match is None or len(match["code"]) > gremien_importer.CODE_LENGTH:
            row.errors.append(
                _("“%(text)s” is not a position code such as IntB or Int1.") % {"text": token}
            )
            continue
        code = match["code"]
        if code.casefold() not in positions:
            positions[code.casefold()] = Position(district=district, code=code, title=code)
        position = positions[code.casefold()]
        if position.code not in row.codes:
            row.codes.append(position.code)
    if not row.codes and not row.errors:
        row.errors.append(_("The line names no responsible position."))


def _read_schedule(row: ActivityRow, year: int) -> None:
    text = row.schedule_text
    if len(text) > SCHEDULE_LENGTH:
        row.errors.append(
            _("The schedule is longer than %(max)s characters.") % {"max": SCHEDULE_LENGTH}
        )
        return
    row.schedule = schedules.parse(text, year=year)
    if not text:
        row.flags.append(_("No schedule is given."))
    elif not row.schedule.understood:
        row.flags.append(_("The schedule is not understood; it is kept as written."))
    elif row.schedule.text != text:
        row.flags.append(_("The schedule is stored as “%(text)s”.") % {"text": row.schedule.text})
    try:
        schedules.validate_for_plan(row.schedule, year)
    except ValidationError as error:
        row.errors += error.messages


def _activity_row(
    line: ActivityLine, preview: PlanPreview, positions: dict[str, Position]
) -> ActivityRow:
    cells = line.cells
    row = ActivityRow(line.line, None, cells["title"], [], cells["schedule"])
    if line.problem:
        row.errors.append(line.problem)
    if "number" in cells:
        _read_number(row, cells["number"])
    if not row.title:
        row.errors.append(_("The line has no activity."))
    _read_codes(row, cells["positions"], positions, preview.district)
    _read_schedule(row, preview.year)
    return row


def _analyse_activities(preview: PlanPreview, positions: dict[str, Position]) -> None:
    doc = preview.document
    first: dict[int, int] = {}
    for index, line in enumerate(doc.activities, start=1):
        row = _activity_row(line, preview, positions)
        if not doc.has_numbers:
            row.number = index
        if row.number in first:
            row.errors.append(
                _("Number %(number)s is already used in line %(line)s.")
                % {"number": row.number, "line": first[row.number]}
            )
        elif row.number is not None:
            first[row.number] = row.line
        preview.activities.append(row)


def _collect_new_positions(preview: PlanPreview, positions: dict[str, Position]) -> None:
    used: dict[str, list[int]] = {}
    for gremium in preview.gremien_rows:
        for planned in gremium.participations:
            used.setdefault(planned.position.code.casefold(), []).append(gremium.line)
    for activity in preview.activities:
        for code in activity.codes:
            used.setdefault(code.casefold(), []).append(activity.line)
    for key, position in positions.items():
        if position.pk is None:
            preview.new_positions.append(NewPosition(position, sorted(set(used.get(key, [])))))
    new = {item.position.code for item in preview.new_positions}
    for activity in preview.activities:
        activity.new_codes = [code for code in activity.codes if code in new]


def analyse(*, district: District, year: int, text: str) -> PlanPreview:
    """What importing the plan in `text` as the district's plan for `year` would create,
    flag and refuse, per part and line. A text that is no work plan is refused."""
    preview = PlanPreview(district=district, year=year, document=read_plan(text))
    positions = {p.code.casefold(): p for p in Position.objects.filter(district=district)}
    _check_year(preview)
    _check_existing(preview)
    _check_cover(preview)
    _check_parts(preview)
    _analyse_gremien(preview, positions)
    _analyse_activities(preview, positions)
    _collect_new_positions(preview, positions)
    return preview


# ----------------------------------------------------------------------------- applying


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
