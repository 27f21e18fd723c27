"""How much the dense ranking counts in hybrid fusion, per pair of languages."""

from __future__ import annotations

import pytest

from index.ranking import (
    OWN_WORDS_MINIMUM_SHOULD_MATCH,
    DenseWeighting,
    RankedDocument,
    ScoredPassage,
    dense_weighting,
    fuse_documents,
    language_of_matches,
    own_words_required,
)
from tests.index.fakes import HashingEmbedder


def _ranking(*rowids: int) -> list[RankedDocument]:
    return [
        RankedDocument(rowid, 1.0, (ScoredPassage(rowid * 10, rowid, 1.0),)) for rowid in rowids
    ]


def test_pairs_of_different_languages_get_the_cross_weight() -> None:
    weighting = DenseWeighting(0.2, None, cross_weight=0.95)

    assert weighting.for_pair("id", "id") == 0.2
    assert weighting.for_pair("en", "id") == 0.95
    english_only = DenseWeighting(0.5, frozenset({"en"}), cross_weight=0.9)
    assert english_only.for_pair("en", "id") == 0.0  # the model cannot read the document
    assert english_only.for_pair("id", "id") == 0.0  # nor the question


def test_overrides_win_and_one_override_sets_both_weights() -> None:
    embedder = HashingEmbedder()
    assert dense_weighting(embedder, 0.4) == DenseWeighting(0.4, None, 0.4)
    assert dense_weighting(embedder, 0.4, 0.8) == DenseWeighting(0.4, None, 0.8)


def test_a_document_only_the_lexical_side_found_keeps_only_its_lexical_share() -> None:
    """Plain weighted fusion: with the dense side counting for every document, one found by
    meaning at the top outranks one found only by words at rank 10."""
    lexical = _ranking(*range(1, 11))
    dense = _ranking(99)
    weights = dict.fromkeys([*range(1, 11), 99], 0.5)

    fused = fuse_documents(lexical, dense, weights, k=10, passages_per_hit=1)

    assert [d.doc_rowid for d in fused][:1] == [1]
    assert 99 in [d.doc_rowid for d in fused]
    assert 10 not in [d.doc_rowid for d in fused]


def test_a_question_without_function_words_takes_the_language_of_its_best_matches() -> None:
    """ "kerangkeng manusia" names no function word; treated as a stranger to every document,
    it would give the dense side the cross-language weight over Indonesian judgments."""
    assert language_of_matches(["id", "id", "en", "ms"]) == "id"  # Malay counts as Indonesian
    assert language_of_matches(["en", "en", "id"]) == "en"
    assert language_of_matches(["en", "id"]) == "und"  # a tie tells nothing
    assert language_of_matches([]) == "und"


def test_a_question_language_may_let_bm25_lead_over_its_own_documents() -> None:
    """Indonesian questions lost to BM25 alone with any dense weight over Indonesian and Malay
    documents; meaning still bridges them to documents in other languages."""
    weighting = DenseWeighting(0.1, None, 0.95, {"id": (0.0, 0.95)})

    assert weighting.for_pair("id", "id") == weighting.for_pair("id", "ms") == 0.0
    assert weighting.for_pair("id", "en") == 0.95
    assert weighting.has_say("id")  # the dense side is still computed, for the English ones
    assert weighting.for_pair("en", "en") == 0.1  # other question languages keep theirs
    assert weighting.for_pair("en", "id") == 0.95


@pytest.mark.parametrize("words", range(1, 21))
def test_both_backends_ask_the_same_number_of_words_for_the_question_language_to_lead(
    words: int,
) -> None:
    # Elasticsearch reads "-P%" as: at most floor(P% of the words) may be missing.
    missing = int(OWN_WORDS_MINIMUM_SHOULD_MATCH.strip("-%"))
    assert own_words_required(words) == words - words * missing // 100
    assert own_words_required(4) == 3 and own_words_required(5) == 4
