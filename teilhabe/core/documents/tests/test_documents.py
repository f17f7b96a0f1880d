"""The document model and its two renderers, read back with python-docx, pypdf and
fontTools: the same blocks give the same text in both formats."""

from __future__ import annotations

import io
import logging
import unicodedata

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont

from teilhabe.core.documents import (
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
    render_docx,
    render_pdf,
    split_paragraphs,
)
from teilhabe.core.documents.pdf import needs_shaping

TURKISH = "Şükrü Öztürk"
VIETNAMESE = "Nguyễn Thị Hương"
ARABIC = "مركز الاستشارة"
ARABIC_SENTENCE = "مركز الاستشارة يقدم المشورة للمهاجرين في الحي"


def sample(rows: int = 5, *, arabic: bool = True) -> Document:
    blocks = [
        Heading("Vorlage zur Kenntnisnahme"),
        Paragraph("für die Sitzung der Bezirksverordnetenversammlung am 25.02.2021"),
        Field("A. Gegenstand der Vorlage:", "Erster Absatz.\n\nZweiter Absatz mit Größe."),
        Signature(TURKISH, "Stellv. Bezirksbürgermeister"),
        PageBreak(),
        Heading("Anlage", 2),
        Paragraph(f"Bearbeiter/innen: {TURKISH}, {VIETNAMESE}", size=9.5),
        BulletList(["Geschäftsführung des Integrationsbeirates", "Prüfung der Zuwendungen"]),
        Spacer(6),
        Table(
            ["lfd. Nr.", "Aktivität", "Zuständigkeit", "Terminierung"],
            [
                [str(n), f"Aktivität {n} im Bezirk", "IntB, Int1", "II. Quartal"]
                for n in range(rows)
            ],
            widths=[1, 6, 2, 2],
        ),
    ]
    if arabic:
        blocks += [Paragraph(ARABIC_SENTENCE), Table(["Gremium", "Leitung"], [[ARABIC, "IntB"]])]
    return Document(title="Arbeitsplan 2021", blocks=blocks, footer="BA-Vorlage Nr. 1221/V")


def read_docx(document: Document) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(document)))


def read_pdf(document: Document) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(render_pdf(document)))


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


# ----------------------------------------------------------------------------- model


def test_a_table_refuses_rows_and_widths_that_do_not_fit_its_header():
    with pytest.raises(ValueError, match="does not have 2 cells"):
        Table(["a", "b"], [["1", "2"], ["3"]])
    with pytest.raises(ValueError, match="3 widths for 2 columns"):
        Table(["a", "b"], [], widths=[1, 2, 3])
    assert Table(["a", "b"], [], widths=[1, 3]).fractions == [0.25, 0.75]
    assert Table(["a", "b"], []).fractions == [0.5, 0.5]


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        (ARABIC_SENTENCE, True),
        (f"Bearbeiter/innen: Hr. Bryant, {ARABIC}", False),
        (f"{ARABIC} (IntB)", True),
        (VIETNAMESE, False),
        ("2021", False),
        ("שלום עולם", True),
    ],
)
def test_is_rtl_goes_by_the_majority_of_letters(text, rtl):
    assert is_rtl(text) is rtl


def test_split_paragraphs_on_empty_lines():
    text = "Erster Absatz\nmit Umbruch.\r\n  \r\nZweiter.\n\n\n"
    assert split_paragraphs(text) == ["Erster Absatz\nmit Umbruch.", "Zweiter."]
    assert split_paragraphs("  ") == []


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("Größe – „Zitat“ € 5", False),
        (TURKISH, False),
        (VIETNAMESE, False),
        (unicodedata.normalize("NFD", VIETNAMESE), True),
        (ARABIC, True),
        ("Ελληνικά и кириллица", False),
    ],
)
def test_only_text_that_needs_it_is_shaped(text, shaped):
    assert needs_shaping(text) is shaped


def test_printable_drops_control_characters_and_composes():
    decomposed = unicodedata.normalize("NFD", VIETNAMESE)
    assert printable(f"a\x0bb\x00c\r\nd\re\tf {decomposed}") == f"abc\nd\ne\tf {VIETNAMESE}"


@pytest.mark.parametrize("render", [render_docx, render_pdf])
def test_pasted_control_characters_do_not_break_a_document(render):
    document = Document(
        title="Titel\x0b",
        footer="Fuß\x07",
        blocks=[
            Heading("Kopf\x0c"),
            Paragraph("Zeile\x0bzwei\x00 \ufffe\uffff\ud800"),
            Table(["a\x01"], [["b\x1f"]]),
        ],
    )
    assert render(document)


def test_language_tags():
    assert Document(title="x").language_tag == "de-DE"
    assert Document(title="x", language="tr").language_tag == "tr-TR"
    assert Document(title="x", language="pt-BR").language_tag == "pt-BR"


# ----------------------------------------------------------------------------- DOCX


def test_docx_page_fonts_and_metadata():
    document = read_docx(sample())
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, which rounds the centimetres.
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21, 29.7), abs=0.01)
    assert section.left_margin.cm == section.right_margin.cm == pytest.approx(2.5, abs=0.01)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Arial"
    }
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:cs")) == "Arial" and heading.get(qn("w:asciiTheme")) is None
    properties = document.core_properties
    assert (properties.title, properties.language, properties.author) == (
        "Arbeitsplan 2021",
        "de-DE",
        "teilhabe",
    )
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("BA-Vorlage Nr. 1221/V\tSeite ")
    assert [i.text.strip() for i in footer._p.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]


def test_docx_blocks_use_the_built_in_styles():
    document = read_docx(sample())
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[:7] == [
        ("Heading 1", "Vorlage zur Kenntnisnahme"),
        ("Normal", "für die Sitzung der Bezirksverordnetenversammlung am 25.02.2021"),
        ("Normal", "A. Gegenstand der Vorlage:"),
        ("Normal", "Erster Absatz."),
        ("Normal", "Zweiter Absatz mit Größe."),
        ("Normal", f"{TURKISH}\nStellv. Bezirksbürgermeister"),
        ("Heading 2", "Anlage"),
    ]
    assert [text for style, text in styled if style == "List Bullet"] == [
        "Geschäftsführung des Integrationsbeirates",
        "Prüfung der Zuwendungen",
    ]
    label = next(p for p in document.paragraphs if p.text == "A. Gegenstand der Vorlage:")
    assert label.runs[0].bold and label.paragraph_format.keep_with_next
    anlage = next(p for p in document.paragraphs if p.text == "Anlage")
    assert anlage.paragraph_format.page_break_before


def test_docx_tables_repeat_the_header_and_keep_rows_whole():
    table = read_docx(sample(rows=40)).tables[0]
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 41
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "lfd. Nr.",
        "Aktivität",
        "Zuständigkeit",
        "Terminierung",
    ]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    shading = header.cells[0]._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "D9D9D9"
    widths = [column.width for column in table.columns]
    assert [width / sum(widths) for width in widths] == pytest.approx(
        [1 / 11, 6 / 11, 2 / 11, 2 / 11], rel=1e-3
    )


def test_docx_marks_arabic_paragraphs_right_to_left():
    document = read_docx(sample())
    arabic = next(p for p in document.paragraphs if p.text == ARABIC_SENTENCE)
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert all(run.font.rtl for run in arabic.runs)
    mixed = next(p for p in document.paragraphs if p.text.startswith("Bearbeiter/innen"))
    assert mixed._p.pPr is None or mixed._p.pPr.find(qn("w:bidi")) is None
    assert mixed.text == f"Bearbeiter/innen: {TURKISH}, {VIETNAMESE}"
    cell = document.tables[1].rows[1].cells[0]
    assert cell.text == ARABIC
    assert cell.paragraphs[0]._p.pPr.find(qn("w:bidi")) is not None


def test_docx_page_break_before_a_table_keeps_the_table_on_the_new_page():
    document = read_docx(
        Document(title="x", blocks=[Paragraph("a"), PageBreak(), Table(["h"], [])])
    )
    breaking = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaking) == 1
    body = list(document.element.body.iterchildren())
    assert body.index(breaking[0]._p) < body.index(document.tables[0]._tbl)


# ----------------------------------------------------------------------------- PDF


def test_pdf_text_metadata_and_footer():
    reader = read_pdf(sample())
    pages = [flat(page.extract_text()) for page in reader.pages]
    assert len(pages) == 2
    assert "für die Sitzung der Bezirksverordnetenversammlung am 25.02.2021" in pages[0]
    assert "BA-Vorlage Nr. 1221/V Seite 1 von 2" in pages[0]
    assert "Seite 2 von 2" in pages[1]
    assert f"Bearbeiter/innen: {TURKISH}, {VIETNAMESE}" in pages[1]
    assert reader.metadata.title == "Arbeitsplan 2021"
    assert reader.metadata.author == "teilhabe"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)


def test_pdf_arabic_comes_back_joined_and_whole():
    text = flat(" ".join(page.extract_text() for page in read_pdf(sample()).pages))
    # fpdf2 writes right-to-left runs in visual order, which pypdf reads left to right.
    for arabic in (ARABIC_SENTENCE, ARABIC):
        assert arabic in text or " ".join(reversed(arabic.split())) in text


def embedded(reader: pypdf.PdfReader) -> dict[str, TTFont]:
    """{font name: the embedded TrueType subset}."""
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            for descendant in font["/DescendantFonts"]:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                program = descriptor["/FontFile2"].get_object().get_data()
                fonts[name] = TTFont(io.BytesIO(program))
    return fonts


def test_pdf_embeds_noto_with_every_glyph(caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        reader = read_pdf(sample())
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    fonts = embedded(reader)
    assert set(fonts) == {"NotoSans", "NotoSansBold", "NotoSansArabic"}
    covered = set(fonts["NotoSans"].getBestCmap())
    assert {ord(char) for char in TURKISH + VIETNAMESE + "äöüß"} <= covered


def test_pdf_without_arabic_does_not_embed_the_arabic_font():
    assert "NotoSansArabic" not in embedded(read_pdf(sample(arabic=False)))


def test_pdf_repeats_the_table_header_on_every_page():
    reader = read_pdf(sample(rows=90, arabic=False))
    pages = [flat(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 4
    for text in pages[1:]:
        assert "lfd. Nr. Aktivität Zuständigkeit Terminierung" in text
    assert "Aktivität 89 im Bezirk" in pages[-1]


def test_both_formats_carry_the_same_text():
    document = sample()
    pdf_text = flat(" ".join(page.extract_text() for page in read_pdf(document).pages))
    word = read_docx(document)
    lines = [p.text for p in word.paragraphs if p.text and not is_rtl(p.text)]
    lines += [c.text for t in word.tables for r in t.rows for c in r.cells if not is_rtl(c.text)]
    assert lines
    for line in lines:
        assert flat(line) in pdf_text
