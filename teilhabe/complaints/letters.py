"""The letters of the Ombudsstelle as documents: the request for a statement to a body
concerned, the AGG referral to the LADS and the assessment to the complainant or a body.

Each builder returns a `Letter`, a `core.documents.Document` that also says which
language was asked for and whether the letter fell back to German because no template
exists in that language (`Letter.fallback`), so the page can tell the user.

The frame of a letter (salutation, introduction, labels, closing, the draft mark) is
the letter's content in the recipient's language, not interface text: like the German
labels of the work plan's papers, the templates below are Python dicts per language,
not msgids. Bodies and the LADS get German letters; the complainant gets the language
of the assessment where a template exists.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from teilhabe.core.documents import (
    DOCX_TYPE,
    PDF_TYPE,
    Block,
    Document,
    Field,
    Paragraph,
    Signature,
    Spacer,
    is_rtl,
    render_docx,
    render_pdf,
    split_paragraphs,
)
from teilhabe.core.documents.model import Align
from teilhabe.directory.models import Organisation
from teilhabe.districts.models import District, Office
from teilhabe.districts.selectors import office_get

from .letter_templates import FRAMES, GERMAN, Frame
from .models import Assessment, Complaint, Referral, StatementRequest
from .services.casework import referral_data

DEFAULT_LANGUAGE = "de"
LADS = "Landesstelle für Gleichbehandlung – gegen Diskriminierung (LADS)"
OMBUDSSTELLE = "Ombudsstelle"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}
RENDERERS = {"docx": render_docx, "pdf": render_pdf}
SMALL = 9.5
# Left-to-right mark: after Arabic letters the bidi algorithm reads a reference such as
# "05-2026-0001" as Arabic numbers between neutral hyphens and lays it out from the
# right ("0001-2026-05"), in Word as in the PDF; the mark keeps it in reading order.
LRM = "\u200e"


@dataclass
class Letter(Document):
    """A letter: the document, the language asked for, and whether it fell back to
    German for want of a template in that language."""

    requested_language: str = DEFAULT_LANGUAGE
    fallback: bool = False


def template_language(requested: str) -> str | None:
    """The template language for an ISO 639 code ("en-GB" → "en"), None if none exists."""
    base = requested.strip().lower().replace("_", "-").split("-")[0]
    return base if base in FRAMES else None


def _date(day: datetime.date, frame: Frame) -> str:
    month_name = frame["months"][day.month - 1]
    return frame["date"].format(day=day.day, month=day.month, month_name=month_name, year=day.year)


def _reference(complaint: Complaint, frame: Frame) -> str:
    """The complaint's reference as it is to be read in the frame's language."""
    return f"{LRM}{complaint.reference}" if is_rtl(frame["closing"]) else complaint.reference


def _letterhead(district: District, office: Office) -> Paragraph:
    lines = [district.official_name, office.name, OMBUDSSTELLE, office.street]
    lines.append(f"{office.postal_code} {office.city}".strip())
    lines.append(" · ".join(filter(None, [office.phone and f"Tel. {office.phone}", office.email])))
    return Paragraph("\n".join(line for line in lines if line), size=SMALL, align="right")


def _address(organisation: Organisation) -> list[str]:
    place = f"{organisation.postal_code} {organisation.city}".strip()
    return [line for line in (organisation.name, organisation.street, place) if line]


@dataclass
class _Parts:
    """What differs between the letters; `_compose` puts the frame around it."""

    complaint: Complaint
    language: str
    title: str
    recipient: list[str]
    day: datetime.date
    salutation: str
    body: list[Block]
    # Who signs under the closing (None: nobody yet); what follows the signature.
    signatory: str | None = OMBUDSSTELLE
    after: list[Block] = field(default_factory=list)
    draft: bool = False
    requested: str = DEFAULT_LANGUAGE


def _compose(parts: _Parts) -> Letter:
    frame = FRAMES[parts.language]
    reference = parts.complaint.reference
    footer = f"{OMBUDSSTELLE} · {reference}"
    title = f"{parts.title} – {reference}"
    blocks: list[Block] = []
    if parts.draft:
        footer += f" · {frame['draft']}"
        title = f"{frame['draft']}: {title}"
        blocks.append(Paragraph(frame["draft"], bold=True, align="center", size=16))
    office = office_get(district=parts.complaint.district)
    blocks += [_letterhead(parts.complaint.district, office), Spacer(18)]
    if parts.recipient:
        blocks.append(Paragraph("\n".join(parts.recipient)))
    place_date = frame["place_date"].format(date=_date(parts.day, frame))
    # A right-to-left paragraph starts at the right already; "right" would put it on
    # the left in Word and LibreOffice, which read it as the paragraph's end.
    date_align: Align = "left" if is_rtl(place_date) else "right"
    blocks += [
        Paragraph(place_date, align=date_align, space_before=18),
        Paragraph(parts.title, bold=True, space_before=12),
        Paragraph(f"{frame['reference']}: {_reference(parts.complaint, frame)}", size=SMALL),
        Paragraph(parts.salutation, space_before=12),
        *parts.body,
        Paragraph(frame["closing"], space_before=12),
        *([Signature(parts.signatory, office.name)] if parts.signatory else []),
        *parts.after,
    ]
    return Letter(
        title=title,
        subject=parts.title,
        blocks=blocks,
        language=parts.language,
        footer=footer,
        requested_language=parts.requested,
        fallback=template_language(parts.requested) is None,
    )


def _text(text: str) -> list[Block]:
    return [Paragraph(part) for part in split_paragraphs(text)]


# ----------------------------------------------------------------------------- statement


def statement_letter(request: StatementRequest) -> Letter:
    """The request to a body for its statement: the text sent (edited so that it does not
    identify the complainant) and the deadline, nothing else of the complaint."""
    frame = GERMAN
    complaint = request.complaint
    reference = _reference(complaint, frame)
    body: list[Block] = [
        Paragraph(frame["statement_intro"]),
        Field(frame["matter"], request.text_sent),
        Paragraph(
            f"{frame['deadline']}: {_date(request.deadline, frame)}", bold=True, space_before=6
        ),
        Paragraph(frame["statement_note"].format(reference=reference)),
    ]
    return _compose(
        _Parts(
            complaint=complaint,
            language="de",
            title=frame["statement_title"],
            recipient=_address(request.organisation),
            day=request.sent_on,
            salutation=frame["salutation_body"],
            body=body,
        )
    )


# ----------------------------------------------------------------------------- referral


def _shared_blocks(data: dict[str, Any], frame: Frame) -> list[Block]:
    """The agreed data of `referral_data` under their labels."""
    blocks: list[Block] = []
    if data.get("name"):
        blocks.append(Field(frame["name"], data["name"]))
    if "email" in data:
        labels = frame["contact_labels"]
        lines = [f"{labels[key]}: {data[key]}" for key in ("email", "phone") if data[key]]
        if data["address"]:
            lines.append(f"{labels['address']}:\n{data['address']}")
        blocks.append(Field(frame["contact"], "\n\n".join(lines) or "–"))
    else:
        blocks.append(Paragraph(frame["no_contact"]))
    if "description" in data:
        blocks.append(Field(frame["subject"], data["subject"]))
        blocks.append(Field(frame["description"], data["description"]))
    for body, statement in data.get("statements", []):
        blocks.append(Field(frame["statement_of"].format(body=body), statement or "–"))
    return blocks


def referral_letter(referral: Referral) -> Letter:
    """The referral to the LADS: reference, consent, AGG grounds and only the data the
    complainant agreed to pass on (`services.casework.referral_data`)."""
    frame = GERMAN
    complaint = referral.complaint
    data = referral_data(complaint)
    grounds = [frame["ground_names"].get(ground, ground) for ground in data["grounds"]]
    how = frame["how"].get(referral.consent_how, referral.consent_how)
    consent = frame["consent_given"].format(date=_date(referral.consent_on, frame), how=how)
    body: list[Block] = [
        Paragraph(frame["referral_intro"].format(reference=_reference(complaint, frame))),
        Field(frame["consent"], consent),
        Field(frame["grounds"], ", ".join(grounds) or frame["no_grounds"]),
        *_shared_blocks(data, frame),
    ]
    return _compose(
        _Parts(
            complaint=complaint,
            language="de",
            title=frame["referral_title"],
            recipient=[LADS],
            day=referral.sent_on or timezone.localdate(),
            salutation=frame["salutation_body"],
            body=body,
        )
    )


# ----------------------------------------------------------------------------- assessment


def _approval(assessment: Assessment, frame: Frame) -> tuple[str | None, Paragraph]:
    """Who signs, with the note of who approved the letter and when, or the draft's
    note and nobody to sign."""
    if not assessment.is_approved or assessment.approved_at is None:
        return None, Paragraph(frame["draft_note"], bold=True, space_before=18)
    approver = assessment.approved_by
    name = (approver.full_name or approver.email) if approver else "–"
    day = timezone.localtime(assessment.approved_at).date()
    note = frame["approved"].format(name=name, date=_date(day, frame))
    return name, Paragraph(note, size=SMALL, italic=True)


def assessment_letter(assessment: Assessment) -> Letter:
    """The assessment to the complainant (addressed by name unless anonymous, in their
    language where a template exists) or to a body (by its name, in German); a draft
    is marked as such, an approved letter names who approved it and when."""
    complaint = assessment.complaint
    to_body = assessment.recipient == Assessment.Recipient.BODY
    requested = DEFAULT_LANGUAGE if to_body else assessment.language
    language = template_language(requested) or DEFAULT_LANGUAGE
    frame = FRAMES[language]
    named = not complaint.is_anonymous and complaint.name.strip()
    if to_body and assessment.organisation is not None:
        recipient, salutation = _address(assessment.organisation), frame["salutation_body"]
    elif named:
        recipient = [complaint.name, *split_paragraphs(complaint.address)]
        salutation = frame["salutation"].format(name=complaint.name.strip())
    else:
        recipient, salutation = [], frame["salutation_neutral"]
    intro = frame["assessment_intro_body" if to_body else "assessment_intro"]
    signatory, note = _approval(assessment, frame)
    return _compose(
        _Parts(
            complaint=complaint,
            language=language,
            title=frame["assessment_title_body" if to_body else "assessment_title"],
            recipient=recipient,
            day=assessment.sent_on or timezone.localdate(),
            salutation=salutation,
            body=[
                Paragraph(intro.format(reference=_reference(complaint, frame))),
                *_text(assessment.text),
            ],
            signatory=signatory,
            after=[note],
            draft=not assessment.is_approved,
            requested=requested,
        )
    )


# ----------------------------------------------------------------------------- files


@dataclass(frozen=True)
class Kind:
    """A kind of letter as named in its URL: the record it is about and its builder."""

    model: type[models.Model]
    build: Callable[[Any], Letter]
    file_name: str


KINDS = {
    "stellungnahme": Kind(StatementRequest, statement_letter, "Stellungnahme"),
    "verweisung": Kind(Referral, referral_letter, "Verweisung"),
    "einschaetzung": Kind(Assessment, assessment_letter, "Einschaetzung"),
}


def render(letter: Document, fmt: str) -> bytes:
    """The letter as "docx" or "pdf"."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}")
    return RENDERERS[fmt](letter)


def filename(kind: str, complaint: Complaint, fmt: str, recipient: str = "") -> str:
    """ "Einschaetzung-05-2026-0001.pdf" for kind "einschaetzung"; a letter to a body
    names it, so the letters of one case to several bodies keep apart:
    "Stellungnahme-05-2026-0001-Jobcenter-Pankow.pdf" (ASCII, for every mail program)."""
    if kind not in KINDS or fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown letter {kind!r} or format {fmt!r}")
    to = slugify(_umlauts_spelled_out(recipient)).title()[:40].strip("-")
    return f"{KINDS[kind].file_name}-{complaint.reference}{f'-{to}' if to else ''}.{fmt}"


UMLAUTS: dict[str, str | int | None] = {
    "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
}  # fmt: skip


def _umlauts_spelled_out(text: str) -> str:
    """German umlauts as file names write them ("Bürgeramt" → "Buergeramt")."""
    return text.translate(str.maketrans(UMLAUTS))
