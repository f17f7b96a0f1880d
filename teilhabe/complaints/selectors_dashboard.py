"""What the staff dashboard shows of the Ombudsstelle: the two-week duty and the
statements the bodies owe.

Rows carry only what the assistant may see too (reference, dates, the responsible
position's code); never the subject or anything of the complainant. Each list is one
query whatever the number of cases.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from teilhabe.districts.models import District

from .models import Complaint, StatementRequest

SOON = datetime.timedelta(days=7)
LIMIT = 30


@dataclass(frozen=True)
class DueItem:
    """One deadline of a case: the complaint's `pk` for the link, never its content."""

    pk: int
    reference: str
    due: datetime.date
    days_overdue: int  # 0 or less: not yet overdue
    position: str  # the responsible position's code, "" if none is set
    body: str = ""  # the body asked for a statement (shown only to case workers)

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(frozen=True)
class ComplaintsDue:
    feedback: list[DueItem]  # overdue first, then due within a week
    statements: list[DueItem]

    @property
    def overdue(self) -> list[DueItem]:
        return [item for item in self.feedback if item.is_overdue]

    @property
    def soon(self) -> list[DueItem]:
        return [item for item in self.feedback if not item.is_overdue]

    def __bool__(self) -> bool:
        return bool(self.feedback or self.statements)


def feedback_due(*, district: District, today: datetime.date) -> list[DueItem]:
    """Open complaints whose feedback is overdue or due within a week, earliest first
    (closed and referred cases owe no feedback)."""
    rows = (
        Complaint.objects.filter(
            district=district,
            status__in=Complaint.OPEN_STATUSES,
            feedback_due__lte=today + SOON,
        )
        .order_by("feedback_due", "reference")
        .values_list("pk", "reference", "feedback_due", "responsible__code")[:LIMIT]
    )
    return [
        DueItem(pk, reference, due, (today - due).days, code or "")
        for pk, reference, due, code in rows
        if due is not None  # always, by the filter; for the type checker
    ]


def statements_overdue(*, district: District, today: datetime.date) -> list[DueItem]:
    """Unanswered statement requests of open complaints whose deadline has passed."""
    rows = (
        StatementRequest.objects.filter(
            district=district,
            received_on__isnull=True,
            deadline__lt=today,
            complaint__status__in=Complaint.OPEN_STATUSES,
        )
        .order_by("deadline", "complaint__reference", "pk")
        .values_list(
            "complaint_id",
            "complaint__reference",
            "deadline",
            "complaint__responsible__code",
            "organisation__name",
        )[:LIMIT]
    )
    return [
        DueItem(pk, reference, due, (today - due).days, code or "", body)
        for pk, reference, due, code, body in rows
    ]


def complaints_due(*, district: District, today: datetime.date) -> ComplaintsDue:
    """The dashboard box: feedback overdue, feedback due within a week, statements late."""
    return ComplaintsDue(
        feedback=feedback_due(district=district, today=today),
        statements=statements_overdue(district=district, today=today),
    )
