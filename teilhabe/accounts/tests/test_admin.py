"""Platform admins manage accounts in the admin site; their writes are audited too."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from teilhabe.accounts.models import Membership
from teilhabe.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_membership_added_in_admin_is_audited_in_its_district(client_for, members, district_a):
    admin_user = members[("any", "platform_admin")]
    newcomer = members[("b", "staff")]
    response = client_for(admin_user).post(
        "/admin/accounts/membership/add/",
        {"user": newcomer.pk, "district": district_a.pk, "role": "assistant"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, district=district_a).exists()
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="accounts.membership.created")
    assert entry.district == district_a
    assert entry.actor == admin_user
    assert entry.changes["role"] == [None, "assistant"]


def test_district_members_cannot_use_the_admin_site(client_for, commissioner_a):
    response = client_for(commissioner_a).get("/admin/accounts/membership/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
