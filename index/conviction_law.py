"""The law a court convicts under as a condition: the `conviction_law` filter, and the same
condition read from a question's words.

"Exploiting a child ended in a conviction under the Child Protection Act instead of the
trafficking law" asks for trafficking cases whose court convicted only under another law. The
words of such judgments are those of every trafficking judgment (the indictment charges the
trafficking law first); what differs is the offence the order names. The coder reads it
(`CaseFacts.conviction_law`: "trafficking" or "other"), so the condition is a filter on it, one
a user can set too (`conviction_law=other`) and count by (`--by year,conviction_law`).

Only the "other" condition is read from a question: one that speaks of a conviction and of
another law than the trafficking law ("instead of the trafficking law", "not under the
trafficking law", "bukan Undang-Undang TPPO") or names one (the child protection act, the
migrant workers law, pornography, immigration). A conviction under the trafficking law is what
most questions take for granted, and reading it would narrow them all.
"""

from __future__ import annotations

import re

FILTER_FIELD = "conviction_law"
VALUES = ("trafficking", "other")
OTHER = "other"


def parse_conviction_law_filter(value: str) -> tuple[str, ...]:
    """The values a `conviction_law` filter lists (alternatives separated by commas)."""
    wanted = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [v for v in wanted if v not in VALUES]
    if unknown:
        raise ValueError(f"filter {FILTER_FIELD} takes {' or '.join(VALUES)}, not {value!r}")
    return wanted


_CONVICTED = re.compile(
    r"\b(?:convict\w*|guilty|sentenced|terbukti|bersalah|dihukum|dipidana|divonis|disabitkan"
    r"|sabitan)\b"
)
_INSTEAD_OF_TRAFFICKING = re.compile(
    r"\b(?:instead of|rather than|not under|not for|other than|in place of|bukan|selain"
    r"|alih-alih|bukannya|tidak dengan)\b[^.;]{0,40}?\b(?:traffick\w*|tppo|perdagangan orang"
    r"|pemerdagangan)"
    r"|\b(?:another|other|different|a lesser|lesser)\s+(?:law|act|statute|offen[cs]e|charge)s?\b"
    r"|\b(?:undang-undang|uu|hukum|tindak pidana|akta)\s+lain\b"
)
_OTHER_LAW = re.compile(
    r"\bchild protection (?:act|law)\b|\bperlindungan anak\b|\bmigrant workers?(?:'s)?"
    r" (?:protection )?(?:act|law)\b|\bpekerja migran\b|\bpornograph\w*|\bpornografi\b"
    r"|\bimmigration (?:act|law)\b|\bkeimigrasian\b|\bpenal code\b|\bkuhp\b"
)


def conviction_law_in(question: str) -> str | None:
    """`other` when a question asks for convictions under another law than the trafficking
    law, else None."""
    text = " ".join(question.lower().split())
    if not _CONVICTED.search(text):
        return None
    if _INSTEAD_OF_TRAFFICKING.search(text) or _OTHER_LAW.search(text):
        return OTHER
    return None
