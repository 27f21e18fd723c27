"""Statute citations in the languages that cite a section by its own word (Thai มาตรา, Vietnamese
Điều): the provision a judgment applies is what links it to that provision of the law."""

from __future__ import annotations

import pytest

from nlp.coder import CaseCoder
from nlp.extractors.statutes import citations
from tiplex.records import Document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _judgment(text: str, *, country: str, language: str) -> Document:
    return Document(
        doc_id="t:1", source_id="t", url="file:///t", country=country, language=language,
        doc_type="judgment", title="", text=text, sha256="", content_type="text/plain",
        raw_path="", fetched_at="2026-01-01T00:00:00Z",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "statute", "provision"),
    [
        # The Thai section before the Act ("มาตรา ๔๑ แห่งพระราชบัญญัติ...") or after its year.
        ("มาตรา ๔๑ แห่งพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. ๒๕๕๑", "TH ATIPA 2008", "มาตรา 41"),
        (
            "ตามพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. ๒๕๕๑ มาตรา ๖ (๑)",
            "TH ATIPA 2008",
            "มาตรา 6",
        ),
        ("Section 17 of R.A. No. 9208", "PH RA 9208", "Sec. 17"),
        ("under section 6(1)(c) of the Immigration Act 1959/63", "MY IA 1959/63", "Sec. 6(1)(c)"),
        # An article named with its code is that article, whatever was cited just before it.
        ("Điều 5 và Điều 348 Bộ luật Hình sự", "VN PC 2015", "Điều 348"),
        ("theo điểm a khoản 2 Điều 150 Bộ luật Hình sự", "VN PC 2015 Art. 150-151", "Điều 150"),
    ],
)
def test_the_cited_provision_is_read_in_each_languages_order(
    text: str, statute: str, provision: str
) -> None:
    found = [f.value for f in citations(text, 0)]
    assert {"statute": statute, "provision": provision} in found


def test_a_thai_list_of_sections_cites_each() -> None:
    found = [
        f.value["provision"]
        for f in citations("ตามพระราชบัญญัติคนเข้าเมือง พ.ศ. ๒๕๒๒ มาตรา ๑๑, ๘๑ และ ๘๒", 0)
    ]
    assert found == ["มาตรา 11", "มาตรา 81", "มาตรา 82"]
    # A number with a unit after the list is a penalty, not a section.
    found = [f.value["provision"] for f in citations("ประมวลกฎหมายอาญา มาตรา ๒๘๒, ๓ ปี", 0)]
    assert found == ["มาตรา 282"]


def test_a_thai_judgment_links_to_the_section_it_applies(coder: CaseCoder) -> None:
    text = (
        "คำพิพากษาศาลฎีกา\nโจทก์ฟ้องว่าจำเลยเข้าเมืองโดยไม่ได้รับอนุญาต\n"
        "ศาลฎีกาวินิจฉัยว่า จำเลยเป็นผู้เสียหายจากการค้ามนุษย์ มาตรา ๔๑ แห่งพระราชบัญญัติ"
        "ป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. ๒๕๕๑ ห้ามมิให้พนักงานสอบสวนดำเนินคดีกับผู้เสียหาย\n"
        "พิพากษากลับ ให้ยกฟ้อง\n"
    )
    facts = coder.code(_judgment(text, country="TH", language="th"))
    # Section 41 barred the prosecution: it is cited, and that links the judgment to it; it is
    # not what the accused was charged with (the charge names no statute here).
    cited = [(c.statute, c.provision) for c in facts.statute_citations]
    assert cited == [("TH ATIPA 2008", "มาตรา 41")]
    assert facts.charges == ()


def test_a_statute_charged_without_a_section_links_once_where_one_is_cited() -> None:
    from tiplex.records import cited_provisions

    # A charge naming only the Act, the reasoning citing its section (the coder's JSON form).
    facts = {
        "charges": [{"statute": "TH IA 1979", "provision": None, "verdict": "dismissed"}],
        "statute_citations": [
            {"statute": "TH IA 1979", "provision": "มาตรา 81"},
            {"statute": "TH ATIPA 2008", "provision": "มาตรา 41"},
        ],
    }
    assert cited_provisions(facts, "TH IA 1979") == {"มาตรา 81"}
    assert cited_provisions(facts, "TH ATIPA 2008") == {"มาตรา 41"}
    # Cited only without a section, the statute still links the judgment.
    assert cited_provisions({"charges": facts["charges"]}, "TH IA 1979") == {""}
    assert cited_provisions(facts, "TH CC") == set()


def test_statutes_are_read_in_the_configured_sections_only(coder: CaseCoder) -> None:
    # The bundled config reads the closing part of Indonesian judgments (where the last part of
    # a judgment without the "Demikianlah diputuskan" formula is cut) but not the reasoning,
    # which is read only around mentions of trafficking.
    nlp = coder.pipeline("id")
    reader = nlp.get_pipe("tiplex_statutes")
    text = "Mengingat Pasal 473 ayat (1) Kitab Undang-Undang Hukum Pidana"
    found = {}
    for section in ("closing", "reasoning"):
        doc = nlp.make_doc(text)
        doc.user_data.update(section=section, base=100, text=text)
        found[section] = [f.value for f in reader(doc).user_data.get("citations", [])]
    assert found["closing"] == [{"statute": "ID KUHP", "provision": "Pasal 473 ayat (1)"}]
    assert found["reasoning"] == []


def test_an_indonesian_judgment_links_to_the_statutes_its_decision_rests_on(
    coder: CaseCoder,
) -> None:
    # The statutes applied are named in the "Memperhatikan" clause right before "MENGADILI",
    # past the header and far from any mention of trafficking (no reasoning window reads it).
    reasoning = "".join(
        f"Menimbang, bahwa saksi ke-{i} menerangkan kejadian di rumah saksi pada malam hari;\n"
        for i in range(80)
    )
    text = (
        "PUTUSAN\nNomor 7/Pid.Sus/2025/PN Abc\nPengadilan Negeri Abc yang mengadili perkara"
        f" pidana\n{reasoning}"
        "Memperhatikan, Pasal 81 ayat (2) Undang-Undang Nomor 35 Tahun 2014 tentang Perubahan"
        " atas Undang-Undang Nomor 23 Tahun 2002 tentang Perlindungan Anak;\nMENGADILI:\n"
        "1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah;\n"
        "Demikianlah diputuskan dalam rapat permusyawaratan Majelis Hakim.\n"
    )
    facts = coder.code(_judgment(text, country="ID", language="id"))
    cited = {(c.statute, c.provision): c.evidence[0].text for c in facts.statute_citations}
    assert cited[("ID UU 35/2014", "Pasal 81 ayat (2)")].startswith("Pasal 81 ayat (2) Undang")
    # Cited, not charged: the charges come from the indictment.
    assert facts.charges == ()
