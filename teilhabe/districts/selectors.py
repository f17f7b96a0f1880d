"""Reads of the districts app; each returns everything its page needs in fixed queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from teilhabe.accounts.models import Membership, User

from .models import District, Office, OfficeText, Position, PositionHolding


def office_get(*, district: District) -> Office:
    """The district's office (created with the district, so it always exists)."""
    return Office.objects.get(district=district)


def office_text_get(*, district: District, language: str) -> OfficeText | None:
    """The office page text in `language`, if one was written."""
    return OfficeText.objects.filter(district=district, language=language).first()


def office_texts(*, district: District) -> dict[str, OfficeText]:
    return {text.language: text for text in OfficeText.objects.filter(district=district)}


def position_list(*, district: District, include_inactive: bool = True) -> QuerySet[Position]:
    """Positions with their current holders prefetched."""
    today = timezone.localdate()
    holdings = (
        PositionHolding.objects.filter(district=district)
        .current(today)
        .select_related("user")
        .order_by("user__full_name")
    )
    positions = Position.objects.filter(district=district)
    if not include_inactive:
        positions = positions.filter(is_active=True)
    return positions.prefetch_related(
        Prefetch("holdings", queryset=holdings, to_attr="current_holdings")
    )


def position_history(*, position: Position) -> QuerySet[PositionHolding]:
    """Everyone who held `position`, newest first."""
    return PositionHolding.objects.filter(position=position).select_related("user")


def team_list(*, district: District) -> QuerySet[Membership]:
    """The district's working members with their current positions."""
    today = timezone.localdate()
    holdings = (
        PositionHolding.objects.filter(district=district).current(today).select_related("position")
    )
    return (
        Membership.objects.filter(district=district, role__in=Membership.WORKING_ROLES)
        .select_related("user")
        .prefetch_related(
            Prefetch("user__position_holdings", queryset=holdings, to_attr="current_holdings")
        )
        .order_by("user__full_name")
    )


def positions_of(*, district: District, user: User) -> QuerySet[Position]:
    """The positions `user` holds today in `district`."""
    today = timezone.localdate()
    held = PositionHolding.objects.filter(district=district, user=user).current(today)
    return Position.objects.filter(district=district, pk__in=held.values("position_id"))


def assignable_users(*, district: District) -> QuerySet[User]:
    """People who may hold a position in `district`: its working members."""
    return User.objects.filter(
        memberships__district=district,
        memberships__role__in=Membership.WORKING_ROLES,
        is_active=True,
    ).order_by("full_name")
