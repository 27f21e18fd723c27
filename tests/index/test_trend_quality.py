"""What trends count, and the precision/recall measure of it on judged questions."""

from __future__ import annotations

from pathlib import Path

from index.embedded import EmbeddedBackend
from index.evaluation import JudgedQuery
from index.ranking import TREND_DEPTH, counts_as_relevant
from index.trend_quality import counting_scores, summary
from tests.index import samples
from tests.index.fakes import HashingEmbedder
from tiplex.records import SearchQuery
from tiplex.settings import Settings


def test_counted_documents_are_the_ones_count_by_counts(tmp_path: Path) -> None:
    backend = EmbeddedBackend(Settings(home=tmp_path / "home"), HashingEmbedder())
    try:
        backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
        query = SearchQuery(text="terdakwa")

        counted = backend.counted_documents(query)
        groups = backend.count_by(query, ["country"])

        assert len(counted) == sum(g["count"] for g in groups) == 2
        assert all(doc.startswith("id_") for doc in counted)
        everything = backend.counted_documents(SearchQuery(text="", filters={"country": "ID"}))
        assert set(counted) <= set(everything)
    finally:
        backend.close()


def test_precision_and_recall_per_question_and_overall() -> None:
    queries = [
        JudgedQuery("q1", "first", "en", "topic", "test"),
        JudgedQuery("q2", "second", "id", "topic", "test"),
        JudgedQuery("q3", "nothing judged", "en", "topic", "test"),
    ]
    qrels = {"q1": {"a": 3, "b": 1, "c": 2}, "q2": {"d": 2}, "q3": {}}
    counted = {"first": ["a", "b", "x", "y"], "second": []}

    scores = counting_scores(lambda text: counted[text], queries, qrels)

    assert [(s.qid, s.precision, s.recall) for s in scores] == [
        ("q1", 0.5, 2 / 3),
        ("q2", 0.0, 0.0),
    ]
    text = summary(scores)
    assert "2 questions" in text and "1 count nothing" in text
    assert "recall macro 0.333 micro 0.500" in text


def test_a_judgment_counts_by_relevance_without_every_word_of_the_question(
    tmp_path: Path,
) -> None:
    """A question written as a sentence rarely has all its words in one passage: the
    judgment nearest to it by meaning among its best hybrid answers still counts."""
    backend = EmbeddedBackend(Settings(home=tmp_path / "home"), HashingEmbedder())
    try:
        backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
        query = SearchQuery(text="terdakwa zzyzx-never-written")
        best = backend.search(SearchQuery(text=query.text, mode="hybrid", k=10))

        counted = backend.counted_documents(query)

        assert counted, "nothing counted"
        assert set(counted) <= {hit.doc_id for hit in best}
        assert sum(g["count"] for g in backend.count_by(query, ["country"])) == len(counted)
    finally:
        backend.close()


def test_only_answers_about_as_near_as_the_nearest_answer_count_by_relevance() -> None:
    best_cosine = {1: 0.90, 2: 0.885, 3: 0.85, 4: 0.95}
    # 4 is nearer than any answer but not among them: it neither counts nor sets the bar.
    assert counts_as_relevant([1, 2, 3], best_cosine) == {1}
    assert counts_as_relevant([2, 1], {1: 0.90, 2: 0.895}) == {1, 2}
    assert counts_as_relevant([1, 2], {}) == set()
    far_down = [10 + n for n in range(TREND_DEPTH)] + [1]
    assert counts_as_relevant(far_down, {1: 0.9, 10: 0.5}) == {10}  # 1 is below the answers
