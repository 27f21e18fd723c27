"""A sample of the real corpus: agreement with the manifest's silver labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.bench import run


@pytest.mark.corpus
def test_sample_agrees_with_the_manifest(corpus_dir: Path) -> None:
    result = run(corpus_dir, limit=30)
    for country in result["totals"]:
        for name in ("court", "case_number", "decision_date"):
            labelled = result["labelled"][country][name]
            if labelled:
                assert result["agree"][country][name] / labelled >= 0.8, (country, name)
