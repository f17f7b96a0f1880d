"""Casework of a complaint: statements of the bodies concerned, the AGG referral to the
Landesstelle für Gleichbehandlung – gegen Diskriminierung (LADS), and the assessment.

The steps move the case's status where the procedure says so: asking for a statement
makes it "statement requested", a drafted assessment "assessment in draft", the
approval "approved", the referral "referred". Each step is an event on the timeline.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.predicates import is_commissioner
from teilhabe.core.versioning import ConcurrentEditError, versioned_save
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import organisations_referable

from ..models import Assessment, Complaint, ComplaintEvent, Referral, StatementRequest
from .core import _event

S = Complaint.Status


def _move(complaint: Complaint, status: str, actor: User | None) -> None:
    """Set the status a step implies, if the case is not further along already."""
    if complaint.status == status:
        return
    before = complaint.status
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status, version=complaint.version + 1, updated_at=timezone.now()
    )
    complaint.status, complaint.version = status, complaint.version + 1
    _event(complaint, ComplaintEvent.Kind.STATUS, actor=actor, before=before, after=status)


def _open(complaint: Complaint) -> None:
    if not complaint.is_open:
        raise ValidationError(
            _("The case is closed or referred; reopen it first."), code="not_open"
        )


def _check_body(complaint: Complaint, organisation: Organisation) -> None:
    allowed = organisations_referable(district=complaint.district)
    if not allowed.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("Choose a body of this district or a public entry.")}
        )


# ----------------------------------------------------------------------------- statements


@transaction.atomic
def statement_request(
    *,
    complaint: Complaint,
    actor: User,
    organisation: Organisation,
    text: str,
    deadline: datetime.date,
) -> StatementRequest:
    """Ask a body concerned for its statement, sending `text` (edited so that it does
    not identify the complainant) with an answer due by `deadline`."""
    _open(complaint)
    _check_body(complaint, organisation)
    today = timezone.localdate()
    if deadline < today:
        raise ValidationError({"deadline": _("The deadline cannot lie in the past.")})
    if not text.strip():
        raise ValidationError({"text_sent": _("Write what the body is asked about.")})
    request = StatementRequest(
        district=complaint.district,
        complaint=complaint,
        organisation=organisation,
        text_sent=text.strip(),
        sent_on=today,
        deadline=deadline,
        updated_by=actor,
    )
    request.full_clean()
    request.save()
    complaint.organisations.add(organisation, through_defaults={"district": complaint.district})
    _event(complaint, ComplaintEvent.Kind.STATEMENT_REQUESTED, actor=actor, text=str(organisation))
    if complaint.status in (S.RECEIVED, S.IN_REVIEW):
        _move(complaint, S.STATEMENT_REQUESTED, actor)
    audit_log(
        actor=actor,
        obj=request,
        action="complaints.statementrequest.created",
        changes={"deadline": (None, deadline.isoformat())},
    )
    return request


@transaction.atomic
def statement_remind(*, request: StatementRequest, actor: User) -> StatementRequest:
    if request.is_answered:
        raise ValidationError(_("The body has answered already."), code="answered")
    today = timezone.localdate()
    StatementRequest.objects.filter(pk=request.pk).update(reminded_on=today)
    request.reminded_on = today
    _event(
        request.complaint,
        ComplaintEvent.Kind.STATEMENT_REMINDED,
        actor=actor,
        text=str(request.organisation),
    )
    audit_log(actor=actor, obj=request, action="complaints.statementrequest.reminded")
    return request


@transaction.atomic
def statement_receive(
    *,
    request: StatementRequest,
    actor: User,
    statement: str,
    received_on: datetime.date,
    expected_version: int,
) -> StatementRequest:
    if received_on > timezone.localdate() or received_on < request.sent_on:
        raise ValidationError(
            {"received_on": _("The answer arrives between the request and today.")}
        )
    saved = versioned_save(
        instance=request,
        actor=actor,
        data={"statement": statement.strip(), "received_on": received_on},
        expected_version=expected_version,
        action="complaints.statementrequest.received",
    )
    _event(
        request.complaint,
        ComplaintEvent.Kind.STATEMENT_RECEIVED,
        actor=actor,
        text=str(request.organisation),
    )
    return saved


# ----------------------------------------------------------------------------- AGG referral


@transaction.atomic
def referral_consent(
    *,
    complaint: Complaint,
    actor: User,
    consent_on: datetime.date,
    how: str,
    shared: Iterable[str],
) -> Referral:
    """Record that the complainant agreed to the referral, how, and what may be passed on."""
    shared = sorted(set(shared))
    if not set(shared) <= set(Referral.Share.values):
        raise ValidationError({"shared": _("Choose from the list what may be passed on.")})
    if complaint.is_anonymous and {Referral.Share.NAME, Referral.Share.CONTACT} & set(shared):
        raise ValidationError(
            {"shared": _("An anonymous complaint has no name or contact details to pass on.")}
        )
    if consent_on > timezone.localdate() or consent_on < complaint.received_on:
        raise ValidationError({"consent_on": _("Consent is given between receipt and today.")})
    referral, _created = Referral.objects.update_or_create(
        complaint=complaint,
        defaults={
            "district": complaint.district,
            "consent_on": consent_on,
            "consent_how": how,
            "shared": shared,
            "updated_by": actor,
        },
    )
    referral.full_clean()
    _event(complaint, ComplaintEvent.Kind.CONSENT, actor=actor, text=", ".join(shared))
    audit_log(
        actor=actor,
        obj=referral,
        action="complaints.referral.consent",
        changes={"how": (None, how), "shared": (None, shared)},
    )
    return referral


def referral_data(complaint: Complaint) -> dict[str, Any]:
    """What the referral letter may contain: only what the complainant agreed to."""
    referral = complaint.referral
    shared = set(referral.shared)
    data: dict[str, Any] = {"reference": complaint.reference, "grounds": []}
    data["grounds"] = list(
        complaint.tags.filter(kind="ground").order_by("value").values_list("value", flat=True)
    )
    if Referral.Share.NAME in shared:
        data["name"] = complaint.name
    if Referral.Share.CONTACT in shared:
        data.update(email=complaint.email, phone=complaint.phone, address=complaint.address)
    if Referral.Share.DESCRIPTION in shared:
        data.update(subject=complaint.subject, description=complaint.description)
    if Referral.Share.STATEMENTS in shared:
        data["statements"] = [
            (str(request.organisation), request.statement)
            for request in complaint.statements.filter(received_on__isnull=False)
        ]
    return data


@transaction.atomic
def referral_send(*, complaint: Complaint, actor: User) -> Referral:
    """Refer the case to the LADS; only after the complainant's consent is recorded."""
    referral = Referral.objects.filter(complaint=complaint).first()
    if referral is None:
        raise ValidationError(
            _("Record the complainant's consent before the case is referred."), code="consent"
        )
    _open(complaint)
    today = timezone.localdate()
    Referral.objects.filter(pk=referral.pk).update(sent_on=today)
    referral.sent_on = today
    Complaint.objects.filter(pk=complaint.pk).update(closed_on=today, feedback_due=None)
    complaint.closed_on, complaint.feedback_due = today, None
    _move(complaint, S.REFERRED, actor)
    _event(complaint, ComplaintEvent.Kind.REFERRED, actor=actor)
    audit_log(actor=actor, obj=referral, action="complaints.referral.sent")
    return referral


@transaction.atomic
def referral_outcome(
    *, referral: Referral, actor: User, outcome: str, on: datetime.date, expected_version: int
) -> Referral:
    return versioned_save(
        instance=referral,
        actor=actor,
        data={"outcome": outcome.strip(), "outcome_on": on},
        expected_version=expected_version,
        action="complaints.referral.outcome",
    )


# ----------------------------------------------------------------------------- assessment


@transaction.atomic
def assessment_draft(
    *,
    complaint: Complaint,
    actor: User,
    recipient: str,
    text: str,
    organisation: Organisation | None = None,
    language: str = "de",
) -> Assessment:
    """Draft the letter to the complainant or to a body; drafting again starts over
    (an approval of the earlier text does not carry over)."""
    _open(complaint)
    if organisation is not None:
        _check_body(complaint, organisation)
    assessment = Assessment(
        district=complaint.district,
        complaint=complaint,
        recipient=recipient,
        organisation=organisation,
        language=language,
        text=text.strip(),
        drafted_by=actor,
        updated_by=actor,
    )
    assessment.full_clean()
    assessment.save()
    _event(complaint, ComplaintEvent.Kind.ASSESSMENT_DRAFTED, actor=actor)
    if complaint.status in (S.IN_REVIEW, S.STATEMENT_REQUESTED, S.APPROVED):
        _move(complaint, S.ASSESSMENT_DRAFT, actor)
    audit_log(
        actor=actor,
        obj=assessment,
        action="complaints.assessment.created",
        changes={"recipient": (None, recipient)},
    )
    return assessment


@transaction.atomic
def assessment_approve(*, assessment: Assessment, actor: User, expected_version: int) -> Assessment:
    """Four eyes: the commissioner approves what somebody else drafted."""
    complaint = assessment.complaint
    if not is_commissioner(actor, complaint.district):
        raise ValidationError(_("Only the commissioner approves assessments."), code="role")
    if assessment.drafted_by_id == actor.pk:
        raise ValidationError(
            _("Somebody else must approve the assessment you drafted."), code="four_eyes"
        )
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    if current.is_approved:
        return current
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        approved_by=actor, approved_at=now, version=current.version + 1, updated_at=now
    )
    current.refresh_from_db()
    _event(complaint, ComplaintEvent.Kind.ASSESSMENT_APPROVED, actor=actor)
    drafts = complaint.assessments.filter(approved_at__isnull=True)
    if complaint.status == S.ASSESSMENT_DRAFT and not drafts.exists():
        _move(complaint, S.APPROVED, actor)
    audit_log(actor=actor, obj=current, action="complaints.assessment.approved")
    return current


@transaction.atomic
def assessment_sent(*, assessment: Assessment, actor: User) -> Assessment:
    if not assessment.is_approved:
        raise ValidationError(
            _("An assessment is sent only after its approval."), code="not_approved"
        )
    today = timezone.localdate()
    Assessment.objects.filter(pk=assessment.pk).update(sent_on=today)
    assessment.sent_on = today
    _event(assessment.complaint, ComplaintEvent.Kind.ASSESSMENT_SENT, actor=actor)
    audit_log(actor=actor, obj=assessment, action="complaints.assessment.sent")
    return assessment
