"""The demo's Thai, Vietnamese, Malaysian and Indonesian law pages and the judgments that apply
them, against their answer keys (tools/demo_authoring/*/EXPECTED.md): each law's non-punishment
provision is segmented and tagged as such, and each judgment is coded as citing it, which is
what `tiplex compare --topic non_punishment` links."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import nlp
from crawlers.extract import extract_text
from crawlers.sources.id_bpk_legislation import IdBpkLegislation
from crawlers.sources.my_kehakiman_judgments import MyKehakimanJudgments
from crawlers.sources.my_lom_legislation import MyLomLegislation
from crawlers.sources.ph_lawphil_statutes import PhLawphilStatutes
from crawlers.sources.th_krisdika_legislation import ThKrisdikaLegislation
from crawlers.sources.th_supremecourt_judgments import ThSupremecourtJudgments
from crawlers.sources.vn_anle_precedents import VnAnlePrecedents
from crawlers.sources.vn_vbpl_legislation import VnVbplLegislation
from interfaces.service import same_provision, statute_of_law
from nlp.legislation import segment_provisions
from tiplex.demo import MIRROR_DIR
from tiplex.records import Document

AUTHORING = Path(__file__).resolve().parents[2] / "tools" / "demo_authoring"
for folder in ("thailand", "vietnam", "malaysia"):
    sys.path.insert(0, str(AUTHORING / folder))
import malaysia_content  # noqa: E402
import vietnam_content  # noqa: E402
from decisions import DECISIONS as THAI_DECISIONS  # noqa: E402


@dataclass(frozen=True)
class Page:
    path: str  # under the mirror
    country: str
    language: str
    title: str
    hooks: type
    content_type: str


def document(page: Page, doc_type: str) -> Document:
    raw = (MIRROR_DIR / page.path).read_bytes()
    text = extract_text(raw, page.content_type, hooks=page.hooks)  # type: ignore[arg-type]
    return Document(
        doc_id=f"demo:{page.path}", source_id=page.hooks.name, url="", country=page.country,
        language=page.language, doc_type=doc_type, title=page.title, text=text, sha256="",
        content_type=page.content_type, raw_path="", fetched_at="2026-01-01T00:00:00Z",
    )  # fmt: skip


LAWS = {
    "TH": (
        Page(
            "www.krisdika.go.th/librarian/getfile%3Fsysid=571127&ext=htm",
            "TH",
            "th",
            "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551",
            ThKrisdikaLegislation,
            "text/html; charset=cp874",
        ),
        "TH ATIPA 2008",
        "41",
    ),
    "VN": (
        Page(
            "vbpl.vn/TW/Pages/vbpq-toanvan.aspx%3FItemID=990001",
            "VN",
            "vi",
            "Luật Phòng, chống mua bán người",  # as the spider names it
            VnVbplLegislation,
            "text/html; charset=utf-8",
        ),
        "VN Law on Human Trafficking",
        "5",
    ),
    "MY": (
        Page(
            "lom.agc.gov.my/ilims/upload/portal/akta/LOM/EN/Act 670.pdf",
            "MY",
            "en",
            malaysia_content.ACT_TITLE,
            MyLomLegislation,
            "application/pdf",
        ),
        "MY ATIPSOM 2007",
        "25",
    ),
    "ID": (
        Page(
            "peraturan.bpk.go.id/Download/99021/UU Nomor 21 Tahun 2007.pdf",
            "ID",
            "id",
            "Undang-undang (UU) Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana "
            "Perdagangan Orang",
            IdBpkLegislation,
            "application/pdf",
        ),
        "ID UU 21/2007",
        "18",
    ),
    "PH": (
        Page(
            "lawphil.net/statutes/repacts/ra2003/ra_9208_2003.html",
            "PH",
            "en",
            "Republic Act No. 9208",
            PhLawphilStatutes,
            "text/html; charset=windows-1252",
        ),
        "PH RA 9208",
        "17",
    ),
}


@pytest.mark.parametrize("country", sorted(LAWS))
def test_each_states_law_has_its_non_punishment_provision(country: str) -> None:
    page, statute, number = LAWS[country]
    law = document(page, "legislation")
    tagged = [p.number for p in segment_provisions(law) if "non_punishment" in p.topics]
    assert tagged == [number]
    # Judgments citing the law are found under the name its title gives.
    assert statute_of_law(page.title) == statute


JUDGMENTS = [
    (
        Page(
            "deka.supremecourt.or.th/printing/deka.post/adf4b6cc6cc2ddb9",
            "TH",
            "th",
            "คำพิพากษาศาลฎีกา",
            ThSupremecourtJudgments,
            "text/html; charset=utf-8",
        ),
        THAI_DECISIONS[0].expected,
    ),
    (
        Page(
            "anle.toaan.gov.vn/webcenter/pdfview%3FdDocName=TAND990001",
            "VN",
            "vi",
            "Án lệ",
            VnAnlePrecedents,
            "application/pdf",
        ),
        vietnam_content.EXPECTED["precedent"],
    ),
    (
        Page(
            "ejudgment.kehakiman.gov.my/EFSWeb/DocDownloader.aspx%3FDocumentID="
            f"{malaysia_content.GROUNDS_ID}&Inline=true",
            "MY",
            "ms",
            "Pendakwa Raya",
            MyKehakimanJudgments,
            "application/pdf",
        ),
        malaysia_content.EXPECTED["judgment"],
    ),
]


@pytest.mark.parametrize(("page", "expected"), JUDGMENTS, ids=lambda v: getattr(v, "country", ""))
def test_each_states_judgment_is_coded_as_citing_the_provision(
    coder: nlp.CaseCoder, page: Page, expected: dict[str, object]
) -> None:
    facts = coder.code(document(page, "judgment"))
    assert facts.is_trafficking_case is True
    # The protection a victim invokes is cited, not charged: the citation is the link.
    for statute, number in expected["cites"]:  # type: ignore[attr-defined]
        assert any(
            c.statute == statute and same_provision(c.provision, number)
            for c in facts.statute_citations
        ), [(c.statute, c.provision) for c in facts.statute_citations]
