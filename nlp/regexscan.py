"""Find a regex's matches only where its literal anchor words occur, with the same results.

Python's regex engine tries a pattern at every position of the text; a long alternation compiled
case-insensitively cannot even skip positions by their first letter. Most of the coder's patterns
start each alternative with a word ("melayani", "prostitut", "karaoke"), so the positions where a
match can begin are few. `AnchoredPattern` reads those words off the pattern's own syntax tree,
finds where they occur in a lower-cased copy of the text with one case-sensitive locator (which
the engine scans quickly), and tries the real pattern only there.

The matches are exactly those of `pattern.finditer(text, start, end)`: a match starts with one of
its alternatives' anchors, the real pattern is tried at every such position in order, and after a
match the scan resumes at its end, as `finditer` does. Alternatives without a usable anchor (a
character class first, a very short word) are found by a regex of their own; a pattern or text
that the analysis cannot vouch for is scanned plainly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

try:  # the parser behind `re.compile`; without it every pattern is scanned plainly
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - other Python versions
    sre = None  # type: ignore[assignment]
    sre_parse = None  # type: ignore[assignment]


def alternation(names: Iterable[str]) -> str:
    """A regular-expression alternation of `names`, longest first (a longer name is tried
    before one it starts with: "dua puluh" before "dua"); a name of several words may break
    across lines, as PDF text does."""
    return "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True)
    )


# Anchors shorter than this occur too often to be worth locating; such an alternative is found
# by its own regex instead.
MIN_ANCHOR_CHARS = 3
# Longer anchors hardly thin out the candidates further, and the set of spellings multiplies.
MAX_ANCHOR_CHARS = 8
MAX_ANCHORS = 256
# A character class of at most this many characters is spelled out into anchors.
MAX_CLASS_CHARS = 6


# ------------------------------------------------------------------------------- folded text


@cache
def _odd_folding() -> re.Pattern[str]:
    """Characters that case-insensitive matching equates with a letter whose lower case differs
    ("ſ" matches "s", dotless "ı" matches "i"): a lower-cased copy would hide such a match."""
    odd = [
        chr(code)
        for code in range(0x80, 0x10000)
        if chr(code).upper() != chr(code) and chr(code).upper().lower() != chr(code).lower()
    ]
    return re.compile("[" + "".join(re.escape(c) for c in odd) + "]")


# Every white-space character but the plain space: folded into a space, so that a pattern's
# "\s" can be part of an anchor ("ke luar", "in the").
_OTHER_SPACE = re.compile(r"[^\S ]")


class FoldedText:
    """A text with its lower-cased copy (white space made plain spaces), made once and shared by
    every pattern read over it; offsets are the same in both.

    `folded` is None when lower-casing would shift offsets ("İ" becomes two characters) or hide
    a case-insensitive match (see `_odd_folding`); patterns are then scanned plainly."""

    __slots__ = ("text", "folded")

    def __init__(self, text: str) -> None:
        self.text = text
        folded = _OTHER_SPACE.sub(" ", text.lower())
        aligned = len(folded) == len(text)
        if aligned and not text.isascii():
            # The folded copy is checked too: a final capital sigma lower-cases to "ς".
            odd = _odd_folding()
            aligned = odd.search(text) is None and odd.search(folded) is None
        self.folded: str | None = folded if aligned else None

    def part(self, start: int, end: int) -> FoldedText:
        """The same for `text[start:end]` (offsets then count from `start`), not folded again."""
        part = FoldedText.__new__(FoldedText)
        part.text = self.text[start:end]
        part.folded = None if self.folded is None else self.folded[start:end]
        return part


# ------------------------------------------------------------------------------- anchors


def split_alternatives(source: str) -> list[str] | None:
    """The top-level alternatives of a regex source (None when it cannot be split safely)."""
    if "(?#" in source:
        return None  # a comment may hold unbalanced brackets
    parts: list[str] = []
    depth = 0
    in_class = False
    begun = 0
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            # "]" right after "[" or "[^" is a literal member, not the end of the class.
            if char == "]" and not (source[index - 1] == "[" or source[index - 2 : index] == "[^"):
                in_class = False
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            parts.append(source[begun:index])
            begun = index + 1
        index += 1
    if depth or in_class:
        return None
    parts.append(source[begun:])
    return parts


_SPACE_CATEGORIES = frozenset({sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE} if sre else ())


def _folded_char(code: int) -> str | None:
    """The lower case of a pattern's character as it appears in folded text, or None when
    case-insensitive matching may equate it with characters that fold differently."""
    char = chr(code)
    if char.isspace():
        return " "
    lower = char.lower()
    if len(lower) != 1 or char.upper().lower() != lower or _odd_folding().match(char):
        return None
    return lower


def _class_chars(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    codes: list[int] = []
    for op, av in items:
        if op is sre.LITERAL:
            codes.append(av)
        elif op is sre.RANGE and av[1] - av[0] < MAX_CLASS_CHARS:
            codes.extend(range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av in _SPACE_CATEGORIES:
            codes.append(ord(" "))  # any white space, a plain space in the folded text
        else:
            return None  # negated, a category (\s, \w) or a wide range
    chars = {_folded_char(code) for code in codes}
    if None in chars or len(chars) > MAX_CLASS_CHARS:
        return None
    return {c for c in chars if c is not None}


def _prefixes(ops: Sequence[tuple[Any, Any]], budget: int) -> set[str]:
    """Lower-cased strings such that every match of `ops` starts with one of them ("" when
    nothing can be said), at most `budget` characters long."""
    if not ops or budget <= 0:
        return {""}
    op, av = ops[0]
    rest = ops[1:]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _prefixes(rest, budget)  # zero-width: the match starts after it just the same
    if op is sre.LITERAL:
        char = _folded_char(av)
        if char is None:
            return {""}
        return {char + tail for tail in _prefixes(rest, budget - 1)}
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is None:
            return {""}
        tails = _prefixes(rest, budget - 1)
        return {char + tail for char in chars for tail in tails}
    if op is sre.SUBPATTERN:
        return _prefixes([*av[3], *rest], budget)
    if op is sre.BRANCH:
        return {p for branch in av[1] for p in _prefixes([*branch, *rest], budget)}
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, item = av
        taken = _prefixes([*item, *rest] if high == 1 else list(item), budget)
        return taken | _prefixes(rest, budget) if low == 0 else taken
    return {""}  # a category, any character, a back-reference: no literal to anchor on


def _minimal(strings: set[str]) -> set[str]:
    """Drop every string that starts with a shorter one of the set: the shorter one suffices."""
    kept: set[str] = set()
    for string in sorted(strings, key=len):
        if not any(string.startswith(k) for k in kept):
            kept.add(string)
    return kept


def alternative_anchors(source: str, flags: int) -> frozenset[str] | None:
    """The anchors of one alternative, or None when it has no usable ones."""
    try:
        parsed = sre_parse.parse(source, flags & ~re.VERBOSE)
        anchors = _minimal(_prefixes(list(parsed), MAX_ANCHOR_CHARS))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    if len(anchors) > MAX_ANCHORS or min(map(len, anchors), default=0) < MIN_ANCHOR_CHARS:
        return None
    return frozenset(anchors)


def trie_regex(words: set[str] | frozenset[str]) -> str:
    """A regex matching exactly `words`, nested by common first letters ("a(?:bc|x)|b"): the
    engine then rejects a position after one comparison per distinct first letter instead of
    one per word."""
    if "" in words:
        rest = trie_regex({w for w in words if w})
        return f"(?:{rest})?" if rest else ""
    by_first: dict[str, set[str]] = {}
    for word in words:
        by_first.setdefault(word[0], set()).add(word[1:])
    branches = []
    for first in sorted(by_first):
        tail = trie_regex(by_first[first])
        if tail and len(by_first[first]) > 1 and not tail.startswith("(?:"):
            tail = f"(?:{tail})"
        branches.append(re.escape(first) + tail)
    return "|".join(branches)


# ------------------------------------------------------------------------------- scanning


class AnchoredPattern:
    """A compiled pattern whose `finditer` tries it only where its anchors occur."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.locator: re.Pattern[str] | None = None  # anchors, over the folded text
        self.others: re.Pattern[str] | None = None  # unanchored alternatives, over the text
        alternatives = None
        if sre_parse is not None and not pattern.flags & re.VERBOSE:
            alternatives = split_alternatives(pattern.pattern)
        if not alternatives:
            return
        anchors: set[str] = set()
        unanchored: list[str] = []
        for alternative in alternatives:
            found = alternative_anchors(alternative, pattern.flags)
            if found is None:
                unanchored.append(alternative)
            else:
                anchors |= found
        if not anchors:
            return  # nothing to gain: scan plainly
        try:
            others = re.compile("|".join(unanchored), pattern.flags) if unanchored else None
        except re.error:
            return  # e.g. a back-reference into another alternative
        self.locator = re.compile(trie_regex(anchors))
        self.others = others

    def finditer(
        self, text: FoldedText, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text.text, start, end)`, found faster."""
        end = len(text.text) if end is None else end
        if self.locator is None or text.folded is None:
            yield from self.pattern.finditer(text.text, start, end)
            return
        yield from self._anchored(text.text, text.folded, start, end)

    def _anchored(self, raw: str, folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
        locator, others, match = self.locator, self.others, self.pattern.match
        assert locator is not None
        # The next position at or after `pos` where each finder found a possible start; kept
        # between rounds so that neither scans the same stretch twice.
        anchored_at = other_at = -1
        pos = start
        while True:
            if anchored_at < pos:
                found = locator.search(folded, pos, end)
                anchored_at = found.start() if found else end
            if others is not None and other_at < pos:
                found = others.search(raw, pos, end)
                other_at = found.start() if found else end
            candidate = anchored_at if others is None else min(anchored_at, other_at)
            if candidate >= end:
                return
            hit = match(raw, candidate, end)
            if hit is None:
                pos = candidate + 1
                continue
            if hit.end() == candidate:
                # An empty match: `finditer` then steps on in its own way; let it finish.
                yield from self.pattern.finditer(raw, candidate, end)
                return
            yield hit
            pos = hit.end()


@cache
def anchored(pattern: re.Pattern[str]) -> AnchoredPattern:
    """The anchored form of `pattern`, built once per pattern."""
    return AnchoredPattern(pattern)
