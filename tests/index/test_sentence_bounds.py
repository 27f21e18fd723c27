"""Prison terms read from a question's words, and the `sentence_months` filter's values."""

from __future__ import annotations

import pytest

from index.question_filters import with_question_filters
from index.sentence_bounds import (
    SentenceRange,
    parse_sentence_filter,
    sentence_range_in,
)
from tiplex.records import SearchQuery


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("traffickers sentenced to ten years in prison or more", SentenceRange(low=120)),
        ("a 10-year sentence or more", SentenceRange(low=120)),
        ("sentences of at least 5 years", SentenceRange(low=60)),
        ("sentenced to more than 3 years", SentenceRange(low=37)),
        ("prison terms under 3 years", SentenceRange(high=35)),
        ("jailed for 18 months or less", SentenceRange(high=18)),
        ("sentenced between 4 and 6 years", SentenceRange(low=48, high=72)),
        ("life imprisonment for traffickers", SentenceRange(life=True)),
        # Indonesian and Malay
        ("pidana penjara 10 tahun atau lebih", SentenceRange(low=120)),
        ("divonis lebih dari lima tahun penjara", SentenceRange(low=61)),
        ("hukuman kurang dari tiga tahun", SentenceRange(high=35)),
        ("penjara seumur hidup", SentenceRange(life=True)),
        # Below a minimum the question names: the comparison that comes first decides.
        ("trafficking convictions sentenced below the three-year minimum", SentenceRange(high=35)),
        ("prison terms under the statutory minimum of three years", SentenceRange(high=35)),
        ("divonis di bawah ancaman minimal 3 tahun penjara", SentenceRange(high=35)),
        ("a prison term of a minimum of 4 years", SentenceRange(low=48)),
    ],
)
def test_a_question_asking_for_a_prison_term_gives_its_range(
    question: str, expected: SentenceRange
) -> None:
    assert sentence_range_in(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "workers who stayed 10 years or more",  # no sentence spoken of
        "children under 18 years sentenced for theft",  # an age
        "victims under 18 years old and the sentence",
        "anak di bawah 18 tahun dihukum",
        "traffickers sentenced more than 10 years ago",  # a time, not a term
        "sentenced traffickers in Batam",
        "traffickers sentenced for exploiting girls under the age of 15 years",
    ],
)
def test_ages_and_other_numbers_are_not_prison_terms(question: str) -> None:
    assert sentence_range_in(question) is None


def test_filter_values_and_their_errors() -> None:
    assert parse_sentence_filter("120..") == [SentenceRange(low=120)]
    assert parse_sentence_filter("24..60, life") == [
        SentenceRange(24, 60),
        SentenceRange(life=True),
    ]
    assert parse_sentence_filter("36") == [SentenceRange(36, 36)]
    with pytest.raises(ValueError, match="sentence_months takes months"):
        parse_sentence_filter("ten years")
    assert SentenceRange(low=120).as_filter() == "120.."
    assert SentenceRange(high=35).as_filter() == "..35"


def test_only_a_hybrid_question_without_its_own_term_filter_is_read() -> None:
    asked = "sentenced to ten years or more"

    read = with_question_filters(SearchQuery(text=asked, filters={"country": "ID"}))
    assert read.filters == {"country": "ID", "sentence_months": "120.."}
    keyword = SearchQuery(text=asked, mode="bm25")
    assert with_question_filters(keyword) == keyword
    # A filter the user set wins over what the words say.
    own = SearchQuery(text=asked, filters={"sentence_months": "..35"})
    assert with_question_filters(own) == own
