"""Request bodies of the Elasticsearch backend, built as plain dicts (pure functions, no I/O).

- bm25: a `nested` query over the passages (multi_match across the per-language fields) with
  `inner_hits` and highlighting, so a hit carries its best passages.
- dense: a `knn` query inside a `nested` query (`score_mode: max`, the only mode nested kNN
  allows). The kNN *query* is used rather than the top-level `knn` section or the `knn`
  retriever because only the query form can sit under `nested` with `inner_hits`, which is where
  the passages come from.
- hybrid: the two queries above sent apart, each over a window deeper than k, and fused by
  tiplex itself (`index.hybrid_fusion`, as on the embedded backend): the dense side's weight
  depends on the question's language and each document's, which the server's `rrf` retriever
  cannot express. An English question's words translated into the other languages rank those
  documents in a third query, and the documents whose coded case answers the question come
  from a fourth (`coded_body`).

Quoted phrases ("forced labour") are mandatory `phrase` matches on the unstemmed `.exact`
sub-fields in every mode: a `must` clause of the lexical query and a pre-filter of the kNN query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from index import query as question_rules
from index.backend import COUNT_FIELDS, FILTER_FIELDS
from index.compensation_filter import FILTER_FIELD as COMPENSATION_FIELD
from index.compensation_filter import parse_compensation_filter
from index.conviction_law import FILTER_FIELD as CONVICTION_LAW_FIELD
from index.conviction_law import parse_conviction_law_filter
from index.es_mappings import (
    ANALYZER_FAMILIES,
    EMBEDDING_FIELD,
    PASSAGES_PATH,
    passage_text_fields,
    text_field,
)
from index.hybrid_fusion import coded_concepts
from index.money_bounds import FIELDS as AMOUNT_FIELDS
from index.money_bounds import parse_amount_filter
from index.ranking import (
    EXPANSION_WEIGHT,
    OWN_WORDS_MINIMUM_SHOULD_MATCH,
    TRANSLATED_EXPANSION_WEIGHT,
    CodedConcept,
)
from index.sentence_bounds import FILTER_FIELD as SENTENCE_FIELD
from index.sentence_bounds import parse_sentence_filter

# Private-use characters cannot occur in real text, so they mark highlights unambiguously.
HIGHLIGHT_PRE = "\ue000"
HIGHLIGHT_POST = "\ue001"
BM25_INNER_HITS = "bm25_passages"
DENSE_INNER_HITS = "dense_passages"
# Passages holding a coded answer's evidence, chosen here from the hit's source (not a query).
CODED_INNER_HITS = "coded_passages"

HIT_SOURCE_FIELDS: tuple[str, ...] = (
    "doc_id",
    "title",
    "country",
    "doc_type",
    "url",
    "language",
    "decision_date",
    "court",
    "case_number",
)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query's free words and the phrases that must match exactly: quoted ones and
    citations (`R.A. 9208`, `[2014] SGHC 186`), read the same way as on the embedded backend."""

    free_text: str
    phrases: tuple[str, ...]
    embedding_text: str  # what the dense side embeds: the query without its quote marks
    # Thesaurus terms in the other languages (index.query.thesaurus_expansions), flattened.
    expansions: tuple[str, ...] = ()
    # Coded concepts the question names (index.ranking.CODED_CONCEPTS): their documents are
    # answers whatever words they use.
    concepts: tuple[CodedConcept, ...] = ()


def parse_query(text: str) -> ParsedQuery:
    # An unbalanced quote mark is ordinary punctuation, not the start of a phrase.
    unquoted = " ".join(re.sub(r"[\"\u201c\u201d]", " ", text).split())
    return from_shared(question_rules.parse_query(text), unquoted, tuple(coded_concepts(text)))


def from_shared(
    shared: question_rules.ParsedQuery,
    embedding_text: str = "",
    concepts: tuple[CodedConcept, ...] = (),
) -> ParsedQuery:
    """The parts of a query read by `index.query` that these bodies use (also for a question
    whose words were translated: `index.crosslingual.translated_query`)."""
    return ParsedQuery(
        free_text=" ".join(shared.terms),
        phrases=shared.phrases,
        embedding_text=embedding_text,
        expansions=tuple(dict.fromkeys(t for group in shared.expansions for t in group)),
        concepts=concepts,
    )


# --------------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------------

# Filter fields (as `index.backend.FILTER_FIELDS` names them) -> indexed field. Values are
# compared case-insensitively, as on every backend.
_KEYWORD_FILTERS = {
    "country": "country",
    "language": "language",
    "doc_type": "doc_type",
    "outcome": "outcome",
    "source_id": "source_id",
    "doc_id": "doc_id",
    "exploitation_form": "exploitation_forms",
    "sector": "sectors",
}
_BOOLEAN_FILTERS = {
    "is_trafficking_case": "is_trafficking_case",
    "non_punishment_raised": "non_punishment_raised",
    "non_punishment_applied": "non_punishment_applied",
    "minors": "minors",
}
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n"}
_YEAR_RANGE = re.compile(r"\s*(\d{4})?\s*\.\.\s*(\d{4})?\s*")
_WILDCARD_SPECIAL = re.compile(r"([*?\\])")


def _alternatives(value: str) -> list[str]:
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _any_of(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    if len(clauses) == 1:
        return clauses[0]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def _parse_bool(field: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"filter {field} takes true or false, not {value!r}")


def _year_clause(value: str) -> dict[str, Any]:
    """`2019`, `2015..2020` (either end may be left open), or alternatives `2015,2019`."""
    clauses: list[dict[str, Any]] = []
    for alternative in _alternatives(value):
        ranged = _YEAR_RANGE.fullmatch(alternative)
        if ranged and (ranged.group(1) or ranged.group(2)):
            bounds = {"gte": int(ranged.group(1) or 0), "lte": int(ranged.group(2) or 9999)}
            clauses.append({"range": {"year": bounds}})
        # Decimal digits only (int() refuses superscripts), and a year, not a number SQLite
        # cannot hold.
        elif alternative.isdecimal() and len(alternative) <= 4:
            clauses.append({"term": {"year": int(alternative)}})
        else:
            raise ValueError(f"filter year takes 2019, 2015..2020 or 2015,2019, not {value!r}")
    return _any_of(clauses)


def _sentence_clause(value: str) -> dict[str, Any]:
    """Any defendant's prison term in any of the ranges `value` lists (see
    `index.sentence_bounds.parse_sentence_filter`); a life sentence passes an open-ended one."""
    life = {"term": {"life_sentence": True}}
    clauses: list[dict[str, Any]] = []
    for wanted in parse_sentence_filter(value):
        if wanted.life:
            clauses.append(life)
            continue
        months: dict[str, int] = {"gte": wanted.low or 0}
        if wanted.high is not None:
            months["lte"] = wanted.high
        term = {"range": {"sentence_months": months}}
        clauses.append(_any_of([term, life]) if wanted.includes_life else term)
    return _any_of(clauses)


def _amount_clause(field: str, value: str) -> dict[str, Any]:
    """Any award (any fine) within any of the ranges `value` lists: each currency's amounts
    are their own field, `compensation_amount.IDR`, so a range compares like with like."""
    clauses = []
    for wanted in parse_amount_filter(value, field):
        bounds = {}
        if wanted.low is not None:
            bounds["gte"] = wanted.low
        if wanted.high is not None:
            bounds["lte"] = wanted.high
        clauses.append({"range": {f"{field}.{wanted.currency}": bounds}})
    return _any_of(clauses)


def _court_clause(value: str) -> dict[str, Any]:
    """Court names are written many ways: a fragment such as "Brebes" matches any court
    whose name contains it."""
    clauses = [
        {
            "wildcard": {
                "court": {
                    "value": "*" + _WILDCARD_SPECIAL.sub(r"\\\1", fragment) + "*",
                    "case_insensitive": True,
                }
            }
        }
        for fragment in _alternatives(value)
    ]
    return _any_of(clauses)


def filter_clauses(filters: Mapping[str, str]) -> list[dict[str, Any]]:
    """Filters on coded fields as non-scoring clauses (all must hold); a value may list
    alternatives separated by commas, any of which may match."""
    clauses: list[dict[str, Any]] = []
    for key in sorted(filters):
        value = str(filters[key])
        if not _alternatives(value):
            continue
        if key in _KEYWORD_FILTERS:
            field = _KEYWORD_FILTERS[key]
            clauses.append(
                _any_of(
                    [
                        {"term": {field: {"value": v, "case_insensitive": True}}}
                        for v in _alternatives(value)
                    ]
                )
            )
        elif key in _BOOLEAN_FILTERS:
            flags = sorted({_parse_bool(key, v) for v in _alternatives(value)})
            field = _BOOLEAN_FILTERS[key]
            if len(flags) == 1:
                clauses.append({"term": {field: flags[0]}})
            else:
                clauses.append({"terms": {field: flags}})
        elif key == "year":
            clauses.append(_year_clause(value))
        elif key == "court":
            clauses.append(_court_clause(value))
        elif key == SENTENCE_FIELD:
            clauses.append(_sentence_clause(value))
        elif key == CONVICTION_LAW_FIELD:
            laws = list(parse_conviction_law_filter(value))
            clauses.append({"terms": {"conviction_law": laws}})
        elif key == COMPENSATION_FIELD:
            clauses.append(
                {"terms": {"compensation_kinds": list(parse_compensation_filter(value))}}
            )
        elif key in AMOUNT_FIELDS:
            clauses.append(_amount_clause(key, value))
        else:
            raise ValueError(f"unknown filter {key!r}; filters are: {', '.join(FILTER_FIELDS)}")
    return clauses


# --------------------------------------------------------------------------------------------
# Passage-level pieces
# --------------------------------------------------------------------------------------------


def free_text_clause(
    free_text: str, *, every_word: bool = False, most_words: bool = False
) -> dict[str, Any]:
    """Ranked words across the per-language fields; `every_word` demands all of them in the
    passage (counting), `most_words` the share a question's own language needs to lead
    (`index.ranking.OWN_WORDS_SHARE`), otherwise any will do (searching ranks by how many and
    how rare)."""
    clause: dict[str, Any] = {
        "query": free_text,
        "fields": passage_text_fields(),
        "type": "best_fields",
    }
    if every_word:
        clause["operator"] = "and"
    elif most_words:
        clause["minimum_should_match"] = OWN_WORDS_MINIMUM_SHOULD_MATCH
    return {"multi_match": clause}


def phrase_clause(phrase: str) -> dict[str, Any]:
    """An exact phrase in any language's unstemmed field of the same passage."""
    return {
        "multi_match": {
            "query": phrase,
            "fields": passage_text_fields(exact=True),
            "type": "phrase",
        }
    }


def passage_highlight() -> dict[str, Any]:
    """Whole-passage highlighting (no fragments), so marker offsets are offsets in the passage."""
    fields = {name: {} for name in passage_text_fields() + passage_text_fields(exact=True)}
    return {
        "pre_tags": [HIGHLIGHT_PRE],
        "post_tags": [HIGHLIGHT_POST],
        "number_of_fragments": 0,
        "require_field_match": True,
        "fields": fields,
    }


def inner_hits(
    name: str, size: int, *, highlight_query: dict[str, Any] | None = None, highlight: bool
) -> dict[str, Any]:
    """`highlight_query` marks words in passages found by another query (the vector one)."""
    spec: dict[str, Any] = {
        "name": name,
        "size": size,
        "_source": {"excludes": [EMBEDDING_FIELD]},
    }
    if highlight:
        spec["highlight"] = passage_highlight()
        if highlight_query is not None:
            spec["highlight"]["highlight_query"] = highlight_query
    return spec


def lexical_passage_query(
    parsed: ParsedQuery,
    *,
    every_word: bool = False,
    most_words: bool = False,
    expansion_boost: float = EXPANSION_WEIGHT,
) -> dict[str, Any] | None:
    """The passage-level bool query, or None when the query has no words at all. Phrases are
    required; free words are required only when there is no phrase (or `every_word`, or
    `most_words`: see `free_text_clause`), and otherwise rank the passages that hold the
    phrases."""
    must = [phrase_clause(p) for p in parsed.phrases]
    should: list[dict[str, Any]] = []
    if parsed.free_text:
        words = free_text_clause(parsed.free_text, every_word=every_word, most_words=most_words)
        if must and not (every_word or most_words):
            should.append(words)
        else:
            must.insert(0, words)
    if not must and not parsed.expansions:
        return None
    # Thesaurus terms in the other languages raise passages that also hold them, below the
    # query's own words (`expansion_boost`: the embedded backend weighs them the same way).
    # Without any word (a translated question none of whose words translate), they alone
    # find the passages.
    should.extend(
        {
            "multi_match": {
                "query": term,
                "fields": passage_text_fields(),
                "type": "phrase",
                "boost": expansion_boost,
            }
        }
        for term in parsed.expansions
    )
    query: dict[str, Any] = {"must": must}
    if should:
        query["should"] = should
    if not must:
        query["minimum_should_match"] = 1
    return {"bool": query}


# --------------------------------------------------------------------------------------------
# Whole queries
# --------------------------------------------------------------------------------------------


def bm25_query(
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    passages_per_hit: int,
    expansion_boost: float = EXPANSION_WEIGHT,
) -> dict[str, Any]:
    passage_query = lexical_passage_query(parsed, expansion_boost=expansion_boost)
    if passage_query is None:
        raise ValueError("a lexical search needs at least one word")
    return {
        "bool": {
            "must": [
                {
                    "nested": {
                        "path": PASSAGES_PATH,
                        "score_mode": "max",
                        "query": passage_query,
                        "inner_hits": inner_hits(BM25_INNER_HITS, passages_per_hit, highlight=True),
                    }
                }
            ],
            "filter": filter_clauses(filters),
        }
    }


def knn_candidates(k: int) -> int:
    return min(10_000, max(100, 10 * k))


def dense_query(
    vector: Sequence[float],
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    *,
    k: int,
    passages_per_hit: int,
) -> dict[str, Any]:
    # Document-level filters and passage-level phrases are separate pre-filter entries: nested
    # kNN wants each filter to be about either the top-level document or the nested passage.
    knn_filter = filter_clauses(filters) + [phrase_clause(p) for p in parsed.phrases]
    knn: dict[str, Any] = {
        "field": EMBEDDING_FIELD,
        "query_vector": list(vector),
        "k": k,
        "num_candidates": knn_candidates(k),
    }
    if knn_filter:
        knn["filter"] = knn_filter
    return {
        "nested": {
            "path": PASSAGES_PATH,
            "score_mode": "max",
            "query": {"knn": knn},
            # A vector match has no words of its own: mark the query's words in its passages.
            "inner_hits": inner_hits(
                DENSE_INNER_HITS,
                passages_per_hit,
                highlight=True,
                highlight_query=lexical_passage_query(parsed),
            ),
        }
    }


def _hit_source() -> dict[str, Any]:
    return {"includes": list(HIT_SOURCE_FIELDS)}


def bm25_body(
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    *,
    k: int,
    passages_per_hit: int,
    expansion_boost: float = EXPANSION_WEIGHT,
) -> dict[str, Any]:
    return {
        "size": k,
        "query": bm25_query(parsed, filters, passages_per_hit, expansion_boost),
        "_source": _hit_source(),
    }


def dense_body(
    vector: Sequence[float],
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    *,
    k: int,
    passages_per_hit: int,
) -> dict[str, Any]:
    return {
        "size": k,
        "query": dense_query(vector, parsed, filters, k=k, passages_per_hit=passages_per_hit),
        "_source": _hit_source(),
    }


def rank_window(k: int) -> int:
    return max(50, 5 * k)


def other_languages_clause(language: str) -> dict[str, Any]:
    """A filter clause keeping the documents not written in `language`."""
    return {"bool": {"must_not": [{"term": {"language": language}}]}}


def translated_body(
    parsed: ParsedQuery, filters: Mapping[str, str], language: str, *, k: int, passages_per_hit: int
) -> dict[str, Any]:
    """The lexical search of a question's translated words over the documents not written in
    the question's `language` (see `index.crosslingual`). There the thesaurus's terms count
    more than a translated word, as on the embedded backend (`TRANSLATED_EXPANSION_WEIGHT`)."""
    body = bm25_body(
        parsed,
        filters,
        k=k,
        passages_per_hit=passages_per_hit,
        expansion_boost=TRANSLATED_EXPANSION_WEIGHT,
    )
    body["query"]["bool"]["filter"].append(other_languages_clause(language))
    return body


def own_words_body(
    parsed: ParsedQuery, filters: Mapping[str, str], language: str
) -> dict[str, Any] | None:
    """Whether a document written in `language` has a passage holding every phrase and most
    words of the question (as `embedded_search.own_words_found`): the hit count answers, none
    are read. None when the question has no word."""
    passage_query = lexical_passage_query(parsed, most_words=True)
    if passage_query is None:
        return None
    must = [{"nested": {"path": PASSAGES_PATH, "query": passage_query}}]
    language_clause = {"term": {"language": language}}
    return {
        "size": 0,
        "track_total_hits": 1,
        "query": {"bool": {"must": must, "filter": [*filter_clauses(filters), language_clause]}},
    }


def coded_clause(concepts: Sequence[CodedConcept]) -> dict[str, Any]:
    """Documents whose coded case answers any of `concepts` (its field is true)."""
    return _any_of([{"term": {concept.column: True}} for concept in concepts])


def passage_offset_fields() -> list[str]:
    """The parts of each stored passage needed to show it, its vector left out."""
    return [f"{PASSAGES_PATH}.{name}" for name in ("ordinal", "start", "end")] + [
        f"{PASSAGES_PATH}.{text_field(f)}" for f in ANALYZER_FAMILIES
    ]


def coded_body(
    concepts: Sequence[CodedConcept], filters: Mapping[str, str], *, k: int
) -> dict[str, Any]:
    """The documents whose coded case answers a concept the question names, as the embedded
    backend ranks them: those where it was applied first, then newest first. Their facts'
    evidence and their passages' offsets come along, to show the passages holding it."""
    sort: list[dict[str, Any]] = [
        {concept.first: {"order": "desc", "missing": "_last"}} for concept in concepts
    ]
    sort += [{"decision_date": {"order": "desc", "missing": "_last"}}, {"doc_id": "asc"}]
    facts = [f"facts.{concept.facts_field}" for concept in concepts]
    return {
        "size": k,
        "query": {"bool": {"filter": [coded_clause(concepts), *filter_clauses(filters)]}},
        "sort": sort,
        "_source": {"includes": [*HIT_SOURCE_FIELDS, *facts, *passage_offset_fields()]},
    }


# --------------------------------------------------------------------------------------------
# Aggregations and provisions
# --------------------------------------------------------------------------------------------

# count_by field -> indexed field.
COUNT_SOURCES = {field: _KEYWORD_FILTERS.get(field, field) for field in COUNT_FIELDS}
COUNT_PAGE = 1000


def nearest_passages_body(
    vector: Sequence[float], doc_ids: Sequence[str], filters: Mapping[str, str]
) -> dict[str, Any]:
    """The best passage's score by meaning of each of `doc_ids` (a vector search among them
    only), for trends' relevance cut-off (`index.ranking.counts_as_relevant`)."""
    knn = {
        "field": EMBEDDING_FIELD,
        "query_vector": list(vector),
        "k": len(doc_ids),
        "num_candidates": knn_candidates(len(doc_ids)),
        "filter": [{"terms": {"doc_id": list(doc_ids)}}, *filter_clauses(filters)],
    }
    return {
        "size": len(doc_ids),
        "query": {"nested": {"path": PASSAGES_PATH, "score_mode": "max", "query": {"knn": knn}}},
        "_source": ["doc_id"],
    }


def count_query(
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    relevant: Sequence[str] = (),
    by_conditions: bool = False,
) -> dict[str, Any]:
    """Which documents a count covers: those with a passage holding every word and phrase of
    the query, whose coded case answers a concept it names, or among `relevant` (all documents
    for an empty query), restricted by the filters. Dense retrieval alone always returns k
    neighbours, so it cannot say how many documents are about something: only the few best
    answers about as near as the best one count by meaning. `by_conditions`: the filters hold
    conditions read from the question, and the trafficking cases passing them count too."""
    passage_query = lexical_passage_query(parsed, every_word=True)
    counted: list[dict[str, Any]] = []
    if passage_query is not None:
        counted.append({"nested": {"path": PASSAGES_PATH, "query": passage_query}})
        # A judgment whose coded case answers a concept the question names counts too, in
        # whatever language it is written (as on the embedded backend).
        if parsed.concepts:
            counted.append(coded_clause(parsed.concepts))
        # And the best answers by meaning that pass trends' relevance cut-off.
        if relevant:
            counted.append({"terms": {"doc_id": list(relevant)}})
        # And every trafficking case passing the conditions read from the question
        # (`index.question_filters.answered_by_conditions`).
        if by_conditions:
            counted.append({"term": {"is_trafficking_case": True}})
    must = [_any_of(counted)] if counted else [{"match_all": {}}]
    return {"bool": {"must": must, "filter": filter_clauses(filters)}}


def count_by_body(
    parsed: ParsedQuery,
    filters: Mapping[str, str],
    by: Sequence[str],
    after: Mapping[str, Any] | None = None,
    relevant: Sequence[str] = (),
    by_conditions: bool = False,
) -> dict[str, Any]:
    """A composite aggregation: one bucket per combination of values of `by`, documents
    without a value in a bucket of their own (`missing_bucket`). Page on with `after`; the
    documents counted are `count_query`'s."""
    if not by:
        raise ValueError("count_by needs at least one field")
    for field in by:
        if field not in COUNT_SOURCES:
            raise ValueError(f"cannot count by {field!r}; fields are: {', '.join(COUNT_FIELDS)}")
    composite: dict[str, Any] = {
        "size": COUNT_PAGE,
        "sources": [
            {field: {"terms": {"field": COUNT_SOURCES[field], "missing_bucket": True}}}
            for field in by
        ],
    }
    if after:
        composite["after"] = dict(after)
    return {
        "size": 0,
        "query": count_query(parsed, filters, relevant, by_conditions),
        "aggs": {"groups": {"composite": composite}},
    }


def provisions_body(
    topic: str | None, countries: Sequence[str] | None, *, size: int
) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = []
    if topic:
        clauses.append({"term": {"topics": topic}})
    if countries:
        clauses.append({"terms": {"country": [c.upper() for c in countries]}})
    return {
        "size": size,
        "query": {"bool": {"filter": clauses}} if clauses else {"match_all": {}},
        "sort": [{"country": "asc"}, {"doc_id": "asc"}, {"position": "asc"}],
    }
