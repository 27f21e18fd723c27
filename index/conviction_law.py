"""The law a court convicts under as a condition: the `conviction_law` filter, and the same
condition read from a question's words.

"Exploiting a child ended in a conviction under the Child Protection Act instead of the
trafficking law" asks for trafficking cases whose court convicted only under another law. The
words of such judgments are those of every trafficking judgment (the indictment charges the
trafficking law first); what differs is the offence the order names. The coder reads it
(`CaseFacts.conviction_law`: "trafficking", or the other law: "child_protection",
"migrant_workers", "vice", "smuggling", "other"), so the condition is a filter on it, one a user
can set too (`conviction_law=child_protection`, or `not_trafficking` for any other law) and
count by (`--by year,conviction_law`).

Only a conviction under another law is read from a question: one that speaks of a conviction
and names the other law (the Child Protection Act, the migrant workers law, pornography or
procuring, smuggling) or says it was another than the trafficking law ("instead of the
trafficking law", "not under the trafficking law", "bukan UU TPPO": `not_trafficking`). A
conviction under the trafficking law is what most questions take for granted, and reading it
would narrow them all.
"""

from __future__ import annotations

import re

from index.filter_values import parse_choices
from tiplex.records import CONVICTION_LAWS

FILTER_FIELD = "conviction_law"
TRAFFICKING = "trafficking"
NOT_TRAFFICKING = "not_trafficking"


def parse_conviction_law_filter(value: str) -> tuple[str, ...]:
    """The coded values a `conviction_law` filter lists (alternatives separated by commas;
    `not_trafficking` stands for every law but the trafficking law)."""
    others = tuple(law for law in CONVICTION_LAWS if law != TRAFFICKING)
    return parse_choices(value, FILTER_FIELD, CONVICTION_LAWS, {NOT_TRAFFICKING: others})


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
# The other laws a question may name, as the coder names them.
_OTHER_LAWS = (
    (
        "child_protection",
        re.compile(r"\bchild protection\b|\bperlindungan anak\b|\bchild abuse\b|\b7610\b"),
    ),
    (
        "migrant_workers",
        re.compile(
            r"\bmigrant workers?(?:'s)? (?:protection )?(?:act|law)\b|\bpekerja migran\b"
            r"|\bplacement\b|\bpenempatan\b|\billegal recruitment\b"
        ),
    ),
    ("vice", re.compile(r"\bpornograph\w*|\bpornografi\b|\bprocuring\b|\bpimping\b|\bcabul\b")),
    ("smuggling", re.compile(r"\bsmuggl\w*|\bpenyelundupan\b|\bimmigration (?:act|law)\b")),
)


# A conviction for trafficking itself, named as such.
_TRAFFICKING_CONVICTION = re.compile(
    r"\btrafficking convictions?\b|\bconvict\w* (?:of|for) (?:human |child |people |sex |labou?r )?"
    r"trafficking\b|\bconvict\w* under the (?:anti-?\s?)?trafficking (?:law|act)\b"
    r"|\bterbukti (?:melakukan )?(?:tindak pidana )?perdagangan orang\b"
    r"|\bdipidana (?:karena|atas) (?:tindak pidana )?perdagangan orang\b"
    r"|\bsabitan (?:kesalahan )?pemerdagangan\b"
)


def names_trafficking_conviction(question: str) -> bool:
    """Whether a question speaks of convictions for trafficking itself ("trafficking
    convictions below the three-year minimum"). Read only beside another condition
    (`index.question_filters`): alone, it is what nearly every question takes for granted."""
    return bool(_TRAFFICKING_CONVICTION.search(" ".join(question.lower().split())))


_UNDER_LAW = re.compile(
    r"\b(?:under|pursuant to|violating|of violating|for violating|berdasarkan|menurut|melanggar"
    r"|dengan|di bawah)\b(?:\s+(?:the|an?|uu|undang-undang|akta|act|law|\d+))*\s*$"
)
_UNDER_REACH = 40


def conviction_law_in(question: str) -> str | None:
    """The other law a question asks convictions under ("child_protection", ...), or
    `not_trafficking` when it names none but says it was another than the trafficking law;
    None when it asks no such thing."""
    text = " ".join(question.lower().split())
    if not _CONVICTED.search(text):
        return None
    for law, words in _OTHER_LAWS:
        named = words.search(text)
        # The law the conviction is under: "under the Child Protection Act", "berdasarkan UU
        # Perlindungan Anak"; "placement of workers under age" names none.
        if named and _UNDER_LAW.search(text[max(named.start() - _UNDER_REACH, 0) : named.start()]):
            return law
    if _INSTEAD_OF_TRAFFICKING.search(text):
        return NOT_TRAFFICKING
    return None
