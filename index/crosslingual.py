"""English questions put into the words of the corpus's other languages, for the lexical side.

An English question over Indonesian judgments shares only names and numbers with them, so BM25
ranks English documents first and the multilingual model alone ranks them first too (its
neighbours lean towards the question's own language). A lexicon closes the gap: the frequent
words of the index's non-English documents, embedded once with the index's own model. A query
word is looked up among them by meaning ("recruited" -> "rekrut", "fruit" -> "buah"), and the
words found rank the non-English documents lexically, as an Indonesian question would.

The lexicon is built from the index, stored beside it, and rebuilt when the model changes or
the non-English part of the index has grown a lot. The commonest words of the field, where the
model's neighbours guess worst, are translated from a hand-written glossary instead
(`index.glossary`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.embeddings import one_blas_thread
from index.glossary import glossary_expressions, glossary_renderings
from index.query import ParsedQuery
from index.words import STOPWORDS, words

if TYPE_CHECKING:
    from index.backend import Embedder

LEXICON_NAME = "lexicon.npz"
SOURCE_LANGUAGE = "en"  # the language questions are translated from
# Every n-th passage of the non-English documents is read: the frequent words of a large
# index are all found in a quarter of it, at a quarter of the cost.
PASSAGE_SAMPLE = 4
SAMPLE_ABOVE = 20_000  # non-English passages from which sampling starts (below: read all)
MIN_KNOWN = 3  # occurrences in the sample that make a word "used in these documents"
MIN_TRANSLATABLE = 8  # occurrences that make a word worth embedding as a translation
# A word is a translation target only when it is at least this much more frequent (per word of
# text) in the non-English documents than in the English ones: English words quoted in
# Indonesian judgments ("ladies", "farm") would otherwise translate English into English.
FOREIGN_RATIO = 2.0
MIN_LETTERS = 3
# Chosen on the English questions of the judged tune split (13; hybrid nDCG@10): 0.86 gave
# 0.524, 0.88 0.524, 0.90 0.529, 0.92 0.538, 0.93 0.566, 0.94 0.564. A looser threshold brings
# in neighbours by spelling ("farm" -> "farmasi"); a tighter one drops real translations.
# At 0.90, a margin of 0.05 with 3 translations gave 0.482, 0.02 with 1 gave 0.528.
MIN_SIMILARITY = 0.93
MARGIN = 0.03  # translations within this of the best one are kept too ("wanita", "perempuan")
# Re-checked once the thesaurus's terms counted three times a translated word on the translated
# side (English tune questions, hybrid nDCG@10 as `tiplex eval retrieval` searches; those
# answered mostly in other languages in brackets): at most 2 translations 0.575 (0.629), 3 0.565
# (0.614), 1 0.583 (0.641); margin 0.05 with 2 0.575 (0.629); similarity 0.92 0.569 (0.621), 0.94
# 0.552 (0.596). With the concept terms carrying the phrases, a second guess per word is noise.
MAX_TRANSLATIONS = 1
# Tried on the 59 tune questions (35 English; hybrid nDCG@10 all / English, 0.566 / 0.537
# without): an English-Indonesian dictionary's translations (FreeDict eng-ind, 10,296
# headwords), those the other documents use, as one group per word beside these: 0.574 /
# 0.550; instead of these 0.560 / 0.527; only for words without a translation here 0.569 /
# 0.541. Leaving out the query words that those documents use only in English quotations
# ("women", "made", "day"): 0.553 / 0.516. Gains of a point on 35 questions did not carry to
# held-out questions before (see `index.ranking.TRANSLATED_SHARE`), so none was kept.
# Tried a round later, same 59 questions: the nearest target chosen by hubness-corrected similarity
# (twice the cosine less the mean cosine of each side's 10 nearest in the other vocabulary, so that
# targets near every English word, such as "rekrutmen", stop winning), at a corrected score of at
# least 0.0 (and a cosine of at least 0.85): 0.561 / 0.529; 0.02: 0.567 / 0.539. And two-word
# expressions translated by meaning: the 18,956 two-word expressions used 8 times or more in the
# sample of the non-English documents, embedded beside the words, each pair of adjacent question
# words rendered as its nearest one, as a group like a glossary expression, the words chosen as
# above: 0.529 / 0.474 at 0.02, 0.541 / 0.495 at 0.04. The model's nearest expression is right for
# some pairs ("job seekers" -> "pencari kerja", "apartment units" -> "unit apartemen") and wrong
# for as many ("pocket money" -> "scamming", "fixed sum" -> "maksim"), with no similarity that
# tells them apart. Neither was kept.
# Nearest lexicon words kept per English word (the threshold, margin and MAX_TRANSLATIONS,
# read at query time, then choose among them: they may be retuned without a rebuild as long as
# MAX_TRANSLATIONS stays at most this).
NEIGHBOURS = 8
# English words used at least this often in the sample of the English documents get their
# nearest lexicon words computed when the lexicon is built, so that a question made of them
# costs a lookup, not a model call (measured on the whole corpus: ~14,500 words; embedding a
# question's 5-7 words took ~100-250 ms, most of an English hybrid query).
ENGLISH_MIN_COUNT = MIN_KNOWN
LEARNED_WORDS = 50_000
SIMILARITY_BATCH = 1024  # English words compared with the lexicon at once (bounds memory)
REBUILD_GROWTH = 1.5  # rebuild when the non-English passages grew by this factor


@dataclass(frozen=True)
class Neighbours:
    """For each English word of the index's vocabulary, its `NEIGHBOURS` nearest lexicon
    words (rows of `Lexicon.vectors`) and their cosine similarities, nearest first: what
    `translations` would compute for the word, kept so a query only looks it up."""

    index: Mapping[str, int]  # English word -> row of `rows` and `similarities`
    rows: np.ndarray  # (words, NEIGHBOURS) int32
    similarities: np.ndarray  # (words, NEIGHBOURS) float32

    @classmethod
    def empty(cls) -> Neighbours:
        return cls(
            {},
            np.zeros((0, NEIGHBOURS), dtype=np.int32),
            np.zeros((0, NEIGHBOURS), dtype=np.float32),
        )

    def of(self, word: str) -> tuple[np.ndarray, np.ndarray] | None:
        row = self.index.get(word)
        if row is None:
            return None
        return self.rows[row], self.similarities[row]


@dataclass(frozen=True)
class Lexicon:
    """The words of an index's non-English documents, some with their vectors."""

    model_id: str
    passages: int  # non-English passages when built
    known: frozenset[str]  # words used in those documents (names, loanwords, anything)
    words: tuple[str, ...]  # translation targets, one per row of `vectors`
    vectors: np.ndarray  # (len(words), dimensions), L2-normalised
    # Precomputed nearest targets of the English vocabulary; None in a lexicon saved before
    # they were kept (`current_lexicon` adds them).
    neighbours: Neighbours | None = None
    # Translations of words outside that vocabulary, remembered once a question needed them
    # (in memory only, at most LEARNED_WORDS): a word is embedded once per process.
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not self.words

    @cached_property
    def targets(self) -> frozenset[str]:
        """`words` as a set: a query tests each of its words against them, and `words` holds
        thousands (9,199 on the whole corpus: ~1.2 ms CPU per six-word query as a tuple)."""
        return frozenset(self.words)

    def save(self, path: Path) -> None:
        meta = json.dumps({"model_id": self.model_id, "passages": self.passages})
        arrays: dict[str, np.ndarray] = {}
        if self.neighbours is not None:
            ordered = sorted(self.neighbours.index, key=self.neighbours.index.__getitem__)
            arrays = {
                "english": np.array(ordered, dtype=str),
                "neighbour_rows": self.neighbours.rows,
                "neighbour_similarities": self.neighbours.similarities,
            }
        temporary = path.with_suffix(".tmp.npz")
        np.savez(
            temporary,
            meta=np.array(meta),
            known=np.array(sorted(self.known)),
            words=np.array(self.words),
            vectors=self.vectors.astype(np.float16),
            **arrays,
        )
        temporary.replace(path)  # readers never see half a file

    @classmethod
    def load(cls, path: Path) -> Lexicon | None:
        if not path.exists():
            return None
        try:
            with np.load(path) as data:
                meta = json.loads(str(data["meta"]))
                neighbours = None
                if "english" in data.files:
                    rows = data["neighbour_rows"].astype(np.int32)
                    if rows.shape[1] >= MAX_TRANSLATIONS:  # else: too few kept, recomputed
                        neighbours = Neighbours(
                            {str(w): i for i, w in enumerate(data["english"])},
                            rows,
                            data["neighbour_similarities"].astype(np.float32),
                        )
                return cls(
                    model_id=str(meta["model_id"]),
                    passages=int(meta["passages"]),
                    known=frozenset(str(w) for w in data["known"]),
                    words=tuple(str(w) for w in data["words"]),
                    vectors=data["vectors"].astype(np.float32),
                    neighbours=neighbours,
                )
        except (OSError, ValueError, KeyError):
            return None  # damaged or from another version: rebuilt by the caller


def non_english_passages(db: sqlite3.Connection) -> int:
    row = db.execute(
        "SELECT COUNT(*) FROM passages p JOIN documents d ON d.rowid = p.doc_rowid "
        "WHERE lower(d.language) != ?",
        (SOURCE_LANGUAGE,),
    ).fetchone()
    return int(row[0])


def _word_counts(db: sqlite3.Connection, english: bool, step: int) -> Counter[str]:
    operator = "=" if english else "!="
    counts: Counter[str] = Counter()
    rows = db.execute(
        "SELECT p.text FROM passages p JOIN documents d ON d.rowid = p.doc_rowid "
        f"WHERE lower(d.language) {operator} ? AND p.id % ? = 0",
        (SOURCE_LANGUAGE, step),
    )
    for (text,) in rows:
        counts.update(
            w for w in words(text) if len(w) >= MIN_LETTERS and w.isalpha() and w not in STOPWORDS
        )
    return counts


def build_lexicon(db: sqlite3.Connection, embedder: Embedder) -> Lexicon:
    """The lexicon of the index in `db`, its words embedded with `embedder`."""
    passages = non_english_passages(db)
    step = PASSAGE_SAMPLE if passages > SAMPLE_ABOVE else 1
    foreign = _word_counts(db, english=False, step=step)
    english = _word_counts(db, english=True, step=step)
    foreign_total = max(1, sum(foreign.values()))
    english_total = max(1, sum(english.values()))
    targets = sorted(
        w
        for w, count in foreign.items()
        if count >= MIN_TRANSLATABLE
        and count / foreign_total > FOREIGN_RATIO * english.get(w, 0) / english_total
    )
    vectors = _word_vectors(embedder, targets) if targets else np.zeros((0, 0), np.float32)
    lexicon = Lexicon(
        model_id=embedder.model_id,
        passages=passages,
        known=frozenset(w for w, count in foreign.items() if count >= MIN_KNOWN),
        words=tuple(targets),
        vectors=vectors,
    )
    return with_neighbours(lexicon, english, embedder)


def _english_vocabulary(english: Counter[str], lexicon: Lexicon) -> list[str]:
    """The English words whose translations are worth computing ahead: used often enough,
    and not lexicon words themselves (those are never translated)."""
    return sorted(
        w for w, count in english.items() if count >= ENGLISH_MIN_COUNT and w not in lexicon.targets
    )


def nearest(lexicon: Lexicon, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The `NEIGHBOURS` nearest lexicon rows of each of `vectors` (one word per row) and their
    similarities, nearest first."""
    count = min(NEIGHBOURS, len(lexicon.words))
    rows = np.zeros((len(vectors), NEIGHBOURS), dtype=np.int32)
    similarities = np.full((len(vectors), NEIGHBOURS), -np.inf, dtype=np.float32)
    for begin in range(0, len(vectors), SIMILARITY_BATCH):
        with one_blas_thread():
            batch = vectors[begin : begin + SIMILARITY_BATCH] @ lexicon.vectors.T
        top = np.argpartition(-batch, count - 1, axis=1)[:, :count]
        top_scores = np.take_along_axis(batch, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        rows[begin : begin + len(batch), :count] = np.take_along_axis(top, order, axis=1)
        similarities[begin : begin + len(batch), :count] = np.take_along_axis(
            top_scores, order, axis=1
        )
    return rows, similarities


def with_neighbours(lexicon: Lexicon, english: Counter[str], embedder: Embedder) -> Lexicon:
    """`lexicon` with the nearest targets of the English vocabulary (`english`: word counts in
    the English documents) computed: one batched model call over every word at build time."""
    if lexicon.is_empty:
        return replace(lexicon, neighbours=Neighbours.empty())
    vocabulary = _english_vocabulary(english, lexicon)
    vectors = (
        _word_vectors(embedder, vocabulary)
        if vocabulary
        else np.zeros((0, lexicon.vectors.shape[1]), dtype=np.float32)
    )
    rows, similarities = nearest(lexicon, vectors)
    index = {word: i for i, word in enumerate(vocabulary)}
    return replace(lexicon, neighbours=Neighbours(index, rows, similarities))


def current_lexicon(directory: Path, db: sqlite3.Connection, embedder: Embedder) -> Lexicon:
    """The stored lexicon, rebuilt first when missing, made with another model, or built
    when the non-English part of the index was much smaller."""
    path = directory / LEXICON_NAME
    lexicon = Lexicon.load(path)
    passages = non_english_passages(db)
    if (
        lexicon is None
        or lexicon.model_id != embedder.model_id
        or passages > REBUILD_GROWTH * max(1, lexicon.passages)
    ):
        lexicon = build_lexicon(db, embedder)
        lexicon.save(path)
    elif lexicon.neighbours is None:  # saved without them: only they are computed
        step = PASSAGE_SAMPLE if passages > SAMPLE_ABOVE else 1
        lexicon = with_neighbours(lexicon, _word_counts(db, english=True, step=step), embedder)
        lexicon.save(path)
    return lexicon


def _word_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Vectors of single words, with the embedder's single-thread path if it has one (see
    `SentenceTransformerEmbedder.embed_few_passages_array`): a word is a few tokens, too little
    work to share between threads. Measured on the busy 2-core machine over 600 words: one
    thread 4.7 ms CPU (11 wall) per word, two threads 21 ms CPU (57 wall); same vectors."""
    few = getattr(embedder, "embed_few_passages_array", None)
    if callable(few):
        return np.asarray(few(texts), dtype=np.float32)
    return np.asarray(embedder.embed_passages(texts), dtype=np.float32)


def _chosen(lexicon: Lexicon, rows: np.ndarray, similarities: np.ndarray) -> list[str]:
    """The translations among a word's nearest lexicon words (nearest first): close enough,
    and within `MARGIN` of the nearest."""
    best = float(similarities[0])
    return [
        lexicon.words[row]
        for row, similarity in zip(rows.tolist(), similarities.tolist(), strict=True)
        if similarity >= MIN_SIMILARITY and similarity >= best - MARGIN
    ][:MAX_TRANSLATIONS]


def translations(
    terms: Sequence[str], lexicon: Lexicon, embedder: Embedder
) -> dict[str, tuple[str, ...]]:
    """For each query word, the lexicon words it may be written as in the other languages:
    itself when those documents use it (names, "restitusi"), and its nearest targets. Words of
    the English vocabulary have them precomputed; the others are embedded together."""
    found: dict[str, tuple[str, ...]] = {}
    # Shorter words are not in the lexicon, so their neighbours are noise: the "s" of
    # "victim's" became "sbs".
    wanted = [
        t for t in terms if t.isalpha() and len(t) >= MIN_LETTERS and t not in lexicon.targets
    ]
    near: dict[str, tuple[str, ...]] = {}
    if wanted and not lexicon.is_empty:
        neighbours = lexicon.neighbours or Neighbours.empty()
        unseen = []
        for term in wanted:
            known = neighbours.of(term)
            if known is not None:
                near[term] = tuple(_chosen(lexicon, *known))
            elif term in lexicon.learned:
                near[term] = lexicon.learned[term]
            else:
                unseen.append(term)
        if unseen:
            rows, similarities = nearest(lexicon, _word_vectors(embedder, unseen))
            for term, term_rows, term_similarities in zip(unseen, rows, similarities, strict=True):
                near[term] = tuple(_chosen(lexicon, term_rows, term_similarities))
                if len(lexicon.learned) < LEARNED_WORDS:
                    lexicon.learned[term] = near[term]
    for term in terms:
        own = (term,) if term in lexicon.known else ()
        found[term] = tuple(dict.fromkeys((*own, *near.get(term, ()))))
    return found


def translated_query(parsed: ParsedQuery, lexicon: Lexicon, embedder: Embedder) -> ParsedQuery:
    """`parsed` with its free words replaced by their translations (the glossary's words by
    their renderings, as concepts); phrases, citations and the thesaurus's own expansions
    kept. Words without a translation are dropped: English words match nothing in these
    documents but English quotations."""
    # The glossary's two-word expressions ("pocket money") are rendered whole, and their words
    # are not translated apart: "uang saku" is the point, "uang" alone is in every judgment.
    expressions = glossary_expressions(parsed.terms)
    covered = {at + step for at, _ in expressions for step in (0, 1)}
    free = [term for at, term in enumerate(parsed.terms) if at not in covered]
    # The glossary's words are translated from the glossary alone, the others by meaning; a
    # glossary word those documents use as it is ("hotel", "visa") is kept as well.
    looked_up = [term for term in free if not glossary_renderings(term)]
    found = translations(looked_up, lexicon, embedder)
    kept = {term: (term,) for term in free if term in lexicon.known}
    terms = tuple(dict.fromkeys(w for term in free for w in found.get(term, kept.get(term, ()))))
    # A glossary word's renderings are one group, as a thesaurus concept's terms are: one of
    # them in a document counts once, and one of several words ("luar negeri" for "abroad")
    # is searched as a phrase (its words apart mean something else). On the tune split's
    # English questions (hybrid nDCG@10; those answered in other languages in brackets):
    # without the glossary 0.673 (0.711), its one-word renderings as translated words and the
    # others as phrases 0.687 (0.715), all of them one group 0.695 (0.736). With the tune
    # split's six newer English questions (19 in all): first glossary 0.598, with the second
    # list of words (places, outcomes, roles; some picked from those questions' misses) 0.648.
    glossed = [
        *(renderings for _, renderings in expressions),
        *(renderings for term in free if (renderings := glossary_renderings(term))),
    ]
    return ParsedQuery(
        text=" ".join(terms),
        terms=terms,
        phrases=parsed.phrases,
        expansions=(*parsed.expansions, *glossed),
        citations=parsed.citations,
    )
