"""The committees' demo data: seed 002's table, seed 003's bodies, a board everywhere."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.committees import demo, services
from teilhabe.committees.models import (
    Body,
    BodyMember,
    LegislativeTerm,
    Meeting,
    MeetingTask,
    Participation,
    Person,
)
from teilhabe.districts import demo as districts_demo
from teilhabe.districts.models import District, Position

pytestmark = pytest.mark.django_db


def load(slug: str) -> tuple[District, int]:
    district = District.objects.get(slug=slug)
    with scopes_disabled():
        for code, title, is_head in districts_demo.positions_for(slug):
            Position.objects.get_or_create(
                district=district, code=code, defaults={"title": title, "is_head": is_head}
            )
        return district, demo.load(district)


def counts(district: District) -> tuple[int, ...]:
    models = (Body, Participation, LegislativeTerm, Person, BodyMember, Meeting, MeetingTask)
    with scopes_disabled():
        return tuple(model.objects.filter(district=district).count() for model in models)


def test_marzahn_hellersdorf_gets_the_work_plan_table_rhythms_and_a_board():
    district, created = load("marzahn-hellersdorf")

    assert created > 0
    with scopes_disabled():
        bodies = {b.name: b for b in Body.objects.filter(district=district)}
        assert len(bodies) == 32
        board = bodies["Integrationsbeirat"]
        assert (board.kind, board.is_public, board.seats) == ("advisory_board", True, 15)
        assert board.rhythm_rule == "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY=2TU"
        assert board.meeting_time == datetime.time(17, 30)
        assert board.default_location.name == "Rathaus Hellersdorf (Demo)"
        assert bodies["Vernetzungsrunde Integrationspolitik"].rhythm_rule == (
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH"
        )
        assert bodies["Jour fixe der Unterkünfte"].rhythm_rule == "FREQ=MONTHLY;BYDAY=1WE"
        assert bodies["Bezirklicher Koordinierungsstab Flüchtlinge"].status == "suspended"
        assert bodies["AG Mehrsprachigkeit"].parent == board
        statuses = set(board.meetings.values_list("status", flat=True))
        assert {"held", "cancelled", "moved", "planned"} <= statuses
        assert board.meetings.filter(start__gt=timezone.now(), occurrence__isnull=False).exists()
        held = board.meetings.filter(status="held")
        assert all(m.agenda_items.filter(is_public=True).exists() for m in held)
        assert held.filter(minutes_public=True).exists()
        assert held.filter(minutes_public=False).exists()
        assert all(m.attendances.exists() and m.tasks.exists() for m in held)
        current = LegislativeTerm.objects.get(district=district, name="Amtszeit 2026–2031")
        assert current.start == datetime.date(2026, 11, 1)
        seats = set(board.members.filter(term=current).values_list("seat", flat=True))
        assert seats == set(range(1, 15))  # seat 15 is vacant
        assert board.members.filter(appointment="succeeded").count() == 1
        persons = Person.objects.filter(district=district)
        assert all(name.endswith("(Demo)") for name in persons.values_list("name", flat=True))
        assert 0 < persons.filter(public_consent_on__isnull=True).count() <= 3


def test_steglitz_zehlendorf_gets_the_bodies_of_its_page():
    district, _ = load("steglitz-zehlendorf")

    with scopes_disabled():
        bodies = {b.name: b for b in Body.objects.filter(district=district)}
        table = bodies["Runder Tisch des Willkommensbündnis Steglitz-Zehlendorf"]
        assert (table.kind, table.rhythm_rule, table.is_public) == (
            "round_table",
            "FREQ=MONTHLY;BYDAY=1WE",
            True,
        )
        assert table.host_organisation is None  # the directory demo has no such entry
        assert table.default_location.name == "Hellenische Gemeinde"
        assert bodies["Koordinierungsrunde Hilfen für Geflüchtete"].status == "suspended"
        lodging = bodies["Austauschrunde der Unterkunftsleiter*innen und Austausch mit dem LAF"]
        assert lodging.rhythm_text == "ca. alle 2 Monate"
        board = bodies[demo.SZ_BOARD]
        assert (board.kind, board.seats, board.rhythm_text) == (
            "advisory_board",
            15,
            "ca. alle zwei Monate",
        )
        assert list(board.participations.values_list("role", flat=True)) == ["guest"]
        assert bodies["BVV-Ausschuss für Partizipation und Integration"].kind == "committee"
        assert "Integrationsbeirat" not in bodies
        assert board.members.exists()


def test_loading_twice_creates_nothing_and_keeps_edits():
    district, _ = load("spandau")
    before = counts(district)
    with scopes_disabled():
        board = Body.objects.get(district=district, name="Integrationsbeirat")
        assert board.is_public
        services.body_update(
            body=board,
            actor=None,  # type: ignore[arg-type]
            data={"rhythm_text": "von Hand geändert"},
            expected_version=board.version,
        )

    _, created = load("spandau")

    assert created == 0
    assert counts(district) == before
    with scopes_disabled():
        board.refresh_from_db()
    assert board.rhythm_text == "von Hand geändert"
