"""Render a `Document` as PDF (fpdf2).

A4, the vendored Noto Sans fonts (SIL Open Font License, `fonts/OFL.txt`) embedded as
subsets, Noto Sans Arabic as fallback for Arabic script, table headers repeated on every
page, "Seite N von M" at the foot of each page, title and language in the metadata.

Text shaping (HarfBuzz) gives Arabic its joined letter forms and right-to-left order,
but fpdf2 measures every prefix of a line while breaking it, which makes shaping cost
about three times as much as plain layout. Blocks are therefore shaped only where their
text needs it: Latin, Greek and Cyrillic in composed form (including Turkish and
Vietnamese after NFC) print right glyph by glyph.

Each document loads the fonts afresh: fpdf2 subsets the parsed font in place when it
writes the file, so a parsed font cannot serve a second document. fontTools reads the
files lazily (about 50 ms for all five); importing fpdf2 and fontTools costs about a
second once per process.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, TableHeadingsDisplay, XPos, YPos
from fpdf.fonts import FontFace

from .model import (
    Block,
    BulletList,
    Document,
    Field,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Spacer,
    Table,
    is_rtl,
    page_words,
    printable,
    split_paragraphs,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "NotoSans"
FALLBACK = "NotoSansArabic"
FONT_FILES = {
    (FAMILY, ""): "NotoSans-Regular.ttf",
    (FAMILY, "B"): "NotoSans-Bold.ttf",
    (FAMILY, "I"): "NotoSans-Italic.ttf",
    (FALLBACK, ""): "NotoSansArabic-Regular.ttf",
    (FALLBACK, "B"): "NotoSansArabic-Bold.ttf",
}
MM_PER_PT = 25.4 / 72
BODY_SIZE = 10.5
SMALL_SIZE = 8.5
LEADING = 1.4
HEADING_SIZES = {1: 15, 2: 12.5, 3: 11}
HEADING_SPACE = {1: 18, 2: 12, 3: 12}
MARGIN = 25
BOTTOM_MARGIN = 22
FIELD_INDENT = 7.5
BULLET_INDENT = 6
HEADER_FILL = (217, 217, 217)
ALIGNMENTS = {"left": "L", "center": "C", "right": "R", "justify": "J"}
TABLE_SIZE = BODY_SIZE - 1
# The room (mm) the start of a block needs so that it does not begin at a page's foot:
# a table's header and first row (four lines and their padding), two list items, a
# field's label and first line.
START_HEIGHTS: dict[type, float] = {
    Table: 4 * TABLE_SIZE * MM_PER_PT * LEADING + 5,
    BulletList: 2 * BODY_SIZE * MM_PER_PT * LEADING,
    Field: 3 * BODY_SIZE * MM_PER_PT * LEADING,
    Paragraph: 2 * BODY_SIZE * MM_PER_PT * LEADING,
}


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes."""
    return _PdfRenderer(document).render()


@cache
def font_paths() -> dict[tuple[str, str], Path]:
    """The vendored font files, checked once per process."""
    paths = {key: FONT_DIR / name for key, name in FONT_FILES.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"Vendored fonts missing: {', '.join(missing)}")
    return paths


def needs_shaping(text: str) -> bool:
    """Whether some character's glyph depends on its neighbours or on the writing
    direction: scripts from Hebrew (U+0590) on, except Latin Extended Additional
    (Vietnamese) and the punctuation and symbol blocks, and combining marks."""
    for char in text:
        code = ord(char)
        if code < 0x0590:
            if unicodedata.combining(char):
                return True
        elif not (0x1E00 <= code <= 0x1EFF or 0x2000 <= code <= 0x2BFF):
            return True
    return False


def _signature_room() -> float:
    """Room for a signature: the space to sign in, the name and the role."""
    return _size_mm(30) + 2 * _size_mm(BODY_SIZE) * LEADING


def _size_mm(points: float) -> float:
    return points * MM_PER_PT


class _PaperPDF(FPDF):
    """FPDF with the footer every page of a document carries."""

    footer_text = ""
    page_words = page_words("de")

    def footer(self) -> None:
        shaping = self.text_shaping
        self.set_text_shaping(needs_shaping(self.footer_text))
        self.set_y(-BOTTOM_MARGIN + 8)
        self.set_font(FAMILY, "", SMALL_SIZE)
        self.set_text_color(80)
        height = _size_mm(SMALL_SIZE) * LEADING
        if self.footer_text:
            self.cell(self.epw * 0.75, height, self.footer_text, align="L")
        self.set_x(self.l_margin)
        page, of = self.page_words
        self.cell(0, height, f"{page} {self.page_no()} {of} {{nb}}", align="R")
        self.set_text_color(0)
        self.text_shaping = shaping


class _PdfRenderer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.pdf = _PaperPDF(orientation="portrait", unit="mm", format="A4")
        self.handlers: dict[type, Callable[[Any], None]] = {
            Heading: self.heading,
            Paragraph: self.paragraph,
            Field: self.field,
            BulletList: self.bullets,
            Table: self.table,
            Signature: self.signature,
            PageBreak: self.page_break,
            Spacer: self.spacer,
        }

    def render(self) -> bytes:
        self.setup()
        blocks = self.document.blocks
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                self.keep_room(self.lead_height(block, blocks[index + 1 : index + 4]))
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Paragraph) and isinstance(following, Signature):
                # A letter's closing stays on the page of its signature.
                self.keep_room(
                    self.measure(block.text, "", block.size or BODY_SIZE) + _signature_room()
                )
            self.handlers[type(block)](block)
        return bytes(self.pdf.output())

    def setup(self) -> None:
        pdf = self.pdf
        for (family, style), path in font_paths().items():
            pdf.add_font(family, style, path)
        # Arabic has no italic; an italic Arabic word falls back to the upright face.
        pdf.set_fallback_fonts([FALLBACK], exact_match=False)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=BOTTOM_MARGIN)
        pdf.footer_text = _clean(self.document.footer)
        pdf.page_words = page_words(self.document.language)
        pdf.set_title(_clean(self.document.title))
        pdf.set_subject(_clean(self.document.subject))
        pdf.set_author(self.document.author)
        pdf.set_creator("teilhabe")
        pdf.set_lang(self.document.language_tag)
        pdf.add_page()
        self.font()

    # ------------------------------------------------------------------------- helpers

    def font(self, style: str = "", size: float = BODY_SIZE) -> float:
        """Set the font; returns the line height in mm."""
        self.pdf.set_font(FAMILY, style, size)
        return _size_mm(size) * LEADING

    @contextlib.contextmanager
    def shaping(self, *texts: str) -> Iterator[None]:
        self.pdf.set_text_shaping(any(needs_shaping(text) for text in texts))
        try:
            yield
        finally:
            self.pdf.set_text_shaping(False)

    def space(self, points: float) -> None:
        """Vertical space, dropped at the top of a page."""
        if points and self.pdf.get_y() > self.pdf.t_margin + 0.1:
            self.pdf.ln(_size_mm(points))

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()

    def lead_height(self, heading: Heading, following: list[Block]) -> float:
        """The room a heading needs at the foot of a page: itself, the paragraphs that
        introduce what follows, and the first lines of that (a table's header and
        first row), so none of them is left alone at the bottom."""
        level = min(max(heading.level, 1), 3)
        height = _size_mm(HEADING_SPACE[level])
        height += self.measure(heading.text, "B", HEADING_SIZES[level])
        for block in following:
            if not isinstance(block, Paragraph):
                height += START_HEIGHTS.get(type(block), 0)
                break
            style = ("B" if block.bold else "") + ("I" if block.italic else "")
            height += _size_mm(block.space_before + 6)
            height += self.measure(block.text, style, block.size or BODY_SIZE)
        self.font()
        # An introduction longer than half a page may start anywhere.
        return min(height, self.pdf.eph / 2)

    def measure(self, text: str, style: str, size: float) -> float:
        height = self.font(style, size)
        with self.shaping(text):
            lines = self.pdf.multi_cell(
                self.pdf.epw, height, _clean(text), dry_run=True, output=MethodReturnValue.LINES
            )
        return len(cast(list[str], lines)) * height + _size_mm(6)

    def text(self, text: str, height: float, *, align: str = "left", indent: float = 0) -> None:
        text = _clean(text)
        if is_rtl(text) and align == "left":
            align = "right"
        pdf = self.pdf
        pdf.set_x(pdf.l_margin + indent)
        with self.shaping(text):
            pdf.multi_cell(
                pdf.epw - indent,
                height,
                text,
                align=ALIGNMENTS[align],
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    # ------------------------------------------------------------------------- blocks

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), 3)
        size = HEADING_SIZES[level]
        self.space(HEADING_SPACE[level])
        height = self.font("B", size)
        self.text(block.text, height)
        self.pdf.ln(_size_mm(6))
        self.font()

    def paragraph(self, block: Paragraph) -> None:
        self.space(block.space_before)
        style = ("B" if block.bold else "") + ("I" if block.italic else "")
        height = self.font(style, block.size or BODY_SIZE)
        self.text(block.text, height, align=block.align)
        self.pdf.ln(_size_mm(6))
        self.font()

    def field(self, block: Field) -> None:
        self.space(6)
        height = self.font("B")
        self.keep_room(START_HEIGHTS[Field])
        self.text(block.label, height)
        self.pdf.ln(_size_mm(2))
        height = self.font()
        for text in split_paragraphs(block.text):
            self.text(text, height, indent=FIELD_INDENT)
            self.pdf.ln(_size_mm(6))

    def bullets(self, block: BulletList) -> None:
        pdf = self.pdf
        height = self.font()
        for item in block.items:
            self.keep_room(height)
            pdf.set_x(pdf.l_margin + 1.5)
            pdf.cell(BULLET_INDENT - 1.5, height, "•")
            self.text(item, height, indent=BULLET_INDENT)
            pdf.ln(_size_mm(3))
        pdf.ln(_size_mm(3))

    def table(self, block: Table) -> None:
        pdf = self.pdf
        header = [_clean(text) for text in block.header]
        rows = [[_clean(text) for text in row] for row in block.rows]
        size = TABLE_SIZE
        height = self.font("", size)
        repeat = TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE if block.repeat_header else 0
        # The header and the first row go on one page.
        self.keep_room(START_HEIGHTS[Table])
        with (
            self.shaping(*header, *(text for row in rows for text in row)),
            pdf.table(
                width=pdf.epw,
                col_widths=block.fractions,
                align="LEFT",
                text_align="LEFT",
                v_align="TOP",
                line_height=height,
                padding=(1.2, 1.6),
                headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL, size_pt=size),
                repeat_headings=repeat,
            ) as table,
        ):
            for values in [header, *rows]:
                row = table.row()
                for value in values:
                    row.cell(value, align="RIGHT" if is_rtl(value) else None)
        pdf.ln(_size_mm(9))
        self.font()

    def signature(self, block: Signature) -> None:
        height = self.font()
        self.keep_room(_signature_room())
        self.space(30)
        lines = [part for part in (block.name, block.role) if part]
        self.text("\n".join(lines), height)
        self.pdf.ln(_size_mm(6))

    def page_break(self, block: PageBreak) -> None:
        self.pdf.add_page()

    def spacer(self, block: Spacer) -> None:
        self.space(block.height)


def _clean(text: str) -> str:
    """Printable text in composed form (a decomposed "ễ" would need shaping to place its
    marks); fpdf2 has no tab stops, so a tab is a space."""
    return printable(text).replace("\t", " ")
