"""The kinds of schedule and the periods they cover, as spans of days (both inclusive)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

Span = tuple[date, date]


class ScheduleError(ValueError):
    """A schedule that does not describe a valid period."""


class Kind(StrEnum):
    DAY = "day"
    DAYS = "days"
    RANGE = "range"
    MONTH = "month"
    MONTHS = "months"
    QUARTERS = "quarters"
    HALF = "half"
    WEEKS = "weeks"
    UNTIL = "until"
    FROM = "from"
    SEASON = "season"
    YEAR = "year"
    RECURRING = "recurring"
    AS_NEEDED = "as_needed"
    UNPARSED = "unparsed"


def _require(day: date | None) -> date:
    if day is None:
        raise ScheduleError("This schedule has no period.")
    return day


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), _last_day(year, month)


def _quarter_span(year: int, quarter: int) -> Span:
    return date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter)


def _half_span(year: int, half: int) -> Span:
    return date(year, 6 * half - 5, 1), _last_day(year, 6 * half)


def _week_span(year: int, week: int) -> Span:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def _overlaps(spans: Sequence[Span], others: Sequence[Span]) -> bool:
    return any(
        start <= o_end and o_start <= end for start, end in spans for o_start, o_end in others
    )
