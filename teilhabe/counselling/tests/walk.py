"""Tenancy-walk providers of counselling: a consultation of A with contact data."""

from __future__ import annotations

from .factories import consultation


def populate(world) -> None:
    record = consultation(
        world.district_a,
        note="MARKER-A-CONSULTATION",
        wants_follow_up=True,
        pseudonym="MARKER-A-PSEUDONYM",
        contact="marker-a-client@example.org",
    )
    world.objects.update(consultation=record)
    world.markers += ["MARKER-A-CONSULTATION", "MARKER-A-PSEUDONYM", "marker-a-client@example.org"]


PROVIDERS = {"consultation": lambda world: str(world.objects["consultation"].pk)}
