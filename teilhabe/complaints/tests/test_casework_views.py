"""Staff pages of the casework, end to end: statement requests with a redacted text,
the AGG referral only after consent, the assessment approved by a second person, and
concurrent edits refused without overwriting anything."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from teilhabe.accounts.models import Membership
from teilhabe.accounts.tests.factories import MembershipFactory
from teilhabe.complaints import services
from teilhabe.complaints.models import (
    Assessment,
    Complaint,
    ComplaintEvent,
    Referral,
    StatementRequest,
)
from teilhabe.complaints.services.casework import REDACTED, redacted_text
from teilhabe.directory.models import Organisation

from . import factories

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Ich, Mariam Haddad, wurde am Schalter abgewiesen. Frau Haddad solle wiederkommen, "
    "hieß es. Erreichbar bin ich unter MARIAM@example.org oder +49 30 123 45 67, "
    "Post bitte an Musterstraße 12."
)


def url(district, name: str, **kwargs) -> str:
    return reverse(f"complaints:{name}", kwargs={"district": district.slug, **kwargs})


def organisation(district, name: str, **data) -> Organisation:
    with scope(district=district):
        return Organisation.objects.create(
            district=district, name=name, kind=data.pop("kind", "district_dept"), **data
        )


def events(complaint: Complaint) -> list[str]:
    with scope(district=complaint.district):
        return list(complaint.events.values_list("kind", flat=True))


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def office(district_a) -> Organisation:
    return organisation(district_a, "Bürgeramt Hellersdorf")


@pytest.fixture
def case(district_a, staff_a, office) -> Complaint:
    complaint = factories.complaint(
        district_a,
        name="Mariam Haddad",
        email="mariam@example.org",
        phone="030 1234567",
        address="Musterstraße 12\n12627 Berlin",
        language="tr",
        description=DESCRIPTION,
    )
    with scope(district=district_a):
        complaint.organisations.add(office, through_defaults={"district": district_a})
        return services.status_change(
            complaint=complaint, actor=staff_a, status="in_review", expected_version=1
        )


@pytest.fixture
def assistant_a(members):
    return members[("a", "assistant")]


@pytest.fixture
def second_commissioner(district_a):
    return MembershipFactory(district=district_a, role=Membership.Role.COMMISSIONER).user


def request_statement(case, actor, office, deadline=None) -> StatementRequest:
    with scope(district=case.district):
        return services.statement_request(
            complaint=case,
            actor=actor,
            organisation=office,
            text="Eine Person berichtet von einer Abweisung am Schalter.",
            deadline=deadline or today() + datetime.timedelta(days=14),
        )


def draft(case, actor, **data) -> Assessment:
    with scope(district=case.district):
        return services.assessment_draft(
            complaint=case,
            actor=actor,
            recipient=data.pop("recipient", "complainant"),
            text=data.pop("text", "Wir halten Ihre Beschwerde für begründet."),
            **data,
        )


def refused_at_button(response) -> list[str]:
    """The codes of the errors shown next to a refused button of the case page."""
    assert response.status_code == 400
    form = response.context["casework_form"]
    page = response.content.decode()
    assert all(escape(message) in page for message in form.all_errors())
    return [error.code for error in form.non_field_errors().as_data()]


# ----------------------------------------------------------------------------- redaction


def test_the_redaction_helper_removes_name_email_phone_and_address():
    complaint = Complaint(
        subject="Abgewiesen, Mariam Haddad",
        description=DESCRIPTION + " Rückruf: 030/123 4567.",
        name="Mariam Haddad",
        email="mariam@example.org",
        phone="030 1234567",
        address="Musterstraße 12\n12627 Berlin",
    )
    text = redacted_text(complaint)
    for trace in ("Mariam", "Haddad", "mariam@", "MARIAM@", "123 45 67", "123 4567", "Muster"):
        assert trace not in text
    assert text.startswith(f"Abgewiesen, {REDACTED}")
    assert f"Frau {REDACTED}" in text and "am Schalter abgewiesen" in text


def test_the_redaction_leaves_an_anonymous_complaint_as_it_is():
    complaint = Complaint(subject="Betreff", description="Was geschah.", is_anonymous=True)
    assert redacted_text(complaint) == "Betreff\n\nWas geschah."


# ----------------------------------------------------------------------------- statements


def test_the_statement_page_offers_the_redacted_text_the_concerned_body_and_two_weeks(
    client_for, staff_a, district_a, case, office
):
    response = client_for(staff_a).get(url(district_a, "statement_new", complaint=case.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["organisation"].value() == office.pk
    assert "Haddad" not in form["text_sent"].value() and REDACTED in form["text_sent"].value()
    assert form["deadline"].value() == today() + datetime.timedelta(days=14)
    assert "error-summary" not in response.content.decode()


def test_a_statement_request_is_sent_and_moves_the_case(
    client_for, staff_a, district_a, district_b, case
):
    cross = organisation(district_b, "Jobcenter Spandau", is_public=True)
    post = {
        "organisation": cross.pk,
        "text_sent": "Bitte nehmen Sie Stellung.",
        "deadline": (today() + datetime.timedelta(days=10)).isoformat(),
    }
    response = client_for(staff_a).post(url(district_a, "statement_new", complaint=case.pk), post)
    assert response.status_code == 302
    with scope(district=district_a):
        [request] = StatementRequest.objects.filter(complaint=case)
    assert (request.organisation, request.text_sent) == (cross, "Bitte nehmen Sie Stellung.")
    case.refresh_from_db()
    assert case.status == "statement_requested"
    assert "st_requested" in events(case)


@pytest.mark.parametrize(
    ("field", "value"),
    [("deadline", "2000-01-01"), ("text_sent", "   "), ("organisation", "private")],
)
def test_a_bad_statement_request_is_refused_and_sends_nothing(
    client_for, staff_a, district_a, district_b, case, office, field, value
):
    if value == "private":
        value = str(organisation(district_b, "Internes Amt Spandau", is_public=False).pk)
    post = {
        "organisation": office.pk,
        "text_sent": "Bitte nehmen Sie Stellung.",
        "deadline": (today() + datetime.timedelta(days=10)).isoformat(),
        field: value,
    }
    response = client_for(staff_a).post(url(district_a, "statement_new", complaint=case.pk), post)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "error-summary" in response.content.decode()
    with scopes_disabled():
        assert not StatementRequest.objects.exists()
    case.refresh_from_db()
    assert case.status == "in_review"


def test_a_reminder_and_the_statement_received_land_on_the_timeline(
    client_for, staff_a, district_a, case, office
):
    request = request_statement(case, staff_a, office)
    client = client_for(staff_a)
    remind = url(district_a, "statement_remind", complaint=case.pk, statement=request.pk)
    assert client.post(remind).status_code == 302
    receive = url(district_a, "statement_receive", complaint=case.pk, statement=request.pk)
    page = client.get(receive)
    assert page.status_code == 200 and "Eine Person berichtet" in page.content.decode()
    assert page.context["form"]["received_on"].value() == today()
    post = {"statement": "Wir bedauern.", "received_on": today().isoformat(), "version": "1"}
    assert client.post(receive, post).status_code == 302
    request.refresh_from_db()
    assert (request.reminded_on, request.statement, request.received_on) == (
        today(),
        "Wir bedauern.",
        today(),
    )
    assert {"st_reminded", "st_received"} <= set(events(case))
    # Answered: a reminder is refused next to its button.
    assert refused_at_button(client.post(remind)) == ["answered"]


def test_the_statement_received_twice_with_a_stale_version_is_refused(
    client_for, staff_a, commissioner_a, district_a, case, office
):
    request = request_statement(case, staff_a, office)
    receive = url(district_a, "statement_receive", complaint=case.pk, statement=request.pk)
    first = {"statement": "Erste Fassung.", "received_on": today().isoformat(), "version": "1"}
    assert client_for(commissioner_a).post(receive, first).status_code == 302
    second = {**first, "statement": "Zweite Fassung."}
    response = client_for(staff_a).post(receive, second)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "concurrent_edit"
    assert "conflict" in response.content.decode()  # the differences are listed
    request.refresh_from_db()
    assert request.statement == "Erste Fassung." and request.version == 2
    assert events(case).count("st_received") == 1


def test_an_overdue_statement_is_marked_in_words(client_for, staff_a, district_a, case, office):
    request = request_statement(case, staff_a, office)
    with scopes_disabled():
        StatementRequest.objects.filter(pk=request.pk).update(
            sent_on=today() - datetime.timedelta(days=20),
            deadline=today() - datetime.timedelta(days=6),
        )
    page = client_for(staff_a).get(url(district_a, "detail", complaint=case.pk)).content.decode()
    assert 'class="badge overdue"' in page


# ----------------------------------------------------------------------------- referral


def test_no_referral_without_consent(client_for, staff_a, district_a, case):
    response = client_for(staff_a).post(url(district_a, "referral_send", complaint=case.pk))
    assert refused_at_button(response) == ["consent"]
    case.refresh_from_db()
    assert case.status == "in_review" and "referred" not in events(case)


def test_consent_then_referral_then_outcome(client_for, staff_a, district_a, case):
    client = client_for(staff_a)
    consent = url(district_a, "referral_consent", complaint=case.pk)
    form = client.get(consent).context["form"]
    assert form["consent_on"].value() == today()
    assert [value for value, _label in form.fields["consent_how"].choices] == Referral.How.values
    post = {
        "consent_on": today().isoformat(),
        "consent_how": "phone",
        "shared": ["description", "statements"],
    }
    assert client.post(consent, post).status_code == 302
    outcome = url(district_a, "referral_outcome", complaint=case.pk)
    assert client.get(outcome).context["form"] is None  # not referred yet
    assert client.post(url(district_a, "referral_send", complaint=case.pk)).status_code == 302
    case.refresh_from_db()
    assert case.status == "referred"
    with scope(district=district_a):
        referral = Referral.objects.get(complaint=case)
    assert referral.shared == ["description", "statements"] and referral.sent_on == today()
    post = {"outcome": "Beratung durch die LADS.", "outcome_on": today().isoformat()}
    post["version"] = str(referral.version)
    assert client.post(outcome, post).status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "Beratung durch die LADS."
    assert {"consent", "referred"} <= set(events(case))


def test_a_stale_outcome_is_refused(client_for, staff_a, commissioner_a, district_a, case):
    with scope(district=district_a):
        services.referral_consent(
            complaint=case,
            actor=staff_a,
            consent_on=today(),
            how="phone",
            shared=["description"],
        )
        referral = services.referral_send(complaint=case, actor=staff_a)
    outcome = url(district_a, "referral_outcome", complaint=case.pk)
    post = {"outcome": "Erste.", "outcome_on": today().isoformat(), "version": referral.version}
    assert client_for(commissioner_a).post(outcome, post).status_code == 302
    response = client_for(staff_a).post(outcome, {**post, "outcome": "Zweite."})
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "concurrent_edit"
    referral.refresh_from_db()
    assert referral.outcome == "Erste."


def test_a_consent_changed_meanwhile_is_not_overwritten(
    client_for, staff_a, commissioner_a, district_a, case
):
    consent = url(district_a, "referral_consent", complaint=case.pk)
    post = {"consent_on": today().isoformat(), "consent_how": "phone", "shared": ["description"]}
    assert client_for(commissioner_a).post(consent, post).status_code == 302
    # The second person opened the form before the first saved: no version yet.
    response = client_for(staff_a).post(consent, {**post, "shared": ["name", "description"]})
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "concurrent_edit"
    with scope(district=district_a):
        assert Referral.objects.get(complaint=case).shared == ["description"]


def test_an_anonymous_complaint_cannot_share_a_name(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a, is_anonymous=True, name="", email="")
    consent = url(district_a, "referral_consent", complaint=complaint.pk)
    client = client_for(staff_a)
    page = client.get(consent).content.decode()
    assert re.search(r'value="name"[^>]*disabled', page)
    post = {"consent_on": today().isoformat(), "consent_how": "phone", "shared": ["name"]}
    response = client.post(consent, post)
    assert response.status_code == 200
    message = "An anonymous complaint has no name or contact details to pass on."
    assert response.context["form"].errors["shared"] == [gettext(message)]
    assert escape(gettext(message)) in response.content.decode()
    with scopes_disabled():
        assert not Referral.objects.exists()


# ----------------------------------------------------------------------------- assessment


def test_an_assessment_is_drafted_in_the_recipients_language(
    client_for, staff_a, district_a, case, office
):
    client = client_for(staff_a)
    new = url(district_a, "assessment_new", complaint=case.pk)
    page = client.get(new, {"an": str(office.pk)})
    assert page.status_code == 200 and page.context["form"]["recipient"].value() == str(office.pk)
    for recipient in ("complainant", str(office.pk)):
        post = {"recipient": recipient, "language": "", "text": "Unsere Einschätzung."}
        assert client.post(new, post).status_code == 302
    with scope(district=district_a):
        letters = list(Assessment.objects.filter(complaint=case).order_by("pk"))
    assert [(a.recipient, a.organisation, a.language) for a in letters] == [
        ("complainant", None, "tr"),
        ("body", office, "de"),
    ]
    case.refresh_from_db()
    assert case.status == "assessment_draft" and "as_drafted" in events(case)
    empty = client.post(new, {"recipient": "complainant", "language": "en", "text": " "})
    assert empty.status_code == 200 and empty.context["form"].errors["text"]


def test_the_drafter_cannot_approve_the_own_assessment(
    client_for, commissioner_a, district_a, case
):
    own = draft(case, commissioner_a)
    client = client_for(commissioner_a)
    page = client.get(url(district_a, "detail", complaint=case.pk)).content.decode()
    approve = url(district_a, "assessment_approve", complaint=case.pk, assessment=own.pk)
    assert approve not in page  # an explanation instead of the button
    response = client.post(approve, {f"approve-{own.pk}-version": "1"})
    assert refused_at_button(response) == ["four_eyes"]
    own.refresh_from_db()
    assert not own.is_approved


def test_staff_cannot_approve(client_for, staff_a, commissioner_a, district_a, case):
    letter = draft(case, commissioner_a)
    approve = url(district_a, "assessment_approve", complaint=case.pk, assessment=letter.pk)
    page = client_for(staff_a).get(url(district_a, "detail", complaint=case.pk)).content.decode()
    assert approve not in page
    assert (
        client_for(staff_a).post(approve, {f"approve-{letter.pk}-version": "1"}).status_code == 403
    )
    letter.refresh_from_db()
    assert not letter.is_approved


def test_the_commissioner_approves_and_the_letter_goes_out_on_the_status_page(
    client_for, staff_a, commissioner_a, district_a, case
):
    letter = draft(case, staff_a, text="Ihre Beschwerde ist begründet.")
    client = client_for(commissioner_a)
    approve = url(district_a, "assessment_approve", complaint=case.pk, assessment=letter.pk)
    assert approve in client.get(url(district_a, "detail", complaint=case.pk)).content.decode()
    assert client.post(approve, {f"approve-{letter.pk}-version": "1"}).status_code == 302
    letter.refresh_from_db()
    case.refresh_from_db()
    assert letter.approved_by == commissioner_a and case.status == "approved"
    sent = url(district_a, "assessment_sent", complaint=case.pk, assessment=letter.pk)
    response = client_for(staff_a).post(sent, {f"sent-{letter.pk}-method": "status_page"})
    assert response.status_code == 302
    letter.refresh_from_db()
    case.refresh_from_db()
    assert letter.sent_on == today() and case.first_feedback_on == today()
    assert case.feedback_due == today() + datetime.timedelta(days=14)
    with scope(district=district_a):
        shown = ComplaintEvent.objects.filter(complaint=case, public=True, kind="feedback")
        assert list(shown.values_list("text", flat=True)) == ["Ihre Beschwerde ist begründet."]
    assert {"as_approved", "as_sent", "feedback"} <= set(events(case))
    again = client_for(staff_a).post(sent, {f"sent-{letter.pk}-method": "letter"})
    assert refused_at_button(again) == ["sent"]


def test_a_letter_to_a_body_is_not_feedback_and_not_on_the_status_page(
    client_for, staff_a, commissioner_a, district_a, case, office
):
    letter = draft(case, staff_a, recipient="body", organisation=office)
    with scope(district=district_a):
        services.assessment_approve(assessment=letter, actor=commissioner_a, expected_version=1)
    sent = url(district_a, "assessment_sent", complaint=case.pk, assessment=letter.pk)
    page = client_for(staff_a).post(sent, {f"sent-{letter.pk}-method": "status_page"})
    assert page.status_code == 400 and page.context["casework_form"].errors["method"]
    assert client_for(staff_a).post(sent, {f"sent-{letter.pk}-method": "email"}).status_code == 302
    case.refresh_from_db()
    assert case.first_feedback_on is None
    with scope(district=district_a):
        assert not ComplaintEvent.objects.filter(complaint=case, public=True).exists()


def test_approving_a_stale_version_is_refused_and_keeps_the_first_approval(
    client_for, staff_a, commissioner_a, second_commissioner, district_a, case
):
    letter = draft(case, staff_a)
    approve = url(district_a, "assessment_approve", complaint=case.pk, assessment=letter.pk)
    post = {f"approve-{letter.pk}-version": "1"}
    assert client_for(commissioner_a).post(approve, post).status_code == 302
    response = client_for(second_commissioner).post(approve, post)
    assert refused_at_button(response) == ["concurrent_edit"]
    letter.refresh_from_db()
    assert letter.approved_by == commissioner_a and letter.version == 2
    assert events(case).count("as_approved") == 1


def test_a_replaced_draft_is_neither_approved_nor_sent(
    client_for, staff_a, commissioner_a, district_a, case
):
    first = draft(case, staff_a, text="Erste Fassung.")
    draft(case, staff_a, text="Zweite Fassung.")
    approve = url(district_a, "assessment_approve", complaint=case.pk, assessment=first.pk)
    response = client_for(commissioner_a).post(approve, {f"approve-{first.pk}-version": "1"})
    assert refused_at_button(response) == ["superseded"]


# ----------------------------------------------------------------------------- access


def _all_urls(district, case, statement, assessment) -> dict[str, str]:
    return {
        "statement_new": url(district, "statement_new", complaint=case.pk),
        "statement_remind": url(
            district, "statement_remind", complaint=case.pk, statement=statement.pk
        ),
        "statement_receive": url(
            district, "statement_receive", complaint=case.pk, statement=statement.pk
        ),
        "referral_consent": url(district, "referral_consent", complaint=case.pk),
        "referral_send": url(district, "referral_send", complaint=case.pk),
        "referral_outcome": url(district, "referral_outcome", complaint=case.pk),
        "assessment_new": url(district, "assessment_new", complaint=case.pk),
        "assessment_approve": url(
            district, "assessment_approve", complaint=case.pk, assessment=assessment.pk
        ),
        "assessment_sent": url(
            district, "assessment_sent", complaint=case.pk, assessment=assessment.pk
        ),
    }


POST_ONLY = {"statement_remind", "referral_send", "assessment_approve", "assessment_sent"}
WITH_ITEM = {"statement_remind", "statement_receive", "assessment_approve", "assessment_sent"}


@pytest.fixture
def items(case, staff_a, office):
    return request_statement(case, staff_a, office), draft(case, staff_a)


def test_pages_open_and_buttons_answer_405_to_get(
    client_for, commissioner_a, district_a, case, items
):
    client = client_for(commissioner_a)
    for name, path in _all_urls(district_a, case, *items).items():
        expected = 405 if name in POST_ONLY else 200
        assert client.get(path).status_code == expected, name


def test_the_assistant_is_refused(client_for, assistant_a, district_a, case, items):
    client = client_for(assistant_a)
    for name, path in _all_urls(district_a, case, *items).items():
        assert client.get(path).status_code == 403, name
        assert client.post(path).status_code == 403, name


def test_another_district_does_not_find_the_case(
    client_for, members, district_a, district_b, case, items
):
    client = client_for(members[("b", "commissioner")])
    for name, path in _all_urls(district_b, case, *items).items():
        assert client.get(path).status_code == 404, name
        assert client.post(path).status_code == 404, name
    with scopes_disabled():
        assert StatementRequest.objects.get().reminded_on is None


def test_an_item_of_another_complaint_is_not_found(
    client_for, commissioner_a, staff_a, district_a, case, items
):
    other = factories.complaint(district_a)
    client = client_for(commissioner_a)
    for name, path in _all_urls(district_a, other, *items).items():
        if name in WITH_ITEM:
            assert client.get(path).status_code == 404, name
            assert client.post(path).status_code == 404, name
    statement, assessment = items
    statement.refresh_from_db()
    assessment.refresh_from_db()
    assert statement.reminded_on is None and not assessment.is_approved


# ----------------------------------------------------------------------------- queries


def test_the_case_page_costs_the_same_queries_for_one_or_five_items(
    client_for, staff_a, commissioner_a, district_a, case, office
):
    def add_items(count: int) -> None:
        for _number in range(count):
            request_statement(case, staff_a, office)
            letter = draft(case, staff_a, recipient="body", organisation=office)
            with scope(district=district_a):
                services.assessment_approve(
                    assessment=letter, actor=commissioner_a, expected_version=1
                )

    client = client_for(commissioner_a)
    detail = url(district_a, "detail", complaint=case.pk)
    add_items(1)
    one = factories.page_queries(client, detail)
    add_items(4)
    five = factories.page_queries(client, detail)
    assert one == five
