"""What users type, checked once for every interface."""

from __future__ import annotations

from datetime import date

import pytest

from tiplex import validation
from tiplex.validation import InvalidInput


def test_codes_come_back_in_their_canonical_case() -> None:
    assert validation.country_code(" th ") == "TH"
    assert validation.country_list("id, ph,VN") == ["ID", "PH", "VN"]
    assert validation.language_code("VI") == "vi"


@pytest.mark.parametrize("value", ["", "THA", "T1", "ไทย"])
def test_a_country_that_is_not_two_letters_is_refused(value: str) -> None:
    with pytest.raises(InvalidInput, match="alpha-2"):
        validation.country_code(value)


def test_date_bounds_take_the_first_or_last_day_of_what_is_named() -> None:
    assert validation.date_bound("2024", "--since", end=False) == date(2024, 1, 1)
    assert validation.date_bound("2024-02", "--until", end=True) == date(2024, 2, 29)
    assert validation.date_bound("2023-12", "--until", end=True) == date(2023, 12, 31)
    assert validation.date_window(None, "2024-05-06") == (None, date(2024, 5, 6))
    with pytest.raises(InvalidInput, match="not a date"):
        validation.date_bound("2024-02-30", "--until", end=True)


def test_counts_have_bounds() -> None:
    assert validation.positive(10, "-k", most=1000) == 10
    with pytest.raises(InvalidInput, match="at most 1000"):
        validation.positive(1001, "-k", most=1000)
