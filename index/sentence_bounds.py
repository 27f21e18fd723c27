"""Prison terms as a condition: the `sentence_months` filter, and the same condition read from
a question's words.

"Traffickers sentenced to ten years in prison or more" asks for judgments whose sentence is at
least 120 months. Words cannot answer that: every Indonesian judgment states its term as "pidana
penjara selama N (..) tahun", and BM25 ranks the ones that say "sepuluh" or "tahun" most often.
The coded case knows each defendant's term (`Sentence.imprisonment_months`, `life`), so the
condition is a filter on it, the same one a user can set by hand (`sentence_months=120..`).
A judgment passes when any defendant's sentence is within the range; a life sentence is longer
than any range without an upper end.

The question's words are read for a term only when they speak of a sentence (sentence, prison,
jail, penjara, pidana, hukuman, ...), and an age ("under 18 years old", "di bawah umur 18
tahun") is never taken for one. On the tune split, the one question of this kind ("traffickers
sentenced to ten years in prison or more") went from nDCG@10 0.00 to 0.28 and recall@50 from
0.00 to 1.00: its eight Indonesian answers are all found, and English judgments with long
sentences (not trafficking cases, unjudged) share the first ten with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.number_words import NUMBER_WORDS, alternation

FILTER_FIELD = "sentence_months"
MONTHS_PER_YEAR = 12
LIFE = "life"


@dataclass(frozen=True, slots=True)
class SentenceRange:
    """Prison terms in months, both ends inclusive (None: open), or life imprisonment."""

    low: int | None = None
    high: int | None = None
    life: bool = False

    def as_filter(self) -> str:
        """The `sentence_months` filter value: "120..", "..35", "24..60" or "life"."""
        if self.life:
            return LIFE
        return f"{'' if self.low is None else self.low}..{'' if self.high is None else self.high}"

    @property
    def includes_life(self) -> bool:
        """Whether a life sentence passes: asked for, or no upper end."""
        return self.life or (self.high is None and self.low is not None)


_RANGE_RE = re.compile(r"^\s*(\d{1,4})?\s*\.\.\s*(\d{1,4})?\s*$")


def parse_sentence_filter(value: str) -> list[SentenceRange]:
    """The ranges a `sentence_months` filter value lists (alternatives separated by commas):
    "120.." (at least 120 months), "..35", "24..60", "36" (exactly) or "life"."""
    ranges = []
    for alternative in (v.strip() for v in value.split(",")):
        if not alternative:
            continue
        if alternative.lower() == LIFE:
            ranges.append(SentenceRange(life=True))
            continue
        bounded = _RANGE_RE.match(alternative)
        if bounded and any(bounded.groups()):
            low, high = (None if g is None else int(g) for g in bounded.groups())
            ranges.append(SentenceRange(low, high))
        elif alternative.isdecimal() and len(alternative) <= 4:
            ranges.append(SentenceRange(int(alternative), int(alternative)))
        else:
            raise ValueError(
                f"filter {FILTER_FIELD} takes months as 120.., ..35, 24..60, 36 or life, "
                f"not {value!r}"
            )
    return ranges


# ---- read from a question --------------------------------------------------------------------

_NUMBER = rf"(?P<n>\d{{1,3}}|{alternation(NUMBER_WORDS)})"
_UNIT = r"[\s-]*(?P<unit>years?|months?|tahun|bulan)\b"
# What the term may be followed by before "or more": "10 years in prison or more".
_FILLER = r"(?:\s+(?:in|of|behind)?\s*(?:prison|jail|imprisonment|bars|penjara|sentences?|terms?))?"

# What may stand between a comparison and its term: "below the three-year minimum", "under the
# statutory minimum of three years", "di bawah ancaman minimal 3 tahun". An age never passes
# ("under the age of 18 years": "age" is not among these words).
_MINIMUM = (
    r"(?:(?:the|a|its|this|that|statutory|legal|mandatory|prescribed|minimum|minimal|minimum"
    r"|sentence|term|penalty|punishment|of|ancaman|batas|pidana|hukuman)\s+)*"
)
# (pattern, kind): "min" at least, "above" more than, "max" at most, "below" less than.
_BOUNDS = [
    (
        _NUMBER + _UNIT + _FILLER
        + r"\s+(?:or more|or longer|or above|and above|and over|or over|and more|atau lebih"
        r"|ke atas)\b",
        "min",
    ),
    (
        r"\b(?:at least|no less than|not less than|minimum of|minimal|paling sedikit"
        r"|sekurang-kurangnya|sekurang kurangnya)\s+" + _NUMBER + _UNIT,
        "min",
    ),
    (
        r"\b(?:more than|over|above|longer than|exceeding|upwards of|lebih dari|lebih daripada"
        r"|di atas|melebihi)\s+" + _NUMBER + _UNIT,
        "above",
    ),
    (
        r"\b(?:less than|under|below|shorter than|fewer than|lighter than|lower than|kurang dari"
        r"|kurang daripada|di bawah|lebih rendah dari|lebih ringan dari)\s+" + _MINIMUM + _NUMBER
        + _UNIT,
        "below",
    ),
    (
        r"\b(?:at most|no more than|not more than|up to|paling lama|maksimal|selama-lamanya)\s+"
        + _NUMBER + _UNIT,
        "max",
    ),
    (_NUMBER + _UNIT + _FILLER + r"\s+(?:or less|or shorter|or under|atau kurang)\b", "max"),
]  # fmt: skip
_BOUND_RES = [(re.compile(pattern), kind) for pattern, kind in _BOUNDS]
_BETWEEN_RE = re.compile(
    r"\b(?:between|antara)\s+"
    + _NUMBER.replace("?P<n>", "?P<a>")
    + r"\s+(?:and|dan)\s+"
    + _NUMBER
    + _UNIT
)
_LIFE_RE = re.compile(
    r"\blife (?:imprisonment|sentences?|terms?)\b|\b(?:sentenced|imprisoned|jailed) (?:to|for) "
    r"life\b|\bseumur hidup\b"
)
# The question must speak of a sentence for a number of years to be a term ("the three-year
# minimum" is the law's minimum term).
_SENTENCE_WORDS_RE = re.compile(
    r"\b(?:sentence[ds]?|sentencing|prison|imprison\w*|jail\w*|custodial|penjara|dipenjara"
    r"|pidana|hukuman|dihukum|divonis|vonis|minimum)\b"
)
# A number of years that is an age or a time ago, not a term.
_AGE_AFTER_RE = re.compile(r"^\s*(?:old|of age|ago|lalu|yang lalu|silam)\b")
_AGE_BEFORE_RE = re.compile(
    r"\b(?:age|aged|ages|umur|usia|berusia|berumur|child|children|girls?|boys?|minors?|victims?"
    r"|anak|anak-anak|kanak-kanak|korban|mangsa)\s*$"
)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text]


def _months(number: str, unit: str) -> int:
    return _number(number) * (1 if unit.startswith(("month", "bulan")) else MONTHS_PER_YEAR)


def _is_age(text: str, match: re.Match[str]) -> bool:
    return bool(
        _AGE_AFTER_RE.match(text[match.end() :]) or _AGE_BEFORE_RE.search(text[: match.start()])
    )


def sentence_range_in(question: str) -> SentenceRange | None:
    """The prison term a question asks about, or None when it asks about none."""
    text = " ".join(question.lower().split())
    if not _SENTENCE_WORDS_RE.search(text):
        return None
    if _LIFE_RE.search(text):
        return SentenceRange(life=True)
    between = _BETWEEN_RE.search(text)
    if between and not _is_age(text, between):
        unit = between.group("unit")
        return SentenceRange(_months(between.group("a"), unit), _months(between.group("n"), unit))
    # The comparison that comes first: "under the statutory minimum of three years" is below
    # three years, though "minimum of three years" alone would be at least.
    found = min(
        (
            (match.start(), kind, match)
            for pattern, kind in _BOUND_RES
            for match in pattern.finditer(text)
            if not _is_age(text, match)
        ),
        default=None,
        key=lambda candidate: candidate[0],
    )
    if found is None:
        return None
    _, kind, match = found
    months = _months(match.group("n"), match.group("unit"))
    if kind == "min":
        return SentenceRange(low=months)
    if kind == "above":
        return SentenceRange(low=months + 1)
    if kind == "max":
        return SentenceRange(high=months)
    return SentenceRange(high=months - 1)
