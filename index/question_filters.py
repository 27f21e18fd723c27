"""Conditions a hybrid question states in words that only the coded cases can answer, read
into filters before searching or counting.

Four are read:
- a prison term ("sentenced to ten years or more", "below the three-year minimum":
  `sentence_months`, `index.sentence_bounds`);
- an amount ordered ("restitution over 100 million rupiah", "fines of a billion rupiah or
  more": `compensation_amount`, `fine_amount`, `index.money_bounds`);
- a decision on compensation ("restitution replaced by jail when unpaid", "the court refused
  the restitution claim": `compensation`, `index.compensation_filter`);
- a conviction under another law than the trafficking law ("convicted under the Child
  Protection Act instead": `conviction_law`, `index.conviction_law`); beside another
  condition, a conviction for trafficking itself ("trafficking convictions below the
  minimum": `conviction_law=trafficking`).
When one is read from a question that names human trafficking, the question is asked of coded
trafficking cases (`is_trafficking_case`). Both backends apply the result, for searching and for
counting trends alike, and the pages and the API say what was read, so that a user sees what
narrowed the answer and can drop it by searching in another mode.

A trend of such a question counts every trafficking case that passes the conditions: the coded
case answers it, whatever words the judgment uses (`answered_by_conditions`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from index import compensation_filter, conviction_law, money_bounds, sentence_bounds
from tiplex.records import SearchQuery


def question_filters(text: str) -> dict[str, str]:
    """The filters a question's words ask for (none for most questions)."""
    return dict(_read_conditions(text))


# One request reads its question in several places (the search, the count, the fusion's
# weights); the reading is a pure function of the words, so it is done once per question.
@lru_cache(maxsize=512)
def _read_conditions(text: str) -> tuple[tuple[str, str], ...]:
    read: dict[str, str] = {}
    term = sentence_bounds.sentence_range_in(text)
    if term is not None:
        read[sentence_bounds.FILTER_FIELD] = term.as_filter()
    award = compensation_filter.compensation_in(text)
    if award is not None:
        read[compensation_filter.FILTER_FIELD] = award
    read.update(money_bounds.amounts_in(text))
    law = conviction_law.conviction_law_in(text)
    if law is not None:
        read[conviction_law.FILTER_FIELD] = law
    elif read and conviction_law.names_trafficking_conviction(text):
        # "Trafficking convictions below the three-year minimum": the term is asked of those
        # convicted under the trafficking law, not of the pimps and recruiters convicted
        # under other laws with lower minimums.
        read[conviction_law.FILTER_FIELD] = conviction_law.TRAFFICKING
    if read and _names_human_trafficking(text):
        # "Traffickers sentenced to ten years or more": the coded condition is asked of
        # trafficking cases, not of every long sentence (a murder, a drug courier).
        read[TRAFFICKING_FIELD] = "true"
    return tuple(read.items())


TRAFFICKING_FIELD = "is_trafficking_case"
_HUMAN_TRAFFICKING = re.compile(
    r"\btraffick\w*|\bperdagangan orang\b|\bpemerdagangan (?:orang|manusia)\b|\btppo\b"
    r"|\batipsom\b"
)
_OTHER_TRAFFICKING = re.compile(r"\b(?:drugs?|narcotics?|narkotika|narkoba|dadah|shabu|meth\w*)\b")


def _names_human_trafficking(text: str) -> bool:
    lowered = " ".join(text.lower().split())
    return bool(_HUMAN_TRAFFICKING.search(lowered)) and not _OTHER_TRAFFICKING.search(lowered)


def with_question_filters(query: SearchQuery) -> SearchQuery:
    """A hybrid question with the conditions its words ask for as filters, each unless the
    query sets that filter already. Keyword and dense searches take the words as they are."""
    if query.mode != "hybrid" or not query.text.strip():
        return query
    read = {k: v for k, v in question_filters(query.text).items() if k not in query.filters}
    if not read:
        return query
    return replace(query, filters={**query.filters, **read})


def answered_by_conditions(text: str, filters: Mapping[str, str]) -> bool:
    """Whether the question's words state conditions that `filters` apply as read: then the
    coded trafficking cases passing them answer it, and a trend counts them all."""
    read = question_filters(text)
    return bool(read) and all(filters.get(field) == value for field, value in read.items())
