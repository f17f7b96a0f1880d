"""The audit trail: `audit_log()` for every write, `audit_read()` for sensitive reads."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

REDACTED = "•••"


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a person can read."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.time | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return str(value)


def redact_changes(obj: models.Model | None, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Keep old/new values readable, except for fields the model marks as sensitive."""
    sensitive = set(getattr(obj, "AUDIT_REDACTED_FIELDS", ()))
    result: dict[str, Any] = {}
    for field, pair in changes.items():
        if field in sensitive:
            result[field] = [REDACTED, REDACTED]
        else:
            old, new = pair
            result[field] = [_plain(old), _plain(new)]
    return result


def audit_entry(
    *,
    actor: Any,
    obj: models.Model | None,
    action: str,
    changes: Mapping[str, Any] | None = None,
    district: Any = None,
) -> AuditEntry:
    """The unsaved entry `audit_log()` writes; bulk writes save many with one `bulk_create`."""
    if district is None and obj is not None:
        district = getattr(obj, "district", None)
        if district is None and obj._meta.label == "districts.District":
            district = obj
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry(
        district=district,
        actor=actor if authenticated else None,
        actor_label=(actor.email if authenticated else "system" if actor is None else "anonym"),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=redact_changes(obj, changes or {}),
    )


def audit_log(
    *,
    actor: Any,
    obj: models.Model | None,
    action: str,
    changes: Mapping[str, Any] | None = None,
    district: Any = None,
) -> AuditEntry:
    """Record that `actor` did `action` to `obj`; the district defaults to the object's."""
    entry = audit_entry(actor=actor, obj=obj, action=action, changes=changes, district=district)
    # Saved directly rather than through the scoped manager: writing is always allowed.
    entry.save()
    return entry


def audit_read(*, actor: Any, obj: models.Model) -> AuditEntry:
    """Record that `actor` looked at a sensitive record (e.g. a complaint with contact data)."""
    return audit_log(actor=actor, obj=obj, action=f"{obj._meta.label_lower}.viewed")
