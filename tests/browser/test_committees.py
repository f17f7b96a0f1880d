"""Gremien in the browser: every staff page of committees (one <h1>, no sideways
scrolling, no axe-core WCAG 2.1 A/AA violation at 375 and 1280 pixels, screenshots of
both) as the commissioner and the assistant, and a body's way from its rhythm to the
minutes of a meeting, by keyboard and mouse."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from teilhabe.accounts.models import User
from teilhabe.committees import services
from teilhabe.committees.models import (
    Attendance,
    Body,
    BodyMember,
    LegislativeTerm,
    Meeting,
    Participation,
)
from teilhabe.committees.tests import factories
from teilhabe.directory.models import Organisation
from teilhabe.districts.models import District

from .conftest import ASSISTANT, COMMISSIONER, DISTRICT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AREA = f"/{DISTRICT}/gremien"
BOARD = "Beirat für Partizipation und Integration"
WORKING_GROUP = "AG Interkulturelle Öffnung der Verwaltung"
SUSPENDED = "Runder Tisch Unterkünfte Hellersdorf"
# Every second Tuesday of the month at 17:30, but not in August (the summer holidays).
BOARD_RULE = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY=2TU"
TERM = "Amtszeit 2026–2031"
ORGANISATION = "Migrationsberatung im Kiez e.V. (Demo)"
NEW_BODY = "Jour fixe Sprach- und Kulturmittlung"
IMPORT_LINES = "Integrationsbeirat\tIntB (L), Int1\nAG Arbeit\tIntB\n"


def aware(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))  # noqa: DTZ001


@dataclass
class Records:
    """Ids of what the pages show."""

    ids: dict[str, int] = field(default_factory=dict)

    def __getattr__(self, name: str) -> int:
        try:
            return self.ids[name]
        except KeyError:
            raise AttributeError(name) from None


# ----------------------------------------------------------------------------- records


def _term(district: District, actor: User) -> LegislativeTerm:
    """The advisory board's current term (the demo may have recorded it already)."""
    found = LegislativeTerm.objects.filter(district=district, name=TERM).first()
    return found or services.term_create(
        district=district,
        actor=actor,
        data={
            "name": TERM,
            "start": datetime.date(2026, 11, 1),
            "end": datetime.date(2031, 10, 31),
            "election_date": datetime.date(2026, 9, 20),
        },
    )


def _bodies(district: District, actor: User, place) -> tuple[Body, Body, Body]:
    board = factories.body(
        district,
        actor=actor,
        name=BOARD,
        short_name="BPI",
        kind=Body.Kind.ADVISORY_BOARD,
        level=Body.Level.DISTRICT,
        is_public=True,
        seats=15,
        description=(
            "Der Beirat berät das Bezirksamt und die Bezirksverordnetenversammlung in "
            "Fragen der Partizipation und Integration. Seine Sitzungen sind öffentlich."
        ),
        rhythm_rule=BOARD_RULE,
        rhythm_start=datetime.date(2026, 1, 1),
        rhythm_text="jeden zweiten Dienstag im Monat, außer in den Sommerferien",
        meeting_time=datetime.time(17, 30),
        meeting_minutes=150,
        default_location=place,
    )
    group = factories.body(
        district,
        actor=actor,
        name=WORKING_GROUP,
        kind=Body.Kind.WORKING_GROUP,
        parent=board,
        rhythm_text="nach Bedarf, etwa vierteljährlich",
    )
    suspended = factories.body(
        district,
        actor=actor,
        name=SUSPENDED,
        kind=Body.Kind.ROUND_TABLE,
        status=Body.Status.SUSPENDED,
        rhythm_text="ausgesetzt seit Mai 2026",
    )
    factories.participate(board, "IntB", "lead")
    factories.participate(board, "Int1", "participant")
    factories.participate(group, "Int1", "lead")
    factories.participate(suspended, "IntB", "participant")
    services.exception_add(
        body=board,
        actor=actor,
        date=datetime.date(2027, 1, 12),
        reason="Neujahrsempfang des Bezirksamts",
    )
    return board, group, suspended


def _members(district: District, actor: User, board: Body, term: LegislativeTerm) -> dict:
    """Seats 1–4 held (seat 3 by a successor), a deputy, an advisory organisation;
    the other seats are vacant."""
    period = {"term": term, "start": term.start, "end": term.end}
    elected = {**period, "appointment": BodyMember.Appointment.ELECTED}
    chair = factories.member(
        board,
        factories.person(
            district,
            "Dr. Leyla Sadeghi",
            affiliation="Iranische Gemeinde Marzahn",
            email="l.sadeghi@example.org",
            phone="030 555 2101",
        ),
        seat=1,
        role=BodyMember.Role.CHAIR,
        **elected,
    )
    vice = factories.member(
        board,
        factories.person(district, "Mehmet Karaca", affiliation="Elternverein Hellersdorf"),
        seat=2,
        role=BodyMember.Role.VICE_CHAIR,
        **elected,
    )
    leaving = factories.member(
        board, factories.person(district, "Olena Kowalska"), seat=3, **elected
    )
    factories.member(
        board, factories.person(district, "Jonas Berger", consent=False), seat=4, **elected
    )
    factories.member(
        board,
        factories.person(district, "Aylin Yıldız", affiliation="Frauenverein Marzahn-Nord"),
        seat=1,
        role=BodyMember.Role.DEPUTY_MEMBER,
        deputy_of=chair,
        **elected,
    )
    organisation = Organisation.objects.get(district=district, name=ORGANISATION)
    services.member_create(
        body=board,
        actor=actor,
        data={
            "organisation": organisation,
            "role": BodyMember.Role.ADVISORY_MEMBER,
            "voting_right": False,
            "appointment": BodyMember.Appointment.DELEGATED,
            **period,
        },
    )
    successor = services.member_succeed(
        member=leaving,
        actor=actor,
        successor=None,
        start=datetime.date(2026, 11, 16),
        reason="Umzug nach Brandenburg",
        expected_version=leaving.version,
        new_person={"name": "Thu Phạm", "public_consent_on": datetime.date(2026, 11, 16)},
    )
    return {"chair": chair, "vice": vice, "successor": successor}


def _held_meeting(actor: User, board: Body, place) -> Meeting:
    """The board's last meeting: agenda (one item internal), minutes, attendance, tasks,
    documents."""
    meeting = factories.meeting(
        board,
        actor=actor,
        start=aware(2026, 11, 10, 17, 30),
        end=aware(2026, 11, 10, 20, 0),
        location=place,
        online_url="https://meet.berlin.de/beirat-partizipation",
        status=Meeting.Status.INVITED,
        invitation=(
            "Sehr geehrte Mitglieder des Beirats,\n\nhiermit lade ich Sie herzlich zur "
            "Sitzung am 10. November ein. Die Tagesordnung liegt bei."
        ),
        invited_on=datetime.date(2026, 10, 27),
    )
    welcome = factories.agenda_item(meeting, "Begrüßung und Feststellung der Beschlussfähigkeit")
    report = factories.agenda_item(
        meeting,
        "Bericht des Integrationsbüros",
        actor=actor,
        description="Lage in den Unterkünften, Stand der Projekte im Integrationsfonds.",
        decision="Der Beirat nimmt den Bericht zur Kenntnis.",
    )
    fund = factories.agenda_item(
        meeting,
        "Stellungnahme zum Integrationsfonds 2027",
        actor=actor,
        decision="Der Beirat beschließt, bis zur Dezembersitzung eine Stellungnahme zu erarbeiten.",
    )
    internal = factories.agenda_item(
        meeting, "Personalangelegenheiten der Geschäftsstelle", actor=actor, is_public=False
    )
    factories.agenda_item(meeting, "Verschiedenes", actor=actor)
    meeting.refresh_from_db()
    minutes = (
        "# Protokoll: Beirat für Partizipation und Integration\n\n"
        "10.11.2026, 17:30 Uhr, Stadtteilzentrum Hellersdorf-Süd\n\n"
        f"## TOP 1: {welcome.title}\n\nDie Vorsitzende begrüßt die Anwesenden; "
        "der Beirat ist beschlussfähig.\n\n"
        f"## TOP 2: {report.title}\n\n- Unterkünfte: 4 Standorte, 1.180 Plätze\n"
        "- Integrationsfonds: 12 Projekte bewilligt\n\n**Beschluss:** Kenntnisnahme.\n\n"
        f"## TOP 3: {fund.title}\n\n**Beschluss:** Stellungnahme bis Dezember.\n\n"
        f"## TOP 4: {internal.title}\n\nNicht öffentlicher Teil; gesondertes Protokoll.\n\n"
        "## TOP 5: Verschiedenes\n\nKeine Wortmeldungen.\n"
    )
    meeting = services.meeting_update(
        meeting=meeting,
        actor=actor,
        data={"status": Meeting.Status.HELD, "minutes": minutes, "minutes_public": True},
        expected_version=meeting.version,
    )
    members, participations = services.expected_attendees(meeting)
    states = ["present", "present", "excused", "present", "absent", "present"]
    services.attendance_save(
        meeting=meeting,
        actor=actor,
        members={m.pk: states[i % len(states)] for i, m in enumerate(members)},
        positions={p.position_id: "present" for p in participations},
    )
    lead = next(p.position for p in participations if p.role == Participation.Role.LEAD)
    services.task_create(
        meeting=meeting,
        actor=actor,
        data={
            "title": "Entwurf der Stellungnahme zum Integrationsfonds an die Mitglieder senden",
            "responsible": lead,
            "due": datetime.date(2026, 12, 1),
            "agenda_item": fund,
        },
    )
    services.task_create(
        meeting=meeting,
        actor=actor,
        data={
            "title": "Protokoll versenden",
            "responsible": lead,
            "due": datetime.date(2026, 11, 17),
            "done_on": datetime.date(2026, 11, 16),
        },
    )
    for name, role, public in (
        ("Einladung zur Sitzung am 10.11.2026.pdf", "invitation", True),
        ("Präsentation Integrationsfonds 2027 – Stand der Projekte.pdf", "attachment", False),
    ):
        services.file_add(
            meeting=meeting,
            actor=actor,
            upload=SimpleUploadedFile(name, b"%PDF-1.4 Beirat", "application/pdf"),
            role=role,
            is_public=public,
        )
    return meeting


def _moved_meeting(actor: User, board: Body) -> tuple[Meeting, Meeting]:
    """The December meeting the rhythm planned, given an agenda and moved a week later."""
    december = Meeting.objects.get(body=board, occurrence=datetime.date(2026, 12, 8))
    for title in ("Begrüßung", "Planung der Interkulturellen Tage 2027", "Verschiedenes"):
        factories.agenda_item(december, title, actor=actor)
    december.refresh_from_db()
    new = services.meeting_move(
        meeting=december,
        actor=actor,
        start=aware(2026, 12, 15, 17, 30),
        end=aware(2026, 12, 15, 20, 0),
        note="Der Saal ist am 8. Dezember belegt.",
        expected_version=december.version,
    )
    return december, new


@pytest.fixture
def records(demo) -> Records:
    """A public advisory board with its rhythm, a working group and a suspended body in
    Marzahn-Hellersdorf, with participations, seats, a held and a moved meeting."""
    with scopes_disabled():
        district = District.objects.get(slug=DISTRICT)
        actor = User.objects.get(email=COMMISSIONER)
        place = services.location_create(
            district=district,
            actor=actor,
            data={
                "name": "Stadtteilzentrum Hellersdorf-Süd",
                "room": "Großer Saal im Erdgeschoss",
                "street": "Albert-Kuntz-Straße 58",
                "postal_code": "12627",
                "accessibility": "Stufenlos über die Rampe am Seiteneingang, barrierefreies WC.",
            },
        )
        term = _term(district, actor)
        board, group, suspended = _bodies(district, actor, place)
        people = _members(district, actor, board, term)
        held = _held_meeting(actor, board, place)
        moved, replacement = _moved_meeting(actor, board)
        upcoming = Meeting.objects.get(body=board, occurrence=datetime.date(2027, 2, 9))
        internal = held.agenda_items.get(is_public=False)
        task = held.tasks.get(done_on__isnull=True)
        intb = Participation.objects.get(body=board, position__code="IntB")
    return Records(
        {
            "board": board.pk,
            "group": group.pk,
            "suspended": suspended.pk,
            "place": place.pk,
            "term": term.pk,
            "held": held.pk,
            "moved": moved.pk,
            "replacement": replacement.pk,
            "upcoming": upcoming.pk,
            "internal_item": internal.pk,
            "task": task.pk,
            "participation": intb.pk,
            "position": intb.position_id,
            "chair": people["chair"].pk,
            "chair_person": people["chair"].person_id,
            "vice": people["vice"].pk,
        }
    )


# ----------------------------------------------------------------------------- the review


class Review:
    """Opens pages and checks each one; the problems of all pages are reported together,
    so that one run shows everything to fix."""

    def __init__(self, page: Page, check_page: Callable[[Page, str], None]) -> None:
        self.page = page
        self.check_page = check_page
        self.problems: list[str] = []

    def open(self, name: str, path: str, status: int = 200) -> None:
        response = self.page.goto(path)
        assert response is not None
        if response.status != status:
            self.problems.append(f"{name}: {path} answered {response.status}, not {status}")
        self.check(name)

    def check(self, name: str) -> None:
        try:
            self.check_page(self.page, f"committees-{name}")
        except AssertionError as problem:
            self.problems.append(str(problem))

    def submit(self, form: str = "main form.form") -> None:
        self.page.locator(f"{form} button[type=submit].primary").first.click()
        self.page.wait_for_load_state("load")

    def done(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


# The commissioner's review is split in three, so that both test workers share it.


def test_committee_body_pages_as_commissioner(sign_in, check_page, records):
    page = sign_in(COMMISSIONER)
    review = Review(page, check_page)
    r = records

    # Bodies: the list, filtered, the forms.
    review.open("list", f"{AREA}/")
    review.open("list-filtered", f"{AREA}/?q=beirat&kind=advisory_board&position={r.position}")
    review.open("body-create", f"{AREA}/neu/")
    page.locator("input[name=name]").fill("Jour fixe Sprachmittlung")
    page.locator("select[name=kind]").select_option("jour_fixe")
    page.locator("select[name=level]").select_option("district")
    page.locator("select[name=pattern]").select_option("custom")
    page.locator("input[name=rhythm_rule]").fill("FREQ=HOURLY")
    page.locator("input[name=rhythm_start]").fill("2026-12-01")
    review.submit()
    expect(page.locator("#rhythm .errorlist")).to_be_visible()
    # The error is far down the long form: a summary at its top links to the field.
    expect(page.locator(".error-summary a[href='#id_rhythm_rule']")).to_be_visible()
    review.check("body-create-errors")
    review.open("body-detail", f"{AREA}/{r.board}/")
    review.open("body-detail-working-group", f"{AREA}/{r.group}/")
    review.open("body-detail-suspended", f"{AREA}/{r.suspended}/")
    review.open("body-edit", f"{AREA}/{r.board}/bearbeiten/")
    review.open("body-delete", f"{AREA}/{r.suspended}/loeschen/")
    # The board still has a working group: deleting it is refused with a reason.
    page.goto(f"{AREA}/{r.board}/loeschen/")
    page.locator("main form button.danger").click()
    expect(page.locator(".errorlist.nonfield")).to_be_visible()
    review.check("body-delete-refused")
    review.open("participation-create", f"{AREA}/{r.board}/beteiligung/")
    review.open("participation-edit", f"{AREA}/beteiligung/{r.participation}/")

    # Across the bodies: workload, calendars, terms, places.
    review.open("workload", f"{AREA}/auslastung/")
    page.goto(f"{AREA}/kalender/")
    page.locator(f"main form:has(input[name=position][value='{r.position}']) button").click()
    expect(page.locator("main code.secret").first).to_be_visible()
    review.check("calendars")
    review.open("terms", f"{AREA}/amtszeiten/")
    review.open("term-edit", f"{AREA}/amtszeiten/{r.term}/")
    review.open("locations", f"{AREA}/orte/")
    review.open("location-edit", f"{AREA}/orte/{r.place}/")
    review.done()


def test_committee_meeting_pages_as_commissioner(sign_in, check_page, records):
    page = sign_in(COMMISSIONER)
    review = Review(page, check_page)
    r = records

    # Meetings.
    review.open("meeting-create", f"{AREA}/{r.board}/sitzungen/neu/")
    review.open("meeting-detail", f"{AREA}/sitzungen/{r.held}/")
    for summary in page.locator("main details > summary").all():
        summary.click()
    review.check("meeting-detail-forms-open")
    review.open("meeting-edit", f"{AREA}/sitzungen/{r.held}/bearbeiten/")
    review.open("meeting-move", f"{AREA}/sitzungen/{r.upcoming}/verschieben/")
    review.open("meeting-cancel", f"{AREA}/sitzungen/{r.upcoming}/absagen/")
    review.open("meeting-moved", f"{AREA}/sitzungen/{r.moved}/")
    review.open("meeting-moved-here", f"{AREA}/sitzungen/{r.replacement}/")
    review.open("meeting-delete", f"{AREA}/sitzungen/{r.upcoming}/loeschen/")
    review.open("minutes-template", f"{AREA}/sitzungen/{r.replacement}/protokoll/")
    expect(page.locator("textarea[name=minutes]")).to_have_value(
        re.compile(r"## TOP 2: Planung der Interkulturellen Tage 2027")
    )
    review.open("minutes-edit", f"{AREA}/sitzungen/{r.held}/protokoll/")
    review.open("item-edit", f"{AREA}/top/{r.internal_item}/")
    review.open("attendance", f"{AREA}/sitzungen/{r.held}/anwesenheit/")
    review.open("task-edit", f"{AREA}/aufgaben/{r.task}/")
    review.done()


def test_committee_member_pages_as_commissioner(sign_in, check_page, records):
    page = sign_in(COMMISSIONER)
    review = Review(page, check_page)
    r = records

    # Members and seats of the advisory board.
    review.open("members", f"{AREA}/{r.board}/mitglieder/")
    expect(page.locator("main table tbody tr")).to_have_count(15)
    review.open("members-term", f"{AREA}/{r.board}/mitglieder/?amtszeit={r.term}")
    review.open("member-create", f"{AREA}/{r.board}/mitglieder/neu/?sitz=5")
    page.goto(f"{AREA}/{r.board}/mitglieder/neu/")
    page.locator("input[name=new_person]").fill("Fatma Engel")
    page.locator("input[name=seat]").fill("1")
    page.locator("select[name=term]").select_option(str(r.term))
    page.locator("input[name=start]").fill("2026-11-20")
    review.submit()
    expect(page.locator(".error-summary")).to_contain_text("Sitz 1")
    expect(page.locator("main form .errorlist")).to_contain_text("Dr. Leyla Sadeghi")
    review.check("member-create-seat-taken")
    review.open("member-edit", f"{AREA}/mitglieder/{r.chair}/")
    review.open("member-successor", f"{AREA}/mitglieder/{r.vice}/nachfolge/")
    review.open(
        "person-edit", f"{AREA}/personen/{r.chair_person}/?zurueck={AREA}/{r.board}/mitglieder/"
    )

    # The import of a work plan's table.
    review.open("import", f"{AREA}/import/")
    page.locator("textarea[name=text]").fill(IMPORT_LINES)
    page.locator("main form button[name=action][value=preview]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main table tbody tr")).to_have_count(2)
    review.check("import-preview")

    review.done()


def test_committee_pages_as_assistant(sign_in, check_page, records):
    """The assistant organises meetings but does not change bodies."""
    page = sign_in(ASSISTANT)
    review = Review(page, check_page)
    review.open("list-assistant", f"{AREA}/")
    expect(page.locator("main").get_by_role("link", name="Gremium anlegen")).to_have_count(0)
    review.open("body-detail-assistant", f"{AREA}/{records.board}/")
    expect(page.locator(f"main a[href$='/{records.board}/bearbeiten/']")).to_have_count(0)
    expect(page.locator("main a[href*='/beteiligung/']")).to_have_count(0)
    review.open("meeting-detail-assistant", f"{AREA}/sitzungen/{records.held}/")
    expect(page.locator(f"main a[href$='/sitzungen/{records.held}/protokoll/']")).to_be_visible()
    review.open("403-body-create", f"{AREA}/neu/", status=403)
    review.done()


def test_change_logs_after_a_meeting_was_moved(sign_in, records):
    """The dashboard lists the commissioner's recent changes, the moved meeting among them;
    the new meeting's change history shows where it came from."""
    page = sign_in(COMMISSIONER)
    history = f"/{DISTRICT}/protokoll/committees.meeting/{records.replacement}/"
    statuses = {path: page.goto(path).status for path in (f"/{DISTRICT}/", history)}
    assert statuses == {f"/{DISTRICT}/": 200, history: 200}


# ----------------------------------------------------------------------------- a user's way


def test_a_new_body_from_its_rhythm_to_the_minutes(sign_in, records):
    """Record a jour fixe meeting every first Wednesday, find its next meeting, set the
    agenda, write the minutes from it and record who came."""
    page = sign_in(COMMISSIONER)
    page.goto(f"{AREA}/")
    page.locator("main").get_by_role("link", name="Gremium anlegen").click()
    expect(page.locator("h1")).to_have_text("Gremium anlegen")

    page.get_by_label("Name:", exact=True).click()
    page.keyboard.type(NEW_BODY)
    page.get_by_label("Art:", exact=True).select_option(label="Jour fixe")
    page.get_by_label("Ebene:", exact=True).select_option(label="Bezirk")
    rhythm = page.locator("#rhythm")
    # Only the fields of the chosen kind of rhythm are shown.
    expect(rhythm.get_by_label("Wochentag:", exact=True)).to_be_hidden()
    rhythm.get_by_label("Tagt:").select_option(
        label="an einem Wochentag im Monat (z. B. jeden ersten Mittwoch)"
    )
    expect(rhythm.get_by_label("Tag im Monat:", exact=True)).to_be_hidden()
    rhythm.get_by_label("Welcher Wochentag im Monat:").select_option(label="ersten")
    rhythm.get_by_label("Wochentag:", exact=True).select_option(label="Mittwoch")
    rhythm.locator("input[name=rhythm_start]").fill("2026-12-01")
    rhythm.locator("input[name=meeting_time]").fill("10:00")
    rhythm.locator("input[name=meeting_minutes]").fill("90")
    rhythm.locator("input[name=rhythm_text]").click()
    page.keyboard.type("an jedem ersten Mittwoch im Monat")
    page.get_by_role("button", name="Speichern").click()

    expect(page.locator(".messages")).to_contain_text("Das Gremium wurde angelegt.")
    expect(page.locator("h1")).to_have_text(NEW_BODY)
    expect(page.locator("#rhythm")).to_contain_text("jeden ersten Mittwoch im Monat")
    expect(page.locator("#rhythm code")).to_have_text("FREQ=MONTHLY;BYDAY=1WE")
    upcoming = page.locator("section[aria-labelledby=upcoming-heading] tbody tr")
    expect(upcoming.first).to_contain_text("02.12.2026, 10:00")
    expect(upcoming.nth(1)).to_contain_text("06.01.2027, 10:00")

    # The office takes part: the commissioner leads.
    page.locator("section[aria-labelledby=participation-heading] a.button").click()
    position = page.get_by_label("Stelle:", exact=True)
    position.select_option(position.locator("option", has_text=re.compile(r"^IntB ")).inner_text())
    page.get_by_label("Rolle:", exact=True).select_option(label="Leitung")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".messages")).to_contain_text("Die Teilnahme wurde eingetragen.")

    upcoming.first.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("Mittwoch, 02.12.2026")
    expect(page.locator("#agenda")).to_contain_text("Noch keine Tagesordnung")

    for title in ("Begrüßung und Berichte aus den Unterkünften", "Fortbildungsplan 2027"):
        page.locator("#agenda summary").click()
        page.locator("#agenda input[name=title]").click()
        page.keyboard.type(title)
        page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_contain_text(
            "Der Tagesordnungspunkt wurde hinzugefügt."
        )
    items = page.locator("#agenda ol.agenda > li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("TOP 1 Begrüßung und Berichte aus den Unterkünften")
    expect(items.nth(1)).to_contain_text("TOP 2 Fortbildungsplan 2027")

    page.get_by_role("link", name="Protokoll schreiben").click()
    minutes = page.locator("textarea[name=minutes]")
    expect(minutes).to_have_value(re.compile(r"## TOP 1: Begrüßung und Berichte"))
    expect(minutes).to_have_value(re.compile(r"## TOP 2: Fortbildungsplan 2027"))
    minutes.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("Der Fortbildungsplan wird in der Januarsitzung beschlossen.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".messages")).to_contain_text("Das Protokoll wurde gespeichert.")
    expect(page.locator("#minutes .minutes h2")).to_have_text(
        [
            "Protokoll: Jour fixe Sprach- und Kulturmittlung",
            "TOP 1: Begrüßung und Berichte aus den Unterkünften",
            "TOP 2: Fortbildungsplan 2027",
        ]
    )
    expect(page.locator("#minutes")).to_contain_text("in der Januarsitzung beschlossen")

    page.get_by_role("link", name="Anwesenheit erfassen").click()
    page.get_by_label(re.compile(r"^IntB")).select_option(label="Anwesend")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".messages")).to_contain_text("Die Anwesenheit wurde gespeichert.")
    expect(page.locator("#attendance")).to_contain_text("IntB: Anwesend")

    with scopes_disabled():
        body = Body.objects.get(district__slug=DISTRICT, name=NEW_BODY)
        assert body.rhythm_rule == "FREQ=MONTHLY;BYDAY=1WE"
        meeting = Meeting.objects.get(body=body, occurrence=datetime.date(2026, 12, 2))
        assert [i.title for i in meeting.agenda_items.order_by("order")] == [
            "Begrüßung und Berichte aus den Unterkünften",
            "Fortbildungsplan 2027",
        ]
        assert "in der Januarsitzung beschlossen" in meeting.minutes
        attendance = Attendance.objects.get(meeting=meeting)
        assert (attendance.position.code, attendance.status) == ("IntB", "present")
