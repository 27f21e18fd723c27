"""The retrieval floors `make bench` holds: which questions count in which subset, and a
figure below its floor failing."""

from __future__ import annotations

from index.evaluation import JudgedQuery
from index.retrieval_floors import (
    FLOORS_FILE,
    MOSTLY_NOT_ENGLISH,
    check_floors,
    load_floors,
    mostly_not_english,
    subset_of,
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
