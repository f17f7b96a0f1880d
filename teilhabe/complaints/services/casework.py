"""Casework of a complaint: statements of the bodies concerned, the AGG referral to the
Landesstelle für Gleichbehandlung – gegen Diskriminierung (LADS), and the assessment.

The steps move the case's status where the procedure says so: asking for a statement
makes it "statement requested", a drafted assessment "assessment in draft", the
approval "approved", the referral "referred". Each step is an event on the timeline.
Edits of a recorded step (the statement received, the consent, the referral's outcome,
the approval) carry the version they were read at, so a second person's save is
refused instead of overwriting the first.
"""

from __future__ import annotations

import datetime
import re
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

from ..models import (
    Assessment,
    Complaint,
    ComplaintEvent,
    ConcernedBody,
    Referral,
    StatementRequest,
)
from .core import _event, feedback_record, kept

S = Complaint.Status
M = ComplaintEvent.Method
REDACTED = "[…]"
# Separators people write inside phone numbers: "030 / 123-45 67", "(030) 1234567".
_PHONE_SEPARATORS = r"[\s/().-]*"


def _move(complaint: Complaint, status: str, actor: User | None) -> None:
    """Set the status a step implies, if the case is not further along already. The
    step has locked the row (`_kept`), so the version it read is the saved one."""
    if complaint.status == status:
        return
    before = complaint.status
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status, version=complaint.version + 1, updated_at=timezone.now()
    )
    complaint.status, complaint.version = status, complaint.version + 1
    _event(complaint, ComplaintEvent.Kind.STATUS, actor=actor, before=before, after=status)


def _kept(complaint: Complaint) -> None:
    """Lock the case's row, refresh what the step decides on, refuse an anonymised case."""
    kept(complaint)


def _open(complaint: Complaint) -> None:
    _kept(complaint)
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


# ----------------------------------------------------------------------------- redaction


def _name_and_address_parts(complaint: Complaint) -> list[str]:
    parts = [complaint.name.strip(), complaint.email.strip(), complaint.address.strip()]
    # "Frau Haddad": the capitalised parts of the name on their own ("von", "al-" stay).
    parts += [
        part for part in re.findall(r"[^\W\d_][\w'’-]{2,}", complaint.name) if not part[0].islower()
    ]
    # Street and postcode lines of the address, not a bare "Berlin".
    parts += [
        line.strip()
        for line in re.split(r"[\n,;]", complaint.address)
        if len(line.strip()) >= 4 and any(char.isdigit() for char in line)
    ]
    return sorted({part for part in parts if part}, key=len, reverse=True)


def _phone_pattern(phone: str) -> re.Pattern[str] | None:
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        digits = "00" + digits
    if len(digits) < 5:
        return None
    sep = _PHONE_SEPARATORS
    if digits.startswith("0049") or (digits.startswith("0") and not digits.startswith("00")):
        # A German number is written "030 …", "+49 30 …" or "0049 (0)30 …".
        national = digits[4:] if digits.startswith("0049") else digits[1:]
        prefix = rf"(?:(?:\+|00){sep}49{sep}(?:\(0\){sep})?|0{sep})?"
        body = sep.join(national)
    else:
        prefix, body = r"\+?", sep.join(digits.removeprefix("00"))
    return re.compile(rf"(?<![\d+]){prefix}{body}(?!\d)")


def _redacted(text: str, complaint: Complaint) -> str:
    """`text` with the complainant's name, e-mail, phone and address replaced by "[…]"."""
    for part in _name_and_address_parts(complaint):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    phone = _phone_pattern(complaint.phone)
    if phone is not None:
        text = phone.sub(REDACTED, text)
    return text


def redacted_text(complaint: Complaint) -> str:
    """The complaint as a body concerned may read it: subject and description, with the
    complainant's name, e-mail, phone and address replaced by "[…]" (staff still read
    and edit it before it is sent)."""
    return _redacted(f"{complaint.subject}\n\n{complaint.description}".strip(), complaint)


def _check_unnamed(complaint: Complaint, text: str, field: str, agreed: bool) -> None:
    """A text for a body must not name the complainant, unless they agreed to that."""
    if not agreed and _redacted(text, complaint) != text:
        message = _(
            "The text names the complainant (name, e-mail, phone or address). Leave that "
            "out, or tick that the complainant agreed the body may learn who they are."
        )
        raise ValidationError({field: ValidationError(message, code="names_complainant")})


# ----------------------------------------------------------------------------- statements


@transaction.atomic
def statement_request(
    *,
    complaint: Complaint,
    actor: User,
    organisation: Organisation,
    text: str,
    deadline: datetime.date,
    complainant_agreed: bool = False,
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
    _check_unnamed(complaint, text, "text_sent", complainant_agreed)
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
    """Record a reminder to a body whose statement is still awaited."""
    _kept(request.complaint)
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
    """Record the body's statement (or correct it), unless somebody saved it meanwhile."""
    _kept(request.complaint)
    if not statement.strip():
        raise ValidationError({"statement": _("Write down the statement received.")})
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
    if saved.version != expected_version:  # nothing changed: nothing to put on the timeline
        _event(
            request.complaint,
            ComplaintEvent.Kind.STATEMENT_RECEIVED,
            actor=actor,
            text=str(request.organisation),
        )
    return saved


# ----------------------------------------------------------------------------- AGG referral


def _check_consent(complaint: Complaint, consent_on: datetime.date, shared: list[str]) -> None:
    if not shared:
        raise ValidationError(
            {"shared": _("Choose what the complainant agreed to pass on to the LADS.")}
        )
    if not set(shared) <= set(Referral.Share.values):
        raise ValidationError({"shared": _("Choose from the list what may be passed on.")})
    if complaint.is_anonymous and {Referral.Share.NAME, Referral.Share.CONTACT} & set(shared):
        raise ValidationError(
            {"shared": _("An anonymous complaint has no name or contact details to pass on.")}
        )
    if consent_on > timezone.localdate() or consent_on < complaint.received_on:
        raise ValidationError({"consent_on": _("Consent is given between receipt and today.")})


@transaction.atomic
def referral_consent(
    *,
    complaint: Complaint,
    actor: User,
    consent_on: datetime.date,
    how: str,
    shared: Iterable[str],
    expected_version: int | None = None,
) -> Referral:
    """Record that the complainant agreed to the referral, how, and what may be passed on;
    changing a recorded consent needs the version it was read at."""
    _open(complaint)
    shared = sorted(set(shared))
    _check_consent(complaint, consent_on, shared)
    # The complaint's row is the lock: two first recordings at once do not both insert.
    Complaint.objects.select_for_update().filter(pk=complaint.pk).first()
    data = {"consent_on": consent_on, "consent_how": how, "shared": shared}
    referral = Referral.objects.filter(complaint=complaint).first()
    if referral is None:
        referral = Referral(district=complaint.district, complaint=complaint, updated_by=actor)
        for name, value in data.items():
            setattr(referral, name, value)
        referral.full_clean()
        referral.save()
        changes = {"how": (None, how), "shared": (None, shared)}
        audit_log(actor=actor, obj=referral, action="complaints.referral.consent", changes=changes)
    else:
        if referral.version != expected_version:
            raise ConcurrentEditError(referral)
        referral = versioned_save(
            instance=referral,
            actor=actor,
            data=data,
            expected_version=referral.version,
            action="complaints.referral.consent",
        )
        if referral.version == expected_version:  # unchanged
            return referral
    labels = ", ".join(str(Referral.Share(value).label) for value in shared)
    _event(complaint, ComplaintEvent.Kind.CONSENT, actor=actor, text=labels)
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
    Referral.objects.filter(pk=referral.pk).update(
        sent_on=today, version=referral.version + 1, updated_at=timezone.now()
    )
    referral.sent_on, referral.version = today, referral.version + 1
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
    """What came of a referral, as far as the office learns it; only once it was sent."""
    _kept(referral.complaint)
    if referral.sent_on is None:
        raise ValidationError(
            _("The outcome is recorded once the case has been referred."), code="not_sent"
        )
    if not outcome.strip():
        raise ValidationError({"outcome": _("Write down the outcome.")})
    if on > timezone.localdate() or on < referral.sent_on:
        raise ValidationError(
            {"outcome_on": _("The outcome becomes known between the referral and today.")}
        )
    saved = versioned_save(
        instance=referral,
        actor=actor,
        data={"outcome": outcome.strip(), "outcome_on": on},
        expected_version=expected_version,
        action="complaints.referral.outcome",
    )
    if saved.version != expected_version:
        _event(
            referral.complaint,
            ComplaintEvent.Kind.REFERRAL_OUTCOME,
            actor=actor,
            text=saved.outcome,
        )
    return saved


# ----------------------------------------------------------------------------- assessment


def superseded(assessments: Iterable[Assessment]) -> set[int]:
    """Unsent drafts replaced by a later draft to the same recipient: only the latest
    letter to each recipient is approved and sent."""
    assessments = list(assessments)
    latest: dict[tuple[str, int | None], int] = {}
    for assessment in assessments:
        key = (assessment.recipient, assessment.organisation_id)
        latest[key] = max(latest.get(key, 0), assessment.pk)
    return {
        a.pk
        for a in assessments
        if a.sent_on is None and a.pk != latest[(a.recipient, a.organisation_id)]
    }


def sent_methods(assessment: Assessment, complaint: Complaint) -> list[str]:
    """How a letter may go out: a body's not on the complainant's status page, an
    anonymous complainant's only there or in a call (there is no address)."""
    if assessment.recipient == Assessment.Recipient.BODY:
        return [M.LETTER, M.EMAIL, M.CALL]
    if complaint.is_anonymous:
        return [M.STATUS_PAGE, M.CALL]
    return [M.LETTER, M.EMAIL, M.STATUS_PAGE, M.CALL]


@transaction.atomic
def assessment_draft(
    *,
    complaint: Complaint,
    actor: User,
    recipient: str,
    text: str,
    organisation: Organisation | None = None,
    language: str = "de",
    complainant_agreed: bool = False,
) -> Assessment:
    """Draft the letter to the complainant or to a body concerned; drafting again to the
    same recipient replaces the earlier draft (its approval does not carry over)."""
    _open(complaint)
    if organisation is not None:
        _check_body(complaint, organisation)
        concerned = ConcernedBody.objects.filter(complaint=complaint, organisation=organisation)
        if not concerned.exists():
            raise ValidationError({"organisation": _("Choose one of the bodies concerned.")})
        _check_unnamed(complaint, text, "text", complainant_agreed)
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
    _kept(complaint)
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
    if current.pk in superseded(complaint.assessments.all()):
        raise ValidationError(
            _("A later draft to the same recipient replaced this one."), code="superseded"
        )
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        approved_by=actor, approved_at=now, version=current.version + 1, updated_at=now
    )
    current.refresh_from_db()
    _event(complaint, ComplaintEvent.Kind.ASSESSMENT_APPROVED, actor=actor)
    everything = list(complaint.assessments.all())
    replaced = superseded(everything)
    waiting = [a for a in everything if not a.is_approved and a.pk not in replaced]
    if complaint.status == S.ASSESSMENT_DRAFT and not waiting:
        _move(complaint, S.APPROVED, actor)
    audit_log(actor=actor, obj=current, action="complaints.assessment.approved")
    return current


def _check_sendable(current: Assessment, complaint: Complaint, method: str) -> None:
    if not current.is_approved:
        raise ValidationError(
            _("An assessment is sent only after its approval."), code="not_approved"
        )
    if current.sent_on is not None:
        raise ValidationError(_("This assessment was sent already."), code="sent")
    if current.pk in superseded(complaint.assessments.all()):
        raise ValidationError(
            _("A later draft to the same recipient replaced this one."), code="superseded"
        )
    if method not in sent_methods(current, complaint):
        raise ValidationError(
            {
                "method": _(
                    "A body's letter does not go on the status page, and an anonymous "
                    "complainant can only be reached there or by phone."
                )
            }
        )


@transaction.atomic
def assessment_sent(*, assessment: Assessment, actor: User, method: str = "") -> Assessment:
    """Record how an approved assessment went out (by default the usual way: a letter,
    for an anonymous complainant the status page). The complainant's letter is also
    feedback on the case; sent on the status page, the complainant reads it there."""
    complaint = assessment.complaint
    _kept(complaint)
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    method = method or sent_methods(current, complaint)[0]
    _check_sendable(current, complaint, method)
    today, now = timezone.localdate(), timezone.now()
    Assessment.objects.filter(pk=current.pk).update(
        sent_on=today, version=current.version + 1, updated_at=now
    )
    current.sent_on, current.version = today, current.version + 1
    body = str(current.organisation) if current.organisation_id else ""
    _event(complaint, ComplaintEvent.Kind.ASSESSMENT_SENT, actor=actor, method=method, text=body)
    if current.recipient == Assessment.Recipient.COMPLAINANT:
        text = current.text if method == M.STATUS_PAGE else ""
        feedback_record(complaint=complaint, actor=actor, method=method, text=text, on=today)
    audit_log(
        actor=actor,
        obj=current,
        action="complaints.assessment.sent",
        changes={"method": (None, method)},
    )
    return current
