from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_lag_viewer_sees_counts_for_all_districts(client_for, members):
    response = client_for(members[("b", "lag_viewer")]).get(reverse("lag:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Reinickendorf" in body and "Marzahn-Hellersdorf" in body
    # Counts only: no names of anybody in any district.
    for user in members.values():
        assert user.full_name not in body and user.email not in body


@pytest.mark.parametrize("role", ["commissioner", "staff", "assistant"])
def test_district_roles_do_not_see_the_comparison(client_for, members, role):
    assert client_for(members[("a", role)]).get(reverse("lag:overview")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(reverse("lag:overview"))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
