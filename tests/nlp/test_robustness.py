"""The coder never fails on what real collections contain (empty files, binary junk, huge
lines, scripts it has no rules for), its speed-ups give the same answers as the plain code, and
the trafficking classifier tells trafficking in persons from its usual false friends."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import spacy

from nlp import load_coder
from nlp.bench import corpus_document
from nlp.classify import _TIP_MENTION, tip_mentions
from nlp.coder import CaseCoder, whitespace_doc
from nlp.sections import _last
from tiplex.records import CaseFacts, Document, Span


@pytest.fixture(scope="module")
def fully_tokenized() -> CaseCoder:
    """A coder that runs the language's tokenizer over every section."""
    full = load_coder()
    full.tokenized_sections = frozenset(
        {"header", "charges", "legal_basis", "operative", "closing", "window"}
    )
    return full


def _document(text: str, *, country: str = "", language: str = "") -> Document:
    return Document(
        doc_id="test:1",
        source_id="test",
        url="",
        country=country,
        language=language,
        doc_type="judgment",
        title="",
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
    spans.extend(facts.victims.evidence)
    spans.extend(facts.non_punishment.evidence)
    return spans


def _code_strictly(
    coder: CaseCoder, document: Document, caplog: pytest.LogCaptureFixture
) -> CaseFacts:
    """Code and fail on any error the coder caught and logged (it never raises)."""
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="nlp.coder"):
        facts = coder.code(document)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, f"{document.doc_id}: {errors[0].getMessage()} {errors[0].exc_text or ''}"
    for span in _spans(facts):
        assert 0 <= span.start <= span.end <= len(document.text)
        assert document.text[span.start : span.end] == span.text
    return facts


ODD_INPUTS = {
    "empty": "",
    "whitespace": " \n\t\n  ",
    "control characters": "\x00\x01\x02\x7f\x9f" * 200,
    "replacement characters": "\ufffd" * 5_000,
    "one huge line": "Terdakwa " + "a" * 400_000,
    "page chrome only": "Mahkamah Agung Republik Indonesia\nDisclaimer\n" * 500,
    "mojibake": "Terdakwa dijatuhi pidana penjara selama 4 tahun Ã¢â‚¬â€œ denda Rp1.000.000,00\n"
    * 50,
    "numbers only": "1234567890 " * 10_000,
    "markers without content": "M E N G A D I L I\nDemikianlah diputuskan\nWHEREFORE\nSO ORDERED\n",
    "mixed scripts": "ศาล Tòa án ជនជាប់ចោទ ຜູ້ຖືກຫາ တရားခံ accused Terdakwa İstanbul ß ﬁ" * 300,
    "surrogate-free emoji": "The accused 😀 was sentenced to 😀 years" * 100,
}


@pytest.mark.parametrize("name", sorted(ODD_INPUTS))
@pytest.mark.parametrize("country", ["", "ID", "PH", "SG", "TH"])
def test_odd_inputs_are_coded_without_errors(
    coder: CaseCoder, caplog: pytest.LogCaptureFixture, name: str, country: str
) -> None:
    facts = _code_strictly(coder, _document(ODD_INPUTS[name], country=country), caplog)
    assert facts.doc_id == "test:1"


@pytest.mark.parametrize(
    "text",
    ["", "one", "  two  words \n\n", "\t\nlead and trail  ", "a  b   c\n\nd", " "],
)
def test_whitespace_doc_keeps_the_text(text: str) -> None:
    doc = whitespace_doc(spacy.blank("en").vocab, text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == text.split()


@pytest.mark.parametrize(
    "text",
    [
        "The accused was convicted of Qualified Trafficking in Persons under R.A. No. 9208.",
        "TERDAKWA terbukti melakukan TINDAK PIDANA PERDAGANGAN ORANG (TPPO).",
        "İstanbul: trafficking of women; HUMAN TRAFFICKING",  # İ lower-cases to two characters
        "Republic Act No. (R.A.) 10364 and the Prevention of Human Trafficking Act",
    ],
)
def test_fast_mention_search_finds_what_the_case_insensitive_one_finds(text: str) -> None:
    assert tip_mentions(text) == [(m.start(), m.end()) for m in _TIP_MENTION.finditer(text)]


def test_last_match_is_the_same_as_scanning_everything() -> None:
    pattern = re.compile(r"^[ \t]*WHEREFORE\b", re.MULTILINE)
    text = "WHEREFORE first\n" + "x " * 30_000 + "\n  WHEREFORE middle\n" + "y " * 50_000
    expected = list(pattern.finditer(text, 10))[-1]
    found = _last(pattern, text, 10)
    assert found is not None and found.span() == expected.span()
    assert _last(pattern, "nothing here " * 10_000) is None


# Invented judgments for the classifier's hard cases: the same words, different offences.
_ID_HEADER = (
    "P U T U S A N\nNomor 1/Pid.Sus/2024/PN Abc\nPengadilan Negeri Abc yang mengadili perkara"
    " pidana\nTerdakwa: Budi\n"
)
_PH_HEADER = (
    "Republic of the Philippines\nSUPREME COURT\nTHIRD DIVISION\n\nG.R. No. 1, March 1, 2024\n\n"
    "PEOPLE OF THE PHILIPPINES, Plaintiff-Appellee,\nvs.\nJUAN DELA CRUZ, Accused-Appellant.\n\n"
    "D E C I S I O N\n\n"
)
_FILLER = "Menimbang, bahwa saksi menerangkan hal-hal yang tidak relevan di persidangan.\n" * 200

CLASSIFIER_CASES = [
    (
        "drug trafficking",
        _ID_HEADER
        + "Terdakwa didakwa melakukan perdagangan gelap narkotika melanggar Pasal 114 Undang-Undang"
        " Nomor 35 Tahun 2009 tentang Narkotika.\n"
        + _FILLER
        + "M E N G A D I L I\nMenyatakan Terdakwa terbukti bersalah melakukan tindak pidana"
        " narkotika.\nDemikianlah diputuskan",
        "ID",
        False,
    ),
    (
        "illegal placement of migrant workers, no trafficking charge",
        _ID_HEADER
        + "Terdakwa didakwa menempatkan pekerja migran secara tidak resmi melanggar Pasal 81"
        " Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia.\n"
        + _FILLER
        + "M E N G A D I L I\nMenyatakan Terdakwa terbukti bersalah.\nDemikianlah diputuskan",
        "ID",
        False,
    ),
    (
        "trafficking charged in an alternative count far into the indictment, convicted under"
        " the child protection law",
        _ID_HEADER
        + "Terdakwa didakwa dengan dakwaan sebagai berikut:\nKESATU\n"
        + "Bahwa Terdakwa menjual seorang bayi kepada orang lain dengan imbalan uang.\n" * 300
        + "Perbuatan Terdakwa diatur dan diancam pidana dalam Pasal 2 ayat (1) Undang-Undang RI"
        " Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang;\nATAU\n"
        "KEDUA melanggar Pasal 83 Undang-Undang Nomor 35 Tahun 2014.\n"
        "Menimbang, bahwa untuk membuktikan dakwaannya Penuntut Umum mengajukan saksi.\n"
        + _FILLER
        + "M E N G A D I L I\nMenyatakan Terdakwa terbukti bersalah melakukan tindak pidana"
        " menjual anak.\nDemikianlah diputuskan",
        "ID",
        True,
    ),
    (
        "drug sale in the Philippines",
        _PH_HEADER
        + "This is an appeal from the conviction of the accused for illegal sale of dangerous"
        " drugs under Section 5 of R.A. No. 9165.\n\n"
        + "The buy-bust team recovered a sachet of shabu from the accused.\n"
        * 80
        + "WHEREFORE, the appeal is DISMISSED. The accused is GUILTY of illegal sale of"
        " dangerous drugs.\n\nSO ORDERED.",
        "PH",
        False,
    ),
    (
        "acquittal of trafficking stated in the opening paragraph only",
        _PH_HEADER
        + "This resolves the appeal from the Decision of the Court of Appeals, which affirmed the"
        " conviction of the accused for Qualified Trafficking in Persons.\n\n"
        + "The witnesses gave inconsistent accounts of the entrapment operation.\n"
        * 80
        + "WHEREFORE, the appeal is GRANTED. The accused is ACQUITTED of the crime charged.\n\n"
        "SO ORDERED.",
        "PH",
        True,
    ),
    (
        "vice offences under the Women's Charter",
        "Public Prosecutor v Tan Ah Kow\n[2015] SGHC 1\n**Decision Date** : 1 March 2015\n\n"
        "**Tan J:**\n\n"
        + "The accused pleaded guilty to charges under s 140(1)(b) of the Women's Charter for"
        " procuring women for prostitution.\n"
        * 60
        + "Conclusion\n\nI sentence the accused to 12 months' imprisonment and a fine of $5,000.",
        "SG",
        False,
    ),
    (
        "migrant smuggling",
        "Public Prosecutor v Lim Boon\n[2016] SGHC 2\n**Decision Date** : 1 March 2016\n\n"
        "**Lee J:**\n\n"
        + "The accused conveyed immigration offenders into Singapore by boat for payment, an"
        " offence under s 57(1)(a) of the Immigration Act.\n"
        * 60
        + "Conclusion\n\nI sentence the accused to 24 months' imprisonment.",
        "SG",
        False,
    ),
]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [case[1:] for case in CLASSIFIER_CASES],
    ids=[case[0] for case in CLASSIFIER_CASES],
)
def test_classifier_hard_cases(
    coder: CaseCoder, caplog: pytest.LogCaptureFixture, text: str, country: str, expected: bool
) -> None:
    facts = _code_strictly(coder, _document(text, country=country), caplog)
    assert facts.is_trafficking_case is expected
    if expected:
        assert facts.evidence["is_trafficking_case"]


@pytest.mark.slow
@pytest.mark.corpus
def test_every_corpus_document_is_coded_without_errors(
    coder: CaseCoder, caplog: pytest.LogCaptureFixture, corpus_dir: Path
) -> None:
    manifest = corpus_dir / "manifest.jsonl"
    rows = [json.loads(line) for line in manifest.open(encoding="utf-8")]
    for row in rows:
        text = (corpus_dir / row["path"]).read_text(encoding="utf-8")
        _code_strictly(coder, corpus_document(row, text), caplog)


@pytest.mark.parametrize("case", CLASSIFIER_CASES, ids=[case[0] for case in CLASSIFIER_CASES])
def test_whitespace_tokens_for_text_only_sections_change_no_value(
    coder: CaseCoder, fully_tokenized: CaseCoder, case: tuple[str, str, str, bool]
) -> None:
    _name, text, country, _expected = case
    document = _document(text, country=country)
    assert coder.code(document).to_dict() == fully_tokenized.code(document).to_dict()


def test_bench_report_states_wall_and_cpu_speed_and_total_time() -> None:
    from nlp.bench import report

    result = {
        "documents": 2,
        "words": 300_000,
        "seconds": 2.0,
        "cpu_seconds": 1.5,
        "total_seconds": 3.0,
        "words_per_second": 150_000.0,
        "words_per_cpu_second": 200_000.0,
        "totals": {},
        "filled": {},
        "agree": {},
        "labelled": {},
    }
    lines = report(result).splitlines()
    assert "total time 3.0 s" in lines[0]
    assert "wall 2.0 s = 150,000 words/s per process" in lines[1]
    assert "CPU 1.5 s = 200,000 words/s per process" in lines[1]
