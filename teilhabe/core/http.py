"""Typed requests: what the middleware puts on a request of the staff area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from teilhabe.accounts.models import Membership, User
    from teilhabe.districts.models import District


class AuthenticatedRequest(HttpRequest):
    user: User


class DistrictRequest(HttpRequest):
    """A request under /<district>/: DistrictScopeMiddleware set district and membership."""

    user: User
    district: District
    membership: Membership
    htmx: HtmxDetails
