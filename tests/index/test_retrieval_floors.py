"""The retrieval floors `make bench` holds: which questions count in which subset, and a
figure below its floor failing."""

from __future__ import annotations

import argparse

import pytest

from index.evaluation import (
    JudgedQuery,
    MetricSummary,
    ModeReport,
    QueryScore,
    RetrievalReport,
    load_queries,
)
from index.retrieval_floors import (
    EVAL_DIR,
    FLOORS_FILE,
    MOSTLY_NOT_ENGLISH,
    check_floors,
    floored_questions,
    load_floors,
    mostly_not_english,
    question_range,
    subset_figures,
    subset_of,
    within,
)

LANGUAGES = {"id-1": "id", "id-2": "id", "ph-1": "en", "ph-2": "en"}


def test_a_question_is_mostly_answered_in_another_language_by_its_grades() -> None:
    assert mostly_not_english({"id-1": 3, "ph-1": 2}, LANGUAGES)
    assert not mostly_not_english({"id-1": 1, "ph-1": 3}, LANGUAGES)
    assert not mostly_not_english({"id-1": 2, "ph-1": 2}, LANGUAGES)  # half is not most
    assert not mostly_not_english({"id-1": 0, "ph-1": 1}, LANGUAGES)  # judged irrelevant


def test_only_english_questions_join_the_cross_language_subset() -> None:
    english = JudgedQuery("q1", "passports held by the employer", "en", "topic", "test")
    malay = JudgedQuery("q2", "pasport disimpan majikan", "ms", "topic", "test")
    grades = {"id-1": 3, "id-2": 3}
    assert subset_of(english, grades, LANGUAGES) == ["all", "en", MOSTLY_NOT_ENGLISH]
    assert subset_of(malay, grades, LANGUAGES) == ["all", "ms"]


def test_a_figure_below_its_floor_or_missing_fails() -> None:
    floors = {"all": {"bm25": 0.5, "hybrid": 0.55}, "tl": {"hybrid": 0.8}}
    checks = check_floors({"all": {"bm25": 0.51, "hybrid": 0.549}}, floors)
    verdicts = {(c.subset, c.mode): c.passed for c in checks}
    assert verdicts == {("all", "bm25"): True, ("all", "hybrid"): False, ("tl", "hybrid"): False}
    assert checks[1].line().startswith("FAIL")


def test_the_committed_floors_cover_every_published_subset() -> None:
    floors = load_floors(FLOORS_FILE)
    assert {"all", "en", MOSTLY_NOT_ENGLISH, "id", "ms"} <= set(floors)
    assert all(set(modes) == {"bm25", "hybrid"} for modes in floors.values())
    assert all(0.0 < value < 1.0 for modes in floors.values() for value in modes.values())


def test_only_the_questions_the_floors_were_measured_on_count() -> None:
    bounds = ("q001", "q095")
    assert within("q001", bounds) and within("q095", bounds)
    assert not within("q096", bounds) and not within("q1000", bounds)
    assert within("q123", None)

    def score(qid: str, ndcg: float) -> QueryScore:
        return QueryScore(qid, "en", "topic", ndcg, 0.0, 1, 10)

    summary = MetricSummary(2, 0.0, 0.0)
    mode = ModeReport("bm25", summary, {}, {}, (score("q095", 0.8), score("q096", 0.2)))
    report = RetrievalReport("test system", "test", (mode,))
    measured = [JudgedQuery("q095", "passports held by the employer", "en", "topic", "test")]

    figures = subset_figures(report, measured, {}, LANGUAGES)

    assert figures == {"all": {"bm25": 0.8}, "en": {"bm25": 0.8}}  # q096 left out


def test_the_committed_floors_name_questions_of_the_judged_set() -> None:
    bounds = floored_questions(FLOORS_FILE)
    assert bounds is not None
    qids = {q.qid for q in load_queries(EVAL_DIR / "queries.jsonl")}
    assert set(bounds) <= qids
    assert any(
        q.split == "test" and within(q.qid, bounds)
        for q in load_queries(EVAL_DIR / "queries.jsonl")
    )


def test_a_question_range_is_read_as_its_first_and_last_id() -> None:
    assert question_range("q096-q123") == ("q096", "q123")
    assert within("q100", question_range("q096-q123"))
    assert not within("q095", question_range("q096-q123"))
    with pytest.raises(argparse.ArgumentTypeError):
        question_range("q096")
