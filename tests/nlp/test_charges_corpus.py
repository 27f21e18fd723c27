"""Charges of real Indonesian and Philippine judgments against hand labels
(tests/eval/coding/charges-corpus-labels.jsonl): reading charges from the charging sentences of
the states without a charges section must not make the charges section's reading worse.
Skipped when ../shared/corpus is absent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nlp
from nlp.evaluation import corpus_document, provision_number, read_manifest, score_charges

LABELS = Path(__file__).resolve().parents[1] / "eval" / "coding" / "charges-corpus-labels.jsonl"
# Measured on these five judgments when the labels were written, the same before and after
# charges were read from charging sentences: 4 of 6 coded charges labelled, 4 of 25 labelled
# charges found. Precision may not drop. Recall is low: alternative counts past the first pages of
# the indictment, a count's "jo" provisions and "KUHPidana" are not read yet.
PRECISION_FLOOR = 0.66


def test_charge_precision_on_labelled_real_judgments(
    coder: nlp.CaseCoder, corpus_dir: Path
) -> None:
    labels: list[dict[str, Any]] = [
        json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
    ]
    manifest = read_manifest(corpus_dir)
    pairs = []
    for label in labels:
        facts = coder.code(corpus_document(manifest[label["doc_id"]], corpus_dir))
        coded = [(c.statute, provision_number(c.provision)) for c in facts.charges]
        pairs.append((coded, [tuple(charge) for charge in label["charges"]]))
    score = score_charges(pairs)
    assert score.precision is not None and score.precision >= PRECISION_FLOOR, score
