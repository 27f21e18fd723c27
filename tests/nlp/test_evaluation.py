"""The extraction harness: its scoring rules on hand-made cases, the label files' shape, and a run
of the real coder over the labelled corpus documents when the corpus is present."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from nlp.coder import CaseCoder
from nlp.evaluation import (
    FIELD_NAMES,
    ExtractionReport,
    evaluate_extraction,
    format_report,
    normalise_case_number,
    normalise_court,
    score_documents,
)
from tiplex.records import (
    CaseFacts,
    Compensation,
    Document,
    Money,
    NonPunishment,
    Sentence,
    Victims,
)

LABELS_DIR = Path(__file__).resolve().parents[1] / "eval" / "extraction"
CORPUS_DIR = Path(__file__).resolve().parents[2] / "../shared/corpus"


def facts(doc_id: str = "d1", **values: Any) -> CaseFacts:
    return CaseFacts(doc_id=doc_id, country="ID", language="id", doc_type="judgment", **values)


def label(doc_id: str = "d1", country: str = "ID", **values: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, "country": country, **values}


def score_of(pairs: list[tuple[Mapping[str, Any], CaseFacts]], field: str, country: str = "all"):
    scores, _ = score_documents(pairs)
    return next(s for s in scores if s.field == field and s.country == country)


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "coded"),
    [
        ("141/Pid.Sus/2025/PN Agm", "141/PID.SUS/2025/PN AGM"),
        ("141/Pid.Sus/2025/PN Agm", "Nomor 141/Pid.Sus/2025/PN Agm"),
        ("217/Pid.Sus/2025/PN.Mkd", "217/Pid.Sus/2025/PN Mkd"),
        ("G.R. No. 211465", "GR Nos. 211465"),
        ("G.R. No. 211465", "G. R. No 211465"),
        ("[2014] SGHC 186", "[2014]  SGHC 186"),
    ],
)
def test_case_numbers_match_across_case_spacing_and_punctuation(written: str, coded: str) -> None:
    assert normalise_case_number(written) == normalise_case_number(coded)


@pytest.mark.parametrize(
    ("written", "coded"),
    [
        ("141/Pid.Sus/2025/PN Agm", "142/Pid.Sus/2025/PN Agm"),
        ("141/Pid.Sus/2025/PN Agm", "141/Pid.Sus/2024/PN Agm"),
        ("G.R. No. 211465", "G.R. No. 211466"),
    ],
)
def test_different_case_numbers_stay_different(written: str, coded: str) -> None:
    assert normalise_case_number(written) != normalise_case_number(coded)


def test_court_names_accept_the_pn_abbreviation_but_not_another_court() -> None:
    assert normalise_court("PN Blitar") == normalise_court("Pengadilan Negeri Blitar")
    assert normalise_court("pengadilan negeri  BLITAR.") == normalise_court("PN Blitar")
    assert normalise_court("PN Blitar") != normalise_court("Pengadilan Negeri Kediri")


# --- scalars ---------------------------------------------------------------------------------


def test_scalar_accuracy_precision_and_recall_follow_the_documented_rule() -> None:
    pairs = [
        (label("a", decision_date="2025-11-25"), facts("a", decision_date="2025-11-25")),
        (label("b", decision_date="2025-11-25"), facts("b", decision_date="2025-11-26")),
        (label("c", decision_date="2025-01-02"), facts("c")),  # nothing coded
        (label("d", decision_date=None), facts("d", decision_date="2020-01-01")),  # unlabelled
    ]
    score = score_of(pairs, "decision_date")
    assert (score.documents, score.predicted, score.correct) == (3, 2, 1)
    assert score.accuracy == pytest.approx(1 / 3)
    assert score.precision == pytest.approx(1 / 2)
    assert score.recall == pytest.approx(1 / 3)


def test_case_number_and_court_are_scored_after_normalising() -> None:
    pairs = [
        (
            label(case_number="G.R. No. 211465", court="Pengadilan Negeri Blitar"),
            facts(case_number="GR No 211465", court="PN Blitar"),
        )
    ]
    assert score_of(pairs, "case_number").accuracy == 1.0
    assert score_of(pairs, "court").accuracy == 1.0


# --- booleans --------------------------------------------------------------------------------


def test_booleans_score_the_positive_class_and_read_null_predictions_as_no() -> None:
    pairs = [
        (label("tp", transnational=True), facts("tp", transnational=True)),
        (label("fn", transnational=True), facts("fn", transnational=None)),
        (label("fp", transnational=False), facts("fp", transnational=True)),
        (label("tn", transnational=False), facts("tn", transnational=None)),
        (label("skip", transnational=None), facts("skip", transnational=True)),
    ]
    score = score_of(pairs, "transnational")
    assert score.documents == 4
    assert score.precision == pytest.approx(1 / 2)
    assert score.recall == pytest.approx(1 / 2)
    assert score.f1 == pytest.approx(1 / 2)
    assert score.accuracy == pytest.approx(2 / 4)


def test_minors_is_true_when_the_coded_count_of_child_victims_is_positive() -> None:
    pairs = [
        (label("a", minors=True), facts("a", victims=Victims(minors=2))),
        (label("b", minors=True), facts("b", victims=Victims(minors=0))),
        (label("c", minors=False), facts("c", victims=Victims(minors=None))),
    ]
    score = score_of(pairs, "minors")
    assert (score.gold, score.predicted, score.correct) == (2, 1, 1)


def test_non_punishment_raised_reads_the_nested_record() -> None:
    pairs = [(label(non_punishment_raised=True), facts(non_punishment=NonPunishment(raised=True)))]
    assert score_of(pairs, "non_punishment_raised").f1 == 1.0


# --- multisets -------------------------------------------------------------------------------


def test_imprisonment_is_a_multiset_over_defendants_with_life_as_its_own_value() -> None:
    gold = label(
        sentences=[
            {"imprisonment_months": 72, "life": False},
            {"imprisonment_months": 72, "life": False},
            {"imprisonment_months": None, "life": True},
        ]
    )
    coded = facts(sentences=(Sentence(imprisonment_months=72), Sentence(life=True)))
    score = score_of([(gold, coded)], "imprisonment")
    assert (score.gold, score.predicted, score.correct) == (3, 2, 2)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)
    assert score.accuracy == 0.0  # not every sentence was found


def test_fines_compare_amount_and_currency_and_subsidiary_detention_months() -> None:
    gold = label(
        sentences=[
            {
                "imprisonment_months": 48,
                "fine": {"amount": 120000000, "currency": "IDR"},
                "subsidiary_detention_months": 3,
            }
        ]
    )
    right = facts(
        sentences=(
            Sentence(
                imprisonment_months=48,
                fine=Money(120000000.0, "IDR"),
                subsidiary_detention_months=3,
            ),
        )
    )
    wrong_currency = facts(
        sentences=(Sentence(fine=Money(120000000.0, "PHP"), subsidiary_detention_months=6),)
    )
    assert score_of([(gold, right)], "fine").f1 == 1.0
    assert score_of([(gold, right)], "subsidiary_detention").f1 == 1.0
    assert score_of([(gold, wrong_currency)], "fine").correct == 0
    assert score_of([(gold, wrong_currency)], "subsidiary_detention").correct == 0


def test_decisions_on_the_law_and_on_compensation_are_scored_where_labelled() -> None:
    award = {"kind": "restitution", "amount": 5e6, "currency": "IDR"}
    gold = label(
        conviction_law="vice",
        compensation=[{**award, "subsidiary_detention_months": 6}],
        compensation_refused=True,
    )
    older = label("d2", compensation=[award])  # awards labelled before default terms were
    coded = facts(
        conviction_law="trafficking",
        compensation=(Compensation("restitution", 5e6, "IDR", subsidiary_detention_months=6),),
    )
    pairs = [(gold, coded), (older, facts("d2", compensation=(Compensation("restitution"),)))]
    law = score_of(pairs, "conviction_law")
    assert (law.documents, law.correct) == (1, 0)
    detention = score_of(pairs, "award_detention")
    assert (detention.documents, detention.gold, detention.correct) == (1, 1, 1)
    refused = score_of(pairs, "compensation_refused")
    assert (refused.documents, refused.gold, refused.predicted) == (1, 1, 0)


def test_an_empty_sentence_list_is_a_label_and_extra_sentences_cost_precision() -> None:
    pairs = [(label(sentences=[]), facts(sentences=(Sentence(imprisonment_months=12),)))]
    score = score_of(pairs, "imprisonment")
    assert (score.documents, score.gold, score.predicted, score.correct) == (1, 0, 1, 0)
    assert score.precision == 0.0
    assert score.accuracy == 0.0


def test_compensation_counts_only_awards_of_the_right_kind_and_amount() -> None:
    gold = label(
        compensation=[
            {"kind": "restitution", "amount": 5000000, "currency": "IDR"},
            {"kind": "moral_damages", "amount": 50000, "currency": "PHP"},
        ]
    )
    coded = facts(
        compensation=(
            Compensation(kind="restitution", amount=5000000.0, currency="IDR"),
            Compensation(kind="exemplary_damages", amount=50000.0, currency="PHP"),
        )
    )
    score = score_of([(gold, coded)], "compensation")
    assert (score.gold, score.predicted, score.correct) == (2, 2, 1)


# --- sets ------------------------------------------------------------------------------------


def test_exploitation_forms_are_scored_over_document_value_pairs() -> None:
    pairs = [
        (
            label("a", exploitation_forms=["sexual_exploitation"]),
            facts("a", exploitation_forms=("sexual_exploitation", "forced_labour")),
        ),
        (label("b", exploitation_forms=["forced_labour"]), facts("b")),
        (label("c", exploitation_forms=[]), facts("c")),
    ]
    score = score_of(pairs, "exploitation_forms")
    assert (score.gold, score.predicted, score.correct) == (2, 2, 1)
    assert score.accuracy == pytest.approx(1 / 3)


# --- per country, report and the run --------------------------------------------------------


def test_scores_come_per_country_and_pooled() -> None:
    pairs = [
        (label("a", "ID", outcome="convicted"), facts("a", outcome="convicted")),
        (label("b", "PH", outcome="acquitted"), facts("b", outcome="convicted")),
    ]
    assert score_of(pairs, "outcome", "ID").accuracy == 1.0
    assert score_of(pairs, "outcome", "PH").accuracy == 0.0
    assert score_of(pairs, "outcome", "all").accuracy == pytest.approx(1 / 2)


def write_corpus(root: Path, texts: Mapping[str, str]) -> Path:
    corpus = root / "corpus"
    (corpus / "xx").mkdir(parents=True)
    with (corpus / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for doc_id, text in texts.items():
            (corpus / "xx" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            entry = {"doc_id": doc_id, "path": f"xx/{doc_id}.txt", "country": "ID"}
            manifest.write(json.dumps({**entry, "doc_type": "judgment"}) + "\n")
    return corpus


def test_evaluate_extraction_builds_documents_records_failures_and_missing_docs(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path, {"one": "made-up judgment text", "two": "another text"})
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "a.jsonl").write_text(
        json.dumps(label("one", outcome="convicted")) + "\n\n", encoding="utf-8"
    )
    (labels / "b.jsonl").write_text(
        json.dumps(label("two", outcome="acquitted"))
        + "\n"
        + json.dumps(label("absent", outcome="convicted"))
        + "\n",
        encoding="utf-8",
    )
    (labels / "notes.txt").write_text("not a label file", encoding="utf-8")
    seen: list[Document] = []

    def code(document: Document) -> CaseFacts:
        seen.append(document)
        if document.doc_id == "two":
            raise RuntimeError("boom")
        return facts(document.doc_id, outcome="convicted")

    report = evaluate_extraction(code, labels, corpus)

    assert report.documents == ("one", "two")
    assert report.missing == ("absent",)
    assert report.failures == {"two": "RuntimeError: boom"}
    assert [d.text for d in seen] == ["made-up judgment text", "another text"]
    assert {(d.country, d.language, d.doc_type) for d in seen} == {("ID", "", "judgment")}
    assert seen[0].case_number is None and seen[0].court is None  # nothing to copy from
    assert report.score("outcome").accuracy == pytest.approx(1 / 2)
    assert json.dumps(report.to_dict())  # the report has a JSON form
    plain = [s for s in report.to_dict()["scores"] if s["field"] == "outcome"]
    assert plain[-1]["country"] == "all" and plain[-1]["accuracy"] == pytest.approx(1 / 2)


def test_a_broken_label_line_names_its_file_and_line(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, {"one": "text"})
    labels = tmp_path / "labels"
    labels.mkdir()
    (labels / "bad.jsonl").write_text(json.dumps(label("one")) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:2"):
        evaluate_extraction(lambda d: facts(d.doc_id), labels, corpus)


def test_format_report_has_a_row_per_country_and_an_all_row_for_every_labelled_field() -> None:
    pairs = [
        (label("a", "ID", outcome="convicted"), facts("a", outcome="convicted")),
        (label("b", "SG", outcome="acquitted"), facts("b", outcome="convicted")),
    ]
    scores, mismatches = score_documents(pairs)
    text = format_report(ExtractionReport(("a", "b"), scores, mismatches))
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("outcome "))
    rows = [line.replace("outcome", "").split() for line in lines[start : start + 3]]
    # country, n, ..., accuracy
    assert [(row[0], row[1], row[-1]) for row in rows] == [
        ("ID", "1", "100.0"),
        ("SG", "1", "0.0"),
        ("all", "2", "50.0"),
    ]
    court = next(line for line in lines if line.startswith("court "))
    assert court.split()[1:3] == ["all", "0"]  # an unlabelled field says so instead of vanishing


def test_a_domestic_case_left_unanswered_costs_domestic_recall_not_transnational() -> None:
    pairs = [
        (label("a", transnational=False), facts("a", transnational=None)),
        (label("b", transnational=False), facts("b", transnational=False)),
        (label("c", transnational=True), facts("c", transnational=True)),
    ]
    domestic = score_of(pairs, "domestic")
    assert (domestic.gold, domestic.correct, domestic.recall) == (2, 1, 0.5)
    assert score_of(pairs, "transnational").accuracy == 1.0


def test_compensation_total_sums_each_kind_so_a_split_award_still_totals_right() -> None:
    def award(kind: str, amount: float) -> Compensation:
        return Compensation(kind=kind, amount=amount, currency="PHP")

    each = [{"kind": "moral_damages", "amount": 500000, "currency": "PHP"}] * 2
    pairs = [
        (label("a", compensation=each), facts("a", compensation=(award("moral_damages", 1e6),))),
        (label("b", compensation=each), facts("b", compensation=(award("moral_damages", 5e5),))),
    ]
    total = score_of(pairs, "compensation_total")
    assert (total.documents, total.correct) == (2, 1)
    assert score_of(pairs, "compensation").exact == 0  # the awards themselves differ in both


def test_victim_and_defendant_counts_are_scored_as_numbers() -> None:
    pairs = [(label("a", defendants_count=2, victims_count=3), facts("a"))]
    assert score_of(pairs, "defendants_count").predicted == 0  # no defendant coded is no answer
    assert score_of(pairs, "victims_count").correct == 0


# --- the label files -------------------------------------------------------------------------

STAGES = {"first_instance", "appeal", "cassation", "review", "other"}
OUTCOMES = {"convicted", "acquitted", "mixed", "dismissed", "other"}
KINDS = {"restitution", "moral_damages", "exemplary_damages", "actual_damages", "other"}
FORMS = {
    "sexual_exploitation", "forced_labour", "forced_criminality", "domestic_servitude",
    "slavery_servitude", "forced_marriage", "organ_removal", "child_soldiers", "other",
}  # fmt: skip
SECTORS = {
    "fishing", "online_scam", "online_gambling", "entertainment_massage", "domestic_work",
    "construction", "agriculture", "manufacturing", "online_sexual_exploitation", "other",
}  # fmt: skip


TEAM_WRITTEN = LABELS_DIR / "team-written"


def all_labels() -> list[dict[str, Any]]:
    """The real labels and the team-written ones (kept in their own folder)."""
    lines = []
    for path in [*sorted(LABELS_DIR.glob("*.jsonl")), *sorted(TEAM_WRITTEN.glob("labels/*.jsonl"))]:
        lines += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return lines


def test_every_label_uses_the_documented_values() -> None:
    labels = all_labels()
    assert labels, "no label files found"
    ids = [x["doc_id"] for x in labels]
    assert len(ids) == len(set(ids)), "a document is labelled twice"
    for item in labels:
        where = item["doc_id"]
        # A key left out is a field not labelled for that document (it is skipped when scoring).
        assert item.get("proceeding_stage") in STAGES | {None}, where
        assert item.get("outcome") in OUTCOMES | {None}, where
        assert set(item.get("exploitation_forms") or []) <= FORMS, where
        assert set(item.get("sectors") or []) <= SECTORS, where
        assert all(c["kind"] in KINDS for c in item.get("compensation") or []), where
        assert item.get("decision_date") is None or len(item["decision_date"]) == 10, where
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in item.get("countries_involved") or []), (
            where
        )
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in item.get("victim_nationalities") or []), (
            where
        )
        assert set(item.get("victim_genders") or []) <= {"female", "male"}, where
        for key in ("defendants_count", "victims_count"):
            assert item.get(key) is None or (isinstance(item[key], int) and item[key] > 0), where
        if item.get("transnational") is False:  # a domestic case names its one country
            assert len(item.get("countries_involved") or [item["country"]]) == 1, where
        for sentence in item.get("sentences") or []:
            assert (
                sentence.get("life")
                or sentence.get("imprisonment_months") is not None
                or (sentence.get("fine"))
            ), where


def test_indonesian_labels_cover_the_promised_spread() -> None:
    text = (LABELS_DIR / "labels-id.jsonl").read_text(encoding="utf-8")
    labels = [json.loads(x) for x in text.splitlines() if x]
    assert len(labels) == 24
    assert sum(x["is_trafficking_case"] is False for x in labels) >= 6
    assert sum(x["outcome"] == "acquitted" for x in labels) >= 2
    assert any(x["non_punishment_raised"] for x in labels)
    assert any(c["kind"] == "restitution" for x in labels for c in x["compensation"])
    assert any(len(x["sentences"]) > 1 for x in labels)
    assert any(x["minors"] for x in labels)


@pytest.mark.corpus
def test_every_labelled_document_is_in_the_corpus(corpus_dir: Path) -> None:
    manifest = {
        json.loads(line)["doc_id"]
        for line in (corpus_dir / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    }
    real = {x["doc_id"] for x in all_labels() if not x.get("team_written")}
    assert real <= manifest


def test_team_written_judgments_are_marked_and_kept_apart() -> None:
    manifest = [
        json.loads(line)
        for line in (TEAM_WRITTEN / "corpus" / "manifest.jsonl").read_text("utf-8").splitlines()
    ]
    labelled = {x["doc_id"]: x for x in all_labels() if x.get("team_written")}
    assert {entry["doc_id"] for entry in manifest} == set(labelled)
    for entry in manifest:
        assert entry["team_written"] is True
        text = (TEAM_WRITTEN / "corpus" / entry["path"]).read_text(encoding="utf-8")
        assert re.search(r"team-written|ditulis tim", text), entry["doc_id"]
    real = [x for x in all_labels() if not x.get("team_written")]
    assert not {x["doc_id"] for x in real} & set(labelled)


FLOORS = json.loads((LABELS_DIR / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_report(coder: CaseCoder, corpus_dir: Path) -> ExtractionReport:
    return evaluate_extraction(coder.code, LABELS_DIR, corpus_dir)


def below_floors(report: ExtractionReport, floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Every figure under its floor, as 'field metric: value < floor' (an unmeasured one too)."""
    low = []
    for field_name, metrics in floors.items():
        measured = report.score(field_name).metrics()
        for metric, floor in metrics.items():
            value = measured[metric]
            if value is None or value < floor:
                low.append(f"{field_name} {metric}: {value} < {floor}")
    return low


@pytest.mark.corpus
@pytest.mark.slow
def test_the_real_coder_runs_over_every_labelled_document(real_report: ExtractionReport) -> None:
    assert not real_report.missing
    assert not real_report.failures
    real = {x["doc_id"] for x in all_labels() if not x.get("team_written")}
    assert set(real_report.documents) == real
    table = format_report(real_report)
    assert all(name in table for name in FIELD_NAMES)


@pytest.mark.corpus
@pytest.mark.slow
def test_coding_figures_hold_the_floors_the_readme_states(real_report: ExtractionReport) -> None:
    assert below_floors(real_report, FLOORS["real"]) == []


def test_team_written_judgments_hold_their_floors(coder: CaseCoder) -> None:
    corpus = TEAM_WRITTEN / "corpus"
    report = evaluate_extraction(coder.code, TEAM_WRITTEN / "labels", corpus)
    assert not report.missing and not report.failures
    assert below_floors(report, FLOORS["team-written"]) == []


def test_every_floor_names_a_measured_field_and_metric() -> None:
    for scope in ("real", "team-written"):
        for field_name, metrics in FLOORS[scope].items():
            assert field_name in FIELD_NAMES, field_name
            assert set(metrics) <= {"precision", "recall", "f1", "accuracy"}, field_name
            assert all(0 < floor <= 1 for floor in metrics.values()), field_name
