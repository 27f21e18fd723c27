"""The Elasticsearch search backend: for when users outgrow one machine.

Three indices, named from `Settings.elasticsearch_index_prefix` (default `tiplex`):

- `<prefix>-documents`: one document per `Document` (id = `doc_id`, so indexing again replaces
  it), coded fields as keywords, passages as `nested` objects with a quantised HNSW vector;
  the embedding model is recorded in the index `_meta`.
- `<prefix>-provisions`: one document per legislative provision, for comparing laws.
- `<prefix>-embeddings`: content hash -> vector, so identical passages are embedded once.

Their settings and mappings live in composable index templates (see `es_mappings`), so any index
created under those names, e.g. while rebuilding with another model, gets the same analysis.

Hybrid search is fused here, by the embedded backend's rules (`index.hybrid_fusion`); the
cross-language word list it translates English questions with is built from the documents index
and kept in the tiplex home (`index.es_lexicon`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers

from index import es_mappings, es_queries, es_results
from index.backend import Citing, Embedder, EmbeddingModelMismatch, ProvisionHit, StoredDocument
from index.compensation_filter import decision_values
from index.crosslingual import Lexicon, translated_query
from index.embeddings import embedded_share
from index.es_embedding_cache import EmbeddingCache, content_hash
from index.es_lexicon import current_es_lexicon, lexicon_path
from index.hybrid_fusion import (
    fuse_hybrid,
    join_coded,
    joins_coded_answers,
    matched_language,
    translated_share_for,
    translates_question,
)
from index.money_bounds import CURRENCIES
from index.query import parse_query as parse_text
from index.query import query_language
from index.question_filters import answered_by_conditions, with_question_filters
from index.ranking import (
    TREND_DEPTH,
    RankedDocument,
    counts_as_relevant,
    dense_weighting,
)
from tiplex.records import (
    CaseFacts,
    Document,
    IndexReport,
    Passage,
    Provision,
    SearchHit,
    SearchQuery,
    cited_provisions,
)
from tiplex.settings import Settings

log = logging.getLogger(__name__)

Chunker = Callable[[Document], Sequence[Passage]]

# Elasticsearch answers 429 when its write queue is full: back off and retry those items only.
BULK_RETRY_STATUS = (429,)
BULK_MAX_RETRIES = 6
BULK_CHUNK_SIZE = 200
PROVISIONS_PAGE = 1000
REEMBED_BATCH = 100


def _standard_chunks(document: Document) -> list[tuple[Passage, str]]:
    """The stage's chunker: passages, and the content each is embedded from (page furniture
    repeated on every page left out, so the vectors are about what the passage says)."""
    # Imported late so that building request bodies does not load the chunker's dependencies.
    from index.chunking import chunk_text

    return [(chunk.passage, chunk.content) for chunk in chunk_text(document.doc_id, document.text)]


def connect(url: str) -> Elasticsearch:
    """A client that retries whole requests on 429/502/503/504 and on timeouts."""
    return Elasticsearch(
        url,
        request_timeout=60,
        max_retries=5,
        retry_on_timeout=True,
        retry_on_status=(429, 502, 503, 504),
    )


class ElasticsearchBackend:
    """`SearchBackend` on an Elasticsearch 9 cluster (`TIPLEX_ES_URL`)."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        *,
        client: Elasticsearch | None = None,
        chunker: Chunker | None = None,
        icu: bool | None = None,
        vector_index_options: str = "int8_hnsw",
        bulk_initial_backoff: float = 2.0,
        refresh: bool = True,
    ) -> None:
        """`icu=None` asks the cluster whether the analysis-icu plugin is installed.
        `vector_index_options`: `int8_hnsw` (default), `bbq_hnsw` (needs 64+ dimensions; better
        for large models), `hnsw` (unquantised). `refresh=False` leaves refreshing to
        Elasticsearch's interval, for bulk loads where immediate visibility is not needed."""
        if client is None:
            if not settings.elasticsearch_url:
                raise ValueError("the elasticsearch backend needs TIPLEX_ES_URL")
            client = connect(settings.elasticsearch_url)
        self._client = client
        self._embedder = embedder
        self._weighting = dense_weighting(
            embedder, settings.hybrid_dense_weight, settings.hybrid_cross_weight
        )
        self._chunker = chunker
        self._icu = icu
        self._vector_index_options = vector_index_options
        self._bulk_initial_backoff = bulk_initial_backoff
        self._refresh = refresh
        prefix = settings.elasticsearch_index_prefix
        self.documents_index = f"{prefix}-documents"
        self.provisions_index = f"{prefix}-provisions"
        self.embeddings_index = f"{prefix}-embeddings"
        self._ready = False
        self._lexicon_path = lexicon_path(settings.home, self.documents_index)
        self._lexicon: Lexicon | None = None
        self._cache = EmbeddingCache(
            client, self.embeddings_index, embedder.model_id, embedder.dimensions
        )

    # ----------------------------------------------------------------------------------------
    # Setup
    # ----------------------------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder:
        """The model that embeds this index's passages and questions (loaded on first use)."""
        return self._embedder

    def recorded_model(self) -> str | None:
        """The embedding model recorded in the documents index, or None if it does not exist."""
        try:
            mappings = self._client.indices.get_mapping(index=self.documents_index)
        except NotFoundError:
            return None
        for body in mappings.values():
            meta = (body.get("mappings") or {}).get("_meta") or {}
            model = (meta.get("tiplex") or {}).get("embedding_model")
            if model:
                return str(model)
        return None

    def _check_model(self) -> bool:
        """True if the documents index exists (built with the configured model)."""
        recorded = self.recorded_model()
        if recorded is not None and recorded != self._embedder.model_id:
            raise EmbeddingModelMismatch.for_index(
                f"the Elasticsearch index {self.documents_index!r}",
                recorded,
                self._embedder.model_id,
            )
        return recorded is not None

    def _icu_installed(self) -> bool:
        if self._icu is not None:
            return self._icu
        try:
            plugins = self._client.cat.plugins(format="json")
        except Exception:  # noqa: BLE001 - a cluster that hides its plugins is treated as plain
            plugins = []
        installed = any(p.get("component") == "analysis-icu" for p in plugins)
        if not installed:
            log.warning(
                "analysis-icu is not installed: Lao, Khmer, Burmese and Vietnamese text is "
                "split by the standard tokenizer (see deployments/elasticsearch/Dockerfile)"
            )
        self._icu = installed
        return installed

    def _put_templates(self) -> None:
        settings = es_mappings.index_settings(icu=self._icu_installed())
        templates = {
            self.documents_index: (
                f"{self.documents_index}-*",
                es_mappings.documents_mappings(
                    self._embedder.dimensions, self._vector_index_options
                ),
            ),
            self.provisions_index: (self.provisions_index, es_mappings.provisions_mappings()),
            self.embeddings_index: (self.embeddings_index, es_mappings.embedding_cache_mappings()),
        }
        for name, (pattern, mappings) in templates.items():
            self._client.indices.put_index_template(
                name=name,
                **es_mappings.index_template(pattern, settings=settings, mappings=mappings),
            )

    def _create_if_missing(
        self,
        index: str,
        mappings: dict[str, Any] | None = None,
        aliases: dict[str, Any] | None = None,
    ) -> None:
        if self._client.indices.exists(index=index):
            return
        try:
            self._client.indices.create(index=index, mappings=mappings, aliases=aliases)
        except BadRequestError as error:  # another process may have created it in between
            if error.error != "resource_already_exists_exception":
                raise

    def _documents_meta(self) -> dict[str, Any]:
        # `_meta` is given at creation (merged over the template) because it names the model
        # the vectors come from, which the template cannot know.
        return {"_meta": es_mappings.index_meta(self._embedder.model_id, self._embedder.dimensions)}

    def _generations(self) -> list[str]:
        """The concrete documents indices behind the alias (normally one)."""
        try:
            return sorted(self._client.indices.get_alias(name=self.documents_index).body)
        except NotFoundError:
            return []

    def _generation_name(self, number: int) -> str:
        return f"{self.documents_index}-{number:06d}"

    def ensure_indices(self) -> None:
        """Templates and indices exist, and the documents index matches the configured model.
        Raises `EmbeddingModelMismatch` otherwise. Runs once per backend object."""
        if self._ready:
            return
        self._check_model()
        self._put_templates()
        # Searches and writes go through the alias `<prefix>-documents`; the index behind it is
        # a numbered generation, so `reembed` can build the next one and switch atomically.
        if not self._client.indices.exists(index=self.documents_index):
            self._create_if_missing(
                self._generation_name(1), self._documents_meta(), {self.documents_index: {}}
            )
        else:
            # An index built before a field was added takes it now (adding is allowed; the
            # documents already in it simply lack the field).
            self._client.indices.put_mapping(
                index=self.documents_index, properties=es_mappings.ADDED_DOCUMENT_FIELDS
            )
        self._create_if_missing(self.provisions_index)
        self._create_if_missing(self.embeddings_index)
        self._ready = True

    # ----------------------------------------------------------------------------------------
    # Indexing
    # ----------------------------------------------------------------------------------------

    def _chunk(self, document: Document) -> list[tuple[Passage, str]]:
        """(passage, text to embed) pairs; a custom chunker's passages embed their own text."""
        if self._chunker is None:
            return _standard_chunks(document)
        return [(passage, passage.text) for passage in self._chunker(document)]

    def _bulk(self, actions: Iterable[dict[str, Any]], *, ignore_missing: bool = False) -> int:
        """Runs bulk actions with per-item retries on 429; returns how many succeeded."""
        succeeded = 0
        failures: list[str] = []
        for ok, item in helpers.streaming_bulk(
            self._client,
            actions,
            chunk_size=BULK_CHUNK_SIZE,
            max_retries=BULK_MAX_RETRIES,
            initial_backoff=self._bulk_initial_backoff,
            max_backoff=60,
            retry_on_status=BULK_RETRY_STATUS,
            raise_on_error=False,
            raise_on_exception=True,
        ):
            if ok:
                result = next(iter(item.values()))
                if not (ignore_missing and result.get("result") == "not_found"):
                    succeeded += 1
                continue
            result = next(iter(item.values()))
            if ignore_missing and result.get("status") == 404:
                continue
            failures.append(f"{result.get('_id')}: {result.get('error')}")
        if failures:
            raise RuntimeError(f"{len(failures)} bulk actions failed, first: {failures[0]}")
        return succeeded

    def _refresh_indices(self, *indices: str) -> None:
        if self._refresh:
            self._client.indices.refresh(index=",".join(indices))

    def _embed_chunks(
        self, chunks: Iterable[tuple[Passage, str]]
    ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
        """(vectors of every chunk by content hash, the newly embedded ones)."""
        model_id = self._embedder.model_id
        texts_by_hash = {content_hash(model_id, content): content for _, content in chunks}
        return self._cache.resolve(texts_by_hash, self._embedder.embed_passages)

    def index(
        self,
        documents: Sequence[Document],
        facts: Mapping[str, CaseFacts] | None = None,
        provisions: Mapping[str, Sequence[Provision]] | None = None,
    ) -> IndexReport:
        self.ensure_indices()
        facts = facts or {}
        chunks_by_doc = {doc.doc_id: self._chunk(doc) for doc in documents}
        vectors, fresh = self._embed_chunks(
            _embeddable_chunks(documents, chunks_by_doc, self._embedder)
        )
        actions: list[dict[str, Any]] = list(self._cache.actions(fresh))
        model_id = self._embedder.model_id
        for doc in documents:
            source = document_source(doc, facts.get(doc.doc_id))
            source["passages"] = passage_sources(doc, chunks_by_doc[doc.doc_id], vectors, model_id)
            actions.append(
                {
                    "_op_type": "index",
                    "_index": self.documents_index,
                    "_id": doc.doc_id,
                    "_source": source,
                }
            )
        self._bulk(actions)
        self._replace_provisions(documents, provisions or {})
        self._refresh_indices(self.documents_index, self.provisions_index, self.embeddings_index)
        self._lexicon = None  # checked again: the non-English part may have grown
        return IndexReport(
            documents_indexed=len(documents),
            passages_indexed=sum(len(chunks) for chunks in chunks_by_doc.values()),
            passages_embedded=len(fresh),
        )

    def _replace_provisions(
        self, documents: Sequence[Document], provisions: Mapping[str, Sequence[Provision]]
    ) -> None:
        """A document indexed again replaces its provisions too (none if none are given)."""
        if not documents:
            return
        self._client.delete_by_query(
            index=self.provisions_index,
            query={"terms": {"doc_id": sorted({doc.doc_id for doc in documents})}},
            refresh=True,
            conflicts="proceed",
        )
        self._bulk(
            {
                "_op_type": "index",
                "_index": self.provisions_index,
                "_id": f"{doc.doc_id}#{position}",
                "_source": provision_source(provision, doc, position),
            }
            for doc in documents
            for position, provision in enumerate(provisions.get(doc.doc_id, ()))
        )

    def reembed(self) -> int:
        """Rebuilds the documents index with the configured embedding model: the next
        generation is filled from the stored texts, then the alias moves to it in one step and
        the old generation is deleted. Returns how many texts were embedded."""
        old_generations = self._generations()
        if not old_generations:
            self.ensure_indices()
            return 0
        self._put_templates()
        number = 1 + max(int(name.rsplit("-", 1)[1]) for name in old_generations)
        target = self._generation_name(number)
        self._client.indices.create(index=target, mappings=self._documents_meta())
        embedded = 0
        batch: list[dict[str, Any]] = []
        for hit in helpers.scan(
            self._client,
            index=self.documents_index,
            query={"query": {"match_all": {}}},
            size=REEMBED_BATCH,
            source_excludes=["passages"],
        ):
            batch.append(hit["_source"])
            if len(batch) == REEMBED_BATCH:
                embedded += self._reembed_batch(batch, target)
                batch = []
        if batch:
            embedded += self._reembed_batch(batch, target)
        self._client.indices.refresh(index=target)
        self._client.indices.update_aliases(
            actions=[
                {"remove": {"index": ",".join(old_generations), "alias": self.documents_index}},
                {"add": {"index": target, "alias": self.documents_index}},
            ]
        )
        self._client.indices.delete(index=",".join(old_generations))
        self._ready = True
        self._lexicon = None  # its words were embedded with the old model
        return embedded

    def _reembed_batch(self, sources: list[dict[str, Any]], target: str) -> int:
        documents = [stored_document(source) for source in sources]
        chunks_by_doc = {doc.doc_id: self._chunk(doc) for doc in documents}
        vectors, fresh = self._embed_chunks(
            _embeddable_chunks(documents, chunks_by_doc, self._embedder)
        )
        actions = list(self._cache.actions(fresh))
        for source, doc in zip(sources, documents, strict=True):
            passages = passage_sources(
                doc, chunks_by_doc[doc.doc_id], vectors, self._embedder.model_id
            )
            actions.append(
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": doc.doc_id,
                    "_source": {**source, "passages": passages},
                }
            )
        self._bulk(actions)
        return len(fresh)

    # ----------------------------------------------------------------------------------------
    # Searching
    # ----------------------------------------------------------------------------------------

    def _mode(self, query: SearchQuery, parsed: es_queries.ParsedQuery) -> str | None:
        """The mode to run, or None when there is nothing to search for. A query without a
        single word (punctuation only) can still be searched by meaning."""
        if query.mode not in ("hybrid", "bm25", "dense"):
            raise ValueError(f"unknown search mode {query.mode!r}; use hybrid, bm25 or dense")
        if not parsed.embedding_text:
            return None
        if es_queries.lexical_passage_query(parsed) is None:
            return None if query.mode == "bm25" else "dense"
        if query.mode == "hybrid" and not self._weighting.has_say(_question_language(query.text)):
            return "bm25"  # the same rule as the embedded backend: see `DenseWeighting`
        return query.mode

    def search_bodies(self, query: SearchQuery) -> list[dict[str, Any]]:
        """The request bodies `search` sends before it reads any answer (none when there is
        nothing to search for): the one search of bm25 or dense mode; for hybrid, the lexical
        and the vector search its mode runs (the translated, filling and coded-answer searches
        depend on the index and its answers)."""
        query = with_question_filters(query)
        parsed = es_queries.parse_query(query.text)
        mode = self._mode(query, parsed)
        if query.mode != "hybrid":
            body = self._body(query, parsed, mode)
            return [] if body is None else [body]
        # Hybrid searches each side over the fusion window (see `_hybrid`).
        wide = dataclasses.replace(query, k=es_queries.rank_window(max(1, query.k)))
        sides = ("bm25", "dense") if mode == "hybrid" else (mode,)
        return [body for side in sides if (body := self._body(wide, parsed, side)) is not None]

    def search_body(self, query: SearchQuery) -> dict[str, Any] | None:
        """The first of `search_bodies`."""
        return next(iter(self.search_bodies(query)), None)

    def _body(
        self, query: SearchQuery, parsed: es_queries.ParsedQuery, mode: str | None
    ) -> dict[str, Any] | None:
        """The one request of a bm25 or dense search (hybrid sends several: `_hybrid`)."""
        if mode is None:
            return None
        k, per_hit = max(1, query.k), max(1, query.passages_per_hit)
        if mode == "bm25":
            return es_queries.bm25_body(parsed, query.filters, k=k, passages_per_hit=per_hit)
        vector = self._embedder.embed_query(parsed.embedding_text)
        return es_queries.dense_body(vector, parsed, query.filters, k=k, passages_per_hit=per_hit)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        self.ensure_indices()
        query = with_question_filters(query)
        parsed = es_queries.parse_query(query.text)
        mode = self._mode(query, parsed)
        per_hit = max(1, query.passages_per_hit)
        if query.mode == "hybrid":
            response = self._hybrid(query, parsed, mode)
        else:
            body = self._body(query, parsed, mode)
            if body is None:
                return []
            response = self._search(body)
        return es_results.search_hits(response, per_hit, parsed.phrases)

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self._client.search(index=self.documents_index, body=body).body)

    def _hits(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        return list((self._search(body).get("hits") or {}).get("hits") or [])

    def _hybrid(
        self, query: SearchQuery, parsed: es_queries.ParsedQuery, mode: str | None
    ) -> dict[str, Any]:
        """Hybrid search fused here by the embedded backend's rules (`index.hybrid_fusion`):
        the lexical and vector searches each over a window deeper than k, the dense side
        weighted per question language x document language; for an English question, the
        other languages' documents ranked by its translated words; then the documents whose
        coded case answers the question. `mode` says which sides run (see `_mode`)."""
        k, per_hit = max(1, query.k), max(1, query.passages_per_hit)
        window = es_queries.rank_window(k)
        pool = es_results.HitPool()
        lexical: list[RankedDocument] = []
        dense: list[RankedDocument] = []
        translated: list[RankedDocument] | None = None
        if mode in ("hybrid", "bm25"):
            body = es_queries.bm25_body(parsed, query.filters, k=window, passages_per_hit=per_hit)
            lexical = pool.ranking(self._hits(body))
        # As on the embedded backend (`embedded_search.question_language`), read once for the
        # dense side, the translation and the dense weights: words first, else the best
        # lexical matches'.
        language = matched_language(_question_language(query.text), lexical, pool.languages)
        # The dense side runs to be fused, or to fill an answer the lexical side leaves short
        # in a language the model reads (as `embedded_search.dense_needed`).
        if mode is not None and (
            mode != "bm25" or (len(lexical) < k and self._weighting.reads(language))
        ):
            vector = self._embedder.embed_query(parsed.embedding_text)
            body = es_queries.dense_body(
                vector, parsed, query.filters, k=window, passages_per_hit=per_hit
            )
            dense = pool.ranking(self._hits(body))
        if mode == "hybrid" and translates_question(language, self._weighting):
            translated = self._translated_side(query, language, window, per_hit, pool)
        languages = pool.languages
        # kNN scores a cosine c as (1 + c) / 2: the lead between languages reads cosines,
        # once a passage in the question's language holds all its words (see `fuse_hybrid`).
        nearest: dict[int, float] | None = {d.doc_rowid: 2.0 * d.score - 1.0 for d in dense}
        if translated is not None and not self._own_words_found(query, parsed, language):
            nearest = None
        fused = fuse_hybrid(
            lexical,
            dense,
            languages,
            language,
            self._weighting,
            k,
            per_hit,
            translated,
            nearest,
            translated_share_for(query),
        )
        if joins_coded_answers(query.mode, parsed.phrases) and parsed.concepts:
            body = es_queries.coded_body(parsed.concepts, query.filters, k=k)
            coded = es_results.coded_answer_hits(self._search(body), parsed.concepts, per_hit)
            fused = join_coded(fused, pool.ranking(coded), k, per_hit)
        return pool.response(fused)

    def _own_words_found(
        self, query: SearchQuery, parsed: es_queries.ParsedQuery, language: str
    ) -> bool:
        """Whether a passage in `language` holds every phrase and most words of the question
        (`es_queries.own_words_body`)."""
        body = es_queries.own_words_body(parsed, query.filters, language)
        if body is None:
            return False
        hits = self._search(body).get("hits") or {}
        total = hits.get("total")
        count = total.get("value", 0) if isinstance(total, Mapping) else len(hits.get("hits") or [])
        return int(count) > 0

    def lexicon(self) -> Lexicon:
        """The cross-language lexicon of this index (see `index.es_lexicon`), checked against
        the index once per backend object and again after it indexes or deletes."""
        if self._lexicon is None:
            self._lexicon = current_es_lexicon(
                self._client, self.documents_index, self._lexicon_path, self._embedder
            )
        return self._lexicon

    def _translated_side(
        self,
        query: SearchQuery,
        language: str,
        window: int,
        per_hit: int,
        pool: es_results.HitPool,
    ) -> list[RankedDocument] | None:
        """The other languages' documents ranked by the question's words translated through
        the lexicon; None when no word translates."""
        lexicon = self.lexicon()
        if lexicon.is_empty:
            return None
        other = translated_query(parse_text(query.text), lexicon, self._embedder)
        if other.is_empty and not other.expansions:  # as on the embedded backend
            return None
        parsed = es_queries.from_shared(other)
        if es_queries.lexical_passage_query(parsed) is None:
            return None
        body = es_queries.translated_body(
            parsed, query.filters, language, k=window, passages_per_hit=per_hit
        )
        return pool.ranking(self._hits(body))

    def count_by(self, query: SearchQuery | None, by: Sequence[str]) -> list[dict[str, Any]]:
        """Documents per combination of values of `by` (see `SearchBackend.count_by`):
        `[{"country": "ID", "year": 2019, "count": 12}, ...]`, sorted by the group values."""
        self.ensure_indices()
        fields = [by] if isinstance(by, str) else list(by)
        query = with_question_filters(query or SearchQuery(text=""))
        parsed = es_queries.parse_query(query.text)
        es_queries.count_by_body(parsed, query.filters, fields)  # bad fields: before searching
        relevant = self._relevant_documents(query)
        by_conditions = answered_by_conditions(query.text, query.filters)
        groups: list[dict[str, Any]] = []
        after: Mapping[str, Any] | None = None
        while True:
            body = es_queries.count_by_body(
                parsed, query.filters, fields, after, relevant, by_conditions
            )
            response = self._client.search(index=self.documents_index, body=body).body
            aggregation = response["aggregations"]["groups"]
            groups.extend(es_results.count_groups(aggregation["buckets"], fields))
            after = aggregation.get("after_key")
            if not after or len(aggregation["buckets"]) < es_queries.COUNT_PAGE:
                break
        return es_results.sort_groups(groups, fields)

    def _relevant_documents(self, query: SearchQuery) -> list[str]:
        """The documents a question's trend counts by relevance, as on the embedded backend
        (`index.ranking.counts_as_relevant`): among its `TREND_DEPTH` best hybrid answers,
        those whose best passage is about as near the question by meaning as the best
        answer's. Elasticsearch scores a cosine c as (1 + c) / 2; int8 vectors make it
        approximate."""
        parsed = es_queries.parse_query(query.text)
        if not query.text.strip() or not parsed.embedding_text:
            return []
        answers = self.search(
            SearchQuery(text=query.text, mode="hybrid", k=TREND_DEPTH, filters=query.filters)
        )
        if not answers:
            return []
        doc_ids = [hit.doc_id for hit in answers]
        vector = self._embedder.embed_query(parsed.embedding_text)
        body = es_queries.nearest_passages_body(vector, doc_ids, query.filters)
        position = {doc: number for number, doc in enumerate(doc_ids)}
        cosine = {
            position[str(hit["_id"])]: 2.0 * float(hit["_score"]) - 1.0
            for hit in self._hits(body)
            if str(hit["_id"]) in position
        }
        return [doc_ids[n] for n in sorted(counts_as_relevant(range(len(doc_ids)), cosine))]

    def counted_documents(self, query: SearchQuery) -> list[str]:
        """The ids of the documents `count_by` counts for `query`, for measuring what trends
        count (as `EmbeddedBackend.counted_documents`)."""
        self.ensure_indices()
        query = with_question_filters(query)
        relevant = self._relevant_documents(query)
        parsed = es_queries.parse_query(query.text)
        body = {
            "size": PROVISIONS_PAGE,
            "query": es_queries.count_query(
                parsed, query.filters, relevant, answered_by_conditions(query.text, query.filters)
            ),
            "sort": [{"doc_id": "asc"}],
            "_source": ["doc_id"],
        }
        return [
            str(hit["_source"]["doc_id"])
            for page in self._paged(self.documents_index, body)
            for hit in page["hits"]["hits"]
        ]

    def provisions(
        self, topic: str | None = None, countries: Sequence[str] | None = None
    ) -> list[ProvisionHit]:
        """Provisions tagged with `topic` in laws of `countries`, by country, law and position."""
        self.ensure_indices()
        body = es_queries.provisions_body(topic, countries, size=PROVISIONS_PAGE)
        found: list[ProvisionHit] = []
        for page in self._paged(self.provisions_index, body):
            found.extend(es_results.provision_hits(page))
        return found

    def document(self, doc_id: str) -> StoredDocument | None:
        self.ensure_indices()
        try:
            source = self._client.get(index=self.documents_index, id=doc_id).body["_source"]
        except NotFoundError:
            return None
        return StoredDocument(
            document=stored_document(source),
            facts=source.get("facts"),
            court=source.get("court"),
            case_number=source.get("case_number"),
            decision_date=source.get("decision_date"),
        )

    def citing(self, statute: str) -> list[Citing]:
        """Judgments charging or citing `statute`, one entry per provision, by decision date.

        The query keeps only the judgments whose `cited_statutes` name the statute, or that have
        none (written before the field existed, or citing no statute at all); each one's coded
        facts (stored, not indexed) then decide, as in the embedded backend."""
        self.ensure_indices()
        body = {
            "size": PROVISIONS_PAGE,
            "query": {
                "bool": {
                    "filter": [{"term": {"doc_type": "judgment"}}],
                    "should": [
                        {"term": {"cited_statutes": statute}},
                        {"bool": {"must_not": [{"exists": {"field": "cited_statutes"}}]}},
                    ],
                    "minimum_should_match": 1,
                }
            },
            "sort": [{"doc_id": "asc"}],
            "_source": ["doc_id", "title", "country", "decision_date", "case_number", "facts"],
        }
        found: list[Citing] = []
        for page in self._paged(self.documents_index, body):
            for hit in page["hits"]["hits"]:
                source = hit["_source"]
                cited = sorted(cited_provisions(source.get("facts") or {}, statute))
                found.extend(
                    Citing(
                        doc_id=source["doc_id"],
                        title=source.get("title") or "",
                        country=source.get("country") or "",
                        decision_date=source.get("decision_date"),
                        case_number=source.get("case_number"),
                        statute=statute,
                        provision=provision or None,
                    )
                    for provision in cited
                )
        return sorted(found, key=lambda c: (c.decision_date or "", c.doc_id))

    def _paged(self, index: str, body: dict[str, Any]) -> Iterator[Mapping[str, Any]]:
        """Pages of a sorted search, following `search_after` until a short page."""
        page_body = dict(body)
        while True:
            response = self._client.search(index=index, body=page_body).body
            yield response
            hits = response["hits"]["hits"]
            if len(hits) < body["size"]:
                return
            page_body = {**body, "search_after": hits[-1]["sort"]}

    # ----------------------------------------------------------------------------------------
    # Housekeeping
    # ----------------------------------------------------------------------------------------

    def delete(self, doc_ids: Sequence[str]) -> int:
        """Removes documents and their provisions; returns how many documents existed."""
        if not doc_ids:
            return 0
        self.ensure_indices()
        deleted = self._bulk(
            (
                {"_op_type": "delete", "_index": self.documents_index, "_id": doc_id}
                for doc_id in dict.fromkeys(doc_ids)
            ),
            ignore_missing=True,
        )
        self._client.delete_by_query(
            index=self.provisions_index,
            query={"terms": {"doc_id": list(doc_ids)}},
            conflicts="proceed",
        )
        self._refresh_indices(self.documents_index, self.provisions_index)
        self._lexicon = None
        return deleted

    def document_count(self) -> int:
        try:
            return int(self._client.count(index=self.documents_index)["count"])
        except NotFoundError:
            return 0

    def close(self) -> None:
        self._client.close()


# --------------------------------------------------------------------------------------------
# Source documents
# --------------------------------------------------------------------------------------------


def _year(decision_date: str | None) -> int | None:
    if decision_date and len(decision_date) >= 4 and decision_date[:4].isdigit():
        return int(decision_date[:4])
    return None


def _amounts_by_currency(amounts: Iterable[tuple[float | None, str | None]]) -> dict[str, Any]:
    """{"IDR": [100000000.0, ...]}: the amounts filters range over, by currency (those in no
    currency the mapping knows are left out: a strict mapping would refuse the document)."""
    by_currency: dict[str, list[float]] = {}
    for amount, currency in amounts:
        if amount is not None and currency and currency.upper() in CURRENCIES:
            by_currency.setdefault(currency.upper(), []).append(amount)
    return {currency: sorted(values) for currency, values in sorted(by_currency.items())}


def facts_fields(facts: CaseFacts | None) -> dict[str, Any]:
    """The coded fields a researcher filters and counts on, flattened for keyword indexing
    (enumerations lower-cased, as every backend compares them)."""
    if facts is None:
        return {}
    minors = facts.victims.minors
    return {
        "is_trafficking_case": facts.is_trafficking_case,
        "outcome": facts.outcome,
        "proceeding_stage": facts.proceeding_stage,
        "exploitation_forms": sorted({v.lower() for v in facts.exploitation_forms}),
        "sectors": sorted({v.lower() for v in facts.sectors}),
        "minors": None if minors is None else minors > 0,
        "minor_victims": minors,
        "transnational": facts.transnational,
        "countries_involved": list(facts.countries_involved),
        "non_punishment_raised": facts.non_punishment.raised,
        "non_punishment_applied": facts.non_punishment.applied,
        "cited_statutes": sorted(
            {item.statute for item in (*facts.charges, *facts.statute_citations)}
        ),
        "sentence_months": sorted(
            {s.imprisonment_months for s in facts.sentences if s.imprisonment_months is not None}
        ),
        "life_sentence": any(s.life for s in facts.sentences),
        "compensation_kinds": decision_values(facts),
        "conviction_law": facts.conviction_law,
        "compensation_amount": _amounts_by_currency(
            (award.amount, award.currency) for award in facts.compensation
        ),
        "fine_amount": _amounts_by_currency(
            (s.fine.amount, s.fine.currency) for s in facts.sentences if s.fine is not None
        ),
        "facts": facts.to_dict(),
    }


def document_source(doc: Document, facts: CaseFacts | None) -> dict[str, Any]:
    """The documents-index entry without its passages."""
    record = doc.to_dict()
    record.pop("text", None)
    decision_date = doc.decision_date or (facts.decision_date if facts else None)
    return {
        "doc_id": doc.doc_id,
        "source_id": doc.source_id,
        "url": doc.link,
        "title": doc.title,
        "country": doc.country.upper(),
        "language": doc.language.lower(),
        "doc_type": doc.doc_type,
        "court": doc.court or (facts.court if facts else None),
        "case_number": doc.case_number or (facts.case_number if facts else None),
        "decision_date": decision_date,
        "year": _year(decision_date),
        "fetched_at": doc.fetched_at or None,
        "sha256": doc.sha256,
        "content_type": doc.content_type,
        "text_length": len(doc.text),
        **facts_fields(facts),
        "record": record,
        "text": doc.text,
    }


def stored_document(source: Mapping[str, Any]) -> Document:
    """The Document an entry was built from (its record and text)."""
    return Document.from_dict({**source["record"], "text": source["text"]})


def passage_sources(
    doc: Document,
    chunks: Sequence[tuple[Passage, str]],
    vectors: Mapping[str, Sequence[float]],
    model_id: str,
) -> list[dict[str, Any]]:
    """Nested passages: the document's own text (so offsets and highlights are exact) in the
    field of its language's analyzer, and the vector of their content."""
    family_field = es_mappings.text_field(es_mappings.analyzer_family(doc.language))
    passages = []
    for passage, content in chunks:
        digest = content_hash(model_id, content)
        source: dict[str, Any] = {
            "ordinal": passage.ordinal,
            "start": passage.start,
            "end": passage.end,
            "content_hash": digest,
            family_field: passage.text,
        }
        # Passages in a language the model does not read have no vector (see
        # `index.embeddings.embeds_language`); kNN skips them, BM25 still finds them.
        if digest in vectors:
            source["embedding"] = list(vectors[digest])
        passages.append(source)
    return passages


@lru_cache(maxsize=256)
def _question_language(text: str) -> str:
    """The language of a question, as the embedded backend reads it (parsed once per text: a
    search asks twice, for the mode and for the fill)."""
    return query_language(parse_text(text))


def _embeddable_chunks(
    documents: Sequence[Document],
    chunks_by_doc: Mapping[str, Sequence[tuple[Passage, str]]],
    embedder: Embedder,
) -> list[tuple[Passage, str]]:
    """The chunks that get vectors: see `index.embeddings.embedded_share`."""
    return [
        chunk
        for doc in documents
        for chunk in embedded_share(embedder, chunks_by_doc[doc.doc_id], doc.language)
    ]


def provision_source(provision: Provision, document: Document, position: int) -> dict[str, Any]:
    language = document.language.lower()
    return {
        "doc_id": provision.doc_id,
        "country": document.country.upper(),
        "language": language,
        "title": document.title,
        "source_url": document.link,
        "position": position,
        "number": provision.number,
        "heading": provision.heading,
        "start": provision.start,
        "end": provision.end,
        "topics": list(provision.topics),
        "actip_articles": list(provision.actip_articles),
        es_mappings.text_field(es_mappings.analyzer_family(language)): provision.text,
    }
