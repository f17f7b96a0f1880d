"""The intermediate model of a printable document: a title and a list of blocks.

Domain code builds a `Document` once (the work plan's BVV paper, its annual report,
later the letters of the complaints office) and `docx.render_docx` and
`pdf.render_pdf` turn the same blocks into the two formats, so a Word file and a PDF
never differ in content. Blocks carry plain text only; what a format needs beyond
that (fonts, right-to-left runs, repeated table headers) is the renderers' business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]

BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Control characters (a vertical tab pasted from Word, a NUL), the non-characters
# U+FFFE/U+FFFF and lone surrogates: XML cannot hold them and fonts have no glyph for
# them; line breaks and tabs stay.
CONTROLS = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        0xFFFE,
        0xFFFF,
    ]
)

# A bare language code names the region its documents are written for.
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB", "tr": "tr-TR", "vi": "vi-VN", "ar": "ar"}


@dataclass(frozen=True)
class Heading:
    text: str
    # 1: title of a part, 2: section, 3: subsection.
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    # "\n" inside the text is a line break within the paragraph.
    text: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    # Extra space above the paragraph, in points.
    space_before: float = 0
    # Font size in points; None is the body size.
    size: float | None = None


@dataclass(frozen=True)
class Field:
    """A labelled text such as "A. Gegenstand der Vorlage"; the text may hold several
    paragraphs separated by an empty line."""

    label: str
    text: str


@dataclass(frozen=True)
class BulletList:
    items: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    # Relative column widths; None shares the width equally.
    widths: list[float] | None = None
    # Print the header again on every page the table continues on.
    repeat_header: bool = True

    def __post_init__(self) -> None:
        columns = len(self.header)
        if self.widths is not None and len(self.widths) != columns:
            raise ValueError(f"{len(self.widths)} widths for {columns} columns")
        for row in self.rows:
            if len(row) != columns:
                raise ValueError(f"row {row!r} does not have {columns} cells")

    @property
    def fractions(self) -> list[float]:
        """The column widths as fractions of the table's width."""
        widths = self.widths or [1.0] * len(self.header)
        total = sum(widths)
        return [width / total for width in widths]


@dataclass(frozen=True)
class Signature:
    """Room for a signature, then the signatory's name and office."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Spacer:
    # Height in points.
    height: float = 12


Block = Heading | Paragraph | Field | BulletList | Table | Signature | PageBreak | Spacer


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    language: str = "de"
    # Printed at the foot of every page next to the page number.
    footer: str = ""
    author: str = "teilhabe"
    subject: str = ""

    @property
    def language_tag(self) -> str:
        """The BCP 47 tag for the file's metadata: "de" → "de-DE"."""
        return LANGUAGE_TAGS.get(self.language, self.language)


# The footer's page number in the document's language: "Seite 2 von 5", "Page 2 of 5".
PAGE_WORDS = {
    "de": ("Seite", "von"),
    "en": ("Page", "of"),
    "tr": ("Sayfa", "/"),
    "vi": ("Trang", "/"),
    "ar": ("صفحة", "من"),
}


def page_words(language: str) -> tuple[str, str]:
    """The words around the page numbers for `language` (German if it has none)."""
    return PAGE_WORDS.get(language.split("-")[0].lower(), PAGE_WORDS["de"])


def is_rtl(text: str) -> bool:
    """Whether most strongly directional letters of `text` are right-to-left (Arabic,
    Hebrew …), so the paragraph runs from the right."""
    rtl = ltr = 0
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            rtl += 1
        elif direction == "L":
            ltr += 1
    return rtl > ltr


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text typed with empty lines between them."""
    parts = BLANK_LINE.split(text.replace("\r\n", "\n").strip())
    return [part.strip() for part in parts if part.strip()]


def printable(text: str) -> str:
    """The text in composed form (NFC) with "\n" line ends and without control
    characters, ready for either format."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(CONTROLS)
    return unicodedata.normalize("NFC", text)
