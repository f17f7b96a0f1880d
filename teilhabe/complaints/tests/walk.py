"""Tenancy-walk providers of the Ombudsstelle.

District A gets a complaint with a subject, a named complainant and an internal note;
these markers must show on no page of district B and on no public page.
"""

from __future__ import annotations

from django_scopes import scope

from teilhabe.complaints import services

from . import factories


def populate(world) -> None:
    district = world.district_a
    complaint = factories.complaint(
        district, subject="MARKER-A-COMPLAINT-SUBJECT", name="MARKER-A-COMPLAINANT"
    )
    with scope(district=district):
        services.note_add(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            text="MARKER-A-COMPLAINT-NOTE",
        )
    world.objects.update(complaint=complaint)
    world.markers += [
        "MARKER-A-COMPLAINT-SUBJECT",
        "MARKER-A-COMPLAINANT",
        "MARKER-A-COMPLAINT-NOTE",
    ]


PROVIDERS = {"complaint": lambda world: str(world.objects["complaint"].pk)}
