"""Searching the embedded index: BM25 over FTS5, exact dense scores over the vector matrix,
verbatim phrase checks, and turning ranked passages into `SearchHit`s."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.best_passages import best_passages
from index.crosslingual import SOURCE_LANGUAGE
from index.document_bm25 import DocumentStatistics, WeightedUnit
from index.embeddings import one_blas_thread
from index.filters import SqlCondition
from index.highlights import Highlighter
from index.hybrid_fusion import LANGUAGE_VOTERS, coded_concepts, fuse_hybrid, matched_language
from index.query import (
    ParsedQuery,
    fts_all,
    fts_phrase,
    fts_quote,
    phrase_forms,
    query_language,
)
from index.ranking import (
    EXPANSION_WEIGHT,
    TRANSLATED_SHARE,
    CodedConcept,
    DenseWeighting,
    RankedDocument,
    ScoredPassage,
    as_scored,
    coded_answer_passages,
    own_words_required,
    rank_documents,
)
from index.vectors import VectorFile
from index.words import term_variants, words
from tiplex.records import PassageHit, SearchHit

SQL_VARIABLES = 500  # stay well under SQLite's limit on bound parameters
VERIFY_BATCH = 64  # passages whose text is fetched at once to check phrases verbatim
# A query word in more than this share of passages is "common": alone it does not make a
# passage a candidate (see words_expression).
COMMON_WORD_SHARE = 0.03
# A document's lexical score: this share from its best passages (how well one place in it
# answers), the rest from BM25 over the whole document (how much of the query it covers).
PASSAGE_SHARE = 0.4


def batches(items: Sequence[Any], size: int = SQL_VARIABLES) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


def fts_rows(
    db: sqlite3.Connection,
    match: str,
    condition: SqlCondition,
    limit: int | None = None,
    *,
    ranked: bool = True,
) -> list[ScoredPassage]:
    """Passages matching the FTS5 expression `match`, best BM25 first (`ranked`) or unordered
    with score 0 (cheaper: no BM25 computed)."""
    join = "JOIN documents d ON d.rowid = p.doc_rowid" if condition.sql else ""
    where = f"AND {condition.sql}" if condition.sql else ""
    score = "-bm25(passages_fts)" if ranked else "0.0"
    sql = (
        f"SELECT p.id, p.doc_rowid, {score} FROM passages_fts "
        f"JOIN passages p ON p.id = passages_fts.rowid {join} "
        f"WHERE passages_fts MATCH ? {where}"
        + (" ORDER BY bm25(passages_fts)" if ranked else "")
        + ("" if limit is None else f" LIMIT {int(limit)}")
    )
    return as_scored(db.execute(sql, (match, *condition.params)).fetchall())


def _phrases_expression(parsed: ParsedQuery) -> str:
    return " AND ".join(f"({e})" for e in parsed.phrase_expressions())


def phrase_candidates(
    db: sqlite3.Connection, parsed: ParsedQuery, condition: SqlCondition
) -> set[int] | None:
    """Ids of passages where FTS5 finds every phrase (as stems); None when the query has no
    phrase. Whether they hold the phrases verbatim is checked later, on the few that rank."""
    if not parsed.phrases:
        return None
    match = _phrases_expression(parsed)
    if not match:
        return set()
    return {p.passage_id for p in fts_rows(db, match, condition, ranked=False)}


def keep_verbatim(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    ranked: Sequence[ScoredPassage],
    depth: int | None,
) -> list[ScoredPassage]:
    """The first `depth` (all: None) of `ranked` that hold every phrase verbatim, in order."""
    if not parsed.phrases:
        return list(ranked if depth is None else ranked[:depth])
    phrases = parsed.matchers()
    kept: list[ScoredPassage] = []
    for batch in batches(ranked, VERIFY_BATCH):
        ids = [p.passage_id for p in batch]
        texts = dict(
            db.execute(f"SELECT id, text FROM passages WHERE id IN ({marks(len(ids))})", ids)
        )
        for passage in batch:
            if all(phrase.found_in(texts[passage.passage_id]) for phrase in phrases):
                kept.append(passage)
                if depth is not None and len(kept) >= depth:
                    return kept
    return kept


@dataclass(frozen=True, slots=True)
class WordsExpression:
    """FTS5 expressions ranking passages by a query's words: `everything` matches a passage
    holding any of them; `gated` (when some words are common) only one holding a rarer word."""

    everything: str
    gated: str | None = None


def words_expression(db: sqlite3.Connection, words: Sequence[str]) -> WordsExpression | None:
    """Words found in a large share of passages ("korban", "orang" in Indonesian judgments)
    make FTS5 score most of the index. Like Lucene's common-terms query, the gated expression
    lets only passages holding a rarer word compete, while every word still counts in BM25."""
    forms = {word: sorted(term_variants(word)) for word in dict.fromkeys(words)}
    every_form = sorted({f for word_forms in forms.values() for f in word_forms})
    if not every_form:
        return None
    everything = " OR ".join(fts_quote(f) for f in every_form)
    if len(forms) < 2:
        return WordsExpression(everything)
    counts = dict(
        db.execute(
            f"SELECT term, doc FROM passages_vocab WHERE term IN ({marks(len(every_form))})",
            every_form,
        ).fetchall()
    )
    passages = int(db.execute("SELECT COUNT(*) FROM passages").fetchone()[0])
    frequency = {w: max(counts.get(f, 0) for f in word_forms) for w, word_forms in forms.items()}
    ceiling = max(min(frequency.values()), COMMON_WORD_SHARE * passages)
    rare = [w for w, count in frequency.items() if count <= ceiling]
    if len(rare) == len(forms):
        return WordsExpression(everything)
    gate = " OR ".join(fts_quote(f) for w in rare for f in forms[w])
    return WordsExpression(everything, f"({gate}) AND ({everything})")


def bm25_ranking(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    condition: SqlCondition,
    candidates: set[int] | None,
    depth: int,
) -> list[ScoredPassage]:
    words = words_expression(db, parsed.ranking_words())
    if candidates is None:
        if words is None:
            return []
        if words.gated:
            ranked = fts_rows(db, words.gated, condition, depth)
            if len(ranked) >= depth:
                return ranked
            # Too few passages hold a rare word (narrow filters): let every word compete.
        return fts_rows(db, words.everything, condition, depth)
    if not candidates:
        return []
    # Passages must hold the phrases; the free words only rank them.
    phrases = _phrases_expression(parsed)
    match = f"({phrases}) AND ({phrases} OR {words.everything})" if words else phrases
    return keep_verbatim(db, parsed, fts_rows(db, match, condition), depth)


@dataclass(slots=True)
class _DenseArrays:
    generation: str
    matrix: np.ndarray  # every vector row of the file
    passage_ids: np.ndarray  # passages that have a vector, by id
    doc_rowids: np.ndarray  # their documents
    rows: np.ndarray  # their rows of `matrix`


class DenseIndex:
    """Passage vectors in memory, reloaded when the index's generation changes."""

    def __init__(self, vectors: VectorFile) -> None:
        self.vectors = vectors
        self._arrays: _DenseArrays | None = None

    def _load(self, db: sqlite3.Connection, generation: str, dimensions: int) -> _DenseArrays:
        if self._arrays is not None and self._arrays.generation == generation:
            return self._arrays
        rows = np.array(
            db.execute(
                "SELECT p.id, p.doc_rowid, e.row FROM passages p "
                "JOIN embeddings e ON e.hash = p.hash ORDER BY p.id"
            ).fetchall(),
            dtype=np.int64,
        ).reshape(-1, 3)
        self._arrays = _DenseArrays(
            generation=generation,
            matrix=self.vectors.load(dimensions),
            passage_ids=rows[:, 0],
            doc_rowids=rows[:, 1],
            rows=rows[:, 2],
        )
        return self._arrays

    def forget(self) -> None:
        self._arrays = None

    def ranking(
        self,
        db: sqlite3.Connection,
        generation: str,
        dimensions: int,
        vector: np.ndarray,
        condition: SqlCondition,
        required: set[int] | None,
        depth: int | None,
    ) -> list[ScoredPassage]:
        """The `depth` (all: None) passages nearest to `vector` among those allowed, best
        first."""
        arrays = self._load(db, generation, dimensions)
        if arrays.passage_ids.size == 0 or (required is not None and not required):
            return []
        with one_blas_thread():
            scores = (arrays.matrix @ vector)[arrays.rows]
        allowed = np.ones(scores.shape, dtype=bool)
        if condition.sql:
            docs = db.execute(
                f"SELECT d.rowid FROM documents d WHERE {condition.sql}", condition.params
            ).fetchall()
            allowed &= np.isin(arrays.doc_rowids, np.array([r[0] for r in docs], dtype=np.int64))
        if required is not None:
            allowed &= np.isin(arrays.passage_ids, np.fromiter(required, dtype=np.int64))
        candidates = np.flatnonzero(allowed)
        if depth is not None and candidates.size > depth:
            best = np.argpartition(-scores[candidates], depth - 1)[:depth]
            candidates = candidates[best]
        candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [
            ScoredPassage(int(arrays.passage_ids[i]), int(arrays.doc_rowids[i]), float(scores[i]))
            for i in candidates
        ]


def browse(
    db: sqlite3.Connection, condition: SqlCondition, k: int, passages_per_hit: int
) -> list[RankedDocument]:
    """No query text: the documents passing the filters, newest first, with their opening
    passages."""
    where = f"WHERE {condition.sql}" if condition.sql else ""
    rows = db.execute(
        f"SELECT d.rowid FROM documents d {where} "
        f"ORDER BY d.decision_date IS NULL, d.decision_date DESC, d.doc_id LIMIT ?",
        (*condition.params, k),
    ).fetchall()
    ranked = []
    for (doc_rowid,) in rows:
        first = db.execute(
            "SELECT id FROM passages WHERE doc_rowid = ? ORDER BY ordinal LIMIT ?",
            (doc_rowid, max(1, passages_per_hit)),
        ).fetchall()
        passages = tuple(ScoredPassage(r[0], doc_rowid, 0.0) for r in first)
        ranked.append(RankedDocument(doc_rowid, 0.0, passages))
    return ranked


def to_hits(
    db: sqlite3.Connection,
    ranked: Sequence[RankedDocument],
    parsed: ParsedQuery,
    passages_for: int | None = None,
) -> list[SearchHit]:
    """The final ranking as hits: documents' metadata and passages' text read in one query
    each (not one per hit and passage), then highlighted; past the first `passages_for`
    (all: None) hits, without passages: a caller that ranks deeper than it shows (the API's
    facets count 100 documents, a page shows 10) needs no text for the rest."""
    highlighter = Highlighter(parsed)
    if passages_for is not None:
        ranked = [
            d if shown < passages_for else RankedDocument(d.doc_rowid, d.score, ())
            for shown, d in enumerate(ranked)
        ]
    rowids = list(dict.fromkeys(d.doc_rowid for d in ranked))
    passage_ids = list(dict.fromkeys(p.passage_id for d in ranked for p in d.passages))
    meta: dict[int, tuple[Any, ...]] = {}
    for batch in batches(rowids):
        rows = db.execute(
            "SELECT rowid, doc_id, title, country, doc_type, url, language, decision_date, "
            f"court, case_number FROM documents WHERE rowid IN ({marks(len(batch))})",
            tuple(batch),
        )
        meta.update((int(r[0]), r[1:]) for r in rows)
    texts: dict[int, tuple[int, int, str]] = {}
    for batch in batches(passage_ids):
        rows = db.execute(
            f'SELECT id, start, "end", text FROM passages WHERE id IN ({marks(len(batch))})',
            tuple(batch),
        )
        texts.update((int(r[0]), (r[1], r[2], r[3])) for r in rows)
    hits = []
    for document in ranked:
        found = meta[document.doc_rowid]
        passages = []
        for scored in document.passages:
            start, end, text = texts[scored.passage_id]
            passages.append(
                PassageHit(
                    text=text,
                    start=start,
                    end=end,
                    score=scored.score,
                    highlights=highlighter.spans(text, start),
                )
            )
        hits.append(
            SearchHit(
                doc_id=found[0],
                title=found[1],
                country=found[2],
                doc_type=found[3],
                source_url=found[4],
                score=document.score,
                passages=tuple(passages),
                language=found[5],
                decision_date=found[6],
                court=found[7],
                case_number=found[8],
            )
        )
    return hits


def documents_matching(
    db: sqlite3.Connection, parsed: ParsedQuery, condition: SqlCondition
) -> set[int]:
    """Documents with a passage holding every query word and every phrase."""
    candidates = phrase_candidates(db, parsed, condition)
    if parsed.terms:
        match = fts_all(parsed.terms)
        if match is None:
            return set()
        found = fts_rows(db, match, condition, ranked=False)
        if candidates is not None:
            found = [p for p in found if p.passage_id in candidates]
    elif candidates is not None:
        found = [ScoredPassage(pid, 0, 0.0) for pid in sorted(candidates)]
    else:
        return set()
    return _documents_of(db, {p.passage_id for p in keep_verbatim(db, parsed, found, None)})


def own_words_found(
    db: sqlite3.Connection,
    parsed: ParsedQuery,
    passages: Sequence[ScoredPassage],
    condition: SqlCondition,
) -> bool:
    """Whether a passage passing `condition` holds every phrase of the question and most of
    its words (`index.ranking.own_words_required`). Words are counted in `passages`, the
    lexical side's best (a passage holding most of the words ranks among them), so the
    question's common words are not matched over the whole index again."""
    if parsed.phrases:
        return bool(documents_matching(db, parsed, condition))
    if not parsed.terms or not passages:
        return False
    required = own_words_required(len(parsed.terms))
    forms = [term_variants(term) for term in parsed.terms]
    where = f"AND {condition.sql}" if condition.sql else ""
    ids = [p.passage_id for p in passages]
    for batch in batches(ids):
        rows = db.execute(
            "SELECT f.terms FROM passages p JOIN documents d ON d.rowid = p.doc_rowid "
            "JOIN passages_fts f ON f.rowid = p.id "
            f"WHERE p.id IN ({marks(len(batch))}) {where}",
            (*batch, *condition.params),
        )
        for (terms,) in rows:
            held = set(str(terms).split())
            if sum(1 for variants in forms if not variants.isdisjoint(held)) >= required:
                return True
    return False


def _documents_of(db: sqlite3.Connection, passage_ids: set[int]) -> set[int]:
    docs: set[int] = set()
    for batch in batches(sorted(passage_ids)):
        rows = db.execute(
            f"SELECT doc_rowid FROM passages WHERE id IN ({marks(len(batch))})", tuple(batch)
        )
        docs.update(int(r[0]) for r in rows)
    return docs


# --------------------------------------------------------------------------------------------
# Documents: passage evidence and whole-document BM25 together
# --------------------------------------------------------------------------------------------


def _phrase_forms(phrase: str) -> list[list[str]]:
    """For each word of `phrase`, the forms it may be indexed under."""
    return [sorted(term_variants(word)) for word in words(phrase)]


def lexical_units(
    db: sqlite3.Connection,
    statistics: DocumentStatistics,
    generation: str,
    parsed: ParsedQuery,
    expansion_weight: float = EXPANSION_WEIGHT,
) -> list[WeightedUnit]:
    """The query's words (weight 1) and its thesaurus concepts (`expansion_weight`) as units
    of document BM25, each with an upper bound of the passages it matches."""
    own = [sorted(term_variants(word)) for word in parsed.ranking_words()]
    expansions = [[_phrase_forms(term) for term in group] for group in parsed.expansions]
    every_form = [f for forms in own for f in forms]
    every_form += [f for group in expansions for term in group for forms in term for f in forms]
    counts = statistics.term_counts(db, generation, every_form)

    def passages_with(forms: Sequence[str]) -> int:
        return sum(counts.get(f, 0) for f in forms)

    def each_form(forms: Sequence[str]) -> tuple[int, ...]:
        # A phrase is in at most as many passages as its rarest word.
        return tuple(min(counts.get(w, 0) for w in form.split()) for form in forms)

    units = [
        WeightedUnit(
            " OR ".join(fts_quote(f) for f in forms),
            1.0,
            passages_with(forms),
            tuple(forms),
            each_form(forms),
        )
        for forms in own
        if forms
    ]
    for group, terms in zip(parsed.expansions, expansions, strict=True):
        expressions = [fts_phrase(term) for term in group]
        present = [e for e in expressions if e]
        if not present:
            continue
        estimate = sum(min((passages_with(forms) for forms in term), default=0) for term in terms)
        forms = tuple(form for term in group for form in phrase_forms(term))
        units.append(
            WeightedUnit(" OR ".join(present), expansion_weight, estimate, forms, each_form(forms))
        )
    return units


def _allowed_documents(db: sqlite3.Connection, condition: SqlCondition) -> set[int] | None:
    if not condition.sql:
        return None
    rows = db.execute(f"SELECT d.rowid FROM documents d WHERE {condition.sql}", condition.params)
    return {int(r[0]) for r in rows}


def lexical_documents(
    db: sqlite3.Connection,
    statistics: DocumentStatistics,
    generation: str,
    parsed: ParsedQuery,
    condition: SqlCondition,
    passages: Sequence[ScoredPassage],
    k: int,
    passages_per_hit: int,
    fill: int | None = None,
    expansion_weight: float = EXPANSION_WEIGHT,
) -> list[RankedDocument]:
    """Documents by their best passages (`passages`, BM25-ranked) and whole-document BM25 with
    thesaurus expansions (at `expansion_weight` of a query word), each scaled by its best
    score and mixed by `PASSAGE_SHARE`. With
    phrases, only documents among `passages` (where the phrases were found verbatim) rank.
    Only the first `fill` documents (all: None) are sure to carry passages; see
    `with_passages` for the rest."""
    fill = k if fill is None else fill
    per_hit = max(1, passages_per_hit)
    by_passages = rank_documents(passages, len(passages), per_hit)
    units = lexical_units(db, statistics, generation, parsed, expansion_weight)
    whole = statistics.scores(db, generation, units)
    if parsed.phrases:
        kept = {d.doc_rowid for d in by_passages}
        whole = {doc: score for doc, score in whole.items() if doc in kept}
    else:
        allowed = _allowed_documents(db, condition)
        if allowed is not None:
            whole = {doc: score for doc, score in whole.items() if doc in allowed}
    passage_top = max((d.score for d in by_passages), default=0.0) or 1.0
    whole_top = max(whole.values(), default=0.0) or 1.0
    combined = {d.doc_rowid: PASSAGE_SHARE * d.score / passage_top for d in by_passages}
    for doc, score in whole.items():
        combined[doc] = combined.get(doc, 0.0) + (1.0 - PASSAGE_SHARE) * score / whole_top
    best = sorted(combined.items(), key=lambda item: (-item[1], item[0]))[:k]
    found = {d.doc_rowid: d.passages for d in by_passages}
    ranked = [RankedDocument(doc, score, found.get(doc, ())) for doc, score in best]
    total = statistics.passage_total(db, generation)
    shown = with_passages(db, ranked[:fill], units, per_hit, total, statistics.unit_passages)
    return shown + ranked[fill:]


def with_passages(
    db: sqlite3.Connection,
    ranked: Sequence[RankedDocument],
    units: Sequence[WeightedUnit],
    passages_per_hit: int,
    passage_total: int,
    unit_passages: Mapping[str, np.ndarray] | None = None,
) -> list[RankedDocument]:
    """`ranked` with the best passages looked up for documents that have none yet (found by
    whole-document BM25 only), scored from each one's stored terms (`index.best_passages`;
    `unit_passages`: the query's unit matches, `DocumentStatistics.unit_passages`)."""
    per_hit = max(1, passages_per_hit)
    return [
        d
        if d.passages
        else RankedDocument(
            d.doc_rowid,
            d.score,
            best_passages(db, d.doc_rowid, units, per_hit, passage_total, unit_passages),
        )
        for d in ranked
    ]


def question_language(
    db: sqlite3.Connection, parsed: ParsedQuery, lexical: Sequence[RankedDocument]
) -> str:
    """The question's language (`index.hybrid_fusion.matched_language`), the languages of its
    best lexical matches read only when its words do not tell."""
    detected = query_language(parsed)
    top = lexical[:LANGUAGE_VOTERS] if detected == "und" else ()
    return matched_language(detected, top, _languages(db, {d.doc_rowid for d in top}))


def dense_needed(language: str, weighting: DenseWeighting, lexical_found: int, k: int) -> bool:
    """Whether hybrid search must compute the dense ranking for a question in `language`
    (`question_language`): to fuse it, or to fill an answer the lexical side leaves short in
    a language the model reads."""
    return weighting.has_say(language) or (lexical_found < k and weighting.reads(language))


def other_languages(condition: SqlCondition, other: bool = True) -> SqlCondition:
    """`condition` narrowed to the documents not written in English (`other`), or to the
    English ones."""
    clause = f"lower(d.language) {'!=' if other else '='} '{SOURCE_LANGUAGE}'"
    return SqlCondition(
        f"({condition.sql}) AND {clause}" if condition.sql else clause, condition.params
    )


@dataclass(frozen=True, slots=True)
class TranslatedSide:
    """An English question's words translated into the other languages (see
    `index.crosslingual`) and the lexical ranking of the non-English documents by them."""

    parsed: ParsedQuery
    lexical: Sequence[RankedDocument]
    # Whether an English passage holds most words of the question (`own_words_found`): only
    # then may the English documents lead the answer (`index.hybrid_fusion.fuse_hybrid`).
    own_words_found: bool = True


def _languages(db: sqlite3.Connection, rowids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for batch in batches(sorted(rowids)):
        rows = db.execute(
            f"SELECT rowid, language FROM documents WHERE rowid IN ({marks(len(batch))})",
            tuple(batch),
        )
        found.update({int(r[0]): str(r[1] or "") for r in rows})
    return found


def hybrid_documents(
    db: sqlite3.Connection,
    statistics: DocumentStatistics,
    generation: str,
    parsed: ParsedQuery,
    lexical: Sequence[RankedDocument],
    dense_passages: Sequence[ScoredPassage],
    k: int,
    passages_per_hit: int,
    weighting: DenseWeighting,
    language: str,
    translated: TranslatedSide | None = None,
    translated_share: float = TRANSLATED_SHARE,
) -> list[RankedDocument]:
    """The lexical and dense document rankings fused, the dense one weighted by the
    question's `language` (`question_language`) and each document's (see
    `index.ranking.DenseWeighting`). With `translated`, the question's own language and the
    other languages are ranked apart and interleaved."""
    units = lexical_units(db, statistics, generation, parsed)
    dense = rank_documents(dense_passages, len(dense_passages), passages_per_hit)
    other_lexical = translated.lexical if translated is not None else ()
    languages = (
        _languages(db, {d.doc_rowid for d in (*dense, *lexical, *other_lexical)})
        if weighting.has_say(language)
        else {}
    )
    fused = fuse_hybrid(
        lexical,
        dense,
        languages,
        language,
        weighting,
        k,
        passages_per_hit,
        translated.lexical if translated is not None else None,
        {d.doc_rowid: d.passages[0].score for d in dense if d.passages}
        if translated is None or translated.own_words_found
        else None,
        translated_share,
    )
    total = statistics.passage_total(db, generation)
    matched = statistics.unit_passages
    if translated is None or not weighting.has_say(language):
        return with_passages(db, fused, units, passages_per_hit, total, matched)
    # Passages are looked up with the words of the side that found the document.
    other_units = lexical_units(db, statistics, generation, translated.parsed)
    return [
        with_passages(
            db,
            [d],
            units if languages.get(d.doc_rowid) == language else other_units,
            passages_per_hit,
            total,
            matched,
        )[0]
        for d in fused
    ]


def _coded_selection(
    text: str, condition: SqlCondition
) -> tuple[str, tuple[object, ...], list[CodedConcept]] | None:
    """The WHERE clause (alias `d`) of the documents whose coded case answers a concept the
    question names (`CODED_CONCEPTS`) and that pass `condition`; None when it names none."""
    concepts = coded_concepts(text)
    if not concepts:
        return None
    where = "(" + " OR ".join(f"d.{concept.column} = 1" for concept in concepts) + ")"
    if condition.sql:
        where += f" AND {condition.sql}"
    return where, condition.params, concepts


def coded_matches(db: sqlite3.Connection, text: str, condition: SqlCondition) -> set[int]:
    """Rowids of the documents whose coded case answers a concept the question names."""
    selection = _coded_selection(text, condition)
    if selection is None:
        return set()
    where, params, _ = selection
    return {int(r[0]) for r in db.execute(f"SELECT d.rowid FROM documents d WHERE {where}", params)}


def coded_answers(
    db: sqlite3.Connection,
    text: str,
    condition: SqlCondition,
    passages_per_hit: int,
    limit: int,
) -> list[RankedDocument]:
    """The documents of `coded_matches`, those the court applied it in first, newest first;
    their passages are those holding the concept's evidence (else the first passage)."""
    selection = _coded_selection(text, condition)
    if selection is None:
        return []
    where, params, concepts = selection
    first = ", ".join(f"d.{concept.first} DESC" for concept in concepts)
    rows = db.execute(
        f"SELECT d.rowid, d.facts FROM documents d WHERE {where} "
        f"ORDER BY {first}, d.decision_date DESC, d.rowid LIMIT ?",
        (*params, limit),
    ).fetchall()
    answers = []
    for rowid, facts_json in rows:
        facts = json.loads(facts_json) if facts_json else {}
        found = db.execute(
            'SELECT id, start, "end" FROM passages WHERE doc_rowid = ? ORDER BY ordinal',
            (rowid,),
        ).fetchall()
        bounds = [(start, end) for _, start, end in found]
        chosen = coded_answer_passages(facts, concepts, bounds, passages_per_hit)
        scored = tuple(ScoredPassage(found[n][0], int(rowid), 0.0) for n in chosen)
        answers.append(RankedDocument(int(rowid), 0.0, scored))
    return answers
