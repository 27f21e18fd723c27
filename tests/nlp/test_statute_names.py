"""Laws of different states that share a short name are told apart by what follows it: a
Malaysian judgment's "Immigration Act 1959/63" is not Singapore's Immigration Act."""

from __future__ import annotations

import pytest

from nlp.extractors.statutes import citations, statute_rules


def first_statute(text: str) -> str | None:
    return next((rule.statute for rule in statute_rules() if rule.pattern.search(text)), None)


@pytest.mark.parametrize(
    ("text", "statute"),
    [
        ("section 6(1)(c) of the Immigration Act 1959/63", "MY IA 1959/63"),
        ("seksyen 6(1)(c) Akta Imigresen 1959/63", "MY IA 1959/63"),
        ("the Immigration Act (Act 155)", "MY IA 1959/63"),
        ("section 6(1)(c) of the Immigration Act 1959 (2020 Rev Ed)", "SG IA"),
        ("Prevention of Human Trafficking Act 2014", "SG PHTA 2014"),
    ],
)
def test_a_law_is_named_for_its_own_state(text: str, statute: str) -> None:
    assert first_statute(text) == statute


def test_a_malaysian_citation_is_not_also_read_as_singapores() -> None:
    found = {f.value["statute"] for f in citations("s 6(1)(c) Immigration Act 1959/63", 0)}
    assert found == {"MY IA 1959/63"}
