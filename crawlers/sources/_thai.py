"""Thai numbers and dates as Thai official texts write them: Thai digits, Buddhist Era years.

Shared by the Thai sources (Supreme Court decisions, Krisdika legislation); not a source.
"""

from __future__ import annotations

import re
from datetime import date

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
_MONTH_NUMBER = {name: n for n, name in enumerate(THAI_MONTHS, 1)} | {
    name: n for n, name in enumerate(THAI_MONTHS_SHORT, 1)
}
_MONTH_ALTERNATION = "|".join(re.escape(m) for m in sorted(_MONTH_NUMBER, key=len, reverse=True))
# "๓๐ มกราคม พ.ศ. ๒๕๕๑", "1 ต.ค. 2568", "วันที่ ๑ ตุลาคม ๒๕๖๘"
_THAI_DATE = re.compile(
    r"(?P<day>\d{1,2})\s*(?P<month>" + _MONTH_ALTERNATION + r")\s*(?:พ\.\s*ศ\.\s*)?(?P<year>\d{4})"
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
                year, _MONTH_NUMBER[match.group("month")], int(match.group("day"))
            ).isoformat()
        except ValueError:
            continue
    return None


def deka_number(text: str) -> str | None:
    """A decision number "N/YYYY" (B.E. year, ASCII digits) found in `text`."""
    found = _DEKA_NUMBER.search(arabic_digits(text))
    return f"{int(found.group(1))}/{found.group(2)}" if found else None
