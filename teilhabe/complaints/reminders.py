"""E-mail reminders of the Ombudsstelle's deadlines: the feedback owed to the complainant
every two weeks while a case is open, and the statements the bodies concerned owe.

A few days before a deadline (settings.COMPLAINTS_REMINDER_DAYS), or as soon as the job
sees one that has passed, the current holders of the case's responsible position get
one e-mail; if no position is responsible or nobody holds it, the holders of the
office's head position do. The deadline is marked as reminded, so each one is reminded
once and a new deadline (after feedback was given) gets its own reminder.

The e-mails are for staff and in German. They carry the reference, the date, what is
due and the link to the case: nothing of the complainant and not the subject, since
e-mail leaves the system. The scheduled job runs across all districts (without a
district scope); each reminder goes to holders in the case's own district only.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.districts.models import PositionHolding

from .models import Complaint, StatementRequest

logger = logging.getLogger(__name__)

FEEDBACK = "feedback"
STATEMENT = "statement"


@dataclass(frozen=True)
class Reminder:
    """One deadline to remind of; `pk` is the complaint's or the statement request's."""

    kind: str
    pk: int
    complaint_pk: int
    reference: str
    district_id: int
    district_slug: str
    responsible_id: int | None
    due: datetime.date


def window() -> datetime.timedelta:
    return datetime.timedelta(days=int(getattr(settings, "COMPLAINTS_REMINDER_DAYS", 3)))


def case_url(district_slug: str, complaint_pk: int) -> str:
    """The case page's address; absolute when settings.SITE_URL names the installation."""
    path = reverse(
        "complaints:detail", kwargs={"district": district_slug, "complaint": complaint_pk}
    )
    return str(settings.SITE_URL).rstrip("/") + path


def reminders_due(today: datetime.date) -> list[Reminder]:
    """Deadlines of open cases within the window (or passed) not yet reminded of."""
    limit = today + window()
    feedback = (
        Complaint.objects.filter(status__in=Complaint.OPEN_STATUSES, feedback_due__lte=limit)
        .filter(Q(feedback_reminder_for__isnull=True) | ~Q(feedback_reminder_for=F("feedback_due")))
        .order_by("pk")
        .values_list(
            "pk",
            "pk",
            "reference",
            "district_id",
            "district__slug",
            "responsible_id",
            "feedback_due",
        )
    )
    statements = (
        StatementRequest.objects.filter(
            received_on__isnull=True,
            deadline__lte=limit,
            complaint__status__in=Complaint.OPEN_STATUSES,
        )
        .filter(Q(deadline_reminder_for__isnull=True) | ~Q(deadline_reminder_for=F("deadline")))
        .order_by("pk")
        .values_list(
            "pk",
            "complaint_id",
            "complaint__reference",
            "district_id",
            "district__slug",
            "complaint__responsible_id",
            "deadline",
        )
    )
    return [
        Reminder(FEEDBACK, pk, complaint, reference, district, slug, responsible, due)
        for pk, complaint, reference, district, slug, responsible, due in feedback
        if due is not None  # always, by the filter; for the type checker
    ] + [Reminder(STATEMENT, *row) for row in statements]


@dataclass
class Holders:
    """E-mail addresses of the current holders, by (district, position) and of the heads."""

    by_position: dict[tuple[int, int], set[tuple[str, str]]]
    heads: dict[int, set[tuple[str, str]]]

    def of(self, reminder: Reminder) -> list[tuple[str, str]]:
        """(address, position code) of who is told: the responsible position, else the head."""
        found: set[tuple[str, str]] = set()
        if reminder.responsible_id is not None:
            found = self.by_position.get((reminder.district_id, reminder.responsible_id), set())
        return sorted(found or self.heads.get(reminder.district_id, set()))


def holders(reminders: Iterable[Reminder], today: datetime.date) -> Holders:
    """Active users with an e-mail address holding, on `today`, a responsible position or
    the head position of a district concerned (one query)."""
    reminders = list(reminders)
    positions = {r.responsible_id for r in reminders if r.responsible_id is not None}
    districts = {r.district_id for r in reminders}
    rows = (
        PositionHolding.objects.current(today)
        .filter(Q(position_id__in=positions) | Q(position__is_head=True, district_id__in=districts))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list(
            "district_id", "position_id", "position__is_head", "position__code", "user__email"
        )
    )
    result = Holders(by_position=defaultdict(set), heads=defaultdict(set))
    for district_id, position_id, is_head, code, email in rows:
        result.by_position[(district_id, position_id)].add((email, code))
        if is_head:
            result.heads[district_id].add((email, code))
    return result


def _claim(reminder: Reminder) -> bool:
    """Mark the deadline as reminded, unless another run did already."""
    if reminder.kind == FEEDBACK:
        claimed = (
            Complaint.objects.filter(pk=reminder.pk, feedback_due=reminder.due)
            .exclude(feedback_reminder_for=reminder.due)
            .update(feedback_reminder_for=reminder.due)
        )
    else:
        claimed = (
            StatementRequest.objects.filter(
                pk=reminder.pk, deadline=reminder.due, received_on__isnull=True
            )
            .exclude(deadline_reminder_for=reminder.due)
            .update(deadline_reminder_for=reminder.due)
        )
    return claimed == 1


def message(
    reminder: Reminder, recipients: list[tuple[str, str]], today: datetime.date
) -> EmailMessage:
    """The reminder e-mail in German: reference, date, what is due and the link; no more."""
    context = {
        "kind": reminder.kind,
        "reference": reminder.reference,
        "due": reminder.due,
        "days_overdue": (today - reminder.due).days,
        "overdue": reminder.due < today,
        "positions": ", ".join(sorted({code for _email, code in recipients})),
        "url": case_url(reminder.district_slug, reminder.complaint_pk),
    }
    with translation.override("de"):
        date = reminder.due.strftime("%d.%m.%Y")
        if reminder.kind == FEEDBACK:
            subject = _("Reminder: feedback on complaint %(reference)s due on %(date)s")
        else:
            subject = _("Reminder: statement for complaint %(reference)s due by %(date)s")
        subject = subject % {"reference": reminder.reference, "date": date}
        body = render_to_string("complaints/email/reminder.txt", context)
    return EmailMessage(subject, body, to=sorted({email for email, _code in recipients}))


def _release(reminder: Reminder) -> None:
    """Take the mark back after a failed sending, so the next run tries again."""
    if reminder.kind == FEEDBACK:
        Complaint.objects.filter(pk=reminder.pk, feedback_reminder_for=reminder.due).update(
            feedback_reminder_for=None
        )
    else:
        StatementRequest.objects.filter(pk=reminder.pk, deadline_reminder_for=reminder.due).update(
            deadline_reminder_for=None
        )


def _remind(reminder: Reminder, recipients: list[tuple[str, str]], today: datetime.date) -> bool:
    """Mark the deadline (a short transaction of its own, so no other run sends it too),
    then send outside any transaction: a slow mail server holds no database lock, which
    on SQLite would stop every other write, the public form's included. A failed
    sending takes the mark back."""
    with transaction.atomic():
        if not _claim(reminder):
            return False
    try:
        message(reminder, recipients, today).send()
    except OSError:  # smtplib's errors included
        logger.exception("reminder for %s %s not sent", reminder.kind, reminder.reference)
        _release(reminder)
        return False
    return True


def send_reminders(today: datetime.date | None = None) -> int:
    """E-mail every deadline due within the window and not yet reminded of; returns how
    many deadlines were reminded (call without a district scope, as the job does)."""
    today = today or timezone.localdate()
    pending = reminders_due(today)
    if not pending:
        return 0
    reachable = holders(pending, today)
    sent = 0
    for reminder in pending:
        recipients = reachable.of(reminder)
        if not recipients:
            # Left unmarked: reminded once somebody holds the position or the head's.
            logger.warning("nobody to remind of %s %s", reminder.kind, reminder.reference)
            continue
        if _remind(reminder, recipients, today):
            logger.info("reminded %d of %s %s", len(recipients), reminder.kind, reminder.reference)
            sent += 1
    return sent
