"""The audit trail and the version check every edit form relies on."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from teilhabe.core.audit import REDACTED, audit_log, audit_read
from teilhabe.core.models import AuditEntry
from teilhabe.core.versioning import ConcurrentEditError, versioned_save
from teilhabe.districts.models import Office
from teilhabe.districts.services import office_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(district_a, in_scope):
    """District A's office; the test runs inside A's scope, as a request of A would."""
    with in_scope(district_a):
        yield Office.objects.get()


def test_audit_log_records_actor_object_district_and_changes(office, staff_a, district_a):
    entry = audit_log(
        actor=staff_a, obj=office, action="districts.office.updated", changes={"room": ("1", "2")}
    )
    assert entry.district == district_a
    assert entry.actor == staff_a and entry.actor_label == staff_a.email
    assert entry.content_type == ContentType.objects.get_for_model(Office)
    assert entry.object_id == str(office.pk)
    assert entry.changes == {"room": ["1", "2"]}


def test_audit_log_redacts_sensitive_fields(office, staff_a, monkeypatch):
    monkeypatch.setattr(Office, "AUDIT_REDACTED_FIELDS", ("phone",), raising=False)
    entry = audit_log(
        actor=staff_a,
        obj=office,
        action="districts.office.updated",
        changes={"phone": ("030 1", "030 2"), "room": ("a", "b")},
    )
    assert entry.changes["phone"] == [REDACTED, REDACTED]
    assert entry.changes["room"] == ["a", "b"]


def test_audit_read_records_a_view(office, staff_a):
    entry = audit_read(actor=staff_a, obj=office)
    assert entry.action == "districts.office.viewed"
    assert entry.changes == {}


def test_audit_entries_are_scoped(office, staff_a, district_b, in_scope):
    audit_log(actor=staff_a, obj=office, action="districts.office.updated")
    assert AuditEntry.objects.filter(object_id=str(office.pk)).exists()
    with in_scope(district_b):
        assert not AuditEntry.objects.filter(object_id=str(office.pk)).exists()


def test_versioned_save_increments_version_and_audits_changed_fields(office, staff_a):
    saved = office_update(
        office=office, actor=staff_a, data={"room": "Raum 1.23"}, expected_version=1
    )
    assert saved.version == 2
    assert saved.updated_by == staff_a
    entry = AuditEntry.objects.with_scope(district=office.district).get(object_id=str(office.pk))
    assert entry.changes == {"room": ["", "Raum 1.23"]}


def test_second_save_with_old_version_is_refused_and_first_kept(office, staff_a, commissioner_a):
    office_update(office=office, actor=staff_a, data={"room": "erste"}, expected_version=1)
    with pytest.raises(ConcurrentEditError) as caught:
        office_update(
            office=office, actor=commissioner_a, data={"room": "zweite"}, expected_version=1
        )
    assert caught.value.current.room == "erste"
    office.refresh_from_db()
    assert office.room == "erste" and office.version == 2


def test_save_without_changes_writes_nothing(office, staff_a):
    before = AuditEntry.objects.with_scope(district=office.district).count()
    saved = versioned_save(
        instance=office,
        actor=staff_a,
        data={"name": office.name},
        expected_version=1,
        action="districts.office.updated",
    )
    assert saved.version == 1
    assert AuditEntry.objects.with_scope(district=office.district).count() == before


def test_invalid_data_is_rejected_and_nothing_saved(office, staff_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        office_update(office=office, actor=staff_a, data={"postal_code": "12"}, expected_version=1)
    office.refresh_from_db()
    assert office.postal_code == "" and office.version == 1
