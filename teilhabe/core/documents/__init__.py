"""Printable documents: one intermediate model, rendered as DOCX and as PDF.

Build a `Document` from blocks (`model`), then call `render_docx` or `render_pdf`;
both formats carry the same content. The renderers import python-docx and fpdf2 when
first used, so importing this package costs nothing.
"""

from __future__ import annotations

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
    printable,
    split_paragraphs,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


def render_docx(document: Document) -> bytes:
    """The document as a Word file."""
    from .docx import render_docx as render

    return render(document)


def render_pdf(document: Document) -> bytes:
    """The document as a PDF with embedded fonts."""
    from .pdf import render_pdf as render

    return render(document)


__all__ = [
    "DOCX_TYPE",
    "PDF_TYPE",
    "Block",
    "BulletList",
    "Document",
    "Field",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Signature",
    "Spacer",
    "Table",
    "is_rtl",
    "printable",
    "split_paragraphs",
    "render_docx",
    "render_pdf",
]
