"""iCalendar feeds (RFC 5545) of meetings: one public body's, a district's, a position's.

Calendar apps subscribe to these addresses and update events by their UID, so a UID
names one meeting for good ("meeting-<pk>@<district>.teilhabe.berlin"): editing a
meeting or changing its time keeps it, and SEQUENCE (the meeting's version) tells the
app which copy is newer. A moved meeting stays in the feed as cancelled, with a note
where it went; the new date is a meeting (and an event) of its own.

STATUS: cancelled and moved meetings are CANCELLED; meetings only planned (generated
from the rhythm, no invitation yet) are TENTATIVE, as their date may still change;
invited and held meetings are CONFIRMED.

Times are written in Europe/Berlin with a compact VTIMEZONE of the EU summer-time rule
(last Sunday of March and October, since 1996); the feeds reach back a year, so no
older rules are needed, and the calendar stays small.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
)

from teilhabe.districts.models import District, Position

from .models import AgendaItem, Meeting, Participation

TZID = "Europe/Berlin"
BERLIN = ZoneInfo(TZID)
PRODID = "-//teilhabe.berlin//Gremien der Integrationsbueros//DE"
UID_DOMAIN = "teilhabe.berlin"
# How far back a feed reaches; everything ahead is included.
PAST = datetime.timedelta(days=366)
# Calendar apps that honour it ask again after an hour.
REFRESH = datetime.timedelta(hours=1)

STATUS: dict[str, str] = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.INVITED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.MOVED: "CANCELLED",
}


# ----------------------------------------------------------------------------- what a feed holds


def _feed(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings from a year back on, not deleted, with what an event shows (2 queries)."""
    public_items = AgendaItem.objects.filter(deleted_at__isnull=True, is_public=True).order_by(
        "order", "pk"
    )
    return (
        meetings.filter(
            deleted_at__isnull=True,
            body__deleted_at__isnull=True,
            start__gte=timezone.now() - PAST,
        )
        .select_related("body", "location", "moved_to")
        .prefetch_related(Prefetch("agenda_items", queryset=public_items, to_attr="public_items"))
        .order_by("start", "pk")
    )


def public_meetings(*, district: District, body_id: int | None = None) -> QuerySet[Meeting]:
    """The meetings of the district's public bodies (or of one of them) a public feed shows."""
    meetings = Meeting.objects.filter(district=district, body__is_public=True)
    if body_id is not None:
        meetings = meetings.filter(body_id=body_id)
    return _feed(meetings)


def position_meetings(*, position: Position) -> QuerySet[Meeting]:
    """All meetings, public and internal, of the bodies the position takes part in today."""
    bodies = Participation.objects.current().filter(position=position).values("body_id")
    return _feed(Meeting.objects.filter(district=position.district_id, body_id__in=bodies))


# ----------------------------------------------------------------------------- the calendar


def meeting_uid(meeting: Meeting, district: District) -> str:
    """The event's UID: the meeting's id, which no edit and no change of time alters."""
    return f"meeting-{meeting.pk}@{district.slug}.{UID_DOMAIN}"


def berlin_timezone() -> Timezone:
    """Europe/Berlin as its two yearly changes, instead of every change since 1893."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    changes = (
        # (component, first change, offset before, offset after, abbreviation, month)
        (TimezoneDaylight, datetime.datetime(1970, 3, 29, 2, 0), 1, 2, "CEST", 3),  # noqa: DTZ001
        (TimezoneStandard, datetime.datetime(1970, 10, 25, 3, 0), 2, 1, "CET", 10),  # noqa: DTZ001
    )
    for component_class, first, before, after, name, month in changes:
        change = component_class()
        change.add("dtstart", first)
        change.add("tzoffsetfrom", datetime.timedelta(hours=before))
        change.add("tzoffsetto", datetime.timedelta(hours=after))
        change.add("tzname", name)
        change.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(change)
    return zone


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(BERLIN).replace(microsecond=0)


def _moved_line(meeting: Meeting) -> str:
    target = meeting.moved_to
    if target is None:
        return ""
    # The wording the service writes into the note, so that the two can be matched.
    return _("Moved to %(date)s.") % {"date": f"{_local(target.start):%d.%m.%Y, %H:%M}"}


def _summary(meeting: Meeting) -> str:
    if meeting.status == Meeting.Status.CANCELLED:
        return _("Cancelled: %(title)s") % {"title": meeting.title}
    if meeting.status == Meeting.Status.MOVED:
        return _("Moved: %(title)s") % {"title": meeting.title}
    return meeting.title


def _description(meeting: Meeting, url: str) -> str:
    """The status note, the public agenda items, and where to read more."""
    lines = []
    if meeting.is_cancelled:
        moved = _moved_line(meeting) if meeting.status == Meeting.Status.MOVED else ""
        note = meeting.status_note.strip()
        if moved and not note.startswith(moved):
            lines.append(moved)
        if note:
            lines.append(note)
    items = getattr(meeting, "public_items", [])
    if items:
        if lines:
            lines.append("")
        lines.append(_("Agenda:"))
        lines += [
            _("Item %(number)s: %(title)s") % {"number": item.number, "title": item.title}
            for item in items
        ]
    if url:
        if lines:
            lines.append("")
        lines.append(url)
    return "\n".join(lines)


def meeting_event(
    meeting: Meeting, *, district: District, url: str, stamp: datetime.datetime
) -> Event:
    """One meeting as a VEVENT; a meeting without an end lasts the body's usual length."""
    start = _local(meeting.start)
    end = meeting.end or meeting.start + datetime.timedelta(minutes=meeting.body.meeting_minutes)
    event = Event()
    event.add("uid", meeting_uid(meeting, district))
    event.add("dtstamp", stamp)
    event.add("created", _utc(meeting.created_at))
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("sequence", meeting.version)
    event.add("dtstart", start)
    event.add("dtend", _local(end))
    event.add("summary", _summary(meeting))
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    if meeting.location is not None:
        event.add("location", meeting.location.one_line)
    if url:
        event.add("url", url)
    description = _description(meeting, url)
    if description:
        event.add("description", description)
    return event


def calendar(
    *,
    name: str,
    district: District,
    meetings: Iterable[Meeting],
    url_for: Callable[[Meeting], str],
    description: str = "",
) -> Calendar:
    """A published calendar (METHOD:PUBLISH) of the meetings, in Europe/Berlin time."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    if description:
        cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(berlin_timezone())
    stamp = _utc(timezone.now())
    for meeting in meetings:
        cal.add_component(
            meeting_event(meeting, district=district, url=url_for(meeting), stamp=stamp)
        )
    return cal
