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


def test_membership_added_through_the_user_page_inline_is_audited(client_for, members, district_a):
    admin_user = members[("any", "platform_admin")]
    person = members[("b", "assistant")]
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": str(person.memberships.get().pk),
        "memberships-0-user": str(person.pk),
        "memberships-0-district": str(person.memberships.get().district_id),
        "memberships-0-role": "assistant",
        "memberships-1-user": str(person.pk),
        "memberships-1-district": str(district_a.pk),
        "memberships-1-role": "commissioner",
    }
    response = client_for(admin_user).post(f"/admin/accounts/user/{person.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="accounts.membership.created")
    assert entry.district == district_a
    assert entry.changes["role"] == [None, "commissioner"]


def test_deleting_a_lost_phone_in_the_admin_is_audited_without_the_key(client_for, members):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user = members[("any", "platform_admin")]
    device = TOTPDevice.objects.create(user=members[("a", "staff")], confirmed=True)
    response = client_for(admin_user).post(
        f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    with scopes_disabled():
        entry = AuditEntry.objects.get(action="otp_totp.totpdevice.deleted")
    assert device.key not in str(entry.changes)
    assert entry.actor == admin_user
