"""Schedules ("Terminierung") of planned activities: parsing, canonical rendering, checks.

No database: `schedules` is pure Python.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.workplan.schedules import (
    AS_NEEDED_PHRASES,
    RECURRING_WORDS,
    Kind,
    Schedule,
    focus_or_period,
    parse,
    quarters_touched,
    render,
    validate_for_plan,
)

D = date


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# ----------------------------------------------------------------------------- the seed

# (text, kind, start, end, focus period or None) with plan year 2021, from the work plan of
# Marzahn-Hellersdorf's integration office; each renders back to exactly the same text.
SEED_FORMS = [
    ("06.01.2021", Kind.DAY, D(2021, 1, 6), D(2021, 1, 6), None),
    ("27./28.01.2021", Kind.DAYS, D(2021, 1, 27), D(2021, 1, 28), None),
    ("15.02.2021", Kind.DAY, D(2021, 2, 15), D(2021, 2, 15), None),
    ("März 2021", Kind.MONTH, D(2021, 3, 1), D(2021, 3, 31), None),
    ("19.05.2021", Kind.DAY, D(2021, 5, 19), D(2021, 5, 19), None),
    ("II. Quartal 2021", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30), None),
    ("II. Quartal", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30), None),
    ("IV. Quartal 2021", Kind.QUARTERS, D(2021, 10, 1), D(2021, 12, 31), None),
    ("I.+II. Quartal 2021", Kind.QUARTERS, D(2021, 1, 1), D(2021, 6, 30), None),
    ("I.-III. Quartal 2021", Kind.QUARTERS, D(2021, 1, 1), D(2021, 9, 30), None),
    ("04.-24.09.2021", Kind.RANGE, D(2021, 9, 4), D(2021, 9, 24), None),
    ("ganzjährig", Kind.YEAR, D(2021, 1, 1), D(2021, 12, 31), None),
    (
        "ganzjährig (insbes. I. Quartal 2021)",
        Kind.YEAR,
        D(2021, 1, 1),
        D(2021, 12, 31),
        (D(2021, 1, 1), D(2021, 3, 31)),
    ),
    (
        "ganzjährig (insbes. I.-II. Quartal 2021)",
        Kind.YEAR,
        D(2021, 1, 1),
        D(2021, 12, 31),
        (D(2021, 1, 1), D(2021, 6, 30)),
    ),
]


@pytest.mark.parametrize(("text", "kind", "start", "end", "focus"), SEED_FORMS)
def test_parse_reads_seed_form_and_renders_it_unchanged(text, kind, start, end, focus):
    schedule = parse(text, year=2021)

    assert (schedule.kind, schedule.start, schedule.end) == (kind, start, end)
    assert (schedule.focus and (schedule.focus.start, schedule.focus.end)) == focus
    assert schedule.understood
    assert schedule.text == render(schedule) == text


def test_parse_remembers_implicit_year():
    schedule = parse("II. Quartal", year=2022)

    assert (schedule.start, schedule.end) == (D(2022, 4, 1), D(2022, 6, 30))
    assert not schedule.explicit_year
    assert parse("II. Quartal 2022", year=2022).explicit_year


def test_parse_keeps_listed_quarters_and_days_apart():
    assert parse("I.+II. Quartal 2021", year=2021).parts == (
        (D(2021, 1, 1), D(2021, 3, 31)),
        (D(2021, 4, 1), D(2021, 6, 30)),
    )
    assert parse("27./28.01.2021", year=2021).parts == (
        (D(2021, 1, 27), D(2021, 1, 27)),
        (D(2021, 1, 28), D(2021, 1, 28)),
    )


# ----------------------------------------------------------------------------- more forms

# (text, plan year, canonical text, kind, start, end)
MORE_FORMS = [
    ("1. Halbjahr 2021", 2021, "1. Halbjahr 2021", Kind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
    ("I. Halbjahr 2021", 2021, "1. Halbjahr 2021", Kind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
    ("2. Hj. 2021", 2021, "2. Halbjahr 2021", Kind.HALF, D(2021, 7, 1), D(2021, 12, 31)),
    ("erstes Halbjahr", 2021, "1. Halbjahr", Kind.HALF, D(2021, 1, 1), D(2021, 6, 30)),
    ("KW 12/2021", 2021, "KW 12/2021", Kind.WEEKS, D(2021, 3, 22), D(2021, 3, 28)),
    ("KW 12 2021", 2021, "KW 12/2021", Kind.WEEKS, D(2021, 3, 22), D(2021, 3, 28)),
    ("12. KW 2021", 2021, "KW 12/2021", Kind.WEEKS, D(2021, 3, 22), D(2021, 3, 28)),
    ("KW 12-14/2021", 2021, "KW 12-14/2021", Kind.WEEKS, D(2021, 3, 22), D(2021, 4, 11)),
    ("KW12 - KW14 2021", 2021, "KW 12-14/2021", Kind.WEEKS, D(2021, 3, 22), D(2021, 4, 11)),
    ("KW 53/2020", 2021, "KW 53/2020", Kind.WEEKS, D(2020, 12, 28), D(2021, 1, 3)),
    (
        "KW 52/2021-KW 2/2022",
        2021,
        "KW 52/2021-KW 2/2022",
        Kind.WEEKS,
        D(2021, 12, 27),
        D(2022, 1, 16),
    ),
    ("bis 30.06.2021", 2021, "bis 30.06.2021", Kind.UNTIL, D(2021, 1, 1), D(2021, 6, 30)),
    ("bis zum 30.06.", 2021, "bis 30.06.", Kind.UNTIL, D(2021, 1, 1), D(2021, 6, 30)),
    ("bis Juni 2021", 2021, "bis Juni 2021", Kind.UNTIL, D(2021, 1, 1), D(2021, 6, 30)),
    ("bis Ende Juni 2021", 2021, "bis Ende Juni 2021", Kind.UNTIL, D(2021, 1, 1), D(2021, 6, 30)),
    ("bis Ende 2021", 2021, "bis Jahresende 2021", Kind.UNTIL, D(2021, 1, 1), D(2021, 12, 31)),
    ("ab März 2021", 2021, "ab März 2021", Kind.FROM, D(2021, 3, 1), D(2021, 12, 31)),
    ("ab 15.03.2021", 2021, "ab 15.03.2021", Kind.FROM, D(2021, 3, 15), D(2021, 12, 31)),
    ("ab II. Quartal", 2021, "ab II. Quartal", Kind.FROM, D(2021, 4, 1), D(2021, 12, 31)),
    (
        "06.01.2021 und 15.02.2021",
        2021,
        "06.01.2021 und 15.02.2021",
        Kind.DAYS,
        D(2021, 1, 6),
        D(2021, 2, 15),
    ),
    ("27. und 28.01.2021", 2021, "27./28.01.2021", Kind.DAYS, D(2021, 1, 27), D(2021, 1, 28)),
    (
        "3., 10. und 17.03.2021",
        2021,
        "03./10./17.03.2021",
        Kind.DAYS,
        D(2021, 3, 3),
        D(2021, 3, 17),
    ),
    ("04.09.-03.10.2021", 2021, "04.09.-03.10.2021", Kind.RANGE, D(2021, 9, 4), D(2021, 10, 3)),
    (
        "28.12.2021 – 05.01.2022",
        2021,
        "28.12.2021-05.01.2022",
        Kind.RANGE,
        D(2021, 12, 28),
        D(2022, 1, 5),
    ),
    ("04. bis 24.09.2021", 2021, "04.-24.09.2021", Kind.RANGE, D(2021, 9, 4), D(2021, 9, 24)),
    ("März-Mai 2021", 2021, "März-Mai 2021", Kind.MONTHS, D(2021, 3, 1), D(2021, 5, 31)),
    ("März bis Mai 2021", 2021, "März-Mai 2021", Kind.MONTHS, D(2021, 3, 1), D(2021, 5, 31)),
    ("Jan. – Mär. 2021", 2021, "Januar-März 2021", Kind.MONTHS, D(2021, 1, 1), D(2021, 3, 31)),
    (
        "November 2021 bis Januar 2022",
        2021,
        "November 2021-Januar 2022",
        Kind.MONTHS,
        D(2021, 11, 1),
        D(2022, 1, 31),
    ),
    (
        "März und April 2021",
        2021,
        "März und April 2021",
        Kind.MONTHS,
        D(2021, 3, 1),
        D(2021, 4, 30),
    ),
    ("März/April 2021", 2021, "März und April 2021", Kind.MONTHS, D(2021, 3, 1), D(2021, 4, 30)),
    (
        "Jan., Mär. und Mai 2021",
        2021,
        "Januar, März und Mai 2021",
        Kind.MONTHS,
        D(2021, 1, 1),
        D(2021, 5, 31),
    ),
    ("Frühjahr 2021", 2021, "Frühjahr 2021", Kind.SEASON, D(2021, 3, 1), D(2021, 5, 31)),
    ("Frühling", 2021, "Frühjahr", Kind.SEASON, D(2021, 3, 1), D(2021, 5, 31)),
    ("Sommer 2021", 2021, "Sommer 2021", Kind.SEASON, D(2021, 6, 1), D(2021, 8, 31)),
    ("Herbst 2021", 2021, "Herbst 2021", Kind.SEASON, D(2021, 9, 1), D(2021, 11, 30)),
    ("Winter 2021/22", 2021, "Winter 2021/22", Kind.SEASON, D(2021, 12, 1), D(2022, 2, 28)),
    ("Winter 2023/2024", 2024, "Winter 2023/24", Kind.SEASON, D(2023, 12, 1), D(2024, 2, 29)),
    ("Jahresanfang", 2021, "Jahresanfang", Kind.SEASON, D(2021, 1, 1), D(2021, 2, 28)),
    ("Jahresbeginn 2021", 2021, "Jahresanfang 2021", Kind.SEASON, D(2021, 1, 1), D(2021, 2, 28)),
    ("Jahresmitte", 2021, "Jahresmitte", Kind.SEASON, D(2021, 6, 1), D(2021, 7, 31)),
    ("Jahresende 2021", 2021, "Jahresende 2021", Kind.SEASON, D(2021, 11, 1), D(2021, 12, 31)),
    ("Ende 2021", 2021, "Jahresende 2021", Kind.SEASON, D(2021, 11, 1), D(2021, 12, 31)),
    ("laufend", 2021, "laufend", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("Fortlaufend", 2021, "fortlaufend", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("monatlich", 2021, "monatlich", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("wöchentlich", 2021, "wöchentlich", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("vierteljaehrlich", 2021, "vierteljährlich", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("quartalsweise", 2021, "quartalsweise", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("regelmäßig", 2021, "regelmäßig", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    ("dauerhaft", 2021, "dauerhaft", Kind.RECURRING, D(2021, 1, 1), D(2021, 12, 31)),
    (
        "ganzjährig laufend",
        2021,
        "ganzjährig laufend",
        Kind.RECURRING,
        D(2021, 1, 1),
        D(2021, 12, 31),
    ),
    ("nach Bedarf", 2021, "nach Bedarf", Kind.AS_NEEDED, None, None),
    ("Bei Bedarf", 2021, "bei Bedarf", Kind.AS_NEEDED, None, None),
    ("anlassbezogen", 2021, "anlassbezogen", Kind.AS_NEEDED, None, None),
    ("  6.1.2021  ", 2021, "06.01.2021", Kind.DAY, D(2021, 1, 6), D(2021, 1, 6)),
    ("06.01.21", 2021, "06.01.2021", Kind.DAY, D(2021, 1, 6), D(2021, 1, 6)),
    ("06. 01. 2021", 2021, "06.01.2021", Kind.DAY, D(2021, 1, 6), D(2021, 1, 6)),
    ("06.01.", 2021, "06.01.", Kind.DAY, D(2021, 1, 6), D(2021, 1, 6)),
    ("2. Quartal 2021", 2021, "II. Quartal 2021", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30)),
    ("Q2 2021", 2021, "II. Quartal 2021", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30)),
    ("q2/2021", 2021, "II. Quartal 2021", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30)),
    ("II. Qu. 2021", 2021, "II. Quartal 2021", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30)),
    ("ii.quartal", 2021, "II. Quartal", Kind.QUARTERS, D(2021, 4, 1), D(2021, 6, 30)),
    ("Q1-Q2 2021", 2021, "I.-II. Quartal 2021", Kind.QUARTERS, D(2021, 1, 1), D(2021, 6, 30)),
    (
        "I. und II. Quartal 2021",
        2021,
        "I.+II. Quartal 2021",
        Kind.QUARTERS,
        D(2021, 1, 1),
        D(2021, 6, 30),
    ),
    (
        "IV. Quartal 2021 - I. Quartal 2022",
        2021,
        "IV. Quartal 2021-I. Quartal 2022",
        Kind.QUARTERS,
        D(2021, 10, 1),
        D(2022, 3, 31),
    ),
    ("Q1/Q2 2021", 2021, "I.+II. Quartal 2021", Kind.QUARTERS, D(2021, 1, 1), D(2021, 6, 30)),
    ("I./II. Quartal", 2021, "I.+II. Quartal", Kind.QUARTERS, D(2021, 1, 1), D(2021, 6, 30)),
    (
        "2. Halbjahr 2021 bis 1. Halbjahr 2022",
        2021,
        "2. Halbjahr 2021-1. Halbjahr 2022",
        Kind.HALF,
        D(2021, 7, 1),
        D(2022, 6, 30),
    ),
    (
        "Dezember 2021 und Januar 2022",
        2021,
        "Dezember 2021 und Januar 2022",
        Kind.MONTHS,
        D(2021, 12, 1),
        D(2022, 1, 31),
    ),
    ("Sept. 2021", 2021, "September 2021", Kind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
    ("sep 2021", 2021, "September 2021", Kind.MONTH, D(2021, 9, 1), D(2021, 9, 30)),
    ("MÄRZ 2021", 2021, "März 2021", Kind.MONTH, D(2021, 3, 1), D(2021, 3, 31)),
    ("Anfang März 2021", 2021, "Anfang März 2021", Kind.MONTH, D(2021, 3, 1), D(2021, 3, 10)),
    ("mitte märz", 2021, "Mitte März", Kind.MONTH, D(2021, 3, 11), D(2021, 3, 20)),
    ("Ende Februar 2024", 2024, "Ende Februar 2024", Kind.MONTH, D(2024, 2, 21), D(2024, 2, 29)),
    ("das ganze Jahr", 2021, "ganzjährig", Kind.YEAR, D(2021, 1, 1), D(2021, 12, 31)),
    ("ganzjährig 2022", 2021, "ganzjährig 2022", Kind.YEAR, D(2022, 1, 1), D(2022, 12, 31)),
    (
        "Ganzjährig (insbesondere II. Quartal)",
        2021,
        "ganzjährig (insbes. II. Quartal)",
        Kind.YEAR,
        D(2021, 1, 1),
        D(2021, 12, 31),
    ),
    (
        "ganzjährig(insbes. ab 1.7.)",
        2021,
        "ganzjährig (insbes. ab 01.07.)",
        Kind.YEAR,
        D(2021, 1, 1),
        D(2021, 12, 31),
    ),
    (
        "laufend (insbes. bis Juni 2021)",
        2021,
        "laufend (insbes. bis Juni 2021)",
        Kind.RECURRING,
        D(2021, 1, 1),
        D(2021, 12, 31),
    ),
]


@pytest.mark.parametrize(("text", "plan_year", "canonical", "kind", "start", "end"), MORE_FORMS)
def test_parse_reads_lenient_form_into_canonical_text(text, plan_year, canonical, kind, start, end):
    schedule = parse(text, year=plan_year)

    assert (schedule.kind, schedule.start, schedule.end) == (kind, start, end)
    assert schedule.text == render(schedule) == canonical
    assert parse(canonical, year=plan_year) == schedule


UNPARSED_TEXTS = [
    "",
    "   ",
    "31.02.2021",
    "29.02.2021",
    "15.13.2021",
    "13. Quartal",
    "V. Quartal 2021",
    "IIII. Quartal 2021",
    "Q5",
    "Quartal 2021",
    "März 2021 oder später",
    "nach Abschluss der Bauarbeiten",
    "2021?",
    "2021",
    "Märzen 2021",
    "III.-I. Quartal 2021",
    "24.-04.09.2021",
    "28.12.-05.01.2022",
    "Mai-März 2021",
    "27./27.01.2021",
    "KW 53/2021",
    "KW 0/2021",
    "Winter",
    "Winter 2021",
    "Winter 2021/23",
    "Ende",
    "bis",
    "ab sofort",
    "bis März-Mai 2021",
    "bis bis 30.06.2021",
    "06.01.1850",
    "II. Quartal 2021 2022",
    "ganzjährig (insbes. I. Quartal 2022)",
    "ganzjährig (insbes. nach Bedarf)",
    "II. Quartal 2021 (insbes. Mai 2021)",
]


@pytest.mark.parametrize("text", UNPARSED_TEXTS)
def test_parse_keeps_text_it_does_not_fully_understand(text):
    schedule = parse(f" {text}\n", year=2021)

    assert schedule.kind == Kind.UNPARSED
    assert not schedule.understood
    assert (schedule.start, schedule.end, schedule.focus) == (None, None, None)
    assert schedule.text == render(schedule) == text.strip()


# ----------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("text", "year", "quarters"),
    [
        ("ganzjährig (insbes. I. Quartal 2021)", 2021, {1, 2, 3, 4}),
        ("I.+III. Quartal 2021", 2021, {1, 3}),
        ("März-Mai 2021", 2021, {1, 2}),
        ("28.12.2020-05.01.2021", 2021, {1}),
        ("28.12.2020-05.01.2021", 2020, {4}),
        ("II. Quartal 2021", 2022, set()),
        ("nach Bedarf", 2021, set()),
        ("irgendwann", 2021, set()),
    ],
)
def test_quarters_touched_follows_the_listed_periods(text, year, quarters):
    assert quarters_touched(parse(text, year=2021), year) == quarters


def test_focus_or_period_prefers_the_focus():
    focused = parse("ganzjährig (insbes. I.-II. Quartal 2021)", year=2021)
    plain = parse("März 2021", year=2021)

    assert focus_or_period(focused) == (D(2021, 1, 1), D(2021, 6, 30))
    assert focus_or_period(plain) == (D(2021, 3, 1), D(2021, 3, 31))
    assert focus_or_period(parse("bei Bedarf", year=2021)) is None
    assert focus_or_period(parse("irgendwann", year=2021)) is None


@pytest.mark.parametrize(
    ("text", "plan_year"),
    [
        ("II. Quartal 2021", 2021),
        ("II. Quartal", 2030),
        ("28.12.2020-05.01.2021", 2021),
        ("Winter 2021/22", 2022),
        ("KW 53/2020", 2021),
        ("bis 31.01.2021", 2021),
        ("nach Bedarf", 2021),
        ("laufend", 1999),
        ("2021?", 2019),
    ],
)
def test_validate_for_plan_accepts_schedule_touching_the_year(text, plan_year):
    validate_for_plan(parse(text, year=plan_year), plan_year)


@pytest.mark.parametrize(
    ("text", "plan_year"),
    [
        ("II. Quartal 2022", 2021),
        ("ganzjährig 2020", 2021),
        ("06.01.2020 und 05.01.2022", 2021),
        ("bis 30.06.2020", 2021),
        ("ab März 2022", 2021),
    ],
)
def test_validate_for_plan_rejects_schedule_outside_the_year(text, plan_year):
    schedule = parse(text, year=plan_year)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_for_plan(schedule, plan_year)

    assert error.value.code == "outside_plan_year"
    assert error.value.messages == [
        f"The schedule “{schedule.text}” lies outside the plan's year {plan_year}."
    ]


# ----------------------------------------------------------------------------- properties

YEARS = st.integers(1990, 2100)
SEASON_MONTHS = {
    "Jahresanfang": (1, 2),
    "Frühjahr": (3, 5),
    "Sommer": (6, 8),
    "Jahresmitte": (6, 7),
    "Herbst": (9, 11),
    "Jahresende": (11, 12),
}
THIRDS = {"": (1, 31), "Anfang": (1, 10), "Mitte": (11, 20), "Ende": (21, 31)}
SHAPES = ("single", "range", "list")

# A builder draws a schedule whose first period lies in `year`; `explicit` says whether
# its text states years (if not, `year` is the plan's year).
Builder = Callable[[st.DrawFn, int, int, bool], Schedule]


def build_day(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    day = draw(st.dates(D(year, 1, 1), D(year, 12, 31)))
    return Schedule(Kind.DAY, day, day, explicit_year=explicit)


def build_days(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    if draw(st.booleans()):
        month = draw(st.integers(1, 12))
        numbers = st.integers(1, last_day(year, month).day)
        days = [D(year, month, n) for n in draw(st.sets(numbers, min_size=2, max_size=4))]
    else:
        first = draw(st.dates(D(year, 1, 1), D(year, 12, 30)))
        later = st.dates(first + timedelta(days=1), D(year + explicit, 12, 31))
        days = [first, *draw(st.sets(later, min_size=1, max_size=3))]
    days.sort()
    parts = tuple((day, day) for day in days)
    return Schedule(Kind.DAYS, days[0], days[-1], explicit_year=explicit, parts=parts)


def build_range(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    start = draw(st.dates(D(year, 1, 1), D(year, 12, 30)))
    end = draw(st.dates(start + timedelta(days=1), D(year + explicit, 12, 31)))
    return Schedule(Kind.RANGE, start, end, explicit_year=explicit)


def draw_indices(draw: st.DrawFn, year: int, per_year: int, explicit: bool, shape: str):
    """Absolute unit numbers (year * per_year + unit - 1), the first in `year`."""
    low = year * per_year
    top = low + per_year * (2 if explicit else 1) - 1
    if shape == "single":
        return [draw(st.integers(low, low + per_year - 1))]
    first = draw(st.integers(low, low + per_year - 2))
    if shape == "range":
        return [first, draw(st.integers(first + 1, top))]
    later = draw(st.sets(st.integers(first + 1, top), min_size=1, max_size=3))
    return [first, *sorted(later)]


def unit_schedule(kind: Kind, spans: list, explicit: bool, shape: str) -> Schedule:
    start, end = spans[0][0], spans[-1][1]
    parts = tuple(spans) if shape == "list" else ()
    return Schedule(kind, start, end, explicit_year=explicit, parts=parts)


def month_span(index: int):
    year, month = divmod(index, 12)
    return D(year, month + 1, 1), last_day(year, month + 1)


def quarter_span(index: int):
    year, quarter = divmod(index, 4)
    return D(year, 3 * quarter + 1, 1), last_day(year, 3 * quarter + 3)


def half_span(index: int):
    year, half = divmod(index, 2)
    return D(year, 6 * half + 1, 1), last_day(year, 6 * half + 6)


def build_month(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    start, end = month_span(draw_indices(draw, year, 12, explicit, "single")[0])
    qualifier = draw(st.sampled_from(list(THIRDS)))
    first, last = THIRDS[qualifier]
    start, end = start.replace(day=first), end.replace(day=min(last, end.day))
    return Schedule(Kind.MONTH, start, end, explicit_year=explicit, qualifier=qualifier)


def build_months(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    shape = draw(st.sampled_from(SHAPES[1:]))
    spans = [month_span(i) for i in draw_indices(draw, year, 12, explicit, shape)]
    return unit_schedule(Kind.MONTHS, spans, explicit, shape)


def build_quarters(
    draw: st.DrawFn, plan: int, year: int, explicit: bool, shapes=SHAPES
) -> Schedule:
    shape = draw(st.sampled_from(shapes))
    spans = [quarter_span(i) for i in draw_indices(draw, year, 4, explicit, shape)]
    return unit_schedule(Kind.QUARTERS, spans, explicit, shape)


def build_half(
    draw: st.DrawFn, plan: int, year: int, explicit: bool, shapes=SHAPES[:2]
) -> Schedule:
    shape = draw(st.sampled_from(shapes))
    spans = [half_span(i) for i in draw_indices(draw, year, 2, explicit, shape)]
    return unit_schedule(Kind.HALF, spans, explicit, shape)


def build_weeks(draw: st.DrawFn, plan: int, year: int, explicit: bool, single=False) -> Schedule:
    weeks_in_year = D(year, 12, 28).isocalendar().week
    week = draw(st.integers(1, weeks_in_year))
    start = D.fromisocalendar(year, week, 1)
    more = 0 if single else draw(st.integers(0, 60 if explicit else weeks_in_year - week))
    end = start + timedelta(weeks=more, days=6)
    return Schedule(Kind.WEEKS, start, end, explicit_year=explicit)


def build_season(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    name = draw(st.sampled_from([*SEASON_MONTHS, "Winter"]))
    if name == "Winter":
        end = last_day(year + 1, 2)
        return Schedule(Kind.SEASON, D(year, 12, 1), end, explicit_year=True, qualifier=name)
    first, last = SEASON_MONTHS[name]
    start, end = D(year, first, 1), last_day(year, last)
    return Schedule(Kind.SEASON, start, end, explicit_year=explicit, qualifier=name)


ANCHOR_BUILDERS: list[Builder] = [
    build_day,
    build_month,
    partial(build_quarters, shapes=("single",)),
    partial(build_half, shapes=("single",)),
    partial(build_weeks, single=True),
    build_season,
]


def build_until(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    anchor = draw(st.sampled_from(ANCHOR_BUILDERS))(draw, plan, year, explicit)
    start = min(D(plan, 1, 1), anchor.start)
    return Schedule(
        Kind.UNTIL, start, anchor.end, explicit_year=anchor.explicit_year, anchor=anchor
    )


def build_from(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    anchor = draw(st.sampled_from(ANCHOR_BUILDERS))(draw, plan, year, explicit)
    end = max(D(plan, 12, 31), anchor.end)
    return Schedule(Kind.FROM, anchor.start, end, explicit_year=anchor.explicit_year, anchor=anchor)


FOCUS_BUILDERS: list[Builder] = [
    build_day,
    build_days,
    build_range,
    build_month,
    build_months,
    build_quarters,
    build_half,
    build_weeks,
    build_season,
    build_until,
    build_from,
]


def draw_focus(draw: st.DrawFn, plan: int, year: int) -> Schedule | None:
    """Maybe an emphasised period inside `year`; it may omit the year only if `year` is
    the plan's."""
    if draw(st.booleans()):
        return None
    explicit = year != plan or draw(st.booleans())
    return draw(st.sampled_from(FOCUS_BUILDERS))(draw, plan, year, explicit)


def build_year(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    focus = draw_focus(draw, plan, year)
    start, end = D(year, 1, 1), D(year, 12, 31)
    return Schedule(Kind.YEAR, start, end, focus=focus, explicit_year=explicit)


def build_recurring(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    word = draw(st.sampled_from(RECURRING_WORDS))
    focus = draw_focus(draw, plan, plan)
    return Schedule(Kind.RECURRING, D(plan, 1, 1), D(plan, 12, 31), focus=focus, qualifier=word)


def build_as_needed(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    return Schedule(Kind.AS_NEEDED, qualifier=draw(st.sampled_from(AS_NEEDED_PHRASES)))


def build_unparsed(draw: st.DrawFn, plan: int, year: int, explicit: bool) -> Schedule:
    text = draw(st.sampled_from(UNPARSED_TEXTS)).strip()
    return Schedule(Kind.UNPARSED, text=text)


BUILDERS: dict[Kind, Builder] = {
    Kind.DAY: build_day,
    Kind.DAYS: build_days,
    Kind.RANGE: build_range,
    Kind.MONTH: build_month,
    Kind.MONTHS: build_months,
    Kind.QUARTERS: build_quarters,
    Kind.HALF: build_half,
    Kind.WEEKS: build_weeks,
    Kind.UNTIL: build_until,
    Kind.FROM: build_from,
    Kind.SEASON: build_season,
    Kind.YEAR: build_year,
    Kind.RECURRING: build_recurring,
    Kind.AS_NEEDED: build_as_needed,
    Kind.UNPARSED: build_unparsed,
}


def test_every_kind_has_a_builder():
    assert set(BUILDERS) == set(Kind)


@st.composite
def plans_and_schedules(draw: st.DrawFn) -> tuple[int, Schedule]:
    plan = draw(YEARS)
    explicit = draw(st.booleans())
    year = draw(YEARS) if explicit else plan
    kind = draw(st.sampled_from(list(Kind)))
    return plan, BUILDERS[kind](draw, plan, year, explicit)


@settings(max_examples=400, deadline=None, database=None)
@given(plan_and_schedule=plans_and_schedules())
def test_parse_inverts_render(plan_and_schedule):
    plan, schedule = plan_and_schedule

    assert parse(render(schedule), year=plan) == schedule


TOKENS = [
    "März",
    "mai",
    "Sept.",
    "Dez",
    "2021",
    "2022",
    "21",
    "Quartal",
    "Qu.",
    "I.",
    "II.",
    "IV.",
    "2.",
    "Q2",
    "Q5",
    "-",
    "–",
    "+",
    "/",
    ".",
    ",",
    "bis",
    "ab",
    "und",
    "KW",
    "12",
    "53",
    "1",
    "Halbjahr",
    "Hj.",
    "ganzjährig",
    "(insbes.",
    "(",
    ")",
    "Anfang",
    "Ende",
    "Winter",
    "Sommer",
    "Jahresende",
    "laufend",
    "nach Bedarf",
    "06.01.",
    "31.",
    "28.02.",
    "06.01.2021",
    "oder",
]
TOKEN_SOUP = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", "  "])), min_size=1, max_size=7
).map(lambda pairs: "".join(token + space for token, space in pairs))
# [bis|ab|ganzjährig (insbes.] item [year] [separator item [year]] [tail]
ITEMS = ["März", "Sept.", "dez", "II. Quartal", "I.", "2. Qu.", "Q2", "IV.", "1. Halbjahr"]
ITEMS += ["2. Hj.", "KW 12", "12", "53. KW", "06.01.", "28.02.", "27.", "31.", "Anfang März"]
ITEMS += ["Ende", "Sommer", "Winter", "Jahresende", "ganzjährig", "laufend"]
YEAR_TOKENS = ["", "", " 2021", " 2022", "2021", "/2021", "21", "/22"]
SEPARATORS = ["-", " - ", "–", "+", " und ", "/", ", ", " bis ", " "]
PREFIXES = ["", "", "bis ", "ab ", "ganzjährig (insbes. ", "laufend (insbesondere "]
TAILS = ["", "", ")", " oder später", "?"]
ITEM = st.tuples(st.sampled_from(ITEMS), st.sampled_from(YEAR_TOKENS)).map("".join)
PHRASES = st.tuples(
    st.sampled_from(PREFIXES),
    ITEM,
    st.just("") | st.tuples(st.sampled_from(SEPARATORS), ITEM).map("".join),
    st.sampled_from(TAILS),
).map("".join)
GRAMMARISH = PHRASES | TOKEN_SOUP


def check_parse_is_total_and_idempotent(text: str, plan_year: int) -> None:
    schedule = parse(text, year=plan_year)
    if not schedule.understood:
        assert schedule.text == text.strip()
        return
    assert parse(render(schedule), year=plan_year) == schedule
    for part in (schedule, schedule.focus, schedule.anchor):
        if part is not None and part.start is not None:
            assert part.end is not None
            assert part.start <= part.end


@settings(max_examples=300, deadline=None, database=None)
@given(text=GRAMMARISH, plan_year=YEARS)
def test_parse_of_token_soup_is_total_and_idempotent(text, plan_year):
    check_parse_is_total_and_idempotent(text, plan_year)


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text(max_size=40), plan_year=YEARS)
def test_parse_of_any_text_is_total_and_idempotent(text, plan_year):
    check_parse_is_total_and_idempotent(text, plan_year)
