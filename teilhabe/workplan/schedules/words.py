"""The words schedules are written in, and the lenient spellings brought to canonical ones."""

from __future__ import annotations

import re
from collections.abc import Callable

from .periods import Kind

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

# ----------------------------------------------------------------------------- for parsers

_MONTH_INDEX = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_THIRDS = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, 31)}
_SEASON_ALIASES = {name.lower(): name for name in SEASONS} | {
    "frühling": "Frühjahr",
    "jahresbeginn": "Jahresanfang",
    "anfang": "Jahresanfang",
    "beginn": "Jahresanfang",
    "mitte": "Jahresmitte",
    "ende": "Jahresende",
}
_BARE_SEASONS = {"anfang", "beginn", "mitte", "ende"}  # only with a year: "Ende 2021"
_WORDS = {word.lower(): (Kind.RECURRING, word) for word in RECURRING_WORDS} | {
    phrase.lower(): (Kind.AS_NEEDED, phrase) for phrase in AS_NEEDED_PHRASES
}


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
