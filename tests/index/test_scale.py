"""What keeps ingest and queries fast at corpus scale: one model load per process, quiet
loading, vectors read from a memory map, a second ingest that embeds nothing, and the bench
that reports these figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import index
from index import bench, embeddings
from index.embedded import EmbeddedBackend
from index.embeddings import EmbeddingSpec, SentenceTransformerEmbedder
from index.vectors import VectorFile
from tests.index.fakes import HashingEmbedder
from tiplex.records import Document
from tiplex.settings import DEFAULT_EMBEDDING_MODEL, Settings

WORDS = ("recruiters", "promised", "workers", "jobs", "abroad", "kept", "passports", "wages")


class _FakeModel:
    max_seq_length = 256


@pytest.fixture
def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replaces model loading with a counter (and an empty cache) for the test."""
    loads: list[str] = []

    def fake_load(spec: EmbeddingSpec) -> _FakeModel:
        loads.append(spec.model_id)
        return _FakeModel()

    monkeypatch.setattr(embeddings, "_MODELS", {})
    monkeypatch.setattr(embeddings, "_load_model", fake_load)
    return loads


def test_a_model_loads_once_per_process_whatever_opens_it(
    counted_loads: list[str], tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path)
    backends = [index.open_backend(settings) for _ in range(3)]
    models = [b.embedder.model for b in backends]  # type: ignore[attr-defined]
    models.append(SentenceTransformerEmbedder(DEFAULT_EMBEDDING_MODEL).model)
    for backend in backends:
        backend.close()

    assert counted_loads == [DEFAULT_EMBEDDING_MODEL]
    assert all(model is models[0] for model in models)


PLAIN_MINILM = "sentence-transformers/all-MiniLM-L6-v2"  # fp32, no options


def test_each_model_variant_is_loaded_separately(counted_loads: list[str]) -> None:
    plain = SentenceTransformerEmbedder(PLAIN_MINILM).model
    quantized = SentenceTransformerEmbedder(PLAIN_MINILM + "#max64,int8").model
    same = SentenceTransformerEmbedder(PLAIN_MINILM + "#int8,max64").model

    assert counted_loads == [PLAIN_MINILM, PLAIN_MINILM + "#int8,max64"]
    assert plain is not quantized
    assert same is quantized
    assert embeddings.loaded_model_ids() == tuple(counted_loads)


@pytest.mark.slow
def test_loading_the_model_writes_nothing_on_stderr() -> None:
    script = (
        "from index.embeddings import SentenceTransformerEmbedder\n"
        "print(len(SentenceTransformerEmbedder().embed_query('forced labour')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )

    assert done.stdout.strip() == "384"
    assert done.stderr == ""


def test_vectors_are_read_from_a_map_that_sees_later_rows_when_opened_again(
    tmp_path: Path,
) -> None:
    vectors = VectorFile(tmp_path / "vectors.f32")
    first = np.eye(3, 4, dtype=np.float32)
    vectors.append(first)
    mapped = vectors.load(4)
    vectors.append(np.full((2, 4), 0.5, dtype=np.float32))

    assert isinstance(mapped, np.memmap)
    assert np.array_equal(mapped, first)  # a map taken earlier keeps its rows
    assert vectors.load(4).shape == (5, 4)
    assert np.array_equal(vectors.load(4)[3:], np.full((2, 4), 0.5, dtype=np.float32))
    assert VectorFile(tmp_path / "absent.f32").load(4).shape == (0, 4)


def _document(number: int, words: int = 600) -> Document:
    text = " ".join(
        f"{WORDS[(number + i) % len(WORDS)]}{i % 7 if i % 5 else ''}." for i in range(words)
    )
    return Document(
        doc_id=f"test:{number}",
        source_id="test",
        url=f"file:///{number}.txt",
        country="SG",
        language="en",
        doc_type="judgment",
        title=f"Judgment {number}",
        text=text,
        sha256=str(number),
        content_type="text/plain",
        raw_path="",
        fetched_at="",
    )


def test_bench_ingest_reports_steps_and_a_second_ingest_embeds_nothing(tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    backend = EmbeddedBackend(Settings(home=tmp_path), embedder)
    documents = [_document(n) for n in range(5)]

    report, steps, cpu = bench.ingest(backend, documents)
    embedded_first = embedder.passages_embedded
    again, _, _ = bench.ingest(backend, documents)
    backend.close()

    assert report.documents_indexed == 5
    assert report.passages_embedded == embedded_first > 0
    assert {"chunk", "embed", "write", "optimize"} <= set(steps) == set(cpu)
    assert sum(cpu.values()) > 0
    assert again.passages_embedded == 0
    assert embedder.passages_embedded == embedded_first


def test_bench_reads_the_manifest_and_spreads_a_limit_over_it(tmp_path: Path) -> None:
    lines = []
    for number in range(10):
        (tmp_path / f"{number}.txt").write_text(f"document {number}", encoding="utf-8")
        lines.append(
            f'{{"doc_id": "sg-{number}", "path": "{number}.txt", "country": "SG", '
            f'"language": "en", "doc_type": "judgment", "chars": 10}}'
        )
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    chosen = bench.read_documents(tmp_path, 5)

    assert [d.doc_id for d in chosen] == ["sg-0", "sg-2", "sg-4", "sg-6", "sg-8"]
    assert chosen[3].text == "document 6"
    assert bench.corpus_chars(tmp_path) == 100


def test_bench_measures_an_existing_index_with_the_model_it_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "index"
    backend = EmbeddedBackend(Settings(home=tmp_path), HashingEmbedder(), directory=directory)
    backend.index([_document(n) for n in range(3)])
    backend.close()
    chosen: list[str] = []

    def hashing(model_id: str, **_: Any) -> HashingEmbedder:
        chosen.append(model_id)
        return HashingEmbedder(model_id)

    monkeypatch.setattr(bench, "embedder_for", hashing)

    result = bench.run_existing(directory, None)

    assert chosen == ["test/hashing-64"]
    assert result["documents"] == 3
    assert set(result["query_latency"]) == {"bm25", "dense", "hybrid", "hybrid_en"}
    assert all(f["p95_ms"] >= f["p50_ms"] >= 0 for f in result["query_latency"].values())
    assert result["index_bytes"] > 0


def test_a_query_is_embedded_on_one_thread_and_the_setting_is_restored(
    counted_loads: list[str],
) -> None:
    import torch

    seen: list[int] = []

    class OneThreadCheckingModel(_FakeModel):
        def get_embedding_dimension(self) -> int:
            return 4

        def encode(self, texts: list[str], **_: Any) -> np.ndarray:
            seen.append(torch.get_num_threads())
            return np.ones((len(texts), 4), dtype=np.float32) / 2

        # A query goes straight to the model (see SentenceTransformerEmbedder._encode_few).
        def preprocess(self, texts: list[str]) -> dict[str, int]:
            return {"texts": len(texts)}

        def __call__(self, features: dict[str, int]) -> dict[str, Any]:
            seen.append(torch.get_num_threads())
            return {"sentence_embedding": torch.ones((features["texts"], 4))}

    embedder = SentenceTransformerEmbedder(DEFAULT_EMBEDDING_MODEL)
    embedder._model = OneThreadCheckingModel()  # type: ignore[assignment]
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        embedder.embed_query_array("forced labour")
        embedder.embed_passages_array(["one passage", "another passage"])
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)

    assert seen == [1, 2]


def test_an_embedder_encodes_one_batch_at_a_time(counted_loads: list[str]) -> None:
    # A search embeds its question on a worker thread while the calling thread may embed the
    # question's unknown words, and the fast tokenizer cannot serve two threads at once: the
    # embedder must let one batch through at a time, however its callers overlap.
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    import torch

    inside = 0
    most_inside = 0
    counting = threading.Lock()

    def one_at_a_time(texts: int) -> torch.Tensor:
        nonlocal inside, most_inside
        with counting:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.02)  # long enough for the other thread to arrive while this one works
        with counting:
            inside -= 1
        return torch.ones((texts, 4))

    class CountingModel(_FakeModel):
        def get_embedding_dimension(self) -> int:
            return 4

        def encode(self, texts: list[str], **_: Any) -> np.ndarray:
            return np.asarray(one_at_a_time(len(texts)).numpy()) / 2

        def preprocess(self, texts: list[str]) -> dict[str, int]:
            return {"texts": len(texts)}

        def __call__(self, features: dict[str, int]) -> dict[str, Any]:
            return {"sentence_embedding": one_at_a_time(features["texts"])}

    embedder = SentenceTransformerEmbedder(DEFAULT_EMBEDDING_MODEL)
    embedder._model = CountingModel()  # type: ignore[assignment]
    with ThreadPoolExecutor(max_workers=3) as pool:
        jobs = [
            pool.submit(lambda: [embedder.embed_query_array(f"question {n}") for n in range(5)]),
            pool.submit(lambda: [embedder.embed_few_passages_array([f"w{n}"]) for n in range(5)]),
            pool.submit(lambda: [embedder.embed_passages_array(["a", "b"]) for _ in range(5)]),
        ]
        for job in jobs:
            job.result()

    assert most_inside == 1
