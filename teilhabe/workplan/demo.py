"""Demo work plans: the current year's plan of every district, adopted and under way.

Each district gets a plan for the current year with running tasks, a dozen activities
in the schedule forms offices write, progress notes up to today (done, in progress, one
postponed and one dropped with their reasons recorded as changes to the plan), and the
Bezirksamt's decision. Marzahn-Hellersdorf also gets its 2021 plan, imported from the
document in seed 002's layout (`demo_data/arbeitsplan_2021.txt`), and a draft for next
year. Loading twice creates nothing the second time.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from teilhabe.committees.models import Body
from teilhabe.core.focus import FocusArea
from teilhabe.districts.models import District, Position

from . import services
from .models import Activity, WorkPlan

PLAN_2021 = Path(__file__).parent / "demo_data" / "arbeitsplan_2021.txt"

RUNNING_TASKS = (
    "Geschäftsführung des Integrationsbeirates mit Vorbereitung, Leitung und Nachbereitung "
    "der Sitzungen und Begleitung seiner Arbeitsgruppen",
    "Monatlicher Jour fixe mit den Leitungen der Unterkünfte für Geflüchtete im Bezirk",
    "Organisation der Interkulturellen Woche: Aufruf, Programm, Eröffnung und Abschluss",
    "Antworten auf Anfragen der BVV, des Abgeordnetenhauses und von Bürgerinnen und Bürgern; "
    "Stellungnahmen für Bezirksamt und Senatsverwaltungen",
    "Beratung und Begleitung von Migrantenorganisationen und ihrer geförderten Projekte",
    "Prüfung der Zuwendungen aus dem Integrationsfonds",
    "Öffentlichkeitsarbeit: Internetauftritt, mehrsprachige Informationsmaterialien",
)

# (title, positions, schedule with {y} for the year, focus area, body name or "")
ACTIVITIES = (
    ("Leitung der LAG-Sitzung der bezirklichen Integrationsbeauftragten", ("head",),
     "14.01.{y}", FocusArea.ADMINISTRATION, ""),
    ("Teilnahme an einer zweitägigen Fachtagung zu Rechtsextremismus", ("head",),
     "27./28.01.{y}", FocusArea.DIVERSITY, ""),
    ("Beitrag zum Demokratiebericht des Bezirks", ("head", "first", "second"),
     "März {y}", FocusArea.DIVERSITY, ""),
    ("Koordination der Pilotprojekte zur Schulvorbereitung geflüchteter Kinder",
     ("first", "second"), "ganzjährig (insbes. I. Quartal {y})", FocusArea.NEW_IMMIGRATION, ""),
    ("Gemeinsame Sitzung von Integrationsbeirat und Frauenbeirat", ("head",),
     "20.05.{y}", FocusArea.DIVERSITY, "board"),
    ("Begleitung des Empowerment-Projekts für geflüchtete Frauen (Integrationsfonds)",
     ("second",), "ganzjährig (insbes. I.-II. Quartal {y})", FocusArea.NEW_IMMIGRATION, ""),
    ("Teilnahme an der Bundeskonferenz der Integrationsbeauftragten", ("head",),
     "II. Quartal", FocusArea.ADMINISTRATION, ""),
    ("Integrationsbericht des Bezirks auf Grundlage des Integrationsmonitorings",
     ("head", "first"), "I.+II. Quartal {y}", FocusArea.ADMINISTRATION, ""),
    ("Modellprojekt Kindertagespflege für geflüchtete Frauen", ("second",),
     "I.-III. Quartal {y}", FocusArea.NEW_IMMIGRATION, ""),
    ("Ausrichtung der Interkulturellen Woche {y}", ("head",),
     "04.-24.09.{y}", FocusArea.DIVERSITY, ""),
    ("Ämterübergreifende Planung der Maßnahmen des Integrationsfonds für das Folgejahr",
     ("head", "first", "second"), "IV. Quartal {y}", FocusArea.CATCH_UP, ""),
    ("Bedarfsanalyse zur Wohnsituation von Mieterinnen und Mietern mit Migrationsgeschichte",
     ("head", "first", "second"), "ganzjährig", FocusArea.CATCH_UP, ""),
    ("Konfliktprävention und Beschwerden rund um die Unterkünfte", ("first", "second"),
     "laufend", FocusArea.NEW_IMMIGRATION, ""),
    ("Workshop mit Vereinen nach Abschluss der Sanierung des Nachbarschaftshauses",
     ("first",), "nach Abschluss der Sanierung", FocusArea.CATCH_UP, ""),
)  # fmt: skip

POSTPONED = 7  # the federal conference moves to autumn
DROPPED = 5  # the joint session with the women's council does not take place


def _positions(district: District) -> dict[str, list[Position]]:
    positions = list(Position.objects.filter(district=district, is_active=True))
    head = [p for p in positions if p.is_head] or positions[:1]
    others = [p for p in positions if p not in head] or head
    return {
        "head": head[:1],
        "first": others[:1],
        "second": others[1:2] or others[:1],
    }


def _board(district: District) -> Body | None:
    return (
        Body.objects.filter(district=district, kind=Body.Kind.ADVISORY_BOARD)
        .alive()
        .order_by("pk")
        .first()
    )


@transaction.atomic
def load(district: District) -> int:
    """Create the district's demo plans that are missing; returns the records created."""
    created = 0
    today = timezone.localdate()
    if not WorkPlan.objects.filter(district=district, year=today.year).exists():
        created += _current_plan(district, today)
    if district.slug == "marzahn-hellersdorf":
        created += _plan_2021(district)
        if not WorkPlan.objects.filter(district=district, year=today.year + 1).exists():
            current = WorkPlan.objects.get(district=district, year=today.year)
            services.plan_create(
                district=district, actor=None, year=today.year + 1, copy_from=current
            )
            created += 1
    return created


def _plan_2021(district: District) -> int:
    from . import importer

    if WorkPlan.objects.filter(district=district, year=2021).exists():
        return 0
    text = PLAN_2021.read_text(encoding="utf-8")
    result = importer.plan_import(district=district, year=2021, actor=None, text=text)
    return result.created


def _current_plan(district: District, today: datetime.date) -> int:
    year = today.year
    plan = services.plan_create(district=district, actor=None, year=year)
    for text in RUNNING_TASKS:
        services.running_task_add(plan=plan, actor=None, text=text)
    positions = _positions(district)
    board = _board(district)
    activities = []
    for number, (title, roles, schedule, focus, body) in enumerate(ACTIVITIES, start=1):
        activities.append(
            services.activity_create(
                plan=plan,
                actor=None,
                data={
                    "number": number,
                    "title": title.format(y=year),
                    "schedule_text": schedule.format(y=year),
                    "focus_area": focus,
                    "body": board if body else None,
                },
                positions=[p for role in roles for p in positions[role]],
            )
        )
    plan = services.plan_adopt(
        plan=plan,
        actor=None,  # type: ignore[arg-type]
        decision_date=datetime.date(year, 2, 10),
        paper_number=f"{district.number * 100 + year % 100}/VI",
        freeze_gremien=True,
        expected_version=plan.version,
    )
    plan = services.plan_submit(
        plan=plan,
        actor=None,  # type: ignore[arg-type]
        session_date=datetime.date(year, 2, 26),
        expected_version=plan.version,
    )
    notes = sum(_progress(activity, today) for activity in activities)
    return 1 + len(RUNNING_TASKS) + len(activities) + notes


def _note(activity: Activity, day: datetime.date, text: str, status: str) -> int:
    activity.refresh_from_db()
    services.activity_progress(
        activity=activity,
        actor=None,  # type: ignore[arg-type]
        date=day,
        text=text,
        status=status,
        expected_version=activity.version,
    )
    return 1


def _progress(activity: Activity, today: datetime.date) -> int:
    """Notes up to today: finished when the period is over, started when it has begun."""
    start, end = activity.schedule_start, activity.schedule_end
    if activity.number == POSTPONED and start and start <= today:
        return _note(
            activity,
            start,
            "Die Konferenz wurde vom Veranstalter in den Herbst verschoben.",
            Activity.Status.POSTPONED,
        )
    if activity.number == DROPPED and start and start - datetime.timedelta(days=30) <= today:
        return _note(
            activity,
            start - datetime.timedelta(days=30),
            "Der Frauenbeirat hat sich neu konstituiert; die gemeinsame Sitzung entfällt "
            "in diesem Jahr und wird im nächsten Jahr nachgeholt.",
            Activity.Status.DROPPED,
        )
    if start is None or start > today:
        return 0
    count = _note(
        activity, start, "Begonnen, erste Abstimmungen geführt.", Activity.Status.IN_PROGRESS
    )
    if end is not None and end < today and activity.schedule_kind not in ("year", "recurring"):
        count += _note(
            activity, end, "Abgeschlossen, Ergebnisse dokumentiert.", Activity.Status.DONE
        )
    return count
