"""What the Elasticsearch backend sends and how it reads the answers, without a server.

The official client runs unchanged; only its HTTP node is replaced by `FakeNode`, which records
every request (method, path, JSON or NDJSON body) and answers from a small scripted cluster.
The scripted cluster keeps the embedding cache in memory so re-indexing behaves as it would
against a real one.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch

from index import es_mappings, es_queries
from index.backend import EmbeddingModelMismatch
from index.elasticsearch import ElasticsearchBackend, document_source
from index.es_embedding_cache import content_hash, decode_vector, encode_vector
from index.es_results import marked_spans, search_hits
from tiplex.records import (
    CaseFacts,
    Document,
    NonPunishment,
    Passage,
    Provision,
    SearchQuery,
    Victims,
)
from tiplex.settings import Settings

PRE, POST = es_queries.HIGHLIGHT_PRE, es_queries.HIGHLIGHT_POST

# --------------------------------------------------------------------------------------------
# A scripted cluster behind the real client
# --------------------------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    body: Any  # dict for JSON, list of dicts for NDJSON, None


Handler = Callable[[Request], tuple[int, Any]]


@dataclass
class FakeCluster:
    requests: list[Request] = field(default_factory=list)
    routes: list[tuple[str, re.Pattern[str], Handler]] = field(default_factory=list)
    embedding_cache: dict[str, dict[str, Any]] = field(default_factory=dict)
    recorded_meta: dict[str, Any] | None = None
    plugins: list[dict[str, str]] = field(default_factory=list)
    # Each bulk request pops the next item-status override list (None: all succeed).
    bulk_statuses: list[list[int]] = field(default_factory=list)

    def on(self, method: str, pattern: str, handler: Handler) -> None:
        """A route that wins over the defaults (latest first); `method` may be "GET|POST"."""
        self.routes.insert(0, (method, re.compile(pattern), handler))

    def sent(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    def handle(self, request: Request) -> tuple[int, Any]:
        self.requests.append(request)
        for methods, pattern, handler in self.routes:
            if request.method in methods.split("|") and pattern.fullmatch(request.path):
                return handler(request)
        return self._default(request)

    def _default(self, request: Request) -> tuple[int, Any]:
        method, path = request.method, request.path
        if method == "GET" and path.endswith("/_mapping"):
            if self.recorded_meta is None:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            index = path.split("/")[1]
            return 200, {index: {"mappings": {"_meta": self.recorded_meta}}}
        if method == "HEAD":
            return (200 if self.recorded_meta is not None else 404), None
        if method == "GET" and path == "/_cat/plugins":
            return 200, self.plugins
        if method == "POST" and path.endswith("/_mget"):
            return 200, {"docs": [self._cached(i) for i in request.body["ids"]]}
        if method in ("PUT", "POST") and path.endswith("/_bulk"):
            return 200, self._bulk(request.body)
        if method == "POST" and path.endswith("/_delete_by_query"):
            return 200, {"deleted": 0, "failures": []}
        if method in ("GET", "POST") and path.endswith("/_count"):
            return 200, {"count": 0}
        return 200, {"acknowledged": True}

    def _cached(self, digest: str) -> dict[str, Any]:
        if digest in self.embedding_cache:
            return {"_id": digest, "found": True, "_source": self.embedding_cache[digest]}
        return {"_id": digest, "found": False}

    def _bulk(self, lines: list[dict[str, Any]]) -> dict[str, Any]:
        statuses = self.bulk_statuses.pop(0) if self.bulk_statuses else None
        items = []
        position = 0
        while position < len(lines):
            ((op, meta),) = lines[position].items()
            source = lines[position + 1] if op in ("index", "create") else None
            position += 2 if source is not None else 1
            status = statuses[len(items)] if statuses else (200 if op == "delete" else 201)
            if status < 300 and source is not None and meta["_index"].endswith("-embeddings"):
                self.embedding_cache[meta["_id"]] = source
            item: dict[str, Any] = {"_index": meta["_index"], "_id": meta["_id"], "status": status}
            if status == 429:
                item["error"] = {"type": "es_rejected_execution_exception"}
            elif status == 404:
                item["result"] = "not_found"
            else:
                item["result"] = "deleted" if op == "delete" else "created"
            items.append({op: item})
        return {"errors": any(i[next(iter(i))]["status"] >= 300 for i in items), "items": items}


def make_client(cluster: FakeCluster) -> Elasticsearch:
    class FakeNode(BaseNode):
        def perform_request(
            self,
            method: str,
            target: str,
            body: bytes | None = None,
            headers: HttpHeaders | None = None,
            request_timeout: Any = None,
        ) -> NodeApiResponse:
            url = urlsplit(target)
            parsed: Any = None
            if body:
                text = body.decode()
                if "ndjson" in str((headers or {}).get("content-type", "")):
                    parsed = [json.loads(line) for line in text.splitlines() if line.strip()]
                else:
                    parsed = json.loads(text)
            status, answer = cluster.handle(Request(method, url.path, parse_qs(url.query), parsed))
            meta = ApiResponseMeta(
                status=status,
                http_version="1.1",
                headers=HttpHeaders(
                    {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                ),
                duration=0.0,
                node=self.config,
            )
            payload = b"" if answer is None else json.dumps(answer).encode()
            return NodeApiResponse(meta, payload)

    return Elasticsearch("http://es.test:9200", node_class=FakeNode, max_retries=0)


# --------------------------------------------------------------------------------------------
# Invented documents, a counting embedder and a paragraph chunker
# --------------------------------------------------------------------------------------------


class CountingEmbedder:
    model_id = "test/hash-embedder"
    dimensions = 4

    def __init__(self) -> None:
        self.embedded: list[str] = []
        self.queries: list[str] = []

    def _vector(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode()).digest()
        raw = [b - 127.5 for b in digest[: self.dimensions]]
        norm = math.sqrt(sum(v * v for v in raw)) or 1.0
        return [v / norm for v in raw]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.queries.append(text)
        return self._vector("query: " + text)


def paragraph_chunker(document: Document) -> list[Passage]:
    passages = []
    for ordinal, match in enumerate(re.finditer(r"[^\n]+(?:\n[^\n]+)*", document.text)):
        passages.append(
            Passage(document.doc_id, ordinal, match.start(), match.end(), match.group())
        )
    return passages


ENGLISH_TEXT = (
    "The accused recruited the workers with promises of wages.\n\n"
    "The court found that the workers were held in forced labour on a fishing vessel.\n\n"
    "The victims were not punished for immigration offences."
)
MALAY_TEXT = "Mangsa dibawa ke kilang.\n\nMahkamah mendapati kerja paksa berlaku."


def make_document(doc_id: str, text: str, **overrides: Any) -> Document:
    values: dict[str, Any] = {
        "doc_id": doc_id,
        "source_id": doc_id.split(":")[0],
        "url": f"https://example.test/{doc_id}",
        "country": "ph",
        "language": "en",
        "doc_type": "judgment",
        "title": f"People v. Example {doc_id}",
        "text": text,
        "sha256": "0" * 64,
        "content_type": "text/html",
        "raw_path": "/archive/x",
        "fetched_at": "2026-01-05T00:00:00Z",
        "court": "Supreme Court",
        "case_number": "G.R. No. 1",
        "decision_date": "2019-03-04",
    }
    values.update(overrides)
    return Document(**values)


ENGLISH_DOC = make_document("ph_test:1", ENGLISH_TEXT)
MALAY_DOC = make_document(
    "my_test:7", MALAY_TEXT, country="MY", language="ms", court=None, decision_date="2021"
)
ENGLISH_FACTS = CaseFacts(
    doc_id="ph_test:1",
    country="PH",
    language="en",
    doc_type="judgment",
    is_trafficking_case=True,
    outcome="convicted",
    exploitation_forms=("forced_labour",),
    sectors=("fishing",),
    victims=Victims(count=3, minors=1),
    non_punishment=NonPunishment(raised=True, applied=True),
)


@pytest.fixture
def cluster() -> FakeCluster:
    return FakeCluster(plugins=[{"name": "node-1", "component": "analysis-icu"}])


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def backend(cluster: FakeCluster, embedder: CountingEmbedder) -> ElasticsearchBackend:
    return ElasticsearchBackend(
        Settings(home=Path("/nonexistent")),
        embedder,
        client=make_client(cluster),
        chunker=paragraph_chunker,
        bulk_initial_backoff=0.0,
    )


def template_of(cluster: FakeCluster, name: str) -> dict[str, Any]:
    (request,) = cluster.sent("PUT", f"/_index_template/{name}")
    return request.body


def bulk_lines(cluster: FakeCluster) -> list[dict[str, Any]]:
    return [
        line
        for r in cluster.sent("PUT", r"/_bulk") + cluster.sent("POST", r"/_bulk")
        for line in r.body
    ]


def indexed_sources(cluster: FakeCluster, index: str) -> dict[str, dict[str, Any]]:
    lines = bulk_lines(cluster)
    found = {}
    for position, line in enumerate(lines):
        meta = line.get("index")
        if meta and meta["_index"] == index:
            found[meta["_id"]] = lines[position + 1]
    return found


def search_request(cluster: FakeCluster) -> dict[str, Any]:
    (request,) = cluster.sent("POST", "/tiplex-documents/_search")
    return request.body


# --------------------------------------------------------------------------------------------
# Templates and mappings
# --------------------------------------------------------------------------------------------


def test_documents_template_maps_coded_fields_passages_and_vectors(backend, cluster):
    backend.index([ENGLISH_DOC])
    body = template_of(cluster, "tiplex-documents")
    assert body["index_patterns"] == ["tiplex-documents-*"]
    properties = body["template"]["mappings"]["properties"]
    for keyword in (
        "country",
        "language",
        "doc_type",
        "court",
        "outcome",
        "exploitation_forms",
        "sectors",
    ):
        assert properties[keyword]["type"] == "keyword", keyword
    for flag in ("is_trafficking_case", "non_punishment_raised", "non_punishment_applied"):
        assert properties[flag]["type"] == "boolean", flag
    assert properties["year"]["type"] == "integer"
    assert properties["minors"]["type"] == "boolean"
    passages = properties["passages"]
    assert passages["type"] == "nested"
    assert passages["properties"]["embedding"] == {
        "type": "dense_vector",
        "dims": 4,
        "index": True,
        "similarity": "cosine",
        "index_options": {"type": "int8_hnsw"},
    }
    expected = {
        "text_en": "english",
        "text_id": "indonesian",
        "text_th": "thai",
        "text_icu": "tiplex_icu",
    }
    for name, analyzer in expected.items():
        assert passages["properties"][name]["analyzer"] == analyzer
        assert passages["properties"][name]["fields"]["exact"]["type"] == "text"
    assert passages["properties"]["text_en"]["fields"]["exact"]["analyzer"] == "tiplex_exact"


def test_icu_analyzer_uses_the_plugin_when_installed(backend, cluster):
    backend.index([ENGLISH_DOC])
    analysis = template_of(cluster, "tiplex-documents")["template"]["settings"]["analysis"]
    assert analysis["analyzer"]["tiplex_icu"]["tokenizer"] == "icu_tokenizer"


def test_icu_analyzer_falls_back_without_the_plugin(cluster, embedder):
    cluster.plugins = []
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent")),
        embedder,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    backend.index([ENGLISH_DOC])
    analysis = template_of(cluster, "tiplex-documents")["template"]["settings"]["analysis"]
    assert analysis["analyzer"]["tiplex_icu"]["tokenizer"] == "standard"


def test_documents_index_records_the_embedding_model(backend, cluster):
    backend.index([ENGLISH_DOC])
    (create,) = cluster.sent("PUT", "/tiplex-documents-000001")
    assert create.body["aliases"] == {"tiplex-documents": {}}
    meta = create.body["mappings"]["_meta"]["tiplex"]
    assert meta["embedding_model"] == "test/hash-embedder"
    assert meta["embedding_dimensions"] == 4


def test_index_prefix_names_every_index(cluster, embedder):
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent"), elasticsearch_index_prefix="lab"),
        embedder,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    backend.index([ENGLISH_DOC])
    created = {r.path for r in cluster.sent("PUT", r"/lab-[a-z0-9-]+")}
    assert created == {"/lab-documents-000001", "/lab-provisions", "/lab-embeddings"}


def test_other_embedding_model_in_the_index_is_refused(backend, cluster):
    cluster.recorded_meta = es_mappings.index_meta("intfloat/multilingual-e5-small", 384)
    with pytest.raises(EmbeddingModelMismatch, match="multilingual-e5-small"):
        backend.search(SearchQuery(text="forced labour"))
    with pytest.raises(EmbeddingModelMismatch):
        backend.index([ENGLISH_DOC])
    assert not cluster.sent("PUT", r"/_bulk") + cluster.sent("POST", r"/_bulk")


def test_same_embedding_model_in_the_index_is_accepted(backend, cluster):
    cluster.recorded_meta = es_mappings.index_meta("test/hash-embedder", 4)
    backend.index([ENGLISH_DOC])
    assert not cluster.sent("PUT", "/tiplex-documents-.*")  # exists already: not created again


def test_analyzer_family_by_language():
    assert es_mappings.analyzer_family("id") == es_mappings.analyzer_family("ms") == "id"
    assert es_mappings.analyzer_family("en-SG") == "en"
    assert es_mappings.analyzer_family("th") == "th"
    assert {es_mappings.analyzer_family(c) for c in ("lo", "km", "my", "vi")} == {"icu"}
    assert es_mappings.analyzer_family("tl") == "std"


# --------------------------------------------------------------------------------------------
# Indexing: bulk actions, embedding cache, retries
# --------------------------------------------------------------------------------------------


def test_documents_are_indexed_by_doc_id_with_passages_in_their_language_field(backend, cluster):
    report = backend.index([ENGLISH_DOC, MALAY_DOC], facts={"ph_test:1": ENGLISH_FACTS})
    sources = indexed_sources(cluster, "tiplex-documents")
    assert set(sources) == {"ph_test:1", "my_test:7"}
    english = sources["ph_test:1"]
    assert english["country"] == "PH"
    assert english["year"] == 2019
    assert english["outcome"] == "convicted"
    assert english["exploitation_forms"] == ["forced_labour"]
    assert english["minors"] is True and english["minor_victims"] == 1
    assert english["record"]["url"] == ENGLISH_DOC.url and english["text"] == ENGLISH_TEXT
    assert english["non_punishment_raised"] is True and english["non_punishment_applied"] is True
    first = english["passages"][1]
    assert first["text_en"] == ENGLISH_TEXT[first["start"] : first["end"]]
    assert len(first["embedding"]) == 4
    malay = sources["my_test:7"]
    assert all("text_id" in p and "text_en" not in p for p in malay["passages"])
    assert malay["year"] == 2021
    assert report.documents_indexed == 2
    assert report.passages_indexed == 5
    assert report.passages_embedded == 5


def test_reindexing_identical_passages_embeds_nothing(backend, cluster, embedder):
    backend.index([ENGLISH_DOC])
    assert len(embedder.embedded) == 3
    changed = make_document("ph_test:1", ENGLISH_TEXT + "\n\nA new closing paragraph.")
    report = backend.index([changed])
    assert embedder.embedded[3:] == ["A new closing paragraph."]
    assert report.passages_embedded == 1
    assert report.passages_indexed == 4
    report = backend.index([changed])
    assert report.passages_embedded == 0
    assert len(embedder.embedded) == 4


def test_cached_vectors_are_the_ones_written_into_passages(backend, cluster, embedder):
    backend.index([ENGLISH_DOC])
    cached = cluster.embedding_cache
    for passage in indexed_sources(cluster, "tiplex-documents")["ph_test:1"]["passages"]:
        stored = decode_vector(cached[passage["content_hash"]]["vector"])
        assert stored == pytest.approx(passage["embedding"], abs=1e-6)
        assert passage["content_hash"] == content_hash(embedder.model_id, passage["text_en"])


def test_rejected_bulk_items_are_retried_alone(backend, cluster):
    # The first bulk has 3 cache writes and 1 document; the document is rejected with 429.
    cluster.bulk_statuses = [[201, 201, 201, 429]]
    report = backend.index([ENGLISH_DOC])
    bulks = cluster.sent("PUT", r"/_bulk") + cluster.sent("POST", r"/_bulk")
    assert len(bulks) == 2
    retried = bulks[1].body
    assert retried[0] == {"index": {"_index": "tiplex-documents", "_id": "ph_test:1"}}
    assert len(retried) == 2
    assert report.documents_indexed == 1


def test_failed_bulk_items_raise(backend, cluster):
    cluster.bulk_statuses = [[201, 201, 201, 400]]
    with pytest.raises(RuntimeError, match="bulk actions failed"):
        backend.index([ENGLISH_DOC])


def test_provisions_replace_those_of_the_same_law(backend, cluster):
    law = make_document(
        "my_bills:1", "Section 1. Definitions.", country="MY", doc_type="legislation"
    )
    provision = Provision(
        "my_bills:1", "1", "Definitions", "Section 1. Definitions.", 0, 23, ("definition",), ("2",)
    )
    backend.index([law], provisions={"my_bills:1": [provision]})
    (deletion,) = cluster.sent("POST", "/tiplex-provisions/_delete_by_query")
    assert deletion.body["query"] == {"terms": {"doc_id": ["my_bills:1"]}}
    (source,) = indexed_sources(cluster, "tiplex-provisions").values()
    assert source["country"] == "MY"
    assert source["topics"] == ["definition"]
    assert source["text_en"] == "Section 1. Definitions."


def test_vectors_survive_the_cache_encoding():
    vector = [0.5, -0.25, 0.125, 1.0]
    assert decode_vector(encode_vector(vector)) == vector


# --------------------------------------------------------------------------------------------
# Query bodies
# --------------------------------------------------------------------------------------------


def nested_of(query: dict[str, Any]) -> dict[str, Any]:
    return query["bool"]["must"][0]["nested"]


def test_bm25_body_searches_passages_with_inner_hits_and_filters(backend, cluster):
    query = SearchQuery(
        text="forced labour",
        mode="bm25",
        k=5,
        passages_per_hit=2,
        filters={"country": "ph", "year": "2018..2020"},
    )
    backend.search(query)
    body = search_request(cluster)
    assert body["size"] == 5
    nested = nested_of(body["query"])
    assert nested["path"] == "passages"
    assert nested["score_mode"] == "max"
    (match,) = nested["query"]["bool"]["must"]
    assert match["multi_match"]["query"] == "forced labour"
    assert set(match["multi_match"]["fields"]) == {
        f"passages.text_{f}" for f in es_mappings.ANALYZER_FAMILIES
    }
    inner = nested["inner_hits"]
    assert inner["size"] == 2
    assert inner["highlight"]["number_of_fragments"] == 0
    assert inner["highlight"]["pre_tags"] == [PRE]
    assert "passages.text_en.exact" in inner["highlight"]["fields"]
    assert inner["_source"] == {"excludes": ["passages.embedding"]}
    assert body["query"]["bool"]["filter"] == [
        {"term": {"country": {"value": "ph", "case_insensitive": True}}},
        {"range": {"year": {"gte": 2018, "lte": 2020}}},
    ]
    assert "passages" not in body["_source"]["includes"]


def test_quoted_phrase_is_a_mandatory_exact_match(backend, cluster):
    backend.search(SearchQuery(text='wages "forced labour"', mode="bm25"))
    passage_query = nested_of(search_request(cluster)["query"])["query"]["bool"]
    # The phrase is required; the free word only ranks passages holding the phrase.
    (should,) = passage_query["should"]
    assert should["multi_match"]["query"] == "wages"
    (must,) = passage_query["must"]
    phrase = must["multi_match"]
    assert phrase["type"] == "phrase"
    assert phrase["query"] == "forced labour"
    assert all(f.endswith(".exact") for f in phrase["fields"])
    assert len(phrase["fields"]) == len(es_mappings.ANALYZER_FAMILIES)


def test_dense_body_is_a_nested_knn_query_with_prefilters(backend, cluster, embedder):
    backend.search(
        SearchQuery(
            text='"kerja paksa" kilang',
            mode="dense",
            k=3,
            filters={"country": "MY,ID", "is_trafficking_case": "true"},
        )
    )
    body = search_request(cluster)
    nested = body["query"]["nested"]
    assert nested["path"] == "passages"
    assert nested["score_mode"] == "max"
    knn = nested["query"]["knn"]
    assert knn["field"] == "passages.embedding"
    assert knn["query_vector"] == pytest.approx(embedder.embed_query("kerja paksa kilang"))
    assert knn["k"] == 3
    assert knn["num_candidates"] >= knn["k"]
    any_country = {
        "bool": {
            "should": [
                {"term": {"country": {"value": "MY", "case_insensitive": True}}},
                {"term": {"country": {"value": "ID", "case_insensitive": True}}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert any_country in knn["filter"]
    assert {"term": {"is_trafficking_case": True}} in knn["filter"]
    phrases = [c for c in knn["filter"] if c.get("multi_match", {}).get("type") == "phrase"]
    assert phrases and phrases[0]["multi_match"]["query"] == "kerja paksa"
    assert nested["inner_hits"]["name"] == es_queries.DENSE_INNER_HITS


def test_hybrid_body_fuses_lexical_and_vector_retrievers_with_rrf(backend, cluster):
    backend.search(
        SearchQuery(text='"non-punishment" victims', k=4, filters={"doc_type": "judgment"})
    )
    body = search_request(cluster)
    assert "query" not in body and "knn" not in body
    rrf = body["retriever"]["rrf"]
    assert rrf["rank_constant"] == 60
    assert rrf["rank_window_size"] >= body["size"] == 4
    lexical, semantic = (r["standard"]["query"] for r in rrf["retrievers"])
    passage_query = nested_of(lexical)["query"]["bool"]
    assert [c["multi_match"]["type"] for c in passage_query["must"]] == ["phrase"]
    assert [c["multi_match"]["type"] for c in passage_query["should"]] == ["best_fields"]
    judgments = {"term": {"doc_type": {"value": "judgment", "case_insensitive": True}}}
    assert lexical["bool"]["filter"] == [judgments]
    knn = semantic["nested"]["query"]["knn"]
    assert knn["k"] == rrf["rank_window_size"]
    assert judgments in knn["filter"]
    assert any(c.get("multi_match", {}).get("query") == "non-punishment" for c in knn["filter"])
    names = {nested_of(lexical)["inner_hits"]["name"], semantic["nested"]["inner_hits"]["name"]}
    assert len(names) == 2  # distinct names keep both passage lists apart in the fused hits


def test_citations_are_exact_phrases_without_quotes(backend, cluster):
    backend.search(SearchQuery(text="trafficking under R.A. 9208", mode="bm25"))
    passage_query = nested_of(search_request(cluster)["query"])["query"]["bool"]
    (must,) = passage_query["must"]
    assert must["multi_match"]["type"] == "phrase"
    assert must["multi_match"]["query"] == "R.A. 9208"
    assert passage_query["should"][0]["multi_match"]["query"] == "trafficking"


def test_dense_passages_are_highlighted_with_the_query_words(backend, cluster):
    backend.search(SearchQuery(text='"forced labour" wages', mode="dense"))
    inner = search_request(cluster)["query"]["nested"]["inner_hits"]
    highlight_query = inner["highlight"]["highlight_query"]["bool"]
    assert highlight_query["must"][0]["multi_match"]["query"] == "forced labour"
    assert highlight_query["should"][0]["multi_match"]["query"] == "wages"


def test_hybrid_falls_back_to_fusing_here_when_the_licence_refuses_rrf(backend, cluster):
    refusal = {
        "error": {
            "type": "security_exception",
            "reason": "current license is non-compliant for [Reciprocal Rank Fusion (RRF)]",
        },
        "status": 403,
    }
    lexical = response_with({es_queries.BM25_INNER_HITS: [inner_hit(1, 5.0)]})
    other = {**lexical["hits"]["hits"][0], "_id": "ph_test:2"}
    other["_source"] = {**other["_source"], "doc_id": "ph_test:2"}
    semantic = {
        "hits": {
            "hits": [
                {**other, "inner_hits": {}},
                {
                    **lexical["hits"]["hits"][0],
                    "inner_hits": response_with({es_queries.DENSE_INNER_HITS: [inner_hit(2, 0.9)]})[
                        "hits"
                    ]["hits"][0]["inner_hits"],
                },
            ]
        }
    }

    def answer(request: Request) -> tuple[int, Any]:
        if "retriever" in request.body:
            return 403, refusal
        return 200, (lexical if "bool" in request.body["query"] else semantic)

    cluster.on("POST", "/tiplex-documents/_search", answer)
    hits = backend.search(SearchQuery(text="forced labour", k=5, passages_per_hit=2))
    # ph_test:1 is first lexically and second by vector; ph_test:2 only first by vector.
    assert [h.doc_id for h in hits] == ["ph_test:1", "ph_test:2"]
    assert hits[0].score == pytest.approx(1 / 61 + 1 / 62)
    assert len(hits[0].passages) == 2  # passages from both sides
    sent = [r.body for r in cluster.sent("POST", "/tiplex-documents/_search")]
    assert ["retriever" in b for b in sent] == [True, False, False]
    backend.search(SearchQuery(text="forced labour"))  # the refusal is remembered
    assert len(cluster.sent("POST", "/tiplex-documents/_search")) == 5


def test_phrase_occurrences_are_single_highlights_in_every_mode(backend, cluster):
    canned = response_with({es_queries.DENSE_INNER_HITS: [inner_hit(1, 0.8)]})
    cluster.on("POST", "/tiplex-documents/_search", lambda request: (200, canned))
    (hit,) = backend.search(SearchQuery(text='"FORCED   labour"', mode="dense"))
    (span,) = hit.passages[0].highlights
    assert ENGLISH_TEXT[span.start : span.end] == "forced labour" == span.text


def test_query_without_words_is_not_searched_lexically(backend, cluster):
    assert backend.search(SearchQuery(text="?!", mode="bm25")) == []
    backend.search(SearchQuery(text="?!", mode="hybrid"))
    assert "knn" in search_request(cluster)["query"]["nested"]["query"]


def test_empty_query_sends_nothing(backend, cluster):
    assert backend.search(SearchQuery(text='  ""  ')) == []
    assert not cluster.sent("POST", "/tiplex-documents/_search")


def test_unknown_filter_is_an_error(backend):
    with pytest.raises(ValueError, match="unknown filter"):
        backend.search(SearchQuery(text="x", mode="bm25", filters={"colour": "red"}))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": "2020"}, {"term": {"year": 2020}}),
        ({"year": "..2015"}, {"range": {"year": {"gte": 0, "lte": 2015}}}),
        (
            {"year": "2015,2019"},
            {
                "bool": {
                    "should": [{"term": {"year": 2015}}, {"term": {"year": 2019}}],
                    "minimum_should_match": 1,
                }
            },
        ),
        ({"minors": "true"}, {"term": {"minors": True}}),
        (
            {"non_punishment_applied": "no,yes"},
            {"terms": {"non_punishment_applied": [False, True]}},
        ),
        (
            {"court": "Brebes*"},
            {"wildcard": {"court": {"value": "*Brebes\\**", "case_insensitive": True}}},
        ),
        (
            {"exploitation_form": "forced_labour"},
            {"term": {"exploitation_forms": {"value": "forced_labour", "case_insensitive": True}}},
        ),
    ],
)
def test_filter_values_become_typed_clauses(filters, expected):
    assert es_queries.filter_clauses(filters) == [expected]


def test_phrases_are_read_from_straight_and_curly_quotes():
    parsed = es_queries.parse_query('\u201cdebt bondage\u201d recruiter "forced labour" trailing"')
    assert parsed.phrases == ("debt bondage", "forced labour")
    assert parsed.free_text == "recruiter trailing"


# --------------------------------------------------------------------------------------------
# Reading responses
# --------------------------------------------------------------------------------------------


def inner_hit(
    ordinal: int, score: float, highlight: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    passage = paragraph_chunker(ENGLISH_DOC)[ordinal]
    hit: dict[str, Any] = {
        "_nested": {"field": "passages", "offset": ordinal},
        "_score": score,
        "_source": {
            "ordinal": ordinal,
            "start": passage.start,
            "end": passage.end,
            "text_en": passage.text,
        },
    }
    if highlight:
        hit["highlight"] = highlight
    return hit


def response_with(
    inner_hits: dict[str, list[dict[str, Any]]], score: float = 7.5
) -> dict[str, Any]:
    return {
        "took": 3,
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_index": "tiplex-documents",
                    "_id": "ph_test:1",
                    "_score": score,
                    "_source": {
                        "doc_id": "ph_test:1",
                        "title": "People v. Example",
                        "country": "PH",
                        "doc_type": "judgment",
                        "url": "https://example.test/ph_test:1",
                        "language": "en",
                        "decision_date": "2019-03-04",
                        "court": "Supreme Court",
                        "case_number": "G.R. No. 1",
                    },
                    "inner_hits": {
                        name: {"hits": {"total": {"value": len(h)}, "hits": h}}
                        for name, h in inner_hits.items()
                    },
                }
            ],
        },
    }


def test_highlights_are_offsets_into_the_document_text(backend, cluster):
    passage = paragraph_chunker(ENGLISH_DOC)[1]
    marked = passage.text.replace("forced labour", f"{PRE}forced{POST} {PRE}labour{POST}")
    exact = passage.text.replace("forced labour", f"{PRE}forced labour{POST}")
    canned = response_with(
        {
            es_queries.BM25_INNER_HITS: [
                inner_hit(1, 4.2, {"passages.text_en": [marked], "passages.text_en.exact": [exact]})
            ]
        }
    )
    cluster.on("POST", "/tiplex-documents/_search", lambda request: (200, canned))
    (hit,) = backend.search(SearchQuery(text='"forced labour"', mode="bm25"))
    assert (hit.doc_id, hit.country, hit.source_url, hit.score) == (
        "ph_test:1",
        "PH",
        "https://example.test/ph_test:1",
        7.5,
    )
    assert hit.court == "Supreme Court" and hit.decision_date == "2019-03-04"
    (found,) = hit.passages
    assert (found.start, found.end) == (passage.start, passage.end)
    assert found.text == ENGLISH_TEXT[found.start : found.end]
    (span,) = found.highlights  # word-level and phrase-level marks merge into one span
    assert span.text == "forced labour"
    assert ENGLISH_TEXT[span.start : span.end] == "forced labour"


def test_hybrid_passages_are_fused_by_rank(backend):
    canned = response_with(
        {
            es_queries.BM25_INNER_HITS: [inner_hit(2, 9.0), inner_hit(1, 3.0)],
            es_queries.DENSE_INNER_HITS: [inner_hit(1, 0.9), inner_hit(0, 0.8)],
        },
        score=0.03,
    )
    (hit,) = search_hits(canned, passages_per_hit=2)
    # Passage 1 is second lexically and first by vector: it beats either single first place.
    assert [p.start for p in hit.passages] == [
        paragraph_chunker(ENGLISH_DOC)[1].start,
        paragraph_chunker(ENGLISH_DOC)[2].start,
    ]
    assert hit.passages[0].score == pytest.approx(1 / 62 + 1 / 61)
    assert hit.score == pytest.approx(0.03)


def test_single_list_passages_keep_their_scores(backend):
    canned = response_with({es_queries.DENSE_INNER_HITS: [inner_hit(0, 0.91), inner_hit(2, 0.7)]})
    (hit,) = search_hits(canned, passages_per_hit=5)
    assert [p.score for p in hit.passages] == [0.91, 0.7]
    assert all(p.highlights == () for p in hit.passages)


def test_marked_spans_strip_markers():
    plain, spans = marked_spans(f"a {PRE}bc{POST} d {PRE}e{POST}")
    assert plain == "a bc d e"
    assert spans == [(2, 4), (7, 8)]


# --------------------------------------------------------------------------------------------
# Aggregations, provisions, housekeeping
# --------------------------------------------------------------------------------------------


def composite_page(buckets: list[dict[str, Any]], after: dict[str, Any] | None) -> dict[str, Any]:
    groups: dict[str, Any] = {"buckets": buckets}
    if after:
        groups["after_key"] = after
    return {"hits": {"hits": []}, "aggregations": {"groups": groups}}


def test_count_by_groups_with_a_paged_composite_aggregation(backend, cluster, monkeypatch):
    monkeypatch.setattr(es_queries, "COUNT_PAGE", 2)
    pages = [
        composite_page(
            [
                {"key": {"country": "PH", "year": 2020}, "doc_count": 2},
                {"key": {"country": "ID", "year": 2021}, "doc_count": 2},
            ],
            {"country": "ID", "year": 2021},
        ),
        composite_page([{"key": {"country": "ID", "year": None}, "doc_count": 1}], None),
    ]
    cluster.on("POST", "/tiplex-documents/_search", lambda request: (200, pages.pop(0)))
    counts = backend.count_by(
        SearchQuery(text="forced labour", filters={"is_trafficking_case": "true"}),
        ["country", "year"],
    )
    assert counts == [
        {"country": "ID", "year": 2021, "count": 2},
        {"country": "ID", "year": None, "count": 1},
        {"country": "PH", "year": 2020, "count": 2},
    ]
    first, second = (r.body for r in cluster.sent("POST", "/tiplex-documents/_search"))
    assert first["size"] == 0
    sources = first["aggs"]["groups"]["composite"]["sources"]
    assert sources == [
        {"country": {"terms": {"field": "country", "missing_bucket": True}}},
        {"year": {"terms": {"field": "year", "missing_bucket": True}}},
    ]
    assert "after" not in first["aggs"]["groups"]["composite"]
    assert second["aggs"]["groups"]["composite"]["after"] == {"country": "ID", "year": 2021}
    assert first["query"]["bool"]["filter"] == [{"term": {"is_trafficking_case": True}}]
    passage_query = first["query"]["bool"]["must"][0]["nested"]["query"]["bool"]["must"][0]
    assert passage_query["multi_match"]["operator"] == "and"  # every word, as documented


def test_count_by_reads_boolean_keys_and_counts_everything_without_text(backend, cluster):
    canned = composite_page(
        [
            {"key": {"exploitation_form": "forced_labour", "minors": 1}, "doc_count": 4},
            {"key": {"exploitation_form": "forced_labour", "minors": "false"}, "doc_count": 9},
        ],
        None,
    )
    cluster.on("POST", "/tiplex-documents/_search", lambda request: (200, canned))
    counts = backend.count_by(None, ["exploitation_form", "minors"])
    assert counts == [
        {"exploitation_form": "forced_labour", "minors": False, "count": 9},
        {"exploitation_form": "forced_labour", "minors": True, "count": 4},
    ]
    body = search_request(cluster)
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    sources = body["aggs"]["groups"]["composite"]["sources"]
    assert sources[0]["exploitation_form"]["terms"]["field"] == "exploitation_forms"


def test_count_by_unknown_field_is_an_error(backend):
    with pytest.raises(ValueError, match="cannot count by"):
        backend.count_by(None, ["colour"])


def test_provisions_filter_on_topic_and_countries_and_follow_pages(backend, cluster, monkeypatch):
    monkeypatch.setattr("index.elasticsearch.PROVISIONS_PAGE", 1)

    def page(request: Request) -> tuple[int, Any]:
        number = "1" if "search_after" not in request.body else "2"
        hits = (
            []
            if request.body.get("search_after") == ["MY", "my_bills:1", 40]
            else [
                {
                    "_id": f"my_bills:1#{number}",
                    "sort": ["MY", "my_bills:1", 0 if number == "1" else 40],
                    "_source": {
                        "doc_id": "my_bills:1",
                        "country": "MY",
                        "title": "Anti-Trafficking Bill",
                        "language": "en",
                        "source_url": "https://example.test/bill",
                        "position": int(number) - 1,
                        "number": number,
                        "heading": "H",
                        "start": 0,
                        "end": 10,
                        "topics": ["non_punishment"],
                        "text_en": "text",
                    },
                }
            ]
        )
        return 200, {"hits": {"hits": hits}}

    cluster.on("POST", "/tiplex-provisions/_search", page)
    found = backend.provisions("non_punishment", ["my", "sg"])
    assert [p.provision.number for p in found] == ["1", "2"]
    assert found[0].provision.topics == ("non_punishment",)
    assert (found[0].country, found[0].title, found[0].source_url) == (
        "MY",
        "Anti-Trafficking Bill",
        "https://example.test/bill",
    )
    first = cluster.sent("POST", "/tiplex-provisions/_search")[0].body
    assert first["query"]["bool"]["filter"] == [
        {"term": {"topics": "non_punishment"}},
        {"terms": {"country": ["MY", "SG"]}},
    ]


def test_delete_counts_only_documents_that_existed(backend, cluster):
    cluster.bulk_statuses = [[200, 404]]
    assert backend.delete(["ph_test:1", "ph_test:missing"]) == 1
    (bulk,) = cluster.sent("PUT", r"/_bulk") + cluster.sent("POST", r"/_bulk")
    assert bulk.body == [
        {"delete": {"_index": "tiplex-documents", "_id": "ph_test:1"}},
        {"delete": {"_index": "tiplex-documents", "_id": "ph_test:missing"}},
    ]
    (provisions,) = cluster.sent("POST", "/tiplex-provisions/_delete_by_query")
    assert provisions.body["query"] == {"terms": {"doc_id": ["ph_test:1", "ph_test:missing"]}}


def test_document_count(backend, cluster):
    cluster.on("GET|POST", "/tiplex-documents/_count", lambda request: (200, {"count": 42}))
    assert backend.document_count() == 42
    cluster.on(
        "GET|POST",
        "/tiplex-documents/_count",
        lambda request: (404, {"error": {"type": "index_not_found_exception"}, "status": 404}),
    )
    assert backend.document_count() == 0


def test_standard_chunker_embeds_content_and_indexes_the_document_text(cluster, embedder):
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent")), embedder, client=make_client(cluster)
    )
    banner = "Registry of the Court - page 1"  # printed on every page: page furniture
    names = ["Alma", "Bayani", "Carmen", "Dalisay", "Edgar", "Flor", "Gani", "Hiraya"]
    places = ["Cebu", "Davao", "Iloilo", "Manila", "Sabah", "Tawau", "Zamboanga", "Labuan"]
    paragraphs = [
        f"{banner}\nWitness {name} said the recruiter took her from {place} to a boat where "
        f"she worked without pay for months, and {other} confirmed the route through {far}."
        for name in names
        for place, other, far in zip(places, reversed(names), reversed(places), strict=True)
    ]
    text = "\n\n".join(paragraphs)
    report = backend.index([make_document("ph_test:long", text)])
    (source,) = indexed_sources(cluster, "tiplex-documents").values()
    assert report.passages_indexed == len(source["passages"]) > 1
    for passage in source["passages"]:
        assert passage["text_en"] == text[passage["start"] : passage["end"]]
    assert sum(chunk.count(banner) for chunk in embedder.embedded) == 1
    assert "\n" not in "".join(embedder.embedded)


def test_reindexed_document_without_provisions_loses_its_old_ones(backend, cluster):
    backend.index([ENGLISH_DOC])
    (deletion,) = cluster.sent("POST", "/tiplex-provisions/_delete_by_query")
    assert deletion.body["query"] == {"terms": {"doc_id": ["ph_test:1"]}}
    assert indexed_sources(cluster, "tiplex-provisions") == {}


def test_reembed_fills_the_next_generation_and_moves_the_alias(cluster):
    embedder = CountingEmbedder()
    embedder.model_id = "test/new-model"
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent")),
        embedder,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    cluster.recorded_meta = es_mappings.index_meta("test/old-model", 4)
    stored = document_source(ENGLISH_DOC, ENGLISH_FACTS)
    cluster.on(
        "GET",
        "/_alias/tiplex-documents",
        lambda request: (200, {"tiplex-documents-000003": {"aliases": {"tiplex-documents": {}}}}),
    )
    scroll_page = {
        "_scroll_id": "s1",
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"hits": [{"_id": "ph_test:1", "_source": stored}]},
    }
    cluster.on("POST", "/tiplex-documents/_search", lambda request: (200, scroll_page))
    cluster.on(
        "POST", "/_search/scroll", lambda request: (200, {**scroll_page, "hits": {"hits": []}})
    )
    with pytest.raises(EmbeddingModelMismatch):
        backend.search(SearchQuery(text="wages"))

    assert backend.reembed() == 3
    (create,) = cluster.sent("PUT", "/tiplex-documents-000004")
    assert create.body["mappings"]["_meta"]["tiplex"]["embedding_model"] == "test/new-model"
    rebuilt = indexed_sources(cluster, "tiplex-documents-000004")["ph_test:1"]
    assert [p["text_en"] for p in rebuilt["passages"]] == [
        p.text for p in paragraph_chunker(ENGLISH_DOC)
    ]
    assert rebuilt["outcome"] == "convicted"  # coded fields carried over untouched
    (aliases,) = cluster.sent("POST", "/_aliases")
    assert aliases.body["actions"] == [
        {"remove": {"index": "tiplex-documents-000003", "alias": "tiplex-documents"}},
        {"add": {"index": "tiplex-documents-000004", "alias": "tiplex-documents"}},
    ]
    assert cluster.sent("DELETE", "/tiplex-documents-000003")


def test_hybrid_is_lexical_where_the_model_has_no_say(cluster):
    """The same rule as the embedded backend: a model that reads English only has no say on
    an Indonesian question, and the packaged model was tuned to no say at all."""
    english = CountingEmbedder()
    english.languages = frozenset({"en"})  # type: ignore[attr-defined]
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent")),
        english,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    backend.search(SearchQuery(text="korban dipekerjakan di kapal ikan tanpa upah", k=4))
    body = search_request(cluster)
    assert "retriever" not in body and "knn" not in str(body)
    assert english.queries == []  # no dense side: the question is not even embedded


def test_hybrid_without_dense_weight_fills_a_short_answer_by_meaning(cluster):
    english = CountingEmbedder()
    english.languages = frozenset({"en"})  # type: ignore[attr-defined]
    backend = ElasticsearchBackend(
        Settings(home=Path("/nonexistent"), hybrid_dense_weight=0.0),
        english,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    backend.search(SearchQuery(text="unpaid labour at sea", k=3))
    first, second = (r.body for r in cluster.sent("POST", "/tiplex-documents/_search"))
    assert "retriever" not in first and "knn" not in str(first)  # lexical first, unweighted
    assert "knn" in str(second)  # nothing found by words: the nearest by meaning follow
    assert len(english.queries) == 1
