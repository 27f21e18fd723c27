"""`SearchQuery.filters` as SQL over the embedded index's `documents` table (alias `d`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from index.backend import FILTER_FIELDS
from index.compensation_filter import (
    DECISIONS,
    REFUSED,
    UNPAID_DETENTION,
    parse_compensation_filter,
)
from index.compensation_filter import FILTER_FIELD as COMPENSATION_FIELD
from index.conviction_law import FILTER_FIELD as CONVICTION_LAW_FIELD
from index.conviction_law import parse_conviction_law_filter
from index.money_bounds import COMPENSATION_FIELD as COMPENSATION_AMOUNT_FIELD
from index.money_bounds import FINE_FIELD, parse_amount_filter
from index.sentence_bounds import FILTER_FIELD as SENTENCE_FIELD
from index.sentence_bounds import SentenceRange, parse_sentence_filter

# Filters on one column of `documents`, compared case-insensitively.
_TEXT_COLUMNS = {
    "country": "country",
    "doc_type": "doc_type",
    "outcome": "outcome",
    "language": "language",
    "source_id": "source_id",
    "doc_id": "doc_id",
}
_BOOLEAN_COLUMNS = {
    "minors": "minors",
    "non_punishment_raised": "non_punishment_raised",
    "non_punishment_applied": "non_punishment_applied",
    "is_trafficking_case": "is_trafficking_case",
}
# Multi-valued coded fields live in `doc_terms(doc_rowid, field, value)`.
_TERM_FIELDS = ("exploitation_form", "sector")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}
_YEAR_RANGE_RE = re.compile(r"^\s*(\d{4})?\s*\.\.\s*(\d{4})?\s*$")


@dataclass(frozen=True, slots=True)
class SqlCondition:
    sql: str  # "" when nothing is filtered
    params: tuple[object, ...] = ()


def _alternatives(value: str) -> list[str]:
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _boolean(field: str, value: str) -> int:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return 1
    if lowered in _FALSE:
        return 0
    raise ValueError(f"filter {field} takes true or false, not {value!r}")


def _year_condition(value: str) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    for alternative in _alternatives(value):
        ranged = _YEAR_RANGE_RE.match(alternative)
        if ranged:
            low, high = ranged.groups()
            parts.append("(d.year BETWEEN ? AND ?)")
            params.extend([int(low or 0), int(high or 9999)])
        # Decimal digits only (int() refuses superscripts), and a year, not a number SQLite
        # cannot hold.
        elif alternative.isdecimal() and len(alternative) <= 4:
            parts.append("d.year = ?")
            params.append(int(alternative))
        else:
            raise ValueError(f"filter year takes 2019, 2015..2020 or 2015,2019, not {value!r}")
    return "(" + " OR ".join(parts) + ")", params


def _sentence_condition(value: str) -> tuple[str, list[object]]:
    """Documents where any defendant's coded sentence is in any of the ranges `value` lists."""
    ranges: list[SentenceRange] = parse_sentence_filter(value)
    parts: list[str] = []
    params: list[object] = []
    for wanted in ranges:
        if wanted.life:
            parts.append("json_extract(s.value, '$.life') = 1")
            continue
        term = "json_extract(s.value, '$.imprisonment_months') BETWEEN ? AND ?"
        params.extend([wanted.low or 0, 10**6 if wanted.high is None else wanted.high])
        parts.append(
            f"({term} OR json_extract(s.value, '$.life') = 1)" if wanted.includes_life else term
        )
    sentences = "json_each(d.facts, '$.sentences') s"
    return f"EXISTS (SELECT 1 FROM {sentences} WHERE {' OR '.join(parts)})", params


def _conviction_law_condition(value: str) -> tuple[str, list[object]]:
    wanted = parse_conviction_law_filter(value)
    marks = ", ".join("?" for _ in wanted)
    return f"json_extract(d.facts, '$.conviction_law') IN ({marks})", list(wanted)


def _compensation_condition(value: str) -> tuple[str, list[object]]:
    """Documents whose coded case passes any of the `compensation` conditions: an award of one
    of the kinds, an award replaced by detention if unpaid, a request refused."""
    wanted = parse_compensation_filter(value)
    awards = "json_each(d.facts, '$.compensation') c"
    kinds = [w for w in wanted if w not in DECISIONS]
    parts: list[str] = []
    if kinds:
        marks = ", ".join("?" for _ in kinds)
        parts.append(f"json_extract(c.value, '$.kind') IN ({marks})")
    if UNPAID_DETENTION in wanted:
        parts.append("json_extract(c.value, '$.subsidiary_detention_months') > 0")
    conditions = [f"EXISTS (SELECT 1 FROM {awards} WHERE {' OR '.join(parts)})"] if parts else []
    if REFUSED in wanted:
        conditions.append("json_array_length(d.facts, '$.compensation_refused') > 0")
    return "(" + " OR ".join(conditions) + ")", list(kinds)


def _amount_condition(
    field: str, items: str, money: str
) -> Callable[[str], tuple[str, list[object]]]:
    """Documents where any of the coded `items` (awards, sentences) has its `money` (the
    object holding `amount` and `currency`) within any of the ranges a filter value lists."""

    def condition(value: str) -> tuple[str, list[object]]:
        parts: list[str] = []
        params: list[object] = []
        for wanted in parse_amount_filter(value, field):
            parts.append(
                f"(upper(json_extract(i.value, '{money}.currency')) = ? "
                f"AND json_extract(i.value, '{money}.amount') BETWEEN ? AND ?)"
            )
            low = -1.0 if wanted.low is None else wanted.low
            high = 1e18 if wanted.high is None else wanted.high
            params.extend([wanted.currency, low, high])
        each = f"json_each(d.facts, '{items}') i"
        return f"EXISTS (SELECT 1 FROM {each} WHERE {' OR '.join(parts)})", params

    return condition


# Filters whose value is parsed into an SQL condition of its own (a range, a coded decision).
_PARSED_CONDITIONS: dict[str, Callable[[str], tuple[str, list[object]]]] = {
    "year": _year_condition,
    SENTENCE_FIELD: _sentence_condition,
    CONVICTION_LAW_FIELD: _conviction_law_condition,
    COMPENSATION_FIELD: _compensation_condition,
    COMPENSATION_AMOUNT_FIELD: _amount_condition(COMPENSATION_AMOUNT_FIELD, "$.compensation", "$"),
    FINE_FIELD: _amount_condition(FINE_FIELD, "$.sentences", "$.fine"),
}


def document_condition(filters: Mapping[str, str]) -> SqlCondition:
    """SQL (AND-ed) restricting `documents d` to those passing every filter."""
    parts: list[str] = []
    params: list[object] = []
    for field, raw in filters.items():
        values = _alternatives(raw)
        if not values:
            continue
        marks = ", ".join("?" for _ in values)
        if field in _TEXT_COLUMNS:
            parts.append(f"lower(d.{_TEXT_COLUMNS[field]}) IN ({marks})")
            params.extend(v.lower() for v in values)
        elif field in _BOOLEAN_COLUMNS:
            parts.append(f"d.{_BOOLEAN_COLUMNS[field]} IN ({marks})")
            params.extend(_boolean(field, v) for v in values)
        elif field in _PARSED_CONDITIONS:
            sql, condition_params = _PARSED_CONDITIONS[field](raw)
            parts.append(sql)
            params.extend(condition_params)
        elif field == "court":
            # Court names are written many ways; a fragment such as "Brebes" should do.
            parts.append("(" + " OR ".join("d.court LIKE ?" for _ in values) + ")")
            params.extend(f"%{v}%" for v in values)
        elif field in _TERM_FIELDS:
            parts.append(
                "d.rowid IN (SELECT doc_rowid FROM doc_terms WHERE field = ? "
                f"AND value IN ({marks}))"
            )
            params.append(field)
            params.extend(v.lower() for v in values)
        else:
            raise ValueError(f"unknown filter {field!r}; filters are: {', '.join(FILTER_FIELDS)}")
    return SqlCondition(" AND ".join(parts), tuple(params))


def check_filters(filters: Mapping[str, str]) -> None:
    """Raises ValueError naming the first filter no backend can apply (unknown field, a year
    or boolean that does not parse): callers check before searching, whatever the backend."""
    document_condition(filters)


# Expressions giving each `count_by` field per document (multi-valued ones via a join).
GROUP_EXPRESSIONS = {
    "country": "d.country",
    "year": "d.year",
    "court": "d.court",
    "doc_type": "d.doc_type",
    "outcome": "d.outcome",
    "language": "d.language",
    "source_id": "d.source_id",
    "minors": "d.minors",
    "non_punishment_raised": "d.non_punishment_raised",
    "non_punishment_applied": "d.non_punishment_applied",
    "is_trafficking_case": "d.is_trafficking_case",
    "conviction_law": "json_extract(d.facts, '$.conviction_law')",
}
BOOLEAN_GROUPS = frozenset(_BOOLEAN_COLUMNS)
TERM_GROUPS = _TERM_FIELDS
