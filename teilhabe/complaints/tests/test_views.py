"""Staff pages of the Ombudsstelle: intake with the code shown once, the (anonymised)
list and its filters, the case page with its audited read and its actions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint
from teilhabe.core.models import AuditEntry

from . import factories

pytestmark = pytest.mark.django_db


def url(district, name: str, **kwargs) -> str:
    return reverse(f"complaints:{name}", kwargs={"district": district.slug, **kwargs})


def intake_post(**overrides) -> dict:
    data = {
        "channel": "phone",
        "received_on": timezone.localdate().isoformat(),
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        "phone": "030 1234567",
        "language": "de",
        "subject": "Keine Übersetzung im Bürgeramt",
        "description": "Beim Termin gab es keine Möglichkeit zur Verständigung.",
        "categories": ["language"],
        "grounds": ["ethnic_origin"],
    }
    data.update(overrides)
    return data


def stored(district) -> list[Complaint]:
    with scope(district=district):
        return list(Complaint.objects.all())


@pytest.fixture
def assistant_a(members):
    return members[("a", "assistant")]


# ----------------------------------------------------------------------------- intake


def test_intake_records_the_complaint_and_shows_the_code_once(client_for, staff_a, district_a):
    client = client_for(staff_a)
    response = client.post(url(district_a, "create"), intake_post())
    assert response.status_code == 200  # no redirect to a page that could show it again
    code = response.context["code"]
    page = response.content.decode()
    [complaint] = stored(district_a)
    assert complaint.reference in page and code in page
    assert services.code_matches(complaint, code)
    with scope(district=district_a):
        assert sorted(complaint.tags.values_list("value", flat=True)) == [
            "ethnic_origin",
            "language",
        ]
    detail = client.get(url(district_a, "detail", complaint=complaint.pk)).content.decode()
    assert "Ayşe Yılmaz" in detail and code not in detail


def test_anonymous_intake_stores_no_contact_even_if_typed(client_for, staff_a, district_a):
    response = client_for(staff_a).post(url(district_a, "create"), intake_post(is_anonymous="on"))
    assert response.status_code == 200
    [complaint] = stored(district_a)
    assert complaint.is_anonymous
    assert (complaint.name, complaint.email, complaint.phone, complaint.address) == ("",) * 4


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", "fax"), ("received_on", "2999-01-01"), ("subject", "")],
)
def test_bad_intake_is_refused_with_a_message_and_stores_nothing(
    client_for, staff_a, district_a, field, value
):
    response = client_for(staff_a).post(url(district_a, "create"), intake_post(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "error-summary" in response.content.decode()
    assert stored(district_a) == []


# ----------------------------------------------------------------------------- list


def test_list_filters_by_status_and_overdue_feedback(client_for, staff_a, district_a):
    today = timezone.localdate()
    late = factories.complaint(
        district_a, subject="Seit drei Wochen offen", received_on=today - datetime.timedelta(21)
    )
    fresh = factories.complaint(district_a, subject="Heute angerufen")
    with scope(district=district_a):
        services.status_change(
            complaint=fresh, actor=staff_a, status="in_review", expected_version=fresh.version
        )
    client = client_for(staff_a)
    overdue = client.get(url(district_a, "list"), {"frist": "overdue"}).content.decode()
    assert late.subject in overdue and fresh.subject not in overdue
    in_review = client.get(url(district_a, "list"), {"status": "in_review"}).content.decode()
    assert fresh.subject in in_review and late.subject not in in_review
    soon = client.get(url(district_a, "list"), {"frist": "soon"}).content.decode()
    assert late.subject not in soon and fresh.subject not in soon  # due in 14 days


def test_assistant_sees_an_anonymised_list_and_no_case(client_for, assistant_a, district_a):
    complaint = factories.complaint(district_a, subject="Vertraulicher Betreff", name="Jana Nowak")
    client = client_for(assistant_a)
    page = client.get(url(district_a, "list")).content.decode()
    assert complaint.reference in page
    assert "Vertraulicher Betreff" not in page and "Jana Nowak" not in page
    assert url(district_a, "detail", complaint=complaint.pk) not in page
    assert client.get(url(district_a, "detail", complaint=complaint.pk)).status_code == 403
    assert client.get(url(district_a, "create")).status_code == 403


def test_another_districts_complaint_is_not_found(client_for, members, district_a, district_b):
    complaint = factories.complaint(district_a)
    response = client_for(members[("b", "staff")]).get(
        url(district_b, "detail", complaint=complaint.pk)
    )
    assert response.status_code == 404


# ----------------------------------------------------------------------------- case page


def test_reading_a_complaint_is_audited(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    views = AuditEntry.objects.with_scopes_disabled().filter(action="complaints.complaint.viewed")
    before = views.count()
    response = client_for(staff_a).get(url(district_a, "detail", complaint=complaint.pk))
    assert response.status_code == 200
    assert "ayse@example.org" in response.content.decode()  # decrypted
    assert views.count() == before + 1


def test_a_stale_status_change_is_refused_and_changes_nothing(
    client_for, staff_a, commissioner_a, district_a
):
    complaint = factories.complaint(district_a)
    post = {"status-status": "in_review", "status-version": str(complaint.version)}
    first = client_for(commissioner_a).post(url(district_a, "status", complaint=complaint.pk), post)
    assert first.status_code == 302
    post = {"status-status": "closed", "status-version": str(complaint.version)}
    second = client_for(staff_a).post(url(district_a, "status", complaint=complaint.pk), post)
    assert second.status_code == 400
    [error] = second.context["status_form"].non_field_errors().as_data()
    assert error.code == "concurrent_edit"
    assert "errorlist" in second.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "in_review"
    # The form now carries the current version: saving again is a deliberate decision.
    assert f'value="{complaint.version}"' in second.content.decode()


def test_a_disallowed_transition_is_refused(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    post = {"status-status": "approved", "status-version": str(complaint.version)}
    response = client_for(staff_a).post(url(district_a, "status", complaint=complaint.pk), post)
    assert response.status_code == 400
    [error] = response.context["status_form"].non_field_errors().as_data()
    assert error.code == "transition"
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_actions_answer_405_to_get(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    for name in ("status", "feedback", "message", "note", "code"):
        response = client_for(staff_a).get(url(district_a, name, complaint=complaint.pk))
        assert response.status_code == 405


def test_feedback_moves_the_next_due_date(client_for, staff_a, district_a):
    today = timezone.localdate()
    complaint = factories.complaint(district_a, received_on=today - datetime.timedelta(10))
    post = {"feedback-method": "call", "feedback-on": today.isoformat(), "feedback-text": "Stand"}
    response = client_for(staff_a).post(url(district_a, "feedback", complaint=complaint.pk), post)
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.feedback_due == today + datetime.timedelta(14)
    assert complaint.first_feedback_on == today


def test_note_and_message_land_on_the_timeline(client_for, staff_a, district_a):
    complaint = factories.complaint(district_a)
    client = client_for(staff_a)
    client.post(url(district_a, "note", complaint=complaint.pk), {"note-text": "Rückruf am Montag"})
    client.post(url(district_a, "message", complaint=complaint.pk), {"message-text": "Wir prüfen."})
    page = client.get(url(district_a, "detail", complaint=complaint.pk)).content.decode()
    assert "Rückruf am Montag" in page and "Wir prüfen." in page
    empty = client.post(url(district_a, "note", complaint=complaint.pk), {"note-text": ""})
    assert empty.status_code == 400


def test_a_new_code_replaces_the_old_one(client_for, staff_a, district_a):
    complaint, old = factories.intake(district_a)
    response = client_for(staff_a).post(url(district_a, "code", complaint=complaint.pk))
    assert response.status_code == 200
    new = response.context["code"]
    assert new in response.content.decode()
    complaint.refresh_from_db()
    assert services.code_matches(complaint, new) and not services.code_matches(complaint, old)


# ----------------------------------------------------------------------------- queries


def test_list_and_detail_queries_do_not_grow_with_data(client_for, staff_a, district_a):
    first = factories.complaint(district_a)
    factories.complaint(district_a)
    client = client_for(staff_a)
    detail = url(district_a, "detail", complaint=first.pk)
    few = (
        factories.page_queries(client, url(district_a, "list")),
        factories.page_queries(client, detail),
    )
    for _ in range(10):
        factories.complaint(district_a)
    with scope(district=district_a):
        for text in ("eins", "zwei", "drei"):
            services.note_add(complaint=first, actor=staff_a, text=text)
    many = (
        factories.page_queries(client, url(district_a, "list")),
        factories.page_queries(client, detail),
    )
    assert few == many
