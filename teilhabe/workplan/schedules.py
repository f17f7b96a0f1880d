"""The schedule ("Terminierung") of a planned activity, as offices write it in a work plan.

`parse(text, year=plan_year)` turns the office's wording into a `Schedule`: a kind, the
period it covers (first and last day, both inclusive) and whatever is needed to write it
again; `render(schedule)` writes the canonical German text, which is also `schedule.text`.
`parse(render(s), year=y) == s` for every schedule parsed with plan year `y`, so parsing is
idempotent. Text that is not understood completely becomes UNPARSED and keeps the
verbatim (stripped) text: a date is never guessed, and a known prefix followed by unknown
words ("März 2021 oder später") is not accepted.

Canonical forms. A year may be left out everywhere except in "Winter" (whose years
cannot be guessed); the plan's year is used then, and the rendering leaves it out too
(`explicit_year` is False). In ranges and lists an item without month or year takes them
from the next item that has them ("27. und 28.01.2021"):

    DAY        06.01.2021 · 06.01.
    DAYS       27./28.01.2021 (days of one month) · 06.01.2021 und 15.02.2021 ·
               06.01.2021, 15.02.2021 und 03.03.2021; the period runs from first to last
    RANGE      04.-24.09.2021 · 04.09.-03.10.2021 · 28.12.2021-05.01.2022
    MONTH      März 2021 · Anfang/Mitte/Ende März 2021 (days 1-10, 11-20, 21 to the end)
    MONTHS     März-Mai 2021 · November 2021-Januar 2022 · März und April 2021 ·
               März, Mai und Juli 2021
    QUARTERS   II. Quartal 2021 · I.-III. Quartal 2021 · I.+II. Quartal 2021 ·
               IV. Quartal 2021-I. Quartal 2022
    HALF       1. Halbjahr 2021 · 2. Halbjahr 2021-1. Halbjahr 2022
    WEEKS      KW 12/2021 · KW 12-14/2021 · KW 52/2021-KW 2/2022 (ISO 8601 weeks)
    SEASON     Frühjahr 2021 (March-May) · Sommer (June-August) · Herbst (September-November)
               · Winter 2021/22 (December-February) · Jahresanfang (January-February) ·
               Jahresmitte (June-July) · Jahresende (November-December)
    UNTIL      bis 30.06.2021 · bis Juni 2021 · bis Ende Juni 2021 · bis II. Quartal 2021:
               from 1 January of the plan's year (or the anchor, if earlier) to its end
    FROM       ab 15.03.2021 · ab März 2021: from the anchor to 31 December of the plan's
               year (or the anchor's end, if later)
    YEAR       ganzjährig · ganzjährig 2022
    RECURRING  laufend, monatlich, quartalsweise … (see RECURRING_WORDS): the plan's year
    AS_NEEDED  nach Bedarf, bei Bedarf, anlassbezogen … (see AS_NEEDED_PHRASES): no period
    UNPARSED   anything else, verbatim

YEAR and RECURRING may name an emphasised period that overlaps them:
"ganzjährig (insbes. I. Quartal 2021)", `focus` holds it. UNTIL and FROM keep their
anchor (a single day, month, quarter, half-year, week or season) in `anchor`.

Input is read leniently: case, extra spaces, en and em dashes, " bis " and " - " for
ranges, "6.1.21" (two-digit years are 20xx), "2. Quartal", "Q2 2021", "II. Qu.",
"2. Hj.", "erstes Halbjahr", "12. KW 2021", "KW 12 2021", "Jan.", "Sept", "Frühling",
"Jahresbeginn", "Ende 2021", "insbesondere", "bis zum", "ae/oe/ue" for umlauts. Lists
are joined by "und", ", " or "/" (and "+" for quarters). Ranges must run forwards (a
range whose ends are equal becomes the single form), lists strictly forwards, and written
years must lie in 1900-2199; otherwise the text is UNPARSED.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import partial
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

Span = tuple[date, date]

MIN_YEAR = 1900
MAX_YEAR = 2199

# Words for RECURRING and AS_NEEDED schedules, each rendered as written here.
RECURRING_WORDS = (
    "laufend",
    "fortlaufend",
    "fortwährend",
    "kontinuierlich",
    "ständig",
    "permanent",
    "dauerhaft",
    "regelmäßig",
    "wiederkehrend",
    "täglich",
    "wöchentlich",
    "zweiwöchentlich",
    "14-tägig",
    "monatlich",
    "vierteljährlich",
    "quartalsweise",
    "halbjährlich",
    "jährlich",
    "alljährlich",
    "ganzjährig laufend",
    "ganzjährig fortlaufend",
)
AS_NEEDED_PHRASES = (
    "nach Bedarf",
    "bei Bedarf",
    "je nach Bedarf",
    "bedarfsweise",
    "bedarfsorientiert",
    "anlassbezogen",
)
# Canonical season name -> (first month, last month), both in the same year.
SEASONS = {
    "Jahresanfang": (1, 2),
    "Frühjahr": (3, 5),
    "Sommer": (6, 8),
    "Jahresmitte": (6, 7),
    "Herbst": (9, 11),
    "Jahresende": (11, 12),
}
WINTER = "Winter"  # December to February: "Winter 2021/22"
MONTH_NAMES = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


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


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule; `text` is derived (`render(self)`) except for UNPARSED."""

    kind: Kind
    start: date | None = None
    end: date | None = None
    focus: Schedule | None = None
    text: str = ""
    # True when the text states a year; otherwise the plan's year was used.
    explicit_year: bool = False
    # The listed sub-periods of DAYS and of listed MONTHS and QUARTERS, in order.
    parts: tuple[Span, ...] = ()
    # Anfang/Mitte/Ende (MONTH), the season's name, the RECURRING or AS_NEEDED wording.
    qualifier: str = ""
    # The period named after "bis"/"ab" (UNTIL, FROM).
    anchor: Schedule | None = None

    def __post_init__(self) -> None:
        if self.kind != Kind.UNPARSED:
            object.__setattr__(self, "text", render(self))

    def __str__(self) -> str:
        return self.text

    @property
    def understood(self) -> bool:
        return self.kind != Kind.UNPARSED

    def spans(self) -> tuple[Span, ...]:
        """The periods the schedule covers: its listed parts, else its whole period."""
        if self.parts:
            return self.parts
        if self.start is None or self.end is None:
            return ()
        return ((self.start, self.end),)

    def overlaps_year(self, year: int) -> bool:
        return _overlaps(self.spans(), (_year_span(year),))


# ----------------------------------------------------------------------------- periods


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


def _join(items: Sequence[str], joiner: str) -> str:
    if joiner != " und " or len(items) < 3:
        return joiner.join(items)
    return ", ".join(items[:-1]) + " und " + items[-1]


# ----------------------------------------------------------------------------- units

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_INDEX = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
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


# ----------------------------------------------------------------------------- parsers

_DATE_ITEM = re.compile(r"(?P<d>[0-9]{1,2})\.(?:(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4}|[0-9]{2})?)?")
_DATE_LIST_SEP = re.compile(r"/|, | und ")
_QUALIFIED = re.compile(r"(?P<q>anfang|mitte|ende) (?P<rest>.+)")
_THIRDS = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, 31)}
_SEASON = re.compile(rf"(?P<name>[a-zäöü]+)(?: {_YEAR_GROUP})?")
_SEASON_ALIASES = {name.lower(): name for name in SEASONS} | {
    "frühling": "Frühjahr",
    "jahresbeginn": "Jahresanfang",
    "anfang": "Jahresanfang",
    "beginn": "Jahresanfang",
    "mitte": "Jahresmitte",
    "ende": "Jahresende",
}
_BARE_SEASONS = {"anfang", "beginn", "mitte", "ende"}  # only with a year: "Ende 2021"
_WINTER = re.compile(rf"winter {_YEAR_GROUP}/(?P<z>[0-9]{{4}}|[0-9]{{2}})")
_WHOLE_YEAR = re.compile(rf"ganzjährig(?: {_YEAR_GROUP})?")
_WORDS = {word.lower(): (Kind.RECURRING, word) for word in RECURRING_WORDS} | {
    phrase.lower(): (Kind.AS_NEEDED, phrase) for phrase in AS_NEEDED_PHRASES
}
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


# ----------------------------------------------------------------------------- normalising


def _canonical_month(match: re.Match[str]) -> str:
    return _MONTH_ALIASES[match[1]]


_MONTH_ALIASES = {name: name for name in _MONTH_INDEX} | {
    alias: name
    for name, aliases in (
        ("januar", "jan jän jänner"),
        ("februar", "feb febr"),
        ("märz", "mär mrz"),
        ("april", "apr"),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    )
    for alias in aliases.split()
}
# ASCII spellings of umlauts in the words the parsers know.
_UMLAUTS = (
    ("maerz", "märz"),
    ("frueh", "früh"),
    ("jaehr", "jähr"),
    ("woech", "wöch"),
    ("regelmaess", "regelmäß"),
    ("regelmäss", "regelmäß"),
    ("taeglich", "täglich"),
    ("haelfte", "hälfte"),
    ("staendig", "ständig"),
    ("waehrend", "während"),
)
_LETTER = "a-zäöüß"
# Applied in order to the lowercased text; each step brings one lenient spelling to the
# canonical one that the parsers read.
_NORMALIZERS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile("[\u2010-\u2015\u2212]"), "-"),
    (re.compile(r"\s*,\s*"), ", "),
    (re.compile(r"\s*\(\s*"), " ("),
    (re.compile(r"\s*\)"), ")"),
    (re.compile(r"\s+"), " "),
    (re.compile(r"\((?:insbesondere|insbes\.?|insb\.?) ?"), "(insbes. "),
    (re.compile(rf"\.(?=[{_LETTER}])"), ". "),
    (re.compile(r"\bq([1-4])\b"), r"\1. quartal"),
    (re.compile(rf"([{_LETTER}]\.?)(?=[0-9])"), r"\1 "),
    (re.compile(r"(?<=\S)(?<!\(insbes\.) bis (?=\S)"), "-"),
    (re.compile(r" ?([-+/]) ?"), r"\1"),
    (re.compile(rf"\b(?:quartal|quart\.?|qu\.?)(?![{_LETTER}])"), "quartal"),
    (re.compile(rf"\b(?:halbjahr|halbj\.?|hj\.?|jahreshälfte)(?![{_LETTER}])"), "halbjahr"),
    (re.compile(r"\berste[nrs]?(?= halbjahr)"), "1."),
    (re.compile(r"\bzweite[nrs]?(?= halbjahr)"), "2."),
    (re.compile(r"(quartal|halbjahr)/([0-9]{4})\b"), r"\1 \2"),
    (re.compile(rf"\b(?:kalenderwoche|kw\.?)(?![{_LETTER}])"), "kw"),
    (re.compile(r"\b([0-9]{1,2})\. ?kw\b"), r"kw \1"),
    (re.compile(r"\b(kw [0-9]{1,2}(?:-(?:kw )?[0-9]{1,2})?) ([0-9]{4})\b"), r"\1/\2"),
    (
        re.compile(
            rf"\b({'|'.join(sorted(_MONTH_ALIASES, key=len, reverse=True))})\.?(?![{_LETTER}])"
        ),
        _canonical_month,
    ),
    (re.compile(r"(^|\(insbes\. )(bis|ab) (?:zum|zur|dem|der|spätestens) "), r"\1\2 "),
    (re.compile(r"\b(?:das )?(?:ganze|gesamte)s? jahr\b"), "ganzjährig"),
    (re.compile(r"\b([0-9]{1,2}\.) (?=[0-9]{1,2}\.)"), r"\1"),
    (re.compile(r"\b([0-9]{1,2}\.[0-9]{1,2}\.) (?=[0-9]{2}(?:[0-9]{2})?\b)"), r"\1"),
)


def _normalize(text: str) -> str:
    text = text.lower()
    for ascii_spelling, umlaut in _UMLAUTS:
        text = text.replace(ascii_spelling, umlaut)
    for pattern, replacement in _NORMALIZERS:
        text = pattern.sub(replacement, text)
    return text.strip()


# ----------------------------------------------------------------------------- rendering


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


# ----------------------------------------------------------------------------- public API


def parse(text: str, *, year: int) -> Schedule:
    """Read a schedule as offices write it; `year` is the plan's year. Never raises."""
    stripped = text.strip()
    try:
        schedule = _parse_normalized(_normalize(stripped), year)
    except (ValueError, OverflowError):  # invalid dates such as 31.02.2021, KW 54
        schedule = None
    return schedule or Schedule(Kind.UNPARSED, text=stripped)


def render(schedule: Schedule) -> str:
    """The canonical German text of a schedule (verbatim text for UNPARSED)."""
    text = _RENDERERS[schedule.kind](schedule)
    if schedule.focus is not None:
        text = f"{text} (insbes. {schedule.focus.text})"
    return text


def validate_for_plan(schedule: Schedule, year: int) -> None:
    """A schedule must touch the plan's year; crossing its boundary is fine."""
    if schedule.kind in (Kind.UNPARSED, Kind.AS_NEEDED, Kind.RECURRING):
        return
    if schedule.overlaps_year(year):
        return
    raise ValidationError(
        gettext("The schedule “%(schedule)s” lies outside the plan's year %(year)s."),
        code="outside_plan_year",
        params={"schedule": schedule.text, "year": year},
    )


def quarters_touched(schedule: Schedule, year: int) -> set[int]:
    """The quarters (1-4) of `year` that the schedule's period touches."""
    spans = schedule.spans()
    return {q for q in range(1, 5) if _overlaps(spans, (_quarter_span(year, q),))}


def focus_or_period(schedule: Schedule) -> tuple[date, date] | None:
    """The emphasised period if the schedule names one, else its whole period."""
    target = schedule.focus or schedule
    if target.start is None or target.end is None:
        return None
    return target.start, target.end
