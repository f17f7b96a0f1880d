"""Keyset pagination for long, time-ordered lists (the audit trail and later registers).

Pages are addressed by the last entry seen ("vor=<timestamp>_<id>"), not by an
offset, and no total is counted, so page 1 and page 5,000 cost the same index range
scan whatever the table size (DESIGN.md, principle 5).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

CURSOR_PARAM = "vor"


@dataclass(frozen=True)
class KeysetPage:
    items: list[Any]
    next_cursor: str | None
    is_first: bool

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or not self.is_first


def encode_cursor(entry: Any, field: str = "created_at") -> str:
    return f"{getattr(entry, field).isoformat()}_{entry.pk}"


def decode_cursor(
    value: str | None, kind: str = "datetime"
) -> tuple[datetime.datetime | datetime.date, int] | None:
    """The (moment, id) a cursor names; None for a missing or malformed cursor.

    `kind` is "datetime" (timezone-aware timestamps) or "date" (calendar days).
    """
    if not value or "_" not in value:
        return None
    moment, _, pk = value.rpartition("_")
    try:
        if kind == "date":
            return (datetime.date.fromisoformat(moment), int(pk))
        parsed = datetime.datetime.fromisoformat(moment)
        return (parsed, int(pk)) if parsed.tzinfo else None
    except ValueError:
        return None


def keyset_page(
    queryset: QuerySet, *, cursor: str | None, size: int = 50, field: str = "created_at"
) -> KeysetPage:
    """The `size` newest entries older than `cursor`, ordered by (-field, -id).

    `field` is a DateTimeField (default: created_at) or a DateField.
    """
    model_field = queryset.model._meta.get_field(field)
    kind = "datetime" if model_field.get_internal_type() == "DateTimeField" else "date"
    position = decode_cursor(cursor, kind)
    ordered = queryset.order_by(f"-{field}", "-id")
    if position is not None:
        moment, pk = position
        ordered = ordered.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "id__lt": pk}))
    items = list(ordered[: size + 1])
    next_cursor = encode_cursor(items[size - 1], field) if len(items) > size else None
    return KeysetPage(items=items[:size], next_cursor=next_cursor, is_first=position is None)
