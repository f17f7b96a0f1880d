"""A parsed schedule, and what a work plan asks of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .periods import Kind, Span, _overlaps, _quarter_span, _year_span
from .rendering import render


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
