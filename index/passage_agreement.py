"""How often `index.best_passages` shows the passages FTS5's `bm25()` would have shown.

    python -m index.passage_agreement HOME/index [--questions q001-q095]

For the top ten documents (whole-document BM25) of each judged question's own words, the
passages `best_passages` picks are compared with those one FTS5 `bm25()` query over the
document's rows ranks first: the same first passage, the same three. The FTS5 lookup is kept
here only as the reference it replaced; CPU milliseconds per document are printed for both,
measured in the same run.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from index.best_passages import best_passages
from index.document_bm25 import DocumentStatistics, WeightedUnit
from index.embedded_search import lexical_units
from index.evaluation import load_queries
from index.query import parse_query
from index.retrieval_floors import EVAL_DIR, question_range, within

DOCUMENTS_PER_QUESTION = 10
SHOWN = 3


def fts5_passages(
    db: sqlite3.Connection, doc_rowid: int, units: Sequence[WeightedUnit], count: int
) -> list[int]:
    """The passage ids one FTS5 `bm25()` query over the document's rows ranks first (its
    opening passages when none matches)."""
    first, last = db.execute(
        "SELECT MIN(id), MAX(id) FROM passages WHERE doc_rowid = ?", (doc_rowid,)
    ).fetchone()
    if units and first is not None:
        match = " OR ".join(f"({u.expression})" for u in units)
        rows = db.execute(
            "SELECT p.id FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid "
            "WHERE passages_fts MATCH ? AND passages_fts.rowid BETWEEN ? AND ? "
            "AND p.doc_rowid = ? ORDER BY bm25(passages_fts) LIMIT ?",
            (match, first, last, doc_rowid, count),
        ).fetchall()
        if rows:
            return [int(r[0]) for r in rows]
    rows = db.execute(
        "SELECT id FROM passages WHERE doc_rowid = ? ORDER BY ordinal LIMIT ?", (doc_rowid, count)
    ).fetchall()
    return [int(r[0]) for r in rows]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m index.passage_agreement")
    parser.add_argument("index", type=Path, help="an index folder (TIPLEX_HOME/index)")
    parser.add_argument("--questions", type=question_range, default=("q001", "q095"))
    args = parser.parse_args(argv)
    db = sqlite3.connect(f"{(args.index / 'tiplex.sqlite').resolve().as_uri()}?mode=ro", uri=True)
    statistics = DocumentStatistics()
    generation = "measured"  # one read-only snapshot: any fixed name will do
    total = statistics.passage_total(db, generation)
    questions = [
        q for q in load_queries(EVAL_DIR / "queries.jsonl") if within(q.qid, args.questions)
    ]
    documents = same_first = same_shown = 0
    reference_cpu = new_cpu = 0.0
    for question in questions:
        statistics.begin_query()
        units = lexical_units(db, statistics, generation, parse_query(question.text))
        scores = statistics.scores(db, generation, units)
        for doc in sorted(scores, key=lambda d: (-scores[d], d))[:DOCUMENTS_PER_QUESTION]:
            started = time.process_time()
            reference = fts5_passages(db, doc, units, SHOWN)
            middle = time.process_time()
            # As a search picks them: with the unit matches its document scores found.
            shown = best_passages(db, doc, units, SHOWN, total, statistics.unit_passages)
            chosen = [p.passage_id for p in shown]
            reference_cpu += middle - started
            new_cpu += time.process_time() - middle
            documents += 1
            same_first += reference[:1] == chosen[:1]
            same_shown += set(reference) == set(chosen)
    if not documents:
        print("no document to compare")
        return
    print(
        f"{len(questions)} questions, {documents} documents: same first passage {same_first} "
        f"({same_first / documents:.1%}), same {SHOWN} ({same_shown / documents:.1%}); "
        f"CPU per document: FTS5 bm25() {1000 * reference_cpu / documents:.2f} ms, "
        f"best_passages {1000 * new_cpu / documents:.2f} ms"
    )


if __name__ == "__main__":
    main()
