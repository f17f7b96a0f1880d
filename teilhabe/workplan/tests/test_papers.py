"""The work plan's papers, read back from the files: the BVV paper in the layout of
seed 002 and the annual report, as DOCX (python-docx), PDF (pypdf) and the DOCX
converted by LibreOffice."""

from __future__ import annotations

import datetime
import io
import logging
import re
import unicodedata

import docx
import pypdf
import pytest
from django.utils import timezone
from django_scopes import scope
from docx.oxml.ns import qn

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.committees.models import Body
from teilhabe.committees.tests.factories import body as make_body
from teilhabe.committees.tests.factories import meeting, participate, position
from teilhabe.core.documents import Document
from teilhabe.core.documents.tests.office import libreoffice_pdf, needs_libreoffice
from teilhabe.districts.models import Position
from teilhabe.workplan import papers, services
from teilhabe.workplan.models import WorkPlan

pytestmark = pytest.mark.django_db

TURKISH = "Şükrü Öztürk"
VIETNAMESE = "Nguyễn Thị Hương"
ARABIC = "مركز الاستشارة"
ARABIC_PARAGRAPH = "ملخص بالعربية: مركز الاستشارة يقدم المشورة للمهاجرين في الحي."
COVER_SENTENCE = (
    "Das Bezirksamt hat am 09.02.2021 beschlossen, der Bezirksverordnetenversammlung die "
    "BA-Vorlage Nr. 1221/V zur Kenntnisnahme vorzulegen."
)
SCHEDULES = [
    "06.01.2021",
    "27./28.01.2021",
    "15.02.2021",
    "März 2021",
    "ganzjährig (insbes. I. Quartal 2021)",
    "19.05.2021",
    "I.+II. Quartal 2021",
    "ganzjährig (insbes. I.-II. Quartal 2021)",
    "II. Quartal",
    "I.-III. Quartal 2021",
    "04.-24.09.2021",
    "IV. Quartal 2021",
    "ganzjährig",
]
CODES = [("IntB",), ("Int1", "Int2"), ("IntB", "Int1", "Int2"), ("Int2",), ("Int1",)]
SECTION_LABELS = [
    "A. Gegenstand der Vorlage:",
    "B. Berichterstatter/in:",
    "C.1 Beschlussentwurf:",
    "C.2 Weiterleitung an die BVV zugleich Veröffentlichung:",
    "D. Begründung:",
    "E. Rechtsgrundlage:",
    "F. Haushaltsmäßige Auswirkungen:",
    "G. Zielgruppenrelevante Auswirkungen:",
]


# ----------------------------------------------------------------------------- plans


def build_plan(district, *, activities: int = 21, gremien: int = 32) -> WorkPlan:
    """A plan shaped like seed 002: ten running tasks, the Gremien table, numbered
    activities, the decision and editors whose names need Turkish, Vietnamese and
    Arabic letters."""
    user = UserFactory()
    with scope(district=district):
        positions = {}
        for order, code in enumerate(("IntB", "Int1", "Int2")):
            positions[code] = position(district, code)
            Position.objects.filter(pk=positions[code].pk).update(sort_order=order)
            positions[code].refresh_from_db()
        plan = services.plan_create(district=district, actor=user, year=2021)
        plan = services.plan_update(
            plan=plan,
            actor=user,
            expected_version=plan.version,
            data={
                "introduction": plan.introduction + f"\n\n{ARABIC_PARAGRAPH}",
                "activities_intro": "Geplant sind für 2021 folgende Aktivitäten:",
                "bvv_session_date": datetime.date(2021, 2, 25),
                "section_rapporteur": "Bezirksbürgermeisterin",
                "cover_signatory": TURKISH,
                "cover_signatory_role": "Stellv. Bezirksbürgermeister",
                "annex_signatory": "Gülay Yıldırım",
                "annex_signatory_role": "Bezirksbürgermeisterin",
                "editors": f"Hr. {TURKISH}, Fr. {VIETNAMESE}, Fr. Layla Haddad",
                "document_date": datetime.date(2021, 2, 1),
                "phone": "-2060",
            },
        )
        for number in range(1, 11):
            services.running_task_add(
                plan=plan, actor=user, text=f"Laufende Aufgabe {number}: Beratung und Prüfung"
            )
    _gremien(district, gremien)
    with scope(district=district):
        for number in range(1, activities + 1):
            services.activity_create(
                plan=plan,
                actor=user,
                data={
                    "number": number,
                    "title": activity_title(number),
                    "schedule_text": SCHEDULES[number % len(SCHEDULES)],
                },
                positions=[positions[c] for c in CODES[number % len(CODES)]],
            )
        plan = services.plan_adopt(
            plan=plan,
            actor=user,
            decision_date=datetime.date(2021, 2, 9),
            paper_number="1221/V",
            freeze_gremien=True,
            expected_version=WorkPlan.objects.get(pk=plan.pk).version,
        )
    return plan


def activity_title(number: int) -> str:
    return (
        f"Aktivität {number}: Begleitung des Projekts „Brücken bauen“ mit Trägern, Beirat "
        "und Fachämtern im Bezirk"
    )


def _gremien(district, count: int) -> None:
    start = datetime.date(2021, 1, 1)
    for number in range(count):
        name = ARABIC if number == 3 else f"Gremium {number + 1} für Integration und Teilhabe"
        level = "district" if number < 26 else "state"
        created = make_body(district, name=name, level=level)
        participate(created, "IntB", "lead" if number % 4 == 0 else "participant", start=start)
        if number % 3 == 0:
            participate(created, "Int1", start=start)


def docx_of(plan: WorkPlan, kind: str = "vorlage") -> docx.document.Document:
    with scope(district=plan.district):
        content = papers.render(papers.document_for(plan, kind), "docx")
    return docx.Document(io.BytesIO(content))


def pdf_of(plan: WorkPlan, kind: str = "vorlage") -> pypdf.PdfReader:
    with scope(district=plan.district):
        content = papers.render(papers.document_for(plan, kind), "pdf")
    return pypdf.PdfReader(io.BytesIO(content))


def flat(text: str) -> str:
    """Text without the line breaks of the layout, NFKC-normalised (Arabic presentation
    forms back to letters)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def in_order(haystack: list[str], needles: list[str]) -> bool:
    position_ = 0
    for needle in needles:
        try:
            position_ = haystack.index(needle, position_) + 1
        except ValueError:
            return False
    return True


@pytest.fixture
def seed_plan(district_a) -> WorkPlan:
    return build_plan(district_a)


# ----------------------------------------------------------------------------- DOCX


def test_bvv_paper_docx_follows_the_paper_of_seed_002(seed_plan):
    document = docx_of(seed_plan)
    paragraphs = texts(document)
    assert in_order(
        paragraphs,
        [
            "Vorlage zur Kenntnisnahme",
            "für die Sitzung der Bezirksverordnetenversammlung am 25.02.2021",
            "1. Gegenstand der Vorlage:",
            seed_plan.title,
            "2. Die BVV wird um Kenntnisnahme gebeten:",
            COVER_SENTENCE,
            f"{TURKISH}\nStellv. Bezirksbürgermeister",
            "Anlage",
            "Vorlage für das Bezirksamt",
            "– zur Beschlussfassung –",
            "Nr. 1221/V",
            *SECTION_LABELS,
            "Gülay Yıldırım\nBezirksbürgermeisterin",
            "Anlage",
            "Bezirksamt Marzahn-Hellersdorf von Berlin\nIntB, Int1, Int2\n"
            f"Bearbeiter/innen: Hr. {TURKISH}, Fr. {VIETNAMESE}, Fr. Layla Haddad\nTel.: -2060",
            "01.02.2021",
            seed_plan.title,
            ARABIC_PARAGRAPH,
            "1. laufende Tätigkeiten",
            "Laufende Aufgabe 1: Beratung und Prüfung",
            "Laufende Aufgabe 10: Beratung und Prüfung",
            "2. Gremienarbeit",
            "3. geplante Aktivitäten",
            "Geplant sind für 2021 folgende Aktivitäten:",
        ],
    )
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Vorlage zur Kenntnisnahme",
        "Vorlage für das Bezirksamt",
        seed_plan.title,
        "1. laufende Tätigkeiten",
        "2. Gremienarbeit",
        "3. geplante Aktivitäten",
    ]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 10


def test_bvv_paper_docx_tables_repeat_their_header_and_keep_rows_whole(seed_plan):
    gremien, activities = docx_of(seed_plan).tables
    assert [c.text for c in gremien.rows[0].cells] == ["Gremium", "Leitung (L)/ Teilnahme"]
    assert len(gremien.rows) == 1 + 32
    assert [c.text for c in activities.rows[0].cells] == [
        "lfd. Nr.",
        "Aktivität",
        "Zuständigkeit",
        "Terminierung",
    ]
    assert len(activities.rows) == 1 + 21
    assert [c.text for c in activities.rows[1].cells][2:] == ["Int1, Int2", "27./28.01.2021"]
    assert [c.text for c in activities.rows[2].cells][2:] == ["IntB, Int1, Int2", "15.02.2021"]
    assert gremien.rows[1].cells[1].text == "IntB (L), Int1"
    for table in (gremien, activities):
        assert table.style.name == "Table Grid"
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
        assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_bvv_paper_docx_sets_arabic_right_to_left(seed_plan):
    document = docx_of(seed_plan)
    arabic = next(p for p in document.paragraphs if p.text == ARABIC_PARAGRAPH)
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    assert all(run.font.rtl for run in arabic.runs)
    cell = next(c for row in document.tables[0].rows for c in row.cells if c.text == ARABIC)
    assert cell.paragraphs[0]._p.pPr.find(qn("w:bidi")) is not None
    german = next(p for p in document.paragraphs if p.text == "2. Gremienarbeit")
    assert german._p.pPr.find(qn("w:bidi")) is None


def test_bvv_paper_docx_metadata(seed_plan):
    document = docx_of(seed_plan)
    properties = document.core_properties
    assert properties.title == seed_plan.title
    assert properties.language == "de-DE"
    assert properties.author == "teilhabe"
    footer = document.sections[0].footer.paragraphs[0]
    assert "BA-Vorlage Nr. 1221/V" in footer.text
    assert [i.text.strip() for i in footer._p.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]


# ----------------------------------------------------------------------------- PDF


def test_bvv_paper_pdf_text_names_and_fonts(seed_plan, caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        reader = pdf_of(seed_plan)
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    pages = [flat(page.extract_text()) for page in reader.pages]
    assert len(pages) >= 4
    assert COVER_SENTENCE in pages[0]
    assert f"{TURKISH} Stellv. Bezirksbürgermeister" in pages[0]
    assert "Seite 1 von" in pages[0] and f"Seite {len(pages)} von {len(pages)}" in pages[-1]
    everything = " ".join(pages)
    assert f"Bearbeiter/innen: Hr. {TURKISH}, Fr. {VIETNAMESE}" in everything
    # fpdf2 writes right-to-left runs in visual order; pypdf reads words left to right.
    words = ARABIC.split()
    assert ARABIC in everything or " ".join(reversed(words)) in everything
    assert all(label in everything for label in SECTION_LABELS)
    assert reader.metadata.title == seed_plan.title
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    fonts = embedded_fonts(reader)
    assert {"NotoSans", "NotoSansBold", "NotoSansArabic"} <= set(fonts)
    assert all(fonts.values())


def embedded_fonts(reader: pypdf.PdfReader) -> dict[str, bool]:
    """{font name: has its TrueType program embedded} over all pages."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                name = str(font["/BaseFont"]).split("+", 1)[-1]
                found[name] = "/FontFile2" in descriptor
    return found


def test_pdf_repeats_the_activities_header_on_every_page_of_a_long_table(district_a):
    plan = build_plan(district_a, activities=60, gremien=4)
    reader = pdf_of(plan)
    pages = [flat(page.extract_text()) for page in reader.pages]
    start = next(i for i, text in enumerate(pages) if "3. geplante Aktivitäten" in text)
    continued = pages[start + 1 :]
    assert len(continued) >= 2
    for text in continued:
        assert "lfd. Nr. Aktivität Zuständigkeit Terminierung" in text
    assert "Aktivität 60:" in pages[-1]
    numbers = [int(n) for n in re.findall(r"Aktivität (\d+):", " ".join(pages[start:]))]
    assert numbers == list(range(1, 61))


# ----------------------------------------------------------------------------- report


def add_progress(plan: WorkPlan) -> None:
    user = UserFactory()
    with scope(district=plan.district):
        first, second, third = list(plan.activities.order_by("number"))[:3]
        services.activity_progress(
            activity=first,
            actor=user,
            date=datetime.date(2021, 1, 6),
            text=f"Sitzung mit {VIETNAMESE} durchgeführt.",
            status="done",
            expected_version=first.version,
        )
        services.activity_progress(
            activity=second,
            actor=user,
            date=datetime.date(2021, 3, 1),
            text="Fachtagung auf das zweite Halbjahr verschoben.",
            status="postponed",
            expected_version=second.version,
        )
        services.activity_progress(
            activity=third,
            actor=user,
            date=datetime.date(2021, 2, 20),
            text="Entwurf liegt vor.",
            status="in_progress",
            expected_version=third.version,
        )
        bodies = {row["body"]: row["body_id"] for row in plan.gremien_snapshot}
    with scope(district=plan.district):
        body = Body.objects.get(pk=bodies[ARABIC])
    for month, status in ((3, "held"), (6, "held"), (9, "held"), (11, "planned")):
        start = timezone.make_aware(datetime.datetime(2021, month, 2, 17, 0))  # noqa: DTZ001
        meeting(body, start=start, status=status)


def test_annual_report_docx(seed_plan):
    add_progress(seed_plan)
    document = docx_of(seed_plan, "bericht")
    paragraphs = texts(document)
    title = "Arbeitsbericht 2021 des Integrationsbüros des Bezirksamtes Marzahn-Hellersdorf"
    assert in_order(
        paragraphs,
        [
            title,
            "1. Überblick",
            "Der Arbeitsplan umfasst 21 geplante Aktivitäten:",
            "geplant: 18",
            "in Arbeit: 1",
            "erledigt: 1",
            "verschoben: 1",
            "2. Die Aktivitäten im Einzelnen",
            f"1. {activity_title(1)}",
            "Zuständigkeit: Int1, Int2 · Terminierung: 27./28.01.2021 · Stand: erledigt",
            f"06.01.2021: Sitzung mit {VIETNAMESE} durchgeführt.",
            "Zuständigkeit: IntB, Int1, Int2 · Terminierung: 15.02.2021 · Stand: verschoben",
            "01.03.2021: Fachtagung auf das zweite Halbjahr verschoben.",
            "Keine Vermerke.",
            "3. Änderungen am Arbeitsplan",
            "4. Gremienarbeit",
        ],
    )
    assert document.core_properties.title == title
    changes, gremien = document.tables
    assert [c.text for c in changes.rows[0].cells] == [
        "Datum",
        "Aktivität",
        "Art",
        "Änderung",
        "Begründung",
    ]
    assert len(changes.rows) == 2
    row = [c.text for c in changes.rows[1].cells]
    assert row[1].startswith("2. Aktivität 2:")
    assert row[2:] == ["verschoben", "–", "Fachtagung auf das zweite Halbjahr verschoben."]
    assert [c.text for c in gremien.rows[0].cells] == [
        "Gremium",
        "Leitung (L)/ Teilnahme",
        "Sitzungen 2021",
    ]
    assert len(gremien.rows) == 1 + 32
    counts = {row.cells[0].text: row.cells[2].text for row in gremien.rows[1:]}
    assert counts[ARABIC] == "3"
    assert set(counts.values()) == {"0", "3"}


def test_annual_report_without_changes_says_so(seed_plan):
    document = docx_of(seed_plan, "bericht")
    assert "Der Arbeitsplan wurde im Laufe des Jahres nicht geändert." in texts(document)
    assert len(document.tables) == 1


def test_annual_report_pdf(seed_plan):
    add_progress(seed_plan)
    pages = [flat(page.extract_text()) for page in pdf_of(seed_plan, "bericht").pages]
    everything = " ".join(pages)
    assert "Arbeitsbericht 2021 des Integrationsbüros" in pages[0]
    assert f"06.01.2021: Sitzung mit {VIETNAMESE} durchgeführt." in everything
    assert "Sitzungen 2021" in everything
    assert "Der Arbeitsplan umfasst 21 geplante Aktivitäten" in everything


# ----------------------------------------------------------------------------- LibreOffice


@needs_libreoffice
@pytest.mark.parametrize("kind", ["vorlage", "bericht"])
def test_libreoffice_opens_the_docx(seed_plan, kind, tmp_path):
    add_progress(seed_plan)
    with scope(district=seed_plan.district):
        source = tmp_path / papers.filename(seed_plan, kind, "docx")
        source.write_bytes(papers.render(papers.document_for(seed_plan, kind), "docx"))
    converted = libreoffice_pdf(source, tmp_path)
    assert len(converted.pages) > 0
    text = flat(" ".join(page.extract_text() for page in converted.pages))
    assert "Terminierung" in text if kind == "vorlage" else "Sitzungen 2021" in text


# ----------------------------------------------------------------------------- files


def test_filenames_and_formats(district_a):
    plan = WorkPlan(district=district_a, year=2021)
    assert (
        papers.filename(plan, "vorlage", "docx")
        == "Arbeitsplan-2021-marzahn-hellersdorf-BVV-Vorlage.docx"
    )
    assert (
        papers.filename(plan, "bericht", "pdf")
        == "Arbeitsplan-2021-marzahn-hellersdorf-Arbeitsbericht.pdf"
    )
    assert papers.CONTENT_TYPES["pdf"] == papers.PDF_TYPE == "application/pdf"
    with pytest.raises(ValueError, match="unknown"):
        papers.filename(plan, "brief", "pdf")
    with pytest.raises(ValueError, match="unknown format"):
        papers.render(Document(title="x"), "odt")
