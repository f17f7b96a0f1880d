"""Cross-district aggregates for the LAG: counts per district, never records.

Aggregates read across all districts, which is the one place besides tasks,
commands and migrations where STYLE.md allows `scopes_disabled()`.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.accounts.models import Membership
from teilhabe.districts.models import District, Position, PositionHolding


def district_overview() -> list[dict]:
    """Per district: active positions, occupied positions and working members."""
    today = timezone.localdate()
    with scopes_disabled():
        positions = dict(
            Position.objects.filter(is_active=True)
            .values_list("district_id")
            .annotate(n=Count("id"))
        )
        occupied = dict(
            PositionHolding.objects.current(today)
            .filter(position__is_active=True)
            .values_list("district_id")
            .annotate(n=Count("position_id", distinct=True))
        )
    members = dict(
        Membership.objects.filter(role__in=Membership.WORKING_ROLES)
        .values_list("district_id")
        .annotate(n=Count("id"))
    )
    rows = []
    for district in District.objects.annotate(
        localities_count=Count("localities", filter=Q(localities__isnull=False))
    ):
        rows.append(
            {
                "district": district,
                "localities": district.localities_count,
                "positions": positions.get(district.pk, 0),
                "occupied": occupied.get(district.pk, 0),
                "members": members.get(district.pk, 0),
            }
        )
    return rows
