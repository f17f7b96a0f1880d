"""Tenancy-walk providers of the districts app: A's office, a position and a holding."""

from __future__ import annotations

import datetime

from django_scopes import scope

from teilhabe.districts.models import Office, Position, PositionHolding


def populate(world) -> None:
    district = world.district_a
    holder = world.users[("a", "staff")]
    holder.full_name = "MARKER-A-PERSON"
    holder.save()
    with scope(district=district):
        office = Office.objects.get()
        position = Position.objects.create(
            district=district, code="IntX", title="MARKER-A-POSITION"
        )
        holding = PositionHolding.objects.create(
            district=district, position=position, user=holder, start=datetime.date(2024, 1, 1)
        )
    world.objects.update(office=office, position=position, holding=holding)
    world.markers += ["MARKER-A-PERSON", "MARKER-A-POSITION", holder.email]


PROVIDERS = {
    "position": lambda world: str(world.objects["position"].pk),
    "holding": lambda world: str(world.objects["holding"].pk),
}
