"""Reads of the OParl API: what a district published about its bodies (Gremien).

Each selector returns the rows of one OParl type, annotated with

- `oparl_live`: the row is published. Otherwise it is served as a deleted object
  (id, type, created, modified, deleted and what its schema requires), which OParl 1.1
  asks for both for deleted and for depublished records, so clients drop their copy;
- `oparl_modified`: the latest change of anything the object shows or embeds, or
  of what decides whether it is published, so `modified_since` finds it.

Published are public bodies that were not deleted, their meetings, public agenda items
and public documents (not those of a private agenda item), memberships of persons who
agreed to publication, those persons, the places of published meetings and bodies, and
the district's terms of office. Rows outside a public body are never returned, not
even as deleted objects: an internal body stays invisible. Every selector runs inside
the district scope the middleware opened and costs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Max,
    Min,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django_scopes import scope

from teilhabe.committees.models import (
    AgendaItem,
    Body,
    BodyMember,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingFile,
    Person,
)
from teilhabe.districts.models import District, Office


def _greatest(first: str, *others: Any) -> Greatest:
    """The latest of several moments; missing ones (no row, no join) count as `first`."""
    return Greatest(F(first), *[Coalesce(other, F(first)) for other in others])


def _same(model: type[Model], **related: Any) -> QuerySet:
    """The outer row itself, found by primary key, joined to its related rows.

    Correlated subqueries start from the outer row's primary key and reach related
    rows through their foreign-key index. Starting from the related model instead
    would add the district scope's condition, and SQLite without statistics then
    scans the district's whole table through the district index for every row.
    """
    return model._default_manager.filter(pk=OuterRef("pk"), **related)


def _latest(model: type[Model], relation: str, condition: Q | None = None) -> Subquery:
    """The latest `updated_at` among the outer row's related rows (None without any)."""
    latest = Max(f"{relation}__updated_at", filter=condition)
    return Subquery(_same(model).values("pk").annotate(latest=latest).values("latest"))


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _select(queryset: QuerySet, live: Q, modified: Expression | F, deleted: bool) -> QuerySet:
    """Published rows only, or with `deleted` also the others of the public context."""
    queryset = queryset.annotate(oparl_live=_flag(live), oparl_modified=modified)
    return (queryset if deleted else queryset.filter(live)).order_by("pk")


# ----------------------------------------------------------------------------- published


def _live_item() -> Q:
    return Q(
        is_public=True,
        deleted_at__isnull=True,
        meeting__deleted_at__isnull=True,
        meeting__body__deleted_at__isnull=True,
    )


def _live_file() -> Q:
    """A public document of a live meeting, unless it belongs to a hidden agenda item."""
    return Q(
        is_public=True,
        deleted_at__isnull=True,
        meeting__deleted_at__isnull=True,
        meeting__body__deleted_at__isnull=True,
    ) & (
        Q(agenda_item__isnull=True)
        | Q(agenda_item__is_public=True, agenda_item__deleted_at__isnull=True)
    )


def _live_member() -> Q:
    return Q(
        deleted_at__isnull=True,
        body__deleted_at__isnull=True,
        person__public_consent_on__isnull=False,
        person__deleted_at__isnull=True,
    )


# ----------------------------------------------------------------------------- modified


def _file_modified() -> Greatest:
    return _greatest(
        "updated_at",
        F("meeting__deleted_at"),
        F("meeting__body__deleted_at"),
        F("agenda_item__updated_at"),
    )


def _item_modified() -> Greatest:
    return _greatest(
        "updated_at",
        F("meeting__deleted_at"),
        F("meeting__body__deleted_at"),
        _latest(AgendaItem, "files"),
    )


def _member_modified() -> Greatest:
    return _greatest("updated_at", F("body__deleted_at"), F("person__updated_at"))


def _files_prefetch(lookup: str) -> Prefetch:
    live = MeetingFile.objects.filter(_live_file()).annotate(oparl_modified=_file_modified())
    return Prefetch(lookup, queryset=live.order_by("role", "name", "pk"), to_attr="oparl_files")


# ----------------------------------------------------------------------------- types


def organizations(*, district: District, deleted: bool = False) -> QuerySet[Body]:
    """Public bodies; a deleted one stays as a deleted object."""
    modified = _greatest("updated_at", F("default_location__updated_at"), F("parent__updated_at"))
    queryset = Body.objects.filter(district=district, is_public=True)
    return _select(
        queryset.select_related("default_location", "parent"),
        Q(deleted_at__isnull=True),
        modified,
        deleted,
    )


def meetings(*, district: District, deleted: bool = False) -> QuerySet[Meeting]:
    """Meetings of public bodies with their public agenda and documents."""
    items = (
        AgendaItem.objects.filter(_live_item())
        .annotate(oparl_modified=_item_modified())
        .order_by("order", "pk")
    )
    modified = _greatest(
        "updated_at",
        F("body__updated_at"),
        F("location__updated_at"),
        _latest(Meeting, "agenda_items"),
        _latest(Meeting, "files"),
    )
    queryset = (
        Meeting.objects.filter(district=district, body__is_public=True)
        .select_related("body", "location")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items, to_attr="oparl_items"),
            _files_prefetch("files"),
        )
    )
    live = Q(deleted_at__isnull=True, body__deleted_at__isnull=True)
    return _select(queryset, live, modified, deleted)


def agenda_items(*, district: District, deleted: bool = False) -> QuerySet[AgendaItem]:
    """Agenda items of public bodies' meetings; private ones count as depublished."""
    queryset = AgendaItem.objects.filter(
        district=district, meeting__body__is_public=True
    ).prefetch_related(_files_prefetch("files"))
    return _select(queryset, _live_item(), _item_modified(), deleted)


def files(*, district: District, deleted: bool = False) -> QuerySet[MeetingFile]:
    """Documents of public bodies' meetings; private ones count as depublished."""
    queryset = MeetingFile.objects.filter(district=district, meeting__body__is_public=True)
    return _select(queryset, _live_file(), _file_modified(), deleted)


def memberships(*, district: District, deleted: bool = False) -> QuerySet[BodyMember]:
    """Persons' memberships in public bodies; published only with the person's consent."""
    queryset = BodyMember.objects.filter(
        district=district, body__is_public=True, person__isnull=False
    )
    return _select(queryset, _live_member(), _member_modified(), deleted)


def persons(*, district: District, deleted: bool = False) -> QuerySet[Person]:
    """Members of public bodies; published with consent and a published membership."""
    published = (
        BodyMember.objects.filter(_live_member(), body__is_public=True)
        .annotate(oparl_modified=_member_modified())
        .order_by("body__name", "start", "pk")
    )
    in_public_body = Q(memberships__body__is_public=True)
    queryset = (
        Person.objects.filter(district=district)
        .filter(Exists(_same(Person, memberships__body__is_public=True)))
        .prefetch_related(Prefetch("memberships", queryset=published, to_attr="oparl_memberships"))
    )
    with_published = _same(
        Person,
        memberships__deleted_at__isnull=True,
        memberships__body__is_public=True,
        memberships__body__deleted_at__isnull=True,
    )
    live = Q(deleted_at__isnull=True, public_consent_on__isnull=False) & Q(Exists(with_published))
    modified = _greatest("updated_at", _latest(Person, "memberships", in_public_body))
    return _select(queryset, live, modified, deleted)


def locations(*, district: District, deleted: bool = False) -> QuerySet[Location]:
    """Places of published meetings and the usual places of published bodies."""
    of_meeting = _same(
        Location,
        meetings__deleted_at__isnull=True,
        meetings__body__is_public=True,
        meetings__body__deleted_at__isnull=True,
    )
    # Body.default_location has no reverse relation; a district has few bodies.
    of_body = Body.objects.filter(
        default_location=OuterRef("pk"), is_public=True, deleted_at__isnull=True
    )
    used = Q(Exists(of_meeting)) | Q(Exists(of_body))
    # A place that is no longer used simply disappears: it has no content of its own.
    return _select(Location.objects.filter(district=district), used, F("updated_at"), False)


def terms(*, district: District, deleted: bool = False) -> QuerySet[LegislativeTerm]:
    """The district's terms of office (of its advisory board)."""
    queryset = LegislativeTerm.objects.filter(district=district)
    return _select(queryset, Q(pk__isnull=False), F("updated_at"), False)


def organization_exists(*, district: District, pk: int) -> bool:
    """Whether `pk` is a public body, deleted or not (internal bodies do not exist here)."""
    return Body.objects.filter(district=district, is_public=True, pk=pk).exists()


# ----------------------------------------------------------------------------- bodies


@dataclass(frozen=True)
class DistrictBody:
    """A district as OParl Body: its office gives contact and time stamps."""

    district: District
    office: Office
    terms: list[LegislativeTerm]

    @property
    def modified(self) -> datetime.datetime:
        return max([self.office.updated_at, *(term.updated_at for term in self.terms)])


def district_bodies(*, districts: list[District]) -> list[DistrictBody]:
    """The districts with their offices and terms, in two queries.

    Office and terms are public, so they are read in one scope over exactly these
    districts (the system's body list has no district of its own).
    """
    with scope(district=districts):
        offices = {office.district_id: office for office in Office.objects.all()}
        by_district: dict[int, list[LegislativeTerm]] = defaultdict(list)
        for term in LegislativeTerm.objects.order_by("start", "pk"):
            by_district[term.district_id].append(term)
    return [
        DistrictBody(district, offices[district.pk], by_district[district.pk])
        for district in districts
        if district.pk in offices
    ]


def system_created(*, districts: list[District]) -> datetime.datetime | None:
    """When the platform was set up: the first office was recorded with its district."""
    with scope(district=districts):
        return Office.objects.aggregate(first=Min("created_at"))["first"]
