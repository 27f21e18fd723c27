"""Bad queries and filters, the quick version (about 1,100 generated inputs; `make
reliability` runs about 11,000): a result or a clear error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedded import EmbeddedBackend
from index.filters import check_filters
from tests.index import samples
from tests.index.fakes import HashingEmbedder
from tiplex import validation
from tiplex.settings import Settings

from .queries import Tally, _searched, run_queries


def test_generated_queries_filters_and_topics_never_end_in_a_traceback(tmp_path: Path) -> None:
    result = run_queries(tmp_path, scale=0.1)
    assert result["tried"] >= 1000
    assert result["problems"] == []


@pytest.mark.parametrize(
    "pairs", [["year=99999999999999999999"], ["year=²⁰¹⁹"], ["year=abc"], ["nope=1"], ["year= "]]
)
def test_year_and_unknown_filters_are_refused_with_a_message(pairs: list[str]) -> None:
    with pytest.raises(ValueError, match="filter|--filter"):
        check_filters(validation.filter_pairs(pairs))


def test_fts_syntax_and_huge_questions_get_results_or_messages(tmp_path: Path) -> None:
    backend = EmbeddedBackend(Settings(home=tmp_path).ensure_dirs(), HashingEmbedder())
    backend.index(samples.DOCUMENTS)
    tally = Tally()
    try:
        for text in ['"', "NEAR(", "*", "a" * 60_000, "\x00", "AND OR NOT", '"forced labour']:
            for mode in ("bm25", "dense", "hybrid"):
                tally.check(
                    f"{text[:10]!r} {mode}", lambda t=text, m=mode: _searched(backend, t, m, 5, [])
                )
    finally:
        backend.close()
    assert tally.problems == []
