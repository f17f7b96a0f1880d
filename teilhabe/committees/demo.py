"""Demo Gremien: the seed work plan's table, the bodies of Steglitz-Zehlendorf, and an
advisory board with members, terms and meetings in every district.

Names of bodies, their rhythms and who leads them are facts from the seed documents
(002: Marzahn-Hellersdorf's work plan 2021; 003: Steglitz-Zehlendorf's committees page).
Members are fictional and marked "(Demo)"; meeting places are the town halls, marked as
demo data. Everything is written through the services (and the import), so the demo has
the audit trail real data has. Idempotent: what exists is kept, nothing is added twice.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.directory.models import Organisation
from teilhabe.districts import demo as districts_demo
from teilhabe.districts.models import District, Position

from . import importer, rhythm, services
from .models import Body, BodyMember, LegislativeTerm, Location, Meeting, Participation, Person

# Participations of the demo run from the work plan's year on.
SINCE = datetime.date(2021, 1, 1)
BOARD_NAME = "Integrationsbeirat"

# Seed 002, part 2 "Gremienarbeit", exactly as the work plan lists it.
MARZAHN_HELLERSDORF_TABLE = """Gremium\tLeitung (L)/ Teilnahme
Integrationsbeirat\tIntB (L), Int1, Int2
AG Geflüchtete und Nachbarschaften (Integrationsbeirat)\tInt1 (L), Int2 (L)
AG Arbeit und Ausbildung (Integrationsbeirat)\tIntB
AG Mehrsprachigkeit (Integrationsbeirat)\tIntB, Int1
Bündnis für Demokratie und Toleranz\tIntB, Int2
Bezirklicher Koordinierungsstab Flüchtlinge\tIntB, Int1, Int2
Begleitausschüsse Partnerschaften für Demokratie\tIntB, Int1
Vernetzungsrunde Integrationspolitik\tIntB (L), Int1, Int2
Vernetzungsrunde Migrationsdienste\tIntB (L)
Steuerungsrunden BENN\tInt1
Nachbarschaftsdialog Maxie-Wander-Straße\tIntB, Int1
Jour fixe der Unterkünfte\tIntB, Int1 (L), Int2 (L)
Jour fixe mit KoordFM bei SenIAS\tInt1, Int2
Jour fixe Ehrenamtskoordination\tInt1 (L), Int2 (L)
Koordinierungsrunde Flüchtlingskoordination aller Bezirke\tInt1, Int2
BVV-Ausschuss für Integration\tIntB, Int1, Int2
Beirat zur bezirklichen Altenplanung\tIntB
Fachrunde Migrationssozialdienst\tIntB (L)
Beirat Landesrahmenprogramm Integrationslotsen\tIntB
Bezirkskoordinatoren-Treffen Integrationslotsen\tIntB
AG Arbeit\tIntB, Int1
AG Sozialberichterstattung\tIntB, Int2
AG Integration durch Sport\tIntB, Int1
Regionale Steuerungsrunde Marzahn-Nord-West\tIntB
Kooperationsgremium der Stadtteilzentren\tInt1
Gremium „Willkommenskultur-Koordination“\tInt1 (L), Int2 (L)

Lenkungsgremium Integrationsprogramm\tIntB (L)
Lenkungsgruppe Roma\tIntB
IntMig-Konferenzen bei SenIAS\tIntB
Landesbeirat für Integrations- und Migrationsfragen\tIntB
Landesarbeitsgemeinschaft der IntBs\tIntB
Bezirksrunde Antisemitismusprävention\tIntB
"""

SZ_BOARD = "Beirat für Partizipation und Integration Steglitz-Zehlendorf"
SZ_ROUND_TABLE = "Runder Tisch des Willkommensbündnis Steglitz-Zehlendorf"
# Seed 003: the bodies Steglitz-Zehlendorf's office names, as a table for the import.
STEGLITZ_ZEHLENDORF_TABLE = f"""Gremium\tLeitung (L)/ Teilnahme
{SZ_BOARD}\tIntB
BVV-Ausschuss für Partizipation und Integration\tIntB
Landesarbeitsgemeinschaft der bezirklichen Beauftragten für Partizipation und Integration (LAG)\tIntB
Koordinierungsrunde Hilfen für Geflüchtete\tInt1 (L), IntB
Arbeitsmarktintegration für zugewanderte Frauen in Steglitz-Zehlendorf\tIntB (L)
Austauschrunde der Unterkunftsleiter*innen und Austausch mit dem LAF\tInt1 (L), IntB
Austauschrunde der Mitarbeitenden der Sozialen Dienste der Unterkünfte\tInt1 (L)
{SZ_ROUND_TABLE}\tInt1
"""  # noqa: E501  one line per body, as in the table

MONTHLY_BUT_AUGUST = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY={day}"
T = datetime.time

# name: settings applied once to the imported body (kept once staff edited it).
MARZAHN_HELLERSDORF_SETTINGS: dict[str, dict[str, Any]] = {
    BOARD_NAME: {
        "rhythm_rule": MONTHLY_BUT_AUGUST.format(day="2TU"),
        "rhythm_text": "jeden zweiten Dienstag im Monat, außer in den Sommerferien",
        "meeting_time": T(17, 30),
        "is_public": True,
        "seats": 15,
        "description": "Das Integrationsbüro führt die Geschäfte des Beirats: Vor- und "
        "Nachbereitung und Leitung der Sitzungen, Koordinierung der Arbeitsgruppen.",
    },
    "Vernetzungsrunde Integrationspolitik": {
        "rhythm_rule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH",
        "rhythm_text": "alle zwei Monate am zweiten Donnerstag",
        "meeting_time": T(10, 0),
        "is_public": True,
    },
    "Jour fixe der Unterkünfte": {
        "rhythm_rule": "FREQ=MONTHLY;BYDAY=1WE",
        "rhythm_text": "monatlich, jeden ersten Mittwoch",
        "meeting_time": T(10, 0),
        "meeting_minutes": 90,
        "description": "Monatlicher Jour fixe mit den Leitungen der Flüchtlingsunterkünfte im "
        "Bezirk, vorbesprochen mit der Regionalkoordination des LAF.",
    },
    "BVV-Ausschuss für Integration": {
        "rhythm_rule": MONTHLY_BUT_AUGUST.format(day="4TH"),
        "rhythm_text": "monatlich am vierten Donnerstag, außer im August",
        "meeting_time": T(17, 0),
        "is_public": True,
    },
    "AG Geflüchtete und Nachbarschaften": {
        "rhythm_rule": "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO",
        "rhythm_text": "vierteljährlich",
        "meeting_time": T(16, 0),
        "is_public": True,
    },
    "Bezirklicher Koordinierungsstab Flüchtlinge": {
        "status": Body.Status.SUSPENDED,
        "rhythm_text": "ausgesetzt",
    },
    "Vernetzungsrunde Migrationsdienste": {"rhythm_text": "nach Bedarf, etwa zweimal im Jahr"},
}
STEGLITZ_ZEHLENDORF_SETTINGS: dict[str, dict[str, Any]] = {
    SZ_BOARD: {
        "rhythm_rule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=3TH",
        "rhythm_text": "ca. alle zwei Monate",
        "meeting_time": T(18, 0),
        "is_public": True,
        "seats": 15,
        "description": "Gewähltes, unabhängiges Gremium mit 15 Mitgliedern. Es berät das "
        "Bezirksamt in allen Fragen der Partizipation, der Integration und gleichberechtigten "
        "Teilhabe von Menschen mit Migrationsgeschichte.",
    },
    SZ_ROUND_TABLE: {
        "rhythm_rule": "FREQ=MONTHLY;BYDAY=1WE",
        "rhythm_text": "an jedem ersten Mittwoch im Monat",
        "meeting_time": T(18, 0),
        "is_public": True,
        "website": "https://www.willkommensbuendnis-steglitz-zehlendorf.de/",
        # Seed 003: it meets "in der Hellenischen Gemeinde"; the host is linked if the
        # directory has it.
        "place": "Hellenische Gemeinde",
        "host": "Hellenische Gemeinde",
        "description": "Offene Plattform des unabhängigen Willkommensbündnisses für "
        "Engagierte in der Flüchtlingsarbeit, Unterkünfte, Initiativen und Behörden.",
    },
    "Koordinierungsrunde Hilfen für Geflüchtete": {
        "status": Body.Status.SUSPENDED,
        "rhythm_text": "ausgesetzt",
        "description": "2015 ins Leben gerufen, um die Hilfen für Geflüchtete im Bezirk zu "
        "organisieren; mittlerweile mit einem Schwerpunktthema je Sitzung.",
    },
    "Austauschrunde der Unterkunftsleiter*innen und Austausch mit dem LAF": {
        "rhythm_rule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        "rhythm_text": "ca. alle 2 Monate",
        "meeting_time": T(10, 0),
    },
    "Austauschrunde der Mitarbeitenden der Sozialen Dienste der Unterkünfte": {
        "rhythm_rule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=3TU",
        "rhythm_text": "alle zwei Monate, meist mit Schwerpunktthema",
        "meeting_time": T(10, 0),
    },
    "Arbeitsmarktintegration für zugewanderte Frauen in Steglitz-Zehlendorf": {
        "kind": Body.Kind.NETWORK,
        "rhythm_text": "regelmäßige Netzwerktreffen",
        "description": "Netzwerktreffen mit der Gleichstellungsbeauftragten und der "
        "Beauftragten für Chancengleichheit am Arbeitsmarkt des Jobcenters; organisatorisch "
        "unterstützt von DaMigra.",
    },
    "BVV-Ausschuss für Partizipation und Integration": {
        "rhythm_rule": MONTHLY_BUT_AUGUST.format(day="1TU"),
        "rhythm_text": "monatlich, Termine siehe BVV",
        "meeting_time": T(17, 30),
        "is_public": True,
    },
    "Landesarbeitsgemeinschaft der bezirklichen Beauftragten für Partizipation und "
    "Integration (LAG)": {"rhythm_text": "regelmäßig"},
}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH")

TERMS = (
    ("Amtszeit 2021–2026", datetime.date(2021, 11, 1), datetime.date(2026, 10, 31)),
    ("Amtszeit 2026–2031", datetime.date(2026, 11, 1), datetime.date(2031, 10, 31)),
)
ELECTIONS = {"Amtszeit 2021–2026": datetime.date(2021, 9, 26)}
ELECTIONS["Amtszeit 2026–2031"] = datetime.date(2026, 9, 20)
SEATS = 15
RE_ELECTED = 9  # members of the last term elected again
VACANT_SEAT = 15
SUCCESSION_SEAT = 7
SUCCESSION_DAY = datetime.date(2026, 11, 16)
WITHOUT_CONSENT = {4, 11}  # seats of the members who did not agree to publication

FIRST_NAMES = (
    "Aylin", "Jonas", "Olena", "Mehmet", "Sabine", "Thu", "Paul", "Leyla", "Felix", "Nadia",
    "Dmitri", "Fatma", "Lukas", "Amina", "Stefan", "Zeynep", "Marek", "Julia", "Kofi",
    "Ingrid", "Hamid", "Anna", "Yusuf", "Petra", "Ahmad", "Sofia", "Tarek", "Lina",
)  # fmt: skip
LAST_NAMES = (
    "Yıldız", "Berger", "Brandt", "Phạm", "Schubert", "Karaca", "Haas", "Sadeghi", "Engel",
    "Mazur", "Kühn", "Vogt", "Khalil", "Seidel", "Osei", "Lorenz", "Akın", "Popescu",
    "Kowalczyk", "Nowicki", "Hoang", "Schneider",
    "Winter", "Hussein", "Marx", "Bondarenko", "Frank", "Ibrahim",
)  # fmt: skip
AFFILIATIONS = (
    "", "Migrantenorganisation", "Elternverein", "Kulturverein", "Wohlfahrtsverband",
    "Initiative für Geflüchtete", "Sportverein", "Frauenverein",
)  # fmt: skip
# (title, public, what the minutes say)
AGENDA = (
    ("Begrüßung und Feststellung der Beschlussfähigkeit", True,
     "Die Vorsitzende begrüßt die Anwesenden; der Beirat ist beschlussfähig."),
    ("Bericht des Integrationsbüros", True,
     "Das Integrationsbüro berichtet über die Lage in den Unterkünften und die laufenden "
     "Projekte. Der Beirat nimmt den Bericht zur Kenntnis."),
    ("Interkulturelle Tage: Rückblick und Planung", True,
     "Die AG Interkulturelle Tage stellt erste Ideen für das Programm vor."),
    ("Stellungnahme zum Integrationsfonds", True,
     "Der Beirat beschließt, bis zur nächsten Sitzung eine Stellungnahme zu erarbeiten."),
    ("Personalangelegenheiten der Geschäftsstelle", False, ""),
    ("Verschiedenes", True, "Keine Wortmeldungen."),
)  # fmt: skip


def _table_for(slug: str) -> str:
    if slug == "marzahn-hellersdorf":
        return MARZAHN_HELLERSDORF_TABLE
    if slug == "steglitz-zehlendorf":
        return STEGLITZ_ZEHLENDORF_TABLE
    codes = [code for code, _title, _head in districts_demo.positions_for(slug)]
    positions = ", ".join([f"{codes[0]} (L)", *codes[1:]])
    return f"Gremium\tLeitung (L)/ Teilnahme\n{BOARD_NAME}\t{positions}\n"


def _settings_for(district: District) -> dict[str, dict[str, Any]]:
    if district.slug == "marzahn-hellersdorf":
        return MARZAHN_HELLERSDORF_SETTINGS
    if district.slug == "steglitz-zehlendorf":
        return STEGLITZ_ZEHLENDORF_SETTINGS
    # Boards of the other districts meet monthly on a weekday of their own.
    day = f"{district.number % 3 + 1}{WEEKDAY_CODES[district.number % 4]}"
    return {
        BOARD_NAME: {
            "rhythm_rule": MONTHLY_BUT_AUGUST.format(day=day),
            "rhythm_text": "monatlich, außer in den Sommerferien",
            "meeting_time": T(17, 0),
            "is_public": True,
            "seats": SEATS,
        }
    }


@transaction.atomic
def load(district: District) -> int:
    """Create the district's demo bodies, members and meetings that are missing."""
    created = 0
    table = _table_for(district.slug)
    preview = importer.import_analyse(district=district, text=table, start=SINCE)
    if preview.has_changes:
        result = importer.bodies_import(district=district, actor=None, text=table, start=SINCE)
        created += result.bodies + result.participations
    bodies = {b.name: b for b in Body.objects.filter(district=district).alive()}
    for name, settings in _settings_for(district).items():
        if name in bodies and bodies[name].version == 1:
            bodies[name], new = _configure(bodies[name], settings)
            created += new
    if district.slug == "steglitz-zehlendorf":
        _standing_guest(bodies.get(SZ_BOARD))
    board = bodies.get(SZ_BOARD if district.slug == "steglitz-zehlendorf" else BOARD_NAME)
    if board is not None:
        created += _board(district, board)
    for body in bodies.values():
        created += services.generate_meetings(body=body)
    return created


def _place(district: District, name: str = "") -> tuple[Location, int]:
    """A meeting place by name, or the district's town hall; (place, 1 if created)."""
    data: dict[str, Any] = {"name": name, "room": "Gemeindesaal"}
    if not name:
        street, postal_code, town_hall = districts_demo.TOWN_HALLS[district.slug]
        data = {
            "name": f"{town_hall} (Demo)",
            "street": street,
            "postal_code": postal_code,
            "room": "Sitzungssaal",
            "accessibility": "Stufenloser Zugang über den Haupteingang, Aufzug vorhanden.",
        }
    found = Location.objects.filter(district=district, name=data["name"]).first()
    if found is not None:
        return found, 0
    return services.location_create(district=district, actor=None, data=data), 1  # type: ignore[arg-type]


def _configure(body: Body, settings: dict[str, Any]) -> tuple[Body, int]:
    """Give an imported body its rhythm, place, host and flags (once: version 1)."""
    data = dict(settings)
    place, created = _place(body.district, data.pop("place", ""))
    host = data.pop("host", "")
    if host:
        data["host_organisation"] = (
            Organisation.objects.filter(district=body.district, name__icontains=host)
            .order_by("pk")
            .first()
        )
    if data.get("rhythm_rule"):
        data.setdefault("rhythm_start", SINCE)
        data.setdefault("default_location", place)
    body = services.body_update(body=body, actor=None, data=data, expected_version=1)  # type: ignore[arg-type]
    return body, created


def _standing_guest(board: Body | None) -> None:
    """Seed 003: the commissioner is a standing guest of Steglitz-Zehlendorf's board."""
    if board is None:
        return
    for participation in Participation.objects.filter(
        body=board, role=Participation.Role.PARTICIPANT, version=1
    ):
        services.participation_update(
            participation=participation,
            actor=None,  # type: ignore[arg-type]
            data={"role": Participation.Role.GUEST},
            expected_version=1,
        )


# ----------------------------------------------------------------------------- the board


def _board(district: District, board: Body) -> int:
    created = 0
    terms = []
    for name, start, end in TERMS:
        term = LegislativeTerm.objects.filter(district=district, name=name).first()
        if term is None:
            data = {"name": name, "start": start, "end": end, "election_date": ELECTIONS[name]}
            term = services.term_create(district=district, actor=None, data=data)  # type: ignore[arg-type]
            created += 1
        terms.append(term)
    if not BodyMember.objects.filter(body=board).exists():
        created += _members(district, board, terms[0], terms[1])
    if not Meeting.objects.filter(body=board, start__lt=timezone.now()).exists():
        created += _past_meetings(district, board)
    return created


def _names(rng: random.Random) -> list[str]:
    """Distinct fictional names, no family name twice."""
    firsts = rng.sample(FIRST_NAMES, len(FIRST_NAMES))
    lasts = rng.sample(LAST_NAMES, len(LAST_NAMES))
    return [f"{first} {last} (Demo)" for first, last in zip(firsts, lasts, strict=False)]


def _person(district: District, rng: random.Random, names: list[str], seat: int) -> Person:
    data = {
        "name": names.pop(),
        "affiliation": rng.choice(AFFILIATIONS),
        "email": f"beirat-{seat}@{district.slug}.demo" if rng.random() < 0.5 else "",
        "public_consent_on": None if seat in WITHOUT_CONSENT else datetime.date(2021, 11, 15),
    }
    return services.person_create(district=district, actor=None, data=data)  # type: ignore[arg-type]


def _member(board: Body, person: Person, term: LegislativeTerm, seat: int) -> BodyMember:
    role = {1: BodyMember.Role.CHAIR, 2: BodyMember.Role.VICE_CHAIR}.get(seat, "member")
    data = {
        "person": person,
        "seat": seat,
        "term": term,
        "role": role,
        "appointment": BodyMember.Appointment.ELECTED,
        "start": term.start,
        "end": term.end,
    }
    return services.member_create(body=board, actor=None, data=data)  # type: ignore[arg-type]


def _members(
    district: District, board: Body, last: LegislativeTerm, current: LegislativeTerm
) -> int:
    """15 seats last term; this term some re-elected, one seat vacant, one successor."""
    rng = random.Random(f"committees-demo:{district.number}")  # noqa: S311  demo data
    names = _names(rng)
    persons = [_person(district, rng, names, seat) for seat in range(1, SEATS + 1)]
    for seat, person in enumerate(persons, start=1):
        _member(board, person, last, seat)
    created = 2 * len(persons)
    for seat in range(1, SEATS + 1):
        if seat == VACANT_SEAT:
            continue
        if seat > RE_ELECTED:
            persons[seat - 1] = _person(district, rng, names, seat)
            created += 1
        member = _member(board, persons[seat - 1], current, seat)
        created += 1
        if seat == SUCCESSION_SEAT:
            services.member_succeed(
                member=member,
                actor=None,  # type: ignore[arg-type]
                successor=_person(district, rng, names, seat),
                start=SUCCESSION_DAY,
                reason="Umzug aus dem Bezirk (Demo)",
                expected_version=member.version,
            )
            created += 2
    organisation = (
        Organisation.objects.filter(
            district=district, is_public=True, kind=Organisation.Kind.MIGRANT_ORGANISATION
        )
        .order_by("pk")
        .first()
    )
    if organisation is not None:
        services.member_create(
            body=board,
            actor=None,  # type: ignore[arg-type]
            data={
                "organisation": organisation,
                "role": BodyMember.Role.ADVISORY_MEMBER,
                "voting_right": False,
                "appointment": BodyMember.Appointment.DELEGATED,
                "term": current,
                "start": current.start,
            },
        )
        created += 1
    return created


def _past_dates(board: Body, count: int) -> list[datetime.date]:
    """The last `count` dates the board's rhythm gave before today, holidays left out."""
    today = timezone.localdate()
    start = board.rhythm_start or SINCE
    first = max(start, today - datetime.timedelta(days=400))
    dates = rhythm.rule_dates(board.rhythm_rule, start, first, today - datetime.timedelta(days=1))
    return [d.date for d in dates if not d.skipped_because][-count:]


def _at(day: datetime.date, board: Body) -> datetime.datetime:
    moment = datetime.datetime.combine(day, board.meeting_time or T(17, 0))  # noqa: DTZ001
    return timezone.make_aware(moment)


def _past_meetings(district: District, board: Body) -> int:
    """Four meetings before today: held, cancelled, moved (and held a week later), held."""
    dates = _past_dates(board, 4) if board.rhythm_rule else []
    if len(dates) < 4:
        return 0
    first, cancelled, moved, last = dates
    length = datetime.timedelta(minutes=board.meeting_minutes)
    created = 0
    meetings = []
    for day in (first, cancelled, moved, last):
        start = _at(day, board)
        meeting = services.meeting_create(
            body=board,
            actor=None,  # type: ignore[arg-type]
            data={
                "start": start,
                "end": start + length,
                "location": board.default_location,
                "occurrence": day,
                "status": Meeting.Status.INVITED,
                "invitation": "Einladung zur Sitzung des Beirats; Tagesordnung anbei.",
                "invited_on": day - datetime.timedelta(days=14),
            },
        )
        meetings.append(meeting)
        created += 1
    services.meeting_cancel(
        meeting=meetings[1],
        actor=None,  # type: ignore[arg-type]
        note="Abgesagt: zu wenige Zusagen, die Sitzung wäre nicht beschlussfähig gewesen.",
        expected_version=meetings[1].version,
    )
    later = _at(moved + datetime.timedelta(days=7), board)
    replacement = services.meeting_move(
        meeting=meetings[2],
        actor=None,  # type: ignore[arg-type]
        start=later,
        end=later + length,
        note="Wegen einer Sondersitzung der BVV eine Woche später.",
        expected_version=meetings[2].version,
    )
    created += 1
    for index, meeting in enumerate((meetings[0], replacement, meetings[3])):
        created += _hold(district, board, meeting, public_minutes=index != 1)
    return created


def _minutes(meeting: Meeting) -> str:
    """Minutes in Markdown; the non-public item is only named, as its minutes are separate."""
    local = timezone.localtime(meeting.start)
    lines = [f"# Protokoll: {meeting.title}", "", f"{local:%d.%m.%Y}, {local:%H:%M} Uhr", ""]
    for number, (title, public, said) in enumerate(AGENDA, start=1):
        text = said if public else "Nicht öffentlicher Teil; gesondertes Protokoll."
        lines += [f"## TOP {number}: {title}", "", text, ""]
    return "\n".join(lines)


def _hold(district: District, board: Body, meeting: Meeting, *, public_minutes: bool) -> int:
    """Agenda, minutes, attendance and tasks of a meeting that took place."""
    created = 0
    for title, public, _said in AGENDA:
        services.agenda_item_add(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={"title": title, "is_public": public},
        )
        created += 1
    meeting.refresh_from_db()
    minutes = _minutes(meeting)
    meeting = services.meeting_update(
        meeting=meeting,
        actor=None,  # type: ignore[arg-type]
        data={"status": Meeting.Status.HELD, "minutes": minutes, "minutes_public": public_minutes},
        expected_version=meeting.version,
    )
    members, participations = services.expected_attendees(meeting)
    states = ["present", "present", "present", "excused", "present", "absent"]
    services.attendance_save(
        meeting=meeting,
        actor=None,  # type: ignore[arg-type]
        members={m.pk: states[i % len(states)] for i, m in enumerate(members)},
        positions={p.position_id: "present" for p in participations},
    )
    lead = next(
        (p.position for p in participations if p.role == Participation.Role.LEAD),
        Position.objects.filter(district=district).order_by("sort_order", "code").first(),
    )
    if lead is not None:
        day = timezone.localdate(meeting.start)
        due = day + datetime.timedelta(days=28)
        services.task_create(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={
                "title": "Protokoll an die Mitglieder versenden",
                "responsible": lead,
                "due": day + datetime.timedelta(days=7),
                "done_on": day + datetime.timedelta(days=5),
            },
        )
        services.task_create(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={
                "title": "Entwurf der Stellungnahme zum Integrationsfonds vorbereiten",
                "responsible": lead,
                "due": due,
                "done_on": due if due < timezone.localdate() else None,
            },
        )
        created += 2
    return created
