"""Documents into passages: windows of about 200 words that end on paragraph or sentence
boundaries where one is near, with a small overlap so a sentence cut at a border is whole in
one of the two windows.

Court documents repeat page furniture on every page (the Indonesian directory prints its banner
and a disclaimer ~25 times per judgment). A line that recurs in a document is kept once, at its
first occurrence, and left out of the words of every later window: windows count only content
words, their `content` (what is embedded and full-text indexed) omits the repeats, and a window
made of nothing else is not a passage at all. Offsets always slice `Document.text` exactly.
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass

from tiplex.records import Document, Passage

TARGET_WORDS = 200
MIN_WORDS = 150
MAX_WORDS = 250
OVERLAP_WORDS = 20
# A line is page furniture when it recurs this often (digits ignored, so "Hal. 3 dari 25" and
# "Hal. 4 dari 25" are the same line) and is long enough not to be a common short heading.
REPEATED_LINE_MIN_COUNT = 4
REPEATED_LINE_MIN_CHARS = 12
# Furniture lines are short (banners, footers, disclaimer lines reach ~250 characters); a long
# line is a paragraph of its own, and paragraphs that recur are content, not furniture.
REPEATED_LINE_MAX_CHARS = 300
# Windows with fewer letters than this hold no prose (page numbers, tables of figures). Counted
# in characters, not words: Thai and Khmer write whole phrases without spaces.
MIN_LETTERS = 20
CHUNKER_VERSION = "1"  # bump when passages would come out differently for the same text

_TOKEN_RE = re.compile(r"\S+")
_LINE_RE = re.compile(r"[^\n]+")
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"\s+")
_LETTER_RE = re.compile(r"[^\W\d_]")
_SENTENCE_END_RE = re.compile(r"[.!?;:][\"'”’)\]]*$")
_SENTENCE_CLOSERS = frozenset(".!?;:\"'”’)]")  # the characters _SENTENCE_END_RE can end on
# "No.", "R.A.", "Sec.", "v." end in a full stop without ending a sentence.
_ABBREVIATION_RE = re.compile(
    r"^(?:[A-Za-z]\.)+$|^(?:no|nos|sec|art|para|vs?|mr|mrs|dr|jr|sr)\.$", re.IGNORECASE
)

_PARAGRAPH, _SENTENCE, _LINE, _WORD = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Chunk:
    """A passage and the text that represents it for ranking."""

    passage: Passage
    content: str  # the passage's content words joined by single spaces (furniture left out)

    @property
    def content_hash(self) -> str:
        return content_hash(self.content)


def content_hash(content: str) -> str:
    """Identity of an embedding input: identical (whitespace-normalised) texts share it."""
    normalised = _SPACES_RE.sub(" ", content).strip()
    return hashlib.blake2b(normalised.encode("utf-8"), digest_size=16).hexdigest()


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every repeat (not the first occurrence) of a recurring line."""
    lines = [(m.start(), m.end(), _line_key(m.group())) for m in _LINE_RE.finditer(text)]
    counts = Counter(
        key for _, _, key in lines if REPEATED_LINE_MIN_CHARS <= len(key) <= REPEATED_LINE_MAX_CHARS
    )
    recurring = {key for key, n in counts.items() if n >= REPEATED_LINE_MIN_COUNT}
    if not recurring:
        return []
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for start, end, key in lines:
        if key not in recurring:
            continue
        if key in seen:
            spans.append((start, end))
        else:
            seen.add(key)
    return spans


def _line_key(line: str) -> str:
    return _SPACES_RE.sub(" ", _DIGITS_RE.sub("0", line)).strip().lower()


def _content_tokens(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of every whitespace-separated token outside page furniture."""
    spans: list[tuple[int, int]] = []
    position = 0
    for skip_start, skip_end in [*_furniture_spans(text), (len(text), len(text))]:
        # Whole-corpus ingest chunks ~17 million tokens: build the spans in C, not in a loop.
        spans.extend(map(_span, _TOKEN_RE.finditer(text, position, skip_start)))
        position = skip_end
    if not spans:
        return [], []
    starts, ends = zip(*spans, strict=True)
    return list(starts), list(ends)


_span = operator.methodcaller("span")


def _has_prose(content: str) -> bool:
    """Whether `content` holds at least MIN_LETTERS letters (stops counting once it does)."""
    return sum(1 for _ in itertools.islice(_LETTER_RE.finditer(content), MIN_LETTERS)) >= (
        MIN_LETTERS
    )


def _break_strength(text: str, starts: list[int], ends: list[int], i: int) -> int:
    """How good a place the gap after token `i` is to end a window."""
    gap = text[ends[i] : starts[i + 1]] if i + 1 < len(starts) else "\n\n"
    if gap != " ":  # most gaps are one space: skip the checks that cannot apply to it
        if gap.strip():
            return _LINE  # page furniture lies between: a page break, usually mid-sentence
        if gap.count("\n") >= 2:
            return _PARAGRAPH
    # Only a token whose last character can close a sentence is worth the regular expressions.
    if text[ends[i] - 1] in _SENTENCE_CLOSERS:
        token = text[starts[i] : ends[i]]
        if _SENTENCE_END_RE.search(token) and not _ABBREVIATION_RE.match(token):
            return _SENTENCE
    if "\n" in gap:
        return _LINE
    return _WORD


def _window_end(text: str, starts: list[int], ends: list[int], first: int) -> tuple[int, int]:
    """Index of the last token of the window starting at `first`, and the break's strength."""
    low = first + MIN_WORDS - 1
    high = min(first + MAX_WORDS, len(starts)) - 1
    target = first + TARGET_WORDS - 1
    best, best_key = target, (-1, 0)
    for i in range(low, high + 1):
        strength = _break_strength(text, starts, ends, i)
        key = (strength, -abs(i - target))
        if key > best_key:
            best, best_key = i, key
    return best, best_key[0]


def _next_start(text: str, starts: list[int], ends: list[int], last: int, strength: int) -> int:
    """Where the following window begins: right after a paragraph break, otherwise a little
    before the end, at the start of a sentence if one begins within the overlap."""
    if strength == _PARAGRAPH:
        return last + 1
    earliest = max(last + 1 - OVERLAP_WORDS, 0)
    for i in range(earliest, last):
        if _break_strength(text, starts, ends, i) >= _SENTENCE:
            return i + 1
    return earliest


def chunk_document(document: Document) -> list[Passage]:
    """The passages of `document` (offsets into `document.text`)."""
    return [chunk.passage for chunk in chunk_text(document.doc_id, document.text)]


def chunk_text(doc_id: str, text: str) -> list[Chunk]:
    starts, ends = _content_tokens(text)
    chunks: list[Chunk] = []
    first = 0
    while first < len(starts):
        if len(starts) - first <= MAX_WORDS:
            last, strength = len(starts) - 1, _PARAGRAPH
        else:
            last, strength = _window_end(text, starts, ends, first)
        content = " ".join([text[starts[i] : ends[i]] for i in range(first, last + 1)])
        if _has_prose(content):
            passage = Passage(
                doc_id=doc_id,
                ordinal=len(chunks),
                start=starts[first],
                end=ends[last],
                text=text[starts[first] : ends[last]],
            )
            chunks.append(Chunk(passage=passage, content=content))
        if last + 1 >= len(starts):
            break
        first = max(_next_start(text, starts, ends, last, strength), first + 1)
    return chunks
