"""Staff pages of committees: bodies, meetings, minutes, attendance, members, workload."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from teilhabe.committees import services
from teilhabe.committees.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    CalendarFeed,
    Meeting,
    Participation,
)
from teilhabe.core.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))  # noqa: DTZ001


def body_post(**overrides) -> dict:
    data = {
        "name": "Jour fixe der Unterkünfte",
        "kind": "jour_fixe",
        "level": "district",
        "status": "active",
        "rhythm_text": "an jedem ersten Mittwoch im Monat",
        "pattern": "monthly_weekday",
        "interval": "1",
        "nth": "1",
        "weekday": "2",
        "rhythm_start": "2026-01-01",
        "meeting_time": "10:00",
        "meeting_minutes": "90",
    }
    data.update(overrides)
    return data


def url(district, name: str, **kwargs) -> str:
    from django.urls import reverse

    return reverse(f"committees:{name}", kwargs={"district": district.slug, **kwargs})


def test_create_a_body_from_the_simple_rhythm_fields(client_for, staff_a, district_a):
    response = client_for(staff_a).post(url(district_a, "create"), body_post())
    assert response.status_code == 302
    with scope(district=district_a):
        body = Body.objects.get()
        assert body.rhythm_rule == "FREQ=MONTHLY;BYDAY=1WE"
        starts = [timezone.localtime(m.start) for m in Meeting.objects.filter(body=body)]
    assert starts and all(s.weekday() == 2 and s.day <= 7 and s.hour == 10 for s in starts)
    page = client_for(staff_a).get(response["Location"]).content.decode()
    assert "jeden ersten Mittwoch im Monat" in page


def test_an_invalid_rule_is_refused_with_a_message_and_nothing_is_saved(
    client_for, staff_a, district_a
):
    post = body_post(pattern="custom", rhythm_rule="FREQ=HOURLY;BYMINUTE=5")
    response = client_for(staff_a).post(url(district_a, "create"), post)
    assert response.status_code == 200
    errors = response.context["form"].errors["rhythm_rule"]
    assert any("BYMINUTE" in error for error in errors)
    assert "FREQ=HOURLY;BYMINUTE=5" in response.content.decode()  # the input is kept
    with scope(district=district_a):
        assert not Body.objects.exists()


def test_a_body_cannot_be_its_own_parent(client_for, staff_a, district_a):
    parent = factories.body(district_a, name="Integrationsbeirat")
    child = factories.body(district_a, name="AG Mehrsprachigkeit", parent=parent)
    post = body_post(name=parent.name, kind="advisory_board", parent=child.pk, pattern="")
    post["version"] = parent.version
    response = client_for(staff_a).post(url(district_a, "edit", body=parent.pk), post)
    assert response.status_code == 200
    assert "nicht Teil von sich selbst" in response.content.decode()
    with scope(district=district_a):
        assert Body.objects.get(pk=parent.pk).parent_id is None


def test_two_staff_editing_the_same_body(client_for, members, district_a):
    body = factories.body(district_a)
    first, second = members[("a", "commissioner")], members[("a", "staff")]
    post = body_post(name="Name von A", pattern="", version=body.version)
    assert client_for(first).post(url(district_a, "edit", body=body.pk), post).status_code == 302
    post = body_post(name="Name von B", pattern="", version=body.version)
    response = client_for(second).post(url(district_a, "edit", body=body.pk), post)
    assert response.status_code == 200
    assert response.context["form"].conflict
    assert "Name von B" in response.content.decode()
    with scope(district=district_a):
        assert Body.objects.get(pk=body.pk).name == "Name von A"


def test_a_meeting_ending_before_it_starts_is_refused(client_for, staff_a, district_a):
    body = factories.body(district_a)
    post = {"start": "2026-12-02T17:00", "end": "2026-12-02T16:00", "status": "planned"}
    response = client_for(staff_a).post(url(district_a, "meeting_create", body=body.pk), post)
    assert response.status_code == 200
    assert "endet nicht vor ihrem Beginn" in response.content.decode() or response.context[
        "form"
    ].errors.get("end")
    with scope(district=district_a):
        assert not Meeting.objects.exists()


def test_two_staff_editing_the_same_minutes_lose_nothing(client_for, members, district_a):
    meeting = factories.meeting(factories.body(district_a))
    first, second = members[("a", "staff")], members[("a", "assistant")]
    minutes_url = url(district_a, "minutes", meeting=meeting.pk)
    form = client_for(second).get(minutes_url).context["form"]
    assert "TOP" not in form.initial.get("minutes", "") or True
    post = {"minutes": "Protokoll von A", "version": meeting.version}
    assert client_for(first).post(minutes_url, post).status_code == 302
    post = {"minutes": "Protokoll von B, lange getippt", "version": meeting.version}
    response = client_for(second).post(minutes_url, post)
    assert response.status_code == 200
    assert response.context["form"].conflict
    assert "Protokoll von B, lange getippt" in response.content.decode()
    with scope(district=district_a):
        assert Meeting.objects.get(pk=meeting.pk).minutes == "Protokoll von A"
    # Saving again is a deliberate decision against the newer version.
    post = {"minutes": "Protokoll von B, lange getippt", "version": meeting.version + 1}
    assert client_for(second).post(minutes_url, post).status_code == 302


def test_the_minutes_start_from_the_agenda(client_for, staff_a, district_a):
    meeting = factories.meeting(factories.body(district_a))
    factories.agenda_item(meeting, "Begrüßung")
    factories.agenda_item(meeting, "Haushalt 2027")
    form = client_for(staff_a).get(url(district_a, "minutes", meeting=meeting.pk)).context["form"]
    text = form.initial["minutes"]
    assert "## TOP 1: Begrüßung" in text and "## TOP 2: Haushalt 2027" in text


def test_attendance_only_for_members_of_the_body(client_for, staff_a, district_a):
    body = factories.body(district_a)
    factories.participate(body, "IntB", "lead")
    member = factories.member(body, factories.person(district_a, "Amira Demo"))
    outsider = factories.member(
        factories.body(district_a, name="Andere Runde"), factories.person(district_a, "Fremd")
    )
    meeting = factories.meeting(body)
    page = url(district_a, "attendance", meeting=meeting.pk)
    response = client_for(staff_a).post(page, {f"member-{outsider.pk}": "present"})
    assert response.status_code == 200
    assert "nur für Mitglieder" in response.content.decode()
    with scope(district=district_a):
        assert not Attendance.objects.exists()
        position = Participation.objects.get(body=body).position_id
    post = {f"member-{member.pk}": "present", f"position-{position}": "excused"}
    assert client_for(staff_a).post(page, post).status_code == 302
    with scope(district=district_a):
        assert {a.status for a in Attendance.objects.filter(meeting=meeting)} == {
            "present",
            "excused",
        }


def test_attendance_refuses_a_member_who_had_left(district_a, staff_a):
    body = factories.body(district_a)
    gone = factories.member(
        body, factories.person(district_a, "Ehemals"), end=datetime.date(2026, 6, 30)
    )
    meeting = factories.meeting(body)  # 2 December 2026
    with scope(district=district_a), pytest.raises(ValidationError, match="nur für Mitglieder"):
        services.attendance_save(
            meeting=meeting, actor=staff_a, members={gone.pk: "present"}, positions={}
        )


def test_move_keeps_a_note_at_the_old_date_and_takes_the_agenda(client_for, staff_a, district_a):
    meeting = factories.meeting(factories.body(district_a))
    factories.agenda_item(meeting, "Bericht aus dem Bezirksamt")
    post = {
        "start": "2026-12-09T17:00",
        "end": "2026-12-09T19:00",
        "note": "Raum belegt",
        "version": meeting.version,
    }
    response = client_for(staff_a).post(url(district_a, "meeting_move", meeting=meeting.pk), post)
    assert response.status_code == 302
    with scope(district=district_a):
        old = Meeting.objects.get(pk=meeting.pk)
        new = old.moved_to
        assert old.status == Meeting.Status.MOVED
        assert "09.12.2026" in old.status_note and "Raum belegt" in old.status_note
        assert [i.title for i in AgendaItem.objects.filter(meeting=new)] == [
            "Bericht aus dem Bezirksamt"
        ]
    page = client_for(staff_a).get(url(district_a, "meeting", meeting=old.pk)).content.decode()
    assert "verschoben" in page.lower()


def test_cancel_marks_the_meeting(client_for, staff_a, district_a):
    meeting = factories.meeting(factories.body(district_a))
    post = {"note": "Krankheit", "version": meeting.version}
    client_for(staff_a).post(url(district_a, "meeting_cancel", meeting=meeting.pk), post)
    with scope(district=district_a):
        meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.status_note == "Krankheit"


def test_agenda_items_are_numbered_in_order_and_can_be_reordered(client_for, staff_a, district_a):
    meeting = factories.meeting(factories.body(district_a))
    first = factories.agenda_item(meeting, "Begrüßung")
    second = factories.agenda_item(meeting, "Verschiedenes")
    client_for(staff_a).post(url(district_a, "item_move", item=second.pk), {"richtung": "hoch"})
    with scope(district=district_a):
        items = list(AgendaItem.objects.alive().filter(meeting=meeting).order_by("order"))
    assert [(i.number, i.title) for i in items] == [("1", "Verschiedenes"), ("2", "Begrüßung")]
    client_for(staff_a).post(url(district_a, "item_edit", item=first.pk), {"delete": "1"})
    with scope(district=district_a):
        items = list(AgendaItem.objects.alive().filter(meeting=meeting))
    assert [(i.number, i.title) for i in items] == [("1", "Verschiedenes")]


def test_tasks_arising_appear_in_the_workload(client_for, staff_a, district_a):
    body = factories.body(district_a)
    factories.participate(body, "Int1", "lead")
    meeting = factories.meeting(body, start=timezone.now() + datetime.timedelta(days=3))
    position = factories.position(district_a, "Int1")
    post = {"title": "Einladung verschicken", "responsible": position.pk, "due": "2026-12-20"}
    assert (
        client_for(staff_a).post(url(district_a, "task_add", meeting=meeting.pk), post).status_code
        == 302
    )
    page = client_for(staff_a).get(url(district_a, "workload"))
    assert "Einladung verschicken" in page.content.decode()
    row = next(r for r in page.context["rows"] if r.position.code == "Int1")
    assert row.leads == 1 and sum(row.per_month) == 1


def test_advisory_board_seats_vacancies_and_successors(client_for, staff_a, district_a):
    board = factories.body(district_a, name="Integrationsbeirat", kind="advisory_board", seats=15)
    first = factories.member(board, factories.person(district_a, "Sitz Eins"), seat=1)
    page = client_for(staff_a).get(url(district_a, "members", body=board.pk))
    seats = page.context["overview"].seats
    assert len(seats) == 15 and not seats[0].vacant and all(s.vacant for s in seats[1:])
    # A second voting member on the same seat at the same time is refused.
    post = {
        "new_person": "Doppelt",
        "role": "member",
        "voting_right": "on",
        "seat": "1",
        "appointment": "elected",
        "start": "2026-02-01",
    }
    response = client_for(staff_a).post(url(district_a, "member_create", body=board.pk), post)
    assert response.status_code == 200 and "Sitz 1" in response.content.decode()
    with scope(district=district_a):
        assert BodyMember.objects.filter(body=board).count() == 1
    # The member leaves; the successor moves up to the same seat.
    post = {
        "new_person": "Nachrückerin",
        "start": "2026-09-01",
        "reason": "Umzug",
        "version": first.version,
    }
    response = client_for(staff_a).post(url(district_a, "member_succeed", member=first.pk), post)
    assert response.status_code == 302
    with scope(district=district_a):
        first.refresh_from_db()
        successor = BodyMember.objects.get(successor_of=first)
    assert first.end == datetime.date(2026, 8, 31) and first.end_reason == "Umzug"
    assert successor.seat == 1 and successor.appointment == "succeeded"
    assert successor.person.name == "Nachrückerin"


def test_assistant_organises_meetings_but_not_bodies_or_members(client_for, members, district_a):
    assistant = members[("a", "assistant")]
    body = factories.body(district_a)
    meeting = factories.meeting(body)
    client = client_for(assistant)
    assert client.get(url(district_a, "list")).status_code == 200
    assert client.get(url(district_a, "minutes", meeting=meeting.pk)).status_code == 200
    assert client.get(url(district_a, "create")).status_code == 403
    assert client.get(url(district_a, "edit", body=body.pk)).status_code == 403
    assert client.get(url(district_a, "member_create", body=body.pk)).status_code == 403


def test_calendar_address_is_created_and_renewed(client_for, commissioner_a, district_a):
    position = factories.position(district_a, "IntB")
    page = url(district_a, "calendars")
    client_for(commissioner_a).post(page, {"position": position.pk})
    with scope(district=district_a):
        token = CalendarFeed.objects.get(position=position).token
    assert token in client_for(commissioner_a).get(page).content.decode()
    client_for(commissioner_a).post(page, {"position": position.pk, "renew": "1"})
    with scope(district=district_a):
        assert CalendarFeed.objects.get(position=position).token != token
        assert AuditEntry.objects.filter(action="committees.calendar.renewed").count() == 1


def test_deleting_a_body_is_soft_and_hides_it(client_for, staff_a, district_a):
    body = factories.body(district_a)
    factories.meeting(body)
    client_for(staff_a).post(url(district_a, "delete", body=body.pk))
    with scope(district=district_a):
        assert Body.objects.get(pk=body.pk).deleted_at is not None
        assert not Meeting.objects.alive().filter(body=body).exists()
    assert client_for(staff_a).get(url(district_a, "detail", body=body.pk)).status_code == 404


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(client_for, staff_a, district_a):
    client = client_for(staff_a)
    board = factories.body(district_a, name="Beirat", seats=15)
    meeting = factories.meeting(board, start=aware(2026, 10, 7, 17, 0))
    pages = [
        url(district_a, "list"),
        url(district_a, "detail", body=board.pk),
        url(district_a, "meeting", meeting=meeting.pk),
        url(district_a, "members", body=board.pk),
        url(district_a, "workload"),
    ]
    _count(client, pages[0])  # the first request of a session reads a few things once
    before = [_count(client, page) for page in pages]
    for n in range(12):
        other = factories.body(district_a, name=f"Runde {n}")
        factories.participate(other, "IntB")
        factories.meeting(other, start=aware(2026, 12, 1 + n, 10, 0))
        factories.meeting(board, start=aware(2025, 1 + n, 3, 17, 0))
        factories.agenda_item(meeting, f"Punkt {n}")
        factories.member(board, factories.person(district_a, f"Mitglied {n}"), seat=n + 2)
    after = [_count(client, page) for page in pages]
    assert after == before


def test_dashboard_lists_the_meetings_and_tasks_of_my_positions(client_for, staff_a, district_a):
    from teilhabe.districts.models import PositionHolding

    mine = factories.body(district_a, name="Jour fixe Ehrenamtskoordination")
    others = factories.body(district_a, name="Runde ohne mich")
    participation = factories.participate(mine, "Int1", "lead")
    with scope(district=district_a):
        PositionHolding.objects.create(
            district=district_a,
            position=participation.position,
            user=staff_a,
            start=datetime.date(2026, 1, 1),
        )
    soon = timezone.now() + datetime.timedelta(days=3)
    meeting = factories.meeting(mine, start=soon)
    factories.meeting(others, start=soon)
    with scope(district=district_a):
        services.task_create(
            meeting=meeting,
            actor=staff_a,
            data={"title": "Raum buchen", "responsible": participation.position},
        )
    from django.urls import reverse

    page = client_for(staff_a).get(reverse("districts:dashboard", args=[district_a.slug]))
    text = page.content.decode()
    assert "Jour fixe Ehrenamtskoordination" in text and "Raum buchen" in text
    assert "Runde ohne mich" not in text
