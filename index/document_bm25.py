"""BM25 over whole documents, computed from the passage full-text index.

Passage BM25 alone ranks a judgment by its single best window, so a document whose query words
are spread over several passages loses to one window that repeats a single word. Here each
document is a bag of passages: a unit's frequency in a document is the number of its passages
holding the unit, its length is its number of passages, and IDF counts documents. Finding a
unit's passages is one unranked FTS5 match, so no statistics beyond the passage index are kept.

A unit is one query word (all its stemmed forms) or one thesaurus concept (all its terms in the
other languages); units carry weights, so expansions count below the query's own words.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.words import fold_diacritics

K1 = 1.2
B = 0.75
# A unit found in more than this share of passages ("korban", "court") barely separates
# documents, and matching it costs the most: it is left out of document scores, unless it is
# rare in absolute terms (a small index), where it is cheap and still tells documents apart.
MAX_UNIT_SHARE = 0.1
ALWAYS_SCORED_PASSAGES = 2000


def bm25_idf(holding: int, total: int) -> float:
    """BM25's inverse frequency of a unit held by `holding` of `total` documents or passages
    (a count that is an estimate may exceed the total: it then counts as the total)."""
    return math.log(1.0 + (max(total, holding) - holding + 0.5) / (holding + 0.5))


@dataclass(frozen=True, slots=True)
class WeightedUnit:
    """An FTS5 expression whose matches count as one term, and its weight."""

    expression: str
    weight: float
    estimated_passages: int  # an upper bound, from the index's per-term counts
    # The same matches as indexed terms, space separated: a word's forms, or a phrase's forms
    # (`index.query.phrase_forms`). `index.best_passages` finds them in a passage's terms.
    forms: tuple[str, ...] = ()
    # Passages holding each of `forms` (a phrase: as many as its rarest word), for its IDF.
    form_passages: tuple[int, ...] = ()


@dataclass(slots=True)
class _PassageMap:
    generation: str
    doc_of: np.ndarray  # doc rowid by passage id (-1: no such passage)
    lengths: np.ndarray  # passages per doc rowid
    documents: int
    mean_length: float
    passages: int


class DocumentStatistics:
    """Which document each passage belongs to and how many passages each document has, kept
    in memory (8 bytes a passage) and reloaded when the index's generation changes."""

    def __init__(self) -> None:
        self._map: _PassageMap | None = None
        self._counts: dict[str, int] = {}  # passages per indexed term, looked up so far
        self._counts_generation = ""
        # The passages each unit matched while the current query scored documents (FTS5
        # expression -> passage ids, ascending): which passages of a document to show is then
        # looked for only where a unit is (`index.best_passages`). Emptied by `begin_query`,
        # so no query is timed with another's matches.
        self.unit_passages: dict[str, np.ndarray] = {}

    def term_counts(
        self, db: sqlite3.Connection, generation: str, forms: Sequence[str]
    ) -> dict[str, int]:
        """Passages holding each indexed term, remembered until the index changes: the same
        words come back query after query, and each lookup costs a vocabulary search."""
        if generation != self._counts_generation:
            self._counts, self._counts_generation = {}, generation
        for form in set(forms) - self._counts.keys():
            # The vocabulary holds terms as the tokenizer stored them, diacritics removed.
            row = db.execute(
                "SELECT doc FROM passages_vocab WHERE term = ?", (fold_diacritics(form),)
            ).fetchone()
            self._counts[form] = int(row[0]) if row else 0
        return {form: self._counts[form] for form in forms}

    def _load(self, db: sqlite3.Connection, generation: str) -> _PassageMap:
        if self._map is not None and self._map.generation == generation:
            return self._map
        rows = np.array(
            db.execute("SELECT id, doc_rowid FROM passages").fetchall(), dtype=np.int64
        ).reshape(-1, 2)
        doc_of = np.full(int(rows[:, 0].max(initial=0)) + 1, -1, dtype=np.int64)
        doc_of[rows[:, 0]] = rows[:, 1]
        lengths = np.bincount(rows[:, 1], minlength=1)
        documents = int(np.count_nonzero(lengths))
        self._map = _PassageMap(
            generation=generation,
            doc_of=doc_of,
            lengths=lengths,
            documents=documents,
            mean_length=float(lengths.sum()) / max(1, documents),
            passages=int(rows.shape[0]),
        )
        return self._map

    def passage_total(self, db: sqlite3.Connection, generation: str) -> int:
        """The index's number of passages."""
        return self._load(db, generation).passages

    def forget(self) -> None:
        self._map = None
        self._counts = {}
        self.unit_passages = {}

    def begin_query(self) -> None:
        """Forgets the last query's unit matches (`unit_passages`)."""
        self.unit_passages = {}

    def scores(
        self, db: sqlite3.Connection, generation: str, units: Sequence[WeightedUnit]
    ) -> dict[int, float]:
        """BM25 of every document holding at least one unit, by doc rowid."""
        stats = self._load(db, generation)
        totals = np.zeros(stats.lengths.shape[0], dtype=np.float64)
        ceiling = max(MAX_UNIT_SHARE * stats.passages, ALWAYS_SCORED_PASSAGES)
        for unit in units:
            if unit.estimated_passages > ceiling:
                continue
            rows = db.execute(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", (unit.expression,)
            ).fetchall()
            ids = np.array(rows, dtype=np.int64).reshape(-1)
            self.unit_passages[unit.expression] = np.sort(ids)
            docs = stats.doc_of[ids[ids < stats.doc_of.shape[0]]]
            frequency = np.bincount(docs[docs >= 0], minlength=totals.shape[0])
            holding = np.flatnonzero(frequency)
            if holding.size == 0:
                continue
            idf = bm25_idf(holding.size, stats.documents)
            tf = frequency[holding].astype(np.float64)
            norm = K1 * (1.0 - B + B * stats.lengths[holding] / stats.mean_length)
            totals[holding] += unit.weight * idf * tf * (K1 + 1.0) / (tf + norm)
        return {int(doc): float(totals[doc]) for doc in np.flatnonzero(totals)}
