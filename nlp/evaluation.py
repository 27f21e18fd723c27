"""How well the case coder agrees with hand labels: the numbers behind every accuracy claim.

`evaluate_extraction(code, labels_dir, corpus_dir)` reads every `*.jsonl` file in `labels_dir`
(one labelled judgment per line, see `tests/eval/extraction/README.md`), builds a
`tiplex.records.Document` for each from `corpus_dir/manifest.jsonl` and the text file, runs
`code` on it and compares the coded `CaseFacts` with the label. `format_report(report)` prints
the result as a table, one block per field, one row per country and an "all" row.

The Document carries the text, the manifest's country and doc_type, and language "" (so the
coder detects it). Title, court, case number and date are left empty on purpose: in the corpus
they were read off the same text or the file name, and passing them on would let a coder score
by copying metadata instead of reading the judgment.

Comparison rules, per field:

- A null label (or a missing key) means "not stated / not applicable": that document is skipped
  for that field. An empty list is a real label ("no sentence", "no form stated").
- Scalars (`court`, `case_number`, `decision_date`, `proceeding_stage`, `outcome`,
  `conviction_law`, `non_punishment_applied`): counted over the documents with a non-null label.
  accuracy = correct / labelled; precision = correct / predicted non-null; recall = accuracy.
  `case_number` ignores case, whitespace and punctuation, a leading "Nomor"/"No." and the
  spelling of "G.R. No(s)."; `court` ignores case and punctuation and reads "PN X" as
  "Pengadilan Negeri X"; `decision_date` must be the same ISO date; the enums must be equal.
- Booleans (`is_trafficking_case`, `minors`, `transnational`, `domestic`,
  `non_punishment_raised`, `compensation_refused`: any request refused): precision, recall and
  F1 of the positive class; a null prediction counts as false. `minors` is true when the
  coded `victims.minors` count is above zero.
  `domestic` reads the `transnational` label: true where it is false (a coded null is not
  domestic), so that domestic cases left unanswered cost recall. Accuracy is (TP + TN) / labelled.
- `transnational_answer`: the same label as a three-valued answer: true, false, or null (no
  answer); accuracy counts a null answer to a labelled question as wrong.
- Counts (`defendants_count`: the number of coded defendants, `victims_count`): scalars.
- `compensation_total`: the amount owed per (kind, currency), summed over the awards; right when
  every kind's total is right, so awards split differently but summing correctly still count.
- Multisets, compared per document and summed over documents (micro precision/recall/F1);
  accuracy is the share of documents whose multiset is exactly right:
  `imprisonment` (months per sentence, "life" for life imprisonment), `fine` ((amount,
  currency) per sentence that has a fine), `subsidiary_detention` (months), `compensation`
  ((kind, amount, currency) per award), `award_detention` (months replacing an award if unpaid;
  only where every labelled award records it). Amounts are compared to the cent.
- Sets (`exploitation_forms`, `sectors`, `countries_involved`, `victim_genders`,
  `victim_nationalities`): micro precision/recall/F1 over (document, value)
  pairs; accuracy is the share of documents whose set is exactly right.

A coder that raises on a document is recorded in `ExtractionReport.failures` and scored as if it
had coded nothing, so one crash costs recall instead of hiding the document.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tiplex.records import CaseFacts, Document, JsonRecord

ScoreKind = Literal["scalar", "boolean", "items"]
ALL = "all"


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True, slots=True)
class FieldScore(JsonRecord):
    """Counts for one field in one country (or "all"); the metrics are derived from them.

    scalar:  gold = labelled docs, predicted = docs with a non-null prediction, correct = equal.
    boolean: gold = labelled positives, predicted = predicted positives, correct = true positives,
             exact = docs where prediction and label agree.
    items:   gold / predicted / correct count items (multiset or set members); exact = docs
             whose whole multiset or set is right.
    """

    field: str
    country: str
    kind: ScoreKind
    documents: int  # documents with a non-null label for this field
    gold: int
    predicted: int
    correct: int
    exact: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.correct, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.exact, self.documents)

    def metrics(self) -> dict[str, float | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
        }


@dataclass(frozen=True, slots=True)
class Mismatch(JsonRecord):
    """One disagreement, values only (never document text), for reading errors one by one."""

    doc_id: str
    field: str
    expected: Any
    predicted: Any


@dataclass(frozen=True, slots=True)
class ExtractionReport(JsonRecord):
    documents: tuple[str, ...]  # doc ids evaluated, in label order
    scores: tuple[FieldScore, ...]
    mismatches: tuple[Mismatch, ...] = ()
    failures: Mapping[str, str] = field(default_factory=dict)  # doc_id -> error of `code`
    missing: tuple[str, ...] = ()  # labelled doc ids not found in the corpus

    def score(self, field_name: str, country: str = ALL) -> FieldScore:
        for item in self.scores:
            if item.field == field_name and item.country == country:
                return item
        raise KeyError(f"no score for {field_name!r} in {country!r}")

    def to_dict(self) -> dict[str, Any]:
        data = JsonRecord.to_dict(self)
        for plain, item in zip(data["scores"], self.scores, strict=True):
            plain.update(item.metrics())
        return data


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


def normalise_case_number(value: str) -> str:
    text = value.casefold().strip()
    text = re.sub(r"^(nomor|no\.?)\s*:?\s*", "", text)
    # "G.R. No. 1", "GR No 1", "G.R. Nos. 1" all name the same docket.
    text = re.sub(r"\bg\s*\.?\s*r\s*\.?\s*nos?\s*\.?\s*", "gr ", text)
    return re.sub(r"[\W_]+", "", text)


def normalise_court(value: str) -> str:
    text = re.sub(r"[\W_]+", " ", value.casefold()).strip()
    text = re.sub(r"^pn\b", "pengadilan negeri", text)
    return re.sub(r"\s+", " ", text)


def _money(amount: Any) -> float | None:
    return None if amount is None else round(float(amount), 2)


def _plain_text(value: Any) -> str | None:
    return None if value is None else str(value).strip()


# --------------------------------------------------------------------------------------------
# What each field reads from a label and from a coded case
# --------------------------------------------------------------------------------------------

Extract = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class FieldRule:
    name: str
    kind: ScoreKind
    from_label: Extract  # label dict -> value, None when unlabelled
    from_facts: Extract  # CaseFacts -> value (for items: a Counter)
    normalise: Callable[[Any], Any] = _plain_text


def _label_key(key: str) -> Extract:
    return lambda label: label.get(key)


def _label_sentences(key: Callable[[Mapping[str, Any]], Hashable | None]) -> Extract:
    def read(label: Mapping[str, Any]) -> Counter[Hashable] | None:
        sentences = label.get("sentences")
        if sentences is None:
            return None
        return Counter(v for v in (key(s) for s in sentences) if v is not None)

    return read


def _label_imprisonment(sentence: Mapping[str, Any]) -> Hashable | None:
    if sentence.get("life"):
        return "life"
    months = sentence.get("imprisonment_months")
    return None if months is None else int(months)


def _label_fine(sentence: Mapping[str, Any]) -> Hashable | None:
    fine = sentence.get("fine")
    if not fine or fine.get("amount") is None:
        return None
    return (_money(fine["amount"]), fine.get("currency"))


def _label_subsidiary(sentence: Mapping[str, Any]) -> Hashable | None:
    months = sentence.get("subsidiary_detention_months")
    return None if months is None else int(months)


def _label_compensation(label: Mapping[str, Any]) -> Counter[Hashable] | None:
    awards = label.get("compensation")
    if awards is None:
        return None
    return Counter((a.get("kind"), _money(a.get("amount")), a.get("currency")) for a in awards)


def _label_award_detention(label: Mapping[str, Any]) -> Counter[Hashable] | None:
    """Months of detention replacing each award if unpaid; only where every labelled award
    says (older labels did not record it)."""
    awards = label.get("compensation")
    if awards is None or any("subsidiary_detention_months" not in a for a in awards):
        return None
    return Counter(
        int(a["subsidiary_detention_months"])
        for a in awards
        if a["subsidiary_detention_months"] is not None
    )


def _facts_award_detention(facts: CaseFacts) -> Counter[Hashable]:
    return Counter(
        int(c.subsidiary_detention_months)
        for c in facts.compensation
        if c.subsidiary_detention_months is not None
    )


def _label_set(key: str) -> Extract:
    def read(label: Mapping[str, Any]) -> Counter[Hashable] | None:
        values = label.get(key)
        return None if values is None else Counter(set(values))

    return read


def _facts_imprisonment(facts: CaseFacts) -> Counter[Hashable]:
    found: Counter[Hashable] = Counter()
    for sentence in facts.sentences:
        if sentence.life:
            found["life"] += 1
        elif sentence.imprisonment_months is not None:
            found[int(sentence.imprisonment_months)] += 1
    return found


def _facts_fines(facts: CaseFacts) -> Counter[Hashable]:
    return Counter(
        (_money(s.fine.amount), s.fine.currency) for s in facts.sentences if s.fine is not None
    )


def _facts_subsidiary(facts: CaseFacts) -> Counter[Hashable]:
    return Counter(
        int(s.subsidiary_detention_months)
        for s in facts.sentences
        if s.subsidiary_detention_months is not None
    )


def _facts_compensation(facts: CaseFacts) -> Counter[Hashable]:
    return Counter((c.kind, _money(c.amount), c.currency) for c in facts.compensation)


def _facts_minors(facts: CaseFacts) -> bool:
    return bool(facts.victims.minors and facts.victims.minors > 0)


CompensationTotals = tuple[tuple[str, str, float], ...]


def _totals(awards: Iterable[tuple[Any, Any, Any]]) -> CompensationTotals:
    """(kind, currency, total) per kind and currency, sorted: what a case owes its victims."""
    sums: dict[tuple[str, str], float] = {}
    for kind, amount, currency in awards:
        key = (str(kind), str(currency))
        sums[key] = round(sums.get(key, 0.0) + (_money(amount) or 0.0), 2)
    return tuple(sorted((kind, currency, total) for (kind, currency), total in sums.items()))


def _label_compensation_total(label: Mapping[str, Any]) -> CompensationTotals | None:
    awards = label.get("compensation")
    if awards is None:
        return None
    return _totals((a.get("kind"), a.get("amount"), a.get("currency")) for a in awards)


def _facts_compensation_total(facts: CaseFacts) -> CompensationTotals:
    return _totals((c.kind, c.amount, c.currency) for c in facts.compensation)


def _same(value: Any) -> Any:
    return value


FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule(
        "is_trafficking_case",
        "boolean",
        _label_key("is_trafficking_case"),
        lambda f: f.is_trafficking_case,
    ),
    FieldRule(
        "court",
        "scalar",
        _label_key("court"),
        lambda f: f.court,
        lambda v: None if v is None else normalise_court(str(v)),
    ),
    FieldRule(
        "case_number",
        "scalar",
        _label_key("case_number"),
        lambda f: f.case_number,
        lambda v: None if v is None else normalise_case_number(str(v)),
    ),
    FieldRule("decision_date", "scalar", _label_key("decision_date"), lambda f: f.decision_date),
    FieldRule(
        "proceeding_stage",
        "scalar",
        _label_key("proceeding_stage"),
        lambda f: f.proceeding_stage,
    ),
    FieldRule("outcome", "scalar", _label_key("outcome"), lambda f: f.outcome),
    FieldRule("conviction_law", "scalar", _label_key("conviction_law"), lambda f: f.conviction_law),
    FieldRule("imprisonment", "items", _label_sentences(_label_imprisonment), _facts_imprisonment),
    FieldRule("fine", "items", _label_sentences(_label_fine), _facts_fines),
    FieldRule(
        "subsidiary_detention", "items", _label_sentences(_label_subsidiary), _facts_subsidiary
    ),
    FieldRule("compensation", "items", _label_compensation, _facts_compensation),
    FieldRule(
        "compensation_total",
        "scalar",
        _label_compensation_total,
        _facts_compensation_total,
        _same,
    ),
    FieldRule("award_detention", "items", _label_award_detention, _facts_award_detention),
    FieldRule(
        "compensation_refused",
        "boolean",
        _label_key("compensation_refused"),
        lambda f: bool(f.compensation_refused),
    ),
    FieldRule("minors", "boolean", _label_key("minors"), _facts_minors),
    FieldRule("transnational", "boolean", _label_key("transnational"), lambda f: f.transnational),
    FieldRule(
        "transnational_answer",
        "scalar",
        _label_key("transnational"),
        lambda f: f.transnational,
        _same,
    ),
    FieldRule(
        "domestic",
        "boolean",
        lambda label: (
            None if label.get("transnational") is None else label["transnational"] is False
        ),
        lambda f: f.transnational is False,
    ),
    FieldRule(
        "countries_involved",
        "items",
        _label_set("countries_involved"),
        lambda f: Counter(set(f.countries_involved)),
    ),
    FieldRule(
        "non_punishment_raised",
        "boolean",
        _label_key("non_punishment_raised"),
        lambda f: f.non_punishment.raised,
    ),
    FieldRule(
        "non_punishment_applied",
        "scalar",
        _label_key("non_punishment_applied"),
        lambda f: f.non_punishment.applied,
    ),
    FieldRule(
        "exploitation_forms",
        "items",
        _label_set("exploitation_forms"),
        lambda f: Counter(set(f.exploitation_forms)),
    ),
    FieldRule("sectors", "items", _label_set("sectors"), lambda f: Counter(set(f.sectors))),
    FieldRule(
        "defendants_count",
        "scalar",
        _label_key("defendants_count"),
        lambda f: len(f.defendants) or None,
        _same,
    ),
    FieldRule(
        "victims_count", "scalar", _label_key("victims_count"), lambda f: f.victims.count, _same
    ),
    FieldRule(
        "victim_genders",
        "items",
        _label_set("victim_genders"),
        lambda f: Counter(set(f.victims.genders)),
    ),
    FieldRule(
        "victim_nationalities",
        "items",
        _label_set("victim_nationalities"),
        lambda f: Counter(set(f.victims.nationalities)),
    ),
)
FIELD_NAMES: tuple[str, ...] = tuple(rule.name for rule in FIELD_RULES)


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    exact: int = 0

    def add(self, other: _Tally) -> None:
        self.documents += other.documents
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct
        self.exact += other.exact


def _items_tally(expected: Counter[Hashable], predicted: Counter[Hashable]) -> _Tally:
    """One document's items: counted as a multiset (a set is a multiset of ones)."""
    return _Tally(
        documents=1,
        gold=sum(expected.values()),
        predicted=sum(predicted.values()),
        correct=sum((expected & predicted).values()),
        exact=int(expected == predicted),
    )


def _compare(rule: FieldRule, expected: Any, facts: CaseFacts) -> tuple[_Tally, Any]:
    """Score one labelled document for one field; also return the prediction (for mismatches)."""
    predicted = rule.from_facts(facts)
    if rule.kind == "items":
        return _items_tally(expected, predicted), predicted
    if rule.kind == "boolean":
        gold, guess = bool(expected), bool(predicted)  # a null prediction is a "no"
        return (
            _Tally(
                documents=1,
                gold=int(gold),
                predicted=int(guess),
                correct=int(gold and guess),
                exact=int(gold == guess),
            ),
            guess,
        )
    right = predicted is not None and rule.normalise(predicted) == rule.normalise(expected)
    return (
        _Tally(
            documents=1,
            gold=1,
            predicted=int(predicted is not None),
            correct=int(right),
            exact=int(right),
        ),
        predicted,
    )


def _readable(value: Any) -> Any:
    """Counters become sorted lists so that mismatches read (and serialise) plainly."""
    if isinstance(value, Counter):
        return sorted((list(k) if isinstance(k, tuple) else k for k in value.elements()), key=str)
    return value


def score_documents(
    pairs: Iterable[tuple[Mapping[str, Any], CaseFacts]],
) -> tuple[tuple[FieldScore, ...], tuple[Mismatch, ...]]:
    """Score (label, coded case) pairs: per field, per country and over all countries."""
    tallies: dict[tuple[str, str], _Tally] = {}
    mismatches: list[Mismatch] = []
    for label, facts in pairs:
        country = str(label.get("country") or facts.country or "").upper()
        for rule in FIELD_RULES:
            expected = rule.from_label(label)
            if expected is None:
                continue
            tally, predicted = _compare(rule, expected, facts)
            tallies.setdefault((rule.name, country), _Tally()).add(tally)
            if not tally.exact:
                mismatches.append(
                    Mismatch(label["doc_id"], rule.name, _readable(expected), _readable(predicted))
                )
    scores: list[FieldScore] = []
    for rule in FIELD_RULES:
        countries = sorted(c for name, c in tallies if name == rule.name)
        pooled = _Tally()
        for country in countries:
            tally = tallies[(rule.name, country)]
            pooled.add(tally)
            scores.append(_field_score(rule, country, tally))
        scores.append(_field_score(rule, ALL, pooled))
    return tuple(scores), tuple(mismatches)


def _field_score(rule: FieldRule, country: str, tally: _Tally) -> FieldScore:
    return FieldScore(
        field=rule.name,
        country=country,
        kind=rule.kind,
        documents=tally.documents,
        gold=tally.gold,
        predicted=tally.predicted,
        correct=tally.correct,
        exact=tally.exact,
    )


# --------------------------------------------------------------------------------------------
# Labels, corpus documents, the run
# --------------------------------------------------------------------------------------------


def read_labels(labels_dir: Path) -> list[dict[str, Any]]:
    """Every label line of every `*.jsonl` file in `labels_dir`, files in name order."""
    labels: list[dict[str, Any]] = []
    for path in sorted(Path(labels_dir).glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                label = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path.name}:{number}: not JSON ({error.msg})") from error
            if not isinstance(label, dict) or not label.get("doc_id"):
                raise ValueError(f"{path.name}:{number}: a label needs a doc_id")
            labels.append(label)
    return labels


def read_manifest(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    manifest = Path(corpus_dir) / "manifest.jsonl"
    entries = (json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines())
    return {entry["doc_id"]: entry for entry in entries}


def corpus_document(entry: Mapping[str, Any], corpus_dir: Path) -> Document:
    """The Document a crawler would hand over for this corpus file, minus copied metadata."""
    path = (Path(corpus_dir) / entry["path"]).resolve()
    return Document(
        doc_id=entry["doc_id"],
        source_id="corpus",
        url=path.as_uri(),
        country=entry["country"],
        language="",
        doc_type=entry.get("doc_type") or "judgment",
        title="",
        text=path.read_text(encoding="utf-8"),
        sha256=entry.get("sha256") or "",
        content_type="text/plain",
        raw_path=str(path),
        fetched_at="",
    )


def _nothing_coded(document: Document) -> CaseFacts:
    return CaseFacts(
        doc_id=document.doc_id,
        country=document.country,
        language=document.language,
        doc_type=document.doc_type,
    )


def evaluate_extraction(
    code: Callable[[Document], CaseFacts], labels_dir: Path, corpus_dir: Path
) -> ExtractionReport:
    """Code every labelled corpus document with `code` and score it against its label."""
    labels = read_labels(labels_dir)
    manifest = read_manifest(corpus_dir)
    pairs: list[tuple[Mapping[str, Any], CaseFacts]] = []
    failures: dict[str, str] = {}
    missing: list[str] = []
    for label in labels:
        entry = manifest.get(label["doc_id"])
        if entry is None or not (Path(corpus_dir) / entry["path"]).is_file():
            missing.append(label["doc_id"])
            continue
        document = corpus_document(entry, corpus_dir)
        try:
            facts = code(document)
        except Exception as error:  # one bad document must not end the run
            failures[document.doc_id] = f"{type(error).__name__}: {error}"
            facts = _nothing_coded(document)
        pairs.append(({**label, "country": label.get("country") or entry["country"]}, facts))
    scores, mismatches = score_documents(pairs)
    return ExtractionReport(
        documents=tuple(label["doc_id"] for label, _ in pairs),
        scores=scores,
        mismatches=mismatches,
        failures=failures,
        missing=tuple(missing),
    )


# --------------------------------------------------------------------------------------------
# Charges (labelled apart: tests/eval/coding/)
# --------------------------------------------------------------------------------------------


def provision_number(provision: str | None) -> str:
    """The provision's own number, without its subdivisions: "Pasal 2 ayat (1)" and "Sec. 6(a)"
    give "2" and "6"; "" for none. Indictments cite subdivisions as loosely as they cite the
    provision, so the charges of real judgments are compared at this level."""
    digits = re.search(r"\d+", provision or "")
    return digits.group(0) if digits else ""


def score_charges(
    documents: Iterable[tuple[Iterable[Hashable], Iterable[Hashable]]],
) -> FieldScore:
    """Micro precision and recall of charges, from (coded charges, labelled charges) per
    document, each an iterable of keys: a coded charge is right when the label holds it;
    `exact` counts the documents whose charges are all and only the labelled ones."""
    tally = _Tally()
    for coded, expected in documents:
        tally.add(_items_tally(Counter(set(expected)), Counter(set(coded))))
    return FieldScore(
        field="charges",
        country=ALL,
        kind="items",
        documents=tally.documents,
        gold=tally.gold,
        predicted=tally.predicted,
        correct=tally.correct,
        exact=tally.exact,
    )


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def format_report(report: ExtractionReport) -> str:
    """A plain-text table: per field, one row per country and an "all" row."""
    header = ("field", "country", "n", "gold", "pred", "P", "R", "F1", "acc")
    rows: list[tuple[str, ...]] = []
    for index, item in enumerate(report.scores):
        first_of_field = index == 0 or report.scores[index - 1].field != item.field
        if first_of_field and index:
            rows.append(())  # a blank line between fields
        rows.append(
            (
                item.field if first_of_field else "",
                item.country,
                str(item.documents),
                str(item.gold),
                str(item.predicted),
                _percent(item.precision),
                _percent(item.recall),
                _percent(item.f1),
                _percent(item.accuracy),
            )
        )
    widths = [max(len(r[i]) for r in (header, *rows) if r) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        if not cells:
            return ""
        left = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
        right = [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True)]
        return "  ".join(left + right).rstrip()

    out = [line(header), line(tuple("-" * width for width in widths))]
    out.extend(line(row) for row in rows)
    countries = sorted({s.country for s in report.scores} - {ALL})
    out.append("")
    out.append(
        f"{len(report.documents)} documents coded ({', '.join(countries) or 'none'}). "
        "n = labelled documents; gold/pred = labelled/predicted values (booleans: positives); "
        "P, R, F1, acc in % (acc: scalars correct/labelled, booleans agreement, lists exactly "
        "right)."
    )
    if report.failures:
        out.append(f"coder failed on {len(report.failures)}: " + ", ".join(sorted(report.failures)))
    if report.missing:
        out.append(f"not in the corpus: {', '.join(report.missing)}")
    return "\n".join(out)
