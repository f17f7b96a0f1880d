"""The Ombudsstelle's core: intake with reference and receipt code, anonymity, the status
workflow, the two-week feedback duty, messages, and anonymisation after retention."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint, ComplaintEvent, Tag
from teilhabe.core.models import AuditEntry
from teilhabe.core.versioning import ConcurrentEditError

from .factories import intake

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def test_references_count_per_district_and_year(district_a, district_b):
    first, _ = intake(district_a)
    second, _ = intake(district_a)
    last_year, _ = intake(district_a, received_on=datetime.date(2025, 12, 30))
    other, _ = intake(district_b)
    number = f"{district_a.number:02d}"
    assert [first.reference, second.reference] == [f"{number}-2026-0001", f"{number}-2026-0002"]
    assert last_year.reference == f"{number}-2025-0001"
    assert other.reference == f"{district_b.number:02d}-2026-0001"


def test_the_receipt_code_has_100_random_bits_and_only_its_hash_is_stored(district_a):
    complaint, code = intake(district_a)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", code)
    assert len(code.replace("-", "")) * 5 >= 100
    assert complaint.receipt_hash.startswith("$argon2id$")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM complaints_complaint")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert code not in row and code.replace("-", "") not in row
    assert services.code_matches(complaint, code)
    assert services.code_matches(complaint, code.lower().replace("-", " "))
    assert not services.code_matches(complaint, services.new_receipt_code())
    assert not services.code_matches(None, code)


def test_codes_differ_every_time():
    codes = {services.new_receipt_code() for _ in range(200)}
    assert len(codes) == 200


def test_contact_details_are_encrypted_at_rest(district_a):
    intake(district_a)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM complaints_complaint")
        name, email = cursor.fetchone()
    assert "Ayşe" not in name and "example.org" not in email
    assert name.startswith("fernet:")


def test_an_anonymous_complaint_keeps_no_contact_details(district_a):
    complaint, code = intake(
        district_a, is_anonymous=True, channel="phone", name="Wird nicht gespeichert"
    )
    complaint.refresh_from_db()
    assert (complaint.name, complaint.email, complaint.phone, complaint.address) == ("", "", "", "")
    assert services.code_matches(complaint, code)  # the caller follows the case with it
    complaint.name = "Später nachgetragen"
    with pytest.raises(ValidationError), scope(district=district_a):
        complaint.full_clean()


def test_the_audit_trail_names_the_case_but_not_the_person(district_a):
    complaint, _ = intake(district_a)
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="complaints.complaint.created")
    assert complaint.reference in str(entry.changes)
    assert "Ayşe" not in str(entry.changes) and "example.org" not in str(entry.changes)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"categories": ["unknown"]}, "categories"),
        ({"grounds": ["weather"]}, "grounds"),
        ({"received_on": TODAY + datetime.timedelta(days=1)}, "received_on"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_bad_intake_is_refused_and_stores_nothing(district_a, overrides, field):
    with pytest.raises(ValidationError) as refusal:
        intake(district_a, **overrides)
    assert field in refusal.value.message_dict
    with scope(district=district_a):
        assert not Complaint.objects.exists() and not ComplaintEvent.objects.exists()


def test_topics_and_grounds_are_rows_to_count(district_a):
    complaint, _ = intake(
        district_a, categories=["appearance", "competence"], grounds=["ethnic_origin", "religion"]
    )
    with scope(district=district_a):
        tags = sorted(Tag.objects.filter(complaint=complaint).values_list("kind", "value"))
    assert tags == [
        ("category", "appearance"),
        ("category", "competence"),
        ("ground", "ethnic_origin"),
        ("ground", "religion"),
    ]


def test_feedback_is_due_two_weeks_after_receipt_and_after_each_feedback(district_a):
    complaint, _ = intake(district_a, received_on=datetime.date(2026, 11, 2))
    assert complaint.feedback_due == datetime.date(2026, 11, 16)
    with scope(district=district_a):
        services.feedback_record(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            method="letter",
            text="Wir haben die Stelle um eine Stellungnahme gebeten.",
            on=datetime.date(2026, 11, 10),
        )
    complaint.refresh_from_db()
    assert complaint.first_feedback_on == datetime.date(2026, 11, 10)
    assert complaint.feedback_due == datetime.date(2026, 11, 24)
    assert complaint.feedback_answered_in_time is True


def test_late_first_feedback_counts_as_not_in_time(district_a):
    complaint, _ = intake(district_a, received_on=datetime.date(2026, 10, 1))
    with scope(district=district_a):
        services.feedback_record(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            method="call",
            text="",
            on=datetime.date(2026, 10, 20),
        )
    complaint.refresh_from_db()
    assert complaint.feedback_answered_in_time is False


def test_a_message_on_the_status_page_is_feedback_and_visible(district_a):
    complaint, _ = intake(district_a)
    with scope(district=district_a):
        event = services.message_to_complainant(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            text="Wir prüfen Ihr Anliegen.",
        )
        reply = services.message_from_complainant(complaint=complaint, text="Danke!")
    assert event.public and event.method == "status_page"
    assert reply.public and reply.kind == ComplaintEvent.Kind.MESSAGE_IN
    complaint.refresh_from_db()
    assert complaint.first_feedback_on == TODAY


def test_the_workflow_moves_only_along_its_steps(district_a):
    complaint, _ = intake(district_a)
    with scope(district=district_a):
        with pytest.raises(ValidationError):
            services.status_change(
                complaint=complaint,
                actor=None,  # type: ignore[arg-type]
                status="approved",
                expected_version=complaint.version,
            )
        for status in ("in_review", "statement_requested", "assessment_draft"):
            complaint = services.status_change(
                complaint=complaint,
                actor=None,  # type: ignore[arg-type]
                status=status,
                expected_version=complaint.version,
            )
        # "Approved" comes only from the commissioner's approval of the drafts.
        with pytest.raises(ValidationError):
            services.status_change(
                complaint=complaint,
                actor=None,  # type: ignore[arg-type]
                status="approved",
                expected_version=complaint.version,
            )
        for status in ("in_review", "closed"):
            complaint = services.status_change(
                complaint=complaint,
                actor=None,  # type: ignore[arg-type]
                status=status,
                expected_version=complaint.version,
            )
        assert complaint.closed_on == TODAY and complaint.feedback_due is None
        complaint = services.status_change(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            status="in_review",
            expected_version=complaint.version,
            note="Neue Hinweise der Beschwerdeführerin.",
        )
        kinds = list(complaint.events.values_list("kind", flat=True))
    assert complaint.closed_on is None
    assert complaint.feedback_due == TODAY + datetime.timedelta(days=14)
    assert kinds[0] == "received" and kinds[-1] == "reopened" and kinds.count("status") == 5


def test_a_stale_status_change_is_refused(district_a):
    complaint, _ = intake(district_a)
    with scope(district=district_a):
        services.status_change(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            status="in_review",
            expected_version=1,
        )
        with pytest.raises(ConcurrentEditError):
            services.status_change(
                complaint=complaint,
                actor=None,  # type: ignore[arg-type]
                status="closed",
                expected_version=1,
            )
        assert Complaint.objects.get().status == "in_review"


def test_closed_complaints_are_anonymised_after_the_retention_period(district_a, district_b):
    old, _ = intake(district_a, received_on=datetime.date(2023, 3, 1))
    recent, _ = intake(district_a, received_on=datetime.date(2025, 3, 1))
    still_open, _ = intake(district_b, received_on=datetime.date(2022, 3, 1))
    with scopes_disabled():
        Complaint.objects.filter(pk=old.pk).update(
            status="closed", closed_on=datetime.date(2023, 6, 1)
        )
        Complaint.objects.filter(pk=recent.pk).update(
            status="closed", closed_on=datetime.date(2025, 6, 1)
        )
        services.note_add(complaint=old, actor=None, text="Telefonat mit Frau Yılmaz")  # type: ignore[arg-type]
        assert services.anonymise_expired() == 1
        old.refresh_from_db()
        recent.refresh_from_db()
        still_open.refresh_from_db()
        texts = set(old.events.values_list("text", flat=True))
    assert old.anonymised_at is not None and old.name == "" and old.description == ""
    assert texts == {""}
    assert old.channel == "phone" and old.received_on == datetime.date(2023, 3, 1)  # figures stay
    assert recent.anonymised_at is None and recent.name == "Ayşe Yılmaz"
    assert still_open.anonymised_at is None
    with scopes_disabled():
        assert services.anonymise_expired() == 0  # nothing twice


def test_an_anonymised_case_takes_no_replies(district_a):
    complaint, code = intake(district_a)
    with scopes_disabled():
        services.anonymise(complaint=complaint)
        complaint.refresh_from_db()
        assert not services.code_matches(complaint, code)
        with pytest.raises(ValidationError):
            services.message_from_complainant(complaint=complaint, text="Hallo?")
