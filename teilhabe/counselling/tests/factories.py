"""Factories of counselling: consultations through the service."""

from __future__ import annotations

import datetime
from typing import Any

from django_scopes import scope

from teilhabe.counselling import services
from teilhabe.counselling.models import Consultation
from teilhabe.directory.models import Organisation, Topic
from teilhabe.districts.models import District, Position


def consultation(
    district: District,
    *,
    topics: tuple[str, ...] = ("residence",),
    referrals: tuple[Organisation, ...] = (),
    actor: Any = None,
    **data: Any,
) -> Consultation:
    """A consultation of `district` by its first position, recorded as the service does."""
    with scope(district=district):
        if "position" not in data:
            data["position"] = Position.objects.filter(district=district).first() or (
                Position.objects.create(district=district, code="IntB", title="Beauftragte")
            )
        data.setdefault("date", datetime.date(2026, 11, 2))
        return services.consultation_create(
            district=district,
            actor=actor,
            data=data,
            topics=list(Topic.objects.filter(code__in=topics)),
            referrals=referrals,
        )
