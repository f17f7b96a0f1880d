"""What must hold whatever page a step comes from: the change log never holds what the
complainant wrote, "referred" only after consent, a step decides on the saved state of
the case (not the copy a page loaded), and an anonymised case takes nothing more."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint
from teilhabe.core.models import AuditEntry
from teilhabe.directory.tests.factories import organisation

from . import factories
from .test_views import url

pytestmark = pytest.mark.django_db
SUBJECT = "Frau Haddad beim Jobcenter beleidigt"


def entries(complaint: Complaint) -> list[str]:
    with scopes_disabled():
        rows = AuditEntry.objects.filter(object_id=str(complaint.pk))
        return [f"{row.object_repr} {row.changes}" for row in rows]


def test_the_change_log_never_holds_the_subject(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a, subject=SUBJECT)
    client = client_for(staff_a)
    client.get(url(district_a, "detail", complaint=complaint.pk))
    with scope(district=district_a):
        services.note_add(complaint=complaint, actor=staff_a, text="Rückruf vereinbart")
        services.anonymise(complaint=complaint)
    logged = entries(complaint)
    assert len(logged) >= 4
    assert all(complaint.reference in row and "Haddad" not in row for row in logged)


def test_old_entries_are_cut_to_the_reference(district_a):
    complaint = factories.complaint(district_a, subject=SUBJECT)
    with scopes_disabled():
        AuditEntry.objects.filter(object_id=str(complaint.pk)).update(
            object_repr=f"{complaint.reference} – {SUBJECT}"
        )
    migration = importlib.import_module(
        "teilhabe.complaints.migrations.0005_audit_names_reference_only"
    )
    with scopes_disabled():
        migration.reference_only(apps, None)
    assert all("Haddad" not in row for row in entries(complaint))


def test_referred_only_through_the_referral(district_a, staff_a):
    complaint = factories.complaint(district_a)
    with scope(district=district_a), pytest.raises(ValidationError):
        services.status_change(
            complaint=complaint, actor=staff_a, status="referred", expected_version=1
        )
    with scope(district=district_a), pytest.raises(ValidationError):
        services.referral_send(complaint=complaint, actor=staff_a)
    with scope(district=district_a):
        assert Complaint.objects.get(pk=complaint.pk).status == "received"


def test_a_step_on_a_stale_copy_sees_the_closed_case(district_a, staff_a, commissioner_a):
    complaint = factories.complaint(district_a)
    body = organisation(district_a, name="Bürgeramt Hellersdorf")
    with scope(district=district_a):
        stale = Complaint.objects.get(pk=complaint.pk)
        services.status_change(
            complaint=complaint, actor=commissioner_a, status="closed", expected_version=1
        )
        with pytest.raises(ValidationError):
            services.statement_request(
                complaint=stale,
                actor=staff_a,
                organisation=body,
                text="Bitte um Stellungnahme",
                deadline=timezone.localdate() + datetime.timedelta(days=14),
            )
        saved = Complaint.objects.get(pk=complaint.pk)
        assert saved.status == "closed" and not saved.statements.exists()


def test_feedback_on_a_stale_copy_keeps_the_later_due_date(district_a, staff_a):
    complaint = factories.complaint(district_a)
    today = timezone.localdate()
    with scope(district=district_a):
        stale = Complaint.objects.get(pk=complaint.pk)
        services.feedback_record(complaint=complaint, actor=staff_a, method="call", text="")
        services.feedback_record(complaint=stale, actor=staff_a, method="letter", text="", on=today)
        saved = Complaint.objects.get(pk=complaint.pk)
    assert saved.first_feedback_on == today
    assert saved.feedback_due == today + datetime.timedelta(days=14)


def test_an_anonymised_case_takes_nothing_more(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    with scope(district=district_a):
        services.anonymise(complaint=complaint)
    client = client_for(staff_a)
    note = client.post(url(district_a, "note", complaint=complaint.pk), {"note-text": "Tel 030 1"})
    code = client.post(url(district_a, "code", complaint=complaint.pk))
    status = client.post(
        url(district_a, "status", complaint=complaint.pk),
        {"status-status": "in_review", "status-version": str(complaint.version + 1)},
    )
    assert note.status_code == 400 and status.status_code == 400
    assert code.status_code == 400
    with scope(district=district_a):
        kinds = list(complaint.events.values_list("kind", flat=True))
        assert Complaint.objects.get(pk=complaint.pk).receipt_hash == ""
    assert kinds == ["received", "anonymised"]


def test_a_text_for_a_body_does_not_name_the_complainant_unless_agreed(district_a, staff_a):
    complaint = factories.complaint(district_a, name="Mariam Haddad", phone="030 1234567")
    body = organisation(district_a, name="Bürgeramt Hellersdorf")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    with scope(district=district_a):
        services.status_change(
            complaint=complaint, actor=staff_a, status="in_review", expected_version=1
        )
        for text in ("Frau Haddad wurde abgewiesen.", "Rückruf unter 030 / 123 45 67"):
            with pytest.raises(ValidationError) as refused:
                services.statement_request(
                    complaint=complaint,
                    actor=staff_a,
                    organisation=body,
                    text=text,
                    deadline=deadline,
                )
            assert refused.value.error_dict["text_sent"][0].code == "names_complainant"
        services.statement_request(
            complaint=complaint,
            actor=staff_a,
            organisation=body,
            text="Frau Haddad bittet um eine Entschuldigung.",
            deadline=deadline,
            complainant_agreed=True,
        )
        with pytest.raises(ValidationError):
            services.assessment_draft(
                complaint=complaint,
                actor=staff_a,
                recipient="body",
                organisation=body,
                text="Die Beschwerde von Mariam Haddad ist berechtigt.",
            )
        # The letter to the complainant may of course address them.
        services.assessment_draft(
            complaint=complaint, actor=staff_a, recipient="complainant", text="Liebe Frau Haddad"
        )
        assert complaint.assessments.count() == 1


def test_staff_pages_are_not_kept_in_a_browser_cache(client_for, staff_a, district_a):
    """Shared computers: a case page, the receipt with the code and the list stay out of
    every cache; the public form keeps its own header."""
    complaint = factories.complaint(district_a)
    client = client_for(staff_a)
    for path in (
        url(district_a, "detail", complaint=complaint.pk),
        url(district_a, "list"),
        url(district_a, "edit", complaint=complaint.pk),
    ):
        assert "no-store" in client.get(path)["Cache-Control"]
    receipt = client.post(url(district_a, "code", complaint=complaint.pk))
    assert receipt.status_code == 200 and "no-store" in receipt["Cache-Control"]
