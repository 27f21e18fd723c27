"""Numbers, durations, money and dates as judgments write them.

Judgments write quantities in words, in figures, or both ("4 (empat) tahun", "four (4) years",
"Rp120.000.000,00 (seratus dua puluh juta rupiah)", "P2,000,000.00"). The word lists and month
names are data (`nlp/patterns/<lang>/numbers.json`); this module holds only the grammar.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from nlp.regexscan import alternation
from tiplex.currencies import CURRENCY_NAMES, CURRENCY_SIGNS

PATTERNS_DIR = Path(__file__).parent / "patterns"


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """One language's number words, duration units and month names."""

    units: dict[str, float]
    teen: frozenset[str]
    tens: frozenset[str]
    hundred: frozenset[str]
    scales: dict[str, float]
    duration_units: dict[str, float]
    months: dict[str, int]
    buddhist_era: bool = False

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.units) | self.teen | self.tens | self.hundred | frozenset(self.scales)


@cache
def lexicon(lang: str) -> NumberLexicon:
    """The lexicon for a language; English where the language has none."""
    path = PATTERNS_DIR / lang / "numbers.json"
    if not path.exists():
        path = PATTERNS_DIR / "en" / "numbers.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return NumberLexicon(
        units={k: float(v) for k, v in data["units"].items()},
        teen=frozenset(data.get("teen", ())),
        tens=frozenset(data.get("tens", ())),
        hundred=frozenset(data.get("hundred", ())),
        scales={k: float(v) for k, v in data.get("scales", {}).items()},
        duration_units={k: float(v) for k, v in data["duration_units"].items()},
        months={k: int(v) for k, v in data["months"].items()},
        buddhist_era=bool(data.get("buddhist_era", False)),
    )


def words_to_number(words: str, lang: str) -> float | None:
    """Value of a number written in words ("seratus dua puluh juta" -> 120000000); None if any
    word is not a number word."""
    lex = lexicon(lang)
    tokens = [
        t for t in re.split(r"[\s\-]+", words.lower().strip()) if t and t not in {"and", "dan"}
    ]
    if not tokens:
        return None
    # `group` is the value below the next scale word; `last` the latest unit, which "puluh",
    # "belas" and "ratus" act on ("seratus dua puluh" = 100 + 2 * 10).
    total = group = last = 0.0
    for token in tokens:
        if token in lex.units:
            last = lex.units[token]
            group += last
        elif token in lex.teen:
            group += 10
            last = 0
        elif token in lex.tens:
            group += last * 9
            last = 0
        elif token in lex.hundred:
            group += (last or 1) * 100 - last
            last = 0
        elif token in lex.scales:
            total += (group or 1) * lex.scales[token]
            group = last = 0
        else:
            return None
    return total + group


# --------------------------------------------------------------------------------------------
# Durations
# --------------------------------------------------------------------------------------------

_FIGURE = r"\d{1,3}(?:[.,]\d+)?"
_WORDS = r"[^\W\d_]+(?:[\s\-]+[^\W\d_]+){0,4}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value found in text, with its offsets in that text."""

    value: float
    start: int
    end: int


@cache
def _duration_pattern(lang: str) -> re.Pattern[str]:
    lex = lexicon(lang)
    units = "|".join(sorted(map(re.escape, lex.duration_units), key=len, reverse=True))
    number = (
        rf"(?:(?P<fig1>{_FIGURE})\s*\(\s*(?P<w1>{_WORDS})\s*\)"  # 4 (empat)
        rf"|(?P<w2>{_WORDS})\s*\(\s*(?P<fig2>{_FIGURE})\s*\)"  # four (4)
        rf"|(?P<fig3>{_FIGURE})"  # 4
        rf"|(?P<w3>{_WORDS}))"  # four
    )
    return re.compile(rf"(?<![\w]){number}\s*(?P<unit>{units})(?:'s|s'|')?(?![\w])", re.IGNORECASE)


def _figure(text: str) -> float:
    return float(text.replace(",", "."))


def _number_value(match: re.Match[str], lang: str) -> tuple[float, int] | None:
    """The number's value and where it starts."""
    for name in ("fig1", "fig2", "fig3"):
        if match.group(name):
            return _figure(match.group(name)), match.start()
    words = match.group("w3")
    if not words:
        return None
    # A free run of words before the unit may start with unrelated words ("selama empat"):
    # take the longest tail that reads as a number.
    for tail in re.finditer(r"(?:^|(?<=\s))\S", words):
        value = words_to_number(words[tail.start() :], lang)
        if value is not None:
            return value, match.start("w3") + tail.start()
    return None


def find_durations(text: str, lang: str) -> list[Quantity]:
    """Durations in months, joining adjacent parts ("4 (empat) tahun 6 (enam) bulan" -> 54)."""
    lex = lexicon(lang)
    parts: list[Quantity] = []
    for match in _duration_pattern(lang).finditer(text):
        found = _number_value(match, lang)
        if found is None:
            continue
        value, start = found
        if start > match.start():
            # The run of words before the unit can swallow an earlier duration ("three months
            # and one week"): read the words passed over as well.
            offset = match.start()
            parts.extend(
                Quantity(q.value, offset + q.start, offset + q.end)
                for q in find_durations(text[offset:start], lang)
            )
        parts.append(
            Quantity(value * lex.duration_units[match.group("unit").lower()], start, match.end())
        )
    joined: list[Quantity] = []
    for part in parts:
        if joined and re.fullmatch(
            r"[\s,]*(?:dan|and|at|,)?[\s,]*", text[joined[-1].end : part.start]
        ):
            last = joined[-1]
            joined[-1] = Quantity(last.value + part.value, last.start, part.end)
        else:
            joined.append(part)
    return joined


def months(value: float) -> int:
    """Whole months (days rounded to the nearest month, never below one when non-zero)."""
    rounded = round(value)
    return max(rounded, 1) if value > 0 else 0


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    amount: float
    currency: str
    start: int
    end: int


# Currency marks and how each country formats its figures. Indonesian uses "." for thousands and
# "," for decimals; the others the other way round. PDF text brings its own noise: a first group
# of four digits ("Rp1000.000.000,00"), the letter O for a zero ("Rp50.OOO.OOO,OO"), and editors'
# brackets around the peso sign ("[P]300,000.00").
# Besides the shared marks (`tiplex.currencies`), forms only judgments use: "Rp." with its full
# stop, and the bare or bracketed peso sign of Philippine decisions ("P300,000.00",
# "[P]300,000.00"), which would read too much anywhere but before a figure.
_JUDGMENT_SIGNS = {"rp.": "IDR", "p": "PHP", "[p]": "PHP", "[php]": "PHP"}
_CURRENCY = {**CURRENCY_SIGNS, **CURRENCY_NAMES, **_JUDGMENT_SIGNS}


_SHARED_SIGNS = alternation(CURRENCY_SIGNS)
_MONEY = re.compile(
    rf"(?P<cur>Rp\.|\[(?:P|PHP|Php)\](?=\s?\d)|P(?=\s?\d)|{_SHARED_SIGNS})"
    r"[ \t]{0,2}\n?[ \t]{0,2}"
    r"(?P<num>\d{1,4}(?:[.,\s][\dO]{3}(?![\dO]))+(?:[.,][\dO]{1,2}(?![\dO]))?"
    r"|\d+(?:[.,]\d{1,2})?)"
    r"(?:\s?(?P<scale>juta|million|ribu|thousand|miliar|milyar|billion)\b)?"
    # A figure before a currency's name: whole ("2800 bahts", not "800"), never the cents of a
    # fraction written out ("& 50/100 US DOLLARS"); the name may take a plural or "-nya".
    r"|(?<![\d.,/])(?P<num2>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    rf"\s?(?P<cur2>{alternation(CURRENCY_NAMES)})(?:s|nya)?\b",
    re.IGNORECASE,
)
_SCALE = {
    "juta": 1e6,
    "million": 1e6,
    "ribu": 1e3,
    "thousand": 1e3,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
}


def parse_figure(figure: str, *, decimal_comma: bool) -> float | None:
    """ "120.000.000,00" (decimal comma) or "2,000,000.00" as a float."""
    figure = figure.replace(" ", "")
    # Groups of three followed by one or two digits: those are cents, whichever mark the clerk
    # typed before them ("Rp120.000.000.00" is 120 million, not 12 billion).
    cents = re.fullmatch(r"(\d{1,4}(?:[.,]\d{3})+)[.,](\d{1,2})", figure)
    if cents:
        return float(re.sub(r"[.,]", "", cents.group(1)) + "." + cents.group(2))
    if decimal_comma:
        # Cents have two digits: a comma before three is a slip for a thousands mark
        # ("Rp150.000,000 (seratus lima puluh juta rupiah)").
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})*,\d{3}", figure):
            figure = figure.replace(",", ".")
        figure = figure.replace(".", "").replace(",", ".")
    else:
        # "2,000" is two thousand, never two; a lone comma with 1-2 digits is a decimal.
        if re.fullmatch(r"\d+,\d{1,2}", figure):
            figure = figure.replace(",", ".")
        figure = figure.replace(",", "")
        if figure.count(".") > 1:
            figure = figure.replace(".", "")
    try:
        return float(figure)
    except ValueError:
        return None


def find_amounts(text: str, *, default_dollar: str | None = None) -> Iterator[Amount]:
    """Money amounts with ISO 4217 currency. A bare "$" counts only when the caller says which
    dollar the document means (`default_dollar`, e.g. "SGD" for Singapore)."""
    for match in _MONEY.finditer(text):
        mark = match.group("cur") or match.group("cur2") or ""
        currency_mark = " ".join(mark.lower().split())  # "US\ndollars" as "us dollars"
        figure = re.sub("[Oo]", "0", match.group("num") or match.group("num2"))
        currency = _CURRENCY.get(currency_mark)
        if currency is None:
            continue
        value = parse_figure(figure, decimal_comma=currency in {"IDR", "VND"})
        # Unreadable, or zero: no coded field wants "Rp0,00" of costs, and a figure split by a
        # space ("12, 000 pesos") would read as its "000".
        if not value:
            continue
        if match.group("scale"):
            value *= _SCALE[match.group("scale").lower()]
        yield Amount(value, currency, match.start(), match.end())
    if default_dollar:
        for match in re.finditer(
            r"(?<![A-Z])\$\s?(\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)", text
        ):
            value = parse_figure(match.group(1), decimal_comma=False)
            if value is not None:
                yield Amount(value, default_dollar, match.start(), match.end())


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


@cache
def _date_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    lex = lexicon(lang)
    names = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True))
    day = r"(?:ika-?)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+ng)?"
    year = r"(?P<y>\d{4})"
    return (
        # 25 November 2025 / 3rd day of December 2014 / ngày 25 tháng 11 năm 2025
        re.compile(
            rf"(?<!\d){day}\s*(?:day\s+of\s+)?(?P<m>{names})\.?,?\s*(?:năm\s+)?{year}",
            re.IGNORECASE,
        ),
        # December 3, 2014
        re.compile(rf"(?P<m>{names})\.?\s+{day},?\s+{year}", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    start: int
    end: int


def find_dates(text: str, lang: str) -> list[FoundDate]:
    """Valid calendar dates in the text, in order; Thai Buddhist-era years are converted."""
    lex = lexicon(lang)
    found: list[FoundDate] = []
    for pattern in _date_patterns(lang):
        for match in pattern.finditer(text):
            month = lex.months.get(re.sub(r"\s+", " ", match.group("m").lower()))
            year = int(match.group("y"))
            if lex.buddhist_era and year > 2400:
                year -= 543
            try:
                value = date(year, month or 0, int(match.group("d")))
            except ValueError:
                continue
            found.append(FoundDate(value.isoformat(), match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str, lang: str) -> str | None:
    """The first date in the text as ISO, trying the language and then English."""
    for candidate in (lang, "en"):
        dates = find_dates(text, candidate)
        if dates:
            return dates[0].iso
    return None
