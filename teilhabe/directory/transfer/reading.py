"""Reading an uploaded file: its encoding, its delimiter, its size limits, its header line."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .columns import FORMULA, HEADERS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Table:
    """The rows of an uploaded file as {header: cell}, with their line numbers."""

    rows: list[tuple[int, dict[str, str]]]
    ignored_columns: list[str]


def _not_text() -> ValidationError:
    return ValidationError(
        _("The file is not a CSV text file. Save the table as “CSV (UTF-8)” and try again."),
        code="not_text",
    )


def decode_upload(raw: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than 2 MB. Please split it into several files."),
            code="too_large",
        )
    if b"\x00" in raw:
        raise _not_text()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _not_text() from None
    if CONTROL.search(text):
        raise _not_text()
    return text


def _header_key(header: str) -> str:
    """'Öffnungszeiten' → 'oeffnungszeiten', 'Ganz Berlin' → 'ganz_berlin'."""
    key = header.strip().lstrip("\ufeff").lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        key = key.replace(umlaut, plain)
    return "_".join(key.replace("-", " ").split())


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {char: first.count(char) for char in ";,\t"}
    best = max(counts, key=lambda char: counts[char])
    return best if counts[best] else ";"


def _cell(value: str) -> str:
    value = value.strip()
    # Undo the quote an export puts before values Excel would take for a formula.
    if value.startswith("'") and FORMULA.match(value[1:]):
        return value[1:]
    return value


def read_table(text: str) -> Table:
    """Parse CSV text with a `name` header row; raises ValidationError with German text."""
    if not text.strip():
        raise ValidationError(_("The file is empty."), code="empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(row for row in reader if any(cell.strip() for cell in row))
        keys = [_header_key(cell) for cell in header]
        if "name" not in keys:
            raise ValidationError(
                _("The file has no column “name”. The first line must name the columns."),
                code="no_name",
            )
        index = {key: keys.index(key) for key in HEADERS if key in keys}
        rows = _read_rows(reader, index)
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV (line %(line)s)."),
            code="csv",
            params={"line": reader.line_num},
        ) from error
    ignored = [cell.strip() for cell, key in zip(header, keys, strict=True) if key not in index]
    return Table(rows=rows, ignored_columns=[name for name in ignored if name])


def _read_rows(reader: Any, index: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            if len(rows) == MAX_ROWS:
                raise ValidationError(
                    _("The file has more than %(max)s lines. Please split it."),
                    code="too_many",
                    params={"max": MAX_ROWS},
                )
            values = {key: _cell(cells[i]) if i < len(cells) else "" for key, i in index.items()}
            rows.append((line, values))
        line = reader.line_num + 1
    if not rows:
        raise ValidationError(_("The file has no entries below the header line."), code="no_rows")
    return rows
