"""Date parsing and crawl windows shared by the spiders."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
INDONESIAN_MONTHS = (
    "januari", "februari", "maret", "april", "mei", "juni",
    "juli", "agustus", "september", "oktober", "november", "desember",
)  # fmt: skip
_MONTH_NUMBER = {name: index for index, name in enumerate(ENGLISH_MONTHS, 1)} | {
    name: index for index, name in enumerate(INDONESIAN_MONTHS, 1)
}
_WRITTEN_DATE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def parse_written_date(text: str) -> str | None:
    """A written English or Indonesian date ("December 3, 2014", "Dec. 3, 2014") as ISO."""
    for match in _WRITTEN_DATE.finditer(text):
        month = _month_number(match.group(1))
        if month:
            return _iso(int(match.group(3)), month, int(match.group(2)))
    return None


_DAY_FIRST_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")


def parse_day_first_date(text: str) -> str | None:
    """A day-first written date ("1 January 1959", "31 Dec 2024", "12 Januari 2023") as ISO."""
    for match in _DAY_FIRST_DATE.finditer(text):
        month = _month_number(match.group(2))
        if month:
            return _iso(int(match.group(3)), month, int(match.group(1)))
    return None


def parse_day_month_year(text: str) -> str | None:
    """A DD-MM-YYYY date (as putusan3 writes them, "12-06-2024") as ISO ("2024-06-12")."""
    match = _DAY_MONTH_YEAR.search(text)
    if not match:
        return None
    return _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))


def _month_number(name: str) -> int | None:
    lowered = name.lower()
    if lowered in _MONTH_NUMBER:
        return _MONTH_NUMBER[lowered]
    # Abbreviations ("Dec", "Sept") as the courts sometimes write them.
    matches = {
        n for full, n in _MONTH_NUMBER.items() if len(lowered) >= 3 and full.startswith(lowered)
    }
    return matches.pop() if len(matches) == 1 else None


_BOUND_RE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_bound(value: str | None, *, end: bool) -> date | None:
    """A window bound given as YYYY, YYYY-MM or YYYY-MM-DD; `end` picks the last day.

    Raises:
        ValueError: saying what is accepted, for any other shape or an impossible date.
    """
    if not value:
        return None
    value = value.strip()
    if not _BOUND_RE.match(value):
        raise ValueError(f"takes YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 1:
            return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
        if len(parts) == 2:
            year, month = parts
            if not end:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(*parts)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a date: {error}") from error


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """(year, month) pairs from `first`'s month to `last`'s month, inclusive."""
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def months_back(today: date, count: int) -> date:
    """The first day of the month `count` months before `today`'s month."""
    index = today.year * 12 + (today.month - 1) - count
    return date(index // 12, index % 12 + 1, 1)


def today_utc() -> date:
    return datetime.now(UTC).date()


# ---- Thai: Thai digits and Buddhist Era years (Supreme Court decisions, Krisdika) ----------
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BUDDHIST_ERA_OFFSET = 543  # B.E. 2569 is A.D. 2026
THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_THAI_MONTH_NUMBER = {name: n for n, name in enumerate(THAI_MONTHS, 1)} | {
    name: n for n, name in enumerate(THAI_MONTHS_SHORT, 1)
}
_THAI_MONTH_ALTERNATION = "|".join(
    re.escape(m) for m in sorted(_THAI_MONTH_NUMBER, key=len, reverse=True)
)
# "๓๐ มกราคม พ.ศ. ๒๕๕๑", "1 ต.ค. 2568", "วันที่ ๑ ตุลาคม ๒๕๖๘"
_THAI_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*(?P<month>"
    + _THAI_MONTH_ALTERNATION
    + r")\s*(?:พ\.\s*ศ\.\s*)?(?P<year>\d{4})"
)
# A Supreme Court decision number: "๑๒๓๔/๒๕๖๗" → "1234/2567" (number / B.E. year).
_DEKA_NUMBER = re.compile(r"(\d{1,6})\s*/\s*(\d{4})")


def arabic_digits(text: str) -> str:
    """Thai digits (๐–๙) as ASCII digits; everything else unchanged."""
    return text.translate(THAI_DIGITS)


def parse_thai_date(text: str) -> str | None:
    """The first Thai written date in `text` as an ISO date of the Gregorian calendar.

    Years below 2400 are taken as already Gregorian (some pages mix calendars)."""
    for match in _THAI_DATE.finditer(arabic_digits(text)):
        year = int(match.group("year"))
        if year >= 2400:
            year -= BUDDHIST_ERA_OFFSET
        try:
            return date(
                year, _THAI_MONTH_NUMBER[match.group("month")], int(match.group("day"))
            ).isoformat()
        except ValueError:
            continue
    return None


def deka_number(text: str) -> str | None:
    """A decision number "N/YYYY" (B.E. year, ASCII digits) found in `text`."""
    found = _DEKA_NUMBER.search(arabic_digits(text))
    return f"{int(found.group(1))}/{found.group(2)}" if found else None
