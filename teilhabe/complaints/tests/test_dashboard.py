"""The dashboard's box of the Ombudsstelle: feedback overdue and due within a week,
statements past their deadline; closed cases and other districts left out; the
assistant sees references only; a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint, StatementRequest
from teilhabe.directory.models import Organisation

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def dashboard(district) -> str:
    return reverse("districts:dashboard", kwargs={"district": district.slug})


def detail(complaint: Complaint) -> str:
    return reverse(
        "complaints:detail", kwargs={"district": complaint.district.slug, "complaint": complaint.pk}
    )


def received(district, days_ago: int, subject: str, **data) -> Complaint:
    day = TODAY - datetime.timedelta(days=days_ago)
    return factories.complaint(district, received_on=day, subject=subject, **data)


def statement(complaint: Complaint, deadline: datetime.date, **data) -> StatementRequest:
    district = complaint.district
    with scope(district=district):
        body, _created = Organisation.objects.get_or_create(
            district=district, name="Bürgeramt Hellersdorf", kind="district_dept"
        )
        return StatementRequest.objects.create(
            district=district,
            complaint=complaint,
            organisation=body,
            text_sent="Bitte nehmen Sie Stellung.",
            sent_on=deadline - datetime.timedelta(days=21),
            deadline=deadline,
            **data,
        )


@pytest.fixture
def cases(district_a, district_b, staff_a):
    overdue = received(district_a, 20, "Seit drei Wochen offen")  # due 6 days ago
    soon = received(district_a, 10, "Bald fällig")  # due in 4 days
    received(district_a, 2, "Gerade eingegangen")  # due in 12 days: not yet shown
    closed = received(district_a, 20, "Schon erledigt")
    with scope(district=district_a):
        services.status_change(
            complaint=closed, actor=staff_a, status="closed", expected_version=closed.version
        )
    other = received(district_b, 20, "Spandauer Fall")
    statement(soon, TODAY - datetime.timedelta(days=3))
    statement(overdue, TODAY - datetime.timedelta(days=5), received_on=TODAY)  # answered
    statement(closed, TODAY - datetime.timedelta(days=5))  # the case is closed
    return {"overdue": overdue, "soon": soon, "closed": closed, "other": other}


def test_the_box_lists_overdue_and_due_soon_and_late_statements(
    client_for, staff_a, district_a, cases
):
    response = client_for(staff_a).get(dashboard(district_a))
    assert response.status_code == 200
    due = response.context["complaints_due"]
    assert [item.reference for item in due.overdue] == [cases["overdue"].reference]
    assert [item.reference for item in due.soon] == [cases["soon"].reference]
    assert due.overdue[0].days_overdue == 6
    assert [(item.reference, item.days_overdue) for item in due.statements] == [
        (cases["soon"].reference, 3)
    ]
    page = response.content.decode()
    assert detail(cases["overdue"]) in page and detail(cases["soon"]) in page
    assert "Bürgeramt Hellersdorf" in page  # the body asked, for case workers
    assert cases["closed"].reference not in page
    assert cases["other"].reference not in page
    assert "Seit drei Wochen offen" not in page  # no subjects on the dashboard


def test_the_assistant_sees_references_without_subjects_or_links(
    client_for, members, district_a, cases
):
    page = client_for(members[("a", "assistant")]).get(dashboard(district_a)).content.decode()
    assert cases["overdue"].reference in page and cases["soon"].reference in page
    assert "Seit drei Wochen offen" not in page and "Bald fällig" not in page
    assert detail(cases["overdue"]) not in page and detail(cases["soon"]) not in page
    assert "Bürgeramt Hellersdorf" not in page
    assert "Ayşe Yılmaz" not in page


def test_the_responsible_position_is_named(client_for, staff_a, district_a):
    from teilhabe.districts.tests.factories import PositionFactory

    position = PositionFactory(district=district_a, code="Int3")
    received(district_a, 15, "Zuständig Int3", responsible=position)
    page = client_for(staff_a).get(dashboard(district_a)).content.decode()
    assert "Int3" in page


def test_nothing_due_says_so(client_for, staff_a, district_a):
    received(district_a, 1, "Ganz frisch")
    response = client_for(staff_a).get(dashboard(district_a))
    assert not response.context["complaints_due"]
    assert response.context["complaints_due"] is not None


def test_the_box_costs_the_same_queries_with_more_cases(client_for, staff_a, district_a):
    first = received(district_a, 20, "Erster Fall")
    statement(first, TODAY - datetime.timedelta(days=1))
    client = client_for(staff_a)
    few = factories.page_queries(client, dashboard(district_a))
    for n in range(12):
        case = received(district_a, 8 + n, f"Fall {n}")
        statement(case, TODAY - datetime.timedelta(days=1 + n % 3))
    assert len(client.get(dashboard(district_a)).context["complaints_due"].feedback) == 13
    assert factories.page_queries(client, dashboard(district_a)) == few
