"""What trends count, and the precision/recall measure of it on judged questions."""

from __future__ import annotations

from pathlib import Path

from index.embedded import EmbeddedBackend
from index.evaluation import JudgedQuery
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
