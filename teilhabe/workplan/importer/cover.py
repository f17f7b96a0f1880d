"""The cover of the BVV paper and the Bezirksamt's paper: decision, sections, signatures."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from .document import Issue, Lines, PlanDocument, _set

DATE = r"(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})"
BVV_SESSION = re.compile(r"Sitzung der Bezirksverordnetenversammlung am\s+" + DATE, re.I)
DECISION = re.compile(r"in seiner Sitzung am\s+" + DATE, re.I)
PAPER_LINE = re.compile(r"^Nr\.\s*(\d+\s*/\s*[IVXLC]+)$", re.I)
PAPER_IN_TEXT = re.compile(r"Vorlage\s+Nr\.\s*(\d+\s*/\s*[IVXLC]+)", re.I)
SECTION = re.compile(
    r"^(?:[-–•]\s*)?(?P<key>[A-G](?:\.\d)?)\.?\s+(?P<label>[^:\t]{3,80}):\s*(?P<text>.*)$"
)
SECTION_KEYS = {
    "A": "section_subject",
    "B": "section_rapporteur",
    "C": "section_resolution",
    "C.1": "section_resolution",
    "C.2": "section_forwarding",
    "D": "section_reasoning",
    "E": "section_legal_basis",
    "F": "section_budget",
    "G": "section_target_groups",
}
EDITORS = re.compile(r"^Bearbeiter(?:/innen|/in|innen|in)?\s*:\s*(?P<names>.+)$", re.I)
ANNEX = re.compile(r"^Anlagen?\W*$", re.I)
DATE_LINE = re.compile(r"^" + DATE + r"$")
PHONE_LINE = re.compile(r"^(?:Tel(?:efon)?\.?:?\s*)?[-+\d][-+\d /()]{2,}$", re.I)


def _date(doc: PlanDocument, text: str, line: int) -> datetime.date | None:
    day, month, year = (int(part) for part in text.replace(" ", "").split("."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        doc.errors.append(Issue(line, _("“%(date)s” is not a valid date.") % {"date": text}))
        return None


def _read_decision(doc: PlanDocument, lines: Lines) -> None:
    for number, text in lines:
        for name, pattern in (("bvv_session_date", BVV_SESSION), ("decision_date", DECISION)):
            match = pattern.search(text)
            if match:
                _set(doc, name, _date(doc, match[1], number), number)
        match = PAPER_LINE.match(text)
        if match:
            _set(doc, "paper_number", "".join(match[1].split()), number)
    decision = doc.cover.get("decision_date")
    if decision is not None and "paper_number" not in doc.cover:
        match = PAPER_IN_TEXT.search(dict(lines)[decision.line])
        if match:
            _set(doc, "paper_number", "".join(match[1].split()), decision.line)


def _read_sections(doc: PlanDocument, lines: Lines) -> int | None:
    """Sections A–G; returns the line of the first (signatures after it sign the annex)."""
    first = None
    for number, text in lines:
        match = SECTION.match(text)
        if match and match["key"] in SECTION_KEYS:
            _set(doc, SECTION_KEYS[match["key"]], match["text"].strip(), number)
            first = first or number
    return first


def _signature(lines: Lines, position: int) -> list[tuple[int, str]]:
    """The name and office lines right above an "Anlage" line."""
    block: list[tuple[int, str]] = []
    for number, text in reversed(lines[:position]):
        if not text:
            if block:
                break
            continue
        short = len(text) <= 100 and ":" not in text and not text.endswith(".")
        if not short or len(block) == 2:
            break
        block.insert(0, (number, text))
    return block


def _read_signatures(doc: PlanDocument, lines: Lines, sections_from: int | None) -> None:
    for position, (number, text) in enumerate(lines):
        if not ANNEX.match(text):
            continue
        block = _signature(lines, position)
        if not block:
            continue
        prefix = "annex" if sections_from and number > sections_from else "cover"
        _set(doc, f"{prefix}_signatory", block[0][1], block[0][0])
        if len(block) == 2:
            _set(doc, f"{prefix}_signatory_role", block[1][1], block[1][0])


def _read_office(doc: PlanDocument, lines: Lines) -> None:
    """Who prepared the plan, and below it the document's date and the phone extension."""
    after_editors = False
    for number, text in lines:
        match = EDITORS.match(text)
        if match:
            _set(doc, "editors", match["names"].strip(), number)
            after_editors = True
        elif after_editors and DATE_LINE.match(text):
            _set(doc, "document_date", _date(doc, text, number), number)
        elif after_editors and PHONE_LINE.match(text):
            _set(doc, "phone", text, number)


def _read_cover(doc: PlanDocument, lines: Lines) -> None:
    _read_decision(doc, lines)
    sections_from = _read_sections(doc, lines)
    _read_signatures(doc, lines, sections_from)
    _read_office(doc, lines)
