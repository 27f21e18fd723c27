"""Amounts read from a question's words, and the `compensation_amount` / `fine_amount` filters'
values."""

from __future__ import annotations

import pytest

from index.money_bounds import AmountRange, amounts_in, parse_amount_filter
from index.question_filters import question_filters


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("restitution over 100 million rupiah", {"compensation_amount": "IDR 100000001.."}),
        ("fines of a billion rupiah or more", {"fine_amount": "IDR 1000000000.."}),
        ("traffickers fined at least Rp 500 juta", {"fine_amount": "IDR 500000000.."}),
        ("restitution of more than 100.000.000 rupiah", {"compensation_amount": "IDR 100000001.."}),
        ("moral damages of at least PHP 100,000", {"compensation_amount": "PHP 100000.."}),
        (
            "more than two hundred million rupiah in restitution",
            {"compensation_amount": "IDR 200000001.."},
        ),
        (
            "restitution in the hundreds of millions of rupiah",
            {"compensation_amount": "IDR 100000000.."},
        ),
        # Indonesian and Malay: "juta" and "miliar" are rupiah unless a currency says otherwise.
        ("restitusi lebih dari seratus juta rupiah", {"compensation_amount": "IDR 100000001.."}),
        ("restitusi Rp100.000.000 ke atas", {"compensation_amount": "IDR 100000000.."}),
        ("denda paling sedikit satu miliar", {"fine_amount": "IDR 1000000000.."}),
        ("denda di bawah Rp 120 juta", {"fine_amount": "IDR ..119999999"}),
        ("restitusi bernilai ratusan juta rupiah", {"compensation_amount": "IDR 100000000.."}),
        ("pampasan lebih daripada RM50,000", {"compensation_amount": "MYR 50001.."}),
        # The thing paid nearest before the amount is the one compared.
        (
            "over a year in jail and a fine of more than 100 million rupiah",
            {"fine_amount": "IDR 100000001.."},
        ),
    ],
)
def test_a_question_comparing_an_amount_paid_gives_its_filter(
    question: str, expected: dict[str, str]
) -> None:
    assert amounts_in(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "victims paid 5 million rupiah to the recruiter",  # nothing compared, nothing ordered
        "restitution of more than 100 million",  # which currency?
        "fines in the billions",
        "victims lost hundreds of millions of rupiah",  # no award, no fine
        "more than 100 victims were owed compensation",
        "children under 18 years old fined",
    ],
)
def test_other_numbers_are_not_amounts_ordered(question: str) -> None:
    assert amounts_in(question) == {}


def test_a_question_about_trafficking_asks_the_trafficking_cases() -> None:
    assert question_filters("trafficking cases with restitution over 100 million rupiah") == {
        "compensation_amount": "IDR 100000001..",
        "is_trafficking_case": "true",
    }


def test_a_trafficking_conviction_is_read_beside_another_condition_only() -> None:
    assert question_filters("trafficking convictions below the three-year minimum") == {
        "sentence_months": "..35",
        "conviction_law": "trafficking",
        "is_trafficking_case": "true",
    }
    # Alone it narrows nothing: nearly every question takes it for granted.
    assert question_filters("people convicted of trafficking in Batam") == {}


def test_filter_values_and_their_errors() -> None:
    assert parse_amount_filter("IDR 100000000..", "fine_amount") == [
        AmountRange("IDR", low=100_000_000)
    ]
    assert parse_amount_filter("myr ..50000, PHP 10000..50000", "fine_amount") == [
        AmountRange("MYR", high=50_000),
        AmountRange("PHP", 10_000, 50_000),
    ]
    assert parse_amount_filter("IDR 120000000", "fine_amount") == [AmountRange("IDR", 120e6, 120e6)]
    assert AmountRange("IDR", low=1e9).as_filter() == "IDR 1000000000.."
    for bad in ("100000000..", "IDR", "IDR ..", "EUR 5..", "IDR 1.000.000.."):
        with pytest.raises(ValueError, match="compensation_amount takes a currency"):
            parse_amount_filter(bad, "compensation_amount")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The currency signs the coder reads in judgments name amounts in questions too.
        ("fines of more than ฿100,000", {"fine_amount": "THB 100001.."}),
        ("compensation over 50,000 THB", {"compensation_amount": "THB 50001.."}),
        ("fines of at least 10,000,000 kip", {"fine_amount": "LAK 10000000.."}),
    ],
)
def test_every_shared_currency_mark_reads_in_a_question(
    question: str, expected: dict[str, str]
) -> None:
    assert amounts_in(question) == expected


def test_the_coder_and_the_question_reader_name_the_same_currencies() -> None:
    from nlp.quantities import find_amounts
    from tiplex.currencies import CURRENCIES, CURRENCY_NAMES, CURRENCY_SIGNS

    assert set(CURRENCY_SIGNS.values()) | set(CURRENCY_NAMES.values()) <= set(CURRENCIES)
    # A Thai baht sign in a judgment and in a question is the same currency.
    (amount,) = find_amounts("ordered to pay ฿50,000 to the victim")
    assert amount.currency == "THB"
