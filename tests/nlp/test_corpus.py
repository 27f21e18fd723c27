"""A sample of the real corpus: agreement with the manifest's silver labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.bench import run

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus"


@pytest.mark.corpus
def test_sample_agrees_with_the_manifest() -> None:
    if not (CORPUS / "manifest.jsonl").exists():
        pytest.skip("shared corpus not present")
    result = run(CORPUS, limit=30)
    for country in result["totals"]:
        for name in ("court", "case_number", "decision_date"):
            labelled = result["labelled"][country][name]
            if labelled:
                assert result["agree"][country][name] / labelled >= 0.8, (country, name)
