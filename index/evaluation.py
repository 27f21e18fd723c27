"""Retrieval quality on a judged query set: nDCG@10 and recall@50 per search mode.

The query set is two files:

- `queries.jsonl`: one object per line, `{"qid", "query", "language", "kind", "split"}` where
  `split` is `tune` (for choosing settings) or `test` (for reporting);
- `qrels.tsv`: `qid<TAB>doc_id<TAB>grade`, grade 1 (related) to 3 (exactly what was asked); a
  grade of 0 records a document judged not relevant. Document ids are the corpus manifest ids.

Any system that answers `search(query_text, mode, k) -> ranked document ids` can be measured, so
tiplex's own backends and the published baseline (`index.baseline`) are scored by the same code.

Metrics follow trec_eval, the convention of the published BEIR and MTEB figures they are
compared with: nDCG@10 with the grade itself as gain, a 1/log2(rank + 1) discount and the ideal
ranking built from every judged document of the query; recall@50 counts documents of grade >= 1.
A document listed twice in one ranking counts once, at its first rank. A query without any
relevant document has no defined score: it is left out of every mean and listed in the report.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from tiplex.records import JsonRecord, SearchHit, SearchQuery
from tiplex.settings import Settings

if TYPE_CHECKING:
    from index.backend import Embedder, SearchBackend

NDCG_DEPTH = 10
RECALL_DEPTH = 50
DEFAULT_MODES = ("bm25", "dense", "hybrid")
LOCAL_PREFIX = "local:"

SearchFunction = Callable[[str, str, int], list[str]]
Qrels = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True, slots=True)
class JudgedQuery(JsonRecord):
    qid: str
    text: str
    language: str
    kind: str
    split: str


@dataclass(frozen=True, slots=True)
class QueryScore(JsonRecord):
    """One query's figures under one mode."""

    qid: str
    language: str
    kind: str
    ndcg_at_10: float
    recall_at_50: float
    relevant: int  # documents of grade >= 1 in the qrels (within the evaluated documents)
    retrieved: int  # distinct documents the system returned


@dataclass(frozen=True, slots=True)
class MetricSummary(JsonRecord):
    queries: int
    ndcg_at_10: float
    recall_at_50: float


@dataclass(frozen=True, slots=True)
class ModeReport(JsonRecord):
    mode: str
    overall: MetricSummary
    by_language: Mapping[str, MetricSummary]
    by_kind: Mapping[str, MetricSummary]
    per_query: tuple[QueryScore, ...]


@dataclass(frozen=True, slots=True)
class RetrievalReport(JsonRecord):
    system: str
    split: str | None
    modes: tuple[ModeReport, ...]
    # Queries left out of every mean because no relevant document was judged (or, with a
    # restricted document set, none of their relevant documents is in it).
    without_relevant: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def mode(self, name: str) -> ModeReport:
        for report in self.modes:
            if report.mode == name:
                return report
        raise KeyError(f"mode {name!r} was not evaluated (have {[m.mode for m in self.modes]})")


# --------------------------------------------------------------------------------------------
# Reading the query set
# --------------------------------------------------------------------------------------------


def load_queries(path: str | Path, split: str | None = None) -> list[JudgedQuery]:
    """The queries of `split` (all when None), in file order."""
    queries = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            query = JudgedQuery(
                qid=str(row["qid"]),
                text=str(row["query"]),
                language=str(row.get("language") or "und"),
                kind=str(row.get("kind") or "unspecified"),
                split=str(row.get("split") or ""),
            )
        except KeyError as missing:
            raise ValueError(f"{path}:{number}: query without {missing}") from None
        if split is None or query.split == split:
            queries.append(query)
    return queries


def load_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """`{qid: {doc_id: grade}}`; a pair judged twice keeps its last grade."""
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            if len(row) < 3:
                raise ValueError(f"{path}:{number}: expected qid, doc_id and grade")
            try:
                grade = int(row[2])
            except ValueError:
                if number == 1:  # a header line
                    continue
                raise ValueError(f"{path}:{number}: grade {row[2]!r} is not an integer") from None
            qrels[row[0].strip()][row[1].strip()] = grade
    return dict(qrels)


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------


def _distinct(ranking: Iterable[str]) -> list[str]:
    """First occurrences only: a system must not gain by returning a document twice."""
    return list(dict.fromkeys(ranking))


def _dcg(gains: Iterable[float]) -> float:
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))


def ndcg_at_k(ranking: Sequence[str], grades: Mapping[str, int], k: int = NDCG_DEPTH) -> float:
    """nDCG@k with the grade as gain; 0.0 when no judged document has a positive grade."""
    ideal = _dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0.0:
        return 0.0
    gained = _dcg(max(grades.get(doc, 0), 0) for doc in _distinct(ranking)[:k])
    return gained / ideal


def recall_at_k(ranking: Sequence[str], grades: Mapping[str, int], k: int = RECALL_DEPTH) -> float:
    """Share of the documents of grade >= 1 found in the first k; 0.0 when there are none."""
    relevant = {doc for doc, grade in grades.items() if grade >= 1}
    if not relevant:
        return 0.0
    return len(relevant.intersection(_distinct(ranking)[:k])) / len(relevant)


def _summary(scores: Sequence[QueryScore]) -> MetricSummary:
    if not scores:
        return MetricSummary(queries=0, ndcg_at_10=float("nan"), recall_at_50=float("nan"))
    return MetricSummary(
        queries=len(scores),
        ndcg_at_10=sum(s.ndcg_at_10 for s in scores) / len(scores),
        recall_at_50=sum(s.recall_at_50 for s in scores) / len(scores),
    )


def _grouped(
    scores: Sequence[QueryScore], key: Callable[[QueryScore], str]
) -> dict[str, MetricSummary]:
    groups: dict[str, list[QueryScore]] = defaultdict(list)
    for score in scores:
        groups[key(score)].append(score)
    return {name: _summary(groups[name]) for name in sorted(groups)}


# --------------------------------------------------------------------------------------------
# Evaluating a system
# --------------------------------------------------------------------------------------------


def evaluate_rankings(
    queries: Sequence[JudgedQuery],
    qrels: Qrels,
    rankings: Mapping[str, Mapping[str, Sequence[str]]],
    system: str = "",
    split: str | None = None,
    documents: Collection[str] | None = None,
    notes: Sequence[str] = (),
) -> RetrievalReport:
    """Scores rankings already computed: `rankings[mode][qid]` is a ranked list of doc ids.
    With `documents`, judgments of documents outside that set are ignored (a sampled corpus)."""
    judged: dict[str, dict[str, int]] = {}
    without_relevant = []
    for query in queries:
        grades = dict(qrels.get(query.qid, {}))
        if documents is not None:
            grades = {doc: grade for doc, grade in grades.items() if doc in documents}
        if any(grade >= 1 for grade in grades.values()):
            judged[query.qid] = grades
        else:
            without_relevant.append(query.qid)
    modes = []
    for mode, by_query in rankings.items():
        scores = []
        for query in queries:
            if query.qid not in judged:
                continue
            ranking = list(by_query.get(query.qid, ()))
            grades = judged[query.qid]
            scores.append(
                QueryScore(
                    qid=query.qid,
                    language=query.language,
                    kind=query.kind,
                    ndcg_at_10=ndcg_at_k(ranking, grades),
                    recall_at_50=recall_at_k(ranking, grades),
                    relevant=sum(1 for grade in grades.values() if grade >= 1),
                    retrieved=len(_distinct(ranking)),
                )
            )
        modes.append(
            ModeReport(
                mode=mode,
                overall=_summary(scores),
                by_language=_grouped(scores, lambda s: s.language),
                by_kind=_grouped(scores, lambda s: s.kind),
                per_query=tuple(scores),
            )
        )
    return RetrievalReport(
        system=system,
        split=split,
        modes=tuple(modes),
        without_relevant=tuple(without_relevant),
        notes=tuple(notes),
    )


def evaluate_retrieval(
    search: SearchFunction,
    queries_path: str | Path,
    qrels_path: str | Path,
    modes: Sequence[str] = DEFAULT_MODES,
    split: str | None = None,
    system: str = "",
    documents: Collection[str] | None = None,
    notes: Sequence[str] = (),
) -> RetrievalReport:
    """Runs every query of `split` through `search(text, mode, RECALL_DEPTH)` for each mode and
    scores the rankings. Queries without a relevant document are not searched at all."""
    queries = load_queries(queries_path, split)
    qrels = load_qrels(qrels_path)
    rankings: dict[str, dict[str, list[str]]] = {}
    for mode in modes:
        rankings[mode] = {
            query.qid: list(search(query.text, mode, RECALL_DEPTH))
            for query in queries
            if _has_relevant(qrels.get(query.qid, {}), documents)
        }
    return evaluate_rankings(queries, qrels, rankings, system, split, documents, notes)


def _has_relevant(grades: Mapping[str, int], documents: Collection[str] | None) -> bool:
    return any(
        grade >= 1 and (documents is None or doc in documents) for doc, grade in grades.items()
    )


# --------------------------------------------------------------------------------------------
# tiplex's own index
# --------------------------------------------------------------------------------------------


def corpus_doc_id(hit_or_url: SearchHit | str) -> str:
    """The corpus manifest id of a hit on a corpus ingested with `tiplex ingest`: the stem of
    the ingested file. The `file://` URL is preferred to the `local:<stem>` doc id because a
    second file with the same stem gets a hashed suffix in its doc id, never in its URL."""
    if isinstance(hit_or_url, SearchHit):
        if hit_or_url.source_url.startswith("file:"):
            return corpus_doc_id(hit_or_url.source_url)
        return corpus_doc_id(hit_or_url.doc_id)
    value = hit_or_url.strip()
    if value.startswith("file:"):
        return Path(unquote(urlparse(value).path)).stem
    if value.startswith(LOCAL_PREFIX):
        return value[len(LOCAL_PREFIX) :]
    return value


def manifest_ids(corpus_dir: str | Path) -> list[str]:
    with (Path(corpus_dir) / "manifest.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line)["doc_id"] for line in handle if line.strip()]


def indexed_corpus_ids(backend: SearchBackend, ids: Sequence[str], batch: int = 200) -> set[str]:
    """Which of the corpus `ids` the index holds, asked through the `doc_id` filter (a query
    without text lists the documents passing the filters). Both `local:<id>` (`tiplex ingest`)
    and the bare manifest id (`index.bench`) are looked up."""
    found: set[str] = set()
    for first in range(0, len(ids), batch):
        chunk = ids[first : first + batch]
        wanted = [form for doc in chunk for form in (LOCAL_PREFIX + doc, doc)]
        query = SearchQuery(
            text="", k=len(wanted), passages_per_hit=1, filters={"doc_id": ",".join(wanted)}
        )
        hits = backend.search(query)
        found.update(corpus_doc_id(hit) for hit in hits)
    return found


def backend_search(backend: SearchBackend) -> SearchFunction:
    """A `SearchFunction` over a backend: hits mapped to corpus ids."""

    def search(text: str, mode: str, k: int) -> list[str]:
        # Default passages per hit: the ranking measured is the one users get.
        query = SearchQuery(text=text, mode=mode, k=k)  # type: ignore[arg-type]
        return [corpus_doc_id(hit) for hit in backend.search(query)]

    return search


def run_retrieval_eval(
    settings: Settings,
    corpus_dir: str | Path,
    queries: str | Path,
    qrels: str | Path,
    split: str | None = None,
    modes: Sequence[str] = DEFAULT_MODES,
    embedder: Embedder | None = None,
) -> RetrievalReport:
    """tiplex's configured backend on the query set. The index must already hold the corpus
    (`tiplex ingest <corpus>/*`); `embedder` replaces the configured model. Judged documents
    the index lacks are left out of the judgments, and the report says how many, so an index
    of a sample is measured on that sample."""
    from index import open_backend

    backend = open_backend(settings, embedder)
    model = embedder.model_id if embedder is not None else settings.embedding_model
    try:
        corpus = manifest_ids(corpus_dir)
        present = indexed_corpus_ids(backend, corpus)
        notes = [f"index holds {len(present)} of the corpus's {len(corpus)} documents"]
        judged = {doc for grades in load_qrels(qrels).values() for doc in grades}
        missing = judged - present
        if missing:
            notes.append(f"{len(missing)} judged documents are not in the index; ignored")
        return evaluate_retrieval(
            backend_search(backend),
            queries,
            qrels,
            modes=modes,
            split=split,
            system=f"tiplex {settings.search_backend} ({model})",
            documents=present,
            notes=notes,
        )
    finally:
        backend.close()


# --------------------------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------------------------


def _cell(summary: MetricSummary | None) -> str:
    if summary is None or summary.queries == 0:
        return f"{'-':>7} {'-':>6}"
    return f"{summary.ndcg_at_10:>7.3f} {summary.recall_at_50:>6.3f}"


def format_report(report: RetrievalReport, per_query: bool = False) -> str:
    """A fixed-width table: one row per group (all, each language, each kind), and per mode
    nDCG@10 and R@50. With `per_query`, one row per query follows."""
    modes = report.modes
    counted = modes[0].overall.queries if modes else 0
    lines = [
        f"retrieval: {report.system or 'unnamed system'}"
        f" | split {report.split or 'all'} | {counted} queries scored"
        f" | {len(report.without_relevant)} without relevant documents left out"
    ]
    lines += [f"  note: {note}" for note in report.notes]
    header = f"{'group':<24}{'n':>5}" + "".join(
        f"  {m.mode + ' nDCG@10':>14} {'R@50':>6}" for m in modes
    )
    lines += [header, "-" * len(header)]
    groups: list[tuple[str, Callable[[ModeReport], MetricSummary | None]]] = [
        ("all", lambda m: m.overall)
    ]
    languages = sorted({name for m in modes for name in m.by_language})
    kinds = sorted({name for m in modes for name in m.by_kind})
    groups += [(f"language {name}", lambda m, n=name: m.by_language.get(n)) for name in languages]
    groups += [(f"kind {name}", lambda m, n=name: m.by_kind.get(n)) for name in kinds]
    for label, pick in groups:
        count = max((s.queries for m in modes if (s := pick(m)) is not None), default=0)
        cells = "".join(f"  {_cell(pick(m)):>21}" for m in modes)
        lines.append(f"{label[:24]:<24}{count:>5}{cells}")
    if per_query and modes:
        lines += ["", f"{'qid':<24}{'rel':>5}" + "".join(f"  {m.mode:>14} {'':>6}" for m in modes)]
        by_mode = [{s.qid: s for s in m.per_query} for m in modes]
        for score in modes[0].per_query:
            cells = "".join(
                f"  {s.ndcg_at_10:>14.3f} {s.recall_at_50:>6.3f}"
                for s in (scores[score.qid] for scores in by_mode)
            )
            lines.append(f"{score.qid[:24]:<24}{score.relevant:>5}{cells}")
    return "\n".join(lines)
