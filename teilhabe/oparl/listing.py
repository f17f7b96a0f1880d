"""External object lists of OParl 1.1: filters, stable pagination and the list envelope.

A list is ordered by id and continued after the last id of the page (`after`), so a
client walking it sees every entry once even while entries are added or deleted, and
page 500 costs what page 1 costs. `created_since`, `created_until`, `modified_since`
and `modified_until` take a full date-time with offset; `limit` asks for a page size
(at most MAX_LIMIT); `omit_internal=true` leaves out embedded lists that have lists of
their own. Deleted objects are listed only with `modified_since`, as the spec says.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
BOUNDS = {
    "created_since": ("created", "gte"),
    "created_until": ("created", "lte"),
    "modified_since": ("modified", "gte"),
    "modified_until": ("modified", "lte"),
}
# The client's parameters that every link of the list keeps (`after` is set per link).
KNOWN = (*BOUNDS, "limit", "omit_internal")
# The database fields behind `created` and `modified`.
FIELDS = {"created": "created_at", "modified": "oparl_modified"}
# "+01:00" arrives as " 01:00" when a client forgot to encode the plus sign.
_UNENCODED_OFFSET = re.compile(r"(?P<head>.+T[0-9:.]+) (?P<offset>\d\d:?\d\d)")


class BadQuery(ValueError):
    """A list parameter the server cannot use; answered with 400."""


@dataclass(frozen=True)
class ListQuery:
    bounds: dict[str, datetime.datetime]
    limit: int
    after: int | None
    omit_internal: bool
    params: dict[str, str]  # the client's own parameters, carried into every link

    @property
    def with_deleted(self) -> bool:
        return "modified_since" in self.bounds


def _moment(name: str, value: str) -> datetime.datetime:
    match = _UNENCODED_OFFSET.fullmatch(value)
    if match:
        value = f"{match['head']}+{match['offset']}"
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise BadQuery(
            f"{name} must be a date and time with offset, e.g. 2026-01-01T00:00:00+01:00."
        )
    return parsed


def _positive(name: str, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise BadQuery(f"{name} must be a positive whole number.")
    return int(value)


def parse(params: QueryDict) -> ListQuery:
    """The list parameters of a request; BadQuery for a value that cannot be used."""
    own = {name: str(params[name]) for name in KNOWN if name in params}
    bounds = {name: _moment(name, own[name]) for name in BOUNDS if name in own}
    limit = DEFAULT_LIMIT
    if "limit" in own:
        limit = min(_positive("limit", own["limit"]), MAX_LIMIT)
    after = _positive("after", str(params["after"])) if "after" in params else None
    omit = own.get("omit_internal", "false").lower()
    if omit not in ("true", "false"):
        raise BadQuery("omit_internal must be true or false.")
    return ListQuery(bounds, limit, after, omit == "true", own)


def bounded(queryset: QuerySet, query: ListQuery) -> QuerySet:
    for name, value in query.bounds.items():
        prop, lookup = BOUNDS[name]
        queryset = queryset.filter(**{f"{FIELDS[prop]}__{lookup}": value})
    return queryset


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_after: int | None


def page(queryset: QuerySet, query: ListQuery) -> Page:
    """One page of a queryset ordered by id, filtered by the query's bounds."""
    queryset = bounded(queryset, query)
    if query.after is not None:
        queryset = queryset.filter(pk__gt=query.after)
    items = list(queryset[: query.limit + 1])
    more = len(items) > query.limit
    items = items[: query.limit]
    return Page(items, items[-1].pk if more else None)


def page_of(
    entries: Sequence[Any],
    query: ListQuery,
    key: Callable[[Any], int],
    stamps: Callable[[Any], dict[str, datetime.datetime]],
) -> Page:
    """The same for a short list held in memory (the system's bodies)."""
    chosen = []
    for entry in sorted(entries, key=key):
        values = stamps(entry)
        if query.after is not None and key(entry) <= query.after:
            continue
        if all(
            _within(values[BOUNDS[name][0]], name, value) for name, value in query.bounds.items()
        ):
            chosen.append(entry)
    more = len(chosen) > query.limit
    chosen = chosen[: query.limit]
    return Page(chosen, key(chosen[-1]) if more else None)


def _within(value: datetime.datetime, name: str, bound: datetime.datetime) -> bool:
    return value >= bound if BOUNDS[name][1] == "gte" else value <= bound


def envelope(
    request: HttpRequest, base: str, query: ListQuery, data: list[Any], next_after: int | None
) -> dict[str, Any]:
    """The list page: data, pagination and links that keep the client's filters."""
    url = base + request.path

    def link(after: int | None) -> str:
        params = {**query.params, **({"after": str(after)} if after is not None else {})}
        return f"{url}?{urlencode(params)}" if params else url

    links = {"first": link(None), "self": link(query.after)}
    if next_after is not None:
        links["next"] = link(next_after)
    return {"data": data, "pagination": {"elementsPerPage": query.limit}, "links": links}
