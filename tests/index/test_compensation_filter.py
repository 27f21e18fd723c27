"""Compensation ordered read from a question's words, and the `compensation` filter's values."""

from __future__ import annotations

import pytest

from index.compensation_filter import compensation_in, parse_compensation_filter
from index.question_filters import question_filters, with_question_filters
from tiplex.records import COMPENSATION_KINDS, SearchQuery


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("restitution ordered for the victims of forced labour", "restitution"),
        ("victims awarded compensation by the court", "any"),
        ("moral damages awarded to the trafficked minors", "moral_damages"),
        ("exemplary damages paid to each victim", "exemplary_damages"),
        ("hakim mengabulkan permohonan restitusi korban", "restitution"),
        ("mahkamah memerintahkan pampasan dibayar kepada mangsa", "restitution"),
        # Left unpaid and replaced by detention
        ("trafficker cannot pay the restitution, so months in jail instead", "unpaid_detention"),
        ("restitution replaced by detention when unpaid", "unpaid_detention"),
        ("terdakwa tidak mampu membayar restitusi diganti pidana kurungan", "unpaid_detention"),
        # Refused
        ("the court refused the victim's restitution claim", "refused"),
        ("permohonan restitusi korban ditolak majelis hakim", "refused"),
        ("restitusi tidak dapat diterima", "refused"),
    ],
)
def test_a_question_asking_about_a_decision_on_compensation_gives_it(
    question: str, expected: str
) -> None:
    assert compensation_in(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "restitution for trafficking victims",  # nothing about what was decided
        "debt bondage on fishing boats paid off by wages",  # paid, but no award named
        "traffickers sentenced to prison",  # no award named
    ],
)
def test_mere_mentions_are_not_read_as_decisions(question: str) -> None:
    assert compensation_in(question) is None


def test_a_prison_sentence_beside_an_award_is_not_its_default_term() -> None:
    # "prison" alone is the sentence; only words of non-payment make the detention replace it.
    assert compensation_in("sentenced to prison and ordered to pay restitution") == "restitution"


def test_filter_values_and_their_errors() -> None:
    assert parse_compensation_filter("restitution") == ("restitution",)
    assert parse_compensation_filter("Moral_Damages, exemplary_damages") == (
        "moral_damages",
        "exemplary_damages",
    )
    assert parse_compensation_filter("any") == COMPENSATION_KINDS
    assert parse_compensation_filter("refused,unpaid_detention") == ("refused", "unpaid_detention")
    with pytest.raises(ValueError, match="compensation takes restitution"):
        parse_compensation_filter("yes")


def test_both_conditions_are_read_and_a_users_own_filter_wins() -> None:
    asked = "sentenced to ten years or more and ordered to pay restitution"
    assert question_filters(asked) == {"sentence_months": "120..", "compensation": "restitution"}

    read = with_question_filters(SearchQuery(text=asked, filters={"compensation": "any"}))
    assert read.filters == {"compensation": "any", "sentence_months": "120.."}
    keyword = SearchQuery(text=asked, mode="bm25")
    assert with_question_filters(keyword) == keyword


def test_a_condition_asked_of_traffickers_is_asked_of_trafficking_cases() -> None:
    assert question_filters("traffickers sentenced to ten years or more") == {
        "sentence_months": "120..",
        "is_trafficking_case": "true",
    }
    # Not of drug traffickers, and not without a condition read.
    assert question_filters("drug traffickers sentenced to ten years or more") == {
        "sentence_months": "120.."
    }
    assert question_filters("traffickers who recruit children") == {}


@pytest.mark.parametrize(
    "question",
    [
        "compensation for fishermen whose wages were unpaid",
        "the court refused bail for the recruiters; years later the victims sought compensation",
    ],
)
def test_the_decision_words_must_be_about_the_award(question: str) -> None:
    assert compensation_in(question) is None
