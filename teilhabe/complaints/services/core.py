"""Writes of the Ombudsstelle: intake, the status workflow, feedback and messages, and
anonymisation after the retention period.

Every function is one transaction and leaves an audit entry. Audit entries never carry
the complainant's name, contact details or texts: they say what happened to which
reference, not what the person wrote.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import versioned_save
from teilhabe.directory.models import Organisation
from teilhabe.directory.selectors import organisations_referable
from teilhabe.districts.models import District

from ..models import (
    FEEDBACK_INTERVAL,
    Assessment,
    Category,
    Complaint,
    ComplaintEvent,
    Ground,
    Referral,
    StatementRequest,
    Tag,
)

# Crockford's base32: no I, L, O or U, so a code read out on the phone is unambiguous.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 20 × 5 = 100 bits of randomness
CONTACT_FIELDS = ("name", "email", "phone", "address")
ANONYMISED = "–"

# Argon2id, one pass over 4 MiB (about 2 ms). The code carries 100 random bits, so its
# strength does not rest on the hash's cost, unlike a password's: the slow hash is the
# second line behind the randomness, and its cost is chosen so the public form takes
# hundreds of complaints a second on two cores. Each hash records its parameters, so
# codes hashed with other ones still verify.
_hasher = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1, type=Type.ID)
# Verified against when a reference does not exist, so both answers take equally long.
_DUMMY_HASH = _hasher.hash("0" * CODE_LENGTH)

# What may follow what on the status form. Closing ends the case, reopening returns to
# review. "Referred" follows only from the referral after recorded consent
# (`casework.referral_send`), "approved" only from the commissioner's approval.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Complaint.Status.RECEIVED: (Complaint.Status.IN_REVIEW, Complaint.Status.CLOSED),
    Complaint.Status.IN_REVIEW: (
        Complaint.Status.STATEMENT_REQUESTED,
        Complaint.Status.ASSESSMENT_DRAFT,
        Complaint.Status.CLOSED,
    ),
    Complaint.Status.STATEMENT_REQUESTED: (
        Complaint.Status.IN_REVIEW,
        Complaint.Status.ASSESSMENT_DRAFT,
    ),
    # "Approved" follows only from the commissioner's approval of the drafts (four eyes).
    Complaint.Status.ASSESSMENT_DRAFT: (Complaint.Status.IN_REVIEW,),
    Complaint.Status.APPROVED: (Complaint.Status.ASSESSMENT_DRAFT, Complaint.Status.CLOSED),
    Complaint.Status.CLOSED: (Complaint.Status.IN_REVIEW,),
    Complaint.Status.REFERRED: (Complaint.Status.IN_REVIEW,),
}


# Fields a step decides on; `kept` refreshes them from the locked row.
_STATE = ("status", "version", "closed_on", "feedback_due", "first_feedback_on", "anonymised_at")


def kept(complaint: Complaint) -> Complaint:
    """Lock the complaint's row for this transaction and bring `complaint` up to date
    with it, so a step decides on the saved state, not on the copy a page loaded; refuse
    an anonymised case, which takes nothing any more."""
    current = Complaint.objects.select_for_update().get(pk=complaint.pk)
    for name in _STATE:
        setattr(complaint, name, getattr(current, name))
    if complaint.anonymised_at is not None:
        raise ValidationError(
            _("This case has been anonymised; nothing can be added to it."), code="anonymised"
        )
    return complaint


# ----------------------------------------------------------------------------- receipt codes


def new_receipt_code() -> str:
    """A fresh code of 100 random bits, in groups of four: "7K3M-Q9XD-…"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    """What a person typed, as the code was issued: case, spaces, dashes and the letters
    people read for digits (O, I, L) do not matter."""
    cleaned = code.upper().translate(str.maketrans("OIL", "011", " -\t"))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def hash_code(code: str) -> str:
    return _hasher.hash(normalise_code(code))


def code_matches(complaint: Complaint | None, code: str) -> bool:
    """Whether `code` opens `complaint`; takes as long for an unknown reference."""
    stored = complaint.receipt_hash if complaint is not None else _DUMMY_HASH
    matches: bool
    try:
        matches = _hasher.verify(stored, normalise_code(code))
    except (VerificationError, InvalidHashError):
        matches = False
    return matches and complaint is not None


# ----------------------------------------------------------------------------- intake


def _next_sequence(district: District, year: int) -> int:
    """The next number of the district's year; the district's row is locked while the
    complaint is saved, so two intakes at once get different numbers."""
    District.objects.select_for_update().filter(pk=district.pk).first()
    last = Complaint.objects.filter(district=district, year=year).aggregate(last=Max("sequence"))
    return (last["last"] or 0) + 1


def reference_for(district: District, year: int, sequence: int) -> str:
    return f"{district.number:02d}-{year}-{sequence:04d}"


def _check_tags(categories: Iterable[str], grounds: Iterable[str]) -> None:
    if not set(categories) <= set(Category.values):
        raise ValidationError({"categories": _("Choose topics from the list.")})
    if not set(grounds) <= set(Ground.values):
        raise ValidationError({"grounds": _("Choose grounds from the list.")})


def _check_organisations(district: District, organisations: Iterable[Organisation]) -> None:
    allowed = organisations_referable(district=district)
    pks = {organisation.pk for organisation in organisations}
    if pks and allowed.filter(pk__in=pks).count() != len(pks):
        raise ValidationError(
            {"organisations": _("Choose bodies of this district or public entries.")}
        )


def _set_tags(
    complaint: Complaint, categories: Iterable[str], grounds: Iterable[str], *, new: bool = False
) -> None:
    if not new:
        Tag.objects.filter(complaint=complaint).delete()
    Tag.objects.bulk_create(
        [
            Tag(district=complaint.district, complaint=complaint, kind=kind, value=value)
            for kind, values in ((Tag.Kind.CATEGORY, categories), (Tag.Kind.GROUND, grounds))
            for value in sorted(set(values))
        ]
    )


def _event(
    complaint: Complaint,
    kind: str,
    *,
    actor: User | None,
    text: str = "",
    public: bool = False,
    method: str = "",
    before: str = "",
    after: str = "",
    on: datetime.date | None = None,
) -> ComplaintEvent:
    """An event of the timeline, now; or, for a step dated back (a call recorded the day
    after), on its day at the current time, so the timeline and the statistics of the
    two-week rhythm see it when it happened."""
    at = timezone.now()
    if on is not None and on != timezone.localdate():
        at = timezone.make_aware(datetime.datetime.combine(on, timezone.localtime(at).time()))
    return ComplaintEvent.objects.create(
        district=complaint.district,
        complaint=complaint,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        text=text,
        public=public,
        method=method,
        status_before=before,
        status_after=after,
    )


@transaction.atomic
def complaint_create(
    *,
    district: District,
    actor: User | None,
    data: dict[str, Any],
    categories: Iterable[str] = (),
    grounds: Iterable[str] = (),
    organisations: Iterable[Organisation] = (),
) -> tuple[Complaint, str]:
    """Record a complaint; returns it and its receipt code, which is shown only now.

    An anonymous complaint keeps no name or contact details, whatever was entered."""
    categories, grounds, organisations = list(categories), list(grounds), list(organisations)
    _check_tags(categories, grounds)
    _check_organisations(district, organisations)
    data = dict(data)
    if data.get("is_anonymous"):
        for name in CONTACT_FIELDS:
            data[name] = ""
    received_on = data.get("received_on") or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("A complaint cannot arrive in the future.")})
    code = new_receipt_code()
    receipt_hash = hash_code(code)  # before the district's row is locked for the number
    year = received_on.year
    sequence = _next_sequence(district, year)
    complaint = Complaint(
        district=district,
        year=year,
        sequence=sequence,
        reference=reference_for(district, year, sequence),
        receipt_hash=receipt_hash,
        updated_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{**data, "received_on": received_on},
    )
    complaint.feedback_due = received_on + FEEDBACK_INTERVAL
    # The fields are checked here; the unique and check constraints by the database
    # (the number is drawn under the district's lock, anonymity is ensured above, and a
    # second complaint of the same public form is an IntegrityError its view catches).
    # That saves the public form four queries per complaint.
    complaint.full_clean(validate_unique=False, validate_constraints=False)
    complaint.save()
    _set_tags(complaint, categories, grounds, new=True)
    if organisations:
        complaint.organisations.set(organisations, through_defaults={"district": district})
    _event(complaint, ComplaintEvent.Kind.RECEIVED, actor=actor, after=complaint.status)
    audit_log(
        actor=actor,
        obj=complaint,
        action="complaints.complaint.created",
        changes={
            "reference": (None, complaint.reference),
            "channel": (None, complaint.channel),
            "is_anonymous": (None, complaint.is_anonymous),
        },
    )
    return complaint, code


@transaction.atomic
def receipt_code_renew(*, complaint: Complaint, actor: User) -> str:
    """A new code for a complainant who lost theirs; the old one stops working."""
    kept(complaint)
    code = new_receipt_code()
    Complaint.objects.filter(pk=complaint.pk).update(
        receipt_hash=hash_code(code), updated_at=timezone.now()
    )
    audit_log(actor=actor, obj=complaint, action="complaints.complaint.code_renewed")
    return code


# ----------------------------------------------------------------------------- workflow


@transaction.atomic
def status_change(
    *, complaint: Complaint, actor: User, status: str, expected_version: int, note: str = ""
) -> Complaint:
    """Move the case on; closing or referring ends the two-week duty, reopening starts it
    again from today."""
    kept(complaint)
    allowed = TRANSITIONS.get(complaint.status, ())
    if status not in allowed:
        raise ValidationError(
            _("A complaint that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": Complaint.Status(complaint.status).label,
                "new": Complaint.Status(status).label
                if status in Complaint.Status.values
                else status,
            },
            code="transition",
        )
    before = complaint.status
    today = timezone.localdate()
    data: dict[str, Any] = {"status": status}
    if status in (Complaint.Status.CLOSED, Complaint.Status.REFERRED):
        data.update(closed_on=today, feedback_due=None)
    elif before in (Complaint.Status.CLOSED, Complaint.Status.REFERRED):
        data.update(closed_on=None, feedback_due=today + FEEDBACK_INTERVAL)
    saved = versioned_save(
        instance=complaint,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="complaints.complaint.status",
    )
    reopened = before in (Complaint.Status.CLOSED, Complaint.Status.REFERRED)
    kind = ComplaintEvent.Kind.REOPENED if reopened else ComplaintEvent.Kind.STATUS
    _event(saved, kind, actor=actor, text=note.strip(), before=before, after=status)
    return saved


@transaction.atomic
def feedback_record(
    *,
    complaint: Complaint,
    actor: User,
    method: str,
    text: str,
    on: datetime.date | None = None,
) -> ComplaintEvent:
    """Feedback on the state of the case (a message on the status page, a letter, an
    e-mail, a call); the next is due two weeks later while the case is open."""
    kept(complaint)
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("Feedback cannot be dated in the future.")})
    if on < complaint.received_on:
        raise ValidationError({"on": _("Feedback cannot be dated before the complaint arrived.")})
    if method not in ComplaintEvent.Method.values:
        raise ValidationError({"method": _("Choose how the feedback was given.")})
    updates: dict[str, Any] = {"updated_at": timezone.now()}
    if complaint.first_feedback_on is None or on < complaint.first_feedback_on:
        updates["first_feedback_on"] = on
    if complaint.is_open:
        updates["feedback_due"] = max(on + FEEDBACK_INTERVAL, complaint.feedback_due or on)
    Complaint.objects.filter(pk=complaint.pk).update(**updates)
    for name, value in updates.items():
        setattr(complaint, name, value)
    public = method == ComplaintEvent.Method.STATUS_PAGE
    event = _event(
        complaint,
        ComplaintEvent.Kind.FEEDBACK,
        actor=actor,
        text=text.strip(),
        public=public,
        method=method,
        on=on,
    )
    audit_log(
        actor=actor,
        obj=complaint,
        action="complaints.complaint.feedback",
        changes={"method": (None, method), "on": (None, on.isoformat())},
    )
    return event


@transaction.atomic
def message_to_complainant(*, complaint: Complaint, actor: User, text: str) -> ComplaintEvent:
    """A message on the status page; it counts as feedback on the state of the case."""
    kept(complaint)
    if not text.strip():
        raise ValidationError({"text": _("Write the message.")})
    return feedback_record(
        complaint=complaint, actor=actor, method=ComplaintEvent.Method.STATUS_PAGE, text=text
    )


@transaction.atomic
def message_from_complainant(*, complaint: Complaint, text: str) -> ComplaintEvent:
    """The complainant's reply on the status page (no account, no stored address)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your message.")})
    if complaint.anonymised_at is not None:
        raise ValidationError(_("This case has been closed and anonymised."))
    event = _event(complaint, ComplaintEvent.Kind.MESSAGE_IN, actor=None, text=text, public=True)
    audit_log(actor=None, obj=complaint, action="complaints.complaint.reply")
    return event


@transaction.atomic
def note_add(*, complaint: Complaint, actor: User, text: str) -> ComplaintEvent:
    kept(complaint)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    event = _event(complaint, ComplaintEvent.Kind.NOTE, actor=actor, text=text)
    audit_log(actor=actor, obj=complaint, action="complaints.complaint.noted")
    return event


# ----------------------------------------------------------------------------- retention


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=int(getattr(settings, "COMPLAINTS_RETENTION_DAYS", 3 * 365)))


@transaction.atomic
def anonymise(*, complaint: Complaint, actor: User | None = None) -> None:
    """Erase what identifies the complainant and what they wrote; keep the figures
    (received, channel, topics, grounds, status, feedback dates) for the statistics."""
    from ..attachments import attachments_erase

    now = timezone.now()
    Complaint.objects.filter(pk=complaint.pk).update(
        name="",
        email="",
        phone="",
        address="",
        subject=ANONYMISED,
        description="",
        receipt_hash="",
        anonymised_at=now,
        updated_at=now,
    )
    ComplaintEvent.objects.filter(complaint=complaint).update(text="")
    StatementRequest.objects.filter(complaint=complaint).update(text_sent="", statement="")
    Referral.objects.filter(complaint=complaint).update(outcome="")
    Assessment.objects.filter(complaint=complaint).update(text="")
    attachments_erase(complaint)  # the files go once this transaction has committed
    _event(complaint, ComplaintEvent.Kind.ANONYMISED, actor=actor)
    audit_log(actor=actor, obj=complaint, action="complaints.complaint.anonymised")


def anonymise_expired(today: datetime.date | None = None) -> int:
    """Anonymise every closed or referred complaint whose end lies past the retention
    period (all districts: the scheduled job calls it without a district scope)."""
    today = today or timezone.localdate()
    expired = Complaint.objects.filter(
        status__in=(Complaint.Status.CLOSED, Complaint.Status.REFERRED),
        closed_on__lt=today - retention(),
        anonymised_at__isnull=True,
    )
    count = 0
    for complaint in expired.select_related("district"):
        anonymise(complaint=complaint)
        count += 1
    return count
