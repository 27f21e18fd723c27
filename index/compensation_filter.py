"""Compensation as a condition: the `compensation` filter, and the same condition read from a
question's words.

"What happens when the trafficker cannot pay the restitution", "restitution ordered for the
victims" and "the court refused the victim's restitution claim" ask for judgments by what the
court decided about compensation. Words cannot tell those apart: nearly every Indonesian
trafficking judgment speaks of "restitusi" (in the charge, the victims' request, the
prosecutor's demand, the article it cites), whether restitution was then ordered, refused or
never asked for. The coded case knows: each award ordered with its kind and the detention that
replaces it if unpaid (`CaseFacts.compensation`), and the requests refused
(`CaseFacts.compensation_refused`). So the condition is a filter on those, the same one a user
can set by hand:

- a kind of award ordered: `restitution`, `moral_damages`, `exemplary_damages`,
  `actual_damages`, `other`, or `any`;
- `unpaid_detention`: an award whose non-payment is replaced by detention;
- `refused`: a request for compensation the court refused or found inadmissible.

Alternatives are separated by commas; a judgment passes when any holds.

A question is read for one only when it names compensation (restitution, compensation, damages,
restitusi, ganti rugi, pampasan) together with words of a refusal (refused, rejected, ditolak,
tidak dapat diterima: `refused`), of non-payment (cannot pay, unpaid, instead, jail, tidak
mampu membayar, diganti, kurungan: `unpaid_detention`) or of an order (ordered, awarded, paid,
dikabulkan, membayar: the kind named).
"""

from __future__ import annotations

import re

from index.filter_values import parse_choices
from tiplex.records import COMPENSATION_KINDS, CaseFacts

FILTER_FIELD = "compensation"
ANY = "any"
UNPAID_DETENTION = "unpaid_detention"
REFUSED = "refused"
# What a decision about compensation can be filtered on beyond the kind of award.
DECISIONS = (UNPAID_DETENTION, REFUSED)


def parse_compensation_filter(value: str) -> tuple[str, ...]:
    """The conditions a `compensation` filter value lists (alternatives separated by commas):
    kinds of award ordered (`any` for every kind), `unpaid_detention`, `refused`."""
    return parse_choices(
        value, FILTER_FIELD, (*COMPENSATION_KINDS, *DECISIONS), {ANY: COMPENSATION_KINDS}
    )


def decision_values(facts: CaseFacts) -> list[str]:
    """The `compensation` values a coded case passes: its awards' kinds, `unpaid_detention`
    when an award is replaced by detention if unpaid, `refused` when a request was refused."""
    values = {award.kind for award in facts.compensation}
    if any(award.subsidiary_detention_months for award in facts.compensation):
        values.add(UNPAID_DETENTION)
    if facts.compensation_refused:
        values.add(REFUSED)
    return sorted(values)


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
# Words of an award left unpaid and replaced by detention ("prison" alone may be the sentence).
_UNPAID_RE = re.compile(
    r"\b(?:unpaid|cannot pay|can't pay|unable to pay|fails? to pay|failed to pay|not paid|does not"
    r" pay|did not pay|instead|replaced?|in lieu|in default|detention|tidak (?:mampu |dapat )?"
    r"(?:membayar|dibayar|bayar)|diganti|pengganti|kurungan|gagal membayar)\b"
)
# Unpaid wages are the exploitation, not an award left unpaid.
_WAGES_RE = re.compile(r"\b(?:wages?|salar\w*|gaji|upah)\b")
# Words of an award being ordered or paid.
_ORDERED_RE = re.compile(
    r"\b(?:order(?:ed|s)?|award(?:ed|s)?|grant(?:ed|s)?|pa(?:y|id|ys|ying|yment)|receiv(?:e|ed|es)"
    r"|got|get|bayar|membayar|dibayar|dibayarkan|pembayaran|dikabulkan|mengabulkan|menghukum"
    r"|dihukum|menerima|mendapat|diberikan|diperintahkan|menanggung)\b"
)
# A refusal of a request.
_REFUSED_RE = re.compile(
    r"\b(?:refus\w*|reject\w*|den(?:y|ied|ies)|dismiss\w*|declin\w*|not (?:granted|awarded"
    r"|ordered)|ditolak|menolak|tolak|tidak dapat diterima|tidak dikabulkan|tidak diberikan"
    r"|tidak diterima)\b"
)


# How near the award's name the words of its decision must stand: "compensation for fishermen
# whose wages were not paid" and "the court refused bail" speak of something else.
_DECISION_REACH = 50


def compensation_in(question: str) -> str | None:
    """The `compensation` filter value a question asks for ("refused", "unpaid_detention",
    "restitution", "any", ...), or None when it asks about no decision on compensation."""
    text = " ".join(question.lower().split())
    for pattern, kind in _NAMED_AWARDS:
        award = pattern.search(text)
        if award is None:
            continue
        near = text[max(award.start() - _DECISION_REACH, 0) : award.end() + _DECISION_REACH]
        if _REFUSED_RE.search(near):
            return REFUSED
        if _UNPAID_RE.search(near) and not _WAGES_RE.search(near):
            return UNPAID_DETENTION
        if _ORDERED_RE.search(near):
            return kind
        return None
    return None
