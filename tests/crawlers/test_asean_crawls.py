"""End to end: the Thai, Vietnamese and Myanmar sources crawl their fixtures on 127.0.0.1.

Each crawl is a real Scrapy subprocess against `asean_site`'s routed server (query strings
and POST bodies decide the page, as on these sites), with the archive and state of a fresh
tiplex home.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import crawl
from tiplex.settings import Settings

from .asean_site import anle, krisdika, mlis, serve_routes, thai_supreme_court, vbpl

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home").ensure_dirs()


def test_thai_supreme_court_posts_the_forms_and_skips_known_decisions(settings: Settings) -> None:
    with serve_routes(thai_supreme_court()) as site:
        first = crawl("th_supremecourt_judgments", settings, base_url=site.url)
        second = crawl("th_supremecourt_judgments", settings, base_url=site.url)

    assert (first.new, first.failed) == (1, 1)  # the second docid's print form answers 404
    (decision,) = first.documents
    assert decision.doc_id == "th_supremecourt_judgments:1234/2567"
    assert decision.case_number == "1234/2567"
    assert decision.decision_date == "2024-08-15"
    assert decision.language == "th"
    assert "ความยินยอมของผู้เสียหายซึ่งเป็นเด็กไม่ทำให้การกระทำของจำเลยไม่เป็นความผิด" in decision.text
    # A published decision does not change: the second run does not print it again.
    assert second.new == 0 and second.unchanged == 1
    assert site.served("/printing/deka") == 1


def test_krisdika_tis620_text_survives_and_a_second_run_is_a_conditional_check(
    settings: Settings,
) -> None:
    with serve_routes(krisdika()) as site:
        first = crawl("th_krisdika_legislation", settings, base_url=site.url)
        second = crawl("th_krisdika_legislation", settings, base_url=site.url)

    (law,) = first.documents
    assert law.doc_id == "th_krisdika_legislation:571127"
    assert law.title == "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551"
    assert law.decision_date == "2008-01-30"
    assert "มาตรา ๔๑ ห้ามมิให้พนักงานสอบสวนดำเนินคดีผู้เสียหายจากการค้ามนุษย์" in law.text
    assert (second.new, second.changed, second.unchanged) == (0, 0, 1)
    assert site.served("/librarian/getfile", 304) == 1


def test_vbpl_takes_the_full_text_or_falls_back_to_the_word_attachment(settings: Settings) -> None:
    with serve_routes(vbpl()) as site:
        report = crawl("vn_vbpl_legislation", settings, base_url=site.url)

    assert report.discovered == 2
    by_id = {doc.doc_id: doc for doc in report.documents}
    constitution = by_id["vn_vbpl_legislation:32801"]
    assert constitution.title == "Hiến pháp năm 2013"
    assert constitution.case_number is None  # "Không số": the Constitution has no number
    assert constitution.decision_date == "2013-11-28"
    assert "Nhân dân Việt Nam lao động cần cù, sáng tạo" in constitution.text
    assert site.served("/TW/Lists/vbpq/Attachments/96172/101.2015.QH13.doc") == 1
    # Until DOC bodies can be read, the attachment is set aside with a clear reason, and the
    # other document is kept.
    code = by_id.get("vn_vbpl_legislation:96172")
    if code is None:
        (error,) = report.errors
        assert "vn_vbpl_legislation:96172" in error and "application/msword" in error
    else:
        assert code.content_type == "application/msword"


def test_mlis_documents_carry_their_own_language_twin_and_zawgyi_flag(settings: Settings) -> None:
    with serve_routes(mlis()) as site:
        report = crawl("mm_mlis_legislation", settings, base_url=site.url)

    assert report.errors == ()
    by_id = {doc.doc_id.rsplit(":", 1)[1]: doc for doc in report.documents}
    assert set(by_id) == {"9001", "9002", "9003"}
    assert by_id["9001"].language == "my" and by_id["9002"].language == "en"
    assert by_id["9001"].metadata["twin_laword_sn"] == "9002"
    assert by_id["9001"].metadata["burmese_encoding"] == "unicode"
    assert by_id["9003"].metadata["burmese_encoding"] == "zawgyi"
    assert "လူကုန်ကူးခံရသူကို ပြစ်မှုကျူးလွန်သူအဖြစ် အရေးယူခြင်း မပြုရ" in by_id["9001"].text


def test_anle_precedent_is_its_pdf_keyed_on_the_ddocname(settings: Settings) -> None:
    with serve_routes(anle()) as site:
        report = crawl("vn_anle_precedents", settings, base_url=site.url)

    assert report.errors == ()
    (precedent,) = report.documents
    assert precedent.doc_id == "vn_anle_precedents:TAND292162"
    assert precedent.case_number == "63/2023/AL"
    assert precedent.decision_date == "2023-02-01"
    assert precedent.content_type == "application/pdf"
    assert "AN LE SO 63/2023/AL" in precedent.text
