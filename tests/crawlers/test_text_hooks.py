"""A source's own text hooks decide its pages' main content, whatever the URL says."""

from __future__ import annotations

from pathlib import Path

from crawlers.extract import extract_text
from crawlers.sources.ph_lawphil_judgments import PhLawphilJudgments

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
REAL_DECISION = EXAMPLES / "real" / "lawphil_gr_272689_2024.html"


def test_lawphil_hook_drops_the_real_watermarks_on_any_url() -> None:
    # A mirror on another address, no "lawphil.net" in the URL: the source's hook still knows.
    text = extract_text(
        REAL_DECISION.read_bytes(), "text/html", "http://127.0.0.1:9/x.html", PhLawphilJudgments
    )
    assert "[ G.R. No. 272689, October 16, 2024 ]" in text
    for watermark in ("ℒαwρhi", "awÞhi", "\u09f7"):
        assert watermark not in text
    assert "Lawphil Project" not in text
