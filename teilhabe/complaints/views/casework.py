"""Casework on the case page: statement requests, the AGG referral, the assessment."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern

from teilhabe.core.http import DistrictRequest

from ..models import Complaint


def detail_context(request: DistrictRequest, complaint: Complaint) -> dict[str, Any]:
    """The casework forms the case page shows."""
    return {}


urlpatterns: list[URLPattern] = []
