"""Writes of the districts app: the office, its public texts, positions and holdings."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.core.audit import audit_log
from teilhabe.core.versioning import ConcurrentEditError, versioned_save

from .models import District, Office, OfficeText, Position, PositionHolding


def office_update(
    *, office: Office, actor: User, data: dict[str, Any], expected_version: int
) -> Office:
    """Change the office's contact data; refused if someone saved in between."""
    return versioned_save(
        instance=office,
        actor=actor,
        data=data,
        expected_version=expected_version,
        action="districts.office.updated",
    )


@transaction.atomic
def office_text_save(
    *,
    district: District,
    language: str,
    actor: User,
    data: dict[str, Any],
    expected_version: int | None,
) -> OfficeText:
    """Write the public page text in one language (the first save creates it)."""
    text = OfficeText.objects.filter(district=district, language=language).first()
    if text is None:
        text = OfficeText(district=district, language=language, updated_by=actor, **data)
        text.full_clean()
        try:
            with transaction.atomic():
                text.save()
        except IntegrityError as error:  # created by someone else since the form was opened
            current = OfficeText.objects.get(district=district, language=language)
            raise ConcurrentEditError(current) from error
        audit_log(
            actor=actor,
            obj=text,
            action="districts.officetext.created",
            changes={name: (None, value) for name, value in data.items()},
        )
        return text
    return versioned_save(
        instance=text,
        actor=actor,
        data=data,
        expected_version=expected_version or 0,
        action="districts.officetext.updated",
    )


def _ensure_code_free(*, district: District, code: str, exclude: Position | None = None) -> None:
    """Position codes are unique per district, whatever their case (IntB = INTB)."""
    taken = Position.objects.filter(district=district, code__iexact=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"code": _("A position with this code already exists.")})


@transaction.atomic
def position_create(*, district: District, actor: User, data: dict[str, Any]) -> Position:
    """Add a position; its code is unique within the district."""
    _ensure_code_free(district=district, code=data["code"])
    position = Position(district=district, updated_by=actor, **data)
    position.full_clean()
    try:
        with transaction.atomic():
            position.save()
    except IntegrityError as error:  # the same code, saved a moment earlier by someone else
        raise ValidationError({"code": _("A position with this code already exists.")}) from error
    audit_log(
        actor=actor,
        obj=position,
        action="districts.position.created",
        changes={name: (None, value) for name, value in data.items()},
    )
    return position


@transaction.atomic
def position_update(
    *, position: Position, actor: User, data: dict[str, Any], expected_version: int
) -> Position:
    """Change a position's code, title or status; the code stays unique in the district."""
    _ensure_code_free(
        district=position.district, code=data.get("code", position.code), exclude=position
    )
    try:
        return versioned_save(
            instance=position,
            actor=actor,
            data=data,
            expected_version=expected_version,
            action="districts.position.updated",
        )
    except IntegrityError as error:
        raise ValidationError({"code": _("A position with this code already exists.")}) from error


def _lock_holdings_of(position_id: int) -> None:
    """Serialise changes to one position's holdings, so overlap checks hold."""
    Position.objects.select_for_update().get(pk=position_id)


@transaction.atomic
def holding_start(
    *,
    position: Position,
    user: User,
    actor: User,
    start: datetime.date,
    end: datetime.date | None = None,
) -> PositionHolding:
    """Record that `user` holds `position` from `start`; a person cannot hold it twice at once."""
    _lock_holdings_of(position.pk)
    if user.working_membership(position.district) is None:
        raise ValidationError({"user": _("Only members of this district can hold its positions.")})
    if end is not None and end < start:
        raise ValidationError({"end": _("The end date must not be before the start date.")})
    overlapping = PositionHolding.objects.filter(position=position, user=user).exclude(
        end__lt=start
    )
    if end is not None:
        overlapping = overlapping.exclude(start__gt=end)
    if overlapping.exists():
        raise ValidationError(
            {"user": _("This person already holds the position during this period.")}
        )
    holding = PositionHolding(
        district=position.district, position=position, user=user, start=start, end=end
    )
    holding.full_clean()
    holding.save()
    audit_log(
        actor=actor,
        obj=position,
        action="districts.position.holder_added",
        changes={"holder": (None, str(user)), "start": (None, start), "end": (None, end)},
    )
    return holding


@transaction.atomic
def holding_end(*, holding: PositionHolding, actor: User, end: datetime.date) -> PositionHolding:
    """End an open holding on `end` (the last day the person holds the position)."""
    _lock_holdings_of(holding.position_id)
    holding.refresh_from_db()
    if holding.end is not None:
        raise ValidationError({"end": _("This holding has already ended.")})
    if end < holding.start:
        raise ValidationError({"end": _("The end date must not be before the start date.")})
    old = holding.end
    holding.end = end
    holding.save(update_fields=["end", "updated_at"])
    audit_log(
        actor=actor,
        obj=holding.position,
        action="districts.position.holder_ended",
        changes={"holder": (str(holding.user), str(holding.user)), "end": (old, end)},
    )
    return holding
