"""Work plans: one plan per district and year with 30 activities, and their pages and papers.

Per district and year of the window: a plan the Bezirksamt adopted in February and the
BVV took note of (published, for the years before the last), with ten running tasks
(8–12 in other districts), the Gremien table frozen at the decision (computed by
`selectors.gremien_rows_live` from the committees data), and 30 numbered activities.
Every plan has each form of schedule the office writes once (date, days, range, month,
months, quarters, half-year, calendar weeks, season, "bis", "ab", "ganzjährig" with and
without emphasis, "laufend", "nach Bedarf", and a text that is not understood), the rest
drawn by how often offices use them; `Activity.apply_schedule` fills the derived
period. Each activity has one to three responsible positions (the head in most), one in
four concerns a body, and its status and 0–4 progress notes follow its period as of the
data end (mostly done, some in progress, postponed or dropped). Postponed and dropped
activities are recorded as `PlanChange`s with their note as the reason, as are, in
some plans, an activity moved to another quarter, one added and one removed after the
decision. Each district also has next year's draft (Gremien live, nothing noted),
which is what the dashboard shows as due in the quarter while the data is recent.

Marzahn-Hellersdorf's plan of the last year has the size of seed 002 (21 activities,
32 Gremien rows, 10 running tasks): the papers are built from it.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, F
from django.urls import reverse
from django_scopes import scopes_disabled

from bench.common import (
    BENCH_DISTRICT,
    DATA_END,
    commissioner,
    district,
    morning,
)
from bench.pages.districts import FIRST_NAMES, LAST_NAMES
from bench.registry import BuildContext, generator, register_page
from teilhabe.accounts.models import User
from teilhabe.core.focus import FocusArea
from teilhabe.districts.models import District, Position
from teilhabe.workplan import schedules, selectors
from teilhabe.workplan.defaults import plan_defaults
from teilhabe.workplan.demo import RUNNING_TASKS
from teilhabe.workplan.models import (
    Activity,
    ActivityNote,
    ActivityPosition,
    PlanChange,
    RunningTask,
    WorkPlan,
)

ACTIVITIES_PER_PLAN = 30
RUNNING_TASKS_PER_PLAN = (8, 12)
# The plan the papers are built from: Marzahn-Hellersdorf's, as in seed 002.
PAPER_DISTRICT = "marzahn-hellersdorf"
PAPER_ACTIVITIES = 21
PAPER_GREMIEN = 32
PAPER_RUNNING_TASKS = 10
K = schedules.Kind
S = Activity.Status

MORE_RUNNING_TASKS = (
    "Koordination der bezirklichen Netzwerke für Geflüchtete und der Willkommensbündnisse",
    "Steuerung der Integrationslotsinnen und -lotsen im Bezirk",
    "Mitarbeit in der Landesarbeitsgemeinschaft der bezirklichen Integrationsbeauftragten",
    "Fortschreibung des bezirklichen Integrationskonzepts und Begleitung seiner Umsetzung",
    "Sensibilisierung der Verwaltung für migrationsgesellschaftliche Öffnung (PartMigG)",
)
TITLES = (
    "Leitung der LAG-Sitzung der bezirklichen Integrationsbeauftragten",
    "Teilnahme an einer zweitägigen Fachtagung zu Rechtsextremismus",
    "Beitrag zum Demokratiebericht des Bezirks",
    "Koordination der Pilotprojekte zur Schulvorbereitung geflüchteter Kinder",
    "Gemeinsame Sitzung von Integrationsbeirat und Frauenbeirat",
    "Begleitung des Empowerment-Projekts für geflüchtete Frauen (Integrationsfonds)",
    "Teilnahme an der Bundeskonferenz der Integrationsbeauftragten",
    "Integrationsbericht des Bezirks auf Grundlage des Integrationsmonitorings",
    "Modellprojekt Kindertagespflege für geflüchtete Frauen",
    "Ausrichtung der Interkulturellen Woche {y}",
    "Ämterübergreifende Planung der Maßnahmen des Integrationsfonds für das Folgejahr",
    "Bedarfsanalyse zur Wohnsituation von Mieterinnen und Mietern mit Migrationsgeschichte",
    "Konfliktprävention und Beschwerden rund um die Unterkünfte",
    "Workshop mit Vereinen nach Abschluss der Sanierung des Nachbarschaftshauses",
    "Neuwahl des Integrationsbeirats: Aufruf, Wahlordnung und Wahlversammlung",
    "Mehrsprachige Broschüre „Ankommen im Bezirk“ überarbeiten und drucken lassen",
    "Fachtag „Antidiskriminierung in der Verwaltung“ mit dem Personalservice",
    "Schulung der Bürgerämter zu interkultureller Kommunikation",
    "Auswertung der Beratungsstatistik und Bericht an den Integrationsausschuss",
    "Aufbau eines Netzwerks migrantischer Elternvereine an Grundschulen",
    "Vergabe der Mittel aus dem Integrationsfonds: Aufruf, Jury und Bescheide",
    "Begleitung der neuen Gemeinschaftsunterkunft: Nachbarschaftsdialog und Runder Tisch",
    "Empfang für neu Eingebürgerte im Rathaus",
    "Stellungnahme zum Entwurf des Landesintegrationsprogramms",
    "Kooperationsvereinbarung mit dem Jobcenter zur Arbeitsmarktintegration",
    "Tag der offenen Tür der Migrantenorganisationen im Rathaus",
    "Fortbildungsreihe für Ehrenamtliche in der Geflüchtetenhilfe",
    "Gedenkveranstaltung zum Internationalen Tag gegen Rassismus",
    "Evaluation der Sprachmittlung in den Fachämtern",
    "Mitwirkung am Bezirkshaushalt {y}/{n}: Anmeldung der Integrationsmittel",
    "Vernetzungstreffen der Integrationslotsinnen und -lotsen",
    "Projekt „Demokratie leben!“: Begleitausschuss und Aktionsfonds",
    "Informationsabende zur Einbürgerung in mehreren Sprachen",
    "Handreichung für Kitas zum Umgang mit Mehrsprachigkeit",
    "Online-Umfrage unter Migrantenorganisationen zu ihren Räumen und Bedarfen",
)
NOTES = {
    "start": (
        "Begonnen, erste Abstimmungen mit den Beteiligten geführt.",
        "Auftakttreffen hat stattgefunden; Zeitplan und Zuständigkeiten vereinbart.",
        "Konzept abgestimmt, Mittel beantragt.",
    ),
    "middle": (
        "Zwischenstand im Integrationsausschuss berichtet.",
        "Entwurf liegt vor und geht in die Mitzeichnung der Fachämter.",
        "Träger ausgewählt, Vertrag in Vorbereitung.",
        "Rückmeldungen der Migrantenorganisationen eingearbeitet.",
        "Termin mit der Senatsverwaltung abgestimmt.",
    ),
    S.DONE: (
        "Abgeschlossen, Ergebnisse dokumentiert.",
        "Durchgeführt mit rund 80 Teilnehmenden; Bericht an den Beirat versandt.",
        "Erledigt; die Unterlagen sind im Laufwerk abgelegt.",
    ),
    S.POSTPONED: (
        "Vom Veranstalter in den Herbst verschoben.",
        "Wegen der Haushaltssperre in das Folgejahr verschoben.",
        "Verschoben, weil die Stelle Int2 bis zum Sommer unbesetzt war.",
    ),
    S.DROPPED: (
        "Entfällt in diesem Jahr; der Frauenbeirat hat sich neu konstituiert.",
        "Entfällt: Die Förderung wurde nicht bewilligt.",
        "Entfällt, weil die Senatsverwaltung das Vorhaben landesweit übernimmt.",
    ),
}
CHANGE_REASONS = (
    "Auftrag des Bezirksamts vom Frühjahr.",
    "Neue Aufgabe durch Beschluss der BVV.",
    "Die Stelle Int2 war bis zum Sommer unbesetzt.",
    "Der Kooperationspartner hat den Termin verlegt.",
)
SIGNATORY_ROLES = ("Bezirksbürgermeister/in", "Stellv. Bezirksbürgermeister/in")
STATEWIDE_BODIES = (
    "Landesbeirat für Integrations- und Migrationsfragen",
    "LAG der bezirklichen Integrations- und Migrationsbeauftragten",
    "AG Integrationsmonitoring der Senatsverwaltung",
    "Steuerungsrunde Flüchtlingsunterbringung des Landes",
    "Fachbeirat Sprachmittlung",
    "Begleitgremium des Partizipationsgesetzes",
)


# ----------------------------------------------------------------------------- schedules

Written = Callable[[random.Random, int], str]
MONTHS = schedules.MONTH_NAMES
QUARTERS = ("I.", "II.", "III.", "IV.")


def _a_day(rng: random.Random, year: int, first: int = 1, last: int = 12) -> datetime.date:
    month = rng.randint(first, last)
    return datetime.date(year, month, rng.randint(1, 27))


def _day(rng: random.Random, y: int) -> str:
    day = _a_day(rng, y)
    return f"{day:%d.%m.%Y}" if rng.random() < 0.8 else f"{day:%d.%m.}"


def _days(rng: random.Random, y: int) -> str:
    first = _a_day(rng, y, 1, 11)
    if rng.random() < 0.5:
        return f"{first.day:02d}./{first.day + 1:02d}.{first:%m.%Y}"
    second = first + datetime.timedelta(days=rng.randint(14, 40))
    return f"{first:%d.%m.%Y} und {second:%d.%m.%Y}"


def _range(rng: random.Random, y: int) -> str:
    choice = rng.random()
    if choice < 0.1:
        return f"28.12.{y}-05.01.{y + 1}"
    first = _a_day(rng, y, 1, 11)
    if choice < 0.6:
        return (
            f"{first.day:02d}.-{first.day + rng.randint(1, 1 + (27 - first.day)):02d}.{first:%m.%Y}"
        )
    last = first + datetime.timedelta(days=rng.randint(20, 60))
    if last.year != first.year:
        return f"{first:%d.%m.%Y}-{last:%d.%m.%Y}"
    return f"{first:%d.%m.}-{last:%d.%m.%Y}"


def _month(rng: random.Random, y: int) -> str:
    qualifier = rng.choice(("", "", "", "Anfang ", "Mitte ", "Ende "))
    year = f" {y}" if rng.random() < 0.8 else ""
    return f"{qualifier}{rng.choice(MONTHS)}{year}"


def _months(rng: random.Random, y: int) -> str:
    first = rng.randint(0, 9)
    choice = rng.random()
    if choice < 0.15:
        return f"November {y}-Januar {y + 1}"
    if choice < 0.6:
        return f"{MONTHS[first]}-{MONTHS[first + rng.randint(1, 2)]} {y}"
    return f"{MONTHS[first]} und {MONTHS[first + 1]} {y}"


def _quarters(rng: random.Random, y: int) -> str:
    choice, first = rng.random(), rng.randint(0, 2)
    if choice < 0.6:
        year = f" {y}" if rng.random() < 0.8 else ""
        return f"{QUARTERS[rng.randint(0, 3)]} Quartal{year}"
    if choice < 0.8:
        return f"{QUARTERS[first]}-{QUARTERS[first + 1 + rng.randint(0, 2 - first)]} Quartal {y}"
    return f"{QUARTERS[first]}+{QUARTERS[first + 1]} Quartal {y}"


def _half(rng: random.Random, y: int) -> str:
    return f"{rng.randint(1, 2)}. Halbjahr" + (f" {y}" if rng.random() < 0.7 else "")


def _weeks(rng: random.Random, y: int) -> str:
    week = rng.randint(2, 48)
    if rng.random() < 0.5:
        return f"KW {week}/{y}"
    return f"KW {week}-{week + rng.randint(1, 3)}/{y}"


def _season(rng: random.Random, y: int) -> str:
    if rng.random() < 0.15:
        return f"Winter {y}/{(y + 1) % 100:02d}"
    name = rng.choice(("Frühjahr", "Sommer", "Herbst", "Jahresanfang", "Jahresmitte", "Jahresende"))
    return f"{name} {y}" if rng.random() < 0.6 else name


def _until(rng: random.Random, y: int) -> str:
    month = rng.randint(3, 11)
    return rng.choice(
        (
            f"bis {datetime.date(y, month, 1) - datetime.timedelta(days=1):%d.%m.%Y}",
            f"bis Ende {MONTHS[month - 1]} {y}",
            f"bis {QUARTERS[rng.randint(1, 3)]} Quartal {y}",
        )
    )


def _from(rng: random.Random, y: int) -> str:
    day = _a_day(rng, y, 2, 10)
    return rng.choice((f"ab {day:%d.%m.%Y}", f"ab {MONTHS[day.month - 1]} {y}"))


def _year(rng: random.Random, y: int) -> str:
    first = rng.randint(0, 2)
    return rng.choice(
        (
            "ganzjährig",
            "ganzjährig",
            f"ganzjährig (insbes. {QUARTERS[first]} Quartal {y})",
            f"ganzjährig (insbes. {QUARTERS[first]}-{QUARTERS[first + 1]} Quartal {y})",
        )
    )


def _recurring(rng: random.Random, y: int) -> str:
    if rng.random() < 0.2:
        return f"laufend (insbes. {rng.choice(QUARTERS)} Quartal {y})"
    return rng.choice(("laufend", "monatlich", "quartalsweise", "regelmäßig", "fortlaufend"))


def _as_needed(rng: random.Random, y: int) -> str:
    return rng.choice(("nach Bedarf", "bei Bedarf", "anlassbezogen"))


def _unparsed(rng: random.Random, y: int) -> str:
    return rng.choice(
        (
            "nach Abschluss der Sanierung",
            "abhängig von der Förderzusage",
            "voraussichtlich nach der Sommerpause",
        )
    )


# Each form with how often offices write it (for the activities after one of each).
FORMS: dict[schedules.Kind, tuple[Written, float]] = {
    K.DAY: (_day, 12), K.DAYS: (_days, 6), K.RANGE: (_range, 8), K.MONTH: (_month, 15),
    K.MONTHS: (_months, 8), K.QUARTERS: (_quarters, 20), K.HALF: (_half, 4),
    K.WEEKS: (_weeks, 1), K.SEASON: (_season, 3), K.UNTIL: (_until, 3), K.FROM: (_from, 2),
    K.YEAR: (_year, 12), K.RECURRING: (_recurring, 6), K.AS_NEEDED: (_as_needed, 2),
    K.UNPARSED: (_unparsed, 1),
}  # fmt: skip


def _schedule_texts(rng: random.Random, year: int, count: int) -> list[str]:
    """One text of every form, then forms by their weights, in random order."""
    kinds = list(FORMS)
    kinds += rng.choices(kinds, [weight for _, weight in FORMS.values()], k=count - len(kinds))
    rng.shuffle(kinds)
    texts = []
    for kind in kinds:
        text = FORMS[kind][0](rng, year)
        parsed = schedules.parse(text, year=year)
        if parsed.kind != kind:
            raise ValueError(f"Schedule {text!r} reads as {parsed.kind}, not {kind}.")
        schedules.validate_for_plan(parsed, year)
        texts.append(text)
    return texts


# ----------------------------------------------------------------------------- generator


@dataclass
class _Built:
    """A plan's records before they are written."""

    plan: WorkPlan
    tasks: list[RunningTask] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    positions: list[list[int]] = field(default_factory=list)
    notes: list[list[ActivityNote]] = field(default_factory=list)
    changes: list[tuple[int | None, PlanChange]] = field(default_factory=list)


@generator("workplan", requires=("committees",))
def workplan(rng: random.Random, scale: float, ctx: BuildContext) -> None:
    """Plans of every district for the window's years and the next, with their parts."""
    years = range(ctx.start.year, DATA_END.year + 2)
    built: list[_Built] = []
    for obj in ctx.districts:
        positions = [
            p
            for p in ctx.data.get("positions", {}).get(obj.pk)
            or Position.objects.filter(district=obj)
            if p.is_active
        ]
        members: list[User] = ctx.data.get("members", {}).get(obj.pk) or []
        bodies: list[int] = ctx.data["committees"][obj.pk].bodies
        for year in years:
            paper = obj.slug == PAPER_DISTRICT and year == DATA_END.year
            built.append(_plan(rng, obj, year, paper, positions, members, bodies))
    _write(built)
    # auto_now stamped the build's own time; the data's time is when each was written.
    for model in (RunningTask, Activity, ActivityPosition, ActivityNote, PlanChange):
        model.objects.update(updated_at=F("created_at"))


def _write(built: list[_Built]) -> None:
    """Plans, then their parts, each in bulk; then the frozen Gremien tables."""
    WorkPlan.objects.bulk_create([b.plan for b in built], batch_size=500)
    for b in built:
        for task in b.tasks:
            task.plan = b.plan
        for activity in b.activities:
            activity.plan = b.plan
    RunningTask.objects.bulk_create([t for b in built for t in b.tasks], batch_size=1000)
    Activity.objects.bulk_create([a for b in built for a in b.activities], batch_size=1000)
    links, notes, changes = [], [], []
    for b in built:
        for activity, chosen, activity_notes in zip(
            b.activities, b.positions, b.notes, strict=True
        ):
            links += [
                ActivityPosition(
                    district_id=activity.district_id,
                    activity=activity,
                    position_id=pk,
                    created_at=activity.created_at,
                )
                for pk in chosen
            ]
            for note in activity_notes:
                note.activity = activity
            notes += activity_notes
        for index, change in b.changes:
            change.plan = b.plan
            change.activity = None if index is None else b.activities[index]
            changes.append(change)
    ActivityPosition.objects.bulk_create(links, batch_size=2000)
    ActivityNote.objects.bulk_create(notes, batch_size=2000)
    PlanChange.objects.bulk_create(changes, batch_size=1000)
    for b in built:
        _finish(b.plan)


def _weighted(rng: random.Random, weights: Mapping[Any, float]) -> Any:
    return rng.choices(list(weights), list(weights.values()))[0]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _plan(
    rng: random.Random,
    obj: District,
    year: int,
    paper: bool,
    positions: list[Position],
    members: list[User],
    bodies: list[int],
) -> _Built:
    """A plan adopted in February (next year's: a draft) with its tasks and activities."""
    draft = year > DATA_END.year
    written = morning(datetime.date(year - 1, 11, 3))  # drafted in the autumn before
    decision = datetime.date(year, 2, 1) + datetime.timedelta(days=rng.randint(3, 20))
    session = decision + datetime.timedelta(days=rng.randint(14, 24))
    status = WorkPlan.Status.DRAFT if draft else WorkPlan.Status.SUBMITTED
    if year < DATA_END.year:
        status = WorkPlan.Status.PUBLISHED if rng.random() < 0.8 else WorkPlan.Status.SUBMITTED
    texts = plan_defaults(obj, year)
    texts["section_rapporteur"] = rng.choice(SIGNATORY_ROLES)
    texts["activities_intro"] = f"Geplant sind für {year} folgende Aktivitäten:"
    plan = WorkPlan(
        district=obj,
        year=year,
        status=status,
        **texts,
        decision_date=None if draft else decision,
        paper_number="" if draft else f"{rng.randint(100, 1999)}/{'VI' if year < 2022 else 'VII'}",
        bvv_session_date=None if draft else session,
        published_on=session + datetime.timedelta(days=7) if status == "published" else None,
        cover_signatory=_name(rng),
        cover_signatory_role=SIGNATORY_ROLES[1],
        annex_signatory=_name(rng),
        annex_signatory_role=SIGNATORY_ROLES[0],
        editors=", ".join(_name(rng) for _ in range(rng.randint(2, 3))),
        document_date=datetime.date(year, 2, 1),
        phone=f"-{rng.randint(2000, 2999)}",
        version=1 if draft else 3 + (status == "published"),
        created_at=written,
        gremien_frozen_at=None if draft else morning(decision),
    )
    built = _Built(plan)
    count = PAPER_RUNNING_TASKS if paper or obj.slug == BENCH_DISTRICT else rng.randint(
        *RUNNING_TASKS_PER_PLAN
    )  # fmt: skip
    tasks = rng.sample(RUNNING_TASKS + MORE_RUNNING_TASKS, count)
    built.tasks = [
        RunningTask(district=obj, order=order, text=text, created_at=written)
        for order, text in enumerate(tasks, start=1)
    ]
    size = PAPER_ACTIVITIES if paper else ACTIVITIES_PER_PLAN
    titles = rng.sample(TITLES, size) if size <= len(TITLES) else rng.choices(TITLES, k=size)
    head = next((p for p in positions if p.is_head), positions[0])
    for number, (title, text) in enumerate(
        zip(titles, _schedule_texts(rng, year, size), strict=True), start=1
    ):
        activity = Activity(
            district=obj,
            number=number,
            title=title.format(y=year, n=year + 1),
            schedule_text=text,
            body_id=rng.choice(bodies) if bodies and rng.random() < 0.25 else None,
            focus_area=rng.choice(FocusArea.values) if rng.random() < 0.85 else "",
            created_at=written,
            updated_by=rng.choice(members) if members else None,
        )
        activity.apply_schedule(year)
        chosen = rng.sample(positions, min(len(positions), rng.randint(1, 3)))
        if head not in chosen and rng.random() < 0.5:
            chosen[0] = head
        built.activities.append(activity)
        built.positions.append(sorted({p.pk for p in chosen}))
    if draft:
        built.notes = [[] for _ in built.activities]
        return built
    moved = _reschedule(rng, built.activities, year)
    built.notes = [_progress(rng, activity, year, members) for activity in built.activities]
    built.changes = _changes(rng, built, decision, members, moved)
    return built


def _reschedule(
    rng: random.Random, activities: list[Activity], year: int
) -> tuple[int, str] | None:
    """In three plans of five, an activity of one quarter moved to another after the
    decision (so every form of schedule stays in the plan); returns its index and its
    former schedule."""
    candidates = [
        index
        for index, activity in enumerate(activities)
        if activity.schedule_kind == K.QUARTERS and not {"-", "+"} & set(activity.schedule_text)
    ]
    if not candidates or rng.random() >= 0.6:
        return None
    index = rng.choice(candidates)
    activity = activities[index]
    old = activity.schedule_text
    quarter = rng.choice([q for q in QUARTERS if not old.startswith(f"{q} ")])
    activity.schedule_text = f"{quarter} Quartal {year}"
    activity.apply_schedule(year)
    activity.version += 1
    return index, old


def _progress(
    rng: random.Random, activity: Activity, year: int, members: list[User]
) -> list[ActivityNote]:
    """The activity's status as of the data end, and the dated notes that led there."""
    first = max(activity.schedule_start or datetime.date(year, 1, 15), datetime.date(year, 1, 1))
    last = min(activity.schedule_end or datetime.date(year, 12, 15), DATA_END)
    if first > last:
        first = last
    if activity.schedule_end is not None and activity.schedule_end > DATA_END:
        status = _weighted(rng, {S.IN_PROGRESS: 70, S.PLANNED: 20, S.POSTPONED: 10})
    else:
        status = _weighted(
            rng, {S.DONE: 70, S.DROPPED: 8, S.POSTPONED: 8, S.IN_PROGRESS: 8, S.PLANNED: 6}
        )
    activity.status = status
    if status == S.PLANNED:
        return []
    count = {S.IN_PROGRESS: rng.randint(1, 3), S.DONE: rng.randint(1, 4)}.get(
        status, rng.randint(1, 2)
    )
    span = (last - first).days
    days = sorted(first + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count))
    notes = []
    for index, day in enumerate(days):
        final = index == count - 1 and status != S.IN_PROGRESS
        if final:
            text, note_status = rng.choice(NOTES[status]), status
        elif index == 0:
            text, note_status = rng.choice(NOTES["start"]), S.IN_PROGRESS
        else:
            text, note_status = rng.choice(NOTES["middle"]), ""
        notes.append(
            ActivityNote(
                district_id=activity.district_id,
                date=day,
                text=text,
                status=note_status,
                author=rng.choice(members) if members else None,
                created_at=morning(day),
            )
        )
    activity.version = 1 + sum(1 for note in notes if note.status)
    return notes


def _changes(
    rng: random.Random,
    built: _Built,
    decision: datetime.date,
    members: list[User],
    moved: tuple[int, str] | None,
) -> list[tuple[int | None, PlanChange]]:
    """Postponed and dropped activities with their notes as reasons, the moved one, and
    now and then an added and a removed activity."""
    district_id = built.plan.district_id
    changes: list[tuple[int | None, PlanChange]] = []

    def record(index: int | None, kind: str, day: datetime.date, reason: str, **more: Any) -> None:
        label = more.pop("label", None) or str(built.activities[index or 0])
        day = min(max(day, decision + datetime.timedelta(days=1)), DATA_END)
        changes.append(
            (
                index,
                PlanChange(
                    district_id=district_id, activity_label=label[:300], kind=kind, date=day,
                    reason=reason, author=rng.choice(members) if members else None,
                    created_at=morning(day), **more,
                ),
            )
        )  # fmt: skip

    year = built.plan.year
    if moved is not None:
        index, old = moved
        # Worded as services.activity_update records it.
        summary = f"Terminierung: {old} → {built.activities[index].schedule_text}"
        record(
            index, "changed", datetime.date(year, rng.randint(3, 5), rng.randint(1, 28)),
            rng.choice(CHANGE_REASONS), summary=summary,
        )  # fmt: skip
    for index, (activity, notes) in enumerate(zip(built.activities, built.notes, strict=True)):
        if activity.status in (S.POSTPONED, S.DROPPED) and notes:
            record(index, activity.status, notes[-1].date, notes[-1].text)
    if rng.random() < 0.3:
        index = len(built.activities) - 1
        record(index, "added", datetime.date(year, 5, rng.randint(1, 28)), CHANGE_REASONS[0])
    if rng.random() < 0.15:
        label = f"{len(built.activities) + 1}. {rng.choice(TITLES).format(y=year, n=year + 1)}"
        record(
            None, "removed", datetime.date(year, 6, rng.randint(1, 28)),
            rng.choice(CHANGE_REASONS[1:]), label=label,
        )  # fmt: skip
    return changes


def _finish(plan: WorkPlan) -> None:
    """The Gremien table frozen at the decision (seed 002's plan has 32 rows), and the
    plan's own time of its last change (bulk_create stamped the build's)."""
    if plan.gremien_frozen_at is None:
        WorkPlan.objects.filter(pk=plan.pk).update(updated_at=plan.created_at)
        return
    rows = selectors.gremien_rows_live(plan)
    if plan.district.slug == PAPER_DISTRICT and plan.year == DATA_END.year:
        rows = rows[:PAPER_GREMIEN]
        for name in STATEWIDE_BODIES[: PAPER_GREMIEN - len(rows)]:
            rows.append({"body": name, "body_id": None, "positions": "IntB", "level": "state"})
        if len(rows) != PAPER_GREMIEN:
            raise ValueError(f"The paper's plan has {len(rows)} Gremien rows, not 32.")
    last = plan.published_on or plan.bvv_session_date or plan.created_at.date()
    WorkPlan.objects.filter(pk=plan.pk).update(gremien_snapshot=rows, updated_at=morning(last))


# Pages ------------------------------------------------------------------------------------

BENCH_YEAR = DATA_END.year


@cache
def plan_pk(slug: str = BENCH_DISTRICT, year: int = BENCH_YEAR) -> int:
    with scopes_disabled():
        return int(WorkPlan.objects.get(district__slug=slug, year=year).pk)


@cache
def rich_activity() -> tuple[int, int]:
    """(pk, number) of the measured plan's activity with the most notes and changes
    (a change where they tie)."""
    with scopes_disabled():
        activity = (
            Activity.objects.filter(plan_id=plan_pk())
            .annotate(
                notes_n=Count("notes", distinct=True), changes_n=Count("changes", distinct=True)
            )
            .order_by((F("notes_n") + F("changes_n")).desc(), "-changes_n", "number")
            .values_list("pk", "number")
            .first()
        )
    if activity is None:
        raise LookupError("The measured work plan has no activities; is the data built?")
    return int(activity[0]), int(activity[1])


def _text(expression: str) -> str:
    return f"CAST({expression} AS VARCHAR(300))"


def _agg(expression: str) -> str:
    function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    return f"{function}({expression}, ', ')"


def _gremien(field_name: str) -> tuple[str, str]:
    """(FROM item, column) reading one field of the frozen Gremien rows of plan `w`."""
    if connection.vendor == "postgresql":
        return "jsonb_array_elements(w.gremien_snapshot) g(value)", f"g.value->>'{field_name}'"
    return "json_each(w.gremien_snapshot) g", f"json_extract(g.value, '$.{field_name}')"


CODES = f"""(SELECT {_agg("po.code")} FROM workplan_activityposition ap
    JOIN districts_position po ON po.id = ap.position_id WHERE ap.activity_id = a.id)"""
GREMIEN_FROM, GREMIEN_BODY = _gremien("body")
GREMIEN_POSITIONS = _gremien("positions")[1]
PLAN_PART = f"""
    SELECT 'plan' AS part, w.title AS label, w.status AS extra,
           {_text("w.decision_date")} || ' ' || w.paper_number || ' '
               || {_text("w.bvv_session_date")} AS more,
           w.introduction || ' ' || w.running_tasks_intro || ' ' || w.gremien_intro || ' '
               || w.activities_intro AS body
    FROM workplan_workplan w WHERE w.id = %s
    UNION ALL
    SELECT 'task', t.text, '', '', '' FROM workplan_runningtask t WHERE t.plan_id = %s
    UNION ALL
    SELECT 'gremium', {GREMIEN_BODY}, {GREMIEN_POSITIONS}, '', ''
    FROM workplan_workplan w, {GREMIEN_FROM} WHERE w.id = %s
    UNION ALL
    SELECT 'activity', {_text("a.number")} || '. ' || a.title, {CODES},
           a.schedule_text || ' ' || a.schedule_kind, a.status || ' ' || COALESCE(b.name, '')
    FROM workplan_activity a LEFT JOIN committees_body b ON b.id = a.body_id
    WHERE a.plan_id = %s
"""
ROWS_TEMPLATE = (
    "{% for r in rows %}{% ifchanged r.part %}<h2>{{ r.part }}</h2>{% endifchanged %}"
    "<p>{{ r.label }} {{ r.extra }} {{ r.more }}</p>{{ r.body|linebreaks }}{% endfor %}"
)

register_page(
    "workplan.list",
    url_builder=lambda: reverse("workplan:list", kwargs={"district": BENCH_DISTRICT}),
    user_builder=commissioner,
    floor_sql="""
        SELECT w.year, w.status, w.decision_date, w.paper_number, w.bvv_session_date
        FROM workplan_workplan w WHERE w.district_id = %s ORDER BY w.year DESC
    """,
    floor_params=lambda: [district().pk],
    floor_template=(
        "<table>{% for r in rows %}<tr><th><a href='{{ r.year }}/'>{{ r.year }}</a></th>"
        "<td>{{ r.status }}</td><td>{{ r.decision_date|date:'d.m.Y' }} {{ r.paper_number }}"
        "</td><td>{{ r.bvv_session_date|date:'d.m.Y' }}</td></tr>{% endfor %}</table>"
    ),
)

register_page(
    "workplan.detail",
    url_builder=lambda: reverse(
        "workplan:detail", kwargs={"district": BENCH_DISTRICT, "year": BENCH_YEAR}
    ),
    user_builder=commissioner,
    floor_sql=f"""{PLAN_PART}
        UNION ALL
        SELECT 'change', c.activity_label, c.kind, {_text("c.date")} || ' ' || c.summary,
               c.reason
        FROM workplan_planchange c WHERE c.plan_id = %s
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [plan_pk()] * 5,
    floor_template=ROWS_TEMPLATE,
)

register_page(
    "workplan.timeline",
    url_builder=lambda: reverse(
        "workplan:timeline", kwargs={"district": BENCH_DISTRICT, "year": BENCH_YEAR}
    ),
    user_builder=commissioner,
    floor_sql="""
        SELECT a.number, a.title, a.schedule_text, a.schedule_kind, a.schedule_start,
               a.schedule_end, a.focus_start, a.focus_end, a.status
        FROM workplan_activity a WHERE a.plan_id = %s ORDER BY a.number
    """,
    floor_params=lambda: [plan_pk()],
    floor_template=(
        "<table>{% for r in rows %}<tr><td>{{ r.number }}</td><th>{{ r.title }}</th>"
        "<td>{{ r.schedule_text }}</td><td>{{ r.schedule_start|date:'n' }}–"
        "{{ r.schedule_end|date:'n' }} {{ r.focus_start|date:'n' }}–{{ r.focus_end|date:'n' }}"
        "</td><td>{{ r.status }}</td></tr>{% endfor %}</table>"
    ),
)

register_page(
    "workplan.activity",
    url_builder=lambda: reverse(
        "workplan:activity",
        kwargs={"district": BENCH_DISTRICT, "year": BENCH_YEAR, "number": rich_activity()[1]},
    ),
    user_builder=commissioner,
    floor_sql=f"""
        SELECT 'activity' AS part, a.title AS label, a.status AS extra,
               a.schedule_text || ' ' || {_text("a.schedule_start")} || ' '
                   || {_text("a.schedule_end")} AS more,
               COALESCE(b.name, '') || ' ' || a.focus_area AS body
        FROM workplan_activity a LEFT JOIN committees_body b ON b.id = a.body_id
        WHERE a.id = %s
        UNION ALL
        SELECT 'position', po.code, po.title, '', ''
        FROM workplan_activityposition ap JOIN districts_position po ON po.id = ap.position_id
        WHERE ap.activity_id = %s
        UNION ALL
        SELECT 'note', {_text("n.date")}, n.status, COALESCE(u.full_name, ''), n.text
        FROM workplan_activitynote n LEFT JOIN accounts_user u ON u.id = n.author_id
        WHERE n.activity_id = %s
        UNION ALL
        SELECT 'change', {_text("c.date")}, c.kind, c.summary, c.reason
        FROM workplan_planchange c WHERE c.activity_id = %s
    """,  # noqa: S608  fixed fragments only
    floor_params=lambda: [rich_activity()[0]] * 4,
    floor_template=ROWS_TEMPLATE,
)


# The papers, built on request from seed 002's plan; the issue's targets: DOCX under
# 0.5 s, PDF under 2 s (the year-end report's PDF is held to the paper's target).
def _paper_url(paper: str, fmt: str) -> str:
    kwargs = {"district": PAPER_DISTRICT, "year": BENCH_YEAR, "paper": paper, "fmt": fmt}
    return reverse("workplan:document", kwargs=kwargs)


PAPER_SQL = f"""{PLAN_PART}
    UNION ALL
    SELECT 'sections', w.section_subject || w.section_rapporteur || w.section_resolution,
           w.section_forwarding || w.section_reasoning || w.section_legal_basis,
           w.section_budget || w.section_target_groups,
           w.cover_signatory || w.annex_signatory || w.editors || w.phone
    FROM workplan_workplan w WHERE w.id = %s
"""  # noqa: S608  fixed fragments only
REPORT_SQL = f"""{PLAN_PART}
    UNION ALL
    SELECT 'note', {_text("n.date")}, n.status, '', n.text
    FROM workplan_activitynote n JOIN workplan_activity a ON a.id = n.activity_id
    WHERE a.plan_id = %s
    UNION ALL
    SELECT 'change', c.activity_label, c.kind, {_text("c.date")} || ' ' || c.summary, c.reason
    FROM workplan_planchange c WHERE c.plan_id = %s
    UNION ALL
    SELECT 'held', {_text("m.body_id")}, {_text("COUNT(*)")}, '', ''
    FROM committees_meeting m
    WHERE m.district_id = %s AND m.deleted_at IS NULL AND m.status = 'held'
      AND m.start >= %s AND m.start < %s
    GROUP BY m.body_id
"""  # noqa: S608  fixed fragments only


def _report_params() -> list[Any]:
    pk = plan_pk(PAPER_DISTRICT)
    start = datetime.datetime(BENCH_YEAR, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(BENCH_YEAR + 1, 1, 1, tzinfo=datetime.UTC)
    dt = connection.ops.adapt_datetimefield_value
    return [pk] * 6 + [district(PAPER_DISTRICT).pk, dt(start), dt(end)]


def _paper_params() -> list[Any]:
    return [plan_pk(PAPER_DISTRICT)] * 5


def _register_paper(
    paper: str, fmt: str, target_ms: float, sql: str, params: Callable[[], list[Any]]
) -> None:
    register_page(
        f"workplan.{paper}.{fmt}",
        url_builder=lambda: _paper_url(paper, fmt),
        user_builder=lambda: commissioner(PAPER_DISTRICT),
        floor_sql=sql,
        floor_params=params,
        floor_template=ROWS_TEMPLATE,
        target_ms=target_ms,
    )


_register_paper("vorlage", "docx", 500, PAPER_SQL, _paper_params)
_register_paper("vorlage", "pdf", 2000, PAPER_SQL, _paper_params)
_register_paper("bericht", "pdf", 2000, REPORT_SQL, _report_params)
