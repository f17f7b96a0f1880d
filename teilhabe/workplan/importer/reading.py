"""Reading the text of a work plan into a `PlanDocument`, before any look at the database."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .cover import _read_cover
from .document import (
    MAX_ACTIVITIES,
    MAX_BYTES,
    TAG,
    ActivityLine,
    Found,
    Issue,
    Lines,
    PlanDocument,
    TaskLine,
    _set,
)

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
