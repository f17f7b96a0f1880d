"""iCalendar feeds: RFC 5545 structure, stable UIDs, what each feed may contain."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope
from icalendar import Calendar

from teilhabe.committees import services
from teilhabe.committees.models import Meeting

from . import factories

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
DISTRICT_FEED = "/bezirke/marzahn-hellersdorf/gremien/kalender.ics"


# ----------------------------------------------------------------------------- the validator


@dataclass
class Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[tuple[dict[str, str], str]]:
        return [(params, value) for prop, params, value in self.properties if prop == name]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE;…:VALUE; a colon inside a quoted parameter value does not end it."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        raise ValueError(f"no value: {line!r}")
    name, *params = head.split(";")
    if not re.fullmatch(r"[A-Za-z0-9-]+", name):
        raise ValueError(f"bad property name: {line!r}")
    parsed = {}
    for param in params:
        key, sep, val = param.partition("=")
        if not sep:
            raise ValueError(f"bad parameter: {line!r}")
        parsed[key.upper()] = val.strip('"')
    return name.upper(), parsed, value


def _moment(params: dict[str, str], value: str) -> datetime.datetime:
    if "T" not in value:
        day = datetime.datetime.strptime(value, "%Y%m%d")  # noqa: DTZ007
        return day.replace(tzinfo=datetime.UTC)
    if value.endswith("Z"):
        moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ")  # noqa: DTZ007
        return moment.replace(tzinfo=datetime.UTC)
    moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")  # noqa: DTZ007
    return moment.replace(tzinfo=ZoneInfo(params["TZID"]) if "TZID" in params else datetime.UTC)


def _lines(data: bytes, errors: list[str]) -> list[str]:
    """The content lines, unfolded, after the checks on physical lines."""
    if not data.endswith(b"\r\n"):
        errors.append("the calendar does not end with CRLF")
    if b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        errors.append("a line ends without CRLF")
    logical: list[str] = []
    for number, raw in enumerate(data.split(b"\r\n")[:-1], start=1):
        if len(raw) > 75:
            errors.append(f"line {number} is {len(raw)} octets long (more than 75)")
        text = raw.decode("utf-8")
        if text[:1] in (" ", "\t"):
            if not logical:
                errors.append("the calendar starts with a continuation line")
                continue
            logical[-1] += text[1:]
        else:
            logical.append(text)
    return logical


def _tree(lines: list[str], errors: list[str]) -> list[Component]:
    roots: list[Component] = []
    stack: list[Component] = []
    for line in lines:
        try:
            name, params, value = _content_line(line)
        except ValueError as error:
            errors.append(str(error))
            continue
        if name == "BEGIN":
            component = Component(value.upper())
            (stack[-1].children if stack else roots).append(component)
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                errors.append(
                    f"END:{value} does not close {stack[-1].name if stack else 'anything'}"
                )
                continue
            stack.pop()
        elif not stack:
            errors.append(f"property outside any component: {line!r}")
        else:
            stack[-1].properties.append((name, params, value))
    errors += [f"BEGIN:{component.name} is never closed" for component in stack]
    return roots


def _once(component: Component, names: tuple[str, ...], errors: list[str]) -> None:
    for name in names:
        count = len(component.values(name))
        if count != 1:
            errors.append(f"{component.name} has {count} {name} (exactly one required)")


def _check_event(event: Component, errors: list[str]) -> None:
    _once(event, ("UID", "DTSTAMP", "DTSTART"), errors)
    if event.values("DTEND") and event.values("DTSTART"):
        start = _moment(*event.values("DTSTART")[0])
        end = _moment(*event.values("DTEND")[0])
        if end <= start:
            errors.append(f"VEVENT {event.values('UID')}: DTEND is not after DTSTART")


def _check_timezone(zone: Component, errors: list[str]) -> None:
    _once(zone, ("TZID",), errors)
    rules = [child for child in zone.children if child.name in ("STANDARD", "DAYLIGHT")]
    if not rules:
        errors.append("VTIMEZONE has neither STANDARD nor DAYLIGHT")
    for rule in rules:
        _once(rule, ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"), errors)


def validate(data: bytes) -> list[str]:
    """What in `data` breaks RFC 5545's structure (the subset these feeds must meet)."""
    errors: list[str] = []
    roots = _tree(_lines(data, errors), errors)
    if [root.name for root in roots] != ["VCALENDAR"]:
        errors.append(f"expected one VCALENDAR, found {[root.name for root in roots]}")
        return errors
    calendar = roots[0]
    _once(calendar, ("PRODID", "VERSION"), errors)
    if calendar.values("VERSION") and calendar.values("VERSION")[0][1] != "2.0":
        errors.append("VERSION is not 2.0")
    zones = set()
    used = set()
    uids = []
    for component in calendar.walk():
        if component.name == "VEVENT":
            _check_event(component, errors)
            uids += [value for _params, value in component.values("UID")]
        elif component.name == "VTIMEZONE":
            _check_timezone(component, errors)
            zones |= {value for _params, value in component.values("TZID")}
        used |= {
            params["TZID"] for _name, params, _value in component.properties if "TZID" in params
        }
    errors += [f"TZID {tzid} has no VTIMEZONE" for tzid in sorted(used - zones)]
    if len(uids) != len(set(uids)):
        errors.append("UIDs repeat")
    return errors


# ----------------------------------------------------------------------------- data


def _at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))  # noqa: DTZ001


@pytest.fixture
def world(district_a, district_b):
    today = timezone.localdate()
    july = datetime.date(today.year + 1, 7, 15)
    board = factories.body(district_a, name="Integrationsbeirat", is_public=True)
    internal = factories.body(district_a, name="Jour fixe INTERNAL-BODY")
    other = factories.body(district_b, name="Beirat OTHER-DISTRICT", is_public=True)
    summer = factories.meeting(board, start=_at(july))
    factories.agenda_item(summer, "Begrüßung")
    factories.agenda_item(summer, "PRIVATE-ITEM", is_public=False)
    winter = factories.meeting(board, start=_at(today + datetime.timedelta(days=20)))
    recent = factories.meeting(board, start=_at(today - datetime.timedelta(days=200)))
    old = factories.meeting(board, start=_at(today - datetime.timedelta(days=400)), name="TOO-OLD")
    gone = factories.meeting(board, start=_at(today + datetime.timedelta(days=30)), name="DELETED")
    with scope(district=district_a):
        services.meeting_delete(meeting=gone, actor=None)  # type: ignore[arg-type]
    secret = factories.meeting(internal, name="INTERNAL-MEETING")
    foreign = factories.meeting(other, name="OTHER-MEETING")
    factories.participate(board, "IntB", "lead")
    factories.participate(internal, "IntB")
    with scope(district=district_a):
        feed = services.calendar_feed(position=factories.position(district_a), actor=None)
    return {
        "board": board,
        "internal": internal,
        "other": other,
        "summer": summer,
        "winter": winter,
        "recent": recent,
        "old": old,
        "secret": secret,
        "foreign": foreign,
        "feed": feed,
    }


def fetch(url: str) -> tuple[bytes, Calendar]:
    response = Client().get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    data = response.content
    assert validate(data) == []
    return data, Calendar.from_ical(data)


def body_feed(body) -> str:
    return reverse("portal:body_ical", kwargs={"district": body.district.slug, "body": body.pk})


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{meeting.district.slug}.teilhabe.berlin"


def event_of(calendar: Calendar, meeting: Meeting):
    return next(event for event in calendar.walk("VEVENT") if str(event["UID"]) == uid(meeting))


# ----------------------------------------------------------------------------- tests


def test_validator_accepts_the_district_feed(world):
    data, calendar = fetch(DISTRICT_FEED)
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert "Marzahn-Hellersdorf" in str(calendar["X-WR-CALNAME"])
    assert str(calendar["PRODID"])


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda d: d.replace(b"\r\n", b"\n"), "CRLF"),
        (lambda d: d.replace(b"\r\n ", b""), "octets"),
        (lambda d: d.replace(b"END:VEVENT\r\n", b"", 1), "END:"),
        (lambda d: re.sub(rb"UID:[^\r]*\r\n", b"", d, count=1), "UID"),
        (lambda d: re.sub(rb"PRODID:[^\r]*\r\n", b"", d), "PRODID"),
        (lambda d: d.replace(b"TZID:Europe/Berlin", b"TZID:Europe/Paris"), "no VTIMEZONE"),
        (lambda d: re.sub(rb"TZOFFSETTO:[^\r]*\r\n", b"", d, count=1), "TZOFFSETTO"),
        (lambda d: re.sub(rb"(DTEND;TZID=Europe/Berlin:)\d{8}", rb"\g<1>19990101", d), "DTEND"),
    ],
)
def test_validator_rejects_a_broken_calendar(world, breakage, expected):
    data, _calendar = fetch(DISTRICT_FEED)
    assert b"\r\n " in data, "the feed should have a folded line to break"
    errors = validate(breakage(data))
    assert any(expected in error for error in errors), errors


def test_timezone_is_compact_and_summer_meetings_keep_their_wall_time(world):
    data, calendar = fetch(body_feed(world["board"]))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    kinds = sorted(str(sub.name) for sub in zone.subcomponents)
    assert kinds == ["DAYLIGHT", "STANDARD"]
    assert b"RDATE" not in data
    assert b"BYMONTH=10" in data
    assert b"BYMONTH=3" in data
    assert b"BYDAY=-1SU" in data
    summer = world["summer"]
    line = f"DTSTART;TZID=Europe/Berlin:{summer.start.astimezone(BERLIN):%Y%m%d}T170000"
    assert line.encode() in data
    start = event_of(calendar, summer).decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert (start.hour, start.minute) == (17, 0)


def test_event_carries_what_a_calendar_app_shows(world):
    _data, calendar = fetch(body_feed(world["board"]))
    event = event_of(calendar, world["summer"])
    assert str(event["SUMMARY"]) == "Integrationsbeirat"
    assert event["SEQUENCE"] == world["summer"].version
    assert str(event["STATUS"]) == "TENTATIVE"
    assert "Begrüßung" in str(event["DESCRIPTION"])
    assert "PRIVATE-ITEM" not in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(f"/gremien/sitzungen/{world['summer'].pk}/")
    for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED", "DTEND"):
        assert name in event


def test_feed_reaches_a_year_back_and_leaves_out_deleted_meetings(world):
    _data, calendar = fetch(DISTRICT_FEED)
    found = uids(calendar)
    assert uid(world["recent"]) in found
    assert uid(world["winter"]) in found
    assert uid(world["old"]) not in found
    assert not any("DELETED" in str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_uids_stay_when_a_meeting_is_edited_or_moved(world, district_a):
    meeting = world["winter"]
    _data, before = fetch(body_feed(world["board"]))
    assert uid(meeting) in uids(before)
    with scope(district=district_a):
        edited = services.meeting_update(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={"name": "Sondersitzung", "start": meeting.start + datetime.timedelta(hours=1)},
            expected_version=meeting.version,
        )
    _data, after_edit = fetch(body_feed(world["board"]))
    event = event_of(after_edit, edited)
    assert str(event["SUMMARY"]) == "Sondersitzung"
    assert event["SEQUENCE"] == edited.version > meeting.version
    assert uids(after_edit) == uids(before)

    new_start = edited.start + datetime.timedelta(days=7)
    with scope(district=district_a):
        new = services.meeting_move(
            meeting=edited,
            actor=None,  # type: ignore[arg-type]
            start=new_start,
            end=new_start + datetime.timedelta(hours=2),
            note="Raum belegt",
            expected_version=edited.version,
        )
    _data, after_move = fetch(body_feed(world["board"]))
    assert uids(after_move) == uids(before) | {uid(new)}
    old_event = event_of(after_move, edited)
    assert str(old_event["STATUS"]) == "CANCELLED"
    description = str(old_event["DESCRIPTION"])
    assert f"{timezone.localtime(new_start):%d.%m.%Y, %H:%M}" in description
    assert "Raum belegt" in description
    assert str(event_of(after_move, new)["STATUS"]) == "TENTATIVE"


def test_cancelled_meeting_is_cancelled_in_the_feed(world, district_a):
    meeting = world["winter"]
    with scope(district=district_a):
        services.meeting_cancel(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            note="Krankheit",
            expected_version=meeting.version,
        )
    _data, calendar = fetch(DISTRICT_FEED)
    event = event_of(calendar, meeting)
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Krankheit" in str(event["DESCRIPTION"])


def test_invited_meetings_are_confirmed(world, district_a):
    meeting = world["winter"]
    with scope(district=district_a):
        services.meeting_update(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={"status": Meeting.Status.INVITED},
            expected_version=meeting.version,
        )
    _data, calendar = fetch(DISTRICT_FEED)
    assert str(event_of(calendar, meeting)["STATUS"]) == "CONFIRMED"


def test_public_feeds_never_show_internal_or_other_districts_meetings(world):
    for url in (DISTRICT_FEED, body_feed(world["board"])):
        data, calendar = fetch(url)
        assert b"INTERNAL" not in data
        assert b"OTHER-" not in data
        assert uid(world["secret"]) not in uids(calendar)
    assert Client().get(body_feed(world["internal"])).status_code == 404
    # Another district's public body under this district's address.
    foreign = f"/bezirke/marzahn-hellersdorf/gremien/{world['other'].pk}/kalender.ics"
    assert Client().get(foreign).status_code == 404
    _data, spandau = fetch("/bezirke/spandau/gremien/kalender.ics")
    assert uids(spandau) == {uid(world["foreign"])}


def test_position_feed_has_internal_meetings_of_its_bodies_only(world, district_b):
    url = reverse("calendar_feed", args=[world["feed"].token])
    assert url == f"/kalender/{world['feed'].token}.ics"
    response = Client().get(url)
    assert response["Cache-Control"].startswith("private")
    data, calendar = fetch(url)
    found = uids(calendar)
    assert uid(world["secret"]) in found
    assert uid(world["summer"]) in found
    assert uid(world["foreign"]) not in found
    assert b"OTHER-" not in data
    internal = event_of(calendar, world["secret"])
    assert f"/marzahn-hellersdorf/gremien/sitzungen/{world['secret'].pk}/" in str(internal["URL"])
    assert "/bezirke/" not in str(internal["URL"])
    # B's own position, taking part in nothing, sees none of A's meetings.
    with scope(district=district_b):
        feed_b = services.calendar_feed(position=factories.position(district_b), actor=None)
    _data, empty = fetch(reverse("calendar_feed", args=[feed_b.token]))
    assert uids(empty) == set()


def test_position_feed_drops_bodies_the_position_left(world, district_a):
    with scope(district=district_a):
        participation = world["internal"].participations.get()
        participation.end = timezone.localdate() - datetime.timedelta(days=1)
        participation.start = participation.end - datetime.timedelta(days=10)
        participation.save()
    _data, calendar = fetch(reverse("calendar_feed", args=[world["feed"].token]))
    assert uid(world["secret"]) not in uids(calendar)


def test_unknown_or_renewed_token_is_404(world, district_a):
    assert Client().get("/kalender/no-such-token.ics").status_code == 404
    old = reverse("calendar_feed", args=[world["feed"].token])
    with scope(district=district_a):
        renewed = services.calendar_feed(
            position=factories.position(district_a), actor=None, renew=True
        )
    assert Client().get(old).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[renewed.token])).status_code == 200


def test_response_headers(world):
    response = Client().get(DISTRICT_FEED)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    assert "max-age=" in response["Cache-Control"]


def test_english_feed_speaks_english(world, district_a):
    meeting = world["winter"]
    with scope(district=district_a):
        services.meeting_cancel(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            note="",
            expected_version=meeting.version,
        )
    data, calendar = fetch("/en" + DISTRICT_FEED)
    assert str(event_of(calendar, meeting)["SUMMARY"]).startswith("Cancelled: ")
    assert b"/en/bezirke/" in data


def test_query_count_does_not_grow_with_meetings(world, district_a):
    feed_url = reverse("calendar_feed", args=[world["feed"].token])

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return len(queries)

    urls = [DISTRICT_FEED, body_feed(world["board"]), feed_url]
    before = [count(url) for url in urls]
    start = timezone.localdate() + datetime.timedelta(days=40)
    for offset in range(8):
        meeting = factories.meeting(world["board"], start=_at(start + datetime.timedelta(offset)))
        factories.agenda_item(meeting, f"Punkt {offset}")
        factories.meeting(world["internal"], start=_at(start + datetime.timedelta(offset)))
    assert [count(url) for url in urls] == before


def test_calendar_asks_to_be_refreshed_hourly(world):
    data, _calendar = fetch(DISTRICT_FEED)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in data
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in data
