"""Writes of committees: bodies and their rhythm, meetings, minutes, members.

Every function is one transaction and leaves an audit entry. Forms check input first;
the checks here repeat what a tampered request could get past a form.
"""

from __future__ import annotations

import datetime
import hashlib
import mimetypes
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import versioned_save
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District, Position

from . import rhythm
from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    CalendarFeed,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingFile,
    MeetingTask,
    Participation,
    Person,
    RhythmException,
)

DEFAULT_START = datetime.time(17, 0)
MAX_FILE_BYTES = 20 * 1024 * 1024


def generate_months() -> int:
    """How far ahead meetings are generated from the rhythms."""
    return int(getattr(settings, "COMMITTEES_GENERATE_MONTHS", 12))


def _aware(day: datetime.date, time: datetime.time | None) -> datetime.datetime:
    moment = datetime.datetime.combine(day, time or DEFAULT_START)  # noqa: DTZ001
    return timezone.make_aware(moment)


def _months_ahead(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _check_organisation(district: District, organisation: Organisation | None) -> None:
    """A body may point at the district's own entries or at public ones of any district."""
    if organisation is None:
        return
    if not organisations_referable(district=district).filter(pk=organisation.pk).exists():
        raise ValidationError(
            _("The chosen organisation belongs to another district and is not public.")
        )


def _check_parent(body: Body, parent: Body | None) -> None:
    seen = set()
    while parent is not None:
        if parent.pk == body.pk or parent.pk in seen:
            raise ValidationError({"parent": _("A body cannot be part of itself.")})
        seen.add(parent.pk)
        parent = parent.parent


# ----------------------------------------------------------------------------- bodies


def _clean_rhythm(data: dict[str, Any], body: Body | None = None) -> dict[str, Any]:
    """A rule is valid RFC 5545 of the kind a rhythm can be, and has its start date."""
    rule = data.get("rhythm_rule", body.rhythm_rule if body else "") or ""
    start = data.get("rhythm_start", body.rhythm_start if body else None)
    if rule:
        data = {**data, "rhythm_rule": rhythm.validate_rule(rule, start)}
        if not start:
            raise ValidationError({"rhythm_start": _("A rule needs the date it starts on.")})
    return data


@transaction.atomic
def body_create(*, district: District, actor: User | None, data: dict[str, Any]) -> Body:
    """Record a body; an active one with a rhythm gets its meetings for the year ahead."""
    data = _clean_rhythm(data)
    _check_organisation(district, data.get("host_organisation"))
    body = Body(district=district, updated_by=actor, **data)
    body.full_clean()
    body.save()
    audit_log(
        actor=actor,
        obj=body,
        action="committees.body.created",
        changes={name: (None, value) for name, value in data.items()},
    )
    generate_meetings(body=body, actor=actor)
    return body


RHYTHM_FIELDS = ("rhythm_rule", "rhythm_start", "meeting_time", "meeting_minutes", "status")


@transaction.atomic
def body_update(*, body: Body, actor: User, data: dict[str, Any], expected_version: int) -> Body:
    """Change a body; a changed rhythm moves the generated meetings nobody has touched."""
    data = _clean_rhythm(data, body)
    _check_organisation(body.district, data.get("host_organisation"))
    _check_parent(body, data.get("parent"))
    before = {name: getattr(body, name) for name in (*RHYTHM_FIELDS, "default_location_id")}
    saved = versioned_save(
        instance=body,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.body.updated",
    )
    after = {name: getattr(saved, name) for name in before}
    if before != after:
        _prune_generated(saved)
        generate_meetings(body=saved, actor=actor)
    return saved


@transaction.atomic
def body_delete(*, body: Body, actor: User) -> None:
    """Remove a body softly (OParl clients learn of it), with its meetings."""
    if body.children.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("The body still has working groups; remove them first."))
    now = timezone.now()
    Body.objects.filter(pk=body.pk).update(deleted_at=now, updated_at=now)
    Meeting.objects.filter(body=body, deleted_at__isnull=True).update(
        deleted_at=now, updated_at=now
    )
    BodyMember.objects.filter(body=body, deleted_at__isnull=True).update(
        deleted_at=now, updated_at=now
    )
    audit_log(actor=actor, obj=body, action="committees.body.deleted")


def _untouched_generated(body: Body, today: datetime.date):
    """Future meetings the rhythm made that no person has saved or given an agenda,
    minutes or documents."""
    return (
        Meeting.objects.filter(
            body=body,
            occurrence__gt=today,
            deleted_at__isnull=True,
            status=Meeting.Status.PLANNED,
            updated_by__isnull=True,  # no person saved it; the rhythm's own updates keep it so
            minutes="",
        )
        .exclude(agenda_items__isnull=False)
        .exclude(files__isnull=False)
    )


def _prune_generated(body: Body) -> int:
    """Withdraw untouched future meetings the changed rhythm no longer gives.

    Meetings on dates the rule still gives keep their identity (calendar clients update
    them); only start, end and place follow the body's new defaults.
    """
    today = timezone.localdate()
    wanted = {d.date for d in _dates(body, today) if not d.skipped_because}
    now = timezone.now()
    withdrawn = 0
    for meeting in _untouched_generated(body, today):
        day = meeting.occurrence or timezone.localdate(meeting.start)
        if body.generates_meetings and day in wanted:
            start = _aware(day, body.meeting_time)
            changed = Meeting.objects.filter(pk=meeting.pk).exclude(
                start=start, location=body.default_location
            )
            # A new version raises the calendar SEQUENCE, so clients take the new time.
            changed.update(
                start=start,
                end=start + datetime.timedelta(minutes=body.meeting_minutes),
                location=body.default_location,
                version=F("version") + 1,
                updated_at=now,
            )
            continue
        # The date is freed so that a later rule giving it again creates a meeting anew.
        Meeting.objects.filter(pk=meeting.pk).update(
            deleted_at=now, occurrence=None, updated_at=now
        )
        withdrawn += 1
    return withdrawn


def _dates(body: Body, today: datetime.date, until: datetime.date | None = None) -> list:
    if not body.generates_meetings or body.rhythm_start is None:
        return []
    exceptions = dict(body.exceptions.values_list("date", "reason"))
    first = max(today, body.rhythm_start)
    last = until or _months_ahead(today, generate_months())
    return rhythm.rule_dates(body.rhythm_rule, body.rhythm_start, first, last, exceptions)


def upcoming_dates(body: Body, count: int = 12) -> list[rhythm.RuleDate]:
    """The next dates of the rhythm, skipped ones marked, for the body's page."""
    return _dates(body, timezone.localdate())[:count]


@transaction.atomic
def generate_meetings(
    *, body: Body, actor: User | None = None, today: datetime.date | None = None
) -> int:
    """Create the meetings the rhythm gives for the year ahead that do not exist yet.

    Idempotent: a date the body already has a meeting for (held, moved, cancelled or
    deleted by staff) is never generated again. Holidays and exceptions are skipped; a
    suspended or dissolved body generates nothing.
    """
    today = today or timezone.localdate()
    if body.deleted_at is not None:
        return 0
    dates = [d.date for d in _dates(body, today) if not d.skipped_because]
    if not dates:
        return 0
    known = set(
        Meeting.objects.filter(body=body, occurrence__in=dates).values_list("occurrence", flat=True)
    )
    length = datetime.timedelta(minutes=body.meeting_minutes)
    new = []
    for day in dates:
        if day in known:
            continue
        start = _aware(day, body.meeting_time)
        new.append(
            Meeting(
                district_id=body.district_id,
                body=body,
                start=start,
                end=start + length,
                location_id=body.default_location_id,
                occurrence=day,
            )
        )
    # A concurrent run that got there first is no error: the constraint keeps one each.
    Meeting.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        audit_log(
            actor=actor,
            obj=body,
            action="committees.body.generated",
            changes={"meetings": (None, len(new))},
        )
    return len(new)


def generate_meetings_everywhere(today: datetime.date | None = None) -> int:
    """The nightly job: every active body with a rhythm, in every district.

    The caller (tasks.py) runs it with the district scope switched off.
    """
    total = 0
    bodies = Body.objects.filter(deleted_at__isnull=True, status=Body.Status.ACTIVE).exclude(
        rhythm_rule=""
    )
    for body in bodies.select_related("district"):
        total += generate_meetings(body=body, today=today)
    return total


@transaction.atomic
def exception_add(*, body: Body, actor: User, date: datetime.date, reason: str) -> RhythmException:
    """Skip a date of the rhythm; an untouched meeting generated for it is withdrawn."""
    exception = RhythmException(district=body.district, body=body, date=date, reason=reason)
    exception.full_clean()
    exception.save()
    now = timezone.now()
    _untouched_generated(body, timezone.localdate()).filter(occurrence=date).update(
        deleted_at=now, occurrence=None, updated_at=now
    )
    audit_log(
        actor=actor,
        obj=body,
        action="committees.body.exception_added",
        changes={"date": (None, date), "reason": (None, reason)},
    )
    return exception


@transaction.atomic
def exception_remove(*, exception: RhythmException, actor: User) -> None:
    body = exception.body
    exception.delete()
    audit_log(
        actor=actor,
        obj=body,
        action="committees.body.exception_removed",
        changes={"date": (exception.date, None)},
    )
    generate_meetings(body=body, actor=actor)


# ----------------------------------------------------------------------------- participation


def _check_position(district: District, position: Position) -> None:
    if position.district_id != district.pk:
        raise ValidationError({"position": _("This position belongs to another district.")})


@transaction.atomic
def participation_create(*, body: Body, actor: User | None, data: dict[str, Any]) -> Participation:
    _check_position(body.district, data["position"])
    overlapping = Participation.objects.filter(body=body, position=data["position"]).filter(
        Q(end__isnull=True) | Q(end__gte=data.get("start") or timezone.localdate())
    )
    if overlapping.exists():
        raise ValidationError(
            _("%(position)s already takes part in this body; change that entry instead.")
            % {"position": data["position"].code}
        )
    participation = Participation(district=body.district, body=body, updated_by=actor, **data)
    participation.full_clean()
    participation.save()
    audit_log(
        actor=actor,
        obj=participation,
        action="committees.participation.created",
        changes={"body": (None, body), **{k: (None, v) for k, v in data.items()}},
    )
    return participation


def participation_update(
    *, participation: Participation, actor: User, data: dict[str, Any], expected_version: int
) -> Participation:
    return versioned_save(
        instance=participation,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.participation.updated",
        before_save=lambda current: current.full_clean(),
    )


# ----------------------------------------------------------------------------- meetings


@transaction.atomic
def meeting_create(*, body: Body, actor: User, data: dict[str, Any]) -> Meeting:
    """A meeting outside the rhythm (an extra session, a conference day)."""
    meeting = Meeting(district=body.district, body=body, updated_by=actor, version=2, **data)
    meeting.full_clean()
    meeting.save()
    audit_log(
        actor=actor,
        obj=meeting,
        action="committees.meeting.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return meeting


def meeting_update(
    *, meeting: Meeting, actor: User, data: dict[str, Any], expected_version: int
) -> Meeting:
    """Change a meeting, its invitation or its minutes; concurrent edits are refused."""
    if meeting.status == Meeting.Status.MOVED and data.get("status", meeting.status) != "moved":
        raise ValidationError(_("A moved meeting stays a note at its old date."))
    return versioned_save(
        instance=meeting,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.meeting.updated",
        before_save=lambda current: current.full_clean(),
    )


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    actor: User,
    start: datetime.datetime,
    end: datetime.datetime | None,
    note: str,
    expected_version: int,
) -> Meeting:
    """Move a meeting: a new meeting takes its agenda; the old one keeps a note."""
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled or moved meeting cannot be moved."))
    if end is not None and end <= start:
        raise ValidationError({"end": _("A meeting cannot end before it starts.")})
    new = Meeting(
        district=meeting.district,
        body=meeting.body,
        name=meeting.name,
        start=start,
        end=end,
        location=meeting.location,
        online_url=meeting.online_url,
        status=Meeting.Status.INVITED if meeting.status == "invited" else Meeting.Status.PLANNED,
        invitation=meeting.invitation,
        updated_by=actor,
        version=2,
    )
    new.full_clean()
    new.save()
    for item in meeting.agenda_items.filter(deleted_at__isnull=True):
        AgendaItem.objects.create(
            district=meeting.district,
            meeting=new,
            number=item.number,
            order=item.order,
            title=item.title,
            is_public=item.is_public,
            description=item.description,
            updated_by=actor,
        )
    local = timezone.localtime(start)
    moved_note = _("Moved to %(date)s.") % {"date": f"{local:%d.%m.%Y, %H:%M}"}
    versioned_save(
        instance=meeting,
        actor=actor,
        data={
            "status": Meeting.Status.MOVED,
            "moved_to": new,
            "status_note": f"{moved_note} {note}".strip(),
        },
        expected_version=expected_version,
        action="committees.meeting.moved",
    )
    audit_log(
        actor=actor,
        obj=new,
        action="committees.meeting.created",
        changes={"start": (None, start), "moved_from": (None, meeting)},
    )
    return new


def meeting_cancel(*, meeting: Meeting, actor: User, note: str, expected_version: int) -> Meeting:
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting was already cancelled or moved."))
    return versioned_save(
        instance=meeting,
        actor=actor,
        data={"status": Meeting.Status.CANCELLED, "status_note": note},
        expected_version=expected_version,
        action="committees.meeting.cancelled",
    )


@transaction.atomic
def meeting_delete(*, meeting: Meeting, actor: User) -> None:
    """Remove a meeting entered by mistake; its date is not generated again."""
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk).update(deleted_at=now, updated_at=now)
    audit_log(actor=actor, obj=meeting, action="committees.meeting.deleted")


def minutes_template(meeting: Meeting) -> str:
    """A skeleton of the minutes from the agenda, in Markdown."""
    local = timezone.localtime(meeting.start)
    lines = [
        f"# {_('Minutes')}: {meeting.title}",
        "",
        f"{_('Date')}: {local:%d.%m.%Y}, {local:%H:%M}",
    ]
    if meeting.location_id:
        lines.append(f"{_('Place')}: {meeting.location.one_line}")  # type: ignore[union-attr]
    lines += ["", f"{_('Present')}: ", ""]
    for item in meeting.agenda_items.filter(deleted_at__isnull=True):
        lines += [f"## TOP {item.number}: {item.title}", "", "", f"**{_('Decision')}:** ", ""]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- agenda


def _renumber(meeting: Meeting) -> None:
    """Items are numbered 1, 2, 3 … in their order; numbers like "3a" set by hand stay."""
    items = list(meeting.agenda_items.filter(deleted_at__isnull=True).order_by("order", "pk"))
    for index, item in enumerate(items, start=1):
        number = item.number if not item.number.isdigit() else str(index)
        if item.order != index or item.number != number:
            AgendaItem.objects.filter(pk=item.pk).update(
                order=index, number=number, updated_at=timezone.now()
            )


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, actor: User, data: dict[str, Any]) -> AgendaItem:
    last = (
        meeting.agenda_items.filter(deleted_at__isnull=True).aggregate(last=Max("order"))["last"]
        or 0
    )
    data = {**data, "number": data.get("number") or str(last + 1)}
    item = AgendaItem(
        district=meeting.district, meeting=meeting, order=last + 1, updated_by=actor, **data
    )
    item.full_clean()
    item.save()
    audit_log(
        actor=actor,
        obj=item,
        action="committees.agendaitem.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return item


def agenda_item_update(
    *, item: AgendaItem, actor: User, data: dict[str, Any], expected_version: int
) -> AgendaItem:
    return versioned_save(
        instance=item,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.agendaitem.updated",
        before_save=lambda current: current.full_clean(),
    )


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor: User) -> None:
    now = timezone.now()
    AgendaItem.objects.filter(pk=item.pk).update(deleted_at=now, updated_at=now)
    audit_log(actor=actor, obj=item, action="committees.agendaitem.deleted")
    _renumber(item.meeting)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, actor: User, up: bool) -> None:
    """Swap an item with its neighbour; numbers follow the new order."""
    items = list(item.meeting.agenda_items.filter(deleted_at__isnull=True).order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    now = timezone.now()
    for order, other in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=other.pk).update(order=order, updated_at=now)
    _renumber(item.meeting)
    audit_log(
        actor=actor,
        obj=item,
        action="committees.agendaitem.moved",
        changes={"order": (index + 1, target + 1)},
    )


# ----------------------------------------------------------------------------- attendance


def expected_attendees(meeting: Meeting) -> tuple[list[BodyMember], list[Participation]]:
    """Members and participating positions of the body on the day of the meeting."""
    day = timezone.localdate(meeting.start)
    members = list(
        meeting.body.members.current(day).select_related("person", "organisation")  # type: ignore[attr-defined]
    )
    positions = list(meeting.body.participations.current(day).select_related("position"))  # type: ignore[attr-defined]
    return members, positions


@transaction.atomic
def attendance_save(
    *,
    meeting: Meeting,
    actor: User,
    members: Mapping[int, str],
    positions: Mapping[int, str],
) -> int:
    """Record who attended: {member pk: status}, {position pk: status}; "" clears an entry.

    Only members and positions of the body on the meeting's day can be recorded.
    """
    expected_members, expected_positions = expected_attendees(meeting)
    member_ids = {m.pk for m in expected_members}
    position_ids = {p.position_id for p in expected_positions}
    if set(members) - member_ids or set(positions) - position_ids:
        raise ValidationError(
            _("Attendance can only be recorded for members of the body on the day of the meeting.")
        )
    valid = set(Attendance.Status.values) | {""}
    if any(status not in valid for status in [*members.values(), *positions.values()]):
        raise ValidationError(_("Choose present, excused or absent."))
    before = {(a.member_id, a.position_id): a.status for a in meeting.attendances.all()}
    meeting.attendances.all().delete()
    rows = [
        Attendance(district=meeting.district, meeting=meeting, member_id=pk, status=status)
        for pk, status in members.items()
        if status
    ] + [
        Attendance(district=meeting.district, meeting=meeting, position_id=pk, status=status)
        for pk, status in positions.items()
        if status
    ]
    Attendance.objects.bulk_create(rows)
    after = {(a.member_id, a.position_id): a.status for a in rows}
    if before != after:
        audit_log(
            actor=actor,
            obj=meeting,
            action="committees.meeting.attendance",
            changes={"attendance": (len(before), len(after))},
        )
    return len(rows)


# ----------------------------------------------------------------------------- tasks


@transaction.atomic
def task_create(*, meeting: Meeting, actor: User, data: dict[str, Any]) -> MeetingTask:
    _check_position(meeting.district, data["responsible"])
    task = MeetingTask(district=meeting.district, meeting=meeting, updated_by=actor, **data)
    task.full_clean()
    task.save()
    audit_log(
        actor=actor,
        obj=task,
        action="committees.meetingtask.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return task


def task_update(
    *, task: MeetingTask, actor: User, data: dict[str, Any], expected_version: int
) -> MeetingTask:
    return versioned_save(
        instance=task,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.meetingtask.updated",
        before_save=lambda current: current.full_clean(),
    )


# ----------------------------------------------------------------------------- files


@transaction.atomic
def file_add(
    *,
    meeting: Meeting,
    actor: User,
    upload: UploadedFile,
    role: str,
    is_public: bool,
    agenda_item: AgendaItem | None = None,
    name: str = "",
) -> MeetingFile:
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    filename = upload.name or "datei"
    mime_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    record = MeetingFile(
        district=meeting.district,
        meeting=meeting,
        agenda_item=agenda_item,
        role=role,
        name=name or filename,
        mime_type=mime_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        is_public=is_public,
    )
    record.file.save(filename, upload, save=False)
    record.full_clean()
    record.save()
    audit_log(
        actor=actor,
        obj=record,
        action="committees.meetingfile.created",
        changes={"name": (None, record.name), "role": (None, role), "public": (None, is_public)},
    )
    return record


@transaction.atomic
def file_delete(*, record: MeetingFile, actor: User) -> None:
    now = timezone.now()
    MeetingFile.objects.filter(pk=record.pk).update(deleted_at=now, updated_at=now)
    audit_log(actor=actor, obj=record, action="committees.meetingfile.deleted")


# ----------------------------------------------------------------------------- members


@transaction.atomic
def person_create(*, district: District, actor: User, data: dict[str, Any]) -> Person:
    person = Person(district=district, updated_by=actor, **data)
    person.full_clean()
    person.save()
    audit_log(
        actor=actor,
        obj=person,
        action="committees.person.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return person


def person_update(
    *, person: Person, actor: User, data: dict[str, Any], expected_version: int
) -> Person:
    return versioned_save(
        instance=person,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.person.updated",
        before_save=lambda current: current.full_clean(),
    )


def _check_member(member: BodyMember) -> None:
    """Seats exist on the body and are held by one voting member at a time."""
    body = member.body
    _check_organisation(body.district, member.organisation)
    if member.seat is None:
        return
    if not body.seats or member.seat > body.seats:
        raise ValidationError({"seat": _("The body has no seat %(seat)s.") % {"seat": member.seat}})
    if member.role in {BodyMember.Role.DEPUTY_MEMBER}:
        return
    others = (
        BodyMember.objects.alive()
        .filter(body=body, seat=member.seat)
        .exclude(pk=member.pk)
        .exclude(role=BodyMember.Role.DEPUTY_MEMBER)
    )
    if member.end is not None:
        others = others.filter(start__lte=member.end)
    others = others.filter(Q(end__isnull=True) | Q(end__gte=member.start))
    holder = others.select_related("person", "organisation").first()
    if holder is not None:
        raise ValidationError(
            {
                "seat": _("Seat %(seat)s is held by %(holder)s in that period.")
                % {"seat": member.seat, "holder": holder}
            }
        )


@transaction.atomic
def member_create(
    *,
    body: Body,
    actor: User,
    data: dict[str, Any],
    new_person: dict[str, Any] | None = None,
) -> BodyMember:
    """Record a membership; `new_person` records the person in the same transaction."""
    if new_person:
        data = {
            **data,
            "person": person_create(district=body.district, actor=actor, data=new_person),
        }
    member = BodyMember(district=body.district, body=body, updated_by=actor, **data)
    member.full_clean()
    _check_member(member)
    member.save()
    audit_log(
        actor=actor,
        obj=member,
        action="committees.bodymember.created",
        changes={"body": (None, body), **{k: (None, v) for k, v in data.items()}},
    )
    return member


def member_update(
    *, member: BodyMember, actor: User, data: dict[str, Any], expected_version: int
) -> BodyMember:
    def check(current: BodyMember) -> None:
        current.full_clean()
        _check_member(current)

    return versioned_save(
        instance=member,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.bodymember.updated",
        before_save=check,
    )


@transaction.atomic
def member_succeed(
    *,
    member: BodyMember,
    actor: User,
    successor: Person | None,
    start: datetime.date,
    reason: str,
    expected_version: int,
    new_person: dict[str, Any] | None = None,
) -> BodyMember:
    """A member leaves; the successor moves up to the same seat for the rest of the term."""
    if _has_successor(member):
        raise ValidationError(_("This member already has a successor."))
    if start <= member.start:
        raise ValidationError({"start": _("The successor starts after the member started.")})
    member_update(
        member=member,
        actor=actor,
        data={"end": start - datetime.timedelta(days=1), "end_reason": reason},
        expected_version=expected_version,
    )
    return member_create(
        body=member.body,
        actor=actor,
        data={
            "person": successor,
            "organisation": member.organisation,
            "role": member.role,
            "voting_right": member.voting_right,
            "seat": member.seat,
            "term": member.term,
            "appointment": BodyMember.Appointment.SUCCEEDED,
            "start": start,
            "end": member.term.end if member.term_id else None,  # type: ignore[union-attr]
            "successor_of": member,
        },
        new_person=new_person,
    )


def _has_successor(member: BodyMember) -> bool:
    return BodyMember.objects.filter(successor_of=member).exists()


@transaction.atomic
def member_delete(*, member: BodyMember, actor: User) -> None:
    """Remove a membership entered by mistake (one that ended is given an end date instead)."""
    now = timezone.now()
    BodyMember.objects.filter(pk=member.pk).update(deleted_at=now, updated_at=now)
    audit_log(actor=actor, obj=member, action="committees.bodymember.deleted")


@transaction.atomic
def term_create(*, district: District, actor: User, data: dict[str, Any]) -> LegislativeTerm:
    term = LegislativeTerm(district=district, updated_by=actor, **data)
    term.full_clean()
    term.save()
    audit_log(
        actor=actor,
        obj=term,
        action="committees.legislativeterm.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return term


def term_update(
    *, term: LegislativeTerm, actor: User, data: dict[str, Any], expected_version: int
) -> LegislativeTerm:
    return versioned_save(
        instance=term,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="committees.legislativeterm.updated",
        before_save=lambda current: current.full_clean(),
    )


@transaction.atomic
def location_create(*, district: District, actor: User, data: dict[str, Any]) -> Location:
    location = Location(district=district, updated_by=actor, **data)
    location.full_clean()
    location.save()
    audit_log(
        actor=actor,
        obj=location,
        action="committees.location.created",
        changes={k: (None, v) for k, v in data.items()},
    )
    return location


# ----------------------------------------------------------------------------- calendar


@transaction.atomic
def calendar_feed(*, position: Position, actor: User | None, renew: bool = False) -> CalendarFeed:
    """The position's secret calendar address; renewing it makes the old one stop working."""
    feed, created = CalendarFeed.objects.get_or_create(
        position=position, defaults={"district": position.district}
    )
    if renew and not created:
        feed.token = CalendarFeed._meta.get_field("token").get_default()
        feed.save(update_fields=["token"])
        audit_log(actor=actor, obj=position, action="committees.calendar.renewed")
    return feed
