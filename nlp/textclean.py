"""Cleaning judgments without losing track of where each character came from.

The coder works on a cleaned copy of `Document.text` (page banners, disclaimers, footers and
web-library chrome removed, mojibake repaired), but every piece of evidence must point into the
ORIGINAL text. `CleanText` keeps a piecewise map: each piece of the cleaned text is either a
verbatim copy of an original range (offsets shift linearly) or a replacement of one (offsets
inside it snap to the replaced range's ends).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Whole lines that publishers add to every page. Removing them keeps sentences that straddle a
# page break adjacent, so one regex can read "pidana penjara selama ... tahun" across the break.
_ID_PAGE_CHROME = re.compile(
    r"^[ \t]*(?:"
    r"Mahkamah Agung Republik Indonesia"
    r"|Direktori Putusan Mahkamah Agung Republik Indonesia"
    r"|putusan\.mahkamahagung\.go\.id"
    r"|Disclaimer"
    r"|Kepaniteraan Mahkamah Agung Republik Indonesia berusaha[^\n]*"
    r"|pelaksanaan fungsi peradilan\. Namun[^\n]*"
    r"|Dalam hal Anda menemukan inakurasi[^\n]*"
    r"|Email\s*:\s*kepaniteraan@[^\n]*"
    r"|Hal(?:aman|\.)?\s*\d+\s*(?:dari|of)\s*\d+[^\n]*"
    r")[ \t]*\n",
    re.MULTILINE | re.IGNORECASE,
)

_PH_CHROME = re.compile(
    r"^[ \t]*(?:View printer friendly version|E-Library - Information At Your Fingertips[^\n]*)"
    r"[ \t]*\n",
    re.MULTILINE,
)

# UTF-8 bytes that were decoded as Latin-1 / Windows-1252: a lead byte followed by continuation
# bytes. Only runs that decode cleanly are repaired, so genuine accented text stays as it is.
_MOJIBAKE = re.compile(
    r"[\xc2-\xf4][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
    r"\u2030\u2039\u203a\u20ac\u2122]{1,3}"
)

# Header lines printed twice in a row (PH E-Library records) are kept once.
_DOUBLED_LINE = re.compile(r"^([^\n]{4,})\n(?:[ \t]*\n)?\1$", re.MULTILINE)
_HEADER_CHARS = 6_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Judgments of Thailand, Laos, Cambodia and Myanmar often write figures in their own digits.
_DIGITS = {
    zero + offset: ord("0") + offset
    for zero in (0x0E50, 0x0ED0, 0x17E0, 0x1040)
    for offset in range(10)
}
_NATIVE_DIGIT = re.compile("[\u0e50-\u0e59\u0ed0-\u0ed9\u17e0-\u17e9\u1040-\u1049]")


def _native_digits(text: str) -> str:
    # `str.translate` walks every character in Python: only texts that have such digits pay.
    return text.translate(_DIGITS) if _NATIVE_DIGIT.search(text) else text


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text plus the map back to the original."""

    text: str
    original: str
    _clean_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]
    _orig_ends: tuple[int, ...]
    _verbatim: tuple[bool, ...]

    def to_original(self, offset: int, *, is_end: bool = False) -> int:
        """Map an offset of the cleaned text to the original text."""
        if not self._clean_starts:
            return min(offset, len(self.original))
        piece = max(bisect_right(self._clean_starts, offset) - 1, 0)
        if is_end and offset == self._clean_starts[piece] and piece > 0:
            piece -= 1  # an end offset belongs to the piece it closes
        if self._verbatim[piece]:
            mapped = self._orig_starts[piece] + offset - self._clean_starts[piece]
            return min(mapped, self._orig_ends[piece])
        return self._orig_ends[piece] if is_end else self._orig_starts[piece]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a cleaned range."""
        return self.to_original(start), self.to_original(end, is_end=True)


class _Builder:
    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.clean_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.orig_ends: list[int] = []
        self.verbatim: list[bool] = []
        self.length = 0

    def add(self, text: str, orig_start: int, orig_end: int, *, verbatim: bool) -> None:
        if not text and verbatim:
            return
        self.parts.append(text)
        self.clean_starts.append(self.length)
        self.orig_starts.append(orig_start)
        self.orig_ends.append(orig_end)
        self.verbatim.append(verbatim)
        self.length += len(text)

    def build(self) -> CleanText:
        return CleanText(
            # Stray control characters become spaces and Thai, Lao, Khmer and Burmese digits
            # ASCII digits: one character for one, so the map stays valid.
            text=_native_digits(_CONTROL.sub(" ", "".join(self.parts))),
            original=self.original,
            _clean_starts=tuple(self.clean_starts),
            _orig_starts=tuple(self.orig_starts),
            _orig_ends=tuple(self.orig_ends),
            _verbatim=tuple(self.verbatim),
        )


def _repair(fragment: str) -> str | None:
    for codec in ("latin-1", "cp1252"):
        try:
            return fragment.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return None


def _edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) edits of the original, non-overlapping and sorted."""
    edits: list[tuple[int, int, str]] = []
    for pattern in (_ID_PAGE_CHROME, _PH_CHROME):
        edits.extend((m.start(), m.end(), "") for m in pattern.finditer(text))
    head = text[:_HEADER_CHARS]
    edits.extend((m.start(1) + len(m.group(1)), m.end(), "") for m in _DOUBLED_LINE.finditer(head))
    if "\xc3" in text or "\xe2" in text or "\xc2" in text:
        for m in _MOJIBAKE.finditer(text):
            repaired = _repair(m.group())
            if repaired is not None and repaired != m.group():
                edits.append((m.start(), m.end(), repaired))
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for start, end, replacement in edits:
        if start >= last_end:
            kept.append((start, end, replacement))
            last_end = end
    return kept


def clean_text(text: str) -> CleanText:
    """Strip page chrome and repair mojibake; stray control characters become spaces."""
    builder = _Builder(text)
    position = 0
    for start, end, replacement in _edits(text):
        builder.add(text[position:start], position, start, verbatim=True)
        builder.add(replacement, start, end, verbatim=False)
        position = end
    builder.add(text[position:], position, len(text), verbatim=True)
    return builder.build()
