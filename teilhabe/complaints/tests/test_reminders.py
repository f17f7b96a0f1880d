"""E-mail reminders of deadlines: to the current holders of the responsible position
(or the head's), once per deadline and again for a new one, never for closed cases,
never to people without an address or whose holding ended, with nothing of the
complainant in the mail, and each district's deadlines to its own staff."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.complaints import services, tasks
from teilhabe.complaints.models import Complaint, StatementRequest
from teilhabe.complaints.reminders import send_reminders
from teilhabe.directory.models import Organisation
from teilhabe.districts.tests.factories import PositionFactory, PositionHoldingFactory

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def remind(today: datetime.date = TODAY) -> int:
    with scopes_disabled():  # as the scheduled job runs it
        return send_reminders(today)


def holder(position, email: str, **data):
    user = UserFactory(email=email, is_active=data.pop("is_active", True))
    return PositionHoldingFactory(position=position, user=user, **data)


@pytest.fixture
def office_a(district_a):
    """IntB (head) held by the commissioner, Int1 held by one active holder with an
    address and three who must get nothing."""
    head = PositionFactory(district=district_a, code="IntB", is_head=True)
    int1 = PositionFactory(district=district_a, code="Int1")
    holder(head, "leitung@bezirk-a.example")
    holder(int1, "int1@bezirk-a.example")
    holder(int1, "vorgaenger@bezirk-a.example", end=TODAY - 30 * DAY)
    holder(int1, "inaktiv@bezirk-a.example", is_active=False)
    holder(int1, "")
    holder(int1, "kuenftig@bezirk-a.example", start=TODAY + 10 * DAY)
    return {"head": head, "int1": int1}


def due_in(district, days: int, **data) -> Complaint:
    """A complaint whose first feedback is due `days` from today."""
    received_on = TODAY + days * DAY - datetime.timedelta(days=14)
    return factories.complaint(
        district,
        received_on=received_on,
        subject="Vertraulicher Betreff",
        name="Jana Nowak",
        email="jana.nowak@example.org",
        **data,
    )


def recipients() -> list[list[str]]:
    return [sorted(message.to) for message in mail.outbox]


def test_the_responsible_positions_current_holders_get_it(office_a, district_a):
    complaint = due_in(district_a, 2, responsible=office_a["int1"])
    assert remind() == 1
    assert recipients() == [["int1@bezirk-a.example"]]
    [message] = mail.outbox
    assert complaint.reference in message.subject
    assert complaint.reference in message.body
    assert "22.11.2026" in message.body  # the due date
    assert f"/{district_a.slug}/beschwerden/{complaint.pk}/" in message.body
    assert "Int1" in message.body
    complaint.refresh_from_db()
    assert complaint.feedback_reminder_for == complaint.feedback_due


def test_the_mail_carries_nothing_of_the_complainant(office_a, district_a):
    due_in(district_a, -3, responsible=office_a["int1"])
    remind()
    [message] = mail.outbox
    text = message.subject + message.body
    for secret in ("Vertraulicher Betreff", "Jana Nowak", "jana.nowak@example.org"):
        assert secret not in text


def test_a_deadline_outside_the_window_waits(office_a, district_a):
    due_in(district_a, 4, responsible=office_a["int1"])
    assert remind() == 0
    assert remind(TODAY + DAY) == 1  # three days before
    assert len(mail.outbox) == 1


def test_each_deadline_is_reminded_once_and_a_new_one_again(
    office_a, district_a, staff_a, monkeypatch
):
    complaint = due_in(district_a, 1, responsible=office_a["int1"])
    assert remind() == 1
    assert remind() == 0
    assert remind(TODAY + 5 * DAY) == 0  # passed, but reminded of already
    assert len(mail.outbox) == 1
    with scope(district=district_a):
        services.feedback_record(complaint=complaint, actor=staff_a, method="call", text="")
    complaint.refresh_from_db()
    assert complaint.feedback_due == TODAY + 14 * DAY
    assert remind(TODAY + 10 * DAY) == 0
    assert remind(TODAY + 11 * DAY) == 1
    assert len(mail.outbox) == 2
    assert "04.12.2026" in mail.outbox[1].body


def test_no_mail_for_closed_or_referred_cases(office_a, district_a, staff_a):
    closed = due_in(district_a, -2, responsible=office_a["int1"])
    referred = due_in(district_a, -2, responsible=office_a["int1"])
    with scope(district=district_a):
        services.status_change(complaint=closed, actor=staff_a, status="closed", expected_version=1)
        services.referral_consent(
            complaint=referred,
            actor=staff_a,
            consent_on=referred.received_on,
            how="phone",
            shared=["description"],
        )
        services.referral_send(complaint=referred, actor=staff_a)
    assert remind() == 0
    assert mail.outbox == []


def test_without_a_responsible_position_the_head_is_told(office_a, district_a):
    due_in(district_a, 0)
    assert remind() == 1
    assert recipients() == [["leitung@bezirk-a.example"]]


def test_a_vacant_responsible_position_falls_back_to_the_head(office_a, district_a):
    vacant = PositionFactory(district=district_a, code="Int9")
    holder(vacant, "ehemals@bezirk-a.example", end=TODAY - DAY)
    due_in(district_a, 3, responsible=vacant)
    assert remind() == 1
    assert recipients() == [["leitung@bezirk-a.example"]]


def test_with_nobody_to_tell_the_deadline_waits_unmarked(district_a):
    complaint = due_in(district_a, 1)
    assert remind() == 0
    complaint.refresh_from_db()
    assert complaint.feedback_reminder_for is None
    head = PositionFactory(district=district_a, code="IntB", is_head=True)
    holder(head, "neu@bezirk-a.example", start=TODAY + DAY)
    assert remind(TODAY + DAY) == 1
    assert recipients() == [["neu@bezirk-a.example"]]


def statement(complaint: Complaint, deadline: datetime.date, **data) -> StatementRequest:
    with scope(district=complaint.district):
        body = Organisation.objects.create(
            district=complaint.district, name="Jobcenter Marzahn", kind="jobcenter"
        )
        return StatementRequest.objects.create(
            district=complaint.district,
            complaint=complaint,
            organisation=body,
            text_sent="Bitte nehmen Sie Stellung.",
            sent_on=TODAY - 20 * DAY,
            deadline=deadline,
            **data,
        )


def test_a_statement_deadline_is_reminded_once(office_a, district_a, staff_a):
    complaint = due_in(district_a, 10, responsible=office_a["int1"])
    asked = statement(complaint, TODAY - 2 * DAY)
    statement(complaint, TODAY + DAY, received_on=TODAY - DAY)  # answered: nothing to chase
    assert remind() == 1
    [message] = mail.outbox
    assert message.to == ["int1@bezirk-a.example"]
    assert complaint.reference in message.subject and "18.11.2026" in message.body
    assert "Jobcenter" not in message.subject + message.body
    asked.refresh_from_db()
    assert asked.deadline_reminder_for == asked.deadline
    assert remind(TODAY + DAY) == 0
    with scope(district=district_a):
        StatementRequest.objects.filter(pk=asked.pk).update(deadline=TODAY + 7 * DAY)
    assert remind(TODAY + 4 * DAY) == 1  # an extended deadline is reminded of again


def test_a_closed_cases_statement_is_not_chased(office_a, district_a, staff_a):
    complaint = due_in(district_a, 10, responsible=office_a["int1"])
    statement(complaint, TODAY - 2 * DAY)
    with scope(district=district_a):
        services.status_change(
            complaint=complaint, actor=staff_a, status="closed", expected_version=1
        )
    assert remind() == 0


def test_districts_do_not_mix(office_a, district_a, district_b):
    head_b = PositionFactory(district=district_b, code="IntB", is_head=True)
    int1_b = PositionFactory(district=district_b, code="Int1")
    holder(head_b, "leitung@bezirk-b.example")
    holder(int1_b, "int1@bezirk-b.example")
    in_a = due_in(district_a, 1)
    in_b = due_in(district_b, 1, responsible=int1_b)
    also_b = due_in(district_b, 2)
    assert remind() == 3
    by_reference = {message.subject: sorted(message.to) for message in mail.outbox}
    subject = {
        ref: s
        for s in by_reference
        for ref in (in_a.reference, in_b.reference, also_b.reference)
        if ref in s
    }
    assert by_reference[subject[in_a.reference]] == ["leitung@bezirk-a.example"]
    assert by_reference[subject[in_b.reference]] == ["int1@bezirk-b.example"]
    assert by_reference[subject[also_b.reference]] == ["leitung@bezirk-b.example"]


def test_the_link_is_absolute_with_site_url(office_a, district_a, settings):
    settings.SITE_URL = "https://teilhabe.example/"
    complaint = due_in(district_a, 1, responsible=office_a["int1"])
    remind()
    expected = f"https://teilhabe.example/{district_a.slug}/beschwerden/{complaint.pk}/"
    assert expected in mail.outbox[0].body


def test_the_daily_job_reminds_across_districts(office_a, district_a):
    due_in(district_a, 1, responsible=office_a["int1"])
    assert tasks.send_deadline_reminders.call() == 1
    assert len(mail.outbox) == 1


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("mail server down")


def test_a_failed_sending_is_tried_again_the_next_day(office_a, district_a, settings):
    complaint = due_in(district_a, 1, responsible=office_a["int1"])
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    assert remind() == 0
    with scopes_disabled():
        assert Complaint.objects.get(pk=complaint.pk).feedback_reminder_for is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(TODAY + DAY) == 1
    assert len(mail.outbox) == 1
