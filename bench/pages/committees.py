"""Committees: about 40 bodies and 400 meetings per district and year, and their pages.

Per district (weighted by its size): 40 bodies of every kind (names like "AG Wohnen",
"Jour fixe Unterkünfte"), most on the district level, 60 % public, three in four with a
rhythm (monthly, monthly except August, every two or three months, a few fortnightly),
5 % suspended and 10 % dissolved; each further year of the window adds four bodies that
were dissolved before its end. Each body has one to three participating positions (one
leading in two of five), some have exceptions to their rhythm, and a few committees have
delegated organisations as members.

The advisory board ("Integrationsbeirat", public, 15 seats) has ten years of monthly
meetings (except August) plus special sessions, about 120, whatever the scale: three
terms of office with re-elected and new members (four in five agreed to publication),
a successor, a vacancy and deputies. Its held meetings have 5–8 agenda items, invitation,
minutes and attachments, attendance of members and positions, and tasks.

Meetings follow the bodies' rhythms in the window (holidays skipped), thinned or topped
up with extra sessions to about 400 per district and year; 5 % are cancelled, 3 % moved
a week (the new meeting holds the agenda), 1 % deleted. Most held meetings have an
agenda, documents, tasks, and the positions' attendance. Active bodies also have their
meetings of the year after the window generated, as the nightly job leaves them.

Other benchmark modules build on this data with `requires=("committees",)`: they find
`ctx.data["committees"][district pk]` (a `CommitteeData`), and the measured pages'
records through `long_body_pk()` and `rich_meeting_pk()`.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Count, Max
from django.urls import reverse
from django_scopes import scopes_disabled

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
from bench.pages.districts import FIRST_NAMES, LAST_NAMES
from bench.registry import BuildContext, generator, register_page
from teilhabe.committees.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingFile,
    MeetingTask,
    Participation,
    Person,
    RhythmException,
)
from teilhabe.committees.rhythm import rule_dates
from teilhabe.districts.models import District, Position

BODIES_PER_DISTRICT = 40
DISSOLVED_PER_YEAR = 4
MEETINGS_PER_DISTRICT_YEAR = 400
LONG_YEARS = 10
BOARD = "Integrationsbeirat"
# Berlin's district assemblies were elected in September of these years (the data ends 2025).
TERM_YEARS = (2011, 2016, 2021)
BOARD_RULE = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY=2TU"
AHEAD = datetime.timedelta(days=365)
K = Body.Kind

PREFIXES = {
    K.WORKING_GROUP: ("AG", "Arbeitskreis"),
    K.NETWORK: ("Netzwerk", "Vernetzungsrunde", "Bündnis", "Austauschrunde"),
    K.ROUND_TABLE: ("Runder Tisch",),
    K.JOUR_FIXE: ("Jour fixe",),
    K.COMMITTEE: ("Ausschuss", "Begleitausschuss", "Beirat"),
    K.STEERING_GROUP: ("Steuerungsrunde", "Lenkungsgruppe"),
    K.CONFERENCE: ("Fachkonferenz",),
    K.OTHER: ("Fachrunde", "Gremium"),
}
KIND_WEIGHTS = {
    K.WORKING_GROUP: 25, K.NETWORK: 25, K.ROUND_TABLE: 8, K.JOUR_FIXE: 12, K.COMMITTEE: 10,
    K.STEERING_GROUP: 8, K.CONFERENCE: 4, K.OTHER: 8,
}  # fmt: skip
TOPICS = (
    "Geflüchtete und Nachbarschaften", "Arbeit und Ausbildung", "Mehrsprachigkeit", "Wohnen",
    "Gesundheit", "Bildung", "Antidiskriminierung", "Demokratie und Toleranz", "Unterkünfte",
    "Ehrenamt", "Integrationslotsen", "Sport", "Sozialberichterstattung", "Migrationsdienste",
    "Kita und Familie", "Frauen und Gleichstellung", "Jugend", "Seniorinnen und Senioren",
    "Roma", "Antisemitismusprävention", "Integrationsfonds", "Kultur", "Sprachkurse",
    "Arbeitsmarktintegration", "Willkommenskultur", "Partnerschaften für Demokratie",
    "Stadtteilzentren", "Quartiersmanagement", "BENN", "Interkulturelle Woche",
)  # fmt: skip
LEVELS = {"district": 75, "cross_district": 10, "state": 12, "federal": 3}
# (rule with {n} = week of the month and {day}, the office's words, weight)
RHYTHMS = (
    ("FREQ=MONTHLY;BYDAY={n}{day}", "monatlich", 35),
    ("FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY={n}{day}", "monatlich außer August", 20),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY={n}{day}", "ca. alle zwei Monate", 25),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY={n}{day}", "vierteljährlich", 17),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY={day}", "alle zwei Wochen", 3),
)
DAYS = ("MO", "TU", "WE", "TH")
ITEM_TITLES = (
    "Bericht aus dem Integrationsbüro", "Integrationsfonds: Vergabe der Mittel",
    "Interkulturelle Woche: Planung", "Unterkünfte im Bezirk: aktuelle Lage",
    "Stellungnahme zum Bezirkshaushalt", "Bericht der Arbeitsgruppen",
    "Partizipation migrantischer Organisationen", "Anfragen aus der BVV",
    "Vorstellung eines Projekts", "Wohnungslosigkeit und Unterbringung",
)  # fmt: skip
TASK_TITLES = (
    "Protokoll versenden", "Stellungnahme entwerfen", "Einladung zur nächsten Sitzung",
    "Rückmeldung an das Bezirksamt", "Referentin für die nächste Sitzung anfragen",
)  # fmt: skip
ATTENDANCE = {"present": 80, "excused": 15, "absent": 5}


@dataclass
class CommitteeData:
    """What other benchmark modules need of a district's committees."""

    board: int  # the advisory board with LONG_YEARS of meetings
    bodies: list[int] = field(default_factory=list)
    public_bodies: list[int] = field(default_factory=list)
    locations: list[int] = field(default_factory=list)


@dataclass
class _Plan:
    """A body and the period it meets in."""

    body: Body
    since: datetime.date
    meets_until: datetime.date  # last day of meetings (dissolution, suspension, data end)
    positions: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)
    members: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)


def _dt(value: datetime.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _d(value: datetime.date | None) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _weighted(rng: random.Random, weights: Mapping[Any, float]) -> Any:
    return rng.choices(list(weights), list(weights.values()))[0]


class _Ids:
    """Primary keys handed out before the rows are written, so children can point at them."""

    def __init__(self) -> None:
        self.meeting = (Meeting.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        self.item = (AgendaItem.objects.aggregate(last=Max("id"))["last"] or 0) + 1

    def next_meeting(self) -> int:
        self.meeting += 1
        return self.meeting - 1

    def next_item(self) -> int:
        self.item += 1
        return self.item - 1


@dataclass
class _Rows:
    meetings: list[tuple[Any, ...]] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)
    files: list[tuple[Any, ...]] = field(default_factory=list)
    attendances: list[tuple[Any, ...]] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)


@generator("committees", requires=("directory",))
def committees(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Bodies, participations, members and meetings with agenda, documents and attendance."""
    ids, rows = _Ids(), _Rows()
    ctx.data["committees"] = {}
    for obj in ctx.districts:
        weight = DISTRICT_WEIGHT[obj.slug]
        places = Location.objects.bulk_create(_places(obj))
        plans = _bodies(rng, obj, ctx, weight, places)
        _participations(rng, obj, ctx, plans)
        _board_members(rng, obj, plans[0])
        _organisation_members(rng, obj, ctx, plans)
        _exceptions(rng, obj, plans)
        _meetings(rng, obj, ctx, weight, plans, places, ids, rows)
        ctx.data["committees"][obj.pk] = CommitteeData(
            board=plans[0].body.pk,
            bodies=[plan.body.pk for plan in plans],
            public_bodies=[plan.body.pk for plan in plans if plan.body.is_public],
            locations=[place.pk for place in places],
        )
    insert_rows(Meeting, MEETING_COLUMNS, rows.meetings)
    insert_rows(AgendaItem, ITEM_COLUMNS, rows.items)
    insert_rows(MeetingFile, FILE_COLUMNS, rows.files)
    insert_rows(Attendance, ATTENDANCE_COLUMNS, rows.attendances)
    insert_rows(MeetingTask, TASK_COLUMNS, rows.tasks)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Meeting, AgendaItem]):
            cursor.execute(sql)
    # auto_now stamped the build's own time; the data's time is the window's start.
    moment = morning(ctx.start)
    for model in (Location, Body, Participation, RhythmException, LegislativeTerm, Person):
        model.objects.update(created_at=moment, updated_at=moment)
    BodyMember.objects.update(created_at=moment, updated_at=moment)


def _places(obj: District) -> Iterator[Location]:
    for number, room in enumerate(("Sitzungssaal", "Raum 1.12", "Raum 2.05", "Festsaal")):
        yield Location(
            district=obj,
            name=f"Rathaus {obj.name}" if number < 2 else f"Bürgeramt {obj.name}",
            street=f"Rathausplatz {number + 1}",
            postal_code="10115",
            room=room,
            accessibility="Aufzug vorhanden" if number != 3 else "",
        )
    yield Location(district=obj, name="Stadtteilzentrum am Park", street="Parkweg 5")
    yield Location(district=obj, name="Nachbarschaftshaus", street="Lindenstraße 12")


# ----------------------------------------------------------------------------- bodies


def _rhythm(rng: random.Random) -> tuple[str, str]:
    rule, text, _ = rng.choices(RHYTHMS, [weight for *_, weight in RHYTHMS])[0]
    return rule.format(n=rng.randint(1, 4), day=rng.choice(DAYS)), text


def _names(rng: random.Random, count: int) -> Iterator[tuple[str, str]]:
    """(kind, name) pairs without repeats, kinds in their usual shares."""
    seen: set[str] = set()
    while len(seen) < count:
        kind = _weighted(rng, KIND_WEIGHTS)
        name = f"{rng.choice(PREFIXES[kind])} {rng.choice(TOPICS)}"
        if len(seen) > 400:  # more than prefixes × topics give: number them
            name = f"{name} {len(seen)}"
        if name not in seen:
            seen.add(name)
            yield kind, name


def _bodies(
    rng: random.Random,
    obj: District,
    ctx: BuildContext,
    weight: float,
    places: list[Location],
) -> list[_Plan]:
    """The board first, then the district's other bodies; three AGs belong to the board."""
    years = max(1, round(ctx.days / 365))
    current = round(BODIES_PER_DISTRICT * weight) - 1
    dissolved = round(DISSOLVED_PER_YEAR * weight * (years - 1))
    long_start = DATA_END.replace(year=DATA_END.year - LONG_YEARS) + datetime.timedelta(days=1)
    board = Body(
        district=obj, name=BOARD, kind=K.ADVISORY_BOARD, level="district", is_public=True,
        seats=15, rhythm_rule=BOARD_RULE, rhythm_start=long_start,
        rhythm_text="jeden zweiten Dienstag im Monat, außer im August",
        meeting_time=datetime.time(17, 30), default_location=places[0],
        description="Gewähltes Gremium, das das Bezirksamt in Fragen der Integration berät.",
    )  # fmt: skip
    plans = [_Plan(board, long_start, DATA_END + AHEAD)]
    referable = ctx.data.get("referable", {}).get(obj.pk) or []
    for index, (kind, name) in enumerate(_names(rng, current + dissolved)):
        plans.append(_plan(rng, obj, ctx, kind, name, index >= current, places, referable))
    Body.objects.bulk_create([plan.body for plan in plans], batch_size=500)
    groups = [p.body for p in plans[1:] if p.body.kind == K.WORKING_GROUP and p.body.is_public]
    for group in groups[:3]:
        group.parent = board
    Body.objects.bulk_update(groups[:3], ["parent"])
    return plans


def _not_leap_day(day: datetime.date) -> datetime.date:
    """rhythm.rule_dates cannot start on 29 February yet (reported); the 1 March does."""
    return day + datetime.timedelta(days=1) if (day.month, day.day) == (2, 29) else day


def _plan(
    rng: random.Random,
    obj: District,
    ctx: BuildContext,
    kind: str,
    name: str,
    old: bool,
    places: list[Location],
    referable: list[int],
) -> _Plan:
    """A body of the window, or (`old`) one dissolved after one to four years in it."""
    status = "dissolved" if old else _weighted(rng, {"active": 85, "suspended": 5, "dissolved": 10})
    rule, text = _rhythm(rng) if rng.random() < 0.75 else ("", rng.choice(("nach Bedarf", "")))
    if old:
        since = ctx.start + datetime.timedelta(days=rng.randrange(max(1, ctx.days - 400)))
        until = min(since + datetime.timedelta(days=rng.randint(365, 4 * 365)), DATA_END)
    else:
        since = ctx.start - datetime.timedelta(days=rng.randrange(5 * 365))
        until = DATA_END + AHEAD
        if status != "active":
            until = DATA_END - datetime.timedelta(days=rng.randrange(30, 180))
    body = Body(
        district=obj,
        name=name,
        kind=kind,
        level=_weighted(rng, LEVELS),
        status=status,
        is_public=rng.random() < 0.6,
        rhythm_rule=rule,
        rhythm_start=_not_leap_day(since) if rule else None,
        rhythm_text="ausgesetzt" if status == "suspended" else text,
        meeting_time=datetime.time(rng.choice((9, 10, 14, 16, 17, 18)), rng.choice((0, 30))),
        meeting_minutes=rng.choice((60, 90, 120, 120, 180)),
        default_location=rng.choice(places) if rng.random() < 0.8 else None,
        host_organisation_id=rng.choice(referable) if referable and rng.random() < 0.15 else None,
        website=f"https://example.org/{obj.slug}/{len(name)}" if rng.random() < 0.2 else "",
    )
    return _Plan(body, since, until)


def _participations(rng: random.Random, obj: District, ctx: BuildContext, plans: list[_Plan]):
    positions: list[Position] = [
        p
        for p in ctx.data.get("positions", {}).get(obj.pk) or Position.objects.filter(district=obj)
        if p.is_active
    ]
    head = next((p for p in positions if p.is_head), positions[0])
    records = []
    for index, plan in enumerate(plans):
        chosen = [head, *rng.sample(positions, min(2, len(positions)))] if index == 0 else (
            rng.sample(positions, min(len(positions), rng.randint(1, 3)))
        )  # fmt: skip
        end = plan.meets_until if plan.body.status == "dissolved" else None
        for order, position in enumerate(dict.fromkeys(chosen)):
            lead = order == 0 and (index == 0 or rng.random() < 0.4)
            records.append(
                Participation(
                    district=obj, body=plan.body, position=position,
                    role="lead" if lead else rng.choice(("participant",) * 4 + ("deputy",)),
                    start=plan.since, end=end,
                )
            )  # fmt: skip
            plan.positions.append((position.pk, plan.since, end))
    Participation.objects.bulk_create(records, batch_size=1000)


def _exceptions(rng: random.Random, obj: District, plans: list[_Plan]) -> None:
    """Summer breaks and clashes the office recorded for about one body in ten."""
    records = []
    for plan in plans[1:]:
        if plan.body.rhythm_rule and rng.random() < 0.1:
            day = DATA_END + datetime.timedelta(days=rng.randint(20, 300))
            records.append(
                RhythmException(district=obj, body=plan.body, date=day, reason="Sommerpause")
            )
    RhythmException.objects.bulk_create(records, ignore_conflicts=True)


# ----------------------------------------------------------------------------- members


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _terms(obj: District) -> list[LegislativeTerm]:
    """Five-year terms from November after the BVV elections, covering the long body."""
    terms = [
        LegislativeTerm(
            district=obj,
            name=f"Amtszeit {year}–{year + 5}",
            start=datetime.date(year, 11, 1),
            end=datetime.date(year + 5, 10, 31),
            election_date=datetime.date(year, 9, 18),
        )
        for year in TERM_YEARS
    ]
    return LegislativeTerm.objects.bulk_create(terms)


def _board_members(rng: random.Random, obj: District, board: _Plan) -> None:
    """15 seats a term; three in five re-elected; a successor, a vacancy, five deputies."""
    terms = _terms(obj)
    holders: dict[int, Person] = {}
    members: list[BodyMember] = []
    for term in terms:
        new = [seat for seat in range(1, 16) if seat not in holders or rng.random() < 0.4]
        persons = Person.objects.bulk_create(
            Person(
                district=obj,
                name=_person_name(rng),
                affiliation=rng.choice(("", "Migrantenorganisation", "Elternverein")),
                public_consent_on=term.start if rng.random() < 0.8 else None,
            )
            for _ in new
        )
        holders.update(zip(new, persons, strict=True))
        for seat, person in holders.items():
            # Members serve until the next board meets: the latest term's have no end yet.
            end = None if term is terms[-1] else term.end
            members.append(_seat(obj, board.body, person, term, seat, end))
    vacated = members[-1]  # the last seat of the current term is vacant since its holder left
    vacated.end = DATA_END - datetime.timedelta(days=90)
    vacated.end_reason = "Rücktritt"
    BodyMember.objects.bulk_create(members, batch_size=500)
    later = _successor_and_deputies(rng, obj, board.body, terms[-1], members)
    board.members = [(m.pk, m.start, m.end) for m in members + later]


def _seat(
    obj: District, body: Body, person: Person, term: LegislativeTerm, seat: int,
    end: datetime.date | None,
) -> BodyMember:  # fmt: skip
    return BodyMember(
        district=obj, body=body, person=person, seat=seat, term=term, start=term.start,
        end=end, appointment="elected",
        role="chair" if seat == 1 else "vice_chair" if seat == 2 else "member",
    )  # fmt: skip


def _successor_and_deputies(
    rng: random.Random, obj: District, body: Body, term: LegislativeTerm, members: list
) -> list[BodyMember]:
    current = [m for m in members if m.term_id == term.pk]
    leaving = current[6]
    leaving.end = term.start + datetime.timedelta(days=rng.randint(200, 700))
    leaving.end_reason = "Umzug aus dem Bezirk"
    BodyMember.objects.bulk_update([leaving], ["end", "end_reason"])
    persons = Person.objects.bulk_create(
        Person(district=obj, name=_person_name(rng), public_consent_on=term.start) for _ in range(6)
    )
    later = [
        BodyMember(
            district=obj, body=body, person=persons[0], seat=leaving.seat, term=term,
            start=leaving.end + datetime.timedelta(days=1), end=None,
            appointment="succeeded", successor_of=leaving, role=leaving.role,
        )
    ]  # fmt: skip
    for holder, person in zip(current[:5], persons[1:], strict=True):
        later.append(
            BodyMember(
                district=obj, body=body, person=person, seat=holder.seat, term=term,
                start=term.start, end=None, role="deputy_member", deputy_of=holder,
            )
        )  # fmt: skip
    return BodyMember.objects.bulk_create(later)


def _organisation_members(
    rng: random.Random, obj: District, ctx: BuildContext, plans: list[_Plan]
) -> None:
    """A few committees and steering groups have delegated organisations as members."""
    referable = ctx.data.get("referable", {}).get(obj.pk) or []
    chosen = [p for p in plans[1:] if p.body.kind in {K.COMMITTEE, K.STEERING_GROUP}][:3]
    records: list[tuple[_Plan, BodyMember]] = []
    for plan in chosen:
        for organisation in rng.sample(referable, min(len(referable), rng.randint(5, 8))):
            records.append(
                (
                    plan,
                    BodyMember(
                        district=obj, body=plan.body, organisation_id=organisation,
                        appointment="delegated", start=plan.since,
                        end=plan.meets_until if plan.body.status == "dissolved" else None,
                    ),
                )
            )  # fmt: skip
    BodyMember.objects.bulk_create([member for _, member in records], batch_size=500)
    for plan, member in records:
        plan.members.append((member.pk, member.start, member.end))


# ----------------------------------------------------------------------------- meetings


MEETING_COLUMNS = (
    "id", "created_at", "updated_at", "district_id", "version", "deleted_at", "body_id",
    "name", "start", "end", "location_id", "online_url", "status", "occurrence",
    "moved_to_id", "status_note", "invitation", "invited_on", "minutes", "minutes_public",
)  # fmt: skip
ITEM_COLUMNS = (
    "id", "created_at", "updated_at", "district_id", "version", "deleted_at", "meeting_id",
    "number", "order", "title", "is_public", "description", "decision",
)  # fmt: skip
FILE_COLUMNS = (
    "created_at", "updated_at", "district_id", "deleted_at", "meeting_id", "agenda_item_id",
    "role", "name", "file", "mime_type", "size", "sha256", "is_public",
)  # fmt: skip
ATTENDANCE_COLUMNS = (
    "created_at", "updated_at", "district_id", "meeting_id", "member_id", "position_id",
    "status",
)  # fmt: skip
TASK_COLUMNS = (
    "created_at", "updated_at", "district_id", "version", "meeting_id", "agenda_item_id",
    "title", "responsible_id", "due", "done_on",
)  # fmt: skip


def _dates(plan: _Plan, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    body = plan.body
    if not body.rhythm_rule or body.rhythm_start is None:
        return []
    last = min(last, plan.meets_until)
    first = max(first, plan.since)
    if last < first:
        return []
    found = rule_dates(body.rhythm_rule, body.rhythm_start, first, last)
    return [d.date for d in found if not d.skipped_because]


def _schedule(
    rng: random.Random, ctx: BuildContext, weight: float, plans: list[_Plan]
) -> list[tuple[_Plan, datetime.date, bool]]:
    """(body, day, from the rhythm) of the window's meetings and the year after it."""
    board, others = plans[0], plans[1:]
    long_first = board.since
    chosen = [(board, day, True) for day in _dates(board, long_first, DATA_END + AHEAD)]
    chosen += [(board, _special(rng, year), False) for year in range(long_first.year, 2026)]
    in_window = sum(1 for _, day, _ in chosen if ctx.start <= day <= DATA_END)
    target = round(MEETINGS_PER_DISTRICT_YEAR * weight * ctx.days / 365) - in_window
    rhythm = [(plan, day, True) for plan in others for day in _dates(plan, ctx.start, DATA_END)]
    if len(rhythm) > target:
        rhythm = rng.sample(rhythm, target)
    extra: list[tuple[_Plan, datetime.date, bool]] = []
    while len(rhythm) + len(extra) < target:
        plan = rng.choice(others)
        day = ctx.start + datetime.timedelta(days=rng.randrange(ctx.days))
        if plan.since <= day <= plan.meets_until and day.weekday() < 5:
            extra.append((plan, day, False))
        elif rng.random() < 0.01:  # a body that never met in the window: anywhere
            extra.append((plan, max(plan.since, ctx.start), False))
    ahead = [
        (plan, day, True)
        for plan in others
        if plan.body.status == "active"
        for day in _dates(plan, DATA_END + datetime.timedelta(days=1), DATA_END + AHEAD)
    ]
    return chosen + rhythm + extra + ahead


def _special(rng: random.Random, year: int) -> datetime.date:
    """A special session of the board in June (a working day)."""
    day = datetime.date(year, 6, rng.randint(1, 26))
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() > 4 else 0)


def _meetings(
    rng: random.Random,
    obj: District,
    ctx: BuildContext,
    weight: float,
    plans: list[_Plan],
    places: list[Location],
    ids: _Ids,
    rows: _Rows,
) -> None:
    for plan, day, from_rhythm in sorted(
        _schedule(rng, ctx, weight, plans), key=lambda entry: (entry[1], entry[0].body.pk)
    ):
        _meeting(rng, obj, plan, day, from_rhythm, places, ids, rows)


def _status(rng: random.Random, day: datetime.date) -> str:
    if day > DATA_END:
        return "planned"
    roll = rng.random()
    if roll < 0.05:
        return "cancelled"
    # A moved meeting takes place a week later, inside the window.
    return "moved" if roll < 0.08 and day + datetime.timedelta(days=7) <= DATA_END else "held"


def _row(
    pk: int, obj: District, body: Body, start: datetime.datetime, status: str, **values: Any
) -> tuple[Any, ...]:
    """A meeting's row in MEETING_COLUMNS' order."""
    invited = values.get("invited")
    return (
        pk, _dt(values["created"]), _dt(values["changed"]), obj.pk, values["version"],
        values.get("deleted"), body.pk, "", _dt(start),
        _dt(start + datetime.timedelta(minutes=body.meeting_minutes)), values["location"], "",
        status, _d(values.get("occurrence")), values.get("moved_to"), values.get("note", ""),
        "Einladung mit Tagesordnung." if invited else "", _d(invited),
        values.get("minutes", ""), values.get("public", False),
    )  # fmt: skip


def _meeting(
    rng: random.Random,
    obj: District,
    plan: _Plan,
    day: datetime.date,
    from_rhythm: bool,
    places: list[Location],
    ids: _Ids,
    rows: _Rows,
) -> None:
    body, board = plan.body, plan.body.kind == K.ADVISORY_BOARD
    start = datetime.datetime.combine(day, body.meeting_time or datetime.time(17), BERLIN)
    status = _status(rng, day)
    pk = ids.next_meeting()
    moved_to = ids.next_meeting() if status == "moved" else None
    # Generated meetings of the year ahead were made by the nightly job before the data end.
    created = morning(min(day - datetime.timedelta(days=rng.randint(14, 60)), DATA_END))
    location = body.default_location_id or (rng.choice(places).pk if rng.random() < 0.7 else None)
    minutes = _minutes(rng, body) if status == "held" and (board or rng.random() < 0.5) else ""
    rows.meetings.append(
        _row(
            pk, obj, body, start, status,
            created=created, changed=morning(min(day + datetime.timedelta(days=3), DATA_END)),
            version=1 if status == "planned" else rng.randint(2, 5), location=location,
            deleted=_dt(created) if status != "planned" and rng.random() < 0.01 else None,
            occurrence=day if from_rhythm else None, moved_to=moved_to,
            note={"cancelled": "Abgesagt mangels Beschlussfähigkeit.", "moved": "Verschoben."}.get(
                status, ""
            ),
            invited=None if status == "planned" else day - datetime.timedelta(days=14),
            minutes=minutes, public=bool(minutes) and body.is_public and rng.random() < 0.7,
        )
    )  # fmt: skip
    if status in {"planned", "cancelled"}:
        return
    if moved_to is not None:
        pk, day = moved_to, day + datetime.timedelta(days=7)
        rows.meetings.append(
            _row(
                pk, obj, body, start + datetime.timedelta(days=7), "held", created=created,
                changed=morning(day), version=3, location=location,
                invited=day - datetime.timedelta(days=21), minutes=_minutes(rng, body),
                public=body.is_public,
            )
        )  # fmt: skip
    if board or rng.random() < 0.75:
        _held(rng, obj, plan, (pk, day, created), ids, rows)


def _minutes(rng: random.Random, body: Body) -> str:
    items = rng.sample(ITEM_TITLES, 3)
    return "\n\n".join(
        [f"# Protokoll: {body.name}"]
        + [f"## TOP {n}: {title}\n\nDer Bericht wird zur Kenntnis genommen." for n, title in
           enumerate(items, start=1)]
    )  # fmt: skip


def _held(
    rng: random.Random,
    obj: District,
    plan: _Plan,
    meeting: tuple[int, datetime.date, datetime.datetime],
    ids: _Ids,
    rows: _Rows,
) -> None:
    """Agenda, documents, attendance and tasks of a meeting that took place."""
    pk, day, created = meeting
    board = plan.body.kind == K.ADVISORY_BOARD
    stamp, changed = _dt(created), _dt(morning(min(day + datetime.timedelta(days=7), DATA_END)))
    items = []
    for order in range(1, (rng.randint(5, 8) if board else rng.randint(2, 6)) + 1):
        item = ids.next_item()
        title = "Begrüßung und Tagesordnung" if order == 1 else rng.choice(ITEM_TITLES)
        rows.items.append(
            (item, stamp, changed, obj.pk, 1, None, pk, str(order), order, title,
             order == 1 or rng.random() >= 0.15, "Unterlagen folgen." if rng.random() < 0.3 else "",
             "Einstimmig beschlossen." if rng.random() < 0.3 else "")
        )  # fmt: skip
        items.append(item)
    public = plan.body.is_public
    for role, share in (("invitation", 0.7), ("minutes", 0.4), ("attachment", 0.3)):
        if board or rng.random() < share:
            about = rng.choice(items[1:]) if role == "attachment" and len(items) > 1 else None
            name = f"{role}-{pk}.pdf"
            rows.files.append(
                (stamp, changed, obj.pk, None, pk, about, role, name,
                 f"committees/{obj.pk}/{rng.randbytes(8).hex()}/{name}", "application/pdf",
                 rng.randint(20_000, 900_000), rng.randbytes(32).hex(),
                 public and rng.random() < 0.8)
            )  # fmt: skip
    if board or rng.random() < 0.5:
        _attendance(rng, obj, plan, pk, day, stamp, rows)
    if board or rng.random() < 0.3:
        _tasks(rng, obj, plan, (pk, day, stamp, changed), items, rows)


def _current(entries: list[tuple[int, datetime.date, datetime.date | None]], day: datetime.date):
    return [pk for pk, start, end in entries if start <= day and (end is None or end >= day)]


def _attendance(
    rng: random.Random, obj: District, plan: _Plan, meeting: int, day: datetime.date, stamp: Any,
    rows: _Rows,
) -> None:  # fmt: skip
    for member in _current(plan.members, day):
        status = _weighted(rng, ATTENDANCE)
        rows.attendances.append((stamp, stamp, obj.pk, meeting, member, None, status))
    for position in dict.fromkeys(_current(plan.positions, day)):
        status = "present" if rng.random() < 0.9 else "excused"
        rows.attendances.append((stamp, stamp, obj.pk, meeting, None, position, status))


def _tasks(
    rng: random.Random,
    obj: District,
    plan: _Plan,
    meeting: tuple[int, datetime.date, Any, Any],
    items: list[int],
    rows: _Rows,
) -> None:
    pk, day, stamp, changed = meeting
    positions = _current(plan.positions, day) or [pk for pk, _, _ in plan.positions]
    for _ in range(rng.randint(1, 3)):
        due = day + datetime.timedelta(days=rng.randint(7, 42))
        done = due - datetime.timedelta(days=rng.randint(0, 6)) if due < DATA_END else None
        rows.tasks.append(
            (stamp, changed, obj.pk, 2 if done else 1, pk,
             rng.choice(items) if rng.random() < 0.5 else None, rng.choice(TASK_TITLES),
             rng.choice(positions), _d(due), _d(done) if done and rng.random() < 0.9 else None)
        )  # fmt: skip


# Pages ------------------------------------------------------------------------------------

PAGE_SIZE = 50
PAST_PAGE_SIZE = 20
CANCELLED = ("cancelled", "moved")


@cache
def long_body_pk(slug: str = BENCH_DISTRICT) -> int:
    """The district's advisory board, the body with ten years of meetings."""
    with scopes_disabled():
        return _long_body_pk(slug)


def _long_body_pk(slug: str) -> int:
    pk = (
        Body.objects.filter(
            district__slug=slug, name=BOARD, kind=K.ADVISORY_BOARD, rhythm_rule=BOARD_RULE
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise LookupError(f"No advisory board in {slug}; is the committees data built?")
    return int(pk)


@cache
def rich_meeting_pk(slug: str = BENCH_DISTRICT) -> int:
    """The board's meeting with the most agenda items, documents, attendance and tasks."""
    with scopes_disabled():
        return _rich_meeting_pk(slug)


def _rich_meeting_pk(slug: str) -> int:
    pk = (
        Meeting.objects.filter(body_id=long_body_pk(slug), deleted_at__isnull=True, status="held")
        .annotate(
            items_n=Count("agenda_items", distinct=True),
            files_n=Count("files", distinct=True),
            attendance_n=Count("attendances", distinct=True),
            tasks_n=Count("tasks", distinct=True),
        )
        .filter(items_n__gt=0, files_n__gt=0, attendance_n__gt=0, tasks_n__gt=0)
        .order_by("-items_n", "-files_n", "-attendance_n", "-tasks_n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise LookupError(f"No held meeting with agenda and documents in {slug}.")
    return int(pk)


def _agg(expression: str) -> str:
    function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return f"{function}({expression}, ', ')"


def _text(expression: str) -> str:
    return f"CAST({expression} AS VARCHAR(300))"


def _now_params() -> tuple[Any, Any]:
    from django.utils import timezone

    return _dt(timezone.now()), _d(timezone.localdate())


LEAD_MARK = "po.code || CASE WHEN pa.role = 'lead' THEN ' (L)' ELSE '' END"
CURRENT_POSITIONS = f"""(SELECT {_agg(LEAD_MARK)}
    FROM committees_participation pa JOIN districts_position po ON po.id = pa.position_id
    WHERE pa.body_id = b.id AND pa.start <= %s AND (pa."end" IS NULL OR pa."end" >= %s))"""


def _list_params() -> list[Any]:
    now, today = _now_params()
    pk = district().pk
    return [now, today, today, pk, "dissolved", pk, "dissolved"]


register_page(
    "committees.list",
    url_builder=lambda: reverse("committees:list", kwargs={"district": BENCH_DISTRICT}),
    user_builder=commissioner,
    floor_sql=f"""
        SELECT b.id, b.name, b.kind, b.level, b.status, b.rhythm_text, p.name AS parent,
               (SELECT MIN(m.start) FROM committees_meeting m
                WHERE m.body_id = b.id AND m.deleted_at IS NULL AND m.start >= %s
                  AND m.status NOT IN ('cancelled', 'moved')) AS next_meeting,
               {CURRENT_POSITIONS} AS positions,
               (SELECT COUNT(*) FROM committees_body c WHERE c.district_id = %s
                  AND c.deleted_at IS NULL AND c.status <> %s) AS total
        FROM committees_body b
        LEFT JOIN committees_body p ON p.id = b.parent_id
        WHERE b.district_id = %s AND b.deleted_at IS NULL AND b.status <> %s
        ORDER BY b.name, b.id
        LIMIT {PAGE_SIZE + 1}
    """,  # noqa: S608  fixed fragments only
    floor_params=_list_params,
    floor_template=(
        "<p>{{ rows.0.total }}</p><table>{% for r in rows %}<tr><th><a href='{{ r.id }}/'>"
        "{{ r.name }}</a> {{ r.parent|default:'' }}</th><td>{{ r.kind }}</td><td>{{ r.level }}"
        "</td><td>{{ r.positions }}</td><td>{{ r.rhythm_text }}</td><td>{{ r.next_meeting }}"
        "</td><td>{{ r.status }}</td></tr>{% endfor %}</table>"
    ),
)


def _detail_params() -> list[Any]:
    now, today = _now_params()
    body = long_body_pk()
    return [body, body, body, body, body, now, body, now, body, today, today]


MEETING_PART = """SELECT m.id, m.start, m.status, l.name AS place FROM committees_meeting m
    LEFT JOIN committees_location l ON l.id = m.location_id
    WHERE m.body_id = %s AND m.deleted_at IS NULL AND m.start {op} %s
    ORDER BY m.start {order}, m.id {order} LIMIT {limit}"""

register_page(
    "committees.detail",
    url_builder=lambda: reverse(
        "committees:detail", kwargs={"district": BENCH_DISTRICT, "body": long_body_pk()}
    ),
    user_builder=commissioner,
    floor_sql=f"""
        SELECT 'body' AS part, b.name AS label,
               {_text("b.kind || ' ' || b.level || ' ' || b.status || ' ' || b.rhythm_rule")}
                   AS extra,
               {_text("b.rhythm_text || ' ' || b.description || ' ' || b.website")} AS more,
               {_text("p.name")} AS moment
        FROM committees_body b
        LEFT JOIN committees_body p ON p.id = b.parent_id
        LEFT JOIN committees_location l ON l.id = b.default_location_id
        LEFT JOIN directory_organisation o ON o.id = b.host_organisation_id
        WHERE b.id = %s
        UNION ALL
        SELECT 'participation', po.code, po.title, pa.role, {_text("pa.start")}
        FROM committees_participation pa JOIN districts_position po ON po.id = pa.position_id
        WHERE pa.body_id = %s
        UNION ALL
        SELECT 'child', c.name, '', '', '' FROM committees_body c
        WHERE c.parent_id = %s AND c.deleted_at IS NULL
        UNION ALL
        SELECT 'exception', e.reason, '', '', {_text("e.date")}
        FROM committees_rhythmexception e WHERE e.body_id = %s
        UNION ALL
        SELECT 'upcoming', x.place, x.status, '', {_text("x.start")} FROM (
            {MEETING_PART.format(op=">=", order="ASC", limit=10)}) x
        UNION ALL
        SELECT 'past', x.place, x.status, '', {_text("x.start")} FROM (
            {MEETING_PART.format(op="<", order="DESC", limit=PAST_PAGE_SIZE)}) x
        UNION ALL
        SELECT 'member', COALESCE(pe.name, o.name), bm.role, t.name, {_text("bm.seat")}
        FROM committees_bodymember bm
        LEFT JOIN committees_person pe ON pe.id = bm.person_id
        LEFT JOIN directory_organisation o ON o.id = bm.organisation_id
        LEFT JOIN committees_legislativeterm t ON t.id = bm.term_id
        WHERE bm.body_id = %s AND bm.deleted_at IS NULL AND bm.start <= %s
          AND (bm."end" IS NULL OR bm."end" >= %s)
    """,  # noqa: S608  fixed fragments only
    floor_params=_detail_params,
    floor_template=(
        "{% for r in rows %}{% ifchanged r.part %}<h2>{{ r.part }}</h2>{% endifchanged %}"
        "<p>{{ r.label }} {{ r.extra }} {{ r.more }} {{ r.moment }}</p>{% endfor %}"
    ),
)


register_page(
    "committees.meeting",
    url_builder=lambda: reverse(
        "committees:meeting", kwargs={"district": BENCH_DISTRICT, "meeting": rich_meeting_pk()}
    ),
    user_builder=commissioner,
    floor_sql=f"""
        SELECT 'meeting' AS part, b.name AS label, {_text("m.start")} AS extra,
               m.status || ' ' || m.status_note || ' ' || COALESCE(l.name, '') || ' '
                   || COALESCE(l.street, '') AS more,
               m.invitation || ' ' || m.minutes AS body
        FROM committees_meeting m
        JOIN committees_body b ON b.id = m.body_id
        LEFT JOIN committees_location l ON l.id = m.location_id
        WHERE m.id = %s
        UNION ALL
        SELECT 'item', i.number || ' ' || i.title, {_text("i.is_public")}, i.description,
               i.decision
        FROM committees_agendaitem i WHERE i.meeting_id = %s AND i.deleted_at IS NULL
        UNION ALL
        SELECT 'file', f.name, f.role, {_text("f.size")}, COALESCE(fi.number, '')
        FROM committees_meetingfile f
        LEFT JOIN committees_agendaitem fi ON fi.id = f.agenda_item_id
        WHERE f.meeting_id = %s AND f.deleted_at IS NULL
        UNION ALL
        SELECT 'task', t.title, po.code, {_text("t.due")}, {_text("t.done_on")}
        FROM committees_meetingtask t JOIN districts_position po ON po.id = t.responsible_id
        WHERE t.meeting_id = %s
        UNION ALL
        SELECT 'attendance', COALESCE(pe.name, o.name, po.code), a.status, '', ''
        FROM committees_attendance a
        LEFT JOIN committees_bodymember bm ON bm.id = a.member_id
        LEFT JOIN committees_person pe ON pe.id = bm.person_id
        LEFT JOIN directory_organisation o ON o.id = bm.organisation_id
        LEFT JOIN districts_position po ON po.id = a.position_id
        WHERE a.meeting_id = %s
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [rich_meeting_pk()] * 5,
    floor_template=(
        "{% for r in rows %}{% ifchanged r.part %}<h2>{{ r.part }}</h2>{% endifchanged %}"
        "<p>{{ r.label }} {{ r.extra }} {{ r.more }}</p>{% if r.part == 'meeting' %}"
        "{{ r.body|markdown }}{% else %}{{ r.body|linebreaksbr }}{% endif %}{% endfor %}"
    ),
)
