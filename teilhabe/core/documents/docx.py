"""Render a `Document` as a Word file (python-docx).

A4 with 2.5 cm margins, Arial for every script (the complex-script font too, so Arabic
has a font Word and LibreOffice both know), the built-in heading, "List Bullet" and
"Table Grid" styles so the office can restyle the file, table headers repeated on
every page, rows that never break across pages, and "Seite N von M" in the footer
(in the document's language).
Paragraphs written mostly in Arabic script run right to left.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

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

FONT = "Arial"
BODY_SIZE = 11
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN = Cm(2.5)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADING_SIZES = {1: 15, 2: 12.5, 3: 11}
HEADER_FILL = "D9D9D9"
TABLE_SIZE = Pt(BODY_SIZE - 1)
# Cell padding in twentieths of a point: a little air above and below the text.
CELL_MARGINS = {"top": 45, "bottom": 45, "left": 85, "right": 85}
FIELD_INDENT = Cm(0.75)
ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# The elements that follow w:bidi in a paragraph's properties (ECMA-376 CT_PPr).
BIDI_SUCCESSORS = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


# The elements that follow w:szCs in a run's properties (ECMA-376 CT_RPr).
SZCS_SUCCESSORS = (
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def render_docx(document: Document) -> bytes:
    """The document as DOCX bytes."""
    return _DocxRenderer(document).render()


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _set_fonts(rpr: Any, *, language: str) -> None:
    """Arial for Latin, East Asian and complex scripts, replacing theme fonts (which
    take precedence over named ones)."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = {"ascii": FONT, "hAnsi": FONT, "eastAsia": FONT, "cs": FONT}
    rpr.insert(0, _element("w:rFonts", **fonts))
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.append(_element("w:lang", val=language, eastAsia=language, bidi="ar-SA"))


def mark_rtl(paragraph: DocxParagraph) -> None:
    """Let the paragraph run from the right and its runs use complex-script shaping."""
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.insert_element_before(_element("w:bidi"), *BIDI_SUCCESSORS)
    for run in paragraph.runs:
        run.font.rtl = True


def _add_text(
    paragraph: DocxParagraph, text: str, *, bold: bool = False, size: Length | None = None
) -> None:
    text = printable(text)
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
        run.font.cs_bold = True
    if size is not None:
        _set_size(run, size)
    if is_rtl(text):
        mark_rtl(paragraph)


def _set_size(run: Run, size: Length) -> None:
    """The size for Latin and for complex scripts (Arabic runs use the latter)."""
    run.font.size = size
    rpr = run._r.get_or_add_rPr()
    rpr.insert_element_before(_element("w:szCs", val=str(round(size.pt * 2))), *SZCS_SUCCESSORS)


def _add_field(paragraph: DocxParagraph, instruction: str) -> None:
    """A field such as PAGE that Word and LibreOffice compute when they lay out pages."""
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))


class _DocxRenderer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.docx = docx.Document()
        self.break_before_next = False
        self.next_block: Block | None = None
        self.under_heading = False
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
        self.setup_page()
        self.setup_styles()
        self.setup_footer()
        self.setup_properties()
        blocks = self.document.blocks
        for index, block in enumerate(blocks):
            self.next_block = blocks[index + 1] if index + 1 < len(blocks) else None
            self.handlers[type(block)](block)
            self.under_heading = isinstance(block, Heading | Paragraph) and (
                self.under_heading or isinstance(block, Heading)
            )
        if self.break_before_next:
            self.new_paragraph()
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

    # ------------------------------------------------------------------------- set-up

    def setup_page(self) -> None:
        section = self.docx.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.footer_distance = Cm(1.2)

    def setup_styles(self) -> None:
        styles = self.docx.styles
        language = self.document.language_tag
        defaults = styles.element.find(qn("w:docDefaults"))
        _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), language=language)
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "120")
        spacing.set(qn("w:line"), "264")
        normal = styles["Normal"].font
        normal.name, normal.size = FONT, Pt(BODY_SIZE)
        normal.element.rPr.append(_element("w:szCs", val=str(2 * BODY_SIZE)))
        for level, size in HEADING_SIZES.items():
            style = styles[f"Heading {level}"]
            rpr = style.element.get_or_add_rPr()
            _set_fonts(rpr, language=language)
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = style.font.cs_bold = True
            style.font.italic = False
            style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
            style.paragraph_format.space_after = Pt(6)
        footer = styles["Footer"]
        footer.font.size = Pt(8.5)
        footer.paragraph_format.tab_stops.clear_all()
        footer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    def setup_footer(self) -> None:
        paragraph = self.docx.sections[0].footer.paragraphs[0]
        paragraph.style = self.docx.styles["Footer"]
        if self.document.footer:
            paragraph.add_run(printable(self.document.footer))
        page, of = page_words(self.document.language)
        paragraph.add_run(f"\t{page} ")
        _add_field(paragraph, "PAGE")
        paragraph.add_run(f" {of} ")
        _add_field(paragraph, "NUMPAGES")

    def setup_properties(self) -> None:
        properties = self.docx.core_properties
        properties.title = printable(self.document.title)
        properties.subject = printable(self.document.subject)
        properties.author = properties.last_modified_by = self.document.author
        properties.language = self.document.language_tag
        properties.comments = properties.keywords = ""
        properties.revision = 1
        now = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
        properties.created = properties.modified = now

    # ------------------------------------------------------------------------- blocks

    def new_paragraph(self, style: str | None = None) -> DocxParagraph:
        paragraph = self.docx.add_paragraph(style=style)
        if self.break_before_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_before_next = False
        return paragraph

    def heading(self, block: Heading) -> None:
        paragraph = self.new_paragraph(f"Heading {min(max(block.level, 1), 3)}")
        _add_text(paragraph, block.text)

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self.new_paragraph()
        fmt = paragraph.paragraph_format
        if block.space_before:
            fmt.space_before = Pt(block.space_before)
        if self.keeps_with_next():
            fmt.keep_with_next = True
        text = printable(block.text)
        rtl = is_rtl(text)
        if block.align != "left" or not rtl:
            paragraph.alignment = ALIGNMENTS[block.align]
        run = paragraph.add_run(text)
        run.bold = run.font.cs_bold = block.bold or None
        run.italic = run.font.cs_italic = block.italic or None
        if block.size:
            _set_size(run, Pt(block.size))
        if rtl:
            mark_rtl(paragraph)

    def keeps_with_next(self) -> bool:
        """Whether the current paragraph stays on the page where the next block begins:
        a lead-in to a table or list, and the paragraphs under a heading up to the next
        heading (the PDF keeps the same blocks together)."""
        if isinstance(self.next_block, Table | BulletList | Signature):
            return True
        return self.under_heading and isinstance(self.next_block, Paragraph | Field)

    def field(self, block: Field) -> None:
        label = self.new_paragraph()
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_before = Pt(6)
        label.paragraph_format.space_after = Pt(2)
        _add_text(label, block.label, bold=True)
        for text in split_paragraphs(block.text):
            paragraph = self.new_paragraph()
            paragraph.paragraph_format.left_indent = FIELD_INDENT
            _add_text(paragraph, text)

    def bullets(self, block: BulletList) -> None:
        for item in block.items:
            _add_text(self.new_paragraph("List Bullet"), item)

    def table(self, block: Table) -> None:
        if self.break_before_next:
            self.new_paragraph()
        widths = [int(TEXT_WIDTH * fraction) for fraction in block.fractions]
        table = self.docx.add_table(rows=1, cols=len(block.header))
        table.style = self.docx.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _set_cell_margins(table._tbl.tblPr)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        header = table.rows[0]
        self.fill_row(header, block.header, widths, bold=True)
        if block.repeat_header:
            header._tr.get_or_add_trPr().append(_element("w:tblHeader"))
        for values in block.rows:
            self.fill_row(table.add_row(), values, widths)
        # Room between the table and what follows, which Word puts nowhere by itself.
        self.new_paragraph().paragraph_format.space_after = Pt(0)

    def fill_row(
        self, row: Any, values: list[str], widths: list[int], *, bold: bool = False
    ) -> None:
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            if bold:
                _shade(cell)
            _add_text(cell.paragraphs[0], value, bold=bold, size=TABLE_SIZE)

    def signature(self, block: Signature) -> None:
        paragraph = self.new_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = Pt(36)
        fmt.keep_together = fmt.keep_with_next = True
        _add_text(paragraph, "\n".join(part for part in (block.name, block.role) if part))

    def page_break(self, block: PageBreak) -> None:
        self.break_before_next = True

    def spacer(self, block: Spacer) -> None:
        paragraph = self.new_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(block.height)


def _set_cell_margins(tbl_pr: Any) -> None:
    margins = _element("w:tblCellMar")
    for side, twips in CELL_MARGINS.items():
        margins.append(_element(f"w:{side}", w=str(twips), type="dxa"))
    look = tbl_pr.find(qn("w:tblLook"))
    if look is None:
        tbl_pr.append(margins)
    else:
        look.addprevious(margins)


def _shade(cell: _Cell) -> None:
    cell._tc.get_or_add_tcPr().append(
        _element("w:shd", val="clear", color="auto", fill=HEADER_FILL)
    )
