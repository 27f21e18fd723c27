"""How well `tiplex trends` counts: precision and recall of the documents a question counts,
against the judged questions of the retrieval set.

A trend counts a document when it is among the question's best hybrid answers and its best
passage is about as near the question by meaning as the best answer's (`index.ranking.
counts_as_relevant`, calibrated on the tune split), when one of its passages holds every word
and phrase of the question, or when its coded case answers a thesaurus concept the question
names (see `index.embedded_reports.counted_rowids`). Measured here per
question: precision (counted documents judged relevant, grade >= 1; an unjudged one counts as
wrong, so this is a lower bound) and recall (judged relevant documents that are counted).

Run: `python -m index.trend_quality [--split test]` with TIPLEX_HOME on an index of the corpus.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from index.evaluation import JudgedQuery, corpus_doc_id, load_qrels, load_queries
from index.retrieval_floors import EVAL_DIR, question_range, within


@dataclass(frozen=True, slots=True)
class CountingScore:
    qid: str
    language: str
    counted: int
    relevant: int
    counted_relevant: int

    @property
    def precision(self) -> float:
        return self.counted_relevant / self.counted if self.counted else 0.0

    @property
    def recall(self) -> float:
        return self.counted_relevant / self.relevant if self.relevant else 0.0


def counting_scores(
    counted: Callable[[str], Iterable[str]],
    queries: Sequence[JudgedQuery],
    qrels: Mapping[str, Mapping[str, int]],
) -> list[CountingScore]:
    """One score per query with a relevant document; `counted(text)` gives corpus ids."""
    scores = []
    for query in queries:
        relevant = {doc for doc, grade in qrels.get(query.qid, {}).items() if grade >= 1}
        if not relevant:
            continue
        found = set(counted(query.text))
        scores.append(
            CountingScore(
                query.qid, query.language, len(found), len(relevant), len(found & relevant)
            )
        )
    return scores


def summary(scores: Sequence[CountingScore]) -> str:
    """Macro precision and recall (mean over questions) and micro ones (over all documents)."""
    if not scores:
        return "no judged questions"
    macro_p = sum(s.precision for s in scores) / len(scores)
    macro_r = sum(s.recall for s in scores) / len(scores)
    counted = sum(s.counted for s in scores)
    micro_p = sum(s.counted_relevant for s in scores) / counted if counted else 0.0
    micro_r = sum(s.counted_relevant for s in scores) / sum(s.relevant for s in scores)
    nothing = sum(1 for s in scores if s.counted == 0)
    return (
        f"{len(scores)} questions | precision macro {macro_p:.3f} micro {micro_p:.3f}"
        f" | recall macro {macro_r:.3f} micro {micro_r:.3f} | {nothing} count nothing"
    )


def main(argv: Sequence[str] | None = None) -> None:
    from index import open_backend
    from tiplex.records import SearchQuery
    from tiplex.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "test"), default=None)
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument(
        "--questions", type=question_range, help="FIRST-LAST, e.g. q096-q123: these alone"
    )
    args = parser.parse_args(argv)
    backend = open_backend(load_settings())
    counted_documents = getattr(backend, "counted_documents", None)
    if counted_documents is None:
        raise SystemExit("measuring trend counts needs the embedded backend")
    try:

        def counted(text: str) -> list[str]:
            return [corpus_doc_id(doc) for doc in counted_documents(SearchQuery(text=text))]

        queries = [
            q
            for q in load_queries(EVAL_DIR / "queries.jsonl", args.split)
            if within(q.qid, args.questions)
        ]
        scores = counting_scores(counted, queries, load_qrels(EVAL_DIR / "qrels.tsv"))
    finally:
        backend.close()
    print(f"trend counting, split {args.split or 'all'}: {summary(scores)}")
    for language in sorted({s.language for s in scores}):
        print(f"  {language}: {summary([s for s in scores if s.language == language])}")
    if args.per_query:
        for s in scores:
            print(
                f"  {s.qid} {s.language} counted {s.counted:4} relevant {s.relevant:4}"
                f" P {s.precision:.2f} R {s.recall:.2f}"
            )


if __name__ == "__main__":
    main()
