"""Charges of Thai, Vietnamese and Malaysian judgments against their hand labels
(tests/eval/coding/charges-labels.json): the offences charged or decided, not every statute the
judgment cites; the cited ones stay as statute citations, which link judgments to the laws."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import nlp
from crawlers.extract import extract_text
from crawlers.registry import source_classes
from tiplex.records import Document

ROOT = Path(__file__).resolve().parents[2]
LABELS: dict[str, Any] = json.loads(
    (ROOT / "tests" / "eval" / "coding" / "charges-labels.json").read_text(encoding="utf-8")
)
DOCUMENTS: list[dict[str, Any]] = LABELS["documents"]
SENTENCES: list[dict[str, Any]] = LABELS["sentences"]


def labelled_document(label: dict[str, Any]) -> Document:
    """The labelled judgment as the crawl would hand it to the coder."""
    raw = (ROOT / label["path"]).read_bytes()
    if label["source"]:
        text = extract_text(raw, label["content_type"], hooks=source_classes()[label["source"]])
    else:
        text = raw.decode("utf-8")
    return Document(
        doc_id=f"label:{label['name']}", source_id=label["source"] or "local", url="",
        country=label["country"], language=label["language"], doc_type="judgment",
        title=label["name"], text=text, sha256="", content_type=label["content_type"],
        raw_path="", fetched_at="2026-01-01T00:00:00Z",
    )  # fmt: skip


def sentence_document(label: dict[str, Any]) -> Document:
    return Document(
        doc_id="label:sentence", source_id="local", url="", country=label["country"],
        language=label["language"], doc_type="judgment", title="", text=label["text"],
        sha256="", content_type="text/plain", raw_path="", fetched_at="2026-01-01T00:00:00Z",
    )  # fmt: skip


@pytest.mark.parametrize("label", DOCUMENTS, ids=[d["name"] for d in DOCUMENTS])
def test_judgment_charges_are_the_offences_charged(
    coder: nlp.CaseCoder, label: dict[str, Any]
) -> None:
    facts = coder.code(labelled_document(label))
    coded = sorted((c.statute, c.provision, c.verdict) for c in facts.charges)
    expected = sorted((c["statute"], c["provision"], c["verdict"]) for c in label["charges"])
    assert coded == expected
    # Each charge points at the words that state it.
    for charge in facts.charges:
        assert charge.evidence and all(span.text for span in charge.evidence)
    # What is cited but not charged is still there, as a citation.
    assert {(c.statute, c.provision) for c in facts.charges} <= {
        (c.statute, c.provision) for c in facts.statute_citations
    }


@pytest.mark.parametrize("label", SENTENCES, ids=[s["text"][:40] for s in SENTENCES])
def test_sentence_charges(coder: nlp.CaseCoder, label: dict[str, Any]) -> None:
    facts = coder.code(sentence_document(label))
    coded = sorted((c.statute, c.provision) for c in facts.charges)
    assert coded == sorted((c["statute"], c["provision"]) for c in label["charges"])


@pytest.mark.parametrize("label", DOCUMENTS, ids=[d["name"] for d in DOCUMENTS])
def test_judgment_non_punishment_is_coded(coder: nlp.CaseCoder, label: dict[str, Any]) -> None:
    facts = coder.code(labelled_document(label))
    assert facts.non_punishment.raised is label["non_punishment"]["raised"]
    assert facts.non_punishment.applied is label["non_punishment"]["applied"]
    assert facts.non_punishment.evidence


def test_charges_are_scored_per_document_and_summed() -> None:
    from nlp.evaluation import provision_number, score_charges

    assert [provision_number(p) for p in ("Pasal 2 ayat (1)", "Sec. 6(a)", "มาตรา 81", None)] == [
        "2",
        "6",
        "81",
        "",
    ]
    score = score_charges([([("A", "1"), ("A", "2")], [("A", "1")]), ([], [("B", "3")])])
    assert (score.correct, score.predicted, score.gold, score.exact) == (1, 2, 2, 0)
    assert score.precision == 0.5 and score.recall == 0.5
