"""Writing a schedule in its canonical German form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from .periods import Kind, ScheduleError, _require
from .units import _UNIT_OF_KIND, _Unit
from .words import WINTER

if TYPE_CHECKING:
    from .model import Schedule


def _join(items: Sequence[str], joiner: str) -> str:
    if joiner != " und " or len(items) < 3:
        return joiner.join(items)
    return ", ".join(items[:-1]) + " und " + items[-1]


def _wrap(unit: _Unit, body: str, year: int | None) -> str:
    text = f"{unit.prefix}{body}{unit.suffix}"
    return text if year is None else f"{text}{unit.year_sep}{year}"


def _render_unit_items(
    unit: _Unit, items: list[tuple[int, int]], joiner: str, explicit: bool
) -> str:
    if len({year for year, _value in items}) == 1:
        body = _join([unit.show(value) for _year, value in items], joiner)
        return _wrap(unit, body, items[0][0] if explicit else None)
    return _join([_wrap(unit, unit.show(value), year) for year, value in items], joiner)


def _render_units(schedule: Schedule) -> str:
    unit = _UNIT_OF_KIND[schedule.kind]
    if schedule.parts:
        items = [unit.locate(start) for start, _end in schedule.parts]
        return _render_unit_items(unit, items, unit.list_joiner, schedule.explicit_year)
    first, last = unit.locate(_require(schedule.start)), unit.locate(_require(schedule.end))
    items = [first] if first == last else [first, last]
    text = _render_unit_items(unit, items, "-", schedule.explicit_year)
    return f"{schedule.qualifier} {text}" if schedule.qualifier else text


def _date_text(day: date, with_year: bool) -> str:
    text = f"{day.day:02d}.{day.month:02d}."
    return f"{text}{day.year}" if with_year else text


def _render_day(schedule: Schedule) -> str:
    return _date_text(_require(schedule.start), schedule.explicit_year)


def _render_days(schedule: Schedule) -> str:
    days = [day for day, _day in schedule.parts]
    last = days[-1]
    if (days[0].year, days[0].month) == (last.year, last.month):
        head = "".join(f"{day.day:02d}./" for day in days[:-1])
        return head + _date_text(last, schedule.explicit_year)
    return _join([_date_text(day, schedule.explicit_year) for day in days], " und ")


def _render_range(schedule: Schedule) -> str:
    start, end = _require(schedule.start), _require(schedule.end)
    if start.year != end.year:
        left = _date_text(start, True)
    elif start.month != end.month:
        left = _date_text(start, False)
    else:
        left = f"{start.day:02d}."
    return f"{left}-{_date_text(end, schedule.explicit_year)}"


def _render_season(schedule: Schedule) -> str:
    year = _require(schedule.start).year
    if schedule.qualifier == WINTER:
        return f"{WINTER} {year}/{(year + 1) % 100:02d}"
    return f"{schedule.qualifier} {year}" if schedule.explicit_year else schedule.qualifier


def _render_year(schedule: Schedule) -> str:
    year = _require(schedule.start).year
    return f"ganzjährig {year}" if schedule.explicit_year else "ganzjährig"


def _render_bound(schedule: Schedule) -> str:
    if schedule.anchor is None:
        raise ScheduleError("UNTIL and FROM need an anchor.")
    word = "bis" if schedule.kind == Kind.UNTIL else "ab"
    return f"{word} {schedule.anchor.text}"


_RENDERERS: dict[Kind, Callable[[Schedule], str]] = {
    Kind.DAY: _render_day,
    Kind.DAYS: _render_days,
    Kind.RANGE: _render_range,
    Kind.MONTH: _render_units,
    Kind.MONTHS: _render_units,
    Kind.QUARTERS: _render_units,
    Kind.HALF: _render_units,
    Kind.WEEKS: _render_units,
    Kind.UNTIL: _render_bound,
    Kind.FROM: _render_bound,
    Kind.SEASON: _render_season,
    Kind.YEAR: _render_year,
    Kind.RECURRING: lambda schedule: schedule.qualifier,
    Kind.AS_NEEDED: lambda schedule: schedule.qualifier,
    Kind.UNPARSED: lambda schedule: schedule.text,
}


def render(schedule: Schedule) -> str:
    """The canonical German text of a schedule (verbatim text for UNPARSED)."""
    text = _RENDERERS[schedule.kind](schedule)
    if schedule.focus is not None:
        text = f"{text} (insbes. {schedule.focus.text})"
    return text
