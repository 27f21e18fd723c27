"""Query parsing, exact phrases and the stems shared by indexing and searching."""

from __future__ import annotations

import pytest

from index.query import VerbatimPhrase, parse_query, phrase_pattern
from index.words import index_terms, term_variants, words


def test_quoted_phrases_are_kept_apart_from_free_words() -> None:
    parsed = parse_query('victims "Pasal 18" of the "non-punishment principle"')

    assert parsed.phrases == ("Pasal 18", "non-punishment principle")
    assert parsed.terms == ("victims",)


@pytest.mark.parametrize(
    "citation",
    [
        "R.A. 9208",
        "R.A. No. 9208",
        "G.R. No. 211465",
        "148/Pid.Sus/2025/PN Blt",
        "[2014] SGHC 186",
        "UU 21/2007",
    ],
)
def test_citations_are_required_phrases_without_quotes(citation: str) -> None:
    parsed = parse_query(f"sentence under {citation} appeal")

    assert parsed.phrases == (citation,)
    assert parsed.terms == ("sentence", "appeal")


def test_stopwords_are_dropped_unless_nothing_else_remains() -> None:
    assert parse_query("the victims of the accused").terms == ("victims", "accused")
    assert parse_query("the of").terms == ("the", "of")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("menurut pasal  18 UU", True),
        ("(Pasal 18)", True),
        ("Pasal 180", False),
        ("XPasal 18", False),
        ("Pasal-18", False),
        ("İstanbul: Pasal 18", True),  # lower-casing changes the length: the slow path
    ],
)
def test_phrases_are_exact_up_to_case_and_spacing(text: str, found: bool) -> None:
    assert bool(phrase_pattern("Pasal 18").search(text)) is found
    assert VerbatimPhrase("Pasal 18").found_in(text) is found


def test_verbatim_phrase_spans_are_offsets_into_the_text() -> None:
    text = "İİ see Pasal 18 and pasal\n18."

    spans = list(VerbatimPhrase("Pasal 18").spans(text))

    assert [text[a:b] for a, b in spans] == ["Pasal 18", "pasal\n18"]


def test_english_and_indonesian_words_meet_their_stems() -> None:
    english = set(index_terms("The victims were exploited", "en").split())
    indonesian = set(index_terms("korban perdagangan orang", "id").split())

    assert term_variants("victim") & english
    assert term_variants("exploitation") & english
    assert term_variants("diperdagangkan") & indonesian


def test_thai_is_segmented_into_words() -> None:
    tokens = words("การค้ามนุษย์เป็นความผิด")

    assert len(tokens) > 2
    assert "".join(tokens) == "การค้ามนุษย์เป็นความผิด"


def test_khmer_runs_become_character_bigrams() -> None:
    assert words("ជួញដូរ") == ["ជួ", "ួញ", "ញដ", "ដូ", "ូរ"]
