"""Months, quarters, half-years and weeks: how each is written, read and located."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .periods import Kind, Span, _half_span, _month_span, _quarter_span, _week_span
from .words import _MONTH_INDEX, MONTH_NAMES

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR_GROUP = r"(?P<y>[0-9]{4})"


def _ordinal(text: str) -> int:
    return _ROMAN.get(text) or int(text)


def _iso_week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


@dataclass(frozen=True)
class _Unit:
    """Months, quarters, half-years and weeks: one, a range or a list of them."""

    single: Kind
    multi: Kind
    item: re.Pattern[str]  # groups: v (value), w (unit word), y (year)
    word_on: str  # which item must carry the unit word: "first", "last" or ""
    list_sep: re.Pattern[str] | None
    list_joiner: str
    value: Callable[[str], int]
    show: Callable[[int], str]
    span: Callable[[int, int], Span]
    locate: Callable[[date], tuple[int, int]]
    prefix: str = ""
    suffix: str = ""
    year_sep: str = " "


_MONTHS = _Unit(
    single=Kind.MONTH,
    multi=Kind.MONTHS,
    item=re.compile(rf"(?P<v>{'|'.join(_MONTH_INDEX)})(?P<w>)(?: {_YEAR_GROUP})?"),
    word_on="",
    list_sep=re.compile(r", | und |/"),
    list_joiner=" und ",
    value=_MONTH_INDEX.__getitem__,
    show=lambda month: MONTH_NAMES[month - 1],
    span=_month_span,
    locate=lambda day: (day.year, day.month),
)
_QUARTERS = _Unit(
    single=Kind.QUARTERS,
    multi=Kind.QUARTERS,
    item=re.compile(rf"(?P<v>iv|iii|ii|i|[1-4])\.(?P<w> quartal)?(?: {_YEAR_GROUP})?"),
    word_on="last",
    list_sep=re.compile(r"\+|, | und |/"),
    list_joiner="+",
    value=_ordinal,
    show=lambda quarter: ("I.", "II.", "III.", "IV.")[quarter - 1],
    span=_quarter_span,
    locate=lambda day: (day.year, (day.month + 2) // 3),
    suffix=" Quartal",
)
_HALVES = _Unit(
    single=Kind.HALF,
    multi=Kind.HALF,
    item=re.compile(rf"(?P<v>ii|i|[12])\.(?P<w> halbjahr)?(?: {_YEAR_GROUP})?"),
    word_on="last",
    list_sep=None,
    list_joiner="",
    value=_ordinal,
    show=lambda half: f"{half}.",
    span=_half_span,
    locate=lambda day: (day.year, (day.month + 5) // 6),
    suffix=" Halbjahr",
)
_WEEKS = _Unit(
    single=Kind.WEEKS,
    multi=Kind.WEEKS,
    item=re.compile(rf"(?P<w>kw )?(?P<v>[0-9]{{1,2}})(?:/{_YEAR_GROUP})?"),
    word_on="first",
    list_sep=None,
    list_joiner="",
    value=int,
    show=str,
    span=_week_span,
    locate=_iso_week,
    prefix="KW ",
    year_sep="/",
)
_UNIT_OF_KIND = {
    Kind.MONTH: _MONTHS,
    Kind.MONTHS: _MONTHS,
    Kind.QUARTERS: _QUARTERS,
    Kind.HALF: _HALVES,
    Kind.WEEKS: _WEEKS,
}
