"""Rhythms of bodies: RFC 5545 rules, their wording in the page language, and the dates.

A rhythm is stored as the value of an RRULE property ("FREQ=MONTHLY;BYDAY=1WE") plus
the date it starts on. `validate_rule` accepts what a body's rhythm can sensibly be
(weekly, monthly or yearly; the time of day comes from the body), `describe` words it
("jeden ersten Mittwoch im Monat"), and `meeting_dates` lists the dates in a period,
leaving out Berlin's public holidays (8 March included) and the body's exceptions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ALLOWED_PARTS = {
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "COUNT",
    "UNTIL",
    "WKST",
}
FREQUENCIES = ("WEEKLY", "MONTHLY", "YEARLY")
# The furthest a rule is expanded; a rhythm has no business beyond that.
MAX_YEARS = 50


def normalise(rule: str) -> str:
    """Upper case, no "RRULE:" prefix, no blanks: the form rules are stored in."""
    rule = "".join(rule.split()).upper()
    return rule.removeprefix("RRULE:")


def parts(rule: str) -> dict[str, str]:
    """{"FREQ": "MONTHLY", "BYDAY": "1WE"} of "FREQ=MONTHLY;BYDAY=1WE"."""
    result = {}
    for chunk in normalise(rule).split(";"):
        if not chunk:
            continue
        name, sep, value = chunk.partition("=")
        if not sep or not value:
            raise ValidationError(_("“%(part)s” is not of the form NAME=VALUE.") % {"part": chunk})
        if name in result:
            raise ValidationError(_("“%(name)s” appears twice in the rule.") % {"name": name})
        result[name] = value
    return result


def validate_rule(rule: str, start: datetime.date | None = None) -> str:
    """The normalised rule, or a ValidationError saying in German what is wrong with it."""
    rule = normalise(rule)
    values = parts(rule)
    unknown = sorted(set(values) - ALLOWED_PARTS)
    if unknown:
        raise ValidationError(
            _("The rule may not contain %(parts)s; the time of day is set separately.")
            % {"parts": ", ".join(unknown)}
        )
    if values.get("FREQ") not in FREQUENCIES:
        raise ValidationError(_("The rule needs FREQ=WEEKLY, FREQ=MONTHLY or FREQ=YEARLY."))
    if "COUNT" in values and "UNTIL" in values:
        raise ValidationError(_("A rule may have COUNT or UNTIL, not both."))
    start = start or timezone.localdate()
    try:
        parsed = rrulestr(f"RRULE:{rule}", dtstart=_midnight(start))
        first = parsed.after(_midnight(start), inc=True)
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(
            _("The rule cannot be read (%(error)s).") % {"error": error}
        ) from error
    if first is None:
        raise ValidationError(_("The rule produces no dates."))
    return rule


# ----------------------------------------------------------------------------- wording


def _ordinal(n: int) -> str:
    words = {
        1: pgettext("nth weekday", "first"),
        2: pgettext("nth weekday", "second"),
        3: pgettext("nth weekday", "third"),
        4: pgettext("nth weekday", "fourth"),
        5: pgettext("nth weekday", "fifth"),
        -1: pgettext("nth weekday", "last"),
        -2: pgettext("nth weekday", "second to last"),
    }
    return words.get(n, f"{n}.")


@dataclass(frozen=True)
class _Day:
    weekday: int  # 0 = Monday
    n: int | None  # 1 = first, -1 = last; None = every


def _days(values: dict[str, str]) -> list[_Day]:
    days = []
    for code in values.get("BYDAY", "").split(",") if values.get("BYDAY") else []:
        n_text, weekday = code[:-2], code[-2:]
        n = int(n_text) if n_text else None
        days.append(_Day(WEEKDAY_CODES.index(weekday), n))
    setpos = values.get("BYSETPOS")
    if setpos and days and all(day.n is None for day in days) and "," not in setpos:
        days = [_Day(day.weekday, int(setpos)) for day in days]
    return days


def _and(items: list[str]) -> str:
    return str(get_text_list(items, _("and")))


def _nth_weekdays(days: list[_Day]) -> str:
    return _and([f"{_ordinal(day.n or 1)} {WEEKDAYS[day.weekday]}" for day in days])


def _midnight(day: datetime.date) -> datetime.datetime:
    """Rules are expanded on naive dates; the time of day comes from the body."""
    return datetime.datetime.combine(day, datetime.time())  # noqa: DTZ001


def _months(numbers: list[int]) -> str:
    return _and([str(MONTHS[n]) for n in numbers])


def describe(rule: str) -> str:
    """The rule in words of the active language, e.g. "jeden ersten Mittwoch im Monat"."""
    if not rule:
        return ""
    try:
        values = parts(rule)
        days = _days(values)
        interval = int(values.get("INTERVAL", "1"))
        text = _describe_frequency(values, days, interval)
    except (ValueError, ValidationError):
        return normalise(rule)
    months = sorted(int(m) for m in values["BYMONTH"].split(",")) if values.get("BYMONTH") else []
    if months and values["FREQ"] != "YEARLY":
        missing = [m for m in range(1, 13) if m not in months]
        if len(missing) <= 4:
            text = _("%(rhythm)s, except in %(months)s") % {
                "rhythm": text,
                "months": _months(missing),
            }
        else:
            text = _("%(rhythm)s, only in %(months)s") % {"rhythm": text, "months": _months(months)}
    if values.get("COUNT"):
        count = int(values["COUNT"])
        if count == 1:
            text = _("%(rhythm)s, once") % {"rhythm": text}
        else:
            text = _("%(rhythm)s, %(count)s times") % {"rhythm": text, "count": count}
    elif values.get("UNTIL"):
        until = datetime.date(
            int(values["UNTIL"][:4]), int(values["UNTIL"][4:6]), int(values["UNTIL"][6:8])
        )
        text = _("%(rhythm)s, until %(date)s") % {"rhythm": text, "date": date_format(until)}
    return text


def _describe_frequency(values: dict[str, str], days: list[_Day], interval: int) -> str:
    describe_by_freq = {"WEEKLY": _weekly, "MONTHLY": _monthly, "YEARLY": _yearly}
    return describe_by_freq[values["FREQ"]](values, days, interval)


def _weekly(values: dict[str, str], days: list[_Day], interval: int) -> str:
    weekdays = _and([str(WEEKDAYS[day.weekday]) for day in days])
    if interval == 1:
        return _("every %(weekdays)s") % {"weekdays": weekdays} if days else _("weekly")
    if days:
        return _("every %(n)s weeks on %(weekdays)s") % {"n": interval, "weekdays": weekdays}
    return _("every %(n)s weeks") % {"n": interval}


def _monthly(values: dict[str, str], days: list[_Day], interval: int) -> str:
    weekdays = _and([str(WEEKDAYS[day.weekday]) for day in days])
    nth = [day for day in days if day.n is not None]
    if nth:
        which = _nth_weekdays(nth)
        if interval == 1:
            return _("every %(nth_weekday)s of the month") % {"nth_weekday": which}
        return _("every %(n)s months on the %(nth_weekday)s") % {
            "n": interval,
            "nth_weekday": which,
        }
    if values.get("BYMONTHDAY"):
        monthdays = _and([f"{int(d)}." for d in values["BYMONTHDAY"].split(",")])
        if interval == 1:
            return _("monthly on the %(days)s") % {"days": monthdays}
        return _("every %(n)s months on the %(days)s") % {"n": interval, "days": monthdays}
    if days:
        return _("every %(weekdays)s") % {"weekdays": weekdays}
    return _("monthly") if interval == 1 else _("every %(n)s months") % {"n": interval}


def _yearly(values: dict[str, str], days: list[_Day], interval: int) -> str:
    months = [int(m) for m in values["BYMONTH"].split(",")] if values.get("BYMONTH") else []
    nth = [day for day in days if day.n is not None]
    if months and nth:
        which = _nth_weekdays(nth)
        return _("yearly on the %(nth_weekday)s in %(months)s") % {
            "nth_weekday": which,
            "months": _months(months),
        }
    if months:
        return _("yearly in %(months)s") % {"months": _months(months)}
    return _("yearly") if interval == 1 else _("every %(n)s years") % {"n": interval}


# ----------------------------------------------------------------------------- dates


@lru_cache(maxsize=64)
def berlin_holidays(year: int) -> dict[datetime.date, str]:
    """Berlin's public holidays of `year` with their German names (8 March included)."""
    return dict(holidays.Germany(subdiv="BE", years=year, language="de").items())


def holiday_name(day: datetime.date) -> str | None:
    return berlin_holidays(day.year).get(day)


@dataclass(frozen=True)
class RuleDate:
    date: datetime.date
    skipped_because: str = ""  # the holiday's name or the exception's reason


def rule_dates(
    rule: str,
    start: datetime.date,
    first: datetime.date,
    last: datetime.date,
    exceptions: dict[datetime.date, str] | None = None,
) -> list[RuleDate]:
    """Every date the rule gives between `first` and `last`, skipped ones marked."""
    exceptions = exceptions or {}
    last = min(last, datetime.date(start.year + MAX_YEARS, 1, 1))
    parsed = rrulestr(f"RRULE:{normalise(rule)}", dtstart=_midnight(start))
    found = parsed.between(
        _midnight(first),
        _midnight(last),
        inc=True,
    )
    result = []
    for moment in found:
        day = moment.date()
        holiday = holiday_name(day)
        if holiday:
            result.append(RuleDate(day, _("public holiday: %(name)s") % {"name": holiday}))
        elif day in exceptions:
            result.append(RuleDate(day, exceptions[day] or _("recorded exception")))
        else:
            result.append(RuleDate(day))
    return result


# ----------------------------------------------------------------------------- the form's parts

PATTERNS = ("weekly", "monthly_weekday", "monthly_day", "custom")


def compose(
    pattern: str,
    *,
    interval: int = 1,
    weekday: int | None = None,
    nth: int | None = None,
    monthday: int | None = None,
    skip_months: tuple[int, ...] = (),
) -> str:
    """The rule for what the body form's simple fields say ("" for no rhythm)."""
    if pattern == "weekly":
        rule = ["FREQ=WEEKLY"]
        if weekday is not None:
            rule.append(f"BYDAY={WEEKDAY_CODES[weekday]}")
    elif pattern == "monthly_weekday":
        rule = ["FREQ=MONTHLY", f"BYDAY={nth or 1}{WEEKDAY_CODES[weekday or 0]}"]
    elif pattern == "monthly_day":
        rule = ["FREQ=MONTHLY", f"BYMONTHDAY={monthday or 1}"]
    else:
        return ""
    if interval > 1:
        rule.insert(1, f"INTERVAL={interval}")
    if skip_months:
        kept = [str(m) for m in range(1, 13) if m not in skip_months]
        rule.append(f"BYMONTH={','.join(kept)}")
    return ";".join(rule)


def decompose(rule: str) -> dict[str, object]:
    """The simple fields for a rule, or {"pattern": "custom"} if they cannot say it."""
    if not rule:
        return {"pattern": ""}
    try:
        values = parts(rule)
        days = _days(values)
    except (ValueError, ValidationError):
        return {"pattern": "custom"}
    result: dict[str, object] = {"interval": int(values.get("INTERVAL", "1"))}
    months = values.get("BYMONTH")
    if months:
        kept = {int(m) for m in months.split(",")}
        result["skip_months"] = [m for m in range(1, 13) if m not in kept]
    extra = set(values) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH"}
    if extra or "BYSETPOS" in values:
        return {"pattern": "custom"}
    if values["FREQ"] == "WEEKLY" and len(days) <= 1 and all(d.n is None for d in days):
        result.update(pattern="weekly", weekday=days[0].weekday if days else None)
    elif values["FREQ"] == "MONTHLY" and len(days) == 1 and days[0].n is not None:
        result.update(pattern="monthly_weekday", weekday=days[0].weekday, nth=days[0].n)
    elif values["FREQ"] == "MONTHLY" and not days and values.get("BYMONTHDAY", "").isdigit():
        result.update(pattern="monthly_day", monthday=int(values["BYMONTHDAY"]))
    else:
        return {"pattern": "custom"}
    return result
