"""Compensation ordered as a condition: the `compensation` filter, and the same condition read
from a question's words.

"What happens when the trafficker cannot pay the restitution" and "restitution ordered for the
victims" ask for judgments that order compensation. Words cannot tell those apart: nearly every
Indonesian trafficking judgment speaks of "restitusi", in the charge, in the victims' request,
in the prosecutor's demand or in the article it cites, whether restitution was then ordered,
refused or never asked for. The coded case knows what was ordered (`CaseFacts.compensation`, each
award with its kind), so the condition is a filter on it, the same one a user can set by hand:
`compensation=restitution`, `compensation=moral_damages,exemplary_damages`, or `compensation=any`
(any award). A judgment passes when the court orders an award of a listed kind.

A question is read for an award only when it names compensation (restitution, compensation,
damages, restitusi, ganti rugi, pampasan) together with words of it being ordered or paid
(ordered, awarded, pay, unpaid, instead, jail, dibayar, diganti, kurungan, ...), and never when it
speaks of a refusal (refused, rejected, ditolak, tidak dapat diterima): a refused request is not
coded as an award, so no filter could answer that question.
"""

from __future__ import annotations

import re

from tiplex.records import COMPENSATION_KINDS

FILTER_FIELD = "compensation"
ANY = "any"


def parse_compensation_filter(value: str) -> tuple[str, ...]:
    """The award kinds a `compensation` filter value lists (alternatives separated by commas);
    `any` stands for every kind."""
    kinds: list[str] = []
    for alternative in (v.strip().lower() for v in value.split(",")):
        if not alternative:
            continue
        if alternative == ANY:
            kinds.extend(COMPENSATION_KINDS)
        elif alternative in COMPENSATION_KINDS:
            kinds.append(alternative)
        else:
            raise ValueError(
                f"filter {FILTER_FIELD} takes {', '.join(COMPENSATION_KINDS)} or {ANY}, "
                f"not {value!r}"
            )
    return tuple(dict.fromkeys(kinds))


# ---- read from a question --------------------------------------------------------------------

# The award a question names, most specific first. Restitution is what Indonesian and Malay
# judgments order; "compensation" and "damages" name any award, the Philippine damages included.
_NAMED_AWARDS = (
    (re.compile(r"\bmoral damages\b"), "moral_damages"),
    (re.compile(r"\bexemplary damages\b"), "exemplary_damages"),
    (
        re.compile(r"\brestitut\w*|\brestitusi\b|\bganti (?:rugi|kerugian)\b|\bpampasan\b"),
        "restitution",
    ),
    (re.compile(r"\bcompensat\w*|\bdamages\b|\bkompensasi\b"), ANY),
)
# Words of an award being ordered, paid, or left unpaid and replaced by jail.
_ORDERED_RE = re.compile(
    r"\b(?:order(?:ed|s)?|award(?:ed|s)?|grant(?:ed|s)?|pa(?:y|id|ys|ying|yment)|unpaid"
    r"|receiv(?:e|ed|es)|got|get|instead|replaced?|in lieu|jail|prison|imprisonment|detention"
    r"|bayar|membayar|dibayar|dibayarkan|pembayaran|diganti|pengganti|kurungan|penjara"
    r"|dikabulkan|mengabulkan|menghukum|dihukum|menerima|mendapat|diberikan|diperintahkan"
    r"|menanggung)\b"
)
# A refusal is not coded as an award: such a question is left to the words.
_REFUSED_RE = re.compile(
    r"\b(?:refus\w*|reject\w*|den(?:y|ied|ies)|dismiss\w*|declin\w*|not (?:granted|awarded"
    r"|ordered)|no (?:restitution|compensation)|without (?:restitution|compensation)|ditolak"
    r"|menolak|tolak|tidak dapat diterima|tidak dikabulkan|tidak diberikan|tidak diterima"
    r"|tanpa (?:restitusi|ganti rugi))\b"
)


def compensation_in(question: str) -> str | None:
    """The `compensation` filter value a question asks for ("restitution", "any", ...), or
    None when it does not ask about an award ordered."""
    text = " ".join(question.lower().split())
    if _REFUSED_RE.search(text) or not _ORDERED_RE.search(text):
        return None
    for pattern, kind in _NAMED_AWARDS:
        if pattern.search(text):
            return kind
    return None
