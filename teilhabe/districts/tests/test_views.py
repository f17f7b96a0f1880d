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
    data = {"name": "Integrationsbüro MH", "city": "Berlin", "postal_code": "12627",
            "version": office.version, "is_published": "on"}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 302
    office.refresh_from_db()
    assert office.name == "Integrationsbüro MH"
    assert office.version == 2
