"""Writes of the Ombudsstelle (every function one transaction with an audit entry):

- `core`: intake with reference and receipt code, the status workflow, feedback and
  messages, anonymisation after the retention period;
- `editing`: corrections after intake, refused when somebody else saved in between;
- `casework`: statement requests to the bodies concerned, the AGG referral after the
  complainant's consent, and the assessment with the commissioner's approval.
"""

from .casework import (
    assessment_approve,
    assessment_draft,
    assessment_sent,
    referral_consent,
    referral_data,
    referral_outcome,
    referral_send,
    statement_receive,
    statement_remind,
    statement_request,
)
from .core import (
    ALPHABET,
    ANONYMISED,
    CODE_LENGTH,
    CONTACT_FIELDS,
    TRANSITIONS,
    anonymise,
    anonymise_expired,
    code_matches,
    complaint_create,
    feedback_record,
    hash_code,
    message_from_complainant,
    message_to_complainant,
    new_receipt_code,
    normalise_code,
    note_add,
    receipt_code_renew,
    reference_for,
    retention,
    status_change,
)
from .editing import EDITABLE, complaint_update

__all__ = [
    "ALPHABET",
    "ANONYMISED",
    "CODE_LENGTH",
    "CONTACT_FIELDS",
    "EDITABLE",
    "TRANSITIONS",
    "anonymise",
    "anonymise_expired",
    "assessment_approve",
    "assessment_draft",
    "assessment_sent",
    "code_matches",
    "complaint_create",
    "complaint_update",
    "feedback_record",
    "hash_code",
    "message_from_complainant",
    "message_to_complainant",
    "new_receipt_code",
    "normalise_code",
    "note_add",
    "receipt_code_renew",
    "reference_for",
    "referral_consent",
    "referral_data",
    "referral_outcome",
    "referral_send",
    "retention",
    "statement_receive",
    "statement_remind",
    "statement_request",
    "status_change",
]
