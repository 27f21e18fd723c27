"""Checks of what a user types, shared by every interface: each returns the value in its
canonical form or raises `InvalidInput` with a message that says what is accepted.

Checking here, before any stage starts, means a bad flag costs nothing (no crawl subprocess,
no model load) and never ends in a traceback."""

from __future__ import annotations

import re
from datetime import date

ASEAN_COUNTRIES = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
# Documents from outside ASEAN may be ingested too (a foreign court's judgment in a cross-border
# case); any ISO 3166-1 alpha-2 shape is accepted, the ten member states are named in the help.
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}$")
_DATE_BOUND_RE = re.compile(r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$")
SPLITS = ("tune", "test")
MAX_RESULTS = 1000


class InvalidInput(ValueError):
    """A value a user gave that tiplex cannot take."""


def country_code(value: str, flag: str = "--country") -> str:
    if not _COUNTRY_RE.match(value.strip()):
        raise InvalidInput(
            f"{flag} takes an ISO 3166-1 alpha-2 code such as {', '.join(ASEAN_COUNTRIES)}; "
            f"not {value!r}"
        )
    return value.strip().upper()


def country_list(value: str, flag: str = "--countries") -> list[str]:
    codes = [part for part in (p.strip() for p in value.split(",")) if part]
    if not codes:
        raise InvalidInput(f"{flag} takes comma-separated codes such as ID,PH,TH")
    return [country_code(code, flag) for code in codes]


def language_code(value: str, flag: str = "--language") -> str:
    if not _LANGUAGE_RE.match(value.strip()):
        raise InvalidInput(
            f"{flag} takes an ISO 639-1 code such as en, id, ms, th, vi; not {value!r}"
        )
    return value.strip().lower()


def positive(value: int, flag: str, *, most: int | None = None) -> int:
    if value < 1:
        raise InvalidInput(f"{flag} must be 1 or more, not {value}")
    if most is not None and value > most:
        raise InvalidInput(f"{flag} must be at most {most}, not {value}")
    return value


def date_bound(value: str, flag: str, *, end: bool) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD, as the crawl window takes it; the first or last day."""
    text = value.strip()
    if not _DATE_BOUND_RE.match(text):
        raise InvalidInput(f"{flag} takes YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    parts = [int(p) for p in text.split("-")]
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
    except ValueError as exc:
        raise InvalidInput(f"{flag} {value!r} is not a date: {exc}") from exc


def date_window(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    first = date_bound(since, "--since", end=False) if since else None
    last = date_bound(until, "--until", end=True) if until else None
    if first and last and first > last:
        raise InvalidInput(f"--since {since} comes after --until {until}")
    return first, last


def query_text(value: str) -> str:
    if not value.strip():
        raise InvalidInput(
            "give words to search for (an empty query matches nothing; to count every document "
            'use `tiplex trends ""` with --filter)'
        )
    return value


def split_name(value: str | None) -> str | None:
    if value is not None and value not in SPLITS:
        raise InvalidInput(
            f"--split takes {' or '.join(SPLITS)} (or nothing for all), not {value!r}"
        )
    return value
