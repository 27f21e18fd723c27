"""Searching the embedded index: BM25 over FTS5, exact dense scores over the vector matrix,
verbatim phrase checks, and turning ranked passages into `SearchHit`s."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.filters import SqlCondition
from index.ranking import (
    Highlighter,
    RankedDocument,
    ScoredPassage,
    as_scored,
)
from index.text import (
    ParsedQuery,
    VerbatimPhrase,
    fts_all,
    fts_phrase,
    fts_quote,
    term_variants,
)
from index.vectors import VectorFile
from tiplex.records import PassageHit, SearchHit

SQL_VARIABLES = 500  # stay well under SQLite's limit on bound parameters
VERIFY_BATCH = 64  # passages whose text is fetched at once to check phrases verbatim
# A query word in more than this share of passages is "common": alone it does not make a
# passage a candidate (see words_expression).
COMMON_WORD_SHARE = 0.03


def batches(items: Sequence[Any], size: int = SQL_VARIABLES) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def fts_rows(
    db: sqlite3.Connection,
    match: str,
    condition: SqlCondition,
    limit: int | None = None,
    *,
    ranked: bool = True,
) -> list[ScoredPassage]:
    """Passages matching the FTS5 expression `match`, best BM25 first (`ranked`) or unordered
    with score 0 (cheaper: no BM25 computed)."""
    join = "JOIN documents d ON d.rowid = p.doc_rowid" if condition.sql else ""
    where = f"AND {condition.sql}" if condition.sql else ""
    score = "-bm25(passages_fts)" if ranked else "0.0"
    sql = (
        f"SELECT p.id, p.doc_rowid, {score} FROM passages_fts "
        f"JOIN passages p ON p.id = passages_fts.rowid {join} "
        f"WHERE passages_fts MATCH ? {where}"
        + (" ORDER BY bm25(passages_fts)" if ranked else "")
        + ("" if limit is None else f" LIMIT {int(limit)}")
    )
    return as_scored(db.execute(sql, (match, *condition.params)).fetchall())


def _phrases_expression(parsed: ParsedQuery) -> str:
    return " AND ".join(filter(None, (fts_phrase(p) for p in parsed.phrases)))


def phrase_candidates(
    db: sqlite3.Connection, parsed: ParsedQuery, condition: SqlCondition
) -> set[int] | None:
    """Ids of passages where FTS5 finds every phrase (as stems); None when the query has no
    phrase. Whether they hold the phrases verbatim is checked later, on the few that rank."""
    if not parsed.phrases:
        return None
    match = _phrases_expression(parsed)
    if not match:
        return set()
    return {p.passage_id for p in fts_rows(db, match, condition, ranked=False)}


def keep_verbatim(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    ranked: Sequence[ScoredPassage],
    depth: int | None,
) -> list[ScoredPassage]:
    """The first `depth` (all: None) of `ranked` that hold every phrase verbatim, in order."""
    if not parsed.phrases:
        return list(ranked if depth is None else ranked[:depth])
    phrases = [VerbatimPhrase(p) for p in parsed.phrases]
    kept: list[ScoredPassage] = []
    for batch in batches(ranked, VERIFY_BATCH):
        ids = [p.passage_id for p in batch]
        texts = dict(
            db.execute(f"SELECT id, text FROM passages WHERE id IN ({marks(len(ids))})", ids)
        )
        for passage in batch:
            if all(phrase.found_in(texts[passage.passage_id]) for phrase in phrases):
                kept.append(passage)
                if depth is not None and len(kept) >= depth:
                    return kept
    return kept


@dataclass(frozen=True, slots=True)
class WordsExpression:
    """FTS5 expressions ranking passages by a query's words: `everything` matches a passage
    holding any of them; `gated` (when some words are common) only one holding a rarer word."""

    everything: str
    gated: str | None = None


def words_expression(db: sqlite3.Connection, words: Sequence[str]) -> WordsExpression | None:
    """Words found in a large share of passages ("korban", "orang" in Indonesian judgments)
    make FTS5 score most of the index. Like Lucene's common-terms query, the gated expression
    lets only passages holding a rarer word compete, while every word still counts in BM25."""
    forms = {word: sorted(term_variants(word)) for word in dict.fromkeys(words)}
    every_form = sorted({f for word_forms in forms.values() for f in word_forms})
    if not every_form:
        return None
    everything = " OR ".join(fts_quote(f) for f in every_form)
    if len(forms) < 2:
        return WordsExpression(everything)
    counts = dict(
        db.execute(
            f"SELECT term, doc FROM passages_vocab WHERE term IN ({marks(len(every_form))})",
            every_form,
        ).fetchall()
    )
    passages = int(db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])
    frequency = {w: max(counts.get(f, 0) for f in word_forms) for w, word_forms in forms.items()}
    ceiling = max(min(frequency.values()), COMMON_WORD_SHARE * passages)
    rare = [w for w, count in frequency.items() if count <= ceiling]
    if len(rare) == len(forms):
        return WordsExpression(everything)
    gate = " OR ".join(fts_quote(f) for w in rare for f in forms[w])
    return WordsExpression(everything, f"({gate}) AND ({everything})")


def bm25_ranking(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    condition: SqlCondition,
    candidates: set[int] | None,
    depth: int,
) -> list[ScoredPassage]:
    words = words_expression(db, parsed.ranking_words())
    if candidates is None:
        if words is None:
            return []
        if words.gated:
            ranked = fts_rows(db, words.gated, condition, depth)
            if len(ranked) >= depth:
                return ranked
            # Too few passages hold a rare word (narrow filters): let every word compete.
        return fts_rows(db, words.everything, condition, depth)
    if not candidates:
        return []
    # Passages must hold the phrases; the free words only rank them.
    phrases = _phrases_expression(parsed)
    match = f"({phrases}) AND ({phrases} OR {words.everything})" if words else phrases
    return keep_verbatim(db, parsed, fts_rows(db, match, condition), depth)


@dataclass(slots=True)
class _DenseArrays:
    generation: str
    matrix: np.ndarray  # every vector row of the file
    passage_ids: np.ndarray  # passages that have a vector, by id
    doc_rowids: np.ndarray  # their documents
    rows: np.ndarray  # their rows of `matrix`


class DenseIndex:
    """Passage vectors in memory, reloaded when the index's generation changes."""

    def __init__(self, vectors: VectorFile) -> None:
        self.vectors = vectors
        self._arrays: _DenseArrays | None = None

    def _load(self, db: sqlite3.Connection, generation: str, dimensions: int) -> _DenseArrays:
        if self._arrays is not None and self._arrays.generation == generation:
            return self._arrays
        rows = np.array(
            db.execute(
                "SELECT p.id, p.doc_rowid, e.row FROM passages p "
                "JOIN embeddings e ON e.hash = p.hash ORDER BY p.id"
            ).fetchall(),
            dtype=np.int64,
        ).reshape(-1, 3)
        self._arrays = _DenseArrays(
            generation=generation,
            matrix=self.vectors.load(dimensions),
            passage_ids=rows[:, 0],
            doc_rowids=rows[:, 1],
            rows=rows[:, 2],
        )
        return self._arrays

    def forget(self) -> None:
        self._arrays = None

    def ranking(
        self,
        db: sqlite3.Connection,
        generation: str,
        dimensions: int,
        vector: np.ndarray,
        condition: SqlCondition,
        required: set[int] | None,
        depth: int | None,
    ) -> list[ScoredPassage]:
        """The `depth` (all: None) passages nearest to `vector` among those allowed, best
        first."""
        arrays = self._load(db, generation, dimensions)
        if arrays.passage_ids.size == 0 or (required is not None and not required):
            return []
        scores = (arrays.matrix @ vector)[arrays.rows]
        allowed = np.ones(scores.shape, dtype=bool)
        if condition.sql:
            docs = db.execute(
                f"SELECT d.rowid FROM documents d WHERE {condition.sql}", condition.params
            ).fetchall()
            allowed &= np.isin(arrays.doc_rowids, np.array([r[0] for r in docs], dtype=np.int64))
        if required is not None:
            allowed &= np.isin(arrays.passage_ids, np.fromiter(required, dtype=np.int64))
        candidates = np.flatnonzero(allowed)
        if depth is not None and candidates.size > depth:
            best = np.argpartition(-scores[candidates], depth - 1)[:depth]
            candidates = candidates[best]
        candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [
            ScoredPassage(int(arrays.passage_ids[i]), int(arrays.doc_rowids[i]), float(scores[i]))
            for i in candidates
        ]


def browse(
    db: sqlite3.Connection, condition: SqlCondition, k: int, passages_per_hit: int
) -> list[RankedDocument]:
    """No query text: the documents passing the filters, newest first, with their opening
    passages."""
    where = f"WHERE {condition.sql}" if condition.sql else ""
    rows = db.execute(
        f"SELECT d.rowid FROM documents d {where} "
        f"ORDER BY d.decision_date IS NULL, d.decision_date DESC, d.doc_id LIMIT ?",
        (*condition.params, k),
    ).fetchall()
    ranked = []
    for (doc_rowid,) in rows:
        first = db.execute(
            "SELECT id FROM passages WHERE doc_rowid = ? ORDER BY ordinal LIMIT ?",
            (doc_rowid, max(1, passages_per_hit)),
        ).fetchall()
        passages = tuple(ScoredPassage(r[0], doc_rowid, 0.0) for r in first)
        ranked.append(RankedDocument(doc_rowid, 0.0, passages))
    return ranked


def to_hits(
    db: sqlite3.Connection, ranked: Sequence[RankedDocument], parsed: ParsedQuery
) -> list[SearchHit]:
    highlighter = Highlighter(parsed)
    hits = []
    for document in ranked:
        meta = db.execute(
            "SELECT doc_id, title, country, doc_type, url, language, decision_date, court, "
            "case_number FROM documents WHERE rowid = ?",
            (document.doc_rowid,),
        ).fetchone()
        passages = []
        for scored in document.passages:
            start, end, text = db.execute(
                'SELECT start, "end", text FROM passages WHERE id = ?', (scored.passage_id,)
            ).fetchone()
            passages.append(
                PassageHit(
                    text=text,
                    start=start,
                    end=end,
                    score=scored.score,
                    highlights=highlighter.spans(text, start),
                )
            )
        hits.append(
            SearchHit(
                doc_id=meta[0],
                title=meta[1],
                country=meta[2],
                doc_type=meta[3],
                source_url=meta[4],
                score=document.score,
                passages=tuple(passages),
                language=meta[5],
                decision_date=meta[6],
                court=meta[7],
                case_number=meta[8],
            )
        )
    return hits


def documents_matching(
    db: sqlite3.Connection, parsed: ParsedQuery, condition: SqlCondition
) -> set[int]:
    """Documents with a passage holding every query word and every phrase."""
    candidates = phrase_candidates(db, parsed, condition)
    if parsed.terms:
        match = fts_all(parsed.terms)
        if match is None:
            return set()
        found = fts_rows(db, match, condition, ranked=False)
        if candidates is not None:
            found = [p for p in found if p.passage_id in candidates]
    elif candidates is not None:
        found = [ScoredPassage(pid, 0, 0.0) for pid in sorted(candidates)]
    else:
        return set()
    return _documents_of(db, {p.passage_id for p in keep_verbatim(db, parsed, found, None)})


def _documents_of(db: sqlite3.Connection, passage_ids: set[int]) -> set[int]:
    docs: set[int] = set()
    for batch in batches(sorted(passage_ids)):
        rows = db.execute(
            f"SELECT doc_rowid FROM passages WHERE id IN ({marks(len(batch))})", tuple(batch)
        )
        docs.update(int(r[0]) for r in rows)
    return docs
