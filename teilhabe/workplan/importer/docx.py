"""A Word document's paragraphs and tables as text in the layout `read_plan` reads."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.committees import importer as gremien_importer

from .document import MAX_BYTES
from .reading import BULLET, _cells


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


def file_text(raw: bytes) -> str:
    """The plan's text from an uploaded file: a Word document (recognised by its content,
    not its name) or UTF-8 text as the BVV paper's plain-text layout."""
    if raw.startswith(b"PK\x03\x04"):
        return docx_to_text(raw)
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("The text is larger than 2 MB."), code="too_large")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is neither UTF-8 text nor a Word document (DOCX)."), code="encoding"
        ) from error
