"""What users type, checked once for every interface."""

from __future__ import annotations

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


def test_counts_have_bounds() -> None:
    assert validation.positive(10, "-k", most=1000) == 10
    with pytest.raises(InvalidInput, match="at most 1000"):
        validation.positive(1001, "-k", most=1000)
