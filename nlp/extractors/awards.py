"""Compensation ordered for victims: restitution and damages, each with its amount.

Amounts stand on either side of the kind: "PHP 500,000.00 as moral damages", "moral damages of
PHP 50,000.00", "membayar restitusi kepada Korban ... sebesar Rp10.000.000,00", and one amount may
serve a list ("moral damages, civil indemnity, and exemplary damages ... PHP 50,000.00 each").
A refused or inadmissible request ("Permohonan Restitusi tidak dapat diterima") is no award.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.extractors.penalties import currency_hint
from nlp.quantities import Amount, find_amounts

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "restitution",
        re.compile(
            r"restitusi|restitut(?:ion|e)|pampasan|ganti\s+(?:rugi|kerugian)", re.IGNORECASE
        ),
    ),
    ("moral_damages", re.compile(r"moral\s+damages", re.IGNORECASE)),
    ("exemplary_damages", re.compile(r"exemplary\s+damages", re.IGNORECASE)),
    (
        "actual_damages",
        re.compile(
            r"actual\s+damages|temperate\s+damages|compensatory\s+damages|\bindemnify\b",
            re.IGNORECASE,
        ),
    ),
    ("other", re.compile(r"civil\s+indemnity|compensation\s+(?:order|of)", re.IGNORECASE)),
)
_REFUSED = re.compile(
    r"^[^;.]{0,80}?(?:tidak\s+dapat\s+diterima|ditolak|\bdenied\b|\bdeleted\b)"
    r"|(?:Menolak|Menyatakan\s+tidak\s+dapat\s+menerima)[^;.]{0,60}$",
    re.IGNORECASE,
)
_ORDERED = re.compile(r"membayar|\bpay\b|ordered|\bmenghukum\b|dibayarkan", re.IGNORECASE)
# Words that may stand between an amount and the kind it is "as" ("P75,000.00 as moral damages").
_BEFORE_GAP = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?(?:as|by\s+way\s+of|for)?\s*(?:the\s+)?")
# Words that may stand between the kind and its amount ("moral damages in the amount of").
_AFTER_GAP = re.compile(
    r"\s*(?:(?:in\s+)?the\s+(?:total\s+)?(?:amounts?|sums?)\s+of|of|amounting\s+to|at|:|,"
    r"|sebesar|sejumlah|senilai)?\s*",
    re.IGNORECASE,
)
# "to indemnify Maria Santos the amount of P107,000.00", "to restitute the sums collected ...
# in the total amount of P179,970.00": a payee or a description may stand in between.
_PAYEE_GAP = re.compile(r"[^.;]{0,120}?\b(?:amounts?|sums?)\s+of\s*")
_EACH_AFTER_LIST = re.compile(r"^[^.;]{0,60}?\b(?:to|of|at)\s+$", re.IGNORECASE)
_BENEFICIARY = re.compile(
    r"(?:kepada|to|untuk)\s+((?:Anak\s+)?(?:Saksi\s+)?Korban(?:\s+[A-Z][\w.]*){0,3}"
    r"|(?:each\s+of\s+)?(?:the\s+)?(?:private\s+)?(?:victims?|complainants?|offended\s+part(?:y|ies))"
    r"(?:\s+[A-Z]{3}\b)?|(?!(?:PHP|IDR|SGD|MYR|USD|THB|VND)\b)[A-Z]{3}(?:\s+and\s+[A-Z]{3})*)",
)


@dataclass(frozen=True, slots=True)
class Award:
    kind: str
    amount: Amount | None
    beneficiary: str | None
    start: int  # offsets into the text read
    end: int


def _mentions(text: str) -> list[tuple[str, re.Match[str]]]:
    found = [(kind, m) for kind, pattern in KINDS for m in pattern.finditer(text)]
    return sorted(found, key=lambda item: item[1].start())


def awards(text: str, country: str, *, indonesian: bool) -> list[Award]:
    """Every award the text orders, in order."""
    amounts = list(find_amounts(text, default_dollar=currency_hint(country)))
    mentions = _mentions(text)
    taken: set[int] = set()
    found: list[Award] = []
    for index, (kind, match) in enumerate(mentions):
        if _REFUSED.search(text[match.end() : match.end() + 120]) or _REFUSED.search(
            text[max(match.start() - 80, 0) : match.start()]
        ):
            continue
        next_start = mentions[index + 1][1].start() if index + 1 < len(mentions) else len(text)
        payees = _payee_list(text, match, amounts, next_start)
        if len(payees) > 1:
            for each in payees:
                taken.add(each.start)
                found.append(Award(kind, each, None, min(match.start(), each.start), each.end))
            continue
        amount = _amount_for(text, match, amounts, taken, next_start, indonesian=indonesian)
        if amount is None:
            amount = _shared_amount(text, mentions, index, amounts)
        if amount is None and not _ORDERED.search(text[max(match.start() - 80, 0) : match.start()]):
            continue
        if amount is not None:
            taken.add(amount.start)
        beneficiary = _BENEFICIARY.search(text[match.start() : match.end() + 300])
        found.append(
            Award(
                kind,
                amount,
                re.sub(r"\s+", " ", beneficiary.group(1)) if beneficiary else None,
                min(match.start(), amount.start) if amount else match.start(),
                max(match.end(), amount.end) if amount else match.end(),
            )
        )
    return found


def _amount_for(
    text: str,
    match: re.Match[str],
    amounts: list[Amount],
    taken: set[int],
    next_start: int,
    *,
    indonesian: bool,
) -> Amount | None:
    for amount in amounts:  # "P500,000.00 as moral damages"
        gap = text[amount.end : match.start()]
        if (
            amount.end <= match.start()
            and amount.start not in taken
            and len(gap) < 40
            and _BEFORE_GAP.fullmatch(gap)
        ):
            return amount
    for amount in amounts:
        if amount.start < match.end() or amount.start in taken:
            continue
        gap = text[match.end() : amount.start]
        if _AFTER_GAP.fullmatch(gap) or (amount.start < next_start and _PAYEE_GAP.fullmatch(gap)):
            return amount
        # Indonesian orders name the victim between the kind and the amount; the amount must
        # come before the next kind is named.
        if indonesian and amount.start < next_start and len(gap) < 250:
            return amount
        break
    return None


# "as actual damages, Rodel Cruz P60,000.00, Ana Reyes P45,000.00, and Jose Lim P55,000.00".
_PAYEE_NAME = re.compile(r"[\s,]*(?:and\s+)?(?:[A-Z][\w.'-]*\s+){1,5}")


def _payee_list(
    text: str, match: re.Match[str], amounts: list[Amount], next_start: int
) -> list[Amount]:
    """Amounts owed to payees listed one by one after the kind."""
    listed: list[Amount] = []
    position = match.end()
    for amount in amounts:
        if amount.start < position:
            continue
        if amount.start > next_start or not _PAYEE_NAME.fullmatch(text[position : amount.start]):
            break
        listed.append(amount)
        position = amount.end
    return listed


def _shared_amount(
    text: str, mentions: list[tuple[str, re.Match[str]]], index: int, amounts: list[Amount]
) -> Amount | None:
    """ "moral damages, civil indemnity, and exemplary damages ... PHP 50,000.00 each"."""
    last = index
    while last + 1 < len(mentions):
        gap = text[mentions[last][1].end() : mentions[last + 1][1].start()]
        if not re.fullmatch(r"\s*,?\s*(?:and\s+)?(?:the\s+)?", gap):
            break
        last += 1
    tail_end = mentions[last][1].end()
    for amount in amounts:
        if amount.start >= tail_end:
            between = text[tail_end : amount.start]
            after = text[amount.end : amount.end + 12]
            if _EACH_AFTER_LIST.match(between) and re.match(r"\s*each\b", after):
                return amount
            break
    return None
