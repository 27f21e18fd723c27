"""Checks of what a user types, shared by every interface: each returns the value in its
canonical form or raises `InvalidInput` with a message that says what is accepted.

Checking here, before any stage starts, means a bad flag costs nothing (no crawl subprocess,
no model load) and never ends in a traceback."""

from __future__ import annotations

import re

ASEAN_COUNTRIES = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
# Documents from outside ASEAN may be ingested too (a foreign court's judgment in a cross-border
# case); any ISO 3166-1 alpha-2 shape is accepted, the ten member states are named in the help.
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}$")
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


def source_option_pairs(pairs: list[str], flag: str = "--option") -> dict[str, dict[str, str]]:
    """`SOURCE.NAME=VALUE` strings as {source: {name: value}}; which names a source takes is
    the crawlers' to say."""
    parsed: dict[str, dict[str, str]] = {}
    for pair in pairs:
        target, sep, value = pair.partition("=")
        source, dot, name = target.strip().partition(".")
        if not sep or not dot or not source or not name.strip() or not value.strip():
            raise InvalidInput(f"{flag} expects SOURCE.NAME=VALUE, got {pair!r}")
        parsed.setdefault(source, {})[name.strip()] = value.strip()
    return parsed


def filter_pairs(pairs: list[str], flag: str = "--filter") -> dict[str, str]:
    """`FIELD=VALUE` strings as a dict; which fields exist is the backends' to say."""
    parsed: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InvalidInput(f"{flag} expects KEY=VALUE, got {pair!r}")
        parsed[key.strip()] = value.strip()
    return parsed
