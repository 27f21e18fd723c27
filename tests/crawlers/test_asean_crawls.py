"""End to end: what the Thai, Vietnamese and Myanmar sources promise beyond their goldens.

Each crawl is a real Scrapy subprocess against the source's fixture site
(`<source_id>.site.json`) on the mirror server, where query strings and POST bodies pick the
page as on these sites, with the archive and state of a fresh tiplex home.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import crawl
from crawlers.testing import SITE_SPEC_SUFFIX, SiteFixture
from tests.crawlers.vbpl_pages import full_text_page_with_empty_tab
from tiplex.demo.server import RunningServer, serve_directory
from tiplex.settings import Settings

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home").ensure_dirs()


def site_root(source_id: str, tmp_path: Path) -> tuple[Path, str]:
    """The source's fixture site built under `tmp_path`, and the mirror path of its host."""
    fixture = SiteFixture.load(EXAMPLES / f"{source_id}{SITE_SPEC_SUFFIX}")
    return fixture.build(EXAMPLES, tmp_path / "site"), fixture.base


def served(server: RunningServer, fragment: str, status: int = 200) -> int:
    return sum(1 for _, path, code in server.log.entries if fragment in path and code == status)


def test_thai_supreme_court_posts_the_forms_and_skips_known_decisions(
    settings: Settings, tmp_path: Path
) -> None:
    root, host = site_root("th_supremecourt_judgments", tmp_path)
    with serve_directory(root) as server:
        first = crawl("th_supremecourt_judgments", settings, base_url=f"{server.url}/{host}")
        second = crawl("th_supremecourt_judgments", settings, base_url=f"{server.url}/{host}")

    assert (first.new, first.failed) == (1, 1)  # the second docid's print form answers 404
    (decision,) = first.documents
    assert decision.doc_id == "th_supremecourt_judgments:1234/2567"
    assert decision.case_number == "1234/2567"
    assert decision.decision_date == "2024-08-15"
    assert decision.language == "th"
    assert "ความยินยอมของผู้เสียหายซึ่งเป็นเด็กไม่ทำให้การกระทำของจำเลยไม่เป็นความผิด" in decision.text
    # A published decision does not change: the second run does not print it again.
    assert second.new == 0 and second.unchanged == 1
    assert served(server, "/printing/deka") == 1


def test_krisdika_tis620_text_survives_and_a_second_run_is_a_conditional_check(
    settings: Settings, tmp_path: Path
) -> None:
    root, host = site_root("th_krisdika_legislation", tmp_path)
    with serve_directory(root) as server:
        first = crawl("th_krisdika_legislation", settings, base_url=f"{server.url}/{host}")
        second = crawl("th_krisdika_legislation", settings, base_url=f"{server.url}/{host}")

    (law,) = first.documents
    assert law.doc_id == "th_krisdika_legislation:571127"
    assert law.title == "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551"
    assert law.decision_date == "2008-01-30"
    assert "มาตรา ๔๑ ห้ามมิให้พนักงานสอบสวนดำเนินคดีผู้เสียหายจากการค้ามนุษย์" in law.text
    assert (second.new, second.changed, second.unchanged) == (0, 0, 1)
    assert served(server, "/librarian/getfile", 304) == 1


def test_vbpl_takes_the_full_text_and_sets_an_unreadable_word_attachment_aside(
    settings: Settings, tmp_path: Path
) -> None:
    # Only the fallback's refusal is exercised: the fixture's `.doc` is a text stand-in (no real
    # Word file is saved), so reading a real DOC through antiword is not tested here.
    root, host = site_root("vn_vbpl_legislation", tmp_path)
    # No real page with an empty full-text tab was ever saved: one made from a real full-text
    # page stands in for the real Code's page here, so the attachment fallback is exercised.
    empty = full_text_page_with_empty_tab()
    (root / host / "TW/Pages/vbpq-toanvan.aspx%3FItemID=96172").write_text(empty, encoding="utf-8")
    attachment = root / host / "TW/Lists/vbpq/Attachments/96172/101.2015.QH13.doc"
    attachment.parent.mkdir(parents=True)
    attachment.write_bytes((EXAMPLES / "vn_vbpl_legislation" / "101.2015.QH13.doc").read_bytes())
    with serve_directory(root) as server:
        report = crawl("vn_vbpl_legislation", settings, base_url=f"{server.url}/{host}")

    assert report.discovered == 2
    by_id = {doc.doc_id: doc for doc in report.documents}
    constitution = by_id["vn_vbpl_legislation:32801"]
    assert constitution.title == "Hiến pháp năm 2013"
    assert constitution.case_number is None  # "Không số": the Constitution has no number
    assert constitution.decision_date == "2013-11-28"
    assert "Nhân dân Việt Nam lao động cần cù, sáng tạo" in constitution.text
    assert served(server, "/TW/Lists/vbpq/Attachments/96172/101.2015.QH13.doc") == 1
    # The fixture's attachment is not a readable Word file: it is set aside with a clear
    # reason, and the other document is kept.
    assert "vn_vbpl_legislation:96172" not in by_id
    (error,) = report.errors
    assert "vn_vbpl_legislation:96172" in error and "unreadable DOC" in error
    assert "quarantined" in error


def test_mlis_documents_carry_their_own_language_twin_and_zawgyi_flag(
    settings: Settings, tmp_path: Path
) -> None:
    root, host = site_root("mm_mlis_legislation", tmp_path)
    with serve_directory(root) as server:
        report = crawl("mm_mlis_legislation", settings, base_url=f"{server.url}/{host}")

    assert report.errors == ()
    by_id = {doc.doc_id.rsplit(":", 1)[1]: doc for doc in report.documents}
    assert set(by_id) == {"9001", "9002", "9003"}
    assert by_id["9001"].language == "my" and by_id["9002"].language == "en"
    assert by_id["9001"].metadata["twin_laword_sn"] == "9002"
    assert by_id["9001"].metadata["burmese_encoding"] == "unicode"
    assert by_id["9003"].metadata["burmese_encoding"] == "zawgyi"
    assert "လူကုန်ကူးခံရသူကို ပြစ်မှုကျူးလွန်သူအဖြစ် အရေးယူခြင်း မပြုရ" in by_id["9001"].text
