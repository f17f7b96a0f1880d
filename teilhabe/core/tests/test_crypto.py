"""Encryption at rest: keys outside the database, rotation, and the deployment check."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_scopes import scope

from teilhabe.core import crypto
from teilhabe.core.checks import field_keys_configured
from teilhabe.counselling.models import Consultation
from teilhabe.counselling.tests.factories import consultation

OLD_KEY = crypto.generate_key()
NEW_KEY = crypto.generate_key()


def stored_contact(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM counselling_consultation WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_round_trip_and_no_plaintext():
    token = crypto.encrypt("Frau K., 0176 123")
    assert "0176" not in token
    assert crypto.decrypt(token) == "Frau K., 0176 123"


@override_settings(TEILHABE_FIELD_KEYS=[], TEILHABE_FIELD_KEY_FILE="")
def test_no_key_means_no_encryption_and_a_failed_deploy_check():
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
    assert [error.id for error in field_keys_configured(None)] == ["teilhabe.E001"]


def test_key_file_is_read_when_no_keys_are_in_the_environment(tmp_path):
    path = tmp_path / "keys"
    with override_settings(TEILHABE_FIELD_KEYS=[], TEILHABE_FIELD_KEY_FILE=str(path)):
        call_command("create_field_key", stdout=io.StringIO())
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        token = crypto.encrypt("geheim")
        call_command("create_field_key", "--rotate", stdout=io.StringIO())
        assert len(crypto.configured_keys()) == 2
        assert crypto.decrypt(token) == "geheim"  # the old key still reads


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key(district_a):
    with override_settings(TEILHABE_FIELD_KEYS=[OLD_KEY]):
        record = consultation(district_a, wants_follow_up=True, contact="alt@example.org")
        before = stored_contact(record.pk)
    with override_settings(TEILHABE_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        call_command("rotate_field_keys", stdout=io.StringIO())
        after = stored_contact(record.pk)
    assert after != before
    with override_settings(TEILHABE_FIELD_KEYS=[NEW_KEY]), scope(district=district_a):
        assert Consultation.objects.get(pk=record.pk).contact == "alt@example.org"
    with (
        override_settings(TEILHABE_FIELD_KEYS=[OLD_KEY]),
        scope(district=district_a),
        pytest.raises(ImproperlyConfigured),
    ):
        Consultation.objects.get(pk=record.pk)
