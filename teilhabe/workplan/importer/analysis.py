"""The document against the database: `analyse` checks each part and line."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.committees import importer as gremien_importer
from teilhabe.districts.models import District, Position

from .. import schedules
from ..models import Activity, WorkPlan
from .document import ActivityLine, Issue
from .preview import ActivityRow, NewPosition, PlanPreview, _label
from .reading import read_plan

SCHEDULE_LENGTH = Activity._meta.get_field("schedule_text").max_length or 200
CODE_SEPARATORS = re.compile(r"[,;/]|\s+und\s+")


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
