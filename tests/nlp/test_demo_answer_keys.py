"""The coder against the answer key of the team-written lawphil decisions in the demo mirror:
a second, independent check beside the labelled real judgments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import crawlers
import nlp
from tiplex.demo import MIRROR_DIR

KEY = Path(__file__).resolve().parents[2] / "tools/demo_authoring/lawphil/expected.json"
CASES: list[dict[str, Any]] = json.loads(KEY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def coder() -> nlp.CaseCoder:
    return nlp.load_coder()


@pytest.mark.parametrize("case", CASES, ids=[c["case_number"] for c in CASES])
def test_lawphil_decision_is_coded_as_its_answer_key_says(
    coder: nlp.CaseCoder, case: dict[str, Any]
) -> None:
    document = crawlers.load_file(MIRROR_DIR / "lawphil.net" / case["file"], country="PH")
    facts = coder.code(document)
    assert facts.case_number == case["case_number"]
    assert facts.decision_date == case["decision_date"]
    assert facts.is_trafficking_case is case["is_trafficking_case"]
    assert facts.outcome == case["outcome"]
    assert facts.non_punishment.raised is case["non_punishment"]["raised"]
    expected_terms = sorted(
        "life" if s["life"] else str(s["imprisonment_months"]) for s in case["sentences"]
    )
    coded_terms = sorted("life" if s.life else str(s.imprisonment_months) for s in facts.sentences)
    assert coded_terms == expected_terms
