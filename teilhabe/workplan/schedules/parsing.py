"""Reading a schedule: normalise the text, then try each form's parser in turn."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from itertools import pairwise

from .model import Schedule
from .periods import Kind, ScheduleError, _last_day, _overlaps, _require, _year_span
from .units import _HALVES, _MONTHS, _QUARTERS, _UNIT_OF_KIND, _WEEKS, _YEAR_GROUP, _Unit
from .words import _BARE_SEASONS, _SEASON_ALIASES, _THIRDS, _WORDS, SEASONS, WINTER, _normalize

MIN_YEAR = 1900
MAX_YEAR = 2199


def _year(text: str) -> int:
    year = int(text) + (2000 if len(text) == 2 else 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ScheduleError(f"Year {text} is out of range.")
    return year


def _fill_years(written: Sequence[str | None], plan_year: int) -> tuple[list[int], bool]:
    """An item without a year takes the year of the next item that has one, else the plan's."""
    years, carry = [], plan_year
    for text in reversed(written):
        carry = _year(text) if text else carry
        years.append(carry)
    return years[::-1], any(written)


def _match_all(pattern: re.Pattern[str], texts: Sequence[str]) -> list[re.Match[str]] | None:
    matches = [pattern.fullmatch(text) for text in texts]
    return None if None in matches else [m for m in matches if m is not None]


# ----------------------------------------------------------------------------- units


def _split_sequence(text: str, unit: _Unit) -> tuple[list[str], str] | None:
    if "-" in text:
        items = text.split("-")
        return (items, "range") if len(items) == 2 else None
    if unit.list_sep is not None and unit.list_sep.search(text):
        return unit.list_sep.split(text), "list"
    return [text], "single"


def _word_placed(matches: Sequence[re.Match[str]], word_on: str) -> bool:
    if word_on == "first":
        return bool(matches[0]["w"])
    if word_on == "last":
        return bool(matches[-1]["w"])
    return True


def _parse_units(text: str, plan_year: int, unit: _Unit) -> Schedule | None:
    split = _split_sequence(text, unit)
    matches = split and _match_all(unit.item, split[0])
    if not split or not matches or not _word_placed(matches, unit.word_on):
        return None
    years, explicit = _fill_years([m["y"] for m in matches], plan_year)
    spans = [unit.span(y, unit.value(m["v"])) for y, m in zip(years, matches, strict=True)]
    first, last = spans[0], spans[-1]
    if split[1] == "list":
        if any(later[0] <= earlier[0] for earlier, later in pairwise(spans)):
            return None
        return Schedule(unit.multi, first[0], last[1], explicit_year=explicit, parts=tuple(spans))
    if last[0] < first[0]:
        return None
    kind = unit.single if first == last else unit.multi
    return Schedule(kind, first[0], last[1], explicit_year=explicit)


# ----------------------------------------------------------------------------- forms

_DATE_ITEM = re.compile(r"(?P<d>[0-9]{1,2})\.(?:(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2})?)?")
_DATE_LIST_SEP = re.compile(r"/|, | und ")
_QUALIFIED = re.compile(r"(?P<q>anfang|mitte|ende) (?P<rest>.+)")
_SEASON = re.compile(rf"(?P<name>[a-zäöü]+)(?: {_YEAR_GROUP})?")
_WINTER = re.compile(rf"winter {_YEAR_GROUP}/(?P<z>[0-9]{{4}}|[0-9]{{2}})")
_WHOLE_YEAR = re.compile(rf"ganzjährig(?: {_YEAR_GROUP})?")
_BOUND = re.compile(r"(?P<op>bis|ab) (?P<rest>.+)")
_FOCUS = re.compile(r"(?P<outer>[^()]+) \(insbes\. (?P<inner>[^()]+)\)")
_FOCUS_OWNERS = {Kind.YEAR, Kind.RECURRING}
_PERIOD_KINDS = set(Kind) - {Kind.YEAR, Kind.RECURRING, Kind.AS_NEEDED, Kind.UNPARSED}


def _read_dates(texts: Sequence[str], plan_year: int) -> tuple[list[date], bool] | None:
    """Dates written "27.", "27.01." or "27.01.2021"; a missing month or year comes from
    the next date that has it (the plan's year if none has one)."""
    matches = _match_all(_DATE_ITEM, texts)
    if matches is None:
        return None
    years, explicit = _fill_years([m["y"] for m in matches], plan_year)
    dates, month = [], None
    for match, year in zip(reversed(matches), reversed(years), strict=True):
        month = int(match["m"]) if match["m"] else month
        if month is None:
            return None
        dates.append(date(year, month, int(match["d"])))
    return dates[::-1], explicit


def _parse_date_list(text: str, plan_year: int) -> Schedule | None:
    read = _read_dates(_DATE_LIST_SEP.split(text), plan_year)
    if read is None:
        return None
    dates, explicit = read
    if len(dates) == 1:
        return Schedule(Kind.DAY, dates[0], dates[0], explicit_year=explicit)
    if any(later <= earlier for earlier, later in pairwise(dates)):
        return None
    parts = tuple((day, day) for day in dates)
    return Schedule(Kind.DAYS, dates[0], dates[-1], explicit_year=explicit, parts=parts)


def _parse_date_range(text: str, plan_year: int) -> Schedule | None:
    texts = text.split("-")
    read = _read_dates(texts, plan_year) if len(texts) == 2 else None
    if read is None or read[0][1] < read[0][0]:
        return None
    (start, end), explicit = read
    kind = Kind.DAY if start == end else Kind.RANGE
    return Schedule(kind, start, end, explicit_year=explicit)


def _parse_qualified_month(text: str, plan_year: int) -> Schedule | None:
    match = _QUALIFIED.fullmatch(text)
    month = match and _parse_units(match["rest"], plan_year, _MONTHS)
    if not match or not month or month.kind != Kind.MONTH:
        return None
    first, last = _THIRDS[match["q"]]
    start, end = _require(month.start), _require(month.end)
    return Schedule(
        Kind.MONTH,
        start.replace(day=first),
        start.replace(day=min(last, end.day)),
        explicit_year=month.explicit_year,
        qualifier=match["q"].capitalize(),
    )


def _parse_season(text: str, plan_year: int) -> Schedule | None:
    match = _SEASON.fullmatch(text)
    if not match or match["name"] not in _SEASON_ALIASES:
        return None
    if match["name"] in _BARE_SEASONS and not match["y"]:
        return None
    name = _SEASON_ALIASES[match["name"]]
    year = _year(match["y"]) if match["y"] else plan_year
    first, last = SEASONS[name]
    return Schedule(
        Kind.SEASON,
        date(year, first, 1),
        _last_day(year, last),
        explicit_year=bool(match["y"]),
        qualifier=name,
    )


def _parse_winter(text: str, plan_year: int) -> Schedule | None:
    match = _WINTER.fullmatch(text)
    if not match:
        return None
    year = _year(match["y"])
    following = year + 1 if len(match["z"]) == 4 else (year + 1) % 100
    if int(match["z"]) != following:
        return None
    end = _last_day(year + 1, 2)
    return Schedule(Kind.SEASON, date(year, 12, 1), end, explicit_year=True, qualifier=WINTER)


def _parse_whole_year(text: str, plan_year: int) -> Schedule | None:
    match = _WHOLE_YEAR.fullmatch(text)
    if not match:
        return None
    start, end = _year_span(_year(match["y"]) if match["y"] else plan_year)
    return Schedule(Kind.YEAR, start, end, explicit_year=bool(match["y"]))


def _parse_word(text: str, plan_year: int) -> Schedule | None:
    if text not in _WORDS:
        return None
    kind, word = _WORDS[text]
    if kind == Kind.AS_NEEDED:
        return Schedule(kind, qualifier=word)
    start, end = _year_span(plan_year)
    return Schedule(kind, start, end, qualifier=word)


_ANCHOR_PARSERS: tuple[Callable[[str, int], Schedule | None], ...] = (
    _parse_date_list,
    _parse_date_range,
    _parse_qualified_month,
    partial(_parse_units, unit=_MONTHS),
    partial(_parse_units, unit=_QUARTERS),
    partial(_parse_units, unit=_HALVES),
    partial(_parse_units, unit=_WEEKS),
    _parse_season,
    _parse_winter,
)


def _is_single(schedule: Schedule) -> bool:
    """One day, month, quarter, half-year, week or season: what "bis"/"ab" may name."""
    if schedule.kind in (Kind.DAY, Kind.MONTH, Kind.SEASON):
        return True
    unit = _UNIT_OF_KIND.get(schedule.kind)
    return (
        unit is not None
        and not schedule.parts
        and unit.locate(_require(schedule.start)) == unit.locate(_require(schedule.end))
    )


def _parse_bound(text: str, plan_year: int) -> Schedule | None:
    match = _BOUND.fullmatch(text)
    anchor = match and _first_parse(_ANCHOR_PARSERS, match["rest"], plan_year)
    if not match or not anchor or not _is_single(anchor):
        return None
    start, end = _require(anchor.start), _require(anchor.end)
    year_start, year_end = _year_span(plan_year)
    if match["op"] == "bis":
        kind, start = Kind.UNTIL, min(start, year_start)
    else:
        kind, end = Kind.FROM, max(end, year_end)
    return Schedule(kind, start, end, explicit_year=anchor.explicit_year, anchor=anchor)


_PARSERS = (*_ANCHOR_PARSERS, _parse_whole_year, _parse_word, _parse_bound)


def _first_parse(
    parsers: Sequence[Callable[[str, int], Schedule | None]], text: str, plan_year: int
) -> Schedule | None:
    for parser in parsers:
        schedule = parser(text, plan_year)
        if schedule is not None:
            return schedule
    return None


def _parse_normalized(text: str, plan_year: int) -> Schedule | None:
    match = _FOCUS.fullmatch(text)
    if not match:
        return _first_parse(_PARSERS, text, plan_year)
    outer = _first_parse(_PARSERS, match["outer"], plan_year)
    focus = _first_parse(_PARSERS, match["inner"], plan_year)
    if not outer or not focus or outer.kind not in _FOCUS_OWNERS:
        return None
    if focus.kind not in _PERIOD_KINDS or not _overlaps(focus.spans(), outer.spans()):
        return None
    return dataclasses.replace(outer, focus=focus)


# ----------------------------------------------------------------------------- public API


def parse(text: str, *, year: int) -> Schedule:
    """Read a schedule as offices write it; `year` is the plan's year. Never raises."""
    stripped = text.strip()
    try:
        schedule = _parse_normalized(_normalize(stripped), year)
    except (ValueError, OverflowError):  # invalid dates such as 31.02.2021, KW 54
        schedule = None
    return schedule or Schedule(Kind.UNPARSED, text=stripped)
