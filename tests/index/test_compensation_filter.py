"""Compensation ordered read from a question's words, and the `compensation` filter's values."""

from __future__ import annotations

import pytest

from index.compensation_filter import compensation_in, parse_compensation_filter
from index.question_filters import question_filters, with_question_filters
from tiplex.records import COMPENSATION_KINDS, SearchQuery


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("trafficker cannot pay the restitution so serves more months in jail", "restitution"),
        ("restitution ordered for the victims of forced labour", "restitution"),
        ("victims awarded compensation by the court", "any"),
        ("moral damages awarded to the trafficked minors", "moral_damages"),
        ("exemplary damages paid to each victim", "exemplary_damages"),
        # Indonesian and Malay
        ("terdakwa tidak membayar restitusi diganti pidana kurungan", "restitution"),
        ("hakim mengabulkan permohonan restitusi korban", "restitution"),
        ("mahkamah memerintahkan pampasan dibayar kepada mangsa", "restitution"),
    ],
)
def test_a_question_asking_for_an_award_ordered_gives_its_kind(
    question: str, expected: str
) -> None:
    assert compensation_in(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "the court refused the victim's restitution claim",  # a refusal is not coded as award
        "permohonan restitusi korban ditolak majelis hakim",
        "restitusi tidak dapat diterima",
        "restitution for trafficking victims",  # nothing about it being ordered or paid
        "debt bondage on fishing boats paid off by wages",  # paid, but no award named
    ],
)
def test_refusals_and_mere_mentions_are_not_read_as_awards(question: str) -> None:
    assert compensation_in(question) is None


def test_filter_values_and_their_errors() -> None:
    assert parse_compensation_filter("restitution") == ("restitution",)
    assert parse_compensation_filter("Moral_Damages, exemplary_damages") == (
        "moral_damages",
        "exemplary_damages",
    )
    assert parse_compensation_filter("any") == COMPENSATION_KINDS
    with pytest.raises(ValueError, match="compensation takes restitution"):
        parse_compensation_filter("yes")


def test_both_conditions_are_read_and_a_users_own_filter_wins() -> None:
    asked = "sentenced to ten years or more and ordered to pay restitution"
    assert question_filters(asked) == {"sentence_months": "120..", "compensation": "restitution"}

    read = with_question_filters(SearchQuery(text=asked, filters={"compensation": "any"}))
    assert read.filters == {"compensation": "any", "sentence_months": "120.."}
    keyword = SearchQuery(text=asked, mode="bm25")
    assert with_question_filters(keyword) == keyword
