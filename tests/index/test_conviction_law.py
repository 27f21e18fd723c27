"""A conviction under another law than the trafficking law, read from a question's words, and
the `conviction_law` filter's values."""

from __future__ import annotations

import pytest

from index.conviction_law import conviction_law_in, parse_conviction_law_filter
from index.question_filters import question_filters


@pytest.mark.parametrize(
    ("question", "law"),
    [
        (
            "exploiting a child ended in a conviction under the Child Protection Act instead",
            "child_protection",
        ),
        (
            "recruiters convicted under the migrant workers law rather than for trafficking",
            "migrant_workers",
        ),
        ("traffickers found guilty of a lesser offence", "not_trafficking"),
        ("terdakwa dipidana dengan undang-undang lain, bukan UU TPPO", "not_trafficking"),
        ("dihukum berdasarkan UU Perlindungan Anak", "child_protection"),
    ],
)
def test_a_question_about_a_conviction_under_another_law_reads_it(question: str, law: str) -> None:
    assert conviction_law_in(question) == law


@pytest.mark.parametrize(
    "question",
    [
        "traffickers convicted of recruiting fishermen",  # convictions under the trafficking law
        "child protection act and trafficking of children",  # no conviction spoken of
        "pekerja migran dikirim ke Malaysia",
    ],
)
def test_other_questions_read_no_conviction_law(question: str) -> None:
    assert conviction_law_in(question) is None


def test_filter_values_and_the_trafficking_cases_asked_of() -> None:
    assert parse_conviction_law_filter("Vice, trafficking") == ("vice", "trafficking")
    assert "trafficking" not in parse_conviction_law_filter("not_trafficking")
    assert "child_protection" in parse_conviction_law_filter("not_trafficking")
    with pytest.raises(ValueError, match="conviction_law takes trafficking, child_protection"):
        parse_conviction_law_filter("labour_law")
    assert question_filters("traffickers convicted under another law") == {
        "conviction_law": "not_trafficking",
        "is_trafficking_case": "true",
    }


def test_a_law_named_but_not_convicted_under_is_not_read() -> None:
    assert conviction_law_in("traffickers convicted for the placement of girls under age") is None
    assert conviction_law_in("recruiters convicted under the Migrant Workers Act") == (
        "migrant_workers"
    )
