"""Highlights: where a query's phrases and words stand in a passage, as document offsets.

The last step of a search, after fusion has chosen the documents and their passages; both
backends' hits carry these spans, and the web app and the exports mark them.
"""

from __future__ import annotations

from collections.abc import Iterator

from index.query import ParsedQuery
from index.words import (
    enclosing_word,
    fragment_pattern,
    has_segmented_script,
    merge_spans,
    term_variants,
    word_spans,
)
from tiplex.records import Span

MAX_HIGHLIGHTS = 32


def query_forms(query: ParsedQuery) -> frozenset[str]:
    """Every lower-cased form of the query's words that should light up in a passage."""
    forms: set[str] = set()
    for word in query.ranking_words():
        forms |= term_variants(word)
    return frozenset(forms)


class Highlighter:
    """Marks a query's phrases, and the words whose form or stem is a query word's, in
    passages. Each distinct word is stemmed once per query: passages repeat their words."""

    def __init__(self, query: ParsedQuery) -> None:
        self.phrases = query.matchers()
        self.forms = query_forms(query)
        self._verdicts: dict[str, bool] = {}
        # A word lighting up contains its stem, or nearly: stemmers may change a stem's last
        # letter (happy -> happi) or first (Indonesian menulis -> tulis). Words holding a form
        # without those letters are the only candidates worth stemming.
        fragments = {f[1:-1] if len(f) >= 5 else f for f in self.forms}
        self._candidates = fragment_pattern(fragments) if fragments else None

    def _lights_up(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = word in self.forms or not term_variants(word).isdisjoint(self.forms)
            self._verdicts[word] = verdict
        return verdict

    def _candidate_words(self, text: str) -> Iterator[tuple[int, int, str]]:
        assert self._candidates is not None
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter lower-cases to two: offsets would drift
            yield from word_spans(text)
            return
        covered = 0
        for match in self._candidates.finditer(lowered):
            if match.start() < covered:
                continue
            start, end = enclosing_word(text, match.start(), match.end())
            covered = end
            yield start, end, text[start:end].lower()

    def spans(self, text: str, offset: int) -> tuple[Span, ...]:
        """Highlights of `text`, as offsets into the document (`text` starts at `offset`)."""
        found: list[tuple[int, int]] = []
        for phrase in self.phrases:
            found.extend(phrase.spans(text))
        if self._candidates is not None:
            words = word_spans(text) if has_segmented_script(text) else self._candidate_words(text)
            found.extend((s, e) for s, e, word in words if self._lights_up(word))
        merged = merge_spans(found)[:MAX_HIGHLIGHTS]
        return tuple(Span(start + offset, end + offset, text[start:end]) for start, end in merged)
