"""Fusing ranked passage lists and scoring documents from their passages; the tuned weights."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from index.e5 import E5_MODEL
from index.embeddings import PACKAGED_MODEL, embedder_languages, evidence_passages
from index.fusion import rrf_scores

if TYPE_CHECKING:
    from index.backend import Embedder

# A document's score is its best passage's plus this share of its second best: several good
# passages are stronger evidence than one, but one excellent passage should still win.
SECOND_PASSAGE_WEIGHT = 0.25
# The dense ranking's weight in hybrid fusion, per model (the name, options left out), chosen on
# the judged queries' "tune" split over the whole corpus. For the packaged all-MiniLM-L6-v2 every
# weight tried lost to the lexical ranking alone (English questions, nDCG@10 0.452 lexical,
# 0.449 at 0.1, 0.445 at 0.25, 0.416 at 0.6; re-ordering only the English documents among
# themselves, dense feedback from the top lexical hits and English concept cards of Indonesian
# judgments lost too), so with it hybrid ranks lexically and skips the dense side.
# multilingual-e5-small, chosen on the tune split of the judged questions (20 questions,
# nDCG@10 of BM25 alone 0.545). One weight for every pair: 0.3 gave 0.544, 0.5 0.550, 0.6
# 0.559, 0.7 0.558. A weight for questions in the documents' language and another for other
# pairs: 0.2/0.7 0.566, 0.35/0.7 0.567, 0.2/0.85 0.597, 0.1/0.95 0.609, 0.2/0.95 0.610.
# Across languages the lexical side matches only names and numbers, so meaning decides there.
# Re-tuned with 95 judged questions (31 in the tune split), a Malay document now counting as
# in the language of an Indonesian/Malay question (below): 0.2/0.95 gave 0.698 on the
# questions not in English, 0.1/0.95 0.700, 0.0/0.95 0.692, 0.1/0.8 0.677, 0.2/0.8 0.684.
# Checked again once a question without function words ("kerangkeng manusia", "Pasal 18 UU
# 21/2007") took the language of its best lexical matches instead of counting as a stranger
# to every document (`question_language`); Indonesian and Malay questions of the tune split
# (17; BM25 0.701): 0.0/0.95 0.707, 0.05/0.95 0.716, 0.1/0.95 0.716, 0.15/0.95 0.713,
# 0.2/0.95 0.707, 0.1/0.5 0.697, 0.1/0.0 0.692; Indonesian ones alone (10; BM25 0.720) 0.720
# at 0.0, 0.718 at 0.05, 0.716 at 0.1 (searching 10 deep). Measured as `tiplex eval retrieval`
# searches (50 deep, where fusion looks further down), an Indonesian question loses to BM25 alone
# (0.710 on the 10 Indonesian tune questions) with any dense weight over documents in its own
# language: 0.702 at 0.05, 0.695 at 0.1, 0.686 at 0.15. So for a question read as Indonesian or
# Malay, BM25 leads over Indonesian and Malay documents (weight 0) and meaning only bridges to
# other languages (0.95): Indonesian 0.710 (BM25 0.710), Malay 0.684 (BM25 0.670), both 0.699.
# Weights over Malay documents apart, with 0 over Indonesian ones: 0.1 0.697, 0.3 0.695, 0.5
# 0.700, 0.95 0.700 (noise around 0); 0.05 over Indonesian ones loses Indonesian questions again.
TUNED_LANGUAGE_WEIGHTS: dict[str, dict[str, tuple[float, float | None]]] = {
    E5_MODEL: {"id": (0.0, 0.95)}
}
TUNED_DENSE_WEIGHTS: dict[str, float] = {PACKAGED_MODEL: 0.0, E5_MODEL: 0.1}
TUNED_CROSS_WEIGHTS: dict[str, float] = {E5_MODEL: 0.95}
# English questions whose words are translated into the other languages' (index.crosslingual):
# the documents of each side are ranked apart, then interleaved. Chosen on the tune split (31
# questions, 13 English; all: nDCG@10 0.581 before, English 0.419): the other languages'
# documents rank by the translated words alone (share 1.0; 0.9 with their dense ranking gave
# 0.611 at the chosen share, 0.8 0.601), and their list counts OTHER_LANGUAGE_SHARE against
# the English list's rest. 0.5 gave 0.615, 0.51 0.626, 0.52 0.624, 0.54 and above 0.621; on
# the English questions over non-English judgments 0.46, 0.52, 0.56 and 0.59. 0.52 trades one
# question of the first for four points of the second.
# Re-checked with 59 tune questions (35 in English; hybrid nDCG@10 all / English): 1.0 0.566 /
# 0.537, 0.8 0.566 / 0.538, 0.6 0.548 / 0.507. Mixing in a dense ranking of the other
# languages by the question's vector moved towards the translated words' first documents
# (pseudo-relevance feedback: the question's vector plus the mean of the nearest embedded
# passage of each of the first 3) gave 0.574 / 0.550 at 0.8 on the tune split, but lost on the
# held-out questions (one look, fresh index: English over other languages 0.455 -> 0.446, all
# 0.534 -> 0.529), so it was not kept. Nor was a dense ranking of the other languages by the
# translated words themselves, embedded as a question (0.570 / 0.543 at 0.8, 0.557 / 0.522 at
# 0.6). Nor was a dense re-ranking of the translated words' candidates among themselves (each
# by its passages' nearness to the question, fused with the translated words' ranking; fresh
# index, all / English / English answered mostly in other languages, 0.566 / 0.537 / 0.516
# without): 0.1 0.574 / 0.551 / 0.531, 0.2 0.572 / 0.547 / 0.528, 0.3 0.565 / 0.535 / 0.513,
# 0.5 0.546 / 0.504 / 0.478. A point on 35 questions, the size of the gain that did not carry; not
# scored on the held-out questions. A round later, a ceiling for embedding more of each judgment:
# the candidates re-ranked by their passages' nearness to the question (the nearest plus a quarter
# of the second, as documents are scored), every passage embedded on the spot (English answered
# mostly in other languages, 0.516 without). Each passage's first 128 tokens: first 20 candidates
# 0.1 0.515, 0.5 0.520, 1.0 (meaning alone) 0.480; first 50 0.1 0.517, 0.3 0.527, 0.5 0.507, 1.0
# 0.455; all (up to 100) 0.1 0.520, 0.3 0.521, 0.5 0.497. First 10, each passage whole, up to 512
# tokens: 0.3 0.517, 0.5 0.516, 1.0 0.489. The model orders these candidates no better than the
# translated words, however much of each judgment it reads. Re-measure with `python -m
# index.rerank_ceiling` (`--candidates`, `--reader ...#max512`, `--shares`); on an index ingested
# again from empty, first 20 at 128 tokens: 0.517 as searched, 0.1 0.517, 0.5 0.518, 1.0 0.479.
TRANSLATED_SHARE = 1.0
# When conditions were read from the question into filters (`index.question_filters`), every
# candidate shares the words the conditions were stated in ("convicted", "trafficking law",
# "restitution"), and the translated words rank the other languages' few candidates poorly:
# their meaning decides more. On the tune split's four English questions with a condition read
# (mean nDCG@10): share 1.0 gave 0.436, 0.5 0.477, 0.3 0.602, 0.15 0.664, 0.0 0.675.
CONDITIONED_TRANSLATED_SHARE = 0.15
# A thesaurus expansion (a concept's terms in the other languages) counts this much of one of
# the query's own words: it finds answers written in another language, but it is a looser
# match than the words the user chose. Chosen on the judged queries' "tune" split.
EXPANSION_WEIGHT = 0.5
# On the translated side the thesaurus's terms in the other languages ("kerja paksa", "jeratan
# utang" for "forced labour", "debt bondage") are the surest translation there is: phrases a
# person chose, where the word-by-word lookup guesses. There they count this many times a
# translated word (in the question's own language, half: they are looser than its words).
# Chosen on the English questions of the tune split (13; hybrid nDCG@10, English questions
# answered mostly in other languages in brackets): 0.5 0.552 (0.602), 1 0.557 (0.610),
# 2 0.560 (0.613), 3 0.566 (0.622), 5 0.547 (0.595). Re-checked with the 59 tune questions (all /
# English / English answered mostly in other languages): 1 0.556 / 0.519 / 0.496, 2 0.562 / 0.530 /
# 0.508, 3 0.566 / 0.537 / 0.516, 4 0.568 / 0.541 / 0.520: flat from 3, kept.
TRANSLATED_EXPANSION_WEIGHT = 3.0
# OTHER_LANGUAGE_SHARE re-checked with the settings above (tune English questions as `tiplex
# eval retrieval` searches, those answered mostly in other languages in brackets): 0.5 0.570
# (0.560), 0.51 0.598 (0.621), 0.52 0.583 (0.641), 0.53 0.571 (0.646), 0.55 and above 0.552
# (0.638); a TRANSLATED_SHARE of 0.9 moved each by under 0.01. Both kept. Re-checked with the
# lead below and the other languages' dense ranking searched among their own passages (not
# the few of them in the whole index's nearest): 1.0 0.666 (0.648), 0.8 0.583 (0.602), 0.6
# 0.509 (0.494). Word matches rank those documents better than the model's neighbours do.
# Re-checked a round later on a fresh index (59 tune questions; all / English / English answered
# mostly in other languages): 0.52 0.566 / 0.537 / 0.516, 0.55 to 0.7 0.573 / 0.549 / 0.530.
# Not taken: for 29 of the 35 English tune questions no English passage holds most of the
# question's words, so the other languages lead by default, and from 0.55 they fill the first
# ten alone; an English question about Philippine or Singaporean cases, worded unlike them,
# would then show no English judgment at all.
OTHER_LANGUAGE_SHARE = 0.52
# That share goes to the side that leads; the other side gets the rest. A fixed lead for the
# other languages put six of their documents above the first English one for every English
# question, those answered by English judgments ("qualified trafficking of a minor") and
# English bills included. The model tells the two apart: it leans towards the question's own
# language, so when the nearest passage in another language is about as near the question as
# the nearest English one, the answer is likely in that language. The other languages lead
# when their nearest passage is within LEAD_MARGIN (cosine) of the question's own language's.
# Seen on the 13 English tune questions: every one answered mostly in other languages had its
# nearest foreign passage within 0.032 of the nearest English one (most within 0.005); those
# answered in English 0.042 to 0.080 below. Chosen on the tune split (hybrid nDCG@10 of the
# English questions; the 9 answered mostly in other languages in brackets; 31 questions in
# all), with English questions whose words do not tell their language translated too: a fixed
# lead (as before) 0.555 (0.641), all 0.631; margin 0.0 0.466 (0.359); 0.01 0.615 (0.575);
# 0.02, 0.03, 0.035 and 0.04 0.666 (0.648), all 0.677; 0.05 0.620 (0.648). With the lead
# decided so, a leading share of 0.5 gave 0.554 (0.560), 0.51 0.657 (0.637), 0.55 and above
# 0.677 (0.654): 0.52 is kept, since it still lets the trailing side's best documents into
# the first ten when the lead is misjudged (above 0.55 the leader fills them alone).
LEAD_MARGIN = 0.03
# When the question's own language leads, the other languages still get this share: their
# first document comes after three of the own language's, not six. The held-out questions
# answered mostly in other languages lost with the symmetric 0.48 (0.443 -> 0.382): their
# nearest foreign passage is more often far below the nearest English one than on the tune
# split, so an English lead is the likelier misjudgement. Tune split (as above): 0.48 0.666
# (0.648), 0.485 0.675 (0.660), 0.49 0.673 (0.661), 0.495 0.671 (0.662), 0.499 0.663 (0.663);
# at 0.49 the margin may be 0.02 to 0.04 alike. Held out, 0.49 still lost (0.409): the
# question's language now leads only when, besides, one of its passages holds every word of
# the question (`embedded_search.documents_matching`), two signals agreeing before the answers
# in other languages are put behind. Tune: English 0.628 (0.641), all 0.661; held out:
# English 0.471 (0.455), all 0.599 (before these changes 0.437 (0.443), all 0.585).
OTHER_LANGUAGE_SHARE_BEHIND = 0.49
# "Holds every word" was too strict a test for a long question: "bringing a foreign woman into
# Singapore for prostitution", answered only by Singapore judgments, has no passage with
# "bringing" among the others, so Indonesian judgments led its answer (nDCG@10 0.18, BM25
# 0.57). Measured on the tune split's English questions, the largest share of a question's
# words that one English passage holds is 0.80 to 1.00 on the five answered in English and
# 0.29 to 0.67 on the eight answered in other languages: a passage in the question's language
# must now hold three quarters of its words (rounded up: 3 of 4, 4 of 5, 5 of 6).
OWN_WORDS_SHARE = 0.75


# The same rule for Elasticsearch's `minimum_should_match`: it rounds the words that may be
# missing down, so "-25%" asks for n - floor(n / 4) = ceil(3n / 4) words, as below.
OWN_WORDS_MINIMUM_SHOULD_MATCH = f"-{round(100 * (1 - OWN_WORDS_SHARE))}%"


def own_words_required(words: int) -> int:
    """How many of a question's `words` one passage in its language must hold for that
    language to lead (`OWN_WORDS_SHARE`, rounded up)."""
    return math.ceil(OWN_WORDS_SHARE * words - 1e-9)


# Query language detection tells Indonesian from English, not from Malay (`query_language`
# says "id" for both): a Malay bill is in the language of such a question, not another one.
QUERY_LANGUAGE_OF = {"ms": "id"}
# A model nobody has tuned for gets this share: enough for its neighbours to move documents,
# not enough to outvote a strong lexical match. `TIPLEX_HYBRID_DENSE_WEIGHT` overrides both.
UNTUNED_DENSE_WEIGHT = 0.25


@dataclass(frozen=True, slots=True)
class ScoredPassage:
    passage_id: int
    doc_rowid: int
    score: float


@dataclass(frozen=True, slots=True)
class RankedDocument:
    doc_rowid: int
    score: float
    passages: tuple[ScoredPassage, ...]  # best first, at most passages_per_hit


def reciprocal_rank_fusion(rankings: Iterable[Sequence[ScoredPassage]]) -> list[ScoredPassage]:
    """One list from several best-first lists: score = sum of 1 / (RRF_K + rank)."""
    lists = [list(ranking) for ranking in rankings]
    docs = {p.passage_id: p.doc_rowid for ranking in lists for p in ranking}
    fused = rrf_scores([p.passage_id for p in ranking] for ranking in lists)
    ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
    return [ScoredPassage(pid, docs[pid], score) for pid, score in ordered]


def rank_documents(
    passages: Sequence[ScoredPassage], k: int, passages_per_hit: int
) -> list[RankedDocument]:
    """Documents scored from their best passages, best first, with their top passages."""
    by_doc: dict[int, list[ScoredPassage]] = {}
    for passage in sorted(passages, key=lambda p: (-p.score, p.passage_id)):
        by_doc.setdefault(passage.doc_rowid, []).append(passage)
    ranked = []
    for doc_rowid, found in by_doc.items():
        score = found[0].score
        if len(found) > 1:
            score += SECOND_PASSAGE_WEIGHT * found[1].score
        ranked.append(RankedDocument(doc_rowid, score, tuple(found[: max(1, passages_per_hit)])))
    ranked.sort(key=lambda d: (-d.score, d.doc_rowid))
    return ranked[:k]


@dataclass(frozen=True, slots=True)
class DenseWeighting:
    """How much the dense ranking counts in hybrid fusion, for a query and a document."""

    weight: float
    # The languages the model reads (its passages have vectors only in these); None: all.
    languages: frozenset[str] | None = None
    # The share where the question's language is not the document's: there the lexical side
    # can match only shared names and numbers, and meaning is what finds the document.
    cross_weight: float | None = None
    # Question language -> (weight, cross_weight) where the tune split chose others for it.
    by_language: Mapping[str, tuple[float, float | None]] = field(default_factory=dict)

    def reads(self, query_language: str) -> bool:
        """Whether the model reads the query's language: then its neighbours may at least fill
        a hybrid answer that the lexical side leaves short (no word of the query occurs)."""
        return self.languages is None or query_language in self.languages

    def _weights(self, query_language: str) -> tuple[float, float | None]:
        return self.by_language.get(query_language, (self.weight, self.cross_weight))

    def has_say(self, query_language: str) -> bool:
        """Whether the dense side can move any document for a query in this language: a
        model's neighbours mean nothing for a question in a language it does not read."""
        weight, cross = self._weights(query_language)
        return (weight > 0.0 or (cross or 0.0) > 0.0) and self.reads(query_language)

    def for_pair(self, query_language: str, document_language: str) -> float:
        if not self.has_say(query_language):
            return 0.0
        if self.languages is not None and document_language not in self.languages:
            return 0.0
        weight, cross = self._weights(query_language)
        if cross is not None and query_language != QUERY_LANGUAGE_OF.get(
            document_language, document_language
        ):
            return cross
        return weight


def dense_weighting(
    embedder: Embedder, override: float | None = None, cross_override: float | None = None
) -> DenseWeighting:
    """The weighting for `embedder`: `override` (and `cross_override` for pairs of different
    languages) when given, else the weights tuned for its model, else `UNTUNED_DENSE_WEIGHT`."""
    model = embedder.model_id.partition("#")[0]
    weight = override if override is not None else TUNED_DENSE_WEIGHTS.get(model)
    cross = cross_override if cross_override is not None else TUNED_CROSS_WEIGHTS.get(model)
    overridden = override is not None or cross_override is not None
    return DenseWeighting(
        UNTUNED_DENSE_WEIGHT if weight is None else weight,
        embedder_languages(embedder),
        cross if cross is not None else (override if override is not None else None),
        {} if overridden else TUNED_LANGUAGE_WEIGHTS.get(model, {}),
    )


def language_of_matches(document_languages: Sequence[str]) -> str:
    """The question language that the languages of its best matches point to (Malay counts
    as Indonesian, as in `QUERY_LANGUAGE_OF`), or "und" when they do not agree on one."""
    votes = Counter(QUERY_LANGUAGE_OF.get(lang, lang) for lang in document_languages if lang)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return "und"
    return ranked[0][0]


def fill_documents(
    lexical: Sequence[RankedDocument], dense: Sequence[RankedDocument], k: int
) -> list[RankedDocument]:
    """The lexical ranking, then, where it holds fewer than `k` documents, the dense ranking's
    other documents after it: found by meaning alone, they rank below every lexical match."""
    ranked = list(lexical[:k])
    seen = {d.doc_rowid for d in ranked}
    extra = [d for d in dense if d.doc_rowid not in seen][: max(0, k - len(ranked))]
    # Scores step down evenly from just below the last lexical one, so they read in rank order.
    ceiling = min((d.score for d in ranked), default=1.0)
    step = ceiling / (len(extra) + 1)
    for position, document in enumerate(extra, start=1):
        ranked.append(
            RankedDocument(document.doc_rowid, ceiling - position * step, document.passages)
        )
    return ranked


def fuse_documents(
    lexical: Sequence[RankedDocument],
    dense: Sequence[RankedDocument],
    dense_weights: Mapping[int, float],
    k: int,
    passages_per_hit: int,
) -> list[RankedDocument]:
    """Weighted reciprocal rank fusion of two document rankings: a document with dense weight
    w (from `dense_weights` by doc rowid, 0 when absent) scores
    (1 - w) / (RRF_K + lexical rank) + w / (RRF_K + dense rank). The weights of each document
    sum to one, so where the dense side has no say a document keeps its whole lexical score:
    adding dense evidence to English documents only would otherwise push every answer in
    another language down. Passages are the lexical ones, then the dense ones."""

    def share(ranking: int, doc: int) -> float:
        weight = dense_weights.get(doc, 0.0)
        return 1.0 - weight if ranking == 0 else weight

    scores = rrf_scores(([d.doc_rowid for d in lexical], [d.doc_rowid for d in dense]), share)
    passages: dict[int, list[ScoredPassage]] = {}
    for document in lexical:
        scores.setdefault(document.doc_rowid, 0.0)  # all its share went to the dense side
        passages[document.doc_rowid] = list(document.passages)
    for document in dense:
        doc = document.doc_rowid
        if dense_weights.get(doc, 0.0) <= 0.0:
            continue
        have = passages.setdefault(doc, [])
        known = {p.passage_id for p in have}
        have.extend(p for p in document.passages if p.passage_id not in known)
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    per_hit = max(1, passages_per_hit)
    return [RankedDocument(doc, score, tuple(passages[doc][:per_hit])) for doc, score in ordered]


def interleave_languages(
    own: Sequence[RankedDocument],
    other: Sequence[RankedDocument],
    k: int,
    passages_per_hit: int,
    other_share: float = OTHER_LANGUAGE_SHARE,
) -> list[RankedDocument]:
    """Two rankings of disjoint documents (those in the question's language, and the rest)
    merged by weighted reciprocal rank: `other_share` for the second list, the rest for the
    first. Each side is ranked by its own evidence, so neither side's scores need to be
    comparable with the other's."""
    shares = {d.doc_rowid: other_share for d in (*own, *other)}
    return fuse_documents(own, other, shares, k, passages_per_hit)


def other_languages_lead(
    nearest: Mapping[int, float], languages: Mapping[int, str], question_language: str
) -> bool:
    """Whether the documents not in the question's language lead the interleaved answer: their
    nearest passage (`nearest`: each document's best cosine) is within `LEAD_MARGIN` of the
    nearest in the question's language (`languages`: each document's). Without any passage in
    another language among `nearest`, they do not."""
    own = [c for doc, c in nearest.items() if languages.get(doc) == question_language]
    other = [c for doc, c in nearest.items() if languages.get(doc) != question_language]
    if not other:
        return False
    return max(other) >= max(own, default=-1.0) - LEAD_MARGIN


def as_scored(rows: Iterable[tuple[int, int, float]]) -> list[ScoredPassage]:
    return [ScoredPassage(int(pid), int(doc), float(score)) for pid, doc, score in rows]


@dataclass(frozen=True, slots=True)
class CodedConcept:
    """A thesaurus concept that a coded field answers: a judgment coded with it answers a
    question naming the concept in whatever words and language it does so."""

    column: str  # the documents' column that is 1 when the coded case answers the concept
    facts_field: str  # the CaseFacts field whose evidence spans show where
    first: str  # the column whose 1s rank first among the answers


CODED_CONCEPTS = {
    "non_punishment": CodedConcept(
        "non_punishment_raised", "non_punishment", first="non_punishment_applied"
    )
}


def evidence_spans(value: Any) -> list[tuple[int, int]]:
    """Every evidence span (a mapping with integer `start`, `end` and a `text`) in a record's
    JSON form, however deep."""
    if isinstance(value, Mapping):
        if (
            isinstance(value.get("start"), int)
            and isinstance(value.get("end"), int)
            and "text" in value
        ):
            return [(value["start"], value["end"])]
        return [span for item in value.values() for span in evidence_spans(item)]
    if isinstance(value, list | tuple):
        return [span for item in value for span in evidence_spans(item)]
    return []


def coded_answer_passages(
    facts: Mapping[str, Any],
    concepts: Sequence[CodedConcept],
    bounds: Sequence[tuple[int, int]],
    limit: int,
) -> list[int]:
    """Which passages a coded answer shows, by index into `bounds` (their `(start, end)`, in
    document order): those holding the evidence of `concepts` in its coded case (`facts`, the
    JSON form), else its first passage; at most `limit` (at least one)."""
    spans = [
        span for concept in concepts for span in evidence_spans(facts.get(concept.facts_field))
    ]
    holding = sorted(evidence_passages(spans, bounds))
    return (holding or list(range(min(1, len(bounds)))))[: max(1, limit)]


# Trends of a research question count a judgment by relevance when it is among the question's
# TREND_DEPTH best hybrid answers and its best passage is within TREND_COSINE_MARGIN (cosine)
# of the nearest passage among those answers: the ranking says which answers come first, the
# margin which of them are about as near the question as the best one (a cut-off on the cosine
# itself does not carry across questions or languages). Besides, a judgment whose passage holds
# every word of the question, or whose coded case answers its concept, always counts.
# Calibrated on the tune split (31 questions; micro precision, an unjudged document counting
# as wrong, and micro recall of the judged relevant ones) as the setting with the most recall
# whose precision is at least 0.6. Words and codes alone: 0.583 / 0.245, 22 questions counting
# nothing. Depth 5, margin 0.0 0.600 / 0.280; 0.005 0.600 / 0.286; 0.01 0.601 / 0.317; 0.015
# 0.594 / 0.331; 0.02 0.591 / 0.342. Depth 10: 0.01 0.600 / 0.315, 0.02 0.575 / 0.358. Depth 20:
# 0.01 0.584 / 0.317. The bar set by the nearest passage of the whole index instead (depth 10,
# margin 0.01) gave 0.603 / 0.296 with 5 questions counting nothing (English questions: their
# nearest passage is in an English document the interleaved answer puts lower); the first 3
# answers whatever their cosine 0.581 / 0.327; a fixed cosine cut-off over the whole index never
# reached 0.6 (0.89: 0.568 / 0.251; 0.86: 0.257 / 0.414). Re-checked with 59 tune questions
# (`python -m index.trend_quality --split tune`): depth 5, margin 0.01 0.557 / 0.233; depth 10,
# 0.01 0.520 / 0.230, 0.02 0.503 / 0.273; depth 20, 0.02 0.445 / 0.294, 0.03 0.385 / 0.334.
# Deeper answers bring in more wrong documents than right ones: kept.
TREND_DEPTH = 5
TREND_COSINE_MARGIN = 0.01


def counts_as_relevant(ranked: Sequence[int], best_cosine: Mapping[int, float]) -> set[int]:
    """Of the first `TREND_DEPTH` documents of a question's hybrid answer (`ranked`, best
    first, doc rowids), those whose best passage's cosine (`best_cosine`) is within
    `TREND_COSINE_MARGIN` of the best among them."""
    answers = [doc for doc in ranked[:TREND_DEPTH] if doc in best_cosine]
    if not answers:
        return set()
    top = max(best_cosine[doc] for doc in answers)
    return {doc for doc in answers if best_cosine[doc] >= top - TREND_COSINE_MARGIN}
