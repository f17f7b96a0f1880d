"""Import of the Gremien table of a work plan ("Gremium / Leitung (L)/ Teilnahme").

The table is pasted as text (one body per line: the body, a tab or a semicolon, the
positions such as "IntB (L), Int1") or uploaded as the Word document it lives in; a
document's table is turned into the same text lines (`docx_to_text`), so the preview
page can carry it in a hidden field and the confirmation reads exactly what was shown.

`import_analyse` says per line what would happen: a body created or found, each
position's participation created or already recorded, or why the line is rejected.
`bodies_import` applies that in one transaction through the audited services. Kind and
level are guessed from the name (`infer_kind`, `infer_level`); a suffix naming another
body, "AG Mehrsprachigkeit (Integrationsbeirat)", makes that body the parent.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.districts.models import District, Position

from . import services
from .models import Body, Participation

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
# A DOCX is a zip archive; more than this unpacked is no work plan but a zip bomb.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_NAME = Body._meta.get_field("name").max_length or 200
CODE_LENGTH = Position._meta.get_field("code").max_length or 20

TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
HEADER = re.compile(r"^\s*gremi(um|en)\b.*\b(leitung|teilnahme)", re.IGNORECASE)
SPACES = re.compile(r" {2,}")
TOKEN = re.compile(r"^(?P<code>[^\W\d_][\w.-]*)\s*(?:\(\s*(?P<lead>L)\s*\))?$", re.IGNORECASE)
SUFFIX = re.compile(r"^(?P<name>.+?)\s*\((?P<parent>[^()]+)\)$")

K = Body.Kind
# First match wins. Only the district's own board is an advisory board: that kind
# carries the elected members and terms the office keeps. Other councils the office
# sits in ("Landesbeirat …", "Beirat zur bezirklichen Altenplanung") are committees.
KIND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(bezirklicher\s+)?(integrations|migrations)beirat\b"
            r"|^beirat für (partizipation|migration) und integration\b"
            r"|^beirat für integration\b",
            re.IGNORECASE,
        ),
        K.ADVISORY_BOARD,
    ),
    (
        re.compile(r"(^|\s)AGs?(\s|$)|arbeitsgruppe|arbeitsgemeinschaft|arbeitskreis", re.I),
        K.WORKING_GROUP,
    ),
    (re.compile(r"jour[\s-]*fixe", re.IGNORECASE), K.JOUR_FIXE),
    (re.compile(r"runde[rn]?\s+tisch", re.IGNORECASE), K.ROUND_TABLE),
    (re.compile(r"steuerung|lenkung|koordinierungsstab", re.IGNORECASE), K.STEERING_GROUP),
    (re.compile(r"ausschu(ss|ß)|ausschüsse|beirat", re.IGNORECASE), K.COMMITTEE),
    (re.compile(r"konferenz|fachtag|tagung", re.IGNORECASE), K.CONFERENCE),
    (
        re.compile(
            r"netzwerk|bündnis|vernetzung|runden?\b|kooperationsgremium|treffen\b|forum",
            re.IGNORECASE,
        ),
        K.NETWORK,
    ),
)
L = Body.Level
LEVEL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"aller bezirke|überbezirklich|bezirksübergreifend|bezirkskoordinator"
            r"|landesarbeitsgemeinschaft|\bLAG\b",
            re.IGNORECASE,
        ),
        L.CROSS_DISTRICT,
    ),
    (re.compile(r"\bbundes", re.IGNORECASE), L.FEDERAL),
    (
        re.compile(
            r"\blandes|\bsenias\b|\bsenats?|senatsverwaltung|abgeordnetenhaus|berlinweit"
            r"|\bintmig\b",
            re.IGNORECASE,
        ),
        L.STATE,
    ),
)


def infer_kind(name: str) -> str:
    """The kind a body's name suggests: "AG …" a working group, "Jour fixe …" a jour fixe …"""
    for pattern, kind in KIND_RULES:
        if pattern.search(name):
            return str(kind)
    return str(K.OTHER)


def infer_level(name: str) -> str:
    """ "… aller Bezirke" and the LAG are cross-district, "Landes…"/SenIAS state, "Bundes…"
    federal; anything else is the district's own."""
    for pattern, level in LEVEL_RULES:
        if pattern.search(name):
            return str(level)
    return str(L.DISTRICT)


def name_key(name: str) -> str:
    """Names compare without regard to case and spacing."""
    return " ".join(name.split()).casefold()


# ----------------------------------------------------------------------------- reading


def _too_large() -> ValidationError:
    return ValidationError(
        _("The file is larger than 2 MB. Please upload only the document with the table."),
        code="too_large",
    )


def _not_docx() -> ValidationError:
    return ValidationError(
        _(
            "The file is not a Word document (DOCX). Save it as “Word document (*.docx)” "
            "or paste the table as text."
        ),
        code="not_docx",
    )


def cell_text(cell: Any, separator: str) -> str:
    return separator.join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())


def open_docx(raw: bytes) -> Any:
    import docx  # python-docx; imported here as only the import needs it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if len(raw) > MAX_BYTES:
        raise _too_large()
    if not raw.startswith(b"PK\x03\x04"):
        raise _not_docx()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _not_docx()
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise _not_docx() from None


def _table_lines(table: Any) -> list[str]:
    """The lines of one table whose header names the body and the lead/participation."""
    rows = list(table.rows)
    if not rows:
        return []
    header = [cell_text(cell, " ").casefold() for cell in rows[0].cells]
    name_col = next((i for i, text in enumerate(header) if "gremi" in text), None)
    position_col = next(
        (
            i
            for i, text in enumerate(header)
            if i != name_col and ("leitung" in text or "teilnahme" in text)
        ),
        None,
    )
    if name_col is None or position_col is None:
        return []
    lines = ["Gremium\tLeitung (L)/ Teilnahme"]
    for row in rows[1:]:
        cells = row.cells
        name = cell_text(cells[name_col], " ") if name_col < len(cells) else ""
        positions = cell_text(cells[position_col], ", ") if position_col < len(cells) else ""
        lines.append(f"{name}\t{positions}" if name or positions else "")
    return lines


def docx_to_text(raw: bytes) -> str:
    """The Gremien table(s) of a Word document as text lines "body<TAB>positions"."""
    document = open_docx(raw)
    lines: list[str] = []
    for table in document.tables:
        found = _table_lines(table)
        if found and lines:
            lines.append("")
        lines += found
    if not lines:
        raise ValidationError(
            _("The document has no table with the columns “Gremium” and “Leitung (L)/ Teilnahme”."),
            code="no_table",
        )
    return "\n".join(lines)


@dataclass
class Line:
    """A line of the table as written: the body's name and the positions' cell."""

    number: int
    name: str
    positions: str | None  # None: the line has no second column


def _split(text: str) -> tuple[str, str | None]:
    """(body, positions) of a line; the first cell is the body even when it is empty."""
    for separator in ("\t", ";"):
        if separator in text:
            cells = [cell.strip() for cell in text.split(separator)]
            break
    else:
        cells = [cell.strip() for cell in SPACES.split(text.strip())]
    rest = [cell for cell in cells[1:] if cell]
    return " ".join(cells[0].split()), ", ".join(rest) if rest else None


def read_lines(text: str) -> list[Line]:
    """The table's lines with their numbers; header and empty lines are left out."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise _too_large()
    if not text.strip():
        raise ValidationError(_("There is nothing to import: the text is empty."), code="empty")
    lines: list[Line] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        plain = TAG.sub("", raw).replace("\xa0", " ")
        if not plain.strip() or HEADER.match(plain):
            continue
        if len(lines) == MAX_ROWS:
            raise ValidationError(
                _("The table has more than %(max)s lines. Please import it in parts."),
                code="too_many",
                params={"max": MAX_ROWS},
            )
        name, positions = _split(plain)
        lines.append(Line(number, name, positions))
    if not any(line.name and line.positions for line in lines):
        raise ValidationError(
            _(
                "No line could be read as a body with its positions. Each line needs the "
                "body, a tab (or a semicolon) and the positions, e.g. "
                "“Integrationsbeirat<TAB>IntB (L), Int1”."
            ),
            code="no_rows",
        )
    return lines


# ----------------------------------------------------------------------------- analysis


@dataclass
class PlannedParticipation:
    position: Position
    role: str
    recorded_role: str | None = None  # the role of a participation already recorded

    @property
    def is_new(self) -> bool:
        return self.recorded_role is None

    @property
    def role_label(self) -> str:
        return str(Participation.Role(self.role).label)

    @property
    def recorded_role_label(self) -> str:
        return str(Participation.Role(self.recorded_role).label) if self.recorded_role else ""


@dataclass
class ImportRow:
    """What one line of the table becomes."""

    line: int
    name: str
    kind: str = ""
    level: str = ""
    parent_name: str = ""
    parent_line: int | None = None  # the parent is created from another line
    parent: Body | None = None  # the parent is recorded already
    body: Body | None = None  # the body already recorded under this name
    participations: list[PlannedParticipation] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """rejected, create (a new body), update (new participations) or unchanged."""
        if self.problems:
            return "rejected"
        if self.body is None:
            return "create"
        return "update" if self.new_participations else "unchanged"

    @property
    def new_participations(self) -> list[PlannedParticipation]:
        return [p for p in self.participations if p.is_new]

    @property
    def kind_label(self) -> str:
        kind = self.body.kind if self.body else self.kind
        return str(K(kind).label) if kind else ""

    @property
    def level_label(self) -> str:
        level = self.body.level if self.body else self.level
        return str(L(level).label) if level else ""


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    # Positions named in the table but not recorded (only with `create_positions`).
    new_positions: list[Position] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def bodies_to_create(self) -> int:
        return self._count("create")

    @property
    def participations_to_create(self) -> int:
        return sum(len(row.new_participations) for row in self.rows if not row.problems)

    @property
    def existing(self) -> int:
        return self._count("update") + self._count("unchanged")

    @property
    def rejected(self) -> int:
        return self._count("rejected")

    @property
    def has_changes(self) -> bool:
        return bool(self.bodies_to_create or self.participations_to_create)


def _positions(district: District) -> dict[str, Position]:
    return {p.code.casefold(): p for p in Position.objects.filter(district=district)}


def _position_for(
    code: str, positions: dict[str, Position], create_in: District | None
) -> Position | None:
    """The recorded position, or (with `create_in`) a new one the import will create."""
    position = positions.get(code.casefold())
    if position is None and create_in is not None and len(code) <= CODE_LENGTH:
        position = positions[code.casefold()] = Position(district=create_in, code=code, title=code)
    return position


def _read_positions(
    row: ImportRow, cell: str, positions: dict[str, Position], create_in: District | None
) -> None:
    # Keyed by code: positions still to be created have no primary key yet.
    roles: dict[str, PlannedParticipation] = {}
    for token in (t.strip() for t in re.split(r"[,/]|\s+und\s+", cell)):
        if not token:
            continue
        match = TOKEN.match(token)
        if match is None:
            row.problems.append(
                _("“%(text)s” is not a position code such as IntB or Int1 (L).") % {"text": token}
            )
            continue
        position = _position_for(match["code"], positions, create_in)
        if position is None:
            row.problems.append(
                _(
                    "The office has no position “%(code)s”. Correct the line or create the "
                    "position first."
                )
                % {"code": match["code"]}
            )
            continue
        if not position.is_active:
            row.problems.append(
                _("The position %(code)s is no longer active.") % {"code": position.code}
            )
            continue
        lead = match["lead"] is not None
        key = position.code.casefold()
        if key not in roles or lead:
            role = Participation.Role.LEAD if lead else Participation.Role.PARTICIPANT
            roles[key] = PlannedParticipation(position=position, role=str(role))
    row.participations = list(roles.values())
    if not row.participations and not row.problems:
        row.problems.append(_("The line names no position."))


def _first_reading(
    line: Line, positions: dict[str, Position], create_in: District | None
) -> ImportRow:
    row = ImportRow(line=line.number, name=line.name)
    if not line.name:
        row.problems.append(_("The line has no body."))
    elif line.positions is None:
        row.problems.append(
            _("The line has no column with the positions; separate it by a tab or a semicolon.")
        )
    if line.positions:
        _read_positions(row, line.positions, positions, create_in)
    return row


def _resolve_names(rows: list[ImportRow], bodies: dict[str, Body]) -> None:
    """Split "AG … (Integrationsbeirat)" into the body and its parent, where that is one."""
    in_table = {name_key(row.name): row for row in rows}
    for row in rows:
        match = SUFFIX.match(row.name)
        if match is None or name_key(row.name) in bodies:
            continue
        parent = " ".join(match["parent"].split())
        known = name_key(parent) in in_table or name_key(parent) in bodies
        if known or infer_kind(parent) != K.OTHER:
            row.name, row.parent_name = match["name"].strip(), parent
    for row in rows:
        if len(row.name) > MAX_NAME:
            row.problems.append(
                _("The name is longer than %(max)s characters.") % {"max": MAX_NAME}
            )


def _link(rows: list[ImportRow], bodies: dict[str, Body], today: datetime.date) -> None:
    """Find recorded bodies and participations, parents, and names given twice."""
    first_line: dict[str, ImportRow] = {}
    for row in rows:
        key = name_key(row.name)
        if key and key in first_line:
            row.problems.append(
                _("“%(name)s” is already in line %(line)s.")
                % {"name": row.name, "line": first_line[key].line}
            )
            continue
        first_line.setdefault(key, row)
        row.body = bodies.get(key)
        if row.body is None:
            row.kind, row.level = infer_kind(row.name), infer_level(row.name)
    recorded = _recorded_roles([row.body for row in rows if row.body is not None], today)
    for row in rows:
        if row.body is not None:
            for planned in row.participations:
                planned.recorded_role = recorded.get((row.body.pk, planned.position.pk))
        if row.parent_name and row.body is None:
            parent_key = name_key(row.parent_name)
            row.parent = bodies.get(parent_key)
            if row.parent is not None:
                continue
            if parent_key in first_line and first_line[parent_key] is not row:
                row.parent_line = first_line[parent_key].line
            else:
                row.problems.append(
                    _("It belongs to “%(parent)s”, which is neither in the table nor recorded.")
                    % {"parent": row.parent_name}
                )


def _recorded_roles(bodies: list[Body], today: datetime.date) -> dict[tuple[int, int], str]:
    """{(body, position): role} of participations that run on `today` or later."""
    current = Participation.objects.filter(body__in=bodies).exclude(end__lt=today)
    return {(p.body_id, p.position_id): p.role for p in current}


def _reject_orphans(rows: list[ImportRow]) -> None:
    """A body whose parent's line is rejected cannot be created either."""
    by_line = {row.line: row for row in rows}
    changed = True
    while changed:
        changed = False
        for row in rows:
            parent = by_line.get(row.parent_line) if row.parent_line else None
            if parent is not None and parent.problems and not row.problems:
                row.problems.append(
                    _("Line %(line)s with “%(parent)s” cannot be imported.")
                    % {"line": parent.line, "parent": parent.name}
                )
                changed = True


def import_analyse(
    *,
    district: District,
    text: str,
    start: datetime.date | None = None,
    create_positions: bool = False,
) -> ImportPreview:
    """What importing the table would create, find recorded, or reject (and why), per line.

    With `create_positions` an unknown code is a position to be created (the work plan
    import creates it first) instead of a rejected line.
    """
    lines = read_lines(text)
    positions = _positions(district)
    create_in = district if create_positions else None
    bodies: dict[str, Body] = {}
    for body in Body.objects.filter(district=district).alive().order_by("pk"):
        bodies.setdefault(name_key(body.name), body)
    rows = [_first_reading(line, positions, create_in) for line in lines]
    _resolve_names(rows, bodies)
    _link(rows, bodies, start or timezone.localdate())
    _reject_orphans(rows)
    new_positions = [position for position in positions.values() if position.pk is None]
    return ImportPreview(rows=rows, new_positions=new_positions)


# ----------------------------------------------------------------------------- applying


@dataclass
class ImportResult:
    bodies: int
    participations: int
    rejected: list[int]


def _depth(row: ImportRow, by_line: dict[int, ImportRow]) -> int:
    depth, seen = 0, {row.line}
    while row.parent_line is not None and row.parent_line not in seen:
        seen.add(row.parent_line)
        row, depth = by_line[row.parent_line], depth + 1
    return depth


@transaction.atomic
def bodies_import(
    *, district: District, actor: User | None, text: str, start: datetime.date | None = None
) -> ImportResult:
    """Create the table's missing bodies and participations; rejected lines are left out."""
    start = start or timezone.localdate()
    preview = import_analyse(district=district, text=text, start=start)
    if not preview.has_changes:
        raise ValidationError(
            _("There is nothing to import: every line is recorded already or rejected."),
            code="nothing",
        )
    rows = [row for row in preview.rows if not row.problems]
    by_line = {row.line: row for row in preview.rows}
    created: dict[int, Body] = {}
    bodies = participations = 0
    for row in sorted(rows, key=lambda r: (_depth(r, by_line), r.line)):
        body = row.body
        if body is None:
            parent = created[row.parent_line] if row.parent_line else row.parent
            body = services.body_create(
                district=district,
                actor=actor,
                data={"name": row.name, "kind": row.kind, "level": row.level, "parent": parent},
            )
            created[row.line] = body
            bodies += 1
        for planned in row.new_participations:
            services.participation_create(
                body=body,
                actor=actor,
                data={"position": planned.position, "role": planned.role, "start": start},
            )
            participations += 1
    audit_log(
        actor=actor,
        obj=None,
        district=district,
        action="committees.body.imported",
        changes={
            "bodies": (None, bodies),
            "participations": (None, participations),
            "rejected_lines": (None, [row.line for row in preview.rows if row.problems]),
        },
    )
    return ImportResult(
        bodies=bodies,
        participations=participations,
        rejected=[row.line for row in preview.rows if row.problems],
    )
