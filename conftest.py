"""Fixtures shared by every test: two districts, a member of each role in each.

District A (Marzahn-Hellersdorf) and district B (Spandau) come from the data
migration. `members` builds users for every role in both, so tests can check that
nobody of B ever sees A's records.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from teilhabe.accounts.models import Membership, User
from teilhabe.accounts.tests.factories import MembershipFactory, UserFactory
from teilhabe.districts.models import District

ROLES = [role.value for role in Membership.Role]


@pytest.fixture
def district_a(db) -> District:
    return District.objects.get(slug="marzahn-hellersdorf")


@pytest.fixture
def district_b(db) -> District:
    return District.objects.get(slug="spandau")


def make_member(district: District, role: str, **user_fields) -> User:
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, district=district, role=role)
    return user


@pytest.fixture
def members(district_a, district_b) -> dict[tuple[str, str], User]:
    """{("a", role): user, ("b", role): user} for every membership role, plus admins."""
    users = {}
    for key, district in (("a", district_a), ("b", district_b)):
        for role in ROLES:
            users[(key, role)] = make_member(district, role)
    users[("any", "platform_admin")] = UserFactory(is_superuser=True, is_staff=True)
    return users


@pytest.fixture
def commissioner_a(members) -> User:
    return members[("a", "commissioner")]


@pytest.fixture
def staff_a(members) -> User:
    return members[("a", "staff")]


@pytest.fixture
def client_for():
    """client_for(user) → a Client signed in as `user` (None → anonymous)."""

    def build(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return build


@pytest.fixture
def in_scope():
    """in_scope(district) → the django-scopes context a request of that district runs in."""
    return lambda district: scope(district=district)


@pytest.fixture
def unscoped():
    return scopes_disabled


def pytest_configure(config):
    # Playwright's sync API runs an event loop in the test thread; Django's ORM calls
    # in the same thread (live_server fixtures) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
