"""Words and stems: the one tokenisation shared by indexing and searching.

The full-text index stores *stems* (Snowball "english" for English, "indonesian" for Indonesian
and Malay), so "victims" finds "victim" and "dieksploitasi" finds "eksploitasi". A query's
language is unknown, so each query word is looked up under every stemmer's form (`term_variants`).
Thai is segmented into words and Khmer, Lao and Burmese runs into bigrams, by the same rules
for a document and for a query. What a query *means* (phrases, citations, concepts, language)
is read in `index.query`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import Stemmer

# Python's \w leaves out combining marks, which Thai, Lao, Khmer and Burmese words are full of.
_WORD_CHARS = r"[\w\u0300-\u036f\u0e00-\u0eff\u1000-\u109f\u1780-\u17d3]"
WORD_RE = re.compile(_WORD_CHARS + "+")

STEMMER_BY_LANGUAGE = {"en": "english", "id": "indonesian", "ms": "indonesian"}
QUERY_STEMMERS = ("english", "indonesian")

# Words that carry no weight in a query; dropping them keeps FTS5 from ranking every passage.
_STOPWORD_LIST = """
    a an and are as at be been but by for from had has have in into is it its of on or that the
    their there these this those to was were which who whom with without not no than then so
    such any all also if about after before between under over through during against
    yang dan di ke dari dalam untuk dengan pada ini itu atau oleh sebagai tersebut bahwa juga
    adalah akan telah sudah tidak karena serta para secara atas bagi kepada yaitu maka
    ng sa mga ang ay ba ito kung
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())


@lru_cache(maxsize=8)
def stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


# Thai is segmented with pythainlp. Khmer, Lao and Burmese have no spaCy class and no cheap
# segmenter here: their runs become overlapping character bigrams, so that any query of two or
# more characters finds them.
_SEGMENTED_RE = re.compile(
    r"(?P<thai>[\u0e00-\u0e7f]+)|(?P<bigram>[\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f]+)"
)


def _thai_pieces(run: str) -> Iterator[tuple[int, int]]:
    from pythainlp.tokenize import word_tokenize  # slow import; Thai text is rare

    position = 0
    for token in word_tokenize(run, keep_whitespace=False):
        found = run.find(token, position)
        if found < 0:  # the segmenter normalised something: fall back to the whole rest
            yield position, len(run)
            return
        yield found, found + len(token)
        position = found + len(token)


def _pieces(token: str) -> Iterator[tuple[int, int]]:
    """Offsets of the words inside one WORD_RE match: itself, unless it holds Thai (segmented
    with pythainlp) or Lao/Khmer/Burmese (overlapping character bigrams)."""
    position = 0
    for match in _SEGMENTED_RE.finditer(token):
        if match.start() > position:
            yield position, match.start()
        run_start = match.start()
        if match.lastgroup == "thai":
            yield from ((run_start + a, run_start + b) for a, b in _thai_pieces(match.group()))
        else:
            length = len(match.group())
            yield from (
                (run_start + i, run_start + min(i + 2, length)) for i in range(max(1, length - 1))
            )
        position = match.end()
    if position < len(token):
        yield position, len(token)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word) of every word of `text`, as `words` finds them."""
    if not has_segmented_script(text):
        for match in WORD_RE.finditer(text):
            yield match.start(), match.end(), match.group().lower()
        return
    for match in WORD_RE.finditer(text):
        token = match.group()
        if token.isascii() or not _SEGMENTED_RE.search(token):
            yield match.start(), match.end(), token.lower()
            continue
        for start, end in _pieces(token):
            yield match.start() + start, match.start() + end, token[start:end].lower()


def has_segmented_script(text: str) -> bool:
    # Over the distinct characters: far cheaper than a regex scan of a long passage.
    return not text.isascii() and any("\u0e00" <= ch <= "\u17ff" for ch in set(text))


def fragment_pattern(fragments: Iterable[str]) -> re.Pattern[str]:
    """Finds any of the lower-case `fragments` in lower-cased text, longest first."""
    alternatives = "|".join(re.escape(f) for f in sorted(set(fragments), key=len, reverse=True))
    return re.compile(alternatives)


def enclosing_word(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around text[start:end]."""
    while start > 0 and WORD_RE.match(text, start - 1):
        start -= 1
    while end < len(text) and WORD_RE.match(text, end):
        end += 1
    return start, end


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with Thai segmented and Khmer/Lao/Burmese as bigrams."""
    lowered = text.lower()
    if not has_segmented_script(lowered):
        return WORD_RE.findall(lowered)  # the common case, kept fast for 100 MB corpora
    return [word for _, _, word in word_spans(text)]


def index_terms(text: str, language: str) -> str:
    """The string stored in the FTS5 column: stems of the words, space separated."""
    tokens = words(text)
    algorithm = STEMMER_BY_LANGUAGE.get(language)
    if algorithm:
        tokens = stemmer(algorithm).stemWords(tokens)
    return " ".join(tokens)


def term_variants(word: str) -> frozenset[str]:
    """Every form under which `word` may have been indexed (unknown language)."""
    return frozenset([word, *(stemmer(a).stemWord(word) for a in QUERY_STEMMERS)])


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching (start, end) spans joined, in order: one highlight per run."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def fold_diacritics(terms: str) -> str:
    """`terms` (indexed terms, or a query's form of them) as the FTS5 tokenizer compares and
    stores them (`remove_diacritics`): lower-cased already, Latin diacritics removed, so that a
    form typed without them still finds the passage and its count is the indexed term's."""
    if terms.isascii():
        return terms
    decomposed = unicodedata.normalize("NFKD", terms)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    )
