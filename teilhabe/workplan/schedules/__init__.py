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

Modules: `periods` (the kinds and the arithmetic of spans), `words` (vocabulary and the
lenient spellings), `units` (months, quarters, half-years, weeks), `parsing`, `rendering`,
`model` (`Schedule` and the checks a plan makes).
"""

from .model import Schedule, focus_or_period, quarters_touched, validate_for_plan
from .parsing import MAX_YEAR, MIN_YEAR, parse
from .periods import Kind, ScheduleError, Span
from .rendering import render
from .words import AS_NEEDED_PHRASES, MONTH_NAMES, RECURRING_WORDS, SEASONS, WINTER

__all__ = [
    "AS_NEEDED_PHRASES",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_NAMES",
    "RECURRING_WORDS",
    "SEASONS",
    "WINTER",
    "Kind",
    "Schedule",
    "ScheduleError",
    "Span",
    "focus_or_period",
    "parse",
    "quarters_touched",
    "render",
    "validate_for_plan",
]
