"""The staff area's navigation: each app registers its entries in `AppConfig.ready()`."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permission: str
    order: int = 100


_registry: list[NavItem] = []


def register(item: NavItem) -> None:
    """Add an entry to the staff navigation (idempotent)."""
    if item not in _registry:
        _registry.append(item)
        _registry.sort(key=lambda entry: entry.order)


def items_for(user, district, current_url_name: str | None) -> list[dict]:
    """The entries `user` may open in `district`, with the current one marked."""
    result = []
    for item in _registry:
        if not user.has_perm(item.permission, district):
            continue
        result.append(
            {
                "label": item.label,
                "url": reverse(item.url_name, kwargs={"district": district.slug}),
                "current": current_url_name == item.url_name,
            }
        )
    return result
