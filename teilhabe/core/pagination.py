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


def encode_cursor(entry: Any) -> str:
    return f"{entry.created_at.isoformat()}_{entry.pk}"


def decode_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    """The (created_at, id) a cursor names; None for a missing or malformed cursor."""
    if not value or "_" not in value:
        return None
    moment, _, pk = value.rpartition("_")
    try:
        parsed = datetime.datetime.fromisoformat(moment)
        return (parsed, int(pk)) if parsed.tzinfo else None
    except ValueError:
        return None


def keyset_page(queryset: QuerySet, *, cursor: str | None, size: int = 50) -> KeysetPage:
    """The `size` newest entries older than `cursor`, ordered by (-created_at, -id)."""
    position = decode_cursor(cursor)
    ordered = queryset.order_by("-created_at", "-id")
    if position is not None:
        moment, pk = position
        ordered = ordered.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    items = list(ordered[: size + 1])
    next_cursor = encode_cursor(items[size - 1]) if len(items) > size else None
    return KeysetPage(items=items[:size], next_cursor=next_cursor, is_first=position is None)
