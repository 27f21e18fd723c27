"""A ceiling for reading more of each judgment: would English questions over other languages'
judgments rank better if the model read every passage of the candidates, not the few a
document has embedded?

    python -m index.rerank_ceiling --home TIPLEX_HOME [--split tune] [--candidates 20]
        [--reader MODEL_ID] [--shares 0,0.1,0.3,0.5,1]

For each English question of the split answered mostly in other languages
(`index.retrieval_floors.mostly_not_english`), hybrid search runs as users get it, except on
its translated side (the other languages' documents ranked by the question's translated
words, `index.embedded.EmbeddedBackend._translated_side`): there the first `--candidates`
documents have every passage embedded on the spot by `--reader` (default: the index's own
model, which reads the first 128 tokens of a passage; `...#max512` reads them whole), are
ranked by their passages' nearness to the question (the nearest plus a part of the second, as
`index.ranking.rank_documents` scores documents), and that ranking is fused with the
translated words' by weighted reciprocal rank at each share (0: as searched; 1: by meaning
alone). It prints each share's mean nDCG@10, and how much of those questions' relevance in
other languages (the grades of their relevant judgments, summed) lies among the candidates:
what any re-ranking of them could reach. That share is given per question, averaged (each
question counts alike), and pooled (a question with a hundred relevant judgments counts most).

Tune questions only by default: this is a measurement to decide with, and deciding on
held-out questions spends them. Embedding is the cost (every passage of up to `--candidates`
documents per question); vectors are kept for the whole run, so each further share is cheap.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from index.backend import Embedder
from index.embedded import EmbeddedBackend
from index.embedded_search import TranslatedSide
from index.embeddings import embedder_for, passages_matrix, query_vector
from index.evaluation import RECALL_DEPTH, corpus_doc_id, load_qrels, load_queries, ndcg_at_k
from index.query import ParsedQuery
from index.ranking import ScoredPassage, fuse_documents, rank_documents
from index.retrieval_floors import (
    DEFAULT_CORPUS,
    EVAL_DIR,
    SOURCE_LANGUAGE,
    corpus_languages,
    mostly_not_english,
)
from tiplex.records import SearchQuery
from tiplex.settings import Settings, load_settings

DEFAULT_SHARES = (0.0, 0.1, 0.3, 0.5, 1.0)
DEFAULT_CANDIDATES = 20
EMBED_BATCH = 64  # passages embedded at once: bounds memory, not speed


def parse_shares(text: str) -> tuple[float, ...]:
    try:
        shares = tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 0,0.1,0.5") from None
    if not shares or any(not 0.0 <= share <= 1.0 for share in shares):
        raise argparse.ArgumentTypeError("shares lie between 0 and 1")
    return shares


def relevance_among(
    candidates: Sequence[str], grades: Mapping[str, int], foreign: Mapping[str, bool]
) -> tuple[int, int]:
    """The relevance (grades summed) of a question's judgments in other languages that lies
    among `candidates`, and all of it."""
    wanted = {doc: grade for doc, grade in grades.items() if grade >= 1 and foreign.get(doc)}
    among = set(candidates)
    return sum(grade for doc, grade in wanted.items() if doc in among), sum(wanted.values())


class CeilingBackend(EmbeddedBackend):
    """The embedded backend with its translated side re-ranked: the first `candidates`
    documents by their passages' nearness to the question as `reader` embeds every one of them,
    fused with the translated words' ranking at `share` (0: as searched)."""

    def __init__(
        self,
        settings: Settings,
        reader: Embedder,
        candidates: int,
        embedder: Embedder | None = None,
    ) -> None:
        super().__init__(settings, embedder)
        self.reader = reader
        self.candidates = candidates
        self.share = 0.0
        self.last_candidates: list[int] = []  # rowids of the last question's candidates
        self.passage_vectors: dict[int, np.ndarray] = {}  # kept across questions and shares
        self.embedding_seconds = 0.0

    def _translated_side(
        self, parsed: ParsedQuery, *rest: Any, **named: Any
    ) -> TranslatedSide | None:
        side = super()._translated_side(parsed, *rest, **named)
        if side is None:
            return None
        candidates = list(side.lexical[: self.candidates])
        self.last_candidates = [d.doc_rowid for d in candidates]
        if self.share <= 0.0 or not candidates:
            return side
        question = query_vector(self.reader, parsed.text)  # the question as the user typed it
        rows = self._db.execute(
            "SELECT id, doc_rowid, text FROM passages WHERE doc_rowid IN "
            f"({','.join('?' * len(candidates))})",
            self.last_candidates,
        ).fetchall()
        self._embed_missing([(int(pid), str(text)) for pid, _, text in rows])
        scored = [
            ScoredPassage(int(pid), int(doc), float(self.passage_vectors[int(pid)] @ question))
            for pid, doc, _ in rows
        ]
        by_meaning = rank_documents(scored, len(candidates), 1)
        weights = {d.doc_rowid: self.share for d in side.lexical}
        fused = fuse_documents(side.lexical, by_meaning, weights, len(side.lexical), 1)
        return replace(side, lexical=fused)

    def _embed_missing(self, passages: Sequence[tuple[int, str]]) -> None:
        missing = [(pid, text) for pid, text in passages if pid not in self.passage_vectors]
        started = time.perf_counter()
        for at in range(0, len(missing), EMBED_BATCH):
            batch = missing[at : at + EMBED_BATCH]
            vectors = passages_matrix(self.reader, [text for _, text in batch])
            self.passage_vectors.update(zip((pid for pid, _ in batch), vectors, strict=True))
        self.embedding_seconds += time.perf_counter() - started

    def corpus_ids(self, rowids: Sequence[int]) -> list[str]:
        """The corpus ids (`index.evaluation.corpus_doc_id`) of documents by rowid, in order."""
        if not rowids:
            return []
        rows = self._db.execute(
            f"SELECT rowid, url FROM documents WHERE rowid IN ({','.join('?' * len(rowids))})",
            list(rowids),
        ).fetchall()
        urls = {int(rowid): str(url) for rowid, url in rows}
        return [corpus_doc_id(urls[r]) for r in rowids if r in urls]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.rerank_ceiling")
    parser.add_argument("--home", type=Path, default=os.environ.get("TIPLEX_BENCH_HOME"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS.resolve())
    parser.add_argument("--split", default="tune", help="judged questions' split (default tune)")
    parser.add_argument("--candidates", type=int, default=DEFAULT_CANDIDATES)
    parser.add_argument(
        "--reader",
        help="embedding model id that reads the candidates' passages (default: the index's)",
    )
    parser.add_argument("--shares", type=parse_shares, default=DEFAULT_SHARES)
    args = parser.parse_args(argv)
    if args.candidates < 1:
        parser.error("--candidates must be at least 1")
    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"rerank ceiling: no corpus at {args.corpus}; nothing to measure")
        return 0
    if args.home is None or not (args.home / "index").is_dir():
        print("rerank ceiling: no index (--home: a TIPLEX_HOME where `tiplex ingest` ran)")
        return 0
    settings = load_settings(args.home)
    # Without --reader the index's own model reads the passages: loaded once, for both.
    reader = embedder_for(args.reader or settings.embedding_model)
    searcher = None if args.reader else reader
    backend = CeilingBackend(settings, reader, args.candidates, embedder=searcher)
    try:
        for line in measure(backend, args.corpus, args.split, args.shares):
            print(line, flush=True)
    finally:
        backend.close()
    return 0


def measure(
    backend: CeilingBackend, corpus: Path, split: str, shares: Sequence[float]
) -> Iterator[str]:
    """Lines of the report: a heading, each share's mean nDCG@10, the candidates' reach."""
    languages = corpus_languages(corpus)
    foreign = {doc: language != SOURCE_LANGUAGE for doc, language in languages.items()}
    qrels = load_qrels(EVAL_DIR / "qrels.tsv")
    questions = [
        q
        for q in load_queries(EVAL_DIR / "queries.jsonl", split)
        if q.language == SOURCE_LANGUAGE and mostly_not_english(qrels.get(q.qid, {}), languages)
    ]
    yield (
        f"rerank ceiling: {len(questions)} English {split} questions answered mostly in other "
        f"languages; first {backend.candidates} translated candidates read by "
        f"{backend.reader.model_id}"
    )
    found = total = 0
    reach: list[float] = []  # each question's share of its relevance among the candidates
    for round_number, share in enumerate(shares):
        backend.share = share
        scores = []
        for question in questions:
            grades = qrels.get(question.qid, {})
            hits = backend.search(SearchQuery(text=question.text, mode="hybrid", k=RECALL_DEPTH))
            scores.append(ndcg_at_k([corpus_doc_id(hit) for hit in hits], grades))
            if round_number == 0:
                have, wanted = relevance_among(
                    backend.corpus_ids(backend.last_candidates), grades, foreign
                )
                found, total = found + have, total + wanted
                if wanted:
                    reach.append(have / wanted)
        mean = sum(scores) / len(scores) if scores else 0.0
        label = {0.0: "  as searched", 1.0: "  by meaning alone"}.get(share, "")
        yield f"  share {share:.2f}  nDCG@10 {mean:.3f}{label}"
    averaged = sum(reach) / len(reach) if reach else 0.0
    yield (
        f"  the candidates hold {averaged:.0%} of a question's relevance in other languages on "
        f"average ({found / total if total else 0.0:.0%} pooled)"
    )
    yield (
        f"  {len(backend.passage_vectors)} passages embedded in {backend.embedding_seconds:.0f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
