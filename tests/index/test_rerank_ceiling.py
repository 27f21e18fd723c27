"""The ceiling harness for reading more of each judgment: its translated side re-ranked by a
reader's meaning, its arguments and its count of what the candidates hold."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from index.rerank_ceiling import CeilingBackend, parse_shares, relevance_among
from tests.index.samples import _document
from tests.index.test_crosslingual import MEANINGS, GlossaryEmbedder
from tiplex.records import SearchQuery
from tiplex.settings import Settings

# Lexically the plantation judgment answers "workers on the estate" best: it holds both
# translated words. The rice-field judgment holds only "pekerja"; a reader that knows
# "ladang" is a farm finds it the nearer by meaning (its passage is all worker and farm).
PLANTATION = _document(
    "id_court:1",
    "Para pekerja bekerja di perkebunan Tawau dan menerima gaji bulanan. " * 10,
    country="ID",
    language="id",
)
RICE_FIELD = _document("id_court:2", "Pekerja di ladang. " * 10, country="ID", language="id")
ENGLISH = _document(
    "ph_court:1",
    "The accused sold shares of a company and the buyers were paid late. " * 10,
)
QUESTION = "workers on the estate"


class FieldReader(GlossaryEmbedder):
    """Reads as the index's model does, and knows that a "ladang" is a farm."""

    def __init__(self) -> None:
        super().__init__()
        self.model_id = "test/field-reader"

    def _vector(self, text: str) -> list[float]:
        return super()._vector(text.replace("ladang", "perkebunan"))


@pytest.fixture
def ceiling(tmp_path: Path) -> CeilingBackend:
    assert MEANINGS["perkebunan"] == MEANINGS["estate"]  # what the fixture relies on
    opened = CeilingBackend(
        Settings(home=tmp_path / "home"), FieldReader(), candidates=10, embedder=GlossaryEmbedder()
    )
    opened.index([PLANTATION, RICE_FIELD, ENGLISH])
    yield opened
    opened.close()


def indonesian_order(backend: CeilingBackend) -> list[str]:
    hits = backend.search(SearchQuery(text=QUESTION, mode="hybrid"))
    return [hit.doc_id for hit in hits if hit.doc_id.startswith("id_")]


def test_as_searched_the_translated_words_rank_and_nothing_is_embedded(
    ceiling: CeilingBackend,
) -> None:
    ceiling.share = 0.0

    assert indonesian_order(ceiling) == ["id_court:1", "id_court:2"]
    assert ceiling.passage_vectors == {}
    assert ceiling.corpus_ids(ceiling.last_candidates) == ["id_court_1", "id_court_2"]


def test_by_meaning_alone_the_reader_ranks_the_candidates(ceiling: CeilingBackend) -> None:
    ceiling.share = 1.0

    assert indonesian_order(ceiling) == ["id_court:2", "id_court:1"]
    # Every passage of both candidates was read, once, and is kept for the next share.
    embedded = len(ceiling.passage_vectors)
    assert embedded >= 2
    ceiling.share = 0.5
    indonesian_order(ceiling)
    assert len(ceiling.passage_vectors) == embedded


def test_the_candidates_reach_is_their_share_of_the_foreign_relevance() -> None:
    grades = {"id-1": 3, "id-2": 1, "id-3": 2, "ph-1": 3, "id-4": 0}
    foreign = {"id-1": True, "id-2": True, "id-3": True, "id-4": True, "ph-1": False}

    assert relevance_among(["id-1", "ph-1", "id-4"], grades, foreign) == (3, 6)
    assert relevance_among([], grades, foreign) == (0, 6)


def test_shares_are_read_as_a_list_between_zero_and_one() -> None:
    assert parse_shares("0,0.1, 1") == (0.0, 0.1, 1.0)
    for bad in ("", "0.1,x", "1.5", "-0.1"):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_shares(bad)
