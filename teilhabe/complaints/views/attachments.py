"""Attachments of a complaint: upload, download, delete."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern

from teilhabe.core.http import DistrictRequest

from ..models import Complaint


def detail_context(request: DistrictRequest, complaint: Complaint) -> dict[str, Any]:
    """What the case page shows of the attachments."""
    return {}


urlpatterns: list[URLPattern] = []
