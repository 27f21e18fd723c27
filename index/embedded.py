"""The embedded default backend: one SQLite file (documents, coded facts, passages with an FTS5
index, provisions) and one float32 vector matrix beside it, under `Settings.index_dir`.

Search runs BM25 over the FTS5 index of passage stems and an exact dot product over the
passage vectors. A document's lexical score mixes its best passages with BM25 over the whole
document (`index.document_bm25`), thesaurus terms in the other languages counting below the
query's own words; hybrid search fuses the lexical and dense document rankings by weighted
reciprocal rank fusion, the dense side weighed only where the model understands the query and
the document (`index.ranking.DenseWeighting`). Quoted phrases are required verbatim and citations
in any of their written forms, in every mode.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from index import embedded_documents, embedded_reports
from index.backend import Citing, Embedder, EmbeddingModelMismatch, ProvisionHit, StoredDocument
from index.chunking import CHUNKER_VERSION, Chunk, chunk_text
from index.crosslingual import Lexicon, current_lexicon, translated_query
from index.document_bm25 import DocumentStatistics
from index.embedded_search import (
    DenseIndex,
    TranslatedSide,
    batches,
    bm25_ranking,
    browse,
    coded_answers,
    dense_needed,
    hybrid_documents,
    keep_verbatim,
    lexical_documents,
    marks,
    other_languages,
    own_words_found,
    phrase_candidates,
    question_language,
    to_hits,
)
from index.embeddings import (
    embedded_share,
    embedder_for,
    evidence_passages,
    passages_matrix,
    query_vector,
)
from index.filters import SqlCondition, document_condition
from index.hybrid_fusion import (
    join_coded,
    joins_coded_answers,
    translated_share_for,
    translates_question,
)
from index.query import ParsedQuery, parse_query, query_language
from index.question_filters import with_question_filters
from index.ranking import (
    TRANSLATED_EXPANSION_WEIGHT,
    TREND_DEPTH,
    ScoredPassage,
    counts_as_relevant,
    dense_weighting,
    evidence_spans,
    rank_documents,
)
from index.schema import (
    DOCUMENT_COLUMNS,
    connect,
    document_row,
    document_terms,
    passages_source_hash,
)
from index.vectors import VectorFile
from index.words import index_terms
from tiplex.crashpoints import crashpoint
from tiplex.records import (
    CaseFacts,
    Document,
    IndexReport,
    Provision,
    SearchHit,
    SearchQuery,
)
from tiplex.settings import Settings

DATABASE_NAME = "tiplex.sqlite"
VECTORS_NAME = "vectors.f32"
DOCUMENTS_PER_BATCH = 64  # documents chunked, embedded and committed together
MIN_CANDIDATES = 100  # passages taken from each ranking before fusion


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def evidence_chunks(
    facts: CaseFacts | Mapping[str, Any] | None, chunks: Sequence[Chunk]
) -> set[int]:
    """Indices of the chunks holding any evidence span of the coded case (a `CaseFacts` or
    its stored JSON form)."""
    if facts is None:
        return set()
    record = facts.to_dict() if isinstance(facts, CaseFacts) else facts
    bounds = [(c.passage.start, c.passage.end) for c in chunks]
    return evidence_passages(evidence_spans(record), bounds)


def _stored_facts(facts_json: str | None) -> Mapping[str, Any] | None:
    if not facts_json:
        return None
    try:
        record = json.loads(facts_json)
    except ValueError:
        return None
    return record if isinstance(record, Mapping) else None


class EmbeddedBackend:
    """`SearchBackend` on one SQLite file plus a vector matrix; no server."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        *,
        directory: Path | None = None,
    ) -> None:
        self.directory = directory or settings.index_dir
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / DATABASE_NAME
        self.embedder: Embedder = embedder or embedder_for(settings.embedding_model)
        self.vectors = VectorFile(self.directory / VECTORS_NAME)
        self._db = connect(str(self.path))
        self._lock = threading.RLock()
        self._dense = DenseIndex(self.vectors)
        self.weighting = dense_weighting(
            self.embedder, settings.hybrid_dense_weight, settings.hybrid_cross_weight
        )
        self._statistics = DocumentStatistics()
        self._lexicon: tuple[str, Lexicon] | None = None  # (generation, lexicon) last used
        # Embeds a question while the lexical side is ranked (see `_query_vector_ahead`).
        self._query_worker: ThreadPoolExecutor | None = None
        self.timings: dict[str, float] = {}  # seconds per step of the last index() call
        # CPU seconds (all threads) per step: on a shared machine wall time says little alone.
        self.cpu_timings: dict[str, float] = {}

    # ----------------------------------------------------------------------------------------
    # Bookkeeping
    # ----------------------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that also marks the index as changed (dense caches reload)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._set_meta("generation", str(time.time_ns()))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def recorded_model(self) -> str | None:
        """The embedding model the index's vectors were made with (None for a new index)."""
        return self._meta("embedding_model")

    def _check_model(self) -> None:
        recorded = self.recorded_model()
        if recorded is not None and recorded != self.embedder.model_id:
            raise EmbeddingModelMismatch.for_index(
                f"the index at {self.path}", recorded, self.embedder.model_id
            )

    def _record_model(self) -> None:
        if self.recorded_model() is None:
            self._set_meta("embedding_model", self.embedder.model_id)
            self._set_meta("embedding_dimensions", str(self.embedder.dimensions))

    def _dimensions(self) -> int:
        recorded = self._meta("embedding_dimensions")
        return int(recorded) if recorded else int(self.embedder.dimensions)

    def _tick(self, step: str, started: tuple[float, float]) -> tuple[float, float]:
        """Adds the wall and CPU seconds since `started` to `step`; returns the time now."""
        now = _clock()
        self.timings[step] = self.timings.get(step, 0.0) + now[0] - started[0]
        self.cpu_timings[step] = self.cpu_timings.get(step, 0.0) + now[1] - started[1]
        return now

    # ----------------------------------------------------------------------------------------
    # Indexing
    # ----------------------------------------------------------------------------------------

    def index(
        self,
        documents: Sequence[Document],
        facts: Mapping[str, CaseFacts] | None = None,
        provisions: Mapping[str, Sequence[Provision]] | None = None,
    ) -> IndexReport:
        """Adds or replaces documents by `doc_id`: what is passed is what is kept (a document
        passed without facts or provisions loses those it had). Passages are rebuilt only when
        the text changed; only content hashes never embedded before are embedded."""
        self._check_model()
        self.timings, self.cpu_timings = {}, {}
        facts = facts or {}
        provisions = provisions or {}
        latest = list({d.doc_id: d for d in documents}.values())  # the last copy of a doc_id wins
        indexed = passages = embedded = 0
        for batch in batches(latest, DOCUMENTS_PER_BATCH):
            started = _clock()
            with self._lock:
                changed = self._changed_texts(batch)
            chunks = {d.doc_id: chunk_text(d.doc_id, d.text) for d in batch if d.doc_id in changed}
            started = self._tick("chunk", started)
            languages = {d.doc_id: d.language for d in batch}
            vectors = self._embed_new(
                [
                    c
                    for doc_id, doc_chunks in chunks.items()
                    for c in embedded_share(
                        self.embedder,
                        doc_chunks,
                        languages[doc_id],
                        evidence_chunks(facts.get(doc_id), doc_chunks),
                    )
                ]
            )
            started = self._tick("embed", started)
            crashpoint("embedding")
            with self._writing():
                embedded += self._store_vectors(vectors)
                for document in batch:
                    self._store_document(
                        document,
                        facts.get(document.doc_id),
                        provisions.get(document.doc_id, ()),
                        chunks.get(document.doc_id),
                    )
                self._record_model()
                crashpoint("index-write")
            crashpoint("commit")
            self._tick("write", started)
            indexed += len(batch)
            passages += sum(len(c) for c in chunks.values())
        return IndexReport(
            documents_indexed=indexed, passages_indexed=passages, passages_embedded=embedded
        )

    def _changed_texts(self, documents: Sequence[Document]) -> set[str]:
        """doc_ids whose passages must be (re)built: new, changed text, or another chunker."""
        stored: dict[str, tuple[str, str]] = {}
        for batch in batches([d.doc_id for d in documents]):
            rows = self._db.execute(
                f"SELECT doc_id, text_hash, chunker FROM documents WHERE doc_id IN "
                f"({marks(len(batch))})",
                tuple(batch),
            )
            stored.update({r[0]: (r[1], r[2]) for r in rows})
        return {
            d.doc_id
            for d in documents
            if stored.get(d.doc_id) != (passages_source_hash(d), CHUNKER_VERSION)
        }

    def _known_hashes(self, hashes: Iterable[str]) -> set[str]:
        known: set[str] = set()
        for batch in batches(list(hashes)):
            rows = self._db.execute(
                f"SELECT hash FROM embeddings WHERE hash IN ({marks(len(batch))})", tuple(batch)
            )
            known.update(r[0] for r in rows)
        return known

    def _embed_new(self, chunks: Sequence[Chunk]) -> dict[str, np.ndarray]:
        """Vectors for the chunks' contents never embedded before, each distinct text once."""
        contents = {c.content_hash: c.content for c in chunks}
        with self._lock:
            known = self._known_hashes(contents)
        new = [h for h in contents if h not in known]
        if not new:
            return {}
        matrix = passages_matrix(self.embedder, [contents[h] for h in new])
        return dict(zip(new, matrix, strict=True))

    def _store_vectors(self, vectors: Mapping[str, np.ndarray]) -> int:
        # Another process may have embedded some of these meanwhile; keep the first.
        known = self._known_hashes(vectors)
        fresh = [h for h in vectors if h not in known]
        if not fresh:
            return 0
        first = self.vectors.append(np.stack([vectors[h] for h in fresh]))
        self._db.executemany(
            "INSERT INTO embeddings (hash, row) VALUES (?, ?)",
            ((h, first + i) for i, h in enumerate(fresh)),
        )
        return len(fresh)

    def _store_document(
        self,
        document: Document,
        facts: CaseFacts | None,
        provisions: Sequence[Provision],
        chunks: Sequence[Chunk] | None,
    ) -> None:
        row = document_row(document, facts, CHUNKER_VERSION)
        existing = self._db.execute(
            "SELECT rowid FROM documents WHERE doc_id = ?", (document.doc_id,)
        ).fetchone()
        if existing is None:
            cursor = self._db.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({marks(len(DOCUMENT_COLUMNS))})",
                tuple(row[c] for c in DOCUMENT_COLUMNS),
            )
            doc_rowid = int(cursor.lastrowid or 0)
        else:
            doc_rowid = int(existing[0])
            self._db.execute(
                f"UPDATE documents SET {', '.join(f'{c} = ?' for c in DOCUMENT_COLUMNS)} "
                "WHERE rowid = ?",
                (*(row[c] for c in DOCUMENT_COLUMNS), doc_rowid),
            )
        self._db.execute("DELETE FROM doc_terms WHERE doc_rowid = ?", (doc_rowid,))
        self._db.executemany(
            "INSERT INTO doc_terms (field, value, doc_rowid) VALUES (?, ?, ?)",
            ((field, value, doc_rowid) for field, value in document_terms(facts)),
        )
        if chunks is not None:
            self._replace_passages(doc_rowid, document.language, chunks)
        self._replace_provisions(doc_rowid, provisions)

    def _replace_passages(self, doc_rowid: int, language: str, chunks: Sequence[Chunk]) -> None:
        self._delete_passages(doc_rowid)
        # Ids are handed out here (inside the write lock) so both tables load in one batch each.
        first = int(self._db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM passages").fetchone()[0])
        self._db.executemany(
            'INSERT INTO passages (id, doc_rowid, ordinal, start, "end", hash, text) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    first + i,
                    doc_rowid,
                    c.passage.ordinal,
                    c.passage.start,
                    c.passage.end,
                    c.content_hash,
                    c.passage.text,
                )
                for i, c in enumerate(chunks)
            ),
        )
        self._db.executemany(
            "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)",
            ((first + i, index_terms(c.content, language)) for i, c in enumerate(chunks)),
        )

    def _delete_passages(self, doc_rowid: int) -> None:
        self._db.execute(
            "DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_rowid = ?)",
            (doc_rowid,),
        )
        self._db.execute("DELETE FROM passages WHERE doc_rowid = ?", (doc_rowid,))

    def _replace_provisions(self, doc_rowid: int, provisions: Sequence[Provision]) -> None:
        self._db.execute(
            "DELETE FROM provision_topics WHERE provision_id IN "
            "(SELECT id FROM provisions WHERE doc_rowid = ?)",
            (doc_rowid,),
        )
        self._db.execute("DELETE FROM provisions WHERE doc_rowid = ?", (doc_rowid,))
        for position, provision in enumerate(provisions):
            cursor = self._db.execute(
                "INSERT INTO provisions (doc_rowid, position, record) VALUES (?, ?, ?)",
                (doc_rowid, position, json.dumps(provision.to_dict(), ensure_ascii=False)),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO provision_topics (topic, provision_id) VALUES (?, ?)",
                ((topic.lower(), cursor.lastrowid) for topic in provision.topics),
            )

    def delete(self, doc_ids: Sequence[str]) -> int:
        deleted = 0
        with self._writing():
            for doc_id in dict.fromkeys(doc_ids):
                row = self._db.execute(
                    "SELECT rowid FROM documents WHERE doc_id = ?", (doc_id,)
                ).fetchone()
                if row is None:
                    continue
                doc_rowid = int(row[0])
                self._delete_passages(doc_rowid)
                self._replace_provisions(doc_rowid, ())
                self._db.execute("DELETE FROM doc_terms WHERE doc_rowid = ?", (doc_rowid,))
                self._db.execute("DELETE FROM documents WHERE rowid = ?", (doc_rowid,))
                deleted += 1
        return deleted

    def reembed(self) -> int:
        """Embeds every passage again with the configured model and records that model.
        Interrupted, it leaves passages without vectors (BM25 still finds them): run it again."""
        with self._writing():
            self._db.execute("DELETE FROM embeddings")
            self._db.execute("DELETE FROM meta WHERE key LIKE 'embedding_%'")
            self._record_model()
            crashpoint("reembed-clear")
        # Only once no row points into the vector file may it go: removed inside the
        # transaction, a kill before the commit left rows pointing at vectors that were gone.
        self.vectors.clear()
        embedded = 0
        rowids = [r[0] for r in self._db.execute("SELECT rowid FROM documents ORDER BY rowid")]
        for batch in batches(rowids, DOCUMENTS_PER_BATCH):
            rows = self._db.execute(
                f"SELECT rowid, doc_id, language, text, facts FROM documents "
                f"WHERE rowid IN ({marks(len(batch))})",
                tuple(batch),
            ).fetchall()
            chunks = {r[0]: chunk_text(r[1], r[3]) for r in rows}
            vectors = self._embed_new(
                [
                    c
                    for rowid, _, language, _, facts_json in rows
                    for c in embedded_share(
                        self.embedder,
                        chunks[rowid],
                        str(language or ""),
                        evidence_chunks(_stored_facts(facts_json), chunks[rowid]),
                    )
                ]
            )
            with self._writing():
                embedded += self._store_vectors(vectors)
                for rowid, _, language, _, _ in rows:
                    # The chunker may have changed since: passages follow the embedded contents.
                    self._replace_passages(rowid, language, chunks[rowid])
                    self._db.execute(
                        "UPDATE documents SET chunker = ? WHERE rowid = ?",
                        (CHUNKER_VERSION, rowid),
                    )
            crashpoint("reembed")
        return embedded

    def optimize(self) -> None:
        """Merges the FTS5 index into one segment: faster queries after a large load."""
        with self._writing():
            self._db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')")

    # ----------------------------------------------------------------------------------------
    # Searching
    # ----------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> list[SearchHit]:
        if query.mode not in ("hybrid", "bm25", "dense"):
            raise ValueError(f"unknown search mode {query.mode!r}; use hybrid, bm25 or dense")
        query = with_question_filters(query)
        parsed = parse_query(query.text)
        condition = document_condition(query.filters)
        with self._lock:
            self._statistics.begin_query()
            if not query.text.strip():
                ranked = browse(self._db, condition, query.k, query.passages_per_hit)
                return to_hits(self._db, ranked, parsed)
            vector: Future[np.ndarray] | None = None
            if query.mode != "bm25":
                self._check_model()  # keyword search needs no vectors: it stays available
                vector = self._query_vector_ahead(query.text)
            depth = max(MIN_CANDIDATES, query.k * max(1, query.passages_per_hit) * 4)
            candidates = phrase_candidates(self._db, parsed, condition)
            generation = self._meta("generation") or ""
            lexical = dense = None
            passages: list[ScoredPassage] = []
            if query.mode in ("bm25", "hybrid"):
                passages = bm25_ranking(self._db, parsed, condition, candidates, depth)
                # Hybrid fusion looks deeper than k: a document's dense rank can lift it.
                wanted = query.k if query.mode == "bm25" else max(2 * query.k, MIN_CANDIDATES)
                lexical = lexical_documents(
                    self._db,
                    self._statistics,
                    generation,
                    parsed,
                    condition,
                    passages,
                    wanted,
                    query.passages_per_hit,
                    fill=query.k if query.mode == "bm25" else 0,
                )
            # Read once, for both the translation and the dense weights: a question whose words
            # do not tell its language ("forced labour fishing vessel") takes that of its best
            # lexical matches, and an English one is translated like any other.
            language = (
                question_language(self._db, parsed, lexical)
                if query.mode == "hybrid" and lexical is not None
                else query_language(parsed)
            )
            # Hybrid computes the dense side only to fuse it or to fill a short lexical answer.
            wants_dense = query.mode == "dense" or (
                query.mode == "hybrid"
                and dense_needed(language, self.weighting, len(lexical or ()), query.k)
            )
            # The translated side needs no vector: ranked before waiting for it, it runs while
            # the worker thread still embeds the question.
            translated = None
            if query.mode == "hybrid" and wants_dense:
                translated = self._translated_side(
                    parsed,
                    language,
                    condition,
                    generation,
                    depth,
                    max(2 * query.k, MIN_CANDIDATES),
                    passages,
                )
            if wants_dense and vector is not None:  # every mode but bm25 asked for the vector
                nearest = self._dense.ranking(
                    self._db,
                    generation,
                    self._dimensions(),
                    vector.result(),
                    condition,
                    candidates,
                    None if candidates is not None else depth,
                )
                dense = keep_verbatim(self._db, parsed, nearest, depth)
            if query.mode == "hybrid" and lexical is not None:
                ranked = hybrid_documents(
                    self._db,
                    self._statistics,
                    generation,
                    parsed,
                    lexical,
                    dense or [],
                    query.k,
                    query.passages_per_hit,
                    self.weighting,
                    language,
                    translated,
                    translated_share_for(query),
                )
            elif lexical is not None:
                ranked = lexical
            else:
                ranked = rank_documents(dense or [], query.k, query.passages_per_hit)
            if joins_coded_answers(query.mode, parsed.phrases):
                coded = coded_answers(
                    self._db, query.text, condition, query.passages_per_hit, query.k
                )
                ranked = join_coded(ranked, coded, query.k, query.passages_per_hit)
            return to_hits(self._db, ranked, parsed, query.passages_for)

    def _query_vector_ahead(self, text: str) -> Future[np.ndarray]:
        """The question's vector, computed on a worker thread while this one ranks the lexical
        side. The model's arithmetic and SQLite both release the GIL, so on two cores a hybrid
        query waits for the slower of the two instead of their sum. Hybrid questions in every
        language the tuned weights know fuse a dense side (`dense_needed`), so the vector is
        rarely computed in vain, and then it stays in the embedder's cache of questions."""
        if self._query_worker is None:
            self._query_worker = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="tiplex-query"
            )
        return self._query_worker.submit(query_vector, self.embedder, text)

    def _translated_side(
        self,
        parsed: ParsedQuery,
        language: str,
        condition: SqlCondition,
        generation: str,
        depth: int,
        wanted: int,
        own_passages: Sequence[ScoredPassage],
    ) -> TranslatedSide | None:
        """For an English question, when the model reads other languages: its words in those
        languages and the lexical ranking of the documents written in them."""
        if not translates_question(language, self.weighting):
            return None
        # Checked against the index once per generation: loading it takes longer than a query.
        if self._lexicon is None or self._lexicon[0] != generation:
            self._lexicon = (generation, current_lexicon(self.directory, self._db, self.embedder))
        lexicon = self._lexicon[1]
        if lexicon.is_empty:
            return None
        other = translated_query(parsed, lexicon, self.embedder)
        # The thesaurus's terms in the other languages rank them even when no word translates
        # ("forced labour fishing vessel": "kerja paksa", "kapal ikan").
        if other.is_empty and not other.expansions:
            return None
        foreign = other_languages(condition)
        candidates = phrase_candidates(self._db, other, foreign)
        passages = bm25_ranking(self._db, other, foreign, candidates, depth)
        lexical = lexical_documents(
            self._db,
            self._statistics,
            generation,
            other,
            foreign,
            passages,
            wanted,
            1,
            fill=0,
            expansion_weight=TRANSLATED_EXPANSION_WEIGHT,
        )
        english = own_words_found(
            self._db, parsed, own_passages, other_languages(condition, other=False)
        )
        return TranslatedSide(other, lexical, own_words_found=english)

    def count_by(self, query: SearchQuery | None, by: Sequence[str]) -> list[dict[str, Any]]:
        query = None if query is None else with_question_filters(query)
        with self._lock:
            relevant = self._relevant_rowids(query)
            return embedded_reports.count_by(self._db, query, by, relevant)

    def _relevant_rowids(self, query: SearchQuery | None) -> set[int]:
        """The documents a question's trend counts by relevance (see `index.ranking.
        counts_as_relevant`): among its best hybrid answers, those whose best passage is about
        as near the question by meaning as the best answer's. Empty without a question or when
        the index's vectors are from another model."""
        if query is None or not query.text.strip():
            return set()
        try:
            self._check_model()
        except EmbeddingModelMismatch:
            return set()  # counting by words and coded fields still works
        # Only which documents answer is read: their passages are never shown.
        hits = self.search(
            SearchQuery(
                text=query.text,
                mode="hybrid",
                k=TREND_DEPTH,
                filters=query.filters,
                passages_for=0,
            )
        )
        if not hits:
            return set()
        rowid_of = {
            str(doc_id): int(rowid)
            for batch in batches([hit.doc_id for hit in hits])
            for doc_id, rowid in self._db.execute(
                f"SELECT doc_id, rowid FROM documents WHERE doc_id IN ({marks(len(batch))})",
                batch,
            )
        }
        ranked = [rowid_of[hit.doc_id] for hit in hits if hit.doc_id in rowid_of]  # best first
        # Only the answers' passages: ranking every passage of the index to read the best of
        # five documents cost ~23 ms CPU per trend question on 13,500 passages, this ~1.3 ms.
        nearest = self._dense.ranking(
            self._db,
            self._meta("generation") or "",
            self._dimensions(),
            query_vector(self.embedder, query.text),
            SqlCondition(f"d.rowid IN ({marks(len(ranked))})", tuple(ranked)),
            None,
            None,
        )
        best: dict[int, float] = {}
        for passage in nearest:  # best first: a document's first passage is its best
            best.setdefault(passage.doc_rowid, passage.score)
        return counts_as_relevant(ranked, best)

    def counted_documents(self, query: SearchQuery) -> list[str]:
        """The ids of the documents `count_by` counts for `query` (all: every document that
        passes its filters), for measuring what trends count."""
        query = with_question_filters(query)
        with self._lock:
            relevant = self._relevant_rowids(query)
            rowids = embedded_reports.counted_rowids(self._db, query, relevant)
            if rowids is None:
                condition = document_condition(query.filters)
                where = f"WHERE {condition.sql}" if condition.sql else ""
                rows = self._db.execute(
                    f"SELECT d.doc_id FROM documents d {where}", condition.params
                ).fetchall()
                return sorted(str(r[0]) for r in rows)
            found = []
            for batch in batches(sorted(rowids)):
                rows = self._db.execute(
                    f"SELECT doc_id FROM documents WHERE rowid IN ({marks(len(batch))})", batch
                ).fetchall()
                found.extend(str(r[0]) for r in rows)
            return sorted(found)

    def provisions(
        self, topic: str | None = None, countries: Sequence[str] | None = None
    ) -> list[ProvisionHit]:
        with self._lock:
            return embedded_reports.provisions(self._db, topic, countries)

    def document(self, doc_id: str) -> StoredDocument | None:
        with self._lock:
            return embedded_documents.stored_document(self._db, doc_id)

    def citing(self, statute: str) -> list[Citing]:
        with self._lock:
            return embedded_documents.citing_documents(self._db, statute)

    # ----------------------------------------------------------------------------------------
    # Housekeeping
    # ----------------------------------------------------------------------------------------

    def document_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def passage_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def size_bytes(self) -> int:
        """Bytes on disk: the SQLite file (with its write-ahead log) and the vector file."""
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return sum(f.stat().st_size for f in files if f.exists()) + self.vectors.size_bytes()

    def close(self) -> None:
        with self._lock:
            if self._query_worker is not None:
                self._query_worker.shutdown(wait=True)
                self._query_worker = None
            self._dense.forget()
            self._statistics.forget()
            self._db.close()
