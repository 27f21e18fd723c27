"""What the Elasticsearch backend sends and how it reads the answers, without a server.

The official client runs unchanged; only its HTTP node is replaced by `FakeNode`, which records
every request (method, path, JSON or NDJSON body) and answers from a small scripted cluster.
The scripted cluster keeps the embedding cache in memory so re-indexing behaves as it would
against a real one.
"""

from __future__ import annotations

import dataclasses
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

from index import es_mappings, es_queries, money_bounds
from index.backend import EmbeddingModelMismatch
from index.e5 import E5_MODEL
from index.elasticsearch import ElasticsearchBackend, document_source
from index.es_embedding_cache import content_hash, decode_vector, encode_vector
from index.es_results import marked_spans, search_hits
from index.fusion import RRF_K
from index.query import parse_query
from index.ranking import (
    EXPANSION_WEIGHT,
    TRANSLATED_EXPANSION_WEIGHT,
    TREND_COSINE_MARGIN,
    dense_weighting,
)
from tiplex.records import (
    CaseFacts,
    Compensation,
    Document,
    Money,
    NonPunishment,
    Passage,
    Provision,
    SearchQuery,
    Sentence,
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
        if method in ("GET", "POST") and path.endswith("/_search"):
            # Nothing found; a nested count (the lexicon's non-English passages) counts none.
            return 200, {"hits": {"hits": []}, "aggregations": {"passages": {"doc_count": 0}}}
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
def backend(
    cluster: FakeCluster, embedder: CountingEmbedder, tmp_path: Path
) -> ElasticsearchBackend:
    return ElasticsearchBackend(
        Settings(home=tmp_path),
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


def test_icu_analyzer_falls_back_without_the_plugin(cluster, embedder, tmp_path):
    cluster.plugins = []
    backend = ElasticsearchBackend(
        Settings(home=tmp_path),
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


def test_index_prefix_names_every_index(cluster, embedder, tmp_path):
    backend = ElasticsearchBackend(
        Settings(home=tmp_path, elasticsearch_index_prefix="lab"),
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


def document_searches(cluster: FakeCluster) -> list[dict[str, Any]]:
    """The bodies of the searches for documents (not the lexicon's count and scan)."""
    return [
        r.body
        for r in cluster.sent("POST", "/tiplex-documents/_search")
        if "aggs" not in r.body and "scroll" not in r.params
    ]


def test_hybrid_sends_a_lexical_and_a_vector_search_over_one_window(backend, cluster):
    backend.search(
        SearchQuery(text='"non-punishment" victims', k=4, filters={"doc_type": "judgment"})
    )
    lexical, semantic = document_searches(cluster)
    assert "retriever" not in lexical and "retriever" not in semantic  # fused by tiplex
    assert lexical["size"] == semantic["size"] == es_queries.rank_window(4) > 4
    passage_query = nested_of(lexical["query"])["query"]["bool"]
    assert [c["multi_match"]["type"] for c in passage_query["must"]] == ["phrase"]
    assert [c["multi_match"]["type"] for c in passage_query["should"]] == ["best_fields"]
    judgments = {"term": {"doc_type": {"value": "judgment", "case_insensitive": True}}}
    assert lexical["query"]["bool"]["filter"] == [judgments]
    knn = semantic["query"]["nested"]["query"]["knn"]
    assert knn["k"] == semantic["size"]
    assert judgments in knn["filter"]
    assert any(c.get("multi_match", {}).get("query") == "non-punishment" for c in knn["filter"])
    names = {nested_of(lexical["query"])["inner_hits"]["name"]}
    names.add(semantic["query"]["nested"]["inner_hits"]["name"])
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


def hit_of(doc: Document, inner: dict[str, list[dict[str, Any]]], score: float) -> dict[str, Any]:
    """A documents-index hit of `doc` as a search answers it."""
    source = {name: document_source(doc, None).get(name) for name in es_queries.HIT_SOURCE_FIELDS}
    inner_hits = {name: {"hits": {"hits": hits}} for name, hits in inner.items()}
    return {"_id": doc.doc_id, "_score": score, "_source": source, "inner_hits": inner_hits}


def malay_inner_hit(ordinal: int, score: float) -> dict[str, Any]:
    passage = paragraph_chunker(MALAY_DOC)[ordinal]
    source = {"ordinal": ordinal, "start": passage.start, "end": passage.end}
    return {"_score": score, "_source": {**source, "text_id": passage.text}}


def english_by_words_and_meaning_malay_by_meaning() -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers of a lexical search (the English judgment) and a vector search (the Malay
    judgment first, then the English one)."""
    lexical = {"hits": {"hits": [hit_of(ENGLISH_DOC, {"bm25_passages": [inner_hit(1, 5.0)]}, 5)]}}
    semantic = {
        "hits": {
            "hits": [
                hit_of(MALAY_DOC, {"dense_passages": [malay_inner_hit(1, 0.9)]}, 0.9),
                hit_of(ENGLISH_DOC, {"dense_passages": [inner_hit(2, 0.8)]}, 0.8),
            ]
        }
    }
    return lexical, semantic


def test_hybrid_fuses_here_with_the_weight_tuned_for_each_language_pair(cluster, tmp_path):
    """An English question: the English judgment found by words and by meaning, the Malay one
    by meaning only; each document's dense share is the one tuned for its pair."""
    embedder = CountingEmbedder()
    embedder.model_id = E5_MODEL  # type: ignore[misc]
    backend = ElasticsearchBackend(Settings(home=tmp_path), embedder, client=make_client(cluster))
    lexical, semantic = english_by_words_and_meaning_malay_by_meaning()

    def answer(request: Request) -> tuple[int, Any]:
        if "aggs" in request.body or "scroll" in request.params:
            return cluster._default(request)  # the lexicon's: an index without other languages
        return 200, (semantic if "knn" in json.dumps(request.body) else lexical)

    cluster.on("POST", "/tiplex-documents/_search", answer)
    hits = backend.search(SearchQuery(text="the wages of the workers", k=5, passages_per_hit=2))

    weighting = dense_weighting(embedder)
    own, cross = weighting.for_pair("en", "en"), weighting.for_pair("en", "ms")
    assert own != cross  # the weights tuned for this model differ by pair
    expected = {
        ENGLISH_DOC.doc_id: (1 - own) / (RRF_K + 1) + own / (RRF_K + 2),
        MALAY_DOC.doc_id: cross / (RRF_K + 1),
    }
    assert {h.doc_id: h.score for h in hits} == pytest.approx(expected)
    assert [h.doc_id for h in hits] == sorted(expected, key=lambda d: -expected[d])
    english = next(h for h in hits if h.doc_id == ENGLISH_DOC.doc_id)
    assert len(english.passages) == 2  # passages from both sides


def test_a_question_without_function_words_takes_its_best_matches_language(cluster, tmp_path):
    """A question such as "debt bondage" tells no language by its words; most of its lexical
    matches are Malay or Indonesian, so its dense weights are those of an Indonesian/Malay
    question, as on the embedded backend."""
    embedder = CountingEmbedder()
    embedder.model_id = E5_MODEL  # type: ignore[misc]
    backend = ElasticsearchBackend(Settings(home=tmp_path), embedder, client=make_client(cluster))
    malay = hit_of(MALAY_DOC, {"bm25_passages": [malay_inner_hit(1, 5.0)]}, 5)
    indonesian = hit_of(CODED_DOC, {}, 4.5)
    english = hit_of(ENGLISH_DOC, {"bm25_passages": [inner_hit(1, 4.0)]}, 4)
    lexical = {"hits": {"hits": [malay, indonesian, english]}}
    semantic = {"hits": {"hits": [english, malay]}}
    cluster.on(
        "POST",
        "/tiplex-documents/_search",
        lambda r: (200, semantic if "knn" in json.dumps(r.body) else lexical),
    )
    hits = backend.search(SearchQuery(text="debt bondage", k=5))

    weighting = dense_weighting(embedder)
    own, cross = weighting.for_pair("id", "ms"), weighting.for_pair("id", "en")
    assert own != weighting.for_pair("und", "ms")  # the detected language would weigh otherwise
    assert {h.doc_id: h.score for h in hits} == pytest.approx(
        {
            MALAY_DOC.doc_id: (1 - own) / (RRF_K + 1) + own / (RRF_K + 2),
            CODED_DOC.doc_id: (1 - own) / (RRF_K + 2),
            ENGLISH_DOC.doc_id: (1 - cross) / (RRF_K + 3) + cross / (RRF_K + 1),
        }
    )


def test_hybrid_fills_from_the_dense_side_where_the_model_has_no_say(cluster, tmp_path):
    english = CountingEmbedder()
    english.languages = frozenset({"en"})  # type: ignore[attr-defined]
    backend = ElasticsearchBackend(
        Settings(home=tmp_path, hybrid_dense_weight=0.0),
        english,
        client=make_client(cluster),
    )
    lexical, semantic = english_by_words_and_meaning_malay_by_meaning()
    cluster.on(
        "POST",
        "/tiplex-documents/_search",
        lambda r: (200, semantic if "knn" in json.dumps(r.body) else lexical),
    )
    hits = backend.search(SearchQuery(text="unpaid labour at sea", k=3))
    # The lexical ranking stands; the document found by meaning alone follows it.
    assert [h.doc_id for h in hits] == [ENGLISH_DOC.doc_id, MALAY_DOC.doc_id]
    first, second = document_searches(cluster)
    assert "knn" not in json.dumps(first) and "knn" in json.dumps(second)
    assert len(english.queries) == 1
    assert hits[0].score > hits[1].score > 0


NON_PUNISHMENT_TEXT = (
    "Terdakwa adalah korban perdagangan orang.\n\n"
    "Berdasarkan Pasal 18, korban yang melakukan tindak pidana karena dipaksa tidak dipidana."
)
CODED_DOC = make_document(
    "id_test:3", NON_PUNISHMENT_TEXT, country="ID", language="id", decision_date="2022-05-01"
)


def coded_answer(doc: Document, evidence: tuple[int, int]) -> dict[str, Any]:
    """A hit of the coded-answers search: the facts' evidence and the passages' offsets."""
    hit = hit_of(doc, {}, 0.0)
    del hit["inner_hits"]
    passages = [
        {"ordinal": p.ordinal, "start": p.start, "end": p.end, "text_id": p.text}
        for p in paragraph_chunker(doc)
    ]
    start, end = evidence
    facts = {
        "non_punishment": {
            "raised": True,
            "evidence": [{"start": start, "end": end, "text": doc.text[start:end]}],
        }
    }
    hit["_source"] = {**hit["_source"], "facts": facts, "passages": passages}
    hit["sort"] = [1, "2022-05-01", doc.doc_id]
    return hit


def test_coded_answers_join_hybrid_search_with_their_evidence_passages(backend, cluster):
    start = NON_PUNISHMENT_TEXT.index("Pasal 18")
    coded = {"hits": {"hits": [coded_answer(CODED_DOC, (start, start + 8))]}}
    lexical = {"hits": {"hits": [hit_of(ENGLISH_DOC, {"bm25_passages": [inner_hit(2, 5.0)]}, 5)]}}

    def answer(request: Request) -> tuple[int, Any]:
        if "aggs" in request.body or "scroll" in request.params:
            return cluster._default(request)  # the lexicon's: an index without other languages
        if "sort" in request.body:
            return 200, coded
        return 200, ({"hits": {"hits": []}} if "knn" in json.dumps(request.body) else lexical)

    cluster.on("POST", "/tiplex-documents/_search", answer)
    hits = backend.search(SearchQuery(text="non-punishment of victims", k=5))

    (body,) = [b for b in document_searches(cluster) if "sort" in b]
    (coded_filter, *_) = body["query"]["bool"]["filter"]
    assert coded_filter == {"term": {"non_punishment_raised": True}}
    assert body["sort"][0] == {"non_punishment_applied": {"order": "desc", "missing": "_last"}}
    assert {h.doc_id for h in hits} == {ENGLISH_DOC.doc_id, CODED_DOC.doc_id}
    answer_hit = next(h for h in hits if h.doc_id == CODED_DOC.doc_id)
    (passage,) = answer_hit.passages  # the passage holding the evidence, not the first one
    assert "Pasal 18" in passage.text
    assert passage.text == NON_PUNISHMENT_TEXT[passage.start : passage.end]


def test_coded_answers_stay_out_of_phrase_searches_and_other_modes(backend, cluster):
    backend.search(SearchQuery(text='"non-punishment" victims', k=5))
    backend.search(SearchQuery(text="non-punishment victims", k=5, mode="bm25"))
    assert not [b for b in document_searches(cluster) if "sort" in b]


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
        # A life sentence is longer than any range left open at the top.
        (
            {"sentence_months": "120.."},
            {
                "bool": {
                    "should": [
                        {"range": {"sentence_months": {"gte": 120}}},
                        {"term": {"life_sentence": True}},
                    ],
                    "minimum_should_match": 1,
                }
            },
        ),
        ({"sentence_months": "..35"}, {"range": {"sentence_months": {"gte": 0, "lte": 35}}}),
        ({"sentence_months": "life"}, {"term": {"life_sentence": True}}),
        ({"compensation": "restitution"}, {"terms": {"compensation_kinds": ["restitution"]}}),
        ({"conviction_law": "Vice"}, {"terms": {"conviction_law": ["vice"]}}),
        (
            {"conviction_law": "not_trafficking"},
            {
                "terms": {
                    "conviction_law": [
                        "child_protection",
                        "migrant_workers",
                        "vice",
                        "smuggling",
                        "other",
                    ]
                }
            },
        ),
        (
            {"compensation": "Moral_Damages,exemplary_damages"},
            {"terms": {"compensation_kinds": ["moral_damages", "exemplary_damages"]}},
        ),
        # Amounts are compared within their currency's own field.
        (
            {"compensation_amount": "idr 100000000.."},
            {"range": {"compensation_amount.IDR": {"gte": 100_000_000}}},
        ),
        (
            {"fine_amount": "PHP ..500000,IDR 1000000000"},
            {
                "bool": {
                    "should": [
                        {"range": {"fine_amount.PHP": {"lte": 500_000}}},
                        {"range": {"fine_amount.IDR": {"gte": 1e9, "lte": 1e9}}},
                    ],
                    "minimum_should_match": 1,
                }
            },
        ),
    ],
)
def test_filter_values_become_typed_clauses(filters, expected):
    assert es_queries.filter_clauses(filters) == [expected]


def test_amounts_are_indexed_by_currency_and_unknown_currencies_left_out():
    facts = dataclasses.replace(
        ENGLISH_FACTS,
        compensation=(
            Compensation("moral_damages", 50_000, "PHP"),
            Compensation("exemplary_damages", 30_000, "php"),
            Compensation("other", 10, "EUR"),  # the strict mapping knows no such field
            Compensation("restitution"),  # no amount
        ),
        sentences=(Sentence(fine=Money(2e6, "PHP")), Sentence(imprisonment_months=12)),
    )
    source = document_source(ENGLISH_DOC, facts)
    assert source["compensation_amount"] == {"PHP": [30_000, 50_000]}
    assert source["fine_amount"] == {"PHP": [2e6]}


def test_a_question_asking_for_a_prison_term_sends_it_as_a_filter(backend):
    question = "traffickers sentenced to ten years or more"
    hybrid = backend.search_bodies(SearchQuery(text=question, mode="hybrid"))
    keyword = backend.search_bodies(SearchQuery(text=question, mode="bm25"))

    term = json.dumps({"range": {"sentence_months": {"gte": 120}}})
    assert hybrid and all(term in json.dumps(body) for body in hybrid)
    # Keyword search takes the words as they are.
    assert keyword and all(term not in json.dumps(body) for body in keyword)


def test_a_count_of_a_question_read_into_conditions_takes_every_trafficking_case_passing():
    parsed = es_queries.parse_query("restitution refused")
    filters = {"compensation": "refused"}
    plain = json.dumps(es_queries.count_query(parsed, filters))
    by_conditions = es_queries.count_query(parsed, filters, by_conditions=True)

    trafficking = {"term": {"is_trafficking_case": True}}
    assert json.dumps(trafficking) not in plain
    assert trafficking in by_conditions["bool"]["must"][0]["bool"]["should"]
    assert {"terms": {"compensation_kinds": ["refused"]}} in by_conditions["bool"]["filter"]


def test_a_question_asking_about_unpaid_compensation_sends_it_as_a_filter(backend):
    question = "what happens when the trafficker cannot pay the restitution"
    hybrid = backend.search_bodies(SearchQuery(text=question, mode="hybrid"))

    term = json.dumps({"terms": {"compensation_kinds": ["unpaid_detention"]}})
    assert hybrid and all(term in json.dumps(body) for body in hybrid)


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


def is_count(body: dict[str, Any]) -> bool:
    return "groups" in body.get("aggs", {})


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
    cluster.on(
        "POST",
        "/tiplex-documents/_search",
        lambda r: (200, pages.pop(0)) if is_count(r.body) else cluster._default(r),
    )
    counts = backend.count_by(
        SearchQuery(text="forced labour", filters={"is_trafficking_case": "true"}),
        ["country", "year"],
    )
    assert counts == [
        {"country": "ID", "year": 2021, "count": 2},
        {"country": "ID", "year": None, "count": 1},
        {"country": "PH", "year": 2020, "count": 2},
    ]
    first, second = (
        r.body for r in cluster.sent("POST", "/tiplex-documents/_search") if is_count(r.body)
    )
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


def _matches(query: dict[str, Any], source: dict[str, Any]) -> bool:
    """The few query clauses `citing` sends, as Elasticsearch evaluates them on one source
    (a keyword array matches a term if any value does; an empty array does not exist)."""
    if "term" in query:
        ((name, value),) = query["term"].items()
        held = source.get(name)
        return value in held if isinstance(held, list) else held == value
    if "exists" in query:
        return source.get(query["exists"]["field"]) not in (None, [])
    clauses = query["bool"]
    should = clauses.get("should", [])
    return (
        all(_matches(q, source) for q in clauses.get("filter", []))
        and not any(_matches(q, source) for q in clauses.get("must_not", []))
        and sum(_matches(q, source) for q in should) >= clauses.get("minimum_should_match", 0)
    )


def test_citing_pages_only_judgments_naming_the_statute_and_keeps_the_exact_check(backend, cluster):
    from tiplex.records import Charge, StatuteCitation

    def coded(doc_id: str, charged: str, cited: str) -> CaseFacts:
        return dataclasses.replace(
            ENGLISH_FACTS,
            doc_id=doc_id,
            charges=(Charge(statute=charged, provision="Sec. 4(a)", verdict="convicted"),),
            statute_citations=(StatuteCitation(statute=cited, provision="Sec. 17"),),
        )

    facts = {
        "ph_test:1": coded("ph_test:1", "PH RA 9208", "PH RA 10364"),
        "ph_test:2": coded("ph_test:2", "PH RA 8042", "PH RA 9208"),
        "ph_test:3": coded("ph_test:3", "PH RA 8042", "PH RA 10022"),
    }
    documents = [make_document(doc_id, ENGLISH_TEXT) for doc_id in facts]
    backend.index(documents, facts=facts)
    sources = indexed_sources(cluster, "tiplex-documents")
    assert sources["ph_test:2"]["cited_statutes"] == ["PH RA 8042", "PH RA 9208"]
    # A judgment written before the field existed has no `cited_statutes`: it must still be read.
    old = make_document("ph_test:4", ENGLISH_TEXT)
    sources["ph_test:4"] = {
        **document_source(old, coded("ph_test:4", "PH RA 9208", "PH RA 9208")),
        "cited_statutes": None,
    }
    read: list[str] = []

    def search(request: Request) -> tuple[int, Any]:
        hits = []
        for doc_id, source in sorted(sources.items()):
            if _matches(request.body["query"], source):
                read.append(doc_id)
                hits.append({"_id": doc_id, "_source": source, "sort": [doc_id]})
        return 200, {"hits": {"hits": hits}}

    cluster.on("POST", "/tiplex-documents/_search", search)
    found = backend.citing("PH RA 9208")
    assert [(c.doc_id, c.provision) for c in found] == [
        ("ph_test:1", "Sec. 4(a)"),
        ("ph_test:2", "Sec. 17"),
        ("ph_test:4", "Sec. 17"),
        ("ph_test:4", "Sec. 4(a)"),
    ]
    # The judgment that names the statute nowhere was never paged.
    assert read == ["ph_test:1", "ph_test:2", "ph_test:4"]
    body = cluster.sent("POST", "/tiplex-documents/_search")[-1].body
    assert {"term": {"cited_statutes": "PH RA 9208"}} in body["query"]["bool"]["should"]
    assert body["query"]["bool"]["filter"] == [{"term": {"doc_type": "judgment"}}]


def test_an_index_built_before_a_field_was_added_takes_it(backend, cluster):
    cluster.recorded_meta = es_mappings.index_meta("test/hash-embedder", 4)
    backend.ensure_indices()
    (request,) = cluster.sent("PUT", "/tiplex-documents/_mapping")
    assert request.body == {
        "properties": {
            "cited_statutes": {"type": "keyword"},
            "sentence_months": {"type": "integer"},
            "life_sentence": {"type": "boolean"},
            "compensation_kinds": {"type": "keyword"},
            "conviction_law": {"type": "keyword"},
            "compensation_amount": {
                "properties": {c: {"type": "double"} for c in money_bounds.CURRENCIES}
            },
            "fine_amount": {"properties": {c: {"type": "double"} for c in money_bounds.CURRENCIES}},
        }
    }


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


def test_standard_chunker_embeds_content_and_indexes_the_document_text(cluster, embedder, tmp_path):
    backend = ElasticsearchBackend(Settings(home=tmp_path), embedder, client=make_client(cluster))
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


def test_reembed_fills_the_next_generation_and_moves_the_alias(cluster, tmp_path):
    embedder = CountingEmbedder()
    embedder.model_id = "test/new-model"
    backend = ElasticsearchBackend(
        Settings(home=tmp_path),
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


def test_hybrid_is_lexical_where_the_model_has_no_say(cluster, tmp_path):
    """The same rule as the embedded backend: a model that reads English only has no say on
    an Indonesian question, and the packaged model was tuned to no say at all."""
    english = CountingEmbedder()
    english.languages = frozenset({"en"})  # type: ignore[attr-defined]
    backend = ElasticsearchBackend(
        Settings(home=tmp_path),
        english,
        client=make_client(cluster),
        chunker=paragraph_chunker,
    )
    backend.search(SearchQuery(text="korban dipekerjakan di kapal ikan tanpa upah", k=4))
    body = search_request(cluster)
    assert "retriever" not in body and "knn" not in str(body)
    assert english.queries == []  # no dense side: the question is not even embedded


def test_trends_count_the_judgments_whose_coded_case_answers_the_question():
    body = es_queries.count_by_body(
        es_queries.parse_query("korban tidak dipidana"), {"country": "id"}, ["year"]
    )
    (counted,) = body["query"]["bool"]["must"]
    words, coded = counted["bool"]["should"]
    assert words["nested"]["query"]["bool"]["must"][0]["multi_match"]["operator"] == "and"
    assert coded == {"term": {"non_punishment_raised": True}}
    assert counted["bool"]["minimum_should_match"] == 1


def test_trends_without_a_coded_concept_count_the_words_alone():
    body = es_queries.count_by_body(es_queries.parse_query("fishing vessel"), {}, ["year"])
    (counted,) = body["query"]["bool"]["must"]
    assert set(counted) == {"nested"}


def test_search_bodies_of_hybrid_are_the_lexical_and_vector_searches_over_one_window(backend):
    lexical, semantic = backend.search_bodies(SearchQuery(text="forced labour", k=3))
    assert lexical["size"] == semantic["size"] == es_queries.rank_window(3)
    assert "knn" in json.dumps(semantic) and "knn" not in json.dumps(lexical)
    assert backend.search_bodies(SearchQuery(text='  ""  ')) == []


def test_counted_documents_pages_through_the_documents_trends_count(backend, cluster):
    page = {"hits": {"hits": [{"_source": {"doc_id": "id:1"}, "sort": ["id:1"]}]}}

    def listing(body: dict[str, Any]) -> bool:
        return body.get("sort") == [{"doc_id": "asc"}]

    def answer(request: Request) -> tuple[int, Any]:
        return (200, page) if listing(request.body) else cluster._default(request)

    cluster.on("POST", "/tiplex-documents/_search", answer)
    assert backend.counted_documents(SearchQuery(text="korban tidak dipidana")) == ["id:1"]
    (body,) = [b for b in document_searches(cluster) if listing(b)]
    assert body["query"] == es_queries.count_query(
        es_queries.parse_query("korban tidak dipidana"), {}
    )
    assert body["_source"] == ["doc_id"]


def test_trends_count_the_best_answers_about_as_near_as_the_best_one(backend, cluster):
    """Among the best hybrid answers, those whose best passage's cosine is within the margin
    of the best one's count (`index.ranking.counts_as_relevant`); Elasticsearch scores a cosine
    c as (1 + c) / 2."""
    near = [ENGLISH_DOC, MALAY_DOC, CODED_DOC]
    cosines = [0.9, 0.9 - TREND_COSINE_MARGIN / 2, 0.9 - 2 * TREND_COSINE_MARGIN]
    answers = {"hits": {"hits": [hit_of(doc, {}, 1.0) for doc in near]}}
    nearest = {
        "hits": {
            "hits": [
                {"_id": doc.doc_id, "_score": (1 + c) / 2, "_source": {"doc_id": doc.doc_id}}
                for doc, c in zip(near, cosines, strict=True)
            ]
        }
    }

    def answer(request: Request) -> tuple[int, Any]:
        sent = json.dumps(request.body)
        if is_count(request.body):
            return 200, composite_page([], None)
        if "aggs" in request.body or "scroll" in request.params:
            return cluster._default(request)
        if '"terms": {"doc_id"' in sent:
            return 200, nearest
        return 200, answers

    cluster.on("POST", "/tiplex-documents/_search", answer)
    backend.count_by(SearchQuery(text="wages", filters={"country": "PH,MY,ID"}), ["country"])

    sent = [r.body for r in cluster.sent("POST", "/tiplex-documents/_search")]
    (count,) = [b for b in sent if is_count(b)]
    (counted,) = count["query"]["bool"]["must"]
    relevant = {"terms": {"doc_id": [ENGLISH_DOC.doc_id, MALAY_DOC.doc_id]}}
    assert relevant in counted["bool"]["should"]
    (knn_body,) = [b for b in document_searches(cluster) if '"terms": {"doc_id"' in json.dumps(b)]
    knn = knn_body["query"]["nested"]["query"]["knn"]
    assert knn["filter"][0] == {"terms": {"doc_id": [d.doc_id for d in near]}}
    assert len(knn["filter"]) == 2  # and the trend's own filters


def test_thesaurus_terms_count_more_on_the_translated_side_as_on_the_embedded_backend():
    parsed = es_queries.parse_query("forced labour")
    assert parsed.expansions  # the thesaurus's terms in the other languages

    def boosts(body: dict[str, Any]) -> set[float]:
        passage_query = nested_of(body["query"])["query"]["bool"]
        return {c["multi_match"]["boost"] for c in passage_query["should"]}

    own = es_queries.bm25_body(parsed, {}, k=5, passages_per_hit=1)
    translated = es_queries.translated_body(parsed, {}, "en", k=5, passages_per_hit=1)
    assert boosts(own) == {EXPANSION_WEIGHT}
    assert boosts(translated) == {TRANSLATED_EXPANSION_WEIGHT}


def test_a_translated_question_without_a_translated_word_is_searched_by_its_thesaurus_terms():
    # "forced labour fishing vessel": no word has a counterpart in the lexicon, but the
    # thesaurus's "kerja paksa" and "kapal ikan" do; as on the embedded backend they search.
    shared = parse_query("forced labour")
    terms_gone = dataclasses.replace(shared, text="", terms=())
    parsed = es_queries.from_shared(terms_gone)

    body = es_queries.translated_body(parsed, {}, "en", k=5, passages_per_hit=1)

    passage_query = nested_of(body["query"])["query"]["bool"]
    assert passage_query["must"] == [] and passage_query["minimum_should_match"] == 1
    assert "kerja paksa" in json.dumps(passage_query["should"])
