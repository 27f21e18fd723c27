"""Amounts of money as a condition: the `compensation_amount` and `fine_amount` filters, and the
same conditions read from a question's words.

"Restitution of more than 100 million rupiah" and "fines of a billion rupiah or more" ask for
judgments by the amount the court ordered. Words cannot answer that: every Indonesian judgment
writes its amounts as "Rp100.000.000,00 (seratus juta rupiah)", in the charge, the demand and
the order alike. The coded case knows each award's amount and currency
(`Compensation.amount`) and each defendant's fine (`Sentence.fine`), so the condition is a
filter on them, one a user can set by hand: `compensation_amount=IDR 100000000..`,
`fine_amount=IDR 1000000000..`, `..50000` for at most, `10000..50000` for a range. An amount
is compared only with amounts in the same currency, so the filter names it (ISO 4217); a
judgment passes when any award (any defendant's fine) is within the range.

A question is read for an amount only when it compares one ("more than", "at least", "or
more", "below", "lebih dari", "paling sedikit", "ke atas"), names its currency (or writes it
in Indonesian "juta" / "miliar", which the Indonesian judgments use) and names what is paid: an
award (restitution, compensation, damages, restitusi, ganti rugi, pampasan) or a fine (fine,
denda). "Victims paid 5 million rupiah to the recruiter" compares nothing and reads nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.number_words import NUMBER_WORDS, alternation
from tiplex.currencies import CURRENCIES, CURRENCY_NAMES, CURRENCY_SIGNS

COMPENSATION_FIELD = "compensation_amount"
FINE_FIELD = "fine_amount"
FIELDS = (COMPENSATION_FIELD, FINE_FIELD)


@dataclass(frozen=True, slots=True)
class AmountRange:
    """Amounts in one currency, both ends inclusive (None: open)."""

    currency: str
    low: float | None = None
    high: float | None = None

    def as_filter(self) -> str:
        """The filter value: "IDR 100000000..", "MYR ..50000" or "PHP 10000..50000"."""

        def figure(value: float | None) -> str:
            return "" if value is None else f"{value:.0f}" if value == int(value) else str(value)

        return f"{self.currency} {figure(self.low)}..{figure(self.high)}"


_FIGURE = r"\d{1,15}(?:\.\d{1,2})?"
_RANGE_RE = re.compile(
    rf"^\s*(?P<cur>[A-Za-z]{{3}})\s*(?:(?P<low>{_FIGURE})?\s*\.\.\s*(?P<high>{_FIGURE})?"
    rf"|(?P<exact>{_FIGURE}))\s*$"
)


def parse_amount_filter(value: str, field: str) -> list[AmountRange]:
    """The ranges an amount filter value lists (alternatives separated by commas): a currency
    and a range of plain figures, "IDR 100000000..", "MYR ..50000", "PHP 10000..50000",
    "IDR 120000000" (exactly)."""
    ranges = []
    for alternative in (v.strip() for v in value.split(",")):
        if not alternative:
            continue
        matched = _RANGE_RE.match(alternative)
        currency = matched.group("cur").upper() if matched else ""
        if (
            matched is None
            or currency not in CURRENCIES
            or not any(matched.group(g) for g in ("low", "high", "exact"))
        ):
            raise ValueError(
                f"filter {field} takes a currency and a range of amounts, IDR 100000000.., "
                f"MYR ..50000 or PHP 10000..50000 (currencies: {', '.join(CURRENCIES)}), "
                f"not {value!r}"
            )
        if matched.group("exact"):
            exact = float(matched.group("exact"))
            ranges.append(AmountRange(currency, exact, exact))
            continue
        low, high = (None if g is None else float(g) for g in matched.group("low", "high"))
        ranges.append(AmountRange(currency, low, high))
    return ranges


# ---- read from a question --------------------------------------------------------------------

# An article is a one before a scale: "a billion", "sejuta".
_UNITS = {**NUMBER_WORDS, "a": 1, "an": 1, "se": 1}
_HUNDRED = r"(?:hundred|ratus)"
_SCALES = {
    "thousand": 1e3, "ribu": 1e3, "million": 1e6, "juta": 1e6, "billion": 1e9, "bilion": 1e9,
    "miliar": 1e9, "milyar": 1e9, "trillion": 1e12, "triliun": 1e12,
}  # fmt: skip
_UNIT_WORD = alternation(_UNITS)
# "100", "1.5", "100.000.000", "one hundred", "seratus", "lima ratus", "a".
_NUMBER = (
    rf"(?P<digits>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:[.,]\d{{1,2}})?)"
    rf"|(?P<words>(?:(?:{_UNIT_WORD})[\s-]?)?{_HUNDRED}(?:\s+(?:and\s+)?(?:{_UNIT_WORD}))?"
    rf"|(?:{_UNIT_WORD}))"
)
_SCALE = alternation(_SCALES)
# A currency's name, or its code, after the figure ("100 million IDR").
_SUFFIX_CURRENCY = {**CURRENCY_NAMES, **{code.lower(): code for code in CURRENCIES}}
_PREFIX = alternation(CURRENCY_SIGNS)
_SUFFIX = alternation(_SUFFIX_CURRENCY)
_AMOUNT = (
    rf"(?:(?P<prefix>{_PREFIX})\.?\s?)?(?:{_NUMBER})(?:[\s-]?(?P<scale>{_SCALE}))?"
    rf"(?:\s+(?P<suffix>{_SUFFIX}))?"
)
# Words of a comparison, standing before the amount (`_BEFORE`) or after it (`_AFTER`), and its
# kind: "min" at least, "above" more than, "max" at most, "below" less than.
_BEFORE = (
    (r"at least|no less than|not less than|a minimum of|minimum of|minimal|paling sedikit"
     r"|sekurang-kurangnya|sekurang kurangnya|sedikitnya", "min"),
    (r"more than|over|above|exceeding|upwards of|in excess of|higher than|larger than"
     r"|greater than|lebih dari|lebih daripada|di atas|melebihi|melampaui", "above"),
    (r"at most|no more than|not more than|up to|a maximum of|maximum of|paling banyak"
     r"|maksimal|tidak lebih dari", "max"),
    (r"less than|under|below|lower than|smaller than|kurang dari|kurang daripada|di bawah",
     "below"),
)  # fmt: skip
_AFTER = (
    (
        r"or more|or higher|or above|and above|and over|or over|and more|or larger|atau lebih"
        r"|ke atas|keatas",
        "min",
    ),
    (r"or less|or lower|or below|or under|atau kurang|ke bawah|kebawah", "max"),
)
_COMPARED_RES = [
    (re.compile(rf"\b(?:{words})\s+(?:(?:the|an?|of|sebesar|sejumlah)\s+)?{_AMOUNT}"), kind)
    for words, kind in _BEFORE
] + [(re.compile(rf"(?<![\w.,]){_AMOUNT}\s+(?:{words})\b"), kind) for words, kind in _AFTER]
# "Hundreds of millions of rupiah", "ratusan juta": at least the order of magnitude named (the
# Indonesian words imply rupiah).
_MAGNITUDES = {
    "tens of millions": 1e7, "hundreds of millions": 1e8, "billions": 1e9,
    "puluhan juta": 1e7, "ratusan juta": 1e8, "miliaran": 1e9, "milyaran": 1e9,
}  # fmt: skip
_MAGNITUDE_RE = re.compile(
    rf"\b(?P<magnitude>{'|'.join(_MAGNITUDES)})(?:\s+(?:of\s+)?(?P<suffix>{_SUFFIX}))?\b"
)
# What is paid. The nearest named before the amount wins ("a fine of 1 billion rupiah"), else
# the nearest after it ("over 100 million rupiah in restitution").
_PAID = (
    (
        re.compile(
            r"\brestitut\w*|\brestitusi\b|\bganti (?:rugi|kerugian)\b|\bpampasan\b"
            r"|\bcompensat\w*|\bdamages\b|\bkompensasi\b"
        ),
        COMPENSATION_FIELD,
    ),
    (re.compile(r"\bfine[sd]?\b|\bdenda\b"), FINE_FIELD),
)
_PAID_REACH = 60


def _figure(match: re.Match[str]) -> float:
    digits, words = match.group("digits"), match.group("words")
    if digits:
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
            return float(re.sub(r"[.,]", "", digits))
        return float(digits.replace(",", "."))
    hundred = re.search(_HUNDRED, words)
    if hundred is None:
        return float(_UNITS[words.strip()])
    # "one hundred and fifty", "seratus", "lima ratus"
    head = words[: hundred.start()].strip(" -")
    tail = re.sub(r"^\s*and\s+", "", words[hundred.end() :]).strip()
    return 100.0 * (_UNITS[head] if head else 1) + (_UNITS[tail] if tail else 0)


def _currency(match: re.Match[str]) -> str | None:
    prefix, suffix, scale = match.group("prefix"), match.group("suffix"), match.group("scale")
    if prefix:
        return CURRENCY_SIGNS[prefix]
    if suffix:
        return _SUFFIX_CURRENCY[suffix]
    # "100 juta", "1 miliar": Malay writes "juta" too, but with its "RM" before the figure.
    if scale in {"juta", "miliar", "milyar", "triliun"}:
        return "IDR"
    return None


def _paid_field(text: str, start: int, end: int) -> str | None:
    before = text[max(start - _PAID_REACH, 0) : start]
    after = text[end : end + _PAID_REACH]
    nearest_before = max(
        ((m.end(), field) for pattern, field in _PAID for m in pattern.finditer(before)),
        default=None,
    )
    if nearest_before:
        return nearest_before[1]
    nearest_after = min(
        ((m.start(), field) for pattern, field in _PAID for m in pattern.finditer(after)),
        default=None,
    )
    return nearest_after[1] if nearest_after else None


def amounts_in(question: str) -> dict[str, str]:
    """The amount filters a question asks for ({"compensation_amount": "IDR 100000000.."}),
    empty when it compares no amount paid."""
    text = " ".join(question.lower().split())
    read: dict[str, str] = {}
    for pattern, kind in _COMPARED_RES:
        for match in pattern.finditer(text):
            currency = _currency(match)
            if currency is None:
                continue
            figure = _figure(match)
            if match.group("scale"):
                figure *= _SCALES[match.group("scale")]
            field = _paid_field(text, match.start(), match.end())
            if field is None or field in read:
                continue
            bounds = {
                "min": AmountRange(currency, low=figure),
                "above": AmountRange(currency, low=figure + 1),
                "max": AmountRange(currency, high=figure),
                "below": AmountRange(currency, high=figure - 1),
            }
            read[field] = bounds[kind].as_filter()
    for match in _MAGNITUDE_RE.finditer(text):
        magnitude, suffix = match.group("magnitude"), match.group("suffix")
        currency = _SUFFIX_CURRENCY[suffix] if suffix else None
        if currency is None and magnitude.endswith(("juta", "an")):
            currency = "IDR"
        field = _paid_field(text, match.start(), match.end())
        if currency and field and field not in read:
            read[field] = AmountRange(currency, low=_MAGNITUDES[magnitude]).as_filter()
    return read
