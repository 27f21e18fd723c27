"""Thai, Vietnamese and Malay judgments coded through their own formulas; Khmer, Lao and Burmese
judgments detected, segmented and coded without failing. The fixtures in tests/examples/nlp/
are invented judgments written in each tradition's form."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from nlp import detect_language
from nlp.coder import CaseCoder
from nlp.formulas import formula_findings
from nlp.textclean import clean_text
from tiplex.records import CaseFacts, Document, Span

EXAMPLES = Path(__file__).parents[1] / "examples" / "nlp"


def _document(name: str) -> Document:
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return Document(
        doc_id=f"example:{name}",
        source_id="example",
        url="",
        country="",
        language="",
        doc_type="judgment",
        title=name,
        text=text,
        sha256="",
        content_type="text/plain",
        raw_path="",
        fetched_at="",
    )


def _spans(facts: CaseFacts) -> list[Span]:
    spans = [s for group in facts.evidence.values() for s in group]
    for items in (facts.sentences, facts.compensation, facts.charges, facts.defendants):
        spans.extend(s for item in items for s in item.evidence)
    return spans


EXPECTED: list[tuple[str, dict[str, Any]]] = [
    (
        "th-judgment.txt",
        {
            "language": "th",
            "country": "TH",
            "is_trafficking_case": True,
            "court": "ศาลอาญาคดีค้ามนุษย์",
            "case_number": "คม.42/2566",
            "decision_date": "2023-06-12",
            "outcome": "convicted",
            # The sentence left after the reduction for the guilty plea, not the one before it.
            "sentence": (48, False, 80_000.0, "THB"),
            "compensation": ("restitution", 50_000.0, "THB"),
        },
    ),
    (
        "vi-judgment.txt",
        {
            "language": "vi",
            "country": "VN",
            "is_trafficking_case": True,
            "court": "TÒA ÁN NHÂN DÂN TỈNH AN GIANG",
            "case_number": "12/2023/HS-ST",
            "decision_date": "2023-06-12",
            "outcome": "convicted",
            "sentence": (108, False, 50_000_000.0, "VND"),
            "compensation": ("restitution", 30_000_000.0, "VND"),
        },
    ),
    (
        "ms-judgment.txt",
        {
            "language": "ms",
            "country": "MY",
            "is_trafficking_case": True,
            "court": "MAHKAMAH TINGGI MALAYA DI SHAH ALAM",
            "case_number": "BA-45A-12-03/2021",
            "decision_date": "2023-03-14",
            "outcome": "convicted",
            "sentence": (84, False, 20_000.0, "MYR"),
            "compensation": None,
        },
    ),
]


@pytest.mark.parametrize(("name", "expected"), EXPECTED, ids=[n for n, _ in EXPECTED])
def test_formula_languages_are_coded(coder: CaseCoder, name: str, expected: dict[str, Any]) -> None:
    document = _document(name)
    facts = coder.code(document)
    for key in (
        "language",
        "country",
        "is_trafficking_case",
        "court",
        "case_number",
        "decision_date",
        "outcome",
    ):
        assert getattr(facts, key) == expected[key], key
    months, life, fine, currency = expected["sentence"]
    assert len(facts.sentences) == 1
    sentence = facts.sentences[0]
    assert (sentence.imprisonment_months, sentence.life) == (months, life)
    assert sentence.fine is not None
    assert (sentence.fine.amount, sentence.fine.currency) == (fine, currency)
    if expected["compensation"] is None:
        assert facts.compensation == ()
    else:
        item = facts.compensation[0]
        assert (item.kind, item.amount, item.currency) == expected["compensation"]
    for span in _spans(facts):
        assert document.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("name", "language", "country"),
    [
        ("km-judgment.txt", "km", "KH"),
        ("lo-judgment.txt", "lo", "LA"),
        ("my-judgment.txt", "my", "MM"),
    ],
)
def test_scripts_without_a_spacy_language_are_coded_without_failing(
    coder: CaseCoder, name: str, language: str, country: str, caplog: pytest.LogCaptureFixture
) -> None:
    document = _document(name)
    with caplog.at_level(logging.ERROR, logger="nlp.coder"):
        facts = coder.code(document)
    assert not caplog.records
    assert (facts.language, facts.country) == (language, country)
    # The fixtures are trafficking judgments that cite their country's anti-trafficking law.
    assert facts.is_trafficking_case
    assert facts.evidence["is_trafficking_case"]
    doc = coder.pipeline(language).make_doc(document.text)
    assert len(doc) > 1
    assert doc.text == document.text


@pytest.mark.parametrize(
    ("text", "lang", "field", "value"),
    [
        # Buddhist-era years, with and without "เดือน" and the era's name.
        ("คำพิพากษา\nวันที่ 12 มิถุนายน พ.ศ. 2566\n", "th", "decision_date", "2023-06-12"),
        ("คำพิพากษา\nวันที่ 3 เดือน มกราคม พุทธศักราช 2567\n", "th", "decision_date", "2024-01-03"),
        ("คำพิพากษา\nวันที่ 1 ธันวาคม 2565\n", "th", "decision_date", "2022-12-01"),
        (
            "Bản án số: 7/2024/HS-PT\nNgày 12 tháng 6 năm 2023\n",
            "vi",
            "decision_date",
            "2023-06-12",
        ),
        ("Bản án số: 7/2024/HS-PT\nNgày: 05-11-2024\n", "vi", "decision_date", "2024-11-05"),
        ("Bản án số: 7/2024/HS-PT\n", "vi", "case_number", "7/2024/HS-PT"),
        ("คดีหมายเลขแดงที่ อ.1234/2566\n", "th", "case_number", "อ.1234/2566"),
        ("Tarikh Keputusan: 2 Ogos 2022\n", "ms", "decision_date", "2022-08-02"),
        ("Bertarikh 9 haribulan Disember 2021\n", "ms", "decision_date", "2021-12-09"),
        ("ศาลจังหวัดเชียงใหม่\nคำพิพากษา\n", "th", "court", "ศาลจังหวัดเชียงใหม่"),
        ("Tòa án nhân dân tỉnh Kiên Giang\n", "vi", "court", "Tòa án nhân dân tỉnh Kiên Giang"),
    ],
)
def test_header_formulas(text: str, lang: str, field: str, value: str) -> None:
    found = [f for f in formula_findings(text, lang) if f.field == field]
    assert found and found[0].value == value
    assert text[found[0].start : found[0].end]


@pytest.mark.parametrize(
    ("text", "lang", "outcome", "months", "life", "fine"),
    [
        ("พิพากษาว่า จำเลยมีความผิด ลงโทษจำคุก 3 ปี 6 เดือน", "th", "convicted", 42, False, None),
        ("พิพากษาว่า จำเลยมีความผิด ให้จำคุกตลอดชีวิต", "th", "convicted", None, True, None),
        (
            "พิพากษาว่า จำเลยมีความผิด จำคุก 6 ปี และปรับ 120,000 บาท ลดโทษให้หนึ่งในสาม"
            " คงจำคุก 4 ปี และปรับ 80,000 บาท",
            "th",
            "convicted",
            48,
            False,
            80_000.0,
        ),
        ("พิพากษายกฟ้อง", "th", "acquitted", None, False, None),
        (
            'QUYẾT ĐỊNH:\nTuyên bố bị cáo Lò Văn E phạm tội "Mua bán người".\n'
            "Xử phạt bị cáo Lò Văn E 05 (năm) năm 06 (sáu) tháng tù.",
            "vi",
            "convicted",
            66,
            False,
            None,
        ),
        (
            'QUYẾT ĐỊNH:\nTuyên bố bị cáo Lò Văn E phạm tội "Mua bán người".\n'
            "Xử phạt bị cáo Lò Văn E tù chung thân.",
            "vi",
            "convicted",
            None,
            True,
            None,
        ),
        (
            'QUYẾT ĐỊNH:\nTuyên bố bị cáo Lò Văn E không phạm tội "Mua bán người".',
            "vi",
            "acquitted",
            None,
            False,
            None,
        ),
        (
            "KEPUTUSAN\nTertuduh didapati bersalah dan dihukum penjara selama 5 tahun dan denda"
            " RM10,000.",
            "ms",
            "convicted",
            60,
            False,
            10_000.0,
        ),
        ("KEPUTUSAN\nTertuduh dilepaskan dan dibebaskan.", "ms", "acquitted", None, False, None),
    ],
)
def test_verdict_formulas(
    text: str, lang: str, outcome: str, months: int | None, life: bool, fine: float | None
) -> None:
    found = {f.field: f for f in formula_findings(text, lang)}
    assert found["outcome"].value == outcome
    if months is None and not life:
        assert "sentence" not in found
        return
    sentence = found["sentence"].value
    assert (sentence["imprisonment_months"], sentence["life"]) == (months, life)
    assert (sentence["fine"] or {}).get("amount") == fine


def test_native_digits_are_read_as_figures_and_evidence_keeps_them() -> None:
    original = "วันที่ ๑๒ มิถุนายน พ.ศ. ๒๕๖๖"
    clean = clean_text(original)
    assert clean.text == "วันที่ 12 มิถุนายน พ.ศ. 2566"
    found = [f for f in formula_findings(clean.text, "th") if f.field == "decision_date"]
    assert found[0].value == "2023-06-12"
    start, end = clean.span(found[0].start, found[0].end)
    assert original[start:end] == "๑๒ มิถุนายน พ.ศ. ๒๕๖๖"


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("th-judgment.txt", "th"),
        ("vi-judgment.txt", "vi"),
        ("ms-judgment.txt", "ms"),
        ("km-judgment.txt", "km"),
        ("lo-judgment.txt", "lo"),
        ("my-judgment.txt", "my"),
    ],
)
def test_fixture_languages_are_detected(name: str, language: str) -> None:
    assert detect_language((EXAMPLES / name).read_text(encoding="utf-8")) == language
