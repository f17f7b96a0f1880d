from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.districts.models import Office

pytestmark = pytest.mark.django_db


def test_office_page_lists_positions_and_team(client_for, commissioner_a, district_a, in_scope):
    response = client_for(commissioner_a).get(
        reverse("districts:office", kwargs={"district": district_a.slug})
    )
    assert response.status_code == 200
    assert commissioner_a.full_name in response.content.decode()


def test_office_page_is_404_for_member_of_other_district(client_for, members, district_a):
    response = client_for(members[("b", "commissioner")]).get(
        reverse("districts:office", kwargs={"district": district_a.slug})
    )
    assert response.status_code == 404


def test_office_edit_saves_and_audits(client_for, staff_a, district_a, in_scope):
    with in_scope(district_a):
        office = Office.objects.get()
    url = reverse("districts:office_edit", kwargs={"district": district_a.slug})
    data = {
        "name": "Integrationsbüro MH",
        "city": "Berlin",
        "postal_code": "12627",
        "version": office.version,
        "is_published": "on",
    }
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.name == "Integrationsbüro MH"
    assert office.version == 2


def office_url(district, name="districts:office_edit", **kwargs):
    return reverse(name, kwargs={"district": district.slug, **kwargs})


def form_data(office, **changes):
    data = {"name": office.name, "city": "Berlin", "version": office.version, "is_published": "on"}
    data.update(changes)
    return data


def test_invalid_postal_code_gets_a_message_and_changes_nothing(
    client_for, staff_a, district_a, in_scope
):
    with in_scope(district_a):
        office = Office.objects.get()
    response = client_for(staff_a).post(
        office_url(district_a), form_data(office, postal_code="123")
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    office.refresh_from_db()
    assert office.postal_code == "" and office.version == 1


def test_second_editor_sees_conflict_and_keeps_input(
    client_for, staff_a, commissioner_a, district_a, in_scope
):
    with in_scope(district_a):
        office = Office.objects.get()
    first = client_for(staff_a).post(office_url(district_a), form_data(office, room="Raum A"))
    assert first.status_code == 302
    second = client_for(commissioner_a).post(
        office_url(district_a), form_data(office, room="Raum B")
    )
    body = second.content.decode()
    assert second.status_code == 200
    assert 'class="conflict"' in body
    assert "Raum B" in body  # the second person's input is still in the form
    assert "Raum A" in body  # and they see what is saved now
    office.refresh_from_db()
    assert office.room == "Raum A" and office.version == 2
    # A deliberate second save against the new version succeeds.
    again = client_for(commissioner_a).post(
        office_url(district_a), form_data(office, room="Raum B")
    )
    assert again.status_code == 302
    office.refresh_from_db()
    assert office.room == "Raum B" and office.version == 3


@pytest.mark.parametrize(
    ("role", "url_name", "status"),
    [
        ("assistant", "districts:office_edit", 403),
        ("assistant", "districts:office", 200),
        ("staff", "districts:position_create", 403),
        ("commissioner", "districts:position_create", 200),
        ("staff", "core:district_audit", 403),
        ("assistant", "core:district_audit", 403),
        ("commissioner", "core:district_audit", 200),
    ],
)
def test_pages_by_role(client_for, members, district_a, role, url_name, status):
    response = client_for(members[("a", role)]).get(office_url(district_a, url_name))
    assert response.status_code == status


def test_lag_viewer_has_no_staff_area(client_for, members, district_a):
    response = client_for(members[("a", "lag_viewer")]).get(
        office_url(district_a, "districts:dashboard")
    )
    assert response.status_code == 404


def test_position_create_and_assign_via_forms(
    client_for, commissioner_a, staff_a, district_a, in_scope
):
    client = client_for(commissioner_a)
    response = client.post(
        office_url(district_a, "districts:position_create"),
        {"code": "Int3", "title": "Koordination Ehrenamt", "sort_order": 3},
    )
    assert response.status_code == 302
    with in_scope(district_a):
        from teilhabe.districts.models import Position

        position = Position.objects.get(code="Int3")
    assign = office_url(district_a, "districts:holding_create", position=position.pk)
    bad = client.post(assign, {"user": staff_a.pk, "start": "2025-02-01", "end": "2025-01-01"})
    assert bad.status_code == 200
    with in_scope(district_a):
        assert position.holdings.count() == 0
    ok = client.post(assign, {"user": staff_a.pk, "start": "2025-02-01"})
    assert ok.status_code == 302
    page = client.get(office_url(district_a, "districts:office")).content.decode()
    assert "Koordination Ehrenamt" in page


def test_duplicate_position_code_is_reported_on_the_field(client_for, commissioner_a, district_a):
    client = client_for(commissioner_a)
    url = office_url(district_a, "districts:position_create")
    client.post(url, {"code": "Int9", "title": "A", "sort_order": 1})
    response = client.post(url, {"code": "int9", "title": "B", "sort_order": 1})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_foreign_user_cannot_be_assigned(client_for, commissioner_a, members, district_a, in_scope):
    from teilhabe.districts.tests.factories import PositionFactory

    with in_scope(district_a):
        position = PositionFactory(district=district_a)
    response = client_for(commissioner_a).post(
        office_url(district_a, "districts:holding_create", position=position.pk),
        {"user": members[("b", "staff")].pk, "start": "2025-01-01"},
    )
    assert response.status_code == 200
    with in_scope(district_a):
        assert position.holdings.count() == 0


def test_record_audit_shows_changes_of_the_office(client_for, staff_a, district_a, in_scope):
    with in_scope(district_a):
        office = Office.objects.get()
    client = client_for(staff_a)
    client.post(office_url(district_a), form_data(office, room="Raum 0.815"))
    page = client.get(
        office_url(district_a, "core:record_audit", label="districts.office", object_id=office.pk)
    )
    assert page.status_code == 200
    assert "Raum 0.815" in page.content.decode()


def test_record_audit_of_unknown_or_unscoped_model_is_404(client_for, staff_a, district_a):
    client = client_for(staff_a)
    for label, object_id in [
        ("accounts.user", staff_a.pk),
        ("nope.nothing", 1),
        ("districts.office", 999999),
    ]:
        url = office_url(district_a, "core:record_audit", label=label, object_id=object_id)
        assert client.get(url).status_code == 404


def test_unchanged_multiline_text_from_a_browser_is_no_change(
    client_for, staff_a, district_a, in_scope
):
    from teilhabe.core.models import AuditEntry

    with in_scope(district_a):
        office = Office.objects.get()
        office.office_hours = "Di 9–12\nDo 14–17"
        office.save()
    data = form_data(office, office_hours="Di 9–12\r\nDo 14–17")
    assert client_for(staff_a).post(office_url(district_a), data).status_code == 302
    office.refresh_from_db()
    assert office.version == 1
    with in_scope(district_a):
        assert not AuditEntry.objects.filter(action="districts.office.updated").exists()


def test_district_switcher_lists_the_other_districts(client_for, staff_a, district_b):
    from teilhabe.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=staff_a, district=district_b, role="assistant")
    body = client_for(staff_a).get("/marzahn-hellersdorf/").content.decode()
    assert 'class="switcher"' in body
    assert 'href="/spandau/"' in body
    assert client_for(staff_a).get("/spandau/").status_code == 200


def test_no_switcher_with_a_single_district(client_for, staff_a):
    body = client_for(staff_a).get("/marzahn-hellersdorf/").content.decode()
    assert 'class="switcher"' not in body
