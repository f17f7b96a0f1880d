"""Role predicates for django-rules; `obj` is always the district the request is in."""

from __future__ import annotations

import rules

from teilhabe.accounts.models import Membership


def _role(user, district) -> str | None:
    if district is None or not user.is_authenticated:
        return None
    membership = user.working_membership(district)
    return membership.role if membership else None


@rules.predicate
def is_member(user, district) -> bool:
    """Any working role in the district (commissioner, staff or assistant)."""
    return _role(user, district) is not None


@rules.predicate
def is_commissioner(user, district) -> bool:
    """Heads the district's office (IntB)."""
    return _role(user, district) == Membership.Role.COMMISSIONER


@rules.predicate
def is_case_worker(user, district) -> bool:
    """May see personal data of complaints and counselling: commissioner and staff."""
    return _role(user, district) in {Membership.Role.COMMISSIONER, Membership.Role.STAFF}


@rules.predicate
def is_lag_viewer(user) -> bool:
    """Sees cross-district aggregates, never records."""
    return user.is_authenticated and (user.is_superuser or user.has_lag_access())


@rules.predicate
def is_platform_admin(user) -> bool:
    """Runs the installation: districts, accounts, memberships."""
    return user.is_authenticated and user.is_superuser
