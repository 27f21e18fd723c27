"""Legislation segmentation and tagging, on short statutes written for these tests and, when the
shared corpus is present, on real Malaysian bills."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.legislation import load_corpus_laws, segment_law, segment_provisions, tag_provision
from tiplex.records import Document, Provision

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "legislation"


def law(name: str, title: str, language: str) -> Document:
    return Document(
        doc_id=f"test:{name}",
        source_id="test",
        url=(EXAMPLES / name).as_uri(),
        country="",
        language=language,
        doc_type="legislation",
        title=title,
        text=(EXAMPLES / name).read_text(encoding="utf-8"),
        sha256="",
        content_type="text/plain",
        raw_path=str(EXAMPLES / name),
        fetched_at="",
    )


FIXTURES = {
    "ph": law("ph_republic_act.txt", "Sample Province Trafficking Response Act", "en"),
    "ms": law("ms_rang_undang_undang.txt", "RUU Contoh Antipemerdagangan Orang", "ms"),
    "id": law("id_undang_undang.txt", "Undang-Undang Contoh tentang Perdagangan Orang", "id"),
    "th": law("th_phrarachabanyat.txt", "พระราชบัญญัติตัวอย่างว่าด้วยการค้ามนุษย์", "th"),
    "vi": law("vi_luat.txt", "Luật mẫu phòng, chống mua bán người", "vi"),
}


def by_number(key: str) -> dict[str, Provision]:
    return {p.number: p for p in segment_provisions(FIXTURES[key])}


@pytest.mark.parametrize(
    ("key", "numbers"),
    [
        ("ph", ["1", "2", "3", "4", "4A", "5", "6"]),
        ("ms", ["1", "2", "3", "4", "5", "6"]),
        ("id", ["1", "2", "3", "4"]),
        ("th", ["1", "2", "3", "3/1", "4", "5"]),
        ("vi", ["1", "2", "3", "4", "5"]),
    ],
)
def test_numbers_are_found_complete_and_in_order(key: str, numbers: list[str]) -> None:
    assert [p.number for p in segment_provisions(FIXTURES[key])] == numbers


@pytest.mark.parametrize("key", sorted(FIXTURES))
def test_offsets_point_at_the_provision_text(key: str) -> None:
    document = FIXTURES[key]
    provisions = segment_provisions(document)
    assert provisions
    for provision in provisions:
        assert provision.doc_id == document.doc_id
        assert document.text[provision.start : provision.end] == provision.text
        assert provision.text == provision.text.strip()
    starts = [p.start for p in provisions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(provisions, provisions[1:], strict=False))


@pytest.mark.parametrize(
    ("key", "number", "heading", "text_starts"),
    [
        ("ph", "3", "Acts of Trafficking in Persons", "It shall be unlawful"),
        ("ph", "5", "Non-punishment of Trafficked Persons", "Trafficked persons shall not"),
        ("ms", "4", "Imuniti daripada pendakwaan jenayah", "Orang yang diperdagangkan"),
        ("ms", "2", "Tafsiran", "Dalam Akta ini"),
        ("vi", "4", "Không xử lý nạn nhân", "Nạn nhân không bị"),
        ("id", "3", "", "Korban yang melakukan"),
        ("th", "4", "", "ห้ามมิให้ดำเนินคดีอาญา"),
    ],
)
def test_headings_are_separated_from_the_text(
    key: str, number: str, heading: str, text_starts: str
) -> None:
    provision = by_number(key)[number]
    assert provision.heading == heading
    assert provision.text.startswith(text_starts)


def test_malay_bill_skips_contents_and_explanatory_statement() -> None:
    result = segment_law(FIXTURES["ms"])
    assert result.toc_skipped
    assert result.numbering_complete
    last = result.provisions[-1]
    assert "HURAIAN" not in last.text
    assert "contoh sahaja" not in last.text
    # The contents list repeats every heading; none of its lines may become a provision.
    assert all(p.text for p in result.provisions)


def test_section_quoted_by_an_amending_clause_stays_inside_that_clause() -> None:
    provisions = by_number("ms")
    assert "12A" not in provisions
    assert "membantu pemerdagangan orang" in provisions["5"].text


def test_numbered_clauses_inside_an_article_are_not_provisions() -> None:
    provisions = by_number("vi")
    assert "Mua bán người là" in provisions["2"].text
    assert "Chương" not in provisions["2"].text  # the chapter heading ends the article


@pytest.mark.parametrize(
    ("key", "number", "topic"),
    [
        ("ph", "2", "definition"),
        ("ph", "3", "criminalisation"),
        ("ph", "4", "penalty"),
        ("ph", "4A", "aggravation"),
        ("ph", "5", "non_punishment"),
        ("ph", "6", "compensation"),
        ("ms", "2", "definition"),
        ("ms", "3", "penalty"),
        ("ms", "4", "non_punishment"),
        ("ms", "6", "compensation"),
        ("id", "1", "definition"),
        ("id", "2", "penalty"),
        ("id", "3", "non_punishment"),
        ("id", "4", "compensation"),
        ("th", "2", "definition"),
        ("th", "3", "penalty"),
        ("th", "4", "non_punishment"),
        ("th", "5", "compensation"),
        ("vi", "2", "definition"),
        ("vi", "3", "penalty"),
        ("vi", "4", "non_punishment"),
        ("vi", "5", "compensation"),
    ],
)
def test_topics(key: str, number: str, topic: str) -> None:
    assert topic in by_number(key)[number].topics


@pytest.mark.parametrize(
    ("key", "number", "absent"),
    [
        ("ph", "1", "penalty"),
        ("ph", "5", "penalty"),  # "Non-punishment" is not a penalty clause
        ("ms", "1", "non_punishment"),
        ("vi", "1", "definition"),
    ],
)
def test_topics_are_not_given_without_cause(key: str, number: str, absent: str) -> None:
    assert absent not in by_number(key)[number].topics


def test_untagged_provisions_are_other() -> None:
    assert by_number("ph")["1"].topics == ("other",)


def test_actip_articles_follow_the_mapping_table() -> None:
    provisions = by_number("ph")
    assert provisions["2"].actip_articles == ("2",)
    assert provisions["3"].actip_articles == ("5",)
    assert "14" in provisions["5"].actip_articles
    table = json.loads(
        (Path(__file__).resolve().parents[2] / "nlp/data/legislation/actip.json").read_text(
            encoding="utf-8"
        )
    )
    assert set(table["by_topic"]["non_punishment"]) <= set(table["articles"])


def test_no_actip_articles_outside_trafficking_law() -> None:
    topics, articles = tag_provision(
        "Interpretation", 'In this Act, unless the context otherwise requires, "company" means'
    )
    assert topics == ("definition",)
    assert articles == ()


def test_drug_trafficking_is_not_trafficking_in_persons() -> None:
    _, articles = tag_provision(
        "Penalty", "Any person who is guilty of trafficking in dangerous drugs shall be punished"
    )
    assert articles == ()


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("មាត្រា ១ ច្បាប់នេះ\n\nមាត្រា ២ ពាក្យ\n", ["1", "2"]),
        ("ມາດຕາ 1 ກົດໝາຍ\n\nມາດຕາ 2 ຄຳສັບ\n", ["1", "2"]),
        ("ပုဒ်မ ၁ ဤဥပဒေ\n\nပုဒ်မ ၂ စကားရပ်\n", ["1", "2"]),
    ],
)
def test_khmer_lao_and_burmese_articles_are_detected(text: str, numbers: list[str]) -> None:
    document = Document(
        doc_id="t",
        source_id="t",
        url="",
        country="",
        language="und",
        doc_type="legislation",
        title="",
        text=text,
        sha256="",
        content_type="",
        raw_path="",
        fetched_at="",
    )
    assert [p.number for p in segment_provisions(document)] == numbers


# --------------------------------------------------------------------------------------------
# Real Malaysian bills (skipped when ../shared/corpus is absent)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trafficking_bills(corpus_dir: Path) -> dict[str, Document]:
    # Skipped only when the whole corpus is absent: a renamed folder must fail, not skip.
    folder = corpus_dir / "my"
    assert folder.is_dir(), f"{folder} is missing from the corpus"
    return {
        d.doc_id: d
        for d in load_corpus_laws(folder)
        if "trafficking" in d.title.lower() or "antipemerdagangan" in d.title.lower()
    }


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("doc_id", "topic"),
    [
        ("my-bill-dr07-2007-en", "non_punishment"),
        ("my-bill-dr07-2007-ms", "non_punishment"),
        ("my-bill-dr07-2007-en", "victim_assistance"),
        ("my-bill-dr10-2021-en", "victim_assistance"),
        ("my-bill-dr10-2021-ms", "victim_assistance"),
        ("my-bill-dr18-2015-en", "victim_assistance"),
        ("my-bill-dr18-2015-en", "compensation"),
        ("my-bill-dr18-2015-ms", "victim_assistance"),
    ],
)
def test_trafficking_bills_yield_their_victim_provisions(
    trafficking_bills: dict[str, Document], doc_id: str, topic: str
) -> None:
    provisions = segment_provisions(trafficking_bills[doc_id])
    assert any(topic in p.topics for p in provisions)


@pytest.mark.corpus
def test_trafficking_bills_are_numbered_completely(trafficking_bills: dict[str, Document]) -> None:
    assert len(trafficking_bills) >= 7
    for doc_id, document in trafficking_bills.items():
        result = segment_law(document)
        assert result.numbering_complete, doc_id
        for provision in result.provisions:
            assert document.text[provision.start : provision.end] == provision.text


@pytest.mark.corpus
def test_principal_act_immunity_clause_is_section_25(
    trafficking_bills: dict[str, Document],
) -> None:
    principal_act = trafficking_bills["my-bill-dr07-2007-en"]
    provisions = {p.number: p for p in segment_provisions(principal_act)}
    assert len(provisions) == 67
    assert "non_punishment" in provisions["25"].topics
    assert "14" in provisions["25"].actip_articles
