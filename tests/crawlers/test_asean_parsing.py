"""The parsing of the Thai, Vietnamese, Myanmar and regional sources, on their saved pages.

Real saved pages (`*.real.*`) show what the sites really send; team-written ones (`*.team.*`)
stand in where no page of a site was available (see each folder's PROVENANCE.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from parsel import Selector

from crawlers.dates import arabic_digits, deka_number, parse_thai_date
from crawlers.extract import declared_charset, decode_text, extract_text
from crawlers.sources import (
    int_commonlii_cases,
    int_sherloc_cases,
    mm_mlis_legislation,
    th_krisdika_legislation,
    th_supremecourt_judgments,
    vn_anle_precedents,
    vn_congbobanan_judgments,
    vn_vbpl_legislation,
)
from tests.crawlers.vbpl_pages import full_text_page_with_empty_tab

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"


def _text(source: str, name: str) -> str:
    return (EXAMPLES / source / name).read_text(encoding="utf-8")


# ---- Thailand -------------------------------------------------------------------------------


def test_thai_digits_and_buddhist_era_dates() -> None:
    assert arabic_digits("มาตรา ๕๒") == "มาตรา 52"
    assert parse_thai_date("ให้ไว้ ณ วันที่ ๓๐ มกราคม พ.ศ. ๒๕๕๑") == "2008-01-30"
    assert parse_thai_date("วันที่ 1 ต.ค. 2568") == "2025-10-01"
    assert parse_thai_date("๓๑ กุมภาพันธ์ ๒๕๖๘") is None  # no such day
    assert deka_number("คำพิพากษาศาลฎีกาที่ ๑๒๓๔/๒๕๖๗") == "1234/2567"


def test_supreme_court_search_gives_docids_and_numbers_only_for_decisions() -> None:
    hits = th_supremecourt_judgments.parse_search_results(
        _text("th_supremecourt_judgments", "search_example.html")
    )
    assert [(h.docid, h.number) for h in hits] == [
        ("9187345", "1234/2567"),
        ("9190012", "567/2568"),
    ]


def test_supreme_court_print_page_takes_the_pronounced_date_not_the_facts_dates() -> None:
    parts = th_supremecourt_judgments.parse_print_page(
        _text("th_supremecourt_judgments", "print_example.html")
    )
    assert parts["number"] == "1234/2567"
    assert parts["decision_date"] == "2024-08-15"  # the facts' 1 March 2565 comes first
    assert parts["law"] == "พ.ร.บ.ป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551 มาตรา 4, 6, 52"
    assert parts["primary_court"] == "ศาลอาญาคดีค้ามนุษย์"


def test_krisdika_tis620_page_without_a_label_is_read_as_thai() -> None:
    raw = (EXAMPLES / "th_krisdika_legislation" / "law_example.html").read_bytes()
    assert declared_charset(raw) is None
    law = th_krisdika_legislation.parse_law(decode_text(raw))
    assert law == {
        "title": "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551",
        "enacted": "2008-01-30",
        "gazette": "เล่ม 125 ตอนที่ 29 ก",
    }
    # With the label the spider gives the content type, the text survives intact; unlabelled,
    # the extractor's own detection of legacy Thai code pages reads it the same.
    labelled = extract_text(raw, "text/html; charset=cp874")
    assert "มาตรา ๔๑ ห้ามมิให้พนักงานสอบสวนดำเนินคดีผู้เสียหายจากการค้ามนุษย์" in labelled
    assert extract_text(raw, "text/html") == labelled


# ---- Viet Nam -------------------------------------------------------------------------------


def test_vbpl_real_search_fragment_lists_consolidated_texts_by_item_id() -> None:
    listed = vn_vbpl_legislation.parse_search_fragment(
        _text("vn_vbpl_legislation", "search_example.html")
    )
    assert len(listed) == 10
    assert listed[0] == vn_vbpl_legislation.ListedDocument(
        item_id="147301",
        title="Luật 31/VBHN-VPQH",
        summary="hợp nhất Luật Xử lý vi phạm hành chính",
        consolidated=True,
    )
    assert all(item.consolidated for item in listed)
    assert (
        vn_vbpl_legislation.search_total(_text("vn_vbpl_legislation", "search_example.html"))
        == 1202
    )  # "Tìm thấy 1202 văn bản": 121 pages of ten, a weekly run reads the first three


def test_vbpl_real_attributes_page() -> None:
    html = _text("vn_vbpl_legislation", "attributes_example.html")
    attributes = vn_vbpl_legislation.parse_attributes(html)
    assert attributes["title"] == "Tố tụng hình sự"
    assert attributes["number"] == "101/2015/QH13"
    assert attributes["issued"] == "2015-11-27"
    assert attributes["in_force_from"] == "2018-01-01"
    assert attributes["issuer"] == "Quốc hội"
    assert attributes["validity"] == "Còn hiệu lực"
    attachments = vn_vbpl_legislation.parse_attachments(html)
    assert [a.name for a in attachments][0] == "101.2015.QH13.doc"
    word = vn_vbpl_legislation.word_attachment(attachments)
    assert word is not None and word.path == "/TW/Lists/vbpq/Attachments/96172/101.2015.QH13.doc"


def test_vbpl_full_text_tab_empty_or_not() -> None:
    assert not vn_vbpl_legislation.full_text_is_empty(
        _text("vn_vbpl_legislation", "fulltext_example.html")
    )
    assert vn_vbpl_legislation.full_text_is_empty(full_text_page_with_empty_tab())
    full = (EXAMPLES / "vn_vbpl_legislation" / "fulltext_example.html").read_bytes()
    assert "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in extract_text(full, "text/html")


def test_anle_real_precedent_page_decodes_entities_and_finds_the_pdf() -> None:
    attributes = vn_anle_precedents.parse_precedent(
        _text("vn_anle_precedents", "precedent_example.html")
    )
    assert attributes["number"] == "63/2023/AL"
    assert attributes["title"].startswith("Về xem xét quyết định hành chính")
    assert (attributes["adopted"], attributes["published"], attributes["applies_from"]) == (
        "2023-02-01",
        "2023-02-24",
        "2023-03-27",
    )
    assert attributes["pdf_doc_name"] == "TAND292162"
    assert vn_anle_precedents.precedent_links(
        _text("vn_anle_precedents", "listing_example.html")
    ) == ["TAND292162"]


def test_congbobanan_ghost_pages_and_the_trafficking_filter() -> None:
    folder = "vn_congbobanan_judgments"
    assert vn_congbobanan_judgments.judgment_ids(_text(folder, "latest_example.html")) == [
        1700003,
        1700001,
    ]
    assert vn_congbobanan_judgments.is_ghost(_text(folder, "judgment_example_2.html"))
    trafficking = vn_congbobanan_judgments.parse_judgment_page(
        _text(folder, "judgment_example.html")
    )
    assert not vn_congbobanan_judgments.is_ghost(_text(folder, "judgment_example.html"))
    assert vn_congbobanan_judgments.is_trafficking(trafficking)
    assert trafficking["number"] == "45/2024/HS-ST"
    assert trafficking["decision_date"] == "2024-05-20"
    assert trafficking["file"] == "/5ta1700003t1cvn/1700003.pdf"
    loan = vn_congbobanan_judgments.parse_judgment_page(_text(folder, "judgment-1700001.team.html"))
    assert not vn_congbobanan_judgments.is_trafficking(loan)


# ---- Myanmar --------------------------------------------------------------------------------


def test_zawgyi_is_told_from_unicode_burmese() -> None:
    folder = "mm_mlis_legislation"
    unicode_law = mm_mlis_legislation.parse_detail(_text(folder, "detail_example_2.html"))
    zawgyi_law = mm_mlis_legislation.parse_detail(_text(folder, "detail_example.html"))
    english_law = mm_mlis_legislation.parse_detail(_text(folder, "detail-9002.team.html"))
    assert unicode_law["language"] == "my" and unicode_law["burmese_encoding"] == "unicode"
    assert zawgyi_law["language"] == "my" and zawgyi_law["burmese_encoding"] == "zawgyi"
    assert english_law["language"] == "en" and "burmese_encoding" not in english_law
    # The Unicode law gives no Zawgyi signal at all; a single stray sign is not enough.
    body = Selector(text=_text(folder, "detail_example_2.html")).xpath("string(//body)").get()
    assert mm_mlis_legislation.zawgyi_score(body) == 0.0
    assert not mm_mlis_legislation.is_zawgyi("ဥပဒေ " * 20 + "\u1031\u1000")


def test_mlis_list_and_twin() -> None:
    folder = "mm_mlis_legislation"
    data = json.loads(_text(folder, "list_example.json"))
    laws = mm_mlis_legislation.parse_law_list(data)
    assert [law.laword_sn for law in laws] == ["9001", "9002", "9003"]
    assert laws[0].title == "လူကုန်ကူးမှု တားဆီးကာကွယ်ရေး ဥပဒေ"
    assert mm_mlis_legislation.twin_id(_text(folder, "view-9001.team.html")) == "9002"
    burmese = (EXAMPLES / folder / "detail_example_2.html").read_bytes()
    assert "လူကုန်ကူးခံရသူကို ပြစ်မှုကျူးလွန်သူအဖြစ်" in extract_text(burmese, "text/html")


# ---- Regional -------------------------------------------------------------------------------


def test_sherloc_real_rendered_rows_have_no_link_but_carry_the_case() -> None:
    html = _text("int_sherloc_cases", "search-usa-rendered.real.html")
    rows = int_sherloc_cases.parse_rendered_results(html)
    assert len(rows) == 182  # 185 found; the page as saved had rendered 182 rows
    assert rows[0].unodc_no == "USA181"
    assert rows[0].verdict_date == "2015-07-01"
    assert (rows[0].country, rows[0].alpha3) == ("", "USA")  # not an ASEAN state
    assert all(row.uri == "" for row in rows)
    assert not Selector(text=html).css("div.result-panel a[href]")


def test_sherloc_search_json_and_case_page() -> None:
    data = json.loads(_text("int_sherloc_cases", "search_example.json"))
    rows = int_sherloc_cases.parse_search_json(data)
    assert [(r.unodc_no, r.country, r.verdict_date) for r in rows] == [
        ("KHM001", "KH", "2019-05-14"),
        ("KHM002", "KH", ""),  # "YYYY-MM-DD" is SHERLOC's placeholder for an unknown date
    ]
    case = int_sherloc_cases.parse_case_page(_text("int_sherloc_cases", "case_example.html"))
    assert case["court"] == "Phnom Penh Municipal Court"
    assert case["verdict_date"] == "2019-05-14"
    assert case["keywords"] == "forced marriage; recruitment; cross-border"
    assert case["charges"].startswith("Sok: Law on Suppression of Human Trafficking")


def test_commonlii_keeps_only_trafficking_cases() -> None:
    folder = "int_commonlii_cases"
    cases = int_commonlii_cases.parse_year_index(_text(folder, "year_example.html"))
    assert [c.number for c in cases] == ["69", "70"]
    kept = int_commonlii_cases.parse_case(_text(folder, "case_example.html"))
    assert kept["trafficking"] == "yes"
    assert kept["citation"] == "[2011] MYCA 69"
    assert kept["decision_date"] == "2011-03-12"
    other = int_commonlii_cases.parse_case(_text(folder, "case_example_2.html"))
    assert other["trafficking"] == "no"


def test_khmer_and_lao_text_survive_extraction_labelled_or_not() -> None:
    # No Khmer or Lao source exists yet (see crawlers.unavailable), but SHERLOC pages
    # and ingested files carry these scripts: UTF-8 must be read as such even unlabelled.
    khmer = "ច្បាប់ស្តីពីការបង្ក្រាបអំពើជួញដូរមនុស្ស"  # Law on Suppression of Human Trafficking
    lao = "ກົດໝາຍວ່າດ້ວຍການຕ້ານ ແລະ ສະກັດກັ້ນການຄ້າມະນຸດ"  # Law on Anti-Human Trafficking
    page = f"<html><body><h1>{khmer}</h1><p>{lao}</p></body></html>".encode()
    for content_type in ("text/html; charset=utf-8", "text/html"):
        text = extract_text(page, content_type)
        assert khmer in text and lao in text, content_type
