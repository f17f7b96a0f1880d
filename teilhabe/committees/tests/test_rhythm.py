"""Rhythms: RFC 5545 rules, their German wording, and the meetings generated from them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from teilhabe.committees import rhythm, services
from teilhabe.committees.models import Body, Meeting
from teilhabe.core.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db

FIRST_WEDNESDAY = "FREQ=MONTHLY;BYDAY=1WE"
ELEVEN_A_YEAR = "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,7,9,10,11,12;BYDAY=2TU"


@pytest.mark.parametrize(
    ("rule", "german"),
    [
        (FIRST_WEDNESDAY, "jeden ersten Mittwoch im Monat"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", "alle 2 Monate am zweiten Donnerstag"),
        ("FREQ=MONTHLY", "monatlich"),
        (ELEVEN_A_YEAR, "jeden zweiten Dienstag im Monat, außer im August"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "jeden Montag und Donnerstag"),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=5", "jeden letzten Freitag im Monat, 5-mal"),
        ("FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20271231", "monatlich am 15., bis 31. Dezember 2027"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "alle 2 Wochen am Dienstag"),
        ("FREQ=YEARLY;BYMONTH=9;BYDAY=3SA", "jährlich am dritten Samstag im September"),
    ],
)
def test_rules_are_worded_in_german(rule, german):
    with translation.override("de"):
        assert rhythm.describe(rule) == german


def test_rules_are_worded_in_english_for_the_portal():
    with translation.override("en"):
        assert rhythm.describe(FIRST_WEDNESDAY) == "every first Wednesday of the month"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY", "FREQ=WEEKLY, FREQ=MONTHLY oder FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=9XX", "kann nicht gelesen werden"),
        ("MONATLICH", "NAME=WERT"),
        ("FREQ=WEEKLY;BYHOUR=18", "BYHOUR"),
        ("FREQ=MONTHLY;COUNT=3;UNTIL=20270101", "COUNT oder UNTIL"),
        ("FREQ=MONTHLY;UNTIL=20200101", "keine Termine"),
    ],
)
def test_invalid_rules_get_a_german_message(rule, message):
    with translation.override("de"), pytest.raises(ValidationError) as raised:
        rhythm.validate_rule(rule, datetime.date(2026, 11, 1))
    assert message in " ".join(raised.value.messages)


def test_rules_are_stored_normalised():
    assert rhythm.validate_rule(" rrule:freq=monthly; byday=1we ") == FIRST_WEDNESDAY


def test_berlin_holidays_include_womens_day_and_skip_meetings():
    dates = rhythm.rule_dates(
        "FREQ=MONTHLY;BYMONTHDAY=8",
        datetime.date(2027, 1, 8),
        datetime.date(2027, 1, 1),
        datetime.date(2027, 6, 30),
    )
    skipped = {d.date: d.skipped_because for d in dates if d.skipped_because}
    assert list(skipped) == [datetime.date(2027, 3, 8)]
    assert "Frauentag" in skipped[datetime.date(2027, 3, 8)]


def test_simple_fields_round_trip_to_rules():
    for rule in (FIRST_WEDNESDAY, "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", "FREQ=WEEKLY;BYDAY=MO"):
        assert rhythm.compose(**rhythm.decompose(rule)) == rule  # type: ignore[arg-type]
    assert rhythm.decompose("FREQ=YEARLY;BYMONTH=9") == {"pattern": "custom"}
    composed = rhythm.compose(**rhythm.decompose(ELEVEN_A_YEAR))  # type: ignore[arg-type]
    assert rhythm.parts(composed) == rhythm.parts(ELEVEN_A_YEAR)


def _board(district, **data):
    data.setdefault("rhythm_rule", ELEVEN_A_YEAR)
    data.setdefault("rhythm_start", datetime.date(2026, 1, 1))
    data.setdefault("meeting_time", datetime.time(17, 30))
    return factories.body(
        district, name="Integrationsbeirat", kind=Body.Kind.ADVISORY_BOARD, **data
    )


def _dates(body):
    with scope(district=body.district):
        return [
            timezone.localtime(m.start).date()
            for m in Meeting.objects.alive().filter(body=body).order_by("start")
        ]


def test_generation_fills_the_year_ahead_and_is_idempotent(district_a):
    today = timezone.localdate()
    board = _board(district_a)
    dates = _dates(board)
    # Second Tuesday of each month except August, a year ahead, never on a holiday.
    assert 10 <= len(dates) <= 12
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 and d.month != 8 for d in dates)
    assert all(d >= today and rhythm.holiday_name(d) is None for d in dates)
    with scope(district=district_a):
        first = Meeting.objects.filter(body=board).order_by("start").first()
        assert timezone.localtime(first.start).time() == datetime.time(17, 30)
        assert services.generate_meetings(body=board) == 0
        with scopes_disabled():
            assert services.generate_meetings_everywhere() == 0
    assert _dates(board) == dates


def test_generation_skips_the_holiday(district_a):
    # 8 March 2027 is a Monday: a weekly Monday rhythm must leave it out.
    body = factories.body(
        district_a, rhythm_rule="FREQ=WEEKLY;BYDAY=MO", rhythm_start=datetime.date(2027, 3, 1)
    )
    with scope(district=district_a):
        services.generate_meetings(body=body, today=datetime.date(2027, 2, 20))
    dates = _dates(body)
    assert datetime.date(2027, 3, 1) in dates and datetime.date(2027, 3, 15) in dates
    assert datetime.date(2027, 3, 8) not in dates
    assert datetime.date(2027, 3, 29) not in dates  # Easter Monday


def test_a_suspended_body_generates_nothing(district_a):
    body = _board(district_a, status=Body.Status.SUSPENDED)
    assert _dates(body) == []
    with scope(district=district_a):
        assert services.generate_meetings(body=body) == 0


def test_an_exception_withdraws_the_untouched_meeting_and_is_not_regenerated(district_a, staff_a):
    board = _board(district_a)
    first = _dates(board)[0]
    with scope(district=district_a):
        services.exception_add(body=board, actor=staff_a, date=first, reason="Klausurtagung")
        assert services.generate_meetings(body=board) == 0
    assert first not in _dates(board)
    with scope(district=district_a):
        exception = board.exceptions.get()
        services.exception_remove(exception=exception, actor=staff_a)
    assert first in _dates(board)


def test_a_changed_rule_moves_untouched_meetings_and_keeps_edited_ones(district_a, staff_a):
    board = _board(district_a)
    with scope(district=district_a):
        meetings = list(Meeting.objects.filter(body=board).order_by("start"))
        edited = meetings[1]
        services.agenda_item_add(meeting=edited, actor=staff_a, data={"title": "Haushalt"})
        board.refresh_from_db()
        services.body_update(
            body=board,
            actor=staff_a,
            data={"rhythm_rule": FIRST_WEDNESDAY, "meeting_time": datetime.time(18, 0)},
            expected_version=board.version,
        )
        alive = list(Meeting.objects.alive().filter(body=board).order_by("start"))
    assert edited.pk in {m.pk for m in alive}  # it has an agenda: the office decides
    others = [m for m in alive if m.pk != edited.pk]
    assert others and all(
        timezone.localtime(m.start).weekday() == 2 and timezone.localtime(m.start).day <= 7
        for m in others
    )
    assert all(timezone.localtime(m.start).time() == datetime.time(18, 0) for m in others)


def test_a_changed_time_keeps_the_meetings_identity(district_a, staff_a):
    board = _board(district_a)
    with scope(district=district_a):
        before = {m.pk for m in Meeting.objects.filter(body=board)}
        board.refresh_from_db()
        services.body_update(
            body=board,
            actor=staff_a,
            data={"meeting_time": datetime.time(16, 0)},
            expected_version=board.version,
        )
        after = Meeting.objects.alive().filter(body=board)
        assert {m.pk for m in after} == before  # calendar clients update, not duplicate
        assert {timezone.localtime(m.start).time() for m in after} == {datetime.time(16, 0)}
        # A new version raises the iCalendar SEQUENCE, so clients take the new time.
        assert {m.version for m in after} == {2}


def test_generation_is_audited_once_per_run(district_a):
    board = _board(district_a)
    with scope(district=district_a):
        entries = AuditEntry.objects.filter(action="committees.body.generated", object_id=board.pk)
        assert entries.count() == 1
        assert entries.get().changes["meetings"][1] == len(_dates(board))
