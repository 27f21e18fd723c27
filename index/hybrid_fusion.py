"""Hybrid fusion as both search backends do it, written once.

The embedded backend and Elasticsearch find their candidates differently (FTS5 and a vector
matrix; nested BM25 and kNN queries), but once each side is a best-first list of documents,
the rest is the same decision: how much the dense side counts for this question's language and
each document's (`index.ranking.DenseWeighting`, with the tuned weights), whether an English
question's translated words rank the other languages' documents apart, and how the documents
whose coded case answers the question join in. Documents are keyed by an int: the embedded
backend's rowids, or Elasticsearch hits numbered in the order first met.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from index.crosslingual import SOURCE_LANGUAGE
from index.query import named_concepts
from index.question_filters import answered_by_conditions
from index.ranking import (
    CODED_CONCEPTS,
    CONDITIONED_TRANSLATED_SHARE,
    OTHER_LANGUAGE_SHARE,
    OTHER_LANGUAGE_SHARE_BEHIND,
    TRANSLATED_SHARE,
    CodedConcept,
    DenseWeighting,
    RankedDocument,
    fill_documents,
    fuse_documents,
    interleave_languages,
    language_of_matches,
    other_languages_lead,
)
from tiplex.records import SearchQuery

# The coded answers are a ranking like any other: they and the search's ranking count alike.
CODED_SHARE = 0.5
LANGUAGE_VOTERS = 10  # best lexical matches whose language tells an undetected question's


def matched_language(
    detected: str, lexical: Sequence[RankedDocument], languages: Mapping[int, str]
) -> str:
    """The question's language: `detected` from its words when they tell, else the language
    most of its first `LANGUAGE_VOTERS` lexical matches are written in (`languages`: theirs).
    "kerangkeng manusia", "Pasal 18 UU 21/2007" and "debt bondage" carry no function word but
    match one language's texts."""
    if detected != "und" or not lexical:
        return detected
    return language_of_matches([languages.get(d.doc_rowid, "") for d in lexical[:LANGUAGE_VOTERS]])


def translates_question(question_language: str, weighting: DenseWeighting) -> bool:
    """Whether hybrid search looks an English question up in the other languages' words: only
    with a model that reads those languages (it is the one that translates the words)."""
    return (
        question_language == SOURCE_LANGUAGE
        and weighting.has_say(question_language)
        and (weighting.languages is None or len(weighting.languages) > 1)
    )


def fuse_hybrid(
    lexical: Sequence[RankedDocument],
    dense: Sequence[RankedDocument],
    languages: Mapping[int, str],
    question_language: str,
    weighting: DenseWeighting,
    k: int,
    passages_per_hit: int,
    translated: Sequence[RankedDocument] | None = None,
    nearest: Mapping[int, float] | None = None,
    translated_share: float = TRANSLATED_SHARE,
) -> list[RankedDocument]:
    """The lexical and dense document rankings fused, the dense one weighted per question
    language x document language. `languages` holds the language of every document in the
    rankings (one missing counts as in another language than the question's). `translated`:
    an English question's translated words' lexical ranking of the other languages'
    documents; then the question's language and the others are ranked apart and interleaved,
    the side whose nearest passage is nearer leading (`index.ranking.other_languages_lead`;
    `nearest`: each dense-ranked document's best passage cosine). The caller passes `nearest`
    only when a passage in the question's language holds most words of the question
    (`index.ranking.own_words_required`): without that, meaning alone is not enough for the
    question's language to lead (`None`: the other languages lead).
    Where the dense side has no say, the lexical ranking stands and the dense one only fills
    an answer shorter than `k`."""
    if not weighting.has_say(question_language):
        return fill_documents(lexical, dense, k)
    # Every document in either ranking gets its pair's weight: one the lexical side found and
    # the dense side did not keeps only its lexical share, as in plain weighted fusion.
    weights = {
        doc: weighting.for_pair(question_language, language) for doc, language in languages.items()
    }
    if translated is None:
        return fuse_documents(lexical, dense, weights, k, passages_per_hit)
    width = max(k, len(lexical))

    def own(ranking: Sequence[RankedDocument]) -> list[RankedDocument]:
        return [d for d in ranking if languages.get(d.doc_rowid) == question_language]

    def others(ranking: Sequence[RankedDocument]) -> list[RankedDocument]:
        return [d for d in ranking if languages.get(d.doc_rowid) != question_language]

    same = fuse_documents(own(lexical), own(dense), weights, width, passages_per_hit)
    dense_share = dict.fromkeys(languages, 1.0 - translated_share)
    rest = fuse_documents(others(translated), others(dense), dense_share, width, passages_per_hit)
    # Where the translated words find fewer documents than the answer needs (a filter narrows
    # the other languages to a few, or few words translate), meaning fills the rest, after them.
    rest = fill_documents(rest, others(dense), width)
    lead = nearest is None or other_languages_lead(nearest, languages, question_language)
    share = OTHER_LANGUAGE_SHARE if lead else OTHER_LANGUAGE_SHARE_BEHIND
    return interleave_languages(same, rest, k, passages_per_hit, share)


def translated_share_for(query: SearchQuery) -> float:
    """How much the translated words rank the other languages' documents against their
    meaning: less when the question's conditions were read into its filters."""
    if answered_by_conditions(query.text, query.filters):
        return CONDITIONED_TRANSLATED_SHARE
    return TRANSLATED_SHARE


def coded_concepts(text: str) -> list[CodedConcept]:
    """The coded concepts (`index.ranking.CODED_CONCEPTS`) a question names, in any of the
    thesaurus's languages."""
    return [CODED_CONCEPTS[c] for c in named_concepts(text) if c in CODED_CONCEPTS]


def joins_coded_answers(mode: str, phrases: Sequence[str]) -> bool:
    """Coded answers join hybrid search only: a quoted phrase or citation asks for those
    words, which a coded field cannot vouch for."""
    return mode == "hybrid" and not phrases


def join_coded(
    ranked: Sequence[RankedDocument],
    coded: Sequence[RankedDocument],
    k: int,
    passages_per_hit: int,
) -> list[RankedDocument]:
    """`ranked` fused with the coded answers (best first), each list at `CODED_SHARE`."""
    if not coded:
        return list(ranked[:k])
    shares = {d.doc_rowid: CODED_SHARE for d in (*ranked, *coded)}
    return fuse_documents(ranked, coded, shares, k, passages_per_hit)
