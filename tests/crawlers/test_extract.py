"""Text extraction: what the later stages read must keep the document's paragraphs and pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import ExtractionError, extract_text
from crawlers.challenge import challenge_marker
from crawlers.extract import PAGE_BREAK, sniff_kind

from .pdfs import write_pdf

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"


def test_lawphil_pages_give_the_blockquote_body_with_paragraph_breaks() -> None:
    raw = (EXAMPLES / "ph_lawphil_judgments_decision_example.html").read_bytes()
    text = extract_text(raw, "text/html", "https://lawphil.net/judjuris/x.html")
    assert text.startswith("Republic of the Philippines\nSUPREME COURT")
    assert "\n\nD E C I S I O N\n\n" in text
    assert "MAGBANUA y AÑONUEVO" in text  # windows-1252 declared in the page, decoded right
    assert "Lawphil Project" not in text and "menu.js" not in text


def test_a_real_lawphil_decision_loses_its_watermarks_but_keeps_its_text() -> None:
    """The real page (tests/examples/crawlers/real/PROVENANCE.md) injects anti-copy <cite>
    watermarks into the decision's text, marks footnote references with a custom <nt> tag and
    puts a soft hyphen inside a Court of Appeals docket number."""
    raw = (EXAMPLES / "real" / "lawphil_gr_272689_2024.html").read_bytes()
    text = extract_text(raw, "text/html", "https://lawphil.net/judjuris/juri2024/oct2024/x.html")

    assert "[ G.R. No. 272689, October 16, 2024 ]" in text
    assert "CASTAÑEDA" in text  # the malformed "windows-1252!" label still decodes as cp1252
    for watermark in ("ℒαwρhi", "awÞhi", "\u09f7"):
        assert watermark not in text
    assert "\xad" not in text
    assert "CA-G.R. SP No. 178119" in text
    assert "Petition for Review on Certiorari[1] under Rule 45" in text


def test_lawphil_layout_is_recognised_on_a_mirror_url_too() -> None:
    raw = (EXAMPLES / "ph_lawphil_statutes_act_example.html").read_bytes()
    text = extract_text(raw, "text/html", "http://127.0.0.1:8000/lawphil.net/statutes/x.html")
    assert text.startswith("Republic of the Philippines")
    assert text.rstrip().endswith("Approved: June 23, 2022")


def test_generic_html_keeps_main_content_as_separate_paragraphs() -> None:
    paragraphs = [
        f"Paragraph {n} of the judgment explains the facts of the case in enough words "
        "to be recognised as main content by the extractor."
        for n in range(1, 6)
    ]
    html = (
        "<html><head><title>T</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>Copyright notice</footer></body></html>"
    )
    text = extract_text(html.encode(), "text/html; charset=utf-8", "https://example.org/j")
    assert "\n\n".join(paragraphs) in text
    assert "var x" not in text


def test_pdf_pages_are_separated_by_form_feeds(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "two.pdf", [["First page line"], ["Second page line"]])
    text = extract_text(pdf.read_bytes(), "application/pdf")
    assert text == "First page line" + PAGE_BREAK + "Second page line"


def test_pdf_without_text_layer_gives_empty_text(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "scan.pdf", [[]])
    assert extract_text(pdf.read_bytes(), "application/pdf") == ""


def test_corrupt_pdf_raises_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="unreadable PDF"):
        extract_text(b"%PDF-1.7\nnot really\n", "application/octet-stream")


def test_pdf_is_recognised_by_its_bytes_whatever_the_header_says(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "x.pdf", [["Sniffed"]]).read_bytes()
    assert sniff_kind(pdf, "application/octet-stream") == "pdf"
    assert extract_text(pdf, "text/html") == "Sniffed"


def test_plain_text_falls_back_to_cp1252() -> None:
    raw = "Pe\u00f1a \u2013 appellant".encode("cp1252")
    assert extract_text(raw, "text/plain") == "Peña – appellant"
    assert extract_text("Putusan – é".encode(), "text/markdown") == "Putusan – é"


def test_utf16_without_a_byte_order_mark_is_read_as_text() -> None:
    text = "Terdakwa dijatuhi pidana penjara 5 (lima) tahun – Pasal 2 UU 21/2007"
    for encoding in ("utf-16-le", "utf-16-be", "utf-16"):
        assert extract_text(text.encode(encoding), "text/plain") == text


def test_random_bytes_are_not_text_and_nul_bytes_are_dropped() -> None:
    import random

    noise = random.Random(3).randbytes(20000)
    with pytest.raises(ExtractionError, match="binary content"):
        extract_text(noise, "text/plain")
    assert extract_text(b"Putusan\x00 Nomor 12", "text/plain") == "Putusan Nomor 12"


def test_text_encoded_twice_is_put_back_not_set_aside_as_binary() -> None:
    quoted = "methamphetamine hydrochloride (“shabu”) – the accused’s bag; "
    twice = (quoted * 40).encode("utf-8").decode("latin-1").encode("utf-8")
    assert "\u0080" in twice.decode("utf-8")  # its curly quotes now hold C1 control characters
    assert extract_text(twice, "text/plain") == (quoted * 40).strip()
    # A no-break space (written once) right after a doubled quote is not one of its bytes, as
    # in real lawphil decisions: "â\x80\x9d\xa0".
    shout = "“Help!”".encode().decode("latin-1") + "\u00a0she cried. "
    assert extract_text((shout * 40).encode(), "text/plain").startswith("“Help!” she cried.")
    # Latin-1 letters in a text without control characters are left as they are.
    assert extract_text("Señor Peña – Ã".encode(), "text/plain") == "Señor Peña – Ã"


def test_real_decisions_encoded_twice_read_as_their_words(corpus_dir: Path) -> None:
    # Many Philippine decisions of the corpus hold UTF-8 decoded as Latin-1 once too often
    # ("â\x80\x99s" for "’s", "Ã±" for "ñ"); three held so many that they were once set aside
    # as binary. Each such character must come out of extraction as itself: as many of each as
    # the file holds written rightly plus written twice over.
    doubled = [
        path
        for path in sorted((corpus_dir / "ph").glob("*.txt"))
        if "\u00e2\u0080" in path.read_text(encoding="utf-8")
    ]
    assert len(doubled) > 100  # 164 when this was written
    for path in doubled:
        raw = path.read_text(encoding="utf-8")
        text = extract_text(path.read_bytes(), "text/plain")
        for character in "“”‘’–—…ñ":
            twice = character.encode("utf-8").decode("latin-1")
            expected = raw.count(character) + raw.count(twice)
            assert text.count(character) == expected, (path.name, character)


def test_unsupported_type_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="unsupported"):
        extract_text(b"PK\x03\x04zipdata", "application/zip")


@pytest.mark.parametrize("page", ["putusan3_challenge_en.html", "putusan3_challenge_id.html"])
def test_real_challenge_pages_are_recognised_in_any_language(page: str) -> None:
    raw = (EXAMPLES / "real" / page).read_bytes()
    assert challenge_marker(raw, "text/html") is not None


def test_an_ordinary_page_of_a_cloudflare_site_is_not_a_challenge() -> None:
    """Cloudflare's JavaScript detections add a script to every page of a protected site, and
    a form may carry a Turnstile widget: the page is still the document asked for."""
    raw = (EXAMPLES / "id_mahkamahagung_judgments_decision_example.html").read_bytes()
    with_detections = raw.replace(
        b"</body>",
        b'<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>'
        b'<div class="cf-turnstile" data-sitekey="x"></div></body>',
    )
    assert with_detections != raw
    assert challenge_marker(with_detections, "text/html") is None


def test_ordinary_pages_and_pdfs_are_not_challenges() -> None:
    raw = (EXAMPLES / "id_mahkamahagung_judgments_example.html").read_bytes()
    assert challenge_marker(raw, "text/html") is None
    assert challenge_marker(b"%PDF-1.4 Just a moment...", "application/pdf") is None
