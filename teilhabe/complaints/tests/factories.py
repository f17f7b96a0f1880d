"""Factories of the Ombudsstelle: complaints recorded through the intake service."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scope

from teilhabe.complaints import services
from teilhabe.complaints.models import Complaint
from teilhabe.districts.models import District


def intake(
    district: District,
    *,
    actor: Any = None,
    categories: tuple[str, ...] = ("language",),
    organisations: tuple[Any, ...] | list[Any] = (),
    **data: Any,
) -> tuple[Complaint, str]:
    """A complaint and its receipt code, as staff record one by phone."""
    values = {
        "channel": "phone",
        "received_on": timezone.localdate(),
        "subject": "Keine Übersetzung im Bürgeramt",
        "description": "Beim Termin im Bürgeramt gab es keine Möglichkeit zur Verständigung.",
        "name": "Ayşe Yılmaz",
        "email": "ayse@example.org",
        **data,
    }
    with scope(district=district):
        return services.complaint_create(
            district=district,
            actor=actor,
            data=values,
            categories=categories,
            organisations=organisations,
        )


def complaint(district: District, **data: Any) -> Complaint:
    return intake(district, **data)[0]
