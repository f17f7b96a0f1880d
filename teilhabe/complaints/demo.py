"""Demo complaints: a dozen cases per district over the last year, in every state of the
procedure of seed 000 (received, in review, statement requested, assessment drafted and
approved, closed, referred to the LADS), from every channel, some anonymous.

Each case is played through the services step by step, so the timeline, the feedback
dates and the change log are what real work would leave; a step's dates are then set to
the day it happened in the story (the services date everything "today").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import Membership, User
from teilhabe.directory.models import Organisation
from teilhabe.districts.models import District, Position

from . import services
from .models import Assessment, Complaint, ComplaintEvent, Referral, StatementRequest

# A step: (days after receipt, action, argument).
Step = tuple[int, str, str]


@dataclass(frozen=True)
class Case:
    age: int  # days since receipt
    channel: str
    subject: str
    description: str
    categories: tuple[str, ...]
    grounds: tuple[str, ...] = ()
    anonymous: bool = False
    name: str = ""
    language: str = "de"
    body: str = ""  # the body concerned: a word of its name in the directory
    steps: tuple[Step, ...] = field(default=())


CASES = (
    Case(
        age=2,
        channel="web_form",
        subject="Unfreundliche Behandlung am Schalter",
        description=(
            "Bei der Abgabe meines Antrags wurde ich mehrfach gefragt, ob ich überhaupt "
            "Deutsch verstehe, obwohl ich alles auf Deutsch erklärt habe."
        ),
        categories=("appearance",),
        grounds=("ethnic_origin",),
        anonymous=True,
    ),
    Case(
        age=9,
        channel="phone",
        subject="Kein Dolmetscher beim Termin",
        description=(
            "Die Anruferin hatte einen Termin zur Wohngeldberatung. Eine Verständigung "
            "war nicht möglich, ein Sprachmittler wurde nicht angeboten."
        ),
        categories=("language",),
        name="Mariam Haddad",
        language="ar",
        body="Soziales",
        steps=((1, "review", ""), (3, "feedback", "call")),
    ),
    Case(
        age=20,
        channel="email",
        subject="Sorgen wegen der neuen Unterkunft",
        description=(
            "Ein Anwohner fragt, wie die Nachbarschaft über die geplante "
            "Gemeinschaftsunterkunft informiert wird, und beschwert sich über Gerüchte "
            "in der Nachbarschaft."
        ),
        categories=("neighbourhood",),
        name="Klaus Berger",
        body="Unterkunft",
        steps=((2, "review", ""),),
    ),
    Case(
        age=26,
        channel="in_person",
        subject="Abweisung im Sprachkurs",
        description=(
            "Eine Teilnehmerin mit Kopftuch wurde nach eigenen Worten bei der Anmeldung "
            "anders behandelt als andere und auf einen späteren Kurs verwiesen."
        ),
        categories=("competence", "appearance"),
        grounds=("religion", "gender"),
        name="Şükrü Öztürk",
        language="tr",
        body="Volkshochschule",
        steps=(
            (1, "review", ""),
            (4, "statement", ""),
            (6, "message", "Wir haben die Volkshochschule um eine Stellungnahme gebeten."),
            (8, "reply", "Danke. Ich habe noch die E-Mail der Kursleitung, soll ich sie schicken?"),
            (20, "feedback", "letter"),
        ),
    ),
    Case(
        age=48,
        channel="post",
        subject="Missverständnis bei einer Nachbarschaftsveranstaltung",
        description=(
            "Bei einem Fest im Stadtteil fühlte sich eine Familie durch Bemerkungen über "
            "ihre Essgewohnheiten bloßgestellt."
        ),
        categories=("culture",),
        name="Nguyễn Thị Hương",
        language="vi",
        steps=(
            (2, "review", ""),
            (12, "feedback", "letter"),
            (25, "note", "Gespräch mit den Veranstaltern vereinbart."),
            (26, "feedback", "call"),
            (30, "draft", ""),
        ),
    ),
    Case(
        age=75,
        channel="email",
        subject="Wartezeit und Umgangston in der Leistungsabteilung",
        description=(
            "Der Beschwerdeführer schildert wiederholt abwertende Bemerkungen über seine "
            "Herkunft während der Vorsprachen."
        ),
        categories=("competence",),
        grounds=("ethnic_origin",),
        name="Oleksandr Kovalenko",
        language="en",
        body="Soziales",
        steps=(
            (1, "review", ""),
            (3, "statement", ""),
            (10, "feedback", "email"),
            (17, "answer", ""),
            (20, "feedback", "email"),
            (24, "draft", ""),
            (27, "approve", ""),
            (29, "sent", ""),
            (30, "close", ""),
        ),
    ),
    Case(
        age=110,
        channel="in_person",
        subject="Benachteiligung bei der Wohnungsvergabe",
        description=(
            "Die Beschwerdeführerin berichtet, dass ihr eine Wohnung nach Nennung ihres "
            "Nachnamens nicht mehr angeboten wurde."
        ),
        categories=("appearance",),
        grounds=("ethnic_origin",),
        name="Amina Diallo",
        language="en",
        steps=(
            (1, "review", ""),
            (5, "feedback", "call"),
            (9, "consent", ""),
            (10, "refer", ""),
            (60, "outcome", ""),
        ),
    ),
    Case(
        age=150,
        channel="web_form",
        subject="Formulare nur auf Deutsch",
        description=(
            "Anträge und Merkblätter gibt es nur auf Deutsch, auch nicht in einfacher Sprache."
        ),
        categories=("language",),
        anonymous=True,
        steps=(
            (3, "review", ""),
            (12, "message", "Wir haben Ihr Anliegen an das Amt weitergegeben."),
            (40, "close", ""),
        ),
    ),
    Case(
        age=200,
        channel="phone",
        subject="Beschwerde über Lärm aus der Unterkunft",
        description="Ein Anrufer beklagt Lärm und verlangt, dass die Unterkunft geschlossen wird.",
        categories=("neighbourhood", "other"),
        name="Gerd Schulze",
        steps=((1, "review", ""), (19, "feedback", "call"), (35, "close", "")),
    ),
    Case(
        age=300,
        channel="email",
        subject="Fehlende Barrierefreiheit und Sprachhilfe",
        description=(
            "Eine ältere Frau im Rollstuhl konnte das Amt nicht betreten und bekam keine "
            "Hilfe in ihrer Sprache."
        ),
        categories=("language", "competence"),
        grounds=("disability", "age"),
        name="Zeynep Kaya",
        language="tr",
        body="Soziales",
        steps=(
            (2, "review", ""),
            (6, "statement", ""),
            (13, "feedback", "letter"),
            (21, "answer", ""),
            (27, "feedback", "letter"),
            (33, "draft", ""),
            (36, "approve", ""),
            (37, "sent", ""),
            (40, "close", ""),
        ),
    ),
)

STATEMENT_TEXT = (
    "Uns liegt eine Beschwerde zu einem Vorgang in Ihrem Bereich vor: {subject}. "
    "Wir bitten Sie um eine Stellungnahme, wie Sie den Vorgang sehen und was Sie "
    "unternehmen, damit er sich nicht wiederholt."
)
STATEMENT = (
    "Der Vorgang wurde mit den Beschäftigten besprochen. Wir bedauern ihn und nehmen das "
    "Thema in die nächste Schulung zur interkulturellen Kompetenz auf."
)
ASSESSMENT = (
    "Nach Prüfung der Schilderung und der Stellungnahme halten wir die Beschwerde für "
    "berechtigt. Das Amt hat zugesagt, das Personal zu schulen und künftig Sprachmittlung "
    "anzubieten. Wir werden im nächsten Quartal nachfragen."
)
OUTCOME = "Die LADS hat den Fall übernommen und die Beschwerdeführerin beraten."


def _users(district: District) -> tuple[User, User]:
    """The district's commissioner (approves) and a staff member (does the casework)."""
    members = Membership.objects.filter(district=district).select_related("user")
    roles = {m.role: m.user for m in members}
    commissioner = roles.get(Membership.Role.COMMISSIONER)
    staff = roles.get(Membership.Role.STAFF, commissioner)
    if commissioner is None or staff is None:
        raise LookupError(f"{district.slug}: demo users missing")
    return commissioner, staff


@transaction.atomic
def load(district: District) -> int:
    """Create the demo cases unless the district has complaints already."""
    if Complaint.objects.filter(district=district).exists():
        return 0
    commissioner, staff = _users(district)
    for case in sorted(CASES, key=lambda case: -case.age):
        _play(district, case, staff=staff, commissioner=commissioner)
    return len(CASES)


def _play(district: District, case: Case, *, staff: User, commissioner: User) -> None:
    today = timezone.localdate()
    received = today - datetime.timedelta(days=case.age)
    body = _body(district, case.body)
    complaint, _code = services.complaint_create(
        district=district,
        actor=staff,
        data={
            "channel": case.channel,
            "received_on": received,
            "is_anonymous": case.anonymous,
            "name": case.name,
            "email": _email(case.name),
            "language": case.language,
            "subject": case.subject,
            "description": case.description,
            "responsible": Position.objects.filter(district=district, is_head=False).first(),
        },
        categories=case.categories,
        grounds=case.grounds,
        organisations=[body] if body else [],
    )
    _date_events(complaint, received, 0)
    for offset, action, argument in case.steps:
        on = min(received + datetime.timedelta(days=offset), today)
        complaint = Complaint.objects.get(pk=complaint.pk)
        ACTIONS[action](complaint, on, argument, staff, commissioner, body)
        _date_events(complaint, on, offset)


def _body(district: District, word: str) -> Organisation | None:
    if not word:
        return None
    return Organisation.objects.filter(district=district, name__contains=word).first()


def _email(name: str) -> str:
    if not name:
        return ""
    local = name.split()[0].lower().translate(str.maketrans("şüöğıễịươ", "suogieiuo"))
    return f"{local}@example.org"


def _date_events(complaint: Complaint, on: datetime.date, offset: int) -> None:
    """Date the events the last step left (still dated now) on the step's day."""
    now = timezone.now()
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9 + offset % 8, 15)))
    at = min(at, now)
    recent = now - datetime.timedelta(minutes=5)
    ComplaintEvent.objects.filter(complaint=complaint, at__gte=recent).update(at=at)


# ----------------------------------------------------------------------------- steps


def _review(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    services.status_change(
        complaint=c, actor=staff, status=Complaint.Status.IN_REVIEW, expected_version=c.version
    )


def _feedback(c: Complaint, on: datetime.date, method: str, staff: User, *_rest: Any) -> None:
    text = "Wir haben Sie über den Stand der Prüfung informiert."
    services.feedback_record(complaint=c, actor=staff, method=method, text=text, on=on)


def _message(c: Complaint, on: datetime.date, text: str, staff: User, *_rest: Any) -> None:
    services.feedback_record(
        complaint=c, actor=staff, method=ComplaintEvent.Method.STATUS_PAGE, text=text, on=on
    )


def _reply(c: Complaint, _on: datetime.date, text: str, *_rest: Any) -> None:
    services.message_from_complainant(complaint=c, text=text)


def _note(c: Complaint, _on: datetime.date, text: str, staff: User, *_rest: Any) -> None:
    services.note_add(complaint=c, actor=staff, text=text)


def _statement(
    c: Complaint, on: datetime.date, _arg: str, staff: User, _c: User, body: Organisation | None
) -> None:
    if body is None:
        raise LookupError(f"{c.reference}: the demo body is missing from the directory")
    request = services.statement_request(
        complaint=c,
        actor=staff,
        organisation=body,
        text=STATEMENT_TEXT.format(subject=c.subject),
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    StatementRequest.objects.filter(pk=request.pk).update(
        sent_on=on, deadline=on + datetime.timedelta(days=14)
    )


def _answer(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    request = StatementRequest.objects.filter(complaint=c).latest("pk")
    services.statement_receive(
        request=request,
        actor=staff,
        statement=STATEMENT,
        received_on=on,
        expected_version=request.version,
    )


def _draft(
    c: Complaint, _on: datetime.date, _arg: str, staff: User, _c: User, body: Organisation | None
) -> None:
    services.assessment_draft(
        complaint=c, actor=staff, recipient="complainant", text=ASSESSMENT, language=c.language
    )
    if body is not None:
        services.assessment_draft(
            complaint=c, actor=staff, recipient="body", organisation=body, text=ASSESSMENT
        )


def _approve(
    c: Complaint, on: datetime.date, _arg: str, _s: User, commissioner: User, *_: Any
) -> None:
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(11, 0)))
    for assessment in Assessment.objects.filter(complaint=c):
        services.assessment_approve(
            assessment=assessment, actor=commissioner, expected_version=assessment.version
        )
    Assessment.objects.filter(complaint=c).update(approved_at=at)


def _sent(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    for assessment in Assessment.objects.filter(complaint=c):
        services.assessment_sent(assessment=assessment, actor=staff)
    Assessment.objects.filter(complaint=c).update(sent_on=on)


def _close(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    services.status_change(
        complaint=c, actor=staff, status=Complaint.Status.CLOSED, expected_version=c.version
    )
    Complaint.objects.filter(pk=c.pk).update(closed_on=on)


def _consent(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    services.referral_consent(
        complaint=c,
        actor=staff,
        consent_on=on,
        how=Referral.How.PHONE,
        shared=[Referral.Share.NAME, Referral.Share.CONTACT, Referral.Share.DESCRIPTION],
    )


def _refer(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    services.referral_send(complaint=c, actor=staff)
    Referral.objects.filter(complaint=c).update(sent_on=on)
    Complaint.objects.filter(pk=c.pk).update(closed_on=on)


def _outcome(c: Complaint, on: datetime.date, _arg: str, staff: User, *_rest: Any) -> None:
    referral = Referral.objects.get(complaint=c)
    services.referral_outcome(
        referral=referral, actor=staff, outcome=OUTCOME, on=on, expected_version=referral.version
    )


ACTIONS: dict[str, Callable[..., None]] = {
    "review": _review,
    "feedback": _feedback,
    "message": _message,
    "reply": _reply,
    "note": _note,
    "statement": _statement,
    "answer": _answer,
    "draft": _draft,
    "approve": _approve,
    "sent": _sent,
    "close": _close,
    "consent": _consent,
    "refer": _refer,
    "outcome": _outcome,
}
