"""The Ombudsstelle: about 150 complaints per district and year, and their pages.

Per district (weighted by its size) and year of the window: complaints from every
channel (a third of the web-form ones anonymous, contact details encrypted through the
model field), 1–3 topics and AGG grounds, 0–2 bodies concerned from the district's own
referable organisations (`ctx.data["referable"]`), and a case that runs one of five
courses (closed at once, closed after review, with an assessment, with statement
requests and an assessment, referred to the LADS) over 3–12 timeline events. Cases
whose course reaches past the data end are open; so is one old case in fifty, stalled,
its feedback long overdue. Closed cases past the retention period are anonymised as
the scheduled job leaves them. The bench district also gets one long case of about
200 events (`LONG_SUBJECT`), open for ten months, for the detail page.

Argon2 is slow on purpose, so every generated complaint carries the hash of one code,
except the long case, whose code is `LONG_CODE`.
"""

from __future__ import annotations

import datetime
import random
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection
from django.db.models import F, Max
from django_scopes import scopes_disabled

from bench import load
from bench.common import (
    BENCH_DISTRICT,
    BERLIN,
    DATA_END,
    DISTRICT_WEIGHT,
    commissioner,
    district,
    insert_rows,
    morning,
)
from bench.registry import BuildContext, generator, register_load, register_page
from teilhabe.accounts.models import User
from teilhabe.complaints.models import (
    FEEDBACK_INTERVAL,
    Assessment,
    Category,
    Complaint,
    ComplaintEvent,
    ConcernedBody,
    Referral,
    StatementRequest,
    Tag,
)
from teilhabe.complaints.services import hash_code
from teilhabe.complaints.services.core import ANONYMISED, reference_for, retention
from teilhabe.core.models import AuditEntry
from teilhabe.districts.models import District, Position

COMPLAINTS_PER_DISTRICT_YEAR = 150
LONG_SUBJECT = "Wiederholte Abweisung am Bürgeramt (Sammelfall)"
LONG_EVENTS = 200
LONG_CODE = "BNCH-0000-0000-0000-0001"
SHARED_CODE = "BNCH-0000-0000-0000-0000"

Kind = ComplaintEvent.Kind
Status = Complaint.Status
CHANNELS = {"phone": 25, "email": 30, "post": 8, "in_person": 17, "web_form": 20}
LANGUAGES = {"de": 75, "en": 6, "tr": 5, "ar": 5, "uk": 4, "ru": 3, "fr": 2}
CATEGORIES = {
    "neighbourhood": 15, "appearance": 20, "culture": 10, "language": 25, "competence": 22,
    "other": 8,
}  # fmt: skip
GROUNDS = {
    "ethnic_origin": 60, "religion": 15, "gender": 8, "disability": 7, "age": 5,
    "sexual_identity": 5,
}  # fmt: skip
# Courses a case takes: its status steps after "received", and how many days it runs.
COURSES: dict[str, tuple[tuple[str, ...], tuple[int, int], float]] = {
    "direct": ((Status.CLOSED,), (1, 14), 12),
    "review": ((Status.IN_REVIEW, Status.CLOSED), (10, 60), 35),
    "assessment": (
        (Status.IN_REVIEW, Status.ASSESSMENT_DRAFT, Status.APPROVED, Status.CLOSED),
        (25, 100),
        20,
    ),
    "statement": (
        (
            Status.IN_REVIEW,
            Status.STATEMENT_REQUESTED,
            Status.IN_REVIEW,
            Status.ASSESSMENT_DRAFT,
            Status.APPROVED,
            Status.CLOSED,
        ),
        (40, 150),
        25,
    ),
    "referred": ((Status.IN_REVIEW, Status.REFERRED), (15, 60), 8),
}
FILLERS: dict[str, float] = {
    Kind.FEEDBACK: 40,
    Kind.MESSAGE_OUT: 20,
    Kind.MESSAGE_IN: 15,
    Kind.NOTE: 25,
}
METHODS = {"status_page": 20, "letter": 25, "email": 40, "call": 15}
SUBJECTS = (
    "Unfreundliche Behandlung im Bürgeramt",
    "Keine Dolmetschung beim Termin im Jobcenter",
    "Abweisung an der Tür eines Clubs",
    "Konflikt mit Nachbarn wegen Lärm und Herkunft",
    "Formular nur auf Deutsch verfügbar",
    "Wohnungsbesichtigung nach Nennung des Namens abgesagt",
    "Abfällige Bemerkung in der Ausländerbehörde",
    "Kind in der Schule wegen Kopftuch benachteiligt",
    "Lange Wartezeit auf Termin, andere wurden vorgezogen",
    "Polizeikontrolle ohne Anlass",
    "Beratungsstelle verweigert Termin ohne Deutschkenntnisse",
    "Missverständnis beim Elternabend",
)
DESCRIPTIONS = (
    "Am Schalter wurde mir gesagt, ich solle erst Deutsch lernen und dann wiederkommen.",
    "Der Termin wurde abgebrochen, weil keine Dolmetscherin bestellt war.",
    "Beim Einlass wurden nur wir abgewiesen, unsere Freunde ohne Migrationsgeschichte nicht.",
    "Seit Monaten gibt es Streit im Haus; die Hausverwaltung reagiert nicht.",
    "Ich habe mehrfach angerufen und niemand konnte mir auf Englisch Auskunft geben.",
)
TEXTS: dict[str, str] = {
    Kind.FEEDBACK: "Stand: Wir warten noch auf Unterlagen und melden uns wieder.",
    Kind.MESSAGE_OUT: "Vielen Dank für Ihre Geduld. Wir haben die Stelle angeschrieben.",
    Kind.MESSAGE_IN: "Gibt es schon etwas Neues zu meiner Beschwerde?",
    Kind.NOTE: "Rücksprache mit der Fachaufsicht gehalten.",
    Kind.STATEMENT_RECEIVED: "Stellungnahme liegt vor, wird ausgewertet.",
}
STATEMENT = "Wir bedauern den Vorfall. Die Mitarbeitenden wurden erneut geschult."
ASSESSMENT = "Nach Prüfung aller Unterlagen kommen wir zu folgender Einschätzung: …"
FIRST_NAMES = ("Aylin", "Mehmet", "Olena", "Jamal", "Mai", "Karim", "Fatima", "Piotr", "Sara")
LAST_NAMES = ("Yılmaz", "Kowalski", "Nguyen", "Haddad", "Schmidt", "Petrenko", "Ahmadi", "Diallo")

EVENT_COLUMNS = (
    "district_id", "complaint_id", "kind", "at", "actor_id", "text", "method", "public",
    "status_before", "status_after", "created_at", "updated_at",
)  # fmt: skip
TAG_COLUMNS = ("district_id", "complaint_id", "kind", "value", "created_at", "updated_at")


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _dt(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _at(rng: random.Random, day: datetime.date) -> datetime.datetime:
    time = datetime.time(rng.randint(8, 17), rng.randrange(0, 60, 5))
    return datetime.datetime.combine(day, time, tzinfo=BERLIN)


@dataclass
class _Rows:
    """What a build collects before writing it."""

    complaints: list[Complaint] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)
    bodies: list[ConcernedBody] = field(default_factory=list)
    statements: list[StatementRequest] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


@dataclass
class _Staff:
    """Who works on a district's cases."""

    commissioner: User | None
    members: list[User]
    positions: list[Position]
    referable: list[int]


@generator("complaints", requires=("directory",))
def complaints(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Complaints with tags, bodies, timelines, statements, assessments and referrals."""
    shared_hash = hash_code(SHARED_CODE)
    next_pk = (Complaint.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    rows = _Rows()
    for obj in ctx.districts:
        staff = _staff(obj, ctx)
        sequences: dict[int, int] = {}
        total = round(COMPLAINTS_PER_DISTRICT_YEAR * DISTRICT_WEIGHT[obj.slug] * ctx.days / 365)
        days = sorted(
            ctx.start + datetime.timedelta(days=rng.randrange(ctx.days)) for _ in range(total)
        )
        for day in days:
            sequences[day.year] = sequences.get(day.year, 0) + 1
            record = _complaint(rng, obj, next_pk, day, sequences[day.year], staff)
            record.receipt_hash = shared_hash
            _case(rng, rows, record, staff)
            next_pk += 1
        if obj.slug == BENCH_DISTRICT:
            day = max(ctx.start, DATA_END - datetime.timedelta(days=300))
            sequences[day.year] = sequences.get(day.year, 0) + 1
            record = _complaint(rng, obj, next_pk, day, sequences[day.year], staff)
            record.subject, record.receipt_hash = LONG_SUBJECT, hash_code(LONG_CODE)
            _long_case(rng, rows, record, staff)
            next_pk += 1
    _write(rows)


def _staff(obj: District, ctx: BuildContext) -> _Staff:
    members: list[User] = ctx.data.get("members", {}).get(obj.pk) or []
    positions: list[Position] = ctx.data.get("positions", {}).get(obj.pk) or list(
        Position.objects.filter(district=obj)
    )
    return _Staff(
        commissioner=members[0] if members else None,
        members=members,
        positions=[position for position in positions if position.is_active] or positions,
        referable=ctx.data.get("referable", {}).get(obj.pk) or [],
    )


def _complaint(
    rng: random.Random, obj: District, pk: int, day: datetime.date, sequence: int, staff: _Staff
) -> Complaint:
    channel = _weighted(rng, CHANNELS)
    anonymous = rng.random() < (0.35 if channel == "web_form" else 0.08)
    name = email = phone = address = ""
    if not anonymous:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if channel in ("email", "web_form") or rng.random() < 0.4:
            email = f"beschwerde-{pk}@example.org"
        if channel in ("phone", "in_person") or rng.random() < 0.3:
            phone = f"01{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}"
        if channel == "post":
            address = f"Musterstraße {rng.randint(1, 120)}\n1{rng.randint(1000, 4999)} Berlin"
    return Complaint(
        pk=pk,
        district=obj,
        year=day.year,
        sequence=sequence,
        reference=reference_for(obj, day.year, sequence),
        channel=channel,
        received_on=day,
        is_anonymous=anonymous,
        name=name,
        email=email,
        phone=phone,
        address=address,
        language=_weighted(rng, LANGUAGES),
        subject=rng.choice(SUBJECTS),
        description=rng.choice(DESCRIPTIONS),
        responsible=rng.choice(staff.positions) if staff.positions else None,
        status=Status.RECEIVED,
        created_at=_at(rng, day),
    )


class _Timeline:
    """A complaint's events as rows, with the figures they set on the complaint."""

    def __init__(self, rows: _Rows, record: Complaint, staff: _Staff) -> None:
        self.rows, self.record, self.staff = rows, record, staff
        self.status = str(Status.RECEIVED)
        self.last_feedback: datetime.date | None = None
        # Where this complaint's rows start in the collected lists.
        self.first_event = len(rows.events)
        self.first_statement = len(rows.statements)
        self.first_assessment = len(rows.assessments)

    def assessments(self) -> list[Assessment]:
        return self.rows.assessments[self.first_assessment :]

    def add(
        self,
        rng: random.Random,
        kind: str,
        at: datetime.datetime,
        *,
        after: str = "",
        method: str = "",
        actor: User | None = None,
    ) -> None:
        record = self.record
        before = ""
        if after:
            before, self.status = self.status, after
        if kind == Kind.RECEIVED:
            before = ""
        public = kind in (Kind.MESSAGE_OUT, Kind.MESSAGE_IN) or (
            kind == Kind.FEEDBACK and method == "status_page"
        )
        if kind == Kind.MESSAGE_OUT:
            method = "status_page"
        if kind in (Kind.FEEDBACK, Kind.MESSAGE_OUT):
            day = at.astimezone(BERLIN).date()
            record.first_feedback_on = record.first_feedback_on or day
            self.last_feedback = day
        if kind not in (Kind.RECEIVED, Kind.MESSAGE_IN) and actor is None and self.staff.members:
            actor = rng.choice(self.staff.members)
        if kind in (Kind.RECEIVED, Kind.MESSAGE_IN) and record.channel == "web_form":
            actor = None
        self.rows.events.append(
            (
                record.district_id,
                record.pk,
                kind,
                _dt(at),
                actor.pk if actor else None,
                TEXTS.get(kind, ""),
                method,
                public,
                before,
                after,
                _dt(at),
                _dt(at),
            )
        )


def _tags(rng: random.Random, rows: _Rows, record: Complaint) -> None:
    count = rng.choices((1, 2, 3), (40, 40, 20))[0]
    chosen = {("category", _weighted(rng, CATEGORIES))}
    while len(chosen) < count:
        if rng.random() < 0.5:
            chosen.add(("ground", _weighted(rng, GROUNDS)))
        else:
            chosen.add(("category", _weighted(rng, CATEGORIES)))
    stamp = _dt(record.created_at)
    rows.tags += [
        (record.district_id, record.pk, kind, value, stamp, stamp) for kind, value in sorted(chosen)
    ]


def _bodies(
    rng: random.Random, rows: _Rows, record: Complaint, staff: _Staff, least: int
) -> list[int]:
    count = max(least, rng.choices((0, 1, 2), (35, 45, 20))[0])
    chosen = rng.sample(staff.referable, min(count, len(staff.referable)))
    rows.bodies += [
        ConcernedBody(
            district_id=record.district_id,
            complaint_id=record.pk,
            organisation_id=pk,
            created_at=record.created_at,
        )
        for pk in chosen
    ]
    return chosen


def _case(rng: random.Random, rows: _Rows, record: Complaint, staff: _Staff) -> None:
    """One of the courses, cut at the data end (or stalled), with 3–12 events."""
    course = rng.choices(list(COURSES), [weight for _, _, weight in COURSES.values()])[0]
    steps, (shortest, longest), _weight = COURSES[course]
    bodies = _bodies(rng, rows, record, staff, least=1 if course == "statement" else 0)
    _tags(rng, rows, record)
    received = record.received_on
    duration = rng.randint(shortest, longest)
    stalled = rng.random() < 0.02
    if stalled:  # forgotten: stops after a step or two, feedback long overdue
        steps = steps[: rng.randint(0, min(2, len(steps) - 1))]
    # The status steps spread over the case's days; fillers fall between them.
    fillers = max(0, rng.randint(3, 12) - 1 - len(steps) - (course == "referred"))
    marks = sorted(rng.random() for _ in range(len(steps)))
    plan: list[tuple[float, str]] = [(mark, step) for mark, step in zip(marks, steps, strict=True)]
    plan += [(rng.random(), "") for _ in range(fillers)]
    plan.sort()
    timeline = _Timeline(rows, record, staff)
    timeline.add(rng, Kind.RECEIVED, record.created_at, after=Status.RECEIVED)
    latest = record.created_at
    cutoff = datetime.datetime.combine(DATA_END, datetime.time(18), tzinfo=BERLIN)
    statements: list[StatementRequest] = []
    for mark, step in plan:
        day = received + datetime.timedelta(days=max(1, round(mark * duration)))
        at = max(_at(rng, day), latest + datetime.timedelta(minutes=5))
        if at > cutoff:
            break
        latest = at
        if not step:
            kind = _weighted(rng, FILLERS)
            method = _weighted(rng, METHODS) if kind == Kind.FEEDBACK else ""
            timeline.add(rng, kind, at, method=method)
        else:
            _step(rng, timeline, step, at, bodies, statements)
    record.status = timeline.status
    record.updated_at = latest
    if record.status in (Status.CLOSED, Status.REFERRED):
        record.closed_on = latest.astimezone(BERLIN).date()
    else:
        record.feedback_due = (timeline.last_feedback or received) + FEEDBACK_INTERVAL
    _anonymise_if_expired(rng, rows, record, timeline)
    rows.complaints.append(record)


def _step(
    rng: random.Random,
    timeline: _Timeline,
    step: str,
    at: datetime.datetime,
    bodies: list[int],
    statements: list[StatementRequest],
) -> None:
    """A status step with the events and records that go with it."""
    staff = timeline.staff
    day = at.astimezone(BERLIN).date()
    later = at + datetime.timedelta(minutes=2)
    if step == Status.STATEMENT_REQUESTED:
        timeline.add(rng, Kind.STATUS, at, after=step)
        _statements_requested(rng, timeline, later, bodies, statements)
    elif step == Status.IN_REVIEW and statements:  # the statements came back
        _statements_received(rng, timeline, at, statements)
        timeline.add(rng, Kind.STATUS, later, after=step)
    elif step == Status.ASSESSMENT_DRAFT:
        timeline.add(rng, Kind.STATUS, at, after=step)
        _assessments_drafted(rng, timeline, later, bodies)
    elif step == Status.APPROVED:
        timeline.add(rng, Kind.ASSESSMENT_APPROVED, at, actor=staff.commissioner)
        timeline.add(rng, Kind.STATUS, later, after=step, actor=staff.commissioner)
        for assessment in timeline.assessments():
            assessment.approved_by, assessment.approved_at = staff.commissioner, at
    elif step == Status.CLOSED and timeline.status == Status.APPROVED:
        timeline.add(rng, Kind.ASSESSMENT_SENT, at, method="letter")
        timeline.add(rng, Kind.STATUS, later, after=step)
        for assessment in timeline.assessments():
            assessment.sent_on = day
    elif step == Status.REFERRED:
        _referred(rng, timeline, at, later)
    else:
        timeline.add(rng, Kind.STATUS, at, after=step)


def _statements_requested(
    rng: random.Random,
    timeline: _Timeline,
    at: datetime.datetime,
    bodies: list[int],
    statements: list[StatementRequest],
) -> None:
    record, day = timeline.record, at.astimezone(BERLIN).date()
    for pk in bodies:
        timeline.add(rng, Kind.STATEMENT_REQUESTED, at)
        statements.append(
            StatementRequest(
                district_id=record.district_id,
                complaint_id=record.pk,
                organisation_id=pk,
                text_sent=record.description,
                sent_on=day,
                deadline=day + datetime.timedelta(days=28),
                created_at=at,
            )
        )
    timeline.rows.statements += statements


def _statements_received(
    rng: random.Random,
    timeline: _Timeline,
    at: datetime.datetime,
    statements: list[StatementRequest],
) -> None:
    day = at.astimezone(BERLIN).date()
    for statement in statements:
        timeline.add(rng, Kind.STATEMENT_RECEIVED, at)
        statement.received_on = max(day, statement.sent_on)
        statement.statement = STATEMENT
        if (statement.received_on - statement.sent_on).days > 28:
            statement.reminded_on = statement.deadline + datetime.timedelta(days=3)
    statements.clear()


def _assessments_drafted(
    rng: random.Random, timeline: _Timeline, at: datetime.datetime, bodies: list[int]
) -> None:
    record, members = timeline.record, timeline.staff.members
    timeline.add(rng, Kind.ASSESSMENT_DRAFTED, at)
    drafter = rng.choice(members[1:] or members) if members else None
    recipients: list[int | None] = [None]
    if rng.random() < 0.5:  # a redacted letter to each body concerned too
        recipients += bodies
    timeline.rows.assessments += [
        Assessment(
            district_id=record.district_id,
            complaint_id=record.pk,
            recipient="complainant" if organisation is None else "body",
            organisation_id=organisation,
            language=record.language,
            text=ASSESSMENT,
            drafted_by=drafter,
            created_at=at,
        )
        for organisation in recipients
    ]


def _referred(
    rng: random.Random, timeline: _Timeline, at: datetime.datetime, later: datetime.datetime
) -> None:
    record, day = timeline.record, at.astimezone(BERLIN).date()
    timeline.add(rng, Kind.CONSENT, at, method="call")
    timeline.add(rng, Kind.REFERRED, later)
    timeline.add(rng, Kind.STATUS, later, after=Status.REFERRED)
    timeline.rows.referrals.append(
        Referral(
            district_id=record.district_id,
            complaint_id=record.pk,
            consent_on=day,
            consent_how=rng.choice(("in_writing", "phone", "status_page")),
            shared=["name", "contact", "description"],
            sent_on=day,
            created_at=at,
        )
    )


def _anonymise_if_expired(
    rng: random.Random, rows: _Rows, record: Complaint, timeline: _Timeline
) -> None:
    """What `anonymise_expired` leaves, the day after the retention period ended."""
    if record.closed_on is None or record.closed_on >= DATA_END - retention():
        return
    record.name = record.email = record.phone = record.address = ""
    record.subject, record.description, record.receipt_hash = ANONYMISED, "", ""
    record.anonymised_at = morning(record.closed_on + retention() + datetime.timedelta(days=1))
    record.updated_at = record.anonymised_at
    record.version = 2
    for index in range(timeline.first_event, len(rows.events)):
        row = rows.events[index]
        rows.events[index] = (*row[:5], "", *row[6:])
    for statement in rows.statements[timeline.first_statement :]:
        statement.text_sent = statement.statement = ""
    for assessment in timeline.assessments():
        assessment.text = ""
    timeline.add(rng, Kind.ANONYMISED, record.anonymised_at)


def _long_case(rng: random.Random, rows: _Rows, record: Complaint, staff: _Staff) -> None:
    """Ten months of an open case: two statement rounds, reminders, many messages."""
    bodies = _bodies(rng, rows, record, staff, least=2)
    _tags(rng, rows, record)
    timeline = _Timeline(rows, record, staff)
    timeline.add(rng, Kind.RECEIVED, record.created_at, after=Status.RECEIVED)
    span = (DATA_END - record.received_on).days
    statements: list[StatementRequest] = []
    steps = {
        10: Status.IN_REVIEW,
        40: Status.STATEMENT_REQUESTED,
        70: Status.IN_REVIEW,
        110: Status.STATEMENT_REQUESTED,
        150: Status.IN_REVIEW,
    }
    for index in range(1, LONG_EVENTS):
        day = record.received_on + datetime.timedelta(days=1 + index * (span - 2) // LONG_EVENTS)
        at = _at(rng, day)
        if index in steps:
            _step(rng, timeline, steps[index], at, bodies, statements)
        elif index % 37 == 0 and statements:
            timeline.add(rng, Kind.STATEMENT_REMINDED, at)
        else:
            kind = _weighted(rng, FILLERS)
            method = _weighted(rng, METHODS) if kind == Kind.FEEDBACK else ""
            timeline.add(rng, kind, at, method=method)
    record.status = timeline.status
    record.feedback_due = (timeline.last_feedback or record.received_on) + FEEDBACK_INTERVAL
    record.updated_at = _at(rng, DATA_END)
    rows.complaints.append(record)


def _write(rows: _Rows) -> None:
    # Ids are given, so events and tags can point to their complaint before it is saved;
    # bulk_create sends name, e-mail, phone and address through the field's encryption.
    Complaint.objects.bulk_create(rows.complaints, batch_size=1000)
    insert_rows(ComplaintEvent, EVENT_COLUMNS, rows.events)
    insert_rows(Tag, TAG_COLUMNS, rows.tags)
    ConcernedBody.objects.bulk_create(rows.bodies, batch_size=2000)
    StatementRequest.objects.bulk_create(rows.statements, batch_size=2000)
    Assessment.objects.bulk_create(rows.assessments, batch_size=2000)
    Referral.objects.bulk_create(rows.referrals, batch_size=2000)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Complaint]):
            cursor.execute(sql)
    # auto_now stamped the build's own time; the data's time is the last write.
    updated = {record.pk: record.updated_at for record in rows.complaints}
    for chunk in range(0, len(rows.complaints), 5000):
        _stamp(rows.complaints[chunk : chunk + 5000], updated)
    for model in (ConcernedBody, StatementRequest, Assessment, Referral):
        model.objects.update(updated_at=F("created_at"))


def _stamp(records: list[Complaint], updated: dict[int, Any]) -> None:
    for record in records:
        record.updated_at = updated[record.pk]
    Complaint.objects.bulk_update(records, ["updated_at"], batch_size=1000)


# Pages ------------------------------------------------------------------------------------

PAGE_SIZE = 50
_long_pk: dict[str, int] = {}


def long_case_pk(slug: str = BENCH_DISTRICT) -> int:
    """The bench district's long case, looked up once per run."""
    if slug not in _long_pk:
        _long_pk[slug] = Complaint.objects.get(district__slug=slug, subject=LONG_SUBJECT).pk
    return _long_pk[slug]


def _today() -> datetime.date:
    """The list's "today" is the day of the run (`timezone.localdate()` in the view)."""
    return datetime.datetime.now(BERLIN).date()


LIST_SQL = f"""
    SELECT c.id, c.reference, c.subject, c.received_on, c.channel, c.status,
           c.feedback_due, p.code AS responsible
    FROM complaints_complaint c
    LEFT JOIN districts_position p ON p.id = c.responsible_id
    WHERE c.district_id = %s {{where}}
    ORDER BY c.received_on DESC, c.sequence DESC
    LIMIT {PAGE_SIZE}
"""
LIST_TEMPLATE = (
    "<table>{% for r in rows %}<tr><th>"
    "<a href='{{ r.id }}/'>{{ r.reference }}</a></th><td>{{ r.subject }}</td>"
    "<td>{{ r.received_on|date:'d.m.Y' }}</td><td>{{ r.channel }}</td><td>{{ r.status }}</td>"
    "<td>{{ r.feedback_due|date:'d.m.Y'|default:'–' }}</td>"
    "<td>{{ r.responsible|default:'–' }}</td></tr>{% endfor %}</table>"
)
OPEN = ", ".join(["%s"] * len(Complaint.OPEN_STATUSES))

register_page(
    "complaints.list",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/",
    user_builder=commissioner,
    floor_sql=LIST_SQL.format(where=""),
    floor_params=lambda: [district().pk],
    floor_template=LIST_TEMPLATE,
)
register_page(
    "complaints.list.overdue",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/?frist=overdue",
    user_builder=commissioner,
    floor_sql=LIST_SQL.format(where=f"AND c.status IN ({OPEN}) AND c.feedback_due < %s"),  # noqa: S608  fixed fragments only
    floor_params=lambda: [district().pk, *map(str, Complaint.OPEN_STATUSES), _today()],
    floor_template=LIST_TEMPLATE,
)
register_page(
    "complaints.list.status",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/?status=in_review",
    user_builder=commissioner,
    floor_sql=LIST_SQL.format(where="AND c.status = %s"),
    floor_params=lambda: [district().pk, "in_review"],
    floor_template=LIST_TEMPLATE,
)
# No `complaints.list.assistant`: bench.common names no assistant user to request it as.


def _detail_params() -> list[Any]:
    pk = long_case_pk()
    return [pk] * 6


register_page(
    "complaints.list.topic",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/?thema=language",
    user_builder=commissioner,
    floor_sql=LIST_SQL.format(
        where="AND EXISTS (SELECT 1 FROM complaints_tag t WHERE t.complaint_id = c.id "
        "AND t.kind = 'category' AND t.value = %s)"
    ),
    floor_params=lambda: [district().pk, "language"],
    floor_template=LIST_TEMPLATE,
)
register_page(
    "complaints.detail",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/{long_case_pk()}/",
    user_builder=commissioner,
    floor_sql="""
        SELECT 0 AS part, c.reference AS a, c.subject AS b, c.status AS c, c.received_on AS d,
               c.feedback_due AS e, c.description AS f, c.name AS g, c.email AS h
        FROM complaints_complaint c WHERE c.id = %s
        UNION ALL
        SELECT 1, t.kind, t.value, '', NULL, NULL, '', '', ''
        FROM complaints_tag t WHERE t.complaint_id = %s
        UNION ALL
        SELECT 2, o.name, d.name, '', NULL, NULL, '', '', ''
        FROM complaints_concernedbody b
        JOIN directory_organisation o ON o.id = b.organisation_id
        JOIN districts_district d ON d.id = o.district_id
        WHERE b.complaint_id = %s
        UNION ALL
        SELECT 3, e.kind, e.status_before, e.status_after, NULL, NULL, e.text, e.method,
               COALESCE(u.full_name, '')
        FROM complaints_complaintevent e LEFT JOIN accounts_user u ON u.id = e.actor_id
        WHERE e.complaint_id = %s
        UNION ALL
        SELECT 4, o.name, s.statement, '', s.sent_on, s.deadline, '', '', ''
        FROM complaints_statementrequest s
        JOIN directory_organisation o ON o.id = s.organisation_id
        WHERE s.complaint_id = %s
        UNION ALL
        SELECT 5, a.recipient, '', '', a.sent_on, NULL, '', '', ''
        FROM complaints_assessment a WHERE a.complaint_id = %s
    """,
    floor_params=_detail_params,
    floor_template=(
        "{% for r in rows %}{% if r.part == 0 %}<h1>{{ r.a }}: {{ r.b }}</h1>{{ r.c }} "
        "{{ r.d|date:'d.m.Y' }} {{ r.e|date:'d.m.Y' }}<p>{{ r.f|linebreaksbr }}</p>{{ r.g }} "
        "{{ r.h }}{% else %}<li>{{ r.a }} {{ r.b }} {{ r.c }} {{ r.d|date:'d.m.Y' }} "
        "{{ r.f|linebreaksbr }} {{ r.g }} {{ r.h }}</li>{% endif %}{% endfor %}"
    ),
)

register_page(
    "portal.complaint",
    url_builder=lambda: f"/bezirke/{BENCH_DISTRICT}/beschwerde/",
    user_builder=lambda: None,
    floor_sql="SELECT d.name, d.slug FROM districts_district d WHERE d.id = %s",
    floor_params=lambda: [district().pk],
    floor_template=(
        "{% for r in rows %}<h1>{{ r.name }}</h1><form method='post'><input name='subject'>"
        "<textarea name='description'></textarea>"
        + "".join(
            f"<label><input type='checkbox' value='{value}'>{label}</label>"
            for value, label in Category.choices
        )
        + "<input name='name'><input name='email'><input name='phone'><select name='language'>"
        "</select></form>{% endfor %}"
    ),
)
# No status page: it answers a POST (reference and code), and the bench requests pages
# by GET only. `LONG_CODE` opens the long case once it can.


# ----------------------------------------------------------------------------- load

SUBMISSIONS = 1200
RECEIPT = re.compile(r"<dd><strong>(\d{2}-\d{4}-\d{4})</strong></dd>")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def submissions(host: str) -> dict[str, Any]:
    """`SUBMISSIONS` complaints through the public form, spread over the twelve districts,
    each from its own network behind one trusted proxy (so the rate limit, which counts
    per client, lets them pass as it would let a crowd pass), a third anonymous. Each
    client fetches the form first, as a browser does; the time counts the sendings."""
    marker = f"Lasttest {uuid.uuid4().hex[:10]}"
    slugs = list(District.objects.order_by("number").values_list("slug", flat=True))

    def prepare(session: load.Session, client: int) -> str:
        status, page = session.request("GET", f"/bezirke/{slugs[0]}/beschwerde/")
        token = CSRF.search(page)
        if status != 200 or token is None:
            raise RuntimeError(f"the form answered {status}")
        return token.group(1)

    def send(session: load.Session, csrf: str, index: int) -> tuple[int, str]:
        anonymous = index % 3 == 0
        body = urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "subject": marker,
                "description": "Beim Termin gab es keine Verständigung; ich wurde weggeschickt.",
                "categories": "language",
                "language": "de",
                "token": f"{marker}-{index}",
                **({"is_anonymous": "on"} if anonymous else {"name": "Test", "email": "t@x.de"}),
            }
        )
        # Each sender from its own network: the rate limits count /24 networks.
        address = f"10.{index >> 8 & 255}.{index & 255}.7"
        path = f"/bezirke/{slugs[index % len(slugs)]}/beschwerde/"
        return session.request("POST", path, body, {"X-Forwarded-For": address})

    # Counters of an earlier run in the same window would count these senders again.
    cache.clear()
    run = load.drive(host, SUBMISSIONS, prepare, send)
    confirmed, refused = set(), []
    for status, page in run["answers"].values():
        receipt = RECEIPT.search(page) if status == 200 else None
        if receipt is None:
            refused.append(str(status))
        else:
            confirmed.add(receipt.group(1))
    with scopes_disabled():
        stored = Complaint.objects.filter(subject=marker)
        references = set(stored.values_list("reference", flat=True))
        _forget(stored)
    return load.result(
        count=SUBMISSIONS,
        seconds=run["seconds"],
        ok=len(confirmed),
        stored=len(references),
        lost=len(confirmed - references),
        failures=run["failures"] + refused,
    )


def _forget(complaints: Any) -> None:
    """The load's complaints go again, so the pages measured next see the built data."""
    pks = [str(pk) for pk in complaints.values_list("pk", flat=True)]
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), object_id__in=pks
    ).delete()
    complaints.delete()


register_load(
    "portal.complaint.submit",
    submissions,
    targets_per_s={"sqlite": 100, "postgresql": 300},
)


# ----------------------------------------------------------------------------- issue 6, part 2

STATISTICS_YEAR = DATA_END.year
# The case and the bodies it names (the forms offer those, not the directory).
CASE_FORM_SQL = """
    SELECT c.reference, c.subject, c.description, c.name, c.email
    FROM complaints_complaint c WHERE c.id = %s
    UNION ALL
    SELECT o.name, '', '', '', '' FROM complaints_concernedbody b
    JOIN directory_organisation o ON o.id = b.organisation_id
    WHERE b.complaint_id = %s
"""
CASE_FORM_TEMPLATE = (
    "{% for r in rows %}<option>{{ r.reference }} {{ r.subject }}</option>"
    "<textarea>{{ r.description }}</textarea>{{ r.name }} {{ r.email }}{% endfor %}"
)


def _case_url(path: str) -> str:
    return f"/{BENCH_DISTRICT}/beschwerden/{long_case_pk()}/{path}"


def _case_form_params() -> list[Any]:
    return [long_case_pk(), long_case_pk()]


def _first_assessment_pk() -> tuple[int, int]:
    """The bench district's first assessment and its complaint."""
    with scopes_disabled():
        # An approved letter (same work at every scale) of a case that still has its
        # texts (an anonymised case has no letters any more).
        first = (
            Assessment.objects.filter(
                district=district(),
                complaint__anonymised_at__isnull=True,
                approved_at__isnull=False,
            )
            .order_by("pk")
            .first()
        )
        if first is None:
            raise LookupError("the bench district has no assessment")
        return first.pk, first.complaint_id


register_page(
    "complaints.statistics",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/statistik/?jahr={STATISTICS_YEAR}",
    user_builder=commissioner,
    floor_sql="""
        SELECT c.status AS key, c.channel AS channel, COUNT(*) AS n
        FROM complaints_complaint c
        WHERE c.district_id = %s AND c.year = %s GROUP BY c.status, c.channel
    """,
    floor_params=lambda: [district().pk, STATISTICS_YEAR],
    floor_template=(
        "{% for r in rows %}<tr><td>{{ r.key }} {{ r.channel }}</td><td>{{ r.n }}</td></tr>"
        "{% endfor %}"
    ),
)
register_page(
    "complaints.statistics.csv",
    url_builder=lambda: f"/{BENCH_DISTRICT}/beschwerden/statistik.csv?jahr={STATISTICS_YEAR}",
    user_builder=commissioner,
    floor_sql="""
        SELECT c.status AS key, COUNT(*) AS n FROM complaints_complaint c
        WHERE c.district_id = %s AND c.year = %s GROUP BY c.status
    """,
    floor_params=lambda: [district().pk, STATISTICS_YEAR],
    floor_template="{% for r in rows %}{{ r.key }};{{ r.n }}\n{% endfor %}",
)
for _name, _path in (
    ("complaints.edit", "bearbeiten/"),
    ("complaints.statement_new", "stellungnahmen/neu/"),
    ("complaints.assessment_new", "einschaetzung/neu/"),
):
    register_page(
        _name,
        url_builder=partial(_case_url, _path),
        user_builder=commissioner,
        floor_sql=CASE_FORM_SQL,
        floor_params=_case_form_params,
        floor_template=CASE_FORM_TEMPLATE,
    )


def _letter_url() -> str:
    assessment, complaint = _first_assessment_pk()
    return f"/{BENCH_DISTRICT}/beschwerden/{complaint}/schreiben/einschaetzung/{assessment}.pdf"


register_page(
    "complaints.letter.pdf",
    url_builder=_letter_url,
    user_builder=commissioner,
    floor_sql="SELECT a.text FROM complaints_assessment a WHERE a.id = %s",
    floor_params=lambda: [_first_assessment_pk()[0]],
    floor_template="{% for r in rows %}{{ r.text }}{% endfor %}",
    target_ms=2000,
)
