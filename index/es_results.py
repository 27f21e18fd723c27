"""Turning Elasticsearch responses into tiplex records.

Passages come from the `inner_hits` of each hit. In hybrid mode a document may carry passages
from the lexical and the vector side and, for a coded answer, those holding its evidence; they
are fused per document by reciprocal rank. Highlight markers are turned into spans whose
offsets point into the document text: passage start + offset inside the passage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from index.backend import ProvisionHit
from index.es_mappings import ANALYZER_FAMILIES, text_field
from index.es_queries import (
    BM25_INNER_HITS,
    CODED_INNER_HITS,
    DENSE_INNER_HITS,
    HIGHLIGHT_POST,
    HIGHLIGHT_PRE,
)
from index.fusion import rrf_scores
from index.query import phrase_pattern
from index.ranking import CodedConcept, RankedDocument, coded_answer_passages
from index.words import merge_spans
from tiplex.records import PassageHit, Provision, SearchHit, Span

BOOLEAN_COUNT_FIELDS = frozenset(
    {"minors", "non_punishment_raised", "non_punishment_applied", "is_trafficking_case"}
)


def passage_text(source: Mapping[str, Any]) -> str:
    """The text of a stored passage or provision, from whichever language's field holds it."""
    for family in ANALYZER_FAMILIES:
        value = source.get(text_field(family))
        if isinstance(value, str):
            return value
    return ""


def marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without highlight markers, and the (start, end) of each marked run in it."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    opened: int | None = None
    for char in marked:
        if char == HIGHLIGHT_PRE:
            opened = length
        elif char == HIGHLIGHT_POST:
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), spans


def highlight_spans(
    highlight: Mapping[str, list[str]],
    passage_text: str,
    passage_start: int,
    phrases: Sequence[str] = (),
) -> tuple[Span, ...]:
    """Spans in document offsets from every highlighted field (stemmed and `.exact`) of one
    passage, overlapping runs merged. Each occurrence of a required phrase is one span, found
    in the text itself: highlighters mark a phrase's words one by one, and a passage found
    by its vector has no lexical highlights at all."""
    in_passage: list[tuple[int, int]] = []
    for phrase in phrases:
        in_passage.extend(m.span() for m in phrase_pattern(phrase).finditer(passage_text))
    for fragments in highlight.values():
        for fragment in fragments:
            plain, spans = marked_spans(fragment)
            # Whole-field highlighting returns the entire passage; anything else is located.
            shift = 0 if plain == passage_text else passage_text.find(plain)
            if shift < 0:
                continue
            in_passage.extend((shift + s, shift + e) for s, e in spans)
    return tuple(
        Span(start=passage_start + s, end=passage_start + e, text=passage_text[s:e])
        for s, e in merge_spans(in_passage)
    )


def _inner_hit_list(hit: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    inner = (hit.get("inner_hits") or {}).get(name) or {}
    return list((inner.get("hits") or {}).get("hits") or [])


def _passage_key(inner: Mapping[str, Any]) -> int:
    source = inner.get("_source") or {}
    if "ordinal" in source:
        return int(source["ordinal"])
    return int((inner.get("_nested") or {}).get("offset", -1))


def passages_of(
    hit: Mapping[str, Any], limit: int, phrases: Sequence[str] = ()
) -> tuple[PassageHit, ...]:
    """The best `limit` passages of one hit: lexical, vector and coded-evidence inner hits fused
    by rank when several are present, otherwise in the order (and with the score) Elasticsearch
    gave."""
    names = (BM25_INNER_HITS, DENSE_INNER_HITS, CODED_INNER_HITS)
    ranked_lists = [lst for lst in (_inner_hit_list(hit, name) for name in names) if lst]
    if len(ranked_lists) == 1:
        fused = {
            _passage_key(inner): float(inner.get("_score") or 0.0) for inner in ranked_lists[0]
        }
    else:
        fused = rrf_scores([_passage_key(inner) for inner in lst] for lst in ranked_lists)
    chosen: dict[int, Mapping[str, Any]] = {}
    highlights: dict[int, dict[str, list[str]]] = {}
    for inner_list in ranked_lists:
        for inner in inner_list:
            key = _passage_key(inner)
            chosen.setdefault(key, inner)
            for field, fragments in (inner.get("highlight") or {}).items():
                highlights.setdefault(key, {}).setdefault(field, []).extend(fragments)
    order = sorted(fused, key=lambda key: (-fused[key], key))[:limit]
    passages: list[PassageHit] = []
    for key in order:
        source = chosen[key].get("_source") or {}
        text = passage_text(source)
        start = int(source.get("start", 0))
        passages.append(
            PassageHit(
                text=text,
                start=start,
                end=int(source.get("end", start + len(text))),
                score=fused[key],
                highlights=highlight_spans(highlights.get(key, {}), text, start, phrases),
            )
        )
    return tuple(passages)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def search_hits(
    response: Mapping[str, Any], passages_per_hit: int, phrases: Sequence[str] = ()
) -> list[SearchHit]:
    hits: list[SearchHit] = []
    for hit in (response.get("hits") or {}).get("hits") or []:
        source = hit.get("_source") or {}
        hits.append(
            SearchHit(
                doc_id=str(source.get("doc_id") or hit.get("_id")),
                title=str(source.get("title") or ""),
                country=str(source.get("country") or ""),
                doc_type=str(source.get("doc_type") or ""),
                source_url=str(source.get("url") or ""),
                score=float(hit.get("_score") or 0.0),
                passages=passages_of(hit, passages_per_hit, phrases),
                language=str(source.get("language") or ""),
                decision_date=_optional_str(source.get("decision_date")),
                court=_optional_str(source.get("court")),
                case_number=_optional_str(source.get("case_number")),
            )
        )
    return hits


# 1 == True and 0 == False as dict keys, so this also reads numeric keys.
_BOOLEAN_KEYS: dict[Any, bool] = {True: True, False: False, "true": True, "false": False}


def _group_value(field: str, value: Any) -> Any:
    """Booleans as bool (the cluster may answer 1/0 or "true"/"false"), years as int."""
    if value is None:
        return None
    if field in BOOLEAN_COUNT_FIELDS:
        return _BOOLEAN_KEYS.get(value, value)
    if field == "year":
        return int(value)
    return value


def count_groups(buckets: Iterable[Mapping[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """Composite buckets as `{field: value, ..., "count": n}` dicts (not yet sorted)."""
    groups = []
    for bucket in buckets:
        key = bucket["key"]
        group = {field: _group_value(field, key.get(field)) for field in by}
        group["count"] = int(bucket["doc_count"])
        groups.append(group)
    return groups


def sort_groups(groups: list[dict[str, Any]], by: Sequence[str]) -> list[dict[str, Any]]:
    """By the group values, field by field; a missing value sorts after every value."""
    return sorted(
        groups, key=lambda g: tuple((g[f] is None, g[f] if g[f] is not None else 0) for f in by)
    )


def provision_hits(response: Mapping[str, Any]) -> list[ProvisionHit]:
    found: list[ProvisionHit] = []
    for hit in (response.get("hits") or {}).get("hits") or []:
        source = hit.get("_source") or {}
        provision = Provision(
            doc_id=str(source["doc_id"]),
            number=str(source.get("number") or ""),
            heading=str(source.get("heading") or ""),
            text=passage_text(source),
            start=int(source.get("start", 0)),
            end=int(source.get("end", 0)),
            topics=tuple(source.get("topics") or ()),
            actip_articles=tuple(source.get("actip_articles") or ()),
        )
        found.append(
            ProvisionHit(
                doc_id=provision.doc_id,
                title=str(source.get("title") or ""),
                country=str(source.get("country") or ""),
                language=str(source.get("language") or ""),
                source_url=str(source.get("source_url") or ""),
                provision=provision,
            )
        )
    return found


def evidence_passages(
    source: Mapping[str, Any], concepts: Sequence[CodedConcept], limit: int
) -> list[dict[str, Any]]:
    """Inner hits (as a query's would read) for the stored passages of a coded answer that
    hold the evidence of its concepts, in document order; its first passage if none does."""
    stored = sorted(source.get("passages") or (), key=lambda p: int(p.get("ordinal", 0)))
    bounds = [(int(p["start"]), int(p["end"])) for p in stored]
    chosen = coded_answer_passages(source.get("facts") or {}, concepts, bounds, limit)
    return [{"_source": stored[n], "_score": 0.0} for n in chosen]


def coded_answer_hits(
    response: Mapping[str, Any], concepts: Sequence[CodedConcept], passages_per_hit: int
) -> list[dict[str, Any]]:
    """The hits of `es_queries.coded_body`, shaped like a search's: their evidence passages as
    inner hits, the facts and passages they were chosen from left out of the source."""
    hits = []
    for hit in (response.get("hits") or {}).get("hits") or []:
        source = dict(hit.get("_source") or {})
        passages = evidence_passages(source, concepts, passages_per_hit)
        source.pop("facts", None)
        source.pop("passages", None)
        hits.append(
            {
                **hit,
                "_source": source,
                "_score": 0.0,
                "inner_hits": {CODED_INNER_HITS: {"hits": {"hits": passages}}},
            }
        )
    return hits


class HitPool:
    """The hits of several searches over the documents index, each document once (its inner
    hits from every search that found it), numbered so the shared fusion
    (`index.hybrid_fusion`) can rank them; a ranking read back becomes a response."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._hits: list[dict[str, Any]] = []

    def ranking(self, hits: Iterable[Mapping[str, Any]]) -> list[RankedDocument]:
        """One search's hits, best first, as documents (their passages stay in the pool)."""
        ranked = []
        for hit in hits:
            doc = str(hit["_id"])
            number = self._numbers.get(doc)
            if number is None:
                number = self._numbers[doc] = len(self._hits)
                self._hits.append({**hit, "inner_hits": {}})
            self._hits[number]["inner_hits"].update(hit.get("inner_hits") or {})
            ranked.append(RankedDocument(number, float(hit.get("_score") or 0.0), ()))
        return ranked

    @property
    def languages(self) -> dict[int, str]:
        """Each document's language, by number."""
        return {
            number: str((hit.get("_source") or {}).get("language") or "").lower()
            for number, hit in enumerate(self._hits)
        }

    def response(self, ranked: Sequence[RankedDocument]) -> dict[str, Any]:
        """A search response holding `ranked`'s documents in its order, with its scores."""
        return {
            "hits": {
                "hits": [{**self._hits[d.doc_rowid], "_score": d.score} for d in ranked],
            }
        }
