"""The work plan's papers as documents: the BVV paper and the annual report.

`bvv_paper` lays the plan out as the Bezirksamt submits it to the BVV: the cover
"Vorlage zur Kenntnisnahme", the paper for the Bezirksamt with sections A–G, and the
plan itself with its running tasks, Gremien and planned activities. `annual_report`
says at the end of the year what became of each activity, what changed in the plan
and why, and how often the Gremien met. `render` turns either into DOCX or PDF.

The papers are official German documents whatever language the user interface
speaks, so their fixed headings and labels below are German content, not msgids: a
translation would change the document the BVV receives, not the interface.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable

from django.utils import timezone

from teilhabe.core.documents import (
    DOCX_TYPE,
    PDF_TYPE,
    Block,
    BulletList,
    Document,
    Field,
    Heading,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    render_docx,
    render_pdf,
    split_paragraphs,
)

from . import selectors
from .models import Activity, PlanChange, WorkPlan

__all__ = [
    "CONTENT_TYPES",
    "DOCX_TYPE",
    "PDF_TYPE",
    "annual_report",
    "bvv_paper",
    "document_for",
    "filename",
    "render",
]

CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}
RENDERERS = {"docx": render_docx, "pdf": render_pdf}
# The papers by the name in their URL, with the name their files carry.
PAPER_NAMES = {"vorlage": "BVV-Vorlage", "bericht": "Arbeitsbericht"}

MISSING = "…"
LETTERHEAD_SIZE = 9.5
STATUS_LABELS: dict[str, str] = {
    Activity.Status.PLANNED: "geplant",
    Activity.Status.IN_PROGRESS: "in Arbeit",
    Activity.Status.DONE: "erledigt",
    Activity.Status.POSTPONED: "verschoben",
    Activity.Status.DROPPED: "entfallen",
}
CHANGE_LABELS: dict[str, str] = {
    PlanChange.Kind.ADDED: "aufgenommen",
    PlanChange.Kind.CHANGED: "geändert",
    PlanChange.Kind.POSTPONED: "verschoben",
    PlanChange.Kind.DROPPED: "entfallen",
    PlanChange.Kind.REMOVED: "gestrichen",
}
SECTIONS = (
    ("A. Gegenstand der Vorlage:", "section_subject"),
    ("B. Berichterstatter/in:", "section_rapporteur"),
    ("C.1 Beschlussentwurf:", "section_resolution"),
    ("C.2 Weiterleitung an die BVV zugleich Veröffentlichung:", "section_forwarding"),
    ("D. Begründung:", "section_reasoning"),
    ("E. Rechtsgrundlage:", "section_legal_basis"),
    ("F. Haushaltsmäßige Auswirkungen:", "section_budget"),
    ("G. Zielgruppenrelevante Auswirkungen:", "section_target_groups"),
)
GREMIEN_HEADER = ["Gremium", "Leitung (L)/ Teilnahme"]
ACTIVITIES_HEADER = ["lfd. Nr.", "Aktivität", "Zuständigkeit", "Terminierung"]
CHANGES_HEADER = ["Datum", "Aktivität", "Art", "Änderung", "Begründung"]


def _date(day: datetime.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else MISSING


def _office(plan: WorkPlan) -> str:
    return f"Bezirksamt {plan.district.name} von Berlin"


def _lead(text: str) -> list[Block]:
    return [Paragraph(part) for part in split_paragraphs(text)]


def _codes(activities: Iterable[Activity]) -> str:
    """The positions responsible for the plan's activities, in the district's order."""
    positions = {p.pk: p for activity in activities for p in activity.positions.all()}
    ordered = sorted(positions.values(), key=lambda p: (p.sort_order, p.code))
    return ", ".join(p.code for p in ordered)


# ----------------------------------------------------------------------------- BVV paper


def bvv_paper(plan: WorkPlan) -> Document:
    """The cover for the BVV, the paper for the Bezirksamt (A–G) and the plan itself."""
    activities = list(selectors.activities(plan))
    footer = f"Bezirksamt {plan.district.name} · Arbeitsplan {plan.year}"
    if plan.paper_number:
        footer += f" · BA-Vorlage Nr. {plan.paper_number}"
    return Document(
        title=plan.title,
        subject="Vorlage zur Kenntnisnahme für die Bezirksverordnetenversammlung",
        footer=footer,
        blocks=[
            *_cover(plan),
            PageBreak(),
            *_decision_paper(plan),
            PageBreak(),
            *_plan_text(plan, activities),
        ],
    )


def _cover(plan: WorkPlan) -> list[Block]:
    number = plan.paper_number or MISSING
    return [
        Heading("Vorlage zur Kenntnisnahme"),
        Paragraph(
            f"für die Sitzung der Bezirksverordnetenversammlung am {_date(plan.bvv_session_date)}"
        ),
        Field("1. Gegenstand der Vorlage:", plan.title),
        Field(
            "2. Die BVV wird um Kenntnisnahme gebeten:",
            f"Das Bezirksamt hat am {_date(plan.decision_date)} beschlossen, der "
            f"Bezirksverordnetenversammlung die BA-Vorlage Nr. {number} zur Kenntnisnahme "
            "vorzulegen.",
        ),
        Signature(plan.cover_signatory or MISSING, plan.cover_signatory_role),
    ]


def _decision_paper(plan: WorkPlan) -> list[Block]:
    blocks: list[Block] = [
        Paragraph("Anlage", bold=True, align="right"),
        Heading("Vorlage für das Bezirksamt"),
        Paragraph("– zur Beschlussfassung –"),
        Paragraph(f"Nr. {plan.paper_number or MISSING}", bold=True),
    ]
    blocks += [Field(label, getattr(plan, name) or MISSING) for label, name in SECTIONS]
    blocks.append(Signature(plan.annex_signatory or MISSING, plan.annex_signatory_role))
    return blocks


def _letterhead(plan: WorkPlan, activities: list[Activity]) -> list[Block]:
    lines = [_office(plan)]
    codes = _codes(activities)
    if codes:
        lines.append(codes)
    if plan.editors:
        lines.append(f"Bearbeiter/innen: {plan.editors}")
    if plan.phone:
        lines.append(f"Tel.: {plan.phone}")
    return [
        Paragraph("Anlage", bold=True, align="right"),
        Paragraph("\n".join(lines), size=LETTERHEAD_SIZE),
        Paragraph(_date(plan.document_date), size=LETTERHEAD_SIZE, align="right"),
    ]


def _plan_text(plan: WorkPlan, activities: list[Activity]) -> list[Block]:
    blocks = [*_letterhead(plan, activities), Heading(plan.title), *_lead(plan.introduction)]
    tasks = [task.text for task in plan.running_tasks.all()]
    blocks += [Heading("1. laufende Tätigkeiten", 2), *_lead(plan.running_tasks_intro)]
    blocks.append(BulletList(tasks) if tasks else Paragraph("Keine laufenden Tätigkeiten."))
    gremien = [[row["body"], row["positions"]] for row in selectors.gremien_rows(plan)]
    blocks += [Heading("2. Gremienarbeit", 2), *_lead(plan.gremien_intro)]
    blocks.append(
        Table(GREMIEN_HEADER, gremien, widths=[11, 5])
        if gremien
        else Paragraph("Keine Gremien eingetragen.")
    )
    rows = [
        [str(a.number), a.title, selectors.position_codes(a), a.schedule_text or MISSING]
        for a in activities
    ]
    blocks += [Heading("3. geplante Aktivitäten", 2), *_lead(plan.activities_intro)]
    blocks.append(
        Table(ACTIVITIES_HEADER, rows, widths=[1.4, 8.2, 2.8, 3.6])
        if rows
        else Paragraph("Keine geplanten Aktivitäten.")
    )
    return blocks


# ----------------------------------------------------------------------------- report


def annual_report(plan: WorkPlan, *, today: datetime.date | None = None) -> Document:
    """What became of each activity, the changes to the plan, and the Gremien's
    meetings, as of `today`."""
    today = today or timezone.localdate()
    plan = selectors.plan_detail(district=plan.district, year=plan.year)
    activities = list(plan.activities.all())
    title = (
        f"Arbeitsbericht {plan.year} des Integrationsbüros des Bezirksamtes {plan.district.name}"
    )
    return Document(
        title=title,
        subject=f"Bericht zum {plan.title}",
        footer=f"Bezirksamt {plan.district.name} · Arbeitsbericht {plan.year}",
        blocks=[
            Paragraph(f"{_office(plan)}\nIntegrationsbüro", size=LETTERHEAD_SIZE),
            Paragraph(f"Stand: {_date(today)}", size=LETTERHEAD_SIZE, align="right"),
            Heading(title),
            Paragraph(_report_intro(plan)),
            *_summary(activities),
            *_activity_blocks(activities),
            *_changes(list(plan.changes.all()), activities),
            *_gremien_meetings(plan),
        ],
    )


def _report_intro(plan: WorkPlan) -> str:
    text = (
        f"Dieser Bericht zeigt, was aus den Vorhaben des Arbeitsplans {plan.year} geworden "
        "ist, welche Änderungen der Plan im Laufe des Jahres erfahren hat und wie oft die "
        "Gremien getagt haben."
    )
    if plan.decision_date:
        number = f" (BA-Vorlage Nr. {plan.paper_number})" if plan.paper_number else ""
        text += f" Das Bezirksamt hat den Arbeitsplan am {_date(plan.decision_date)}{number}"
        text += " beschlossen."
    return text


def status_counts(activities: list[Activity]) -> list[tuple[str, int]]:
    """The number of activities per status with the German label, in the statuses'
    order. (`selectors.status_counts` labels them in the interface's language.)"""
    counts = Counter(activity.status for activity in activities)
    return [(label, counts[status]) for status, label in STATUS_LABELS.items() if counts[status]]


def _summary(activities: list[Activity]) -> list[Block]:
    blocks: list[Block] = [Heading("1. Überblick", 2)]
    if not activities:
        return [*blocks, Paragraph("Der Arbeitsplan enthält keine geplanten Aktivitäten.")]
    blocks.append(Paragraph(f"Der Arbeitsplan umfasst {len(activities)} geplante Aktivitäten:"))
    blocks.append(BulletList([f"{label}: {count}" for label, count in status_counts(activities)]))
    return blocks


def _activity_blocks(activities: list[Activity]) -> list[Block]:
    blocks: list[Block] = [Heading("2. Die Aktivitäten im Einzelnen", 2)] if activities else []
    for activity in activities:
        status = STATUS_LABELS.get(activity.status, activity.status)
        facts = (
            f"Zuständigkeit: {selectors.position_codes(activity) or MISSING} · "
            f"Terminierung: {activity.schedule_text or MISSING} · Stand: {status}"
        )
        notes = [f"{_date(note.date)}: {note.text}" for note in activity.notes.all()]
        blocks += [Heading(f"{activity.number}. {activity.title}", 3), Paragraph(facts)]
        blocks.append(BulletList(notes) if notes else Paragraph("Keine Vermerke.", italic=True))
    return blocks


def _changes(changes: list[PlanChange], activities: list[Activity]) -> list[Block]:
    blocks: list[Block] = [Heading("3. Änderungen am Arbeitsplan", 2)]
    if not changes:
        return [*blocks, Paragraph("Der Arbeitsplan wurde im Laufe des Jahres nicht geändert.")]
    # The record keeps a shortened label; an activity still in the plan is named in full.
    current = {activity.pk: f"{activity.number}. {activity.title}" for activity in activities}
    rows = [
        [
            _date(change.date),
            current.get(change.activity_id or 0, change.activity_label),
            CHANGE_LABELS.get(change.kind, change.kind),
            change.summary or "–",
            change.reason or "–",
        ]
        for change in changes
    ]
    return [*blocks, Table(CHANGES_HEADER, rows, widths=[2.2, 4.4, 2.2, 3.6, 3.6])]


def _gremien_meetings(plan: WorkPlan) -> list[Block]:
    blocks: list[Block] = [Heading("4. Gremienarbeit", 2)]
    gremien = selectors.gremien_rows(plan)
    if not gremien:
        return [*blocks, Paragraph("Keine Gremien eingetragen.")]
    held = selectors.meetings_held(plan)
    rows = [[row["body"], row["positions"], str(held.get(row["body_id"], 0))] for row in gremien]
    blocks.append(
        Paragraph(
            f"Die Spalte „Sitzungen {plan.year}“ zählt die Sitzungen, die im "
            "Sitzungskalender als stattgefunden vermerkt sind."
        )
    )
    header = [*GREMIEN_HEADER, f"Sitzungen {plan.year}"]
    return [*blocks, Table(header, rows, widths=[8.5, 4.5, 3])]


# ----------------------------------------------------------------------------- files


def render(document: Document, fmt: str) -> bytes:
    """The document as "docx" or "pdf"."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}")
    return RENDERERS[fmt](document)


def filename(plan: WorkPlan, kind: str, fmt: str) -> str:
    """ "Arbeitsplan-2021-marzahn-hellersdorf-BVV-Vorlage.docx" for kind "vorlage"."""
    if kind not in PAPER_NAMES or fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown paper {kind!r} or format {fmt!r}")
    return f"Arbeitsplan-{plan.year}-{plan.district.slug}-{PAPER_NAMES[kind]}.{fmt}"


BUILDERS: dict[str, Callable[[WorkPlan], Document]] = {
    "vorlage": bvv_paper,
    "bericht": annual_report,
}


def document_for(plan: WorkPlan, kind: str) -> Document:
    """The paper named `kind` in a URL ("vorlage", "bericht") for the plan."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown paper {kind!r}")
    return BUILDERS[kind](plan)
