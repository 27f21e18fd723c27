from __future__ import annotations

from tiplex.thesaurus import load_thesaurus


def test_every_coded_concept_has_english_and_indonesian_terms() -> None:
    thesaurus = load_thesaurus()
    for concept in thesaurus.concepts.values():
        if concept.group != "topic":
            assert thesaurus.terms(concept.name, "en"), concept.name
            assert thesaurus.terms(concept.name, "id"), concept.name


def test_expand_crosses_languages_without_repeating_the_query() -> None:
    expanded = load_thesaurus().expand("forced labour on a fishing boat", ["id"])
    assert "kerja paksa" in expanded
    assert "kapal ikan" in expanded
    assert "forced labour" not in expanded


def test_expand_of_an_unrelated_query_is_empty() -> None:
    assert load_thesaurus().expand("land registration", ["id", "th"]) == ()


def test_trafficking_has_terms_in_all_ten_states_languages() -> None:
    terms = load_thesaurus().concepts["trafficking_in_persons"].terms
    assert {"en", "id", "ms", "tl", "th", "vi", "km", "lo", "my"} <= set(terms)
