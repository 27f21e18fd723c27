"""The fusion both backends call (index.hybrid_fusion), on document rankings made up here."""

from __future__ import annotations

import pytest

from index.fusion import RRF_K
from index.hybrid_fusion import (
    fuse_hybrid,
    join_coded,
    joins_coded_answers,
    translated_share_for,
    translates_question,
)
from index.ranking import (
    CODED_CONCEPTS,
    CONDITIONED_TRANSLATED_SHARE,
    LEAD_MARGIN,
    TRANSLATED_SHARE,
    DenseWeighting,
    RankedDocument,
    coded_answer_passages,
)
from tiplex.records import SearchQuery

ENGLISH, INDONESIAN, MALAY = 1, 2, 3
LANGUAGES = {ENGLISH: "en", INDONESIAN: "id", MALAY: "ms"}
# Weights chosen for these tests, unlike any model's, so that each pair's share shows.
WEIGHTING = DenseWeighting(weight=0.2, cross_weight=0.9)


def ranking(*docs: int) -> list[RankedDocument]:
    return [RankedDocument(doc, 1.0 / position, ()) for position, doc in enumerate(docs, 1)]


def scores(ranked: list[RankedDocument]) -> dict[int, float]:
    return {d.doc_rowid: d.score for d in ranked}


def test_each_document_gets_the_dense_share_of_its_language_pair() -> None:
    fused = fuse_hybrid(
        ranking(ENGLISH, INDONESIAN), ranking(INDONESIAN, ENGLISH), LANGUAGES, "en", WEIGHTING, 5, 1
    )

    assert scores(fused) == pytest.approx(
        {
            ENGLISH: 0.8 / (RRF_K + 1) + 0.2 / (RRF_K + 2),
            INDONESIAN: 0.1 / (RRF_K + 2) + 0.9 / (RRF_K + 1),
        }
    )
    assert [d.doc_rowid for d in fused] == [INDONESIAN, ENGLISH]


def test_a_malay_document_is_in_the_language_of_an_indonesian_question() -> None:
    fused = fuse_hybrid(ranking(), ranking(MALAY), LANGUAGES, "id", WEIGHTING, 5, 1)

    assert scores(fused) == pytest.approx({MALAY: 0.2 / (RRF_K + 1)})


def test_without_a_say_the_lexical_ranking_stands_and_meaning_only_fills() -> None:
    english_only = DenseWeighting(weight=0.5, languages=frozenset({"en"}))
    fused = fuse_hybrid(
        ranking(ENGLISH), ranking(MALAY, ENGLISH), LANGUAGES, "id", english_only, 5, 1
    )

    assert [d.doc_rowid for d in fused] == [ENGLISH, MALAY]
    assert fused[0].score == 1.0 > fused[1].score > 0


def test_translated_words_rank_the_other_languages_apart() -> None:
    """Own language: words and meaning fused; other languages: the translated words first,
    whatever the dense ranking says, and meaning only fills a short list after them; then the
    two lists interleaved."""

    def fused(k: int) -> list[int]:
        return [
            d.doc_rowid
            for d in fuse_hybrid(
                ranking(ENGLISH),
                ranking(INDONESIAN, MALAY, ENGLISH),
                LANGUAGES,
                "en",
                WEIGHTING,
                k,
                1,
                translated=ranking(MALAY),
            )
        ]

    answer = fused(5)
    # INDONESIAN, found by meaning only, comes after the translated words' match.
    assert set(answer) == {ENGLISH, MALAY, INDONESIAN}
    assert answer.index(MALAY) < answer.index(INDONESIAN)
    assert INDONESIAN not in fused(1)  # a translated list as long as the answer: no room


def test_meaning_answers_when_the_translated_words_find_nothing() -> None:
    # A filter leaves the other languages few documents, and none holds a translated word.
    answer = fuse_hybrid(
        ranking(), ranking(INDONESIAN), LANGUAGES, "en", WEIGHTING, 5, 1, translated=ranking()
    )
    assert [d.doc_rowid for d in answer] == [INDONESIAN]


@pytest.mark.parametrize(
    ("nearest", "first"),
    [
        # The nearest Malay passage about as near as the nearest English one: Malay leads.
        ({ENGLISH: 0.86, MALAY: 0.86 - LEAD_MARGIN}, MALAY),
        # Well below it: the question is answered in English, and English leads.
        ({ENGLISH: 0.88, MALAY: 0.87 - LEAD_MARGIN}, ENGLISH),
        # No passage in another language among the nearest: English leads.
        ({ENGLISH: 0.88}, ENGLISH),
    ],
)
def test_the_side_nearest_by_meaning_leads_the_interleaved_answer(
    nearest: dict[int, float], first: int
) -> None:
    fused = fuse_hybrid(
        ranking(ENGLISH),
        ranking(ENGLISH, MALAY),
        LANGUAGES,
        "en",
        WEIGHTING,
        5,
        1,
        translated=ranking(MALAY),
        nearest=nearest,
    )

    assert fused[0].doc_rowid == first and {d.doc_rowid for d in fused} == {ENGLISH, MALAY}


def test_coded_answers_count_as_much_as_the_search() -> None:
    joined = join_coded(ranking(ENGLISH, INDONESIAN), ranking(MALAY), 5, 1)

    assert scores(joined) == pytest.approx(
        {ENGLISH: 0.5 / (RRF_K + 1), MALAY: 0.5 / (RRF_K + 1), INDONESIAN: 0.5 / (RRF_K + 2)}
    )
    assert join_coded(ranking(ENGLISH, INDONESIAN), [], 1, 1) == ranking(ENGLISH)


def test_a_coded_answer_shows_the_passages_holding_its_evidence() -> None:
    concept = [CODED_CONCEPTS["non_punishment"]]
    bounds = [(0, 100), (100, 200), (200, 300)]

    def facts(*spans: tuple[int, int]) -> dict[str, object]:
        evidence = [{"start": s, "end": e, "text": "Pasal 18"} for s, e in spans]
        return {"non_punishment": {"raised": True, "evidence": evidence}}

    assert coded_answer_passages(facts((120, 130)), concept, bounds, 3) == [1]
    assert coded_answer_passages(facts((250, 260), (150, 210)), concept, bounds, 3) == [1, 2]
    assert coded_answer_passages(facts((150, 210)), concept, bounds, 1) == [1]
    # Evidence of another field, or none: the opening passage; no passage: nothing.
    other = {"charges": [{"start": 120, "end": 130, "text": "Pasal 2"}]}
    assert coded_answer_passages(other, concept, bounds, 2) == [0]
    assert coded_answer_passages(facts(), concept, [], 2) == []


def test_which_questions_are_translated_and_joined_by_coded_answers() -> None:
    assert translates_question("en", WEIGHTING)
    assert not translates_question("id", WEIGHTING)
    assert not translates_question("en", DenseWeighting(0.5, frozenset({"en"})))
    assert not translates_question("en", DenseWeighting(0.0))
    assert joins_coded_answers("hybrid", ())
    assert not joins_coded_answers("hybrid", ("forced labour",))
    assert not joins_coded_answers("bm25", ())


def test_with_a_condition_read_meaning_ranks_the_other_languages_more() -> None:

    asked = "traffickers convicted under another law"
    read = SearchQuery(
        text=asked, filters={"conviction_law": "not_trafficking", "is_trafficking_case": "true"}
    )
    assert translated_share_for(read) == CONDITIONED_TRANSLATED_SHARE < TRANSLATED_SHARE
    assert translated_share_for(SearchQuery(text=asked)) == TRANSLATED_SHARE  # not applied

    def first(share: float) -> int:
        return fuse_hybrid(
            ranking(),
            ranking(INDONESIAN, MALAY),
            LANGUAGES,
            "en",
            WEIGHTING,
            5,
            1,
            translated=ranking(MALAY, INDONESIAN),
            translated_share=share,
        )[0].doc_rowid

    assert first(TRANSLATED_SHARE) == MALAY  # the translated words decide
    assert first(CONDITIONED_TRANSLATED_SHARE) == INDONESIAN  # meaning decides more
