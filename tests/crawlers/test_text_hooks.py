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


def test_directory_pdfs_lose_their_page_stamps_and_disclaimer() -> None:
    from crawlers.sources.id_mahkamahagung_judgments import IdMahkamahagungJudgments

    raw = (EXAMPLES / "real" / "putusan3_98_pid.sus_2026_pn_mpw.pdf").read_bytes()
    plain = extract_text(raw, "application/pdf")
    text = extract_text(raw, "application/pdf", "", IdMahkamahagungJudgments)
    assert plain.count("Mahkamah Agung Republik Indonesia\n") >= 30  # 5 a page, 7 pages
    lines = {line.strip() for line in text.split("\n")}
    assert "Mahkamah Agung Republik Indonesia" not in lines
    assert "putusan.mahkamahagung.go.id" not in lines
    assert not any(line.startswith("Hal. 7 dari") for line in lines)
    assert "Disclaimer" not in text and "kepaniteraan@" not in text
    assert text.startswith("P E N E T A P A N\nNomor 98/Pid.Sus/2026/PN Mpw")
    assert "Hanny Puspasari, S.H., M.H." in text  # the last line of the decision itself
    assert text.count("\f") == plain.count("\f")  # page breaks stay
    # The disclaimer closes every page (a third of the characters); the decision loses nothing.
    for word in ("Terdakwa", "Hakim", "Penuntut", "orang", "Pasal"):
        assert text.count(word) == plain.count(word), word
