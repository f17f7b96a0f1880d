"""Tenancy-walk providers of the Ombudsstelle.

District A gets a complaint with a subject, a named complainant, an internal note, a
statement request, an assessment (its letter is the walk's `kind`/`record`) and an
attachment; these markers must show on no page of district B and on no public page.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from teilhabe.complaints import services
from teilhabe.complaints.attachments import attachment_add
from teilhabe.directory.tests.factories import organisation

from . import factories


def populate(world) -> None:
    district = world.district_a
    complaint = factories.complaint(
        district, subject="MARKER-A-COMPLAINT-SUBJECT", name="MARKER-A-COMPLAINANT"
    )
    body = organisation(district, name="MARKER-A-COMPLAINT-BODY", is_public=False)
    staff = world.users[("a", "staff")]
    with scope(district=district):
        services.note_add(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            text="MARKER-A-COMPLAINT-NOTE",
        )
        statement = services.statement_request(
            complaint=complaint,
            actor=staff,
            organisation=body,
            text="MARKER-A-STATEMENT-TEXT",
            deadline=complaint.received_on + datetime.timedelta(days=14),
        )
        assessment = services.assessment_draft(
            complaint=complaint,
            actor=staff,
            recipient="complainant",
            text="MARKER-A-ASSESSMENT-TEXT",
        )
        attachment = attachment_add(
            complaint=complaint,
            actor=staff,
            upload=SimpleUploadedFile("MARKER-A-ATTACHMENT.txt", b"MARKER-A-ATTACHMENT-CONTENT"),
        )
    world.objects.update(
        complaint=complaint, statement=statement, assessment=assessment, attachment=attachment
    )
    world.markers += [
        "MARKER-A-COMPLAINT-SUBJECT",
        "MARKER-A-COMPLAINANT",
        "MARKER-A-COMPLAINT-NOTE",
        "MARKER-A-STATEMENT-TEXT",
        "MARKER-A-ASSESSMENT-TEXT",
        "MARKER-A-ATTACHMENT",
    ]


PROVIDERS = {
    "complaint": lambda world: str(world.objects["complaint"].pk),
    "statement": lambda world: str(world.objects["statement"].pk),
    "assessment": lambda world: str(world.objects["assessment"].pk),
    "attachment": lambda world: str(world.objects["attachment"].pk),
    # The letter of A's assessment.
    "kind": lambda world: "einschaetzung",
    "record": lambda world: str(world.objects["assessment"].pk),
}
