"""The passages of one document that best match a query: the ones shown for it.

A document found by whole-document BM25, or by the translated side of an English question,
carries no passage yet. FTS5 could rank its passages, but its `bm25()` first counts every
phrase of the query over the whole index, once per statement: about forty thesaurus phrases
for "forced labour on fishing vessels", 7 of the 13 ms each such document cost. Those counts
are already known (each unit's `estimated_passages`), and a document holds tens of passages,
so its stored terms are read by rowid and each passage is scored here with BM25 over the
query's units, the way `index.document_bm25` scores documents: a unit's frequency is how often
any of its forms occurs, its weight counts, and a passage's length is its number of terms.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate

from index.document_bm25 import K1, B, WeightedUnit, bm25_idf
from index.ranking import ScoredPassage


def best_passages(
    db: sqlite3.Connection,
    doc_rowid: int,
    units: Sequence[WeightedUnit],
    count: int,
    passage_total: int,
) -> tuple[ScoredPassage, ...]:
    """The `count` passages of the document that best match any of `units` (best first; equal
    scores in document order), or its opening passages when none matches."""
    rows = db.execute("SELECT id FROM passages WHERE doc_rowid = ? ORDER BY ordinal", (doc_rowid,))
    ids = [int(r[0]) for r in rows]
    if not ids:
        return ()
    scored = _scored(db, ids, units, passage_total) if units else []
    if not scored:
        return tuple(ScoredPassage(pid, doc_rowid, 0.0) for pid in ids[:count])
    scored.sort(key=lambda item: (-item[1], item[0]))
    return tuple(ScoredPassage(pid, doc_rowid, score) for pid, score in scored[:count])


def _scored(
    db: sqlite3.Connection, ids: Sequence[int], units: Sequence[WeightedUnit], passage_total: int
) -> list[tuple[int, float]]:
    """(passage id, BM25) of the passages among `ids` holding at least one unit."""
    wanted = set(ids)
    rows = db.execute(
        "SELECT rowid, terms FROM passages_fts WHERE rowid BETWEEN ? AND ?", (min(ids), max(ids))
    ).fetchall()
    folded = [(int(pid), _folded(str(terms))) for pid, terms in rows if int(pid) in wanted]
    # A form is searched for only when each of its terms is in the document.
    terms = set("\n".join(text for _, text in folded).split())
    present = [
        (unit, [_padded(f) for f in map(_folded, unit.forms) if all(t in terms for t in f.split())])
        for unit in units
    ]
    present = [(unit, forms) for unit, forms in present if forms]
    if not present:
        return []
    # One string for the document, passages apart: each form is found by a few scans of it,
    # not by one count per passage and form.
    padded = [_padded(text) for _, text in folded]
    starts = list(accumulate((len(p) + 1 for p in padded[:-1]), initial=0))
    whole = "\n".join(padded)
    frequencies: dict[tuple[int, int], int] = defaultdict(int)  # (passage, unit) -> matches
    for number, (_, forms) in enumerate(present):
        for form in forms:
            at = whole.find(form)
            while at >= 0:
                frequencies[(bisect_right(starts, at) - 1, number)] += 1
                at = whole.find(form, at + len(form))
    lengths = [text.count(" ") + 1 for _, text in folded]
    mean_length = sum(lengths) / len(lengths)
    weights = [
        unit.weight * bm25_idf(unit.estimated_passages, passage_total) for unit, _ in present
    ]
    scores: dict[int, float] = defaultdict(float)
    for (passage, number), frequency in frequencies.items():
        norm = K1 * (1.0 - B + B * lengths[passage] / mean_length)
        scores[passage] += weights[number] * frequency * (K1 + 1.0) / (frequency + norm)
    return [(folded[passage][0], score) for passage, score in scores.items()]


def _folded(terms: str) -> str:
    """`terms` (or a form) as the FTS5 tokenizer compares them: lower-cased already, and with
    Latin diacritics removed as `remove_diacritics` does, so that a form typed without them
    still finds the passage."""
    if terms.isascii():
        return terms
    decomposed = unicodedata.normalize("NFKD", terms)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    )


def _padded(terms: str) -> str:
    """Folded `terms`, each term between two spaces of its own: counting " term " then finds
    repeats that stand side by side."""
    return " " + terms.replace(" ", "  ") + " "
