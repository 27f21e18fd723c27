"""Numbers written as words in a question, in English, Indonesian and Malay: the one table the
readers of a question's conditions share (prison terms, `index.sentence_bounds`; amounts,
`index.money_bounds`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

NUMBER_WORDS = {
    # English
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50,
    # Indonesian and Malay
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "lapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
    "lima belas": 15, "dua puluh": 20, "lima puluh": 50,
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of `words`, longest first, so that "dua puluh" is
    read whole before "dua"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
