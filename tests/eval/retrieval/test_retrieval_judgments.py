"""Integrity checks for the retrieval relevance judgments (queries.jsonl + qrels.tsv).

Search evaluation silently goes wrong when a judgment points at a document that does not exist,
a query has nothing to find, or the tune/test split leaks a language; these tests catch that.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
LANGUAGES = {"en", "id", "ms", "tl"}
KINDS = {"topic", "citation", "phrase", "legislation", "crosslingual"}
SPLITS = {"tune", "test"}


def load_queries() -> list[dict[str, str]]:
    with (HERE / "queries.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_qrels() -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = []
    with (HERE / "qrels.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            qid, doc_id, grade = line.rstrip("\n").split("\t")
            rows.append((qid, doc_id, int(grade)))
    return rows


def test_queries_have_the_documented_fields() -> None:
    queries = load_queries()
    assert len(queries) >= 54
    qids = [query["qid"] for query in queries]
    assert len(qids) == len(set(qids))
    for query in queries:
        assert set(query) == {"qid", "query", "language", "kind", "split"}
        assert query["language"] in LANGUAGES
        assert query["kind"] in KINDS
        assert query["split"] in SPLITS
        assert query["query"].strip()


def test_every_query_has_a_directly_relevant_document() -> None:
    queries = {query["qid"] for query in load_queries()}
    best_grade: dict[str, int] = defaultdict(int)
    for qid, _doc_id, grade in load_qrels():
        assert qid in queries, f"judgment for unknown query {qid}"
        assert grade in (1, 2, 3)
        best_grade[qid] = max(best_grade[qid], grade)
    assert {qid for qid in queries if best_grade[qid] < 3} == set()


def test_each_document_is_judged_once_per_query() -> None:
    pairs = Counter((qid, doc_id) for qid, doc_id, _grade in load_qrels())
    assert [pair for pair, count in pairs.items() if count > 1] == []


def test_tune_split_is_about_a_third_of_each_main_language() -> None:
    by_language: dict[str, Counter[str]] = defaultdict(Counter)
    for query in load_queries():
        by_language[query["language"]][query["split"]] += 1
    for language in ("en", "id", "ms"):
        counts = by_language[language]
        share = counts["tune"] / (counts["tune"] + counts["test"])
        assert 0.25 <= share <= 0.4, (language, counts)


@pytest.mark.corpus
def test_judged_documents_exist_in_the_corpus_manifest(corpus_dir: Path) -> None:
    with (corpus_dir / "manifest.jsonl").open(encoding="utf-8") as handle:
        known = {json.loads(line)["doc_id"] for line in handle if line.strip()}
    missing = sorted({doc_id for _qid, doc_id, _grade in load_qrels()} - known)
    assert missing == []
