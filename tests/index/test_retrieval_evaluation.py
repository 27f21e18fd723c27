"""Retrieval evaluation: the metrics on hand-computed cases, the baseline's rankers and fusion,
the mapping of hits to corpus ids, and tiplex's own index measured end to end.

Every document here was written for these tests."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.baseline import (
    BaselineRetriever,
    CorpusDocument,
    DenseRanker,
    Encoder,
    read_corpus,
    reciprocal_rank_fusion,
    vector_cache_path,
    word_windows,
)
from index.embedded import EmbeddedBackend
from index.evaluation import (
    corpus_doc_id,
    evaluate_retrieval,
    format_report,
    load_qrels,
    load_queries,
    manifest_ids,
    ndcg_at_k,
    recall_at_k,
    run_retrieval_eval,
)
from tests.index.fakes import HashingEmbedder
from tiplex.records import Document, SearchHit
from tiplex.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = (REPO_ROOT / ".." / "shared" / "corpus").resolve()


# --------------------------------------------------------------------------------------------
# Metrics
# --------------------------------------------------------------------------------------------


def test_ndcg_uses_grades_as_gains_and_the_ideal_from_the_qrels() -> None:
    grades = {"a": 3, "b": 2, "c": 1}
    # c at rank 1 (gain 1 / log2 2), nothing at rank 2, a at rank 3 (gain 3 / log2 4).
    expected = (1 / 1 + 3 / 2) / (3 / 1 + 2 / math.log2(3) + 1 / 2)
    assert ndcg_at_k(["c", "x", "a"], grades) == pytest.approx(expected)
    assert ndcg_at_k(["a", "b", "c"], grades) == pytest.approx(1.0)


def test_ndcg_counts_relevant_documents_that_were_not_retrieved() -> None:
    # Only one of two grade-3 documents found, at rank 1: the ideal holds both.
    expected = 3 / (3 + 3 / math.log2(3))
    assert ndcg_at_k(["a"], {"a": 3, "b": 3}) == pytest.approx(expected)


def test_ndcg_ignores_ranks_below_ten_and_non_relevant_grades() -> None:
    ranking = [f"n{i}" for i in range(10)] + ["a"]
    assert ndcg_at_k(ranking, {"a": 2, "n0": 0}) == 0.0
    assert ndcg_at_k(["n0", "a"], {"a": 2, "n0": 0}) == pytest.approx(1 / math.log2(3))


def test_documents_of_equal_grade_may_come_in_any_order() -> None:
    grades = {"a": 2, "b": 2, "c": 1}
    assert ndcg_at_k(["a", "b", "c"], grades) == pytest.approx(1.0)
    assert ndcg_at_k(["b", "a", "c"], grades) == pytest.approx(1.0)


def test_a_document_returned_twice_counts_once() -> None:
    grades = {"a": 3, "b": 1}
    assert ndcg_at_k(["a", "a", "b"], grades) == pytest.approx(ndcg_at_k(["a", "b"], grades))
    assert ndcg_at_k(["a", "a", "b"], grades) == pytest.approx(1.0)
    assert recall_at_k(["a", "a"], grades) == 0.5


def test_recall_at_50_counts_grade_one_and_above_in_the_first_fifty() -> None:
    ranking = ["a"] + [f"n{i}" for i in range(48)] + ["b", "c"]  # b at rank 50, c at 51
    grades = {"a": 1, "b": 3, "c": 2, "d": 1, "n3": 0}
    assert recall_at_k(ranking, grades) == pytest.approx(2 / 4)
    assert recall_at_k([], grades) == 0.0


# --------------------------------------------------------------------------------------------
# Evaluating a search function on a query set
# --------------------------------------------------------------------------------------------


def _write_query_set(folder: Path) -> tuple[Path, Path]:
    queries = [
        {"qid": "q1", "query": "boat crew", "language": "en", "kind": "concept", "split": "test"},
        {"qid": "q2", "query": "bar girls", "language": "en", "kind": "concept", "split": "test"},
        {"qid": "q3", "query": "kapal", "language": "id", "kind": "keyword", "split": "test"},
        {"qid": "q4", "query": "nothing", "language": "en", "kind": "keyword", "split": "test"},
        {"qid": "q5", "query": "tuning", "language": "en", "kind": "concept", "split": "tune"},
    ]
    queries_path = folder / "queries.jsonl"
    queries_path.write_text("\n".join(json.dumps(q) for q in queries) + "\n", encoding="utf-8")
    qrels_path = folder / "qrels.tsv"
    qrels_path.write_text(
        "q1\tdoc-a\t3\nq1\tdoc-b\t1\nq2\tdoc-c\t2\nq3\tdoc-d\t2\nq4\tdoc-a\t0\nq5\tdoc-a\t1\n",
        encoding="utf-8",
    )
    return queries_path, qrels_path


# What a pretend system returns: per mode, per query text.
CANNED = {
    "bm25": {"boat crew": ["doc-b", "doc-a"], "bar girls": ["doc-c"], "kapal": []},
    "dense": {"boat crew": ["doc-a", "doc-b"], "bar girls": ["x", "doc-c"], "kapal": ["doc-d"]},
}


def test_evaluation_reports_per_mode_language_kind_and_query(tmp_path: Path) -> None:
    queries_path, qrels_path = _write_query_set(tmp_path)
    asked: list[tuple[str, str, int]] = []

    def search(text: str, mode: str, k: int) -> list[str]:
        asked.append((text, mode, k))
        return CANNED[mode].get(text, [])

    report = evaluate_retrieval(search, queries_path, qrels_path, ("bm25", "dense"), "test")

    assert report.without_relevant == ("q4",)  # only a grade-0 judgment
    assert all(text != "nothing" for text, _, _ in asked)  # not searched at all
    assert {k for _, _, k in asked} == {50}
    bm25, dense = report.mode("bm25"), report.mode("dense")
    q1_bm25 = (1 / 1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert [s.qid for s in bm25.per_query] == ["q1", "q2", "q3"]
    assert bm25.per_query[0].ndcg_at_10 == pytest.approx(q1_bm25)
    assert bm25.overall.queries == 3
    assert bm25.overall.ndcg_at_10 == pytest.approx((q1_bm25 + 1 + 0) / 3)
    assert bm25.overall.recall_at_50 == pytest.approx(2 / 3)
    assert bm25.by_language["en"].ndcg_at_10 == pytest.approx((q1_bm25 + 1) / 2)
    assert bm25.by_language["id"].recall_at_50 == 0.0
    assert dense.by_kind["keyword"].ndcg_at_10 == pytest.approx(1.0)
    assert dense.by_kind["concept"].ndcg_at_10 == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert dense.overall.recall_at_50 == pytest.approx(1.0)


def test_split_none_takes_every_query(tmp_path: Path) -> None:
    queries_path, qrels_path = _write_query_set(tmp_path)
    assert [q.qid for q in load_queries(queries_path, "tune")] == ["q5"]
    report = evaluate_retrieval(lambda t, m, k: [], queries_path, qrels_path, ("bm25",))
    assert report.mode("bm25").overall.queries == 4


def test_judgments_outside_the_evaluated_documents_are_ignored(tmp_path: Path) -> None:
    queries_path, qrels_path = _write_query_set(tmp_path)
    report = evaluate_retrieval(
        lambda t, m, k: CANNED["bm25"].get(t, []),
        queries_path,
        qrels_path,
        ("bm25",),
        "test",
        documents={"doc-a", "doc-c"},  # a sample without doc-b and doc-d
    )
    assert report.without_relevant == ("q3", "q4")
    q1 = report.mode("bm25").per_query[0]
    assert (q1.relevant, q1.recall_at_50) == (1, 1.0)
    assert q1.ndcg_at_10 == pytest.approx(1 / math.log2(3))  # doc-a at rank 2 of 1 ideal


def test_qrels_reader_takes_tabs_and_skips_a_header(tmp_path: Path) -> None:
    path = tmp_path / "qrels.tsv"
    path.write_text("qid\tdoc_id\tgrade\nq1\td1\t2\n\nq1\td2\t1\nq2\td1\t3\n", encoding="utf-8")
    assert load_qrels(path) == {"q1": {"d1": 2, "d2": 1}, "q2": {"d1": 3}}
    path.write_text("q1\td1\t2\nq1\td2\tvery\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not an integer"):
        load_qrels(path)


def test_format_report_shows_every_group_and_mode(tmp_path: Path) -> None:
    queries_path, qrels_path = _write_query_set(tmp_path)
    report = evaluate_retrieval(
        lambda t, m, k: CANNED[m].get(t, []), queries_path, qrels_path, ("bm25", "dense"), "test"
    )
    table = format_report(report, per_query=True)
    assert "bm25 nDCG@10" in table and "dense nDCG@10" in table
    for label in ("all", "language en", "language id", "kind concept", "kind keyword", "q3"):
        assert any(line.startswith(label) for line in table.splitlines()), label
    all_row = next(line for line in table.splitlines() if line.startswith("all"))
    assert f"{report.mode('dense').overall.ndcg_at_10:.3f}" in all_row
    assert "1 without relevant documents" in table


# --------------------------------------------------------------------------------------------
# Hits to corpus ids
# --------------------------------------------------------------------------------------------


def _hit(doc_id: str, url: str) -> SearchHit:
    return SearchHit(doc_id, "t", "PH", "judgment", url, 1.0)


def test_corpus_id_comes_from_the_ingested_file_name() -> None:
    url = "file:///data/shared/corpus/ph/ph-sc-gr-1001-2019.txt"
    assert corpus_doc_id(_hit("local:ph-sc-gr-1001-2019", url)) == "ph-sc-gr-1001-2019"
    # A second file with the same stem gets a hashed doc id; its URL still names the file.
    assert corpus_doc_id(_hit("local:ph-sc-gr-1001-2019-1a2b3c4d", url)) == "ph-sc-gr-1001-2019"
    assert corpus_doc_id("file:///tmp/my%20bills/my-bill-7.txt") == "my-bill-7"
    assert corpus_doc_id(_hit("local:sg-hc-2014-186", "")) == "sg-hc-2014-186"
    assert corpus_doc_id("id-pn-x-1-pid-sus-2020") == "id-pn-x-1-pid-sus-2020"


# --------------------------------------------------------------------------------------------
# The baseline
# --------------------------------------------------------------------------------------------


def test_rrf_sums_reciprocal_ranks_and_keeps_first_met_order_on_ties() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]])
    # a: 1/61 + 1/62, c: 1/63 + 1/61, b: 1/62, d: 1/63
    assert fused == ["a", "c", "b", "d"]
    assert reciprocal_rank_fusion([["x", "y"], ["y", "x"]]) == ["x", "y"]
    assert reciprocal_rank_fusion([["p"], []]) == ["p"]


TOY_CORPUS = (
    CorpusDocument("fishing", "The crew of the fishing boat worked without wages at sea."),
    CorpusDocument("bar", "Girls recruited from the province were exploited in a karaoke bar."),
    CorpusDocument("drugs", "The accused sold methamphetamine and was convicted of drug dealing."),
    CorpusDocument("land", "A dispute over the title to agricultural land between two heirs."),
    CorpusDocument("domestic", "A maid was locked in the house and never paid by her employer."),
    CorpusDocument("bill", "A bill to amend the Act on trafficking in persons and smuggling."),
)

# Concept axes for a deterministic stand-in encoder: a text points along each axis it names.
AXES = (
    ("boat", "sea", "vessel", "fishing", "crew"),
    ("bar", "karaoke", "girls", "sexual"),
    ("maid", "house", "domestic", "employer", "servant"),
    ("methamphetamine", "drug"),
)


def concept_encoder() -> Encoder:
    def encode(texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in texts:
            lowered = text.lower()
            row = [sum(lowered.count(w) for w in axis) for axis in AXES] + [0.1]
            rows.append(np.array(row, dtype=np.float32) / np.linalg.norm(row))
        return np.stack(rows)

    return encode


def test_baseline_modes_on_a_toy_corpus() -> None:
    retriever = BaselineRetriever(TOY_CORPUS, encoder_factory=concept_encoder)
    # BM25 returns only documents sharing a word with the query (stopwords do not count).
    assert retriever.search("crew wages", "bm25", 10) == ["fishing"]
    assert retriever.search("the of and", "bm25", 10) == []
    # Dense ranks every document, here by the concept the query names.
    dense = retriever.search("workers on a vessel", "dense", 10)
    assert dense[0] == "fishing" and len(dense) == 6
    hybrid = retriever.search("employer vessel", "hybrid", 3)
    expected = reciprocal_rank_fusion(
        [
            retriever.search("employer vessel", "bm25", 6),
            retriever.search("employer vessel", "dense", 6),
        ]
    )[:3]
    assert hybrid == expected and hybrid[0] == "domestic"
    with pytest.raises(ValueError, match="unknown search mode"):
        retriever.search("x", "sparse", 3)


def test_dense_scores_a_document_by_its_best_window() -> None:
    filler = "the court heard the parties on the question of costs " * 3
    long_doc = filler + "boat sea crew fishing vessel " + filler  # one strong window
    mixed_doc = "boat " + "maid house employer " * 3  # a weak window only
    ranker = DenseRanker([mixed_doc, long_doc], concept_encoder(), window_words=10)
    assert word_windows(long_doc, 10)[3].startswith("boat sea")
    assert ranker.window_count == len(word_windows(long_doc, 10)) + 1
    assert ranker.rank("fishing boats at sea") == [1, 0]


def test_window_vectors_are_cached_by_model_and_corpus(tmp_path: Path) -> None:
    calls: list[int] = []

    def counting_encoder() -> Encoder:
        inner = concept_encoder()

        def encode(texts: Sequence[str]) -> np.ndarray:
            calls.append(len(texts))
            return inner(texts)

        return encode

    for _ in range(2):
        retriever = BaselineRetriever(TOY_CORPUS, counting_encoder, cache_dir=tmp_path)
        assert retriever.search("karaoke", "dense", 1) == ["bar"]
    assert calls == [6, 1, 1]  # the windows once, then only the queries
    changed = (*TOY_CORPUS[:5], CorpusDocument("bill", "An amended bill."))
    assert vector_cache_path(tmp_path, "m", changed) != vector_cache_path(tmp_path, "m", TOY_CORPUS)
    assert vector_cache_path(tmp_path, "m", TOY_CORPUS) != vector_cache_path(
        tmp_path, "other", TOY_CORPUS
    )


@pytest.mark.slow
def test_minilm_dense_finds_a_paraphrase_that_bm25_misses() -> None:
    retriever = BaselineRetriever(TOY_CORPUS)
    query = "housekeeper confined by the family she served"
    assert "domestic" not in retriever.search(query, "bm25", 6)
    assert retriever.search(query, "dense", 1) == ["domestic"]
    assert "domestic" in retriever.search(query, "hybrid", 3)


# --------------------------------------------------------------------------------------------
# tiplex's own index, end to end (hashing embedder: no model to load)
# --------------------------------------------------------------------------------------------


def test_run_retrieval_eval_maps_hits_to_corpus_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "ph").mkdir(parents=True)
    rows, documents = [], []
    for doc in TOY_CORPUS:
        path = corpus / "ph" / f"{doc.doc_id}.txt"
        path.write_text(doc.text, encoding="utf-8")
        rows.append({"doc_id": doc.doc_id, "path": f"ph/{doc.doc_id}.txt"})
        if doc.doc_id != "bill":  # the index lacks one judged document
            documents.append(_indexed(doc, path))
    (corpus / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"qid": "q1", "query": "karaoke bar", "language": "en", "kind": "k"})
        + "\n"
        + json.dumps({"qid": "q2", "query": "smuggling act", "language": "en", "kind": "k"})
        + "\n"
    )
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\tbar\t3\nq2\tbill\t2\n")
    settings = Settings(home=tmp_path / "home", embedding_model="test/hashing-64")
    backend = EmbeddedBackend(settings, HashingEmbedder())
    backend.index(documents)
    backend.close()

    report = run_retrieval_eval(settings, corpus, queries, qrels, embedder=HashingEmbedder())

    assert manifest_ids(corpus) == [d.doc_id for d in TOY_CORPUS]
    assert report.without_relevant == ("q2",)
    assert any("5 of the corpus's 6" in note for note in report.notes)
    for mode in ("bm25", "dense", "hybrid"):
        assert report.mode(mode).per_query[0].ndcg_at_10 == pytest.approx(1.0), mode


def _indexed(doc: CorpusDocument, path: Path) -> Document:
    return Document(
        doc_id=f"local:{doc.doc_id}",
        source_id="local",
        url=path.as_uri(),
        country="PH",
        language="en",
        doc_type="judgment",
        title=doc.doc_id,
        text=doc.text,
        sha256="0" * 64,
        content_type="text/plain",
        raw_path=str(path),
        fetched_at="2024-01-01T00:00:00Z",
    )


# --------------------------------------------------------------------------------------------
# The real corpus and judgments (skipped where absent)
# --------------------------------------------------------------------------------------------


@pytest.mark.corpus
def test_sample_is_spread_over_the_manifest() -> None:
    if not (CORPUS / "manifest.jsonl").is_file():
        pytest.skip("../shared/corpus is not present")
    ids = manifest_ids(CORPUS)
    sample = read_corpus(CORPUS, limit_docs=8)
    assert len({d.doc_id for d in sample}) == 8
    assert sample[0].doc_id == ids[0]
    assert {d.doc_id[:2] for d in sample} >= {"id", "ph", "sg"}  # every part of the corpus
    assert all(d.path is not None and d.path.stem == d.doc_id for d in sample)
