"""Tenancy-walk providers of committees.

District A gets a public advisory board whose meeting carries private parts (an
internal agenda item, unpublished minutes, a task, an internal document, a member who
did not agree to publication) and an internal body. The providers point at the public
records, so public pages open for A; the markers must show on no page of B and on no
public page or feed.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from teilhabe.committees import services
from teilhabe.committees.models import Body

from . import factories


def populate(world) -> None:
    district = world.district_a
    board = factories.body(
        district,
        name="Integrationsbeirat Walk",
        kind=Body.Kind.ADVISORY_BOARD,
        is_public=True,
        seats=15,
    )
    internal = factories.body(district, name="MARKER-A-INTERNAL-BODY")
    factories.meeting(internal, name="MARKER-A-INTERNAL-MEETING")
    participation = factories.participate(board, "IntB", "lead")
    with scope(district=district):
        location = services.location_create(
            district=district,
            actor=None,  # type: ignore[arg-type]
            data={
                "name": "Rathaus Walk",
                "street": "Alice-Salomon-Platz 3",
                "postal_code": "12627",
            },
        )
    meeting = factories.meeting(board, minutes="MARKER-A-MINUTES", location=location)
    item = factories.agenda_item(meeting, "Begrüßung")
    factories.agenda_item(meeting, "MARKER-A-PRIVATE-ITEM", is_public=False)
    consenting = factories.person(district, "Walk Öffentlich")
    hidden = factories.person(
        district, "MARKER-A-PERSON", consent=False, email="marker-a-member@example.org"
    )
    with scope(district=district):
        term = services.term_create(
            district=district,
            actor=None,  # type: ignore[arg-type]
            data={
                "name": "Amtszeit 2026–2031",
                "start": datetime.date(2026, 11, 1),
                "end": datetime.date(2031, 10, 31),
            },
        )
        member = factories.member(board, consenting, seat=1, term=term)
        factories.member(board, hidden, seat=2, term=term)
        task = services.task_create(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            data={"title": "MARKER-A-TASK", "responsible": participation.position},
        )
        document = services.file_add(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            upload=SimpleUploadedFile("einladung.pdf", b"%PDF-1.4 walk", "application/pdf"),
            role="invitation",
            is_public=True,
        )
        services.file_add(
            meeting=meeting,
            actor=None,  # type: ignore[arg-type]
            upload=SimpleUploadedFile("MARKER-A-FILE.pdf", b"%PDF-1.4 walk", "application/pdf"),
            role="attachment",
            is_public=False,
        )
        exception = services.exception_add(
            body=board,
            actor=None,  # type: ignore[arg-type]
            date=datetime.date(2027, 8, 4),
            reason="Sommerpause",
        )
    world.objects.update(
        body=board,
        meeting=meeting,
        item=item,
        member=member,
        person=consenting,
        term=term,
        participation=participation,
        task=task,
        document=document,
        exception=exception,
        location=location,
    )
    world.markers += [
        "MARKER-A-INTERNAL-BODY",
        "MARKER-A-INTERNAL-MEETING",
        "MARKER-A-MINUTES",
        "MARKER-A-PRIVATE-ITEM",
        "MARKER-A-PERSON",
        "marker-a-member@example.org",
        "MARKER-A-TASK",
        "MARKER-A-FILE",
    ]


def _pk(name: str):
    return lambda world: str(world.objects[name].pk)


PROVIDERS = {
    name: _pk(name)
    for name in (
        "body",
        "meeting",
        "item",
        "member",
        "person",
        "term",
        "participation",
        "task",
        "document",
        "exception",
        "location",
    )
}
# A position's calendar address (kalender/<token>.ics) is a secret; the walk fills
# <token> with core's provider, which is no calendar token, so the feed answers 404.
