"""The published retrieval figures held as floors: held-out nDCG@10 of BM25 and hybrid search,
overall and per question-language subset, may not drop below `tests/eval/retrieval/floors.json`.

Run by `make bench` when the shared corpus and an index of the whole corpus are present:

    python -m index.retrieval_floors [--home TIPLEX_HOME] [--corpus DIR] [--floors FILE]

The index is the one in `--home`, else in `$TIPLEX_BENCH_HOME`; without either (or without the
corpus) there is nothing to check and it says so. It prints PASS or FAIL per floor and exits
with status 1 when any figure is below its floor. The floors hold for the questions they were
measured on (`questions` in the floors file, first and last id): a set of judged questions
added later changes every mean, and counts only once floors are measured with it. Timing is
never a floor here: the figures are rankings, the same on a loaded machine as on a quiet one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.evaluation import JudgedQuery, RetrievalReport, load_qrels, load_queries

EVAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval" / "retrieval"
FLOORS_FILE = EVAL_DIR / "floors.json"
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
SOURCE_LANGUAGE = "en"
# The subset English questions are weakest on: most of what answers them is in another language.
MOSTLY_NOT_ENGLISH = "en, answers mostly not in English"
MODES = ("bm25", "hybrid")


def mostly_not_english(grades: Mapping[str, int], languages: Mapping[str, str]) -> bool:
    """Whether more than half of a question's relevance (the grades of its relevant documents,
    summed) lies in documents not written in English; `languages` maps document ids."""
    relevant = {doc: grade for doc, grade in grades.items() if grade >= 1}
    total = sum(relevant.values())
    foreign = sum(g for doc, g in relevant.items() if languages.get(doc, "") != SOURCE_LANGUAGE)
    return total > 0 and foreign * 2 > total


def subset_of(
    query: JudgedQuery, grades: Mapping[str, int], languages: Mapping[str, str]
) -> list[str]:
    """The subsets a question's score counts in: all, its language, and the English questions
    answered mostly in other languages."""
    names = ["all", query.language]
    if query.language == SOURCE_LANGUAGE and mostly_not_english(grades, languages):
        names.append(MOSTLY_NOT_ENGLISH)
    return names


def subset_figures(
    report: RetrievalReport,
    queries: Sequence[JudgedQuery],
    qrels: Mapping[str, Mapping[str, int]],
    languages: Mapping[str, str],
) -> dict[str, dict[str, float]]:
    """Mean nDCG@10 per subset and mode over `queries` (others in the report are left out):
    `{subset: {mode: value}}`."""
    by_qid = {q.qid: q for q in queries}
    sums: dict[str, dict[str, list[float]]] = {}
    for mode in report.modes:
        for score in mode.per_query:
            query = by_qid.get(score.qid)
            if query is None:
                continue
            for name in subset_of(query, qrels.get(query.qid, {}), languages):
                sums.setdefault(name, {}).setdefault(mode.mode, []).append(score.ndcg_at_10)
    return {
        name: {mode: sum(values) / len(values) for mode, values in modes.items()}
        for name, modes in sums.items()
    }


@dataclass(frozen=True, slots=True)
class FloorCheck:
    subset: str
    mode: str
    floor: float
    measured: float | None  # None: the subset has no question in this run

    @property
    def passed(self) -> bool:
        return self.measured is not None and self.measured >= self.floor

    def line(self) -> str:
        measured = "missing" if self.measured is None else f"{self.measured:.3f}"
        verdict = "PASS" if self.passed else "FAIL"
        return f"{verdict}  {self.subset:<34} {self.mode:<7} {measured:>7} (floor {self.floor:.3f})"


def check_floors(
    figures: Mapping[str, Mapping[str, float]], floors: Mapping[str, Mapping[str, float]]
) -> list[FloorCheck]:
    """One check per floor; a subset or mode the run did not measure fails."""
    return [
        FloorCheck(subset, mode, float(floor), figures.get(subset, {}).get(mode))
        for subset, modes in floors.items()
        for mode, floor in modes.items()
    ]


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {subset: dict(modes) for subset, modes in data["test_ndcg_at_10"].items()}


def floored_questions(path: Path) -> tuple[str, str] | None:
    """The first and last question id the floors were measured on (None: every question)."""
    bounds = json.loads(path.read_text(encoding="utf-8")).get("questions")
    return None if bounds is None else (str(bounds[0]), str(bounds[1]))


def within(qid: str, bounds: tuple[str, str] | None) -> bool:
    """Whether question `qid` lies between `bounds` (ids like "q007", compared as numbers)."""
    if bounds is None:
        return True
    number = int(qid.lstrip("q"))
    return int(bounds[0].lstrip("q")) <= number <= int(bounds[1].lstrip("q"))


def question_range(text: str) -> tuple[str, str]:
    """ "q096-q123" as its first and last question id."""
    first, dash, last = text.partition("-")
    if not dash or not first.lstrip("q").isdigit() or not last.lstrip("q").isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a question range like q096-q123")
    return first, last


def corpus_languages(corpus: Path) -> dict[str, str]:
    """Document id -> language, from the corpus manifest."""
    languages = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            languages[str(row["doc_id"])] = str(row.get("language") or "")
    return languages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.retrieval_floors")
    parser.add_argument("--home", type=Path, default=os.environ.get("TIPLEX_BENCH_HOME"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS.resolve())
    parser.add_argument("--floors", type=Path, default=FLOORS_FILE)
    parser.add_argument(
        "--questions",
        type=question_range,
        help="FIRST-LAST, e.g. q096-q123: print the held-out figures of these questions "
        "alone, each subset as the floors name it, and check no floor",
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"retrieval floors: no corpus at {args.corpus}; nothing to check")
        return 0
    if args.home is None or not (args.home / "index").is_dir():
        print(
            "retrieval floors: no index of the whole corpus (set TIPLEX_BENCH_HOME to a "
            "TIPLEX_HOME where `tiplex ingest ../shared/corpus` ran); nothing to check"
        )
        return 0
    os.environ["TIPLEX_HOME"] = str(args.home)
    from index.evaluation import run_retrieval_eval
    from tiplex.settings import load_settings

    queries_path, qrels_path = EVAL_DIR / "queries.jsonl", EVAL_DIR / "qrels.tsv"
    bounds = args.questions or floored_questions(args.floors)
    report = run_retrieval_eval(
        load_settings(), args.corpus, queries_path, qrels_path, split="test", modes=MODES
    )
    figures = subset_figures(
        report,
        [q for q in load_queries(queries_path, "test") if within(q.qid, bounds)],
        load_qrels(qrels_path),
        corpus_languages(args.corpus),
    )
    measured_on = "every question" if bounds is None else f"questions {bounds[0]}-{bounds[1]}"
    if args.questions:
        print(f"held-out nDCG@10 on {measured_on} ({report.system}):")
        for subset, modes in figures.items():
            for mode, value in modes.items():
                print(f"  {subset:35} {mode:8} {value:.3f}")
        return 0
    checks = check_floors(figures, load_floors(args.floors))
    print(f"retrieval floors, held-out nDCG@10 on {measured_on} ({report.system}):")
    for check in checks:
        print("  " + check.line())
    failed = [c for c in checks if not c.passed]
    print(f"retrieval floors: {len(checks) - len(failed)} of {len(checks)} held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
