"""Numbers in words, durations, money and dates as judgments write them."""

from __future__ import annotations

import pytest

from nlp.quantities import find_amounts, find_durations, months, parse_date, words_to_number


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        ("empat", "id", 4),
        ("dua belas", "id", 12),
        ("seratus dua puluh juta", "id", 120_000_000),
        ("dua ratus lima puluh ribu", "id", 250_000),
        ("lapan", "ms", 8),
        ("twenty five", "en", 25),
        ("two hundred thousand", "en", 200_000),
        ("tatlo", "tl", 3),
        ("not a number", "en", None),
    ],
)
def test_words_to_number(words: str, lang: str, expected: float | None) -> None:
    assert words_to_number(words, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected_months"),
    [
        ("pidana penjara selama 4 (empat) tahun 6 (enam) bulan", "id", [54]),
        ("penjara selama empat tahun", "id", [48]),
        ("kurungan selama 3 (tiga) bulan", "id", [3]),
        ("six (6) years and one (1) day", "en", [72]),
        ("5 years' imprisonment and 18 months", "en", [60, 18]),
        ("penjara 2 tahun", "ms", [24]),
    ],
)
def test_durations(text: str, lang: str, expected_months: list[int]) -> None:
    assert [months(q.value) for q in find_durations(text, lang)] == expected_months


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("denda sebesar Rp120.000.000,00 (seratus dua puluh juta rupiah)", 120_000_000, "IDR"),
        ("denda Rp 5 juta", 5_000_000, "IDR"),
        ("a fine of P2,000,000.00", 2_000_000, "PHP"),
        ("a fine of PHP 500,000", 500_000, "PHP"),
        ("fined S$5,000", 5_000, "SGD"),
        ("denda RM 10,000", 10_000, "MYR"),
        ("ปรับ 100,000 baht", 100_000, "THB"),
        # A figure before a currency's name is read whole, not its last three digits.
        ("dijanjikan gaji sebesar 1500 Ringgit per bulan", 1_500, "MYR"),
        ("diberi upah sebesar 1000\nRinggit Malaysia", 1_000, "MYR"),
        ("had to pay 2800 bahts to the agency", 2_800, "THB"),
        # Every name of the shared currency table, plural and "-nya" included.
        ("a fine not exceeding 10,000 pesos", 10_000, "PHP"),
        ("a monthly profit of about 25,000 kyats", 25_000, "MMK"),
        ("paid 400,000 riel to the broker", 400_000, "KHR"),
        ("a debt of 2,000,000 kip", 2_000_000, "LAK"),
        ("gajinya 5.000.000 rupiahnya tidak dibayar", 5_000_000, "IDR"),
        ("remitted 30,000 US\ndollars", 30_000, "USD"),
    ],
)
def test_amounts(text: str, amount: float, currency: str) -> None:
    found = list(find_amounts(text))
    assert (found[0].amount, found[0].currency) == (amount, currency)


@pytest.mark.parametrize(
    "text",
    [
        "membeli 2 kipas angin dan 3 dongeng",  # a currency's name inside another word
        "ONE HUNDRED SIX & 50/100 US DOLLARS",  # the cents of a sum written out
        "more than 12, 000 pesos",  # a figure split by a space reads as nothing, not zero
        "Barangay Chairm0en",  # a stray "rm" before a zero
    ],
)
def test_what_is_not_an_amount(text: str) -> None:
    assert list(find_amounts(text)) == []


def test_bare_dollar_needs_the_documents_currency() -> None:
    assert list(find_amounts("a fine of $5,000")) == []
    assert next(find_amounts("a fine of $5,000", default_dollar="SGD")).currency == "SGD"


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("pada hari Selasa, tanggal 25 November 2025", "id", "2025-11-25"),
        ("tanggal 3 Pebruari 2024", "id", "2024-02-03"),
        ("12 Mac 2020", "ms", "2020-03-12"),
        ("[ G.R. No. 1, December 3, 2014 ]", "en", "2014-12-03"),
        ("this 3rd day of December 2014", "en", "2014-12-03"),
        ("ika-3 ng Disyembre 2014", "tl", "2014-12-03"),
        ("ngày 25 tháng 11 năm 2025", "vi", "2025-11-25"),
        ("25 พฤศจิกายน 2568", "th", "2025-11-25"),
        ("31 February 2020", "en", None),
    ],
)
def test_dates(text: str, lang: str, iso: str | None) -> None:
    assert parse_date(text, lang) == iso
