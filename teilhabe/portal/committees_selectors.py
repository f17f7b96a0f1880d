"""Reads of the portal's committee pages: only what the office published.

Public are bodies marked public and not deleted, their meetings that are not deleted,
agenda items and documents marked public, minutes marked public, and members who agreed
to publication (organisations always). Attendance is shown only for such members who
were present. Every function costs a fixed number of queries whatever the data size.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from teilhabe.committees.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyMember,
    Meeting,
    MeetingFile,
)
from teilhabe.directory.models import Organisation
from teilhabe.districts.models import District

PAST_PAGE_SIZE = 12
# What a meeting in a list shows: its date, place and a cancellation with its note.
MEETING_LIST_FIELDS = (
    "start",
    "name",
    "status",
    "status_note",
    "location__name",
    "moved_to__start",
    "moved_to__deleted_at",
)
UPCOMING_SHOWN = 6
CANCELLED = (Meeting.Status.CANCELLED, Meeting.Status.MOVED)
HOST_DEFERRED = ("internal_note", "search_text", "description", "opening_hours")


def _start_of_today() -> datetime.datetime:
    """Today's meeting still counts as upcoming after it has begun."""
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def public_bodies(*, district: District) -> QuerySet[Body]:
    """The district's bodies shown on the portal."""
    return Body.objects.filter(district=district, is_public=True, deleted_at__isnull=True)


def public_meetings(*, district: District) -> QuerySet[Meeting]:
    """Meetings of the district's public bodies that were not deleted."""
    return Meeting.objects.filter(
        district=district,
        deleted_at__isnull=True,
        body__is_public=True,
        body__deleted_at__isnull=True,
    )


def _public_member(prefix: str = "") -> Q:
    """A person's membership is public only with their consent; an organisation's always."""
    return Q(**{f"{prefix}person__isnull": True}) | Q(
        **{
            f"{prefix}person__public_consent_on__isnull": False,
            f"{prefix}person__deleted_at__isnull": True,
        }
    )


def _public_item() -> Q:
    """A document belongs to the meeting or to an agenda item that is itself public."""
    return Q(agenda_item__isnull=True) | Q(
        agenda_item__is_public=True, agenda_item__deleted_at__isnull=True
    )


def body_list(*, district: District) -> list[Body]:
    """Public bodies with their next meeting that takes place (start and id); one query."""
    upcoming = (
        Meeting.objects.filter(
            body=OuterRef("pk"), deleted_at__isnull=True, start__gte=_start_of_today()
        )
        .exclude(status__in=CANCELLED)
        .order_by("start", "pk")
    )
    return list(
        public_bodies(district=district)
        .select_related("parent")
        .only(
            "name",
            "kind",
            "level",
            "status",
            "rhythm_rule",
            "rhythm_text",
            "parent__name",
            "parent__is_public",
            "parent__deleted_at",
        )
        .annotate(
            next_start=Subquery(upcoming.values("start")[:1]),
            next_id=Subquery(upcoming.values("pk")[:1]),
        )
        .order_by("name", "pk")
    )


def public_body(*, district: District, pk: int) -> Body:
    """A public body with what its page shows; `host_in_guide` says whether to link the host."""
    in_guide = Organisation.public.serving(district).filter(pk=OuterRef("host_organisation_id"))
    return (
        public_bodies(district=district)
        .select_related("parent", "host_organisation", "default_location")
        # The host's internal note and search text are never shown here.
        .defer(
            *(f"host_organisation__{name}" for name in HOST_DEFERRED),
            "parent__description",
        )
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Body.objects.filter(is_public=True, deleted_at__isnull=True)
                .only("name", "parent_id")
                .order_by("name", "pk"),
                to_attr="public_children",
            )
        )
        .annotate(host_in_guide=Exists(in_guide))
        .get(pk=pk)
    )


def upcoming_meetings(*, body: Body, limit: int = UPCOMING_SHOWN) -> list[Meeting]:
    """The next meetings, cancelled and moved ones included (they carry a note).

    One more than `limit` is read, so that the page knows whether later dates exist.
    """
    return list(
        Meeting.objects.filter(body=body, deleted_at__isnull=True, start__gte=_start_of_today())
        .select_related("location", "moved_to")
        .only(*MEETING_LIST_FIELDS)
        .order_by("start", "pk")[: limit + 1]
    )


def past_meetings_page(*, body: Body, number: str | int | None) -> Page:
    """One page of earlier meetings, newest first."""
    meetings = (
        Meeting.objects.filter(body=body, deleted_at__isnull=True, start__lt=_start_of_today())
        .select_related("location", "moved_to")
        .only(*MEETING_LIST_FIELDS)
        .order_by("-start", "-pk")
    )
    return Paginator(meetings, PAST_PAGE_SIZE).get_page(number)


def public_members(*, body: Body) -> list[BodyMember]:
    """Current members who agreed to publication, by seat; organisations always."""
    in_guide = Organisation.public.serving(body.district_id).filter(pk=OuterRef("organisation_id"))
    return list(
        BodyMember.objects.current()
        .filter(body=body)
        .filter(_public_member())
        .select_related("person", "organisation", "term")
        .only(
            "seat",
            "role",
            "voting_right",
            "person__name",
            "person__affiliation",
            "organisation__name",
            "term__name",
        )
        .annotate(organisation_in_guide=Exists(in_guide))
        .order_by(F("seat").asc(nulls_last=True), "role", "start", "pk")
    )


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    items: Sequence[AgendaItem]
    files: Sequence[MeetingFile]
    present: Sequence[BodyMember]


def public_meeting(*, district: District, pk: int) -> MeetingPage:
    """A public meeting with its public agenda, documents and consenting members present."""
    meeting = (
        public_meetings(district=district)
        .select_related("body", "location", "moved_to", "moved_from")
        .get(pk=pk)
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting, deleted_at__isnull=True, is_public=True)
        .prefetch_related(
            Prefetch(
                "files",
                queryset=MeetingFile.objects.filter(is_public=True, deleted_at__isnull=True),
                to_attr="public_files",
            )
        )
        .order_by("order", "pk")
    )
    files = list(
        MeetingFile.objects.filter(
            meeting=meeting, is_public=True, deleted_at__isnull=True, agenda_item__isnull=True
        ).order_by("role", "name", "pk")
    )
    present = [
        cast(BodyMember, attendance.member)
        for attendance in Attendance.objects.filter(
            meeting=meeting,
            status=Attendance.Status.PRESENT,
            member__isnull=False,
            member__deleted_at__isnull=True,
        )
        .filter(_public_member("member__"))
        .select_related("member__person", "member__organisation")
        .order_by("member__seat", "member__person__name", "member__pk")
    ]
    return MeetingPage(meeting=meeting, items=items, files=files, present=present)


def public_file(*, district: District, pk: int) -> MeetingFile:
    """A public document of a public meeting (not of a private agenda item)."""
    return (
        MeetingFile.objects.filter(
            district=district,
            is_public=True,
            deleted_at__isnull=True,
            meeting__deleted_at__isnull=True,
            meeting__body__is_public=True,
            meeting__body__deleted_at__isnull=True,
        )
        .filter(_public_item())
        .get(pk=pk)
    )
