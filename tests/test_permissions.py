"""Role × permission: what each role of a district may do, and nothing in another district."""

from __future__ import annotations

import pytest
import rules

pytestmark = pytest.mark.django_db

C, S, A, L = "commissioner", "staff", "assistant", "lag_viewer"

# permission: roles of the district that have it (in their own district only)
DISTRICT_PERMISSIONS = {
    "core.view_dashboard": {C, S, A},
    "core.view_audit": {C, S},
    "core.view_district_audit": {C},
    "districts.view_office": {C, S, A},
    "districts.change_office": {C, S},
    "districts.manage_positions": {C},
    "directory.view_directory": {C, S, A},
    "directory.change_directory": {C, S, A},
    "directory.import_directory": {C, S},
    "counselling.view_consultation": {C, S},
    "counselling.change_consultation": {C, S},
    "counselling.view_statistics": {C, S, A},
    "committees.view_body": {C, S, A},
    "committees.change_meeting": {C, S, A},
    "committees.change_body": {C, S},
    "committees.import_bodies": {C, S},
    "committees.change_member": {C, S},
    "workplan.view_workplan": {C, S, A},
    "workplan.record_progress": {C, S, A},
    "workplan.change_workplan": {C, S},
    "complaints.view_complaint": {C, S},
    "complaints.change_complaint": {C, S},
    "complaints.view_anonymised_list": {C, S, A},
    "complaints.approve_assessment": {C},
    "complaints.view_statistics": {C, S, A},
}
# permissions not tied to one district: who has them
GLOBAL_PERMISSIONS = {"lag.view_aggregates": {L, "platform_admin"}}


def test_every_registered_permission_is_in_the_table():
    registered = set(rules.permissions.permissions.keys())
    listed = set(DISTRICT_PERMISSIONS) | set(GLOBAL_PERMISSIONS)
    assert registered == listed, (
        f"add to the table: {registered - listed}; stale: {listed - registered}"
    )


@pytest.mark.parametrize("perm", sorted(DISTRICT_PERMISSIONS))
@pytest.mark.parametrize("role", [C, S, A, L])
def test_district_permission_by_role(members, district_a, district_b, perm, role):
    own = members[("a", role)]
    assert own.has_perm(perm, district_a) is (role in DISTRICT_PERMISSIONS[perm])
    # The same role in district B never grants anything in district A.
    assert members[("b", role)].has_perm(perm, district_a) is False


@pytest.mark.parametrize("perm", sorted(DISTRICT_PERMISSIONS))
def test_platform_admin_has_no_district_permissions(members, district_a, perm):
    assert members[("any", "platform_admin")].has_perm(perm, district_a) is False


@pytest.mark.parametrize("perm", sorted(GLOBAL_PERMISSIONS))
@pytest.mark.parametrize("role", [C, S, A, L, "platform_admin"])
def test_global_permission_by_role(members, perm, role):
    user = members[("any", role)] if role == "platform_admin" else members[("a", role)]
    assert user.has_perm(perm) is (role in GLOBAL_PERMISSIONS[perm])


def test_anonymous_has_no_permission(district_a):
    from django.contrib.auth.models import AnonymousUser

    for perm in DISTRICT_PERMISSIONS:
        assert AnonymousUser().has_perm(perm, district_a) is False
