"""Factories of committees: bodies, meetings and members through the services."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django_scopes import scope

from teilhabe.committees import services
from teilhabe.committees.models import AgendaItem, Body, BodyMember, Meeting, Person
from teilhabe.districts.models import District, Position


def position(district: District, code: str = "IntB") -> Position:
    with scope(district=district):
        found = Position.objects.filter(district=district, code=code).first()
        return found or Position.objects.create(district=district, code=code, title=code)


def body(district: District, *, actor: Any = None, **data: Any) -> Body:
    """A district body (no rhythm unless given), created as the service does."""
    data.setdefault("name", "Vernetzungsrunde Integrationspolitik")
    data.setdefault("kind", Body.Kind.NETWORK)
    data.setdefault("level", Body.Level.DISTRICT)
    with scope(district=district):
        return services.body_create(district=district, actor=actor, data=data)


def meeting(
    body_: Body, *, start: datetime.datetime | None = None, actor: Any = None, **data: Any
) -> Meeting:
    start = start or timezone.make_aware(datetime.datetime(2026, 12, 2, 17, 0))  # noqa: DTZ001
    data.setdefault("end", start + datetime.timedelta(hours=2))
    with scope(district=body_.district):
        return services.meeting_create(body=body_, actor=actor, data={"start": start, **data})


def agenda_item(meeting_: Meeting, title: str, *, actor: Any = None, **data: Any) -> AgendaItem:
    with scope(district=meeting_.district):
        return services.agenda_item_add(
            meeting=meeting_, actor=actor, data={"title": title, **data}
        )


def person(district: District, name: str, *, consent: bool = True, **data: Any) -> Person:
    with scope(district=district):
        return services.person_create(
            district=district,
            actor=None,  # type: ignore[arg-type]
            data={
                "name": name,
                "public_consent_on": datetime.date(2026, 1, 5) if consent else None,
                **data,
            },
        )


def member(body_: Body, person_: Person | None = None, **data: Any) -> BodyMember:
    data.setdefault("start", datetime.date(2026, 1, 1))
    with scope(district=body_.district):
        return services.member_create(
            body=body_,
            actor=None,  # type: ignore[arg-type]
            data={"person": person_, **data},
        )


def participate(body_: Body, code: str = "IntB", role: str = "participant", **data: Any):
    with scope(district=body_.district):
        return services.participation_create(
            body=body_,
            actor=None,
            data={
                "position": position(body_.district, code),
                "role": role,
                "start": data.pop("start", datetime.date(2026, 1, 1)),
                **data,
            },
        )
