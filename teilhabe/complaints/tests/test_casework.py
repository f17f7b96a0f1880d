"""Casework: statements of the bodies concerned, the AGG referral only after consent and
with only the agreed data, and the assessment approved by a second person."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.complaints import services
from teilhabe.complaints.models import Assessment, Complaint, Referral, StatementRequest
from teilhabe.directory.models import Organisation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def organisation(district, name: str, **data) -> Organisation:
    with scope(district=district):
        return Organisation.objects.create(
            district=district, name=name, kind=data.pop("kind", "district_dept"), **data
        )


@pytest.fixture
def case(district_a):
    with scope(district=district_a):
        complaint, _code = services.complaint_create(
            district=district_a,
            actor=None,
            data={
                "channel": "email",
                "received_on": datetime.date(2026, 11, 2),
                "subject": "Abgewiesen am Schalter",
                "description": "Man hat mich wegen meines Kopftuchs weggeschickt.",
                "name": "Mariam Haddad",
                "email": "mariam@example.org",
            },
            categories=["appearance"],
            grounds=["religion"],
        )
        return services.status_change(
            complaint=complaint,
            actor=None,  # type: ignore[arg-type]
            status="in_review",
            expected_version=complaint.version,
        )


def test_a_statement_request_moves_the_case_and_adds_the_body(case, district_a, staff_a):
    office = organisation(district_a, "Bürgeramt Hellersdorf")
    with scope(district=district_a):
        request = services.statement_request(
            complaint=case,
            actor=staff_a,
            organisation=office,
            text="Eine Person berichtet, am 30.10. am Schalter abgewiesen worden zu sein.",
            deadline=datetime.date(2026, 12, 4),
        )
        case.refresh_from_db()
        assert case.status == "statement_requested"
        assert list(case.organisations.all()) == [office]
        services.statement_remind(request=request, actor=staff_a)
        request = services.statement_receive(
            request=request,
            actor=staff_a,
            statement="Wir bedauern den Vorfall.",
            received_on=TODAY,
            expected_version=request.version,
        )
        with pytest.raises(ValidationError):
            services.statement_remind(request=request, actor=staff_a)
        kinds = list(case.events.values_list("kind", flat=True))
    assert request.is_answered and request.reminded_on == TODAY
    assert {"st_requested", "st_reminded", "st_received"} <= set(kinds)


def test_a_statement_cannot_go_to_another_districts_private_entry(case, district_a, district_b):
    private = organisation(district_b, "Internes Amt in Spandau", is_public=False)
    with scope(district=district_a), pytest.raises(ValidationError):
        services.statement_request(
            complaint=case,
            actor=None,  # type: ignore[arg-type]
            organisation=private,
            text="Bitte um Stellungnahme.",
            deadline=datetime.date(2026, 12, 4),
        )
    with scopes_disabled():
        assert not StatementRequest.objects.exists()


def test_a_deadline_in_the_past_is_refused(case, district_a):
    office = organisation(district_a, "Bürgeramt Hellersdorf")
    with scope(district=district_a), pytest.raises(ValidationError) as refusal:
        services.statement_request(
            complaint=case,
            actor=None,  # type: ignore[arg-type]
            organisation=office,
            text="Bitte um Stellungnahme.",
            deadline=datetime.date(2026, 11, 1),
        )
    assert "deadline" in refusal.value.message_dict


def test_no_referral_without_consent(case, district_a, staff_a):
    with scope(district=district_a), pytest.raises(ValidationError):
        services.referral_send(complaint=case, actor=staff_a)
    case.refresh_from_db()
    assert case.status == "in_review"


def test_the_referral_passes_on_only_what_was_agreed(case, district_a, staff_a):
    with scope(district=district_a):
        services.referral_consent(
            complaint=case,
            actor=staff_a,
            consent_on=datetime.date(2026, 11, 10),
            how="phone",
            shared=["description"],
        )
        referral = services.referral_send(complaint=case, actor=staff_a)
        case.refresh_from_db()
        data = services.referral_data(case)
    assert referral.sent_on == TODAY and case.status == "referred" and case.feedback_due is None
    assert data["description"].startswith("Man hat mich") and data["grounds"] == ["religion"]
    assert "name" not in data and "email" not in data


def test_an_anonymous_complaint_cannot_share_a_name(district_a, staff_a):
    with scope(district=district_a):
        complaint, _code = services.complaint_create(
            district=district_a,
            actor=None,
            data={
                "channel": "phone",
                "subject": "Anonym",
                "description": "…",
                "is_anonymous": True,
            },
        )
        with pytest.raises(ValidationError):
            services.referral_consent(
                complaint=complaint,
                actor=staff_a,
                consent_on=TODAY,
                how="phone",
                shared=["name", "description"],
            )
        assert not Referral.objects.exists()


def test_an_assessment_needs_the_commissioners_approval_by_someone_else(
    case, district_a, staff_a, commissioner_a
):
    with scope(district=district_a):
        draft = services.assessment_draft(
            complaint=case,
            actor=commissioner_a,
            recipient="complainant",
            text="Wir halten Ihre Beschwerde für begründet.",
        )
        case.refresh_from_db()
        assert case.status == "assessment_draft"
        with pytest.raises(ValidationError):  # not the commissioner
            services.assessment_approve(assessment=draft, actor=staff_a, expected_version=1)
        with pytest.raises(ValidationError):  # the drafter's own text
            services.assessment_approve(assessment=draft, actor=commissioner_a, expected_version=1)
        with pytest.raises(ValidationError):  # not approved yet
            services.assessment_sent(assessment=draft, actor=staff_a, method="letter")
        by_staff = services.assessment_draft(
            complaint=case, actor=staff_a, recipient="complainant", text="Neue Fassung."
        )
        approved = services.assessment_approve(
            assessment=by_staff, actor=commissioner_a, expected_version=1
        )
        assert approved.is_approved and approved.approved_by == commissioner_a
        case.refresh_from_db()
        assert case.status == "approved"  # the later draft replaced the first
        with pytest.raises(ValidationError):  # replaced: neither approved nor sent
            services.assessment_approve(assessment=draft, actor=commissioner_a, expected_version=1)
        services.assessment_sent(assessment=approved, actor=staff_a, method="letter")
        assert Assessment.objects.get(pk=approved.pk).sent_on == TODAY


def test_a_letter_to_a_body_names_the_body(case, district_a, staff_a):
    with scope(district=district_a), pytest.raises(ValidationError):
        services.assessment_draft(
            complaint=case, actor=staff_a, recipient="body", text="Einschätzung."
        )


def test_anonymisation_erases_the_casework_texts(case, district_a, staff_a):
    office = organisation(district_a, "Bürgeramt Hellersdorf")
    with scope(district=district_a):
        services.statement_request(
            complaint=case,
            actor=staff_a,
            organisation=office,
            text="Bitte um Stellungnahme zu Frau Haddad.",
            complainant_agreed=True,
            deadline=datetime.date(2026, 12, 4),
        )
        services.assessment_draft(
            complaint=case, actor=staff_a, recipient="complainant", text="Liebe Frau Haddad, …"
        )
    with scopes_disabled():
        services.anonymise(complaint=Complaint.objects.get(pk=case.pk))
        assert StatementRequest.objects.get().text_sent == ""
        assert Assessment.objects.get().text == ""
